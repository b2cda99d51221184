//! General Swedish vocabulary used by the extraction rules: function words, verbs
//! of saying, titles, number words, months, units, and a small noun lemmatiser.
//!
//! Every list here is ordinary Swedish press and report language, not text from
//! any particular document. Matching is tolerant of the OCR damage that a repair
//! pass may leave behind: å, ä and ö read as another letter, a digit or a symbol
//! ("sager", "siger", "s4ger" for "säger"; "tva" for "två"), see [`fuzzy_eq`].

use std::collections::HashMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::lexicon::calendar::MONTHS;
pub use crate::lexicon::first_names::Gender;

/// Characters that OCR puts where the print had å, ä or ö. A word matches a
/// closed-list word when it differs only by these at the list word's å/ä/ö.
fn is_diacritic_confusion(c: char) -> bool {
    matches!(
        c,
        'a' | 'o'
            | 'e'
            | 'i'
            | 'd'
            | 'é'
            | 'è'
            | 'ë'
            | 'á'
            | 'à'
            | 'ó'
            | 'ò'
            | 'ø'
            | 'å'
            | 'ä'
            | 'ö'
            | '4'
            | '6'
            | '0'
            | '8'
            | '3'
            | '#'
            | '&'
    )
}

/// Whether `word` (lower case) is `target` (lower case), allowing OCR damage at
/// the target's å, ä and ö: each may be read as a confusable character or be
/// missing altogether ("r" for "år"). Other letters must match exactly, so the
/// closed lists this is used with do not swallow ordinary words.
pub fn fuzzy_eq(word: &str, target: &str) -> bool {
    if word == target {
        return true;
    }
    let diacritic = |c: char| matches!(c, 'å' | 'ä' | 'ö');
    if !target.chars().any(diacritic) {
        return false;
    }
    let (wn, tn) = (word.chars().count(), target.chars().count());
    if wn == tn {
        return word
            .chars()
            .zip(target.chars())
            .all(|(a, b)| a == b || (diacritic(b) && is_diacritic_confusion(a)));
    }
    if wn + 1 == tn {
        // One å/ä/ö dropped by the OCR: skip it at the first difference.
        let mut w = word.chars().peekable();
        let mut skipped = false;
        for b in target.chars() {
            match w.peek() {
                Some(&a) if a == b => {
                    w.next();
                }
                _ if !skipped && diacritic(b) => skipped = true,
                _ => return false,
            }
        }
        return skipped && w.next().is_none();
    }
    false
}

/// Calls `f` with `word` in lower case, exactly as [`str::to_lowercase`] makes
/// it, without allocating for a word that is already lower case or fits a
/// buffer on the stack. The rules look words up many times per token; a heap
/// string per lookup used to cost more than the lookups themselves.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    const CAP: usize = 64;
    // Most words are lower case already ("säger", "får"): find the first
    // byte that lower-casing may change, a byte at a time. ASCII and
    // Latin-1 (two bytes, C2 or C3 first) are judged here; any other
    // character goes to the general path below.
    let bytes = word.as_bytes();
    let mut i = 0;
    let first_change = loop {
        let Some(&b) = bytes.get(i) else {
            return f(word);
        };
        match b {
            b'A'..=b'Z' => break i,
            0x00..=0x7F => i += 1,
            // U+0080 to U+00BF: no letters with a lower case.
            0xC2 => i += 2,
            // U+00C0 to U+00FF: the capitals À to Þ change, but × (C3 97).
            0xC3 if bytes[i + 1] >= 0x9F || bytes[i + 1] == 0x97 => i += 2,
            _ => break i,
        }
    };
    // `str::to_lowercase` maps each character as `char::to_lowercase` does,
    // except a capital sigma, whose form depends on its neighbours.
    if word.len() > CAP || word.contains('Σ') {
        return f(&word.to_lowercase());
    }
    let mut buf = [0u8; CAP];
    buf[..first_change].copy_from_slice(&bytes[..first_change]);
    let mut n = first_change;
    for c in word[first_change..].chars() {
        // ASCII and Latin-1 (å, ä, ö, é ...) by their simple rule; the
        // Unicode tables only for the rest.
        if let Some(l) = latin1_lower(c) {
            if n + l.len_utf8() > CAP {
                return f(&word.to_lowercase());
            }
            n += l.encode_utf8(&mut buf[n..]).len();
            continue;
        }
        for l in c.to_lowercase() {
            if n + l.len_utf8() > CAP {
                return f(&word.to_lowercase());
            }
            n += l.encode_utf8(&mut buf[n..]).len();
        }
    }
    f(std::str::from_utf8(&buf[..n]).expect("encoded characters are UTF-8"))
}

/// `c.to_lowercase()` for a character of ASCII or Latin-1, which is always
/// one character: the capitals À to Þ (but ×) move 0x20 up, the rest stay.
fn latin1_lower(c: char) -> Option<char> {
    match c {
        'A'..='Z' | 'À'..='Ö' | 'Ø'..='Þ' => char::from_u32(u32::from(c) + 0x20),
        '\0'..='ÿ' => Some(c),
        _ => None,
    }
}

/// Every spelling [`fuzzy_eq`] accepts for `target` (lower case) other than
/// the target itself: each å, ä or ö replaced by each confusable character,
/// and each one dropped. Lists words have at most two of these letters, so a
/// word has a few hundred spellings at most.
fn ocr_spellings(target: &str) -> Vec<String> {
    const CONFUSABLE: &[char] = &[
        'a', 'o', 'e', 'i', 'd', 'é', 'è', 'ë', 'á', 'à', 'ó', 'ò', 'ø', 'å', 'ä', 'ö', '4', '6',
        '0', '8', '3', '#', '&',
    ];
    debug_assert!(CONFUSABLE.iter().all(|&c| is_diacritic_confusion(c)));
    // Byte offsets of the å, ä and ö (two bytes each in UTF-8).
    let at: Vec<usize> = target
        .char_indices()
        .filter(|&(_, c)| matches!(c, 'å' | 'ä' | 'ö'))
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    if at.is_empty() {
        return out;
    }
    // `target` with the letter at each offset of `at` replaced by the
    // matching character of `by` (`None`: dropped).
    let splice = |by: &dyn Fn(usize) -> Option<char>| {
        let mut s = String::with_capacity(target.len() + at.len());
        let mut from = 0;
        for (slot, &k) in at.iter().enumerate() {
            s.push_str(&target[from..k]);
            if let Some(c) = by(slot) {
                s.push(c);
            }
            from = k + 'å'.len_utf8();
        }
        s.push_str(&target[from..]);
        s
    };
    // Same length: every combination of confusable characters at the
    // diacritic positions.
    let mut choice = vec![0usize; at.len()];
    loop {
        out.push(splice(&|slot| Some(CONFUSABLE[choice[slot]])));
        let mut slot = 0;
        while slot < at.len() {
            choice[slot] += 1;
            if choice[slot] < CONFUSABLE.len() {
                break;
            }
            choice[slot] = 0;
            slot += 1;
        }
        if slot == at.len() {
            break;
        }
    }
    // One letter shorter: one å, ä or ö missing, the others as printed.
    for drop in 0..at.len() {
        out.push(splice(&|slot| {
            (slot != drop).then(|| target[at[slot]..].chars().next().expect("a letter"))
        }));
    }
    out
}

/// A closed word list with values, looked up exactly (lower case) or with
/// [`fuzzy_eq`] against the entries that have å, ä or ö.
///
/// Built once: every spelling that matches an entry is a key of one hash map,
/// so a lookup is a single probe whatever the damage. Where spellings of
/// several entries coincide, an exact entry wins, then the first entry of the
/// list (the order in which a scan of the list would have found them).
pub struct WordMap<V: 'static> {
    map: FxHashMap<Box<str>, (&'static str, V)>,
}

impl<V: Copy> WordMap<V> {
    /// A map over `entries` (lower-case words with their values).
    pub fn new(entries: &[(&'static str, V)]) -> WordMap<V> {
        let mut map: FxHashMap<Box<str>, (&'static str, V)> = FxHashMap::default();
        for &(w, v) in entries {
            map.entry(w.into()).or_insert((w, v));
        }
        for &(w, v) in entries {
            for s in ocr_spellings(w) {
                map.entry(s.into_boxed_str()).or_insert((w, v));
            }
        }
        WordMap { map }
    }

    /// The entry `word` (any case) is, with its value.
    pub fn get(&self, word: &str) -> Option<(&'static str, V)> {
        with_lower(word, |lower| self.get_lower(lower))
    }

    /// The entry `lower` (already lower case) is, with its value.
    pub fn get_lower(&self, lower: &str) -> Option<(&'static str, V)> {
        self.map.get(lower).copied()
    }

    /// Every spelling the map knows, with the entry it stands for.
    fn spellings(&self) -> impl Iterator<Item = (&str, (&'static str, V))> {
        self.map.iter().map(|(k, &e)| (&**k, e))
    }
}

impl WordMap<()> {
    /// A map over plain words.
    pub fn words(entries: &[&'static str]) -> WordMap<()> {
        let pairs: Vec<(&'static str, ())> = entries.iter().map(|&w| (w, ())).collect();
        WordMap::new(&pairs)
    }

    /// The entry `word` (any case) is.
    pub fn find(&self, word: &str) -> Option<&'static str> {
        self.get(word).map(|(w, _)| w)
    }

    /// The entry `lower` (already lower case) is.
    pub fn find_lower(&self, lower: &str) -> Option<&'static str> {
        self.get_lower(lower).map(|(w, _)| w)
    }
}

/// Defines a lazily built [`WordMap`] over a word list.
macro_rules! word_list {
    ($name:ident, $words:expr) => {
        static $name: LazyLock<WordMap<()>> = LazyLock::new(|| WordMap::words($words));
    };
}

/// Words that are never part of a name and never a counted noun: pronouns,
/// articles, prepositions, conjunctions, common adverbs and auxiliaries.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "alla", "allt", "andra", "att", "av", "bara", "bland", "blev", "bli", "blir", "både",
    "de", "dem", "den", "denna", "deras", "dess", "dessa", "det", "detta", "du", "där",
    "därför", "då", "efter", "eftersom", "eller", "en", "enligt", "er", "ett", "fanns",
    "finns", "fick", "från", "får", "för", "före", "genom", "ha", "hade", "han", "hans",
    "har", "hela", "hennes", "hon", "hos", "här", "i", "ibland", "in", "inför", "inget",
    "ingen", "inom", "inte", "ju", "jag", "kan", "kommer", "kring", "kunde", "man", "med",
    "mellan", "men", "mer", "min", "mitt", "mot", "många", "ned", "ner", "nu", "när",
    "någon", "något", "några", "och", "också", "om", "oss", "per", "på", "samt", "samma",
    "sedan", "sig", "sin", "sina", "sitt", "ska", "skall", "skulle", "som", "så",
    "till", "tills", "under", "upp", "ut", "utan", "utom", "vad", "var", "vara", "varit",
    "vars", "vem", "vi", "vid", "vilka", "vilken", "vilket", "vill", "visar", "vår",
    "våra", "vårt", "än", "ännu", "är", "även", "åt", "över", "the", "of", "and", "redan",
    "först", "senast", "nästa", "förra", "samtliga", "varje", "strax", "just", "sista",
    "medan", "liksom", "dock", "nog", "alltså", "därmed", "respektive", "resp", "mindre",
    "fler", "färre", "högre", "lägre", "bättre", "sämre", "större", "mycket", "lite",
    "helt", "heller", "både", "kvar", "tillbaka", "fram", "igen", "totalt", "cirka",
    "ca", "vardera", "styck", "st", "stycken", "respektive", "enligt", "jämfört", "plus",
    "minus", "ytterligare",
];

/// Whether `lower` is a function word (see `FUNCTION_WORDS`).
pub fn is_function_word(lower: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());
    SET.contains(lower)
}

/// Frequent finite verbs that can follow a number ("2009 fanns", "de två har").
/// A counted noun is never one of these.
#[rustfmt::skip]
const COMMON_VERBS: &[&str] = &[
    "är", "var", "har", "hade", "blir", "blev", "finns", "fanns", "kan", "kunde", "ska",
    "skall", "skulle", "kommer", "kom", "får", "fick", "ger", "gav", "gör", "gjorde",
    "ligger", "låg", "visar", "visade", "går", "gick", "står", "stod", "tar", "tog",
    "bör", "måste", "vill", "ville", "behöver", "började", "startade", "infördes",
    "genomfördes", "antogs", "beslutades", "gäller", "gällde", "innebär", "innebar",
    "uppgår", "uppgick", "motsvarar", "motsvarade", "ökade", "minskade", "ökar",
    "minskar", "hamnar", "hamnade", "räcker", "kostar", "kostade", "deltog", "deltar",
    "sa", "sade", "säger", "menar", "anser", "tycker", "tror",
];

/// Whether `lower` is a frequent finite verb (see `COMMON_VERBS`).
pub fn is_common_verb(lower: &str) -> bool {
    static SET: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| COMMON_VERBS.iter().copied().collect());
    SET.contains(lower)
}

/// Verbs of saying that introduce or close direct speech, present and past.
#[rustfmt::skip]
pub const SPEECH_VERBS: &[&str] = &[
    "säger", "sa", "sade", "menar", "menade", "anser", "ansåg", "påpekar", "påpekade",
    "understryker", "underströk", "berättar", "berättade", "konstaterar", "konstaterade",
    "framhåller", "framhöll", "tycker", "tyckte", "förklarar", "förklarade", "betonar",
    "betonade", "poängterar", "poängterade", "fortsätter", "fortsatte", "svarar",
    "svarade", "tillägger", "tillade", "skriver", "skrev", "uppger", "uppgav", "hävdar",
    "hävdade", "medger", "medgav", "erkänner", "erkände", "tror", "trodde", "frågar",
    "frågade", "undrar", "undrade", "utbrister", "utbrast", "summerar", "summerade",
    "sammanfattar", "sammanfattade", "avslutar", "avslutade", "påminner", "påminde",
    "varnar", "varnade", "inflikar", "inflikade", "resonerar", "resonerade", "säjer",
    "understryker", "kommenterar", "kommenterade", "fastslår", "fastslog", "noterar",
    "noterade", "beskriver", "beskrev", "förklarar", "vidhåller", "intygar", "lovar",
    "lovade", "ropar", "ropade", "suckar", "suckade", "skrattar", "skrattade",
];

/// The verb of saying that `word` is, in its printed (lower-case list) form.
pub fn speech_verb(word: &str) -> Option<&'static str> {
    word_list!(LIST, SPEECH_VERBS);
    LIST.find(word)
}

/// Third-person pronouns that stand for a speaker ("säger han").
pub fn speaker_pronoun(word: &str) -> Option<Gender> {
    with_lower(word, |lower| match lower {
        "han" => Some(Gender::Male),
        "hon" => Some(Gender::Female),
        "hen" => Some(Gender::Unknown),
        _ => None,
    })
}

/// Titles and functions in their base form. Compounds are also recognised by
/// their last part, see [`ROLE_SUFFIXES`].
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "kommunchef", "kommundirektör", "stadsdirektör", "regiondirektör",
    "landstingsdirektör", "it-strateg", "it-direktör", "it-chef", "cio", "cto", "ceo",
    "cfo", "cdo", "stabschef", "professor", "docent", "lektor", "forskare", "historiker",
    "direktör", "generaldirektör", "chefredaktör", "redaktör", "journalist", "reporter",
    "fotograf", "vd", "programansvarig", "projektledare", "ordförande", "kommunalråd",
    "oppositionsråd", "statsråd", "minister", "statssekreterare", "borgmästare",
    "landshövding", "rektor", "chef", "strateg", "samordnare", "handläggare", "utredare",
    "controller", "konsult", "analytiker", "arkitekt", "ingenjör", "informatör",
    "sekreterare", "generalsekreterare", "ombudsman", "talesperson", "pressekreterare",
    "rådgivare", "expert", "specialist", "grundare", "riksdagsledamot", "politiker",
    "lärare", "bibliotekarie", "läkare", "överläkare", "sjuksköterska", "författare",
    "arkivarie", "intendent", "antikvarie", "stadsarkitekt", "utvecklare",
    "systemförvaltare", "nämndordförande", "kommunstyrelseordförande", "ekonom",
    "jurist", "advokat", "biträdande", "koordinator",
];

/// Last parts that make a compound a title ("utvecklingschef", "e-strateg",
/// "ekonomidirektör", "projektansvarig").
#[rustfmt::skip]
const ROLE_SUFFIXES: &[&str] = &[
    "chef", "direktör", "strateg", "ansvarig", "ledare", "samordnare", "handläggare",
    "ordförande", "sekreterare", "redaktör", "utvecklare", "rådgivare", "konsult",
    "arkitekt", "ingenjör", "forskare", "professor", "controller", "förvaltare",
    "koordinator", "analytiker", "informatör",
];

/// Whether a title (lower case) is one of a municipality's own staff or
/// politicians when the text gives no employer: heads of units ("IT-chef",
/// "förvaltningschef"), strategists, coordinators, project leaders, CIO,
/// councillors and council-body chairs ("kommunstyrelsens ordförande").
/// Academic, press and company titles are not.
pub fn is_staff_role(lower: &str) -> bool {
    const EXTERNAL: &[&str] = &[
        "professor",
        "docent",
        "lektor",
        "forskare",
        "historiker",
        "journalist",
        "reporter",
        "fotograf",
        "redaktör",
        "chefredaktör",
        "vd",
        "konsult",
        "författare",
        "minister",
        "statsråd",
        "riksdagsledamot",
        "generaldirektör",
        "landshövding",
        "direktör",
    ];
    if EXTERNAL.contains(&lower) {
        return false;
    }
    let staff_tail = [
        "chef",
        "strateg",
        "samordnare",
        "handläggare",
        "projektledare",
    ]
    .iter()
    .any(|t| lower.ends_with(t));
    staff_tail
        || matches!(
            lower,
            "cio" | "kommunalråd" | "oppositionsråd" | "nämndordförande"
        )
        || body_genitive(lower.split_whitespace().next().unwrap_or("")).is_some_and(|(_, m)| m)
}

/// English title heads, as used in Swedish text for staff of international
/// companies ("Government Manager", "Chief Information Officer").
#[rustfmt::skip]
const ENGLISH_ROLE_HEADS: &[&str] = &[
    "manager", "director", "officer", "president", "head", "lead", "engineer",
    "architect", "consultant", "specialist", "analyst", "advisor", "adviser",
    "coordinator", "strategist", "executive", "partner", "evangelist",
];

/// A title written as a suspended compound, starting at `words[0]`: "barn- och
/// utbildningschef", "kultur- och fritidschefen". Returns the title in base
/// form and how many words it takes (3).
pub fn suspended_title(words: &[&str]) -> Option<(String, usize)> {
    let [first, and, head, ..] = words else {
        return None;
    };
    let stem = first.strip_suffix('-')?;
    if stem.chars().count() < 2 || !stem.chars().all(char::is_alphabetic) {
        return None;
    }
    if !matches!(*and, "och" | "eller") {
        return None;
    }
    let role = role_base(head)?;
    Some((format!("{} {and} {role}", first.to_lowercase()), 3))
}

/// A council or board in the genitive before a title ("kommunstyrelsens
/// ordförande", "Socialnämndens ordförande", "kommunfullmäktiges"): the
/// genitive in lower case, and whether the body is a municipal one (its
/// organisation is then the document's municipality).
pub fn body_genitive(word: &str) -> Option<(String, bool)> {
    // Only "s" and "S" lower-case to "s": a cheap test before the copy.
    if !word.ends_with(['s', 'S']) {
        return None;
    }
    let lower = word.to_lowercase();
    let stem = lower.strip_suffix('s')?;
    const BODIES: &[&str] = &[
        "styrelse",
        "styrelsen",
        "nämnd",
        "nämnden",
        "fullmäktige",
        "utskott",
        "utskottet",
    ];
    let body = BODIES.iter().find(|b| stem.ends_with(*b))?;
    let municipal = stem.starts_with("kommun")
        || stem.starts_with("stads")
        || stem.starts_with("regions")
        || body.starts_with("nämnd")
        || body.starts_with("fullmäktige");
    Some((lower, municipal))
}

/// Whether `word` is the head of an English title ("Manager").
pub fn is_english_role_head(word: &str) -> bool {
    with_lower(word, |lower| ENGLISH_ROLE_HEADS.contains(&lower))
}

/// The base form of a Swedish title, if `word` is one: definite forms are
/// reduced ("kommunchefen" -> "kommunchef", "professorn" -> "professor",
/// "vd:n" -> "vd"), the case of an acronym prefix is kept ("IT-strateg"), and
/// a capital that only opens a line or sentence is dropped ("Direktör").
pub fn role_base(word: &str) -> Option<String> {
    // As `trim_end_matches(":n")` then `(":en")`, without building a
    // substring searcher for each call.
    let mut w = word;
    while let Some(rest) = w.strip_suffix(":n") {
        w = rest;
    }
    while let Some(rest) = w.strip_suffix(":en") {
        w = rest;
    }
    if w.is_empty() || !w.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    word_list!(LIST, ROLES);
    with_lower(w, |lower| {
        // The word itself, then without a definite ending.
        let candidates = [Some(lower)]
            .into_iter()
            .chain(["en", "et", "n"].map(|suffix| lower.strip_suffix(suffix)));
        for c in candidates.flatten() {
            // A compound title: last part a title word, first part at least
            // two letters ("e-strateg", "utvecklingschef").
            let known = LIST
                .find_lower(c)
                .or_else(|| has_role_suffix(c).then_some(c));
            if let Some(base) = known {
                return Some(restore_case(w, base));
            }
        }
        None
    })
}

/// Whether `lower` is a compound whose last part is one of [`ROLE_SUFFIXES`]
/// and whose first part has two letters (bytes) or more.
fn has_role_suffix(lower: &str) -> bool {
    // The suffixes by their last byte: most words are rejected by a table
    // look-up instead of a comparison with every suffix.
    static BY_LAST: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut table = vec![Vec::new(); 256];
        for s in ROLE_SUFFIXES {
            table[usize::from(*s.as_bytes().last().expect("non-empty suffix"))].push(*s);
        }
        table
    });
    let Some(&last) = lower.as_bytes().last() else {
        return false;
    };
    BY_LAST[usize::from(last)]
        .iter()
        .any(|s| lower.len() >= s.len() + 2 && lower.ends_with(s))
}

/// Gives `base` (lower case) the case of the printed `word`: an all-capital
/// word stays all capitals ("CIO", "VD"), and an upper-case prefix before a
/// hyphen stays upper case ("IT-strateg").
fn restore_case(word: &str, base: &str) -> String {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return base.to_uppercase();
    }
    if let Some((prefix, _)) = word.split_once('-')
        && prefix.chars().count() >= 2
        && prefix.chars().all(char::is_uppercase)
        && let Some((_, rest)) = base.split_once('-')
    {
        return format!("{prefix}-{rest}");
    }
    base.to_string()
}

/// Words naming an organisation type; a capitalised phrase ending in one is an
/// organisation ("Göteborgs universitet", "Falkenbergs kommun").
#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "kommun", "kommuner", "stad", "universitet", "universitetet", "högskola",
    "högskolan", "landsting", "region",
    "regionen", "myndighet", "myndigheten", "verket", "styrelsen", "institutet",
    "institut", "förbund", "förbundet", "ab", "akademi", "akademien", "departement",
    "departementet", "byrå", "byrån", "förening", "föreningen", "länsstyrelse",
    "länsstyrelsen", "museum", "museet", "bibliotek", "biblioteket", "skola", "skolan",
    "gymnasium", "gymnasiet", "gymnasieskola", "kommunen", "stiftelsen",
    "sjukhus", "sjukhuset", "centrum", "nämnd", "nämnden", "förvaltning",
    "förvaltningen", "bolag", "bolaget", "koncern", "koncernen", "stiftelse",
    "stiftelsen", "kommunförbund", "landstinget", "riksdag", "riksdagen", "regering",
    "regeringen",
];

/// Street and place words: "Olof Palmes gata" names a street, not a person.
pub fn is_place_head(lower: &str) -> bool {
    matches!(
        lower,
        "gata"
            | "gatan"
            | "väg"
            | "vägen"
            | "torg"
            | "torget"
            | "plats"
            | "platsen"
            | "allé"
            | "park"
            | "parken"
            | "backe"
            | "backen"
            | "gränd"
            | "stig"
            | "stigen"
    )
}

/// Whether `lower` names an organisation type (see `ORG_HEADS`).
pub fn is_org_head(lower: &str) -> bool {
    ORG_HEADS.contains(&lower)
}

/// Cardinal number words from one to ninety and the round hundreds and
/// thousands. "en"/"ett" are handled separately because they are mostly articles.
const NUMBER_WORDS: &[(&str, f64)] = &[
    ("två", 2.0),
    ("tre", 3.0),
    ("fyra", 4.0),
    ("fem", 5.0),
    ("sex", 6.0),
    ("sju", 7.0),
    ("åtta", 8.0),
    ("nio", 9.0),
    ("tio", 10.0),
    ("elva", 11.0),
    ("tolv", 12.0),
    ("tretton", 13.0),
    ("fjorton", 14.0),
    ("femton", 15.0),
    ("sexton", 16.0),
    ("sjutton", 17.0),
    ("arton", 18.0),
    ("nitton", 19.0),
    ("tjugo", 20.0),
    ("trettio", 30.0),
    ("fyrtio", 40.0),
    ("femtio", 50.0),
    ("sextio", 60.0),
    ("sjuttio", 70.0),
    ("åttio", 80.0),
    ("nittio", 90.0),
    ("hundra", 100.0),
    ("tusen", 1000.0),
];

/// The value of a cardinal number word, including compounds ("tjugofem",
/// "tvåhundra", "femtusen"). "en"/"ett" are not included.
pub fn number_word(word: &str) -> Option<f64> {
    with_lower(word, number_word_lower)
}

/// [`number_word`] of a lower-case word.
pub fn number_word_lower(lower: &str) -> Option<f64> {
    number_spellings().get(lower).copied()
}

/// Every spelling the rules of `compose_number` accept, with its value: the
/// simple words and their OCR spellings, tens with a unit, and multiples of
/// hundra and tusen. One probe instead of a dozen.
fn number_spellings() -> &'static FxHashMap<Box<str>, f64> {
    static ALL: LazyLock<FxHashMap<Box<str>, f64>> = LazyLock::new(|| {
        let simple: Vec<&str> = SIMPLE_NUMBERS.spellings().map(|(k, _)| k).collect();
        let mut all = FxHashMap::default();
        let compounds = simple.iter().flat_map(|s| {
            NUMBER_WORDS
                .iter()
                .filter(|(_, v)| (20.0..100.0).contains(v))
                .map(move |(tens, _)| format!("{tens}{s}"))
                .chain(["hundra", "tusen"].map(|m| format!("{s}{m}")))
        });
        for w in simple.iter().map(|s| s.to_string()).chain(compounds) {
            if let Some(v) = compose_number(&w) {
                all.insert(w.into_boxed_str(), v);
            }
        }
        all
    });
    &ALL
}

/// Whether `word` (any case) is a cardinal or ordinal number word, "en" or
/// "ett" included: one probe where three lookups would be needed, and for
/// most words not even that (see `first_two_lower`).
pub fn is_number_word(word: &str) -> bool {
    /// The spellings, and the pairs of first bytes they start with (one bit
    /// for each of the 65536 pairs).
    struct Numbers {
        all: FxHashSet<Box<str>>,
        starts: Vec<u64>,
    }
    static NUMBERS: LazyLock<Numbers> = LazyLock::new(|| {
        let mut all: FxHashSet<Box<str>> = ["en", "ett"].into_iter().map(Box::from).collect();
        all.extend(number_spellings().keys().cloned());
        all.extend(ordinal_spellings().spellings().map(|(k, _)| Box::from(k)));
        let mut starts = vec![0u64; 65536 / 64];
        for k in &all {
            let pair = pair_index(k.as_bytes()[0], k.as_bytes().get(1).copied().unwrap_or(0));
            starts[pair / 64] |= 1 << (pair % 64);
        }
        Numbers { all, starts }
    });
    if let Some((a, b)) = first_two_lower(word) {
        let pair = pair_index(a, b);
        if NUMBERS.starts[pair / 64] & (1 << (pair % 64)) == 0 {
            return false;
        }
    }
    with_lower(word, |lower| NUMBERS.all.contains(lower))
}

fn pair_index(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// The first two bytes of `word` in lower case (0 for a missing second),
/// when they can be told without lower-casing the word: for words that start
/// with ASCII or Latin-1 (whose lower case keeps the lead byte C2 or C3).
/// `None` for the rest.
fn first_two_lower(word: &str) -> Option<(u8, u8)> {
    let b = word.as_bytes();
    // A Latin-1 capital (C3 80 to C3 9E, but × at C3 97) lower-cases to
    // the byte 0x20 higher.
    let latin1 = |c: u8| {
        if (0x80..=0x9E).contains(&c) && c != 0x97 {
            c + 0x20
        } else {
            c
        }
    };
    match *b.first()? {
        c0 @ 0..=0x7F => {
            let c1 = match b.get(1) {
                None => 0,
                Some(&c) if c < 0x80 => c.to_ascii_lowercase(),
                Some(&c @ (0xC2 | 0xC3)) => c,
                Some(_) => return None,
            };
            Some((c0.to_ascii_lowercase(), c1))
        }
        0xC2 => Some((0xC2, b[1])),
        0xC3 => Some((0xC3, latin1(b[1]))),
        _ => None,
    }
}

/// The value of a lower-case cardinal number word by the rules: a simple word,
/// or a compound of simple words.
fn compose_number(lower: &str) -> Option<f64> {
    if let Some(v) = simple_number_word(lower) {
        return Some(v);
    }
    // Compounds: tens + unit ("tjugofem"), or a multiplier of hundra/tusen.
    for (tens, tv) in NUMBER_WORDS
        .iter()
        .filter(|(_, v)| (20.0..100.0).contains(v))
    {
        if let Some(rest) = lower.strip_prefix(tens)
            && let Some(u) = simple_number_word(rest).filter(|u| *u < 10.0)
        {
            return Some(tv + u);
        }
    }
    for (mult, mv) in [("hundra", 100.0), ("tusen", 1000.0)] {
        if let Some(head) = lower.strip_suffix(mult)
            && let Some(h) = simple_number_word(head).filter(|h| *h < mv)
        {
            return Some(h * mv);
        }
    }
    None
}

/// The cardinal number words with their OCR spellings.
static SIMPLE_NUMBERS: LazyLock<WordMap<f64>> = LazyLock::new(|| WordMap::new(NUMBER_WORDS));

fn simple_number_word(lower: &str) -> Option<f64> {
    SIMPLE_NUMBERS.get(lower).map(|(_, v)| v)
}

/// Ordinal number words for days of the month ("den första april").
#[rustfmt::skip]
const ORDINALS: &[&str] = &[
    "första", "andra", "tredje", "fjärde", "femte", "sjätte", "sjunde", "åttonde",
    "nionde", "tionde", "elfte", "tolfte", "trettonde", "fjortonde", "femtonde",
    "sextonde", "sjuttonde", "artonde", "nittonde", "tjugonde",
];

/// The value of an ordinal word from "första" to "tjugonde".
pub fn ordinal_word(word: &str) -> Option<f64> {
    with_lower(word, ordinal_word_lower)
}

/// [`ordinal_word`] of a lower-case word.
pub fn ordinal_word_lower(lower: &str) -> Option<f64> {
    ordinal_spellings().get_lower(lower).map(|(_, v)| v)
}

/// The ordinals with their OCR spellings; the value is the entry's place in
/// the list, stored with it.
fn ordinal_spellings() -> &'static WordMap<f64> {
    static MAP: LazyLock<WordMap<f64>> = LazyLock::new(|| {
        let entries: Vec<(&'static str, f64)> = ORDINALS
            .iter()
            .enumerate()
            .map(|(i, &o)| (o, (i + 1) as f64))
            .collect();
        WordMap::new(&entries)
    });
    &MAP
}

/// Whether `word` is a month name ("november", "November").
pub fn is_month(word: &str) -> bool {
    word_list!(LIST, MONTHS);
    LIST.find(word).is_some()
}

/// Seasons and period words that date a year without being part of the figure
/// ("hösten 2007", "början av 2009").
pub fn is_season(word: &str) -> bool {
    {
        word_list!(
            LIST,
            &[
                "hösten",
                "våren",
                "sommaren",
                "vintern",
                "höst",
                "sommar",
                "vinter",
                "halvåret",
                "kvartalet",
                "årsskiftet",
                "början",
                "slutet",
                "mitten",
            ]
        );
        LIST.find(word)
    }
    .is_some()
}

/// Multipliers written after a number ("fyra miljoner", "1,2 miljarder").
pub fn multiplier(word: &str) -> Option<f64> {
    with_lower(word, |lower| match lower.trim_end_matches('.') {
        "tusen" => Some(1e3),
        "miljon" | "miljoner" | "milj" | "mn" | "miljonen" => Some(1e6),
        "miljard" | "miljarder" | "mdr" | "md" => Some(1e9),
        _ => None,
    })
}

/// Money units: the unit's base name and the factor it carries ("tkr" is
/// thousands of kronor, "mkr" millions).
pub fn money_unit(word: &str) -> Option<(&'static str, f64)> {
    with_lower(word, money_unit_lower)
}

fn money_unit_lower(lower: &str) -> Option<(&'static str, f64)> {
    let unit = match lower.trim_end_matches('.') {
        "kronor" | "krona" | "kr" | "sek" | "kronorna" | ":-" => ("kronor", 1.0),
        "tkr" | "ksek" | "tusenkronor" => ("kronor", 1e3),
        "mkr" | "mnkr" | "msek" | "miljonkronor" => ("kronor", 1e6),
        "mdkr" | "mdsek" | "miljardkronor" => ("kronor", 1e9),
        "euro" | "eur" | "€" => ("euro", 1.0),
        "dollar" | "usd" | "$" => ("dollar", 1.0),
        "öre" => ("öre", 1.0),
        _ => {
            word_list!(LIST, &["kronor", "krona", "öre"]);
            return LIST.find_lower(lower).map(|u| (u, 1.0));
        }
    };
    Some(unit)
}

/// Percent units, base form.
pub fn percent_unit(word: &str) -> Option<&'static str> {
    with_lower(word, |lower| match lower {
        "%" | "procent" | "procenten" => Some("procent"),
        "procentenheter" | "procentenhet" => Some("procentenhet"),
        _ => None,
    })
}

/// Units of time, base form ("åren" -> "år", "timmar" -> "timme").
pub fn time_unit(word: &str) -> Option<&'static str> {
    const FORMS: &[(&str, &str)] = &[
        ("år", "år"),
        ("åren", "år"),
        ("året", "år"),
        ("halvår", "halvår"),
        ("halvåret", "halvår"),
        ("månad", "månad"),
        ("månaden", "månad"),
        ("månader", "månad"),
        ("månaderna", "månad"),
        ("vecka", "vecka"),
        ("veckan", "vecka"),
        ("veckor", "vecka"),
        ("veckorna", "vecka"),
        ("dag", "dag"),
        ("dagen", "dag"),
        ("dagar", "dag"),
        ("dagarna", "dag"),
        ("dygn", "dygn"),
        ("dygnet", "dygn"),
        ("timme", "timme"),
        ("timmen", "timme"),
        ("timmar", "timme"),
        ("timmarna", "timme"),
        ("minut", "minut"),
        ("minuter", "minut"),
        ("sekund", "sekund"),
        ("sekunder", "sekund"),
        ("kvartal", "kvartal"),
        ("kvartalet", "kvartal"),
        ("kvartalen", "kvartal"),
        ("decennium", "decennium"),
        ("decennier", "decennium"),
        ("läsår", "läsår"),
        ("budgetår", "budgetår"),
        ("verksamhetsår", "verksamhetsår"),
        ("kalenderår", "kalenderår"),
        // Genitives: "tre års planering", "två veckors arbete".
        ("års", "år"),
        ("månaders", "månad"),
        ("veckors", "vecka"),
        ("dagars", "dag"),
        ("dygns", "dygn"),
        ("timmars", "timme"),
        ("minuters", "minut"),
    ];
    static MAP: LazyLock<WordMap<&'static str>> = LazyLock::new(|| WordMap::new(FORMS));
    MAP.get(word).map(|(_, base)| base)
}

/// A compound whose last part is a unit of time, in base form: "heldagar" ->
/// "heldag", "arbetsveckor" -> "arbetsvecka", "verksamhetsåren" ->
/// "verksamhetsår". The first part must have three letters or more and must
/// not make a weekday ("måndagar", "fredag") or "riksdag".
pub fn compound_time_unit(word: &str) -> Option<String> {
    const TAILS: &[(&str, &str)] = &[
        ("dagarna", "dag"),
        ("dagar", "dag"),
        ("dag", "dag"),
        ("veckorna", "vecka"),
        ("veckor", "vecka"),
        ("vecka", "vecka"),
        ("månaderna", "månad"),
        ("månader", "månad"),
        ("månad", "månad"),
        ("timmarna", "timme"),
        ("timmar", "timme"),
        ("timme", "timme"),
        ("timmen", "timme"),
        ("åren", "år"),
        ("året", "år"),
        ("år", "år"),
    ];
    // Weekdays, and "riksdag" (the parliament), end in "dag" too.
    const NOT_TIME: &[&str] = &["mån", "tis", "ons", "tors", "fre", "lör", "sön", "riks"];
    let lower = word.to_lowercase();
    if !lower.chars().all(char::is_alphabetic) {
        return None;
    }
    for (tail, base) in TAILS {
        if let Some(head) = lower.strip_suffix(tail) {
            // "år" closes many words that are no unit of time ("hår", "lår",
            // "vår"): only a head that ends a compound with a linking s
            // ("verksamhetsår", "kalenderår" has none) or a known one counts.
            let year_ok = *base != "år"
                || head.ends_with('s')
                || matches!(head, "kalender" | "läs" | "budget" | "mans" | "halv");
            if head.chars().count() >= 3 && !NOT_TIME.contains(&head) && year_ok {
                return Some(format!("{head}{base}"));
            }
        }
    }
    None
}

/// Units of measure, base form.
pub fn measure_unit(word: &str) -> Option<&'static str> {
    with_lower(word, measure_unit_lower)
}

fn measure_unit_lower(lower: &str) -> Option<&'static str> {
    let unit = match lower.trim_end_matches('.') {
        "km" | "kilometer" | "kilometern" => "kilometer",
        "m" | "meter" | "metern" => "meter",
        "mil" | "milen" => "mil",
        "cm" | "centimeter" => "centimeter",
        "mm" | "millimeter" => "millimeter",
        "kvm" | "m2" | "m²" | "kvadratmeter" => "kvadratmeter",
        "km2" | "km²" | "kvadratkilometer" => "kvadratkilometer",
        "ha" | "hektar" => "hektar",
        "kg" | "kilo" | "kilogram" => "kilogram",
        "g" | "gram" => "gram",
        "ton" | "tonnen" => "ton",
        "l" | "liter" | "litern" => "liter",
        "kwh" => "kWh",
        "mwh" => "MWh",
        "gwh" => "GWh",
        "mw" => "MW",
        "kw" => "kW",
        "terabyte" => "terabyte",
        "gigabyte" => "gigabyte",
        "megabyte" => "megabyte",
        "gb" => "GB",
        "mb" => "MB",
        "tb" => "TB",
        "mbit" | "mbit/s" => "Mbit/s",
        "gbit" | "gbit/s" => "Gbit/s",
        "grader" | "grad" => "grad",
        _ => return None,
    };
    Some(unit)
}

/// Score units ("4 poängen").
pub fn score_unit(word: &str) -> Option<&'static str> {
    word_list!(LIST, &["poäng", "poängen", "betyg", "betyget"]);
    LIST.find(word).map(|w| {
        if w.starts_with("poäng") {
            "poäng"
        } else {
            "betyg"
        }
    })
}

/// Nouns after which a bare number is a score or index value ("fick värdet två",
/// "betyget 3,5").
pub fn is_score_context(word: &str) -> bool {
    {
        word_list!(
            LIST,
            &[
                "värdet",
                "värde",
                "värden",
                "betyget",
                "betyg",
                "poäng",
                "poängen",
                "nivån",
                "index",
                "indexet",
                "snittet",
                "medelvärdet",
                "siffran",
                "resultatet",
                "skala",
                "skalan",
            ]
        );
        LIST.find(word)
    }
    .is_some()
}

/// Words before a number that make it approximate ("drygt", "cirka"); "drygt en
/// enhet" counts "en" as the number one.
pub fn is_approximator(word: &str) -> bool {
    {
        word_list!(
            LIST,
            &[
                "drygt",
                "knappt",
                "cirka",
                "ca",
                "ungefär",
                "omkring",
                "nästan",
                "minst",
                "högst",
                "närmare",
                "runt",
                "exakt",
                "endast",
                "nära",
                "uppemot",
                "åtminstone",
                "maximalt",
                "max",
                "bara",
                "totalt",
                "sammanlagt",
                "över",
            ]
        );
        LIST.find(word)
    }
    .is_some()
}

/// Modifiers that may stand between a number and the noun it counts ("tre
/// föregående åren", "fyra sådana enheter").
pub fn is_count_modifier(word: &str) -> bool {
    with_lower(word, is_count_modifier_lower)
}

fn is_count_modifier_lower(lower: &str) -> bool {
    if {
        word_list!(
            LIST,
            &[
                "sådana",
                "olika",
                "nya",
                "stora",
                "små",
                "föregående",
                "senaste",
                "första",
                "kommande",
                "närmaste",
                "enskilda",
                "egna",
                "hela",
                "hundra",
                "tusen",
                "ytterligare",
                "extra",
                "viktiga",
                "gamla",
                "unga",
                "tidigare",
            ]
        );
        LIST.find_lower(lower)
    }
    .is_some()
    {
        return true;
    }
    // Inflected adjectives and participles: -iga, -ade, -ande, -ende, -ska.
    ["iga", "ade", "ande", "ende", "ska", "liga"]
        .iter()
        .any(|s| lower.len() > s.len() + 2 && lower.ends_with(s))
}

/// Irregular or ambiguous plural and definite forms of nouns that are often
/// counted, with their base form.
const NOUN_FORMS: &[(&str, &str)] = &[
    ("personer", "person"),
    ("personerna", "person"),
    ("gånger", "gång"),
    ("gången", "gång"),
    ("områden", "område"),
    ("områdena", "område"),
    ("invånare", "invånare"),
    ("invånarna", "invånare"),
    ("anställda", "anställd"),
    ("män", "man"),
    ("kvinnor", "kvinna"),
    ("barn", "barn"),
    ("barnen", "barn"),
    ("företag", "företag"),
    ("företagen", "företag"),
    ("poängen", "poäng"),
    ("timmar", "timme"),
    ("länder", "land"),
    ("händer", "hand"),
    ("böcker", "bok"),
    ("exemplar", "exemplar"),
    ("projekt", "projekt"),
    ("projekten", "projekt"),
    ("medlemmar", "medlem"),
    ("program", "program"),
];

/// The base form of a counted noun ("datorer" -> "dator", "e-tjänster" ->
/// "e-tjänst", "områdena" -> "område", "enheter" -> "enhet"). Rule based: an
/// irregular table, then the regular Swedish plural and definite endings.
pub fn noun_base(word: &str) -> String {
    let lower = word.to_lowercase();
    if let Some(u) = time_unit(&lower) {
        return u.to_string();
    }
    if let Some((_, base)) = NOUN_FORMS.iter().find(|(f, _)| *f == lower) {
        return (*base).to_string();
    }
    if let Some(u) = compound_time_unit(&lower) {
        return u;
    }
    // Neuter nouns in -e take -n in the plural and -na in the definite
    // plural: "ärenden", "ärendena" -> "ärende"; "yttranden" -> "yttrande".
    if let Some(stem) = lower.strip_suffix("ndena") {
        return format!("{stem}nde");
    }
    if let Some(stem) = lower.strip_suffix("nden")
        && stem.chars().count() >= 3
    {
        return format!("{stem}nde");
    }
    let n = lower.chars().count();
    // Agent nouns in -are are the same in the plural ("invånare", "lärare").
    if lower.ends_with("are") || n <= 4 {
        return lower;
    }
    // Definite plural: strip "-na", then treat as indefinite plural.
    let stem = ["arna", "erna", "orna"]
        .iter()
        .find_map(|s| lower.strip_suffix(s).map(|st| format!("{st}{}", &s[..2])))
        .unwrap_or_else(|| lower.clone());
    if let Some(st) = stem.strip_suffix("or") {
        return format!("{st}a");
    }
    for s in ["ar", "er"] {
        if let Some(st) = stem.strip_suffix(s)
            && st.chars().count() >= 3
        {
            return st.to_string();
        }
    }
    stem
}

/// A first-name lexicon entry lookup key: lower case.
pub fn key(word: &str) -> String {
    word.to_lowercase()
}

/// Counts of words, used for small "most frequent" choices.
pub fn most_frequent<'a>(items: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, s) in items.into_iter().enumerate() {
        let e = counts.entry(s).or_insert((0, i));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(s, _)| s.to_string())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Words of the fixture texts, OCR-damaged and clean: the words the
    /// look-ups meet in practice.
    pub(crate) fn fixture_words() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut words = Vec::new();
        for dir in ["seed-dev", "synthetic"] {
            for e in std::fs::read_dir(root.join(dir)).expect("fixtures") {
                let path = e.expect("entry").path();
                if path.extension().is_some_and(|x| x == "txt") {
                    let text = std::fs::read_to_string(&path).expect("text");
                    words.extend(
                        crate::tokenise::tokens(&text)
                            .iter()
                            .map(|t| t.word.to_string()),
                    );
                }
            }
        }
        words.sort();
        words.dedup();
        words
    }

    /// A word list looked up as it was before the hash map of spellings: an
    /// exact entry, else the first entry (in list order) with å, ä or ö of the
    /// same length or one longer that [`fuzzy_eq`] accepts.
    fn scan<V: Copy>(entries: &[(&'static str, V)], word: &str) -> Option<(&'static str, V)> {
        let lower = word.to_lowercase();
        if let Some(&e) = entries.iter().find(|(w, _)| *w == lower) {
            return Some(e);
        }
        let n = lower.chars().count();
        entries
            .iter()
            .filter(|(w, _)| w.chars().any(|c| matches!(c, 'å' | 'ä' | 'ö')))
            .filter(|(w, _)| (n..=n + 1).contains(&w.chars().count()))
            .find(|(w, _)| fuzzy_eq(&lower, w))
            .copied()
    }

    /// Test words around a list: each entry, its spellings, in capitals,
    /// with each letter replaced by a probe character or dropped, and the
    /// fixture words.
    fn probes(entries: &[&str], extra: &[String]) -> Vec<String> {
        const PROBE: [char; 12] = ['a', 'o', 'e', 'x', 'å', 'ä', 'ö', '4', '#', 'é', 'Ä', 'A'];
        let mut out: Vec<String> = extra.to_vec();
        for w in entries {
            let chars: Vec<char> = w.chars().collect();
            out.push(w.to_string());
            out.push(w.to_uppercase());
            out.extend(ocr_spellings(w));
            for k in 0..chars.len() {
                let mut dropped = chars.clone();
                dropped.remove(k);
                out.push(dropped.into_iter().collect());
                for p in PROBE {
                    let mut v = chars.clone();
                    v[k] = p;
                    out.push(v.into_iter().collect());
                }
            }
        }
        out
    }

    #[test]
    fn word_maps_answer_as_a_scan_of_the_list() {
        let extra = fixture_words();
        // Entries whose spellings collide: the exact entry wins, then the
        // first in the list.
        let clash: &[(&str, u8)] = &[("sar", 0), ("sår", 1), ("sör", 2), ("år", 3), ("r", 4)];
        let lists: Vec<Vec<(&'static str, u8)>> = [ROLES, SPEECH_VERBS, ORDINALS, MONTHS]
            .iter()
            .map(|l| l.iter().enumerate().map(|(i, &w)| (w, i as u8)).collect())
            .chain([clash.to_vec()])
            .collect();
        for entries in &lists {
            let map = WordMap::new(entries);
            let words: Vec<&str> = entries.iter().map(|(w, _)| *w).collect();
            for w in probes(&words, &extra) {
                assert_eq!(map.get(&w), scan(entries, &w), "{w}");
            }
        }
        let map = WordMap::new(NUMBER_WORDS);
        let words: Vec<&str> = NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
        for w in probes(&words, &extra) {
            assert_eq!(map.get(&w), scan(NUMBER_WORDS, &w), "{w}");
        }
    }

    /// [`number_word`] as the rules read it, on top of [`scan`].
    fn composed(word: &str) -> Option<f64> {
        let lower = word.to_lowercase();
        let simple = |w: &str| scan(NUMBER_WORDS, w).map(|(_, v)| v);
        if let Some(v) = simple(&lower) {
            return Some(v);
        }
        for (tens, tv) in NUMBER_WORDS
            .iter()
            .filter(|(_, v)| (20.0..100.0).contains(v))
        {
            if let Some(rest) = lower.strip_prefix(tens)
                && let Some(u) = simple(rest).filter(|u| *u < 10.0)
            {
                return Some(tv + u);
            }
        }
        for (mult, mv) in [("hundra", 100.0), ("tusen", 1000.0)] {
            if let Some(head) = lower.strip_suffix(mult)
                && let Some(h) = simple(head).filter(|h| *h < mv)
            {
                return Some(h * mv);
            }
        }
        None
    }

    #[test]
    fn number_words_answer_as_the_rules() {
        let simple: Vec<String> = SIMPLE_NUMBERS
            .spellings()
            .map(|(k, _)| k.to_string())
            .collect();
        let mut words = fixture_words();
        for a in &simple {
            words.push(format!("{a}hundra"));
            words.push(format!("{a}tusen"));
            words.push(a.to_uppercase());
            for b in &simple {
                words.push(format!("{a}{b}"));
            }
        }
        let entries: Vec<&str> = NUMBER_WORDS.iter().map(|(w, _)| *w).collect();
        words.extend(probes(&entries, &[]));
        let ordinals: Vec<(&'static str, ())> = ORDINALS.iter().map(|&o| (o, ())).collect();
        words.extend(probes(ORDINALS, &[]));
        words.extend(["en", "En", "ETT", "ett", "Ett", "enn"].map(String::from));
        for w in &words {
            assert_eq!(number_word(w), composed(w), "{w}");
            let ordinal = scan(&ordinals, w).is_some();
            assert_eq!(ordinal_word(w).is_some(), ordinal, "{w}");
            let lower = w.to_lowercase();
            let any = composed(w).is_some() || ordinal || lower == "en" || lower == "ett";
            assert_eq!(is_number_word(w), any, "{w}");
            if let Some((a, b)) = first_two_lower(w) {
                let l = lower.as_bytes();
                assert_eq!((a, b), (l[0], l.get(1).copied().unwrap_or(0)), "{w}");
            }
        }
    }

    #[test]
    fn lower_case_without_allocation_is_to_lowercase() {
        let mut words: Vec<String> = [
            "",
            "a",
            "Anna",
            "ÅSA",
            "Ärende",
            "ÖVER",
            "säger",
            "×Ö",
            "ΣΑΣ",
            "ΟΔΟΣ ΑΣ",
            "İstanbul",
            "ǅemal",
            "\u{212A}elvin",
            "ẞ",
            "µ",
            "ÞÝÜ",
            "Übergrößenträger-Förvaltningsövergripande-Kommunstyrelseordförande",
        ]
        .map(String::from)
        .to_vec();
        for c in (0..0x3000).filter_map(char::from_u32) {
            words.push(c.to_string());
            words.push(format!("X{c}y"));
            words.push(format!("{c}{c}"));
        }
        words.extend(fixture_words());
        for w in &words {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase(), "{w:?}");
        }
        for c in (0..=0xFF).filter_map(char::from_u32) {
            assert_eq!(latin1_lower(c), c.to_lowercase().next(), "{c:?}");
            assert_eq!(c.to_lowercase().count(), 1);
        }
    }

    #[test]
    fn role_suffixes_by_last_byte_are_the_list() {
        for w in probes(ROLES, &fixture_words()) {
            let lower = w.to_lowercase();
            let listed = ROLE_SUFFIXES
                .iter()
                .any(|s| lower.len() >= s.len() + 2 && lower.ends_with(*s));
            assert_eq!(has_role_suffix(&lower), listed, "{w}");
        }
    }

    #[test]
    fn fuzzy_matches_ocr_diacritics_only() {
        assert!(fuzzy_eq("sager", "säger"));
        assert!(fuzzy_eq("siger", "säger"));
        assert!(fuzzy_eq("s4ger", "säger"));
        assert!(fuzzy_eq("r", "år"));
        assert!(fuzzy_eq("tva", "två"));
        assert!(!fuzzy_eq("sagor", "säger"));
        assert!(!fuzzy_eq("menar", "menas"));
        assert_eq!(speech_verb("Påpekar"), Some("påpekar"));
        assert_eq!(speech_verb("siger"), Some("säger"));
        assert_eq!(speech_verb("springer"), None);
    }

    #[test]
    fn role_base_forms() {
        assert_eq!(role_base("kommunchefen").as_deref(), Some("kommunchef"));
        assert_eq!(role_base("Direktör").as_deref(), Some("direktör"));
        assert_eq!(role_base("professorn").as_deref(), Some("professor"));
        assert_eq!(role_base("IT-strategen").as_deref(), Some("IT-strateg"));
        assert_eq!(role_base("vd:n").as_deref(), Some("vd"));
        assert_eq!(role_base("CIO").as_deref(), Some("CIO"));
        assert_eq!(
            role_base("utvecklingschef").as_deref(),
            Some("utvecklingschef")
        );
        assert_eq!(
            role_base("kommundirektör").as_deref(),
            Some("kommundirektör")
        );
        assert_eq!(role_base("ordföranden").as_deref(), Some("ordförande"));
        assert_eq!(role_base("kommunen"), None);
        assert_eq!(role_base("Kommunalrådet").as_deref(), Some("kommunalråd"));
        assert_eq!(role_base("IT-rådet"), None);
    }

    #[test]
    fn number_words_and_compounds() {
        assert_eq!(number_word("två"), Some(2.0));
        assert_eq!(number_word("Femton"), Some(15.0));
        assert_eq!(number_word("tjugofem"), Some(25.0));
        assert_eq!(number_word("tvåhundra"), Some(200.0));
        assert_eq!(number_word("tva"), Some(2.0));
        assert_eq!(number_word("trevlig"), None);
        assert_eq!(ordinal_word("första"), Some(1.0));
        assert_eq!(ordinal_word("tredje"), Some(3.0));
    }

    #[test]
    fn units() {
        assert_eq!(money_unit("tkr"), Some(("kronor", 1e3)));
        assert_eq!(money_unit("Mkr"), Some(("kronor", 1e6)));
        assert_eq!(money_unit("kr."), Some(("kronor", 1.0)));
        assert_eq!(percent_unit("%"), Some("procent"));
        assert_eq!(time_unit("åren"), Some("år"));
        assert_eq!(time_unit("timmar"), Some("timme"));
        assert_eq!(measure_unit("km"), Some("kilometer"));
        assert_eq!(multiplier("miljoner"), Some(1e6));
        assert_eq!(score_unit("poängen"), Some("poäng"));
    }

    #[test]
    fn nouns_to_base_form() {
        assert_eq!(noun_base("datorer"), "dator");
        assert_eq!(noun_base("e-tjänster"), "e-tjänst");
        assert_eq!(noun_base("områdena"), "område");
        assert_eq!(noun_base("enheter"), "enhet");
        assert_eq!(noun_base("skolor"), "skola");
        assert_eq!(noun_base("bilar"), "bil");
        assert_eq!(noun_base("lärare"), "lärare");
        assert_eq!(noun_base("personer"), "person");
        assert_eq!(noun_base("bilarna"), "bil");
    }

    #[test]
    fn most_frequent_prefers_first_on_ties() {
        assert_eq!(most_frequent(["b", "a", "a", "b"]).as_deref(), Some("b"));
        assert_eq!(most_frequent(["x", "y", "y"]).as_deref(), Some("y"));
    }

    #[test]
    fn compound_units_of_time() {
        assert_eq!(compound_time_unit("heldagar").as_deref(), Some("heldag"));
        assert_eq!(
            compound_time_unit("arbetsveckor").as_deref(),
            Some("arbetsvecka")
        );
        assert_eq!(
            compound_time_unit("verksamhetsåren").as_deref(),
            Some("verksamhetsår")
        );
        for w in ["måndagar", "fredag", "riksdag", "hår", "vår", "dagar"] {
            assert_eq!(compound_time_unit(w), None, "{w}");
        }
        assert_eq!(noun_base("ärenden"), "ärende");
        assert_eq!(noun_base("ärendena"), "ärende");
        assert_eq!(noun_base("yttranden"), "yttrande");
    }

    #[test]
    fn council_bodies_suspended_titles_and_staff() {
        assert_eq!(
            body_genitive("Kommunstyrelsens"),
            Some(("kommunstyrelsens".to_string(), true))
        );
        assert_eq!(
            body_genitive("socialnämndens"),
            Some(("socialnämndens".to_string(), true))
        );
        assert_eq!(
            body_genitive("bolagsstyrelsens"),
            Some(("bolagsstyrelsens".to_string(), false))
        );
        assert_eq!(body_genitive("kommunens"), None);
        assert_eq!(
            suspended_title(&["barn-", "och", "utbildningschefen"]),
            Some(("barn- och utbildningschef".to_string(), 3))
        );
        assert_eq!(suspended_title(&["barn-", "och", "ungdomar"]), None);
        assert!(is_staff_role("it-chef"));
        assert!(is_staff_role("e-förvaltningsstrateg"));
        assert!(is_staff_role("kommunstyrelsens ordförande"));
        assert!(!is_staff_role("professor"));
        assert!(!is_staff_role("chefredaktör"));
    }
}
