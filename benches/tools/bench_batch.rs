//! A stand-in for the batch command `ocrfix INPUT... -o OUT -j N -q`, for
//! `benches/run.sh` while the real command has not landed on main.
//!
//! It does what the batch run costs: walk the inputs (`*.txt`, not `*.gold.txt`),
//! process the documents in parallel on a rayon pool of N threads, and write
//! `OUT/rel/NAME.txt` and `OUT/rel/NAME.json` (pretty JSON sidecar) through a
//! temporary file renamed into place. It keeps no per-document state, so its
//! memory is that of the engine plus the documents in flight. It lacks the real
//! command's run report and progress bar, which cost little.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The documents under `input`, with the path to mirror in OUT.
fn documents(input: &Path) -> Vec<(PathBuf, PathBuf)> {
    if input.is_file() {
        let name = input.file_name().map(PathBuf::from).unwrap_or_default();
        return vec![(input.to_path_buf(), name)];
    }
    let mut v: Vec<(PathBuf, PathBuf)> = walkdir::WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| {
            let s = p.to_string_lossy();
            s.ends_with(".txt") && !s.ends_with(".gold.txt")
        })
        .map(|p| {
            let rel = p.strip_prefix(input).unwrap_or(&p).to_path_buf();
            (p, rel)
        })
        .collect();
    v.sort();
    v
}

/// Writes `bytes` to `path` through a temporary file renamed into place, as the
/// batch command does (the rename is part of what a run costs).
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp~");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

fn process(engine: &ocrfix::Engine, src: &Path, rel: &Path, out: &Path) -> Result<usize, String> {
    let err = |e: &dyn std::fmt::Display| format!("{}: {e}", src.display());
    let bytes = std::fs::read(src).map_err(|e| err(&e))?;
    let result = engine
        .process(&bytes, &rel.to_string_lossy())
        .map_err(|e| err(&e))?;
    let target = out.join(rel);
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir).map_err(|e| err(&e))?;
    }
    write_atomic(&target, result.text.as_bytes()).map_err(|e| err(&e))?;
    let json = serde_json::to_vec_pretty(&result.sidecar).map_err(|e| err(&e))?;
    write_atomic(&target.with_extension("json"), &json).map_err(|e| err(&e))?;
    Ok(bytes.len())
}

fn main() -> ExitCode {
    let mut inputs = Vec::new();
    let mut out = None;
    let mut threads = 0;
    let mut quiet = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" | "--out" => out = args.next().map(PathBuf::from),
            "-j" | "--threads" => threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            "-q" | "--quiet" => quiet = true,
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let Some(out) = out.filter(|_| !inputs.is_empty()) else {
        eprintln!("usage: bench_batch INPUT... -o OUT [-j N] [-q]");
        return ExitCode::from(2);
    };
    let start = std::time::Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool");
    let engine = ocrfix::Engine::new(ocrfix::Options::default());
    let docs: Vec<(PathBuf, PathBuf)> = inputs.iter().flat_map(|i| documents(i)).collect();
    let (bytes, failed) = (AtomicU64::new(0), AtomicUsize::new(0));
    pool.install(|| {
        docs.par_iter()
            .for_each(|(src, rel)| match process(&engine, src, rel, &out) {
                Ok(n) => {
                    bytes.fetch_add(n as u64, Ordering::Relaxed);
                }
                Err(e) => {
                    failed.fetch_add(1, Ordering::Relaxed);
                    eprintln!("bench_batch: {e}");
                }
            });
    });
    let secs = start.elapsed().as_secs_f64();
    let (bytes, failed) = (bytes.into_inner(), failed.into_inner());
    if !quiet {
        eprintln!(
            "bench_batch: {} documents, {} failed, {:.1} MB in {:.2} s ({:.2} MB/s, {} threads)",
            docs.len(),
            failed,
            bytes as f64 / 1e6,
            secs,
            bytes as f64 / 1e6 / secs,
            pool.current_num_threads()
        );
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
