//! The context-class counts of the language model (see
//! [`super::format::context_class`]), read out of `lm.fst` once into hash
//! tables: the language model asks for them at nearly every transition after
//! a confusable word, where a walk in the transducer would cost a cache miss
//! per node.

use fst::{IntoStreamer, Map, Streamer};
use rustc_hash::FxHashMap;
use std::hash::BuildHasher;

use super::format::{self, class_kind};

/// The hash by which the tables name a language-model key.
pub fn key_hash(key: &str) -> u64 {
    // Two keys with one hash would share their counts; with 64 bits and the
    // two thousand confusable keys that does not happen in practice.
    rustc_hash::FxBuildHasher.hash_one(key)
}

/// A context class as a number: the bytes of the ending, 0 for none (an
/// ending longer than four bytes, of rare characters, counts as none).
pub fn pack_class(ending: &str) -> u32 {
    let b = ending.as_bytes();
    if b.is_empty() || b.len() > 4 {
        return 0;
    }
    let mut v = [0u8; 4];
    v[..b.len()].copy_from_slice(b);
    u32::from_le_bytes(v)
}

/// The counts of the confusable keys and their groups before each class.
#[derive(Debug, Default)]
pub struct ContextClasses {
    /// The group of each confusable key, by [`key_hash`].
    groups: FxHashMap<u64, u32>,
    /// (key hash, packed class) -> how often the key precedes the class.
    after_key: FxHashMap<(u64, u32), u32>,
    /// (group, packed class) -> how often the group's keys precede the class.
    after_group: FxHashMap<(u32, u32), u32>,
    /// How often each group's keys occur, by group.
    occurrences: FxHashMap<u32, u32>,
}

impl ContextClasses {
    /// The tables of the class keys of `lm` (those that begin with
    /// [`format::CLASS_MARK`]); a key it cannot read is left out.
    pub(super) fn read(lm: &Map<&'static [u8]>) -> ContextClasses {
        let mut out = ContextClasses::default();
        let mut stream = lm
            .range()
            .ge([format::CLASS_MARK])
            .lt([format::CLASS_MARK + 1])
            .into_stream();
        while let Some((k, v)) = stream.next() {
            let count = v.min(u64::from(u32::MAX)) as u32;
            let Some((&kind, rest)) = k[1..].split_first() else {
                continue;
            };
            let Ok(rest) = std::str::from_utf8(rest) else {
                continue;
            };
            let (a, b) = match rest.split_once(char::from(format::PAIR_SEP)) {
                Some((a, b)) => (a, Some(b)),
                None => (rest, None),
            };
            let group = || a.parse::<u32>().ok();
            match (kind, b) {
                (class_kind::MEMBER, None) => {
                    if let Some(g) = count.checked_sub(1) {
                        out.groups.insert(key_hash(a), g);
                    }
                }
                (class_kind::AFTER_KEY, Some(c)) => {
                    out.after_key.insert((key_hash(a), pack_class(c)), count);
                }
                (class_kind::AFTER_GROUP, Some(c)) => {
                    if let Some(g) = group() {
                        out.after_group.insert((g, pack_class(c)), count);
                    }
                }
                (class_kind::GROUP, None) => {
                    if let Some(g) = group() {
                        out.occurrences.insert(g, count);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The group of the confusable key whose [`key_hash`] is `key`: the
    /// keys one å, ä or ö apart share one ("far", "får", "för"). `None` for a
    /// key that is not confusable.
    pub fn group(&self, key: u64) -> Option<u32> {
        self.groups.get(&key).copied()
    }

    /// How often the confusable key whose hash is `key` precedes a word of
    /// the (packed) class.
    pub fn after_key(&self, key: u64, class: u32) -> u32 {
        self.after_key.get(&(key, class)).copied().unwrap_or(0)
    }

    /// How often the keys of `group` precede a word of the (packed) class.
    pub fn after_group(&self, group: u32, class: u32) -> u32 {
        self.after_group.get(&(group, class)).copied().unwrap_or(0)
    }

    /// How often the keys of `group` occur in the corpus.
    pub fn occurrences(&self, group: u32) -> u32 {
        self.occurrences.get(&group).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use format::class_key;

    /// The tables read back what the generator's keys hold, and leave out
    /// the rest of the transducer and a key they cannot read.
    #[test]
    fn reads_the_class_keys_of_the_language_model() {
        let mut items = vec![
            (class_key(class_kind::MEMBER, "bör", None), 8),
            (class_key(class_kind::MEMBER, "bor", None), 8),
            (class_key(class_kind::AFTER_KEY, "bör", Some("as")), 120),
            (class_key(class_kind::AFTER_GROUP, "7", Some("as")), 125),
            (class_key(class_kind::GROUP, "7", None), 5000),
            (class_key(class_kind::AFTER_GROUP, "x", Some("as")), 1),
            (b"bor".to_vec(), 900),
            (b"bor as".to_vec(), 3),
        ];
        items.sort();
        let mut b = fst::MapBuilder::memory();
        for (k, v) in &items {
            b.insert(k, *v).expect("sorted keys");
        }
        let bytes: &'static [u8] = Box::leak(b.into_inner().expect("built").into_boxed_slice());
        let t = ContextClasses::read(&Map::new(bytes).expect("a map"));
        assert_eq!(t.group(key_hash("bör")), Some(7));
        assert_eq!(t.group(key_hash("bor")), Some(7));
        assert_eq!(t.group(key_hash("kommun")), None);
        assert_eq!(t.after_key(key_hash("bör"), pack_class("as")), 120);
        assert_eq!(t.after_key(key_hash("bor"), pack_class("as")), 0);
        assert_eq!(t.after_group(7, pack_class("as")), 125);
        assert_eq!(t.after_group(7, pack_class("en")), 0);
        assert_eq!(t.occurrences(7), 5000);
        assert_eq!((t.after_group.len(), t.occurrences.len()), (1, 1));
    }

    #[test]
    fn classes_pack_into_their_bytes() {
        assert_eq!(pack_class(""), 0);
        assert_ne!(pack_class("en"), pack_class("än"));
        assert_eq!(
            pack_class("åä"),
            u32::from_le_bytes([0xc3, 0xa5, 0xc3, 0xa4])
        );
        assert_eq!(pack_class("€€"), 0);
    }
}
