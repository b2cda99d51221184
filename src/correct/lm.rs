//! The language model that weighs readings in context: word-pair statistics from
//! clean Swedish prose, interpolated with unigram probabilities.

use crate::lexicon::Lexicon;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::hash::BuildHasher;
use std::sync::{LazyLock, Mutex};

/// Weight of the word-pair estimate against the unigram, at most.
const MAX_PAIR_WEIGHT: f32 = 0.9;

/// Occurrences of the left word at which its pair estimate gets half its weight.
const PAIR_WEIGHT_HALF: f32 = 5.0;

/// One reading as the language model sees it: a number for its key in the
/// document's [`Model`] and the key's statistics. Small and `Copy`, so that the
/// readings of a document's words cost no allocation.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    /// The key's number in this document (see [`Model::word`]).
    id: u32,
    /// Natural log of the unigram probability.
    pub log_p: f32,
    /// Occurrences of the key in the context corpus (0 when unknown).
    pub count: u32,
}

/// A language-model key known to a document's model.
#[derive(Debug)]
struct Key {
    text: Box<str>,
    /// Hash of `text`, which names the key in the process-wide pair cache.
    hash: u64,
}

/// The language model for one document: the lexicon's statistics, with the
/// word pairs already looked up remembered, in the document and across the
/// process (a text asks for the same pairs over and over, and a lookup in the
/// pair transducer is the dearest step of the context decision).
#[derive(Debug)]
pub struct Model<'l> {
    lexicon: &'l Lexicon,
    ids: RefCell<FxHashMap<Box<str>, u32>>,
    keys: RefCell<Vec<Key>>,
    pairs: RefCell<FxHashMap<(u32, u32), u32>>,
}

impl<'l> Model<'l> {
    /// A model over `lexicon` with nothing remembered yet.
    pub fn new(lexicon: &'l Lexicon) -> Model<'l> {
        Model {
            lexicon,
            ids: RefCell::default(),
            keys: RefCell::default(),
            pairs: RefCell::default(),
        }
    }

    /// The language-model view of a reading whose key (lower case, numbers
    /// `<num>`) is `key`.
    pub fn word(&self, key: &str, log_p: f32, count: u32) -> Word {
        let mut ids = self.ids.borrow_mut();
        let id = match ids.get(key) {
            Some(&id) => id,
            None => {
                let mut keys = self.keys.borrow_mut();
                let id = keys.len() as u32;
                keys.push(Key {
                    text: key.into(),
                    hash: key_hash(key),
                });
                ids.insert(key.into(), id);
                id
            }
        };
        Word { id, log_p, count }
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
            .or_insert_with(|| {
                let keys = self.keys.borrow();
                let (a, b) = (&keys[a.id as usize], &keys[b.id as usize]);
                PAIRS.get_or_count(self.lexicon, (a.hash, b.hash), || {
                    self.lexicon.pair_count(&a.text, &b.text)
                })
            })
    }
}

fn key_hash(key: &str) -> u64 {
    // Two keys with one hash would share their pair counts; with 64 bits and
    // the few hundred thousand keys of a corpus that does not happen in practice.
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// Shards of the pair cache.
const SHARDS: usize = 16;

/// Pairs the process-wide cache holds, both generations together (about 24
/// bytes each).
const PAIR_CAPACITY: usize = 1 << 20;

#[derive(Default)]
struct PairShard {
    /// The lexicon the counts come from (its address).
    lexicon: usize,
    current: FxHashMap<(u64, u64), u32>,
    old: FxHashMap<(u64, u64), u32>,
}

/// Pair counts already read from the transducer, shared by every thread and
/// document, bounded like the reading cache: when a shard's current generation
/// fills up it becomes the old one and the one before is dropped.
struct PairCache {
    shards: Vec<Mutex<PairShard>>,
}

static PAIRS: LazyLock<PairCache> = LazyLock::new(|| PairCache {
    shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
});

impl PairCache {
    fn get_or_count(&self, lexicon: &Lexicon, key: (u64, u64), count: impl FnOnce() -> u32) -> u32 {
        let lexicon = lexicon as *const Lexicon as usize;
        let shard = &self.shards[(key.0 ^ key.1.rotate_left(17)) as usize % SHARDS];
        // A panic elsewhere cannot leave a shard inconsistent: at worst a pair
        // is counted again.
        let mut s = shard.lock().unwrap_or_else(|p| p.into_inner());
        if s.lexicon != lexicon {
            *s = PairShard {
                lexicon,
                ..PairShard::default()
            };
        }
        if let Some(&n) = s.current.get(&key) {
            return n;
        }
        let n = match s.old.remove(&key) {
            Some(n) => n,
            None => count(),
        };
        if s.current.len() >= PAIR_CAPACITY / SHARDS / 2 {
            s.old = std::mem::take(&mut s.current);
        }
        s.current.insert(key, n);
        n
    }
}
