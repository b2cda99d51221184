//! Splits a line into word tokens with their positions.
//!
//! OCR text puts digits and symbols inside words ("f6r", "#r", "s&", "I'T-r&d"), so a
//! word is a run of non-whitespace with only clear punctuation trimmed from its ends;
//! characters that the OCR uses for å, ä, ö (# & £ | [ and digits) stay in the word.

use std::borrow::Cow;
use std::hash::BuildHasher;

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

    /// The punctuation after the word: its trail, or for a token that is all
    /// punctuation (" . ", "”,"), all of it. OCR often sets a space before a
    /// period ("skrivit den . Än sen").
    fn after(&self) -> &str {
        if self.word.is_empty() {
            self.lead
        } else {
            self.trail
        }
    }

    /// Whether this token ends a sentence (the punctuation after its word has
    /// . ! ? or :).
    pub fn ends_sentence(&self) -> bool {
        self.after().contains(['.', '!', '?', ':'])
    }

    /// Whether anything other than whitespace separates this word from the next.
    pub fn breaks_context(&self) -> bool {
        !self.trail.is_empty()
    }

    /// Whether this token closes a quotation with a comma (`papper”,`), so
    /// that the attribution follows.
    pub fn ends_quotation(&self) -> bool {
        let after = self.after();
        after.contains(['"', '”', '»']) && after.contains(',') && !self.ends_sentence()
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

/// Whether `word` is a year as [`YEAR`] counts them.
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && ("1500"..="2099").contains(&word)
}

/// Whether `word` is numbers joined by dashes or slashes ("10–15", "2006/07").
fn is_number_span(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
        && word.ends_with(|c: char| c.is_ascii_digit())
        && word.contains(['-', '–', '/'])
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '–' | '/'))
}

/// The tokens of one line, in order.
pub fn tokens(line: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(line.len() / 6 + 1);
    each_token(line, |t| out.push(t));
    out
}

/// Calls `f` with each token of `line`, in order.
fn each_token<'a>(line: &'a str, mut f: impl FnMut(Token<'a>)) {
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
                f(split_chunk(&line[s..i], s));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        f(split_chunk(&line[s..], s));
    }
}

/// The tokens of a document's lines, split once for the stages that read the
/// same lines word by word (the corrector counts the words, looks for split
/// words and years, then reads each word in context), and kept as byte
/// offsets so that they borrow nothing. Each line's tokens are kept with the
/// line's length and hash, and a line that no longer matches them is split
/// afresh: a stage that changes a line need not say so, but when it does
/// ([`LineTokens::update`]) later stages find the new line split.
#[derive(Debug, Default)]
pub struct LineTokens {
    /// The tokens of all lines, line after line (a changed line's at the end).
    spans: Vec<Span>,
    /// Each line's tokens in `spans`, and what the line was when it was split.
    lines: Vec<Split>,
}

/// A token as offsets in its line: lead from `lead` to `start`, word to `end`,
/// trail to `trail_end`. Lines over 4 GB are not kept (see [`Split`]).
#[derive(Debug, Clone, Copy)]
struct Span {
    lead: u32,
    start: u32,
    end: u32,
    trail_end: u32,
}

/// Where a line's tokens are in [`LineTokens::spans`].
#[derive(Debug, Clone, Copy)]
struct Split {
    first: usize,
    count: usize,
    /// The length of the line split; `usize::MAX` for a line not kept.
    len: usize,
    /// The hash of the line split.
    hash: u64,
}

impl LineTokens {
    /// Splits every line of `lines`.
    pub fn new(lines: &[String]) -> LineTokens {
        let bytes: usize = lines.iter().map(String::len).sum();
        let mut t = LineTokens {
            spans: Vec::with_capacity(bytes / 6 + 1),
            lines: Vec::with_capacity(lines.len()),
        };
        for line in lines {
            let split = t.split(line);
            t.lines.push(split);
        }
        t
    }

    /// Splits `line` anew after a stage changed it (line index `ln`).
    pub fn update(&mut self, ln: usize, line: &str) {
        let split = self.split(line);
        if let Some(s) = self.lines.get_mut(ln) {
            *s = split;
        }
    }

    /// How many tokens the lines have (as last split).
    pub fn len(&self) -> usize {
        self.lines.iter().map(|s| s.count).sum()
    }

    /// Whether no line has a token.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The tokens of line `ln`, whose text is now `line`, in order.
    pub fn of<'a>(&self, ln: usize, line: &'a str) -> Vec<Token<'a>> {
        let mut out = Vec::with_capacity(self.lines.get(ln).map_or(0, |s| s.count));
        self.each(ln, line, |t| out.push(t));
        out
    }

    /// Calls `f` with each token of line `ln`, whose text is now `line`.
    pub fn each<'a>(&self, ln: usize, line: &'a str, mut f: impl FnMut(Token<'a>)) {
        let kept = self
            .lines
            .get(ln)
            .filter(|s| s.len == line.len() && s.hash == line_hash(line));
        let Some(&Split { first, count, .. }) = kept else {
            each_token(line, f);
            return;
        };
        for s in &self.spans[first..first + count] {
            let (lead, start, end, trail_end) = (
                s.lead as usize,
                s.start as usize,
                s.end as usize,
                s.trail_end as usize,
            );
            f(Token {
                word: &line[start..end],
                start,
                lead: &line[lead..start],
                trail: &line[end..trail_end],
            });
        }
    }

    /// Appends the spans of `line` and says where they are.
    fn split(&mut self, line: &str) -> Split {
        let first = self.spans.len();
        if u32::try_from(line.len()).is_err() {
            return Split {
                first,
                count: 0,
                len: usize::MAX,
                hash: 0,
            };
        }
        // The line's length fits in u32, so do all offsets in it.
        let off = |i: usize| i as u32;
        let spans = &mut self.spans;
        each_token(line, |t| {
            spans.push(Span {
                lead: off(t.start - t.lead.len()),
                start: off(t.start),
                end: off(t.end()),
                trail_end: off(t.end() + t.trail.len()),
            });
        });
        Split {
            first,
            count: self.spans.len() - first,
            len: line.len(),
            hash: line_hash(line),
        }
    }
}

/// A line's hash, which tells whether it is still the line that was split:
/// far cheaper than splitting it again.
fn line_hash(line: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(line)
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

/// The language-model key of a number ("600", "3,5"; ranges and spans of
/// numbers too: "10–15 år", "16-64 år", "2006/07").
pub const NUMBER: &str = "<num>";

/// The language-model key of a year written with four digits, 1500 to 2099:
/// its context differs from other numbers' ("år 2001", "det är 200"), and
/// Swedish writes other numbers of four digits with a space ("2 000").
pub const YEAR: &str = "<year>";

/// The key a word has in the language model: lower case, years as [`YEAR`],
/// other numbers as [`NUMBER`].
pub fn lm_key(word: &str) -> Cow<'_, str> {
    if is_year(word) {
        Cow::Borrowed(YEAR)
    } else if is_number(word) || is_number_span(word) {
        Cow::Borrowed(NUMBER)
    } else if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// The key used for the start of a sentence or paragraph in the language model.
pub const SENTENCE_START: &str = "<s>";

/// The key used for the end of a sentence in the language model, after the
/// sentence's last word: "i år." ends sentences, "i är." does not.
pub const SENTENCE_END: &str = "</s>";

/// Whether a sentence ends after `tok`, which `rest` follows (the rest of its
/// paragraph; `None` where the paragraph ends): its punctuation ends sentences
/// (. ! ? :), and the next word opens one with a capital. A period before a
/// small letter or a number inside a paragraph ends an abbreviation ("s. 45",
/// "bl. a.").
pub fn closes_sentence(tok: &Token<'_>, rest: Option<&str>) -> bool {
    tok.ends_sentence()
        && rest
            .and_then(|r| r.chars().find(|c| c.is_alphanumeric()))
            .is_none_or(char::is_uppercase)
}

/// The key used for the place after a quotation closed with a comma in the
/// language model (`papper”, sa Lena`): where a verb of saying stands, which
/// the statistics of an ordinary comma do not show.
pub const QUOTE_END: &str = "<q>";

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<&str> {
        tokens(line).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn sentences_end_before_a_capital_or_nothing() {
        let line = "Det var i år. Sedan s. 45 och bl. a. tre: fyra! Slut.";
        let ends: Vec<&str> = tokens(line)
            .iter()
            .filter(|t| closes_sentence(t, Some(&line[t.end()..])))
            .map(|t| t.word)
            .collect();
        assert_eq!(ends, ["år", "fyra", "Slut"]);
        let last = tokens("i år.");
        assert!(closes_sentence(&last[1], None));
    }

    #[test]
    fn punctuation_standing_alone_ends_what_it_would_end_attached() {
        let t = tokens("i år . Sedan ”, sa hon — och");
        assert_eq!(t[2].word, "");
        assert!(t[2].ends_sentence());
        assert!(!t[3].ends_sentence());
        assert!(t[4].ends_quotation() && !t[4].ends_sentence());
        assert!(!t[7].ends_sentence() && !t[7].ends_quotation());
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
    fn kept_tokens_follow_changed_lines() {
        let mut lines: Vec<String> = ["Det #r s& f6r,", "", "— \"En till en”, innova-"]
            .map(String::from)
            .to_vec();
        let mut kept = LineTokens::new(&lines);
        assert_eq!(kept.len(), 9);
        for (ln, line) in lines.iter().enumerate() {
            assert_eq!(kept.of(ln, line), tokens(line));
        }
        // Changed and told, changed to the same length and not told: both
        // read as the line now is.
        lines[0] = "Det är så för,".to_string();
        kept.update(0, &lines[0]);
        lines[2] = "— \"En till en”, innova+".to_string();
        for (ln, line) in lines.iter().enumerate() {
            assert_eq!(kept.of(ln, line), tokens(line));
        }
        assert_eq!(kept.of(7, "ett två"), tokens("ett två"));
    }

    #[test]
    fn numbers() {
        assert!(is_number("2009"));
        assert!(is_number("3,5"));
        assert!(!is_number("3,"));
        assert!(!is_number("f6r"));
        assert_eq!(lm_key("600"), "<num>");
        assert_eq!(lm_key("2001"), "<year>");
        assert_eq!(lm_key("1995"), "<year>");
        assert_eq!(lm_key("2150"), "<num>");
        assert_eq!(lm_key("1200"), "<num>");
        assert_eq!(lm_key("20011"), "<num>");
        assert_eq!(lm_key("1995/96"), "<num>");
        assert_eq!(lm_key("10–15"), "<num>");
        assert_eq!(lm_key("2006/07"), "<num>");
        assert_eq!(lm_key("A4-ark"), "a4-ark");
        assert_eq!(lm_key("14-åriga"), "14-åriga");
        assert_eq!(lm_key("Vår"), "vår");
    }
}
