//! The project's quality targets (issues 3 and 4), held on the gold fixtures with
//! the tool's own evaluation, which agrees with `score.py`
//! (tests/eval_score_py.rs): the repair of OCR text, clean text left alone,
//! encoding damage undone exactly, and extraction.

use std::path::{Path, PathBuf};

use ocrfix::eval::{Summary, evaluate};
use ocrfix::{Engine, Options};

/// The fixture sets: real OCR (seed-dev), team-written pages with the same
/// damage (synthetic), and a public-domain book from another domain (cfi).
const SETS: [&str; 3] = ["seed-dev", "synthetic", "cfi"];

fn fixtures() -> PathBuf {
    set("seed-dev")
}

fn set(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn summary_of(name: &str) -> Summary {
    let engine = Engine::new(Options::default());
    let report = evaluate(&engine, &set(name), None).expect("fixtures readable");
    let s = report.summary();
    eprintln!("{name}: {s:?}");
    s
}

fn summary() -> Summary {
    summary_of("seed-dev")
}

fn gold_texts() -> Vec<(String, String)> {
    SETS.iter().flat_map(|s| gold_texts_of(&set(s))).collect()
}

fn gold_texts_of(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if let Some(stem) = name.strip_suffix(".gold.txt") {
            let text = std::fs::read_to_string(&path).expect("gold text is UTF-8");
            out.push((stem.to_string(), text));
        }
    }
    out.sort();
    assert!(!out.is_empty(), "no gold texts");
    out
}

fn repair(text: &str) -> String {
    Engine::new(Options::default())
        .process_text(text, "test.txt")
        .text
}

#[test]
fn repair_meets_targets_on_seed_dev() {
    let s = summary();
    let reduction = s.error_reduction.expect("the OCR input has errors");
    assert!(reduction >= 0.95, "error_reduction {reduction}");
    assert!(
        s.broken_per_1000_words <= 1.0,
        "broken {}",
        s.broken_per_1000_words
    );
    assert!(s.cer_out <= 0.005, "cer_out {}", s.cer_out);
}

/// The other two sets are not the issue's targets but guard against a change
/// that helps seed-dev at the expense of text the tool was not tuned on.
#[test]
fn repair_holds_on_the_other_sets() {
    for name in ["synthetic", "cfi"] {
        let s = summary_of(name);
        let reduction = s.error_reduction.expect("the OCR input has errors");
        assert!(reduction >= 0.95, "{name}: error_reduction {reduction}");
        assert!(
            s.broken_per_1000_words <= 1.5,
            "{name}: broken {}",
            s.broken_per_1000_words
        );
        assert!(s.cer_out <= 0.005, "{name}: cer_out {}", s.cer_out);
    }
}

#[test]
fn extraction_meets_targets_on_seed_dev() {
    let s = summary();
    let f1 = |prf: Option<(f64, f64, f64)>| prf.map_or(0.0, |p| p.2);
    assert!(f1(s.quotes_prf) >= 0.90, "quotes {:?}", s.quotes_prf);
    assert!(
        s.speaker_accuracy.unwrap_or(0.0) >= 0.95,
        "speakers {:?}",
        s.speaker_accuracy
    );
    assert!(f1(s.people_prf) >= 0.90, "people {:?}", s.people_prf);
    assert!(f1(s.figures_prf) >= 0.85, "figures {:?}", s.figures_prf);
}

/// Clean Swedish passes through: at most 1 word in 1000 changed.
#[test]
fn clean_text_is_left_alone() {
    let (mut words, mut changed) = (0, 0);
    for (name, gold) in gold_texts() {
        let out = repair(&gold);
        let (a, b): (Vec<&str>, Vec<&str>) = (
            gold.split_whitespace().collect(),
            out.split_whitespace().collect(),
        );
        assert_eq!(a.len(), b.len(), "{name}: word count changed");
        for (x, y) in a.iter().zip(&b) {
            if x != y {
                eprintln!("{name}: {x} -> {y}");
                changed += 1;
            }
        }
        words += a.len();
    }
    assert!(
        changed * 1000 <= words,
        "{changed} of {words} clean words changed"
    );
}

/// Repairing twice changes nothing more.
#[test]
fn repair_is_idempotent() {
    for name in SETS {
        for (doc, _) in gold_texts_of(&set(name)) {
            let path = set(name).join(format!("{doc}.txt"));
            let input = std::fs::read_to_string(&path).expect("input beside gold");
            let once = repair(&input);
            assert_eq!(repair(&once), once, "{name}/{doc}");
        }
    }
}

/// Encoding damage made from the gold texts comes back to the gold exactly,
/// through the whole pipeline (decode, normalise and a corrector that must
/// leave the restored text alone).
#[test]
fn encoding_damage_of_gold_comes_back_exactly() {
    use unicode_normalization::UnicodeNormalization;
    for (name, gold) in gold_texts_of(&fixtures()) {
        // UTF-8 read as Windows-1252 ("fÃ¶r"), via encoding_rs.
        let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(gold.as_bytes());
        assert_eq!(repair(&latin), gold, "{name}: mojibake");
        // Swedish 7-bit ASCII.
        let iso: String = gold
            .chars()
            .map(|c| match c {
                'ä' => '{',
                'ö' => '|',
                'å' => '}',
                'Ä' => '[',
                'Ö' => '\\',
                'Å' => ']',
                c => c,
            })
            .collect();
        assert_eq!(repair(&iso), gold, "{name}: ISO 646-SE");
        let nfd: String = gold.nfd().collect();
        assert_eq!(repair(&nfd), gold, "{name}: NFD");
    }
}

/// `--min-confidence` keeps only the repairs at least that sure, in every
/// stage (joins and rule repairs included), and counts the others.
#[test]
fn min_confidence_keeps_only_sure_repairs() {
    let input = std::fs::read_to_string(fixtures().join("jarfalla.txt")).expect("input");
    let all = Engine::new(Options::default()).process_text(&input, "jarfalla.txt");
    let sure = Engine::new(Options {
        min_confidence: 0.95,
        ..Options::default()
    })
    .process_text(&input, "jarfalla.txt");
    assert!(
        sure.sidecar
            .corrections
            .iter()
            .all(|c| c.confidence >= 0.95)
    );
    assert!(sure.sidecar.corrections.len() < all.sidecar.corrections.len());
    assert!(sure.sidecar.stats.corrections_skipped > 0);
    // Joins are 0.8-0.9 sure: none is made, so the lines keep their hyphens.
    assert!(
        !sure
            .sidecar
            .corrections
            .iter()
            .any(|c| c.kind == ocrfix::sidecar::CorrectionKind::Hyphenation)
    );
    assert_eq!(sure.text.lines().count(), input.lines().count());
}
