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
//! the run report ([`ReportWriter`]) as the documents finish.
//!
//! Determinism: jobs are ordered by INPUT argument, then by path (folders are
//! walked in sorted order), outputs carry no timestamps, and the report has no
//! timings, so running the same command twice gives byte-identical files.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use rayon::prelude::*;
use serde::Serialize;

mod report;
pub use report::{DocReport, REPORT_SCHEMA, ReportWriter, Status, Summary};

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

/// One document of a run. Its outputs follow from its source
/// ([`Job::outputs`]); its input file and whether it has a problem are kept
/// by the plan ([`Plan::input`], [`Plan::problem`]).
///
/// Kept small, as the plan of a large archive is the largest thing a run
/// holds: the input path is not stored but derived from the INPUT the file
/// was found under and the source, and the rare problem is stored apart.
#[derive(Debug, Clone)]
pub struct Job {
    /// The path relative to the INPUT it was found under, with `/` separators
    /// (for a file given directly: its file name). Recorded in the sidecar.
    pub source: Box<str>,
    /// The entry of the plan's origins that has its input path and problem.
    origin: usize,
}

impl Job {
    /// The repaired text and the sidecar, relative to OUT (`rel/name.txt`,
    /// `rel/name.json`). Derived when needed rather than stored: the plan of a
    /// large archive is the largest thing a run holds.
    pub fn outputs(&self) -> (PathBuf, PathBuf) {
        outputs_for(&self.source)
    }
}

/// Where the input files of jobs are: an INPUT folder, whose files are at
/// the folder joined with their source, or the file of one job (a file given
/// directly, one whose source does not spell its path, such as a name that is
/// not UTF-8, or one with a problem).
#[derive(Debug, Clone)]
struct Origin {
    path: PathBuf,
    /// Whether the job's source is to be joined to `path`.
    folder: bool,
    /// Why the job of a file cannot be processed, found while planning.
    problem: Option<Box<str>>,
}

impl Origin {
    fn input(&self, source: &str) -> PathBuf {
        if self.folder {
            self.path.join(rel_path(source))
        } else {
            self.path.clone()
        }
    }
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
    /// The input folders and files of the jobs.
    origins: Vec<Origin>,
}

impl Plan {
    /// The file `job` (one of [`Plan::jobs`]) reads: the INPUT as given,
    /// joined with the relative path.
    pub fn input(&self, job: &Job) -> PathBuf {
        input_of(&self.origins, job)
    }

    /// Why `job` (one of [`Plan::jobs`]) cannot be processed, found while
    /// planning.
    pub fn problem(&self, job: &Job) -> Option<&str> {
        problem_of(&self.origins, job)
    }
}

/// The input file of `job`, whose origin is among `origins`: `job` must be
/// of the plan that holds `origins` (a job of another plan would be read
/// against the wrong origin; one whose origin is out of range is taken to be
/// at its source).
fn input_of(origins: &[Origin], job: &Job) -> PathBuf {
    match origins.get(job.origin) {
        Some(o) => o.input(&job.source),
        None => rel_path(&job.source),
    }
}

/// The problem of `job`, whose origin is among `origins`.
fn problem_of<'a>(origins: &'a [Origin], job: &Job) -> Option<&'a str> {
    origins.get(job.origin)?.problem.as_deref()
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
    // Found now rather than when the report is renamed into place, after
    // every document.
    if report_resolved.is_dir() {
        return Err(Error::ReportIsAFolder { path: report });
    }

    let mut found = Found::new(out_resolved.clone());
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
            walk(input, &root, &include, &exclude, &mut found);
        } else {
            let name = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.to_string_lossy().into_owned());
            let canonical = input.canonicalize().ok();
            found.push_file(input.clone(), name, None, canonical);
        }
    }

    // Outputs must not replace inputs, each other or the report. The checks
    // sort a hash and a job number per job rather than keep tables of paths
    // or hash maps (the plan of a large archive is the largest thing a run
    // holds); a hash that matches is checked against the paths themselves.
    let Found {
        mut origins,
        mut jobs,
        mut keyed,
        inputs_in_out,
        ..
    } = found;
    // The same file reached twice (a file and its folder, or a folder given
    // twice) is one document: the first.
    let mut duplicates = Vec::new();
    later_of_same(
        &mut keyed,
        |j, i| same_file(&input_of(&origins, &jobs[j]), &input_of(&origins, &jobs[i])),
        |i, _| duplicates.push(i),
    );
    duplicates.sort_unstable();
    let is_duplicate = |i: usize| duplicates.binary_search(&i).is_ok();
    let report_rel = report_resolved.strip_prefix(&out_resolved).ok();
    keyed.clear();
    for (i, job) in jobs.iter_mut().enumerate() {
        if is_duplicate(i) || problem_of(&origins, job).is_some() {
            continue;
        }
        let (text, sidecar) = job.outputs();
        let problem = if let Some(rel) = [&text, &sidecar]
            .into_iter()
            .find(|rel| inputs_in_out.contains(&out_resolved.join(rel)))
        {
            Error::OverwritesInput {
                path: out.join(rel),
            }
        } else if let Some(rel) = [&text, &sidecar]
            .into_iter()
            .find(|rel| report_rel == Some(rel.as_path()))
        {
            Error::OutputCollision {
                path: out.join(rel),
                other: "the run report (--report moves it)".to_string(),
            }
        } else {
            // The text and the sidecar share their stem, so two documents
            // clash in both or in neither: the text stands for the pair.
            keyed.push((path_key(&text), i));
            continue;
        };
        set_problem(&mut origins, job, problem.to_string());
    }
    let mut collisions = Vec::new();
    later_of_same(
        &mut keyed,
        |j, i| jobs[j].outputs().0 == jobs[i].outputs().0,
        |i, j| {
            let e = Error::OutputCollision {
                path: out.join(jobs[i].outputs().0),
                other: input_of(&origins, &jobs[j]).display().to_string(),
            };
            collisions.push((i, e.to_string()));
        },
    );
    drop(keyed);
    for (i, problem) in collisions {
        set_problem(&mut origins, &mut jobs[i], problem);
    }
    let mut i = 0;
    jobs.retain(|_| {
        i += 1;
        !is_duplicate(i - 1)
    });
    // The list is kept for the whole run, without the room it grew into
    // (peak memory for 20,000 one-line documents: 15.7 -> 15.3 MiB).
    jobs.shrink_to_fit();
    Ok(Plan {
        out: out.to_path_buf(),
        report,
        jobs,
        origins,
    })
}

/// Records why `job` cannot be processed. A job found in a folder gets an
/// origin of its own to hold it (problems are rare; the job stays small).
fn set_problem(origins: &mut Vec<Origin>, job: &mut Job, problem: String) {
    let problem = Some(problem.into_boxed_str());
    match origins.get_mut(job.origin) {
        Some(o) if !o.folder => o.problem = problem,
        _ => {
            origins.push(Origin {
                path: input_of(origins, job),
                folder: false,
                problem,
            });
            job.origin = origins.len() - 1;
        }
    }
}

/// The jobs found so far, with what the checks of [`plan`] need to know of
/// their input files.
struct Found {
    out_resolved: PathBuf,
    origins: Vec<Origin>,
    /// The origin of the INPUT folder being walked (see [`Found::enter`]).
    folder: Option<usize>,
    jobs: Vec<Job>,
    /// [`path_key`] of the resolved input path of each job that has one, with
    /// the job's number.
    keyed: Vec<(u64, usize)>,
    /// The resolved input paths inside OUT, which an output could replace
    /// (usually none: OUT is left out of the walk).
    inputs_in_out: HashSet<PathBuf>,
}

impl Found {
    fn new(out_resolved: PathBuf) -> Found {
        Found {
            out_resolved,
            origins: Vec::new(),
            folder: None,
            jobs: Vec::new(),
            keyed: Vec::new(),
            inputs_in_out: HashSet::new(),
        }
    }

    /// Starts the files of the INPUT folder `input`: the jobs added with
    /// [`Found::push`] until the next call are found under it.
    fn enter(&mut self, input: &Path) {
        self.origins.push(Origin {
            path: input.to_path_buf(),
            folder: true,
            problem: None,
        });
        self.folder = Some(self.origins.len() - 1);
    }

    /// Adds the job for `input` with `source`, found in the folder of the
    /// last [`Found::enter`], unless that does not give `input` back. (The
    /// folder is remembered apart from the last origin: a file with an origin
    /// of its own, such as a name that is not UTF-8, may come between.)
    fn push(&mut self, input: &Path, source: String, canonical: Option<PathBuf>) {
        match self.folder {
            Some(f) if self.origins[f].input(&source).as_os_str() == input.as_os_str() => {
                self.push_job(source, f, canonical);
            }
            _ => self.push_file(input.to_path_buf(), source, None, canonical),
        }
    }

    /// Adds a job whose input is the file `input`, as it is.
    fn push_file(
        &mut self,
        input: PathBuf,
        source: String,
        problem: Option<String>,
        canonical: Option<PathBuf>,
    ) {
        self.origins.push(Origin {
            path: input,
            folder: false,
            problem: problem.map(String::into_boxed_str),
        });
        let origin = self.origins.len() - 1;
        self.push_job(source, origin, canonical);
    }

    /// Adds a job, whose input resolves to `canonical` (if it could be read).
    fn push_job(&mut self, source: String, origin: usize, canonical: Option<PathBuf>) {
        if let Some(c) = canonical {
            self.keyed.push((path_key(&c), self.jobs.len()));
            if c.starts_with(&self.out_resolved) {
                self.inputs_in_out.insert(c);
            }
        }
        self.jobs.push(Job {
            source: source.into_boxed_str(),
            origin,
        });
    }
}

/// Finds the jobs of `keyed` (a 64-bit hash of some thing of a job, such as
/// its input file or its output, with the job's number) whose thing an
/// earlier job of `keyed` has, as `same` (on two job numbers) says, and calls
/// `later` with each and the first job with its thing. Sorts `keyed`.
///
/// Jobs with the same thing have the same hash; jobs with the same hash and
/// different things (about one chance in 10^19 for a pair) are told apart by
/// `same`.
fn later_of_same(
    keyed: &mut [(u64, usize)],
    same: impl Fn(usize, usize) -> bool,
    mut later: impl FnMut(usize, usize),
) {
    // By hash, and within a hash by job number, so that a job is compared
    // only with earlier ones.
    keyed.sort_unstable();
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        // The first job of each different thing with this hash.
        let mut firsts: Vec<usize> = Vec::new();
        for &(_, i) in group {
            match firsts.iter().find(|&&j| same(j, i)) {
                Some(&j) => later(i, j),
                None => firsts.push(i),
            }
        }
    }
}

/// A 64-bit hash of `path`, deterministic across runs.
fn path_key(path: &Path) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    path.hash(&mut h);
    h.finish()
}

/// Whether two paths name the same file (compared when their keys match).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Walks one INPUT folder in sorted order, adding a job for each file that
/// the globs take and a failed job for each entry that cannot be read.
fn walk(input: &Path, root: &Path, include: &Globs, exclude: &Globs, found: &mut Found) {
    let rel_of = |path: &Path| -> String {
        path.strip_prefix(input)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    };
    let out_resolved = found.out_resolved.clone();
    found.enter(input);
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
                let problem = Error::Walk {
                    path: path.clone(),
                    reason,
                };
                found.push_file(path, rel, Some(problem.to_string()), None);
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
        let canonical = if entry.file_type().is_symlink() {
            entry.path().canonicalize().ok()
        } else {
            Some(root.join(rel_path(&rel)))
        };
        found.push(entry.path(), rel, canonical);
    }
}

/// Documents processed between two writes of the report: enough that the
/// threads seldom wait for the slowest document of a batch, few enough that
/// their entries take little memory.
const BATCH: usize = 2048;

/// Processes every job of `plan` on `options.threads` threads, writes the
/// outputs and the report, and returns the report's totals. `on_done` is
/// called (from the worker threads) as each document finishes.
///
/// Memory does not grow with the number of documents beyond the plan itself:
/// jobs are processed `BATCH` at a time and their report entries written
/// out before the next.
///
/// Fails only for problems of the whole run: OUT cannot be created, the
/// threads cannot be started, the report cannot be written. A document that
/// fails is recorded in the report and the run goes on.
pub fn run(
    engine: &Engine,
    plan: &Plan,
    options: &BatchOptions,
    on_done: &(dyn Fn(&DocReport) + Sync),
) -> Result<Summary, Error> {
    fs::create_dir_all(&plan.out).map_err(|e| Error::io(&plan.out, e))?;
    let report_dir = plan
        .report
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(report_dir).map_err(|e| Error::io(report_dir, e))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .thread_name(|i| format!("ocrfix-{i}"))
        .build()
        .map_err(|e| Error::ThreadPool {
            threads: options.threads,
            reason: e.to_string(),
        })?;
    let report_error = |e| Error::io(&plan.report, e);
    let mut report = ReportWriter::create(&plan.report).map_err(report_error)?;
    for batch in plan.jobs.chunks(BATCH) {
        let documents: Vec<DocReport> = pool.install(|| {
            batch
                .par_iter()
                .map(|job| {
                    let doc = process_job(engine, plan, job, options.if_exists);
                    on_done(&doc);
                    doc
                })
                .collect()
        });
        for d in &documents {
            report.add(d).map_err(report_error)?;
        }
    }
    // The outputs are on disk before the report says they are.
    sync_tree(&plan.out).map_err(|e| Error::io(&plan.out, e))?;
    let summary = report.finish().map_err(report_error)?;
    sync_tree(report_dir).map_err(|e| Error::io(report_dir, e))?;
    Ok(summary)
}

/// Reads, repairs and writes one document.
fn process_job(engine: &Engine, plan: &Plan, job: &Job, if_exists: IfExists) -> DocReport {
    let out = &plan.out;
    let input = plan.input(job);
    if let Some(problem) = plan.problem(job) {
        return DocReport::failed(&input, job, problem.to_string());
    }
    let (text, sidecar) = job.outputs();
    let text_path = out.join(&text);
    let sidecar_path = out.join(&sidecar);
    match if_exists {
        IfExists::Overwrite => {}
        IfExists::Skip => {
            if text_path.exists() && sidecar_path.exists() {
                let mut r = DocReport::new(&input, job, Status::Skipped);
                r.text = Some(slash(&text));
                r.sidecar = Some(slash(&sidecar));
                return r;
            }
        }
        IfExists::Error => {
            for p in [&text_path, &sidecar_path] {
                if p.exists() {
                    let e = Error::OutputExists { path: p.clone() };
                    return DocReport::failed(&input, job, e.to_string());
                }
            }
        }
    }
    let bytes = match fs::read(&input) {
        Ok(b) => b,
        Err(e) => return DocReport::failed(&input, job, e.to_string()),
    };
    // A bug in a repair stage must cost one document, not the whole batch.
    let processed = catch_unwind(AssertUnwindSafe(|| engine.process(&bytes, &job.source)));
    let output = match processed {
        Ok(Ok(o)) => o,
        Ok(Err(e)) => return DocReport::failed(&input, job, e.to_string()),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".to_string());
            return DocReport::failed(&input, job, format!("internal error (panic): {msg}"));
        }
    };
    let sidecar_json = sidecar_json_bytes(&output.sidecar);
    let write = || -> std::io::Result<()> {
        if let Some(parent) = text_path.parent() {
            fs::create_dir_all(parent)?;
        }
        write_atomic(&text_path, output.text.as_bytes())?;
        write_atomic(&sidecar_path, &sidecar_json)?;
        Ok(())
    };
    if let Err(e) = write() {
        return DocReport::failed(
            &input,
            job,
            format!("cannot write output in {}: {e}", out.display()),
        );
    }
    let s = &output.sidecar;
    let mut r = DocReport::new(&input, job, Status::Ok);
    r.text = Some(slash(&text));
    r.sidecar = Some(slash(&sidecar));
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
    String::from_utf8(sidecar_json_bytes(sidecar)).unwrap_or_default()
}

/// [`sidecar_to_json`] as the bytes written to the file: a sidecar is several
/// times the size of its text, and checking that serde_json wrote UTF-8 (it
/// always does) would read it all again.
pub fn sidecar_json_bytes(sidecar: &Sidecar) -> Vec<u8> {
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
    buf
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
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes)?;
    #[cfg(not(target_os = "linux"))]
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// A new temporary file in the folder of `path` (on the same file system, so
/// that renaming it to `path` is atomic), removed unless persisted.
fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
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
    builder.tempfile_in(dir)
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
        plan.jobs.iter().map(|j| &*j.source).collect()
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
        assert_eq!(plan.jobs[1].outputs().0, PathBuf::from("a/z.txt"));
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
        let problems: Vec<_> = plan
            .jobs
            .iter()
            .map(|j| plan.problem(j).is_some())
            .collect();
        // doc.txt from a is first; the report name is taken by the run report.
        assert_eq!(sources(&plan), ["doc.txt", "ocrfix-report.txt", "doc.txt"]);
        assert_eq!(problems, [false, true, true]);
        // Each names what else writes the output.
        let report = plan.problem(&plan.jobs[1]).unwrap();
        assert!(report.contains("the run report"), "{report}");
        let twin = plan.problem(&plan.jobs[2]).unwrap();
        let first = a.join("doc.txt").display().to_string();
        assert!(twin.contains(&first), "{twin}");

        // A file given directly whose output is itself.
        touch(&out.join("x.txt"), "x");
        let p = super::plan(&[out.join("x.txt")], &out, &BatchOptions::default()).unwrap();
        let problem = p.problem(&p.jobs[0]).unwrap();
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
    fn a_report_path_that_is_a_folder_is_refused_up_front() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("in/doc.txt"), "x");
        let opts = BatchOptions {
            report: Some(dir.path().join("in")),
            ..BatchOptions::default()
        };
        let e = plan(&[dir.path().join("in")], &dir.path().join("out"), &opts).unwrap_err();
        assert!(e.is_usage(), "{e}");
        assert!(e.to_string().contains("is a folder"), "{e}");
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
    fn later_of_same_tells_apart_things_with_one_hash() {
        // All with the same hash: the comparison alone decides.
        let things = ["a", "b", "a", "b", "c", "c", "a"];
        let mut keyed: Vec<(u64, usize)> = (0..things.len()).rev().map(|i| (7, i)).collect();
        keyed.push((3, 0));
        let mut later = Vec::new();
        later_of_same(
            &mut keyed,
            |j, i| things[j] == things[i],
            |i, j| later.push((i, j)),
        );
        assert_eq!(later, [(2, 0), (3, 1), (5, 4), (6, 0)]);
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
        let summary = run(&engine, &plan, &opts, &|_| {}).unwrap();
        assert_eq!((summary.ok, summary.failed), (1, 1));
        let report: serde_json::Value =
            serde_json::from_slice(&fs::read(out.join(REPORT_NAME)).unwrap()).unwrap();
        assert_eq!(report["documents"][0]["source"], "bin.txt");
        assert_eq!(report["documents"][1]["status"], "ok");
        let expected = engine.process_text("Hej\r\n", "ok.txt").text;
        assert_eq!(fs::read(out.join("ok.txt")).unwrap(), expected.as_bytes());
        assert!(out.join(REPORT_NAME).exists());
        assert!(!out.join("bin.txt").exists());
    }
}
