//! Behaviour of the lexicon API over the embedded data.

use std::io::Write;

use ocrfix::lexicon::{Entry, Lexicon, flags};
use ocrfix::tokenise::tokens;

fn parts(lex: &Lexicon, w: &str) -> Option<Vec<String>> {
    lex.compound_split(w)
        .map(|v| v.into_iter().map(|p| p.form).collect())
}

#[test]
fn words_and_garbage() {
    let lex = Lexicon::embedded();
    for w in [
        "och",
        "förvaltning",
        "kommunens",
        "verksamhetsutvecklingen",
        "järfälla",
        "e",
        "it",
    ] {
        assert!(lex.is_word(w), "{w}");
    }
    for w in [
        "férvaltning",
        "f6r",
        "#r",
        "tjinster",
        "utvirderingen",
        "pa",
        "tva",
        "",
        "2009",
    ] {
        assert!(!lex.is_word(w), "{w}");
    }
}

#[test]
fn compounds() {
    let lex = Lexicon::embedded();
    assert_eq!(
        parts(lex, "kommunledningskontoret"),
        Some(vec!["kommun".into(), "lednings".into(), "kontoret".into()])
    );
    assert!(lex.is_word("kvalitetsredovisning"));
    // SIMPLIFIEDTRIPLE: tull + lag = tullag; the part keeps its letter.
    assert!(lex.get("tullag").is_none());
    assert!(lex.is_word("tullag"));
    let p = lex.compound_split("tullag").expect("tullag");
    assert_eq!(p[1].form, "lag");
    assert_eq!((p[1].start, p[1].end), (4, 6));
    // CHECKCOMPOUNDTRIPLE: no three equal letters.
    assert!(!lex.is_word("tulllag"));
    // CHECKCOMPOUNDDUP
    assert!(!lex.is_word("bilbil"));
    // FORBIDDENWORD wins over compounding ("arbetstillfällen" is right).
    assert!(parts(lex, "arbetstillfallen").is_some());
    assert!(!lex.is_word("arbetstillfallen"));
    // A first part must be a BEGIN form: "kommunen" is not one.
    assert!(!lex.is_word("kommunenledning"));
    // At most four parts (COMPOUNDWORDMAX), each at least two letters.
    assert_eq!(
        parts(lex, "kommunkontorsbyggnadsprojekten"),
        Some(vec![
            "kommun".into(),
            "kontors".into(),
            "byggnadsprojekten".into()
        ])
    );
    assert!(lex.is_word("skolbarnsbokhyllorna"));
    assert!(!lex.is_word("skolbarnsbokhyllornabilbok"));
}

#[test]
fn rule_compounds() {
    let lex = Lexicon::embedded();
    // COMPOUNDRULE 1*-6, 1*-3U*Y, 4?5?4?5?4?5?4?2?
    assert!(lex.is_word("87-åringens"));
    assert!(lex.is_word("60-talsinredning"));
    assert!(lex.is_word("tvåhundrafemtiotusen"));
}

#[test]
fn hyphenated_words() {
    let lex = Lexicon::embedded();
    for w in [
        "e-förvaltning",
        "it-strateg",
        "e-förvaltningsmätningen",
        "70-talet",
        "it-kommun",
    ] {
        assert!(lex.is_word(w), "{w}");
    }
    assert_eq!(
        parts(lex, "e-förvaltningsmätningen"),
        Some(vec!["e-".into(), "förvaltnings".into(), "mätningen".into()])
    );
    // A suspended compound is fine, a line-break fragment is not.
    assert!(lex.is_word("förvaltnings-"));
    assert!(!lex.is_word("innova-"));
    assert!(!lex.is_word("e-tjinster"));
    assert!(!lex.is_word("e--tjänster"));
    assert!(!lex.is_word("-"));
}

#[test]
fn case_as_written() {
    let lex = Lexicon::embedded();
    assert!(lex.is_word_as_written("Järfälla"));
    assert!(lex.is_word_as_written("JÄRFÄLLA"));
    assert!(!lex.is_word_as_written("järfälla"));
    assert!(lex.is_word_as_written("EU"));
    assert!(!lex.is_word_as_written("eu"));
    assert!(lex.is_word_as_written("Kommunen"));
    assert!(lex.is_word_as_written("IT-strateg"));
    // Abbreviations are stored with their full stop.
    let t = tokens("enligt gr. 5 och gr 6");
    assert!(lex.is_token_word(&t[1]));
    assert!(!lex.is_token_word(&t[4]));
    assert!(lex.is_word("bl.a") && lex.is_word("bl.a."));
}

#[test]
fn probabilities() {
    let lex = Lexicon::embedded();
    let stored = lex.log_p("gemensam").expect("gemensam");
    let compound = lex.log_p("kommungemensam").expect("kommungemensam");
    assert!(lex.get("kommungemensam").is_none());
    assert!(compound < stored && compound > lex.floor_log_p() - 10.0);
    assert_eq!(lex.log_p_compound("kommungemensam"), Some(compound));
    assert_eq!(lex.log_p("férvaltning"), None);
}

#[test]
fn raw_fst_walk_decodes_values() {
    let lex = Lexicon::embedded();
    let fst = lex.forms();
    let mut node = fst.root();
    let mut out = fst::raw::Output::zero();
    for &b in "förvaltning".as_bytes() {
        let i = node.find_input(b).expect("path");
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    assert!(node.is_final());
    let e = Entry::from_value(out.cat(node.final_output()).value());
    assert_eq!(Some(e), lex.get("förvaltning"));
    assert!(lex.user_forms().is_none());
}

#[test]
fn user_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("words.txt");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(
        f,
        "# local names\nLandholm\n\n  Thoursie  \nIT&Telekomföretagen\nsmörgåsgrej"
    )
    .expect("write");
    drop(f);
    let lex = Lexicon::with_user_words([&path]).expect("load");
    assert!(lex.is_word("landholm") && lex.is_word("thoursie"));
    assert!(lex.is_word_as_written("Landholm") && !lex.is_word_as_written("landholm"));
    let e = lex.get("smörgåsgrej").expect("user word");
    assert!(e.has(flags::WORD | flags::BEGIN | flags::END));
    assert!(e.flags & flags::DICT == 0);
    // User words take part in compounds and are in the user FST.
    assert!(lex.is_word("smörgåsgrejlådan") && lex.is_word("kommunlandholm"));
    assert!(lex.user_forms().is_some_and(|u| u.len() == 4));
    // Embedded words are unchanged and merged.
    assert_eq!(
        lex.get("och").map(|e| e.count),
        Lexicon::embedded().get("och").map(|e| e.count)
    );
    assert!(!Lexicon::embedded().is_word("landholm"));

    // Errors are typed and name the file.
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "ett ord\n").expect("write");
    match Lexicon::with_user_words([&bad]) {
        Err(ocrfix::Error::WordList { path, reason }) => {
            assert_eq!(path, bad);
            assert!(reason.contains("line 1"), "{reason}");
        }
        other => panic!("expected WordList error, got {other:?}"),
    }
    let missing = dir.path().join("missing.txt");
    assert!(matches!(
        Lexicon::with_user_words([&missing]),
        Err(ocrfix::Error::WordList { .. })
    ));
    std::fs::write(&bad, [0xff, 0xfe, b'a']).expect("write");
    assert!(matches!(
        Lexicon::with_user_words([&bad]),
        Err(ocrfix::Error::WordList { .. })
    ));
}

#[test]
fn pairs_use_lm_keys() {
    let lex = Lexicon::embedded();
    assert!(lex.pair_count("<num>", "kronor") > 100);
    assert!(lex.pair_count("det", "är") > lex.pair_count("det", "ar"));
    assert_eq!(lex.pair_count("xyzzy", "plugh"), 0);
    assert_eq!(lex.count("det är"), 0, "a pair is not a unigram key");
    let long = "a".repeat(200);
    assert_eq!(lex.pair_count(&long, "b"), 0);
}

#[test]
fn pairs_after_a_word_count_the_pairs() {
    let lex = Lexicon::embedded();
    let after = lex
        .pairs_after("det")
        .expect("the corpus has pairs after det");
    assert!(lex.pair_count_after(after, "är") > lex.pair_count_after(after, "ar"));
    assert!(lex.pair_count_after(after, "är") > 1000);
    // A prefix of a counted word, a word no pair has, a longer word.
    assert_eq!(lex.pair_count_after(after, "ä"), 0);
    assert_eq!(lex.pair_count_after(after, "xyzzy"), 0);
    assert_eq!(lex.pair_count_after(after, "ärende-xyzzy"), 0);
    assert!(lex.pairs_after("xyzzy").is_none());
    // "de" is a key of its own, but not the left word of "det är".
    let de = lex.pairs_after("de").expect("pairs after de");
    assert_eq!(lex.pair_count_after(de, "t är"), 0);
}

#[test]
fn empty_lexicon_knows_nothing() {
    let lex = Lexicon::default();
    assert!(lex.is_empty());
    assert!(!lex.is_word("och"));
    assert_eq!(lex.pair_count("<s>", "det"), 0);
}
