//! The text of a document as lines, keeping each line's own terminator so that
//! CRLF input comes out as CRLF and a missing final newline stays missing.

/// Whether `c` is a letter: [`char::is_alphabetic`], answered without the
/// Unicode tables for Latin-1 (all of Swedish), where the standard library
/// looks up every letter beyond ASCII.
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{0}'..='\u{7F}' => false,
        'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' => true,
        '\u{80}'..='\u{FF}' => false,
        _ => c.is_alphabetic(),
    }
}

/// A document's text split into lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lines {
    /// Line contents without their terminators.
    pub lines: Vec<String>,
    /// The terminator of each line: `"\n"`, `"\r\n"` or `""` (last line only).
    pub endings: Vec<&'static str>,
}

impl Lines {
    /// Splits `text` into lines, remembering each terminator.
    pub fn split(text: &str) -> Lines {
        let mut lines = Vec::new();
        let mut endings = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            match rest.find('\n') {
                Some(i) => {
                    let (line, ending) = match rest[..i].strip_suffix('\r') {
                        Some(l) => (l, "\r\n"),
                        None => (&rest[..i], "\n"),
                    };
                    lines.push(line.to_string());
                    endings.push(ending);
                    rest = &rest[i + 1..];
                }
                None => {
                    lines.push(rest.to_string());
                    endings.push("");
                    rest = "";
                }
            }
        }
        Lines { lines, endings }
    }

    /// Joins the lines back with their original terminators.
    pub fn join(&self) -> String {
        let len = self.lines.iter().map(|l| l.len() + 2).sum();
        let mut out = String::with_capacity(len);
        for (line, ending) in self.lines.iter().zip(&self.endings) {
            out.push_str(line);
            out.push_str(ending);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_mixed_endings() {
        for text in ["", "a", "a\n", "a\r\nb\r\n", "a\nb", "\n\n", "x\r\ny\nz"] {
            assert_eq!(Lines::split(text).join(), text);
        }
    }

    #[test]
    fn letters_as_the_standard_library_has_them() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn strips_terminators_from_lines() {
        let l = Lines::split("ett\r\ntvå\n");
        assert_eq!(l.lines, ["ett", "två"]);
        assert_eq!(l.endings, ["\r\n", "\n"]);
    }
}
