//! Bytes to text: detects the encoding (UTF-8 with or without BOM, UTF-16 with
//! BOM, Windows-1252/Latin-1) and refuses binary files.

use crate::error::Error;

/// A decoded document.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The name of the encoding it was decoded from.
    pub encoding: &'static str,
    /// Notes for the sidecar (e.g. a guessed encoding).
    pub warnings: Vec<String>,
}

/// Decodes the bytes of one document. STUB: UTF-8 only.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::Binary { offset });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: "UTF-8",
            warnings: Vec::new(),
        }),
        Err(e) => Err(Error::Decode {
            encoding: "UTF-8",
            reason: e.to_string(),
        }),
    }
}
