//! Direct speech: paragraphs opening with a dash (Swedish press style) and
//! speech in quotation marks that an attribution clause gives to a speaker.
//!
//! The attribution clause is a verb of saying after a comma (or ? !) followed
//! by the speaker: a name, a title and a name, a title alone, or a pronoun
//! ("..., säger Anna Berg.", "..., menar kommunchefen Per Holm, som ...",
//! "..., säger hon. Sedan ..."). It may close the quote or sit in the middle;
//! the words on both sides are joined. A dash paragraph without attribution
//! continues the speech of the person mentioned last, unless it repeats another
//! quote (a photo caption quoting the body, or the body repeating a caption),
//! whose speaker it then takes.

use std::collections::HashSet;

use super::layout::{Layout, ParaKind, Paragraph, is_quote};
use super::lex::{self, Gender};
use super::names::{self, first_name, is_surname_shape};
use super::people::{People, genitive_org};
use crate::sidecar::Quote;
use crate::tokenise::Token;

/// Who the attribution names.
#[derive(Debug, Clone, PartialEq)]
enum Speaker {
    /// A name as printed ("Anna Berg", "Berg").
    Named(String),
    /// A pronoun ("han", "hon").
    Pronoun(Gender),
    /// A title only ("säger kommunchefen").
    Role(String),
    /// No attribution.
    Unknown,
    /// No attribution, and not speech unless another quote repeats it (a
    /// caption in quotation marks): kept only with its twin's speaker.
    TwinOnly,
}

/// A quote before speaker resolution.
#[derive(Debug, Clone)]
struct Raw {
    text: String,
    speaker: Speaker,
    verb: Option<String>,
    line: usize,
}

/// An attribution clause found at a verb of saying.
struct Attribution {
    verb: String,
    speaker: Speaker,
    /// Byte offset just past the clause (its closing punctuation included).
    end: usize,
    /// Whether the clause closes a sentence (the speech before it ends there)
    /// rather than sitting between commas inside one.
    closes_sentence: bool,
    /// Token index after the clause.
    next: usize,
}

/// Finds the quotes of a document and resolves their speakers.
pub fn find(layout: &Layout, people: &People) -> Vec<Quote> {
    find_in(layout, &layout.tokens(), people)
}

/// [`find`] with the tokens of each paragraph already split
/// ([`Layout::tokens`]).
pub fn find_in(layout: &Layout, para_toks: &[Vec<Token>], people: &People) -> Vec<Quote> {
    let mut raw = Vec::new();
    for (p, toks) in layout.paragraphs.iter().zip(para_toks) {
        match p.kind {
            ParaKind::Dash => raw.extend(dash_quote(p, toks, people)),
            ParaKind::Body | ParaKind::Heading => raw.extend(marked_quotes(p, toks, people)),
            ParaKind::Credit => {}
        }
    }
    resolve(raw, people)
}

/// The quote of a dash paragraph, with any attribution clauses removed.
fn dash_quote(p: &Paragraph, toks: &[Token], people: &People) -> Option<Raw> {
    let text = &p.text;
    let body = text
        .char_indices()
        .find(|&(_, c)| !(c == '—' || c == '–' || c == '-' || c.is_whitespace()))
        .map_or(text.len(), |(i, _)| i);
    let mut pieces: Vec<String> = Vec::new();
    let mut cursor = body;
    let mut first: Option<(String, Speaker)> = None;
    let mut k = 0;
    while k < toks.len() {
        if toks[k].start <= cursor || k == 0 {
            k += 1;
            continue;
        }
        if let Some(a) = attribution_at(toks, k) {
            let prev = &toks[k - 1];
            let prev_end = prev.start + prev.word.len() + prev.trail.len();
            if prev_end > cursor {
                pieces.push(close_speech(&text[cursor..prev_end], a.closes_sentence));
            }
            cursor = a.end.min(text.len());
            if first.is_none() {
                first = Some((a.verb, a.speaker));
            }
            k = a.next;
            continue;
        }
        k += 1;
    }
    let mut rest = text[cursor..].trim();
    // Narrative that follows the attribution ("Ek lyfter fram skolan.") is
    // not speech: a sentence after the attribution that opens with the name
    // of the speaker (or of anyone, when the speaker is a pronoun) is told
    // about them, not by them.
    if let Some((_, speaker)) = &first {
        let names: Vec<&str> = match speaker {
            Speaker::Named(n) => vec![n.as_str()],
            _ => people.persons.iter().map(|p| p.name.as_str()).collect(),
        };
        if let Some(cut) = narrative_start(rest, &names) {
            rest = rest[..cut].trim();
        }
    }
    pieces.push(rest.to_string());
    let joined = pieces
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let joined = strip_outer_quotes(&joined);
    let (verb, speaker) = match first {
        Some((v, s)) => (Some(v), s),
        None => {
            // Without attribution, only sentence-like speech counts: a list
            // item after a dash ("- bygglov") is not a quote.
            let words = joined.split_whitespace().count();
            if words < 5 || !ends_like_sentence(&joined) {
                return None;
            }
            (None, Speaker::Unknown)
        }
    };
    if joined.is_empty() {
        return None;
    }
    Some(Raw {
        text: joined,
        speaker,
        verb,
        line: p.first_line(),
    })
}

/// Where the speech after an attribution gives way to narrative: the first
/// sentence that names the speaker (by surname or full name).
fn narrative_start(rest: &str, names: &[&str]) -> Option<usize> {
    let mut sentence_start = true;
    for (i, c) in rest.char_indices() {
        if sentence_start && !c.is_whitespace() {
            sentence_start = false;
            let sentence = &rest[i..];
            let first = sentence.split_whitespace().next().unwrap_or("");
            let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
            let named = names.iter().any(|n| {
                n.split_whitespace().next_back() == Some(first) || sentence.starts_with(n)
            });
            if named {
                return Some(i);
            }
        }
        if matches!(c, '.' | '!' | '?') {
            sentence_start = true;
        }
    }
    None
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end_matches(['”', '"', '»', '’'])
        .ends_with(['.', '!', '?', '…'])
}

/// The speech before an attribution: a comma that led into the clause becomes
/// the full stop of the sentence, or goes when the clause sits inside it.
fn close_speech(s: &str, closes_sentence: bool) -> String {
    let s = s.trim();
    let (core, quote) = match s.strip_suffix(',') {
        Some(c) => (c.trim_end(), true),
        None => (s, false),
    };
    if !quote {
        return s.to_string();
    }
    if closes_sentence && !ends_like_sentence(core) {
        format!("{core}.")
    } else {
        core.to_string()
    }
}

/// Removes quotation marks around the whole speech (`— ”Ja, det är bra.”`).
fn strip_outer_quotes(s: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next();
    if first.is_some_and(is_quote) {
        let inner = &s[first.map_or(0, char::len_utf8)..];
        // Only when no other mark inside: then the marks wrap all of it.
        let marks = inner.chars().filter(|&c| is_quote(c)).count();
        if marks == 1 {
            return inner.replace(is_quote, "").trim().to_string();
        }
        if marks == 0 {
            return inner.trim().to_string();
        }
    }
    s.to_string()
}

/// An attribution clause at token `k`, which must be a verb of saying after a
/// comma, question or exclamation mark, or closing quotation mark.
fn attribution_at(toks: &[Token], k: usize) -> Option<Attribution> {
    let verb_tok = &toks[k];
    let prev = &toks[k.checked_sub(1)?];
    // Punctuation before the verb first: it rules out nearly every word
    // without a look-up (the tests are pure, so the order changes nothing).
    if !verb_tok.lead.is_empty() || !prev.trail.contains([',', '?', '!', '”', '"', '»']) {
        return None;
    }
    // `”Ja”, så Anna Berg.`: right after closing quotation marks, "så" before
    // a name can only be "sa" (said) that a repair or the OCR read as "så".
    let closes_quote = prev.trail.contains(['”', '"', '»']) && prev.trail.ends_with(',');
    let said = verb_tok.word == "så" && closes_quote;
    let verb = match lex::speech_verb(verb_tok.word) {
        Some(v) => v,
        None if said => "sa",
        None => return None,
    };
    let (speaker, last) = speaker_phrase(toks, k + 1)?;
    if said && !matches!(speaker, Speaker::Named(_)) {
        return None;
    }
    let trail = toks[last].trail;
    let end_of = |i: usize| toks[i].start + toks[i].word.len() + toks[i].trail.len();
    let sentence_end = |from: usize, limit: usize| {
        (from..toks.len().min(from + limit)).find(|&i| toks[i].trail.contains(['.', '!', '?']))
    };
    let (end_tok, closes) = if trail.contains(['.', '!', '?']) {
        (last, true)
    } else if trail.contains(',') {
        // An apposition ("Anna Berg, rektor i Ås.") belongs to the clause; a
        // lower-case word that is no title resumes the speech.
        let next = toks.get(last + 1);
        let apposition = next.is_some_and(|n| {
            lex::role_base(n.word).is_some()
                || n.word == "som"
                || n.word.chars().next().is_some_and(char::is_uppercase)
        });
        if apposition {
            match sentence_end(last + 1, 16) {
                Some(e) => (e, true),
                None => (toks.len() - 1, true),
            }
        } else {
            (last, false)
        }
    } else {
        // "säger hon till tidningen." or the end of the paragraph.
        match sentence_end(last, 8) {
            Some(e) => (e, true),
            None if toks.len() - last <= 8 => (toks.len() - 1, true),
            None => return None,
        }
    };
    Some(Attribution {
        verb: verb.to_string(),
        speaker,
        end: end_of(end_tok),
        closes_sentence: closes,
        next: end_tok + 1,
    })
}

/// The speaker after a verb of saying, starting at token `s`: a pronoun, or
/// titles and then a name, or a title alone. Returns the speaker and the index
/// of its last token.
fn speaker_phrase(toks: &[Token], s: usize) -> Option<(Speaker, usize)> {
    let t = toks.get(s)?;
    if let Some(g) = lex::speaker_pronoun(t.word) {
        return Some((Speaker::Pronoun(g), s));
    }
    let mut i = s;
    let mut role = None;
    // Titles and a genitive organisation before the name: "kommunens
    // IT-strateg", "Ås kommuns CIO", "Täbys IT-direktör".
    'titles: while i < toks.len() && i < s + 4 {
        for g in [i, i + 1] {
            let title_next = toks
                .get(g + 1)
                .is_some_and(|n| lex::role_base(n.word).is_some());
            if title_next && genitive_org(toks, g).is_some_and(|(_, first)| first == i) {
                i = g + 1;
                continue 'titles;
            }
        }
        let w = toks[i].word;
        let lower = w.to_lowercase();
        // "barn- och utbildningschef": a title written as a suspended compound.
        let words: Vec<&str> = toks[i..].iter().take(3).map(|t| t.word).collect();
        if toks[i].trail.is_empty()
            && toks.get(i + 1).is_some_and(|t| t.trail.is_empty())
            && let Some((title, n)) = lex::suspended_title(&words)
        {
            role = Some(title);
            i += n;
            if toks[i - 1].trail.is_empty() {
                continue;
            }
            return role.map(|r| (Speaker::Role(r), i - 1));
        }
        // "kommunstyrelsens ordförande": a council body before its title.
        if toks[i].trail.is_empty()
            && lex::body_genitive(w).is_some()
            && toks
                .get(i + 1)
                .is_some_and(|n| lex::role_base(n.word).is_some())
        {
            i += 1;
            continue;
        }
        if let Some(r) = lex::role_base(w).filter(|_| !names::is_capitalised(w) || i == s) {
            // A capitalised title right after the verb may still be a name
            // ("säger Berg"): a name wins when one follows or it is one.
            if names::is_capitalised(w) && first_name(w).is_some() {
                break;
            }
            role = Some(r);
        } else if !(lower == "kommunens" || lower == "stadens") {
            break;
        }
        if !toks[i].trail.is_empty() {
            return role.map(|r| (Speaker::Role(r), i));
        }
        i += 1;
    }
    let mut parts = Vec::new();
    let mut j = i;
    while j < toks.len() && parts.len() < 4 {
        let w = toks[j].word;
        if !toks[j].lead.is_empty() {
            break;
        }
        let ok = is_surname_shape(w)
            || first_name(w).is_some()
            || (!parts.is_empty() && names::is_particle(w));
        if !ok {
            break;
        }
        parts.push(w);
        j += 1;
        if !toks[j - 1].trail.is_empty() {
            break;
        }
    }
    if !parts.is_empty() {
        return Some((Speaker::Named(parts.join(" ")), j - 1));
    }
    role.map(|r| (Speaker::Role(r), i.saturating_sub(1)))
}

/// Speech in quotation marks in a paragraph that does not open with a dash,
/// kept only when attributed: `”...”, säger Anna Berg.` or
/// `Anna Berg säger: ”...”`, or a caption: a paragraph opening with quoted
/// sentences followed by the speaker's name (`”...” Anna Berg, rektor.`) or
/// repeating a quote found elsewhere. Titles and names in quotation marks have
/// no attribution and are left alone.
fn marked_quotes(p: &Paragraph, toks: &[Token], people: &People) -> Vec<Raw> {
    let text = &p.text;
    // Each quotation mark starts with one of these bytes (" is 22, ” “ „
    // start with E2, « » with C2): a paragraph with fewer than two of them
    // has no quote, and a scan of bytes is much cheaper than one of characters.
    // (A count of all of them, which the compiler turns into vector code.)
    let candidates: usize = text
        .bytes()
        .map(|b| usize::from(matches!(b, b'"' | 0xE2 | 0xC2)))
        .sum();
    if candidates < 2 {
        return Vec::new();
    }
    let marks: Vec<(usize, char)> = text.char_indices().filter(|&(_, c)| is_quote(c)).collect();
    if marks.len() < 2 {
        return Vec::new();
    }
    let mut out: Vec<Raw> = Vec::new();
    // End of the last attributed span's clause: a span right after it
    // continues the same speech (`”Ja”, säger hon. ”Nu kör vi.”`).
    let mut continues_from: Option<usize> = None;
    for pair in marks.chunks(2) {
        let [(open, oc), (close, cc)] = pair else {
            continue;
        };
        let inner_start = open + oc.len_utf8();
        let Some(inner) = text.get(inner_start..*close).map(str::trim) else {
            continue;
        };
        if inner.split_whitespace().count() < 2 {
            continue;
        }
        // After the closing mark: the first token starting past it.
        let after = toks.partition_point(|t| t.start <= *close);
        let attributed_after = (after < toks.len())
            .then(|| attribution_at(toks, after))
            .flatten();
        let clause_end = attributed_after.as_ref().map(|a| a.end);
        let attribution = match attributed_after {
            Some(a) => Some((Some(a.verb), a.speaker)),
            None => attribution_before(toks, *open).map(|(v, s)| (Some(v), s)),
        };
        let attribution =
            attribution.or_else(|| caption_speech(text, toks, *open, *close, inner, people));
        let Some((verb, speaker)) = attribution else {
            // `get`: an unbalanced mark earlier can leave the last close past
            // this opening mark.
            let adjacent = continues_from
                .is_some_and(|e| text.get(e..*open).is_some_and(|gap| gap.trim().is_empty()));
            if let (true, Some(last)) = (adjacent, out.last_mut()) {
                let stop = if ends_like_sentence(&last.text) {
                    ""
                } else {
                    "."
                };
                last.text = format!("{}{stop} {}", last.text, inner);
                continues_from = Some(close + cc.len_utf8());
            } else {
                continues_from = None;
            }
            continue;
        };
        continues_from = clause_end;
        // `”Vi är nöjda”, säger hon.`: the comma after the marks led into the
        // attribution, so the sentence ends there, as in a dash quote.
        let text = match clause_end {
            Some(_) if !ends_like_sentence(inner) => format!("{}.", inner.trim_end_matches(',')),
            _ => close_speech(inner, true),
        };
        out.push(Raw {
            text,
            speaker,
            verb,
            line: p.line_at(inner_start),
        });
    }
    out
}

/// Quoted sentences that open a paragraph without a verb of saying: a photo
/// caption. Followed by the name of a person of the document (`”...” Anna
/// Berg, rektor.`), the person speaks; filling the paragraph alone, the speech
/// counts only if it repeats a quote found elsewhere (see [`Speaker::TwinOnly`]).
fn caption_speech(
    text: &str,
    toks: &[Token],
    open: usize,
    close: usize,
    inner: &str,
    people: &People,
) -> Option<(Option<String>, Speaker)> {
    if !text[..open].trim().is_empty()
        || inner.split_whitespace().count() < 5
        || !ends_like_sentence(inner)
    {
        return None;
    }
    let after = toks.partition_point(|t| t.start <= close);
    if after == toks.len() {
        return Some((None, Speaker::TwinOnly));
    }
    let (speaker, last) = speaker_phrase(toks, after)?;
    let Speaker::Named(name) = &speaker else {
        return None;
    };
    let ends_name = toks[last].trail.starts_with([',', '.']) || last + 1 == toks.len();
    (ends_name && people.resolve(name).is_some()).then_some((None, speaker))
}

/// `Anna Berg säger: ”...”` or `säger Anna Berg: ”...”`: a verb of saying and
/// a name (or pronoun) in the few tokens before a colon right before the mark.
fn attribution_before(toks: &[Token], open: usize) -> Option<(String, Speaker)> {
    let colon = toks.partition_point(|t| t.start < open).checked_sub(1)?;
    if !toks[colon].trail.trim_end_matches(is_quote).ends_with(':') {
        return None;
    }
    let from = colon.saturating_sub(4);
    let v = (from..=colon).find(|&i| lex::speech_verb(toks[i].word).is_some())?;
    let verb = lex::speech_verb(toks[v].word)?.to_string();
    // Speaker after the verb, else the name just before it.
    if let Some((s, _)) = speaker_phrase(toks, v + 1).filter(|_| v < colon) {
        return Some((verb, s));
    }
    let names: Vec<&str> = toks[from..v]
        .iter()
        .map(|t| t.word)
        .filter(|w| is_surname_shape(w) || first_name(w).is_some())
        .collect();
    if let Some(g) = v
        .checked_sub(1)
        .and_then(|i| lex::speaker_pronoun(toks[i].word))
    {
        return Some((verb, Speaker::Pronoun(g)));
    }
    (!names.is_empty()).then(|| (verb, Speaker::Named(names.join(" "))))
}

/// Words of a quote for comparing two quotes.
fn word_set(s: &str) -> HashSet<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether two quotes are the same speech (a caption repeating the body): most
/// words of the shorter one are in the longer one.
fn same_speech(a: &HashSet<String>, b: &HashSet<String>) -> bool {
    let n = a.len().min(b.len());
    n >= 5 && a.intersection(b).count() * 10 >= n * 6
}

/// Resolves speakers to the people's full names.
fn resolve(raw: Vec<Raw>, people: &People) -> Vec<Quote> {
    let mut speakers: Vec<Option<String>> = raw
        .iter()
        .map(|q| {
            let person = match &q.speaker {
                Speaker::Named(n) => {
                    return Some(
                        people
                            .resolve(n)
                            .map_or_else(|| n.clone(), |i| people.persons[i].name.clone()),
                    );
                }
                Speaker::Pronoun(g) => people.last_before(q.line.saturating_sub(1), *g),
                Speaker::Role(r) => people
                    .by_role(r)
                    .or_else(|| people.last_before(q.line.saturating_sub(1), Gender::Unknown)),
                Speaker::Unknown | Speaker::TwinOnly => return None,
            };
            person.map(|i| people.persons[i].name.clone())
        })
        .collect();
    let sets: Vec<HashSet<String>> = raw.iter().map(|q| word_set(&q.text)).collect();
    let unattributed = |s: &Speaker| matches!(s, Speaker::Unknown | Speaker::TwinOnly);
    let mut keep = vec![true; raw.len()];
    for i in 0..raw.len() {
        if !unattributed(&raw[i].speaker) {
            continue;
        }
        // A repeated quote (caption and body) has the speaker of its twin;
        // only nearby quotes are compared, to stay linear on long documents.
        let lo = i.saturating_sub(30);
        let hi = (i + 30).min(raw.len());
        let twin = (lo..hi)
            .filter(|&j| j != i && !unattributed(&raw[j].speaker))
            .find(|&j| same_speech(&sets[i], &sets[j]));
        speakers[i] = match twin {
            Some(j) => speakers[j].clone(),
            None if raw[i].speaker == Speaker::TwinOnly => {
                keep[i] = false;
                None
            }
            None => people
                .last_before(raw[i].line.saturating_sub(1), Gender::Unknown)
                .map(|p| people.persons[p].name.clone()),
        };
    }
    raw.into_iter()
        .zip(speakers)
        .zip(keep)
        .filter_map(|(q, keep)| keep.then_some(q))
        .map(|(q, speaker)| Quote {
            text: q.text,
            speaker,
            verb: q.verb,
            line: q.line,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{layout::analyse, people};

    fn quotes(text: &str) -> Vec<Quote> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let layout = analyse(&lines);
        let people = people::find(&layout);
        find(&layout, &people)
    }

    #[test]
    fn dash_quote_with_closing_attribution() {
        let q = quotes("— Vi har fått mycket gjort i år,\nsäger Eva Holm.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "Vi har fått mycket gjort i år.");
        assert_eq!(q[0].speaker.as_deref(), Some("Eva Holm"));
        assert_eq!(q[0].verb.as_deref(), Some("säger"));
        assert_eq!(q[0].line, 1);
    }

    #[test]
    fn attribution_in_the_middle_with_title() {
        let q = quotes("- Skolan är ny, säger rektor Jan Berg. Eleverna\nflyttar in i augusti.");
        assert_eq!(q[0].text, "Skolan är ny. Eleverna flyttar in i augusti.");
        assert_eq!(q[0].speaker.as_deref(), Some("Jan Berg"));
    }

    #[test]
    fn attribution_with_apposition_is_removed() {
        let q = quotes("— Det blev bra till slut, menar Jan Berg, rektor\ni Ås.");
        assert_eq!(q[0].text, "Det blev bra till slut.");
        assert_eq!(q[0].verb.as_deref(), Some("menar"));
    }

    #[test]
    fn narrative_after_attribution_is_not_speech() {
        let q = quotes("— Vi har tagit stora kliv, säger Göran Ek.\nEk lyfter fram skolan.");
        assert_eq!(q[0].text, "Vi har tagit stora kliv.");
        let q = quotes("— Bra, säger Göran Ek. Vi fortsätter nu.");
        assert_eq!(q[0].text, "Bra. Vi fortsätter nu.");
        let q = quotes("Göran Ek är nöjd.\n— Det gick bra, säger han.\nEk ler.");
        assert_eq!(q[0].text, "Det gick bra.");
    }

    #[test]
    fn clause_between_commas_joins_the_sentence() {
        let q = quotes("— Det här, anser Jan Berg, är det viktigaste.");
        assert_eq!(q[0].text, "Det här är det viktigaste.");
    }

    #[test]
    fn pronoun_and_continuation_resolve_to_last_person() {
        let q = quotes(
            "Karin Ek leder projektet.\n\n— Vi är klara nu, säger hon.\n\n\
             — Nästa år tar vi nästa steg i arbetet.",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].speaker.as_deref(), Some("Karin Ek"));
        assert_eq!(q[1].speaker.as_deref(), Some("Karin Ek"));
        assert_eq!(q[1].verb, None);
    }

    #[test]
    fn caption_repeating_a_quote_takes_its_speaker() {
        let q = quotes(
            "— Biblioteket ska vara öppet för alla som bor här, säger Lars Åberg.\n\n\
             Sven Dahl håller inte med.\n\n\
             — Biblioteket ska vara öppet för alla som bor här.",
        );
        assert_eq!(q[1].speaker.as_deref(), Some("Lars Åberg"));
    }

    #[test]
    fn genitive_organisation_in_attribution() {
        let q = quotes("— Det gick fort, säger Ås kommuns IT-direktör Eva Nyström.");
        assert_eq!(q[0].speaker.as_deref(), Some("Eva Nyström"));
        assert_eq!(q[0].text, "Det gick fort.");
        let q = quotes("— Det gick fort, säger Täbys CIO Eva Nyström.");
        assert_eq!(q[0].speaker.as_deref(), Some("Eva Nyström"));
    }

    #[test]
    fn surname_alone_resolves_to_full_name() {
        let q = quotes("Lars Åberg är ny.\n\n— Jag trivs, säger Åberg.");
        assert_eq!(q[0].speaker.as_deref(), Some("Lars Åberg"));
    }

    #[test]
    fn quotation_marks_need_an_attribution() {
        let q = quotes(
            "Projektet \"Skola för alla” startade i höstas. ”Vi har lärt oss mycket”, säger Maria Lund.",
        );
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "Vi har lärt oss mycket.");
        assert_eq!(q[0].speaker.as_deref(), Some("Maria Lund"));
        let q = quotes("Maria Lund säger: ”Det blir en bra start.”");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].speaker.as_deref(), Some("Maria Lund"));
    }

    #[test]
    fn quotation_marks_continue_after_the_attribution() {
        let q = quotes("”Vi är nöjda”, säger Maria Lund. ”Nu fortsätter vi med nästa steg.”");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].text, "Vi är nöjda. Nu fortsätter vi med nästa steg.");
    }

    #[test]
    fn inner_words_of_saying_are_not_attributions() {
        let q = quotes("— Jag anser att vi gör rätt, säger Per Ek.");
        assert_eq!(q[0].text, "Jag anser att vi gör rätt.");
        assert_eq!(q[0].speaker.as_deref(), Some("Per Ek"));
    }

    #[test]
    fn ocr_damaged_verb_still_attributes() {
        let q = quotes("— Vi är glada, sager Per Ek.");
        assert_eq!(q[0].text, "Vi är glada.");
        assert_eq!(q[0].verb.as_deref(), Some("säger"));
    }

    #[test]
    fn dash_lists_are_not_quotes() {
        let q = quotes("Kommunen erbjuder:\n\n- bygglov\n- skolval\n- parkering");
        assert!(q.is_empty(), "{q:?}");
    }

    #[test]
    fn sa_read_as_sa_after_quotation_marks() {
        let q = quotes("”Vi är nöjda med året”, så Lena Berg vid mötet.");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].verb.as_deref(), Some("sa"));
        assert_eq!(q[0].speaker.as_deref(), Some("Lena Berg"));
        let q = quotes("— Det var fullt i salen, så han fick vänta ute.");
        assert_eq!(q[0].verb, None);
    }

    #[test]
    fn council_body_and_suspended_titles_in_attributions() {
        let q =
            quotes("— Det är en investering, säger kommunstyrelsens ordförande Gunnar Hed (S).");
        assert_eq!(q[0].text, "Det är en investering.");
        assert_eq!(q[0].speaker.as_deref(), Some("Gunnar Hed"));
        let q = quotes("— Det gick fort, säger barn- och utbildningschef Ingrid Ståhl.");
        assert_eq!(q[0].text, "Det gick fort.");
        assert_eq!(q[0].speaker.as_deref(), Some("Ingrid Ståhl"));
    }

    #[test]
    fn captions_in_quotation_marks() {
        // A caption naming its speaker on the line after the quote.
        let q = quotes(
            "”Samverkan är svårt för alla kommuner”, säger Karin Ny.\n\n\
             ”Samverkan är svårt för alla kommuner.”\nKarin Ny, utredare.",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].speaker.as_deref(), Some("Karin Ny"));
        assert_eq!(q[1].verb, None);
        // A quoted paragraph alone is speech only when it repeats a quote.
        let q = quotes("”Kommunen ska vara bäst i landet på service.”");
        assert!(q.is_empty(), "{q:?}");
        let q = quotes(
            "— Kommunen ska vara bäst i landet på service, säger Eva Ek.\n\n\
             ”Kommunen ska vara bäst i landet på service.”",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].speaker.as_deref(), Some("Eva Ek"));
    }
}
