//! First names (the list in [`crate::lexicon::first_names`], with OCR repairs and
//! the function-word tests) and the tests on a word that make it a possible part
//! of a name.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

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
        let found = |k: &str| {
            first_names::get(k).map(|(c, gender)| FirstName {
                canonical: c.to_string(),
                gender,
            })
        };
        if let Some(f) = found(lower) {
            return Some(f);
        }
        // OCR repair of one character: a symbol or digit that stands for
        // å/ä/ö, or a plain a/o that lost its diacritic.
        let n = lower.chars().count();
        if !(3..=14).contains(&n) || !DAMAGED_NAMES.contains(lower) {
            return None;
        }
        let chars: Vec<char> = lower.chars().collect();
        // One buffer for all the variants tried.
        let mut variant = String::with_capacity(lower.len() + 2);
        for (i, &c) in chars.iter().enumerate() {
            for &o in repairs(c) {
                variant.clear();
                variant.extend(chars[..i].iter());
                variant.push(o);
                variant.extend(chars[i + 1..].iter());
                if let Some(f) = found(&variant) {
                    return Some(f);
                }
            }
        }
        None
    })
}

/// The characters OCR prints for å, ä or ö in a name: the digits and symbols
/// that stand for them, and a plain a or o.
const DAMAGE: [char; 14] = [
    'é', 'è', '6', '0', '#', '&', '4', '8', '3', 'ó', 'ò', 'ø', 'a', 'o',
];

/// The letters a damaged character of a name may stand for, in the order
/// they are tried; empty for the characters not in [`DAMAGE`].
fn repairs(c: char) -> &'static [char] {
    match c {
        'é' | 'è' | '6' | '0' | '#' | '&' | '4' | '8' | '3' | 'ó' | 'ò' | 'ø' => {
            &['ö', 'ä', 'å']
        }
        'a' => &['ä', 'å'],
        'o' => &['ö'],
        _ => &[],
    }
}

/// Every lexicon name (lower case) with one of its å, ä, ö printed as a
/// character that [`repairs`] turns back into it: the only words whose
/// repair in `lookup` can find a name. Most capitalised words are not
/// among them and skip the repair's lookups.
static DAMAGED_NAMES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut set = FxHashSet::default();
    // Only the few names with å, ä or ö have damaged forms.
    for name in first_names::names().filter(|n| n.contains(['å', 'ä', 'ö'])) {
        let chars: Vec<char> = name.chars().collect();
        for (i, &letter) in chars.iter().enumerate() {
            if !matches!(letter, 'å' | 'ä' | 'ö') {
                continue;
            }
            for c in DAMAGE.iter().filter(|&&c| repairs(c).contains(&letter)) {
                let mut v = chars.clone();
                v[i] = *c;
                set.insert(v.into_iter().collect());
            }
        }
    }
    set
});

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

    /// `lookup` as it was before [`DAMAGED_NAMES`]: every one-character
    /// repair tried.
    fn lookup_trying_all(word: &str) -> Option<FirstName> {
        let lower = word.to_lowercase();
        if lower != "per" && lex::is_function_word(&lower) {
            return None;
        }
        let found = |k: &str| {
            first_names::get(k).map(|(c, gender)| FirstName {
                canonical: c.to_string(),
                gender,
            })
        };
        if let Some(f) = found(&lower) {
            return Some(f);
        }
        let chars: Vec<char> = lower.chars().collect();
        if chars.len() < 3 || chars.len() > 14 {
            return None;
        }
        for (i, &c) in chars.iter().enumerate() {
            for &o in repairs(c) {
                let mut v = chars.clone();
                v[i] = o;
                let s: String = v.into_iter().collect();
                if let Some(f) = found(&s) {
                    return Some(f);
                }
            }
        }
        None
    }

    #[test]
    fn damaged_names_filter_changes_no_answer() {
        let mut words = crate::extract::lex::tests::fixture_words();
        for name in first_names::names() {
            let chars: Vec<char> = name.chars().collect();
            words.push(capitalise(name));
            for k in 0..chars.len() {
                for c in DAMAGE.iter().chain(&['å', 'ä', 'ö', 'x']) {
                    let mut v = chars.clone();
                    v[k] = *c;
                    words.push(capitalise(&v.into_iter().collect::<String>()));
                }
            }
        }
        for w in &words {
            assert_eq!(lookup(w), lookup_trying_all(w), "{w}");
        }
        // Every character with repairs is a damage character.
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(!repairs(c).is_empty(), DAMAGE.contains(&c), "{c}");
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
