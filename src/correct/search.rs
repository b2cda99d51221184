//! Candidate search: the lexicon forms (and compounds of them) that an OCR'd word
//! can be read as under the confusion model.
//!
//! The search walks the lexicon's finite-state transducer node by node while
//! consuming the observed word, so a confusion is only tried where the lexicon
//! has a word that continues with the true letter; almost every branch dies
//! within a character or two. At the end of a form that may open a compound the
//! walk starts again at the root, which finds compounds that are not stored whole
//! ("e-förvaltningsmätningen").

use crate::confusion::{self, Channel, RENDERINGS};
use crate::lexicon::{Entry, flags};
use fst::raw::{Fst, Node, Output};

/// Where a word segment stands in a hyphenated word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    /// A word on its own.
    Alone,
    /// Before a hyphen ("förvaltnings-", "IT-"): may be a compound's first part.
    Head,
    /// After a hyphen ("-tjänster"): may be a compound's last part.
    Tail,
    /// After a number and a hyphen ("14-åriga", "90-talskrisen"). hunspell's
    /// compound rules let forms follow a number that stand nowhere else
    /// ("åriga", "tals"), so here the search offers every form and the
    /// corrector keeps those the rules accept.
    Numbered,
}

impl Slot {
    /// How many slots there are (for tables indexed by `slot as usize`).
    pub const COUNT: usize = Slot::Numbered as usize + 1;
}

/// One confusion undone by a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    /// Index into [`RENDERINGS`], or [`NOISE_EDIT`] for a dropped noise character.
    pub rendering: u16,
    /// Byte offset in the observed (lower-case) word.
    pub at: u16,
}

/// `Edit::rendering` of a noise character the OCR added.
pub const NOISE_EDIT: u16 = u16::MAX;

/// One part of a candidate: a form from the lexicon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    /// Byte offset in the candidate's form where this part ends.
    pub end: usize,
    /// What the lexicon says of the part.
    pub entry: Entry,
}

/// A reading of an observed word.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The form, lower case.
    pub form: String,
    /// The confusions undone, in order.
    pub edits: Vec<Edit>,
    /// How many of each of å, ä, ö the OCR printed correctly.
    pub identities: [u8; 3],
    /// Summed cost of the noise characters dropped.
    pub noise: f32,
    /// The lexicon forms it is made of (one unless a compound).
    pub parts: Vec<Part>,
}

impl Candidate {
    /// The cost of reading the observed word as this candidate under `channel`.
    pub fn channel_cost(&self, channel: &Channel) -> f32 {
        let edits: f32 = self
            .edits
            .iter()
            .filter(|e| e.rendering != NOISE_EDIT)
            .map(|e| channel.cost(usize::from(e.rendering)))
            .sum();
        let ids: f32 = self
            .identities
            .iter()
            .enumerate()
            .map(|(d, &n)| f32::from(n) * channel.identity_cost(d))
            .sum();
        edits + ids + self.noise
    }

    /// Whether the candidate is the observed word itself.
    pub fn is_identity(&self) -> bool {
        self.edits.is_empty()
    }

    /// Whether the candidate is a compound only the relaxed search finds
    /// ([`Limits::any_head`]).
    pub fn has_unmarked_head(&self) -> bool {
        unmarked_head(&self.parts)
    }
}

/// Whether `parts` make a compound whose first part hunspell-sv does not mark
/// as one: only the relaxed search ([`Limits::any_head`]) builds such.
pub fn unmarked_head(parts: &[Part]) -> bool {
    parts.len() > 1 && opens_unmarked(parts)
}

/// Whether the first of `parts` lacks hunspell-sv's mark of a first part.
fn opens_unmarked(parts: &[Part]) -> bool {
    parts
        .first()
        .is_some_and(|p| p.entry.flags & flags::BEGIN == 0)
}

/// Bounds on the search.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Highest channel cost explored (under the generic channel).
    pub max_cost: f32,
    /// Most confusions undone in one word.
    pub max_edits: usize,
    /// Most parts in a compound.
    pub max_parts: usize,
    /// Once a reading is found, readings dearer than it by more than this are
    /// not explored: the context could never make up the difference.
    pub beam: f32,
    /// Whether any common word of three letters or more may open a
    /// compound of two parts, not only the forms hunspell-sv marks for it:
    /// the dictionary marks few ("tolk" + "försörjning"), and Swedish writes
    /// new compounds freely. Misprints only, no letters lost or added. Priced
    /// in `correct::compound_log_p`; it makes far more restarts than the
    /// marked heads, so it is meant for words the strict search finds
    /// nothing for.
    pub any_head: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_cost: 16.0,
            max_edits: 6,
            max_parts: 4,
            beam: 10.0,
            any_head: false,
        }
    }
}

/// The UTF-8 bytes of each rendering's true letter.
static TRUTHS: std::sync::LazyLock<Vec<([u8; 4], usize)>> = std::sync::LazyLock::new(|| {
    RENDERINGS
        .iter()
        .map(|r| {
            let mut b = [0u8; 4];
            let n = r.truth.encode_utf8(&mut b).len();
            (b, n)
        })
        .collect()
});

/// [`confusion::CAPITAL_S`] in UTF-8.
const CAPITAL_S_UTF8: &[u8] = "ſ".as_bytes();

/// Shortest compound part in characters (hunspell-sv's COMPOUNDMIN).
const MIN_PART_CHARS: usize = 2;

/// Shortest first part of a compound whose first part hunspell-sv does not
/// mark ([`Limits::any_head`]): short words ("in", "på", "av") would split
/// almost anything.
const RELAXED_HEAD_CHARS: usize = 3;

/// Shortest rest after such a first part: a short word read at the end of a
/// word the lexicon lacks ("utsläpparen" as "utsläpp" + "åren") is more often
/// the lexicon's gap than a misprint.
const RELAXED_REST_CHARS: usize = 5;

struct Walk<'a, D: AsRef<[u8]>> {
    fst: &'a Fst<D>,
    decode: &'a dyn Fn(u64) -> Entry,
    observed: &'a [u8],
    slot: Slot,
    limits: Limits,
    channel: &'a Channel,
    form: Vec<u8>,
    edits: Vec<Edit>,
    parts: Vec<Part>,
    identities: [u8; 3],
    noise: f32,
    /// Whether a letter the writer left out at a junction of three like
    /// letters has been put back (SIMPLIFIEDTRIPLE): no dropped letter is put
    /// back after it, or two free letters would make a word of almost
    /// anything ("knappcellsbatterier" as "cell" + "l" + "ös").
    restored: bool,
    /// The dearest path still worth exploring (see [`Limits::beam`]).
    bound: f32,
    out: Vec<Candidate>,
}

/// Finds the readings of `observed` (lower case) in `fst`, whose values `decode`
/// turns into entries. `channel` prices the confusions for the cost bound.
pub fn search<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    decode: &dyn Fn(u64) -> Entry,
    observed: &str,
    slot: Slot,
    channel: &Channel,
    limits: Limits,
) -> Vec<Candidate> {
    let mut walk = Walk {
        fst,
        decode,
        observed: observed.as_bytes(),
        slot,
        limits,
        channel,
        form: Vec::with_capacity(observed.len() + 8),
        edits: Vec::new(),
        parts: Vec::new(),
        identities: [0; 3],
        noise: 0.0,
        restored: false,
        bound: limits.max_cost,
        out: Vec::new(),
    };
    walk.step(fst.root(), 0, Output::zero(), 0.0, 0);
    let mut out = walk.out;
    // Keep one path to each form: the stored form over a compound that spells
    // it, then the cheapest.
    out.sort_by(|a, b| {
        a.form
            .cmp(&b.form)
            .then(a.parts.len().cmp(&b.parts.len()))
            .then(a.channel_cost(channel).total_cmp(&b.channel_cost(channel)))
    });
    out.dedup_by(|a, b| a.form == b.form);
    out
}

impl<D: AsRef<[u8]>> Walk<'_, D> {
    /// Explores from `node`, having consumed `pos` observed bytes; `out` is the
    /// transducer output so far, `part_start` the byte in `form` where the
    /// current compound part began.
    fn step(&mut self, node: Node<'_>, pos: usize, out: Output, cost: f32, part_start: usize) {
        if cost > self.bound {
            return;
        }
        if node.is_final() {
            let value = out.cat(node.final_output()).value();
            self.at_final(value, pos, cost, part_start);
        }
        if pos < self.observed.len() {
            self.identity(node, pos, out, cost, part_start);
            // In the relaxed search misprints only: with a letter lost or a
            // mark dropped, any two words would do ("stimuleras.Samtliga",
            // "S-venska" as "ävenska").
            if !self.limits.any_head {
                self.noise(node, pos, out, cost, part_start);
            }
        }
        if self.edits.len() < self.limits.max_edits {
            self.confusions(node, pos, out, cost, part_start);
        }
    }

    fn at_final(&mut self, value: u64, pos: usize, cost: f32, part_start: usize) {
        let entry = (self.decode)(value);
        let first = self.parts.is_empty();
        if pos == self.observed.len() {
            // A relaxed compound is two parts, the last marked as one.
            if self.after_unmarked_head() && entry.flags & flags::END == 0 {
                return;
            }
            let ok = match (first, self.slot) {
                (true, Slot::Head) => entry.flags & (flags::WORD | flags::BEGIN) != 0,
                (true, Slot::Numbered) => true,
                (true, _) => entry.flags & flags::WORD != 0,
                // A last part without hunspell's END flag is allowed but priced
                // (see `correct::compound_log_p`): the flags miss many real
                // compounds ("samverkans" + "fora").
                (false, Slot::Head) => entry.flags & (flags::END | flags::BEGIN | flags::WORD) != 0,
                (false, _) => entry.flags & (flags::END | flags::WORD) != 0,
            };
            if ok {
                self.emit(entry);
                self.bound = self.bound.min(cost + self.limits.beam);
            }
            return;
        }
        let part_chars = char_count(&self.form[part_start..]);
        let rest = &self.observed[pos..];
        // hunspell-sv marks few forms MIDDLE; a form that may begin a compound
        // may also stand inside one ("amatör" + "data" + "nätverket"), priced
        // in `correct::compound_log_p`.
        let joinable = if first {
            flags::BEGIN
        } else {
            flags::MIDDLE | flags::BEGIN
        };
        let marked = entry.flags & joinable != 0
            && part_chars >= MIN_PART_CHARS
            && char_count(rest) >= MIN_PART_CHARS;
        let relaxed = first
            && self.limits.any_head
            && part_chars >= RELAXED_HEAD_CHARS
            && char_count(rest) >= RELAXED_REST_CHARS
            && self.opens_relaxed(&entry, pos);
        // A relaxed compound is two parts: no further restart after its head.
        if (marked || relaxed)
            && self.parts.len() + 2 <= self.limits.max_parts
            && !self.after_unmarked_head()
        {
            self.parts.push(Part {
                end: self.form.len(),
                entry,
            });
            let root = self.fst.root();
            let start = self.form.len();
            self.step(root, pos, Output::zero(), cost, start);
            // hunspell's SIMPLIFIEDTRIPLE: of three like letters at the
            // junction one is not written ("blankett" + "tillverkare" is
            // "blankettillverkare"). The next part starts with it unprinted;
            // where the third is printed, the plain restart reads it. Only
            // after a first part the dictionary marks, once a word.
            if let [.., a, b] = self.form[..]
                && a == b
                && a.is_ascii_alphabetic()
                && marked
                && !self.restored
                && self.observed.get(pos) != Some(&a)
                && let Some((child, out)) = follow(self.fst, root, &[a], Output::zero())
            {
                self.restored = true;
                self.step(child, pos, out, cost, start);
                self.restored = false;
            }
            self.parts.pop();
        }
    }

    /// Whether `entry`, reached having consumed `pos` observed bytes, may open
    /// a compound in the relaxed search ([`Limits::any_head`]): a common word,
    /// no name or abbreviation. A first part read as printed is the word the
    /// writer wrote; one with a misprint undone must be one the corpus has,
    /// and not undo a word ("smitt" in "smittutbrott" is no "smått").
    fn opens_relaxed(&self, entry: &Entry, pos: usize) -> bool {
        let common = entry.flags & flags::WORD != 0
            && entry.flags & (flags::PROPER | flags::UPPER | flags::NOSUGGEST) == 0;
        common
            && (self.edits.is_empty()
                || (entry.count > 0
                    && !self.fst.get(&self.observed[..pos]).is_some_and(|printed| {
                        (self.decode)(printed.value()).flags & flags::WORD != 0
                    })))
    }

    /// Whether the parts so far open with one hunspell-sv does not mark as a
    /// compound's first part (the relaxed search's, [`Limits::any_head`]).
    fn after_unmarked_head(&self) -> bool {
        opens_unmarked(&self.parts)
    }

    fn emit(&mut self, entry: Entry) {
        let Ok(form) = String::from_utf8(self.form.clone()) else {
            return;
        };
        let mut parts = self.parts.clone();
        parts.push(Part {
            end: self.form.len(),
            entry,
        });
        self.out.push(Candidate {
            form,
            edits: self.edits.clone(),
            identities: self.identities,
            noise: self.noise,
            parts,
        });
    }

    /// The observed character read as itself.
    fn identity(&mut self, node: Node<'_>, pos: usize, out: Output, cost: f32, part_start: usize) {
        let len = utf8_len(self.observed[pos]);
        let Some(mut bytes) = self.observed.get(pos..pos + len) else {
            return;
        };
        if bytes == CAPITAL_S_UTF8 {
            // An S printed in capitals is, as itself, an s.
            bytes = b"s";
        }
        let Some((child, out2)) = follow(self.fst, node, bytes, out) else {
            return;
        };
        // å ä ö are C3 A5, C3 A4, C3 B6 in UTF-8.
        let diacritic = match bytes {
            [0xC3, 0xA5] => Some(0),
            [0xC3, 0xA4] => Some(1),
            [0xC3, 0xB6] => Some(2),
            _ => None,
        };
        let extra = diacritic.map_or(0.0, |d| self.channel.identity_cost(d));
        if let Some(d) = diacritic {
            self.identities[d] += 1;
        }
        self.form.extend_from_slice(bytes);
        self.step(child, pos + len, out2, cost + extra, part_start);
        self.form.truncate(self.form.len() - bytes.len());
        if let Some(d) = diacritic {
            self.identities[d] -= 1;
        }
    }

    /// A character the OCR added, skipped.
    fn noise(&mut self, node: Node<'_>, pos: usize, out: Output, cost: f32, part_start: usize) {
        let len = utf8_len(self.observed[pos]);
        // The noise marks are ASCII but for "’"; most bytes are none of them.
        let c = match self.observed.get(pos..pos + len) {
            Some([b]) if b.is_ascii_punctuation() => char::from(*b),
            Some([0xE2, 0x80, 0x99]) => '’',
            _ => return,
        };
        let Some(extra) = confusion::noise_cost(c) else {
            return;
        };
        // An apostrophe before a closing "s" after a name or a word that is
        // no Swedish one is a genitive ("Women's", "McDonald’s"), not a
        // speck (after a Swedish word it is one: "kommunen's" is
        // "kommunens"); nor is a period before anything but a letter
        // ("striderna.------", a sentence's end).
        if matches!(c, '\'' | '’')
            && self.observed.get(pos + len..) == Some(b"s".as_slice())
            && !self
                .fst
                .get(&self.observed[..pos])
                .map(|o| (self.decode)(o.value()))
                .is_some_and(|e| e.has(flags::DICT) && !e.has(flags::PROPER))
        {
            return;
        }
        if c == '.'
            && !self
                .observed
                .get(pos + 1)
                .is_some_and(|&b| b.is_ascii_alphabetic() || b >= 0xC0)
        {
            return;
        }
        if self.edits.len() >= self.limits.max_edits {
            return;
        }
        self.edits.push(Edit {
            rendering: NOISE_EDIT,
            at: pos as u16,
        });
        self.noise += extra;
        self.step(node, pos + len, out, cost + extra, part_start);
        self.noise -= extra;
        self.edits.pop();
    }

    /// Every rendering whose printed form starts here, read as its true letter.
    fn confusions(
        &mut self,
        node: Node<'_>,
        pos: usize,
        out: Output,
        cost: f32,
        part_start: usize,
    ) {
        let rest = &self.observed[pos..];
        // At most one dropped letter a word (a second is never worth its cost),
        // and only where the OCR left consonants together ("rligen", "vl",
        // "P"): a lost å, ä or ö is a lost vowel, so a drop beside a vowel is
        // not looked for. Drops were most of the search. The exceptions are
        // an å: before an e, not after a vowel, where words of verbs and
        // nouns in -å inflect ("angående" printed "angende", "nivåer"
        // "niver", "förståelse" "förstelse"), and last in a word after a vowel
        // ("Umeå" printed "Ume", "Luleå"); ä and ö seldom stand there.
        let first_drop = !self.limits.any_head
            && !self.restored
            && !self.edits.iter().any(|e| is_drop(e.rendering));
        let after_vowel = ends_in_vowel(&self.observed[..pos]);
        let vowel_next = starts_with_vowel(rest);
        let drop_allowed = |truth: char| {
            first_drop
                && match (after_vowel, vowel_next) {
                    (false, false) => true,
                    (false, true) => truth == 'å' && rest.starts_with(b"e"),
                    (true, _) => truth == 'å' && rest.is_empty(),
                }
        };
        // å, ä and ö share their first UTF-8 byte: look its transition up once.
        let mut lead: Option<Option<(Node<'_>, Output)>> = None;
        for &i in confusion::starting_at(rest) {
            let i = usize::from(i);
            let r = &RENDERINGS[i];
            if !prefix_of(r.seen.as_bytes(), rest) {
                continue;
            }
            if r.seen.is_empty() && !drop_allowed(r.truth) {
                continue;
            }
            let (bytes, n) = TRUTHS[i];
            let found = if n == 2 && bytes[0] == 0xC3 {
                let via = *lead.get_or_insert_with(|| follow(self.fst, node, &bytes[..1], out));
                via.and_then(|(mid, o)| follow(self.fst, mid, &bytes[1..2], o))
            } else {
                follow(self.fst, node, &bytes[..n], out)
            };
            let Some((child, out2)) = found else {
                continue;
            };
            let extra = self.channel.cost(i);
            self.edits.push(Edit {
                rendering: i as u16,
                at: pos as u16,
            });
            self.form.extend_from_slice(&bytes[..n]);
            self.step(child, pos + r.seen.len(), out2, cost + extra, part_start);
            self.form.truncate(self.form.len() - n);
            self.edits.pop();
        }
    }
}

/// `rest.starts_with(seen)` for the one to four bytes of a rendering, without
/// the call into `memcmp` that dominated the search.
#[inline]
fn prefix_of(seen: &[u8], rest: &[u8]) -> bool {
    seen.len() <= rest.len() && seen.iter().zip(rest).all(|(a, b)| a == b)
}

/// Vowels as the OCR prints them (with the look-alikes it uses for å, ä, ö).
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'å' | 'ä' | 'ö' | 'é' | 'ü'
    )
}

fn ends_in_vowel(bytes: &[u8]) -> bool {
    // The last character starts at the last byte that is not a continuation.
    let start = bytes.iter().rposition(|&b| b & 0xC0 != 0x80).unwrap_or(0);
    starts_with_vowel(&bytes[start..])
}

fn starts_with_vowel(bytes: &[u8]) -> bool {
    match bytes {
        [b, ..] if b.is_ascii() => is_vowel(char::from(*b)),
        // å ä ö é ü: C3 followed by A5 A4 B6 A9 BC.
        [0xC3, second, ..] => matches!(second, 0xA5 | 0xA4 | 0xB6 | 0xA9 | 0xBC),
        _ => false,
    }
}

fn is_drop(rendering: u16) -> bool {
    RENDERINGS
        .get(usize::from(rendering))
        .is_some_and(|r| r.seen.is_empty())
}

/// Follows `bytes` from `node`, returning the node reached and the output.
fn follow<'f, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    node: Node<'f>,
    bytes: &[u8],
    mut out: Output,
) -> Option<(Node<'f>, Output)> {
    let mut node = node;
    for &b in bytes {
        let t = node.transition(node.find_input(b)?);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    Some((node, out))
}

/// Length of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xF7 => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn char_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::MapBuilder;

    /// Test values: flags in the low byte, `-log_p * 10` in the next two,
    /// the corpus count above.
    fn decode(v: u64) -> Entry {
        Entry {
            flags: (v & 0xFF) as u8,
            log_p: -(((v >> 8) & 0xFFFF) as f32) / 10.0,
            count: (v >> 24) as u32,
        }
    }

    /// Forms with their flags, each counted once in the corpus.
    fn lexicon(words: &[(&str, u8)]) -> Fst<Vec<u8>> {
        let counted: Vec<_> = words.iter().map(|&(w, f)| (w, f, 1)).collect();
        counted_lexicon(&counted)
    }

    fn counted_lexicon(words: &[(&str, u8, u32)]) -> Fst<Vec<u8>> {
        let mut words = words.to_vec();
        words.sort();
        let mut b = MapBuilder::memory();
        for (w, f, n) in words {
            b.insert(w, u64::from(f) | (50 << 8) | (u64::from(n) << 24))
                .expect("sorted");
        }
        b.into_map().into_fst()
    }

    const W: u8 = flags::WORD;
    const WB: u8 = flags::WORD | flags::BEGIN | flags::END;

    fn forms(fst: &Fst<Vec<u8>>, observed: &str) -> Vec<String> {
        forms_within(fst, observed, Limits::default())
    }

    fn forms_within(fst: &Fst<Vec<u8>>, observed: &str, limits: Limits) -> Vec<String> {
        candidates(fst, observed, limits)
            .into_iter()
            .map(|c| c.form)
            .collect()
    }

    fn candidates(fst: &Fst<Vec<u8>>, observed: &str, limits: Limits) -> Vec<Candidate> {
        search(
            fst,
            &decode,
            observed,
            Slot::Alone,
            &Channel::default(),
            limits,
        )
    }

    #[test]
    fn undoes_single_letter_renderings() {
        let fst = lexicon(&[
            ("för", W),
            ("for", W),
            ("är", W),
            ("år", W),
            ("lösningar", W),
        ]);
        assert_eq!(forms(&fst, "f6r"), ["för"]);
        assert_eq!(forms(&fst, "for"), ["for", "för"]);
        assert_eq!(forms(&fst, "férvaltning"), Vec::<String>::new());
        assert_eq!(forms(&fst, "4r"), ["är"]);
        assert_eq!(forms(&fst, "#r"), ["är", "år"]);
        assert_eq!(forms(&fst, "&r"), ["är", "år"]);
        assert_eq!(forms(&fst, "16sningar"), ["lösningar"]);
    }

    #[test]
    fn restores_dropped_letters_and_two_character_renderings() {
        let fst = lexicon(&[
            ("årligen", W),
            ("är", W),
            ("år", W),
            ("fjärde", W),
            ("möjligt", W),
        ]);
        assert_eq!(forms(&fst, "rligen"), ["årligen"]);
        assert_eq!(forms(&fst, "r"), ["är", "år"]);
        assert_eq!(forms(&fst, "fjairde"), ["fjärde"]);
        assert_eq!(forms(&fst, "moijligt"), ["möjligt"]);
    }

    #[test]
    fn finds_compounds_of_flagged_parts() {
        let fst = lexicon(&[
            ("förvaltnings", flags::BEGIN),
            ("gränser", WB),
            ("mätningen", WB),
        ]);
        assert_eq!(forms(&fst, "férvaltningsgrianser"), ["förvaltningsgränser"]);
        assert_eq!(
            forms(&fst, "forvaltningsmitningen"),
            ["förvaltningsmätningen"]
        );
        // A part that may not open a compound does not.
        let fst = lexicon(&[("förvaltnings", W), ("gränser", WB)]);
        assert!(forms(&fst, "förvaltningsgränser").is_empty());
    }

    #[test]
    fn the_relaxed_search_opens_two_part_compounds_with_any_common_word() {
        const WE: u8 = flags::WORD | flags::END;
        let fst = counted_lexicon(&[
            ("tolk", W, 26),
            ("in", W, 900),
            ("tolkar", W, 0),
            ("tälj", W, 0),
            ("smitt", W, 0),
            ("smått", W, 12),
            ("telecom", W | flags::PROPER, 5),
            ("försörjning", WE, 197),
            ("förhandling", W, 90),
            ("utbrottet", WE, 50),
            ("anställda", WE, 300),
            ("år", WE, 5000),
            ("stöd", W | flags::BEGIN | flags::MIDDLE, 800),
        ]);
        let relaxed = Limits {
            any_head: true,
            ..Limits::default()
        };
        // hunspell-sv does not mark "tolk" as a first part.
        assert!(forms(&fst, "tolkforsörjning").is_empty());
        let c = candidates(&fst, "tolkforsörjning", relaxed);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].form, "tolkförsörjning");
        assert!(c[0].has_unmarked_head());
        // A last part not marked as one; a short first part, a short rest.
        assert!(forms_within(&fst, "tolkforhandling", relaxed).is_empty());
        assert!(forms_within(&fst, "inforsörjning", relaxed).is_empty());
        // A first part read as printed may be any common word; one with a
        // misprint undone must be counted in the corpus and no word as
        // printed; no name.
        assert_eq!(
            forms_within(&fst, "tolkarforsörjning", relaxed),
            ["tolkarförsörjning"]
        );
        assert!(forms_within(&fst, "taljforsörjning", relaxed).is_empty());
        assert_eq!(
            forms_within(&fst, "smittutbrottet", relaxed),
            ["smittutbrottet"]
        );
        assert_eq!(
            forms_within(&fst, "sm#ttutbrottet", relaxed),
            ["småttutbrottet"]
        );
        assert!(forms_within(&fst, "telecomanstallda", relaxed).is_empty());
        // No letters lost or added.
        assert!(forms_within(&fst, "tolk.forsörjning", relaxed).is_empty());
        // Two parts, no more.
        assert!(forms_within(&fst, "tolkstödforsörjning", relaxed).is_empty());
        assert_eq!(
            forms_within(&fst, "stödforsörjning", Limits::default()),
            ["stödförsörjning"]
        );
        // The marked compounds are no relaxed ones.
        assert!(!candidates(&fst, "stödforsörjning", relaxed)[0].has_unmarked_head());
    }

    #[test]
    fn a_junction_of_three_like_letters_is_written_with_two() {
        let fst = lexicon(&[("blankett", WB), ("tillverkare", WB), ("tåg", WB)]);
        assert_eq!(forms(&fst, "blankettillverkare"), ["blankettillverkare"]);
        let fst = lexicon(&[("natt", WB), ("tåg", WB)]);
        assert_eq!(forms(&fst, "nattag"), ["nattåg"]);
        // Only where the letters are alike.
        let fst = lexicon(&[("natt", WB), ("såg", WB)]);
        assert!(forms(&fst, "nattag").is_empty());
        // No dropped letter put back after the restored one: "cell" + "l" +
        // "ö" + "s" would make "lös" of a linking s.
        let fst = lexicon(&[("cell", WB), ("lös", WB), ("batterier", WB)]);
        assert!(forms(&fst, "cellsbatterier").is_empty());
    }

    #[test]
    fn counts_edits_and_identities() {
        let fst = lexicon(&[("möjligt", W)]);
        let c = search(
            &fst,
            &decode,
            "m&jligt",
            Slot::Alone,
            &Channel::default(),
            Limits::default(),
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].edits.len(), 1);
        assert_eq!(RENDERINGS[usize::from(c[0].edits[0].rendering)].seen, "&");
        let c = search(
            &fst,
            &decode,
            "möjligt",
            Slot::Alone,
            &Channel::default(),
            Limits::default(),
        );
        assert!(c[0].is_identity());
        assert_eq!(c[0].identities, [0, 0, 1]);
    }

    #[test]
    fn reads_the_ocrs_capital_s_as_s_or_as_o_umlaut() {
        assert_eq!(CAPITAL_S_UTF8, confusion::CAPITAL_S.to_string().as_bytes());
        let fst = lexicon(&[("för", W), ("fsr", W)]);
        let c = search(
            &fst,
            &decode,
            "fſr",
            Slot::Alone,
            &Channel::default(),
            Limits::default(),
        );
        let forms: Vec<_> = c
            .iter()
            .map(|c| (c.form.as_str(), c.is_identity()))
            .collect();
        assert_eq!(forms, [("fsr", true), ("för", false)]);
    }

    #[test]
    fn drops_noise_characters() {
        let fst = lexicon(&[("it", W)]);
        assert_eq!(forms(&fst, "i't"), ["it"]);
    }
}
