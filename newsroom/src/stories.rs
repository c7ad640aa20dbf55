//! The pool of extra stories the publisher hands out, round-robin.

use crate::dates::format_rfc3339;
use serde_json::{json, Value};

/// (slug, dateline, title, teaser)
const POOL: [(&str, &str, &str, &str); 10] = [
    (
        "gcc-ministers-riyadh",
        "RIYADH",
        "GCC ministers meet in Riyadh to discuss regional security",
        "Foreign ministers of the Gulf Cooperation Council gathered in Riyadh on Thursday to…",
    ),
    (
        "aid-convoy-southern-syria",
        "AMMAN",
        "Aid convoy crosses into southern Syria from Jordan",
        "A convoy of trucks carrying food and medical supplies crossed the border early on…",
    ),
    (
        "suez-canal-revenues",
        "CAIRO",
        "Suez Canal revenues edge up as traffic recovers",
        "Egypt’s Suez Canal Authority said revenues rose slightly last month as more…",
    ),
    (
        "lebanon-power-cuts-plan",
        "BEIRUT",
        "Lebanon unveils plan to end daily power cuts",
        "Lebanon’s energy minister presented a plan on Thursday to bring round-the-clock electricity…",
    ),
    (
        "oman-winter-tourists",
        "MUSCAT",
        "Oman welcomes record number of winter tourists",
        "Oman’s tourism ministry said hotel occupancy reached a record high this season as…",
    ),
    (
        "kuwait-budget-debate",
        "KUWAIT CITY",
        "Kuwait parliament opens debate on new budget",
        "Kuwaiti lawmakers began debating the draft budget on Thursday amid calls to…",
    ),
    (
        "morocco-solar-phase",
        "RABAT",
        "Morocco switches on new phase of desert solar plant",
        "Morocco has connected a new phase of its solar complex near Ouarzazate to the grid, adding…",
    ),
    (
        "un-envoy-yemen-talks",
        "GENEVA",
        "UN envoy calls for new round of Yemen talks",
        "The United Nations special envoy for Yemen urged the warring parties to return to…",
    ),
    (
        "qatar-stadium-opens",
        "DOHA",
        "Qatar opens another World Cup stadium ahead of schedule",
        "Qatar inaugurated another football stadium on Thursday, saying construction…",
    ),
    (
        "bahrain-grand-prix-tickets",
        "MANAMA",
        "Bahrain Grand Prix tickets sell out in hours",
        "Tickets for the season-opening race in Sakhir sold out within hours of going on sale…",
    ),
];

/// The `number`th published story (from 1) as a JSON Feed item dated `now`
/// (Unix seconds), with its id `live-<number>-<slug>`.
pub fn item(number: u64, now: i64) -> (Value, String) {
    let (slug, dateline, title, summary) = POOL[(number.saturating_sub(1) % POOL.len() as u64) as usize];
    let id = format!("live-{number}-{slug}");
    let item = json!({
        "id": id,
        "url": format!("https://www.arabnews.com/node/{}/middle-east/{slug}", 990_300 + number),
        "title": title,
        "summary": summary,
        "date_published": format_rfc3339(now),
        "tags": ["middle-east", "live"],
        "_news": {"dateline": dateline},
    });
    (item, id)
}
