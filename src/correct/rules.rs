//! Repairs that span or split tokens, which the word-by-word model cannot see:
//! a space the OCR put inside a word ("I T-strateg", "förvalt ning"), digits
//! it doubled in a year ("20009", "20009/10"), a day ("den 200 oktober") or a
//! thousands group ("10 0000"), and a speck read as an apostrophe after a
//! capital I ("I' vår").

use super::Corrector;
use crate::confusion::{DIACRITICS, RENDERINGS};
use crate::lexicon::calendar::{DAYS_IN_MONTH, MONTHS};
use crate::lexicon::{Lexicon, english};
use crate::sidecar::{Correction, CorrectionKind};
use crate::text::is_letter;
use crate::tokenise;

/// Words other than the months ([`MONTHS`]) that announce a year.
const YEAR_WORDS: &[&str] = &[
    "år", "året", "sedan", "våren", "sommaren", "hösten", "vintern",
];

/// Joins words split by a stray space, drops the apostrophe a speck after a
/// capital I made and undoes doubled digits in years and thousands groups,
/// in place.
/// Repairs less sure than `min_confidence` are left out (and counted).
pub fn apply(
    lines: &mut [String],
    corrector: &mut Corrector<'_>,
    min_confidence: f32,
) -> (Vec<Correction>, usize) {
    let mut skipped = 0;
    let mut out = Vec::new();
    let years = years_in(lines);
    // Whether the paragraph so far has a single quotation mark, which a later
    // apostrophe may close.
    let mut quoted = false;
    for (ln, line) in lines.iter_mut().enumerate() {
        if line.trim().is_empty() {
            quoted = false;
        }
        let mut edits: Vec<(usize, usize, Correction)> = Vec::new();
        let mut changed = false;
        let toks = corrector.tokens.of(ln, line);
        let mut known = vec![None; toks.len()];
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            if let (Some(next), true) = (toks.get(i + 1), t.trail.is_empty()) {
                let gap = &line[t.end()..next.start];
                if next.lead.is_empty()
                    && gap == " "
                    && should_join(&toks, i, &mut known, corrector)
                {
                    let joined = format!("{}{}", t.word, next.word);
                    edits.push((
                        t.start,
                        next.end(),
                        Correction::at(
                            ln,
                            line,
                            t.start,
                            &line[t.start..next.end()],
                            &joined,
                            CorrectionKind::Spacing,
                            0.8,
                        ),
                    ));
                    i += 2;
                    continue;
                }
            }
            if let Some(mark) = stray_apostrophe(&t, line).filter(|_| !quoted) {
                let end = t.end() + mark.len();
                edits.push((
                    t.start,
                    end,
                    Correction::at(
                        ln,
                        line,
                        t.start,
                        &line[t.start..end],
                        t.word,
                        CorrectionKind::Confusion,
                        0.8,
                    ),
                ));
                i += 1;
                continue;
            }
            let fixed = without_inner_speck(t.word)
                .map(|f| (f, 0.8))
                .or_else(|| undoubled(&toks, i, line, &years, corrector.lexicon).map(|f| (f, 0.7)));
            if let Some((fixed, confidence)) = fixed {
                edits.push((
                    t.start,
                    t.end(),
                    Correction::at(
                        ln,
                        line,
                        t.start,
                        t.word,
                        &fixed,
                        CorrectionKind::Confusion,
                        confidence,
                    ),
                ));
            }
            i += 1;
        }
        for (s, e, c) in edits.into_iter().rev() {
            if c.confidence < min_confidence {
                skipped += 1;
                continue;
            }
            line.replace_range(s..e, &c.to);
            out.push(c);
            changed = true;
        }
        quoted |= single_quote_in(line);
        if changed {
            corrector.line_changed(ln, line);
        }
    }
    out.sort_by_key(|c| (c.line, c.column));
    (out, skipped)
}

/// The apostrophe after a capital I that ends a word in capitals ("I' vår",
/// "(VTI')"), when no single quotation mark stands before it on its line
/// (it would close that quotation; [`apply`] also looks at the paragraph's
/// lines before): the OCR reads a speck after the narrow I as one (seed-dev
/// prints "IT" as "I'T" twice in 70 capital I's; inside a word the candidate
/// search drops it as noise).
fn stray_apostrophe<'a>(t: &tokenise::Token<'a>, line: &str) -> Option<&'a str> {
    let mark = ['\'', '’'].into_iter().find(|&m| t.trail.starts_with(m))?;
    let capitals = t.word.ends_with('I') && t.word.chars().all(|c| c.is_uppercase());
    (capitals && !single_quote_in(&line[..t.start])).then(|| &t.trail[..mark.len_utf8()])
}

/// `word` without the apostrophes a speck after a capital I made inside it:
/// after an I that opens the word or follows a capital, before a letter
/// ("I'T-r&d", "CI'TES-förordningen", "JAI'C", "I'nterpellationer1996/97:1").
/// The candidate search drops such a speck too, but only where the word
/// without it is one the lexicon knows; an acronym or a word glued to a
/// number it leaves alone. English contractions and genitives keep theirs,
/// in capitals too ("I'm", "I'LL", "I've", "I'd", "FBI'S").
fn without_inner_speck(word: &str) -> Option<String> {
    if !word.contains("I'") && !word.contains("I’") {
        return None;
    }
    let mut out = String::with_capacity(word.len());
    let mut dropped = false;
    let mut chars = word.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let after_i = word[..i]
            .strip_suffix('I')
            .is_some_and(|h| h.chars().next_back().is_none_or(char::is_uppercase));
        if after_i
            && matches!(c, '\'' | '’')
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            let rest: String = word[i + c.len_utf8()..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect();
            if !matches!(rest.to_lowercase().as_str(), "m" | "d" | "ll" | "ve" | "s") {
                dropped = true;
                continue;
            }
        }
        out.push(c);
    }
    dropped.then_some(out)
}

/// Whether `text` has a single quotation mark (or an apostrophe, which
/// looks the same) other than the OCR's speck after a capital I.
fn single_quote_in(text: &str) -> bool {
    text.char_indices().any(|(i, c)| {
        matches!(c, '\'' | '‘' | '’' | '‚' | '‛' | '`' | '´') && !text[..i].ends_with('I')
    })
}

/// `toks[i]` (of `line`) without a digit the OCR doubled: a thousands group
/// of four zeros after a number ([`undouble_group`]), a day of a date
/// ([`undouble_day`]), or a year after a word that announces one or near a
/// year the document mentions (`years`, [`undouble_year`]).
fn undoubled(
    toks: &[tokenise::Token<'_>],
    i: usize,
    line: &str,
    years: &[u32],
    lexicon: &Lexicon,
) -> Option<String> {
    let t = toks[i];
    let prev = i.checked_sub(1).map(|p| toks[p]);
    if let Some(prev) = prev
        && prev.trail.is_empty()
        && &line[prev.end()..t.start] == " "
        && let Some(group) = undouble_group(prev.word, t.word)
    {
        return Some(group);
    }
    if !t.word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if let Some(dated) = undouble_dated(t.word, years) {
        return Some(dated);
    }
    // A day of a date: "den 200 oktober".
    let dated = prev.is_some_and(|p| p.trail.is_empty() && p.word.eq_ignore_ascii_case("den"));
    if dated
        && t.trail.is_empty()
        && let Some(day) = toks.get(i + 1).and_then(|n| undouble_day(t.word, n.word))
    {
        return Some(day);
    }
    let year = undouble_year(t.word, years)?;
    // Only a word right before the number, no punctuation between.
    let cue = prev.is_some_and(|p| p.trail.is_empty() && is_year_cue(p.word, lexicon));
    // Five digits are written "20 003" in Swedish, so a five-digit token next
    // to the years the document talks about is a year the OCR stuttered on.
    (cue || near_years(&year, years)).then_some(year)
}

/// Whether the printed `word` announces a year ([`MONTHS`], [`YEAR_WORDS`]),
/// also with an å, ä or ö of it printed as one character the confusion model
/// renders it as ("varen 20009" for "våren"), where no other of those
/// letters makes a word of the corpus of it: "ar" may be "är" as well as
/// "år".
fn is_year_cue(word: &str, lexicon: &Lexicon) -> bool {
    let lower = word.to_lowercase();
    let renders = |truth: char, printed: char| {
        RENDERINGS
            .iter()
            .any(|r| r.truth == truth && r.seen.chars().eq(std::iter::once(printed)))
    };
    let stands_for = |truth: char, printed: char| {
        truth == printed
            || (DIACRITICS.contains(&truth)
                && !DIACRITICS.contains(&printed)
                && renders(truth, printed))
    };
    let Some(cue) = MONTHS.iter().chain(YEAR_WORDS).find(|cue| {
        cue.chars().count() == lower.chars().count()
            && cue
                .chars()
                .zip(lower.chars())
                .all(|(c, p)| stands_for(c, p))
    }) else {
        return false;
    };
    // The same print read with another of the letters at one of its marks.
    let other_word = cue.char_indices().zip(lower.chars()).any(|((at, c), p)| {
        c != p
            && DIACRITICS.iter().any(|&d| {
                d != c && renders(d, p) && {
                    let mut other = cue.to_string();
                    other.replace_range(at..at + c.len_utf8(), d.encode_utf8(&mut [0; 4]));
                    lexicon
                        .get(&other)
                        .is_some_and(|e| e.is_word() && e.count > 0)
                }
            })
    });
    !other_word
}

/// "den 200 oktober" read as "den 20 oktober": a number of three digits
/// before a month (written small, as Swedish writes months; "Maj" is a name)
/// is a day the OCR doubled a digit of when it is no day (over 31) and one
/// undoubling makes it a day of that month. The caller knows it is a date.
fn undouble_day(word: &str, next: &str) -> Option<String> {
    if word.len() != 3 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month = MONTHS.iter().position(|m| *m == next)?;
    if word.parse::<u32>().ok()? <= 31 {
        return None;
    }
    let last = DAYS_IN_MONTH[month];
    let mut days =
        undoublings(word).filter(|d| d.parse::<u32>().is_ok_and(|n| (1..=last).contains(&n)));
    let day = days.next()?;
    // "111" undoubles to "11" twice; the same day either way.
    days.all(|d| d == day).then_some(day)
}

/// A letter alone before a word is a word of the text if the corpus writes
/// it alone at least once in this many words ("i"; "s" in "s. 12"); a rarer
/// one ("b", "g") is the first letter of a split word.
const LETTER_WORD_SHARE: u64 = 2000;

/// A letter alone after a word is a word of the text if the corpus writes it
/// alone at least once in this many words: a label ("led a", "punkt e") or
/// an abbreviation; a rarer one ("r", "n", "t") is the last letter of a
/// split word ("elle r", "reda n").
const LETTER_AFTER_WORD_SHARE: u64 = 40_000;

/// Whether two neighbouring words are one word split by the OCR: an acronym
/// broken in two ("I T-strateg"), or two halves, not both words, that make a
/// word which reads better than they do, a stray space paid for
/// ([`Corrector::reads_as_one`]): "ti ll", "utredn ing", "motver kar"; where
/// neither half is a word, the whole may be a misprint too ("méjl ighet").
/// Not two misprinted words that each read as one on their own ("ga pa" is
/// "gå på", not "gapa").
///
/// `known` holds whether each token of the line is a known word, as far as
/// asked: each token is the second half of one pair and the first of the
/// next.
fn should_join(
    toks: &[tokenise::Token<'_>],
    i: usize,
    known: &mut [Option<bool>],
    corrector: &mut Corrector<'_>,
) -> bool {
    let (a, b) = (toks[i].word, toks[i + 1].word);
    if a.is_empty() || b.is_empty() || tokenise::is_number(a) || tokenise::is_number(b) {
        return false;
    }
    let mut b_head = b.split('-');
    let first = b_head.next().unwrap_or("");
    let acronym = a.chars().count() == 1
        && a.chars().all(char::is_uppercase)
        && first.chars().count() == 1
        && first.chars().all(char::is_uppercase)
        && b.len() > first.len();
    if acronym {
        return corrector.is_stored(&format!("{a}{first}"));
    }
    let letters = |w: &str| w.chars().all(is_letter);
    if !letters(a) || !letters(b) || b.starts_with(char::is_uppercase) {
        return false;
    }
    // Two words are left as two: a compound written apart, or a word and a
    // preposition ("förhållanden i"), reads as one too often; so are English
    // words amid English ("past or present", "host an international"). A
    // letter alone is a word only if the corpus writes it alone often: before
    // a word ([`LETTER_WORD_SHARE`]; not "B rist", "g rund"), and less often
    // after one, where labels stand ([`LETTER_AFTER_WORD_SHARE`]: "led a",
    // "punkt e"; not "elle r"). Two letters are an abbreviation ("t o").
    let single = |w: &str| w.chars().nth(1).is_none();
    if single(a) && single(b) {
        return false;
    }
    let written_alone = |w: &str, share: u64| {
        u64::from(corrector.lexicon.count(&w.to_lowercase())) * share >= corrector.lexicon.total()
    };
    let a_word = !single(a) || written_alone(a, LETTER_WORD_SHARE);
    let b_word = !single(b) || written_alone(b, LETTER_AFTER_WORD_SHARE);
    let mut is_known = |j: usize| *known[j].get_or_insert_with(|| corrector.is_known(toks[j].word));
    let a_half = !(a_word && is_known(i));
    let b_half = !(b_word && is_known(i + 1));
    if !a_half && !b_half {
        return false;
    }
    // Amid English: a word beside the pair is English too ("he la dagen"
    // is "hela").
    let english = |j: usize| {
        toks.get(j)
            .is_some_and(|t| english::is_english(&t.word.to_lowercase()))
    };
    if english(i) && english(i + 1) && (i.checked_sub(1).is_some_and(english) || english(i + 2)) {
        return false;
    }
    corrector.reads_as_one(a, b, &format!("{a}{b}"), a_half && b_half)
}

/// Years a document mentions (four-digit numbers from 1900 to 2099).
fn years_in(lines: &[String]) -> Vec<u32> {
    let mut years: Vec<u32> = lines
        .iter()
        .filter(|l| has_four_digits(l))
        .flat_map(|l| tokenise::tokens(l))
        .filter(|t| t.word.len() == 4)
        .filter_map(|t| t.word.parse().ok())
        .filter(|y| (1900..2100).contains(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// Whether `line` has four ASCII digits in a row: a cheap test before looking
/// for years in it.
fn has_four_digits(line: &str) -> bool {
    let mut run = 0;
    line.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// Years within this distance of one the document mentions count as near.
const NEAR_YEARS: u32 = 10;

/// Whether `year` is near one of the document's `years` ([`NEAR_YEARS`]).
fn near_years(year: &str, years: &[u32]) -> bool {
    year.parse::<u32>()
        .is_ok_and(|y| years.iter().any(|&d| d.abs_diff(y) <= NEAR_YEARS))
}

/// "20009" read as "2009": a five-digit number with a doubled digit that makes
/// a year of 1900-2099 once undoubled (not a round number such as "20000").
/// When two undoublings make years ("19966": 1966 or 1996), the one nearest a
/// year of the document wins, else the later pair.
fn undouble_year(word: &str, years: &[u32]) -> Option<String> {
    if word.ends_with("00") {
        return None;
    }
    undouble_five(word, years, |n| (1900..2100).contains(&n))
}

/// A five-digit `word` without one of its doubled digits, as a number that
/// `fits`; of two such, the one nearest a year of the document, else the
/// later pair.
fn undouble_five(word: &str, years: &[u32], fits: impl Fn(u32) -> bool) -> Option<String> {
    if word.len() != 5 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut options: Vec<(u32, String)> = undoublings(word)
        .filter_map(|y| {
            let n: u32 = y.parse().ok()?;
            fits(n).then_some((n, y))
        })
        .collect();
    options.dedup_by(|a, b| a.0 == b.0);
    let distance = |y: u32| {
        years
            .iter()
            .map(|&d| d.abs_diff(y))
            .min()
            .unwrap_or(u32::MAX)
    };
    options
        .into_iter()
        .rev()
        .min_by_key(|(y, _)| distance(*y))
        .map(|(_, s)| s)
}

/// `digits` with one digit of a doubled pair removed, once for each pair.
fn undoublings(digits: &str) -> impl Iterator<Item = String> + '_ {
    let b = digits.as_bytes();
    (1..b.len())
        .filter(move |&i| b[i] == b[i - 1])
        .map(move |i| {
            let mut fixed = digits.to_string();
            fixed.remove(i);
            fixed
        })
}

/// A year the OCR doubled a digit of where the shape of the token says that
/// a year stands: a parliamentary or school year ("2009/10", whose second
/// part is the year after the first, so that "20009/10" has one reading;
/// the second part only before a reference, "2008/009:91", as a table's
/// next column may stand glued to it, "2002/033"), a statute near the
/// document's years ("2003:307") or a decade or century ("1990-talet",
/// "1800-talets"; not "ett 10000-tal", a count).
fn undouble_dated(word: &str, years: &[u32]) -> Option<String> {
    let split = word.bytes().position(|b| !b.is_ascii_digit())?;
    let (head, rest) = word.split_at(split);
    // A year has four digits, five when doubled: longer runs are no year,
    // and their undoublings would cost the square of their length.
    if head.len() > 5 {
        return None;
    }
    if let Some(after) = rest.strip_prefix('/') {
        let end = after
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(after.len());
        let (second, tail) = after.split_at(end);
        if second.len() > 5 {
            return None;
        }
        let mut firsts = vec![head.to_string()];
        firsts.extend(undoublings(head));
        let mut seconds = vec![second.to_string()];
        if tail.starts_with(':') {
            seconds.extend(undoublings(second));
        }
        let mut readings = Vec::new();
        for h in &firsts {
            for s in seconds.iter().filter(|s| is_year_pair(h, s)) {
                readings.push((h.as_str(), s.as_str()));
            }
        }
        readings.sort_unstable();
        readings.dedup();
        return match readings.as_slice() {
            [(h, s)] if (*h, *s) != (head, second) => Some(format!("{h}/{s}{tail}")),
            _ => None,
        };
    }
    if rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        let year = undouble_year(head, years)?;
        return near_years(&year, years).then(|| format!("{year}{rest}"));
    }
    let definite = rest.starts_with("-talet")
        || rest
            .strip_prefix("-tals")
            .is_some_and(|r| r.starts_with(char::is_alphabetic));
    if definite {
        let decade = |n: u32| (1000..2100).contains(&n) && n.is_multiple_of(10);
        return undouble_five(head, years, decade).map(|y| format!("{y}{rest}"));
    }
    None
}

/// Whether `first/second` is a year and the year after it ("2009/10",
/// "1999/2000").
fn is_year_pair(first: &str, second: &str) -> bool {
    if first.len() != 4 {
        return false;
    }
    let (Ok(y), Ok(next)) = (first.parse::<u32>(), second.parse::<u32>()) else {
        return false;
    };
    let follows = match second.len() {
        2 => next == (y + 1) % 100,
        4 => next == y + 1,
        _ => false,
    };
    (1900..2100).contains(&y) && follows
}

/// "10 0000" read as "10 000": Swedish groups the thousands of a number in
/// threes after a space, so four zeros after a number of one to three digits
/// are a group of three with a zero the OCR doubled. Other four-digit numbers
/// after a number are left alone: Swedish also writes four digits without a
/// space ("1500 kronor"), so "12 1500 1800" in a table or "08 5555" are
/// numbers of their own, and an undoubled "1500" could be "150" or "500"
/// only by guessing.
fn undouble_group(before: &str, word: &str) -> Option<String> {
    let digits =
        !before.is_empty() && before.len() <= 3 && before.bytes().all(|b| b.is_ascii_digit());
    (digits && word == "0000").then(|| "000".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_a_speck_after_a_capital_i_inside_a_word() {
        for (word, fixed) in [
            ("I'T-r&d", Some("IT-r&d")),
            ("CI'TES-förordningen", Some("CITES-förordningen")),
            ("JAI'C", Some("JAIC")),
            (
                "I'nterpellationer1996/97:1",
                Some("Interpellationer1996/97:1"),
            ),
            ("I’T", Some("IT")),
            // English contractions, an apostrophe after a small letter or
            // after an I that follows one, one that ends the word.
            ("I'm", None),
            ("I'M", None),
            ("FBI'S", None),
            ("I'll", None),
            ("I've", None),
            ("don't", None),
            ("Hawai'i", None),
            ("LarsI'x", None),
            ("AI'", None),
            ("I'-", None),
        ] {
            assert_eq!(without_inner_speck(word).as_deref(), fixed, "{word}");
        }
    }

    #[test]
    fn undoubles_thousands_groups() {
        assert_eq!(undouble_group("10", "0000").as_deref(), Some("000"));
        assert_eq!(undouble_group("1", "0000").as_deref(), Some("000"));
        // Numbers of their own (a table row, a phone number, a year), more
        // than three digits before, a group already of three, no number.
        for (before, word) in [
            ("12", "1500"),
            ("3", "1000"),
            ("08", "5555"),
            ("6", "2011"),
            ("1000", "0000"),
            ("10", "000"),
            ("år", "0000"),
            ("", "0000"),
        ] {
            assert_eq!(undouble_group(before, word), None, "{before} {word}");
        }
    }

    #[test]
    fn undoubles_years() {
        assert_eq!(undouble_year("20009", &[]).as_deref(), Some("2009"));
        assert_eq!(undouble_year("19985", &[]).as_deref(), Some("1985"));
        assert_eq!(undouble_year("12345", &[]), None);
        assert_eq!(undouble_year("2009", &[]), None);
        assert_eq!(undouble_year("100000", &[]), None);
        // A round number is a count ("per år 20000", "maj 19800").
        assert_eq!(undouble_year("20000", &[]), None);
        // Two readings: the one near the document's years, else the later pair.
        assert_eq!(undouble_year("19966", &[1995]).as_deref(), Some("1996"));
        assert_eq!(undouble_year("19966", &[1968]).as_deref(), Some("1966"));
        assert_eq!(undouble_year("19966", &[]).as_deref(), Some("1996"));
    }

    #[test]
    fn year_cues_also_as_the_ocr_prints_them() {
        let lexicon = Lexicon::embedded();
        for w in [
            "år", "År", "maj", "varen", "vdren", "hosten", "Hosten", "sommaren",
        ] {
            assert!(is_year_cue(w, lexicon), "{w}");
        }
        // Not where the print reads as another word as well ("ar", "&r" and
        // "dr" may be "är"; "hésten" "hästen"), nor with another of the
        // letters ("är"), nor other marks or words.
        for w in [
            "ar", "&r", "dr", "hésten", "är", "vären", "xr", "a", "arr", "vbren", "sedaN!",
            "kronor",
        ] {
            assert!(!is_year_cue(w, lexicon), "{w}");
        }
    }

    #[test]
    fn undoubles_a_day_before_a_month() {
        assert_eq!(undouble_day("200", "oktober").as_deref(), Some("20"));
        // No 30 February.
        assert_eq!(undouble_day("300", "februari"), None);
        assert_eq!(undouble_day("229", "februari").as_deref(), Some("29"));
        assert_eq!(undouble_day("300", "september").as_deref(), Some("30"));
        assert_eq!(undouble_day("300", "Maj"), None);
        assert_eq!(undouble_day("111", "maj").as_deref(), Some("11"));
        // A day already, no month after it, no undoubling that is a day, or
        // two that are.
        assert_eq!(undouble_day("200", "kronor"), None);
        assert_eq!(undouble_day("31", "maj"), None);
        assert_eq!(undouble_day("400", "maj"), None);
        assert_eq!(undouble_day("123", "maj"), None);
        assert_eq!(undouble_day("2000", "maj"), None);
    }

    #[test]
    fn undoubles_years_in_references() {
        let years = [2010];
        for (word, fixed) in [
            ("20009/10:253", "2009/10:253"),
            ("2008/009:91", "2008/09:91"),
            ("2009/100:323", "2009/10:323"),
            ("19999/2000", "1999/2000"),
            ("20003:307", "2003:307"),
            ("19900-talet", "1990-talet"),
            ("18000-talets", "1800-talets"),
            ("19900-talsmusik", "1990-talsmusik"),
            ("20000-talet", "2000-talet"),
        ] {
            assert_eq!(
                undouble_dated(word, &years).as_deref(),
                Some(fixed),
                "{word}"
            );
        }
        // Already right, not a year and the year after it, no doubled digit,
        // a round number before a colon, a statute far from the document's
        // years, a count ("ett 10000-tal"), a table's next column glued to a
        // second year without a reference after it, not a decade.
        for word in [
            "2009/10:253",
            "2009/10",
            "20009/11",
            "12345/46",
            "20000:1",
            "19988:1",
            "10000-tal",
            "15000-tals",
            "2002/033",
            "1999/20000",
            "3/4",
            "1990-talet",
        ] {
            assert_eq!(undouble_dated(word, &years), None, "{word}");
        }
        assert!(!is_year_pair("4294967295", "00"));
        assert_eq!(
            undouble_dated(&format!("{}/1", "0".repeat(60_000)), &years),
            None
        );
        // Either zero of "20010" undoubles to the same reading.
        assert_eq!(
            undouble_dated("20010/11", &years).as_deref(),
            Some("2010/11")
        );
    }
}
