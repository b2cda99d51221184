//! The benchmark corpus: an OCR noise model fitted to the seed-dev fixtures, and a
//! deterministic generator that applies it to clean Swedish text.
//!
//! Shared by the `gen_corpus` example (the command) and the criterion bench
//! (which builds a small document set in memory), through `#[path]` modules, so
//! that none of it ends up in the installed `ocrfix` binary.
//!
//! Determinism: the generator uses its own xoshiro256** generator (never an
//! external crate whose algorithm could change between versions), never iterates
//! a hash map, reads its sources in sorted order, and seeds every document from
//! the run seed and the document's index. The same seed, sources and noise table
//! therefore give a byte-identical corpus, and a smaller corpus is a prefix of a
//! larger one with the same seed (document N is the same in both, except the
//! smaller corpus's final document or two, cut to the bytes remaining).

#![allow(dead_code)] // Each including target uses a different part.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------
// Random numbers
// ---------------------------------------------------------------------------

/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64. Written out here
/// so that the corpus for a seed never changes with a dependency's version.
#[derive(Debug, Clone)]
pub struct Rng {
    s: [u64; 4],
}

fn splitmix64(x: &mut u64) -> u64 {
    *x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator for `seed`; `stream` separates independent sequences (one per
    /// document) drawn from the same seed.
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut x = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        Rng {
            s: [
                splitmix64(&mut x),
                splitmix64(&mut x),
                splitmix64(&mut x),
                splitmix64(&mut x),
            ],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n) (n > 0), by multiply-shift (bias far below any effect).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in [lo, hi] (inclusive).
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

// ---------------------------------------------------------------------------
// The noise table
// ---------------------------------------------------------------------------

/// Words that follow a suspended compound's hyphen ("kunskaps- och"): such a
/// hyphen at a line end is not line-break hyphenation.
const CONJUNCTIONS: &[&str] = &["och", "eller", "samt", "respektive", "resp.", "till", "som"];

/// One observed way of printing a piece of clean text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row {
    /// The clean text (usually one character).
    pub truth: String,
    /// What the OCR printed for it (may be empty: dropped).
    pub seen: String,
    /// Times seen in the aligned fixtures.
    pub count: u32,
    /// Times `truth` occurs in the aligned gold words (the denominator).
    pub opportunities: u32,
}

/// What [`fit`] learns from the fixtures: the character confusion table and the
/// rates of the word- and line-level damage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NoiseTable {
    /// Character renderings, sorted by truth then seen.
    pub rows: Vec<Row>,
    /// Share of wrapped line ends (a line followed by a non-blank line) that end
    /// in a line-break hyphen.
    pub hyphen_share: f64,
    /// Spaces the OCR put inside a word, per gold word.
    pub split_rate: f64,
    /// Spaces the OCR lost between words, per gold word.
    pub join_rate: f64,
    /// Lowest and highest damage of one fixture relative to all fixtures pooled
    /// (misprinted å/ä/ö share). Informative: the generator's own
    /// [`Settings::severity`] says how much documents vary.
    pub severity: (f64, f64),
    /// Gold words aligned (the base of the rates).
    pub words: u32,
    /// Gold words left out because their alignment was not trustworthy.
    pub words_skipped: u32,
    /// Line ends counted for `hyphen_share`.
    pub line_ends: u32,
}

impl NoiseTable {
    /// The table committed in `benches/noise_table.tsv`.
    pub fn committed() -> NoiseTable {
        NoiseTable::parse(include_str!("../noise_table.tsv")).expect("committed noise table parses")
    }

    /// Reads the TSV written by [`NoiseTable::to_tsv`].
    pub fn parse(text: &str) -> Result<NoiseTable, String> {
        let mut t = NoiseTable::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("noise table line {}: {line:?}", n + 1);
            let num = |s: &str| s.parse::<f64>().map_err(|_| bad());
            match f.as_slice() {
                ["param", "hyphen_share", v] => t.hyphen_share = num(v)?,
                ["param", "split_rate", v] => t.split_rate = num(v)?,
                ["param", "join_rate", v] => t.join_rate = num(v)?,
                ["param", "severity_min", v] => t.severity.0 = num(v)?,
                ["param", "severity_max", v] => t.severity.1 = num(v)?,
                ["param", "words", v] => t.words = num(v)? as u32,
                ["param", "words_skipped", v] => t.words_skipped = num(v)? as u32,
                ["param", "line_ends", v] => t.line_ends = num(v)? as u32,
                ["row", truth, seen, count, opp, ..] => t.rows.push(Row {
                    truth: unescape(truth),
                    seen: unescape(seen),
                    count: count.parse().map_err(|_| bad())?,
                    opportunities: opp.parse().map_err(|_| bad())?,
                }),
                _ => return Err(bad()),
            }
        }
        Ok(t)
    }

    /// The table as TSV, with a header that says how it was made and how to read it.
    pub fn to_tsv(&self) -> String {
        let mut s = String::new();
        s.push_str(
            "# OCR noise table fitted to fixtures/seed-dev (NAME.txt aligned to NAME.gold.txt).\n\
             # Regenerate: cargo run --release --example gen_corpus -- fit fixtures/seed-dev > benches/noise_table.tsv\n\
             # row: truth, what the OCR printed (\\e = nothing), times seen, times truth occurs\n\
             # in the aligned gold words, probability (= seen / occurrences; informative only).\n",
        );
        for (k, v) in [
            ("hyphen_share", self.hyphen_share),
            ("split_rate", self.split_rate),
            ("join_rate", self.join_rate),
            ("severity_min", self.severity.0),
            ("severity_max", self.severity.1),
            ("words", f64::from(self.words)),
            ("words_skipped", f64::from(self.words_skipped)),
            ("line_ends", f64::from(self.line_ends)),
        ] {
            let _ = writeln!(s, "param\t{k}\t{}", round6(v));
        }
        for r in &self.rows {
            let p = f64::from(r.count) / f64::from(r.opportunities.max(1));
            let _ = writeln!(
                s,
                "row\t{}\t{}\t{}\t{}\t{:.4}",
                escape(&r.truth),
                escape(&r.seen),
                r.count,
                r.opportunities,
                p
            );
        }
        s
    }
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// Fields may be empty or hold a tab or backslash; `\e` marks the empty string.
fn escape(s: &str) -> String {
    if s.is_empty() {
        return "\\e".to_string();
    }
    s.replace('\\', "\\\\").replace('\t', "\\t")
}

fn unescape(s: &str) -> String {
    if s == "\\e" {
        return String::new();
    }
    s.replace("\\t", "\t").replace("\\\\", "\\")
}

// ---------------------------------------------------------------------------
// Fitting: aligning OCR to gold
// ---------------------------------------------------------------------------

/// An edit step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Equal,
    Sub,
    /// Only in the OCR (inserted).
    Ins,
    /// Only in the gold (dropped by the OCR).
    Del,
}

/// Levenshtein alignment of `a` (OCR) to `b` (gold) with unit costs; among equal
/// paths it prefers substitutions, so that a misread letter aligns with its truth.
fn align<A, B>(a: &[A], b: &[B], eq: impl Fn(&A, &B) -> bool) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut d = vec![0u32; (n + 1) * w];
    for i in 0..=n {
        d[i * w] = i as u32;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j as u32;
    }
    for i in 1..=n {
        for j in 1..=m {
            let sub = d[(i - 1) * w + j - 1] + u32::from(!eq(&a[i - 1], &b[j - 1]));
            let ins = d[(i - 1) * w + j] + 1;
            let del = d[i * w + j - 1] + 1;
            d[i * w + j] = sub.min(ins).min(del);
        }
    }
    let mut ops = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 {
            let same = eq(&a[i - 1], &b[j - 1]);
            if d[i * w + j] == d[(i - 1) * w + j - 1] + u32::from(!same) {
                ops.push(if same { Op::Equal } else { Op::Sub });
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && d[i * w + j] == d[(i - 1) * w + j] + 1 {
            ops.push(Op::Ins);
            i -= 1;
        } else {
            ops.push(Op::Del);
            j -= 1;
        }
    }
    ops.reverse();
    ops
}

/// The blocks in which an OCR word differs from its gold word, as
/// (gold text, OCR text). An inserted character is joined to the letter before
/// it (or after it, at the start), so that "fjairde" for "fjärde" counts as
/// ä printed "ai", and "20009" for "2009" as 0 printed "00".
pub fn char_blocks(ocr: &str, gold: &str) -> Vec<(String, String)> {
    let a: Vec<char> = ocr.chars().collect();
    let b: Vec<char> = gold.chars().collect();
    let ops = align(&a, &b, |x, y| x == y);
    // Walk the ops, collecting (gold char or none, ocr char or none).
    let mut pairs: Vec<(Option<char>, Option<char>, Op)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for op in ops {
        match op {
            Op::Equal | Op::Sub => {
                pairs.push((Some(b[j]), Some(a[i]), op));
                i += 1;
                j += 1;
            }
            Op::Ins => {
                pairs.push((None, Some(a[i]), op));
                i += 1;
            }
            Op::Del => {
                pairs.push((Some(b[j]), None, op));
                j += 1;
            }
        }
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut k = 0;
    while k < pairs.len() {
        if pairs[k].2 == Op::Equal {
            k += 1;
            continue;
        }
        let start = k;
        while k < pairs.len() && pairs[k].2 != Op::Equal {
            k += 1;
        }
        let block = &pairs[start..k];
        let mut g: String = block.iter().filter_map(|p| p.0).collect();
        let mut o: String = block.iter().filter_map(|p| p.1).collect();
        if g.is_empty() {
            // A pure insertion belongs to a neighbouring letter: the one after
            // it when it doubles that letter ("20009": 0 printed "00"),
            // otherwise the one before it ("moijligt": ö printed "oi").
            let next = pairs.get(k).and_then(|p| p.0);
            if next.is_some_and(|c| o.chars().all(|x| x == c)) {
                let c = next.expect("checked");
                g.push(c);
                o.push(c);
            } else if start > 0 {
                let c = pairs[start - 1].0.expect("equal pair has gold");
                g.push(c);
                o.insert(0, c);
            } else if let Some(c) = pairs.get(k).and_then(|p| p.0) {
                g.push(c);
                o.push(c);
            } else {
                continue;
            }
        }
        let (gc, oc): (Vec<char>, Vec<char>) = (g.chars().collect(), o.chars().collect());
        if gc.len() > 1 && gc.len() == oc.len() {
            // Equal lengths: independent substitutions, one row each.
            for (x, y) in gc.iter().zip(&oc) {
                out.push((x.to_string(), y.to_string()));
            }
        } else {
            out.push((g, o));
        }
    }
    out
}

/// An OCR word, possibly rejoined from a line-break hyphenation.
#[derive(Debug, Clone)]
struct OcrWord {
    /// With the line-break hyphen dropped ("förvaltning").
    text: String,
    /// With it kept ("IT-avdelningen"), when the word was joined.
    kept: Option<String>,
}

/// Counts gathered from one or more fixtures.
#[derive(Debug, Default)]
struct Counts {
    rows: HashMap<(String, String), u32>,
    gold_words: Vec<String>,
    splits: u32,
    joins: u32,
    skipped: u32,
    line_ends: u32,
    hyphenated: u32,
}

/// OCR words of a document, with line-break hyphenation rejoined, and the line
/// end counts (wrapped line ends, hyphenated ones).
fn ocr_words(ocr: &str) -> (Vec<OcrWord>, u32, u32) {
    let lines: Vec<&str> = ocr.lines().collect();
    let mut words: Vec<OcrWord> = Vec::new();
    let (mut ends, mut hyphenated) = (0, 0);
    // The head of a word split at the previous line end ("forvalt-").
    let mut carry: Option<String> = None;
    for (i, line) in lines.iter().enumerate() {
        let toks: Vec<&str> = line.split_whitespace().collect();
        if toks.is_empty() {
            // The continuation may sit after a blank line.
            continue;
        }
        let wrapped = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if wrapped {
            ends += 1;
        }
        let next_first = lines[i + 1..]
            .iter()
            .find_map(|l| l.split_whitespace().next());
        for (k, t) in toks.iter().enumerate() {
            let mut w = match (k, carry.take()) {
                (0, Some(h)) => OcrWord {
                    text: format!("{}{t}", &h[..h.len() - 1]),
                    kept: Some(format!("{h}{t}")),
                },
                _ => OcrWord {
                    text: t.to_string(),
                    kept: None,
                },
            };
            let last = k + 1 == toks.len();
            let head = last
                && w.text.len() > 1
                && w.text.ends_with('-')
                && next_first.is_some_and(|n| !CONJUNCTIONS.contains(&n.to_lowercase().as_str()));
            if head {
                if wrapped {
                    hyphenated += 1;
                }
                carry = Some(std::mem::take(&mut w.text));
            } else {
                words.push(w);
            }
        }
    }
    if let Some(h) = carry {
        words.push(OcrWord {
            text: h,
            kept: None,
        });
    }
    (words, ends, hyphenated)
}

/// Normalised character distance between two strings (0 same .. 1 unrelated).
fn distance(a: &str, b: &str) -> f64 {
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let ops = align(&x, &y, |p, q| p == q);
    let edits = ops.iter().filter(|o| **o != Op::Equal).count();
    edits as f64 / x.len().max(y.len()).max(1) as f64
}

/// Blocks where the OCR is further than this from the gold are not OCR damage
/// but alignment slips (a word missing on one side) and are left out.
const MAX_BLOCK_DISTANCE: f64 = 0.5;

fn count_document(ocr: &str, gold: &str, c: &mut Counts) {
    let (words, ends, hyphenated) = ocr_words(ocr);
    c.line_ends += ends;
    c.hyphenated += hyphenated;
    let gold_words: Vec<&str> = gold.split_whitespace().collect();
    let ops = align(&words, &gold_words, |o, g| {
        o.text == *g || o.kept.as_deref() == Some(*g)
    });
    let (mut i, mut j) = (0, 0);
    let mut k = 0;
    while k < ops.len() {
        if ops[k] == Op::Equal {
            c.gold_words.push(gold_words[j].to_string());
            i += 1;
            j += 1;
            k += 1;
            continue;
        }
        // A block of differing words.
        let (i0, j0) = (i, j);
        while k < ops.len() && ops[k] != Op::Equal {
            match ops[k] {
                Op::Sub => {
                    i += 1;
                    j += 1;
                }
                Op::Ins => i += 1,
                Op::Del => j += 1,
                Op::Equal => unreachable!(),
            }
            k += 1;
        }
        let o = &words[i0..i];
        let g = &gold_words[j0..j];
        // The variant of a rejoined word that is closer to the gold.
        let pick = |w: &OcrWord, gold: &str| -> String {
            match &w.kept {
                Some(kept) if distance(kept, gold) < distance(&w.text, gold) => kept.clone(),
                _ => w.text.clone(),
            }
        };
        if o.len() == g.len() {
            for (w, gw) in o.iter().zip(g) {
                let w = pick(w, gw);
                if distance(&w, gw) > MAX_BLOCK_DISTANCE {
                    c.skipped += 1;
                    continue;
                }
                c.gold_words.push(gw.to_string());
                for (t, s) in char_blocks(&w, gw) {
                    *c.rows.entry((t, s)).or_default() += 1;
                }
            }
        } else {
            // Words split or joined by a space: compare the runs without spaces.
            let gj: String = g.concat();
            let oj: String = o.iter().map(|w| pick(w, &gj)).collect();
            if o.is_empty() || g.is_empty() || distance(&oj, &gj) > MAX_BLOCK_DISTANCE {
                c.skipped += g.len() as u32;
                continue;
            }
            if o.len() > g.len() {
                c.splits += (o.len() - g.len()) as u32;
            } else {
                c.joins += (g.len() - o.len()) as u32;
            }
            c.gold_words.extend(g.iter().map(|s| s.to_string()));
            for (t, s) in char_blocks(&oj, &gj) {
                *c.rows.entry((t, s)).or_default() += 1;
            }
        }
    }
}

/// Share of å/ä/ö (either case) in `c`'s gold words that the OCR misprinted.
fn diacritic_damage(c: &Counts) -> f64 {
    let is_d = |s: &str| matches!(s, "å" | "ä" | "ö" | "Å" | "Ä" | "Ö");
    let damaged: u32 = c
        .rows
        .iter()
        .filter(|((t, _), _)| is_d(t))
        .map(|(_, n)| n)
        .sum();
    let total: usize = c
        .gold_words
        .iter()
        .map(|w| w.chars().filter(|ch| "åäöÅÄÖ".contains(*ch)).count())
        .sum();
    f64::from(damaged) / total.max(1) as f64
}

/// Fits the noise table to (OCR, gold) document pairs.
pub fn fit(docs: &[(String, String)]) -> NoiseTable {
    let mut all = Counts::default();
    let mut per_doc = Vec::new();
    for (ocr, gold) in docs {
        let mut c = Counts::default();
        count_document(ocr, gold, &mut c);
        per_doc.push(diacritic_damage(&c));
        all.splits += c.splits;
        all.joins += c.joins;
        all.skipped += c.skipped;
        all.line_ends += c.line_ends;
        all.hyphenated += c.hyphenated;
        all.gold_words.extend(c.gold_words);
        for (k, v) in c.rows {
            *all.rows.entry(k).or_default() += v;
        }
    }
    let pooled = diacritic_damage(&all);
    // Occurrences of each truth in the aligned gold words.
    let mut truths: Vec<&String> = all.rows.keys().map(|(t, _)| t).collect();
    truths.sort();
    truths.dedup();
    let mut opportunities: HashMap<String, u32> = HashMap::new();
    for t in truths {
        let n: usize = all
            .gold_words
            .iter()
            .map(|w| w.matches(t.as_str()).count())
            .sum();
        opportunities.insert(t.clone(), n as u32);
    }
    let mut rows: Vec<Row> = all
        .rows
        .iter()
        .map(|((t, s), &count)| Row {
            truth: t.clone(),
            seen: s.clone(),
            count,
            // A block can straddle a word boundary when words were joined; never
            // let a rate exceed one.
            opportunities: opportunities[t].max(count),
        })
        .collect();
    rows.sort();
    let words = all.gold_words.len() as u32;
    let lo = per_doc.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = per_doc.iter().copied().fold(0.0, f64::max);
    NoiseTable {
        rows,
        hyphen_share: f64::from(all.hyphenated) / f64::from(all.line_ends.max(1)),
        split_rate: f64::from(all.splits) / f64::from(words.max(1)),
        join_rate: f64::from(all.joins) / f64::from(words.max(1)),
        severity: if pooled > 0.0 {
            (lo / pooled, hi / pooled)
        } else {
            (1.0, 1.0)
        },
        words,
        words_skipped: all.skipped,
        line_ends: all.line_ends,
    }
}

/// Reads the fixture pairs `NAME.txt` + `NAME.gold.txt` of a folder, by name.
pub fn read_fixtures(dir: &Path) -> std::io::Result<Vec<(String, String)>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for gold in names {
        let g = gold.to_string_lossy();
        let ocr = PathBuf::from(format!("{}.txt", &g[..g.len() - ".gold.txt".len()]));
        out.push((
            std::fs::read_to_string(&ocr)?,
            std::fs::read_to_string(&gold)?,
        ));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------
// The noise model the generator applies
// ---------------------------------------------------------------------------

/// Below this many occurrences in the fixtures a capital's own rows are too
/// few to trust, and the lower-case letter's rows are used, capitalised.
const MIN_OPPORTUNITIES: u32 = 20;

/// One way to print a truth, with its probability at severity 1.
#[derive(Debug, Clone)]
struct Rendering {
    truth: Vec<char>,
    seen: String,
    p: f64,
}

/// The fitted table turned into per-character sampling lists.
#[derive(Debug, Clone)]
pub struct NoiseModel {
    by_first: HashMap<char, Vec<Rendering>>,
    /// See [`NoiseTable`].
    pub hyphen_share: f64,
    /// See [`NoiseTable`].
    pub split_rate: f64,
    /// See [`NoiseTable`].
    pub join_rate: f64,
}

impl NoiseModel {
    /// The sampling lists for a table.
    pub fn new(table: &NoiseTable) -> NoiseModel {
        let mut by_first: HashMap<char, Vec<Rendering>> = HashMap::new();
        let mut opp: HashMap<char, u32> = HashMap::new();
        for r in &table.rows {
            let truth: Vec<char> = r.truth.chars().collect();
            if truth.len() == 1 {
                opp.insert(truth[0], r.opportunities);
            }
            by_first.entry(truth[0]).or_default().push(Rendering {
                truth,
                seen: r.seen.clone(),
                p: f64::from(r.count) / f64::from(r.opportunities.max(1)),
            });
        }
        // Capitals the fixtures show too rarely to fit (Å, Ä, Ö occur a handful
        // of times) lose their dots or ring: the fixtures' few capitals were
        // all printed that way ("Aven", "Over"). They are misprinted as often
        // as their lower-case letter is.
        for (lower, upper, base) in [('å', 'Å', "A"), ('ä', 'Ä', "A"), ('ö', 'Ö', "O")] {
            if opp.get(&upper).copied().unwrap_or(0) >= MIN_OPPORTUNITIES {
                continue;
            }
            let p: f64 = by_first.get(&lower).map_or(0.0, |v| {
                v.iter().filter(|r| r.truth.len() == 1).map(|r| r.p).sum()
            });
            by_first.insert(
                upper,
                vec![Rendering {
                    truth: vec![upper],
                    seen: base.to_string(),
                    p,
                }],
            );
        }
        // Longer truths first, so that they get their chance before the letter
        // alone; the sort key makes the order independent of the map.
        for v in by_first.values_mut() {
            v.sort_by(|a, b| {
                b.truth
                    .len()
                    .cmp(&a.truth.len())
                    .then_with(|| a.truth.cmp(&b.truth))
                    .then_with(|| a.seen.cmp(&b.seen))
            });
        }
        NoiseModel {
            by_first,
            hyphen_share: table.hyphen_share,
            split_rate: table.split_rate,
            join_rate: table.join_rate,
        }
    }

    /// `line` as the OCR would print it at `severity` (1 = the fixtures pooled).
    /// Returns the damaged line and how many characters were misprinted.
    pub fn damage(&self, line: &str, severity: f64, rng: &mut Rng) -> (String, usize) {
        let chars: Vec<char> = line.chars().collect();
        let mut out = String::with_capacity(line.len() + 8);
        let mut damaged = 0;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let mut taken = 1;
            let mut printed = false;
            if let Some(rs) = self.by_first.get(&c) {
                let u = rng.unit();
                let mut acc = 0.0;
                for r in rs {
                    if chars[i..].starts_with(&r.truth) {
                        acc += r.p * severity;
                        if u < acc {
                            out.push_str(&r.seen);
                            taken = r.truth.len();
                            printed = true;
                            damaged += 1;
                            break;
                        }
                    }
                }
            }
            if !printed {
                out.push(c);
            }
            i += taken;
        }
        // Spaces inside words and lost between words.
        let words: Vec<&str> = out.split(' ').collect();
        let mut joined = String::with_capacity(out.len() + 4);
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                if rng.chance(self.join_rate * severity) && !words[k - 1].is_empty() {
                    damaged += 1;
                } else {
                    joined.push(' ');
                }
            }
            let n = w.chars().count();
            if n >= 4
                && w.chars().all(char::is_alphabetic)
                && rng.chance(self.split_rate * severity)
            {
                let at = rng.between(1, n - 1);
                let byte = w.char_indices().nth(at).map_or(w.len(), |(b, _)| b);
                joined.push_str(&w[..byte]);
                joined.push(' ');
                joined.push_str(&w[byte..]);
                damaged += 1;
            } else {
                joined.push_str(w);
            }
        }
        (joined, damaged)
    }
}

// ---------------------------------------------------------------------------
// Clean sources
// ---------------------------------------------------------------------------

/// The Riksdagen corpus beside the repository (see `benches/README.md`).
pub fn default_riksdagen() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora/riksdagen-interpellations-1994-2020.txt.gz")
}

/// The fixtures' gold files.
pub fn default_gold_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-dev");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".gold.txt"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Clean documents: each a list of paragraphs (source lines).
#[derive(Debug, Default)]
pub struct Sources {
    pub docs: Vec<Vec<String>>,
    pub bytes: usize,
}

impl Sources {
    /// Reads clean text from files and folders (walked recursively, in sorted
    /// order): `*.txt` and `*.txt.gz`. A line starting with `### ` opens a new
    /// document (the Riksdagen corpus's convention); otherwise a file is one
    /// document.
    pub fn load(paths: &[PathBuf]) -> std::io::Result<Sources> {
        let mut files = Vec::new();
        for p in paths {
            collect_files(p, &mut files)?;
        }
        let mut s = Sources::default();
        for f in files {
            let text = read_text(&f)?;
            s.add_text(&text);
        }
        Ok(s)
    }

    /// Adds the documents of one text.
    pub fn add_text(&mut self, text: &str) {
        let mut doc: Vec<String> = Vec::new();
        for line in text.lines() {
            if line.starts_with("### ") {
                self.push_doc(std::mem::take(&mut doc));
                continue;
            }
            // Soft hyphens are the source's typesetting, not text; the
            // generator's own hyphenation is what the benchmark is about.
            let clean: String = line.chars().filter(|&c| c != '\u{AD}').collect();
            self.bytes += clean.len() + 1;
            doc.push(clean.trim_end().to_string());
        }
        self.push_doc(doc);
    }

    /// Turns a document's lines into paragraphs. Sources come in two layouts:
    /// a paragraph per line (the Riksdagen corpus: long lines, no blank lines)
    /// or lines already wrapped, paragraphs separated by blank lines (the
    /// fixtures' gold files). A blank-line-separated block whose lines are all
    /// short is taken as one wrapped paragraph and joined; any other line is a
    /// paragraph of its own. Blocks are separated by an empty paragraph.
    fn push_doc(&mut self, lines: Vec<String>) {
        let mut paragraphs: Vec<String> = Vec::new();
        for block in lines.split(|l| l.trim().is_empty()) {
            if block.is_empty() {
                continue;
            }
            if !paragraphs.is_empty() {
                paragraphs.push(String::new());
            }
            let wrapped =
                block.len() > 1 && block.iter().all(|l| l.chars().count() <= WRAPPED_LINE);
            if wrapped {
                paragraphs.push(block.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "));
            } else {
                paragraphs.extend(block.iter().cloned());
            }
        }
        if !paragraphs.is_empty() {
            self.docs.push(paragraphs);
        }
    }
}

/// Lines up to this long in a block of several are a wrapped paragraph's lines.
const WRAPPED_LINE: usize = 100;

fn collect_files(p: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            let name = e.to_string_lossy();
            if e.is_dir() || name.ends_with(".txt") || name.ends_with(".txt.gz") {
                collect_files(&e, out)?;
            }
        }
    } else {
        out.push(p.to_path_buf());
    }
    Ok(())
}

fn read_text(p: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(p)?;
    let bytes = if p.to_string_lossy().ends_with(".gz") {
        let mut s = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut s)?;
        s
    } else {
        bytes
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

/// Settings of a generated corpus.
#[derive(Debug, Clone)]
pub struct Settings {
    pub seed: u64,
    /// Total size of the OCR'd documents (bytes, decimal).
    pub total_bytes: u64,
    /// Document size range (bytes); sizes are log-uniform between them.
    pub min_doc: usize,
    pub max_doc: usize,
    /// Line width range (characters); the fixtures' lines are 45-98 wide.
    pub min_width: usize,
    pub max_width: usize,
    /// Share of documents that are clean (born digital, no OCR damage).
    pub clean_share: f64,
    /// Range of the other documents' damage relative to the fixtures. The
    /// fixtures come from one OCR engine that never prints å/ä/ö (fitted
    /// severity 1..1); an archive also holds better scans, and the corrector
    /// estimates each document's channel, so documents vary.
    pub severity: (f64, f64),
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            seed: 1,
            total_bytes: 100_000_000,
            min_doc: 2_000,
            max_doc: 50_000,
            min_width: 45,
            max_width: 90,
            clean_share: 0.1,
            severity: (0.5, 1.0),
        }
    }
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Relative path, `volNN/secNN/docNNNNN.txt`.
    pub path: String,
    /// The OCR'd text.
    pub text: String,
    /// The clean text with the same lines (hyphenated words whole on their first
    /// line, per `spec/gold-text.md`).
    pub gold: String,
    pub width: usize,
    pub severity: f64,
    /// Characters misprinted, line ends hyphenated, wrapped line ends.
    pub damaged: usize,
    pub hyphenated: usize,
    pub line_ends: usize,
}

/// The relative path of document `i`: a thousand to a volume, fifty to a section.
pub fn doc_path(i: usize) -> String {
    format!("vol{:02}/sec{:02}/doc{:05}.txt", i / 1000, (i / 50) % 20, i)
}

/// Generates documents until `settings.total_bytes` is reached, handing each to
/// `sink` in order.
pub fn generate(
    sources: &Sources,
    model: &NoiseModel,
    settings: &Settings,
    mut sink: impl FnMut(Doc) -> std::io::Result<()>,
) -> std::io::Result<()> {
    assert!(!sources.docs.is_empty(), "no clean text to build from");
    let mut total = 0u64;
    let mut i = 0;
    while total < settings.total_bytes {
        let remaining = (settings.total_bytes - total) as usize;
        let doc = make_doc(sources, model, settings, i, remaining);
        total += doc.text.len() as u64;
        sink(doc)?;
        i += 1;
    }
    Ok(())
}

/// Document `i` of the corpus; depends only on the seed and `i` (and, for the
/// final documents, on the bytes remaining).
pub fn make_doc(
    sources: &Sources,
    model: &NoiseModel,
    settings: &Settings,
    i: usize,
    remaining: usize,
) -> Doc {
    let mut rng = Rng::new(settings.seed, i as u64 + 1);
    let (lo, hi) = (settings.min_doc as f64, settings.max_doc as f64);
    let target = (lo * (hi / lo).powf(rng.unit())) as usize;
    let target = target.min(remaining.max(settings.min_doc));
    let width = rng.between(settings.min_width, settings.max_width);
    let severity = if rng.chance(settings.clean_share) {
        0.0
    } else {
        let (lo, hi) = settings.severity;
        lo + (hi - lo) * rng.unit()
    };
    let mut src = rng.below(sources.docs.len());
    let mut w = Wrapper {
        width,
        hyphen_share: model.hyphen_share,
        ocr: Vec::new(),
        gold: Vec::new(),
        hyphenated: 0,
        line_ends: 0,
    };
    let mut bytes = 0;
    let mut para = 0;
    'fill: loop {
        let doc = &sources.docs[src];
        while para < doc.len() {
            let before = w.ocr.len();
            w.paragraph(&doc[para], &mut rng);
            bytes += w.ocr[before..].iter().map(|l| l.len() + 1).sum::<usize>();
            para += 1;
            if bytes >= target {
                break 'fill;
            }
        }
        // The next source document continues the page after a blank line.
        w.blank();
        src = (src + 1) % sources.docs.len();
        para = 0;
    }
    let mut text = String::with_capacity(bytes + bytes / 8);
    let mut damaged = 0;
    for line in &w.ocr {
        let (l, d) = model.damage(line, severity, &mut rng);
        damaged += d;
        text.push_str(&l);
        text.push('\n');
    }
    let mut gold = String::with_capacity(bytes);
    for line in &w.gold {
        gold.push_str(line);
        gold.push('\n');
    }
    Doc {
        path: doc_path(i),
        text,
        gold,
        width,
        severity,
        damaged,
        hyphenated: w.hyphenated,
        line_ends: w.line_ends,
    }
}

/// Lays paragraphs out in lines of a width, hyphenating at line ends.
struct Wrapper {
    width: usize,
    hyphen_share: f64,
    ocr: Vec<String>,
    gold: Vec<String>,
    hyphenated: usize,
    line_ends: usize,
}

const VOWELS: &str = "aeiouyåäöéAEIOUYÅÄÖÉ";

impl Wrapper {
    fn blank(&mut self) {
        if self.ocr.last().is_some_and(|l| !l.is_empty()) {
            self.ocr.push(String::new());
            self.gold.push(String::new());
        }
    }

    /// Lays out one source line: short lines (headings, the fixtures' own lines)
    /// stay as they are; a longer one is a paragraph, wrapped and followed by a
    /// blank line as in the fixtures.
    fn paragraph(&mut self, text: &str, rng: &mut Rng) {
        if text.trim().is_empty() {
            self.blank();
            return;
        }
        if text.chars().count() <= self.width {
            self.ocr.push(text.to_string());
            self.gold.push(text.to_string());
            return;
        }
        let mut line = String::new();
        let mut gold = String::new();
        let mut line_chars = 0;
        for word in text.split_whitespace() {
            let n = word.chars().count();
            if line.is_empty() {
                line.push_str(word);
                gold.push_str(word);
                line_chars = n;
                continue;
            }
            if line_chars + 1 + n <= self.width {
                line.push(' ');
                line.push_str(word);
                // After a hyphenated word the gold line starts without the
                // continuation, so it may still be empty.
                if !gold.is_empty() {
                    gold.push(' ');
                }
                gold.push_str(word);
                line_chars += 1 + n;
                continue;
            }
            // A line end. Hyphenate while this document is below the fitted
            // share of hyphenated line ends (the share then matches it, which a
            // fixed probability would not: not every word can be split).
            self.line_ends += 1;
            let below = (self.hyphenated as f64) < self.hyphen_share * self.line_ends as f64;
            let room = self.width.saturating_sub(line_chars + 2);
            let split = if below {
                split_point(word, room, rng)
            } else {
                None
            };
            match split {
                Some((at, own_hyphen)) => {
                    let (head, tail) = word.split_at(at);
                    // A word's own hyphen ("e-förvaltning") is the line-end
                    // hyphen; otherwise one is added.
                    let (head, tail) = if own_hyphen {
                        (head.to_string(), tail)
                    } else {
                        (format!("{head}-"), tail)
                    };
                    line.push(' ');
                    line.push_str(&head);
                    gold.push(' ');
                    gold.push_str(word);
                    self.hyphenated += 1;
                    self.ocr.push(std::mem::take(&mut line));
                    self.gold.push(std::mem::take(&mut gold));
                    line.push_str(tail);
                    line_chars = tail.chars().count();
                }
                None => {
                    self.ocr.push(std::mem::take(&mut line));
                    self.gold.push(std::mem::take(&mut gold));
                    line.push_str(word);
                    gold.push_str(word);
                    line_chars = n;
                }
            }
        }
        if !line.is_empty() || !gold.is_empty() {
            self.ocr.push(line);
            self.gold.push(gold);
        }
        self.blank();
    }
}

/// Where to split `word` so that its head and a hyphen fit in `room` characters:
/// at its own hyphen, or before a consonant that opens a syllable (a consonant
/// followed by a vowel: "utveck-ling"), leaving two letters or more on each side.
/// Returns the byte offset and whether it is the word's own hyphen.
fn split_point(word: &str, room: usize, rng: &mut Rng) -> Option<(usize, bool)> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let n = chars.len();
    if n < 5 || room < 2 {
        return None;
    }
    let mut options = Vec::new();
    for k in 2..n.saturating_sub(1) {
        if k + 1 > room {
            break;
        }
        let (b, c) = chars[k];
        let prev = chars[k - 1].1;
        if prev == '-' {
            // Split after the word's own hyphen: the head keeps it.
            options.push((b, true));
            continue;
        }
        let next = chars[k + 1].1;
        if c.is_alphabetic()
            && prev.is_alphabetic()
            && next.is_alphabetic()
            && !VOWELS.contains(c)
            && VOWELS.contains(next)
            && k + 2 <= n
            && n - k >= 2
        {
            options.push((b, false));
        }
    }
    // The latest split that fits is what a typesetter takes; now and then an
    // earlier one (a narrower column somewhere), for variety.
    match options.len() {
        0 => None,
        len if rng.chance(0.8) => Some(options[len - 1]),
        len => Some(options[rng.below(len)]),
    }
}

/// A one-line summary of a corpus, and totals for the manifest.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub chars: u64,
    pub damaged: u64,
    pub hyphenated: u64,
    pub line_ends: u64,
}

impl Summary {
    pub fn add(&mut self, d: &Doc) {
        self.files += 1;
        self.bytes += d.text.len() as u64;
        self.chars += d.gold.chars().count() as u64;
        self.damaged += d.damaged as u64;
        self.hyphenated += d.hyphenated as u64;
        self.line_ends += d.line_ends as u64;
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, {:.1} MB; {:.2}% of characters misprinted, {:.1}% of wrapped line ends hyphenated",
            self.files,
            self.bytes as f64 / 1e6,
            100.0 * self.damaged as f64 / self.chars.max(1) as f64,
            100.0 * self.hyphenated as f64 / self.line_ends.max(1) as f64
        )
    }
}
