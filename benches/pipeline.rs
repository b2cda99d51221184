//! Throughput of each pipeline stage and of the whole pipeline, one thread, on a
//! realistic document set (`cargo bench --bench pipeline`).
//!
//! The document set is generated in memory by the benchmark corpus generator
//! (`benches/corpus`, seed 1, 1 MB by default; `OCRFIX_BENCH_BYTES=5MB` for
//! more), or read from a folder of `*.txt` files given in `OCRFIX_BENCH_CORPUS`
//! (e.g. one made by `gen_corpus`). Every stage reports MB of *input* per
//! second, so the stages compare with each other and with end to end.
//!
//! The corrector keeps a per-thread cache of word readings across documents, so
//! repeated iterations over the same set measure it warm; `benches/run.sh` times
//! a cold, whole-corpus run of the command as well. Until the embedded lexicon
//! lands, set `OCRFIX_DEV_LEXICON` (without a lexicon, correction does nothing
//! and the numbers mean nothing; the bench says so).

#[path = "corpus/mod.rs"]
mod corpus;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ocrfix::correct::Corrector;
use ocrfix::text::Lines;
use ocrfix::{Engine, Options, decode, dehyphenate, extract, normalise};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

/// The documents to measure on: (name, bytes).
fn documents() -> Vec<(String, Vec<u8>)> {
    if let Ok(dir) = std::env::var("OCRFIX_BENCH_CORPUS") {
        let mut docs = Vec::new();
        read_dir(Path::new(&dir), &mut docs);
        docs.sort();
        let limit = bench_bytes();
        let mut total = 0;
        docs.retain(|(_, b)| {
            total += b.len() as u64;
            total - b.len() as u64 <= limit
        });
        assert!(!docs.is_empty(), "no *.txt documents under {dir}");
        return docs;
    }
    let mut paths = vec![corpus::default_riksdagen()];
    paths.retain(|p| p.exists());
    paths.extend(corpus::default_gold_files());
    let sources = corpus::Sources::load(&paths).expect("clean sources");
    let model = corpus::NoiseModel::new(&corpus::NoiseTable::committed());
    let settings = corpus::Settings {
        seed: 1,
        total_bytes: bench_bytes(),
        ..corpus::Settings::default()
    };
    let mut docs = Vec::new();
    corpus::generate(&sources, &model, &settings, |d| {
        docs.push((d.path, d.text.into_bytes()));
        Ok(())
    })
    .expect("in memory");
    docs
}

fn bench_bytes() -> u64 {
    let s = std::env::var("OCRFIX_BENCH_BYTES").unwrap_or_else(|_| "1MB".to_string());
    let t = s.to_ascii_lowercase();
    let t = t.trim_end_matches('b');
    let (n, m) = match t.strip_suffix('m') {
        Some(n) => (n, 1e6),
        None => match t.strip_suffix('k') {
            Some(n) => (n, 1e3),
            None => (t, 1.0),
        },
    };
    (n.parse::<f64>().expect("OCRFIX_BENCH_BYTES like 1MB") * m) as u64
}

fn read_dir(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).expect("corpus folder").flatten() {
        let p = e.path();
        let name = p.to_string_lossy().into_owned();
        if p.is_dir() {
            read_dir(&p, out);
        } else if name.ends_with(".txt") && !name.ends_with(".gold.txt") {
            out.push((name, std::fs::read(&p).expect("document")));
        }
    }
}

/// The seed-dev fixtures as the OCR left them: real damage, three documents.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-dev");
    ["falkenberg", "forord", "jarfalla"]
        .iter()
        .map(|n| {
            let p = dir.join(format!("{n}.txt"));
            (n.to_string(), std::fs::read(p).expect("fixture"))
        })
        .collect()
}

/// A lines-per-document snapshot taken after `stages` of the pipeline ran.
fn lines_after(engine: &Engine, docs: &[(String, Vec<u8>)], stages: usize) -> Vec<Vec<String>> {
    docs.iter()
        .map(|(_, b)| {
            let text = decode::decode(b).expect("decodes").text;
            let mut lines = Lines::split(&text).lines;
            if stages >= 1 {
                normalise::normalise(&mut lines, engine.lexicon());
            }
            if stages >= 2 {
                let mut c = Corrector::new(engine.lexicon(), &lines);
                c.correct_lines(&mut lines, 0.0);
            }
            if stages >= 3 {
                let mut c = Corrector::new(engine.lexicon(), &lines);
                dehyphenate::dehyphenate(&mut lines, &mut c);
            }
            lines
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let engine = Engine::new(Options::default());
    if engine.lexicon().get("och").is_none() {
        eprintln!(
            "WARNING: the lexicon is empty (no embedded lexicon yet and OCRFIX_DEV_LEXICON \
             not set): correction does nothing and these numbers are meaningless"
        );
    }
    let docs = documents();
    let bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    eprintln!(
        "pipeline bench: {} documents, {:.2} MB",
        docs.len(),
        bytes as f64 / 1e6
    );
    // Warm the corrector's per-thread cache once, as any long run is.
    for (name, b) in &docs {
        black_box(engine.process(b, name).expect("processes"));
    }

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::BytesDecimal(bytes));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(8));

    g.bench_function("decode", |b| {
        b.iter(|| {
            for (_, d) in &docs {
                black_box(decode::decode(d).expect("decodes"));
            }
        })
    });

    let split = lines_after(&engine, &docs, 0);
    g.bench_function("split_join_lines", |b| {
        let texts: Vec<String> = docs
            .iter()
            .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
            .collect();
        b.iter(|| {
            for t in &texts {
                black_box(Lines::split(t).join());
            }
        })
    });

    g.bench_function("normalise", |b| {
        b.iter_batched(
            || split.clone(),
            |mut all| {
                for lines in &mut all {
                    black_box(normalise::normalise(lines, engine.lexicon()));
                }
                all
            },
            BatchSize::PerIteration,
        )
    });

    let normalised = lines_after(&engine, &docs, 1);
    // Corrector::new reads every word and estimates the document's channel;
    // correct_lines chooses the readings. Both are the "correct" stage.
    g.bench_function("correct", |b| {
        b.iter_batched(
            || normalised.clone(),
            |mut all| {
                for lines in &mut all {
                    let mut c = Corrector::new(engine.lexicon(), lines);
                    black_box(c.correct_lines(lines, 0.0));
                }
                all
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("correct_new_only", |b| {
        b.iter(|| {
            for lines in &normalised {
                black_box(Corrector::new(engine.lexicon(), lines));
            }
        })
    });

    let corrected = lines_after(&engine, &docs, 2);
    g.bench_function("dehyphenate", |b| {
        b.iter_batched(
            || {
                corrected
                    .iter()
                    .map(|l| (l.clone(), Corrector::new(engine.lexicon(), l)))
                    .collect::<Vec<_>>()
            },
            |mut all| {
                for (lines, c) in &mut all {
                    black_box(dehyphenate::dehyphenate(lines, c));
                }
                all.into_iter().map(|(l, _)| l).collect::<Vec<_>>()
            },
            BatchSize::PerIteration,
        )
    });

    let repaired = lines_after(&engine, &docs, 3);
    g.bench_function("extract", |b| {
        b.iter(|| {
            for lines in &repaired {
                black_box(extract::extract(lines));
            }
        })
    });

    // What the batch command writes per document: the text and the pretty JSON
    // sidecar, serialised to memory (the file system's part is in run.sh).
    let outputs: Vec<ocrfix::Output> = docs
        .iter()
        .map(|(n, b)| engine.process(b, n).expect("processes"))
        .collect();
    g.bench_function("serialise", |b| {
        b.iter(|| {
            let mut buf = Vec::with_capacity(64 * 1024);
            for o in &outputs {
                buf.clear();
                buf.extend_from_slice(o.text.as_bytes());
                serde_json::to_writer_pretty(&mut buf, &o.sidecar).expect("serialises");
                black_box(&buf);
            }
        })
    });

    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            for (name, d) in &docs {
                black_box(engine.process(d, name).expect("processes"));
            }
        })
    });
    g.finish();

    let fx = fixtures();
    let fx_bytes: u64 = fx.iter().map(|(_, b)| b.len() as u64).sum();
    let mut g = c.benchmark_group("seed-dev");
    g.throughput(Throughput::BytesDecimal(fx_bytes));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            for (name, d) in &fx {
                black_box(engine.process(d, name).expect("processes"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
