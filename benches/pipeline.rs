//! Throughput of each pipeline stage and of the whole pipeline, on one thread
//! and on all, on a realistic document set (`cargo bench --bench pipeline`).
//!
//! The document set is generated in memory by the benchmark corpus generator
//! (`benches/corpus`, seed 1, 1 MB by default; `OCRFIX_BENCH_BYTES=5MB` for
//! more), or read from a folder of `*.txt` files given in `OCRFIX_BENCH_CORPUS`
//! (e.g. one made by `gen_corpus`). Every stage reports MB of *input* per
//! second, so the stages compare with each other and with end to end.
//!
//! The corrector keeps a process-wide cache of word readings across documents, so
//! repeated iterations over the same set measure it warm; `benches/run.sh` times
//! a cold, whole-corpus run of the command as well.

#[path = "corpus/mod.rs"]
mod corpus;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ocrfix::correct::Corrector;
use ocrfix::text::Lines;
use ocrfix::{Engine, Options, decode, dehyphenate, extract, normalise};
use rayon::prelude::*;
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

/// Each document's lines after normalisation: the input of the corrector.
fn normalised(engine: &Engine, docs: &[(String, Vec<u8>)]) -> Vec<Vec<String>> {
    docs.iter()
        .map(|(_, b)| {
            let text = decode::decode(b).expect("decodes").text;
            let mut lines = Lines::split(&text).lines;
            normalise::normalise(&mut lines, engine.lexicon());
            lines
        })
        .collect()
}

/// Each document's lines after dehyphenation, with the corrector that did it,
/// as `Engine::process_text` hands them to `correct_lines`.
fn dehyphenated<'l>(
    engine: &'l Engine,
    normalised: &[Vec<String>],
) -> Vec<(Vec<String>, Corrector<'l>)> {
    normalised
        .iter()
        .map(|l| {
            let mut lines = l.clone();
            let mut c = Corrector::new(engine.lexicon(), &lines);
            dehyphenate::dehyphenate(&mut lines, &mut c, 0.0);
            (lines, c)
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let engine = Engine::new(Options::default());
    assert!(
        engine.lexicon().get("och").is_some(),
        "the lexicon is empty: correction would do nothing and the numbers mean nothing"
    );
    let docs = documents();
    let bytes: u64 = docs.iter().map(|(_, b)| b.len() as u64).sum();
    eprintln!(
        "pipeline bench: {} documents, {:.2} MB",
        docs.len(),
        bytes as f64 / 1e6
    );
    // Warm the corrector's shared reading cache once, as any long run is.
    for (name, b) in &docs {
        black_box(engine.process(b, name).expect("processes"));
    }

    // The inputs of each stage, prepared once.
    let texts: Vec<String> = docs
        .iter()
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .collect();
    let split: Vec<Vec<String>> = docs
        .iter()
        .map(|(_, b)| Lines::split(&decode::decode(b).expect("decodes").text).lines)
        .collect();
    let normalised = normalised(&engine, &docs);
    let repaired: Vec<Vec<String>> = dehyphenated(&engine, &normalised)
        .into_iter()
        .map(|(mut lines, mut c)| {
            c.correct_lines(&mut lines, 0.0);
            lines
        })
        .collect();
    let outputs: Vec<ocrfix::Output> = docs
        .iter()
        .map(|(n, b)| engine.process(b, n).expect("processes"))
        .collect();

    // Each stage on one thread ("stage"), then with the documents spread over
    // every core ("stage-all-threads"; MB/s per core is that over the cores).
    for threads in [Threads::One, Threads::All] {
        let mut g = c.benchmark_group(threads.group());
        g.throughput(Throughput::BytesDecimal(bytes));
        g.sample_size(10);
        g.warm_up_time(Duration::from_secs(1));
        g.measurement_time(Duration::from_secs(8));

        g.bench_function("decode", |b| {
            b.iter(|| {
                threads.each(&docs, |(_, d)| {
                    black_box(decode::decode(d).expect("decodes"));
                })
            })
        });
        g.bench_function("split_join_lines", |b| {
            b.iter(|| {
                threads.each(&texts, |t| {
                    black_box(Lines::split(t).join());
                })
            })
        });
        g.bench_function("normalise", |b| {
            b.iter_batched(
                || split.clone(),
                |mut all| {
                    threads.each_mut(&mut all, |lines| {
                        black_box(normalise::normalise(lines, engine.lexicon()));
                    });
                    all
                },
                BatchSize::PerIteration,
            )
        });
        // The corrector in the order Engine::process_text runs it:
        // Corrector::new reads every word and estimates the document's
        // channel, dehyphenate joins split words, correct_lines chooses the
        // readings in context.
        g.bench_function("correct_new", |b| {
            b.iter(|| {
                threads.each(&normalised, |lines| {
                    black_box(Corrector::new(engine.lexicon(), lines));
                })
            })
        });
        g.bench_function("dehyphenate", |b| {
            b.iter_batched(
                || {
                    normalised
                        .iter()
                        .map(|l| (l.clone(), Corrector::new(engine.lexicon(), l)))
                        .collect::<Vec<_>>()
                },
                |mut all| {
                    threads.each_mut(&mut all, |(lines, c)| {
                        black_box(dehyphenate::dehyphenate(lines, c, 0.0));
                    });
                    all
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function("correct_lines", |b| {
            b.iter_batched(
                || dehyphenated(&engine, &normalised),
                |mut all| {
                    threads.each_mut(&mut all, |(lines, c)| {
                        black_box(c.correct_lines(lines, 0.0));
                    });
                    all
                },
                BatchSize::PerIteration,
            )
        });
        g.bench_function("extract", |b| {
            b.iter(|| {
                threads.each(&repaired, |lines| {
                    black_box(extract::extract(lines));
                })
            })
        });
        // What the batch command writes per document: the text and the pretty
        // JSON sidecar, serialised to memory (the file system's part is in
        // run.sh).
        g.bench_function("serialise", |b| {
            b.iter(|| {
                threads.each(&outputs, |o| {
                    let mut buf = Vec::with_capacity(64 * 1024);
                    buf.extend_from_slice(o.text.as_bytes());
                    serde_json::to_writer_pretty(&mut buf, &o.sidecar).expect("serialises");
                    black_box(&buf);
                })
            })
        });
        g.bench_function("end_to_end", |b| {
            b.iter(|| {
                threads.each(&docs, |(name, d)| {
                    black_box(engine.process(d, name).expect("processes"));
                })
            })
        });
        g.finish();
    }

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

/// One thread, or the documents spread over rayon's pool (one thread a core).
#[derive(Clone, Copy)]
enum Threads {
    One,
    All,
}

impl Threads {
    fn group(self) -> String {
        match self {
            Threads::One => "stage".to_string(),
            Threads::All => format!("stage-all-threads ({})", rayon::current_num_threads()),
        }
    }

    /// Runs `f` on every item.
    fn each<T: Sync>(self, items: &[T], f: impl Fn(&T) + Sync + Send) {
        match self {
            Threads::One => items.iter().for_each(f),
            Threads::All => items.par_iter().for_each(f),
        }
    }

    /// Runs `f` on every item, which it may change.
    fn each_mut<T: Send>(self, items: &mut [T], f: impl Fn(&mut T) + Sync + Send) {
        match self {
            Threads::One => items.iter_mut().for_each(f),
            Threads::All => items.par_iter_mut().for_each(f),
        }
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
