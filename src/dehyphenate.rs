//! Joins words split by a line-break hyphen, per `spec/gold-text.md`.
//! STUB: changes nothing.

use crate::lexicon::Lexicon;
use crate::sidecar::Correction;

/// Joins hyphenated words in place and returns the changes made.
pub fn dehyphenate(_lines: &mut [String], _lexicon: &Lexicon) -> Vec<Correction> {
    Vec::new()
}
