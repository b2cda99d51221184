//! Extraction on the seed-dev and synthetic fixtures, scored like `score.py` (quotes: token F1
//! >= 0.5 greedy matching; people: name or alias; figures: value and line +-1).
//!
//! Environment:
//! * `OCRFIX_EXTRACT_OUT=DIR` writes `DIR/NAME.json` (quotes, people, figures)
//!   for `python3 score.py FIXTURES DIR --table`.
//! * `OCRFIX_EXTRACT_INPUT=raw` reads the raw OCR `NAME.txt` instead of the gold
//!   text (scores are then printed, not asserted).
//! * `OCRFIX_FIXTURES=DIR` uses another fixture folder.
//!
//! `cargo test --test extract_fixtures -- --nocapture` prints the scores.

use std::path::{Path, PathBuf};

use ocrfix::extract::extract;
use serde_json::{Value, json};

fn fixtures() -> PathBuf {
    std::env::var_os("OCRFIX_FIXTURES")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-dev"))
}

fn key(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn token_f1(a: &str, b: &str) -> f64 {
    let a: Vec<String> = key(a).split(' ').map(str::to_string).collect();
    let mut pool: Vec<String> = key(b).split(' ').map(str::to_string).collect();
    if a.is_empty() || pool.is_empty() {
        return 0.0;
    }
    let nb = pool.len();
    let mut common = 0;
    for t in &a {
        if let Some(i) = pool.iter().position(|p| p == t) {
            pool.remove(i);
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / a.len() as f64, common as f64 / nb as f64);
    2.0 * p * r / (p + r)
}

/// Greedy one-to-one matching, best pairs first, as in score.py.
fn matching(ng: usize, np: usize, sim: impl Fn(usize, usize) -> f64) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for g in 0..ng {
        for p in 0..np {
            let s = sim(g, p);
            if s > 0.0 {
                pairs.push((s, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
    let (mut ug, mut up, mut out) = (vec![false; ng], vec![false; np], Vec::new());
    for (_, g, p) in pairs {
        if !ug[g] && !up[p] {
            ug[g] = true;
            up[p] = true;
            out.push((g, p));
        }
    }
    out
}

#[derive(Default, Debug)]
struct Counts {
    gold: usize,
    found: usize,
    matched: usize,
    right: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.found += o.found;
        self.matched += o.matched;
        self.right += o.right;
    }
    fn f1(&self) -> f64 {
        let p = if self.found > 0 {
            self.matched as f64 / self.found as f64
        } else {
            0.0
        };
        let r = if self.gold > 0 {
            self.matched as f64 / self.gold as f64
        } else {
            0.0
        };
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn names_of(person: &Value) -> Vec<String> {
    let mut v = vec![key(person["name"].as_str().unwrap_or(""))];
    if let Some(a) = person["aliases"].as_array() {
        v.extend(a.iter().filter_map(Value::as_str).map(key));
    }
    v
}

fn score(gold: &Value, pred: &Value) -> [Counts; 3] {
    let empty = Vec::new();
    let arr = |v: &Value, k: &str| v[k].as_array().cloned().unwrap_or_else(|| empty.clone());
    let (gq, pq) = (arr(gold, "quotes"), arr(pred, "quotes"));
    let gp = arr(gold, "people");
    let m = matching(gq.len(), pq.len(), |g, p| {
        let f = token_f1(
            gq[g]["text"].as_str().unwrap_or(""),
            pq[p]["text"].as_str().unwrap_or(""),
        );
        if f >= 0.5 { f } else { 0.0 }
    });
    let same_speaker = |g: &Value, p: &Value| match (g.as_str(), p.as_str()) {
        (Some(g), Some(p)) => {
            let (g, p) = (key(g), key(p));
            gp.iter()
                .find(|person| names_of(person).contains(&g))
                .map_or(g == p, |person| names_of(person).contains(&p))
        }
        (g, p) => g.is_none() && p.is_none(),
    };
    let quotes = Counts {
        gold: gq.len(),
        found: pq.len(),
        matched: m.len(),
        right: m
            .iter()
            .filter(|&&(g, p)| same_speaker(&gq[g]["speaker"], &pq[p]["speaker"]))
            .count(),
    };
    let pp = arr(pred, "people");
    let m = matching(gp.len(), pp.len(), |g, p| {
        if names_of(&gp[g]).contains(&key(pp[p]["name"].as_str().unwrap_or(""))) {
            1.0
        } else {
            0.0
        }
    });
    let people = Counts {
        gold: gp.len(),
        found: pp.len(),
        matched: m.len(),
        right: m
            .iter()
            .filter(|&&(g, p)| {
                gp[g]["role"]
                    .as_str()
                    .is_some_and(|r| key(r) == key(pp[p]["role"].as_str().unwrap_or("")))
            })
            .count(),
    };
    let (gf, pf) = (arr(gold, "figures"), arr(pred, "figures"));
    let m = matching(gf.len(), pf.len(), |g, p| {
        let gv = gf[g]["value"].as_f64().unwrap_or(f64::NAN);
        let pv = pf[p]["value"].as_f64().unwrap_or(f64::NAN);
        let gl = gf[g]["line"].as_i64().unwrap_or(0);
        let pl = pf[p]["line"].as_i64().unwrap_or(0);
        if (gv - pv).abs() <= 1e-6 * gv.abs().max(1.0) && (gl - pl).abs() <= 1 {
            1.0
        } else {
            0.0
        }
    });
    let figures = Counts {
        gold: gf.len(),
        found: pf.len(),
        matched: m.len(),
        right: m
            .iter()
            .filter(|&&(g, p)| gf[g]["kind"] == pf[p]["kind"])
            .count(),
    };
    [quotes, people, figures]
}

/// Scores extraction on every document of a fixture folder; prints a line per
/// document and the totals, and returns quotes, people and figures counts.
fn score_set(dir: &Path, raw: bool, out_dir: Option<&Path>) -> [Counts; 3] {
    let mut golds: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    golds.sort();
    assert!(!golds.is_empty(), "no fixtures in {}", dir.display());
    let mut total = [Counts::default(), Counts::default(), Counts::default()];
    for gold_json in golds {
        let name = gold_json
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".gold.json"))
            .expect("fixture name")
            .to_string();
        let input = dir.join(if raw {
            format!("{name}.txt")
        } else {
            format!("{name}.gold.txt")
        });
        let text = std::fs::read_to_string(&input).expect("fixture text");
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let found = extract(&lines);
        let pred = json!({
            "quotes": found.quotes,
            "people": found.people,
            "figures": found.figures,
        });
        if let Some(out) = out_dir {
            std::fs::create_dir_all(out).expect("output folder");
            let body = serde_json::to_string_pretty(&pred).expect("json");
            std::fs::write(out.join(format!("{name}.json")), body).expect("write json");
        }
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&gold_json).expect("gold"))
            .expect("gold json");
        let s = score(&gold, &pred);
        println!(
            "{name:12} quotes f1={:.3} speaker={}/{}  people f1={:.3} role={}/{}  figures f1={:.3} kind={}/{}",
            s[0].f1(),
            s[0].right,
            s[0].matched,
            s[1].f1(),
            s[1].right,
            s[1].matched,
            s[2].f1(),
            s[2].right,
            s[2].matched
        );
        for (t, x) in total.iter_mut().zip(&s) {
            t.add(x);
        }
    }
    println!(
        "ALL          quotes f1={:.3} speaker acc={:.3}  people f1={:.3}  figures f1={:.3}",
        total[0].f1(),
        speaker_accuracy(&total),
        total[1].f1(),
        total[2].f1()
    );
    total
}

fn speaker_accuracy(total: &[Counts; 3]) -> f64 {
    if total[0].matched > 0 {
        total[0].right as f64 / total[0].matched as f64
    } else {
        0.0
    }
}

/// The targets.
fn assert_targets(total: &[Counts; 3]) {
    let speaker = speaker_accuracy(total);
    assert!(total[0].f1() >= 0.90, "quotes F1 {:.3}", total[0].f1());
    assert!(speaker >= 0.95, "speaker accuracy {speaker:.3}");
    assert!(total[1].f1() >= 0.90, "people F1 {:.3}", total[1].f1());
    assert!(total[2].f1() >= 0.85, "figures F1 {:.3}", total[2].f1());
}

#[test]
fn seed_dev_scores() {
    let raw = std::env::var("OCRFIX_EXTRACT_INPUT").is_ok_and(|v| v == "raw");
    let out_dir = std::env::var_os("OCRFIX_EXTRACT_OUT").map(PathBuf::from);
    let total = score_set(&fixtures(), raw, out_dir.as_deref());
    if !raw {
        assert_targets(&total);
    }
}

/// The synthetic documents (`fixtures/synthetic/`, written by the team in the
/// same genre as seed-dev, not read while the rules were first written): a
/// check that the rules are not tuned to the three seed-dev documents.
#[test]
fn synthetic_scores() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/synthetic");
    let total = score_set(&dir, false, None);
    assert_targets(&total);
}

/// A long document (the fixtures repeated) to check that extraction stays
/// linear: `cargo test --release --test extract_fixtures -- --ignored --nocapture`.
#[test]
#[ignore]
fn long_document_timing() {
    let dir = fixtures();
    let mut lines: Vec<String> = Vec::new();
    for name in ["falkenberg", "jarfalla", "forord"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.gold.txt"))).expect("fixture");
        lines.extend(text.lines().map(str::to_string));
    }
    let one = lines.len();
    let big: Vec<String> = lines.iter().cycle().take(one * 400).cloned().collect();
    let t = std::time::Instant::now();
    let found = extract(&big);
    let dt = t.elapsed();
    println!(
        "{} lines: {:?} ({} quotes, {} people, {} figures)",
        big.len(),
        dt,
        found.quotes.len(),
        found.people.len(),
        found.figures.len()
    );
}

/// Time per stage on the long document.
#[test]
#[ignore]
fn long_document_stage_timing() {
    use ocrfix::extract::{figures, layout, people, quotes};
    let dir = fixtures();
    let mut lines: Vec<String> = Vec::new();
    for name in ["falkenberg", "jarfalla", "forord"] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.gold.txt"))).expect("fixture");
        lines.extend(text.lines().map(str::to_string));
    }
    let one = lines.len();
    let big: Vec<String> = lines.iter().cycle().take(one * 100).cloned().collect();
    let t = std::time::Instant::now();
    let l = layout::analyse(&big);
    println!("layout {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let p = people::find(&l);
    println!("people {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let q = quotes::find(&l, &p);
    println!("quotes {:?} {}", t.elapsed(), q.len());
    let t = std::time::Instant::now();
    let f = figures::find(&l);
    println!("figures {:?} {}", t.elapsed(), f.len());
}
