//! The code for the publisher's page: the hosting base (this site unless
//! changed), the pinned snippet with a copy button, and the link that shares
//! this configuration.

use crate::browser;
use crate::copy::CopyButton;
use crate::offer::Check;
use crate::setup::{Setup, Ui};
use crate::snippet::{is_base_url, Embed, Release};
use crate::WIDGET_VERSION;
use leptos::prelude::*;
use news_headlines::attributes::HEADING;

/// The snippet's id (the copy button selects it when the clipboard refuses).
const CODE_ID: &str = "embed-code";
/// The share link's id.
const LINK_ID: &str = "share-link";

/// The hosting base field, the snippet and the share link.
#[component]
pub fn Code(
    setup: RwSignal<Setup>,
    feed_url: Memo<Option<String>>,
    check: RwSignal<Check>,
    release: RwSignal<Option<Result<Release, String>>>,
    ui: Memo<Ui>,
) -> impl IntoView {
    let folder = browser::page_folder();
    let base = {
        let folder = folder.clone();
        Memo::new(move |_| setup.with(|s| s.cdn.clone()).unwrap_or_else(|| folder.clone()))
    };
    let set_base = move |event: leptos::ev::Event| {
        let typed = event_target_value(&event);
        let cdn = (!typed.trim().is_empty() && typed.trim() != folder).then(|| typed.trim().to_owned());
        setup.update(|s| s.cdn = cdn);
    };
    let base_ok = Memo::new(move |_| is_base_url(&base.get()));
    let codes = Memo::new(move |_| {
        let feed = feed_url.get()?;
        if !base_ok.get() {
            return None;
        }
        let release = release.with(|r| r.clone()?.ok())?;
        let attributes = setup.with(Setup::attributes);
        let (href, text) = check.with(|check| (fallback_href(&feed, check), setup.with(|s| fallback_text(s, check))));
        let embed = Embed {
            release: &release,
            base: &base.get(),
            feed: &feed,
            attributes: &attributes,
            fallback_href: &href,
            fallback_text: &text,
        };
        Some(Codes {
            script: embed.html(),
            iframe: embed.iframe_html(),
            amp: embed.amp_html(),
            page: embed.page_url(),
            sandbox: embed.sandbox(),
            height: embed.height(),
            title: text,
        })
    });
    let code = Memo::new(move |_| codes.with(|c| c.as_ref().map(|c| c.script.clone())));
    let link = Memo::new(move |_| browser::page_url(&setup.with(Setup::to_query)));
    let words = move || ui.get().words();
    let status = move || match (feed_url.with(Option::is_some), release.get()) {
        (_, Some(Err(why))) => Some(format!("{} {why}", words().no_release)),
        (false, _) => Some(words().code_waits.to_owned()),
        _ => None,
    };
    let base_problem = move || (!base_ok.get()).then(|| words().bad_cdn);
    view! {
        <div class="field">
            <label for="cdn">{move || words().cdn_label}</label>
            <input
                id="cdn"
                type="url"
                dir="ltr"
                inputmode="url"
                spellcheck="false"
                aria-describedby="cdn-hint cdn-problem"
                aria-invalid=move || (!base_ok.get()).then_some("true")
                prop:value=base
                on:change=set_base
            />
            <p class="hint" id="cdn-hint">
                {move || words().cdn_hint}
                " "
                <code>{format!("news-headlines/{WIDGET_VERSION}/")}</code>
            </p>
            <p class="problem" id="cdn-problem" aria-live="polite">{base_problem}</p>
        </div>
        <div class="codes">
        <div class="field">
            <label for=CODE_ID>{move || words().code_label}</label>
            <textarea
                id=CODE_ID
                readonly
                rows="11"
                spellcheck="false"
                dir="ltr"
                aria-describedby="code-status"
                prop:value=move || code.get().unwrap_or_default()
            ></textarea>
            <p class="note" id="code-status">{status}</p>
            <CopyButton
                target=CODE_ID
                text=Signal::derive(move || code.get().unwrap_or_default())
                label=Signal::derive(move || words().copy_code)
                ui
            />
        </div>
        <NoScriptCode id=IFRAME_ID codes label=Signal::derive(move || words().iframe_label) code=|c| c.iframe.clone() ui />
        <NoScriptCode id=AMP_ID codes label=Signal::derive(move || words().amp_label) code=|c| c.amp.clone() ui />
        </div>
        <div class="field">
            <label for=LINK_ID>{move || words().share_label}</label>
            <input id=LINK_ID type="url" readonly dir="ltr" prop:value=link />
            <CopyButton target=LINK_ID text=link.into() label=Signal::derive(move || words().copy_link) ui />
        </div>
    }
}

/// The iframe code's id.
const IFRAME_ID: &str = "iframe-code";
/// The AMP code's id.
const AMP_ID: &str = "amp-code";

/// The three codes for one configuration, and the embed page they show.
#[derive(Clone, PartialEq)]
struct Codes {
    script: String,
    iframe: String,
    amp: String,
    page: String,
    sandbox: String,
    height: u32,
    title: String,
}

/// A code for hosts without scripts (the iframe, AMP's `amp-iframe`), its
/// copy button, and its live preview: the embed page it names, sandboxed as
/// the code says, at its height, made only once opened (each change of
/// option reloads it, and the feed with it).
#[component]
fn NoScriptCode(
    id: &'static str,
    codes: Memo<Option<Codes>>,
    label: Signal<&'static str>,
    code: fn(&Codes) -> String,
    ui: Memo<Ui>,
) -> impl IntoView {
    let text = Memo::new(move |_| codes.with(|c| c.as_ref().map(code)).unwrap_or_default());
    // The preview exists only while open: closed, it loads nothing (not every engine defers a lazy iframe there).
    let open = RwSignal::new(false);
    let preview = move || codes.get().filter(|_| open.get());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <textarea id=id readonly rows="8" spellcheck="false" dir="ltr" prop:value=text></textarea>
            <CopyButton target=id text=text.into() label=Signal::derive(move || ui.get().words().copy_code) ui />
            <details class="embed-preview" on:toggle=move |_| open.update(|open| *open = !*open)>
                <summary>{move || ui.get().words().preview_code}</summary>
                {move || {
                    preview()
                        .map(|c| {
                            view! {
                                <iframe
                                    src=c.page
                                    sandbox=c.sandbox
                                    height=c.height.to_string()
                                    title=c.title
                                ></iframe>
                            }
                        })
                }}
            </details>
        </div>
    }
}

/// The fallback link's text: the heading set, else the feed's title, else a generic one.
pub fn fallback_text(setup: &Setup, check: &Check) -> String {
    let heading = setup.attributes().into_iter().find(|(name, _)| *name == HEADING.name).map(|(_, heading)| heading);
    let title = check.offer().and_then(|offer| offer.title.clone());
    heading.or(title).unwrap_or_else(|| setup.ui.words().fallback_text.to_owned())
}

/// The fallback link's target: the feed's home page, else the feed.
pub fn fallback_href(feed_url: &str, check: &Check) -> String {
    let home = check.offer().and_then(|offer| offer.home_page_url.as_deref());
    home.and_then(|home| browser::http_url(home, Some(feed_url))).unwrap_or_else(|| feed_url.to_owned())
}
