//! ocrfix: repair OCR'd Swedish text and extract the facts in it.
//!
//! The pipeline runs in one direction, one module per stage:
//!
//! ```text
//! bytes ─ decode ─ normalise ─ dehyphenate ─ correct ─ extract ─ write
//! ```
//!
//! * [`decode`]: bytes to text, detecting the encoding (UTF-8, UTF-16, Windows-1252).
//! * [`normalise`]: encoding damage (mojibake, ISO 646-SE, decomposed Unicode).
//! * [`tokenise`]: lines into words with their positions (used by the stages).
//! * [`dehyphenate`]: joins words split by a line-break hyphen, so that the
//!   corrector reads them whole and in context.
//! * [`correct`]: OCR confusions (å/ä/ö, 1/l, stray spaces), chosen with the
//!   [`lexicon`], the [`confusion`] model and word-pair context.
//! * [`extract`]: quotes, people and figures.
//! * [`sidecar`]: the JSON document written beside the repaired text.
//!
//! [`pipeline`] chains the stages for one document, [`batch`] runs many documents
//! in parallel and writes the output tree, and [`eval`] scores output against
//! gold-standard fixtures.

pub mod batch;
pub mod confusion;
pub mod correct;
pub mod decode;
pub mod dehyphenate;
pub mod error;
pub mod eval;
pub mod extract;
pub mod lexicon;
pub mod normalise;
pub mod pipeline;
pub mod sidecar;
pub mod text;
pub mod tokenise;

pub use error::Error;
pub use pipeline::{Engine, Options, Output};
