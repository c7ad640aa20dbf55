//! The stories the publisher hands out: a long, varied sequence per
//! language, in the style of the seed page's headlines. Each story is a
//! headline pattern set in a place; the patterns and the places are
//! coprime in number, so consecutive stories change both and a feed sees
//! `patterns × places` distinct headlines (more than [`crate::MAX_ITEMS`])
//! before the first comes back: a list never shows one twice.

use crate::dates::format_rfc3339;
use serde_json::{json, Value};

/// A headline and its teaser, `{}` standing for the place.
type Pattern = (&'static str, &'static str);
/// (slug, dateline, the place as the patterns name it)
type Place = (&'static str, &'static str, &'static str);

const ENGLISH_PATTERNS: [Pattern; 11] = [
    (
        "{} unveils plan to expand renewable energy",
        "Officials in {} presented a plan on Thursday to add solar and wind capacity…",
    ),
    (
        "{} hosts regional talks on water security",
        "Delegations from across the region gathered in {} to discuss shared rivers and…",
    ),
    (
        "{} opens new metro line to ease traffic",
        "The first trains ran on Thursday on a line that officials in {} say will…",
    ),
    (
        "{} reports strong growth in tourist arrivals",
        "Official figures show visitor numbers to {} rose sharply this season as…",
    ),
    ("Startups in {} attract record investment", "Young companies in {} raised more money last quarter than in any…"),
    (
        "{} launches campaign to plant a million trees",
        "Volunteers in {} began planting on Thursday in a campaign that…",
    ),
    (
        "Archaeologists in {} uncover ancient trading post",
        "A team working in {} said the site could change what is known about…",
    ),
    (
        "{} central bank holds interest rates steady",
        "The central bank in {} kept its benchmark rate unchanged on Thursday, citing…",
    ),
    ("Wheat harvest in {} beats forecasts", "Farmers in {} brought in more wheat than expected this year after…"),
    ("{} signs agreement to expand port capacity", "The deal signed in {} on Thursday will add new berths and…"),
    ("Film festival in {} draws record crowds", "Organisers in {} said ticket sales passed last year’s record as…"),
];

const ENGLISH_PLACES: [Place; 12] = [
    ("saudi-arabia", "RIYADH", "Saudi Arabia"),
    ("jordan", "AMMAN", "Jordan"),
    ("egypt", "CAIRO", "Egypt"),
    ("lebanon", "BEIRUT", "Lebanon"),
    ("oman", "MUSCAT", "Oman"),
    ("kuwait", "KUWAIT CITY", "Kuwait"),
    ("morocco", "RABAT", "Morocco"),
    ("bahrain", "MANAMA", "Bahrain"),
    ("qatar", "DOHA", "Qatar"),
    ("iraq", "BAGHDAD", "Iraq"),
    ("tunisia", "TUNIS", "Tunisia"),
    ("uae", "DUBAI", "UAE"),
];

/// Nominal headlines: no verb has to agree with the place's gender.
const ARABIC_PATTERNS: [Pattern; 7] = [
    (
        "خطة جديدة لتوسيع الطاقة المتجددة في {}",
        "قدّم مسؤولون في {} يوم الخميس خطة لإضافة قدرات جديدة من الطاقة الشمسية وطاقة الرياح…",
    ),
    ("محادثات إقليمية حول الأمن المائي في {}", "اجتمعت في {} وفود من دول المنطقة لبحث تقاسم مياه الأنهار و…"),
    ("افتتاح خط مترو جديد في {} لتخفيف الازدحام", "انطلقت يوم الخميس أولى الرحلات على خط يقول المسؤولون في {} إنه…"),
    ("نمو قوي في أعداد السياح القادمين إلى {}", "أظهرت أرقام رسمية ارتفاعًا كبيرًا في أعداد زوار {} هذا الموسم مع…"),
    ("استثمارات قياسية في الشركات الناشئة في {}", "جمعت الشركات الناشئة في {} خلال الربع الأخير أموالًا تفوق أي…"),
    ("اكتشاف أثري جديد في {} يعود إلى آلاف السنين", "قال فريق من علماء الآثار يعمل في {} إن الموقع قد يغيّر ما نعرفه عن…"),
    (
        "مهرجان سينمائي في {} يجذب أعدادًا قياسية من الجمهور",
        "قال المنظمون في {} إن مبيعات التذاكر تجاوزت رقم العام الماضي مع…",
    ),
];

const ARABIC_PLACES: [Place; 10] = [
    ("saudi-arabia", "الرياض", "السعودية"),
    ("jordan", "عمّان", "الأردن"),
    ("egypt", "القاهرة", "مصر"),
    ("lebanon", "بيروت", "لبنان"),
    ("oman", "مسقط", "عُمان"),
    ("kuwait", "الكويت", "الكويت"),
    ("morocco", "الرباط", "المغرب"),
    ("bahrain", "المنامة", "البحرين"),
    ("qatar", "الدوحة", "قطر"),
    ("tunisia", "تونس", "تونس"),
];

/// The stories of one language.
struct Pool {
    patterns: &'static [Pattern],
    places: &'static [Place],
    /// The section in the article's URL.
    section: &'static str,
}

const ENGLISH: Pool = Pool { patterns: &ENGLISH_PATTERNS, places: &ENGLISH_PLACES, section: "middle-east" };
const ARABIC: Pool = Pool { patterns: &ARABIC_PATTERNS, places: &ARABIC_PLACES, section: "ar/middle-east" };

/// How many distinct stories a feed in `language` sees before they repeat.
#[cfg(test)]
pub fn distinct(language: &str) -> usize {
    let pool = pool(language);
    pool.patterns.len() * pool.places.len()
}

/// Whether the pool has stories in `language` (else [`item`] writes English).
pub fn speaks(language: &str) -> bool {
    matches!(language, "en" | "ar")
}

fn pool(language: &str) -> &'static Pool {
    if language == "ar" {
        &ARABIC
    } else {
        &ENGLISH
    }
}

/// The `nth` story (from 1) of a feed in `language`, as a JSON Feed item
/// dated `now` (Unix seconds), with the id `live-<number>-<slug>`
/// (`number` is unique across feeds).
pub fn item(language: &str, nth: u64, number: u64, now: i64) -> (Value, String) {
    let pool = pool(language);
    let k = nth.saturating_sub(1);
    let at = |len: usize| usize::try_from(k % len as u64).unwrap_or_default();
    let (headline, teaser) = pool.patterns.get(at(pool.patterns.len())).copied().unwrap_or_default();
    let (place_slug, dateline, place) = pool.places.get(at(pool.places.len())).copied().unwrap_or_default();
    let slug = format!("{place_slug}-{}", at(pool.patterns.len()) + 1);
    let id = format!("live-{number}-{slug}");
    let item = json!({
        "id": id,
        "url": format!("https://www.arabnews.com/node/{}/{}/{slug}", 990_300 + number, pool.section),
        "title": headline.replace("{}", place),
        "summary": teaser.replace("{}", place),
        "date_published": format_rfc3339(now),
        "tags": ["middle-east", "live"],
        "_news": {"dateline": dateline},
    });
    (item, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_language_has_more_distinct_stories_than_a_feed_keeps() {
        for language in ["en", "ar"] {
            let titles: HashSet<String> = (1..=distinct(language) as u64)
                .map(|nth| item(language, nth, nth, 0).0["title"].as_str().unwrap_or_default().to_owned())
                .collect();
            assert_eq!(titles.len(), distinct(language), "{language}: every story of the cycle is distinct");
            assert!(distinct(language) > crate::MAX_ITEMS, "{language}: {}", distinct(language));
        }
    }

    #[test]
    fn consecutive_stories_change_place_and_headline() {
        let (a, b) = (item("en", 1, 1, 0).0, item("en", 2, 2, 0).0);
        assert_ne!(a["_news"]["dateline"], b["_news"]["dateline"]);
        assert_eq!(a["title"], "Saudi Arabia unveils plan to expand renewable energy");
        assert_eq!(b["title"], "Jordan hosts regional talks on water security");
        assert_eq!(item("ar", 1, 1, 0).0["title"], "خطة جديدة لتوسيع الطاقة المتجددة في السعودية");
    }
}
