//! Layout analysis: which lines are running text and which are layout debris,
//! and the paragraphs of the running text.
//!
//! Scanned reports interleave the article with running heads, page numbers,
//! photo credits and the labels of charts, and a paragraph broken by a page or
//! column often continues many lines later. This pass classifies every line and
//! rebuilds paragraphs, so that later passes read sentences, not lines.

use std::collections::{HashMap, HashSet};

use crate::tokenise::{Token, is_number, tokens};

/// What a line of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or whitespace only.
    Blank,
    /// Running text, headings and captions.
    Text,
    /// A line repeated as a page head ("Sveriges IT-kommun 2009"), or a page head
    /// made of the place and the article title ("Järfälla — Paradigmskifte ...").
    RunningHead,
    /// A line of numbers only (page numbers, axis ticks) or OCR noise with them.
    PageNumber,
    /// A label in a block of chart labels.
    ChartLabel,
    /// A photo credit line ("Foto: Bo Ek").
    Credit,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// Running text.
    Body,
    /// A short line or lines without sentence punctuation: a heading or label.
    Heading,
    /// A paragraph opening with a dash: direct speech in Swedish press style.
    Dash,
    /// A photo credit.
    Credit,
}

/// A paragraph: its lines joined with single spaces, with the input line each
/// part came from.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// What the paragraph is.
    pub kind: ParaKind,
    /// The text, lines joined by one space (a word split by a hyphen at a line
    /// end that the repair left is joined back).
    pub text: String,
    /// (byte offset in `text`, 0-based line index) for the start of each line.
    starts: Vec<(usize, usize)>,
}

impl Paragraph {
    fn new(kind: ParaKind) -> Paragraph {
        Paragraph {
            kind,
            text: String::new(),
            starts: Vec::new(),
        }
    }

    /// The 1-based input line of the byte at `offset` in [`Paragraph::text`].
    pub fn line_at(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&(o, _)| o <= offset);
        self.starts.get(i.saturating_sub(1)).map_or(0, |&(_, l)| l) + 1
    }

    /// The 1-based input line where the paragraph begins.
    pub fn first_line(&self) -> usize {
        self.starts.first().map_or(0, |&(_, l)| l) + 1
    }

    /// Byte ranges of the paragraph's parts, one per input line, with that line
    /// (0-based).
    pub fn line_spans(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        self.starts.iter().enumerate().map(|(i, &(start, line))| {
            let end = self.starts.get(i + 1).map_or(self.text.len(), |&(o, _)| o);
            (start, end, line)
        })
    }

    fn push_line(&mut self, line: &str, index: usize) {
        let line = line.trim();
        if line.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            if joins_hyphenated(&self.text, line) {
                // Undo a line-break hyphen the repair left: "verksam-" + "heten".
                self.text.pop();
            } else {
                self.text.push(' ');
            }
        }
        self.starts.push((self.text.len(), index));
        self.text.push_str(line);
    }
}

/// Whether `prev` ends in a word split by a line-break hyphen that `next`
/// completes: a lower-case letter before the hyphen and a lower-case word after
/// it that is not the conjunction of a suspended compound ("förvaltnings- och").
fn joins_hyphenated(prev: &str, next: &str) -> bool {
    let Some(stem) = prev.strip_suffix('-') else {
        return false;
    };
    let before = stem.chars().next_back();
    let first_word = next.split_whitespace().next().unwrap_or("");
    before.is_some_and(char::is_lowercase)
        && first_word.chars().next().is_some_and(char::is_lowercase)
        && !matches!(
            first_word.trim_end_matches([',', '.']),
            "och" | "eller" | "samt" | "som" | "resp" | "respektive" | "till"
        )
}

/// The layout of a document.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The kind of each input line.
    pub kinds: Vec<LineKind>,
    /// The paragraphs of running text, headings, captions and credits, in the
    /// order they begin.
    pub paragraphs: Vec<Paragraph>,
}

impl Layout {
    /// The tokens of each paragraph (see [`tokens`]), in paragraph order.
    /// [`super::extract`] splits them once for all the passes that read them.
    pub fn tokens(&self) -> Vec<Vec<Token<'_>>> {
        self.paragraphs.iter().map(|p| tokens(&p.text)).collect()
    }
}

/// Analyses the repaired lines of a document.
pub fn analyse(lines: &[String]) -> Layout {
    let mut kinds: Vec<LineKind> = lines.iter().map(|l| classify(l)).collect();
    mark_running_heads(lines, &mut kinds);
    mark_chart_blocks(lines, &mut kinds);
    let paragraphs = paragraphs(lines, &kinds);
    Layout { kinds, paragraphs }
}

fn classify(line: &str) -> LineKind {
    let t = line.trim();
    if t.is_empty() {
        LineKind::Blank
    } else if is_credit(t) {
        LineKind::Credit
    } else if is_number_debris(t) {
        LineKind::PageNumber
    } else {
        LineKind::Text
    }
}

/// Whether a line is a photo or illustration credit ("Foto: Bo Ek").
pub fn is_credit(line: &str) -> bool {
    const LABELS: [&str; 7] = [
        "foto:",
        "foto :",
        "bild:",
        "fotograf:",
        "photo:",
        "illustration:",
        "fotografi:",
    ];
    // Only the start of the line can match: lower-case the first few
    // characters, not the whole line. Every character lower-cases to one or
    // more characters, so those of the line's lower case that the labels can
    // reach come from its first `LONGEST` characters.
    const LONGEST: usize = 13;
    let t = line.trim_start();
    // The labels start with f, b, p or i; no other character lower-cases to
    // one of these ("İ" makes "i" and a combining dot, which no label has).
    if !t.starts_with(['f', 'b', 'p', 'i', 'F', 'B', 'P', 'I']) {
        return false;
    }
    let end = t.char_indices().nth(LONGEST).map_or(t.len(), |(i, _)| i);
    super::lex::with_lower(&t[..end], |head| LABELS.iter().any(|p| head.starts_with(p)))
}

/// Whether a line holds numbers and nothing but OCR crumbs of one or two
/// characters: a page number, axis ticks, or a chart label the OCR shredded
/// ("4", "12", "e J 31| 2"). Short Swedish words ("i", "år", "kr") are real text.
fn is_number_debris(line: &str) -> bool {
    let mut numbers = 0;
    for raw in line.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if is_number(w) || w.chars().all(|c| c.is_ascii_digit()) {
            numbers += 1;
        } else if w.chars().count() > 2
            || matches!(
                w.to_lowercase().as_str(),
                "i" | "å" | "år" | "på" | "av" | "om" | "en" | "kr" | "st" | "ca" | "nr"
            )
        {
            return false;
        }
    }
    numbers > 0
}

/// Words of a line.
fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['”', '"', '’', '»', ')'])
        .ends_with(['.', '!', '?', ':', ';', '…'])
}

/// Whether a line opens with a dash that introduces speech ("— Vi ...", "- Det").
pub fn opens_with_dash(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    match (chars.next(), chars.next(), chars.next()) {
        (Some('—' | '–'), Some(c), _) => c.is_whitespace() || c.is_uppercase() || is_quote(c),
        (Some('-'), Some(c), Some(d)) => c.is_whitespace() && (d.is_uppercase() || is_quote(d)),
        _ => false,
    }
}

/// Quotation marks used in Swedish print and by OCR.
pub fn is_quote(c: char) -> bool {
    matches!(c, '”' | '"' | '“' | '„' | '«' | '»')
}

/// Letters of a line, lower case: the key under which repeated heads compare
/// equal whatever their page number or punctuation.
fn head_key(line: &str) -> String {
    line.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether line `i` stands alone between blank lines (or the document's ends).
fn isolated(lines: &[String], i: usize) -> bool {
    let blank = |j: usize| lines.get(j).is_none_or(|l| l.trim().is_empty());
    (i == 0 || blank(i - 1)) && blank(i + 1)
}

/// Running heads: short isolated lines that repeat, and "Place — Title" lines
/// whose title part repeats another heading of the document.
fn mark_running_heads(lines: &[String], kinds: &mut [LineKind]) {
    let candidate = |i: usize, l: &str| {
        kinds[i] == LineKind::Text
            && isolated(lines, i)
            && word_count(l) <= 12
            && !l.trim_end().ends_with('.')
            && !opens_with_dash(l)
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        if candidate(i, l) {
            let k = head_key(l);
            if k.chars().count() >= 6 {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    let heads: HashSet<&String> = counts.keys().collect();
    let mut found = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !candidate(i, l) {
            continue;
        }
        let k = head_key(l);
        let repeated = counts.get(&k).is_some_and(|&n| n >= 2);
        // "Place — Title": a side that is another heading of the document.
        let composed = [" — ", " – ", " | ", " - "].iter().any(|sep| {
            l.split_once(sep).is_some_and(|(a, b)| {
                [a, b].iter().any(|side| {
                    let sk = head_key(side);
                    sk.chars().count() >= 8 && sk != k && heads.contains(&sk)
                })
            })
        });
        if repeated || composed {
            found.push(i);
        }
    }
    for i in found {
        kinds[i] = LineKind::RunningHead;
    }
}

/// Chart label blocks: a run of at least three short blocks without sentence
/// punctuation, with at least one line of bare numbers (axis ticks) among them.
/// Headings and titles come alone or in pairs and carry no tick numbers.
fn mark_chart_blocks(lines: &[String], kinds: &mut [LineKind]) {
    // Blocks of consecutive non-blank lines.
    let blocks = runs(kinds, |k| *k == LineKind::Blank);
    #[derive(PartialEq)]
    enum B {
        Fragment,
        Neutral,
        Numbers,
        Prose,
    }
    let shape = |&(s, e): &(usize, usize)| {
        let text: Vec<usize> = (s..e).filter(|&j| kinds[j] == LineKind::Text).collect();
        if text.is_empty() {
            return if (s..e).any(|j| kinds[j] == LineKind::PageNumber) {
                B::Numbers
            } else {
                B::Neutral
            };
        }
        let fragment = text.len() <= 4
            && text.iter().all(|&j| {
                let l = lines[j].trim();
                word_count(l) <= 7
                    && !ends_sentence(l)
                    && !opens_with_dash(l)
                    && !l.starts_with(is_quote)
            });
        if fragment { B::Fragment } else { B::Prose }
    };
    let shapes: Vec<B> = blocks.iter().map(shape).collect();
    // Runs of blocks that are not prose.
    for (start, b) in runs(&shapes, |s| *s == B::Prose) {
        let run = &shapes[start..b];
        let fragments = run.iter().filter(|s| **s == B::Fragment).count();
        // Tick numbers on lines of their own, or values at the end of labels
        // ("Styrning och ledning 3,2"); a year there is a title, not a value.
        let labelled_values = blocks[start..b]
            .iter()
            .flat_map(|&(s, e)| s..e)
            .filter(|&j| kinds[j] == LineKind::Text && word_count(&lines[j]) <= 7)
            .filter(|&j| {
                lines[j].split_whitespace().next_back().is_some_and(|w| {
                    is_number(w) && !(w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                })
            })
            .count();
        let numbers = run.iter().filter(|s| **s == B::Numbers).count() + labelled_values;
        if fragments >= 3 && numbers >= 1 {
            for &(s, e) in &blocks[start..b] {
                for k in kinds.iter_mut().take(e).skip(s) {
                    if *k == LineKind::Text {
                        *k = LineKind::ChartLabel;
                    }
                }
            }
        }
    }
}

/// The maximal runs of `items` that hold no separator, as (start, end
/// exclusive).
fn runs<T>(items: &[T], is_separator: impl Fn(&T) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        if is_separator(&items[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < items.len() && !is_separator(&items[i]) {
            i += 1;
        }
        out.push((start, i));
    }
    out
}

/// Whether a paragraph segment is a heading: one to three short lines with no
/// sentence punctuation at all, not ending in a function word (a line that ends
/// in "med" or "och" is a sentence cut by a page break, not a heading).
fn is_heading(seg: &[&str]) -> bool {
    let words: usize = seg.iter().map(|l| word_count(l)).sum();
    let last_word = seg
        .last()
        .and_then(|l| l.split_whitespace().next_back())
        .map(str::to_lowercase)
        .unwrap_or_default();
    seg.len() <= 3
        && !super::lex::is_function_word(&last_word)
        && words <= 12
        && seg
            .iter()
            .all(|l| !l.contains(['.', '!', '?', ':', ';']) && !opens_with_dash(l))
        && seg
            .first()
            .and_then(|l| l.trim().chars().next())
            .is_some_and(|c| !c.is_lowercase())
}

/// Rebuilds paragraphs from the text lines. A block of lines without blank
/// lines is a paragraph, split again where a line opens with a speech dash. A
/// block that starts in lower case continues the last paragraph left without
/// closing punctuation: the rest of a sentence broken by a page, column, photo
/// or chart.
fn paragraphs(lines: &[String], kinds: &[LineKind]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < lines.len() {
        if kinds[i] == LineKind::Blank {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && kinds[i] != LineKind::Blank {
            i += 1;
        }
        // Segments of this block: runs of Text lines, split at speech dashes.
        let mut segments: Vec<Vec<usize>> = Vec::new();
        for j in start..i {
            match kinds[j] {
                LineKind::Text => {
                    let new = segments.last().is_none() || opens_with_dash(&lines[j]);
                    if new {
                        segments.push(vec![j]);
                    } else if let Some(s) = segments.last_mut() {
                        s.push(j);
                    }
                }
                LineKind::Credit => {
                    let mut p = Paragraph::new(ParaKind::Credit);
                    p.push_line(&lines[j], j);
                    out.push(p);
                    segments.push(Vec::new());
                }
                _ => {}
            }
        }
        for seg in segments.into_iter().filter(|s| !s.is_empty()) {
            let texts: Vec<&str> = seg.iter().map(|&j| lines[j].trim()).collect();
            let first = texts.first().copied().unwrap_or("");
            let continues = first
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                && !opens_with_dash(first);
            let target = match (continues, open) {
                (true, Some(p)) => p,
                _ => {
                    let kind = if opens_with_dash(first) {
                        ParaKind::Dash
                    } else if is_heading(&texts) {
                        ParaKind::Heading
                    } else {
                        ParaKind::Body
                    };
                    out.push(Paragraph::new(kind));
                    out.len() - 1
                }
            };
            // Room for the whole segment at once, not a reallocation per line.
            let room: usize = texts.iter().map(|t| t.len() + 1).sum();
            out[target].text.reserve(room);
            for &j in &seg {
                out[target].push_line(&lines[j], j);
            }
            let p = &out[target];
            if p.kind != ParaKind::Heading && !ends_sentence(&p.text) {
                open = Some(target);
            } else if open == Some(target) {
                open = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn credit_test_on_the_line_start_is_the_whole_line_test() {
        let whole = |line: &str| {
            let lower = line.trim_start().to_lowercase();
            [
                "foto:",
                "foto :",
                "bild:",
                "fotograf:",
                "photo:",
                "illustration:",
                "fotografi:",
            ]
            .iter()
            .any(|p| lower.starts_with(p))
        };
        let mut lines = Vec::new();
        for label in [
            "Foto: Bo Ek",
            "FOTO : x",
            "bild:",
            "Fotografi: Å",
            "ILLUSTRATION: Ås",
        ] {
            lines.push(label.to_string());
            lines.push(format!("  {label}"));
            for c in (0..0x3000).filter_map(char::from_u32) {
                lines.push(format!("{c}{}", &label[1..]));
                lines.push(format!("{}{c}{}", &label[..1], &label[2..]));
            }
        }
        for line in &lines {
            assert_eq!(is_credit(line), whole(line), "{line:?}");
        }
    }

    #[test]
    fn repeated_isolated_lines_are_running_heads() {
        let d =
            doc("Årsrapport 2020\n\nKommunen växer.\n\nÅrsrapport 2020\n\nDen har fler invånare.");
        let l = analyse(&d);
        assert_eq!(l.kinds[0], LineKind::RunningHead);
        assert_eq!(l.kinds[4], LineKind::RunningHead);
        assert_eq!(l.kinds[2], LineKind::Text);
    }

    #[test]
    fn place_and_title_line_is_a_running_head() {
        let d = doc(
            "Ny skola byggs i Ås\n\nBygget tar två år.\n\nÅs — Ny skola byggs i Ås\n\nMer text här.",
        );
        let l = analyse(&d);
        assert_eq!(l.kinds[4], LineKind::RunningHead);
        assert_eq!(l.kinds[0], LineKind::Text);
    }

    #[test]
    fn lone_numbers_and_chart_blocks() {
        let d = doc(
            "Vi har ökat antalet besök kraftigt under året.\n\nBesök per månad\n\nSnitt alla bibliotek\n\n\
             12\n\nUtlån totalt\n\nÖppettider per vecka\n\nDet visar att satsningen gav resultat.\n\n14",
        );
        let l = analyse(&d);
        assert_eq!(l.kinds[6], LineKind::PageNumber);
        assert_eq!(l.kinds[2], LineKind::ChartLabel);
        assert_eq!(l.kinds[10], LineKind::ChartLabel);
        assert_eq!(l.kinds[12], LineKind::Text);
        assert_eq!(l.kinds[14], LineKind::PageNumber);
        assert!(!is_number_debris("I år 2009"));
        let d = doc(
            "Text före diagrammet kommer här.\n\nLedning 3,2\n\nSamverkan 2,9\n\nIT-drift 3,5\n\nText efter diagrammet.",
        );
        let l = analyse(&d);
        assert_eq!(l.kinds[2], LineKind::ChartLabel);
        assert_eq!(l.kinds[6], LineKind::ChartLabel);
        assert!(is_number_debris("e J 31| 2"));
    }

    #[test]
    fn paragraph_continues_after_page_break_and_caption() {
        let d = doc(
            "Skolan har under året arbetat med\n\nÅrsrapport\n\n— Det är roligt, säger Eva Ek.\n\n\
             Foto: Per Ås\n\nnya läromedel i alla klasser.\n\nÅrsrapport",
        );
        let l = analyse(&d);
        let body = &l.paragraphs[0];
        assert_eq!(body.kind, ParaKind::Body);
        assert_eq!(
            body.text,
            "Skolan har under året arbetat med nya läromedel i alla klasser."
        );
        assert_eq!(body.line_at(body.text.find("nya").unwrap_or(0)), 9);
        assert!(
            l.paragraphs
                .iter()
                .any(|p| p.kind == ParaKind::Dash && p.first_line() == 5)
        );
        assert!(l.paragraphs.iter().any(|p| p.kind == ParaKind::Credit));
    }

    #[test]
    fn dash_line_starts_a_new_paragraph_in_a_block() {
        let d = doc("xq\n— Vi är nöjda med\nresultatet, säger hon.");
        let l = analyse(&d);
        assert_eq!(l.paragraphs.len(), 2);
        assert_eq!(l.paragraphs[1].kind, ParaKind::Dash);
        assert_eq!(
            l.paragraphs[1].text,
            "— Vi är nöjda med resultatet, säger hon."
        );
    }

    #[test]
    fn leftover_line_break_hyphen_is_joined() {
        let d = doc("Det gäller verksam-\nheten och förvaltnings-\noch bolagsgränser.");
        let l = analyse(&d);
        assert_eq!(
            l.paragraphs[0].text,
            "Det gäller verksamheten och förvaltnings- och bolagsgränser."
        );
    }
}
