//! Text clean-up for untrusted feed strings: whitespace folding, bidi and
//! control character removal, and length clamping on character boundaries;
//! markup left in plain-text fields removed without an HTML parser; and the
//! headline of an item without a title.

/// Longest headline kept, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest teaser kept, in characters.
pub const MAX_TEASER_CHARS: usize = 600;
/// Longest dateline kept, in characters.
pub const MAX_DATELINE_CHARS: usize = 60;
/// Longest id or tag kept, in characters.
pub const MAX_ID_CHARS: usize = 200;

/// Characters that could reorder the text around them (embeddings,
/// overrides, isolates, marks), invisible format characters that can hide
/// text (zero-width space, word joiners, BOM, interlinear annotations), and
/// controls. Joiners (U+200C, U+200D) stay: Persian and emoji need them.
fn is_unsafe_char(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || matches!(c, '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
        || (c.is_control() && !c.is_whitespace())
}

/// Folds runs of white space into one space, drops unsafe characters and
/// trims the ends. Returns `None` when nothing is left.
pub fn clean(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        let end = out.len();
        if end > 0 {
            out.push(' ');
        }
        let start = out.len();
        out.extend(word.chars().filter(|c| !is_unsafe_char(*c)));
        if out.len() == start {
            // Nothing of the word was left: nor is the space before it.
            out.truncate(end);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Cuts `text` to at most `max` characters, at a word boundary where one is
/// near, ending with an ellipsis when anything was cut.
pub fn clamp(text: String, max: usize) -> String {
    match cut(&text, max) {
        Some(end) => clamped_head(&text, end),
        None => text,
    }
}

/// Where [`clamp`] cuts `text` (a byte offset), or `None` if it fits.
fn cut(text: &str, max: usize) -> Option<usize> {
    let (at, _) = text.char_indices().nth(max)?;
    let head = text.get(..at).unwrap_or_default();
    Some(match head.rfind(' ') {
        Some(space) if head.get(..space).is_some_and(|h| h.chars().count() > max / 2) => space,
        _ => at,
    })
}

/// `text` up to byte `end`, without trailing punctuation, and an ellipsis.
fn clamped_head(text: &str, end: usize) -> String {
    let mut out = text.get(..end).unwrap_or_default().trim_end_matches([' ', '.', ',', ';', ':']).to_owned();
    out.push('…');
    out
}

/// [`clean`] then [`clamp`].
pub fn clean_clamped(raw: &str, max: usize) -> Option<String> {
    clean(raw).map(|text| clamp(text, max))
}

/// Plain text from a field that should hold plain text (`title`,
/// `summary`, `content_text`) but may carry HTML: [`unmarked`], then [`clean`].
pub fn plain(raw: &str) -> Option<String> {
    clean(&unmarked(raw))
}

/// Like [`plain`], but keeping the breaks between lines (and between
/// block-level elements) as single `\n`s, for [`split_headline`].
pub fn paragraphs(raw: &str) -> Option<String> {
    let mut joined = String::new();
    for line in unmarked(raw).split(is_line_break).filter_map(clean) {
        if !joined.is_empty() {
            joined.push('\n');
        }
        joined.push_str(&line);
    }
    (!joined.is_empty()).then_some(joined)
}

/// Where [`paragraphs`] splits lines.
fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `text` with its line breaks as spaces.
pub fn unfold(text: &str) -> String {
    text.replace('\n', " ")
}

/// A headline needs this many characters before a sentence end or a line
/// break can end it ("Dr. Smith" is not a headline).
const MIN_HEADLINE_CHARS: usize = 16;

/// The headline of an item without a title, and what follows it, from its
/// text as [`paragraphs`] gives it. The headline ends at the first line
/// break or sentence end (`.`, `!`, `?`, `…`, `؟` before a space; `。`, `！`,
/// `？`) that comes after [`MIN_HEADLINE_CHARS`] and within `max`
/// characters; the rest, if any, is the teaser. Without one, a text longer
/// than `max` is cut at a word with an ellipsis, and the teaser goes on from
/// there with one. Nothing of the text is in both.
pub fn split_headline(text: &str, max: usize, max_rest: usize) -> (String, Option<String>) {
    let unfold = |part: &str| unfold(part.trim());
    let rest = |part: &str, mark: &str| {
        let part = unfold(part);
        (!part.is_empty()).then(|| clamp(mark.to_owned() + &part, max_rest))
    };
    let mut after_stop = false;
    for (count, (at, c)) in text.char_indices().enumerate() {
        let ends = c == '\n' || (after_stop && c == ' ') || matches!(c, '。' | '！' | '？');
        let end = if c == '\n' || c == ' ' { at } else { at + c.len_utf8() };
        if ends && count >= MIN_HEADLINE_CHARS.min(max) {
            let (head, tail) = (text.get(..end).unwrap_or_default(), text.get(end..).unwrap_or_default());
            return (unfold(head), rest(tail, ""));
        }
        if count >= max {
            break;
        }
        after_stop = matches!(c, '.' | '!' | '?' | '…' | '؟');
    }
    let text = unfold(text);
    match cut(&text, max) {
        Some(end) => (clamped_head(&text, end), rest(text.get(end..).unwrap_or_default(), "…")),
        None => (text, None),
    }
}

/// Tag-shaped runs and character references in text that should have
/// none, read without an HTML parser: what was markup is dropped (a
/// block-level tag leaves a line break), a reference becomes its character,
/// and everything else stays as written (`x < y and a > b`, `I <3 it`,
/// `&unknown;`). Tag-shaped: `<` then a letter, `/` and a letter, `!` and a
/// letter, or `?`, up to the next `>` outside a quoted attribute value (a
/// `<` before it means it was not a tag); comments `<!-- … -->` (to the end
/// if never closed); the `<![CDATA[` and `]]>` markers, their content kept.
/// References: `&#NNN;`, `&#xHHH;` and the named ones in [`NAMED`].
pub fn unmarked(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Every byte looked at is ASCII ('<', '&', ']' start all markup), so
    // `at` is on a character boundary whenever markup is found there.
    let (mut at, mut kept) = (0, 0);
    while let Some(byte) = raw.as_bytes().get(at) {
        let from = || raw.get(at..).unwrap_or_default();
        let found = match byte {
            b'<' => markup(from()),
            b'&' => reference(from()),
            b']' if from().starts_with("]]>") => Some((3, None)),
            _ => None,
        };
        let Some((skip, replacement)) = found else {
            at += 1;
            continue;
        };
        out.push_str(raw.get(kept..at).unwrap_or_default());
        out.extend(replacement);
        at += skip;
        kept = at;
    }
    out.push_str(raw.get(kept..).unwrap_or_default());
    out
}

/// `text` written so that [`unmarked`] reads it back as it is: a `<` or `&`
/// that would be read as markup or a reference becomes `&lt;` or `&amp;`,
/// and `]]>` becomes `]]&gt;`; nothing else changes. For producers of plain
/// text that the widget reads (news-bridge).
#[cfg(not(target_arch = "wasm32"))]
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['<', '&', ']']) {
        out.push_str(rest.get(..at).unwrap_or_default());
        let from = rest.get(at..).unwrap_or_default();
        let (skip, written) = match from.as_bytes().first() {
            Some(b'<') if markup(from).is_some() => (1, "&lt;"),
            Some(b'&') if reference(from).is_some() => (1, "&amp;"),
            Some(b']') if from.starts_with("]]>") => (3, "]]&gt;"),
            _ => (1, from.get(..1).unwrap_or_default()),
        };
        out.push_str(written);
        rest = from.get(skip..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Elements whose tags leave a line break (`h` stands for `h1`–`h6`).
const BLOCKS: &str =
    "br p div li ul ol dl dt dd blockquote pre hr table tr section article header footer figure figcaption h";

/// The length of the tag-shaped run at the start of `text` (which starts
/// with `<`) and what it leaves, or `None` if it is not one.
fn markup(text: &str) -> Option<(usize, Option<char>)> {
    if let Some(comment) = text.strip_prefix("<!--") {
        let end = comment.as_bytes().windows(3).position(|w| w == b"-->").map_or(text.len(), |end| end + 7);
        return Some((end, None));
    }
    if text.starts_with("<![CDATA[") {
        return Some((9, None));
    }
    let bytes = text.as_bytes();
    let name_at = match (bytes.get(1), bytes.get(2)) {
        (Some(b'?'), _) => 2,
        (Some(b'/' | b'!'), Some(c)) if c.is_ascii_alphabetic() => 2,
        (Some(c), _) if c.is_ascii_alphabetic() => 1,
        _ => return None,
    };
    let name_len = bytes.iter().skip(name_at).take_while(|c| c.is_ascii_alphanumeric()).count();
    let name = text.get(name_at..name_at + name_len).unwrap_or_default().trim_end_matches(|c: char| c.is_ascii_digit());
    let block = BLOCKS.as_bytes().split(|c| *c == b' ').any(|block| block.eq_ignore_ascii_case(name.as_bytes()));
    let mut at = name_at + name_len;
    let mut after_equals = false;
    while let Some(&c) = bytes.get(at) {
        match c {
            b'>' => return Some((at + 1, block.then_some('\n'))),
            b'<' => return None,
            b'"' | b'\'' if after_equals => at += bytes.iter().skip(at + 1).position(|q| *q == c)? + 1,
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            after_equals = c == b'=';
        }
        at += 1;
    }
    None
}

/// The named character references decoded, each name followed by its
/// character: the markup characters, the no-break space, typographic
/// quotes, dashes and the ellipsis.
const NAMED: &str =
    "amp&lt<gt>quot\"apos'nbsp\u{A0}lsquo‘rsquo’sbquo‚ldquo“rdquo”bdquo„laquo«raquo»ndash–mdash—hellip…bull•middot·";

/// The character of a named reference, if it is in [`NAMED`].
fn named(name: &str) -> Option<char> {
    let mut rest = NAMED;
    loop {
        // Names are ASCII letters: the first other byte starts the character.
        let at = rest.bytes().position(|c| !c.is_ascii_alphabetic())?;
        let value = rest.get(at..)?.chars().next()?;
        if rest.get(..at) == Some(name) {
            return Some(value);
        }
        rest = rest.get(at + value.len_utf8()..)?;
    }
}

/// The length of the character reference at the start of `text` (which
/// starts with `&`) and its character, or `None` if it is not one we read.
/// A numeric reference to no character (0, a surrogate, past U+10FFFF)
/// reads as U+FFFD, as in HTML.
fn reference(text: &str) -> Option<(usize, Option<char>)> {
    let end = text.get(1..)?.find(';').filter(|end| (1..=8).contains(end))? + 1;
    let name = text.get(1..end)?;
    let (digits, radix) = match name.strip_prefix('#') {
        Some(hex) if matches!(hex.as_bytes().first(), Some(b'x' | b'X')) => (hex.get(1..)?, 16),
        Some(decimal) => (decimal, 10),
        None => return named(name).map(|c| (end + 1, Some(c))),
    };
    // At most 8 digits: no overflow.
    let number = digits.bytes().try_fold(0, |number, c| Some(number * radix + char::from(c).to_digit(radix)?));
    let number = number.filter(|_| !digits.is_empty())?;
    Some((end + 1, Some(char::from_u32(number).filter(|c| *c != '\0').unwrap_or('\u{FFFD}'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_white_space_and_trims() {
        assert_eq!(clean("  Iran \n\t nuclear  chief ").as_deref(), Some("Iran nuclear chief"));
        assert_eq!(clean(" \n "), None);
    }

    #[test]
    fn strips_bidi_overrides_and_controls() {
        assert_eq!(clean("abc\u{202E}fed\u{2066}x\u{0007}").as_deref(), Some("abcfedx"));
        assert_eq!(clean("hid\u{200B}den\u{2060}\u{FEFF}").as_deref(), Some("hidden"));
        assert_eq!(clean("می\u{200C}خواهم").as_deref(), Some("می\u{200C}خواهم"), "ZWNJ stays");
        assert_eq!(clean("\u{202E}"), None);
    }

    #[test]
    fn keeps_arabic_and_emoji() {
        assert_eq!(clean("فيينا 📰").as_deref(), Some("فيينا 📰"));
    }

    #[test]
    fn clamps_on_char_boundaries_with_ellipsis() {
        assert_eq!(clamp("short".into(), 10), "short");
        let arabic = "ش".repeat(20);
        let cut = clamp(arabic, 5);
        assert_eq!(cut.chars().count(), 6);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn clamps_at_a_word_boundary_when_close() {
        assert_eq!(clamp("one two three four five".into(), 12), "one two…");
        assert_eq!(clamp("abcdefghijklmnop".into(), 8), "abcdefgh…");
    }

    #[test]
    fn markup_in_plain_text_is_removed_and_references_decoded() {
        let plain = |raw: &str| plain(raw).unwrap_or_default();
        assert_eq!(plain(r#"<p>It&rsquo;s <b>here</b>.</p><img src="uploads/2026/image.jpg">"#), "It’s here.");
        assert_eq!(plain("<a href=\"x\" title='a > b'>link</a>, then"), "link, then");
        assert_eq!(
            plain("Tom &amp; Jerry &lt;3 &#8220;quoted&#x201D; &hellip;&nbsp;end"),
            "Tom & Jerry <3 “quoted” … end"
        );
        assert_eq!(plain("a<!-- hidden -->b<![CDATA[<em>c</em>]]>"), "abc");
        assert_eq!(plain("<?xml version=\"1.0\"?><!DOCTYPE html>Text</BR>"), "Text");
        assert_eq!(plain("<!-- never closed"), "");
        assert_eq!(
            plain("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "<script>alert(1)</script>",
            "decoded text stays text"
        );
        assert_eq!(plain("&#8238;evil&#0;&#xD800;"), "evil\u{FFFD}\u{FFFD}", "decoded controls are cleaned too");
    }

    #[test]
    fn text_that_only_looks_like_markup_stays_as_written() {
        for kept in [
            "x < y and a > b",
            "I <3 feeds",
            "a <b and no closing",
            "<a href=\"never closed>",
            "if a<b<c then",
            "5 &lt 6 & 7 &unknown; &#; &#x; &#12a; &#+5; &#123456789;",
            "[[x]] ]] >",
        ] {
            assert_eq!(plain(kept).as_deref(), Some(kept), "{kept}");
        }
    }

    #[test]
    fn block_tags_and_line_breaks_become_paragraphs() {
        assert_eq!(paragraphs("<p>One</p><p>Two <i>2</i></p>").as_deref(), Some("One\nTwo 2"));
        assert_eq!(paragraphs("a<br/>b<h2>c</h2>\r\n\r\n  d  ").as_deref(), Some("a\nb\nc\nd"));
        assert_eq!(paragraphs("<img src=x>\n \n"), None);
    }

    fn split(text: &str) -> (String, Option<String>) {
        split_headline(&paragraphs(text).unwrap_or_default(), 40, 60)
    }

    #[test]
    fn a_title_less_headline_ends_at_a_sentence_or_line_break() {
        let rest = |s: &str| Some(s.to_owned());
        assert_eq!(
            split("Just landed in Riyadh. The heat is unreal."),
            ("Just landed in Riyadh.".into(), rest("The heat is unreal."))
        );
        assert_eq!(
            split("Coffee with the team 📰\nThen a long walk."),
            ("Coffee with the team 📰".into(), rest("Then a long walk."))
        );
        assert_eq!(split("Dr. Smith says hello! Then more."), ("Dr. Smith says hello!".into(), rest("Then more.")));
        assert_eq!(split("وصلنا إلى الرياض؟ نعم وصلنا"), ("وصلنا إلى الرياض؟".into(), rest("نعم وصلنا")));
        let japanese = "東京の駅前で新しい本屋が今日から開きました。明日も営業します";
        assert_eq!(split(japanese), ("東京の駅前で新しい本屋が今日から開きました。".into(), rest("明日も営業します")));
        assert_eq!(split("A short post."), ("A short post.".into(), None));
        assert_eq!(split("Hi! Short post."), ("Hi! Short post.".into(), None), "too early to end the headline");
    }

    #[test]
    fn a_long_title_less_text_goes_on_in_the_teaser_without_repeating() {
        let (title, rest) = split("one two three four five six seven eight nine ten eleven twelve");
        assert_eq!(title, "one two three four five six seven eight…");
        assert_eq!(rest.as_deref(), Some("…nine ten eleven twelve"));
        let (title, rest) = split(&"word ".repeat(100));
        assert!(title.chars().count() <= 41 && rest.as_ref().is_some_and(|r| r.chars().count() <= 61));
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn escaped_text_reads_back_as_it_was() {
        for text in
            ["<b>", "&amp;lt;b&amp;gt;", "x < y & z", "<!-- not a comment", "a]]>b", "<![CDATA[x]]>", "&#8217; <p>"]
        {
            assert_eq!(unmarked(&escaped(text)), text, "{text}");
        }
        assert_eq!(escaped("Tom & Jerry <3"), "Tom & Jerry <3", "only what would be read as markup changes");
    }
}
