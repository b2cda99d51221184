//! Start-up cost of the embedded lexicon, in a test binary of its own so that the
//! first call really loads (ignored: it prints timings rather than asserting them).
//!
//! ```text
//! cargo test --release --test lexicon_load -- --ignored --nocapture
//! ```

use std::time::Instant;

use ocrfix::lexicon::Lexicon;

#[test]
#[ignore = "report: prints the load time"]
fn load_time() {
    let t = Instant::now();
    let lex = Lexicon::embedded();
    println!("first Lexicon::embedded(): {:?}", t.elapsed());
    let t = Instant::now();
    let found = lex.is_word("förvaltningsmätningen");
    println!(
        "first is_word (compound, cold data pages): {:?} ({found})",
        t.elapsed()
    );
    let t = Instant::now();
    let lex2 = Lexicon::embedded().with_words(["Landholm", "Thoursie"]);
    println!(
        "with_words (2 user words): {:?} ({})",
        t.elapsed(),
        lex2.is_word("landholm")
    );
}
