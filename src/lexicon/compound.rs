//! Compound analysis over the forms FST, following hunspell's rules for Swedish
//! (sv_SE.aff): COMPOUNDMIN 2, COMPOUNDWORDMAX 4, CHECKCOMPOUNDTRIPLE,
//! SIMPLIFIEDTRIPLE, CHECKCOMPOUNDDUP, the COMPOUNDRULEs, and BREAK at hyphens.
//!
//! Hot path: `is_word` is asked about millions of candidate spellings, most of
//! them garbage, so the search walks the FST once per part start to collect every
//! prefix that is a form (no per-prefix lookups) and keeps its state on the stack.
//! Not implemented: CHECKCOMPOUNDREP (a compound is rejected in hunspell when a REP
//! replacement turns it into a dictionary word).

use fst::raw::{Fst, Output};

use super::{Lexicon, Quant, RuleElem, flags, format};

/// One part of a compound word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompoundPart {
    /// The part as it is in the lexicon: lower case, with the letter restored that
    /// hunspell's triple-letter simplification drops ("lucka" in "fallucka").
    pub form: String,
    /// Byte offset of the part in the analysed word (a restored letter is not in
    /// the word and not in the range).
    pub start: usize,
    /// Byte offset just past the part.
    pub end: usize,
}

/// Words longer than this (in bytes) are never analysed as compounds.
const MAX_WORD: usize = 160;
/// At most this many parts on the stack: 4 for ordinary compounds; rule compounds
/// (numbers written in letters, "87-åringens" as 8 7 - åringens) may have more.
const MAX_PARTS: usize = 12;
/// Prefix candidates kept per part start (one per byte of the rest at most).
const MAX_CANDS: usize = 64;
/// FST walks allowed for one word. Real words need a few dozen; the bound keeps
/// adversarial input ("60-tals" + a long run of middle parts) from taking long.
const MAX_WALKS: u32 = 2000;

#[derive(Clone, Copy, Default)]
struct Part {
    start: u16,
    end: u16,
    restored: Option<char>,
}

/// The parts found so far, on the stack.
struct Parts {
    items: [Part; MAX_PARTS],
    len: usize,
}

impl Parts {
    fn new() -> Parts {
        Parts {
            items: [Part::default(); MAX_PARTS],
            len: 0,
        }
    }
    fn push(&mut self, p: Part) -> bool {
        if self.len == MAX_PARTS {
            return false;
        }
        self.items[self.len] = p;
        self.len += 1;
        true
    }
    fn pop(&mut self) {
        self.len -= 1;
    }
    fn last(&self) -> Option<&Part> {
        self.len.checked_sub(1).map(|i| &self.items[i])
    }
}

/// Form prefixes of `restored + rest`: (end offset in `rest`, value).
struct Cands {
    items: [(u16, u64); MAX_CANDS],
    len: usize,
}

impl Cands {
    fn new() -> Cands {
        Cands {
            items: [(0, 0); MAX_CANDS],
            len: 0,
        }
    }
    fn add(&mut self, end: usize, v: u64, merge: fn(u64, u64) -> u64) {
        for it in &mut self.items[..self.len] {
            if usize::from(it.0) == end {
                it.1 = merge(it.1, v);
                return;
            }
        }
        // More than MAX_CANDS prefixes cannot occur in words of MAX_WORD bytes
        // with real forms; dropping the rest only loses analyses.
        if self.len < MAX_CANDS {
            self.items[self.len] = (end as u16, v);
            self.len += 1;
        }
    }
    fn sort_longest_first(&mut self) {
        self.items[..self.len].sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
    }
}

/// Walks `fst` over `restored` then `rest`, adding every final state reached after
/// at least one byte of `rest`.
fn walk<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    restored: Option<char>,
    rest: &[u8],
    cands: &mut Cands,
    merge: fn(u64, u64) -> u64,
) {
    let mut node = fst.root();
    let mut out = Output::zero();
    let mut rbuf = [0u8; 4];
    let head: &[u8] = match restored {
        Some(c) => c.encode_utf8(&mut rbuf).as_bytes(),
        None => &[],
    };
    for &b in head {
        match node.find_input(b) {
            Some(i) => {
                let t = node.transition(i);
                out = out.cat(t.out);
                node = fst.node(t.addr);
            }
            None => return,
        }
    }
    for (i, &b) in rest.iter().enumerate() {
        match node.find_input(b) {
            Some(ti) => {
                let t = node.transition(ti);
                out = out.cat(t.out);
                node = fst.node(t.addr);
            }
            None => return,
        }
        if node.is_final() {
            cands.add(i + 1, out.cat(node.final_output()).value(), merge);
        }
    }
}

fn merge_forms(a: u64, b: u64) -> u64 {
    // Flags are OR-ed; the rest (probability, count) does not matter here.
    a | u64::from(format::unpack_flags(b))
}

fn merge_rules(a: u64, b: u64) -> u64 {
    a | b
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    /// The whole word; parts are byte ranges in it.
    w: &'a str,
    parts: Parts,
    /// FST walks left (see MAX_WALKS).
    walks: u32,
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

impl Ctx<'_> {
    fn flags_of(&self, restored: Option<char>, text: &str) -> u8 {
        let get = |k: &str| self.lex.get(k).map_or(0, |e| e.flags);
        match restored {
            None => get(text),
            Some(c) => {
                let mut k = String::with_capacity(text.len() + 4);
                k.push(c);
                k.push_str(text);
                get(&k)
            }
        }
    }

    fn text_eq(&self, a: &Part, b: &Part) -> bool {
        let ta = &self.w[usize::from(a.start)..usize::from(a.end)];
        let tb = &self.w[usize::from(b.start)..usize::from(b.end)];
        match (a.restored, b.restored) {
            (None, None) => ta == tb,
            _ => {
                let full = |p: &Part, t: &str| p.restored.map(String::from).unwrap_or_default() + t;
                full(a, ta) == full(b, tb)
            }
        }
    }

    /// CHECKCOMPOUNDDUP: the same part twice in a row ("bilbil") is no compound.
    fn dup(&self, p: &Part) -> bool {
        self.parts.last().is_some_and(|q| self.text_eq(q, p))
    }

    fn prefixes(&mut self, restored: Option<char>, rest: &str, rules: bool) -> Cands {
        let mut c = Cands::new();
        if self.walks == 0 {
            return c; // out of budget: no analysis
        }
        self.walks -= 1;
        if rules {
            walk(
                self.lex.rules.as_fst(),
                restored,
                rest.as_bytes(),
                &mut c,
                merge_rules,
            );
        } else {
            for fst in &self.lex.fsts {
                walk(fst, restored, rest.as_bytes(), &mut c, merge_forms);
            }
        }
        c
    }

    /// An ordinary compound of `w[start..hi]` (the part at `start` may begin with
    /// a restored letter), `depth` parts already found. Longest first parts are
    /// tried first, so the analysis found has few parts.
    fn split(&mut self, start: usize, hi: usize, restored: Option<char>, depth: usize) -> bool {
        let lex = self.lex;
        let cmin = lex.meta.compoundmin;
        let maxp = lex.meta.compoundwordmax;
        let rest = &self.w[start..hi];
        let rest_chars = rest.chars().count() + usize::from(restored.is_some());
        if depth >= 1 && rest_chars >= cmin {
            let p = Part {
                start: start as u16,
                end: hi as u16,
                restored,
            };
            if self.flags_of(restored, rest) & flags::END != 0
                && !self.dup(&p)
                && !lex.is_forbidden_part(restored, rest)
            {
                return self.parts.push(p);
            }
        }
        if depth + 1 >= maxp {
            return false;
        }
        let need = if depth == 0 {
            flags::BEGIN
        } else {
            flags::MIDDLE
        };
        let mut cands = self.prefixes(restored, rest, false);
        cands.sort_longest_first();
        for &(end, v) in &cands.items[..cands.len] {
            if format::unpack_flags(v) & need == 0 {
                continue;
            }
            let j = start + usize::from(end);
            if j >= hi {
                continue;
            }
            let part_chars = self.w[start..j].chars().count() + usize::from(restored.is_some());
            // The rest must still hold a part (one letter may be restored).
            if part_chars < cmin || self.w[j..hi].chars().count() + 1 < cmin {
                continue;
            }
            let (a, b) = (char_before(self.w, j), char_at(self.w, j));
            let before_a = char_before(self.w, j - a.map_or(0, char::len_utf8));
            let after_b = b.and_then(|c| char_at(self.w, j + c.len_utf8()));
            // CHECKCOMPOUNDTRIPLE: no three equal letters across the boundary.
            if a == b && (before_a == a || after_b == b) {
                continue;
            }
            let p = Part {
                start: start as u16,
                end: j as u16,
                restored,
            };
            if self.dup(&p) || !self.parts.push(p) {
                continue;
            }
            if self.split(j, hi, None, depth + 1) {
                return true;
            }
            // SIMPLIFIEDTRIPLE: a part ending in a double letter ("fall") may have
            // eaten the first letter of the next ("lucka"): "fallucka".
            if a.is_some() && before_a == a && b != a && self.split(j, hi, a, depth + 1) {
                return true;
            }
            self.parts.pop();
        }
        false
    }

    /// A COMPOUNDRULE compound of `w[lo..hi]`.
    fn rule_compound(&mut self, lo: usize, hi: usize) -> bool {
        let lex = self.lex;
        if lex.meta.rules.is_empty() || self.prefixes(None, &self.w[lo..hi], true).len == 0 {
            // Every rule starts with a rule-only flag: no such prefix, no match.
            return false;
        }
        let base = self.parts.len;
        for r in 0..lex.meta.rules.len() {
            self.parts.len = base;
            if self.match_rule(r, 0, lo, hi) {
                return true;
            }
        }
        self.parts.len = base;
        false
    }

    fn match_rule(&mut self, r: usize, ei: usize, pos: usize, hi: usize) -> bool {
        let rule = &self.lex.meta.rules[r];
        if ei == rule.len() {
            return pos == hi;
        }
        let (elem, q) = rule[ei];
        if q != Quant::One && self.match_rule(r, ei + 1, pos, hi) {
            return true;
        }
        if pos == hi {
            return false;
        }
        let rest = &self.w[pos..hi];
        let mut cands = self.prefixes(None, rest, matches!(elem, RuleElem::Flag(_)));
        cands.sort_longest_first();
        let next = if q == Quant::Many { ei } else { ei + 1 };
        for &(end, v) in &cands.items[..cands.len] {
            let j = pos + usize::from(end);
            let last = j == hi;
            let ok = match elem {
                RuleElem::Flag(bit) => {
                    let b = format::rule_bit(usize::from(bit));
                    // Affixed forms of a rule root count only as the last part.
                    let mask = if last {
                        b | (b << format::RULE_ANY_SHIFT)
                    } else {
                        b
                    };
                    v & mask != 0
                }
                RuleElem::Begin => format::unpack_flags(v) & flags::BEGIN != 0,
                RuleElem::Middle => format::unpack_flags(v) & flags::MIDDLE != 0,
                RuleElem::End => format::unpack_flags(v) & flags::END != 0,
            };
            if !ok {
                continue;
            }
            let p = Part {
                start: pos as u16,
                end: j as u16,
                restored: None,
            };
            if !self.parts.push(p) {
                return false;
            }
            if self.match_rule(r, next, j, hi) {
                return true;
            }
            self.parts.pop();
        }
        false
    }

    /// A piece of a hyphenated word: stored form, compound or rule compound.
    /// `before` pieces precede a hyphen; they may also be BEGIN forms, numbers or
    /// one- or two-letter prefixes ("e-", "70-").
    fn segment(&mut self, lo: usize, hi: usize, before: bool) -> bool {
        let seg = &self.w[lo..hi];
        let whole = Part {
            start: lo as u16,
            end: hi as u16,
            restored: None,
        };
        if !self.lex.is_forbidden(seg) {
            let need = if before {
                flags::WORD | flags::BEGIN
            } else {
                flags::WORD | flags::END
            };
            let short_prefix = before
                && (seg.bytes().all(|b| b.is_ascii_digit())
                    || (seg.chars().count() <= 2 && seg.chars().all(char::is_alphabetic)));
            if short_prefix || self.lex.get(seg).is_some_and(|e| e.flags & need != 0) {
                return self.parts.push(whole);
            }
            let base = self.parts.len;
            if self.split(lo, hi, None, 0) || self.rule_compound(lo, hi) {
                return true;
            }
            self.parts.len = base;
        }
        false
    }

    fn hyphenated(&mut self) -> bool {
        let w = self.w;
        // A trailing hyphen: a suspended compound ("förvaltnings- och ...").
        let (body_end, trailing) = match w.strip_suffix('-') {
            Some(b) => (b.len(), true),
            None => (w.len(), false),
        };
        if body_end == 0 || w.starts_with('-') {
            return false;
        }
        let mut lo = 0;
        loop {
            let hi = w[lo..body_end].find('-').map_or(body_end, |i| lo + i);
            if hi == lo {
                return false; // "a--b"
            }
            let last = hi == body_end;
            if !self.segment(lo, hi, !last || trailing) {
                return false;
            }
            if last {
                return true;
            }
            lo = hi + 1;
        }
    }
}

impl Lexicon {
    fn is_forbidden_part(&self, restored: Option<char>, text: &str) -> bool {
        match restored {
            None => self.is_forbidden(text),
            Some(c) => self.is_forbidden(&format!("{c}{text}")),
        }
    }
}

/// Analyses `w` (lower case) as an ordinary compound, a rule compound or a
/// hyphenated word. Returns the parts when `want_parts`, else an empty vector on
/// success (no allocation on the hot path).
pub(super) fn analyse(lex: &Lexicon, w: &str, want_parts: bool) -> Option<Vec<CompoundPart>> {
    if w.len() > MAX_WORD || w.is_empty() {
        return None;
    }
    let mut ctx = Ctx {
        lex,
        w,
        parts: Parts::new(),
        walks: MAX_WALKS,
    };
    let found = ctx.split(0, w.len(), None, 0)
        || {
            ctx.parts.len = 0;
            ctx.rule_compound(0, w.len())
        }
        || (w.contains('-') && {
            ctx.parts.len = 0;
            ctx.hyphenated()
        });
    if !found {
        return None;
    }
    if !want_parts {
        return Some(Vec::new());
    }
    Some(
        ctx.parts.items[..ctx.parts.len]
            .iter()
            .map(|p| {
                let (s, e) = (usize::from(p.start), usize::from(p.end));
                let mut form = p.restored.map(String::from).unwrap_or_default();
                form.push_str(&w[s..e]);
                CompoundPart {
                    form,
                    start: s,
                    end: e,
                }
            })
            .collect(),
    )
}
