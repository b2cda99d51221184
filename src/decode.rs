//! Bytes to text: detects the encoding (UTF-8 with or without BOM, UTF-16 with
//! BOM, Windows-1252/Latin-1) and refuses binary files.
//!
//! The order of the checks matters:
//!
//! 1. A byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE (UTF-32 is refused).
//! 2. Without one, a NUL byte means a binary file: no text encoding ocrfix reads
//!    puts NUL bytes in Swedish prose, and UTF-16 without a BOM is refused with
//!    a hint rather than guessed.
//! 3. Bytes that are valid UTF-8 are UTF-8. Legacy 8-bit text with letters
//!    above 0x7F is almost never valid UTF-8 by accident, so this is safe.
//! 4. Anything else is a legacy 8-bit file. Swedish legacy files are nearly
//!    always Windows-1252 or ISO-8859-1 (Windows-1252 is a superset of the
//!    printable part of Latin-1, so decoding as Windows-1252 is right for both).
//!    The only other code pages seen in practice for Swedish are DOS (IBM850/437)
//!    and classic Mac OS (MacRoman), where å, ä and ö sit at 0x80..0x9F; those are
//!    chosen only when they produce clearly more Swedish letters than
//!    Windows-1252 does. A general detector such as `chardetng` is not used: it
//!    knows neither IBM850 nor MacRoman (the only real alternatives here) and its
//!    guesses between the many code pages it does know only add ways to be wrong.

use crate::error::Error;

/// A decoded document.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The name of the encoding it was decoded from (WHATWG/IANA names:
    /// `"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"`, `"windows-1252"`, `"IBM850"`,
    /// `"macintosh"`).
    pub encoding: &'static str,
    /// Notes for the sidecar (e.g. a guessed encoding).
    pub warnings: Vec<String>,
}

/// Decodes the bytes of one document.
pub fn decode(bytes: &[u8]) -> Result<Decoded, Error> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err(Error::Decode {
            encoding: "UTF-32",
            reason: "UTF-32 is not supported; save the file as UTF-8".to_string(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, encoding_rs::UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, encoding_rs::UTF_16BE);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if looks_like_bomless_utf16(bytes) {
            return Err(Error::Decode {
                encoding: "UTF-16",
                reason: "no byte-order mark; save the file as UTF-8 or as UTF-16 with a BOM"
                    .to_string(),
            });
        }
        return Err(Error::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => decode_utf8(bytes),
        Err(e) => {
            if looks_like_damaged_utf8(bytes) {
                let offset = e.valid_up_to();
                return Err(Error::Decode {
                    encoding: "UTF-8",
                    reason: format!(
                        "invalid byte 0x{:02X} at offset {offset} in text that is otherwise UTF-8",
                        bytes[offset]
                    ),
                });
            }
            Ok(decode_legacy(bytes))
        }
    }
}

/// Whether bytes that are not valid UTF-8 still hold more well-formed
/// multi-byte UTF-8 characters than bad bytes: UTF-8 with damage (or UTF-8 and
/// a legacy encoding mixed in one file), which no single decoding would get
/// right. Legacy Swedish text practically never forms a valid multi-byte
/// sequence: ä, ö, Å and the like are lead bytes that the next letter does not
/// continue.
fn looks_like_damaged_utf8(bytes: &[u8]) -> bool {
    let mut good = 0usize;
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        bad += chunk.invalid().len();
    }
    good > bad
}

fn decode_utf8(bytes: &[u8]) -> Result<Decoded, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Decode {
        encoding: "UTF-8",
        reason: e.to_string(),
    })?;
    if let Some(offset) = text.find('\0') {
        return Err(Error::Binary { offset });
    }
    Ok(Decoded {
        text: text.to_string(),
        encoding: "UTF-8",
        warnings: Vec::new(),
    })
}

fn decode_utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding) -> Result<Decoded, Error> {
    let name = encoding.name();
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .ok_or_else(|| Error::Decode {
            encoding: name,
            reason: if bytes.len() % 2 == 1 {
                "odd number of bytes".to_string()
            } else {
                "unpaired surrogate".to_string()
            },
        })?;
    // A NUL character is as binary in UTF-16 as a NUL byte is in UTF-8.
    if let Some(pos) = text.find('\0') {
        let units = text[..pos].encode_utf16().count();
        return Err(Error::Binary {
            offset: 2 + 2 * units,
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
        warnings: Vec::new(),
    })
}

/// Whether NUL bytes sit at every other position of the first few hundred
/// bytes, as they do in ASCII-range text written as UTF-16 without a BOM.
fn looks_like_bomless_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 4 {
        return false;
    }
    let pairs = head.len() / 2;
    let even_nuls = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // Almost all of one side NUL, almost none of the other.
    let (many, few) = if even_nuls > odd_nuls {
        (even_nuls, odd_nuls)
    } else {
        (odd_nuls, even_nuls)
    };
    many * 10 >= pairs * 9 && few * 10 <= pairs
}

/// The upper half (0x80..=0xFF) of IBM code page 850 (DOS Western Europe).
/// Code page 437 has the Swedish letters at the same places.
const IBM850_HIGH: [char; 128] = [
    '\u{00C7}', '\u{00FC}', '\u{00E9}', '\u{00E2}', '\u{00E4}', '\u{00E0}', '\u{00E5}', '\u{00E7}',
    '\u{00EA}', '\u{00EB}', '\u{00E8}', '\u{00EF}', '\u{00EE}', '\u{00EC}', '\u{00C4}', '\u{00C5}',
    '\u{00C9}', '\u{00E6}', '\u{00C6}', '\u{00F4}', '\u{00F6}', '\u{00F2}', '\u{00FB}', '\u{00F9}',
    '\u{00FF}', '\u{00D6}', '\u{00DC}', '\u{00F8}', '\u{00A3}', '\u{00D8}', '\u{00D7}', '\u{0192}',
    '\u{00E1}', '\u{00ED}', '\u{00F3}', '\u{00FA}', '\u{00F1}', '\u{00D1}', '\u{00AA}', '\u{00BA}',
    '\u{00BF}', '\u{00AE}', '\u{00AC}', '\u{00BD}', '\u{00BC}', '\u{00A1}', '\u{00AB}', '\u{00BB}',
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{00C1}', '\u{00C2}', '\u{00C0}',
    '\u{00A9}', '\u{2563}', '\u{2551}', '\u{2557}', '\u{255D}', '\u{00A2}', '\u{00A5}', '\u{2510}',
    '\u{2514}', '\u{2534}', '\u{252C}', '\u{251C}', '\u{2500}', '\u{253C}', '\u{00E3}', '\u{00C3}',
    '\u{255A}', '\u{2554}', '\u{2569}', '\u{2566}', '\u{2560}', '\u{2550}', '\u{256C}', '\u{00A4}',
    '\u{00F0}', '\u{00D0}', '\u{00CA}', '\u{00CB}', '\u{00C8}', '\u{0131}', '\u{00CD}', '\u{00CE}',
    '\u{00CF}', '\u{2518}', '\u{250C}', '\u{2588}', '\u{2584}', '\u{00A6}', '\u{00CC}', '\u{2580}',
    '\u{00D3}', '\u{00DF}', '\u{00D4}', '\u{00D2}', '\u{00F5}', '\u{00D5}', '\u{00B5}', '\u{00FE}',
    '\u{00DE}', '\u{00DA}', '\u{00DB}', '\u{00D9}', '\u{00FD}', '\u{00DD}', '\u{00AF}', '\u{00B4}',
    '\u{00AD}', '\u{00B1}', '\u{2017}', '\u{00BE}', '\u{00B6}', '\u{00A7}', '\u{00F7}', '\u{00B8}',
    '\u{00B0}', '\u{00A8}', '\u{00B7}', '\u{00B9}', '\u{00B3}', '\u{00B2}', '\u{25A0}', '\u{00A0}',
];

fn decode_ibm850(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            if b < 0x80 {
                b as char
            } else {
                IBM850_HIGH[usize::from(b - 0x80)]
            }
        })
        .collect()
}

/// How Swedish a decoding looks: the Swedish letters it puts inside words, less
/// characters that do not occur in prose (C1 controls, box drawing, the
/// MacRoman Apple logo).
///
/// A letter counts only next to a lower-case letter, so that Windows-1252
/// quotes (0x93/0x94, which IBM850 reads as ô/ö) around words do not pass for
/// Swedish letters: in real text å, ä and ö sit inside words ("för", "på").
fn swedish_score(text: &str) -> i64 {
    let chars: Vec<char> = text.chars().collect();
    let mut score = 0;
    for (i, &c) in chars.iter().enumerate() {
        score += match c {
            'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö' | 'é' => {
                let prev = i.checked_sub(1).map(|j| chars[j]);
                let next = chars.get(i + 1).copied();
                i64::from([prev, next].into_iter().flatten().any(char::is_lowercase))
            }
            '\u{80}'..='\u{9F}' | '\u{F8FF}' => -4,
            '\u{2500}'..='\u{25FF}' => -2,
            _ => 0,
        };
    }
    score
}

fn decode_legacy(bytes: &[u8]) -> Decoded {
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    let cp1252 = cp1252.into_owned();
    let mut best = (swedish_score(&cp1252), "windows-1252", cp1252);
    let ibm850 = decode_ibm850(bytes);
    let (mac, _, _) = encoding_rs::MACINTOSH.decode(bytes);
    for (name, text) in [("IBM850", ibm850), ("macintosh", mac.into_owned())] {
        let score = swedish_score(&text);
        // Strictly better only: Windows-1252 wins ties, it is by far the most common.
        if score > best.0 {
            best = (score, name, text);
        }
    }
    let (_, encoding, text) = best;
    let warning = if encoding == "windows-1252" {
        "input is not UTF-8; decoded as windows-1252 (Latin-1)".to_string()
    } else {
        format!(
            "input is not UTF-8; decoded as {encoding}, whose Swedish letters fit it better than windows-1252's"
        )
    };
    Decoded {
        text,
        encoding,
        warnings: vec![warning],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SWEDISH: &str = "Vår förvaltning är öppen.\r\nÅÄÖ é\n";

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let b = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&b);
        }
        out
    }

    #[test]
    fn utf8_without_bom() {
        let d = decode(SWEDISH.as_bytes()).unwrap();
        assert_eq!(d.text, SWEDISH);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf8_with_bom_drops_it() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SWEDISH.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SWEDISH);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_le_and_be() {
        let d = decode(&utf16(SWEDISH, false)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SWEDISH, "UTF-16LE"));
        let d = decode(&utf16(SWEDISH, true)).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SWEDISH, "UTF-16BE"));
    }

    #[test]
    fn utf16_odd_length_is_an_error() {
        let mut bytes = utf16("ab", false);
        bytes.push(b'c');
        let e = decode(&bytes).unwrap_err();
        assert!(e.to_string().contains("UTF-16LE"), "{e}");
    }

    #[test]
    fn windows_1252_and_latin1() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(SWEDISH);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SWEDISH);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.warnings.len(), 1);
        // Windows-1252 punctuation in 0x80..0x9F: ” (0x94) and – (0x96).
        let d = decode(b"\x94J\xE4,\x94 sa hon \x96 n\xE4stan").unwrap();
        assert_eq!(d.text, "”Jä,” sa hon – nästan");
        assert_eq!(d.encoding, "windows-1252");
        // Quotes alone (no Swedish letters) must not pass for IBM850 ö/ô.
        let d = decode(b"\x93Hej,\x94 sa han.").unwrap();
        assert_eq!(d.text, "“Hej,” sa han.");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn dos_and_mac_code_pages() {
        // "Vår förvaltning är öppen" in IBM850: å 0x86, ö 0x94, ä 0x84.
        let dos = b"V\x86r f\x94rvaltning \x84r \x94ppen";
        let d = decode(dos).unwrap();
        assert_eq!(d.text, "Vår förvaltning är öppen");
        assert_eq!(d.encoding, "IBM850");
        // The same in MacRoman: å 0x8C, ö 0x9A, ä 0x8A.
        let mac = b"V\x8Cr f\x9Arvaltning \x8Ar \x9Appen";
        let d = decode(mac).unwrap();
        assert_eq!(d.text, "Vår förvaltning är öppen");
        assert_eq!(d.encoding, "macintosh");
    }

    #[test]
    fn damaged_utf8_is_an_error() {
        // Valid UTF-8 "för är" with one stray Latin-1 "å" (0xE5) in it.
        let e = decode(b"f\xc3\xb6r \xc3\xa4r p\xe5 ").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot decode as UTF-8: invalid byte 0xE5 at offset 10 in text that is otherwise UTF-8"
        );
    }

    #[test]
    fn binary_is_an_error_naming_the_offset() {
        let e = decode(b"PK\x03\x04\x00\x00abc").unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 4 }), "{e:?}");
        assert_eq!(e.to_string(), "binary file (NUL byte at offset 4)");
    }

    #[test]
    fn bomless_utf16_gets_a_hint() {
        let bytes: Vec<u8> = "Hej hopp i lingonskogen"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let e = decode(&bytes).unwrap_err();
        assert!(e.to_string().contains("byte-order mark"), "{e}");
    }

    #[test]
    fn utf16_with_nul_is_binary() {
        let e = decode(&utf16("a\0b", false)).unwrap_err();
        assert!(matches!(e, Error::Binary { offset: 4 }), "{e:?}");
    }

    #[test]
    fn utf32_is_refused() {
        let e = decode(b"\xFF\xFE\x00\x00a\x00\x00\x00").unwrap_err();
        assert!(e.to_string().contains("UTF-32"), "{e}");
    }

    #[test]
    fn empty_input_is_empty_text() {
        let d = decode(b"").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("", "UTF-8"));
        let d = decode(b"\xEF\xBB\xBF").unwrap();
        assert_eq!(d.text, "");
    }
}
