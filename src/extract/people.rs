//! People: names found with the first-name lexicon and with context (a title or
//! a verb of saying before two name-shaped words), merged across mentions, with
//! the role and organisation the text gives them.
//!
//! Role and organisation come from the usual Swedish patterns:
//! a title before the name ("kommundirektör Anna Berg", "kommunens IT-strateg
//! Anna Berg"), an apposition after it ("Anna Berg, rektor i Ås",
//! "Anna Berg, som är kommunens IT-strateg,", "Anna Berg, Lunds universitet",
//! "Anna Berg, Sales Manager Acme"), a signature block (name, title and
//! organisation on lines of their own), and photo credits ("Foto: Anna Berg").

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use super::layout::{Layout, ParaKind, Paragraph};
use super::lex::{self, Gender};
use super::names::{self, first_name, is_capitalised, is_surname_shape};
use crate::correct::case::capital_i_ell;
use crate::sidecar::Person;
use crate::tokenise::Token;

/// Where a name occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`People::persons`].
    pub person: usize,
    /// Paragraph index in the layout.
    pub para: usize,
    /// Byte offset of the name in the paragraph text.
    pub start: usize,
    /// 1-based input line of the name.
    pub line: usize,
    /// Whether the mention is a photo credit (not a candidate speaker).
    pub credit: bool,
}

/// One person as extraction knows them.
#[derive(Debug, Clone)]
pub struct PersonInfo {
    /// Full name in its most complete printed form.
    pub name: String,
    /// Printed forms with their counts (the name and its aliases).
    forms: Vec<(String, usize)>,
    /// First name (lexicon form), lower case, for merging.
    first_key: String,
    /// Surname as printed.
    pub surname: String,
    /// Gender from the first name.
    pub gender: Gender,
    /// Title and the strength of its evidence (2: text, 1: photo credit).
    role: Option<(String, u8)>,
    /// Organisation.
    pub organisation: Option<String>,
    /// Occurrences of the name or an alias, or the surname alone.
    pub mentions: usize,
}

impl PersonInfo {
    /// Title or function, base form.
    pub fn role(&self) -> Option<&str> {
        self.role.as_ref().map(|(r, _)| r.as_str())
    }
}

/// The people of a document and where they are mentioned.
#[derive(Debug, Clone, Default)]
pub struct People {
    /// Persons, in order of first mention.
    pub persons: Vec<PersonInfo>,
    /// Mentions in document order (by line).
    pub mentions: Vec<Mention>,
    /// The municipality the document is about ("Falkenbergs kommun"), if any:
    /// what "kommunens" refers to.
    pub municipality: Option<String>,
}

impl People {
    /// The person a printed name refers to: a full name, a variant of it, or a
    /// surname (or first name) alone when only one person has it.
    pub fn resolve(&self, printed: &str) -> Option<usize> {
        let key = name_key(printed);
        if let Some(i) = self
            .persons
            .iter()
            .position(|p| p.forms.iter().any(|(f, _)| name_key(f) == key))
        {
            return Some(i);
        }
        let parts: Vec<&str> = printed.split_whitespace().collect();
        if parts.len() >= 2 {
            // A variant spelling: same first name, close surname.
            let first = first_name(parts[0]).map(|f| f.canonical.to_lowercase());
            let last = parts[parts.len() - 1];
            return self.persons.iter().position(|p| {
                first.as_deref() == Some(p.first_key.as_str()) && similar(last, &p.surname)
            });
        }
        let single = parts.first().copied().unwrap_or("");
        let by_surname: Vec<usize> = (0..self.persons.len())
            .filter(|&i| name_key(&self.persons[i].surname) == name_key(single))
            .collect();
        if by_surname.len() == 1 {
            return by_surname.first().copied();
        }
        let by_first: Vec<usize> = (0..self.persons.len())
            .filter(|&i| self.persons[i].first_key == single.to_lowercase())
            .collect();
        if by_first.len() == 1 {
            return by_first.first().copied();
        }
        None
    }

    /// The person mentioned last before `line` (inclusive) who could be the
    /// referent of a pronoun of `gender`; photo credits do not count.
    pub fn last_before(&self, line: usize, gender: Gender) -> Option<usize> {
        let end = self.mentions.partition_point(|m| m.line <= line);
        self.mentions[..end]
            .iter()
            .rev()
            .filter(|m| !m.credit)
            .map(|m| m.person)
            .find(|&p| {
                gender == Gender::Unknown
                    || self.persons[p].gender == Gender::Unknown
                    || self.persons[p].gender == gender
            })
    }

    /// The person whose role is `role`, if exactly one has it.
    pub fn by_role(&self, role: &str) -> Option<usize> {
        let found: Vec<usize> = (0..self.persons.len())
            .filter(|&i| {
                self.persons[i]
                    .role()
                    .is_some_and(|r| r.eq_ignore_ascii_case(role))
            })
            .collect();
        if found.len() == 1 {
            found.first().copied()
        } else {
            None
        }
    }

    /// The sidecar entries.
    pub fn into_persons(self) -> Vec<Person> {
        self.persons
            .into_iter()
            .map(|p| {
                let name_key_ = name_key(&p.name);
                let mut aliases: Vec<String> = Vec::new();
                for (f, _) in &p.forms {
                    // A form that only lacks the name's å/ä/ö is OCR damage the
                    // repair left, not another spelling of the name.
                    if name_key(f) != name_key_
                        && !ocr_variant_name(f, &p.name)
                        && !aliases.iter().any(|a| name_key(a) == name_key(f))
                    {
                        aliases.push(f.clone());
                    }
                }
                Person {
                    role: p.role.map(|(r, _)| r),
                    name: p.name,
                    aliases,
                    organisation: p.organisation,
                    mentions: p.mentions,
                }
            })
            .collect()
    }
}

/// Comparison key of a name: lower case, single spaces.
fn name_key(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether two surnames are spelling variants of each other ("Eriksson",
/// "Ericsson"): a small edit distance relative to their length.
fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    if a == b || ocr_variant(&a, &b) {
        return true;
    }
    let n = a.chars().count().min(b.chars().count());
    let d = strsim::levenshtein(&a, &b);
    (n >= 5 && d <= 1) || (n >= 8 && d <= 2)
}

/// Whether two lower-case words differ only where one has å, ä or ö and the
/// other what OCR makes of it ("sthl" and "ståhl", "hagg" and "hägg"): the same
/// word, one of them left unrepaired.
fn ocr_variant(a: &str, b: &str) -> bool {
    a != b && (lex::fuzzy_eq(a, b) || lex::fuzzy_eq(b, a))
}

/// Whether two printed names are the same name up to unrepaired OCR damage
/// ("Ingrid Sthl", "Ingrid Ståhl").
fn ocr_variant_name(a: &str, b: &str) -> bool {
    let (a, b) = (name_key(a), name_key(b));
    let (wa, wb): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    wa.len() == wb.len() && wa.iter().zip(&wb).all(|(x, y)| x == y || ocr_variant(x, y))
}

/// Letters of a name that OCR never leaves: a form that has them was repaired.
fn diacritics(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö'))
        .count()
}

/// The letters å, ä, ö an OCR character can stand for (the seed-dev OCR: ä as
/// i a d é & 4 #, ö as o é 6 d, å as a é d & 8 3). Empty for other characters.
fn diacritic_sources(c: char) -> &'static [char] {
    match c {
        'i' | '4' | '#' => &['ä'],
        'a' | '&' => &['ä', 'å'],
        'o' | '6' => &['ö'],
        'd' | 'é' => &['ä', 'ö', 'å'],
        '8' | '3' => &['å'],
        'A' => &['Ä', 'Å'],
        'O' => &['Ö'],
        _ => &[],
    }
}

/// A word printed in several damaged forms ("Figerstam", "Fégerstam"): where
/// the forms differ, the letter must be one that every form's character can
/// stand for; when exactly one å/ä/ö fits every position, that is the word
/// ("Fägerstam"). `None` when the forms differ otherwise or stay ambiguous.
fn repair_from_variants(forms: &[&str]) -> Option<String> {
    let first: Vec<char> = forms.first()?.chars().collect();
    let others: Vec<Vec<char>> = forms[1..].iter().map(|f| f.chars().collect()).collect();
    if others.is_empty() || others.iter().any(|o| o.len() != first.len()) {
        return None;
    }
    let mut out = String::new();
    let mut changed = false;
    for (k, &c) in first.iter().enumerate() {
        if others.iter().all(|o| o[k] == c) {
            out.push(c);
            continue;
        }
        let mut fits: Vec<char> = diacritic_sources(c).to_vec();
        for o in &others {
            let sources = diacritic_sources(o[k]);
            fits.retain(|f| sources.contains(f) || o[k] == *f);
        }
        match fits.as_slice() {
            [only] => {
                out.push(*only);
                changed = true;
            }
            _ => return None,
        }
    }
    changed.then_some(out)
}

/// The name of a person whose printed forms are all damaged the same word in
/// different ways, with the letters restored word by word (see
/// [`repair_from_variants`]).
fn repaired_name(name: &str, forms: &[(String, usize)]) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let same_shape: Vec<Vec<&str>> = forms
        .iter()
        .map(|(f, _)| f.split_whitespace().collect::<Vec<&str>>())
        .filter(|w| w.len() == words.len())
        .collect();
    let mut out = Vec::new();
    let mut changed = false;
    for (k, w) in words.iter().enumerate() {
        let mut variants: Vec<&str> = vec![w];
        for f in &same_shape {
            if !variants.contains(&f[k]) {
                variants.push(f[k]);
            }
        }
        match repair_from_variants(&variants) {
            Some(fixed) => {
                out.push(fixed);
                changed = true;
            }
            None => out.push((*w).to_string()),
        }
    }
    changed.then(|| out.join(" "))
}

/// A name found in a paragraph, before merging.
struct Found {
    printed: String,
    first_key: String,
    surname: String,
    gender: Gender,
    para: usize,
    start: usize,
    line: usize,
    credit: bool,
    role: Option<(String, u8)>,
    org: Option<Org>,
}

/// An organisation as the text gives it; "kommunens" and "i Falkenberg" are
/// resolved once the document's municipality is known.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Org {
    /// As printed ("Göteborgs universitet").
    Named(String),
    /// "kommunens": the municipality of the document.
    TheMunicipality,
    /// "i Falkenberg" after a title: a place, read as its municipality when the
    /// title is a municipal one or the document is about that place. The flag
    /// says the place came with "i" or as a genitive ("Täbys"), as towns do;
    /// "på Skatteverket" is more often an organisation.
    Place(String, bool),
}

/// Finds the people of a document.
pub fn find(layout: &Layout) -> People {
    find_in(layout, &layout.tokens())
}

/// [`find`] with the tokens of each paragraph already split
/// ([`Layout::tokens`]).
pub fn find_in(layout: &Layout, para_toks: &[Vec<Token>]) -> People {
    let (municipality, about_municipality) = match municipality(para_toks) {
        Some((m, n)) => (Some(m), n >= 2),
        None => (None, false),
    };
    let mut found: Vec<Found> = Vec::new();
    // Token ranges used by full names, per paragraph, so that surname-alone
    // mentions are not counted twice.
    let mut used: Vec<Vec<(usize, usize)>> = vec![Vec::new(); layout.paragraphs.len()];
    for (pi, (p, toks)) in layout.paragraphs.iter().zip(para_toks).enumerate() {
        let mut i = 0;
        while i < toks.len() {
            match name_at(toks, i) {
                Some((end, first, printed)) => {
                    let (role, org) = context(p, toks, i, end);
                    let credit = p.kind == ParaKind::Credit || after_credit_label(toks, i);
                    let role = role
                        .map(|r| (r, 2))
                        .or_else(|| credit.then(|| ("fotograf".to_string(), 1)));
                    found.push(Found {
                        printed,
                        first_key: first.0.to_lowercase(),
                        surname: toks[end - 1].word.to_string(),
                        gender: first.1,
                        para: pi,
                        start: toks[i].start,
                        line: p.line_at(toks[i].start),
                        credit,
                        role,
                        org,
                    });
                    used[pi].push((i, end));
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    let mut people = merge(found, municipality, about_municipality);
    count_surname_mentions(layout, para_toks, &used, &mut people);
    people
}

/// Whether the token before `i` is a credit label ("Foto:") inside a line.
fn after_credit_label(toks: &[Token], i: usize) -> bool {
    i > 0
        && toks[i - 1].trail.contains(':')
        && matches!(
            toks[i - 1].word.to_lowercase().as_str(),
            "foto" | "bild" | "fotograf" | "photo"
        )
}

/// A name starting at token `i`: returns the end (exclusive), the first name
/// (lexicon form, gender) and the printed full name.
fn name_at(toks: &[Token], i: usize) -> Option<(usize, (String, Gender), String)> {
    let t = &toks[i];
    // A name starts with a capital, whether the first name is in the lexicon
    // or the name is introduced by a title ([`names::could_be_surname`]).
    if !t.word.starts_with(char::is_uppercase) {
        return None;
    }
    if t.lead.chars().any(super::layout::is_quote) || !t.trail.is_empty() {
        return None;
    }
    let (first, gender, lexical) = match first_name(t.word) {
        Some(f) => (f.canonical, f.gender, true),
        None => {
            // A name not in the lexicon, introduced by a title or a verb of
            // saying ("säger Xiang Li", "professor Ilze Ozola").
            let prev = i.checked_sub(1).map(|j| &toks[j])?;
            // Most words are no name by their letters alone: that test comes
            // before the word lists (all the tests are pure, so their order
            // changes nothing but the cost).
            if t.word.ends_with('s') || !names::could_be_surname(t.word) {
                return None;
            }
            // A title in an apposition ("Anna Berg, chefredaktör Computer
            // Sweden") is followed by the organisation, not by a name.
            let in_apposition = i
                .checked_sub(2)
                .is_some_and(|j| toks[j].trail.contains(','));
            let introduced = prev.trail.is_empty()
                && !in_apposition
                && (lex::role_base(prev.word).is_some() || lex::speech_verb(prev.word).is_some());
            if !introduced || !is_surname_shape(t.word) {
                return None;
            }
            (t.word.to_string(), Gender::Unknown, false)
        }
    };
    let mut parts = vec![first.clone()];
    let mut j = i + 1;
    let mut surnames = 0;
    while j < toks.len() && surnames < 2 {
        let w = toks[j].word;
        if !toks[j].lead.is_empty() {
            break;
        }
        if names::is_particle(w) && toks[j].trail.is_empty() {
            if toks.get(j + 1).is_some_and(|n| is_surname_shape(n.word)) {
                parts.push(w.to_string());
                j += 1;
                continue;
            }
            break;
        }
        // An initial ("Anna K. Berg").
        let initial = w.chars().count() == 1
            && w.chars().all(char::is_uppercase)
            && toks[j].trail == "."
            && toks.get(j + 1).is_some_and(|n| is_surname_shape(n.word));
        if initial {
            parts.push(format!("{w}."));
            j += 1;
            continue;
        }
        if !is_surname_shape(w) {
            break;
        }
        // OCR "II" for a capital I and l ("IIshammar"): print the name right.
        parts.push(capital_i_ell(w).unwrap_or_else(|| w.to_string()));
        surnames += 1;
        j += 1;
        if !toks[j - 1].trail.is_empty() {
            break;
        }
    }
    if surnames == 0 || (!lexical && surnames != 1) {
        return None;
    }
    // "Anna Lindh kommun", "Karl Johan skolan": a name followed by an
    // organisation word names the organisation, not a person.
    if toks[j - 1].trail.is_empty()
        && toks.get(j).is_some_and(|n| {
            let lower = n.word.to_lowercase();
            n.lead.is_empty() && (lex::is_org_head(&lower) || lex::is_place_head(&lower))
        })
    {
        return None;
    }
    Some((j, (first, gender), parts.join(" ")))
}

/// Role and organisation from the words around the name at tokens `i..end`.
fn context(p: &Paragraph, toks: &[Token], i: usize, end: usize) -> (Option<String>, Option<Org>) {
    let mut role = None;
    let mut org = None;
    // A title right before the name: "kommundirektör Anna Berg",
    // "kommunens IT-strateg Anna Berg", "Ås kommuns CIO Anna Berg".
    if let Some(prev) = i.checked_sub(1).map(|j| &toks[j])
        && prev.trail.is_empty()
        && let Some(r) = lex::role_base(prev.word)
    {
        // "barn- och utbildningschef Anna Berg": the whole compound is the title.
        let suspended = i.checked_sub(3).and_then(|j| {
            let words: Vec<&str> = toks[j..i].iter().map(|t| t.word).collect();
            let plain = toks[j..i - 1].iter().all(|t| t.trail.is_empty());
            plain.then(|| lex::suspended_title(&words)).flatten()
        });
        // "kommunstyrelsens ordförande Anna Berg": the body is part of the title.
        let body = i
            .checked_sub(2)
            .map(|j| &toks[j])
            .filter(|b| b.trail.is_empty())
            .and_then(|b| lex::body_genitive(b.word));
        match (suspended, body) {
            (Some((title, _)), _) => {
                role = Some(title);
                org = i
                    .checked_sub(4)
                    .and_then(|j| genitive_org(toks, j))
                    .map(|(o, _)| o);
            }
            (None, Some((genitive, municipal))) => {
                role = Some(format!("{genitive} {r}"));
                org = municipal.then_some(Org::TheMunicipality);
            }
            (None, None) => {
                role = Some(r);
                org = (i >= 2)
                    .then(|| genitive_org(toks, i - 2))
                    .flatten()
                    .map(|(o, _)| o);
            }
        }
    }
    // A party after the name ("Anna Berg (S), kommunalråd") is no part of the
    // apposition that follows it.
    let end = if toks.get(end).is_some_and(is_party_marker) {
        end + 1
    } else {
        end
    };
    // An apposition after the name: "Anna Berg, rektor i Ås.", or a copula:
    // "Anna Berg är IT-strateg i Ås kommun".
    let last = &toks[end - 1];
    let copula = last.trail.is_empty()
        && toks
            .get(end)
            .is_some_and(|t| matches!(t.word, "är" | "var" | "blir" | "blev"));
    if last.trail.trim_start_matches(')').starts_with(',') || copula {
        let (r, o) = apposition(toks, end);
        if role.is_none() {
            role = r;
        }
        if org.is_none() {
            org = o;
        }
    }
    // "Anna Berg på Telia", "Anna Berg vid Lunds universitet": an organisation
    // without a title.
    if org.is_none()
        && last.trail.is_empty()
        && toks
            .get(end)
            .is_some_and(|t| t.trail.is_empty() && matches!(t.word, "på" | "vid" | "från"))
    {
        let seg: Vec<&Token> = toks.iter().skip(end + 1).take(4).collect();
        let capital = seg.first().is_some_and(|t| {
            is_capitalised(t.word) || t.word.chars().take(2).all(char::is_uppercase)
        });
        if capital && !seg.first().is_some_and(|t| lex::is_month(t.word)) {
            // Up to the first punctuation; the capitalised words and
            // organisation words at its start are the name ("vid Umeå
            // universitet har ..." -> "Umeå universitet").
            let n = seg
                .iter()
                .position(|t| !t.trail.is_empty())
                .map_or(seg.len(), |i| i + 1)
                .min(seg.len());
            let words: Vec<&Token> = seg[..n]
                .iter()
                .copied()
                .take_while(|t| {
                    t.word.chars().next().is_some_and(char::is_uppercase)
                        || lex::is_org_head(&t.word.to_lowercase())
                })
                .collect();
            if !words.is_empty() {
                org = Some(Org::Named(joined(&words)));
            }
        }
    }
    // A signature block: the name alone on its line, the title on the next,
    // perhaps the organisation on the one after.
    if role.is_none()
        && let Some((r, o)) = signature(p, toks, i, end)
    {
        role = Some(r);
        org = org.or(o);
    }
    (role, org)
}

/// A party abbreviation in brackets after a politician's name: "(S)", "(M)",
/// "(KD)", "(Mp)".
pub(crate) fn is_party_marker(t: &Token) -> bool {
    let n = t.word.chars().count();
    t.lead.ends_with('(')
        && t.trail.starts_with(')')
        && (1..=3).contains(&n)
        && t.word.chars().next().is_some_and(char::is_uppercase)
        && t.word.chars().all(char::is_alphabetic)
}

fn is_municipal_genitive(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "kommunens" | "stadens" | "kommunernas" | "regionens" | "landstingets"
    )
}

/// A genitive organisation ending at token `k`, before a title: "kommunens"
/// (the document's municipality), "Ås kommuns", "Lunds universitets" (the
/// organisation in its base form), or a capitalised genitive ("Täbys",
/// "Ericssons"). Returns it and the index of its first token.
pub(crate) fn genitive_org(toks: &[Token], k: usize) -> Option<(Org, usize)> {
    let t = toks.get(k)?;
    if !t.trail.is_empty() || !t.lead.is_empty() {
        return None;
    }
    if is_municipal_genitive(t.word) {
        return Some((Org::TheMunicipality, k));
    }
    let stem = t.word.strip_suffix('s')?;
    if lex::is_org_head(stem) {
        let name = k.checked_sub(1).map(|j| &toks[j]).filter(|n| {
            n.trail.is_empty() && n.word.chars().next().is_some_and(char::is_uppercase)
        })?;
        return Some((Org::Named(format!("{} {stem}", name.word)), k - 1));
    }
    let lower = t.word.to_lowercase();
    if is_capitalised(t.word) && !lex::is_function_word(&lower) && stem.chars().count() >= 2 {
        return Some((Org::Place(stem.to_string(), true), k));
    }
    None
}

/// The tokens of the apposition starting at `k`, up to the next comma or the
/// end of the sentence.
fn apposition(toks: &[Token], k: usize) -> (Option<String>, Option<Org>) {
    let mut seg: Vec<&Token> = Vec::new();
    for t in toks.iter().skip(k).take(10) {
        // "kommunalråd (C) i Ås": the party is no part of the title or place.
        if is_party_marker(t) {
            if t.trail.len() > 1 {
                break;
            }
            continue;
        }
        seg.push(t);
        if !t.trail.is_empty() {
            break;
        }
    }
    // Lead-ins of a title: "som är", "som arbetar som", "är", "arbetar som".
    let words: Vec<&str> = seg.iter().take(3).map(|t| t.word).collect();
    let copula = |w: &str| matches!(w, "är" | "var" | "blir" | "blev");
    let works = |w: &str| matches!(w, "arbetar" | "jobbar" | "arbetade" | "jobbade");
    let mut s = match words.as_slice() {
        ["som", w, "som", ..] if works(w) => 3,
        ["som", w, ..] if copula(w) => 2,
        [w, "som", ..] if works(w) => 2,
        [w, ..] if copula(w) => 1,
        _ => 0,
    };
    let mut org = None;
    // "som är kommunens IT-strateg", "är Ås kommuns CIO": a genitive, then the
    // title right after it.
    for g in [s, s + 1] {
        if g + 1 < seg.len() && lex::role_base(seg[g + 1].word).is_some() {
            let window: Vec<Token> = seg[s..=g].iter().map(|t| **t).collect();
            if let Some((o, first)) = genitive_org(&window, g - s)
                && first == 0
            {
                org = Some(o);
                s = g + 1;
                break;
            }
        }
    }
    let Some(head) = seg.get(s) else {
        return (None, None);
    };
    // "barn- och utbildningschef i Ås": a title written as a suspended compound.
    let words: Vec<&str> = seg[s..].iter().map(|t| t.word).collect();
    if let Some((title, n)) = lex::suspended_title(&words) {
        let rest = &seg[(s + n).min(seg.len())..];
        return (Some(title), org.or_else(|| org_phrase(rest)));
    }
    // "kommunstyrelsens ordförande i Ås": a council body and its title.
    if let Some((genitive, municipal)) = lex::body_genitive(head.word)
        && let Some(role) = seg.get(s + 1).and_then(|t| lex::role_base(t.word))
    {
        let rest = &seg[s + 2..];
        let org = org_phrase(rest).or(municipal.then_some(Org::TheMunicipality));
        return (Some(format!("{genitive} {role}")), org);
    }
    if let Some(role) = lex::role_base(head.word) {
        let rest = &seg[s + 1..];
        if org.is_none() {
            org = org_phrase(rest);
        }
        return (Some(role), org);
    }
    if s > 0 {
        return (None, None);
    }
    // English titles: "Sales Manager Acme" -> role "Sales Manager", org "Acme".
    let caps: Vec<&str> = seg.iter().map(|t| t.word).collect();
    if caps
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        if let Some(h) = caps.iter().rposition(|w| lex::is_english_role_head(w)) {
            let role = caps[..=h].join(" ");
            let org = (h + 1 < caps.len()).then(|| Org::Named(caps[h + 1..].join(" ")));
            return (Some(role), org);
        }
        // An organisation alone: "Lunds universitet", "Örebro universitet".
        if let Some(o) = org_phrase(&seg) {
            return (None, Some(o));
        }
    } else if seg.iter().any(|t| lex::is_org_head(&t.word.to_lowercase()))
        && is_capitalised(seg[0].word)
    {
        return (None, Some(Org::Named(joined(&seg))));
    }
    (None, None)
}

fn joined(seg: &[&Token]) -> String {
    seg.iter().map(|t| t.word).collect::<Vec<_>>().join(" ")
}

/// An organisation phrase after a title: "i Ås kommun", "på Lunds universitet",
/// "vid Skatteverket", or a capitalised name right after ("VINNOVA",
/// "Computer Sweden").
fn org_phrase(seg: &[&Token]) -> Option<Org> {
    let is_preposition = |w: &str| matches!(w, "i" | "på" | "vid" | "för" | "inom" | "hos");
    let first = seg.first()?;
    let (rest, preposition) = if is_preposition(first.word) {
        (&seg[1..], true)
    } else {
        (seg, false)
    };
    // A subject or unit between the title and the organisation ("professor i
    // informatik vid Lunds universitet", "chef för socialtjänsten i Ås"):
    // look for the organisation after the next preposition.
    if preposition
        && rest
            .first()
            .is_some_and(|t| t.word.starts_with(char::is_lowercase))
    {
        let next = rest.iter().position(|t| is_preposition(t.word))?;
        return org_phrase(&rest[next..]);
    }
    let name_like = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            || lex::is_org_head(&w.to_lowercase())
            || (preposition && matches!(w, "och" | "i" | "för"))
    };
    let mut n = rest.iter().take_while(|t| name_like(t.word)).count();
    // A lower-case organisation word must follow a capitalised one.
    if n == 0 || !rest[0].word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // "i Ås kommun och ...": a joining word ends no organisation's name.
    while n > 1 && matches!(rest[n - 1].word, "och" | "i" | "för") {
        n -= 1;
    }
    let words: Vec<&str> = rest[..n].iter().map(|t| t.word).collect();
    if words.len() == 1 && preposition {
        return Some(Org::Place(words[0].to_string(), first.word == "i"));
    }
    Some(Org::Named(words.join(" ")))
}

/// A signature block: the name fills its line, the next line is a title, the
/// line after that (if capitalised) the organisation.
fn signature(p: &Paragraph, toks: &[Token], i: usize, end: usize) -> Option<(String, Option<Org>)> {
    let spans: Vec<(usize, usize, usize)> = p.line_spans().collect();
    let li = spans
        .iter()
        .position(|&(s, e, _)| s <= toks[i].start && toks[i].start < e)?;
    let (s, e, _) = spans[li];
    let name_end = toks[end - 1].start + toks[end - 1].word.len();
    // A name that runs on past its line ("Anna" / "Berg") fills none.
    let after_name = p.text.get(name_end..e)?;
    if toks[i].start != s || after_name.trim().len() > 1 {
        return None;
    }
    let &(rs, re, _) = spans.get(li + 1)?;
    let role_line = p.text[rs..re].trim();
    if role_line.split_whitespace().count() != 1 {
        return None;
    }
    let role = lex::role_base(role_line.trim_end_matches([',', '.']))?;
    let org = spans.get(li + 2).and_then(|&(os, oe, _)| {
        let o = p.text[os..oe].trim().trim_end_matches([',', '.']);
        (is_capitalised(o) || o.chars().take(2).all(char::is_uppercase))
            .then(|| Org::Named(o.to_string()))
    });
    Some((role, org))
}

/// The municipality the document is about: the most frequent "X kommun" or
/// "Xs kommun" phrase, with how often it occurs.
fn municipality(para_toks: &[Vec<Token>]) -> Option<(String, usize)> {
    let mut phrases: Vec<String> = Vec::new();
    for toks in para_toks {
        for w in toks.windows(2) {
            if matches!(w[1].word, "kommun" | "stad")
                && w[0].trail.is_empty()
                && is_capitalised(w[0].word)
                && !lex::is_function_word(&w[0].word.to_lowercase())
            {
                phrases.push(format!("{} {}", w[0].word, w[1].word));
            }
        }
    }
    let top = lex::most_frequent(phrases.iter().map(String::as_str))?;
    let n = phrases.iter().filter(|p| **p == top).count();
    Some((top, n))
}

/// "Ås" -> "Ås kommun", "Falkenberg" -> "Falkenbergs kommun": the official
/// form adds a genitive s unless the name ends in a vowel or s, x, z.
fn municipality_of(place: &str) -> String {
    let last = place.chars().next_back().unwrap_or('a');
    if "aeiouyåäösxz".contains(last.to_ascii_lowercase()) {
        format!("{place} kommun")
    } else {
        format!("{place}s kommun")
    }
}

fn resolve_org(org: Org, role: Option<&str>, municipality: Option<&String>) -> Option<String> {
    match org {
        Org::Named(s) => Some(s),
        Org::TheMunicipality => municipality.cloned(),
        Org::Place(place, in_town) => {
            if let Some(m) = municipality {
                let stem = m.split_whitespace().next().unwrap_or("");
                if stem.trim_end_matches('s') == place.trim_end_matches('s') {
                    return Some(m.clone());
                }
            }
            // "IT-chef i Ås", "förvaltningschef för socialtjänsten i Ås": a
            // municipal or staff title placed in a town works for its
            // municipality; "professor i Lund" names a town.
            let municipal = role.is_some_and(|r| {
                let r = r.to_lowercase();
                r.starts_with("kommun")
                    || r.starts_with("stads")
                    || r.contains("strateg")
                    || (in_town && lex::is_staff_role(&r))
            });
            Some(if municipal {
                municipality_of(&place)
            } else {
                place
            })
        }
    }
}

/// Merges the names found into persons: the same first name with the same or a
/// close surname is one person, and a longer form ("Anna Berg Ek") absorbs a
/// shorter one with the same first and last name.
fn merge(found: Vec<Found>, municipality: Option<String>, about_municipality: bool) -> People {
    let mut persons: Vec<PersonInfo> = Vec::new();
    let mut mentions = Vec::new();
    let mut index: HashMap<(String, String), usize> = HashMap::new();
    // Persons by first name, so that variant surnames are compared only
    // within a first name (linear in the document, not quadratic).
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for f in found {
        let key = (f.first_key.clone(), f.surname.to_lowercase());
        let pi = index.get(&key).copied().or_else(|| {
            by_first.get(&f.first_key).and_then(|c| {
                c.iter()
                    .copied()
                    .find(|&p| similar(&persons[p].surname, &f.surname))
            })
        });
        let pi = match pi {
            Some(pi) => pi,
            None => {
                persons.push(PersonInfo {
                    name: f.printed.clone(),
                    forms: Vec::new(),
                    first_key: f.first_key.clone(),
                    surname: f.surname.clone(),
                    gender: f.gender,
                    role: None,
                    organisation: None,
                    mentions: 0,
                });
                by_first
                    .entry(f.first_key.clone())
                    .or_default()
                    .push(persons.len() - 1);
                persons.len() - 1
            }
        };
        index.insert(key, pi);
        let p = &mut persons[pi];
        match p.forms.iter_mut().find(|(n, _)| *n == f.printed) {
            Some(e) => e.1 += 1,
            None => p.forms.push((f.printed.clone(), 1)),
        }
        p.mentions += 1;
        if let Some((r, strength)) = f.role
            && p.role.as_ref().is_none_or(|(_, s)| *s < strength)
        {
            p.role = Some((r, strength));
        }
        if p.organisation.is_none()
            && let Some(o) = f.org
        {
            p.organisation = resolve_org(o, p.role(), municipality.as_ref());
        }
        mentions.push(Mention {
            person: pi,
            para: f.para,
            start: f.start,
            line: f.line,
            credit: f.credit,
        });
    }
    for p in &mut persons {
        // A genitive ("Anna Bergs") is the same name, not a spelling variant.
        let plain: Vec<String> = p.forms.iter().map(|f| f.0.clone()).collect();
        let mut folded: Vec<(String, usize)> = Vec::new();
        for (f, n) in p.forms.drain(..) {
            let base = f.strip_suffix('s').filter(|b| plain.iter().any(|x| x == b));
            match base {
                Some(b) => match folded.iter_mut().find(|(x, _)| x == b) {
                    Some(e) => e.1 += n,
                    None => folded.push((b.to_string(), n)),
                },
                None => match folded.iter_mut().find(|(x, _)| *x == f) {
                    Some(e) => e.1 += n,
                    None => folded.push((f, n)),
                },
            }
        }
        p.forms = folded;
        if let Some(b) = p.surname.strip_suffix('s')
            && p.forms.iter().any(|(f, _)| f.ends_with(b))
            && !p.forms.iter().any(|(f, _)| f.ends_with(&p.surname))
        {
            p.surname = b.to_string();
        }
        // The most complete printed form, then one with å, ä or ö (OCR never
        // prints them, so that form is the repaired one), then the most
        // frequent, then the first.
        let rank = |f: &(String, usize)| (f.0.split_whitespace().count(), diacritics(&f.0), f.1);
        let mut best: Option<&(String, usize)> = None;
        for f in &p.forms {
            if best.is_none_or(|b| rank(f) > rank(b)) {
                best = Some(f);
            }
        }
        if let Some((name, _)) = best {
            p.name = name.clone();
            // No form kept its å/ä/ö, but differently damaged forms may
            // together show which letter it was.
            if diacritics(&p.name) == 0
                && let Some(fixed) = repaired_name(&p.name, &p.forms)
            {
                p.name = fixed;
            }
            if let Some(last) = p.name.split_whitespace().next_back()
                && similar(last, &p.surname)
            {
                p.surname = last.to_string();
            }
        }
    }
    // A municipal title with no organisation given ("stadsdirektör Anna
    // Berg") belongs to the municipality the document is about. So does a
    // staff title ("IT-chefen Anna Berg", "projektledare Per Holm") in an
    // article about one municipality (named at least twice): the people
    // such an article quotes without an employer work there. Outside
    // experts and press (professor, journalist, vd ...) are not assumed to.
    for p in &mut persons {
        let Some(r) = p.role().map(str::to_lowercase) else {
            continue;
        };
        let municipal = r.starts_with("kommun") || r.starts_with("stads");
        let staff = about_municipality && lex::is_staff_role(&r);
        if (municipal || staff) && p.organisation.is_none() {
            p.organisation = municipality.clone();
        }
    }
    mentions.sort_by_key(|m| (m.line, m.para, m.start));
    People {
        persons,
        mentions,
        municipality,
    }
}

/// Counts a surname standing alone ("säger Berg") as a mention of the one
/// person who has it.
fn count_surname_mentions(
    layout: &Layout,
    para_toks: &[Vec<Token>],
    used: &[Vec<(usize, usize)>],
    people: &mut People,
) {
    let mut by_surname: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for (i, p) in people.persons.iter().enumerate() {
        by_surname
            .entry(p.surname.to_lowercase())
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    let mut extra = Vec::new();
    for (pi, (p, toks)) in layout.paragraphs.iter().zip(para_toks).enumerate() {
        for (ti, t) in toks.iter().enumerate() {
            if used[pi].iter().any(|&(s, e)| (s..e).contains(&ti)) || !is_capitalised(t.word) {
                continue;
            }
            if let Some(&Some(person)) = lex::with_lower(t.word, |lower| by_surname.get(lower)) {
                // A first name right before would have made a full mention.
                people.persons[person].mentions += 1;
                extra.push(Mention {
                    person,
                    para: pi,
                    start: t.start,
                    line: p.line_at(t.start),
                    credit: p.kind == ParaKind::Credit,
                });
            }
        }
    }
    people.mentions.extend(extra);
    people.mentions.sort_by_key(|m| (m.line, m.para, m.start));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::layout::analyse;

    fn people(text: &str) -> Vec<Person> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        find(&analyse(&lines)).into_persons()
    }

    #[test]
    fn a_name_running_onto_the_next_line_is_no_signature() {
        // Panicked while the signature block sliced past the name's line.
        assert!(people("Anna\nBerg\n").iter().all(|p| p.role.is_none()));
    }

    #[test]
    fn title_before_name() {
        let p = people("Det menar förvaltningschefen Karin Lindqvist på mötet.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Karin Lindqvist");
        assert_eq!(p[0].role.as_deref(), Some("förvaltningschef"));
    }

    #[test]
    fn apposition_with_place_is_the_municipality() {
        let p = people(
            "Ås kommun satsar. Ås kommun bygger.\n\n— Vi bygger nytt, säger Per Holm, kommunchef i Ås.",
        );
        assert_eq!(p[0].name, "Per Holm");
        assert_eq!(p[0].role.as_deref(), Some("kommunchef"));
        assert_eq!(p[0].organisation.as_deref(), Some("Ås kommun"));
        let p = people("— Det går bra, säger Per Holm, kommunchef i Borgholm.");
        assert_eq!(p[0].organisation.as_deref(), Some("Borgholms kommun"));
    }

    #[test]
    fn municipal_title_defaults_to_the_municipality() {
        let p =
            people("Ås kommun växer. Ås kommun bygger.\n\nDet säger kommundirektören Eva Lind.");
        assert_eq!(p[0].organisation.as_deref(), Some("Ås kommun"));
    }

    #[test]
    fn som_ar_kommunens_title() {
        let p = people(
            "Lunds kommun har en plan. Lunds kommun växer.\n\nEva Strand, som är kommunens IT-strateg, berättar.",
        );
        assert_eq!(p[0].role.as_deref(), Some("IT-strateg"));
        assert_eq!(p[0].organisation.as_deref(), Some("Lunds kommun"));
    }

    #[test]
    fn jury_list_with_organisations() {
        let p = people(
            "Juryn: docent Eva Nordin, Umeå universitet, Lars\nHolm, Sales Manager Acme, samt Åsa Berg,\nredaktör Dagens Ekonomi.",
        );
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].role.as_deref(), Some("docent"));
        assert_eq!(p[0].organisation.as_deref(), Some("Umeå universitet"));
        assert_eq!(p[1].name, "Lars Holm");
        assert_eq!(p[1].role.as_deref(), Some("Sales Manager"));
        assert_eq!(p[1].organisation.as_deref(), Some("Acme"));
        assert_eq!(p[2].role.as_deref(), Some("redaktör"));
        assert_eq!(p[2].organisation.as_deref(), Some("Dagens Ekonomi"));
    }

    #[test]
    fn genitive_organisation_before_title() {
        let p = people("Det menar Ås kommuns CIO Eva Nyström i dag.");
        assert_eq!(p[0].role.as_deref(), Some("CIO"));
        assert_eq!(p[0].organisation.as_deref(), Some("Ås kommun"));
        let p = people("Det menar Lunds universitets professor Eva Nyström.");
        assert_eq!(p[0].organisation.as_deref(), Some("Lunds universitet"));
    }

    #[test]
    fn copula_and_works_as() {
        let p = people("Eva Nyström är IT-direktör i Borås stad.");
        assert_eq!(p[0].role.as_deref(), Some("IT-direktör"));
        assert_eq!(p[0].organisation.as_deref(), Some("Borås stad"));
        let p = people("Eva Nyström, som arbetar som stabschef på Skatteverket, var där.");
        assert_eq!(p[0].role.as_deref(), Some("stabschef"));
        assert_eq!(p[0].organisation.as_deref(), Some("Skatteverket"));
        let p = people("Eva Nyström är nöjd.");
        assert_eq!(p[0].role, None);
    }

    #[test]
    fn genitive_of_a_name_is_no_alias() {
        let p = people("Eva Nyström leder arbetet. Eva Nyströms plan antogs.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Eva Nyström");
        assert!(p[0].aliases.is_empty());
        assert_eq!(p[0].mentions, 2);
    }

    #[test]
    fn signature_block() {
        let p = people("Vi ser fram emot året.\n\nKerstin Dahl\nGeneraldirektör\nStatens Skolverk");
        assert_eq!(p[0].name, "Kerstin Dahl");
        assert_eq!(p[0].role.as_deref(), Some("generaldirektör"));
        assert_eq!(p[0].organisation.as_deref(), Some("Statens Skolverk"));
    }

    #[test]
    fn photo_credit_and_mentions() {
        let p = people("Foto: Jan Ek\n\nSkolan vid sjön.\n\nFoto: Jan Ek\n\nFoto: Ås Turistbyrå");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].role.as_deref(), Some("fotograf"));
        assert_eq!(p[0].mentions, 2);
    }

    #[test]
    fn surname_alone_and_variants_merge() {
        let p = people(
            "Leif Eriksson leder arbetet. Enligt Eriksson går det bra.\n\nLeif Ericsson håller med.",
        );
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].mentions, 3);
        assert_eq!(p[0].aliases.len(), 1);
    }

    #[test]
    fn organisation_after_pa_or_vid() {
        let p =
            people("Det menar Per Lind på Skatteverket. Eva Ek vid Umeå universitet håller med.");
        assert_eq!(p[0].organisation.as_deref(), Some("Skatteverket"));
        assert_eq!(p[1].organisation.as_deref(), Some("Umeå universitet"));
        assert_eq!(p[1].role, None);
    }

    #[test]
    fn name_not_in_lexicon_after_title() {
        let p = people("Det säger professor Xiang Li vid KTH.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Xiang Li");
    }

    #[test]
    fn organisations_are_not_people() {
        let p = people("Foto: Göteborgs Turistbyrå\n\nAlla Kommuner deltar. Men Stockholm växer.");
        assert!(p.is_empty(), "{p:?}");
        let p = people(
            "Elever på Karin Boye skolan och Viktor Rydberg gymnasium vid Olof Palmes gata.",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn party_after_the_name() {
        let p = people("— Det går bra, säger Kjell-Åke Lund (C), kommunalråd i Ås.");
        assert_eq!(p[0].name, "Kjell-Åke Lund");
        assert_eq!(p[0].role.as_deref(), Some("kommunalråd"));
        assert_eq!(p[0].organisation.as_deref(), Some("Ås kommun"));
    }

    #[test]
    fn council_body_titles() {
        let p = people(
            "Ås kommun växer. Ås kommun bygger.\n\nKommunstyrelsens ordförande Gunnar Hed (S) är nöjd.",
        );
        assert_eq!(p[0].role.as_deref(), Some("kommunstyrelsens ordförande"));
        assert_eq!(p[0].organisation.as_deref(), Some("Ås kommun"));
        let p = people("Det tycker Eva Strand, socialnämndens ordförande i Ås.");
        assert_eq!(p[0].role.as_deref(), Some("socialnämndens ordförande"));
    }

    #[test]
    fn suspended_compound_titles() {
        let p = people("Det säger barn- och utbildningschef Ingrid Ståhl.");
        assert_eq!(p[0].role.as_deref(), Some("barn- och utbildningschef"));
        let p = people("Ingrid Ståhl, kultur- och fritidschef i Ås, håller med.");
        assert_eq!(p[0].role.as_deref(), Some("kultur- och fritidschef"));
        assert_eq!(p[0].organisation.as_deref(), Some("Ås kommun"));
    }

    #[test]
    fn organisation_after_a_subject_or_unit() {
        let p = people("Göran Wik, professor i informatik vid Örebro universitet, har granskat.");
        assert_eq!(p[0].organisation.as_deref(), Some("Örebro universitet"));
        let p = people("Eva Ström, förvaltningschef för socialtjänsten i Borlänge, vill pröva.");
        assert_eq!(p[0].organisation.as_deref(), Some("Borlänge kommun"));
        let p = people("Professor Åsa Grön vid Umeå universitet har utvärderat projektet.");
        assert_eq!(p[0].organisation.as_deref(), Some("Umeå universitet"));
        let p = people(
            "Karin Nyström är utredare på Sveriges Kommuner och Landsting och har ansvaret.",
        );
        assert_eq!(
            p[0].organisation.as_deref(),
            Some("Sveriges Kommuner och Landsting")
        );
        let p = people("Professor Lennart Söder, Högskolan i Borås, har följt arbetet.");
        assert_eq!(p[0].organisation.as_deref(), Some("Högskolan i Borås"));
    }

    #[test]
    fn staff_without_employer_work_for_the_municipality() {
        let text = "Borås stad växer. Borås stad bygger.\n\nIT-chefen Johan af Ekenstam ansvarar.\n\n\
                    Professorn Eva Ek håller med.";
        let p = people(text);
        assert_eq!(p[0].name, "Johan af Ekenstam");
        assert_eq!(p[0].organisation.as_deref(), Some("Borås stad"));
        assert_eq!(p[1].organisation, None);
        // A municipality named once is no article's subject.
        let p = people("Borås stad växer.\n\nIT-chefen Johan af Ekenstam ansvarar.");
        assert_eq!(p[0].organisation, None);
    }

    #[test]
    fn unrepaired_ocr_form_of_a_name_is_the_same_person() {
        let p = people("Ingrid Sthl leder arbetet. Sedan talade Ingrid Ståhl länge.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Ingrid Ståhl");
        assert!(p[0].aliases.is_empty());
        assert_eq!(p[0].mentions, 2);
    }

    #[test]
    fn differently_damaged_forms_restore_the_letter() {
        assert_eq!(
            repair_from_variants(&["Figerstam", "Fégerstam"]).as_deref(),
            Some("Fägerstam")
        );
        assert_eq!(
            repair_from_variants(&["Kirrman", "Karrman"]).as_deref(),
            Some("Kärrman")
        );
        // a and d fit both ä and å: left alone.
        assert_eq!(repair_from_variants(&["Fagerstam", "Fdgerstam"]), None);
        // Real spelling variants are no OCR damage.
        assert_eq!(repair_from_variants(&["Eriksson", "Ericsson"]), None);
        let p = people("Anna Figerstam leder arbetet. Sedan talade Anna Fégerstam.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].name, "Anna Fägerstam");
        assert!(p[0].aliases.is_empty(), "{:?}", p[0].aliases);
    }
}
