//! A control for every option of the attribute table: keywords as selects,
//! whole numbers and seconds as number inputs bounded by the table, text as
//! text fields; each with its description, its default and, for a value the
//! widget would not use, what to give instead.

use crate::described::Described;
use crate::offer::Check;
use crate::setup::{self, Setup, Ui};
use leptos::prelude::*;
use news_headlines::attributes::{Attribute, Syntax, LANG, TAG};

/// Every option, in the table's order.
#[component]
pub fn Controls(setup: RwSignal<Setup>, check: RwSignal<Check>, ui: Memo<Ui>) -> impl IntoView {
    let tags = move || check.with(|check| check.offer().map(|offer| offer.tags.clone()).unwrap_or_default());
    view! {
        <div class="controls">
            {setup::options().map(|attribute| view! { <Control attribute setup ui /> }).collect_view()}
        </div>
        <datalist id="feed-tags">
            {move || tags().into_iter().map(|tag| view! { <option value=tag></option> }).collect_view()}
        </datalist>
        <datalist id="widget-languages">
            {news_headlines::i18n::LANGUAGES
                .iter()
                .map(|table| view! { <option value=table.code>{table.name}</option> })
                .collect_view()}
        </datalist>
    }
}

/// One option: its label (the attribute's name), its input, its description
/// and default, and its problem.
#[component]
fn Control(attribute: &'static Attribute, setup: RwSignal<Setup>, ui: Memo<Ui>) -> impl IntoView {
    let id = format!("option-{}", attribute.name);
    let described_by = format!("{id}-hint {id}-problem");
    let value = Memo::new(move |_| setup.with(|s| s.value(attribute.name)));
    let problem = Memo::new(move |_| setup.with(|s| s.problem(attribute)));
    let set = move |event: leptos::ev::Event| setup.update(|s| s.set(attribute.name, &event_target_value(&event)));
    let invalid = move || problem.get().is_some().then_some("true");
    let input = match attribute.syntax {
        Syntax::Keyword(keywords) => {
            let option = move |keyword: &'static str| {
                let is_default = attribute.default_value() == Some(keyword);
                let mark =
                    move || if is_default { format!(" {}", ui.get().words().default_mark) } else { String::new() };
                view! {
                    <option value=keyword prop:selected=move || value.get().eq_ignore_ascii_case(keyword)>
                        {keyword}
                        {mark}
                    </option>
                }
            };
            view! {
                <select id=id.clone() aria-describedby=described_by.clone() aria-invalid=invalid on:change=set>
                    {keywords.iter().map(|keyword| option(keyword)).collect_view()}
                </select>
            }
            .into_any()
        }
        Syntax::Integer { .. } | Syntax::Seconds { .. } => {
            // Seconds accept 0 ("never") below their minimum, and have no maximum.
            let (min, max) = match attribute.syntax {
                Syntax::Integer { min, max } => (min, Some(max)),
                _ => (0, None),
            };
            view! {
                <input
                    id=id.clone()
                    type="number"
                    inputmode="numeric"
                    min=min
                    max=max
                    step="1"
                    aria-describedby=described_by.clone()
                    aria-invalid=invalid
                    prop:value=value
                    on:input=set
                />
            }
            .into_any()
        }
        Syntax::Url | Syntax::Text | Syntax::BrowsingContext | Syntax::Language => {
            let list = match attribute.name {
                name if name == TAG.name => Some("feed-tags"),
                name if name == LANG.name => Some("widget-languages"),
                _ => None,
            };
            let placeholder =
                move || attribute.default_value().is_none().then(|| plain(ui.get().default_of(attribute)));
            view! {
                <input
                    id=id.clone()
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    list=list
                    placeholder=placeholder
                    aria-describedby=described_by.clone()
                    aria-invalid=invalid
                    prop:value=value
                    on:input=set
                />
            }
            .into_any()
        }
    };
    view! {
        <div class="control">
            <label for=id.clone()>
                <code>{attribute.name}</code>
            </label>
            {input}
            <p class="hint" id=format!("{id}-hint")>
                <Described text=Signal::derive(move || ui.get().description(attribute)) />
                " "
                <span class="default">
                    {move || ui.get().words().default_is}
                    " "
                    <Described text=Signal::derive(move || ui.get().default_of(attribute)) />
                </span>
            </p>
            <p class="problem" id=format!("{id}-problem") aria-live="polite">
                {move || problem.get().map(|problem| ui.get().problem(problem))}
            </p>
        </div>
    }
}

/// `text` without its backticks (for a placeholder).
fn plain(text: &str) -> String {
    text.replace('`', "")
}
