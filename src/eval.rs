//! Scores output against gold fixtures with the same figures as the reference
//! scorer `score.py`, so that the project can measure itself without Python.
//!
//! A fixture set is a folder where each document `NAME` has `NAME.txt` (the OCR
//! input), `NAME.gold.txt` (the corrected text) and optionally `NAME.gold.json`
//! (quotes, people, figures). [`evaluate`] runs the engine on every input and
//! scores the result; [`score_dir`] scores outputs already written by
//! `ocrfix FIXTURES -o OUT` (or any other tool), reading them as score.py does.
//!
//! Everything here is a port of score.py, kept close to it line by line: text
//! is compared as whitespace-separated words (Python's `str.split`), the
//! `fixed`/`broken` counts come from the alignment rapidfuzz would choose (see
//! [`levenshtein`]), names are compared after Unicode NFC and full case
//! folding (Python's `str.casefold`), greedy matching breaks ties as Python's
//! `sorted(reverse=True)` on `(score, gold index, prediction index)` does, and
//! figures are rounded half-to-even like Python's `round`.

pub mod levenshtein;

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::batch::{sidecar_to_json, write_atomic};
use crate::error::Error;
use crate::pipeline::Engine;

/// Counts for the text of one document (score.py's `score_text`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TextCounts {
    /// Words in the gold text.
    pub gold_words: usize,
    /// Word-level Levenshtein distance from the input to the gold text.
    pub errors_in: usize,
    /// Word-level Levenshtein distance from the output to the gold text.
    pub errors_out: usize,
    /// Gold words the input missed and the output has at the aligned place.
    pub fixed: usize,
    /// Gold words the input had and the output lost.
    pub broken: usize,
    /// Characters of the gold text, words joined by single spaces.
    pub gold_chars: usize,
    /// Character-level distance from the input to the gold text.
    pub char_errors_in: usize,
    /// Character-level distance from the output to the gold text.
    pub char_errors_out: usize,
}

/// Counts for one kind of extracted item. `right` is `speaker_right` for
/// quotes, `role_right` for people and `kind_right` for figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemCounts {
    /// Items in the gold file.
    pub gold: usize,
    /// Items in the output.
    pub found: usize,
    /// Output items matched to a gold item.
    pub matched: usize,
    /// Matched items whose secondary field is right too.
    pub right: usize,
}

impl ItemCounts {
    fn add(&mut self, o: &ItemCounts) {
        self.gold += o.gold;
        self.found += o.found;
        self.matched += o.matched;
        self.right += o.right;
    }

    /// Precision, recall and F1, rounded to 4 places (score.py's `prf`).
    pub fn prf(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        let p = ratio(self.matched, self.found);
        let r = ratio(self.matched, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (py_round(p, 4), py_round(r, 4), py_round(f, 4))
    }
}

/// A serialisable view of [`ItemCounts`] with score.py's member names.
struct Named<'a>(&'a ItemCounts, &'static str);

impl Serialize for Named<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("gold", &self.0.gold)?;
        m.serialize_entry("found", &self.0.found)?;
        m.serialize_entry("matched", &self.0.matched)?;
        m.serialize_entry(self.1, &self.0.right)?;
        m.end()
    }
}

/// Everything counted for a document, or summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Text counts.
    pub text: TextCounts,
    /// Quotes, when a gold JSON was there.
    pub quotes: Option<ItemCounts>,
    /// People, when a gold JSON was there.
    pub people: Option<ItemCounts>,
    /// Figures, when a gold JSON was there.
    pub figures: Option<ItemCounts>,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        let t = &mut self.text;
        t.gold_words += o.text.gold_words;
        t.errors_in += o.text.errors_in;
        t.errors_out += o.text.errors_out;
        t.fixed += o.text.fixed;
        t.broken += o.text.broken;
        t.gold_chars += o.text.gold_chars;
        t.char_errors_in += o.text.char_errors_in;
        t.char_errors_out += o.text.char_errors_out;
        for (mine, theirs) in [
            (&mut self.quotes, &o.quotes),
            (&mut self.people, &o.people),
            (&mut self.figures, &o.figures),
        ] {
            if let Some(theirs) = theirs {
                mine.get_or_insert_with(ItemCounts::default).add(theirs);
            }
        }
    }

    /// The figures score.py reports for these counts (its `summarise`).
    pub fn summary(&self) -> Summary {
        let t = &self.text;
        let ratio = |a: usize, b: usize| if b > 0 { a as f64 / b as f64 } else { 0.0 };
        Summary {
            wer_in: py_round(ratio(t.errors_in, t.gold_words), 4),
            wer_out: py_round(ratio(t.errors_out, t.gold_words), 4),
            cer_in: py_round(ratio(t.char_errors_in, t.gold_chars), 4),
            cer_out: py_round(ratio(t.char_errors_out, t.gold_chars), 4),
            error_reduction: (t.errors_in > 0)
                .then(|| py_round(1.0 - t.errors_out as f64 / t.errors_in as f64, 4)),
            broken_per_1000_words: py_round(1000.0 * ratio(t.broken, t.gold_words), 3),
            quotes_prf: self.quotes.map(|q| q.prf()),
            people_prf: self.people.map(|p| p.prf()),
            figures_prf: self.figures.map(|f| f.prf()),
            speaker_accuracy: self.quotes.map(|q| {
                if q.matched > 0 {
                    py_round(q.right as f64 / q.matched as f64, 4)
                } else {
                    0.0
                }
            }),
        }
    }
}

impl Serialize for Counts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("text", &self.text)?;
        if let Some(q) = &self.quotes {
            m.serialize_entry("quotes", &Named(q, "speaker_right"))?;
        }
        if let Some(p) = &self.people {
            m.serialize_entry("people", &Named(p, "role_right"))?;
        }
        if let Some(f) = &self.figures {
            m.serialize_entry("figures", &Named(f, "kind_right"))?;
        }
        m.end()
    }
}

/// The figures of score.py's summary, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Word error rate of the input.
    pub wer_in: f64,
    /// Word error rate of the output.
    pub wer_out: f64,
    /// Character error rate of the input.
    pub cer_in: f64,
    /// Character error rate of the output.
    pub cer_out: f64,
    /// `1 - errors_out / errors_in`; null when the input had no errors.
    pub error_reduction: Option<f64>,
    /// Correct words broken by the repair, per 1000 gold words.
    pub broken_per_1000_words: f64,
    /// Quotes precision, recall, F1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quotes_prf: Option<(f64, f64, f64)>,
    /// People precision, recall, F1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people_prf: Option<(f64, f64, f64)>,
    /// Figures precision, recall, F1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures_prf: Option<(f64, f64, f64)>,
    /// Share of matched quotes with the right speaker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_accuracy: Option<f64>,
}

impl Summary {
    /// `(name, value)` pairs as score.py's `--table` prints them (Python reprs).
    pub fn table_fields(&self) -> Vec<(&'static str, String)> {
        let opt = |v: Option<f64>| v.map_or("None".to_string(), py_repr);
        let tuple =
            |t: (f64, f64, f64)| format!("({}, {}, {})", py_repr(t.0), py_repr(t.1), py_repr(t.2));
        let mut out = vec![
            ("wer_in", py_repr(self.wer_in)),
            ("wer_out", py_repr(self.wer_out)),
            ("cer_in", py_repr(self.cer_in)),
            ("cer_out", py_repr(self.cer_out)),
            ("error_reduction", opt(self.error_reduction)),
            ("broken_per_1000_words", py_repr(self.broken_per_1000_words)),
        ];
        if let Some(t) = self.quotes_prf {
            out.push(("quotes_prf", tuple(t)));
        }
        if let Some(t) = self.people_prf {
            out.push(("people_prf", tuple(t)));
        }
        if let Some(t) = self.figures_prf {
            out.push(("figures_prf", tuple(t)));
        }
        if let Some(v) = self.speaker_accuracy {
            out.push(("speaker_accuracy", py_repr(v)));
        }
        out
    }
}

/// One scored document.
#[derive(Debug, Clone)]
pub struct DocumentScore {
    /// `NAME`: the path of `NAME.gold.txt` relative to the fixtures, less the suffix.
    pub name: String,
    /// What was counted.
    pub counts: Counts,
    /// Why the document could not be processed (it is then scored as empty
    /// output, as score.py scores a missing output).
    pub error: Option<String>,
}

/// The result of an evaluation: score.py's JSON report.
#[derive(Debug, Clone)]
pub struct EvalReport {
    /// Every document, in score.py's order.
    pub documents: Vec<DocumentScore>,
    /// The counts summed over all documents.
    pub total: Counts,
}

impl EvalReport {
    /// A report over scored documents, with their counts summed.
    pub fn new(documents: Vec<DocumentScore>) -> EvalReport {
        let mut total = Counts::default();
        for d in &documents {
            total.add(&d.counts);
        }
        EvalReport { documents, total }
    }

    /// The figures over all documents.
    pub fn summary(&self) -> Summary {
        self.total.summary()
    }

    /// The report as score.py prints it without `--table`: JSON with
    /// `summary`, `total` and `documents`, indented by one space.
    pub fn to_json(&self) -> String {
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        // Serialising plain structs of numbers into memory cannot fail.
        let _ = self.serialize(&mut ser);
        let mut s = String::from_utf8(buf).unwrap_or_default();
        s.push('\n');
        s
    }

    /// The report as score.py prints it with `--table`: a line per document
    /// and one for ALL.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let rows = self
            .documents
            .iter()
            .map(|d| (d.name.as_str(), d.counts.summary()))
            .chain(std::iter::once(("ALL", self.summary())));
        for (name, summary) in rows {
            let fields: Vec<String> = summary
                .table_fields()
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            out.push_str(&format!("{name:28} {}\n", fields.join("  ")));
        }
        out
    }
}

impl Serialize for EvalReport {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        struct Docs<'a>(&'a [DocumentScore]);
        impl Serialize for Docs<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|d| (&d.name, d.counts.summary())))
            }
        }
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("summary", &self.summary())?;
        m.serialize_entry("total", &self.total)?;
        m.serialize_entry("documents", &Docs(&self.documents))?;
        m.end()
    }
}

/// A document of a fixture set.
struct Fixture {
    name: String,
    input: PathBuf,
    gold_text: PathBuf,
    gold_json: PathBuf,
}

/// Finds `*.gold.txt` under `fixtures`, sorted as Python sorts paths.
fn fixtures_in(fixtures: &Path) -> Result<Vec<Fixture>, Error> {
    if !fixtures.is_dir() {
        return Err(Error::Fixtures {
            path: fixtures.to_path_buf(),
            reason: "not a folder".to_string(),
        });
    }
    let mut found: Vec<(Vec<String>, PathBuf)> = Vec::new();
    for entry in walkdir::WalkDir::new(fixtures).follow_links(true) {
        let entry = entry.map_err(|e| Error::Fixtures {
            path: e
                .path()
                .map_or_else(|| fixtures.to_path_buf(), Path::to_path_buf),
            reason: e.to_string(),
        })?;
        let is_gold = entry.file_type().is_file()
            && entry.file_name().to_string_lossy().ends_with(".gold.txt");
        if is_gold {
            let rel = entry.path().strip_prefix(fixtures).unwrap_or(entry.path());
            let parts = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            found.push((parts, rel.to_path_buf()));
        }
    }
    // Python compares paths part by part.
    found.sort();
    if found.is_empty() {
        return Err(Error::Fixtures {
            path: fixtures.to_path_buf(),
            reason: "no *.gold.txt in it".to_string(),
        });
    }
    Ok(found
        .into_iter()
        .map(|(parts, rel)| {
            let joined = parts.join("/");
            let name = joined[..joined.len() - ".gold.txt".len()].to_string();
            let base = fixtures.join(rel.with_file_name(""));
            let stem = parts
                .last()
                .map(|p| p[..p.len() - ".gold.txt".len()].to_string())
                .unwrap_or_default();
            Fixture {
                name,
                input: base.join(format!("{stem}.txt")),
                gold_text: base.join(format!("{stem}.gold.txt")),
                gold_json: base.join(format!("{stem}.gold.json")),
            }
        })
        .collect())
}

fn read_utf8(path: &Path) -> Result<String, Error> {
    let bytes = fs::read(path).map_err(|e| Error::Fixtures {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| Error::Fixtures {
        path: path.to_path_buf(),
        reason: format!("not UTF-8: {e}"),
    })
}

fn read_gold_json(path: &Path) -> Result<Option<Value>, Error> {
    if !path.exists() {
        return Ok(None);
    }
    let text = read_utf8(path)?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| Error::Fixtures {
            path: path.to_path_buf(),
            reason: format!("invalid JSON: {e}"),
        })
}

/// Runs `engine` on every document of `fixtures` that has a gold text and
/// scores the outputs. With `out`, the outputs are also written there as
/// `NAME.txt` and `NAME.json`, so that score.py can be run on them.
pub fn evaluate(engine: &Engine, fixtures: &Path, out: Option<&Path>) -> Result<EvalReport, Error> {
    let mut documents = Vec::new();
    for fx in fixtures_in(fixtures)? {
        let input = read_utf8(&fx.input)?;
        let gold = read_utf8(&fx.gold_text)?;
        let gold_json = read_gold_json(&fx.gold_json)?;
        let source = format!("{}.txt", fx.name);
        let (out_text, pred, error) = match engine.process(input.as_bytes(), &source) {
            Ok(o) => {
                if let Some(dir) = out {
                    let text_path = dir.join(format!("{}.txt", fx.name));
                    let json_path = dir.join(format!("{}.json", fx.name));
                    if let Some(parent) = text_path.parent() {
                        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                    }
                    write_atomic(&text_path, o.text.as_bytes())
                        .map_err(|e| Error::io(&text_path, e))?;
                    write_atomic(&json_path, sidecar_to_json(&o.sidecar).as_bytes())
                        .map_err(|e| Error::io(&json_path, e))?;
                }
                let pred = serde_json::to_value(&o.sidecar).unwrap_or(Value::Null);
                (o.text, pred, None)
            }
            Err(e) => (String::new(), Value::Null, Some(e.to_string())),
        };
        let counts = score_document(&input, &out_text, &gold, Some(&pred), gold_json.as_ref());
        documents.push(DocumentScore {
            name: fx.name,
            counts,
            error,
        });
    }
    Ok(EvalReport::new(documents))
}

/// Scores the outputs in `out` (`out/NAME.txt`, `out/NAME.json`) against
/// `fixtures` exactly as `score.py FIXTURES OUT` does: a missing output text
/// counts as empty, a missing or unreadable sidecar as having found nothing.
pub fn score_dir(fixtures: &Path, out: &Path) -> Result<EvalReport, Error> {
    let mut documents = Vec::new();
    for fx in fixtures_in(fixtures)? {
        let input = read_utf8(&fx.input)?;
        let gold = read_utf8(&fx.gold_text)?;
        let gold_json = read_gold_json(&fx.gold_json)?;
        let out_txt = out.join(format!("{}.txt", fx.name));
        let out_text = if out_txt.exists() {
            read_utf8(&out_txt)?
        } else {
            String::new()
        };
        let out_json = out.join(format!("{}.json", fx.name));
        // score.py treats unreadable or invalid JSON as an empty prediction.
        let pred = fs::read(&out_json)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
        let counts = score_document(&input, &out_text, &gold, pred.as_ref(), gold_json.as_ref());
        documents.push(DocumentScore {
            name: fx.name,
            counts,
            error: None,
        });
    }
    Ok(EvalReport::new(documents))
}

/// Scores one document: the input, the output and the gold text, and (when a
/// gold JSON exists) the output sidecar against it.
pub fn score_document(
    input: &str,
    output: &str,
    gold: &str,
    pred: Option<&Value>,
    gold_json: Option<&Value>,
) -> Counts {
    let mut counts = Counts {
        text: score_text(input, output, gold),
        ..Counts::default()
    };
    if let Some(g) = gold_json {
        let empty = Value::Object(serde_json::Map::new());
        let pred = pred.filter(|p| p.is_object()).unwrap_or(&empty);
        let (q, p, f) = score_extract(pred, g);
        counts.quotes = Some(q);
        counts.people = Some(p);
        counts.figures = Some(f);
    }
    counts
}

/// Python's `str.isspace`: Unicode White_Space plus the four information
/// separators U+001C..U+001F.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.split()`.
fn py_split(s: &str) -> impl Iterator<Item = &str> {
    s.split(py_space).filter(|w| !w.is_empty())
}

/// score.py's `words`: NFC, then whitespace-separated words.
fn words(text: &str) -> Vec<String> {
    let nfc: String = text.nfc().collect();
    py_split(&nfc).map(str::to_string).collect()
}

/// score.py's `score_text`.
pub fn score_text(input: &str, output: &str, gold: &str) -> TextCounts {
    let (i, o, g) = (words(input), words(output), words(gold));
    // Words as small integers: equality is all the alignment needs.
    fn intern<'a>(ids: &mut HashMap<&'a str, u32>, ws: &'a [String]) -> Vec<u32> {
        ws.iter()
            .map(|w| {
                let next = ids.len() as u32;
                *ids.entry(w.as_str()).or_insert(next)
            })
            .collect()
    }
    let mut ids = HashMap::new();
    let ii = intern(&mut ids, &i);
    let oi = intern(&mut ids, &o);
    let gi = intern(&mut ids, &g);
    let in_hit = levenshtein::dest_hits(&ii, &gi);
    let out_hit = levenshtein::dest_hits(&oi, &gi);
    let norm = |ws: &[String]| -> Vec<char> { ws.join(" ").chars().collect() };
    let (ni, no, ng) = (norm(&i), norm(&o), norm(&g));
    TextCounts {
        gold_words: g.len(),
        errors_in: levenshtein::distance(&ii, &gi),
        errors_out: levenshtein::distance(&oi, &gi),
        fixed: in_hit
            .iter()
            .zip(&out_hit)
            .filter(|&(&a, &b)| !a && b)
            .count(),
        broken: in_hit
            .iter()
            .zip(&out_hit)
            .filter(|&(&a, &b)| a && !b)
            .count(),
        gold_chars: ng.len(),
        char_errors_in: levenshtein::distance(&ni, &ng),
        char_errors_out: levenshtein::distance(&no, &ng),
    }
}

/// score.py's `key`: NFC, case-folded, whitespace collapsed. `None` and
/// non-strings count as the empty string.
fn key(s: Option<&str>) -> String {
    let nfc: String = s.unwrap_or("").nfc().collect();
    let folded = caseless::default_case_fold_str(&nfc);
    py_split(&folded).collect::<Vec<_>>().join(" ")
}

/// A member of a JSON object as a string, if it is one.
fn str_of<'a>(v: &'a Value, member: &str) -> Option<&'a str> {
    v.get(member).and_then(Value::as_str)
}

/// Python truthiness of an optional string.
fn truthy(s: Option<&str>) -> bool {
    s.is_some_and(|s| !s.is_empty())
}

/// score.py's `token_f1`.
fn token_f1(a: Option<&str>, b: Option<&str>) -> f64 {
    let (ka, kb) = (key(a), key(b));
    let a: Vec<&str> = py_split(&ka).collect();
    let b: Vec<&str> = py_split(&kb).collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut pool = b.clone();
    let mut common = 0usize;
    for t in &a {
        if let Some(pos) = pool.iter().position(|p| p == t) {
            pool.remove(pos);
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f64 / a.len() as f64;
    let r = common as f64 / b.len() as f64;
    2.0 * p * r / (p + r)
}

/// score.py's `match`: greedy one-to-one matching, best pairs first, ties
/// broken by the higher gold index, then the higher prediction index.
fn greedy_match(
    gold: &[Value],
    pred: &[Value],
    similar: impl Fn(&Value, &Value) -> f64,
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (pi, p) in pred.iter().enumerate() {
            let s = similar(g, p);
            if s > 0.0 {
                pairs.push((s, gi, pi));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(Ordering::Equal)
            .then(b.1.cmp(&a.1))
            .then(b.2.cmp(&a.2))
    });
    let mut used_g = HashSet::new();
    let mut used_p = HashSet::new();
    let mut out = Vec::new();
    for (_, gi, pi) in pairs {
        if !used_g.contains(&gi) && !used_p.contains(&pi) {
            used_g.insert(gi);
            used_p.insert(pi);
            out.push((gi, pi));
        }
    }
    out
}

/// score.py's `names_of`.
fn names_of(person: &Value) -> HashSet<String> {
    let mut names = HashSet::new();
    names.insert(key(str_of(person, "name")));
    if let Some(aliases) = person.get("aliases").and_then(Value::as_array) {
        for a in aliases {
            names.insert(key(a.as_str()));
        }
    }
    names
}

/// score.py's `same_speaker`.
fn same_speaker(gold_speaker: Option<&str>, pred_speaker: Option<&str>, people: &[Value]) -> bool {
    if !truthy(gold_speaker) || !truthy(pred_speaker) {
        return key(gold_speaker) == key(pred_speaker);
    }
    let g = key(gold_speaker);
    for person in people {
        let names = names_of(person);
        if names.contains(&g) {
            return names.contains(&key(pred_speaker));
        }
    }
    g == key(pred_speaker)
}

/// Python's `float(x)` for a JSON value, `None` where it would raise.
fn number(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::String(s) => {
            let t = s.trim_matches(py_space);
            // Python allows single underscores between digits ("1_000").
            let cleaned: String = t.chars().filter(|&c| c != '_').collect();
            let ok_underscores = !t.starts_with('_') && !t.ends_with('_') && !t.contains("__");
            if ok_underscores {
                cleaned.parse::<f64>().ok()
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Python's `isinstance(x, int)` for a JSON value (booleans are ints).
fn int_of(v: Option<&Value>) -> Option<i128> {
    match v? {
        Value::Number(n) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from)),
        Value::Bool(b) => Some(i128::from(*b)),
        _ => None,
    }
}

/// A JSON member as a list; `null`, a missing member and non-lists count as
/// empty.
fn list_of<'a>(v: &'a Value, member: &str) -> &'a [Value] {
    v.get(member)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// score.py's `score_extract`: quotes, people and figures.
fn score_extract(pred: &Value, gold: &Value) -> (ItemCounts, ItemCounts, ItemCounts) {
    let gold_people = list_of(gold, "people");

    let (gq, pq) = (list_of(gold, "quotes"), list_of(pred, "quotes"));
    let m = greedy_match(gq, pq, |g, p| {
        let f = token_f1(str_of(g, "text"), str_of(p, "text"));
        if f >= 0.5 { f } else { 0.0 }
    });
    let quotes = ItemCounts {
        gold: gq.len(),
        found: pq.len(),
        matched: m.len(),
        right: m
            .iter()
            .filter(|&&(gi, pi)| {
                same_speaker(
                    str_of(&gq[gi], "speaker"),
                    str_of(&pq[pi], "speaker"),
                    gold_people,
                )
            })
            .count(),
    };

    let pp = list_of(pred, "people");
    let m = greedy_match(gold_people, pp, |g, p| {
        if names_of(g).contains(&key(str_of(p, "name"))) {
            1.0
        } else {
            0.0
        }
    });
    let people = ItemCounts {
        gold: gold_people.len(),
        found: pp.len(),
        matched: m.len(),
        right: m
            .iter()
            .filter(|&&(gi, pi)| {
                let g_role = str_of(&gold_people[gi], "role");
                truthy(g_role) && key(g_role) == key(str_of(&pp[pi], "role"))
            })
            .count(),
    };

    let (gf, pf) = (list_of(gold, "figures"), list_of(pred, "figures"));
    let fig_sim = |g: &Value, p: &Value| -> f64 {
        let Some(v) = number(p.get("value")) else {
            return 0.0;
        };
        let gv = number(g.get("value")).unwrap_or(f64::NAN);
        // Written as in score.py, so that NaN compares the same way.
        if (v - gv).abs() > 1e-6 * 1.0f64.max(gv.abs()) {
            return 0.0;
        }
        if let (Some(line), Some(gline)) = (int_of(p.get("line")), int_of(g.get("line")))
            && (line - gline).abs() > 1
        {
            return 0.0;
        }
        1.0
    };
    let m = greedy_match(gf, pf, fig_sim);
    let null = Value::Null;
    let figures = ItemCounts {
        gold: gf.len(),
        found: pf.len(),
        matched: m.len(),
        right: m
            .iter()
            .filter(|&&(gi, pi)| {
                gf[gi].get("kind").unwrap_or(&null) == pf[pi].get("kind").unwrap_or(&null)
            })
            .count(),
    };
    (quotes, people, figures)
}

/// Python's `round(x, digits)`: to the nearest, ties to even, on the exact
/// binary value (which is what Rust's formatting does too).
pub fn py_round(x: f64, digits: usize) -> f64 {
    if !x.is_finite() {
        return x;
    }
    format!("{x:.digits$}").parse().unwrap_or(x)
}

/// Python's `repr` of a float, for the figures ocrfix prints (no exponents
/// are needed for values rounded to 4 places).
pub fn py_repr(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e16 {
        format!("{x:.1}")
    } else if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{x}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_rounding_and_repr() {
        assert_eq!(py_round(0.125, 2), 0.12);
        assert_eq!(py_round(0.26666666, 4), 0.2667);
        assert_eq!(py_repr(0.0), "0.0");
        assert_eq!(py_repr(1.0), "1.0");
        assert_eq!(py_repr(0.2667), "0.2667");
    }

    #[test]
    fn python_split_and_key() {
        assert_eq!(
            py_split(" a\u{1f}b\u{a0}c\r\n").collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        assert_eq!(key(Some("  Straße  GÖRAN ")), "strasse göran");
        assert_eq!(key(None), "");
    }

    #[test]
    fn text_counts() {
        let t = score_text(
            "Det ar bra for oss",
            "Det är bra för oss",
            "Det är bra för oss",
        );
        assert_eq!((t.errors_in, t.errors_out, t.fixed, t.broken), (2, 0, 2, 0));
        assert_eq!(t.gold_words, 5);
        let t = score_text("a b c", "a x c", "a b c");
        assert_eq!((t.fixed, t.broken, t.errors_out), (0, 1, 1));
    }

    #[test]
    fn token_f1_like_python() {
        assert_eq!(token_f1(Some("a b c d"), Some("a b")), 2.0 * 0.5 / 1.5);
        assert_eq!(token_f1(Some("a a"), Some("a")), 2.0 * 0.5 / 1.5);
        assert_eq!(token_f1(None, Some("a")), 0.0);
    }

    #[test]
    fn extraction_matching() {
        let gold = json!({
            "quotes": [{"text": "Vi ska bli bäst", "speaker": "Anna Berg", "line": 3}],
            "people": [{"name": "Anna Berg", "aliases": ["Berg"], "role": "kommunchef"}],
            "figures": [{"text": "600 000 kronor", "value": 600000, "unit": "krona",
                         "kind": "money", "line": 5}]
        });
        let pred = json!({
            "quotes": [{"text": "vi ska bli bäst!", "speaker": "Berg"}],
            "people": [{"name": "berg", "role": "Kommunchef"}, {"name": "Okänd"}],
            "figures": [{"value": "600000", "kind": "count", "line": 6}]
        });
        let (q, p, f) = score_extract(&pred, &gold);
        assert_eq!((q.matched, q.right), (1, 1));
        assert_eq!((p.found, p.matched, p.right), (2, 1, 1));
        assert_eq!((f.matched, f.right), (1, 0));
    }
}
