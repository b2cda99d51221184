//! Quotes, people and figures from the repaired text (`spec/extraction.md`).
//!
//! Data flows one way through the submodules:
//!
//! ```text
//! lines ─ layout ─┬─ people ─ quotes
//!                 └─ figures
//! ```
//!
//! * [`layout`]: line kinds (running heads, page numbers, chart labels, photo
//!   credits) and paragraphs rebuilt across page and column breaks.
//! * [`people`]: person names (first-name lexicon in [`names`] plus titles and
//!   context), merged across mentions, with role and organisation.
//! * [`quotes`]: dash paragraphs and quotation-mark speech with attribution and
//!   speaker resolution.
//! * [`figures`]: amounts, counts, percentages, scores, durations, years and dates.
//!
//! [`lex`] holds the general Swedish vocabulary the rules use.

pub mod figures;
pub mod layout;
pub mod lex;
pub mod names;
pub mod people;
pub mod quotes;

use crate::sidecar::{Figure, Person, Quote};

/// What extraction found in one document.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Direct speech.
    pub quotes: Vec<Quote>,
    /// People.
    pub people: Vec<Person>,
    /// Quantities, years and dates.
    pub figures: Vec<Figure>,
}

/// Extracts from the repaired lines (line N is input line N).
pub fn extract(lines: &[String]) -> Found {
    let layout = layout::analyse(lines);
    // Every pass reads the paragraphs word by word: split them once.
    let toks = layout.tokens();
    let people = people::find_in(&layout, &toks);
    let quotes = quotes::find_in(&layout, &toks, &people);
    let figures = figures::find_in(&layout, &toks);
    Found {
        quotes,
        people: people.into_persons(),
        figures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    /// Two quotations in one paragraph, the second after an attribution that
    /// runs on: the continuation check must not slice backwards.
    #[test]
    fn quotes_after_a_long_attribution_do_not_panic() {
        let found = extract(&lines(
            "Det är dags att agera, det tycker en forskare. ”Jag tycker att\n\
             vi ska göra det nu”, säger Eva Berg, professor i kemi vid\n\
             Lunds universitet, till tidningen och hänvisar till riskerna: ”Det\n\
             är ändå åtta ton som kan läcka ut.”\n",
        ));
        assert!(
            found
                .quotes
                .iter()
                .any(|q| q.text.starts_with("Jag tycker"))
        );
    }
}
