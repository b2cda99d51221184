//! The legacy single-byte code pages that UTF-8 text gets misread as, and a lookup
//! from a character back to its byte in each of them.
//!
//! `encoding_rs` covers windows-1252 and macintosh but not the DOS code pages 437
//! and 850, so all four are small tables of their upper halves here (generated from
//! Python's codecs; windows-1252 and MacRoman are checked against `encoding_rs` in
//! the tests). The lower half is ASCII in all of them.

use std::sync::OnceLock;

/// A single-byte code page that UTF-8 bytes may have been decoded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CodePage {
    /// Windows-1252, with ISO 8859-1 folded in: the five bytes that windows-1252
    /// leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) decode to the C1 controls, as in
    /// the WHATWG decoder, and every C1 control maps back to its byte, so text that
    /// was misread as Latin-1 is covered too.
    Windows1252,
    /// Mac OS Roman (as `encoding_rs` "macintosh": 0xDB is the euro sign).
    MacRoman,
    /// IBM PC code page 437 (DOS, US).
    Cp437,
    /// IBM PC code page 850 (DOS, Western Europe).
    Cp850,
}

impl CodePage {
    /// All code pages, in the order preferred when two explain a text equally well
    /// (the most common source of mojibake first).
    pub const ALL: [CodePage; 4] = [
        CodePage::Windows1252,
        CodePage::MacRoman,
        CodePage::Cp850,
        CodePage::Cp437,
    ];

    /// The name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            CodePage::Windows1252 => "windows-1252",
            CodePage::MacRoman => "macintosh",
            CodePage::Cp437 => "IBM437",
            CodePage::Cp850 => "IBM850",
        }
    }

    pub(super) fn index(self) -> usize {
        match self {
            CodePage::Windows1252 => 0,
            CodePage::MacRoman => 1,
            CodePage::Cp437 => 2,
            CodePage::Cp850 => 3,
        }
    }

    fn upper_half(self) -> &'static [char; 128] {
        match self {
            CodePage::Windows1252 => &WINDOWS_1252,
            CodePage::MacRoman => &MAC_ROMAN,
            CodePage::Cp437 => &CP437,
            CodePage::Cp850 => &CP850,
        }
    }

    /// The character a byte decodes to.
    pub fn decode_byte(self, byte: u8) -> char {
        match byte.checked_sub(0x80) {
            None => char::from(byte),
            Some(i) => self.upper_half()[usize::from(i)],
        }
    }

    /// The byte (0x80 and above) that `c` is in this code page, if it is one of the
    /// upper half. ASCII gives `None`: mojibake never involves it.
    pub fn high_byte(self, c: char) -> Option<u8> {
        lookup(c).and_then(|e| match e.bytes[self.index()] {
            0 => None,
            b => Some(b),
        })
    }
}

/// One non-ASCII character and its byte in each code page (0 where it has none).
#[derive(Debug, Clone, Copy)]
struct Entry {
    c: char,
    bytes: [u8; 4],
}

/// The byte of `c` in each code page, in the order of [`CodePage::ALL`]'s
/// `index` (0 where the code page has no such character; always 0 for ASCII).
pub(super) fn bytes_of(c: char) -> [u8; 4] {
    lookup(c).map_or([0; 4], |e| e.bytes)
}

/// How many continuation bytes a UTF-8 lead byte takes (0 if `b` is no lead).
pub(super) fn continuation_count(b: u8) -> usize {
    match b {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => 0,
    }
}

/// Whether `b` is a UTF-8 continuation byte.
pub(super) fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

fn lookup(c: char) -> Option<&'static Entry> {
    if c.is_ascii() {
        return None;
    }
    let table = reverse_table();
    table
        .binary_search_by_key(&c, |e| e.c)
        .ok()
        .and_then(|i| table.get(i))
}

/// All characters of the four upper halves, sorted, built once per process.
fn reverse_table() -> &'static [Entry] {
    static TABLE: OnceLock<Vec<Entry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs: Vec<(char, usize, u8)> = Vec::with_capacity(4 * 128 + 32);
        for cp in CodePage::ALL {
            for (byte, &c) in (0x80..=0xFF).zip(cp.upper_half()) {
                pairs.push((c, cp.index(), byte));
            }
        }
        // Latin-1 reads 0x80..=0x9F as the C1 controls where windows-1252 has
        // typographic characters; map those back too.
        for byte in 0x80..=0x9Fu8 {
            pairs.push((char::from(byte), CodePage::Windows1252.index(), byte));
        }
        pairs.sort_unstable();
        let mut entries: Vec<Entry> = Vec::with_capacity(pairs.len());
        for (c, cp, byte) in pairs {
            match entries.last_mut() {
                Some(e) if e.c == c => e.bytes[cp] = byte,
                _ => {
                    let mut bytes = [0; 4];
                    bytes[cp] = byte;
                    entries.push(Entry { c, bytes });
                }
            }
        }
        entries
    })
}

// Upper halves (0x80..=0xFF) of the code pages, from Python's codecs; windows-1252's
// undefined bytes are the C1 controls of the same value.
#[rustfmt::skip]
const WINDOWS_1252: [char; 128] = [
    '€', '\u{0081}', '‚', 'ƒ', '„', '…', '†', '‡',  // 0x80
    'ˆ', '‰', 'Š', '‹', 'Œ', '\u{008D}', 'Ž', '\u{008F}',  // 0x88
    '\u{0090}', '‘', '’', '“', '”', '•', '–', '—',  // 0x90
    '˜', '™', 'š', '›', 'œ', '\u{009D}', 'ž', 'Ÿ',  // 0x98
    '\u{00A0}', '¡', '¢', '£', '¤', '¥', '¦', '§',  // 0xA0
    '¨', '©', 'ª', '«', '¬', '\u{00AD}', '®', '¯',  // 0xA8
    '°', '±', '²', '³', '´', 'µ', '¶', '·',  // 0xB0
    '¸', '¹', 'º', '»', '¼', '½', '¾', '¿',  // 0xB8
    'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'Æ', 'Ç',  // 0xC0
    'È', 'É', 'Ê', 'Ë', 'Ì', 'Í', 'Î', 'Ï',  // 0xC8
    'Ð', 'Ñ', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', '×',  // 0xD0
    'Ø', 'Ù', 'Ú', 'Û', 'Ü', 'Ý', 'Þ', 'ß',  // 0xD8
    'à', 'á', 'â', 'ã', 'ä', 'å', 'æ', 'ç',  // 0xE0
    'è', 'é', 'ê', 'ë', 'ì', 'í', 'î', 'ï',  // 0xE8
    'ð', 'ñ', 'ò', 'ó', 'ô', 'õ', 'ö', '÷',  // 0xF0
    'ø', 'ù', 'ú', 'û', 'ü', 'ý', 'þ', 'ÿ',  // 0xF8
];

#[rustfmt::skip]
const MAC_ROMAN: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á',  // 0x80
    'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è',  // 0x88
    'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ', 'ó',  // 0x90
    'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü',  // 0x98
    '†', '°', '¢', '£', '§', '•', '¶', 'ß',  // 0xA0
    '®', '©', '™', '´', '¨', '≠', 'Æ', 'Ø',  // 0xA8
    '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑',  // 0xB0
    '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø',  // 0xB8
    '¿', '¡', '¬', '√', 'ƒ', '≈', '∆', '«',  // 0xC0
    '»', '…', '\u{00A0}', 'À', 'Ã', 'Õ', 'Œ', 'œ',  // 0xC8
    '–', '—', '“', '”', '‘', '’', '÷', '◊',  // 0xD0
    'ÿ', 'Ÿ', '⁄', '€', '‹', '›', 'ﬁ', 'ﬂ',  // 0xD8
    '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á',  // 0xE0
    'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô',  // 0xE8
    '\u{F8FF}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜',  // 0xF0
    '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',  // 0xF8
];

#[rustfmt::skip]
const CP437: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç',  // 0x80
    'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å',  // 0x88
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù',  // 0x90
    'ÿ', 'Ö', 'Ü', '¢', '£', '¥', '₧', 'ƒ',  // 0x98
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º',  // 0xA0
    '¿', '⌐', '¬', '½', '¼', '¡', '«', '»',  // 0xA8
    '░', '▒', '▓', '│', '┤', '╡', '╢', '╖',  // 0xB0
    '╕', '╣', '║', '╗', '╝', '╜', '╛', '┐',  // 0xB8
    '└', '┴', '┬', '├', '─', '┼', '╞', '╟',  // 0xC0
    '╚', '╔', '╩', '╦', '╠', '═', '╬', '╧',  // 0xC8
    '╨', '╤', '╥', '╙', '╘', '╒', '╓', '╫',  // 0xD0
    '╪', '┘', '┌', '█', '▄', '▌', '▐', '▀',  // 0xD8
    'α', 'ß', 'Γ', 'π', 'Σ', 'σ', 'µ', 'τ',  // 0xE0
    'Φ', 'Θ', 'Ω', 'δ', '∞', 'φ', 'ε', '∩',  // 0xE8
    '≡', '±', '≥', '≤', '⌠', '⌡', '÷', '≈',  // 0xF0
    '°', '∙', '·', '√', 'ⁿ', '²', '■', '\u{00A0}',  // 0xF8
];

#[rustfmt::skip]
const CP850: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç',  // 0x80
    'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å',  // 0x88
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù',  // 0x90
    'ÿ', 'Ö', 'Ü', 'ø', '£', 'Ø', '×', 'ƒ',  // 0x98
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º',  // 0xA0
    '¿', '®', '¬', '½', '¼', '¡', '«', '»',  // 0xA8
    '░', '▒', '▓', '│', '┤', 'Á', 'Â', 'À',  // 0xB0
    '©', '╣', '║', '╗', '╝', '¢', '¥', '┐',  // 0xB8
    '└', '┴', '┬', '├', '─', '┼', 'ã', 'Ã',  // 0xC0
    '╚', '╔', '╩', '╦', '╠', '═', '╬', '¤',  // 0xC8
    'ð', 'Ð', 'Ê', 'Ë', 'È', 'ı', 'Í', 'Î',  // 0xD0
    'Ï', '┘', '┌', '█', '▄', '¦', 'Ì', '▀',  // 0xD8
    'Ó', 'ß', 'Ô', 'Ò', 'õ', 'Õ', 'µ', 'þ',  // 0xE0
    'Þ', 'Ú', 'Û', 'Ù', 'ý', 'Ý', '¯', '´',  // 0xE8
    '\u{00AD}', '±', '‗', '¾', '¶', '§', '÷', '¸',  // 0xF0
    '°', '¨', '·', '¹', '³', '²', '■', '\u{00A0}',  // 0xF8
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_mac_roman_match_encoding_rs() {
        for (cp, encoding) in [
            (CodePage::Windows1252, encoding_rs::WINDOWS_1252),
            (CodePage::MacRoman, encoding_rs::MACINTOSH),
        ] {
            for byte in 0x80..=0xFFu8 {
                let bytes = [byte];
                let (s, _) = encoding.decode_without_bom_handling(&bytes);
                assert_eq!(
                    s.chars().next(),
                    Some(cp.decode_byte(byte)),
                    "{cp:?} {byte:#x}"
                );
            }
        }
    }

    #[test]
    fn dos_code_pages_have_the_swedish_letters_where_expected() {
        for cp in [CodePage::Cp437, CodePage::Cp850] {
            let letters: String = [0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82]
                .into_iter()
                .map(|b| cp.decode_byte(b))
                .collect();
            assert_eq!(letters, "åäöÅÄÖé");
            assert_eq!(cp.decode_byte(0xC3), '├');
        }
        assert_eq!(CodePage::Cp437.decode_byte(0xB6), '╢');
        assert_eq!(CodePage::Cp850.decode_byte(0xB6), 'Â');
    }

    #[test]
    fn every_byte_maps_back() {
        for cp in CodePage::ALL {
            assert_eq!(cp.decode_byte(b'a'), 'a');
            assert_eq!(cp.high_byte('a'), None);
            for byte in 0x80..=0xFFu8 {
                assert_eq!(cp.high_byte(cp.decode_byte(byte)), Some(byte), "{cp:?}");
            }
        }
        // Latin-1's C1 controls map back in windows-1252 as well.
        assert_eq!(CodePage::Windows1252.high_byte('\u{85}'), Some(0x85));
        assert_eq!(CodePage::Windows1252.high_byte('…'), Some(0x85));
    }
}
