//! The character model (`dictionaries/data/chars.bin`) is generated from the
//! embedded word forms: this test trains it afresh and checks that the
//! committed table is what the code and the forms give. After a change to
//! either, regenerate it with
//!
//!     OCRFIX_BLESS=1 cargo test --release --test chars_data

use fst::Streamer;
use ocrfix::lexicon::{Entry, Lexicon, chars, flags};
use std::path::Path;

#[test]
fn committed_character_model_matches_the_forms() {
    let lexicon = Lexicon::embedded();
    let mut forms = Vec::new();
    let mut stream = lexicon.forms().stream();
    while let Some((key, value)) = stream.next() {
        let entry = Entry::from_value(value.value());
        if let (true, Ok(form)) = (entry.flags & flags::WORD != 0, std::str::from_utf8(key)) {
            forms.push(form.to_string());
        }
    }
    assert!(forms.len() > 500_000, "only {} forms", forms.len());
    let table = chars::train(forms.iter().map(String::as_str));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/data/chars.bin");
    if std::env::var_os("OCRFIX_BLESS").is_some() {
        std::fs::write(&path, &table).expect("write chars.bin");
    }
    let committed = std::fs::read(&path).expect("read chars.bin");
    assert!(
        committed == table,
        "dictionaries/data/chars.bin is stale: rerun with OCRFIX_BLESS=1"
    );
}
