//! Encoding damage: mojibake, ISO 646-SE and decomposed Unicode.
//! STUB: composes to NFC only.

use crate::lexicon::Lexicon;
use crate::sidecar::Correction;
use unicode_normalization::UnicodeNormalization;

/// Repairs encoding damage in place and returns the changes made.
pub fn normalise(lines: &mut [String], _lexicon: &Lexicon) -> Vec<Correction> {
    for line in lines.iter_mut() {
        if !unicode_normalization::is_nfc(line) {
            *line = line.nfc().collect();
        }
    }
    Vec::new()
}
