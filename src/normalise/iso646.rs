//! Swedish 7-bit ASCII (ISO 646-SE / SEN 850200): `{ | } [ \ ]` stand for
//! `ä ö å Ä Ö Å`, and in some variants `` ` `` `@` `~` `^` for `é É ü Ü` ("f|r",
//! "H{r", "\rebro", "id`").
//!
//! # Method
//!
//! A *run* is a maximal stretch of letters and these characters. A run is a
//! candidate when it has at least one letter, is not glued to digits or code
//! symbols (`_ = < > $ % # + *`), and reads, with the substitutes replaced, as a
//! word in lower case, Title case or CAPITALS ("f|r" -> "för"; "a[i]" -> "aÄiÅ" is
//! no word shape, nor is "|IT" -> "öIT").
//!
//! The document is *clearly* 7-bit Swedish when it contains no real å ä ö Å Ä Ö
//! (7-bit text cannot), has at least three candidates that do not begin with an
//! I lookalike (below) using at least two different substitutes (OCR noise is
//! one character, `|` for l; Swedish needs ä, ö and å), candidates make up at
//! least one word in twenty (Swedish prose has å, ä or ö in about one word in
//! four), and substitutes used as letters outnumber the other uses (column rules,
//! brackets, code) at least two to one; or when the word list knows at least two
//! candidates and half of them. In a clear document every candidate is repaired.
//! Otherwise a candidate is repaired only when the word list knows the result.
//!
//! Our OCR text uses `[` and `|` for the letter I ("[T-avdelningen",
//! "|IT-kommun"), so a run that begins with `[` or `|` before a capital is
//! repaired only in a clear document and only to a known word; one that begins
//! with them before a small letter ("|ra": "Ira" or "öra"?) needs, outside a
//! clear document, a known word and another repair in the same document. Runs
//! wrapped in a pair (`[x]`, `` `x` ``, `|x|`) and runs with `@` or `^` (mail
//! addresses, handles, exponents) always need a known word; braces (`{x}`) are
//! code except in a clear document, where `{nd}` is "ändå".

use super::{Edits, Fix, Words};
use crate::sidecar::CorrectionKind;
use std::ops::Range;

/// The letter a 7-bit substitute stands for.
pub(super) fn substitute(c: char) -> Option<char> {
    Some(match c {
        '{' => 'ä',
        '|' => 'ö',
        '}' => 'å',
        '[' => 'Ä',
        '\\' => 'Ö',
        ']' => 'Å',
        '`' => 'é',
        '@' => 'É',
        '~' => 'ü',
        '^' => 'Ü',
        _ => return None,
    })
}

/// The six substitutes every variant of ISO 646-SE has.
fn is_primary(c: char) -> bool {
    matches!(c, '{' | '|' | '}' | '[' | '\\' | ']')
}

/// Characters that make a neighbouring run code or a number rather than a word.
fn is_code_border(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '_' | '=' | '<' | '>' | '$' | '%' | '#' | '+' | '*')
}

/// What a candidate needs before it is repaired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Guard {
    /// Clear document, or a known word.
    Plain,
    /// Begins with `[` or `|` before a small letter: clear document, or a known
    /// word plus another repair in the document.
    InitialI,
    /// Begins with `[` or `|` before a capital: clear document and a known word.
    CapitalI,
    /// Wrapped in braces (`{nd}` is "ändå", `{x}` is code): a clear document
    /// or a known word.
    Braced,
    /// Wrapped in another pair or has `@`/`^`: a known word.
    Known,
}

#[derive(Debug, Clone)]
struct Candidate {
    line: usize,
    range: Range<usize>,
    to: String,
    guard: Guard,
    known: bool,
}

/// Repairs ISO 646-SE text in `lines`, recording the changes in `edits`.
pub(super) fn repair<W: Words + ?Sized>(lines: &mut [String], words: &W, edits: &mut Edits) {
    let mut candidates = Vec::new();
    let mut letter_uses = 0usize; // primary substitutes inside candidates
    let mut other_uses = 0usize; // primary substitutes anywhere else
    let mut word_count = 0usize;
    let mut has_swedish = false;
    for (index, line) in lines.iter().enumerate() {
        has_swedish |= line.contains(['å', 'ä', 'ö', 'Å', 'Ä', 'Ö']);
        word_count += line
            .split(super::is_separator)
            .filter(|w| w.bytes().any(|b| b.is_ascii_alphabetic()))
            .count();
        // Most lines have no substitute at all; only count their words.
        if !line
            .bytes()
            .any(|b| b.is_ascii() && substitute(char::from(b)).is_some())
        {
            continue;
        }
        let before = candidates.len();
        find(index, line, words, &mut candidates);
        let inside: usize = candidates[before..]
            .iter()
            .filter_map(|c| line.get(c.range.clone()))
            .map(|s| s.chars().filter(|&c| is_primary(c)).count())
            .sum();
        letter_uses += inside;
        other_uses += line
            .chars()
            .filter(|&c| is_primary(c))
            .count()
            .saturating_sub(inside);
    }
    // Runs that begin with an I lookalike are what OCR noise gives, so they are
    // no evidence for 7-bit text.
    let plain: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.guard == Guard::Plain)
        .collect();
    let good = plain.len();
    // 7-bit Swedish uses several substitutes (ä and ö and å); OCR noise uses one
    // (| for l).
    let kinds = ['{', '|', '}', '[', '\\', ']']
        .into_iter()
        .filter(|&k| {
            plain.iter().any(|c| {
                lines
                    .get(c.line)
                    .and_then(|l| l.get(c.range.clone()))
                    .is_some_and(|r| r.contains(k))
            })
        })
        .count();
    // Known words are evidence on the same terms: an I lookalike that happens
    // to spell one ("[T" is "ÄT", "ät" is a word) is still OCR noise.
    let known = plain.iter().filter(|c| c.known).count();
    let clear = !has_swedish
        && ((good >= 3 && kinds >= 2 && good * 20 >= word_count && letter_uses >= 2 * other_uses)
            || (known >= 2 && known * 2 >= good));
    let other_known = candidates
        .iter()
        .any(|c| c.known && matches!(c.guard, Guard::Plain));

    let mut fixes_by_line: Vec<(usize, Fix)> = Vec::new();
    for c in candidates {
        let confidence = match (c.guard, clear, c.known) {
            (Guard::Plain | Guard::InitialI, true, true) => 0.97,
            (Guard::Plain | Guard::InitialI, true, false) => 0.9,
            (Guard::Plain, false, true) => 0.85,
            (Guard::InitialI, false, true) if other_known => 0.75,
            (Guard::CapitalI, true, true) => 0.9,
            (Guard::Braced, true, _) | (Guard::Braced, false, true) => 0.8,
            (Guard::Known, true, true) => 0.9,
            (Guard::Known, false, true) => 0.75,
            _ => continue,
        };
        fixes_by_line.push((
            c.line,
            Fix {
                range: c.range,
                to: c.to,
                confidence,
            },
        ));
    }
    let mut fixes = fixes_by_line.into_iter().peekable();
    while let Some((index, first)) = fixes.next() {
        let mut line_fixes = vec![first];
        while let Some((_, f)) = fixes.next_if(|(i, _)| *i == index) {
            line_fixes.push(f);
        }
        if let Some(line) = lines.get_mut(index) {
            edits.apply(index, line, line_fixes, CorrectionKind::Iso646);
        }
    }
}

/// The candidates of one line, in order.
fn find<W: Words + ?Sized>(index: usize, line: &str, words: &W, out: &mut Vec<Candidate>) {
    let is_run_char = |c: char| c.is_alphabetic() || substitute(c).is_some();
    let mut chars = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        if !is_run_char(c) {
            prev = Some(c);
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last = c;
        while let Some((at, c)) = chars.next_if(|&(_, c)| is_run_char(c)) {
            end = at + c.len_utf8();
            last = c;
        }
        let next = chars.peek().map(|&(_, c)| c);
        let border_ok = !prev.is_some_and(is_code_border) && !next.is_some_and(is_code_border);
        prev = Some(last);
        let Some(run) = line.get(start..end) else {
            continue;
        };
        if !border_ok || !run.chars().any(|c| substitute(c).is_some()) {
            continue;
        }
        if let Some(candidate) = judge(run, words) {
            out.push(Candidate {
                line: index,
                range: start..end,
                ..candidate
            });
        }
    }
}

/// Whether a run with substitutes is a candidate, and under which guard.
fn judge<W: Words + ?Sized>(run: &str, words: &W) -> Option<Candidate> {
    if !run.chars().any(char::is_alphabetic) {
        return None;
    }
    let to: String = run.chars().map(|c| substitute(c).unwrap_or(c)).collect();
    if !word_shape(&to) {
        return None;
    }
    let mut chars = run.chars();
    let first = chars.next()?;
    let second = chars.next();
    let last = run.chars().next_back()?;
    let wrapped = run.chars().count() >= 3
        && matches!(
            (first, last),
            ('{', '}') | ('[', ']') | ('`', '`') | ('|', '|')
        );
    let guard = if run.contains(['@', '^']) {
        Guard::Known
    } else if wrapped {
        if first == '{' {
            Guard::Braced
        } else {
            Guard::Known
        }
    } else if matches!(first, '[' | '|') {
        if second.is_some_and(|c| c.is_uppercase()) {
            Guard::CapitalI
        } else {
            Guard::InitialI
        }
    } else {
        Guard::Plain
    };
    let known = words.is_word(&to.to_lowercase());
    Some(Candidate {
        line: 0,
        range: 0..0,
        to,
        guard,
        known,
    })
}

/// Lower case, Title case, or CAPITALS of at least two letters.
fn word_shape(word: &str) -> bool {
    let rest_lower = word.chars().skip(1).all(|c| !c.is_uppercase());
    let all_upper = word.chars().all(|c| !c.is_lowercase()) && word.chars().count() >= 2;
    rest_lower || all_upper
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn judged(run: &str) -> Option<(String, Guard)> {
        judge(run, &HashSet::<&str>::new()).map(|c| (c.to, c.guard))
    }

    #[test]
    fn shapes() {
        assert_eq!(judged("f|r"), Some(("för".into(), Guard::Plain)));
        assert_eq!(judged("\\rebro"), Some(("Örebro".into(), Guard::Plain)));
        assert_eq!(judged("G\\TEBORG"), Some(("GÖTEBORG".into(), Guard::Plain)));
        assert_eq!(judged("[r"), Some(("Är".into(), Guard::InitialI)));
        assert_eq!(judged("[T"), Some(("ÄT".into(), Guard::CapitalI)));
        assert_eq!(judged("{nd}"), Some(("ändå".into(), Guard::Braced)));
        assert_eq!(judged("[ab]"), None);
        assert_eq!(judged("`ab`"), Some(("éabé".into(), Guard::Known)));
        assert_eq!(judged("|IT"), None);
        assert_eq!(judged("a[i]"), None);
        assert_eq!(judged("|"), None);
    }
}
