//! The Swedish lexicon built into the binary: word forms with their compound
//! flags and frequencies, and word-pair counts for context.
//!
//! STUB: the real data and loading arrive with the lexicon build (dictionaries/).
//! The API below is what the rest of the crate relies on.

use std::sync::OnceLock;

/// Bit flags of a word form.
pub mod flags {
    /// The form is a word on its own.
    pub const WORD: u8 = 1;
    /// The form may open a compound ("förvaltnings" in "förvaltningsgränser").
    pub const BEGIN: u8 = 2;
    /// The form may stand inside a compound.
    pub const MIDDLE: u8 = 4;
    /// The form may close a compound.
    pub const END: u8 = 8;
    /// The form is written with a capital (a name: "Järfälla", "Thorbjörn").
    pub const PROPER: u8 = 16;
}

/// What the lexicon knows about one word form (keys are lower case).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// [`flags`] bits.
    pub flags: u8,
    /// Natural log of the word's unigram probability (blended frequency sources).
    pub log_p: f32,
    /// Occurrences in the context corpus (the denominator of word-pair statistics).
    pub count: u32,
}

impl Entry {
    /// Decodes a value of the forms transducer.
    pub fn from_value(v: u64) -> Entry {
        Entry {
            flags: (v & 0xFF) as u8,
            log_p: -(((v >> 8) & 0xFFFF) as f32) / 100.0,
            count: (v >> 24) as u32,
        }
    }

    /// Whether the form is a word on its own.
    pub fn is_word(&self) -> bool {
        self.flags & flags::WORD != 0
    }
}

/// The lexicon: embedded data plus any user word lists.
#[derive(Default)]
pub struct Lexicon {
    fsts: Vec<fst::raw::Fst<std::borrow::Cow<'static, [u8]>>>,
    pairs: std::collections::HashMap<String, u32>,
}

impl Lexicon {
    /// DEV ONLY: loads TSV files from a folder (replaced by the embedded data).
    fn dev() -> Lexicon {
        let Ok(dir) = std::env::var("OCRFIX_DEV_LEXICON") else {
            return Lexicon::default();
        };
        let words = std::fs::read_to_string(format!("{dir}/devlex.tsv")).unwrap_or_default();
        let mut b = fst::MapBuilder::memory();
        for line in words.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            let flags: u64 = f[1].parse().unwrap_or(0);
            let lp: f32 = f[2].parse().unwrap_or(-20.0);
            let c: u64 = f[3].parse().unwrap_or(0);
            let v = flags | (((-lp * 100.0) as u64) << 8) | (c << 24);
            let _ = b.insert(f[0], v);
        }
        let fst = b.into_map().into_fst();
        let bytes = fst.into_inner();
        let fst = fst::raw::Fst::new(std::borrow::Cow::Owned(bytes)).unwrap();
        let mut pairs = std::collections::HashMap::new();
        let bi = std::fs::read_to_string(format!("{dir}/devbi.tsv")).unwrap_or_default();
        for line in bi.lines() {
            if let Some((k, c)) = line.split_once('\t') {
                pairs.insert(k.to_string(), c.parse().unwrap_or(0));
            }
        }
        Lexicon {
            fsts: vec![fst],
            pairs,
        }
    }
}

impl Lexicon {
    /// The lexicon built into the binary, loaded once on first use.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::dev)
    }

    /// Looks up a lower-case word form.
    pub fn get(&self, lower: &str) -> Option<Entry> {
        let fst = self.fsts.first()?;
        fst.get(lower).map(|o| Entry::from_value(o.value()))
    }

    /// The transducers of word forms (embedded, then user words), for searches
    /// that walk them node by node; values decode with [`Entry::from_value`].
    pub fn fsts(&self) -> &[fst::raw::Fst<std::borrow::Cow<'static, [u8]>>] {
        &self.fsts
    }

    /// Whether `lower` is a word: a form on its own or a valid compound of forms.
    pub fn is_word(&self, lower: &str) -> bool {
        self.get(lower).is_some_and(|e| e.is_word())
    }

    /// How often the pair `a b` (language-model keys, see
    /// [`crate::tokenise::lm_key`]) occurs in the context corpus.
    pub fn pair_count(&self, a: &str, b: &str) -> u32 {
        self.pairs.get(&format!("{a} {b}")).copied().unwrap_or(0)
    }
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lexicon")
    }
}
