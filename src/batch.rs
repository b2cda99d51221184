//! Many documents: walks the inputs, processes them in parallel and writes the
//! output tree atomically.
//!
//! A run has two steps. [`plan`] expands the INPUT paths into [`Job`]s and
//! decides every output path before anything is written, so that problems
//! which concern the whole run (an INPUT that does not exist, OUT equal to an
//! INPUT) stop it before it starts, and problems of single documents (two
//! documents with the same output, an output that would replace an input) are
//! known up front. [`run`] then processes the jobs on a local rayon pool,
//! writes each output through a temporary file renamed into place, and writes
//! the [`Report`].
//!
//! Determinism: jobs are ordered by INPUT argument, then by path (folders are
//! walked in sorted order), outputs carry no timestamps, and the report has no
//! timings, so running the same command twice gives byte-identical files.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::Error;
use crate::pipeline::Engine;
use crate::sidecar::Sidecar;

/// File name of the run report written into OUT (unless moved with
/// [`BatchOptions::report`]).
///
/// A document named `ocrfix-report.txt` at the top of an INPUT folder would
/// have its sidecar here; [`plan`] detects that and fails that document with
/// a message pointing at `--report`, rather than letting one overwrite the
/// other.
pub const REPORT_NAME: &str = "ocrfix-report.json";

/// Version tag of the run report format.
pub const REPORT_SCHEMA: &str = "ocrfix-report/1";

/// The default include glob.
pub const DEFAULT_INCLUDE: &str = "*.txt";

/// The default exclude glob: the gold texts of fixture sets (`NAME.gold.txt`
/// beside `NAME.txt`) are answer keys, not documents to repair.
pub const DEFAULT_EXCLUDE: &str = "*.gold.txt";

/// What to do when a document's output files already exist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IfExists {
    /// Replace them. Files whose content would not change are left untouched
    /// (not even their modification time changes).
    #[default]
    Overwrite,
    /// Leave the document alone when both its `.txt` and `.json` exist; this
    /// resumes an interrupted run. The document is reported as skipped.
    Skip,
    /// Fail the document when either output exists (no-clobber).
    Error,
}

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Globs a file found in an INPUT folder must match (any of them). A glob
    /// without `/` is matched against the file name, one with `/` against the
    /// path relative to the INPUT folder. Matching ignores case. Files named
    /// directly as INPUT are always taken.
    pub include: Vec<String>,
    /// Globs of files and folders to leave out (same matching as `include`).
    pub exclude: Vec<String>,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// What to do with existing outputs.
    pub if_exists: IfExists,
    /// Where to write the run report; `None` means `OUT/ocrfix-report.json`.
    pub report: Option<PathBuf>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            include: vec![DEFAULT_INCLUDE.to_string()],
            exclude: vec![DEFAULT_EXCLUDE.to_string()],
            threads: 0,
            if_exists: IfExists::default(),
            report: None,
        }
    }
}

/// One document of a run, with its output paths decided.
#[derive(Debug, Clone)]
pub struct Job {
    /// The file to read (the INPUT as given, joined with the relative path).
    pub input: PathBuf,
    /// The path relative to the INPUT it was found under, with `/` separators
    /// (for a file given directly: its file name). Recorded in the sidecar.
    pub source: String,
    /// The repaired text, relative to OUT (`rel/name.txt`).
    pub text: PathBuf,
    /// The sidecar, relative to OUT (`rel/name.json`).
    pub sidecar: PathBuf,
    /// Why the document cannot be processed, found while planning.
    pub problem: Option<String>,
}

/// Everything a run will do, decided before it writes anything.
#[derive(Debug, Clone)]
pub struct Plan {
    /// OUT as given.
    pub out: PathBuf,
    /// Where the run report goes.
    pub report: PathBuf,
    /// The documents, in the order they are reported.
    pub jobs: Vec<Job>,
}

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Processed and written.
    Ok,
    /// Not processed; see `error`.
    Failed,
    /// Left alone because its outputs exist (`--skip-existing`).
    Skipped,
}

/// One document in the run report.
#[derive(Debug, Clone, Serialize)]
pub struct DocReport {
    /// The input file as given on the command line (joined with its path in
    /// the folder).
    pub input: String,
    /// The path relative to its INPUT, as in the sidecar's `source`.
    pub source: String,
    /// `ok`, `failed` or `skipped`.
    pub status: Status,
    /// The repaired text relative to OUT; null when none was written.
    pub text: Option<String>,
    /// The sidecar relative to OUT; null when none was written.
    pub sidecar: Option<String>,
    /// The encoding the input was decoded from; null unless processed.
    pub encoding: Option<String>,
    /// Lines in the input.
    pub lines: usize,
    /// Words in the input.
    pub words: usize,
    /// Words changed by the repair.
    pub words_changed: usize,
    /// Corrections applied (entries in the sidecar's `corrections`).
    pub corrections: usize,
    /// Corrections left out for low confidence.
    pub corrections_skipped: usize,
    /// The sidecar's warnings.
    pub warnings: Vec<String>,
    /// Why the document failed; null unless `status` is `failed`.
    pub error: Option<String>,
}

impl DocReport {
    fn new(job: &Job, status: Status) -> DocReport {
        DocReport {
            input: job.input.to_string_lossy().into_owned(),
            source: job.source.clone(),
            status,
            text: None,
            sidecar: None,
            encoding: None,
            lines: 0,
            words: 0,
            words_changed: 0,
            corrections: 0,
            corrections_skipped: 0,
            warnings: Vec::new(),
            error: None,
        }
    }

    fn failed(job: &Job, error: String) -> DocReport {
        let mut r = DocReport::new(job, Status::Failed);
        r.error = Some(error);
        r
    }
}

/// Totals of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Documents in the run.
    pub documents: usize,
    /// Documents processed and written.
    pub ok: usize,
    /// Documents that failed.
    pub failed: usize,
    /// Documents skipped because their outputs exist.
    pub skipped: usize,
    /// Words in the documents processed.
    pub words: usize,
    /// Words changed in them.
    pub words_changed: usize,
    /// Corrections applied in them.
    pub corrections: usize,
}

/// The machine-readable account of a run, written as JSON to
/// `OUT/ocrfix-report.json`. It has no timings, so it is as deterministic as
/// the outputs.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Always [`REPORT_SCHEMA`].
    pub schema: &'static str,
    /// The ocrfix version that wrote it.
    pub ocrfix: &'static str,
    /// Totals.
    pub summary: Summary,
    /// Every document, in plan order.
    pub documents: Vec<DocReport>,
}

impl Report {
    /// Builds the report from the per-document results.
    pub fn new(documents: Vec<DocReport>) -> Report {
        let mut s = Summary {
            documents: documents.len(),
            ..Summary::default()
        };
        for d in &documents {
            match d.status {
                Status::Ok => s.ok += 1,
                Status::Failed => s.failed += 1,
                Status::Skipped => s.skipped += 1,
            }
            s.words += d.words;
            s.words_changed += d.words_changed;
            s.corrections += d.corrections;
        }
        Report {
            schema: REPORT_SCHEMA,
            ocrfix: env!("CARGO_PKG_VERSION"),
            summary: s,
            documents,
        }
    }

    /// The report as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|e| {
            // Only non-string map keys can fail here, and the report has none.
            format!("{{\"error\": \"cannot serialise the report: {e}\"}}")
        });
        s.push('\n');
        s
    }
}

/// Globs compiled for matching on file names and on relative paths.
struct Globs {
    names: GlobSet,
    paths: GlobSet,
}

impl Globs {
    fn new(patterns: &[String]) -> Result<Globs, Error> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        // An empty pattern stands for "none" (`--exclude ''`).
        for p in patterns.iter().filter(|p| !p.is_empty()) {
            let glob = GlobBuilder::new(p)
                .case_insensitive(true)
                .literal_separator(true)
                .build()
                .map_err(|e| Error::Glob {
                    pattern: p.clone(),
                    reason: e.kind().to_string(),
                })?;
            if p.contains('/') {
                paths.add(glob);
            } else {
                names.add(glob);
            }
        }
        let build = |b: GlobSetBuilder| {
            b.build().map_err(|e| Error::Glob {
                pattern: patterns.join(" "),
                reason: e.to_string(),
            })
        };
        Ok(Globs {
            names: build(names)?,
            paths: build(paths)?,
        })
    }

    fn matches(&self, rel: &str) -> bool {
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.names.is_match(name) || self.paths.is_match(rel)
    }
}

/// The absolute form of `path` with symbolic links resolved as far as the
/// path exists (OUT usually does not exist yet).
fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.clone();
    let mut rest: Vec<OsString> = Vec::new();
    loop {
        if let Ok(canonical) = existing.canonicalize() {
            let mut p = canonical;
            p.extend(rest.iter().rev());
            return p;
        }
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_owned());
                existing = parent.to_path_buf();
            }
            _ => return abs,
        }
    }
}

/// `rel` (with `/`) as a relative path.
fn rel_path(rel: &str) -> PathBuf {
    rel.split('/').collect()
}

/// The output paths of a document at `rel` (relative to its INPUT, with `/`):
/// the same folder, the file stem with `.txt` and `.json`.
fn outputs_for(rel: &str) -> (PathBuf, PathBuf) {
    let rel = rel_path(rel);
    let stem = rel
        .file_stem()
        .map(|s| s.to_owned())
        .unwrap_or_else(|| OsString::from("document"));
    let mut text = stem.clone();
    text.push(".txt");
    let mut sidecar = stem;
    sidecar.push(".json");
    (rel.with_file_name(text), rel.with_file_name(sidecar))
}

/// Expands the INPUT paths into jobs and decides their outputs.
///
/// Fails (with an error for which [`Error::is_usage`] holds) when an INPUT
/// does not exist, OUT is an INPUT folder or contains one, or a glob is bad.
/// OUT inside an INPUT folder is allowed: it is left out of the walk, so
/// outputs are never read back as inputs.
pub fn plan(inputs: &[PathBuf], out: &Path, options: &BatchOptions) -> Result<Plan, Error> {
    let include = Globs::new(&options.include)?;
    let exclude = Globs::new(&options.exclude)?;
    let out_resolved = resolve(out);
    if out_resolved.exists() && !out_resolved.is_dir() {
        return Err(Error::OutNotAFolder {
            path: out.to_path_buf(),
        });
    }
    let report = options
        .report
        .clone()
        .unwrap_or_else(|| out.join(REPORT_NAME));
    let report_resolved = resolve(&report);

    // (job, canonical input) in order.
    let mut found: Vec<(Job, Option<PathBuf>)> = Vec::new();
    for input in inputs {
        let meta = fs::metadata(input).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::InputNotFound {
                    path: input.clone(),
                }
            } else {
                Error::io(input, e)
            }
        })?;
        if meta.is_dir() {
            let root = resolve(input);
            if root == out_resolved {
                return Err(Error::OutputOverlapsInput {
                    out: out.to_path_buf(),
                    input: input.clone(),
                    relation: "is the same as",
                });
            }
            if root.starts_with(&out_resolved) {
                return Err(Error::OutputOverlapsInput {
                    out: out.to_path_buf(),
                    input: input.clone(),
                    relation: "contains",
                });
            }
            walk(input, &root, &out_resolved, &include, &exclude, &mut found);
        } else {
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.to_string_lossy().into_owned());
            let (text, sidecar) = outputs_for(&name);
            found.push((
                Job {
                    input: input.clone(),
                    source: name,
                    text,
                    sidecar,
                    problem: None,
                },
                input.canonicalize().ok(),
            ));
        }
    }

    // Outputs must not replace inputs, each other or the report. The jobs are
    // moved, not copied, and the tables borrow: the plan of a large archive is
    // the largest thing the batch holds.
    let (found, canonicals): (Vec<Job>, Vec<Option<PathBuf>>) = found.into_iter().unzip();
    let input_set: HashSet<&PathBuf> = canonicals.iter().flatten().collect();
    let mut seen_inputs: HashSet<&PathBuf> = HashSet::new();
    // Each output path, with the job that writes it (`None`: the run report).
    let mut owners: HashMap<PathBuf, Option<usize>> = HashMap::new();
    owners.insert(report_resolved, None);
    let mut jobs: Vec<Job> = Vec::with_capacity(found.len());
    for (mut job, canonical) in found.into_iter().zip(&canonicals) {
        if let Some(c) = canonical {
            // The same file reached twice (a file and its folder, or a folder
            // given twice) is one document.
            if !seen_inputs.insert(c) {
                continue;
            }
        }
        if job.problem.is_none() {
            for rel in [&job.text, &job.sidecar] {
                let target = out_resolved.join(rel);
                if input_set.contains(&target) {
                    job.problem = Some(
                        Error::OverwritesInput {
                            path: out.join(rel),
                        }
                        .to_string(),
                    );
                    break;
                }
                if let Some(&other) = owners.get(&target) {
                    let other = match other {
                        Some(i) => jobs[i].input.display().to_string(),
                        None => "the run report (--report moves it)".to_string(),
                    };
                    job.problem = Some(
                        Error::OutputCollision {
                            path: out.join(rel),
                            other,
                        }
                        .to_string(),
                    );
                    break;
                }
            }
            if job.problem.is_none() {
                for rel in [&job.text, &job.sidecar] {
                    owners.insert(out_resolved.join(rel), Some(jobs.len()));
                }
            }
        }
        jobs.push(job);
    }
    Ok(Plan {
        out: out.to_path_buf(),
        report,
        jobs,
    })
}

/// Walks one INPUT folder in sorted order, adding a job for each file that
/// the globs take and a failed job for each entry that cannot be read.
fn walk(
    input: &Path,
    root: &Path,
    out_resolved: &Path,
    include: &Globs,
    exclude: &Globs,
    found: &mut Vec<(Job, Option<PathBuf>)>,
) {
    let rel_of = |path: &Path| -> String {
        path.strip_prefix(input)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    // Symbolic links to folders are not followed (no cycles, no surprises);
    // links to files are taken. As only real folders are entered, root + rel
    // is the resolved path of every entry, which is how OUT is recognised.
    let walker = walkdir::WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            let rel = rel_of(e.path());
            if e.file_type().is_dir() && root.join(rel_path(&rel)) == out_resolved {
                return false;
            }
            !exclude.matches(&rel)
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| input.to_path_buf());
                let rel = rel_of(&path);
                let reason = e
                    .io_error()
                    .map(|io| io.to_string())
                    .unwrap_or_else(|| e.to_string());
                let (text, sidecar) = outputs_for(&rel);
                found.push((
                    Job {
                        input: path.clone(),
                        source: rel,
                        text,
                        sidecar,
                        problem: Some(Error::Walk { path, reason }.to_string()),
                    },
                    None,
                ));
                continue;
            }
        };
        let is_file = if entry.file_type().is_symlink() {
            fs::metadata(entry.path()).is_ok_and(|m| m.is_file())
        } else {
            entry.file_type().is_file()
        };
        if !is_file {
            continue;
        }
        let rel = rel_of(entry.path());
        if !include.matches(&rel) {
            continue;
        }
        let (text, sidecar) = outputs_for(&rel);
        let canonical = if entry.file_type().is_symlink() {
            entry.path().canonicalize().ok()
        } else {
            Some(root.join(rel_path(&rel)))
        };
        found.push((
            Job {
                input: entry.path().to_path_buf(),
                source: rel,
                text,
                sidecar,
                problem: None,
            },
            canonical,
        ));
    }
}

/// Processes every job of `plan` on `options.threads` threads, writes the
/// outputs and the report, and returns the report. `on_done` is called (from
/// the worker threads) as each document finishes.
///
/// Fails only for problems of the whole run: OUT cannot be created, the
/// threads cannot be started, the report cannot be written. A document that
/// fails is recorded in the report and the run goes on.
pub fn run(
    engine: &Engine,
    plan: &Plan,
    options: &BatchOptions,
    on_done: &(dyn Fn(&DocReport) + Sync),
) -> Result<Report, Error> {
    fs::create_dir_all(&plan.out).map_err(|e| Error::io(&plan.out, e))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .thread_name(|i| format!("ocrfix-{i}"))
        .build()
        .map_err(|e| Error::ThreadPool {
            threads: options.threads,
            reason: e.to_string(),
        })?;
    let documents: Vec<DocReport> = pool.install(|| {
        plan.jobs
            .par_iter()
            .map(|job| {
                let report = process_job(engine, &plan.out, job, options.if_exists);
                on_done(&report);
                report
            })
            .collect()
    });
    let report = Report::new(documents);
    if let Some(parent) = plan.report.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    // The outputs are on disk before the report says they are.
    sync_tree(&plan.out).map_err(|e| Error::io(&plan.out, e))?;
    write_atomic(&plan.report, report.to_json().as_bytes())
        .map_err(|e| Error::io(&plan.report, e))?;
    let report_dir = plan
        .report
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    sync_tree(report_dir).map_err(|e| Error::io(report_dir, e))?;
    Ok(report)
}

/// Reads, repairs and writes one document.
fn process_job(engine: &Engine, out: &Path, job: &Job, if_exists: IfExists) -> DocReport {
    if let Some(problem) = &job.problem {
        return DocReport::failed(job, problem.clone());
    }
    let text_path = out.join(&job.text);
    let sidecar_path = out.join(&job.sidecar);
    match if_exists {
        IfExists::Overwrite => {}
        IfExists::Skip => {
            if text_path.exists() && sidecar_path.exists() {
                let mut r = DocReport::new(job, Status::Skipped);
                r.text = Some(slash(&job.text));
                r.sidecar = Some(slash(&job.sidecar));
                return r;
            }
        }
        IfExists::Error => {
            for p in [&text_path, &sidecar_path] {
                if p.exists() {
                    let e = Error::OutputExists { path: p.clone() };
                    return DocReport::failed(job, e.to_string());
                }
            }
        }
    }
    let bytes = match fs::read(&job.input) {
        Ok(b) => b,
        Err(e) => return DocReport::failed(job, e.to_string()),
    };
    // A bug in a repair stage must cost one document, not the whole batch.
    let processed = catch_unwind(AssertUnwindSafe(|| engine.process(&bytes, &job.source)));
    let output = match processed {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => return DocReport::failed(job, e.to_string()),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            return DocReport::failed(job, format!("internal error (panic): {msg}"));
        }
    };
    let sidecar_json = sidecar_to_json(&output.sidecar);
    let write = || -> std::io::Result<()> {
        if let Some(parent) = text_path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_atomic(&text_path, output.text.as_bytes())?;
        write_atomic(&sidecar_path, sidecar_json.as_bytes())?;
        Ok(())
    };
    if let Err(e) = write() {
        return DocReport::failed(
            job,
            format!("cannot write output in {}: {e}", out.display()),
        );
    }
    let s = &output.sidecar;
    let mut r = DocReport::new(job, Status::Ok);
    r.text = Some(slash(&job.text));
    r.sidecar = Some(slash(&job.sidecar));
    r.encoding = Some(s.encoding.clone());
    r.lines = s.stats.lines;
    r.words = s.stats.words;
    r.words_changed = s.stats.words_changed;
    r.corrections = s.corrections.len();
    r.corrections_skipped = s.stats.corrections_skipped;
    r.warnings = s.warnings.clone();
    r
}

/// A sidecar as pretty JSON with a final newline.
pub fn sidecar_to_json(sidecar: &Sidecar) -> String {
    // Sized for the corrections (about 170 bytes each), most of a sidecar, so
    // that the buffer is not copied as it grows.
    let items = sidecar.corrections.len()
        + sidecar.quotes.len()
        + sidecar.people.len()
        + sidecar.figures.len();
    let mut buf = Vec::with_capacity(1024 + 200 * items);
    // serde_json cannot fail on these types: all map keys are strings and
    // non-finite floats are written as null.
    if serde_json::to_writer_pretty(&mut buf, sidecar).is_err() {
        buf.clear();
    }
    buf.push(b'\n');
    String::from_utf8(buf).unwrap_or_default()
}

/// A relative path with `/` separators, for the report.
fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes `bytes` to `path` so that readers see either the old file or the
/// complete new one, never a partial file: a temporary file in the same folder
/// (same file system, so the rename is atomic), then renamed over `path`. A
/// file that already holds exactly `bytes` is left untouched. Returns whether
/// the file was written.
///
/// On Linux the data reaches the disk with one [`sync_tree`] at the end of a
/// run instead of an fsync per file, which cost more than the repair itself;
/// elsewhere each file is flushed before its rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<bool> {
    if let Ok(existing) = fs::read(path)
        && existing == bytes
    {
        return Ok(false);
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".ocrfix-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Like any new file (0666 less the umask), not tempfile's private 0600.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    #[cfg(not(target_os = "linux"))]
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Flushes everything written under `dir` to disk: on Linux one `syncfs` of
/// its file system; elsewhere [`write_atomic`] already flushed each file.
pub fn sync_tree(dir: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let folder = fs::File::open(dir)?;
        // SAFETY: syncfs only reads the descriptor, which `folder` keeps open
        // for the duration of the call.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn sources(plan: &Plan) -> Vec<&str> {
        plan.jobs.iter().map(|j| j.source.as_str()).collect()
    }

    #[test]
    fn outputs_mirror_the_input() {
        assert_eq!(
            outputs_for("a/b/doc.gold.txt"),
            (
                PathBuf::from("a/b/doc.gold.txt"),
                PathBuf::from("a/b/doc.gold.json")
            )
        );
        assert_eq!(
            outputs_for("notes"),
            (PathBuf::from("notes.txt"), PathBuf::from("notes.json"))
        );
    }

    #[test]
    fn walks_sorted_with_globs() {
        let dir = tempfile::tempdir().unwrap();
        let inp = dir.path().join("in");
        for f in [
            "b.txt",
            "b.gold.txt",
            "a/z.TXT",
            "a/y.txt",
            "a/skip/x.txt",
            "c.md",
            "a/old.txt",
        ] {
            touch(&inp.join(f), "x");
        }
        let opts = BatchOptions {
            exclude: vec!["skip".into(), "a/old.txt".into(), DEFAULT_EXCLUDE.into()],
            ..BatchOptions::default()
        };
        let plan = plan(&[inp], &dir.path().join("out"), &opts).unwrap();
        assert_eq!(sources(&plan), ["a/y.txt", "a/z.TXT", "b.txt"]);
        assert_eq!(plan.jobs[1].text, PathBuf::from("a/z.txt"));
    }

    #[test]
    fn out_inside_input_is_left_out_of_the_walk() {
        let dir = tempfile::tempdir().unwrap();
        let inp = dir.path().join("in");
        touch(&inp.join("doc.txt"), "x");
        touch(&inp.join("out/doc.txt"), "old output");
        let out = inp.join("out");
        let plan = plan(&[inp], &out, &BatchOptions::default()).unwrap();
        assert_eq!(sources(&plan), ["doc.txt"]);
    }

    #[test]
    fn out_equal_to_input_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("doc.txt"), "x");
        let e = plan(
            &[dir.path().to_path_buf()],
            &dir.path().join("."),
            &BatchOptions::default(),
        )
        .unwrap_err();
        assert!(e.is_usage(), "{e}");
        assert!(e.to_string().contains("is the same as"), "{e}");
    }

    #[test]
    fn collisions_and_overwrites_fail_single_documents() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        touch(&a.join("doc.txt"), "a");
        touch(&b.join("doc.txt"), "b");
        touch(&a.join("ocrfix-report.txt"), "r");
        let out = dir.path().join("out");
        let plan = plan(&[a.clone(), b.clone()], &out, &BatchOptions::default()).unwrap();
        let problems: Vec<_> = plan.jobs.iter().map(|j| j.problem.is_some()).collect();
        // doc.txt from a is first; the report name is taken by the run report.
        assert_eq!(sources(&plan), ["doc.txt", "ocrfix-report.txt", "doc.txt"]);
        assert_eq!(problems, [false, true, true]);
        // Each names what else writes the output.
        let report = plan.jobs[1].problem.as_deref().unwrap();
        assert!(report.contains("the run report"), "{report}");
        let twin = plan.jobs[2].problem.as_deref().unwrap();
        let first = a.join("doc.txt").display().to_string();
        assert!(twin.contains(&first), "{twin}");

        // A file given directly whose output is itself.
        touch(&out.join("x.txt"), "x");
        let p = super::plan(&[out.join("x.txt")], &out, &BatchOptions::default()).unwrap();
        let problem = p.jobs[0].problem.as_deref().unwrap();
        assert!(problem.contains("overwrite an input"), "{problem}");
    }

    #[test]
    fn same_file_twice_is_one_document() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("in/doc.txt"), "x");
        let inp = dir.path().join("in");
        let plan = plan(
            &[inp.clone(), inp.join("doc.txt")],
            &dir.path().join("out"),
            &BatchOptions::default(),
        )
        .unwrap();
        assert_eq!(plan.jobs.len(), 1);
    }

    #[test]
    fn missing_input_and_bad_glob_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let e = plan(&[dir.path().join("nope")], &out, &BatchOptions::default()).unwrap_err();
        assert!(e.is_usage());
        let opts = BatchOptions {
            include: vec!["[".into()],
            ..BatchOptions::default()
        };
        let e = plan(&[dir.path().to_path_buf()], &out, &opts).unwrap_err();
        assert!(e.is_usage(), "{e}");
    }

    #[test]
    fn write_atomic_leaves_equal_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f.txt");
        assert!(write_atomic(&p, b"abc").unwrap());
        assert!(!write_atomic(&p, b"abc").unwrap());
        assert!(write_atomic(&p, b"abcd").unwrap());
        assert_eq!(fs::read(&p).unwrap(), b"abcd");
        // No temporary files left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn run_reports_each_document() {
        let dir = tempfile::tempdir().unwrap();
        let inp = dir.path().join("in");
        touch(&inp.join("ok.txt"), "Hej\r\n");
        fs::write(inp.join("bin.txt"), b"a\0b").unwrap();
        let out = dir.path().join("out");
        let opts = BatchOptions::default();
        let plan = plan(&[inp], &out, &opts).unwrap();
        let engine = Engine::new(crate::Options::default());
        let report = run(&engine, &plan, &opts, &|_| {}).unwrap();
        assert_eq!(report.summary.ok, 1);
        assert_eq!(report.summary.failed, 1);
        assert_eq!(report.documents[0].source, "bin.txt");
        let expected = engine.process_text("Hej\r\n", "ok.txt").text;
        assert_eq!(fs::read(out.join("ok.txt")).unwrap(), expected.as_bytes());
        assert!(out.join(REPORT_NAME).exists());
        assert!(!out.join("bin.txt").exists());
    }
}
