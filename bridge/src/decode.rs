//! Untrusted bytes to a document the feed parser may see.
//!
//! The character encoding is taken from a byte order mark, else from the XML
//! declaration, else UTF-8, and the whole document is decoded up front with
//! `encoding_rs` (invalid bytes are an error, not replacement characters).
//! The declaration is then removed, so the feed parser reads plain UTF-8 and
//! never switches encodings itself. Before parsing, one pass of `quick-xml`
//! over the document refuses what must not reach the parser: entity
//! declarations in a DTD (billion laughs, external entities), a second XML
//! declaration (an encoding change mid-way), an HTML page, and documents that
//! are not well formed (truncated included) or whose root is not a feed. The
//! same pass notes each item's standalone `media:thumbnail`, which the feed
//! parser only keeps inside `media:content`.

use encoding_rs::{Encoding, UTF_8};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::fmt;

/// A document ready for the feed parser.
#[derive(Debug, PartialEq)]
pub enum Document<'a> {
    /// A JSON document (JSON Feed), as received.
    Json(&'a [u8]),
    /// An XML document decoded to UTF-8.
    Xml(XmlDocument),
}

/// An XML document that passed the screening.
#[derive(Debug, PartialEq)]
pub struct XmlDocument {
    /// The document as UTF-8, without its XML declaration.
    pub text: String,
    /// Per `<item>`/`<entry>` in document order, its first `media:thumbnail` URL.
    pub thumbnails: Vec<Option<String>>,
}

/// Why a document was refused before parsing.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Nothing but white space.
    Empty,
    /// The XML declaration names an encoding that does not exist.
    UnknownEncoding(String),
    /// Bytes that are not valid in the document's encoding.
    InvalidBytes {
        /// The encoding's name.
        encoding: &'static str,
        /// Offset of the first invalid byte, when known.
        offset: Option<usize>,
    },
    /// A DTD that declares general entities.
    EntityDeclarations,
    /// An XML declaration after the start of the document.
    SecondDeclaration(u64),
    /// An HTML page rather than a feed.
    Html,
    /// Well-formed XML whose root element is not a feed.
    NotAFeed(String),
    /// Not well-formed XML.
    Malformed(String),
    /// Elements nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => f.write_str("the document is empty"),
            DecodeError::UnknownEncoding(label) => write!(f, "the XML declaration names an unknown encoding {label:?}"),
            DecodeError::InvalidBytes { encoding, offset: Some(offset) } => {
                write!(f, "the document is not valid {encoding}: invalid bytes at offset {offset} (mislabelled, or the encoding changes mid-way)")
            }
            DecodeError::InvalidBytes { encoding, offset: None } => {
                write!(f, "the document is not valid {encoding} (mislabelled, or the encoding changes mid-way)")
            }
            DecodeError::EntityDeclarations => f.write_str(
                "the document declares XML entities in its DTD; they are refused (entity expansion and external entity attacks)",
            ),
            DecodeError::SecondDeclaration(at) => {
                write!(f, "a second XML declaration at byte {at}: the document changes its encoding mid-way")
            }
            DecodeError::Html => f.write_str("the upstream sent an HTML page, not an RSS or Atom feed"),
            DecodeError::NotAFeed(root) => write!(f, "not an RSS or Atom feed: the root element is <{root}>"),
            DecodeError::Malformed(why) => write!(f, "malformed XML: {why}"),
            DecodeError::TooDeep => write!(f, "elements are nested more than {MAX_DEPTH} deep; no feed needs that"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// The deepest element nesting accepted (real feeds stay under 10).
pub const MAX_DEPTH: usize = 64;

/// Root elements of the feeds the parser reads (RSS 0.9x/2.0, RSS 1.0, Atom).
const FEED_ROOTS: &[&str] = &["rss", "RDF", "feed", "entry"];

/// Decodes and screens `bytes` (see the module documentation).
pub fn decode(bytes: &[u8]) -> Result<Document<'_>, DecodeError> {
    let (encoding, bom_len) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let body = bytes.get(bom_len..).unwrap_or_default();
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).ok_or(DecodeError::Empty)?;
    let trimmed = body.get(start..).unwrap_or_default();
    if encoding == UTF_8 && trimmed.first() == Some(&b'{') {
        return Ok(Document::Json(trimmed));
    }
    let encoding = match (bom_len, declared_encoding(trimmed)) {
        (0, Some(label)) => declared(&label)?,
        _ => encoding,
    };
    let text = decode_all(encoding, body)?;
    let text = strip_declaration(text.trim_start());
    let thumbnails = screen(text)?;
    Ok(Document::Xml(XmlDocument { text: text.to_owned(), thumbnails }))
}

/// The `encoding` pseudo-attribute of a leading `<?xml …?>` declaration.
fn declared_encoding(document: &[u8]) -> Option<String> {
    let declaration = document.strip_prefix(b"<?xml")?;
    let end = declaration.windows(2).take(512).position(|w| w == b"?>")?;
    let declaration = std::str::from_utf8(declaration.get(..end)?).ok()?;
    let (_, value) = declaration.split_once("encoding")?;
    let value = value.trim_start().strip_prefix('=')?.trim_start();
    let quote = value.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let value = value.get(1..)?;
    value.split_once(quote).map(|(label, _)| label.trim().to_owned())
}

/// The encoding a declaration names. A declared UTF-16 in a document whose
/// declaration reads as ASCII is impossible, so it is read as UTF-8.
fn declared(label: &str) -> Result<&'static Encoding, DecodeError> {
    let encoding = Encoding::for_label(label.as_bytes()).ok_or_else(|| DecodeError::UnknownEncoding(label.into()))?;
    Ok(if encoding.output_encoding() == UTF_8 { UTF_8 } else { encoding })
}

/// Decodes the whole document, refusing invalid byte sequences.
fn decode_all(encoding: &'static Encoding, body: &[u8]) -> Result<String, DecodeError> {
    if encoding == UTF_8 {
        return std::str::from_utf8(body)
            .map(str::to_owned)
            .map_err(|error| DecodeError::InvalidBytes { encoding: UTF_8.name(), offset: Some(error.valid_up_to()) });
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|text| text.into_owned())
        .ok_or(DecodeError::InvalidBytes { encoding: encoding.name(), offset: None })
}

/// Removes a leading `<?xml …?>` declaration.
fn strip_declaration(text: &str) -> &str {
    let is_declaration =
        text.strip_prefix("<?xml").and_then(|rest| rest.chars().next()).is_some_and(char::is_whitespace);
    match text.find("?>") {
        Some(end) if is_declaration => text.get(end + 2..).unwrap_or_default(),
        _ => text,
    }
}

/// One pass over the document: refuses entity declarations, a second XML
/// declaration, HTML, non-feed roots and ill-formed or truncated XML; returns
/// each item's first `media:thumbnail` URL.
fn screen(text: &str) -> Result<Vec<Option<String>>, DecodeError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_markup_names_in_closing_tags = true;
    let mut open: Vec<String> = Vec::new();
    let mut root_seen = false;
    let mut thumbnails: Vec<Option<String>> = Vec::new();
    let mut item_depth = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| DecodeError::Malformed(format!("{error} (near byte {})", reader.error_position())))?;
        match event {
            Event::Decl(_) => return Err(DecodeError::SecondDeclaration(reader.buffer_position())),
            Event::DocType(doctype) if declares_general_entities(&doctype) => {
                return Err(DecodeError::EntityDeclarations);
            }
            Event::DocType(doctype) if is_html_doctype(&doctype) && !root_seen => return Err(DecodeError::Html),
            Event::Start(ref element) | Event::Empty(ref element) => {
                let name = element.local_name().as_ref().to_owned();
                if !root_seen {
                    if name.eq_ignore_ascii_case("html") {
                        return Err(DecodeError::Html);
                    }
                    if !FEED_ROOTS.contains(&name.as_str()) {
                        return Err(DecodeError::NotAFeed(name));
                    }
                    root_seen = true;
                }
                if item_depth.is_none() && matches!(name.as_str(), "item" | "entry") {
                    item_depth = Some(open.len());
                    thumbnails.push(None);
                } else if item_depth.is_some() && name == "thumbnail" && element.name().prefix().is_some() {
                    if let Some(slot @ None) = thumbnails.last_mut() {
                        let url = element.try_get_attribute("url").ok().flatten();
                        *slot = url
                            .and_then(|url| url.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
                            .map(|url| url.trim().to_owned());
                    }
                }
                if matches!(event, Event::Start(_)) {
                    if open.len() >= MAX_DEPTH {
                        return Err(DecodeError::TooDeep);
                    }
                    open.push(name);
                } else if item_depth == Some(open.len()) {
                    item_depth = None;
                }
            }
            Event::End(_) => {
                open.pop();
                if item_depth == Some(open.len()) {
                    item_depth = None;
                }
            }
            Event::Eof => {
                return match open.last() {
                    _ if !root_seen => Err(DecodeError::Malformed("no root element".into())),
                    Some(inside) => {
                        Err(DecodeError::Malformed(format!("the document ends inside <{inside}> (truncated)")))
                    }
                    None => Ok(thumbnails),
                };
            }
            _ => {}
        }
    }
}

/// `<!DOCTYPE html …>`.
fn is_html_doctype(doctype: &str) -> bool {
    doctype.trim_start().get(..4).is_some_and(|name| name.eq_ignore_ascii_case("html"))
}

/// Whether a DOCTYPE's internal subset declares a general entity
/// (`<!ENTITY name …>`). Parameter entities (`<!ENTITY % name …>`), as in old
/// Drupal feeds, are allowed: the parser never loads or expands them.
fn declares_general_entities(doctype: &str) -> bool {
    doctype.match_indices("<!ENTITY").any(|(at, declaration)| {
        let rest = doctype.get(at + declaration.len()..).unwrap_or_default();
        !rest.trim_start().starts_with('%')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(document: Document<'_>) -> String {
        match document {
            Document::Xml(xml) => xml.text,
            Document::Json(_) => panic!("expected XML"),
        }
    }

    #[test]
    fn decodes_the_encoding_named_in_the_declaration_and_drops_the_declaration() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<rss><title>Caf".to_vec();
        bytes.extend_from_slice(&[0xE9, b'<', b'/']);
        bytes.extend_from_slice(b"title></rss>");
        assert_eq!(xml(decode(&bytes).unwrap()), "\n<rss><title>Café</title></rss>");
    }

    #[test]
    fn a_byte_order_mark_wins_over_the_declaration() {
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><feed><title>مرحبا</title></feed>";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(xml(decode(&bytes).unwrap()), "<feed><title>مرحبا</title></feed>");
    }

    #[test]
    fn leading_white_space_before_the_declaration_is_tolerated() {
        assert_eq!(xml(decode(b"\n\n  <?xml version=\"1.0\"?><rss/>").unwrap()), "<rss/>");
    }

    #[test]
    fn json_is_passed_through() {
        assert_eq!(decode(b" {\"version\": 1}").unwrap(), Document::Json(b"{\"version\": 1}"));
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), Document::Json(b"{}"), "after a UTF-8 byte order mark");
    }

    #[test]
    fn refuses_invalid_utf8_with_its_offset() {
        let error = decode(b"<rss><title>Caf\xE9</title></rss>").unwrap_err();
        assert_eq!(error, DecodeError::InvalidBytes { encoding: "UTF-8", offset: Some(15) });
        assert!(error.to_string().contains("offset 15"));
    }

    #[test]
    fn refuses_unknown_encodings_and_empty_documents() {
        assert_eq!(
            decode(b"<?xml version='1.0' encoding='x-klingon'?><rss/>").unwrap_err(),
            DecodeError::UnknownEncoding("x-klingon".into())
        );
        assert_eq!(decode(b" \n\t").unwrap_err(), DecodeError::Empty);
    }

    #[test]
    fn refuses_general_entity_declarations_but_not_parameter_entities() {
        let laughs = "<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;\">]><rss>&lol1;</rss>";
        assert_eq!(decode(laughs.as_bytes()).unwrap_err(), DecodeError::EntityDeclarations);
        let external = "<!DOCTYPE rss [<!ENTITY  secret SYSTEM \"file:///etc/passwd\">]><rss>&secret;</rss>";
        assert_eq!(decode(external.as_bytes()).unwrap_err(), DecodeError::EntityDeclarations);
        let drupal = "<!DOCTYPE rss [<!ENTITY % HTMLlat1 PUBLIC \"-//W3C//ENTITIES Latin 1 for XHTML//EN\" \"x.ent\">%HTMLlat1;]><rss/>";
        assert!(decode(drupal.as_bytes()).is_ok());
    }

    #[test]
    fn refuses_a_second_declaration() {
        let switch = "<?xml version=\"1.0\"?><rss><a/><?xml version=\"1.0\" encoding=\"windows-1252\"?></rss>";
        assert!(matches!(decode(switch.as_bytes()).unwrap_err(), DecodeError::SecondDeclaration(_)));
    }

    #[test]
    fn names_html_pages_and_other_roots() {
        assert_eq!(decode(b"<!DOCTYPE html><html><head><meta charset=utf-8>").unwrap_err(), DecodeError::Html);
        assert_eq!(decode(b"<html><body><p>x</body></html>").unwrap_err(), DecodeError::Html);
        assert_eq!(decode(b"<urlset><url/></urlset>").unwrap_err(), DecodeError::NotAFeed("urlset".into()));
    }

    #[test]
    fn refuses_ill_formed_xml() {
        let error = decode(b"<rss><channel><item></channel></item></rss>").unwrap_err();
        assert!(matches!(error, DecodeError::Malformed(_)), "{error}");
        let truncated = decode(b"<rss><channel><item><title>Second st").unwrap_err();
        assert_eq!(truncated.to_string(), "malformed XML: the document ends inside <title> (truncated)");
    }

    #[test]
    fn refuses_deep_nesting() {
        let deep = format!("<rss><channel>{}{}</channel></rss>", "<a>".repeat(100), "</a>".repeat(100));
        assert_eq!(decode(deep.as_bytes()).unwrap_err(), DecodeError::TooDeep);
        let fine = format!("<rss><channel>{}{}</channel></rss>", "<a>".repeat(50), "</a>".repeat(50));
        assert!(decode(fine.as_bytes()).is_ok());
    }

    #[test]
    fn notes_each_items_standalone_thumbnail() {
        let rss = r#"<rss xmlns:m="http://search.yahoo.com/mrss/"><channel><m:thumbnail url="https://x/channel.jpg"/>
            <item><title>a</title><m:thumbnail url="https://x/a.jpg?w=1&amp;h=2"/><m:thumbnail url="https://x/a2.jpg"/></item>
            <item><title>b</title></item><item><m:group><m:thumbnail url=" https://x/c.jpg "/></m:group></item></channel></rss>"#;
        let Document::Xml(xml) = decode(rss.as_bytes()).unwrap() else { panic!("expected XML") };
        let expected = [Some("https://x/a.jpg?w=1&h=2".to_owned()), None, Some("https://x/c.jpg".to_owned())];
        assert_eq!(xml.thumbnails, expected);
    }
}
