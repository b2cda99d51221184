//! The most frequent English words (`dictionaries/english/english.txt`, from
//! wordfreq), so that the corrector can recognise English inside a Swedish
//! document ("Linked Organisation for Local Authority") and leave it alone.

use std::collections::HashSet;
use std::sync::OnceLock;

static ENGLISH: &str = include_str!("../../dictionaries/english/english.txt");

/// Whether `lower` (lower case) is one of the common English words.
pub fn is_english(lower: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            ENGLISH
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .collect()
        })
        .contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_common_english_only() {
        assert!(is_english("the"));
        assert!(is_english("for"));
        assert!(is_english("local"));
        assert!(!is_english("förvaltning"));
        assert!(!is_english("kommunen"));
    }
}
