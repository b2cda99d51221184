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
    /// Whether the form is a word on its own.
    pub fn is_word(&self) -> bool {
        self.flags & flags::WORD != 0
    }
}

/// The lexicon: embedded data plus any user word lists.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicon built into the binary, loaded once on first use.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::default)
    }

    /// Looks up a lower-case word form.
    pub fn get(&self, _lower: &str) -> Option<Entry> {
        None
    }

    /// Whether `lower` is a word: a form on its own or a valid compound of forms.
    pub fn is_word(&self, lower: &str) -> bool {
        self.get(lower).is_some_and(|e| e.is_word())
    }

    /// How often the pair `a b` (language-model keys, see
    /// [`crate::tokenise::lm_key`]) occurs in the context corpus.
    pub fn pair_count(&self, _a: &str, _b: &str) -> u32 {
        0
    }
}
