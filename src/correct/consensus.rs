//! Spellings a document agrees on. A name or compound the lexicon lacks is
//! often printed more than once, and the OCR does not damage every mention
//! the same way: "Elmsäter-Svärd" beside "Elmsäter-Svard", "Fégerstam"
//! beside "Figerstam". Where the word search has nothing to go on, the
//! document's other mentions are the evidence:
//!
//! * a **twin** printed with å, ä or ö where this word prints what the OCR
//!   makes of them ("Svärd" for "Svard") is the same word, when the document's
//!   channel makes those misprints cheap enough;
//! * **damaged forms** of one word that differ only where each prints a
//!   rendering ("é" and "i") are read with the one letter that explains every
//!   form best under the channel (ä), when it beats the next by a margin and
//!   each difference has a mark no Swedish word has there ("é", "#", a
//!   digit) against at most one letter.
//!
//! Both only where the document has shown that it misprints å, ä and ö.
//! Only words unknown to the lexicon as printed are respelled, never a known
//! word: these are the words the rest of the corrector left as printed.

use crate::confusion::{Channel, DIACRITICS, RENDERINGS};
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::Hasher;
use std::sync::LazyLock;

/// Most that the misprints undone by a twin may cost (nats under the
/// document's channel). A scan that prints å, ä and ö (some fifty of each)
/// prices every misprint above it, so its names are left alone. On the
/// generated 10 MB gold set 3 mended 11 words fewer than 4, 5 and 6 two more.
pub(super) const MAX_TWIN_COST: f32 = 4.0;

/// Most that reading one damaged form may cost on average, as for twins.
const MAX_FORM_COST: f32 = MAX_TWIN_COST;

/// Least margin (nats) by which the letter read from damaged forms must beat
/// the next letter.
const MIN_MARGIN: f32 = 1.0;

/// Shortest part of a word looked at (characters): short words are too
/// often different words.
const MIN_CHARS: usize = 4;

/// A word of the document written anew.
#[derive(Debug, Clone, PartialEq)]
pub struct Respelling {
    /// Index of the word in the slice given to [`respell`].
    pub word: usize,
    /// The word as it is to be written.
    pub text: String,
    /// How sure the respelling is, 0..1.
    pub confidence: f32,
}

/// Respellings of `words` (the document's words in order, each as printed
/// where the corrector leaves it and empty where it changes it: its own
/// readings are no evidence) from the document's own mentions. A word is
/// split at its hyphens ("Elmsäter-Svard"); `unknown` says whether the
/// lexicon lacks a part.
pub fn respell(
    words: &[&str],
    unknown: impl Fn(&str) -> bool,
    channel: &Channel,
) -> Vec<Respelling> {
    // Each distinct word once (a text repeats most of its words), and only
    // words long enough to hold a part that is.
    let distinct: FxHashSet<&str> = words
        .iter()
        .copied()
        .filter(|w| w.len() >= MIN_CHARS)
        .collect();
    let parts: FxHashSet<&str> = distinct
        .into_iter()
        .flat_map(|w| w.split('-'))
        .filter(|p| {
            // A word, not a number ("2008" is no "200ö").
            p.starts_with(char::is_alphabetic)
                && p.chars().count() >= MIN_CHARS
                && p.chars().all(|c| c.is_alphanumeric() || prints_mark(c))
        })
        .collect();
    // A twin and the damaged forms of one word share a skeleton: only parts
    // that share theirs with another are looked up in the lexicon.
    let mut groups: FxHashMap<(u64, usize), Vec<&str>> = FxHashMap::default();
    for part in parts {
        groups.entry(skeleton(part)).or_default().push(part);
    }
    let mut fixed: FxHashMap<&str, (String, f32)> = FxHashMap::default();
    for group in groups.values().filter(|g| g.len() >= 2) {
        // Only parts the lexicon lacks are respelled.
        let group: Vec<(&str, bool)> = group.iter().map(|&p| (p, unknown(p))).collect();
        if !group.iter().any(|&(_, unknown)| unknown) {
            continue;
        }
        let bearers: Vec<(&str, bool)> = group
            .iter()
            .copied()
            .filter(|(p, _)| p.chars().any(is_diacritic))
            .collect();
        let mut orphans = Vec::new();
        for &(part, _) in group.iter().filter(|(_, unknown)| *unknown) {
            // A small word's twin that the lexicon holds was among its
            // readings already, and the context turned it down ("kott" of a
            // split "bojkott" beside "kött"); a capital kept it out of reach.
            let capital = part.starts_with(char::is_uppercase);
            let twins: Vec<&str> = bearers
                .iter()
                .filter(|&&(_, unknown)| capital || unknown)
                .map(|&(t, _)| t)
                .collect();
            match best_twin(part, &twins, channel) {
                Some(found) => {
                    fixed.insert(part, found);
                }
                None => orphans.push(part),
            }
        }
        if orphans.len() < 2 {
            continue;
        }
        if let Some((letters, confidence)) = agreed(&orphans, channel) {
            for &form in &orphans {
                let text = with_letters(form, &letters);
                if text != form {
                    fixed.insert(form, (text, confidence));
                }
            }
        }
    }
    if fixed.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let mut confidence = 1.0f32;
        let mut changed = false;
        let text: Vec<&str> = word
            .split('-')
            .map(|p| match fixed.get(p) {
                Some((t, c)) => {
                    changed = true;
                    confidence = confidence.min(*c);
                    t.as_str()
                }
                None => p,
            })
            .collect();
        if changed {
            out.push(Respelling {
                word: i,
                text: text.join("-"),
                confidence,
            });
        }
    }
    out
}

/// The characters the OCR prints for å, ä or ö, one character each: the
/// ASCII ones as a table, the others as a list.
static PRINTS_DIACRITIC: LazyLock<([bool; 128], Vec<char>)> = LazyLock::new(|| {
    let mut ascii = [false; 128];
    let mut other = Vec::new();
    for r in RENDERINGS.iter().filter(|r| r.diacritic().is_some()) {
        let mut chars = r.seen.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii() => ascii[c as usize] = true,
            (Some(c), None) => other.push(c),
            _ => {}
        }
    }
    (ascii, other)
});

/// Whether the OCR prints å, ä or ö as the (lower-case) character `c`.
fn prints_diacritic(c: char) -> bool {
    let (ascii, other) = &*PRINTS_DIACRITIC;
    match ascii.get(c as usize) {
        Some(&known) => known,
        None => other.contains(&c),
    }
}

/// Whether `c` is a mark, not a letter or digit, that prints å, ä or ö
/// ("#", "&"): such a character may stand inside a word.
fn prints_mark(c: char) -> bool {
    !c.is_alphanumeric() && prints_diacritic(c)
}

fn is_diacritic(c: char) -> bool {
    c.to_lowercase().any(|l| DIACRITICS.contains(&l))
}

/// The cost under `channel` of the page's `truth` printed as `seen` (both
/// lower case, one character each); `None` when the model has no such misprint.
fn print_cost(channel: &Channel, truth: char, seen: char) -> Option<f32> {
    if truth == seen {
        return Some(
            DIACRITICS
                .iter()
                .position(|&d| d == truth)
                .map_or(0.0, |d| channel.identity_cost(d)),
        );
    }
    let mut buf = [0; 4];
    let seen: &str = seen.encode_utf8(&mut buf);
    RENDERINGS
        .iter()
        .position(|r| r.truth == truth && r.seen == seen)
        .map(|i| channel.cost(i))
}

/// `part`'s one character in lower case, for the comparisons.
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The cheapest twin of `part` among `bearers` and the respelling it gives,
/// with its confidence; `None` when there is none, it costs too much, or two
/// twins read the part differently at the same cost.
fn best_twin(part: &str, bearers: &[&str], channel: &Channel) -> Option<(String, f32)> {
    let mut best: Option<(f32, String)> = None;
    let mut tied = false;
    for &twin in bearers {
        let Some(cost) = twin_cost(part, twin, channel) else {
            continue;
        };
        let text = with_letters(part, &twin.chars().map(Some).collect::<Vec<_>>());
        match &best {
            Some((c, t)) if *c < cost || (*c == cost && *t == text) => {}
            Some((c, _)) if *c == cost => tied = true,
            _ => {
                best = Some((cost, text));
                tied = false;
            }
        }
    }
    let (cost, text) = best.filter(|_| !tied)?;
    let generic = twin_cost(part, &text, Channel::generic())?;
    (cost <= MAX_TWIN_COST && shows_misprints(cost, generic))
        .then(|| (text, sure(MAX_TWIN_COST - cost)))
}

/// What it costs to read `part` as `twin`: each character that differs must
/// be an å, ä or ö of the twin printed as the part's character. `None` when
/// some difference is no such misprint, the lengths differ, or the two are
/// the same.
fn twin_cost(part: &str, twin: &str, channel: &Channel) -> Option<f32> {
    if part.chars().count() != twin.chars().count() {
        return None;
    }
    let mut cost = 0.0;
    let mut differs = false;
    for (p, t) in part.chars().zip(twin.chars()) {
        if p == t {
            continue;
        }
        let (lp, lt) = (lower(p), lower(t));
        if !DIACRITICS.contains(&lt) || p.is_uppercase() != t.is_uppercase() {
            return None;
        }
        cost += print_cost(channel, lt, lp)?;
        differs = true;
    }
    differs.then_some(cost)
}

/// `part` with the letters of `letters` where given, each in the case of the
/// part's own character.
fn with_letters(part: &str, letters: &[Option<char>]) -> String {
    part.chars()
        .zip(letters)
        .map(|(p, l)| match l {
            Some(l) if p.is_uppercase() => l.to_uppercase().next().unwrap_or(*l),
            Some(l) => lower(*l),
            None => p,
        })
        .collect()
}

/// `part` in lower case with every character that may print å, ä or ö (and
/// those letters themselves) as one wildcard, hashed, and its length in
/// characters: damaged forms of one word share it. (A hash, not the
/// string: it is made for every distinct word of a document.)
fn skeleton(part: &str) -> (u64, usize) {
    let mut h = rustc_hash::FxHasher::default();
    let mut len = 0;
    for c in part.chars().map(lower) {
        let c = if DIACRITICS.contains(&c) || prints_diacritic(c) {
            '?'
        } else {
            c
        };
        h.write_u32(u32::from(c));
        len += 1;
    }
    (h.finish(), len)
}

/// The letters that damaged `forms` of one word (the same skeleton) agree
/// on: where they differ, the å, ä or ö whose printing as each form's
/// character costs least under `channel` (`None` where they agree), and the
/// confidence. `None` unless every column where they differ holds a mark no
/// Swedish word has there (a digit, "#", "&", an é outside "-én", "-éns"
/// and before a vowel) and at most one letter besides: forms that differ in
/// letters are different words ("Vesterlind", "Vesterland", "Cordon",
/// "Cordón"), and an é where names have it is the name's ("Tjurlén").
/// `None` too when a column's best letter does not beat the next by
/// [`MIN_MARGIN`], or the document shows no misprints ([`shows_misprints`]),
/// or reading the forms costs more than [`MAX_FORM_COST`] each.
fn agreed(forms: &[&str], channel: &Channel) -> Option<(Vec<Option<char>>, f32)> {
    let chars: Vec<Vec<char>> = forms.iter().map(|f| f.chars().collect()).collect();
    let len = chars[0].len();
    // Forms of one skeleton have one length; a hash collision may not.
    if chars.iter().any(|c| c.len() != len) {
        return None;
    }
    let mut letters = Vec::with_capacity(len);
    let (mut total, mut generic) = (0.0, 0.0);
    let mut margin = f32::INFINITY;
    for k in 0..len {
        let column: Vec<char> = chars.iter().map(|c| lower(c[k])).collect();
        if column.iter().all(|&c| c == column[0]) {
            letters.push(None);
            continue;
        }
        // A mark: no letter ("#", "&", a digit), or an é where names do not
        // write it; an é where they do is the name's letter.
        let name_e = |c: &Vec<char>| lower(c[k]) == 'é' && super::swedish_e_acute(&c[k..]);
        let marked = |c: &Vec<char>| !c[k].is_alphabetic() || (lower(c[k]) == 'é' && !name_e(c));
        let mut letters_here: Vec<char> = column
            .iter()
            .zip(&chars)
            .filter(|(_, c)| !marked(c))
            .map(|(&l, _)| l)
            .collect();
        letters_here.sort_unstable();
        letters_here.dedup();
        if !chars.iter().any(marked) || chars.iter().any(name_e) || letters_here.len() > 1 {
            return None;
        }
        let price = |channel: &Channel, truth: char| {
            column
                .iter()
                .map(|&seen| print_cost(channel, truth, seen))
                .sum::<Option<f32>>()
        };
        let mut costs: Vec<(f32, char)> = DIACRITICS
            .iter()
            .filter_map(|&truth| price(channel, truth).map(|c| (c, truth)))
            .collect();
        costs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (best, truth) = *costs.first()?;
        let next = costs.get(1).map_or(f32::INFINITY, |c| c.0);
        margin = margin.min(next - best);
        total += best;
        generic += price(Channel::generic(), truth)?;
        letters.push(Some(truth));
    }
    let enough = margin >= MIN_MARGIN
        && shows_misprints(total, generic)
        && total <= MAX_FORM_COST * forms.len() as f32;
    enough.then(|| (letters, sure(margin)))
}

/// Whether misprints that cost `cost` under the document's channel cost
/// less than under the prior (`generic`): the document has shown that it
/// misprints å, ä and ö. A short clean text has shown nothing, and its
/// "Strom" beside "Ström" may be two names.
pub(super) fn shows_misprints(cost: f32, generic: f32) -> bool {
    cost < generic
}

/// A confidence from a margin in nats.
fn sure(margin: f32) -> f32 {
    1.0 / (1.0 + (-margin).exp())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::confusion::Evidence;

    /// A scan that prints å, ä and ö wrong four times in five.
    fn noisy() -> Channel {
        let mut e = Evidence::new();
        e.identity = [5.0; 3];
        for (i, r) in RENDERINGS.iter().enumerate() {
            if r.diacritic().is_some() {
                e.renderings[i] = 20.0 * r.prior;
            }
        }
        Channel::estimate(&e)
    }

    fn texts(words: &[&str], unknown: &[&str], channel: &Channel) -> Vec<(usize, String)> {
        respell(words, |p| unknown.contains(&p), channel)
            .into_iter()
            .map(|r| (r.word, r.text))
            .collect()
    }

    #[test]
    fn a_twin_with_the_letter_mends_the_other_mentions() {
        let words = ["Elmsäter-Svärd", "sade", "Elmsäter-Svard", "och", "Svird"];
        assert_eq!(
            texts(&words, &["Svard", "Svird"], &noisy()),
            [(2, "Elmsäter-Svärd".to_string()), (4, "Svärd".to_string())]
        );
    }

    #[test]
    fn damaged_forms_agree_on_the_letter_each_can_print() {
        // é prints å, ä or ö; i prints ä far more often than å.
        let words = ["Fégerstam", "sade", "Figerstam"];
        assert_eq!(
            texts(&words, &["Fégerstam", "Figerstam"], &noisy()),
            [(0, "Fägerstam".to_string()), (2, "Fägerstam".to_string())]
        );
    }

    #[test]
    fn known_words_short_words_and_clean_scans_stay() {
        let words = ["Svärd", "Svard", "Mats", "Mäts", "Ar", "År"];
        // Known to the lexicon: left alone.
        assert!(texts(&words, &[], &noisy()).is_empty());
        // A clean scan makes the misprint dearer than a name of its own.
        assert!(texts(&words, &["Svard"], &Channel::clean()).is_empty());
        assert_eq!(
            texts(&words, &["Svard"], &noisy()),
            [(1, "Svärd".to_string())]
        );
    }

    #[test]
    fn forms_that_differ_otherwise_are_different_words() {
        // e is no misprint of å, ä or ö; a capital is no small letter.
        let words = ["Hallin", "Hellin", "Ostlund", "östlund", "Berg", "Borg"];
        assert!(
            texts(
                &words,
                &["Hallin", "Hellin", "Ostlund", "Berg", "Borg"],
                &noisy()
            )
            .is_empty()
        );
    }

    #[test]
    fn a_small_word_takes_only_a_twin_the_lexicon_lacks() {
        // "kött" was among the readings of "kott" and lost to the context.
        let words = [
            "handelsboj",
            "kott",
            "kött",
            "foretagssammare",
            "företagssammare",
        ];
        let unknown = ["handelsboj", "kott", "foretagssammare", "företagssammare"];
        assert_eq!(
            texts(&words, &unknown, &noisy()),
            [(3, "företagssammare".to_string())]
        );
    }

    #[test]
    fn different_names_are_not_merged() {
        // Plain letters that differ are different names; an é where names
        // have it is the name's own.
        for words in [
            ["Vesterlind", "Vesterland"],
            ["Tjurlin", "Tjurlén"],
            ["Gronbladh", "Granbladh"],
        ] {
            assert!(texts(&words, &words, &noisy()).is_empty(), "{words:?}");
        }
    }

    #[test]
    fn a_mark_does_not_pull_different_letters_along() {
        // Two letters and a mark in one column: two names and a misprint.
        let words = ["Vesterlind", "Vesterland", "Vesterlénd"];
        assert!(texts(&words, &words, &noisy()).is_empty());
        // ó is a letter of names, not a mark.
        let words = ["Cordón", "Cordon"];
        assert!(texts(&words, &words, &noisy()).is_empty());
        // An é where names write it rules the group out, with a mark beside it.
        for words in [["Tjurlén", "Tjurl&n"], ["Tjurléns", "Tjurlins"]] {
            assert!(texts(&words, &words, &noisy()).is_empty(), "{words:?}");
        }
    }

    #[test]
    fn a_document_that_shows_no_misprints_keeps_its_names() {
        // The prior alone (a short text): "Strom" may be a name of its own.
        let words = ["Strom", "Ström", "Fégerstam", "Figerstam"];
        let unknown = ["Strom", "Fégerstam", "Figerstam"];
        assert!(texts(&words, &unknown, Channel::generic()).is_empty());
        assert_eq!(
            texts(&words, &unknown, &noisy()),
            [
                (0, "Ström".to_string()),
                (2, "Fägerstam".to_string()),
                (3, "Fägerstam".to_string())
            ]
        );
    }

    #[test]
    fn a_single_damaged_form_is_left_as_printed() {
        let words = ["Karrman", "sade", "Karrman"];
        assert!(texts(&words, &["Karrman"], &noisy()).is_empty());
    }
}
