//! Text clean-up for untrusted feed strings: whitespace folding, bidi and
//! control character removal, and length clamping on character boundaries.

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
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let head = text.get(..cut).unwrap_or_default();
    let head = match head.rfind(' ') {
        Some(space) if head.get(..space).is_some_and(|h| h.chars().count() > max / 2) => {
            head.get(..space).unwrap_or(head)
        }
        _ => head,
    };
    let mut out = head.trim_end_matches([' ', '.', ',', ';', ':']).to_owned();
    out.push('…');
    out
}

/// [`clean`] then [`clamp`].
pub fn clean_clamped(raw: &str, max: usize) -> Option<String> {
    clean(raw).map(|text| clamp(text, max))
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
}
