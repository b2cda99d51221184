//! Encoding damage: mojibake, ISO 646-SE and decomposed Unicode.
//!
//! Three kinds of damage are repaired (Unicode both before mojibake, so that a
//! byte-order mark cannot split a run of it, and after, for what it decodes to):
//!
//! 1. **Mojibake** ([`CorrectionKind::Mojibake`]): UTF-8 that was decoded as
//!    windows-1252/Latin-1, MacRoman, CP437 or CP850, once or more ("fÃ¶r",
//!    "fÃƒÂ¶r", "f√∂r", "f├╢r"). See `mojibake.rs`.
//! 2. **Unicode** ([`CorrectionKind::Unicode`]): decomposed text composed to NFC
//!    ("a\u{30A}" -> "å"), and byte-order marks inside the text removed.
//! 3. **ISO 646-SE** ([`CorrectionKind::Iso646`]): Swedish 7-bit ASCII, where
//!    `{ | } [ \ ]` stand for `ä ö å Ä Ö Å` ("f|r"). See `iso646.rs`.
//!
//! Each stage decides per document first (which code page explains the text, is
//! the document 7-bit Swedish) from character statistics, and uses the word list
//! only to confirm repairs that the statistics leave open. Text that really uses
//! the characters involved ("Ã" in a name, `|` as a column rule, `[` for an OCR'd
//! "I", braces in code) is left alone.
//!
//! Most documents have none of this damage, so [`normalise`] first makes one
//! allocation-free pass over the text (`scan`) and returns at once when nothing
//! is suspicious.
//!
//! Corrections are reported per word: a word is a run of characters between ASCII
//! spaces or tabs. No stage ever changes those separators, so the words of the
//! input line and of the repaired line correspond one to one, and each changed
//! word gives one [`Correction`] from its input form to its final form, with the
//! kind of the first stage that changed it.

mod codepage;
mod iso646;
mod mojibake;

pub use codepage::CodePage;

use crate::lexicon::Lexicon;
use crate::sidecar::{Correction, CorrectionKind};
use crate::text::is_letter;
use std::collections::{BTreeMap, HashSet};
use std::hash::BuildHasher;
use std::ops::Range;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A word list the stage can ask whether a repaired form is a Swedish word.
///
/// The stage runs on character statistics and asks only to confirm borderline
/// repairs, so a list that knows no words makes it more cautious, never wrong.
pub trait Words {
    /// Whether `lower` (lower case) is a word: a form on its own or a compound.
    fn is_word(&self, lower: &str) -> bool;
}

impl Words for Lexicon {
    fn is_word(&self, lower: &str) -> bool {
        Lexicon::is_word(self, lower)
    }
}

impl<S: BuildHasher> Words for HashSet<String, S> {
    fn is_word(&self, lower: &str) -> bool {
        self.contains(lower)
    }
}

impl<S: BuildHasher> Words for HashSet<&str, S> {
    fn is_word(&self, lower: &str) -> bool {
        self.contains(lower)
    }
}

/// Repairs encoding damage in place and returns the changes made, one per
/// changed word. The number of lines never changes.
pub fn normalise(lines: &mut [String], lexicon: &Lexicon) -> Vec<Correction> {
    normalise_with(lines, lexicon)
}

/// [`normalise`] keeping only the repairs at least `min_confidence` sure: a word
/// whose repair is less sure is put back as it was. Returns the corrections
/// kept and the number of words put back.
pub fn normalise_confident(
    lines: &mut [String],
    lexicon: &Lexicon,
    min_confidence: f32,
) -> (Vec<Correction>, usize) {
    repair(lines, lexicon, min_confidence)
}

/// [`normalise`] with any [`Words`] as the word list (tests use a small set).
pub fn normalise_with<W: Words + ?Sized>(lines: &mut [String], words: &W) -> Vec<Correction> {
    repair(lines, words, 0.0).0
}

fn repair<W: Words + ?Sized>(
    lines: &mut [String],
    words: &W,
    min_confidence: f32,
) -> (Vec<Correction>, usize) {
    let mut suspects = scan(lines);
    if suspects == Suspects::default() {
        return (Vec::new(), 0);
    }
    let mut edits = Edits::default();
    // A repair can bring characters together that were apart ("├" + "Ã¶" gives
    // "├ö"), so the stages run again until they change nothing; that makes a
    // second call a no-op. Real documents settle after one round.
    for _ in 0..4 {
        let before = edits.changes;
        // A byte-order mark inside a run of mojibake would split it, so remove
        // those (and compose) first.
        if suspects.unicode {
            unicode(lines, &mut edits);
        }
        if suspects.mojibake {
            let before = edits.changes;
            mojibake::repair(lines, words, &mut edits);
            // Mojibake of decomposed text decodes to combining marks, and "ï»¿"
            // to a byte-order mark: compose and remove them.
            if edits.changes != before {
                unicode(lines, &mut edits);
            }
        }
        if suspects.iso646 {
            iso646::repair(lines, words, &mut edits);
        }
        if edits.changes == before {
            break;
        }
        suspects = scan(lines);
    }
    edits.into_corrections(lines, min_confidence)
}

/// What [`scan`] found worth a closer look.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Suspects {
    /// A character that starts a UTF-8 sequence in some code page followed by one
    /// that continues it in the same code page ("Ã¶").
    pub mojibake: bool,
    /// A character that NFC may change, or a byte-order mark.
    pub unicode: bool,
    /// An ISO 646-SE letter substitute (`{ | } [ \ ]`, the backquote, `@ ~ ^`) next
    /// to a letter.
    pub iso646: bool,
}

/// One pass over the text, no allocation: which stages have anything to look at.
pub(crate) fn scan(lines: &[String]) -> Suspects {
    let mut s = Suspects::default();
    for line in lines {
        // Per code page: continuation characters still needed to complete a UTF-8
        // sequence begun by an earlier character (0: none pending).
        let mut need = [0usize; 4];
        let mut prev_letter = false;
        let mut prev_iso = false;
        for c in line.chars() {
            let letter;
            let iso;
            if c.is_ascii() {
                letter = c.is_ascii_alphabetic();
                iso = iso646::substitute(c).is_some();
                need = [0; 4];
            } else {
                let mut bytes = codepage::bytes_of(c);
                if c == '\u{FFFD}' {
                    // A windows-1252 byte lost to U+FFFD ("â€\u{FFFD}"), see mojibake.rs.
                    bytes[CodePage::Windows1252.index()] = 0x9D;
                }
                for (n, b) in need.iter_mut().zip(bytes) {
                    if *n > 0 && codepage::is_continuation(b) {
                        *n -= 1;
                        if *n == 0 {
                            s.mojibake = true;
                        }
                    } else {
                        *n = codepage::continuation_count(b);
                    }
                }
                if c == '\u{FEFF}'
                    || (c >= '\u{300}' && is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes)
                {
                    s.unicode = true;
                }
                letter = is_letter(c);
                iso = false;
            }
            if (iso && prev_letter) || (letter && prev_iso) {
                s.iso646 = true;
            }
            prev_letter = letter;
            prev_iso = iso;
        }
        if s.mojibake && s.unicode && s.iso646 {
            break;
        }
    }
    s
}

/// The Unicode stage: NFC, and byte-order marks removed.
///
/// U+FEFF inside a text is never content: it is the BOM of a file that was
/// concatenated or pasted in, and it splits the word it sits in for every later
/// stage. Other invisible characters are left alone: a zero-width space or
/// (non-)joiner may be deliberate (line-break hints, emoji sequences, other
/// scripts), it is not encoding damage, and the gold-text rules forbid changes
/// beyond the character fixes.
fn unicode(lines: &mut [String], edits: &mut Edits) {
    for (i, line) in lines.iter_mut().enumerate() {
        if !line.contains('\u{FEFF}') && is_nfc_quick(line.chars()) == IsNormalized::Yes {
            continue;
        }
        let mut fixes = Vec::new();
        for (range, word) in words_of(line) {
            if word.contains('\u{FEFF}') || !unicode_normalization::is_nfc(word) {
                let to: String = word.nfc().filter(|&c| c != '\u{FEFF}').collect();
                if to != word {
                    fixes.push(Fix {
                        range,
                        to,
                        confidence: 1.0,
                    });
                }
            }
        }
        edits.apply(i, line, fixes, CorrectionKind::Unicode);
    }
}

/// Whether `c` separates words. Only ASCII space and tab: no stage changes them,
/// and mojibake may contain other whitespace (no-break space, U+0085).
pub(crate) fn is_separator(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The words of a line with their byte ranges (empty words between adjacent
/// separators included, so that word indices are stable).
fn words_of(line: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut start = 0;
    line.split(is_separator).map(move |w| {
        let range = start..start + w.len();
        start = range.end + 1;
        (range, w)
    })
}

/// A replacement of a byte range of a line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fix {
    /// Bytes of the line as it is before the stage.
    pub range: Range<usize>,
    /// The replacement.
    pub to: String,
    /// How sure the stage is, 0..1.
    pub confidence: f32,
}

/// The changes made so far: the input form of every changed line and, per word
/// index, the kind of the first stage that changed it and the lowest confidence.
#[derive(Debug, Default)]
pub(crate) struct Edits {
    lines: BTreeMap<usize, LineEdit>,
    /// Fixes applied so far.
    changes: usize,
}

#[derive(Debug)]
struct LineEdit {
    original: String,
    marks: BTreeMap<usize, (CorrectionKind, f32)>,
}

impl Edits {
    /// Applies `fixes` (non-overlapping, in order) to line `index` and records them.
    pub fn apply(
        &mut self,
        index: usize,
        line: &mut String,
        fixes: Vec<Fix>,
        kind: CorrectionKind,
    ) {
        if fixes.is_empty() {
            return;
        }
        let edit = self.lines.entry(index).or_insert_with(|| LineEdit {
            original: line.clone(),
            marks: BTreeMap::new(),
        });
        let mut out = String::with_capacity(line.len());
        let mut at = 0;
        for fix in fixes {
            let (Some(before), Some(_)) =
                (line.get(at..fix.range.start), line.get(fix.range.clone()))
            else {
                // Overlapping or out of range: a bug upstream; skip rather than panic.
                debug_assert!(false, "bad fix {fix:?} at {at} in {line:?}");
                continue;
            };
            out.push_str(before);
            out.push_str(&fix.to);
            self.changes += 1;
            at = fix.range.end;
            // Separators never change, so counting them gives the word index in
            // the input line as well.
            let word = line
                .get(..fix.range.start)
                .map_or(0, |s| s.chars().filter(|&c| is_separator(c)).count());
            edit.marks
                .entry(word)
                .and_modify(|m| m.1 = m.1.min(fix.confidence))
                .or_insert((kind, fix.confidence));
        }
        out.push_str(line.get(at..).unwrap_or_default());
        *line = out;
    }

    /// One correction per word whose final form differs from its input form;
    /// a word repaired with less than `min_confidence` is put back as it was
    /// (counted, not reported).
    fn into_corrections(
        self,
        lines: &mut [String],
        min_confidence: f32,
    ) -> (Vec<Correction>, usize) {
        let mut out = Vec::new();
        let mut put_back = 0;
        for (index, edit) in self.lines {
            let Some(now) = lines.get_mut(index) else {
                continue;
            };
            // Separators never change, so the words of the input and the
            // output line up; the input's separators rebuild the line.
            let separators: Vec<char> =
                edit.original.chars().filter(|&c| is_separator(c)).collect();
            let mut rebuilt = String::with_capacity(now.len());
            let mut line_put_back = 0;
            let mut column = 1;
            for (word, (from, to)) in edit
                .original
                .split(is_separator)
                .zip(now.split(is_separator))
                .enumerate()
            {
                if let Some(&sep) = word.checked_sub(1).and_then(|w| separators.get(w)) {
                    rebuilt.push(sep);
                }
                let (kind, confidence) = edit
                    .marks
                    .get(&word)
                    .copied()
                    .unwrap_or((CorrectionKind::Unicode, 1.0));
                if from == to {
                    rebuilt.push_str(to);
                } else if confidence < min_confidence {
                    rebuilt.push_str(from);
                    line_put_back += 1;
                } else {
                    rebuilt.push_str(to);
                    out.push(Correction {
                        line: index + 1,
                        column,
                        from: from.to_string(),
                        to: to.to_string(),
                        kind,
                        confidence,
                    });
                }
                column += from.chars().count() + 1;
            }
            if line_put_back > 0 {
                *now = rebuilt;
                put_back += line_put_back;
            }
        }
        (out, put_back)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsure_repairs_are_put_back() {
        // "â€" before a replacement character is only a guess (0.7).
        let words: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut sure = vec!["citat â€\u{fffd} och fÃ¶r".to_string()];
        let (kept, put_back) = repair(&mut sure, &words, 0.9);
        assert_eq!(put_back, 1);
        assert_eq!(sure[0], "citat â€\u{fffd} och för");
        assert!(kept.iter().all(|c| c.confidence >= 0.9));
        let mut all = vec!["citat â€\u{fffd} och fÃ¶r".to_string()];
        let (kept, put_back) = repair(&mut all, &words, 0.0);
        assert_eq!((kept.len(), put_back), (2, 0));
    }

    fn run(text: &str, words: &[&str]) -> (String, Vec<Correction>) {
        let set: HashSet<&str> = words.iter().copied().collect();
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let c = normalise_with(&mut lines, &set);
        (lines.join("\n"), c)
    }

    #[test]
    fn clean_text_is_not_suspicious() {
        let lines = vec![
            "Vår största utmaning — för att komma framåt är att ”hantera” sådant".to_string(),
            "e J 31| 2, [T-avdelningen x | y".to_string(),
        ];
        let s = scan(&lines);
        assert!(!s.mojibake && !s.unicode);
    }

    #[test]
    fn nfd_is_composed_and_reported_per_word() {
        let (text, c) = run("Ja\u{308}rfa\u{308}lla och Ta\u{308}by", &[]);
        assert_eq!(text, "Järfälla och Täby");
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].line, c[0].column, c[0].to.as_str()),
            (1, 1, "Järfälla")
        );
        assert_eq!((c[1].column, c[1].kind), (16, CorrectionKind::Unicode));
    }

    #[test]
    fn bom_inside_text_is_removed() {
        let (text, c) = run("slut\n\u{FEFF}Förord\nmitt\u{FEFF}i", &[]);
        assert_eq!(text, "slut\nFörord\nmitti");
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].line, 2);
    }

    #[test]
    fn columns_count_characters_of_the_input_line() {
        let (text, c) = run("Över  två\tmål: fÃ¶r så", &[]);
        assert_eq!(text, "Över  två\tmål: för så");
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].column, c[0].from.as_str()), (16, "fÃ¶r"));
    }
}
