//! A Leptos app that uses the widget as a component: two `NewsHeadlines`
//! whose `limit` follows a select, and a line that reports the last update.

#[cfg(target_arch = "wasm32")]
fn main() {
    leptos::mount::mount_to_body(app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("a browser app: build it with `trunk build --config examples/leptos-app/Trunk.toml`");
}

#[cfg(target_arch = "wasm32")]
mod app {
    use leptos::prelude::*;
    use news_headlines::attributes::Theme;
    use news_headlines::report::Report;
    use news_headlines::NewsHeadlines;

    /// Two headline lists and a select that sets how many each shows.
    #[component]
    pub fn App() -> impl IntoView {
        let (limit, set_limit) = signal(3_i64);
        let (updates, set_updates) = signal(0_usize);
        let on_report = Callback::new(move |report: Report| {
            if let Report::Updated { .. } = report {
                set_updates.update(|n| *n += 1);
            }
        });
        view! {
            <main style="max-width: 40rem; margin: 2rem auto; font-family: sans-serif">
                <h1>"news-headlines in a Leptos app"</h1>
                <label>
                    "Headlines per list "
                    <select
                        id="limit"
                        on:change=move |event| set_limit.set(event_target_value(&event).parse().unwrap_or(3))
                    >
                        <option value="3" selected>"3"</option>
                        <option value="5">"5"</option>
                        <option value="10">"10"</option>
                    </select>
                </label>
                <p id="updates">{move || format!("{} updates", updates.get())}</p>
                <NewsHeadlines
                    src="/feeds/latest-middle-east.json"
                    heading="Latest in Middle-East"
                    limit
                    refresh=0
                    on_report
                />
                <NewsHeadlines src="/feeds/around-arab-news.json" limit theme=Theme::Dark refresh=0 />
            </main>
        }
    }
}
