//! Joins words split by a line-break hyphen, per `spec/gold-text.md`: the word is
//! joined on its first line and its continuation removed from the next non-blank
//! line. A hyphen that belongs to the word ("IT-" + "kommun") stays; a suspended
//! compound ("förvaltnings-" + "och bolagsgränserna") is left as it is.
//!
//! The word corrector skipped both halves, so each join (or each half, when not
//! joined) is corrected here with the same corrector.

use crate::correct::Corrector;
use crate::sidecar::{Correction, CorrectionKind};
use crate::tokenise::{self, Token};

/// Words that follow a suspended compound's hyphen ("kunskaps- och metodområden").
const CONJUNCTIONS: &[&str] = &[
    "och",
    "eller",
    "samt",
    "respektive",
    "resp",
    "men",
    "som",
    "till",
    "&",
];

/// How a line-break hyphen is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    /// "innova-" + "tiva" = "innovativa".
    Drop,
    /// "IT-" + "kommun" = "IT-kommun".
    Keep,
    /// Not a split word: both halves stay where they are.
    None,
}

/// Joins hyphenated words in place and corrects them; returns the changes made.
pub fn dehyphenate(lines: &mut [String], corrector: &mut Corrector<'_>) -> Vec<Correction> {
    let mut out = Vec::new();
    for i in 0..lines.len() {
        let Some(head) = tokenise::tokens(&lines[i]).last().copied() else {
            continue;
        };
        if !(head.word.len() > 1 && head.word.ends_with('-') && head.trail.is_empty()) {
            continue;
        }
        let Some(j) = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty()) else {
            continue;
        };
        let (head_start, head_word) = (head.start, head.word.to_string());
        let stem = &head_word[..head_word.len() - 1];
        let Some((join, tail_start, tail_word, tail_trail)) =
            tokenise::tokens(&lines[j]).first().map(|t| {
                (
                    decide(stem, t, corrector),
                    t.start,
                    t.word.to_string(),
                    t.trail.to_string(),
                )
            })
        else {
            continue;
        };
        let tail_end = tail_start + tail_word.len();
        let column = lines[i][..head_start].chars().count() + 1;
        if join == Join::None {
            // Both halves stay; correct each on its own.
            if let Some((to, kind, confidence)) = corrector.correct_word(&head_word) {
                lines[i].replace_range(head_start..head_start + head_word.len(), &to);
                out.push(correction(i, column, &head_word, &to, kind, confidence));
            }
            if let Some((to, kind, confidence)) = (!tail_word.is_empty())
                .then(|| corrector.correct_word(&tail_word))
                .flatten()
            {
                let col = lines[j][..tail_start].chars().count() + 1;
                lines[j].replace_range(tail_start..tail_start + tail_word.len(), &to);
                out.push(correction(j, col, &tail_word, &to, kind, confidence));
            }
            continue;
        }
        let joined = match join {
            Join::Drop => format!("{stem}{tail_word}"),
            _ => format!("{head_word}{tail_word}"),
        };
        // Remove the continuation and the space after it from the next line.
        let cut = tail_end + tail_trail.len();
        let rest = lines[j][cut..].trim_start().to_string();
        let lead_ws = lines[j].len() - lines[j].trim_start().len();
        lines[j] = format!("{}{rest}", &lines[j][..lead_ws.min(tail_start)]);
        if lines[j].trim().is_empty() {
            lines[j].clear();
        }
        let fixed = corrector.correct_word(&joined);
        let word = fixed.as_ref().map_or(joined.as_str(), |f| f.0.as_str());
        lines[i].replace_range(head_start.., &format!("{word}{tail_trail}"));
        out.push(correction(
            i,
            column,
            &format!("{head_word}\n{tail_word}"),
            &joined,
            CorrectionKind::Hyphenation,
            if join == Join::Drop { 0.9 } else { 0.8 },
        ));
        if let Some((to, kind, confidence)) = fixed {
            out.push(correction(i, column, &joined, &to, kind, confidence));
        }
    }
    out
}

/// Whether and how `stem` (the head without its hyphen) joins `tail`.
fn decide(stem: &str, tail: &Token<'_>, corrector: &mut Corrector<'_>) -> Join {
    let t = tail.word;
    if t.is_empty() || !tail.lead.is_empty() {
        return Join::None;
    }
    if CONJUNCTIONS.contains(&t.to_lowercase().as_str()) {
        return Join::None;
    }
    let last_segment = stem.rsplit('-').next().unwrap_or(stem);
    let letters = last_segment.chars().filter(|c| c.is_alphabetic()).count();
    let abbreviation = letters > 0
        && (letters == 1 || last_segment.chars().all(|c| !c.is_lowercase()))
        && last_segment.chars().count() <= 5;
    if abbreviation || last_segment.ends_with(|c: char| c.is_ascii_digit()) {
        // "IT-" + "kommun", "e-" + "tjänster", "24-" + "timmars": the hyphen is
        // the word's own.
        return Join::Keep;
    }
    let dropped = format!("{stem}{t}");
    if known(&dropped, corrector) {
        return Join::Drop;
    }
    // Any two words can be joined with a hyphen, so only a form the lexicon
    // holds whole ("e-post") keeps it.
    let kept = format!("{stem}-{t}");
    if corrector.is_stored(&kept) {
        return Join::Keep;
    }
    if t.starts_with(char::is_lowercase) {
        // An unknown word broken at the line end is still one word.
        Join::Drop
    } else {
        Join::None
    }
}

/// Whether `word` is a word as printed or after correction.
fn known(word: &str, corrector: &mut Corrector<'_>) -> bool {
    if corrector.is_known(word) {
        return true;
    }
    match corrector.correct_word(word) {
        Some((fixed, _, _)) => corrector.is_known(&fixed),
        None => false,
    }
}

fn correction(
    line: usize,
    column: usize,
    from: &str,
    to: &str,
    kind: CorrectionKind,
    confidence: f32,
) -> Correction {
    Correction {
        line: line + 1,
        column,
        from: from.to_string(),
        to: to.to_string(),
        kind,
        confidence: (confidence * 1000.0).round() / 1000.0,
    }
}
