//! Joins words split by a line-break hyphen, per `spec/gold-text.md`: the word is
//! joined on its first line and its continuation removed from the next non-blank
//! line. A hyphen that belongs to the word ("IT-" + "kommun") stays; a suspended
//! compound ("förvaltnings-" + "och bolagsgränserna") is left as it is.
//!
//! It runs before the word corrector, so that a joined word is corrected in its
//! context like any other; the decision to join asks the corrector whether the
//! joined word (once its letters are repaired) is a word.

use crate::correct::Corrector;
use crate::lexicon::first_names;
use crate::lexicon::flags;
use crate::sidecar::{Correction, CorrectionKind};
use crate::tokenise::Token;

/// Words that follow a suspended compound's hyphen ("kunskaps- och
/// metodområden"): never taken as the end of a split word. "samt" may be
/// one ("skynd-" + "samt"), but a suspended part joined with it is a word
/// as often ("hälso-" + "samt sjukvården" is no "hälsosamt").
const CONJUNCTIONS: &[&str] = &["och", "eller", "samt", "respektive", "resp", "&"];

/// Words that may follow a suspended compound ("både förvaltnings- som
/// bolagsgränser") but also end split words ("Plattfor-" + "men"): the join
/// must then spell a word the lexicon holds.
const MAYBE_CONJUNCTIONS: &[&str] = &["men", "som", "till"];

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

/// Joins hyphenated words in place. Returns the changes made, and how many
/// joins were left undone because they were less sure than `min_confidence`.
pub fn dehyphenate(
    lines: &mut [String],
    corrector: &mut Corrector<'_>,
    min_confidence: f32,
) -> (Vec<Correction>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for i in 0..lines.len() {
        // Most lines do not end in a hyphen: tell without tokenising them.
        if !lines[i].trim_end().ends_with('-') {
            continue;
        }
        let Some(head) = corrector.tokens(i, &lines[i]).last().copied() else {
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
        let Some((join, tail)) = corrector.tokens(j, &lines[j]).first().map(|t| {
            (
                decide(stem, t, corrector),
                (t.start, t.word.to_string(), t.trail.to_string()),
            )
        }) else {
            continue;
        };
        let (tail_start, tail_word, tail_trail) = tail;
        let joined = match join {
            Join::None => continue,
            Join::Drop => format!("{stem}{tail_word}"),
            Join::Keep => format!("{head_word}{tail_word}"),
        };
        let confidence = join.confidence();
        if confidence < min_confidence {
            skipped += 1;
            continue;
        }
        // Remove the continuation and the space after it from the next line;
        // its punctuation moves up with it.
        let cut = tail_start + tail_word.len() + tail_trail.len();
        let indent = &lines[j][..tail_start];
        let rest = lines[j][cut..].trim_start();
        lines[j] = if rest.is_empty() {
            String::new()
        } else {
            format!("{indent}{rest}")
        };
        corrector.line_changed(j, &lines[j]);
        out.push(Correction::at(
            i,
            &lines[i],
            head_start,
            format!("{head_word}\n{tail_word}"),
            joined.clone(),
            CorrectionKind::Hyphenation,
            confidence,
        ));
        lines[i].replace_range(head_start.., &format!("{joined}{tail_trail}"));
        corrector.line_changed(i, &lines[i]);
    }
    (out, skipped)
}

impl Join {
    /// How sure a join is: dropping the hyphen of a split word rests on the
    /// lexicon or on a lower-case continuation; keeping it on the head being an
    /// abbreviation or number, a rule with more exceptions.
    fn confidence(self) -> f32 {
        match self {
            Join::Drop => 0.9,
            Join::Keep => 0.8,
            Join::None => 0.0,
        }
    }
}

/// Whether and how `stem` (the head without its hyphen) joins `tail`.
fn decide(stem: &str, tail: &Token<'_>, corrector: &mut Corrector<'_>) -> Join {
    let t = tail.word;
    if t.is_empty() || !tail.lead.is_empty() {
        return Join::None;
    }
    let lower = t.to_lowercase();
    if CONJUNCTIONS.contains(&lower.as_str()) {
        return Join::None;
    }
    let last_segment = stem.rsplit('-').next().unwrap_or(stem);
    let chars = last_segment.chars().count();
    let abbreviation = last_segment.chars().all(char::is_alphabetic)
        && (chars == 1 || (chars <= 5 && last_segment.chars().all(char::is_uppercase)));
    let number = last_segment.chars().all(|c| c.is_ascii_digit());
    let dropped = format!("{stem}{t}");
    let kept = format!("{stem}-{t}");
    if chars == 1 && abbreviation {
        // "e-" + "tjänster", "A-" + "kassan": a letter's hyphen is the word's
        // own, unless only the word without it is one ("CDM-p-" +
        // "rojektens", "(S-" + "venska)": a word split after its first
        // letter). A continuation that is a word keeps it ("u-" + "båtarnas",
        // "s-" + "pass").
        return if !corrector.is_stored(&kept)
            && !corrector.is_known(t)
            && known(&dropped, corrector)
        {
            Join::Drop
        } else {
            Join::Keep
        };
    }
    if chars > 0 && (abbreviation || number) {
        // "IT-" + "kommun", "24-" + "timmars": the hyphen is the word's own.
        return Join::Keep;
    }
    if MAYBE_CONJUNCTIONS.contains(&lower.as_str()) {
        return if corrector.is_stored(&dropped) {
            Join::Drop
        } else {
            Join::None
        };
    }
    // A word written as a name after the hyphen does not continue the word
    // before it: no Swedish word has a capital inside ("Sverige-" + "Det").
    let name_tail = is_name_part(t);
    if !name_tail && known(&dropped, corrector) {
        return Join::Drop;
    }
    // Any two words can be joined with a hyphen, so only a form the lexicon
    // holds whole ("e-post") keeps it.
    if corrector.is_stored(&kept) {
        return Join::Keep;
    }
    if t.starts_with(char::is_lowercase) {
        // An unknown word broken at the line end is still one word.
        Join::Drop
    } else if name_tail
        && is_name_part(last_segment)
        && (first_names::find(&lower).is_some() || !is_common_word(&lower, corrector))
    {
        // A double name broken at its hyphen ("Wiwi-" + "Anne", "Maj-" +
        // "Inger", "Tenfjord-" + "Toftby"); before a common word opening a
        // sentence it is a dash ("Sverige-" + "Avfallet").
        Join::Keep
    } else {
        Join::None
    }
}

/// Whether the lexicon holds `lower` (lower case) as a word written small,
/// and not as a name.
fn is_common_word(lower: &str, corrector: &Corrector<'_>) -> bool {
    corrector
        .lexicon()
        .get(lower)
        .is_some_and(|e| e.is_word() && !e.has(flags::PROPER))
}

/// Whether `word` is written as a name: a capital, then small letters.
fn is_name_part(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(char::is_lowercase)
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
