//! Typed errors of the library. The CLI adds the file name and context.

use std::path::PathBuf;

/// Everything that can go wrong while processing a document or a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input looks like a binary file (it contains NUL bytes).
    #[error("binary file (NUL byte at offset {offset})")]
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// The bytes are not valid in any encoding ocrfix accepts.
    #[error("cannot decode as {encoding}: {reason}")]
    Decode {
        /// The encoding that was tried.
        encoding: &'static str,
        /// Why it failed.
        reason: String,
    },
    /// A user word list could not be used.
    #[error("word list {path}: {reason}")]
    WordList {
        /// The word list as given.
        path: PathBuf,
        /// Why it could not be used.
        reason: String,
    },
    /// Reading or writing a file failed. The message already carries the
    /// underlying error, so it is not also given as the source (a context chain
    /// would print it twice).
    #[error("{path}: {error}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// An INPUT given on the command line does not exist.
    #[error("{path}: no such file or folder")]
    InputNotFound {
        /// The INPUT as given.
        path: PathBuf,
    },
    /// OUT and an INPUT folder overlap so that outputs could overwrite or be read
    /// back as inputs.
    #[error("output folder {out} {relation} input folder {input}; choose an OUT outside it")]
    OutputOverlapsInput {
        /// OUT as given.
        out: PathBuf,
        /// The INPUT as given.
        input: PathBuf,
        /// "is the same as" or "contains".
        relation: &'static str,
    },
    /// An `--include` or `--exclude` pattern is not a valid glob.
    #[error("bad glob {pattern:?}: {reason}")]
    Glob {
        /// The pattern as given.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The output of a document would replace one of the inputs of the run.
    #[error("output {path} would overwrite an input of this run")]
    OverwritesInput {
        /// The output path.
        path: PathBuf,
    },
    /// Two documents map to the same output path, or a sidecar to the run report.
    #[error("output {path} is also the output of {other}")]
    OutputCollision {
        /// The output path both would write.
        path: PathBuf,
        /// What else writes it (a document or the run report).
        other: String,
    },
    /// An output exists and the overwrite policy forbids replacing it.
    #[error("output {path} exists (policy: error; use --overwrite or --skip-existing)")]
    OutputExists {
        /// The existing output.
        path: PathBuf,
    },
    /// OUT exists and is not a folder.
    #[error("output {path} exists and is not a folder")]
    OutNotAFolder {
        /// OUT as given.
        path: PathBuf,
    },
    /// The run report's path is a folder.
    #[error("report {path} is a folder; --report takes a file name")]
    ReportIsAFolder {
        /// The report path as given.
        path: PathBuf,
    },
    /// A folder could not be walked.
    #[error("{path}: {reason}")]
    Walk {
        /// The folder or entry that failed.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The worker threads could not be started.
    #[error("cannot start {threads} worker threads: {reason}")]
    ThreadPool {
        /// Threads requested.
        threads: usize,
        /// Why it failed.
        reason: String,
    },
    /// A fixture set for `eval` is unusable.
    #[error("fixtures {path}: {reason}")]
    Fixtures {
        /// The fixture folder or file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// Whether the error comes from how ocrfix was called (bad arguments) rather
    /// than from a document or the machine. The CLI exits with status 2 for these.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::InputNotFound { .. }
                | Error::OutputOverlapsInput { .. }
                | Error::OutNotAFolder { .. }
                | Error::ReportIsAFolder { .. }
                | Error::Glob { .. }
                | Error::WordList { .. }
                | Error::Fixtures { .. }
        )
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, error: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            error,
        }
    }
}
