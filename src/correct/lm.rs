//! The language model that weighs readings in context: word-pair statistics from
//! clean Swedish prose, interpolated with unigram probabilities.

use crate::lexicon::Lexicon;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Weight of the word-pair estimate against the unigram, at most.
const MAX_PAIR_WEIGHT: f32 = 0.9;

/// Occurrences of the left word at which its pair estimate gets half its weight.
const PAIR_WEIGHT_HALF: f32 = 5.0;

/// One reading as the language model sees it.
#[derive(Debug, Clone)]
pub struct Word {
    /// Language-model key (lower case, numbers `<num>`).
    pub key: String,
    /// The key's number in this document (see [`Model::word`]).
    id: u32,
    /// Natural log of the unigram probability.
    pub log_p: f32,
    /// Occurrences of `key` in the context corpus (0 when unknown).
    pub count: u32,
}

/// The language model for one document: the lexicon's statistics, with the
/// word pairs already looked up remembered (a document asks for the same few
/// pairs over and over, and a lookup in the pair transducer is the dearest
/// step of the corrector).
#[derive(Debug)]
pub struct Model<'l> {
    lexicon: &'l Lexicon,
    ids: RefCell<FxHashMap<String, u32>>,
    pairs: RefCell<FxHashMap<(u32, u32), u32>>,
}

impl<'l> Model<'l> {
    /// A model over `lexicon` with nothing remembered yet.
    pub fn new(lexicon: &'l Lexicon) -> Model<'l> {
        Model {
            lexicon,
            ids: RefCell::default(),
            pairs: RefCell::default(),
        }
    }

    /// The language-model view of a reading.
    pub fn word(&self, key: String, log_p: f32, count: u32) -> Word {
        let mut ids = self.ids.borrow_mut();
        let id = match ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = ids.len() as u32;
                ids.insert(key.clone(), id);
                id
            }
        };
        Word {
            key,
            id,
            log_p,
            count,
        }
    }

    /// Cost (negative natural log) of `b` following `a`; `a` is `None` when
    /// nothing is known of the left context.
    pub fn transition(&self, a: Option<&Word>, b: &Word) -> f32 {
        let uni = b.log_p.exp();
        let Some(a) = a else {
            return -b.log_p;
        };
        if a.count == 0 {
            // Nothing is known of what follows an unknown word: the unigram, at
            // the same discount a known word pays for an unseen pair.
            return -((1.0 - MAX_PAIR_WEIGHT) * uni).max(f32::MIN_POSITIVE).ln();
        }
        let pairs = if b.count > 0 {
            self.pair_count(a, b)
        } else {
            0
        };
        let n = a.count as f32;
        let weight = MAX_PAIR_WEIGHT * n / (n + PAIR_WEIGHT_HALF);
        let p = weight * pairs as f32 / n + (1.0 - weight) * uni;
        -p.max(f32::MIN_POSITIVE).ln()
    }

    fn pair_count(&self, a: &Word, b: &Word) -> u32 {
        *self
            .pairs
            .borrow_mut()
            .entry((a.id, b.id))
            .or_insert_with(|| self.lexicon.pair_count(&a.key, &b.key))
    }
}
