//! A character model of Swedish words: how likely a string is as a word the
//! lexicon does not hold (a name, a rare term). A trigram model over letters,
//! trained on the lexicon's own forms (each form once, since unknown words
//! resemble rare words, not frequent ones), so "Landholm" is a plausible
//! unknown word and "Mtbar", "f6rvaltning" or "Hdgg" are not.
//!
//! The table (`dictionaries/data/chars.bin`) is generated from `forms.fst` by
//! [`train`]; tests/chars_data.rs checks the committed table against a fresh
//! training run and rewrites it with `OCRFIX_BLESS=1`.

/// Symbols of the model: a-z, å ä ö é, a digit, a hyphen, anything else, and
/// the word boundary.
pub const SYMBOLS: usize = 34;
const DIGIT: usize = 30;
const HYPHEN: usize = 31;
const OTHER: usize = 32;
const BOUNDARY: usize = 33;

/// Costs are stored in sixteenths of a nat, saturating at 255.
const SCALE: f32 = 16.0;

/// Interpolation weights of the trigram, bigram and unigram estimates.
const LAMBDA: [f64; 3] = [0.6, 0.3, 0.1];

static TABLE: &[u8] = include_bytes!("../../dictionaries/data/chars.bin");

/// The model's symbol for a lower-case character.
fn symbol(c: char) -> usize {
    match c {
        'a'..='z' => c as usize - 'a' as usize,
        'å' => 26,
        'ä' => 27,
        'ö' => 28,
        'é' => 29,
        '0'..='9' => DIGIT,
        '-' => HYPHEN,
        _ => OTHER,
    }
}

fn index(a: usize, b: usize, c: usize) -> usize {
    (a * SYMBOLS + b) * SYMBOLS + c
}

/// The cost (negative natural log probability) of `word` as a string of
/// characters, its end included. Case is ignored.
pub fn word_cost(word: &str) -> f32 {
    cost_in(TABLE, word)
}

fn cost_in(table: &[u8], word: &str) -> f32 {
    let mut prev = (BOUNDARY, BOUNDARY);
    let mut total = 0u32;
    let mut add = |c: usize| {
        total += u32::from(
            table
                .get(index(prev.0, prev.1, c))
                .copied()
                .unwrap_or(u8::MAX),
        );
        prev = (prev.1, c);
    };
    for ch in word.chars() {
        // ASCII and the lower-case letters the model knows need no case table.
        if ch.is_ascii() {
            add(symbol(ch.to_ascii_lowercase()));
        } else if matches!(ch, 'å' | 'ä' | 'ö' | 'é') {
            add(symbol(ch));
        } else {
            ch.to_lowercase().for_each(|l| add(symbol(l)));
        }
    }
    add(BOUNDARY);
    total as f32 / SCALE
}

/// Trains the table on word forms (lower case): an interpolated trigram model,
/// each cost rounded to a sixteenth of a nat.
pub fn train<'a>(forms: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let n = SYMBOLS;
    let mut tri = vec![0f64; n * n * n];
    let mut bi = vec![0f64; n * n];
    let mut uni = vec![0f64; n];
    for form in forms {
        let mut prev = (BOUNDARY, BOUNDARY);
        for c in form.chars().map(symbol).chain([BOUNDARY]) {
            tri[index(prev.0, prev.1, c)] += 1.0;
            bi[prev.1 * n + c] += 1.0;
            uni[c] += 1.0;
            prev = (prev.1, c);
        }
    }
    let uni_total: f64 = uni.iter().sum::<f64>() + n as f64;
    let mut out = vec![0u8; n * n * n];
    for a in 0..n {
        for b in 0..n {
            let tri_total: f64 = (0..n).map(|c| tri[index(a, b, c)]).sum();
            let bi_total: f64 = (0..n).map(|c| bi[b * n + c]).sum();
            for c in 0..n {
                // Add-one on the unigram keeps every symbol possible.
                let p1 = (uni[c] + 1.0) / uni_total;
                let p2 = if bi_total > 0.0 {
                    bi[b * n + c] / bi_total
                } else {
                    p1
                };
                let p3 = if tri_total > 0.0 {
                    tri[index(a, b, c)] / tri_total
                } else {
                    p2
                };
                let p = LAMBDA[0] * p3 + LAMBDA[1] * p2 + LAMBDA[2] * p1;
                out[index(a, b, c)] = (-p.ln() * f64::from(SCALE)).round().min(255.0) as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_shapes_cost_less_than_ocr_garbage() {
        let per_char = |w: &str| word_cost(w) / (w.chars().count() + 1) as f32;
        for garbage in ["mtbar", "hdgg", "ptind", "vxjo"] {
            assert!(
                per_char(garbage) > per_char("landholm") + 0.25,
                "{garbage}: {} vs {}",
                per_char(garbage),
                per_char("landholm")
            );
        }
        assert!(word_cost("förvaltning") + 8.0 < word_cost("férvaltning"));
        assert!(word_cost("förvaltning") + 10.0 < word_cost("f6rvaltning"));
        assert!(word_cost("it") + 4.0 < word_cost("[t"));
    }

    #[test]
    fn trains_on_what_it_sees() {
        let t = train(["abc", "abd", "abc"]);
        assert!(cost_in(&t, "abc") < cost_in(&t, "abd"));
        assert!(cost_in(&t, "abd") < cost_in(&t, "zzz"));
    }
}
