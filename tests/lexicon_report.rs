//! Coverage and timing report of the embedded lexicon (ignored: it prints figures
//! rather than asserting them, and timings depend on the machine).
//!
//! ```text
//! cargo test --release --test lexicon_report -- --ignored --nocapture
//! ```

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use ocrfix::lexicon::Lexicon;
use ocrfix::tokenise::tokens;

fn fixtures() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/seed-dev");
    p.is_dir().then_some(p)
}

/// (name, gold text, OCR text) of every fixture document.
fn documents(dir: &Path) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.txt"))
        .collect();
    names.sort();
    for gold in names {
        let name = gold.file_name().unwrap_or_default().to_string_lossy();
        let stem = name.trim_end_matches(".gold.txt").to_string();
        let ocr = dir.join(format!("{stem}.txt"));
        if let (Ok(g), Ok(o)) = (
            std::fs::read_to_string(&gold),
            std::fs::read_to_string(&ocr),
        ) {
            out.push((stem, g, o));
        }
    }
    out
}

fn has_letter(w: &str) -> bool {
    w.chars().any(char::is_alphabetic)
}

#[test]
#[ignore = "report: prints coverage on the seed-dev fixtures"]
fn coverage_on_fixtures() {
    let Some(dir) = fixtures() else {
        eprintln!("no fixtures at ../shared/fixtures/seed-dev");
        return;
    };
    let lex = Lexicon::embedded();
    let docs = documents(&dir);

    // Gold: share of word tokens (with a letter) that is_word accepts.
    let (mut n, mut ok, mut ok_cased) = (0usize, 0usize, 0usize);
    let mut rejects: BTreeMap<String, usize> = BTreeMap::new();
    for (_, gold, _) in &docs {
        for line in gold.lines() {
            for t in tokens(line) {
                if !has_letter(t.word) {
                    continue;
                }
                n += 1;
                ok_cased += usize::from(lex.is_token_word(&t));
                let lower = t.word.to_lowercase();
                if lex.is_word(&lower) {
                    ok += 1;
                } else {
                    *rejects.entry(t.word.to_string()).or_default() += 1;
                }
            }
        }
    }
    println!(
        "gold: {ok}/{n} word tokens accepted ({:.2}%), {} rejected types:",
        100.0 * ok as f64 / n as f64,
        rejects.len()
    );
    println!(
        "  is_token_word (case-aware): {ok_cased}/{n} ({:.2}%)",
        100.0 * ok_cased as f64 / n as f64
    );
    println!(
        "  rejected: {}",
        rejects
            .iter()
            .map(|(w, c)| if *c > 1 {
                format!("{w} ({c})")
            } else {
                w.clone()
            })
            .collect::<Vec<_>>()
            .join(", ")
    );

    // OCR: tokens that differ from every word of the gold line are OCR errors;
    // those is_word accepts are wrongly accepted. Line-break pieces ("om-" and
    // the continuation at the start of the next line) are left out: they are
    // hyphenation, not misrecognition.
    let (mut diff, mut accepted, mut accepted_cased) = (0usize, 0usize, 0usize);
    let mut wrong_cased: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong: BTreeMap<String, (usize, String)> = BTreeMap::new();
    let mut rejected = 0usize;
    for (_, gold, ocr) in &docs {
        let gold_lines: Vec<&str> = gold.lines().collect();
        let mut prev_hyphen = false;
        for (i, line) in ocr.lines().enumerate() {
            let toks = tokens(line);
            let gold_words: Vec<String> = gold_lines
                .get(i)
                .map(|g| tokens(g).iter().map(|t| t.word.to_lowercase()).collect())
                .unwrap_or_default();
            for (j, t) in toks.iter().enumerate() {
                let lower = t.word.to_lowercase();
                let continuation = j == 0 && prev_hyphen;
                if !has_letter(t.word)
                    || t.word.ends_with('-')
                    || continuation
                    || gold_words.contains(&lower)
                {
                    continue;
                }
                diff += 1;
                if lex.is_token_word(t) {
                    accepted_cased += 1;
                    *wrong_cased.entry(t.word.to_string()).or_default() += 1;
                }
                if lex.is_word(&lower) {
                    accepted += 1;
                    let e = wrong.entry(t.word.to_string()).or_default();
                    e.0 += 1;
                    if e.1.is_empty() {
                        e.1 = gold_lines.get(i).unwrap_or(&"").to_string();
                    }
                } else {
                    rejected += 1;
                }
            }
            if !line.trim().is_empty() {
                prev_hyphen = toks.last().is_some_and(|t| t.word.ends_with('-'));
            }
        }
    }
    println!(
        "ocr: {diff} tokens differ from the gold line; {accepted} wrongly accepted as words \
         ({:.1}%), {rejected} rejected",
        100.0 * accepted as f64 / diff.max(1) as f64
    );
    println!(
        "  is_token_word (case-aware): {accepted_cased} wrongly accepted ({:.1}%): {}",
        100.0 * accepted_cased as f64 / diff.max(1) as f64,
        wrong_cased
            .iter()
            .map(|(w, c)| if *c > 1 {
                format!("{w} ({c})")
            } else {
                w.clone()
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  accepted by is_word: {}",
        wrong
            .iter()
            .map(|(w, (c, _))| if *c > 1 {
                format!("{w} ({c})")
            } else {
                w.clone()
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
}

#[test]
#[ignore = "report: prints lookup timings (run with --release)"]
fn timings() {
    // The load itself is timed by tests/lexicon_load.rs, in a process of its own.
    let lex = Lexicon::embedded();

    let (gold, garbage) = match fixtures() {
        Some(dir) => {
            let docs = documents(&dir);
            let mut g = Vec::new();
            let mut o = Vec::new();
            for (_, gold, ocr) in &docs {
                for t in gold.lines().flat_map(tokens) {
                    if has_letter(t.word) {
                        g.push(t.word.to_lowercase());
                    }
                }
                for t in ocr.lines().flat_map(tokens) {
                    if has_letter(t.word) {
                        o.push(t.word.to_lowercase());
                    }
                }
            }
            (g, o)
        }
        None => (
            vec!["förvaltning".to_string(), "kommunen".into()],
            vec!["férvaltning".to_string()],
        ),
    };
    let stored: Vec<&String> = gold.iter().filter(|w| lex.get(w).is_some()).collect();
    let compounds: Vec<&String> = gold
        .iter()
        .filter(|w| lex.get(w).is_none() && lex.is_word(w))
        .collect();
    let unknown: Vec<&String> = garbage.iter().filter(|w| !lex.is_word(w)).collect();

    fn bench<T>(label: &str, items: &[T], reps: usize, mut f: impl FnMut(&T) -> bool) {
        let t = Instant::now();
        let mut hits = 0usize;
        for _ in 0..reps {
            for it in items {
                hits += usize::from(f(black_box(it)));
            }
        }
        let per = t.elapsed().as_nanos() as f64 / (reps * items.len().max(1)) as f64;
        println!(
            "{label:<44} {per:>8.0} ns/call ({} items, {hits} true)",
            items.len()
        );
    }
    let reps = 200;
    bench("get (stored forms)", &stored, reps, |w| {
        lex.get(w).is_some()
    });
    bench("is_word (gold tokens, all kinds)", &gold, reps, |w| {
        lex.is_word(w)
    });
    bench("is_word (compounds not stored)", &compounds, reps, |w| {
        lex.is_word(w)
    });
    bench("is_word (OCR tokens rejected)", &unknown, reps, |w| {
        lex.is_word(w)
    });
    bench("compound_split (compounds)", &compounds, reps, |w| {
        lex.compound_split(w).is_some()
    });
    let pairs: Vec<(String, String)> = gold
        .windows(2)
        .map(|p| (p[0].clone(), p[1].clone()))
        .collect();
    bench("pair_count", &pairs, reps, |(a, b)| {
        lex.pair_count(a, b) > 0
    });
}
