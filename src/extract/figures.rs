//! Figures: amounts, counts, percentages, scores, measures, durations, years
//! and dates in the running text, with Swedish number conventions.
//!
//! Digits: decimal comma ("3,5"), space as thousands separator ("600 000"),
//! multipliers ("1,2 miljoner"), money abbreviations ("90 tkr", "5 mkr"), "%"
//! and "procent". Number words: "två personer", "fyra miljoner kronor",
//! "femton år"; "en"/"ett" only where they are clearly the number one ("en enda
//! timme", "drygt en enhet", "ett halvår"). Years ("år 2012", "hösten 2007"),
//! dates ("den 17 november 2009", "november 2009", "första april") and ranges
//! ("mellan 30 och 250 tkr", "2007–2010", "tre, fyra enheter"), where the first
//! number takes the unit of the second. Layout debris never reaches this pass
//! (see [`super::layout`]); numbers inside names ("Vision 2030") are skipped.

use std::sync::LazyLock;

use regex::Regex;

use super::layout::{Layout, ParaKind, Paragraph};
use super::lex;
use crate::sidecar::{Figure, FigureKind};
use crate::tokenise::Token;

/// A year range in one word: "2007-2010", "2007–10".
static YEAR_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)[-–]((?:19|20)?\d\d)$").expect("valid regex"));
/// An ISO date: "2009-11-17".
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$").expect("valid regex")
});
/// A range of plain numbers in one word: "3-5", "10–20".
static NUM_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:,\d+)?)[-–](\d+(?:,\d+)?)$").expect("valid regex"));
/// A number with a percent sign attached: "95%", "2,5%".
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:,\d+)?)%$").expect("valid regex"));

/// A figure while it is being read.
#[derive(Debug, Clone)]
struct Cand {
    value: f64,
    unit: Option<String>,
    kind: FigureKind,
    /// Byte range of the phrase in the paragraph text.
    start: usize,
    end: usize,
    /// Token range of the number itself and what it consumed.
    tok_start: usize,
    tok_end: usize,
    /// Whether a unit, multiplier or date context fixed the figure.
    explicit: bool,
    /// The factor the unit or multiplier applied (for range partners).
    factor: f64,
    /// A number word with nothing to count: kept only if a range partner
    /// lends it a unit ("tre, fyra enheter").
    tentative: bool,
}

/// Finds the figures of a document.
pub fn find(layout: &Layout) -> Vec<Figure> {
    find_in(layout, &layout.tokens())
}

/// [`find`] with the tokens of each paragraph already split
/// ([`Layout::tokens`]).
pub fn find_in(layout: &Layout, toks: &[Vec<Token>]) -> Vec<Figure> {
    let mut out = Vec::new();
    for (p, toks) in layout.paragraphs.iter().zip(toks) {
        if p.kind == ParaKind::Credit {
            continue;
        }
        out.extend(paragraph_figures(p, toks));
    }
    out
}

fn paragraph_figures(p: &Paragraph, toks: &[Token]) -> Vec<Figure> {
    let skip = contact_numbers(toks);
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if skip[i] {
            i += 1;
            continue;
        }
        let found = number_at(toks, i);
        match found.last().map(|c| c.tok_end) {
            Some(end) => {
                cands.extend(found);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    propagate_ranges(toks, &mut cands);
    cands
        .into_iter()
        .filter(|c| !c.tentative)
        .map(|c| Figure {
            text: p
                .text
                .get(c.start..c.end)
                .unwrap_or_default()
                .trim()
                .to_string(),
            value: c.value,
            unit: c.unit,
            kind: c.kind,
            line: p.line_at(c.start),
        })
        .collect()
}

/// Tokens that belong to telephone numbers ("tel. 08-452 70 00", "0303-33 00
/// 00") and postcodes ("118 82 Stockholm"): digit groups that are no
/// quantities.
fn contact_numbers(toks: &[Token]) -> Vec<bool> {
    let digits = |t: &Token, n: std::ops::RangeInclusive<usize>| {
        n.contains(&t.word.len()) && t.word.chars().all(|c| c.is_ascii_digit())
    };
    let mut skip = vec![false; toks.len()];
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // The phone words start with t, m, f or v; no other character
        // lower-cases to one of these.
        let after_phone_word = i > 0
            && toks[i - 1]
                .word
                .starts_with(['t', 'm', 'f', 'v', 'T', 'M', 'F', 'V'])
            && lex::with_lower(toks[i - 1].word, |lower| {
                matches!(
                    lower,
                    "tel" | "tfn" | "telefon" | "mobil" | "mobiltelefon" | "fax" | "växel"
                )
            });
        // An area code: "08-452", "0303-33"; or digits after "tel.".
        let area_code = t.word.starts_with('0')
            && t.word.split_once('-').is_some_and(|(a, b)| {
                a.len() >= 2
                    && !b.is_empty()
                    && a.chars().all(|c| c.is_ascii_digit())
                    && b.chars().all(|c| c.is_ascii_digit())
            });
        if area_code || (after_phone_word && t.word.starts_with(|c: char| c.is_ascii_digit())) {
            skip[i] = true;
            let mut j = i + 1;
            while j < toks.len() && toks[j - 1].trail.is_empty() && digits(&toks[j], 2..=3) {
                skip[j] = true;
                j += 1;
            }
            i = j;
            continue;
        }
        // A postcode: three digits, two digits, a town.
        let postcode = digits(t, 3..=3)
            && t.trail.is_empty()
            && toks
                .get(i + 1)
                .is_some_and(|n| digits(n, 2..=2) && n.trail.is_empty())
            && toks
                .get(i + 2)
                .is_some_and(|n| n.word.starts_with(char::is_uppercase));
        if postcode {
            skip[i] = true;
            skip[i + 1] = true;
            i += 2;
            continue;
        }
        i += 1;
    }
    skip
}

/// Parses a number written with digits: "3,5", "1300", "1.500".
fn parse_digits(w: &str) -> Option<f64> {
    if !crate::tokenise::is_number(w) {
        return None;
    }
    // A point followed by exactly three digits groups thousands ("1.500").
    let w = match w.split_once('.') {
        Some((a, b)) if b.len() == 3 && !w.contains(',') && !b.contains('.') => format!("{a}{b}"),
        _ => w.replace(',', "."),
    };
    w.parse().ok()
}

/// Words after which a number is a reference, not a quantity ("sidan 12",
/// "kl. 14", "nr 3").
fn is_reference_word(lower: &str) -> bool {
    matches!(
        lower,
        "nr" | "nummer"
            | "sid"
            | "sidan"
            | "s"
            | "kap"
            | "kapitel"
            | "bilaga"
            | "kl"
            | "klockan"
            | "tel"
            | "telefon"
            | "fax"
            | "version"
            | "avsnitt"
            | "punkt"
            | "figur"
            | "tabell"
            | "diagram"
            | "paragraf"
            | "§"
            | "rum"
            | "sal"
            | "plan"
            | "buss"
            | "linje"
            | "vecka"
            | "v"
            | "tfn"
            | "mobil"
            | "växel"
    )
}

/// Whether `prev` makes the number after it part of a name ("Vision 2030",
/// "Sveriges IT-kommun 2009"): a capitalised word that is not a function word,
/// a quantity word, a month or season.
fn names_the_number(prev: &Token) -> bool {
    // OCR puts "[" or "|" for a capital I ("Sveriges [T-kommun 2009").
    let w = prev.word.trim_start_matches(['[', '|']);
    let lower = w.to_lowercase();
    prev.trail.is_empty()
        && w.chars().next().is_some_and(char::is_uppercase)
        && !lex::is_function_word(&lower)
        && !lex::is_approximator(&lower)
        && !lex::is_month(w)
        && !lex::is_season(w)
        && !lex::is_score_context(w)
        && lex::time_unit(w).is_none()
}

/// Whether the capitalised word before a number is a genitive owner of what the
/// number counts ("Landets 290 kommuner", "Kommunens 46 medarbetare"), not a
/// name the number belongs to ("Vision 2030"): a genitive in -s, with a noun
/// right after the number.
fn owner_of_count(toks: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|j| &toks[j]) else {
        return false;
    };
    let genitive = prev.word.chars().count() >= 4
        && prev.word.ends_with('s')
        && !prev.word.chars().skip(1).any(char::is_uppercase);
    genitive
        && toks[i].trail.is_empty()
        && toks
            .get(i + 1)
            .is_some_and(|n| n.lead.is_empty() && is_noun(n))
}

/// A number followed by "och en halv" ("ett och ett halvt år", "två och en halv
/// miljon"): the value with the half added and the index of "halv(t)".
fn and_a_half(toks: &[Token], i: usize, value: f64) -> Option<(f64, usize)> {
    let words: Vec<&Token> = toks.iter().skip(i).take(4).collect();
    let [a, and, one, half] = words.as_slice() else {
        return None;
    };
    let plain = [a, and, one].iter().all(|t| t.trail.is_empty())
        && [and, one, half].iter().all(|t| t.lead.is_empty());
    (plain
        && and.word == "och"
        && matches!(one.word, "en" | "ett")
        && matches!(half.word, "halv" | "halvt"))
    .then_some((value + 0.5, i + 3))
}

/// An approximate number written with "-tal": "ett 50-tal", "ett tiotal",
/// "hundratals".
fn approximate_number(w: &str) -> Option<f64> {
    // Only t, a, l, s, e in either case lower-case to these letters: the
    // ending can be checked before the word is copied.
    if !["tal", "tals", "talet"]
        .iter()
        .any(|s| ends_with_ignore_ascii_case(w, s))
    {
        return None;
    }
    let lower = w.to_lowercase();
    let stem = lower
        .strip_suffix("-talet")
        .or_else(|| lower.strip_suffix("-tal"))
        .or_else(|| lower.strip_suffix("talet"))
        .or_else(|| lower.strip_suffix("tals"))
        .or_else(|| lower.strip_suffix("tal"))?;
    let stem = stem.trim_end_matches('-');
    if !stem.is_empty() && stem.chars().all(|c| c.is_ascii_digit()) {
        return stem.parse().ok();
    }
    // Only round numbers take "-tal" ("tiotal", "tjugotal", "hundratal"); this
    // keeps ordinary words ending in "tal" ("antal", "samtal") out.
    lex::number_word(stem).filter(|v| *v >= 10.0 && v % 10.0 == 0.0)
}

/// Whether `w` ends with `suffix` (ASCII), ignoring ASCII case.
fn ends_with_ignore_ascii_case(w: &str, suffix: &str) -> bool {
    w.len() >= suffix.len()
        && w.as_bytes()[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// The first year of a decade written "1990-talet" (or "1990-talets",
/// "2000-tal"): a time, not a count.
fn decade(w: &str) -> Option<f64> {
    // The year is four ASCII digits at the start.
    if !w.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let lower = w.to_lowercase();
    let stem = ["-talets", "-talet", "-tal"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))?;
    let year: u32 = stem.parse().ok().filter(|_| stem.len() == 4)?;
    ((1000..=2100).contains(&year) && year.is_multiple_of(10)).then_some(f64::from(year))
}

/// The figures starting at token `i` (two for a range written as one word).
fn number_at(toks: &[Token], i: usize) -> Vec<Cand> {
    let t = &toks[i];
    let w = t.word;
    // Nearly every word is no number: rule it out with a few cheap tests
    // before any of those below. They only ever turn a word down, so the
    // order does not change what is found.
    if !might_be_number(w) {
        return Vec::new();
    }
    let prev = i.checked_sub(1).map(|j| &toks[j]);
    if prev.is_some_and(|p| is_reference_word(p.word.trim_end_matches('.')))
        || (w.starts_with(|c: char| c.is_ascii_digit())
            && prev.is_some_and(names_the_number)
            && !owner_of_count(toks, i))
        // "00", "08": digits with a leading zero are codes, not quantities.
        || (w.len() > 1 && w.starts_with('0') && w.chars().all(|c| c.is_ascii_digit()))
    {
        return Vec::new();
    }
    // A decade: "1990-talet", "2000-talets".
    if let Some(decade) = decade(w) {
        return vec![cand(
            decade,
            None,
            FigureKind::Year,
            t.start,
            t.end(),
            i,
            i + 1,
            true,
        )];
    }
    if let Some(v) = approximate_number(w) {
        return complete(toks, i, i + 1, v, t.start, true)
            .into_iter()
            .collect();
    }
    let end_of = |k: usize| toks[k].start + toks[k].word.len();
    // Ranges and dates written as one word. The regexes only run on words
    // with the dash or percent sign they need.
    let dash = w.contains(['-', '–']);
    let century = w.starts_with("19") || w.starts_with("20");
    if dash
        && century
        && let Some(c) = YEAR_RANGE.captures(w)
    {
        let (a, b) = (&c[1], &c[2]);
        let a_val: f64 = a.parse().unwrap_or(0.0);
        let b_val: f64 = if b.len() == 2 {
            (a_val / 100.0).floor() * 100.0 + b.parse::<f64>().unwrap_or(0.0)
        } else {
            b.parse().unwrap_or(0.0)
        };
        let mid = t.start + a.len();
        let second = end_of(i) - b.len();
        return vec![
            cand(a_val, None, FigureKind::Year, t.start, mid, i, i + 1, true),
            cand(
                b_val,
                None,
                FigureKind::Year,
                second,
                end_of(i),
                i,
                i + 1,
                true,
            ),
        ];
    }
    if dash
        && century
        && let Some(c) = ISO_DATE.captures(w)
    {
        let v: f64 = c[1].parse().unwrap_or(0.0);
        return vec![cand(
            v,
            None,
            FigureKind::Date,
            t.start,
            end_of(i),
            i,
            i + 1,
            true,
        )];
    }
    if w.ends_with('%')
        && let Some(c) = PERCENT.captures(w)
    {
        let v = parse_digits(&c[1]).unwrap_or(0.0);
        let unit = Some("procent".to_string());
        return vec![cand(
            v,
            unit,
            FigureKind::Percent,
            t.start,
            end_of(i),
            i,
            i + 1,
            true,
        )];
    }
    if dash && let Some(c) = NUM_RANGE.captures(w) {
        let (a, b) = (c[1].to_string(), c[2].to_string());
        // "08-123": an area code, not a range.
        if a.len() > 1 && a.starts_with('0') {
            return Vec::new();
        }
        let (Some(av), Some(bv)) = (parse_digits(&a), parse_digits(&b)) else {
            return Vec::new();
        };
        let mid = t.start + a.len();
        // The second number starts after the dash ("–" is three bytes).
        let mut second = complete(toks, i, i + 1, bv, end_of(i) - b.len(), false);
        let mut first = cand(av, None, FigureKind::Count, t.start, mid, i, i + 1, false);
        if let Some(s) = &second {
            first.unit = s.unit.clone();
            first.kind = s.kind;
            first.value *= s.factor;
            first.explicit = s.explicit;
        }
        return match second.take() {
            Some(s) => vec![first, s],
            None => vec![first],
        };
    }
    // Digits, with space-separated thousands groups ("1 300 000").
    if let Some(mut v) = parse_digits(w) {
        let mut j = i + 1;
        let mut text = w.to_string();
        if w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit()) {
            while j < toks.len()
                && toks[j - 1].trail.is_empty()
                && toks[j].lead.is_empty()
                && toks[j].word.len() == 3
                && toks[j].word.chars().all(|c| c.is_ascii_digit())
            {
                text.push_str(toks[j].word);
                j += 1;
            }
            v = text.parse().unwrap_or(v);
        }
        // A date: "17 november 2009", "den 3 maj".
        let day = v.fract() == 0.0 && (1.0..=31.0).contains(&v) && j == i + 1;
        if day && t.trail.is_empty() && toks.get(j).is_some_and(|m| lex::is_month(m.word)) {
            let mut e = j;
            if toks[j].trail.is_empty()
                && toks
                    .get(j + 1)
                    .is_some_and(|y| is_year(y.word) || destuttered_year(y.word).is_some())
            {
                e = j + 1;
            }
            return vec![cand(
                v,
                None,
                FigureKind::Date,
                t.start,
                end_of(e),
                i,
                e + 1,
                true,
            )];
        }
        // "20009": a year with a digit the OCR printed twice, when nothing
        // after it makes it a count ("20009 invånare" is not a year).
        let stutter = (j == i + 1)
            .then(|| destuttered_year(w))
            .flatten()
            .filter(|_| {
                !(t.trail.is_empty()
                    && toks.get(j).is_some_and(|n| {
                        is_noun(n)
                            || lex::money_unit(n.word).is_some()
                            || lex::percent_unit(n.word).is_some()
                            || lex::measure_unit(n.word).is_some()
                    }))
            });
        if let Some(y) = stutter {
            v = y;
        }
        let year = j == i + 1 && (is_year(w) || stutter.is_some());
        if year {
            // "november 2009": a month before makes it a date.
            if let Some(p) = prev.filter(|p| p.trail.is_empty() && lex::is_month(p.word)) {
                return vec![cand(
                    v,
                    None,
                    FigureKind::Date,
                    p.start,
                    end_of(i),
                    i,
                    i + 1,
                    true,
                )];
            }
            let unit_follows = t.trail.is_empty()
                && toks.get(j).is_some_and(|n| {
                    lex::money_unit(n.word).is_some()
                        || lex::percent_unit(n.word).is_some()
                        || lex::measure_unit(n.word).is_some()
                        || lex::multiplier(n.word).is_some()
                });
            let counted = prev.is_some_and(|p| lex::is_approximator(p.word));
            if !unit_follows && !counted {
                // "år 2012" keeps "år" in the phrase.
                let start = match prev {
                    Some(p)
                        if p.trail.is_empty() && lex::fuzzy_eq(&p.word.to_lowercase(), "år") =>
                    {
                        p.start
                    }
                    _ => t.start,
                };
                return vec![cand(
                    v,
                    None,
                    FigureKind::Year,
                    start,
                    end_of(i),
                    i,
                    i + 1,
                    true,
                )];
            }
        }
        return complete(toks, i, j, v, t.start, false)
            .into_iter()
            .collect();
    }
    // Number words.
    let (en, ett) = lex::with_lower(w, |lower| (lower == "en", lower == "ett"));
    let word_value = lex::number_word(w).or_else(|| ett.then_some(1.0));
    if let Some((v, half)) = word_value.and_then(|v| and_a_half(toks, i, v)) {
        let mut c = complete(toks, half, half + 1, v, t.start, true);
        if let Some(c) = c.as_mut() {
            c.tok_start = i;
        }
        return c.into_iter().filter(|c| !c.tentative).collect();
    }
    if let Some(v) = lex::number_word(w) {
        return complete(toks, i, i + 1, v, t.start, true)
            .into_iter()
            .collect();
    }
    if en || ett {
        return one(toks, i).into_iter().collect();
    }
    if let Some(v) = lex::ordinal_word(w) {
        // "den första april": a day of the month.
        if t.trail.is_empty() && toks.get(i + 1).is_some_and(|m| lex::is_month(m.word)) {
            return vec![cand(
                v,
                None,
                FigureKind::Date,
                t.start,
                end_of(i + 1),
                i,
                i + 2,
                true,
            )];
        }
    }
    Vec::new()
}

/// Whether `w` can start a figure at all: digits, a percent sign, a "-tal"
/// word, or a number word ("en"/"ett" and ordinals included). Every figure
/// [`number_at`] reads starts with one of these.
fn might_be_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        || w.ends_with('%')
        // "-tal" words (see `approximate_number`).
        || ["tal", "tals", "talet"]
            .iter()
            .any(|s| ends_with_ignore_ascii_case(w, s))
        || lex::is_number_word(w)
}

/// The year a five-digit word stands for when one of its digits is doubled by
/// the OCR ("20009" -> 2009, "19987" -> 1987).
fn destuttered_year(w: &str) -> Option<f64> {
    let b = w.as_bytes();
    if b.len() != 5 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    (0..4)
        .filter(|&k| b[k] == b[k + 1])
        .map(|k| format!("{}{}", &w[..k], &w[k + 1..]))
        .find(|y| is_year(y))
        .and_then(|y| y.parse().ok())
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && w.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y))
}

#[allow(clippy::too_many_arguments)]
fn cand(
    value: f64,
    unit: Option<String>,
    kind: FigureKind,
    start: usize,
    end: usize,
    tok_start: usize,
    tok_end: usize,
    explicit: bool,
) -> Cand {
    Cand {
        value,
        unit,
        kind,
        start,
        end,
        tok_start,
        tok_end,
        explicit,
        factor: 1.0,
        tentative: false,
    }
}

/// "en"/"ett" as the number one: "en enda timme", "drygt en enhet", "ett
/// halvår", "en miljon kronor", "en halv miljon kronor" (a half), "en gång i
/// månaden", and the low end of a range ("en eller två personer"). Elsewhere
/// they are articles.
fn one(toks: &[Token], i: usize) -> Option<Cand> {
    let t = &toks[i];
    if !t.trail.is_empty() {
        return None;
    }
    let next = toks.get(i + 1)?;
    let approx = i
        .checked_sub(1)
        .is_some_and(|j| toks[j].trail.is_empty() && lex::is_approximator(toks[j].word));
    if next.word.eq_ignore_ascii_case("enda") && next.trail.is_empty() {
        let mut c = complete(toks, i + 1, i + 2, 1.0, t.start, true)?;
        c.tok_start = i;
        return (!c.tentative).then_some(c);
    }
    // "en halv miljon", "ett halvt år": a half of a multiplier or a unit.
    if matches!(next.word, "halv" | "halvt") && next.trail.is_empty() {
        let mut c = complete(toks, i + 1, i + 2, 0.5, t.start, true)?;
        c.tok_start = i;
        // Half a million, half a year, half a percent; "en halv plan" is
        // language, not a quantity.
        let measured = c.factor > 1.0
            || matches!(
                c.kind,
                FigureKind::Money
                    | FigureKind::Duration
                    | FigureKind::Measure
                    | FigureKind::Percent
            );
        return (!c.tentative && measured).then_some(c);
    }
    // "en gång i månaden", "en gång om året", "en gång per termin": a
    // frequency; "en gång i tiden" and "en gång till" are not numbers.
    if next.word == "gång" && next.trail.is_empty() && frequency_follows(toks, i + 2) {
        return Some(cand(
            1.0,
            Some("gång".to_string()),
            FigureKind::Count,
            t.start,
            next.end(),
            i,
            i + 2,
            true,
        ));
    }
    // "en eller två personer", "ett till två år": the low end of a range,
    // which takes its unit from the high end (see `propagate_ranges`).
    let range = next.trail.is_empty()
        && matches!(next.word, "eller" | "till")
        && toks.get(i + 2).is_some_and(|n| {
            n.lead.is_empty() && (lex::number_word(n.word).is_some() || n.is_number())
        });
    if range {
        let mut c = cand(
            1.0,
            None,
            FigureKind::Count,
            t.start,
            t.end(),
            i,
            i + 1,
            false,
        );
        c.tentative = true;
        return Some(c);
    }
    if lex::time_unit(next.word).is_some() || lex::multiplier(next.word).is_some() || approx {
        let c = complete(toks, i, i + 1, 1.0, t.start, true)?;
        return (!c.tentative).then_some(c);
    }
    None
}

/// Whether the tokens from `k` say how often ("i månaden", "om året", "per
/// vecka"): a preposition and a unit of time.
fn frequency_follows(toks: &[Token], k: usize) -> bool {
    let (Some(p), Some(u)) = (toks.get(k), toks.get(k + 1)) else {
        return false;
    };
    p.trail.is_empty()
        && matches!(p.word, "i" | "om" | "per" | "varje")
        && (lex::time_unit(u.word).is_some()
            || matches!(
                u.word.to_lowercase().as_str(),
                "termin" | "terminen" | "läsår" | "läsåret" | "mandatperiod" | "mandatperioden"
            ))
}

/// Whether a word can be a counted noun: a lower-case word (hyphen allowed,
/// "e-tjänster") that is no function word or frequent verb.
fn is_noun(tok: &Token) -> bool {
    let w = tok.word;
    !w.is_empty()
        && w.chars().next().is_some_and(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && lex::with_lower(w, |lower| {
            !lex::is_function_word(lower) && !lex::is_common_verb(lower)
        })
        && lex::speech_verb(w).is_none()
        && !lex::is_month(w)
}

/// Completes a number whose digits or word end before token `j`: multiplier,
/// unit and kind. `start` is the byte where the phrase begins.
fn complete(
    toks: &[Token],
    i: usize,
    j: usize,
    value: f64,
    start: usize,
    word: bool,
) -> Option<Cand> {
    let end_of = |k: usize| toks[k].start + toks[k].word.len();
    let prev = i.checked_sub(1).map(|k| &toks[k]);
    // "fick värdet 3", and the ends of a scale: "ett värde mellan 1 och 4", "en
    // skala från 1 till 5".
    let score_word = |k: usize| toks[k].trail.is_empty() && lex::is_score_context(toks[k].word);
    let score_context = i.checked_sub(1).is_some_and(score_word)
        || (prev.is_some_and(|p| matches!(p.word, "mellan" | "från"))
            && i.checked_sub(2).is_some_and(score_word));
    let mut c = cand(
        value,
        None,
        FigureKind::Count,
        start,
        end_of(j - 1),
        i,
        j,
        false,
    );
    let mut k = j;
    // Whether the next token continues the phrase (no punctuation between).
    let joined =
        |k: usize| k < toks.len() && toks[k - 1].trail.is_empty() && toks[k].lead.is_empty();
    if joined(k)
        && let Some(m) = lex::multiplier(toks[k].word)
    {
        c.value *= m;
        c.factor = m;
        c.explicit = true;
        c.end = end_of(k);
        k += 1;
    }
    let accept = |c: &mut Cand, k: usize, unit: &str, kind: FigureKind| {
        c.unit = Some(unit.to_string());
        c.kind = kind;
        c.explicit = true;
        c.end = end_of(k);
        c.tok_end = k + 1;
    };
    // A day of the month: "17-18 november", "3 maj".
    let day = !word && value.fract() == 0.0 && (1.0..=31.0).contains(&value);
    if day && joined(k) && lex::is_month(toks[k].word) {
        let mut e = k;
        if joined(k + 1)
            && (is_year(toks[k + 1].word) || destuttered_year(toks[k + 1].word).is_some())
        {
            e = k + 1;
        }
        c.kind = FigureKind::Date;
        c.explicit = true;
        c.end = end_of(e);
        c.tok_end = e + 1;
        return Some(c);
    }
    if joined(k) {
        // "100 kr/invånare": the unit before a slash.
        let n = toks[k].word.split('/').next().unwrap_or("");
        if let Some((unit, f)) = lex::money_unit(n) {
            c.value *= f;
            c.factor *= f;
            accept(&mut c, k, unit, FigureKind::Money);
            return Some(c);
        }
        if let Some(unit) = lex::percent_unit(n) {
            accept(&mut c, k, unit, FigureKind::Percent);
            return Some(c);
        }
        if let Some(unit) = lex::score_unit(n) {
            accept(&mut c, k, unit, FigureKind::Score);
            return Some(c);
        }
        if let Some(unit) = lex::measure_unit(n) {
            accept(&mut c, k, unit, FigureKind::Measure);
            return Some(c);
        }
    }
    if c.factor > 1.0 {
        // "3 miljoner" with no noun after it: money in this kind of text.
        let counted = joined(k) && is_noun(&toks[k]);
        if !counted {
            c.unit = Some("kronor".to_string());
            c.kind = FigureKind::Money;
            c.tok_end = k;
            return Some(c);
        }
    }
    // A counted noun, perhaps after a modifier or two ("tre föregående åren",
    // "fyra sådana enheter").
    let mut m = k;
    while m < k + 2 && joined(m) && lex::is_count_modifier(toks[m].word) && joined(m + 1) {
        m += 1;
    }
    for n in [m, k] {
        if !joined(n) {
            continue;
        }
        if let Some(unit) = lex::time_unit(toks[n].word) {
            accept(&mut c, n, unit, FigureKind::Duration);
            return Some(c);
        }
        if let Some(unit) = lex::compound_time_unit(toks[n].word) {
            accept(&mut c, n, &unit, FigureKind::Duration);
            return Some(c);
        }
        if is_noun(&toks[n]) {
            let unit = lex::noun_base(toks[n].word);
            accept(&mut c, n, &unit, FigureKind::Count);
            return Some(c);
        }
    }
    c.tok_end = k;
    if score_context {
        c.kind = FigureKind::Score;
        c.explicit = true;
        return Some(c);
    }
    if word {
        // A bare number word counts nothing; it may still share a unit with
        // the next number ("tre, fyra enheter").
        c.tentative = true;
        return Some(c);
    }
    // A bare number with a decimal comma ("3,5") is an index or score value in
    // reports; a bare integer is a count of something unnamed.
    let decimal = !word && toks[i].word.contains([',', '.']);
    if c.factor == 1.0 && (decimal || value.fract() != 0.0) {
        c.kind = FigureKind::Score;
    }
    Some(c)
}

/// Words that join the two ends of a range or a pair of alternatives.
fn is_range_connector(tok: &Token) -> bool {
    matches!(tok.word, "och" | "till" | "à" | "eller" | "")
        && tok.lead.chars().all(|c| c == '-' || c == '–' || c == '—')
}

/// "mellan 30 och 250 tkr", "tre, fyra enheter", "3 och 3,8": a number with no
/// unit of its own takes the unit, kind and factor of the next number.
fn propagate_ranges(toks: &[Token], cands: &mut [Cand]) {
    for n in (1..cands.len()).rev() {
        let (a, b) = (&cands[n - 1], &cands[n]);
        if a.tok_end > b.tok_start {
            continue;
        }
        let last = a.tok_end.saturating_sub(1);
        let sep_ok = toks
            .get(last)
            .is_some_and(|t| !t.trail.contains(['.', '!', '?', ';', ':']));
        let between = &toks[a.tok_end..b.tok_start];
        if !sep_ok || between.len() > 1 || !between.iter().all(is_range_connector) {
            continue;
        }
        if a.explicit {
            // "en skala från 1 till 4": the high end of a scale is a score too.
            let bare = |c: &Cand| c.unit.is_none() && c.factor == 1.0;
            if a.kind == FigureKind::Score && bare(a) && bare(b) && !b.explicit {
                cands[n].kind = FigureKind::Score;
            }
            continue;
        }
        let (unit, kind, factor, b_explicit) = (b.unit.clone(), b.kind, b.factor, b.explicit);
        if !b_explicit && b.tentative {
            continue;
        }
        let a = &mut cands[n - 1];
        if a.tentative && !b_explicit {
            continue;
        }
        a.unit = unit;
        a.kind = kind;
        if a.factor == 1.0 {
            a.value *= factor;
        }
        a.tentative = false;
        a.explicit = b_explicit;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::layout::analyse;

    fn figs(text: &str) -> Vec<(String, f64, Option<String>, FigureKind, usize)> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        find(&analyse(&lines))
            .into_iter()
            .map(|f| (f.text, f.value, f.unit, f.kind, f.line))
            .collect()
    }

    fn values(text: &str) -> Vec<f64> {
        figs(text).into_iter().map(|f| f.1).collect()
    }

    #[test]
    fn money_with_multipliers_and_abbreviations() {
        let f = figs("Bygget kostade 4,4 miljoner kronor och drift 90 tkr per år.");
        assert_eq!(f[0].0, "4,4 miljoner kronor");
        assert_eq!(f[0].1, 4_400_000.0);
        assert_eq!(f[0].3, FigureKind::Money);
        assert_eq!(f[1].1, 90_000.0);
        assert_eq!(f[1].2.as_deref(), Some("kronor"));
        assert_eq!(values("Anslaget var 2 mkr."), [2_000_000.0]);
        assert_eq!(
            values("Nämnden avsatte 5 miljoner till vägar."),
            [5_000_000.0]
        );
    }

    #[test]
    fn thousands_separator_and_decimal_comma() {
        let f = figs("Kommunen har 45 000 invånare och snittet blev 3,7.");
        assert_eq!(f[0].1, 45_000.0);
        assert_eq!(f[0].2.as_deref(), Some("invånare"));
        assert_eq!(f[1].1, 3.7);
        assert_eq!(f[1].3, FigureKind::Score);
    }

    #[test]
    fn percent_forms() {
        assert_eq!(figs("Nästan 80 procent svarade.")[0].3, FigureKind::Percent);
        assert_eq!(figs("Andelen var 12 %.")[0].2.as_deref(), Some("procent"));
        assert_eq!(figs("Andelen var 12%.")[0].1, 12.0);
    }

    #[test]
    fn number_words_count_nouns() {
        let f = figs("Tjänsten sköts av tre personer under sex veckor.");
        assert_eq!(f[0].0, "tre personer");
        assert_eq!(f[0].2.as_deref(), Some("person"));
        assert_eq!(f[1].3, FigureKind::Duration);
        assert_eq!(f[1].2.as_deref(), Some("vecka"));
        // Number words that count nothing are plain language.
        assert!(figs("De två har arbetat länge.").is_empty());
        assert_eq!(
            values("Det kostade drygt fyra miljoner kronor."),
            [4_000_000.0]
        );
    }

    #[test]
    fn one_only_where_it_is_a_number() {
        assert_eq!(values("Det tog inte en enda dag."), [1.0]);
        assert_eq!(values("Det tog ett halvår."), [1.0]);
        assert_eq!(values("Resultatet är drygt en enhet bättre."), [1.0]);
        assert!(values("Det finns en plan och ett mål.").is_empty());
    }

    #[test]
    fn years_and_dates() {
        let f = figs("Sedan 2008 har vi vuxit. Fram till år 2015 ska allt vara klart.");
        assert_eq!(f[0].3, FigureKind::Year);
        assert_eq!(f[1].0, "år 2015");
        let f = figs("Mötet hölls den 3 mars 2011 i Lund.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].0, "3 mars 2011");
        assert_eq!(f[0].1, 3.0);
        assert_eq!(f[0].3, FigureKind::Date);
        let f = figs("Lund i oktober 2012");
        assert_eq!((f[0].1, f[0].3), (2012.0, FigureKind::Date));
        let f = figs("Från den andra maj gäller det.");
        assert_eq!((f[0].1, f[0].3), (2.0, FigureKind::Date));
        let f = figs("Under våren 2010 startade arbetet.");
        assert_eq!((f[0].0.as_str(), f[0].3), ("2010", FigureKind::Year));
    }

    #[test]
    fn day_ranges_and_units_per_something() {
        let f = figs("Mässan pågår 17-18 november i Lund.");
        assert_eq!(values("Mässan pågår 17-18 november i Lund."), [17.0, 18.0]);
        assert_eq!(f[1].3, FigureKind::Date);
        assert_eq!(f[0].3, FigureKind::Date);
        let f = figs("Avgiften är 100 kr/invånare.");
        assert_eq!((f[0].1, f[0].3), (100.0, FigureKind::Money));
        assert_eq!(values("Sju av tio kommuner svarade."), [10.0]);
    }

    #[test]
    fn ranges_share_the_unit() {
        let f = figs("Kostnaden låg mellan 40 och 300 tkr.");
        assert_eq!(f[0].1, 40_000.0);
        assert_eq!(f[0].3, FigureKind::Money);
        assert_eq!(f[1].1, 300_000.0);
        let f = figs("Projektet pågick 2011-2014.");
        assert_eq!(values("Projektet pågick 2011-2014."), [2011.0, 2014.0]);
        assert_eq!(f[0].3, FigureKind::Year);
        let f = figs("Under perioden 2013–2016 och i årskurs 1–9.");
        assert_eq!(f[1].0, "2016");
        assert_eq!(values("I årskurs 1–9 finns 300 elever."), [1.0, 9.0, 300.0]);
        let f = figs("Det fanns fem, sex sådana skolor.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].2.as_deref(), Some("skola"));
        assert_eq!(f[0].1, 5.0);
    }

    #[test]
    fn names_references_and_compounds_are_not_figures() {
        assert!(figs("Planen Vision 2030 antogs.").is_empty());
        assert!(figs("Se tabell 4 och sidan 12.").is_empty());
        assert!(figs("Ärendet gick till 24-timmarsgruppen.").is_empty());
        assert!(figs("För femte gången deltog vi.").is_empty());
        assert!(figs("Ring växeln på 08-123.").is_empty());
        assert_eq!(values("Ytterligare 20 tjänster kommer."), [20.0]);
        assert!(values("Ytterligare en fördel är priset.").is_empty());
    }

    #[test]
    fn score_context_and_lines() {
        let f = figs("Området fick värdet tre\neller mer, i snitt\n3,5 poäng.");
        assert_eq!(f[0].1, 3.0);
        assert_eq!(f[0].3, FigureKind::Score);
        assert_eq!(f[1].0, "3,5 poäng");
        assert_eq!(f[1].4, 3);
    }

    #[test]
    fn counts_with_digits_and_modifiers() {
        let f = figs("Under de senaste 12 åren har vi köpt 1300 nya datorer.");
        assert_eq!(f[0].2.as_deref(), Some("år"));
        assert_eq!(f[0].3, FigureKind::Duration);
        assert_eq!(f[1].1, 1300.0);
        assert_eq!(f[1].2.as_deref(), Some("dator"));
    }

    #[test]
    fn owner_genitive_before_a_count_is_no_name() {
        assert_eq!(values("Landets 290 kommuner har svarat."), [290.0]);
        let f = figs("Kommunens 46 medarbetare flyttar.");
        assert_eq!(f[0].2.as_deref(), Some("medarbetare"));
        assert!(figs("Planen Vision 2030 antogs i fjol.").is_empty());
    }

    #[test]
    fn approximate_numbers_with_tal() {
        let f = figs("Kommunen har ett 50-tal e-tjänster och ett tiotal projekt.");
        assert_eq!(
            values("Kommunen har ett 50-tal e-tjänster och ett tiotal projekt."),
            [50.0, 10.0]
        );
        assert_eq!(f[0].2.as_deref(), Some("e-tjänst"));
        assert!(figs("Antalet samtal ökade kraftigt.").is_empty());
    }

    #[test]
    fn decades_are_years() {
        let f = figs("I början av 1990-talet kom de första datorerna.");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].1, f[0].3), (1990.0, FigureKind::Year));
    }

    #[test]
    fn halves() {
        let f = figs("Förstudien tog ett och ett halvt år.");
        assert_eq!((f[0].0.as_str(), f[0].1), ("ett och ett halvt år", 1.5));
        assert_eq!(f[0].3, FigureKind::Duration);
        assert_eq!(
            values("Bygget kostade två och en halv miljon kronor."),
            [2_500_000.0]
        );
        let f = figs("Av dessa gick en halv miljon kronor till kurser.");
        assert_eq!((f[0].1, f[0].3), (500_000.0, FigureKind::Money));
        assert!(figs("Det finns en halv plan för det.").is_empty());
    }

    #[test]
    fn once_a_month_is_one_time() {
        let f = figs("Gruppen träffas en gång i månaden.");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].1, f[0].2.as_deref()), (1.0, Some("gång")));
        assert!(figs("Det var en gång en liten kommun.").is_empty());
        assert!(figs("Vi provar en gång till.").is_empty());
    }

    #[test]
    fn one_as_the_low_end_of_a_range() {
        let f = figs("Ofta arbetar bara en eller två personer med frågan.");
        assert_eq!(
            values("Ofta arbetar bara en eller två personer med frågan."),
            [1.0, 2.0]
        );
        assert_eq!(f[0].2.as_deref(), Some("person"));
        assert!(figs("Det blir en eller annan lösning.").is_empty());
    }

    #[test]
    fn ends_of_a_scale_are_scores() {
        let f = figs("Svaren ges ett värde mellan 1 och 4.");
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.3 == FigureKind::Score), "{f:?}");
        let f = figs("Man bedömer på en skala från 1 till 5.");
        assert!(f.iter().all(|f| f.3 == FigureKind::Score), "{f:?}");
    }

    #[test]
    fn compound_time_units_and_neuter_plurals() {
        let f = figs("Kursen omfattar fyra heldagar och 40 ärenden.");
        assert_eq!(
            (f[0].2.as_deref(), f[0].3),
            (Some("heldag"), FigureKind::Duration)
        );
        assert_eq!(f[1].2.as_deref(), Some("ärende"));
        let f = figs("Arkivet rymmer 12 terabyte.");
        assert_eq!(f[0].3, FigureKind::Measure);
    }

    #[test]
    fn phone_numbers_postcodes_and_week_numbers_are_not_figures() {
        assert!(figs("Ring 08-452 70 00 eller tel. 0303-33 00 00.").is_empty());
        assert!(figs("Skriv till Box 12, 118 82 Stockholm.").is_empty());
        assert!(figs("Tjänsten öppnade i vecka 12.").is_empty());
        assert_eq!(values("Sedan dess har 118 skolor anslutit."), [118.0]);
    }

    #[test]
    fn stuttered_years_and_ocr_capital_i() {
        let f = figs("Arbetet började redan 20003, långt före de andra.");
        assert_eq!((f[0].1, f[0].3), (2003.0, FigureKind::Year));
        let f = figs("Den 17 november 20009 delas priset ut.");
        assert_eq!(
            (f[0].0.as_str(), f[0].3),
            ("17 november 20009", FigureKind::Date)
        );
        assert_eq!(values("Kommunen har 20003 invånare."), [20003.0]);
        assert!(figs("Sveriges [T-kommun 2010").is_empty());
    }
}
