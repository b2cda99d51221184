//! Which neighbouring words the word-pair statistics count.
//!
//! The generator (`dictionaries/lexgen`, which includes this file by path) counts
//! the corpus with exactly these functions, so a caller that asks
//! [`super::Lexicon::pair_count`] about the same context gets statistics that mean
//! what it thinks they mean.
//!
//! A pair (a, b) is counted for tokens a, b next to each other in a line when a has
//! no trailing punctuation ([`Token::breaks_context`] is false) and neither word is
//! empty; (`<s>`, b) is counted for the first token of a line (a paragraph in the
//! corpus) and for a token after one that [`Token::ends_sentence`]; (`<q>`, b)
//! for a token after one that [`Token::ends_quotation`]; (a, `</s>`) for a token
//! after which [`crate::tokenise::closes_sentence`] says a sentence ends (the
//! generator counts this pair itself, with that function).

use crate::tokenise::{QUOTE_END, SENTENCE_START, Token, lm_key};

/// The language-model key of the word before `tokens[i]` as the statistics count
/// it: `<s>` at the start of the line or after a sentence end, `<q>` after a
/// quotation closed with a comma, the previous word's key when nothing
/// separates the two, `None` when no pair is counted (other punctuation in
/// between, or an empty word on either side).
pub fn left_context(tokens: &[Token<'_>], i: usize) -> Option<String> {
    let cur = tokens.get(i)?;
    if cur.word.is_empty() {
        return None;
    }
    if i == 0 {
        return Some(SENTENCE_START.to_string());
    }
    let prev = &tokens[i - 1];
    if prev.ends_sentence() {
        Some(SENTENCE_START.to_string())
    } else if prev.ends_quotation() {
        Some(QUOTE_END.to_string())
    } else if !prev.breaks_context() && !prev.word.is_empty() {
        Some(lm_key(prev.word).into_owned())
    } else {
        None
    }
}

/// The language-model key of the word after `tokens[i]`, when the statistics
/// count the pair (`tokens[i]`, `tokens[i + 1]`).
pub fn right_context(tokens: &[Token<'_>], i: usize) -> Option<String> {
    let cur = tokens.get(i)?;
    let next = tokens.get(i + 1)?;
    if cur.word.is_empty() || next.word.is_empty() || cur.breaks_context() {
        return None;
    }
    Some(lm_key(next.word).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenise::tokens;

    #[test]
    fn pairs_follow_punctuation_and_sentences() {
        let t = tokens("Det är 70 e-tjänster, sa han. Nu går vi");
        let left: Vec<_> = (0..t.len()).map(|i| left_context(&t, i)).collect();
        assert_eq!(left[0].as_deref(), Some("<s>"));
        assert_eq!(left[1].as_deref(), Some("det"));
        assert_eq!(left[3].as_deref(), Some("<num>"));
        assert_eq!(left[4], None); // after "e-tjänster,"
        assert_eq!(left[6].as_deref(), Some("<s>")); // after "han."
        assert_eq!(right_context(&t, 2).as_deref(), Some("e-tjänster"));
        assert_eq!(right_context(&t, 3), None);
        let t = tokens("skicka papper”, sa Lena. ”Nej”, sa hon, ”men”. Sedan");
        let left: Vec<_> = (0..t.len()).map(|i| left_context(&t, i)).collect();
        assert_eq!(left[2].as_deref(), Some("<q>"));
        assert_eq!(left[5].as_deref(), Some("<q>"));
        assert_eq!(left[7], None); // after "hon,"
        assert_eq!(left[8].as_deref(), Some("<s>")); // after "”men”."
    }

    #[test]
    fn empty_words_count_no_pair() {
        let t = tokens("— Den här");
        assert_eq!(left_context(&t, 0), None);
        assert_eq!(left_context(&t, 1), None);
        assert_eq!(left_context(&t, 2).as_deref(), Some("den"));
    }
}
