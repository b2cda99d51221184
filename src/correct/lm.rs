//! The language model that weighs readings in context: word-pair statistics from
//! clean Swedish prose, interpolated with unigram probabilities.

use crate::lexicon::Lexicon;

/// Weight of the word-pair estimate against the unigram, at most.
const MAX_PAIR_WEIGHT: f32 = 0.8;

/// Occurrences of the left word at which its pair estimate gets half its weight.
const PAIR_WEIGHT_HALF: f32 = 5.0;

/// One reading as the language model sees it.
#[derive(Debug, Clone)]
pub struct Word {
    /// Language-model key (lower case, numbers `<num>`).
    pub key: String,
    /// Natural log of the unigram probability.
    pub log_p: f32,
    /// Occurrences of `key` in the context corpus (0 when unknown).
    pub count: u32,
}

/// Cost (negative natural log) of `b` following `a`; `a` is `None` when nothing
/// is known of the left context.
pub fn transition(lexicon: &Lexicon, a: Option<&Word>, b: &Word) -> f32 {
    let uni = b.log_p.exp();
    let Some(a) = a else {
        return -b.log_p;
    };
    if a.count == 0 {
        // Nothing is known of what follows an unknown word: the unigram, at the
        // same discount a known word pays for an unseen pair.
        return -((1.0 - MAX_PAIR_WEIGHT) * uni).max(f32::MIN_POSITIVE).ln();
    }
    let pairs = if b.count > 0 {
        lexicon.pair_count(&a.key, &b.key)
    } else {
        0
    };
    let n = a.count as f32;
    let weight = MAX_PAIR_WEIGHT * n / (n + PAIR_WEIGHT_HALF);
    let p = weight * pairs as f32 / n + (1.0 - weight) * uni;
    -p.max(f32::MIN_POSITIVE).ln()
}
