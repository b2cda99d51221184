//! Splits a line into word tokens with their positions.
//!
//! OCR text puts digits and symbols inside words ("f6r", "#r", "s&", "I'T-r&d"), so a
//! word is a run of non-whitespace with only clear punctuation trimmed from its ends;
//! characters that the OCR uses for å, ä, ö (# & £ | [ and digits) stay in the word.

use std::borrow::Cow;

/// One whitespace-separated chunk of a line, split into its word core and the
/// punctuation around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word without surrounding punctuation; may be empty ("—", "...").
    pub word: &'a str,
    /// Byte offset of `word` in the line.
    pub start: usize,
    /// Punctuation before the word ("\"", "(").
    pub lead: &'a str,
    /// Punctuation after the word (",", ".", "”").
    pub trail: &'a str,
}

impl Token<'_> {
    /// Byte offset just past the word.
    pub fn end(&self) -> usize {
        self.start + self.word.len()
    }

    /// Whether the word is a number ("2009", "3,5", "600").
    pub fn is_number(&self) -> bool {
        is_number(self.word)
    }

    /// Whether this token ends a sentence (its trailing punctuation has . ! ? or :).
    pub fn ends_sentence(&self) -> bool {
        self.trail.contains(['.', '!', '?', ':'])
    }

    /// Whether anything other than whitespace separates this word from the next.
    pub fn breaks_context(&self) -> bool {
        !self.trail.is_empty()
    }
}

/// Punctuation that is never part of a word at its start or end.
///
/// `'` is left out at the start because OCR rarely puts it there; `-` is trimmed
/// only at the start: a trailing hyphen is a line-break hyphen or a suspended
/// compound ("förvaltnings-") and belongs to the word.
pub fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '”'
            | '“'
            | '„'
            | '»'
            | '«'
            | '’'
            | '‘'
            | '\''
            | '('
            | ')'
            | '{'
            | '}'
            | ']'
            | '—'
            | '–'
            | '…'
            | '*'
            | '/'
            | '•'
    )
}

/// Whether `word` is a number as written in Swedish text: digits with optional
/// decimal comma or point and no letters ("2009", "3,5", "1.5").
pub fn is_number(word: &str) -> bool {
    let b = word.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b[b.len() - 1].is_ascii_digit()
        && b.iter()
            .all(|&c| c.is_ascii_digit() || c == b',' || c == b'.')
}

/// The tokens of one line, in order.
pub fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(line.len() / 6 + 1);
    let mut start = None;
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII bytes decide alone; only other characters are decoded.
        let (space, len) = match bytes[i] {
            b if b.is_ascii() => (b.is_ascii_whitespace() || b == 0x0b, 1),
            _ => {
                let c = line[i..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), c.len_utf8())
            }
        };
        match (space, start) {
            (true, Some(s)) => {
                out.push(split_chunk(&line[s..i], s));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(split_chunk(&line[s..], s));
    }
    out
}

fn split_chunk(chunk: &str, offset: usize) -> Token<'_> {
    // Most chunks begin and end with a letter or digit: no punctuation to trim.
    let plain = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    let lead_len = if plain(chunk.as_bytes().first()) {
        0
    } else {
        chunk
            .char_indices()
            .find(|&(_, c)| !(is_edge_punct(c) || c == '-'))
            .map_or(chunk.len(), |(i, _)| i)
    };
    let rest = &chunk[lead_len..];
    let core_len = if plain(rest.as_bytes().last()) {
        rest.len()
    } else {
        rest.char_indices()
            .rev()
            .find(|&(_, c)| !is_edge_punct(c))
            .map_or(0, |(i, c)| i + c.len_utf8())
    };
    Token {
        word: &rest[..core_len],
        start: offset + lead_len,
        lead: &chunk[..lead_len],
        trail: &rest[core_len..],
    }
}

/// The key a word has in the language model: lower case, numbers as `<num>`.
pub fn lm_key(word: &str) -> Cow<'_, str> {
    if is_number(word) {
        Cow::Borrowed("<num>")
    } else if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The key used for the start of a sentence or paragraph in the language model.
pub const SENTENCE_START: &str = "<s>";

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<&str> {
        tokens(line).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn keeps_ocr_symbols_inside_words() {
        assert_eq!(
            words("Det #r s& f6r I'T-r&d, 13g."),
            ["Det", "#r", "s&", "f6r", "I'T-r&d", "13g"]
        );
    }

    #[test]
    fn trims_quotes_dashes_and_punctuation() {
        let t = tokens("— \"En till en”, menar han.");
        assert_eq!(t[0].word, "");
        assert_eq!(t[1].word, "En");
        assert_eq!(t[1].lead, "\"");
        assert_eq!(t[3].word, "en");
        assert_eq!(t[3].trail, "”,");
        assert!(t[5].ends_sentence());
    }

    #[test]
    fn keeps_trailing_hyphen_and_offsets() {
        let line = "ta fram innova-";
        let t = tokens(line);
        assert_eq!(t[2].word, "innova-");
        assert_eq!(&line[t[2].start..t[2].end()], "innova-");
    }

    #[test]
    fn numbers() {
        assert!(is_number("2009"));
        assert!(is_number("3,5"));
        assert!(!is_number("3,"));
        assert!(!is_number("f6r"));
        assert_eq!(lm_key("600"), "<num>");
        assert_eq!(lm_key("Vår"), "vår");
    }
}
