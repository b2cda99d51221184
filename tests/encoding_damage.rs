//! The normalise stage against encoding damage made from the gold texts: mojibake
//! (windows-1252 once and twice, Latin-1 once and twice, MacRoman, CP437, CP850),
//! ISO 646-SE and NFD must come back to the gold text exactly, and clean text
//! (the gold files, the OCR inputs, sentences that really use the characters
//! involved) must pass unchanged.

use ocrfix::normalise::{CodePage, normalise, normalise_with};
use ocrfix::sidecar::{Correction, CorrectionKind};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

const GOLD: [(&str, &str); 3] = [
    (
        "falkenberg",
        include_str!("../fixtures/seed-dev/falkenberg.gold.txt"),
    ),
    (
        "forord",
        include_str!("../fixtures/seed-dev/forord.gold.txt"),
    ),
    (
        "jarfalla",
        include_str!("../fixtures/seed-dev/jarfalla.gold.txt"),
    ),
];

const OCR: [(&str, &str); 3] = [
    (
        "falkenberg",
        include_str!("../fixtures/seed-dev/falkenberg.txt"),
    ),
    ("forord", include_str!("../fixtures/seed-dev/forord.txt")),
    (
        "jarfalla",
        include_str!("../fixtures/seed-dev/jarfalla.txt"),
    ),
];

/// A few Swedish words, standing in for the lexicon where a test needs one.
fn swedish() -> HashSet<&'static str> {
    [
        "för",
        "är",
        "år",
        "på",
        "så",
        "då",
        "när",
        "även",
        "över",
        "här",
        "också",
        "ändå",
        "största",
        "kommun",
        "kommuner",
        "förvaltning",
        "örebro",
        "göteborg",
        "åre",
    ]
    .into_iter()
    .collect()
}

fn no_words() -> HashSet<&'static str> {
    HashSet::new()
}

fn lines(text: &str) -> Vec<String> {
    text.split('\n').map(str::to_string).collect()
}

/// Runs the stage on `text`; returns the repaired text and the corrections.
fn run(text: &str, words: &HashSet<&str>) -> (String, Vec<Correction>) {
    let mut l = lines(text);
    let corrections = normalise_with(&mut l, words);
    (l.join("\n"), corrections)
}

// ---- ways to damage text -------------------------------------------------------

fn via_windows_1252(s: &str) -> String {
    // encoding_rs follows WHATWG: the five undefined bytes become C1 controls.
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(s.as_bytes())
        .0
        .into_owned()
}

fn via_latin1(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

fn via_mac_roman(s: &str) -> String {
    encoding_rs::MACINTOSH
        .decode_without_bom_handling(s.as_bytes())
        .0
        .into_owned()
}

fn via(cp: CodePage) -> impl Fn(&str) -> String {
    move |s: &str| s.bytes().map(|b| cp.decode_byte(b)).collect()
}

fn iso646(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ä' => '{',
            'ö' => '|',
            'å' => '}',
            'Ä' => '[',
            'Ö' => '\\',
            'Å' => ']',
            'é' => '`',
            'É' => '@',
            'ü' => '~',
            'Ü' => '^',
            c => c,
        })
        .collect()
}

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// Damages every gold text with `damage`, checks that the stage restores it
/// exactly with corrections of `kind` only, and that a second run changes nothing.
fn restores(name: &str, damage: impl Fn(&str) -> String, kind: CorrectionKind) {
    for words in [no_words(), swedish()] {
        for (doc, gold) in GOLD {
            let damaged = damage(gold);
            assert_ne!(damaged, gold, "{name} did not damage {doc}");
            let (repaired, corrections) = run(&damaged, &words);
            if repaired != gold {
                for (i, (r, g)) in repaired.lines().zip(gold.lines()).enumerate() {
                    if r != g {
                        panic!("{name} {doc} line {}:\n got  {r:?}\n want {g:?}", i + 1);
                    }
                }
                panic!("{name} {doc}: line count differs");
            }
            assert!(!corrections.is_empty());
            for c in &corrections {
                assert_eq!(c.kind, kind, "{name} {doc}: {c:?}");
                assert!(c.confidence > 0.0 && c.confidence <= 1.0);
                // from/to are the words of the damaged and repaired lines.
                let line_in = damaged.split('\n').nth(c.line - 1).unwrap_or_default();
                let from_col: String = line_in.chars().skip(c.column - 1).collect();
                assert!(from_col.starts_with(&c.from), "{name} {doc}: {c:?}");
            }
            let (again, more) = run(&repaired, &words);
            assert_eq!(again, repaired, "{name} {doc}: second run changed text");
            assert!(more.is_empty(), "{name} {doc}: second run: {more:?}");
        }
    }
}

// ---- damage is undone ----------------------------------------------------------

#[test]
fn windows_1252_once() {
    restores("windows-1252", via_windows_1252, CorrectionKind::Mojibake);
}

#[test]
fn windows_1252_twice() {
    restores(
        "windows-1252 x2",
        |s| via_windows_1252(&via_windows_1252(s)),
        CorrectionKind::Mojibake,
    );
}

#[test]
fn latin1_once_and_twice() {
    restores("latin-1", via_latin1, CorrectionKind::Mojibake);
    restores(
        "latin-1 x2",
        |s| via_latin1(&via_latin1(s)),
        CorrectionKind::Mojibake,
    );
    restores(
        "latin-1 then windows-1252",
        |s| via_windows_1252(&via_latin1(s)),
        CorrectionKind::Mojibake,
    );
}

#[test]
fn mac_roman_once_and_twice() {
    restores("macintosh", via_mac_roman, CorrectionKind::Mojibake);
    restores(
        "macintosh x2",
        |s| via_mac_roman(&via_mac_roman(s)),
        CorrectionKind::Mojibake,
    );
}

#[test]
fn cp437_and_cp850() {
    restores("IBM437", via(CodePage::Cp437), CorrectionKind::Mojibake);
    restores("IBM850", via(CodePage::Cp850), CorrectionKind::Mojibake);
    let twice = |cp: CodePage| move |s: &str| via(cp)(&via(cp)(s));
    restores(
        "IBM437 x2",
        twice(CodePage::Cp437),
        CorrectionKind::Mojibake,
    );
    restores(
        "IBM850 x2",
        twice(CodePage::Cp850),
        CorrectionKind::Mojibake,
    );
}

#[test]
fn iso_646_se() {
    restores("ISO 646-SE", iso646, CorrectionKind::Iso646);
}

#[test]
fn nfd_is_composed() {
    restores("NFD", nfd, CorrectionKind::Unicode);
}

#[test]
fn nfd_then_mojibake() {
    // macOS file names: decomposed, then read as MacRoman ("a" + "Ãä" for "å").
    restores(
        "NFD + macintosh",
        |s| via_mac_roman(&nfd(s)),
        CorrectionKind::Mojibake,
    );
}

/// Independent references: these strings were made with Python's codecs
/// (`s.encode().decode("cp437")` etc.), not with this crate's tables.
#[test]
fn python_made_mojibake() {
    let clean = "Vår största utmaning är att hantera sådant — ”Över” Åre, Älvsjö och idé.";
    for damaged in [
        "V├Ñr st├╢rsta utmaning ├ñr att hantera s├Ñdant ΓÇö ΓÇ¥├ûverΓÇ¥ ├àre, ├älvsj├╢ och id├⌐.",
        "V├Ñr st├Ârsta utmaning ├ñr att hantera s├Ñdant ÔÇö ÔÇØ├ûverÔÇØ ├àre, ├älvsj├Â och id├®.",
        "V√•r st√∂rsta utmaning √§r att hantera s√•dant ‚Äî ‚Äù√ñver‚Äù √Öre, √Ñlvsj√∂ och id√©.",
        "VÃ¥r stÃ¶rsta utmaning Ã¤r att hantera sÃ¥dant â€” â€\u{9d}Ã–verâ€\u{9d} Ã…re, Ã„lvsjÃ¶ och idÃ©.",
    ] {
        assert_eq!(run(damaged, &no_words()).0, clean, "{damaged}");
    }
}

#[test]
fn latin1_and_windows_1252_special_cases() {
    let words = no_words();
    // à is C3 A0 (Ã + no-break space), í is C3 AD (Ã + soft hyphen), Å is C3 85
    // (Ã + … in windows-1252, Ã + U+0085 in Latin-1), Á is C3 81 (undefined in
    // windows-1252: a C1 control).
    let damaged = "fÃ¶r 3 st Ã\u{a0} 10 kr, JosÃ© GarcÃ\u{ad}a, Ã…re, Ã\u{85}re och Ã\u{81}lvaro";
    let (text, c) = run(damaged, &words);
    assert_eq!(text, "för 3 st à 10 kr, José García, Åre, Åre och Álvaro");
    assert_eq!(c.len(), 7);
    // A stray mojibake BOM goes with the rest.
    let (text, _) = run("ï»¿FÃ¶rord\nsÃ¥ hÃ¤r", &words);
    assert_eq!(text, "Förord\nså här");
}

#[test]
fn single_damaged_word_in_clean_text() {
    let text = "Vår kommun har en väl utvecklad samverkan fÃ¶r alla.";
    let (out, c) = run(text, &no_words());
    assert_eq!(out, "Vår kommun har en väl utvecklad samverkan för alla.");
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].line, c[0].column), (1, 43));
    assert_eq!((c[0].from.as_str(), c[0].to.as_str()), ("fÃ¶r", "för"));
    assert_eq!(c[0].kind, CorrectionKind::Mojibake);
}

#[test]
fn ambiguous_mojibake_needs_evidence_or_a_word() {
    // "Ã–" (Ö) and "Ã…" (Å) could be real text (Portuguese in capitals), so on
    // their own they are repaired only to known words.
    let text = "Resan gick till Ã–rebro och IRMÃ… i Lissabon.";
    assert_eq!(run(text, &no_words()).0, text);
    let (out, c) = run(text, &swedish());
    assert_eq!(out, "Resan gick till Örebro och IRMÃ… i Lissabon.");
    assert_eq!(c.len(), 1);
    assert!(c[0].confidence < 0.9);
    // With evident mojibake elsewhere in the document they are repaired.
    let (out, _) = run("Ã–rebro Ã¤r stort.", &no_words());
    assert_eq!(out, "Örebro är stort.");
}

#[test]
fn single_iso_646_words_need_the_word_list() {
    // Two words are too few to call the document 7-bit Swedish.
    let text = "Det g{ller f|r alla.";
    assert_eq!(run(text, &no_words()).0, text);
    let (out, c) = run(text, &swedish());
    assert_eq!(out, "Det g{ller för alla.");
    assert_eq!(c.len(), 1);
    assert_eq!((c[0].column, c[0].kind), (12, CorrectionKind::Iso646));
}

#[test]
fn clear_iso_646_document() {
    let text = "H{r {r v}r f|rsta sida.\n\\ver tv} }r har vi byggt ut e-f|rvaltningen.\n[ven G\\TEBORG {r med.";
    let (out, c) = run(text, &no_words());
    assert_eq!(
        out,
        "Här är vår första sida.\nÖver två år har vi byggt ut e-förvaltningen.\nÄven GÖTEBORG är med."
    );
    assert_eq!(c.len(), 11);
}

#[test]
fn ocr_i_lookalikes_are_left_to_the_corrector() {
    // "[" and "|" for I before a capital: not ISO 646, even in a 7-bit document,
    // unless the word is known.
    let text = "Kommunen har frangitt tanken att [T-avdelningen\nSveriges |IT-kommun 2009\nH{r {r v}r f|rsta sida.\n\\ver tv} }r";
    let (out, _) = run(text, &swedish());
    assert_eq!(
        out,
        "Kommunen har frangitt tanken att [T-avdelningen\nSveriges |IT-kommun 2009\nHär är vår första sida.\nÖver två år"
    );
}

#[test]
fn known_words_spelt_by_i_lookalikes_do_not_make_a_document_7_bit() {
    // OCR without å, ä, ö (so no real ones) and "[" for I twice, where "[T"
    // would read as the word "ät": still OCR, left to the corrector.
    let mut words = swedish();
    words.insert("ät");
    let text =
        "Vid [T-avdelningen arbetar fem personer.\nOch [T-avdelningen har fatt ett nytt uppdrag.";
    let (out, c) = run(text, &words);
    assert_eq!(out, text);
    assert!(c.is_empty(), "{c:?}");
    // Two known words that use substitutes as letters still make it 7-bit.
    let text = "Vi g|r det h{r.\nDet {r bra.";
    let (out, _) = run(text, &words);
    assert_eq!(out, "Vi gör det här.\nDet är bra.");
}

// ---- clean text passes unchanged -----------------------------------------------

#[test]
fn gold_and_ocr_files_pass_unchanged() {
    for words in [no_words(), swedish()] {
        for (doc, text) in GOLD.iter().chain(OCR.iter()) {
            let (out, c) = run(text, &words);
            assert_eq!(&out, text, "{doc} changed");
            assert!(c.is_empty(), "{doc}: {c:?}");
        }
    }
}

#[test]
fn the_lexicon_entry_point_leaves_gold_alone() {
    for (doc, text) in GOLD {
        let mut l = lines(text);
        let c = normalise(&mut l, ocrfix::lexicon::Lexicon::embedded());
        assert!(c.is_empty(), "{doc}: {c:?}");
        assert_eq!(l.join("\n"), text);
    }
}

#[test]
fn real_uses_of_the_characters_pass_unchanged() {
    let cases = [
        // Brackets, bars and braces as themselves.
        "Se avsnitt [3] och [a], samt tabell 2 | kolumn 4.",
        "e J 31| 2",
        "Namn | Kommun | År\n-----|--------|----\nAnna | Täby   | 2009",
        "if (x) { return y[i]; } else { a[b] = c|d; }",
        "function f(){return{a:1}} // {x} och ${namn}",
        "Sökväg: C:\\Program\\Data\\fil.txt och \\\\server\\dela",
        "Skriv till info@kommun.se eller @kommunen, x^2 och ~5 %.",
        "[sic] och {sic} och |abs| och `kod`",
        // OCR's I lookalikes.
        "Kommunen har frangitt tanken att [T-avdelningen",
        "Sveriges |IT-kommun 2009",
        "partnerskap och gora nyttovarderingar. [ s stor",
        // Ã and Â in real names and words.
        "SÃO PAULO, JOÃO och MAÇÃ är portugisiska; Âge och Ãlvaro.",
        "Hon heter IRMÃ” sade han.",
        // Swedish punctuation next to letters.
        "”Vi gör det då”, sa hon — och så blev det… på ”riktigt”.",
        "PÅ” och SÅ» och Ä‚ och Ö” och «Är» och –ö– och —Ä",
        "Temperatur ±ä, √å, µm och ß.",
        // Code page characters in their own right.
        "├── ärende\n│   └── beslut.txt",
        "Ω, π, Σ, ≤ 5, ≥ 3, ∞",
    ];
    for words in [no_words(), swedish()] {
        for text in cases {
            let (out, c) = run(text, &words);
            assert_eq!(out, text);
            assert!(c.is_empty(), "{text}: {c:?}");
        }
    }
}

#[test]
fn zero_width_characters_other_than_the_bom_stay() {
    let text = "för\u{200B}valtning och 👩\u{200D}💻 och a\u{00AD}b";
    let (out, c) = run(text, &no_words());
    assert_eq!(out, text);
    assert!(c.is_empty());
}

#[test]
fn line_count_and_terminators_are_kept() {
    let text = "fÃ¶r\n\n\nsÃ¥\n";
    let mut l = lines(text);
    let n = l.len();
    normalise_with(&mut l, &no_words());
    assert_eq!(l.len(), n);
    assert_eq!(l.join("\n"), "för\n\n\nså\n");
}

// ---- robustness ----------------------------------------------------------------

/// Random lines over an alphabet of every character the stage looks at: no panic,
/// lines kept, every correction names a word of the input and the output is the
/// input with exactly those words replaced, and a second run changes nothing.
#[test]
fn random_text_is_handled_consistently() {
    const ALPHABET: &[&str] = &[
        "a", "e", "r", "f", "S", "T", " ", " ", " ", "{", "|", "}", "[", "\\", "]", "`", "@", "~",
        "^", "1", ".", "-", "Ã", "Â", "â", "€", "¶", "¤", "…", "–", "”", "å", "ä", "ö", "Å", "Ä",
        "Ö", "é", "\u{308}", "\u{30A}", "\u{FEFF}", "√", "∂", "├", "╢", "Γ", "Ç", "\u{85}",
        "\u{a0}", "ï", "»", "¿", "Ã¶", "Ã¥", "f|r", "h{r", "\u{FFFD}", "â€",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for words in [no_words(), swedish()] {
        for _ in 0..3000 {
            let n_lines = 1 + next(3);
            let text: Vec<String> = (0..n_lines)
                .map(|_| {
                    (0..next(30))
                        .map(|_| ALPHABET[next(ALPHABET.len())])
                        .collect()
                })
                .collect();
            let input = text.join("\n");
            let (out, corrections) = run(&input, &words);
            assert_eq!(out.split('\n').count(), n_lines, "{input:?}");
            // Rebuild the output from the input and the corrections.
            let mut rebuilt: Vec<String> = lines(&input);
            for c in corrections.iter().rev() {
                let line = &mut rebuilt[c.line - 1];
                let start: usize = line.chars().take(c.column - 1).map(char::len_utf8).sum();
                assert!(line[start..].starts_with(&c.from), "{input:?}: {c:?}");
                line.replace_range(start..start + c.from.len(), &c.to);
            }
            assert_eq!(rebuilt.join("\n"), out, "{input:?}");
            let (again, more) = run(&out, &words);
            assert_eq!(again, out, "second run changed {input:?}");
            assert!(more.is_empty(), "{input:?}: {more:?}");
        }
    }
}

/// Throughput, for a look by hand: `cargo test --release --test encoding_damage
/// -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let gold: String = GOLD.iter().map(|(_, t)| *t).collect::<Vec<_>>().join("\n");
    let clean = gold.repeat(100);
    for (name, text) in [
        ("clean gold", clean.clone()),
        (
            "OCR input",
            OCR.iter()
                .map(|(_, t)| *t)
                .collect::<Vec<_>>()
                .join("\n")
                .repeat(100),
        ),
        ("windows-1252 mojibake", via_windows_1252(&clean)),
        ("ISO 646-SE", iso646(&clean)),
        ("NFD", nfd(&clean)),
    ] {
        let base = lines(&text);
        let start = std::time::Instant::now();
        let rounds = 5;
        for _ in 0..rounds {
            let mut l = base.clone();
            std::hint::black_box(normalise_with(&mut l, &no_words()));
        }
        let secs = start.elapsed().as_secs_f64() / f64::from(rounds);
        println!("{name:24} {:6.1} MB/s", text.len() as f64 / secs / 1e6);
    }
}

#[test]
fn right_quote_lost_to_a_replacement_character() {
    // windows-1252 has no 0x9D, so a strict decoder made "”" into "â€\u{FFFD}".
    let text = "Hon sa â€\u{9d}jaâ€\u{fffd} och gick, fÃ¶r att en \u{fffd} var kvar.";
    let (out, c) = run(text, &no_words());
    assert_eq!(out, "Hon sa ”ja” och gick, för att en \u{fffd} var kvar.");
    assert_eq!(c.len(), 2);
    assert!(c[0].confidence <= 0.7, "{c:?}");
}

#[test]
fn passages_damaged_in_different_ways_in_one_document() {
    for (doc, gold) in GOLD {
        let mixed: Vec<String> = gold
            .split('\n')
            .enumerate()
            .map(|(i, line)| match i % 4 {
                0 => via_windows_1252(line),
                1 => line.to_string(),
                2 => via_mac_roman(line),
                _ => nfd(line),
            })
            .collect();
        let (out, _) = run(&mixed.join("\n"), &no_words());
        assert_eq!(out, gold, "{doc}");
    }
}

#[test]
fn ocr_bars_for_l_and_i_do_not_make_a_7_bit_document() {
    // OCR noise without any å ä ö: many words with "|", but only that one
    // substitute, and "|" before a small letter at word start is an I.
    let text = "Vi ska|| ha a||a he|t ti|| sko|an\n|nom kommunen och |dag a||t";
    let (out, c) = run(text, &swedish());
    assert_eq!(out, text);
    assert!(c.is_empty(), "{c:?}");
}
