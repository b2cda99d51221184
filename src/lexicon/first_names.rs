//! The first-name list (`dictionaries/firstnames/firstnames.tsv`, embedded at
//! build time; see the README beside it for provenance and licence).
//!
//! It is word data, like the rest of the lexicon, and stages before and after
//! correction ask it: the dehyphenator (is the tail after a capitalised stem a
//! first name, "Maj-" + "Inger") and extraction (`extract::names`, which adds
//! the tests on a word's shape). [`find`] repairs a name the OCR damaged.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

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
        let lower = name.to_lowercase();
        if !name.is_empty() && !NOT_FIRST_NAMES.contains(&lower.as_str()) {
            map.insert(lower, (name, gender));
        }
    }
    map
});

/// Capitalised words that the list has as names but that open Swedish
/// sentences far more often than they name anyone ("Alla", "Man", "Vid"),
/// and its function words but "per" ("Andra", "Hans", "Sig").
const NOT_FIRST_NAMES: &[&str] = &[
    "andra", "hans", "sig", "alla", "han", "hon", "in", "man", "min", "de", "den", "det", "the",
    "se", "so", "son", "visar", "said", "till", "under", "men", "sin", "vid", "om", "mot", "kan",
    "van", "mark", "rosen", "viking", "urban", "flora", "israel", "ban", "tal", "ton", "mist",
    "bok", "kil", "ram", "hörn", "lind", "frid", "sam", "tom", "april", "maj", "juni", "juli",
    "augusti", "ali", "ja", "nej", "bang", "chi", "phi", "sun", "art", "ellen", "ester", "europa",
    "kalla", "stella", "vera", "gloria", "grace",
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

/// [`get`], or where the OCR damaged one character of the name, the name it
/// was ("thorbjérn", "g6ran", "hakan"): a symbol or digit that stands for å,
/// ä or ö, or a plain a or o that lost its marks.
pub fn find(lower: &str) -> Option<(&'static str, Gender)> {
    if let Some(found) = get(lower) {
        return Some(found);
    }
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
            if let Some(found) = get(&variant) {
                return Some(found);
            }
        }
    }
    None
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

/// Every name of the list with one of its å, ä, ö printed as a character
/// that [`repairs`] turns back into it: the only words whose repair in
/// [`find`] can find a name. Most words are not among them and skip the
/// repair's lookups.
static DAMAGED_NAMES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    let mut set = FxHashSet::default();
    // Only the few names with å, ä or ö have damaged forms.
    for name in names().filter(|n| n.contains(['å', 'ä', 'ö'])) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find`] as it was before [`DAMAGED_NAMES`]: every one-character
    /// repair tried.
    fn find_trying_all(lower: &str) -> Option<(&'static str, Gender)> {
        if let Some(found) = get(lower) {
            return Some(found);
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
                if let Some(found) = get(&s) {
                    return Some(found);
                }
            }
        }
        None
    }

    #[test]
    fn damaged_names_filter_changes_no_answer() {
        let mut words = vec!["kommunen".to_string(), "och".to_string(), "x".to_string()];
        for name in names() {
            let chars: Vec<char> = name.chars().collect();
            words.push(name.to_string());
            for k in 0..chars.len() {
                for c in DAMAGE.iter().chain(&['å', 'ä', 'ö', 'x']) {
                    let mut v = chars.clone();
                    v[k] = *c;
                    words.push(v.into_iter().collect());
                }
            }
        }
        for w in &words {
            assert_eq!(find(w), find_trying_all(w), "{w}");
        }
        // Every character with repairs is a damage character.
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(!repairs(c).is_empty(), DAMAGE.contains(&c), "{c}");
        }
        assert_eq!(find("thorbjérn").map(|(n, _)| n), Some("Thorbjörn"));
        assert_eq!(find("g6ran").map(|(n, _)| n), Some("Göran"));
    }

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
