//! The first-name list (`dictionaries/firstnames/firstnames.tsv`, embedded at
//! build time; see the README beside it for provenance and licence).
//!
//! It is word data, like the rest of the lexicon, and stages on both sides of
//! correction ask it: the dehyphenator (is the tail after a capitalised stem a
//! first name, "Maj-" + "Inger") and extraction (`extract::names`, which adds
//! the OCR repairs and the function-word tests on top).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The embedded list: `name<TAB>gender`, `#` comments.
const FIRSTNAMES_TSV: &str = include_str!("../../dictionaries/firstnames/firstnames.tsv");

/// Grammatical gender of a person, from the first-name list or a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Male name or "han".
    Male,
    /// Female name or "hon".
    Female,
    /// Unisex name, unknown name, or "hen".
    Unknown,
}

/// Lower-case first name -> (printed form, gender).
static FIRST_NAMES: LazyLock<FxHashMap<String, (&'static str, Gender)>> = LazyLock::new(|| {
    let mut map = FxHashMap::default();
    for line in FIRSTNAMES_TSV.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('\t');
        let (Some(name), g) = (parts.next(), parts.next()) else {
            continue;
        };
        let gender = match g {
            Some("M") => Gender::Male,
            Some("F") => Gender::Female,
            _ => Gender::Unknown,
        };
        if !name.is_empty() && !NOT_FIRST_NAMES.contains(&name.to_lowercase().as_str()) {
            map.insert(name.to_lowercase(), (name, gender));
        }
    }
    map
});

/// Capitalised words that the list has as names but that open Swedish
/// sentences far more often than they name anyone ("Alla", "Man", "Vid").
const NOT_FIRST_NAMES: &[&str] = &[
    "alla", "han", "hon", "in", "man", "min", "de", "den", "det", "the", "se", "so", "son",
    "visar", "said", "till", "under", "men", "sin", "vid", "om", "mot", "kan", "van", "mark",
    "rosen", "viking", "urban", "flora", "israel", "ban", "tal", "ton", "mist", "bok", "kil",
    "ram", "hörn", "lind", "frid", "sam", "tom", "april", "maj", "juni", "juli", "augusti", "ali",
    "ja", "nej", "bang", "chi", "phi", "sun", "art", "ellen", "ester", "europa", "kalla", "stella",
    "vera", "gloria", "grace",
];

/// The list's entry for a lower-case name: its printed form ("Thorbjörn") and
/// gender. None for the words of the list that are seldom names ("alla",
/// "man").
pub fn get(lower: &str) -> Option<(&'static str, Gender)> {
    FIRST_NAMES.get(lower).copied()
}

/// Every name of the list, in lower case.
pub fn names() -> impl Iterator<Item = &'static str> {
    FIRST_NAMES.keys().map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_their_gender_and_not_the_sentence_openers() {
        assert_eq!(get("karin"), Some(("Karin", Gender::Female)));
        assert_eq!(get("lars").map(|(_, g)| g), Some(Gender::Male));
        assert_eq!(get("inger").map(|(n, _)| n), Some("Inger"));
        // In the file, but "Man" opens sentences.
        assert!(FIRSTNAMES_TSV.lines().any(|l| l.starts_with("Man\t")));
        assert_eq!(get("man"), None);
        // Keys are lower case.
        assert_eq!(get("Karin"), None);
        assert!(names().all(|n| n.chars().all(|c| !c.is_uppercase())));
    }
}
