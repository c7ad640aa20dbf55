//! Plain text from feed HTML: markup reduced to text with html5ever's
//! tokenizer (entities decoded, tags and scripts dropped, white space folded),
//! the first real image of a description, lengths clamped on character
//! boundaries, and a leading dateline (`VIENNA: …`) split off the summary.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::TokenizerResult;
use std::cell::RefCell;

/// The widget's limits (its feed model keeps no more): longest title and
/// summary written, longest dateline recognised, in characters.
pub use news_headlines::feed::{clamp, MAX_DATELINE_CHARS, MAX_TEASER_CHARS as MAX_SUMMARY_CHARS, MAX_TITLE_CHARS};
/// Longest tag kept, in characters.
pub const MAX_TAG_CHARS: usize = 100;

/// HTML reduced to text, and the first image it shows.
#[derive(Debug, Default, PartialEq)]
pub struct Reduced {
    /// The text: entities decoded, tags dropped, white space folded.
    pub text: String,
    /// `src` of the first `<img>` that is not a tracking pixel, as written.
    pub first_image: Option<String>,
}

/// Reduces an HTML fragment to plain text (see [`Reduced`]).
pub fn reduce_html(html: &str) -> Reduced {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // The collector never asks for a script to run, so the tokenizer runs to the end.
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    let collector = tokenizer.sink;
    Reduced { text: fold_whitespace(&collector.text.into_inner()), first_image: collector.image.into_inner() }
}

/// Folds runs of white space into single spaces, trims the ends and drops
/// the characters the widget refuses to show (see `is_hidden_char`).
pub fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let word: String = word.chars().filter(|c| !is_hidden_char(*c)).collect();
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&word);
        }
    }
    out
}

/// Characters that reorder or hide the text around them (bidi embeddings,
/// overrides, isolates and marks, zero-width space, word joiners, BOM,
/// interlinear annotations) and controls: the widget drops them, so an item
/// made only of them would not be usable. Joiners (U+200C, U+200D) stay.
fn is_hidden_char(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
        || (c.is_control() && !c.is_whitespace())
}

/// Elements whose content is not text for a reader.
const SKIPPED: &[&str] = &["script", "style", "template", "noscript", "iframe", "noembed", "noframes", "xmp"];
/// Elements that separate words: their boundaries become spaces.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// The token sink: appends character data, skips non-text elements.
#[derive(Default)]
struct Collector {
    text: RefCell<String>,
    image: RefCell<Option<String>>,
    /// The element being skipped (its content is raw text up to its end tag).
    skipping: RefCell<Option<String>>,
}

impl Collector {
    fn tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        if self.skipping.borrow().is_some() {
            if tag.kind == TagKind::EndTag && self.skipping.borrow().as_deref() == Some(name) {
                *self.skipping.borrow_mut() = None;
            }
            return TokenSinkResult::Continue;
        }
        if BLOCKS.contains(&name) {
            self.text.borrow_mut().push(' ');
        }
        if tag.kind == TagKind::StartTag && name == "img" && self.image.borrow().is_none() {
            *self.image.borrow_mut() = image_source(tag);
        }
        if tag.kind == TagKind::StartTag && !tag.self_closing && SKIPPED.contains(&name) {
            *self.skipping.borrow_mut() = Some(name.to_owned());
            let kind = if name == "script" { RawKind::ScriptData } else { RawKind::Rawtext };
            return TokenSinkResult::RawData(kind);
        }
        TokenSinkResult::Continue
    }
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => self.tag(&tag),
            Token::CharacterTokens(chars) if self.skipping.borrow().is_none() => {
                self.text.borrow_mut().push_str(&chars);
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// The `src` of an `<img>`, unless it is a 1×1 (or smaller) tracking pixel.
fn image_source(tag: &Tag) -> Option<String> {
    let attribute = |name: &str| tag.attrs.iter().find(|a| &*a.name.local == name).map(|a| a.value.trim().to_owned());
    let tiny = ["width", "height"].iter().any(|side| attribute(side).is_some_and(|v| matches!(v.as_str(), "0" | "1")));
    attribute("src").filter(|src| !tiny && !src.is_empty() && !src.starts_with("data:"))
}

/// Editorial labels that look like datelines but are not places.
const NOT_PLACES: &[&str] = &[
    "ANALYSIS",
    "BREAKING",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "EXPLAINER",
    "FACTBOX",
    "LIVE",
    "NOTE",
    "OPINION",
    "PHOTOS",
    "REVIEW",
    "UPDATE",
    "UPDATED",
    "VIDEO",
    "WATCH",
];

/// Splits a leading dateline off a summary: an upper-case place name,
/// optionally followed by `, Region` or ` / PLACE` parts and an agency in
/// parentheses, then `:` or ` — ` (or ` – `), then the start of a sentence
/// (an upper-case letter, a digit or a quote), e.g. `VIENNA: A landmark …` or
/// `RAMAT GAN, Israel (AP) — Israeli ex-president …`. Returns the place and
/// the rest of the summary.
pub fn split_dateline(summary: &str) -> Option<(String, String)> {
    let (head, rest) = [": ", " — ", " – "]
        .iter()
        .filter_map(|separator| summary.split_once(separator))
        .min_by_key(|(head, _)| head.len())?;
    let rest = rest.trim();
    let starts_sentence =
        rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c));
    if !starts_sentence || head.chars().count() > MAX_DATELINE_CHARS + 20 {
        return None;
    }
    let place = strip_agency(head.trim());
    let mut parts = place.split([',', '/']).map(str::trim);
    let first = parts.next()?;
    let valid = is_upper_place(first)
        && !NOT_PLACES.contains(&first)
        && parts.all(|part| is_upper_place(part) || is_title_place(part))
        && place.chars().count() <= MAX_DATELINE_CHARS
        && place.split(' ').count() <= 6;
    valid.then(|| (place.to_owned(), rest.to_owned()))
}

/// `VIENNA (AP)` → `VIENNA`: drops a short parenthesised agency at the end.
fn strip_agency(head: &str) -> &str {
    match head.strip_suffix(')').and_then(|h| h.rsplit_once('(')) {
        Some((place, agency)) if (1..=20).contains(&agency.chars().count()) => place.trim_end(),
        _ => head,
    }
}

/// Characters allowed in a place name besides letters.
fn is_place_punctuation(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '\'' | '’')
}

/// `VIENNA`, `RAMAT GAN`, `WASHINGTON D.C.`: letters all upper case, at least two.
fn is_upper_place(part: &str) -> bool {
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && part.chars().all(|c| c.is_uppercase() || is_place_punctuation(c))
        && !part.starts_with(is_place_punctuation)
}

/// `Israel`, `Calif.`, `New York`: words starting with an upper-case letter.
fn is_title_place(part: &str) -> bool {
    !part.is_empty()
        && part.split(' ').all(|word| {
            word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(|c| c.is_alphabetic() || is_place_punctuation(c))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_entities_drops_tags_and_folds_white_space() {
        let reduced = reduce_html("<p>Tom &amp; Jerry&nbsp;&#8217;s\n\n <b>big</b>   day</p><p>Second&hellip;</p>");
        assert_eq!(reduced.text, "Tom & Jerry\u{a0}’s big day Second…".replace('\u{a0}', " "));
    }

    #[test]
    fn drops_script_style_and_noscript_content() {
        let html = "Before<script>alert('x</p>')</script><style>p{color:red}</style><noscript>nojs</noscript> after";
        assert_eq!(reduce_html(html).text, "Before after");
    }

    #[test]
    fn keeps_plain_text_with_stray_markup_characters() {
        assert_eq!(reduce_html("AT&T < Verizon & 3 > 2").text, "AT&T < Verizon & 3 > 2");
    }

    #[test]
    fn blocks_separate_words_but_inline_tags_do_not() {
        assert_eq!(reduce_html("one<br>two<li>three</li>f<i>ou</i>r").text, "one two three four");
    }

    #[test]
    fn finds_the_first_image_but_not_a_tracking_pixel() {
        let html = r#"<img src="https://feeds.example/pixel" width="1" height="1"><p><img src="/a.jpg"> text</p>"#;
        let reduced = reduce_html(html);
        assert_eq!(reduced.first_image.as_deref(), Some("/a.jpg"));
        assert_eq!(reduced.text, "text");
        assert_eq!(reduce_html(r#"<img src="data:image/gif;base64,R0lG">"#).first_image, None);
    }

    #[test]
    fn drops_bidi_overrides_and_invisible_characters_but_keeps_joiners() {
        assert_eq!(fold_whitespace("abc\u{202E}fed \u{2066}x\u{0007} \u{202E}"), "abcfed x");
        assert_eq!(fold_whitespace("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }

    #[test]
    fn keeps_arabic_and_right_to_left_text_exactly() {
        let arabic = "يسرّني الإعلان عن مشروعي الجديد: WebCeph، تطبيق ويب مجّانيّ";
        assert_eq!(reduce_html(&format!("<p>{arabic}</p>")).text, arabic);
    }

    #[test]
    fn splits_colon_and_dash_datelines() {
        let split = |s: &str| split_dateline(s).map(|(d, r)| (d, r.chars().take(12).collect::<String>()));
        assert_eq!(split("VIENNA: A landmark nuclear accord"), Some(("VIENNA".into(), "A landmark n".into())));
        assert_eq!(split("WASHINGTON — The United States"), Some(("WASHINGTON".into(), "The United S".into())));
        assert_eq!(
            split("RAMAT GAN, ISRAEL: Israeli ex-president"),
            Some(("RAMAT GAN, ISRAEL".into(), "Israeli ex-p".into()))
        );
        assert_eq!(
            split("BRATISLAVA, Slovakia (AP) – NATO head"),
            Some(("BRATISLAVA, Slovakia".into(), "NATO head".into()))
        );
    }

    #[test]
    fn leaves_summaries_without_a_dateline_alone() {
        for summary in [
            "Vienna: not upper case",
            "BREAKING: an editorial label",
            "The minister said: nothing",
            "VIENNA:",
            "HILLARY CLINTON: …of what we heard Donald say",
            "WASHINGTON: lower-case start is not a sentence",
            "A VERY LONG UPPER CASE SENTENCE THAT GOES ON AND ON FOR FAR TOO MANY WORDS TO BE A PLACE: rest",
            "فيينا: لا حروف كبيرة في العربية",
            "9/11: no letters",
        ] {
            assert_eq!(split_dateline(summary), None, "{summary}");
        }
    }
}
