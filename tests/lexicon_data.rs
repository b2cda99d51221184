//! The committed lexicon data (dictionaries/data/) is what the generator wrote:
//! every file matches the sha256 and size in manifest.json, and the data loads and
//! answers as expected for a few known words.

use std::path::Path;

use ocrfix::lexicon::{Entry, Lexicon, flags, key_hash, pack_class};

fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("dictionaries/data")
}

#[test]
fn files_match_the_manifest() {
    let dir = data_dir();
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("manifest.json")).expect("manifest.json"),
    )
    .expect("manifest.json is JSON");
    let outputs = manifest["outputs"].as_object().expect("outputs");
    for name in [
        "forms.fst",
        "lm.fst",
        "rules.fst",
        "forbidden.fst",
        "lexicon.meta",
    ] {
        assert!(outputs.contains_key(name), "{name} missing from manifest");
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("data dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "manifest.json")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = outputs.keys().cloned().collect();
    listed.sort();
    assert_eq!(on_disk, listed, "files in dictionaries/data vs manifest");
    for (name, info) in outputs {
        let bytes = std::fs::read(dir.join(name)).expect(name);
        assert_eq!(
            bytes.len() as u64,
            info["bytes"].as_u64().expect("bytes"),
            "{name}: size"
        );
        assert_eq!(
            sha256_hex(&bytes),
            info["sha256"].as_str().expect("sha256"),
            "{name}: sha256 (regenerate with dictionaries/regenerate.py)"
        );
    }
    // The inputs are pinned.
    for input in ["hunspell-sv", "wordfreq", "corpus"] {
        let sha = manifest["inputs"][input]["sha256"].as_str().unwrap_or("");
        assert_eq!(sha.len(), 64, "{input}: pinned sha256");
    }
}

#[test]
fn fsts_are_intact() {
    // Full checksum verification of the FSTs (the runtime only reads headers).
    for name in ["forms.fst", "lm.fst", "rules.fst", "forbidden.fst"] {
        let bytes = std::fs::read(data_dir().join(name)).expect(name);
        let fst = fst::raw::Fst::new(bytes).expect(name);
        fst.verify().expect(name);
    }
}

#[test]
fn known_words_have_the_right_flags() {
    let lex = Lexicon::embedded();
    let has = |w: &str, bits: u8| {
        let e = lex.get(w).unwrap_or_else(|| panic!("{w} missing"));
        assert_eq!(e.flags & bits, bits, "{w}: flags {:08b}", e.flags);
        e
    };
    // förvaltning/ADfGvY: a word and a compound end; its -s form begins (v) and
    // continues (f) compounds.
    let e = has("förvaltning", flags::WORD | flags::END | flags::DICT);
    assert_eq!(e.flags & flags::BEGIN, 0);
    assert!(e.count > 0 && e.log_p < -5.0 && e.log_p > -20.0);
    has("förvaltnings", flags::BEGIN | flags::MIDDLE | flags::END);
    // kommun/ADHXY
    has("kommun", flags::WORD | flags::BEGIN | flags::END);
    assert_eq!(lex.get("kommunen").map(|e| e.flags & flags::BEGIN), Some(0));
    // Names keep PROPER; abbreviations UPPER.
    for name in ["järfälla", "thorbjörn", "örebro"] {
        has(name, flags::WORD | flags::PROPER);
    }
    has("eu", flags::WORD | flags::UPPER);
    // ONLYINCOMPOUND forms are not words: ränta/y gives "ränte-" as a first part.
    let e = has("ränte", flags::BEGIN);
    assert!(!e.is_word());
    // FORBIDDENWORD
    assert!(lex.get("arbetstillfallen").is_none());
    assert!(lex.is_forbidden("arbetstillfallen"));
    // Frequencies: common words far above rare ones, all finite.
    let p = |w: &str| lex.get(w).map(|e| e.log_p).unwrap_or(f32::NEG_INFINITY);
    assert!(p("och") > p("kommun") && p("kommun") > p("fallucka"));
    // wordfreq's diacritic-stripped "for" does not outweigh "för".
    assert!(p("för") > p("for") + 4.0);
    assert!(lex.get("pa").is_none() && lex.get("tva").is_none());
    // Corpus statistics.
    assert!(lex.total() > 4_000_000);
    assert!(lex.count("<s>") > 100_000);
    assert!(lex.count("<num>") > 10_000);
    // The language-model keys are in the forms FST too, as no words.
    for key in ["<s>", "<num>"] {
        let e = lex.get(key).expect(key);
        assert_eq!((e.flags, e.count), (0, lex.count(key)), "{key}");
        assert!(!lex.is_word(key));
    }
    assert!(lex.pair_count("<s>", "det") > 1000);
    assert!(lex.pair_count("i", "år") > lex.pair_count("i", "ar"));
    // Triples are stored for the words one å/ä/ö from another corpus word.
    for (key, confusable) in [
        ("här", true),
        ("har", true),
        ("än", true),
        ("kommun", false),
    ] {
        assert_eq!(lex.is_confusable(key), confusable, "{key}");
    }
    let after_i = lex.pairs_after("i").expect("pairs after i");
    let (here, has) = (
        lex.triple_count_after(after_i, "den", "här"),
        lex.triple_count_after(after_i, "den", "har"),
    );
    assert!(
        here > 10 && here > 10 * has,
        "i den här {here}, i den har {has}"
    );
    // A key with separators is none (it would read a pair).
    assert_eq!(lex.count("här  "), 0);
    // The confusable keys one å/ä/ö apart share a group, and the classes
    // (word endings) after them are counted by key and by group.
    let group = lex.confusable_group("bör").expect("bör is confusable");
    assert_eq!(lex.confusable_group("bor"), Some(group));
    assert_eq!(lex.confusable_group("kommun"), None);
    let classes = lex.context_classes();
    let before_as = |key: &str| classes.after_key(key_hash(key), pack_class("as"));
    assert!(
        before_as("bör") > 20 * before_as("bor").max(1),
        "bör -as {}, bor -as {}",
        before_as("bör"),
        before_as("bor")
    );
    assert!(classes.after_group(group, pack_class("as")) >= before_as("bör"));
    assert!(
        u64::from(classes.occurrences(group))
            >= u64::from(lex.count("bör")) + u64::from(lex.count("bor"))
    );
    assert_eq!(
        lex.get("kommunen").map(|e| e.count),
        Some(lex.count("kommunen"))
    );
    // A pair seen once is kept beside a confusable key ("får"); the triples
    // were counted only after pairs seen at least min_triple_count times.
    assert_eq!(lex.pair_count("lantbrukarna", "får"), 1);
    assert_eq!(lex.min_triple_count(), 2);
    // Value packing round trip.
    let e = lex.get("kommunen").expect("kommunen");
    assert_eq!(Entry::from_value(e.to_value()), e);
}

/// SHA-256 (FIPS 180-4), enough to check the manifest without a dependency.
fn sha256_hex(data: &[u8]) -> String {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for i in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[test]
fn sha256_is_right() {
    assert_eq!(
        sha256_hex(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        sha256_hex(b""),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}
