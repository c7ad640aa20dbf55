//! Checks a feed the way the widget does: the widget's own fetch and
//! parser, hence its own messages; where its message cannot tell (a failed
//! request), a no-cors probe tells an unreachable address from a server that
//! sends no CORS header for this origin.

use crate::browser;
use crate::offer::{Verdict, Why};
use news_headlines::api::{self, FetchError};

/// What checking the feed at `url` (absolute) finds.
pub async fn check(url: &str) -> Verdict {
    let failed = |error: FetchError, why| Verdict::Unusable { widget: error.to_string(), why };
    match api::fetch(url, false).await {
        Ok(fetched) => match fetched.parse().await {
            Ok(feed) => Verdict::of(&feed),
            Err(error) => failed(error, None),
        },
        Err(FetchError::Network) => {
            let why = if browser::answers_without_cors(url).await { Why::NoCors } else { Why::Unreachable };
            failed(FetchError::Network, Some(why))
        }
        Err(error) => failed(error, None),
    }
}
