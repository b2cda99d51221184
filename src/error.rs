//! Typed errors of the library. The CLI adds the file name and context.

use std::path::PathBuf;

/// Everything that can go wrong while processing a document or a run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input looks like a binary file (it contains NUL bytes).
    #[error("binary file (NUL byte at offset {offset})")]
    Binary { offset: usize },
    /// The bytes are not valid in any encoding ocrfix accepts.
    #[error("cannot decode as {encoding}: {reason}")]
    Decode {
        encoding: &'static str,
        reason: String,
    },
    /// A user word list could not be used.
    #[error("word list {path}: {reason}")]
    WordList { path: PathBuf, reason: String },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
