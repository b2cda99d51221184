//! The binary layout of the embedded lexicon data.
//!
//! This file is shared verbatim with the generator (`dictionaries/lexgen` includes
//! it by path), so it must not depend on anything else in the crate.
//!
//! # Files (in `dictionaries/data/`)
//!
//! * `forms.fst`: `fst::Map` from a lower-case word form to a packed value (below).
//! * `lm.fst`: `fst::Map` from a language-model key ([`crate::tokenise::lm_key`],
//!   plus `<s>` and `<q>`) to its corpus count, and from `"a b"` (two keys joined by
//!   [`PAIR_SEP`]) to the count of the pair. Keys never contain whitespace, so the
//!   separator is unambiguous. For the *confusable* keys (a word that one å, ä or
//!   ö away is another word of the corpus: "har" and "här", "in" and "än"), also
//!   `"x y r"` to the count of the triple x, y, r. The confusable keys fall into
//!   *groups* (the keys linked by such a letter: "far", "får", "för"), and are
//!   counted by the *context class* of the word after them (its ending, see
//!   [`context_class`]), under keys that begin with [`CLASS_MARK`] and a
//!   [`class_kind`] byte: `M` r the number of r's group plus one (which also
//!   marks r as confusable: its triples are stored), `R` r ` ` C how often r
//!   precedes a word of class C, `r` g ` ` C the same summed over the keys of
//!   group g (its number in decimal), `G` g how often the keys of group g occur.
//!   No word key begins with the mark, nor can a document's word be read as one
//!   of these: a word has no space, and `lm_key` writes no capitals.
//! * `rules.fst`: `fst::Map` from a form to its hunspell COMPOUNDRULE flags:
//!   bits 0..16 as a bare dictionary root, bits 16..32 as any form of such a root
//!   (which counts only as the last part of a rule compound).
//! * `forbidden.fst`: `fst::Set` of forms hunspell marks as wrong (FORBIDDENWORD),
//!   e.g. "arbetstillfallen": never words, and no compound may produce them.
//! * `lexicon.meta`: small text file, one `key value...` per line (totals, the
//!   compound rules and their flag order, compounding limits).
//!
//! # Value packing of `forms.fst`
//!
//! ```text
//! bit  0..8   flags (see `flags`)
//! bit  8..20  -ln(p) * LOGP_SCALE, rounded, saturating at 4095 (1/32 nat steps)
//! bit 20..52  corpus count of the form (saturating)
//! ```
//!
//! Frequent fields sit in the low bits: the FST stores each output in as few bytes
//! as it needs, and most forms have a count of 0.

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
    /// The form is written in capitals (an abbreviation: "IT", "EU").
    pub const UPPER: u8 = 32;
    /// The form comes from the hunspell dictionary (otherwise from the corpus or a
    /// user word list only).
    pub const DICT: u8 = 64;
    /// hunspell marks the form NOSUGGEST (vulgar or unwanted as a suggestion): a
    /// word, but not one to correct towards.
    pub const NOSUGGEST: u8 = 128;
}

/// Steps per nat in the quantised `-ln(p)`.
pub const LOGP_SCALE: f32 = 32.0;
const LOGP_SHIFT: u32 = 8;
const LOGP_MASK: u64 = 0xfff;
const COUNT_SHIFT: u32 = 20;
const COUNT_MASK: u64 = 0xffff_ffff;

/// Penalty in nats per extra part of a compound's estimated log probability (see
/// `Lexicon::log_p_compound`); the generator gives unseen stored compounds the
/// same estimate.
pub const COMPOUND_PART_PENALTY: f32 = 4.0;

/// The byte between the two keys of a pair in `lm.fst`.
pub const PAIR_SEP: u8 = b' ';

/// Packs a form's flags, log probability and corpus count into an FST value.
pub fn pack(flags: u8, log_p: f64, count: u64) -> u64 {
    let q = (-log_p * f64::from(LOGP_SCALE))
        .round()
        .clamp(0.0, LOGP_MASK as f64) as u64;
    u64::from(flags) | (q << LOGP_SHIFT) | (count.min(COUNT_MASK) << COUNT_SHIFT)
}

/// The flags of a packed value.
pub fn unpack_flags(value: u64) -> u8 {
    (value & 0xff) as u8
}

/// The natural log probability of a packed value.
pub fn unpack_log_p(value: u64) -> f32 {
    -(((value >> LOGP_SHIFT) & LOGP_MASK) as f32) / LOGP_SCALE
}

/// The corpus count of a packed value.
pub fn unpack_count(value: u64) -> u32 {
    ((value >> COUNT_SHIFT) & COUNT_MASK) as u32
}

/// The `lm.fst` key of the pair `a b`. The generator builds keys with it; the
/// reader walks the same bytes without building them (`Lexicon::pairs_after`).
#[allow(dead_code)]
pub fn pair_key(a: &str, b: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(a.len() + b.len() + 1);
    k.extend_from_slice(a.as_bytes());
    k.push(PAIR_SEP);
    k.extend_from_slice(b.as_bytes());
    k
}

/// The `lm.fst` key of the triple `x y r` (see [`pair_key`]).
#[allow(dead_code)]
pub fn triple_key(x: &str, y: &str, r: &str) -> Vec<u8> {
    let mut k = pair_key(x, y);
    k.push(PAIR_SEP);
    k.extend_from_slice(r.as_bytes());
    k
}

/// The first byte of the context-class keys in `lm.fst` (no word key begins
/// with it).
pub const CLASS_MARK: u8 = 0x01;

/// The kinds of context-class key in `lm.fst` (the byte after [`CLASS_MARK`]).
pub mod class_kind {
    /// `r`: the confusable key r's group number plus one.
    pub const MEMBER: u8 = b'M';
    /// `r C`: the confusable key r before a word of class C.
    pub const AFTER_KEY: u8 = b'R';
    /// `g C`: a key of group g before a word of class C.
    pub const AFTER_GROUP: u8 = b'r';
    /// `g`: the occurrences of the keys of group g.
    pub const GROUP: u8 = b'G';
}

/// Letters of a word's ending that make its context class.
const CLASS_ENDING: usize = 2;

/// The context class of a language-model key: its last two letters ("en",
/// "ar", "de": what Swedish inflection writes there, and so a rough part of
/// speech), for a word of four letters or more. Shorter words and `<...>`
/// keys have none: their pairs are frequent enough to count themselves, as
/// are the most frequent longer words' ([`has_class`]). The language model
/// falls back on the classes where a pair of a confusable word and the word
/// after it is too rare to count: "får" or "för" before an unseen infinitive.
pub fn context_class(key: &str) -> Option<&str> {
    if key.starts_with('<') {
        return None;
    }
    let mut starts = key.char_indices().rev().map(|(i, _)| i);
    let ending = starts.nth(CLASS_ENDING - 1)?;
    // Two letters more before the ending.
    starts.nth(1)?;
    Some(&key[ending..])
}

/// Share of the corpus (one word in this many) from which a word has no
/// context class: the most frequent words ("till", "mellan", "eller") are
/// counted in pairs well enough, and their endings say nothing of the words
/// that share them.
pub const CLASS_FREQUENT: u64 = 2000;

/// Whether a key seen `count` times in a corpus of `total` words is counted
/// by its [`context_class`] (rather than only in pairs).
pub fn has_class(count: u64, total: u64) -> bool {
    count.saturating_mul(CLASS_FREQUENT) < total
}

/// The `lm.fst` key of a context-class count: [`CLASS_MARK`], `kind`, then
/// `a`, and ` b` when `b` is given. The generator builds the keys with it;
/// the reader takes them apart ([`super::classes`]).
#[allow(dead_code)]
pub fn class_key(kind: u8, a: &str, b: Option<&str>) -> Vec<u8> {
    let mut k = Vec::with_capacity(a.len() + b.map_or(0, |b| b.len() + 1) + 2);
    k.push(CLASS_MARK);
    k.push(kind);
    k.extend_from_slice(a.as_bytes());
    if let Some(b) = b {
        k.push(PAIR_SEP);
        k.extend_from_slice(b.as_bytes());
    }
    k
}

/// Bit of a rule flag in `rules.fst` values as a bare root; the bit for "any form
/// of such a root" is this shifted left by [`RULE_ANY_SHIFT`].
pub fn rule_bit(index: usize) -> u64 {
    1 << index
}

/// Shift of the "any form" half of a `rules.fst` value.
pub const RULE_ANY_SHIFT: u32 = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_class_is_the_ending_of_a_long_word() {
        assert_eq!(context_class("rätt"), Some("tt"));
        assert_eq!(context_class("åtgärderna"), Some("na"));
        assert_eq!(context_class("går"), None);
        assert_eq!(context_class("<num>"), None);
        assert_eq!(context_class(""), None);
    }

    #[test]
    fn pack_round_trips() {
        let v = pack(flags::WORD | flags::END, -12.34, 4711);
        assert_eq!(unpack_flags(v), flags::WORD | flags::END);
        assert!((unpack_log_p(v) + 12.34).abs() <= 0.5 / LOGP_SCALE);
        assert_eq!(unpack_count(v), 4711);
        // Saturation instead of overflow into other fields.
        let v = pack(0, -1e9, u64::MAX);
        assert_eq!(unpack_flags(v), 0);
        assert_eq!(unpack_count(v), u32::MAX);
        assert!(unpack_log_p(v) < -127.0);
    }
}
