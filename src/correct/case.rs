//! Letter case: the corrector works in lower case and gives the repaired word the
//! case pattern the OCR'd word had.

use crate::text::is_letter;
use std::borrow::Cow;

/// The case pattern of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "förvaltning"
    Lower,
    /// "Järfälla"
    Title,
    /// "IT", "VINNOVA"
    Upper,
    /// Anything else ("KommITS", "VAr").
    Mixed,
}

/// The case pattern of `word`, judged on its letters only.
pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|&c| is_letter(c));
    let Some(first) = letters.next() else {
        return Case::Lower;
    };
    let (mut upper, mut lower) = (0, 0);
    for c in letters {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (first.is_uppercase(), upper, lower) {
        (false, 0, _) => Case::Lower,
        (true, 0, _) => Case::Title,
        (true, _, 0) => Case::Upper,
        _ => Case::Mixed,
    }
}

/// Whether the first letter of `word` is a capital (also when the OCR put a
/// mark such as "[" or "|" before it).
pub fn starts_upper(word: &str) -> bool {
    word.chars()
        .find(|&c| is_letter(c))
        .is_some_and(char::is_uppercase)
}

/// The OCR's marks for a capital I read as that letter (borrowed when there
/// are none, as in most words).
fn with_capital_i(observed: &str) -> Cow<'_, str> {
    if observed.contains(['[', '|']) {
        Cow::Owned(observed.replace(['[', '|'], "I"))
    } else {
        Cow::Borrowed(observed)
    }
}

/// `word` with a leading "II" before two small letters read as "Il": the OCR
/// prints a capital I and an l as two capitals ("IIshammar" for
/// "Ilshammar"), and no word is written so. `None` for any other word, and
/// for a numeral with a letter ("IIa", "IIb"), which is a label.
pub fn capital_i_ell(word: &str) -> Option<String> {
    let rest = word.strip_prefix("II")?;
    let mut small = rest.chars().take(2).filter(|c| c.is_lowercase());
    (small.next().is_some() && small.next().is_some()).then(|| format!("Il{rest}"))
}

/// Whether `observed` is written in capitals throughout ("IT", "[T", "FÖRORD"):
/// an acronym or a heading, which says nothing about being a name.
pub fn is_all_caps(observed: &str) -> bool {
    let observed = with_capital_i(observed);
    case_of(&observed) == Case::Upper && observed.chars().filter(|c| c.is_alphabetic()).count() > 1
}

/// `form` (lower case) written in the case of `observed`.
///
/// A mixed pattern is the OCR's doing more often than the printer's ("VAr" for
/// "Vår"), so it is read as title case when the observed word starts with a
/// capital: inner capitals survive only where the word is left as it was. A
/// name (`proper`) keeps a small first letter: that is the writer's ("det
/// danska naturvårdsverket"; the OCR prints a capital Ö as O, not o), and the
/// gold text keeps capitalisation as written. But a small l read as I is the
/// OCR's commonest capital misread as a small letter ("lrak" is "Irak").
pub fn recase(form: &str, observed: &str, proper: bool) -> String {
    let observed = with_capital_i(observed);
    let upper_first = starts_upper(&observed);
    let written_small = match (observed.chars().next(), form.chars().next()) {
        (Some(o), Some(f)) => o.is_lowercase() && !(o == 'l' && f == 'i'),
        _ => false,
    };
    match case_of(&observed) {
        Case::Upper if form.chars().filter(|c| c.is_alphabetic()).count() > 1 => {
            form.to_uppercase()
        }
        _ if upper_first || (proper && !written_small) => capitalise(form),
        _ => form.to_string(),
    }
}

/// `word` with its first letter in upper case.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert_eq!(case_of("förvaltning"), Case::Lower);
        assert_eq!(case_of("Järfälla"), Case::Title);
        assert_eq!(case_of("VINNOVA"), Case::Upper);
        assert_eq!(case_of("VAr"), Case::Mixed);
        assert_eq!(case_of("f6r"), Case::Lower);
        assert_eq!(case_of("4r"), Case::Lower);
        assert!(is_all_caps("IT") && is_all_caps("[T") && !is_all_caps("I") && !is_all_caps("It"));
    }

    #[test]
    fn a_capital_i_and_l_printed_as_two_capitals() {
        assert_eq!(capital_i_ell("IIshammar").as_deref(), Some("Ilshammar"));
        assert_eq!(capital_i_ell("II"), None);
        assert_eq!(capital_i_ell("IIa"), None);
        assert_eq!(capital_i_ell("IIa:s"), None);
        assert_eq!(capital_i_ell("IIa1"), None);
        assert_eq!(capital_i_ell("IIT"), None);
        assert_eq!(capital_i_ell("Ilshammar"), None);
    }

    #[test]
    fn recasing() {
        assert_eq!(recase("vår", "VAr", false), "Vår");
        assert_eq!(recase("järfälla", "Jarfilla", true), "Järfälla");
        assert_eq!(recase("järfälla", "jarfalla", true), "järfälla");
        assert_eq!(recase("örebro", "6rebro", true), "Örebro");
        assert_eq!(recase("örebro", "orebro", true), "örebro");
        assert_eq!(recase("irak", "lrak", true), "Irak");
        assert_eq!(recase("irak", "irak", true), "irak");
        assert_eq!(recase("örebro", "OREBRO", true), "ÖREBRO");
        assert_eq!(recase("för", "f6r", false), "för");
        assert_eq!(recase("i", "[", false), "I");
        assert_eq!(recase("även", "Aven", false), "Även");
        assert_eq!(recase("på", "P", false), "På");
        assert_eq!(recase("it", "[T", false), "IT");
        assert_eq!(recase("it", "|IT", false), "IT");
        assert_eq!(recase("it", "I'T", false), "IT");
    }
}
