//! The run report, `OUT/ocrfix-report.json`: the machine-readable account of
//! a run. It has no timings, so it is as deterministic as the outputs.
//!
//! The report is written as the documents finish, in plan order, so that a run
//! holds no document's entry once it is written: an archive of a million files
//! needs no more memory for its report than one of a thousand. The entries go
//! to a temporary file beside the report; [`ReportWriter::finish`] writes the
//! summary, which needs every document, ahead of them and renames the whole
//! into place.
//!
//! The layout is serde_json's pretty printing of
//!
//! ```text
//! { "schema": "ocrfix-report/1", "ocrfix": VERSION, "summary": {..}, "documents": [{..}, ..] }
//! ```
//!
//! with two spaces of indentation and a final newline.

use std::fs::File;
use std::io::{BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tempfile::NamedTempFile;

use super::Job;

/// Version tag of the run report format.
pub const REPORT_SCHEMA: &str = "ocrfix-report/1";

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
    /// An entry for `job`, whose input file is `input`, with nothing counted.
    pub(super) fn new(input: &Path, job: &Job, status: Status) -> DocReport {
        DocReport {
            input: input.to_string_lossy().into_owned(),
            source: job.source.to_string(),
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

    /// A failed entry for `job`, whose input file is `input`.
    pub(super) fn failed(input: &Path, job: &Job, error: String) -> DocReport {
        let mut r = DocReport::new(input, job, Status::Failed);
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

impl Summary {
    /// Counts one more document.
    fn add(&mut self, d: &DocReport) {
        self.documents += 1;
        match d.status {
            Status::Ok => self.ok += 1,
            Status::Failed => self.failed += 1,
            Status::Skipped => self.skipped += 1,
        }
        self.words += d.words;
        self.words_changed += d.words_changed;
        self.corrections += d.corrections;
    }
}

/// Writes the run report one document at a time (see the module's doc).
pub struct ReportWriter {
    path: PathBuf,
    /// The document entries so far, each as it will stand in the report.
    entries: BufWriter<NamedTempFile>,
    summary: Summary,
}

impl ReportWriter {
    /// Starts the report at `path`, whose folder must exist. Nothing is at
    /// `path` until [`ReportWriter::finish`].
    pub fn create(path: &Path) -> std::io::Result<ReportWriter> {
        let entries = super::temp_beside(path)?;
        Ok(ReportWriter {
            path: path.to_path_buf(),
            entries: BufWriter::with_capacity(1 << 16, entries),
            summary: Summary::default(),
        })
    }

    /// Adds the next document, in plan order.
    pub fn add(&mut self, doc: &DocReport) -> std::io::Result<()> {
        if self.summary.documents > 0 {
            self.entries.write_all(b",\n")?;
        }
        // Inside "documents": [ ... ] the entry stands two levels deep.
        self.entries.write_all(b"    ")?;
        write_indented(&mut self.entries, &pretty(doc), "    ")?;
        self.summary.add(doc);
        Ok(())
    }

    /// Writes the whole report to its path (atomically, and not at all when
    /// the file there already says the same) and returns the totals.
    pub fn finish(self) -> std::io::Result<Summary> {
        let ReportWriter {
            path,
            entries,
            summary,
        } = self;
        let mut entries = entries.into_inner().map_err(|e| e.into_error())?;
        let mut out = BufWriter::with_capacity(1 << 16, super::temp_beside(&path)?);
        out.write_all(b"{\n")?;
        writeln!(out, "  \"schema\": {},", pretty(&REPORT_SCHEMA))?;
        writeln!(out, "  \"ocrfix\": {},", pretty(&env!("CARGO_PKG_VERSION")))?;
        out.write_all(b"  \"summary\": ")?;
        write_indented(&mut out, &pretty(&summary), "  ")?;
        if summary.documents == 0 {
            out.write_all(b",\n  \"documents\": []\n}\n")?;
        } else {
            out.write_all(b",\n  \"documents\": [\n")?;
            entries.rewind()?;
            std::io::copy(&mut entries, &mut out)?;
            out.write_all(b"\n  ]\n}\n")?;
        }
        let mut out = out.into_inner().map_err(|e| e.into_error())?;
        #[cfg(not(target_os = "linux"))]
        out.as_file().sync_all()?;
        if !same_contents(out.as_file_mut(), &path)? {
            out.persist(&path).map_err(|e| e.error)?;
        }
        Ok(summary)
    }
}

/// `value` as pretty JSON. serde_json cannot fail on the report's types: all
/// map keys are strings.
fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("\"(cannot serialise: {e})\""))
}

/// Writes `json` (several lines) with `indent` before every line but the
/// first, which continues the line already begun. A pretty JSON string holds
/// no raw line break (it escapes them), so every line break is between tokens.
fn write_indented(out: &mut impl Write, json: &str, indent: &str) -> std::io::Result<()> {
    for (i, line) in json.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
            out.write_all(indent.as_bytes())?;
        }
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Whether the file at `path` holds exactly what `new` holds.
fn same_contents(new: &mut File, path: &Path) -> std::io::Result<bool> {
    let Ok(mut old) = File::open(path) else {
        return Ok(false);
    };
    if old.metadata()?.len() != new.metadata()?.len() {
        return Ok(false);
    }
    new.rewind()?;
    let (mut a, mut b) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let n = new.read(&mut a)?;
        if n == 0 {
            return Ok(true);
        }
        old.read_exact(&mut b[..n])?;
        if a[..n] != b[..n] {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(source: &str, status: Status, warnings: &[&str]) -> DocReport {
        DocReport {
            input: format!("in/{source}"),
            source: source.to_string(),
            status,
            text: (status == Status::Ok).then(|| source.to_string()),
            sidecar: None,
            encoding: Some("UTF-8".to_string()),
            lines: 3,
            words: 12,
            words_changed: 2,
            corrections: 2,
            corrections_skipped: 1,
            warnings: warnings.iter().map(|w| w.to_string()).collect(),
            error: (status == Status::Failed).then(|| "cannot read \"x\"\nat all".to_string()),
        }
    }

    /// The whole report as one serde value, laid out as the writer promises.
    #[derive(Serialize)]
    struct Whole<'a> {
        schema: &'static str,
        ocrfix: &'static str,
        summary: &'a Summary,
        documents: &'a [DocReport],
    }

    fn written(docs: &[DocReport]) -> (String, Summary) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        let mut w = ReportWriter::create(&path).unwrap();
        for d in docs {
            w.add(d).unwrap();
        }
        let summary = w.finish().unwrap();
        // Nothing but the report is left in the folder.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        (std::fs::read_to_string(&path).unwrap(), summary)
    }

    #[test]
    fn streamed_report_is_the_pretty_print_of_the_whole() {
        let docs = [
            doc("a.txt", Status::Ok, &[]),
            doc("b.txt", Status::Failed, &[]),
            doc("c/d.txt", Status::Ok, &["line 3: \"odd\" mark", "second"]),
            doc("e.txt", Status::Skipped, &[]),
        ];
        for n in 0..=docs.len() {
            let (text, summary) = written(&docs[..n]);
            let whole = Whole {
                schema: REPORT_SCHEMA,
                ocrfix: env!("CARGO_PKG_VERSION"),
                summary: &summary,
                documents: &docs[..n],
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(text, expected, "{n} documents");
        }
        let (_, summary) = written(&docs);
        let expected = Summary {
            documents: 4,
            ok: 2,
            failed: 1,
            skipped: 1,
            words: 48,
            words_changed: 8,
            corrections: 8,
        };
        assert_eq!(summary, expected);
    }

    #[test]
    fn an_unchanged_report_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.json");
        let write = |docs: &[DocReport]| {
            let mut w = ReportWriter::create(&path).unwrap();
            for d in docs {
                w.add(d).unwrap();
            }
            w.finish().unwrap();
            std::fs::metadata(&path).unwrap().modified().unwrap()
        };
        let one = [doc("a.txt", Status::Ok, &[])];
        let first = write(&one);
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert_eq!(write(&one), first);
        let changed = write(&[doc("a.txt", Status::Failed, &[])]);
        assert_ne!(changed, first);
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("\"failed\"")
        );
    }
}
