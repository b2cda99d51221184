//! The JSON sidecar written beside each repaired document: the output contract of
//! `spec/output.md`. Fields are only ever added; `schema` names the version.

use serde::Serialize;

/// Version tag of the sidecar format.
pub const SCHEMA: &str = "ocrfix/1";

/// Everything ocrfix found in and changed about one document.
#[derive(Debug, Clone, Serialize)]
pub struct Sidecar {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The input path, relative to the INPUT it was found under (`-` for stdin).
    pub source: String,
    /// The encoding the input was decoded from (`"UTF-8"`, `"windows-1252"`, ...).
    pub encoding: String,
    /// Direct speech, see `spec/extraction.md`.
    pub quotes: Vec<Quote>,
    /// People named in the document.
    pub people: Vec<Person>,
    /// Quantities, years and dates.
    pub figures: Vec<Figure>,
    /// Every change made to the text.
    pub corrections: Vec<Correction>,
    /// Anything the user should know that did not stop the document.
    pub warnings: Vec<String>,
    /// Counts that describe the document and the repair.
    pub stats: Stats,
}

/// Counts for one document.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Lines in the input.
    pub lines: usize,
    /// Words (whitespace-separated) in the input.
    pub words: usize,
    /// Words changed by any correction.
    pub words_changed: usize,
    /// Corrections left out because their confidence was below `--min-confidence`.
    pub corrections_skipped: usize,
}

/// One change to the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Correction {
    /// 1-based line of the input.
    pub line: usize,
    /// 1-based character column in that input line.
    pub column: usize,
    /// The text as it was.
    pub from: String,
    /// The text as it is now.
    pub to: String,
    /// The mechanism that made the change.
    pub kind: CorrectionKind,
    /// How sure the mechanism is, 0..1.
    pub confidence: f32,
}

impl Correction {
    /// A change at byte `start` of `line` (line `index`, 0-based), with the
    /// 1-based line and character column of the contract and the confidence
    /// rounded to three decimals.
    pub fn at(
        index: usize,
        line: &str,
        start: usize,
        from: impl Into<String>,
        to: impl Into<String>,
        kind: CorrectionKind,
        confidence: f32,
    ) -> Correction {
        Correction {
            line: index + 1,
            column: line.get(..start).map_or(0, |s| s.chars().count()) + 1,
            from: from.into(),
            to: to.into(),
            kind,
            confidence: (confidence * 1000.0).round() / 1000.0,
        }
    }
}

/// The mechanism behind a [`Correction`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CorrectionKind {
    /// å, ä or ö restored from an OCR confusion.
    Diacritic,
    /// Another letter or digit confusion (1/l, [/I, doubled digits, stray marks).
    Confusion,
    /// A space the OCR put inside a word.
    Spacing,
    /// UTF-8 that had been decoded as a legacy code page ("fÃ¶r").
    Mojibake,
    /// Swedish 7-bit ASCII (ISO 646-SE, "f|r").
    Iso646,
    /// Decomposed Unicode composed to NFC.
    Unicode,
    /// A word split by a line-break hyphen joined on its first line.
    Hyphenation,
}

/// A passage of direct speech.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The spoken words only.
    pub text: String,
    /// Full name of the speaker, if one can be identified.
    pub speaker: Option<String>,
    /// The verb of saying ("säger", "menar", ...).
    pub verb: Option<String>,
    /// 1-based input line where the quote begins.
    pub line: usize,
}

/// A person named in the document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Full name in its most complete printed form.
    pub name: String,
    /// Other spellings of the same person.
    pub aliases: Vec<String>,
    /// Title or function, base form.
    pub role: Option<String>,
    /// Municipality, company or institution.
    pub organisation: Option<String>,
    /// How many times the name or an alias occurs.
    pub mentions: usize,
}

/// A quantity, year or date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The phrase as it reads in the corrected text.
    pub text: String,
    /// The number, multipliers applied.
    pub value: f64,
    /// What is counted or measured, base form, lower case.
    pub unit: Option<String>,
    /// What sort of figure it is.
    pub kind: FigureKind,
    /// 1-based input line where it begins.
    pub line: usize,
}

/// The sort of a [`Figure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FigureKind {
    Money,
    Percent,
    Score,
    Count,
    Measure,
    Duration,
    Year,
    Date,
}
