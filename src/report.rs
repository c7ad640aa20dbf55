//! What a widget tells whoever embeds it: new headlines, failures, and
//! headlines the reader opens. The custom element turns reports into DOM
//! events (`news-headlines:update`, `:error`, `:click`).

use crate::state::Failure;
use std::rc::Rc;

/// The event of [`Report::Updated`].
pub const UPDATE_EVENT: &str = "news-headlines:update";
/// The event of [`Report::Failed`], and of a widget that stopped (the loader's).
pub const ERROR_EVENT: &str = "news-headlines:error";
/// The event of [`Report::Opened`].
pub const CLICK_EVENT: &str = "news-headlines:click";

/// One report.
#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    /// New headlines are shown: how many came in, went out, and show now.
    Updated {
        /// Headlines that were not shown before.
        added: usize,
        /// Headlines that are no longer shown.
        removed: usize,
        /// Headlines shown now.
        total: usize,
        /// How old the copy shown is, in seconds, when its answer tells
        /// (`Date`, `Age`): more than a moment for a stored copy.
        age: Option<u32>,
    },
    /// The latest attempt failed (the last good headlines stay).
    Failed(Failure),
    /// The reader opened a headline (a click, a middle click, Enter).
    Opened {
        /// The item's id.
        id: String,
        /// The link opened (with the `link-params`).
        url: String,
        /// Its place in the list, from 1.
        position: usize,
        /// The feed's URL.
        feed: String,
    },
}

/// The embedder's callback for [`Report`]s.
pub type Reporter = Rc<dyn Fn(&Report)>;
