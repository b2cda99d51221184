//! Mojibake: UTF-8 bytes that were decoded with a single-byte code page, once or
//! more ("fÃ¶r", "fÃƒÂ¶r", "f√∂r", "f├╢r", "fÃ\u{b6}r" via Latin-1).
//!
//! # Method
//!
//! For each code page, every maximal run of non-ASCII characters that the code
//! page has is mapped back to its bytes and decoded as UTF-8 where the bytes form
//! a valid sequence ("Ã¶" -> C3 B6 -> "ö"), repeatedly, to undo double encoding.
//! A decoded character is kept only if it is something Swedish text of our kind
//! contains: Latin-1 letters and symbols, Latin Extended-A letters, general
//! punctuation (dashes, quotes), €, ™, a byte-order mark, or a combining mark that
//! composes with the letter before it (mojibake of NFD text). Anything else
//! (Cyrillic, CJK, box drawing ...) means the characters were real text, and the
//! run is left as it is. Intermediate rounds may produce other characters of the
//! code page (C1 controls, "√"), as long as the last round removes them.
//!
//! The document's code page is the one whose repairs restore the most Swedish
//! letters, among those with *evidence*: at least two evident repairs, or one
//! that restores a Swedish letter. A repair is evident where the characters could
//! not stand next to each other in real text: the lead is not a letter ("√",
//! "├"), a continuation is a symbol ("¶", "¤", "€") rather than a letter or
//! common punctuation, or the result is a combining mark that composes with the
//! letter before it ("o" + "Ãà" in MacRoman). "Ã…", "Ã–" and "Ã" + no-break space
//! are not evident on their own (a Portuguese "IRMÃ…" is possible), so they are
//! repaired only in a document with evidence, or when the word list knows the
//! repaired word. Repairs to Latin Extended-A letters (which clean Swedish text
//! can produce by accident: "PÅ”" reads as "PŔ" in windows-1252) need two evident
//! repairs.
//!
//! After the chosen code page is repaired the text is examined again, so a
//! document with passages from two sources is repaired in full. When no code page
//! has evidence left, only runs whose repaired word the word list knows are
//! repaired.

use super::codepage::{self, CodePage};
use super::{Edits, Fix, Words};
use crate::sidecar::CorrectionKind;
use std::ops::Range;

/// A possible repair of one run of one line under one code page.
#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    range: Range<usize>,
    to: String,
    /// The first round decoded a sequence that real text would not contain.
    evident: bool,
    /// The repair produces a Latin Extended-A letter.
    weak: bool,
    /// Swedish letters (å ä ö é ü, either case) the repair produces.
    swedish: usize,
    /// The repair guessed a byte that had been replaced by U+FFFD.
    guessed: bool,
}

/// What a byte that no decoder could read was replaced with.
const REPLACEMENT: char = '\u{FFFD}';

/// Repairs mojibake in `lines`, recording the changes in `edits`.
///
/// The best code page is repaired first; then the text is looked at again, so a
/// document with passages damaged in two ways (pasted from two sources) is
/// repaired in full and a second run finds nothing more to do.
pub(super) fn repair<W: Words + ?Sized>(lines: &mut [String], words: &W, edits: &mut Edits) {
    // Each pass shortens the text; the bound is for safety only.
    'passes: for _ in 0..8 {
        let survey = survey(lines);
        for (i, found) in survey.iter().enumerate() {
            let chosen: Vec<(Candidate, f32)> = found
                .candidates
                .iter()
                // A run that another code page with evidence repairs to more
                // Swedish letters is that code page's ("Ã¶" is "ö" in
                // windows-1252, "ț" in MacRoman); it is repaired in a later pass.
                .filter(|c| {
                    !survey
                        .iter()
                        .enumerate()
                        .any(|(j, other)| j != i && other.repairs_better(c))
                })
                .filter_map(|c| {
                    let known = confirmed(lines, c, words);
                    let confidence = match (c.weak, c.evident, known) {
                        (true, _, _) if found.evident < 2 => return None,
                        (true, _, true) => 0.9,
                        (true, _, false) => 0.85,
                        (false, true, _) => 0.99,
                        (false, false, true) => 0.95,
                        (false, false, false) => 0.9,
                    };
                    // The guess of a lost byte is plausible, not sure.
                    let confidence = if c.guessed { 0.7 } else { confidence };
                    Some((c.clone(), confidence))
                })
                .collect();
            if !chosen.is_empty() {
                apply(lines, chosen, edits);
                continue 'passes;
            }
        }
        break;
    }
    let known = fallback(lines, words);
    apply(lines, known, edits);
}

/// The repairs one code page offers for a document.
#[derive(Debug)]
struct Survey {
    /// Its candidates, in line and position order.
    candidates: Vec<Candidate>,
    /// How many of them are evident (and not weak).
    evident: usize,
    /// How well it explains the text: each repair counts 1, each Swedish letter
    /// it restores 2 more.
    score: usize,
}

impl Survey {
    /// Whether this code page has a candidate overlapping `c` that restores more
    /// Swedish letters.
    fn repairs_better(&self, c: &Candidate) -> bool {
        let first = self
            .candidates
            .partition_point(|o| (o.line, o.range.end) <= (c.line, c.range.start));
        self.candidates
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(|o| o.line == c.line && o.range.start < c.range.end)
            .any(|o| o.swedish > c.swedish)
    }
}

/// The code pages with evidence, best first: most Swedish letters restored, and
/// on a tie the code page listed first in [`CodePage::ALL`].
fn survey(lines: &[String]) -> Vec<Survey> {
    let mut out: Vec<Survey> = Vec::new();
    for cp in CodePage::ALL {
        let candidates = candidates(lines, cp);
        let evident = candidates.iter().filter(|c| c.evident && !c.weak).count();
        let swedish: usize = candidates
            .iter()
            .filter(|c| !c.weak)
            .map(|c| c.swedish)
            .sum();
        // One evident repair that restores no Swedish letter ("√å" -> "Ì") is too
        // little to call the document damaged.
        if evident == 0 || (evident == 1 && swedish == 0) {
            continue;
        }
        let score = candidates
            .iter()
            .filter(|c| !c.weak)
            .map(|c| 1 + 2 * c.swedish)
            .sum();
        out.push(Survey {
            candidates,
            evident,
            score,
        });
    }
    // Stable: ties keep the order of CodePage::ALL.
    out.sort_by_key(|s| std::cmp::Reverse(s.score));
    out
}

/// Once no code page has evidence left: the repairs that give known words, under
/// the code page that gives the most of them.
fn fallback<W: Words + ?Sized>(lines: &[String], words: &W) -> Vec<(Candidate, f32)> {
    let mut best: Vec<Candidate> = Vec::new();
    for cp in CodePage::ALL {
        let known: Vec<Candidate> = candidates(lines, cp)
            .into_iter()
            .filter(|c| !c.weak && confirmed(lines, c, words))
            .collect();
        if known.len() > best.len() {
            best = known;
        }
    }
    best.into_iter().map(|c| (c, 0.8)).collect()
}

fn apply(lines: &mut [String], chosen: Vec<(Candidate, f32)>, edits: &mut Edits) {
    let mut chosen = chosen.into_iter().peekable();
    while let Some((first, confidence)) = chosen.next() {
        let index = first.line;
        let mut fixes = vec![Fix {
            range: first.range,
            to: first.to,
            confidence,
        }];
        while let Some((c, confidence)) = chosen.next_if(|(c, _)| c.line == index) {
            fixes.push(Fix {
                range: c.range,
                to: c.to,
                confidence,
            });
        }
        if let Some(line) = lines.get_mut(index) {
            edits.apply(index, line, fixes, CorrectionKind::Mojibake);
        }
    }
}

/// Whether the word that the repair lands in is known: the letters around the
/// run in its line, with the repair in place, lower-cased.
fn confirmed<W: Words + ?Sized>(lines: &[String], c: &Candidate, words: &W) -> bool {
    let Some(line) = lines.get(c.line) else {
        return false;
    };
    let (Some(before), Some(after)) = (line.get(..c.range.start), line.get(c.range.end..)) else {
        return false;
    };
    let to: String = unicode_normalization::UnicodeNormalization::nfc(c.to.chars()).collect();
    if to.is_empty() || !to.chars().all(char::is_alphabetic) {
        return false;
    }
    let head_len: usize = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let tail_len: usize = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .map(char::len_utf8)
        .sum();
    let head = before.get(before.len() - head_len..).unwrap_or_default();
    let tail = after.get(..tail_len).unwrap_or_default();
    let word = format!("{head}{to}{tail}").to_lowercase();
    words.is_word(&word)
}

/// Every run in `lines` that `cp` can repair, in line and position order.
fn candidates(lines: &[String], cp: CodePage) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let mut start = 0;
        let mut before = None;
        let mut prev = None;
        // A sentinel ASCII character closes the last run of the line.
        for (at, c) in line
            .char_indices()
            .chain(std::iter::once((line.len(), ' ')))
        {
            if cp.high_byte(c).is_some() || (cp == CodePage::Windows1252 && c == REPLACEMENT) {
                if run.is_empty() {
                    start = at;
                    before = prev;
                }
                run.push(c);
            } else if !run.is_empty() {
                if run.len() >= 2
                    && let Some(fix) = repair_run(&run, before, cp)
                {
                    out.push(Candidate {
                        line: index,
                        range: start..at,
                        ..fix
                    });
                }
                run.clear();
            }
            prev = Some(c);
        }
    }
    out
}

/// The result of [`decode_once`].
struct Round {
    chars: Vec<char>,
    /// Which characters were produced by decoding (in this or an earlier round).
    decoded: Vec<bool>,
    /// Whether a decoded sequence was evident (see the module documentation).
    evident: bool,
    /// Whether a lost byte was guessed.
    guessed: bool,
}

/// Repairs one run, as many rounds as it takes; `None` if nothing decodes to
/// acceptable text.
fn repair_run(run: &[char], before: Option<char>, cp: CodePage) -> Option<Candidate> {
    let mut chars = run.to_vec();
    let mut decoded = vec![false; run.len()];
    let mut evident = false;
    let mut guessed = false;
    let mut best: Option<(Vec<char>, Vec<bool>, bool)> = None;
    // Each round shortens the run, so this ends; the bound is for safety only.
    for round in 0..8 {
        let Some(next) = decode_once(&chars, &decoded, before, cp) else {
            break;
        };
        if round == 0 {
            evident = next.evident;
        }
        chars = next.chars;
        decoded = next.decoded;
        guessed |= next.guessed;
        let mut prev = before;
        let clean = chars.iter().zip(&decoded).all(|(&c, &d)| {
            let ok = !d || acceptable(c, prev);
            prev = Some(c);
            ok
        });
        if clean {
            best = Some((chars.clone(), decoded.clone(), guessed));
        }
    }
    let (chars, decoded, guessed) = best?;
    let weak = chars
        .iter()
        .zip(&decoded)
        .any(|(&c, &d)| d && ('\u{100}'..='\u{17F}').contains(&c));
    let swedish = chars
        .iter()
        .zip(&decoded)
        .filter(|&(&c, &d)| d && is_swedish(c))
        .count();
    Some(Candidate {
        line: 0,
        range: 0..0,
        to: chars.into_iter().collect(),
        evident,
        weak,
        swedish,
        guessed,
    })
}

/// One round of decoding: every valid UTF-8 sequence in the bytes of `chars`
/// whose character may be text or another layer of mojibake is decoded. `None`
/// if nothing was.
fn decode_once(
    chars: &[char],
    decoded: &[bool],
    before: Option<char>,
    cp: CodePage,
) -> Option<Round> {
    let mut out = Round {
        chars: Vec::with_capacity(chars.len()),
        decoded: Vec::with_capacity(chars.len()),
        evident: false,
        guessed: false,
    };
    let mut changed = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if let Some((r, n, guessed)) = decode_at(chars, i, cp) {
            let prev = out.chars.last().copied().or(before);
            // A character of the code page may be one more layer of mojibake;
            // whether it goes away is checked after the last round.
            if acceptable(r, prev) || cp.high_byte(r).is_some() {
                // A combining mark that composes with the letter before it is
                // evident too: real text does not put "Ãà" after an "o".
                if is_combining(r)
                    || chars
                        .get(i + 1..i + n)
                        .is_some_and(|cont| evident_unit(c, cont))
                {
                    out.evident = true;
                }
                out.guessed |= guessed;
                out.chars.push(r);
                out.decoded.push(true);
                changed = true;
                i += n;
                continue;
            }
        }
        out.chars.push(c);
        out.decoded.push(decoded.get(i).copied().unwrap_or(false));
        i += 1;
    }
    changed.then_some(out)
}

/// The character encoded by the UTF-8 sequence whose bytes (in `cp`) begin at
/// `chars[i]`, the number of characters it spans, and whether a byte was guessed.
///
/// windows-1252 has no character for 0x9D, the last byte of "”" (E2 80 9D), so a
/// strict decoder put U+FFFD there: "â€\u{FFFD}". Swedish puts ” around quotes,
/// and the other characters that could be meant (U+2001, U+200D, U+200F, U+2010)
/// are rare, so that U+FFFD is read as 0x9D, reported as a guess.
fn decode_at(chars: &[char], i: usize, cp: CodePage) -> Option<(char, usize, bool)> {
    let lead = cp.high_byte(*chars.get(i)?)?;
    let n = codepage::continuation_count(lead);
    if n == 0 {
        return None;
    }
    let mut bytes = [lead, 0, 0, 0];
    let mut guessed = false;
    let cont = chars.get(i + 1..=i + n)?;
    for (k, &c) in cont.iter().enumerate() {
        let b = if c == REPLACEMENT
            && cp == CodePage::Windows1252
            && k == 1
            && bytes[..2] == [0xE2, 0x80]
        {
            guessed = true;
            0x9D
        } else {
            cp.high_byte(c).filter(|&b| codepage::is_continuation(b))?
        };
        bytes[k + 1] = b;
    }
    // from_utf8 also rejects overlong forms and surrogates.
    let s = std::str::from_utf8(bytes.get(..=n)?).ok()?;
    Some((s.chars().next()?, n + 1, guessed))
}

/// Whether a decoded character is plausible in the repaired text. `prev` is the
/// character before it (for combining marks).
fn acceptable(r: char, prev: Option<char>) -> bool {
    match r {
        // Latin-1 letters and symbols, Latin Extended-A.
        '\u{A0}'..='\u{17F}' => true,
        // Combining marks only where they compose (NFD text that was misread).
        _ if is_combining(r) => {
            prev.is_some_and(|p| unicode_normalization::char::compose(p, r).is_some())
        }
        // Dashes, quotes, bullet, ellipsis, per mille, angle quotes, fraction slash.
        '\u{2010}'..='\u{2044}' => true,
        '€' | '™' | '\u{FEFF}' => true,
        _ => false,
    }
}

/// Common punctuation that may follow a letter in real text.
const PUNCTUATION: &[char] = &[
    '\u{A0}', '…', '”', '“', '’', '‘', '‚', '„', '–', '—', '«', '»', '‹', '›', '¡', '¿', '•', '·',
];

/// Whether a sequence of lead `lead` and continuations `cont` cannot be real text:
/// the lead is no letter, or a continuation is neither a letter nor common
/// punctuation.
fn evident_unit(lead: char, cont: &[char]) -> bool {
    !lead.is_alphabetic()
        || cont
            .iter()
            .any(|&c| !c.is_alphabetic() && !PUNCTUATION.contains(&c))
}

/// The combining marks that decomposed Latin letters of our texts use (grave,
/// acute, circumflex, tilde, macron, breve, dot, diaeresis, ring, double acute,
/// caron, cedilla, ogonek). Others (a comma below, an overlay) are far more often
/// another code page's reading of the same bytes: "Ã¶" is "ö" in windows-1252
/// but t + U+0326 in MacRoman.
fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{304}' | '\u{306}'..='\u{308}' | '\u{30A}'..='\u{30C}' | '\u{327}' | '\u{328}')
}

fn is_swedish(c: char) -> bool {
    matches!(
        c,
        'å' | 'ä'
            | 'ö'
            | 'Å'
            | 'Ä'
            | 'Ö'
            | 'é'
            | 'É'
            | 'ü'
            | 'Ü'
            | '\u{301}'
            | '\u{308}'
            | '\u{30A}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str, cp: CodePage) -> Option<String> {
        let chars: Vec<char> = s.chars().collect();
        repair_run(&chars, Some('f'), cp).map(|c| c.to)
    }

    #[test]
    fn runs_decode_in_each_code_page() {
        assert_eq!(fix("Ã¶", CodePage::Windows1252).as_deref(), Some("ö"));
        assert_eq!(fix("ÃƒÂ¶", CodePage::Windows1252).as_deref(), Some("ö"));
        assert_eq!(fix("Ã\u{85}", CodePage::Windows1252).as_deref(), Some("Å"));
        assert_eq!(
            fix("Ã\u{83}Â\u{85}", CodePage::Windows1252).as_deref(),
            Some("Å")
        );
        assert_eq!(fix("â€\u{9d}", CodePage::Windows1252).as_deref(), Some("”"));
        assert_eq!(fix("√∂", CodePage::MacRoman).as_deref(), Some("ö"));
        assert_eq!(fix("‚Äî", CodePage::MacRoman).as_deref(), Some("—"));
        assert_eq!(fix("├╢", CodePage::Cp437).as_deref(), Some("ö"));
        assert_eq!(fix("├Â", CodePage::Cp850).as_deref(), Some("ö"));
        assert_eq!(
            fix("ï»¿", CodePage::Windows1252).as_deref(),
            Some("\u{FEFF}")
        );
    }

    #[test]
    fn real_text_does_not_decode() {
        // å” is E5 94 (needs two continuations), Ö” is U+0594 (Hebrew), —Ä in
        // MacRoman is U+0440 (Cyrillic).
        assert_eq!(fix("å”", CodePage::Windows1252), None);
        assert_eq!(fix("Ö”", CodePage::Windows1252), None);
        assert_eq!(fix("—Ä", CodePage::MacRoman), None);
        assert_eq!(fix("«Ä", CodePage::MacRoman), None);
    }

    #[test]
    fn evidence() {
        let ev = |s: &str| {
            let chars: Vec<char> = s.chars().collect();
            repair_run(&chars, Some('f'), CodePage::Windows1252).map(|c| c.evident)
        };
        assert_eq!(ev("Ã¶"), Some(true));
        assert_eq!(ev("Ã…"), Some(false));
        assert_eq!(ev("Ã–"), Some(false));
        assert_eq!(ev("â€”"), Some(true));
    }
}
