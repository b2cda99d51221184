//! Levenshtein distance and alignment that choose the same alignment as
//! rapidfuzz's `Levenshtein.opcodes`, which `score.py` uses.
//!
//! The distance is the same for every algorithm, but where several alignments
//! are equally short, *which* one is returned decides score.py's `fixed` and
//! `broken` counts. rapidfuzz (rapidfuzz-cpp, `Levenshtein_impl.hpp`) picks
//! one by:
//!
//! * removing the common prefix and suffix,
//! * for large inputs, splitting with Hirschberg's method at the first
//!   best-scoring position of the middle row,
//! * computing the bit-parallel matrix of Hyyrö (2003) in one of three
//!   variants (pattern of at most 64 elements, a diagonal band of at most 64,
//!   or blocks of 64 inside an Ukkonen band), and
//! * walking back from the end preferring a deletion, then an insertion, then
//!   a diagonal step, judged from the recorded vertical delta bits.
//!
//! The band limits and the bit tests decide ties, so this module follows that
//! code step by step, including its band bookkeeping, rather than a textbook
//! dynamic programme. Names follow the original to make the comparison easy.

use std::collections::HashMap;
use std::hash::Hash;

/// What an edit operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditKind {
    /// Replace `src[src_pos]` by `dest[dest_pos]`.
    Replace,
    /// Insert `dest[dest_pos]` before `src[src_pos]`.
    Insert,
    /// Delete `src[src_pos]`.
    Delete,
}

/// One edit operation, as in rapidfuzz's `Editops`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EditOp {
    /// What the operation does.
    pub kind: EditKind,
    /// Position in the source sequence.
    pub src_pos: usize,
    /// Position in the destination sequence.
    pub dest_pos: usize,
}

const WORD: usize = 64;

/// Levenshtein distance (unit costs) between two sequences.
pub fn distance<T: Eq + Hash + Copy>(s1: &[T], s2: &[T]) -> usize {
    let (s1, s2, _) = remove_common_affix(s1, s2);
    if s1.is_empty() || s2.is_empty() {
        return s1.len() + s2.len();
    }
    let max = s1.len().max(s2.len());
    let pm = BlockPm::new(s1);
    block(&pm, s1, s2, max, false, usize::MAX).dist
}

/// The edit operations that turn `s1` into `s2`, in order, exactly as
/// rapidfuzz's `Levenshtein.editops(s1, s2)` returns them (without a score
/// hint).
pub fn editops<T: Eq + Hash + Copy>(s1: &[T], s2: &[T]) -> Vec<EditOp> {
    let mut ops = Vec::new();
    // Without a score hint rapidfuzz bounds the distance by the longer length.
    let max = s1.len().max(s2.len());
    align_hirschberg(&mut ops, s1, s2, 0, 0, 0, max);
    ops
}

/// For each element of `dest`, whether rapidfuzz's opcodes from `src` to
/// `dest` put it in an `equal` block: score.py's `gold_hits`.
pub fn dest_hits<T: Eq + Hash + Copy>(src: &[T], dest: &[T]) -> Vec<bool> {
    let mut hit = vec![true; dest.len()];
    for op in editops(src, dest) {
        // Equal blocks are exactly the destination positions that no
        // insertion or replacement takes.
        if op.kind != EditKind::Delete
            && let Some(h) = hit.get_mut(op.dest_pos)
        {
            *h = false;
        }
    }
    hit
}

fn remove_common_affix<'a, T: Eq>(s1: &'a [T], s2: &'a [T]) -> (&'a [T], &'a [T], usize) {
    let prefix = s1.iter().zip(s2).take_while(|(a, b)| a == b).count();
    let (s1, s2) = (&s1[prefix..], &s2[prefix..]);
    let suffix = s1
        .iter()
        .rev()
        .zip(s2.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (&s1[..s1.len() - suffix], &s2[..s2.len() - suffix], prefix)
}

/// `a >> n`, 0 when `n` is 64 or more. A negative `n` only ever occurs for an
/// empty entry (`a == 0`) in the original, where the result is 0 too.
fn shr64(a: u64, n: isize) -> u64 {
    if n < 0 {
        if a == 0 { 0 } else { a >> (n & 63) }
    } else if n < 64 {
        a >> n
    } else {
        0
    }
}

/// For each element, the bit mask of its positions in the pattern, in blocks of
/// 64 (`BlockPatternMatchVector`).
struct BlockPm<T> {
    words: usize,
    map: HashMap<T, Vec<u64>>,
}

impl<T: Eq + Hash + Copy> BlockPm<T> {
    fn new(s: &[T]) -> BlockPm<T> {
        let words = s.len().div_ceil(WORD);
        let mut map: HashMap<T, Vec<u64>> = HashMap::new();
        for (i, &c) in s.iter().enumerate() {
            map.entry(c).or_insert_with(|| vec![0; words])[i / WORD] |= 1 << (i % WORD);
        }
        BlockPm { words, map }
    }

    fn get(&self, word: usize, c: &T) -> u64 {
        self.map.get(c).map_or(0, |v| v[word])
    }
}

/// A row-major bit matrix whose rows are shifted by an offset
/// (`ShiftedBitMatrix`): row `r` holds the bits of columns `offset[r]..`.
struct ShiftedBitMatrix {
    cols: usize,
    data: Vec<u64>,
    offsets: Vec<isize>,
}

impl ShiftedBitMatrix {
    fn new(rows: usize, cols: usize, val: u64) -> ShiftedBitMatrix {
        ShiftedBitMatrix {
            cols,
            data: vec![val; rows * cols],
            offsets: vec![0; rows],
        }
    }

    fn set(&mut self, row: usize, word: usize, val: u64) {
        if word < self.cols {
            self.data[row * self.cols + word] = val;
        }
    }

    fn test_bit(&self, row: usize, col: usize, default: bool) -> bool {
        let offset = self.offsets[row];
        let col = if offset < 0 {
            col + offset.unsigned_abs()
        } else if col >= offset as usize {
            col - offset as usize
        } else {
            // Left of the band.
            return default;
        };
        // Indexing the flat storage like the original's pointer arithmetic.
        let idx = row * self.cols + col / WORD;
        self.data
            .get(idx)
            .is_some_and(|w| w & (1 << (col % WORD)) != 0)
    }
}

/// The recorded vertical deltas of a distance computation.
struct Matrix {
    vp: ShiftedBitMatrix,
    vn: ShiftedBitMatrix,
    dist: usize,
}

/// Hyyrö's algorithm for a pattern `s1` of at most 64 elements, recording the
/// matrix.
fn hyrroe2003<T: Eq + Hash + Copy>(pm: &BlockPm<T>, s1: &[T], s2: &[T]) -> Matrix {
    let mut vp: u64 = !0;
    let mut vn: u64 = 0;
    let mut dist = s1.len();
    let mut mvp = ShiftedBitMatrix::new(s2.len(), 1, !0);
    let mut mvn = ShiftedBitMatrix::new(s2.len(), 1, 0);
    let mask: u64 = 1 << (s1.len() - 1);
    for (i, c) in s2.iter().enumerate() {
        let x = pm.get(0, c);
        let d0 = ((x & vp).wrapping_add(vp) ^ vp) | x | vn;
        let mut hp = vn | !(d0 | vp);
        let mut hn = d0 & vp;
        dist += usize::from(hp & mask != 0);
        dist -= usize::from(hn & mask != 0);
        hp = (hp << 1) | 1;
        hn <<= 1;
        vp = hn | !(d0 | hp);
        vn = hp & d0;
        mvp.set(i, 0, vp);
        mvn.set(i, 0, vn);
    }
    Matrix {
        vp: mvp,
        vn: mvn,
        dist,
    }
}

/// Hyyrö's algorithm restricted to a diagonal band of width `2 * max + 1 <= 64`,
/// recording the matrix.
fn hyrroe2003_small_band<T: Eq + Hash + Copy>(s1: &[T], s2: &[T], max: usize) -> Matrix {
    let (len1, len2) = (s1.len(), s2.len());
    let mut vp: u64 = !0u64 << (WORD - max - 1);
    let mut vn: u64 = 0;
    let mut dist = max;
    let mut mvp = ShiftedBitMatrix::new(len2, 1, !0);
    let mut mvn = ShiftedBitMatrix::new(len2, 1, 0);
    let start_offset = max as isize + 2 - WORD as isize;
    for i in 0..len2 {
        mvp.offsets[i] = start_offset + i as isize;
        mvn.offsets[i] = start_offset + i as isize;
    }
    let diagonal_mask: u64 = 1 << 63;
    let mut horizontal_mask: u64 = 1 << 62;
    let break_score = 2 * max + len2 - len1;
    let mut pm: HashMap<T, (isize, u64)> = HashMap::new();
    let mut k = 0; // iter_s1
    let update = |pm: &mut HashMap<T, (isize, u64)>, c: T, pos: isize| {
        let x = pm.entry(c).or_insert((0, 0));
        x.1 = shr64(x.1, pos - x.0) | (1 << 63);
        x.0 = pos;
    };
    for j in -(max as isize)..0 {
        update(&mut pm, s1[k], j);
        k += 1;
    }
    let lookup = |pm: &HashMap<T, (isize, u64)>, c: &T, i: usize| {
        let x = pm.get(c).copied().unwrap_or((0, 0));
        shr64(x.1, i as isize - x.0)
    };
    let failed = |mvp, mvn| Matrix {
        vp: mvp,
        vn: mvn,
        dist: max + 1,
    };
    let mut i = 0;
    while i < len1 - max {
        update(&mut pm, s1[k], i as isize);
        k += 1;
        let x = lookup(&pm, &s2[i], i);
        let d0 = ((x & vp).wrapping_add(vp) ^ vp) | x | vn;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        dist += usize::from(d0 & diagonal_mask == 0);
        if dist > break_score {
            return failed(mvp, mvn);
        }
        vp = hn | !((d0 >> 1) | hp);
        vn = (d0 >> 1) & hp;
        mvp.set(i, 0, vp);
        mvn.set(i, 0, vn);
        i += 1;
    }
    while i < len2 {
        if k < len1 {
            update(&mut pm, s1[k], i as isize);
            k += 1;
        }
        let x = lookup(&pm, &s2[i], i);
        let d0 = ((x & vp).wrapping_add(vp) ^ vp) | x | vn;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        dist += usize::from(hp & horizontal_mask != 0);
        dist -= usize::from(hn & horizontal_mask != 0);
        horizontal_mask >>= 1;
        if dist > break_score {
            return failed(mvp, mvn);
        }
        vp = hn | !((d0 >> 1) | hp);
        vn = (d0 >> 1) & hp;
        mvp.set(i, 0, vp);
        mvn.set(i, 0, vn);
        i += 1;
    }
    if dist > max {
        dist = max + 1;
    }
    Matrix {
        vp: mvp,
        vn: mvn,
        dist,
    }
}

/// Result of [`block`].
struct BlockResult {
    dist: usize,
    /// The recorded matrix, when asked for.
    matrix: Option<(ShiftedBitMatrix, ShiftedBitMatrix)>,
    /// For a stop row: the band and the vertical deltas at that row, and the
    /// score just before the band.
    first_block: usize,
    last_block: usize,
    prev_score: usize,
    vecs: Vec<(u64, u64)>,
}

/// Hyyrö's algorithm over blocks of 64 pattern elements inside an Ukkonen
/// band (`levenshtein_hyrroe2003_block`). With `record` it records the matrix;
/// with a `stop_row` below `s2.len()` it stops there and returns that row.
// Indexed loops, as in the original, keep the band bookkeeping comparable.
#[allow(clippy::needless_range_loop)]
fn block<T: Eq + Hash + Copy>(
    pm: &BlockPm<T>,
    s1: &[T],
    s2: &[T],
    mut max: usize,
    record: bool,
    stop_row: usize,
) -> BlockResult {
    let (len1, len2) = (s1.len(), s2.len());
    let mut res = BlockResult {
        dist: 0,
        matrix: None,
        first_block: 0,
        last_block: 0,
        prev_score: 0,
        vecs: Vec::new(),
    };
    if max < len1.abs_diff(len2) {
        res.dist = max + 1;
        return res;
    }
    let words = pm.words;
    let mut vecs: Vec<(u64, u64)> = vec![(!0, 0); words];
    let mut scores: Vec<usize> = (0..words).map(|i| (i + 1) * WORD).collect();
    scores[words - 1] = len1;
    let last: u64 = 1 << ((len1 - 1) % WORD);
    let mut matrix = if record {
        let full_band = len1.min(2 * max + 1);
        let full_band_words = words.min(full_band / WORD + 2);
        Some((
            ShiftedBitMatrix::new(len2, full_band_words, !0),
            ShiftedBitMatrix::new(len2, full_band_words, 0),
        ))
    } else {
        None
    };
    max = max.min(len1.max(len2));
    let mut first_block: usize = 0;
    let mut last_block: usize =
        words.min((max.min((max + len1 - len2) / 2) + 1).div_ceil(WORD)) - 1;
    let row_num = |word: usize| {
        if word + 1 == words {
            len1 - 1
        } else {
            (word + 1) * WORD - 1
        }
    };

    for row in 0..len2 {
        let mut hp_carry: u64 = 1;
        let mut hn_carry: u64 = 0;
        if let Some((mvp, mvn)) = matrix.as_mut() {
            mvp.offsets[row] = (first_block * WORD) as isize;
            mvn.offsets[row] = (first_block * WORD) as isize;
        }
        let ch = &s2[row];
        let mut advance = |word: usize,
                           first_block: usize,
                           vecs: &mut Vec<(u64, u64)>,
                           hp_carry: &mut u64,
                           hn_carry: &mut u64|
         -> isize {
            let x = pm.get(word, ch) | *hn_carry;
            let (vp, vn) = vecs[word];
            let d0 = ((x & vp).wrapping_add(vp) ^ vp) | x | vn;
            let mut hp = vn | !(d0 | vp);
            let mut hn = d0 & vp;
            let hp_carry_temp = *hp_carry;
            let hn_carry_temp = *hn_carry;
            if word < words - 1 {
                *hp_carry = hp >> 63;
                *hn_carry = hn >> 63;
            } else {
                *hp_carry = u64::from(hp & last != 0);
                *hn_carry = u64::from(hn & last != 0);
            }
            hp = (hp << 1) | hp_carry_temp;
            hn = (hn << 1) | hn_carry_temp;
            vecs[word] = (hn | !(d0 | hp), hp & d0);
            if let Some((mvp, mvn)) = matrix.as_mut() {
                mvp.set(row, word - first_block, vecs[word].0);
                mvn.set(row, word - first_block, vecs[word].1);
            }
            *hp_carry as isize - *hn_carry as isize
        };

        for word in first_block..=last_block {
            let d = advance(word, first_block, &mut vecs, &mut hp_carry, &mut hn_carry);
            scores[word] = scores[word].wrapping_add_signed(d);
        }

        max = (max as isize).min(
            scores[last_block] as isize
                + (len2 as isize - row as isize - 1)
                    .max(len1 as isize - (((1 + last_block) * WORD - 1) as isize - 1)),
        ) as usize;

        // Band adjustment: the block below the band may have entered it.
        if last_block + 1 < words {
            let cond =
                (max + 2 * WORD + row + len1) as isize - (scores[last_block] + 2 + len2) as isize;
            if (row_num(last_block) as isize) < cond {
                last_block += 1;
                vecs[last_block] = (!0, 0);
                let chars_in_block = if last_block + 1 == words {
                    (len1 - 1) % WORD + 1
                } else {
                    WORD
                };
                scores[last_block] = scores[last_block - 1]
                    .wrapping_add(chars_in_block)
                    .wrapping_sub(hp_carry as usize)
                    .wrapping_add(hn_carry as usize);
                let d = advance(
                    last_block,
                    first_block,
                    &mut vecs,
                    &mut hp_carry,
                    &mut hn_carry,
                );
                scores[last_block] = scores[last_block].wrapping_add_signed(d);
            }
        }

        // Drop blocks at the bottom that left the band.
        let mut band_empty = false;
        loop {
            let in_band_cond1 = scores[last_block] < max + WORD;
            let cond = (max + 2 * WORD + row + len1 + 1) as isize
                - (scores[last_block] + 2 + len2) as isize;
            let in_band_cond2 = row_num(last_block) as isize <= cond;
            if in_band_cond1 && in_band_cond2 {
                break;
            }
            if last_block == first_block {
                band_empty = true;
                break;
            }
            last_block -= 1;
        }
        // Drop blocks at the top that left the band.
        if !band_empty {
            loop {
                let in_band_cond1 = scores[first_block] < max + WORD;
                let cond = (scores[first_block] + len1 + row) as isize - (max + len2) as isize;
                let in_band_cond2 = row_num(first_block) as isize >= cond;
                if in_band_cond1 && in_band_cond2 {
                    break;
                }
                if first_block == last_block {
                    band_empty = true;
                    break;
                }
                first_block += 1;
            }
        }
        if band_empty {
            // The distance is larger than max.
            res.dist = max + 1;
            return res;
        }

        if row == stop_row {
            res.prev_score = if first_block == 0 {
                stop_row + 1
            } else {
                // Count back to the score at the end of the previous block.
                let relevant_bits = ((first_block + 1) * WORD).min(len1) % WORD;
                let mut mask: u64 = !0;
                if relevant_bits != 0 {
                    mask >>= WORD - relevant_bits;
                }
                let (vp, vn) = vecs[first_block];
                scores[first_block]
                    .wrapping_add((vn & mask).count_ones() as usize)
                    .wrapping_sub((vp & mask).count_ones() as usize)
            };
            res.first_block = first_block;
            res.last_block = last_block;
            res.vecs = vecs;
            res.dist = 0;
            return res;
        }
    }

    res.dist = scores[words - 1];
    if res.dist > max {
        res.dist = max + 1;
    }
    res.matrix = matrix;
    res
}

/// Walks back through the recorded matrix and fills `ops[editop_pos..]`.
#[allow(clippy::too_many_arguments)]
fn recover_alignment<T: Eq>(
    ops: &mut [EditOp],
    s1: &[T],
    s2: &[T],
    matrix: &Matrix,
    src_pos: usize,
    dest_pos: usize,
    editop_pos: usize,
) {
    let mut dist = matrix.dist;
    let mut col = s1.len();
    let mut row = s2.len();
    let mut put = |dist: usize, kind: EditKind, col: usize, row: usize| {
        ops[editop_pos + dist] = EditOp {
            kind,
            src_pos: col + src_pos,
            dest_pos: row + dest_pos,
        };
    };
    while row != 0 && col != 0 {
        if matrix.vp.test_bit(row - 1, col - 1, false) {
            // Deletion.
            dist -= 1;
            col -= 1;
            put(dist, EditKind::Delete, col, row);
        } else {
            row -= 1;
            if row != 0 && matrix.vn.test_bit(row - 1, col - 1, false) {
                // Insertion.
                dist -= 1;
                put(dist, EditKind::Insert, col, row);
            } else {
                // Match or mismatch; only mismatches are recorded.
                col -= 1;
                if s1[col] != s2[row] {
                    dist -= 1;
                    put(dist, EditKind::Replace, col, row);
                }
            }
        }
    }
    while col != 0 {
        dist -= 1;
        col -= 1;
        put(dist, EditKind::Delete, col, row);
    }
    while row != 0 {
        dist -= 1;
        row -= 1;
        put(dist, EditKind::Insert, col, row);
    }
}

fn placeholder() -> EditOp {
    EditOp {
        kind: EditKind::Replace,
        src_pos: 0,
        dest_pos: 0,
    }
}

fn align<T: Eq + Hash + Copy>(
    ops: &mut Vec<EditOp>,
    s1: &[T],
    s2: &[T],
    max: usize,
    src_pos: usize,
    dest_pos: usize,
    editop_pos: usize,
) {
    let max = max.min(s1.len().max(s2.len()));
    let full_band = s1.len().min(2 * max + 1);
    let matrix = if s1.is_empty() || s2.is_empty() {
        Matrix {
            vp: ShiftedBitMatrix::new(0, 0, 0),
            vn: ShiftedBitMatrix::new(0, 0, 0),
            dist: s1.len() + s2.len(),
        }
    } else if s1.len() <= WORD {
        hyrroe2003(&BlockPm::new(s1), s1, s2)
    } else if full_band <= WORD {
        hyrroe2003_small_band(s1, s2, max)
    } else {
        let r = block(&BlockPm::new(s1), s1, s2, max, true, usize::MAX);
        let (vp, vn) = r.matrix.unwrap_or_else(|| {
            (
                ShiftedBitMatrix::new(0, 0, 0),
                ShiftedBitMatrix::new(0, 0, 0),
            )
        });
        Matrix {
            vp,
            vn,
            dist: r.dist,
        }
    };
    if matrix.dist != 0 {
        if ops.is_empty() {
            ops.resize(matrix.dist, placeholder());
        }
        recover_alignment(ops, s1, s2, &matrix, src_pos, dest_pos, editop_pos);
    }
}

struct HirschbergPos {
    left_score: usize,
    right_score: usize,
    s1_mid: usize,
    s2_mid: usize,
}

fn find_hirschberg_pos<T: Eq + Hash + Copy>(s1: &[T], s2: &[T], max: usize) -> HirschbergPos {
    let mut hpos = HirschbergPos {
        left_score: 0,
        right_score: 0,
        s1_mid: 0,
        s2_mid: 0,
    };
    let left_size = s2.len() / 2;
    let right_size = s2.len() - left_size;
    hpos.s2_mid = left_size;
    let s1_len = s1.len();
    let mut best_score = usize::MAX;

    let s1r: Vec<T> = s1.iter().rev().copied().collect();
    let s2r: Vec<T> = s2.iter().rev().copied().collect();
    let right_row = block(&BlockPm::new(&s1r), &s1r, &s2r, max, false, right_size - 1);
    if right_row.dist > max {
        return find_hirschberg_pos(s1, s2, max * 2);
    }
    let right_first_pos = right_row.first_block * WORD;
    let right_last_pos = s1_len.min(right_row.last_block * WORD + WORD);
    let mut right_scores = vec![0usize; right_last_pos - right_first_pos + 1];
    right_scores[0] = right_row.prev_score;
    for i in right_first_pos..right_last_pos {
        let (vp, vn) = right_row.vecs[i / WORD];
        let mask: u64 = 1 << (i % WORD);
        let k = i - right_first_pos;
        right_scores[k + 1] = right_scores[k]
            .wrapping_sub(usize::from(vn & mask != 0))
            .wrapping_add(usize::from(vp & mask != 0));
    }

    let left_row = block(&BlockPm::new(s1), s1, s2, max, false, left_size - 1);
    if left_row.dist > max {
        return find_hirschberg_pos(s1, s2, max * 2);
    }
    let left_first_pos = left_row.first_block * WORD;
    let left_last_pos = s1_len.min(left_row.last_block * WORD + WORD);
    let mut left_score = left_row.prev_score;
    for i in left_first_pos..left_last_pos {
        let (vp, vn) = left_row.vecs[i / WORD];
        let mask: u64 = 1 << (i % WORD);
        left_score = left_score
            .wrapping_sub(usize::from(vn & mask != 0))
            .wrapping_add(usize::from(vp & mask != 0));
        if s1_len < i + 1 + right_first_pos {
            continue;
        }
        let right_index = s1_len - i - 1 - right_first_pos;
        if right_index >= right_scores.len() {
            continue;
        }
        if right_scores[right_index].wrapping_add(left_score) < best_score {
            best_score = right_scores[right_index].wrapping_add(left_score);
            hpos.left_score = left_score;
            hpos.right_score = right_scores[right_index];
            hpos.s1_mid = i + 1;
        }
    }
    if hpos.left_score + hpos.right_score > max {
        find_hirschberg_pos(s1, s2, max * 2)
    } else {
        hpos
    }
}

fn align_hirschberg<T: Eq + Hash + Copy>(
    ops: &mut Vec<EditOp>,
    s1: &[T],
    s2: &[T],
    src_pos: usize,
    dest_pos: usize,
    editop_pos: usize,
    max: usize,
) {
    // The common prefix and suffix are no-ops.
    let (s1, s2, prefix) = remove_common_affix(s1, s2);
    let src_pos = src_pos + prefix;
    let dest_pos = dest_pos + prefix;
    let max = max.min(s1.len().max(s2.len()));
    let full_band = s1.len().min(2 * max + 1);
    let matrix_size = 2 * full_band * s2.len() / 8;
    if matrix_size < 1024 * 1024 || s1.len() < 65 || s2.len() < 10 {
        align(ops, s1, s2, max, src_pos, dest_pos, editop_pos);
    } else {
        let hpos = find_hirschberg_pos(s1, s2, max);
        if ops.is_empty() {
            ops.resize(hpos.left_score + hpos.right_score, placeholder());
        }
        align_hirschberg(
            ops,
            &s1[..hpos.s1_mid],
            &s2[..hpos.s2_mid],
            src_pos,
            dest_pos,
            editop_pos,
            hpos.left_score,
        );
        align_hirschberg(
            ops,
            &s1[hpos.s1_mid..],
            &s2[hpos.s2_mid..],
            src_pos + hpos.s1_mid,
            dest_pos + hpos.s2_mid,
            editop_pos + hpos.left_score,
            hpos.right_score,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    /// Plain dynamic programme, for the distance only.
    fn dp(a: &[char], b: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut cur = vec![i + 1; b.len() + 1];
            for (j, cb) in b.iter().enumerate() {
                cur[j + 1] = (prev[j] + usize::from(ca != cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1);
            }
            prev = cur;
        }
        prev[b.len()]
    }

    /// Applies edit operations to check that they turn `a` into `b`.
    fn apply(a: &[char], b: &[char], ops: &[EditOp]) -> Vec<char> {
        let mut out = Vec::new();
        let mut i = 0;
        for op in ops {
            while i < op.src_pos {
                out.push(a[i]);
                i += 1;
            }
            match op.kind {
                EditKind::Replace => {
                    out.push(b[op.dest_pos]);
                    i += 1;
                }
                EditKind::Insert => out.push(b[op.dest_pos]),
                EditKind::Delete => i += 1,
            }
        }
        out.extend_from_slice(&a[i..]);
        out
    }

    /// A deterministic pseudo-random sequence over a small alphabet.
    fn random(seed: &mut u64, len: usize, alphabet: u8) -> Vec<char> {
        (0..len)
            .map(|_| {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (b'a' + ((*seed >> 33) % u64::from(alphabet)) as u8) as char
            })
            .collect()
    }

    #[test]
    fn known_alignments() {
        // Values from rapidfuzz 3.14.6: Levenshtein.editops.
        let ops = editops(&chars("qabxcd"), &chars("abycdf"));
        let got: Vec<_> = ops
            .iter()
            .map(|o| (o.kind, o.src_pos, o.dest_pos))
            .collect();
        assert_eq!(
            got,
            [
                (EditKind::Delete, 0, 0),
                (EditKind::Replace, 3, 2),
                (EditKind::Insert, 6, 5)
            ]
        );
    }

    #[test]
    fn distance_and_alignment_are_consistent() {
        let mut seed = 7;
        for &(n, m, alphabet) in &[
            (0, 5, 3),
            (5, 0, 3),
            (10, 12, 2),
            (63, 64, 3),
            (64, 64, 4),
            (65, 70, 3),
            (200, 180, 4),
            (700, 650, 5),
        ] {
            let a = random(&mut seed, n, alphabet);
            let b = random(&mut seed, m, alphabet);
            let d = dp(&a, &b);
            assert_eq!(distance(&a, &b), d, "{n}x{m}");
            let ops = editops(&a, &b);
            assert_eq!(ops.len(), d, "{n}x{m}");
            assert_eq!(apply(&a, &b, &ops), b, "{n}x{m}");
        }
    }
}
