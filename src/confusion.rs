//! The OCR confusion model: how this kind of OCR renders Swedish letters.
//!
//! Each [`Rendering`] says that a true character (lower case) was printed by the
//! OCR as some other string. The letters å, ä and ö are the heart of it: OCR
//! engines without Swedish support print them as a look-alike letter ("a", "o",
//! "i", "d", "é"), a digit or symbol ("6", "4", "8", "3", "#", "&"), two
//! characters ("ai", "oé") or nothing at all. How often each happens varies a lot
//! from one scan to the next, so the probabilities of the diacritic renderings are
//! estimated per document ([`Channel::estimate`]) from a generic prior; the rarer
//! confusions (1 for l, [ for I, stray marks) keep fixed costs.
//!
//! Costs are negative natural logs of probabilities.

use crate::sidecar::CorrectionKind;
use std::sync::LazyLock;

/// How the corrector writes, in its lower-case view of a word, a capital S
/// that the OCR printed after a small letter ("fSr") or at the start of a
/// word the lexicon lacks ("Svergripande"): the long s, which no Swedish text
/// of our time uses, so that the S can be read as the ö it stands for.
pub const CAPITAL_S: char = 'ſ';

/// How the corrector writes, in its lower-case view of a word, a capital I
/// that the OCR printed between small letters ("viIa"), so that it is read
/// as the small l it nearly always stands for there (or an i, "polItiken"):
/// a character of Unicode's private use area, which no text means as a
/// letter (a real dotless ı, "Diyarbakır", stays itself).
pub const CAPITAL_I: char = '\u{E000}';

/// The letters whose renderings are estimated per document.
pub const DIACRITICS: [char; 3] = ['å', 'ä', 'ö'];

/// One way the OCR prints a true character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rendering {
    /// The character the page had (lower case).
    pub truth: char,
    /// What the OCR printed instead (lower case; empty when it dropped it).
    pub seen: &'static str,
    /// Probability of this rendering given `truth` in a badly scanned document.
    pub prior: f32,
}

impl Rendering {
    /// The kind of correction that undoes this rendering.
    pub fn kind(&self) -> CorrectionKind {
        if DIACRITICS.contains(&self.truth) {
            CorrectionKind::Diacritic
        } else {
            CorrectionKind::Confusion
        }
    }

    /// Index of `truth` in [`DIACRITICS`], if it is one.
    pub fn diacritic(&self) -> Option<usize> {
        DIACRITICS.iter().position(|&d| d == self.truth)
    }
}

macro_rules! r {
    ($t:expr, $s:expr, $p:expr) => {
        Rendering {
            truth: $t,
            seen: $s,
            prior: $p,
        }
    };
}

/// Every rendering the corrector will undo. The priors of the single-character
/// diacritic renderings follow the confusions counted in badly OCR'd Swedish
/// municipal print, rounded and smoothed so that no one scan dictates them; the
/// two-character renderings share a small mass.
pub const RENDERINGS: &[Rendering] = &[
    // å
    r!('å', "a", 0.45),
    r!('å', "é", 0.12),
    r!('å', "d", 0.10),
    r!('å', "&", 0.05),
    r!('å', "8", 0.03),
    r!('å', "", 0.03),
    r!('å', "i", 0.02),
    r!('å', "o", 0.01),
    r!('å', "3", 0.01),
    r!('å', "#", 0.01),
    r!('å', "0", 0.005),
    r!('å', "£", 0.005),
    r!('å', "à", 0.005),
    r!('å', "á", 0.005),
    r!('å', "ä", 0.005),
    r!('å', "ia", 0.003),
    r!('å', "ai", 0.003),
    r!('å', "éa", 0.003),
    r!('å', "aé", 0.003),
    r!('å', "éi", 0.003),
    // ä
    r!('ä', "i", 0.35),
    r!('ä', "a", 0.25),
    r!('ä', "d", 0.08),
    r!('ä', "é", 0.05),
    r!('ä', "&", 0.04),
    r!('ä', "4", 0.03),
    r!('ä', "#", 0.02),
    r!('ä', "", 0.02),
    r!('ä', "c", 0.01),
    r!('ä', "3", 0.005),
    r!('ä', "8", 0.005),
    r!('ä', "£", 0.005),
    r!('ä', "á", 0.005),
    r!('ä', "à", 0.005),
    r!('ä', "å", 0.005),
    r!('ä', "ia", 0.006),
    r!('ä', "ai", 0.006),
    r!('ä', "éi", 0.004),
    r!('ä', "ié", 0.003),
    r!('ä', "id", 0.003),
    r!('ä', "di", 0.003),
    r!('ä', "ii", 0.003),
    r!('ä', "ae", 0.003),
    // ö
    r!('ö', "o", 0.40),
    r!('ö', "é", 0.30),
    r!('ö', "6", 0.08),
    r!('ö', "d", 0.03),
    r!('ö', "0", 0.02),
    r!('ö', "&", 0.01),
    r!('ö', "", 0.01),
    r!('ö', "b", 0.005),
    r!('ö', "8", 0.005),
    r!('ö', "ó", 0.005),
    r!('ö', "ò", 0.005),
    r!('ö', "õ", 0.005),
    r!('ö', "oé", 0.005),
    r!('ö', "éo", 0.003),
    r!('ö', "é6", 0.004),
    r!('ö', "6é", 0.004),
    r!('ö', "oi", 0.004),
    r!('ö', "io", 0.003),
    r!('ö', "do", 0.003),
    r!('ö', "od", 0.003),
    // A capital S for ö ("Svergripande" in seed-dev, 1 of 232 ö's), which the
    // corrector tells from an s only where a capital S is out of place
    // (CAPITAL_S).
    r!('ö', "ſ", 0.004),
    // A capital I between small letters (CAPITAL_I): a small l, or now and
    // then an i.
    r!('l', "\u{E000}", 0.5),
    r!('i', "\u{E000}", 0.05),
    // Letter and digit confusions outside å/ä/ö.
    r!('l', "1", 0.004),
    r!('l', "i", 0.0005),
    r!('l', "|", 0.001),
    // "[" and "|" stand for a capital I, a small share of all i's but the
    // only letter these marks are ever read as inside a word.
    r!('i', "[", 0.02),
    r!('i', "|", 0.01),
    r!('i', "1", 0.0005),
    r!('i', "l", 0.0005),
    r!('o', "0", 0.001),
    // A stroke read after an m ("soml" for "som"; seen in seed-dev).
    r!('m', "ml", 0.0015),
];

/// The renderings whose printed form starts with each byte, in table order;
/// the drops (nothing printed) are in every list. Index 256 is the end of the
/// word, where only drops apply. The candidate search asks this at every step.
static BY_FIRST_BYTE: LazyLock<Vec<Vec<u16>>> = LazyLock::new(|| {
    let mut lists = vec![Vec::new(); 257];
    for (i, r) in RENDERINGS.iter().enumerate() {
        match r.seen.as_bytes().first() {
            Some(&b) => lists[usize::from(b)].push(i as u16),
            None => lists.iter_mut().for_each(|l| l.push(i as u16)),
        }
    }
    lists
});

/// Indices into [`RENDERINGS`] of the renderings that may start at the first
/// byte of `rest` (the drops included).
pub fn starting_at(rest: &[u8]) -> &'static [u16] {
    &BY_FIRST_BYTE[rest.first().map_or(256, |&b| usize::from(b))]
}

/// Characters the OCR sometimes adds inside a word (specks read as marks).
pub const NOISE: &[(char, f32)] = &[('\'', 0.01), ('|', 0.005), ('’', 0.005), ('.', 0.0002)];

/// Pseudo-observations behind the prior share of correctly printed å/ä/ö: weak,
/// because that share is what differs most between scans.
const IDENTITY_WEIGHT: f32 = 4.0;

/// Prior share of å/ä/ö that a document prints correctly, before any evidence.
const PRIOR_IDENTITY: f32 = 0.5;

/// Pseudo-observations behind the prior shape of the misprints (which wrong
/// characters a scan uses): stronger, since one document shows few of each.
const SHAPE_WEIGHT: f32 = 20.0;

/// Rendering probabilities for one document.
#[derive(Debug, Clone)]
pub struct Channel {
    /// Cost of each entry of [`RENDERINGS`].
    cost: Vec<f32>,
    /// Cost of printing each of [`DIACRITICS`] correctly.
    identity: [f32; 3],
}

/// Counts of how a document printed å/ä/ö, gathered from words whose reading is
/// not in doubt.
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Times each diacritic was printed correctly.
    pub identity: [f32; 3],
    /// Times each entry of [`RENDERINGS`] was seen.
    pub renderings: Vec<f32>,
}

impl Evidence {
    /// Empty counts.
    pub fn new() -> Evidence {
        Evidence {
            identity: [0.0; 3],
            renderings: vec![0.0; RENDERINGS.len()],
        }
    }
}

impl Default for Channel {
    fn default() -> Self {
        Channel::estimate(&Evidence::new())
    }
}

static GENERIC: LazyLock<Channel> = LazyLock::new(Channel::default);

impl Channel {
    /// Rendering probabilities for a document: the generic priors updated with the
    /// document's evidence (a Dirichlet posterior mean per true letter).
    pub fn estimate(evidence: &Evidence) -> Channel {
        let mut cost = vec![0.0; RENDERINGS.len()];
        let mut identity = [0.0; 3];
        for (d, id_cost) in identity.iter_mut().enumerate() {
            let mine = || {
                RENDERINGS
                    .iter()
                    .enumerate()
                    .filter(move |(_, r)| r.diacritic() == Some(d))
            };
            let misprints: f32 = mine()
                .map(|(i, _)| evidence.renderings.get(i).copied().unwrap_or(0.0))
                .sum();
            let prior_mass: f32 = mine().map(|(_, r)| r.prior).sum();
            let id = (evidence.identity[d] + IDENTITY_WEIGHT * PRIOR_IDENTITY)
                / (evidence.identity[d] + misprints + IDENTITY_WEIGHT);
            *id_cost = -id.ln();
            for (i, r) in mine() {
                let n = evidence.renderings.get(i).copied().unwrap_or(0.0);
                let shape = (n + SHAPE_WEIGHT * r.prior / prior_mass) / (misprints + SHAPE_WEIGHT);
                cost[i] = -((1.0 - id) * shape).ln();
            }
        }
        for (i, r) in RENDERINGS.iter().enumerate() {
            if r.diacritic().is_none() {
                cost[i] = -r.prior.ln();
            }
        }
        Channel { cost, identity }
    }

    /// The channel before any document's evidence, built once.
    pub fn generic() -> &'static Channel {
        &GENERIC
    }

    /// The cost of rendering `RENDERINGS[i]`.
    pub fn cost(&self, i: usize) -> f32 {
        self.cost[i]
    }

    /// The cost of printing diacritic `d` (index into [`DIACRITICS`]) correctly.
    pub fn identity_cost(&self, d: usize) -> f32 {
        self.identity[d]
    }

    /// A channel for a document known to be clean.
    pub fn clean() -> Channel {
        let mut e = Evidence::new();
        e.identity = [1000.0; 3];
        Channel::estimate(&e)
    }
}

/// The cost of a noise character inside a word, if it is one.
pub fn noise_cost(c: char) -> Option<f32> {
    NOISE.iter().find(|(n, _)| *n == c).map(|(_, p)| -p.ln())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(truth: char, seen: &str) -> usize {
        RENDERINGS
            .iter()
            .position(|r| r.truth == truth && r.seen == seen)
            .expect("rendering in table")
    }

    #[test]
    fn priors_per_letter_sum_below_one() {
        for d in DIACRITICS {
            let sum: f32 = RENDERINGS
                .iter()
                .filter(|r| r.truth == d)
                .map(|r| r.prior)
                .sum();
            assert!(sum <= 1.0 + 1e-4, "{d}: {sum}");
        }
    }

    #[test]
    fn evidence_moves_the_estimate() {
        let prior = Channel::default();
        let mut e = Evidence::new();
        e.renderings[index('ö', "é")] = 50.0;
        let noisy = Channel::estimate(&e);
        assert!(noisy.cost(index('ö', "é")) < prior.cost(index('ö', "é")));
        assert!(noisy.identity_cost(2) > prior.identity_cost(2));
        let clean = Channel::clean();
        assert!(clean.identity_cost(2) < 0.05);
        assert!(clean.cost(index('ö', "é")) > 6.0);
    }

    #[test]
    fn renderings_indexed_by_first_byte() {
        let at_o = starting_at(b"ord");
        assert!(at_o.iter().all(|&i| {
            let seen = RENDERINGS[usize::from(i)].seen;
            seen.is_empty() || seen.starts_with('o')
        }));
        assert!(at_o.iter().any(|&i| RENDERINGS[usize::from(i)].seen == "o"));
        assert!(
            starting_at(b"")
                .iter()
                .all(|&i| RENDERINGS[usize::from(i)].seen.is_empty())
        );
    }

    #[test]
    fn renderings_are_unique() {
        for (i, r) in RENDERINGS.iter().enumerate() {
            assert_eq!(index(r.truth, r.seen), i);
            assert_ne!(r.seen, r.truth.to_string());
        }
    }
}
