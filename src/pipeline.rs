//! One document through all stages: decode, normalise, dehyphenate, correct,
//! extract. [`Engine`] holds what is shared across documents.

use std::path::PathBuf;

use crate::correct::Corrector;
use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::sidecar::{Correction, SCHEMA, Sidecar, Stats};
use crate::text::Lines;
use crate::{decode, dehyphenate, extract, normalise};

/// Settings for a run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Corrections below this confidence are not applied (0 applies all).
    pub min_confidence: f32,
    /// Whether to extract quotes, people and figures.
    pub extract: bool,
    /// User word lists (`--words FILE`) added to the lexicon. Only
    /// [`Engine::try_new`] reads them.
    pub user_words: Vec<PathBuf>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_confidence: 0.0,
            extract: true,
            user_words: Vec::new(),
        }
    }
}

/// The repaired text of a document and its sidecar.
#[derive(Debug, Clone)]
pub struct Output {
    /// Repaired text, UTF-8, NFC, same line terminators as the input.
    pub text: String,
    /// What was found and changed.
    pub sidecar: Sidecar,
}

/// The shared state of a run: lexicon and options. Cheap to share across threads.
#[derive(Debug)]
pub struct Engine {
    lexicon: Held,
    options: Options,
}

/// The embedded lexicon, or one extended with user words for this engine.
#[derive(Debug)]
enum Held {
    Embedded(&'static Lexicon),
    Extended(Box<Lexicon>),
}

impl Engine {
    /// An engine over the embedded lexicon and the user word lists in
    /// `options.user_words`. Fails when a word list cannot be read.
    pub fn try_new(options: Options) -> Result<Engine, Error> {
        let lexicon = if options.user_words.is_empty() {
            Held::Embedded(Lexicon::embedded())
        } else {
            Held::Extended(Box::new(Lexicon::with_user_words(&options.user_words)?))
        };
        Ok(Engine { lexicon, options })
    }

    /// An engine over the embedded lexicon. Ignores `options.user_words`; use
    /// [`Engine::try_new`] to have them loaded.
    pub fn new(options: Options) -> Engine {
        Engine {
            lexicon: Held::Embedded(Lexicon::embedded()),
            options,
        }
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &Lexicon {
        match &self.lexicon {
            Held::Embedded(l) => l,
            Held::Extended(l) => l,
        }
    }

    /// The options in use.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Processes the raw bytes of one document. `source` is the name recorded in
    /// the sidecar.
    pub fn process(&self, bytes: &[u8], source: &str) -> Result<Output, Error> {
        let decoded = decode::decode(bytes)?;
        let mut out = self.process_text(&decoded.text, source);
        out.sidecar.encoding = decoded.encoding.to_string();
        out.sidecar.warnings.extend(decoded.warnings);
        Ok(out)
    }

    /// Processes a document that is already text.
    pub fn process_text(&self, text: &str, source: &str) -> Output {
        let mut lines = Lines::split(text);
        let input_lines = lines.lines.len();
        let words = lines
            .lines
            .iter()
            .map(|l| l.split_whitespace().count())
            .sum();
        let mut corrections: Vec<Correction> = Vec::new();
        let mut warnings = Vec::new();

        let min = self.options.min_confidence;
        let (normalised, put_back) =
            normalise::normalise_confident(&mut lines.lines, self.lexicon(), min);
        corrections.extend(normalised);
        let mut corrector = Corrector::new(self.lexicon(), &lines.lines);
        let (joined, not_joined) = dehyphenate::dehyphenate(&mut lines.lines, &mut corrector, min);
        corrections.extend(joined);
        let (applied, skipped) = corrector.correct_lines(&mut lines.lines, min);
        corrections.extend(applied);
        corrections.sort_by_key(|c| (c.line, c.column));
        let skipped = skipped + put_back + not_joined;

        let found = if self.options.extract {
            extract::extract(&lines.lines)
        } else {
            extract::Found::default()
        };
        if lines.lines.len() != input_lines {
            warnings.push("line count changed during repair".to_string());
        }
        // A word can be joined and then repaired: count each place once.
        let mut places: Vec<(usize, usize)> =
            corrections.iter().map(|c| (c.line, c.column)).collect();
        places.dedup();
        let words_changed = places.len();
        Output {
            text: lines.join(),
            sidecar: Sidecar {
                schema: SCHEMA,
                source: source.to_string(),
                encoding: "UTF-8".to_string(),
                quotes: found.quotes,
                people: found.people,
                figures: found.figures,
                corrections,
                warnings,
                stats: Stats {
                    lines: input_lines,
                    words,
                    words_changed,
                    corrections_skipped: skipped,
                },
            },
        }
    }
}
