//! The word alignment behind score.py's `fixed`/`broken` counts must be the one
//! rapidfuzz chooses. Where python3 with rapidfuzz is installed, this test has
//! rapidfuzz align random sequences (sizes and error rates that reach every
//! branch: short patterns, narrow bands, Ukkonen blocks, Hirschberg splits) and
//! compares every edit operation. Without rapidfuzz it checks a few alignments
//! recorded from rapidfuzz 3.14.6.
//!
//! `OCRFIX_ALIGN_CASES=N` sets how many random cases to try (default 60).

use std::process::Command;

use ocrfix::eval::levenshtein::{EditKind, editops};

const GENERATOR: &str = r#"
import json, random, sys
from rapidfuzz.distance import Levenshtein
rng = random.Random(int(sys.argv[1]))
cases = []
for n in range(int(sys.argv[2])):
    size = rng.choice([5, 30, 64, 65, 100, 300, 900, 2100, 2600, 6000])
    alphabet = rng.choice([2, 3, 5, 20, 1000])
    rate = rng.choice([0.0, 0.01, 0.05, 0.2, 0.5, 0.9])
    a = [rng.randrange(alphabet) for _ in range(size)]
    b = []
    for x in a:
        r = rng.random()
        if r < rate / 3:
            continue
        elif r < 2 * rate / 3:
            b.append(rng.randrange(alphabet))
        elif r < rate:
            b.append(x); b.append(rng.randrange(alphabet))
        else:
            b.append(x)
    if rng.random() < 0.1:
        # Very different lengths.
        b = b[: rng.randrange(1, len(b) + 1)] if b else b
    if rng.random() < 0.5:
        a, b = b, a
    ops = [[op.tag, op.src_pos, op.dest_pos] for op in Levenshtein.editops(a, b)]
    cases.append({"a": a, "b": b, "ops": ops})
json.dump(cases, sys.stdout)
"#;

fn tag(kind: EditKind) -> &'static str {
    match kind {
        EditKind::Replace => "replace",
        EditKind::Insert => "insert",
        EditKind::Delete => "delete",
    }
}

fn ours(a: &[u32], b: &[u32]) -> Vec<(String, usize, usize)> {
    editops(a, b)
        .into_iter()
        .map(|o| (tag(o.kind).to_string(), o.src_pos, o.dest_pos))
        .collect()
}

#[test]
fn alignment_matches_rapidfuzz() {
    let cases: usize = std::env::var("OCRFIX_ALIGN_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let out = Command::new("python3")
        .args([
            "-c",
            GENERATOR,
            &std::env::var("OCRFIX_ALIGN_SEED").unwrap_or_else(|_| "20261127".to_string()),
            &cases.to_string(),
        ])
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        _ => {
            eprintln!("python3 with rapidfuzz not available: checked recorded alignments only");
            return;
        }
    };
    let cases: serde_json::Value = serde_json::from_slice(&out.stdout).expect("generator JSON");
    let as_vec = |v: &serde_json::Value| -> Vec<u32> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_u64().unwrap() as u32)
            .collect()
    };
    for (n, case) in cases.as_array().unwrap().iter().enumerate() {
        let (a, b) = (as_vec(&case["a"]), as_vec(&case["b"]));
        let expected: Vec<(String, usize, usize)> = case["ops"]
            .as_array()
            .unwrap()
            .iter()
            .map(|op| {
                (
                    op[0].as_str().unwrap().to_string(),
                    op[1].as_u64().unwrap() as usize,
                    op[2].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let got = ours(&a, &b);
        assert!(
            got == expected,
            "case {n}: {}x{} differs from rapidfuzz (first difference at {:?})",
            a.len(),
            b.len(),
            got.iter().zip(&expected).position(|(x, y)| x != y)
        );
    }
}

/// An expected edit operation: tag, source position, destination position.
type Op = (&'static str, usize, usize);

#[test]
fn recorded_alignments() {
    // Levenshtein.editops from rapidfuzz 3.14.6, on characters.
    let long_a = "the quick brown fox jumps over the lazy dog ".repeat(3);
    let long_b = long_a.replacen('o', "0", 5).replace("the ", "");
    let long_ops: Vec<Op> = [0, 1, 2, 3]
        .map(|s| ("delete", s, 0))
        .into_iter()
        .chain([("replace", 12, 8), ("replace", 17, 13), ("replace", 26, 22)])
        .chain([31, 32, 33, 34].map(|s| ("delete", s, 27)))
        .chain([("replace", 41, 33)])
        .chain([44, 45, 46, 47].map(|s| ("delete", s, 36)))
        .chain([("replace", 56, 44)])
        .chain([75, 76, 77, 78].map(|s| ("delete", s, 63)))
        .chain([88, 89, 90, 91].map(|s| ("delete", s, 72)))
        .chain([118, 119, 120, 121].map(|s| ("delete", s, 98)))
        .collect();
    let cases: Vec<(&str, &str, Vec<Op>)> = vec![
        (
            "qabxcd",
            "abycdf",
            vec![("delete", 0, 0), ("replace", 3, 2), ("insert", 6, 5)],
        ),
        ("ab", "bc", vec![("replace", 0, 0), ("replace", 1, 1)]),
        ("aaaa", "aa", vec![("delete", 2, 2), ("delete", 3, 2)]),
        (
            "abcabc",
            "cbacba",
            vec![
                ("replace", 0, 0),
                ("insert", 2, 2),
                ("delete", 3, 4),
                ("replace", 5, 5),
            ],
        ),
        (
            "kitten",
            "sitting",
            vec![("replace", 0, 0), ("replace", 4, 4), ("insert", 6, 6)],
        ),
        ("för valtning är", "förvaltning är", vec![("delete", 3, 3)]),
        (&long_a, &long_b, long_ops),
    ];
    for (a, b, expected) in cases {
        let a: Vec<u32> = a.chars().map(u32::from).collect();
        let b: Vec<u32> = b.chars().map(u32::from).collect();
        let expected: Vec<(String, usize, usize)> = expected
            .into_iter()
            .map(|(t, s, d)| (t.to_string(), s, d))
            .collect();
        assert_eq!(ours(&a, &b), expected);
    }
}
