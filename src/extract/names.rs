//! First names (the list and its OCR repairs in [`crate::lexicon::first_names`],
//! the function-word test here) and the tests on a word that make it a possible
//! part of a name.

use super::lex::{self, Gender};
use crate::correct::case::capital_i_ell;
use crate::lexicon::first_names;

/// A first name found in the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstName {
    /// The name as the lexicon spells it ("Thorbjörn" for OCR "Thorbjérn");
    /// a double name as printed ("Anne-Marie").
    pub canonical: String,
    /// Gender recorded for the name (of the first part of a double name).
    pub gender: Gender,
}

/// Looks `word` up as a first name. The word must be capitalised. Hyphenated
/// double names count when every part is a name ("Anne-Marie"). Words that the
/// OCR may have damaged are tried with å, ä, ö put back where a confusable
/// character stands ("Thorbjérn", "Hakan").
pub fn first_name(word: &str) -> Option<FirstName> {
    if !is_capitalised(word) {
        return None;
    }
    if let Some((a, b)) = word.split_once('-') {
        if a.is_empty() || b.is_empty() || b.contains('-') {
            return None;
        }
        let first = lookup(a)?;
        lookup(&capitalise(b))?;
        return Some(FirstName {
            canonical: word.to_string(),
            gender: first.gender,
        });
    }
    lookup(word)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lookup(word: &str) -> Option<FirstName> {
    lex::with_lower(word, |lower| {
        // "Per" is a preposition too, but as a capitalised word it is the name.
        if lower != "per" && lex::is_function_word(lower) {
            return None;
        }
        first_names::find(lower).map(|(c, gender)| FirstName {
            canonical: c.to_string(),
            gender,
        })
    })
}

/// Whether `word` starts with an upper-case letter followed by a lower-case one
/// ("Larsson", "Siösteen"): the shape of a name part, not an acronym.
pub fn is_capitalised(word: &str) -> bool {
    // Most words start with a lower-case ASCII letter: turned down at once.
    if word
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_lowercase())
    {
        return false;
    }
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        // The second character may be an OCR stand-in for ö ("G6ran").
        (Some(a), Some(b)) => {
            a.is_uppercase()
                && (b.is_lowercase() || b == '\'' || (b.is_ascii_digit() || b == '#' || b == '&'))
                && word.chars().skip(1).any(char::is_lowercase)
        }
        _ => false,
    }
}

/// Whether `word` can be a surname: capitalised, letters (and inner hyphens or
/// apostrophes) only, not a function word, title or organisation word.
pub fn is_surname_shape(word: &str) -> bool {
    // OCR reads a capital I followed by l as "II" ("IIshammar" for "Ilshammar").
    let repaired = capital_i_ell(word);
    let word = repaired.as_deref().unwrap_or(word);
    if !surname_letters(word) {
        return false;
    }
    let lower = word.to_lowercase();
    !(lex::is_function_word(&lower)
        || lex::is_org_head(&lower)
        || lex::role_base(word).is_some()
        || lex::is_month(word)
        || lex::speech_verb(word).is_some()
        || lex::is_english_role_head(word))
}

/// The spelling part of [`is_surname_shape`], without its word lists: a
/// quick test that turns down most words before the lists are consulted.
pub fn could_be_surname(word: &str) -> bool {
    // "IIshammar" reads as "Ilshammar": capitalised, with the same letters.
    surname_letters(capital_i_ell(word).as_deref().unwrap_or(word))
}

/// Capitalised, two characters or more, letters (and inner hyphens or
/// apostrophes) only.
fn surname_letters(word: &str) -> bool {
    is_capitalised(word)
        && word.chars().count() >= 2
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
}

/// Lower-case name particles that may stand between first name and surname.
pub fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "von" | "af" | "de" | "van" | "der" | "den" | "da" | "di" | "la" | "le"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list leaves out the names that are function words, which
    /// `lookup` turns down, so that the dehyphenator, which asks the list
    /// alone, turns them down too ("Sverige-" + "Andra kammaren").
    #[test]
    fn the_list_has_no_function_words_but_per() {
        for name in first_names::names() {
            assert!(name == "per" || !lex::is_function_word(name), "{name}");
        }
        for w in lex::tests::fixture_words() {
            let lower = w.to_lowercase();
            if lower != "per" && lex::is_function_word(&lower) {
                assert_eq!(first_names::find(&lower), None, "{w}");
            }
        }
    }

    #[test]
    fn finds_common_swedish_first_names() {
        for n in ["Anna", "Lars", "Karin", "Björn", "Åsa", "Per", "Bo"] {
            assert!(first_name(n).is_some(), "{n}");
        }
        assert_eq!(first_name("Karin").map(|f| f.gender), Some(Gender::Female));
        assert_eq!(first_name("Lars").map(|f| f.gender), Some(Gender::Male));
    }

    #[test]
    fn rejects_sentence_words_and_lower_case() {
        for w in ["Alla", "Man", "Vid", "Men", "lars", "Kommunen", "Det"] {
            assert!(first_name(w).is_none(), "{w}");
        }
    }

    #[test]
    fn double_names_and_ocr_damage() {
        assert!(first_name("Eva-Lena").is_some());
        assert!(first_name("Karl-Erik").is_some());
        assert_eq!(
            first_name("Göran").map(|f| f.canonical).as_deref(),
            Some("Göran")
        );
        assert_eq!(
            first_name("G6ran").map(|f| f.canonical).as_deref(),
            Some("Göran")
        );
        assert!(first_name("Thorbjérn").is_some());
    }

    #[test]
    fn surname_shapes() {
        assert!(is_surname_shape("Lindqvist"));
        assert!(is_surname_shape("Siösteen-Thiel"));
        assert!(!is_surname_shape("Kommun"));
        assert!(!is_surname_shape("IT"));
        assert!(!is_surname_shape("Och"));
        assert!(!is_surname_shape("Direktör"));
        assert!(is_surname_shape("IIshammar"));
    }
}
