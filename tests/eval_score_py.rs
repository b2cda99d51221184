//! `ocrfix eval` must print the same figures as the reference scorer
//! `score.py`. This test writes synthetic output folders for the seed-dev
//! fixtures (the OCR input as output, the gold as output, perturbed texts and
//! sidecars, a half-repaired text that also breaks correct words, no output at
//! all, an invalid sidecar) and compares ocrfix's scoring with score.py's, every
//! count exactly and every figure to 1e-9.
//!
//! score.py is taken from `$OCRFIX_SCORE_PY`, else from `../shared/tools/score.py`
//! beside the repository. When it or python3 with rapidfuzz is missing, the
//! figures are compared with score.py's output recorded in
//! `tests/data/eval/*.json` instead. `OCRFIX_RECORD=1` rewrites those records
//! from a live score.py.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_ocrfix");

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    repo().join("fixtures/seed-dev")
}

const NAMES: [&str; 3] = ["falkenberg", "forord", "jarfalla"];

/// A small deterministic random generator (no extra dev-dependency).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
}

/// Damages a word the way a bad repair would.
fn damage(word: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = word.chars().collect();
    if chars.is_empty() {
        return "x".to_string();
    }
    let i = (rng.next() as usize) % chars.len();
    let replacement = match chars[i] {
        'a' => 'ä',
        'ä' => 'a',
        'o' => 'ö',
        'ö' => 'o',
        'å' => 'a',
        'e' => 'é',
        c if c.is_ascii_digit() => '8',
        _ => 'q',
    };
    let mut out = chars;
    out[i] = replacement;
    out.into_iter().collect()
}

/// Gold text with word-level damage: replaced, dropped, doubled, split and
/// merged words, line structure kept.
fn perturb_text(gold: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for line in gold.split_inclusive('\n') {
        let (body, ending) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        let words: Vec<&str> = body.split(' ').collect();
        let mut new: Vec<String> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let w = words[i];
            if rng.chance(0.08) {
                new.push(damage(w, rng));
            } else if rng.chance(0.03) {
                // dropped
            } else if rng.chance(0.03) {
                new.push(w.to_string());
                new.push(w.to_string());
            } else if rng.chance(0.02) && w.chars().count() > 3 {
                let cut = w.char_indices().nth(2).map_or(w.len(), |(b, _)| b);
                new.push(w[..cut].to_string());
                new.push(w[cut..].to_string());
            } else if rng.chance(0.02) && i + 1 < words.len() {
                new.push(format!("{w}{}", words[i + 1]));
                i += 1;
            } else {
                new.push(w.to_string());
            }
            i += 1;
        }
        out.push_str(&new.join(" "));
        out.push_str(ending);
    }
    out
}

/// Each line from the input or from the gold text, and a few correct words
/// broken: a realistic mix of fixed, unfixed and broken words.
fn half_repaired(input: &str, gold: &str, rng: &mut Rng) -> String {
    let gold_lines: Vec<&str> = gold.lines().collect();
    let mut out = String::new();
    for (n, line) in input.lines().enumerate() {
        let chosen = if rng.chance(0.5) {
            gold_lines.get(n).copied().unwrap_or(line)
        } else {
            line
        };
        let words: Vec<String> = chosen
            .split(' ')
            .map(|w| {
                if rng.chance(0.02) {
                    damage(w, rng)
                } else {
                    w.to_string()
                }
            })
            .collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

/// Gold extraction with misses, near misses, ties and junk.
fn perturb_json(gold: &Value, rng: &mut Rng) -> Value {
    let mut quotes = Vec::new();
    for (i, q) in gold["quotes"].as_array().into_iter().flatten().enumerate() {
        let mut q = q.clone();
        match i % 5 {
            0 => continue,
            1 => {
                let text = q["text"].as_str().unwrap_or("").to_string();
                let words: Vec<&str> = text.split(' ').collect();
                let keep = (words.len() * 3).div_ceil(5);
                q["text"] = json!(words[..keep].join(" ").to_uppercase());
                let surname = q["speaker"]
                    .as_str()
                    .and_then(|s| s.split(' ').next_back())
                    .map(str::to_string);
                q["speaker"] = json!(surname);
            }
            2 => q["speaker"] = Value::Null,
            3 => {
                quotes.push(q.clone());
                q["speaker"] = json!("Någon Annan");
            }
            _ => {
                let text = q["text"].as_str().unwrap_or("").to_string();
                let words: Vec<&str> = text.split(' ').collect();
                q["text"] = json!(words[..words.len() / 3].join(" "));
            }
        }
        quotes.push(q);
    }
    quotes.push(json!({"text": "Helt påhittat citat här", "speaker": null, "line": 1}));
    quotes.push(json!({"speaker": "Ingen text"}));

    let mut people = Vec::new();
    for (i, p) in gold["people"].as_array().into_iter().flatten().enumerate() {
        let mut p = p.clone();
        match i % 4 {
            0 => p["name"] = json!(p["name"].as_str().unwrap_or("").to_uppercase()),
            1 => {
                let last = p["name"]
                    .as_str()
                    .and_then(|s| s.split(' ').next_back())
                    .unwrap_or("")
                    .to_string();
                p["name"] = json!(last);
                p["role"] = json!(
                    p["role"]
                        .as_str()
                        .map(|r| format!("  {}  ", r.to_uppercase()))
                );
            }
            2 => p["role"] = Value::Null,
            _ => p["role"] = json!("fel roll"),
        }
        people.push(p);
    }
    people.push(json!({"name": "Extra Person", "aliases": [], "role": null}));
    people.push(json!({"name": null}));

    let mut figures = Vec::new();
    for (i, f) in gold["figures"].as_array().into_iter().flatten().enumerate() {
        let mut f = f.clone();
        let value = f["value"].as_f64().unwrap_or(0.0);
        let line = f["line"].as_i64().unwrap_or(0);
        match i % 7 {
            0 => f["value"] = json!(format!(" {value} ")),
            1 => f["value"] = json!(value + 1.0),
            2 => f["line"] = json!(line + 2),
            3 => f["kind"] = json!("count"),
            4 => {
                if let Some(o) = f.as_object_mut() {
                    o.remove("line");
                }
            }
            5 => f["line"] = json!(line - 1),
            _ => {
                figures.push(f.clone());
                f["value"] = json!(value * (1.0 + 1e-7));
            }
        }
        if rng.chance(0.1) {
            f["value"] = Value::Null;
        }
        figures.push(f);
    }
    figures.push(json!({"text": "sant", "value": true, "line": true, "kind": "count"}));
    figures.push(json!({"value": "inte ett tal", "line": 3}));
    json!({"quotes": quotes, "people": people, "figures": figures})
}

/// Writes the synthetic output folder `variant` under `root`.
fn write_variant(root: &Path, variant: &str) -> PathBuf {
    let out = root.join(variant);
    fs::create_dir_all(&out).unwrap();
    let mut rng = Rng(20261127);
    for name in NAMES {
        let fx = fixtures();
        let input = fs::read_to_string(fx.join(format!("{name}.txt"))).unwrap();
        let gold = fs::read_to_string(fx.join(format!("{name}.gold.txt"))).unwrap();
        let gold_json: Value = serde_json::from_str(
            &fs::read_to_string(fx.join(format!("{name}.gold.json"))).unwrap(),
        )
        .unwrap();
        let (text, sidecar): (Option<String>, Option<String>) = match variant {
            "ocr" => (Some(input), None),
            "gold" => (Some(gold), Some(gold_json.to_string())),
            "perturbed" => (
                Some(perturb_text(&gold, &mut rng)),
                Some(perturb_json(&gold_json, &mut rng).to_string()),
            ),
            "half" => (
                Some(half_repaired(&input, &gold, &mut rng)),
                Some(perturb_json(&gold_json, &mut rng).to_string()),
            ),
            "invalid-json" => (
                Some(gold.replace("\n", "\r\n")),
                Some("{not json".to_string()),
            ),
            "empty" => (None, None),
            other => panic!("unknown variant {other}"),
        };
        if let Some(t) = text {
            fs::write(out.join(format!("{name}.txt")), t).unwrap();
        }
        if let Some(s) = sidecar {
            fs::write(out.join(format!("{name}.json")), s).unwrap();
        }
    }
    out
}

const VARIANTS: [&str; 6] = ["ocr", "gold", "perturbed", "half", "invalid-json", "empty"];

/// score.py, if it can be run here.
fn score_py() -> Option<PathBuf> {
    let path = std::env::var_os("OCRFIX_SCORE_PY")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/tools/score.py"));
    if !path.exists() {
        return None;
    }
    let ok = Command::new("python3")
        .args(["-c", "import rapidfuzz"])
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(path)
}

fn run_score_py(score_py: &Path, out: &Path) -> Value {
    let o = Command::new("python3")
        .arg(score_py)
        .arg(fixtures())
        .arg(out)
        .output()
        .expect("run score.py");
    assert!(
        o.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    serde_json::from_slice(&o.stdout).expect("score.py JSON")
}

fn record_path(variant: &str) -> PathBuf {
    repo().join(format!("tests/data/eval/{variant}.json"))
}

/// score.py's report for `variant`: live when possible, else recorded.
fn expected(variant: &str, out: &Path) -> Value {
    match score_py() {
        Some(py) => {
            let live = run_score_py(&py, out);
            if std::env::var_os("OCRFIX_RECORD").is_some() {
                let path = record_path(variant);
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, serde_json::to_string_pretty(&live).unwrap() + "\n").unwrap();
            }
            live
        }
        None => {
            eprintln!("score.py or rapidfuzz not available: using recorded figures for {variant}");
            serde_json::from_str(&fs::read_to_string(record_path(variant)).unwrap()).unwrap()
        }
    }
}

/// Asserts that two reports agree: same members, counts equal, figures within
/// 1e-9.
fn assert_same(ours: &Value, theirs: &Value, path: &str) {
    match (ours, theirs) {
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!((a - b).abs() <= 1e-9, "{path}: ocrfix {a}, score.py {b}");
        }
        (Value::Object(a), Value::Object(b)) => {
            let ka: Vec<_> = a.keys().collect();
            let kb: Vec<_> = b.keys().collect();
            assert_eq!(ka, kb, "{path}: members differ");
            for (k, v) in a {
                assert_same(v, &b[k], &format!("{path}.{k}"));
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "{path}: lengths differ");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                assert_same(x, y, &format!("{path}[{i}]"));
            }
        }
        (a, b) => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn library_scoring_matches_score_py() {
    let tmp = tempfile::tempdir().unwrap();
    for variant in VARIANTS {
        let out = write_variant(tmp.path(), variant);
        let ours: Value = serde_json::from_str(
            &ocrfix::eval::score_dir(&fixtures(), &out)
                .unwrap()
                .to_json(),
        )
        .unwrap();
        assert_same(&ours, &expected(variant, &out), variant);
    }
}

#[test]
fn eval_command_matches_score_py_on_its_own_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("eval-out");
    let o = Command::new(BIN)
        .args(["eval", "--json", "--out"])
        .arg(&out)
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ours: Value = serde_json::from_slice(&o.stdout).unwrap();
    for name in NAMES {
        assert!(out.join(format!("{name}.txt")).exists());
        assert!(out.join(format!("{name}.json")).exists());
    }
    if let Some(py) = score_py() {
        assert_same(&ours, &run_score_py(&py, &out), "eval");
    }
    // The table has a line per document and one for ALL.
    let o = Command::new(BIN)
        .arg("eval")
        .arg(fixtures())
        .output()
        .unwrap();
    let table = String::from_utf8(o.stdout).unwrap();
    let firsts: Vec<&str> = table
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert_eq!(firsts, ["falkenberg", "forord", "jarfalla", "ALL"]);
    assert!(table.contains("wer_in=0.2664"), "{table}");
}

#[test]
fn eval_from_scores_existing_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let out = write_variant(tmp.path(), "perturbed");
    let o = Command::new(BIN)
        .args(["eval", "--json", "--from"])
        .arg(&out)
        .arg(fixtures())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ours: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_same(&ours, &expected("perturbed", &out), "eval --from");
}
