//! The readings already searched, shared by every thread of the process.
//!
//! A word's readings depend only on the lexicon, not on the document (only
//! their costs do), and the search is the dearest step of the corrector, so
//! every word is searched once per process, whatever thread meets it. The cache
//! is split into shards by the word's hash so that threads rarely wait for each
//! other, and bounded in bytes: when a shard's current generation fills up it
//! becomes the old generation and the one before is dropped, so words in use
//! survive (a hit in the old generation moves the word back) and memory stays
//! flat however large the archive.

use super::search::{Candidate, Slot};
use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::{Arc, LazyLock, Mutex};

/// Shards of the cache.
const SHARDS: usize = 16;

/// Bytes the whole cache may hold, both generations together (as estimated by
/// `size_of`; the heap it takes is somewhat more). On the 100 MB benchmark
/// corpus with two threads, 64 MB ran no faster than 48 MB but peaked 16 MB
/// higher (110 against 94 MB); 32 MB ran 10% slower.
const CAPACITY: usize = 48 << 20;

/// The candidates of one word, shared between threads and documents.
pub type Readings = Arc<[Candidate]>;

type Map = FxHashMap<Key, Readings>;

/// Bytes of a word held in the key itself.
const INLINE: usize = 22;

/// A word as the tables hold it: a short word (most words) in the table's own
/// memory, so that confirming a match reads no other allocation; the table is
/// far larger than the processor's caches, and a key on the heap cost a
/// cache miss on every hit.
#[derive(Debug, Clone)]
enum Key {
    Short { len: u8, bytes: [u8; INLINE] },
    Long(Box<[u8]>),
}

impl Key {
    fn new(word: &str) -> Key {
        let b = word.as_bytes();
        match u8::try_from(b.len()) {
            Ok(len) if b.len() <= INLINE => {
                let mut bytes = [0; INLINE];
                bytes[..b.len()].copy_from_slice(b);
                Key::Short { len, bytes }
            }
            _ => Key::Long(b.into()),
        }
    }

    fn bytes(&self) -> &[u8] {
        match self {
            Key::Short { len, bytes } => &bytes[..usize::from(*len)],
            Key::Long(b) => b,
        }
    }
}

// The table looks keys up by their bytes: equality and hash are those of the
// bytes, as `Borrow` requires.
impl Borrow<[u8]> for Key {
    fn borrow(&self) -> &[u8] {
        self.bytes()
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.bytes() == other.bytes()
    }
}

impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.bytes().hash(state);
    }
}

#[derive(Default)]
struct Generation {
    maps: [Map; Slot::COUNT],
    bytes: usize,
}

#[derive(Default)]
struct Shard {
    /// The lexicon the readings were searched in (its address).
    lexicon: usize,
    current: Generation,
    old: Generation,
}

/// A sharded, bounded table of readings; the process has one ([`get_or_search`]).
struct ReadingCache {
    shards: Vec<Mutex<Shard>>,
}

static CACHE: LazyLock<ReadingCache> = LazyLock::new(ReadingCache::new);

/// The readings of `lower` in `slot` for the lexicon at address `lexicon`,
/// from the process-wide cache or from `search`, which then fills it.
pub fn get_or_search(
    lexicon: usize,
    lower: &str,
    slot: Slot,
    search: impl FnOnce() -> Readings,
) -> Readings {
    CACHE.get_or_search(lexicon, lower, slot, search)
}

impl ReadingCache {
    fn new() -> ReadingCache {
        ReadingCache {
            shards: (0..SHARDS).map(|_| Mutex::default()).collect(),
        }
    }

    fn get_or_search(
        &self,
        lexicon: usize,
        lower: &str,
        slot: Slot,
        search: impl FnOnce() -> Readings,
    ) -> Readings {
        let shard = &self.shards[shard_of(lower)];
        if let Some(found) = lookup(shard, lexicon, lower, slot) {
            return found;
        }
        // Search without holding the lock: other threads go on meanwhile, and
        // the rare word two threads search at once is merely searched twice.
        let found = search();
        let mut s = shard.lock().unwrap_or_else(|p| p.into_inner());
        if s.lexicon == lexicon {
            insert(&mut s, Key::new(lower), slot, found.clone());
        }
        found
    }
}

fn lookup(shard: &Mutex<Shard>, lexicon: usize, lower: &str, slot: Slot) -> Option<Readings> {
    // A panic elsewhere while the lock was held cannot leave a shard half
    // updated in a way that matters: at worst a word is searched again.
    let mut s = shard.lock().unwrap_or_else(|p| p.into_inner());
    if s.lexicon != lexicon {
        *s = Shard {
            lexicon,
            ..Shard::default()
        };
        return None;
    }
    let i = slot as usize;
    if let Some(r) = s.current.maps[i].get(lower.as_bytes()) {
        return Some(r.clone());
    }
    let (key, r) = s.old.maps[i].remove_entry(lower.as_bytes())?;
    s.old.bytes = s.old.bytes.saturating_sub(size_of(key.bytes(), &r));
    insert(&mut s, key, slot, r.clone());
    Some(r)
}

fn insert(s: &mut Shard, key: Key, slot: Slot, readings: Readings) {
    let bytes = size_of(key.bytes(), &readings);
    if s.current.bytes + bytes > CAPACITY / SHARDS / 2 {
        s.old = std::mem::take(&mut s.current);
    }
    s.current.bytes += bytes;
    s.current.maps[slot as usize].insert(key, readings);
}

/// An estimate of the heap a cached word takes.
fn size_of(key: &[u8], readings: &[Candidate]) -> usize {
    let per_candidate: usize = readings
        .iter()
        .map(|c| {
            std::mem::size_of::<Candidate>()
                + c.form.len()
                + c.edits.len() * std::mem::size_of::<super::search::Edit>()
                + c.parts.len() * std::mem::size_of::<super::search::Part>()
        })
        .sum();
    64 + key.len() + per_candidate
}

fn shard_of(lower: &str) -> usize {
    // Bits the shard's own table does not use: its bucket index comes from the
    // low bits of the same hash and its tags from the top seven, and a shard
    // whose keys all share their low bits crowds them into a few buckets.
    (rustc_hash::FxBuildHasher.hash_one(lower) >> 40) as usize % SHARDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_short_and_long() {
        for w in ["", "ord", "förvaltningsrapport", "förvaltningsrapporterna"] {
            let k = Key::new(w);
            assert_eq!(k.bytes(), w.as_bytes());
            assert_eq!(matches!(k, Key::Short { .. }), w.len() <= INLINE, "{w}");
        }
        assert_ne!(Key::new("ord"), Key::new("orden"));
    }

    #[test]
    fn searches_once_and_forgets_other_lexicons() {
        let cache = ReadingCache::new();
        let searches = std::cell::Cell::new(0);
        let get = |lexicon| {
            cache.get_or_search(lexicon, "ord", Slot::Alone, || {
                searches.set(searches.get() + 1);
                Arc::from(Vec::new())
            })
        };
        get(1);
        get(1);
        get(2);
        get(2);
        assert_eq!(searches.get(), 2);
    }
}
