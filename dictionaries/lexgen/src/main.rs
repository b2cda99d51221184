//! Builds ocrfix's embedded lexicon (`dictionaries/data/`) from the inputs that
//! `dictionaries/regenerate.py` prepares: the expanded hunspell forms, the wordfreq
//! list and the decompressed Riksdagen corpus.
//!
//! The corpus is counted with ocrfix's own tokeniser and pair definition (the
//! files are included by path below), so the statistics mean exactly what the
//! runtime asks about. Output is deterministic: every map is sorted before it is
//! written.

#[allow(dead_code)]
#[path = "../../../src/tokenise.rs"]
mod tokenise;

#[allow(dead_code)]
#[path = "../../../src/lexicon/format.rs"]
mod format;

#[allow(dead_code)]
#[path = "../../../src/lexicon/context.rs"]
mod context;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::error::Error;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use format::flags;

type Res<T> = Result<T, Box<dyn Error>>;

/// Weight of the corpus in the blended unigram probability (the rest is wordfreq).
/// The corpus is clean edited prose close to the target texts' register, wordfreq
/// is broad but partly web and subtitle text.
const CORPUS_WEIGHT: f64 = 0.5;
/// Probability of a form seen in neither source and without seen relatives.
const FLOOR_P: f64 = 1e-9;
/// Share of its family's average probability that an unseen form gets (a family is
/// one hunspell entry: "förvaltningarnas" inherits from "förvaltning").
const FAMILY_SHARE: f64 = 0.05;
/// A corpus-only word is not added when a spelling of it with more å/ä/ö/é is this
/// many times as frequent in the corpus: "ar" (10) next to "är" is a typo.
const DIACRITIC_GUARD: u64 = 10;
/// Documents a corpus-only word must occur in to be added.
const MIN_DOCS: u64 = 2;
/// Corpus-only words shorter than this many letters need SHORT_WORD_FACTOR times
/// the minimum count.
const SHORT_WORD: usize = 4;
const SHORT_WORD_FACTOR: u64 = 10;
/// A corpus-only word is taken for a typo when a spelling one edit away (not in
/// its last two letters, where inflection endings differ) is this many times as
/// frequent and occurs at least TYPO_MIN_NEIGHBOUR times ("alvarliga" next to
/// "allvarliga").
const TYPO_GUARD: u64 = 10;
const TYPO_MIN_NEIGHBOUR: u64 = 30;
/// Only words shorter than this are checked for typos: longer ones are rarely
/// what OCR garbage turns into, and are often regular variants
/// ("arbetsoförmåga" next to "arbetsförmåga").
const TYPO_MAX_LEN: usize = 10;
/// Letters tried in edits.
const ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzåäöéü";
/// Hunspell attribute bits in hunspell_forms.tsv (see regenerate.py).
const A_WORD: u8 = 1;
const A_BEGIN: u8 = 2;
const A_MIDDLE: u8 = 4;
const A_END: u8 = 8;
const A_NOSUGGEST: u8 = 16;
const A_FORBIDDEN: u8 = 32;

struct Args {
    hunspell: PathBuf,
    rules: PathBuf,
    wordfreq: PathBuf,
    corpus: PathBuf,
    out: PathBuf,
    report: Option<PathBuf>,
    min_word_count: u64,
    min_pair_count: u64,
    compoundmin: u32,
    compoundwordmax: u32,
}

fn parse_args() -> Res<Args> {
    let mut m: HashMap<String, String> = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().ok_or_else(|| format!("{k} needs a value"))?;
        m.insert(k.trim_start_matches('-').to_string(), v);
    }
    let mut take = |k: &str| m.remove(k).ok_or_else(|| format!("missing --{k}"));
    Ok(Args {
        hunspell: take("hunspell")?.into(),
        rules: take("rules")?.into(),
        wordfreq: take("wordfreq")?.into(),
        corpus: take("corpus")?.into(),
        out: take("out")?.into(),
        report: take("report").ok().map(PathBuf::from),
        min_word_count: take("min-word-count")?.parse()?,
        min_pair_count: take("min-pair-count")?.parse()?,
        compoundmin: take("compoundmin")?.parse()?,
        compoundwordmax: take("compoundwordmax")?.parse()?,
    })
}

/// What the hunspell expansion says about one lower-case form.
#[derive(Default)]
struct Form {
    /// WORD/BEGIN/MIDDLE/END from generations that are not forbidden.
    attrs: u8,
    /// Some generation is not forbidden.
    valid: bool,
    /// Some generation is forbidden.
    forbidden: bool,
    /// Every valid generation is NOSUGGEST.
    nosuggest: bool,
    /// Some source spelling is all lower case.
    lower_source: bool,
    /// Some source spelling starts with a capital.
    capital_source: bool,
    /// Every source spelling is in capitals (two letters or more).
    all_caps: bool,
    rule_root: u64,
    rule_any: u64,
    /// hunspell entries (families) that generate the form.
    families: Vec<u32>,
}

fn main() -> Res<()> {
    let args = parse_args()?;
    let mut report = String::new();
    macro_rules! say {
        ($($t:tt)*) => {{
            let line = format!($($t)*);
            eprintln!("{line}");
            report.push_str(&line);
            report.push('\n');
        }};
    }

    // ---- hunspell forms -------------------------------------------------------
    let (forms, rule_flags, n_families) = read_hunspell(&args.hunspell)?;
    let rules: Vec<String> = fs::read_to_string(&args.rules)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    say!(
        "hunspell: {} lower-case forms ({} valid, {} forbidden only) from {} entries",
        forms.len(),
        forms.values().filter(|f| f.valid).count(),
        forms.values().filter(|f| f.forbidden && !f.valid).count(),
        n_families
    );

    // ---- corpus ---------------------------------------------------------------
    let corpus = count_corpus(&args.corpus)?;
    say!(
        "corpus: {} documents, {} paragraphs, {} tokens, {} distinct keys, {} distinct pairs",
        corpus.docs,
        corpus.lines,
        corpus.total,
        corpus.uni.len(),
        corpus.pairs.len()
    );

    // ---- wordfreq -------------------------------------------------------------
    let wordfreq = read_wordfreq(&args.wordfreq)?;
    say!("wordfreq: {} words", wordfreq.len());

    // ---- the form list: hunspell + corpus words --------------------------------
    // Fold groups (spellings that differ only in diacritics) over every candidate.
    let mut groups: HashMap<String, Vec<String>> = HashMap::new();
    for (k, f) in &forms {
        if f.valid {
            groups.entry(fold(k)).or_default().push(k.clone());
        }
    }
    for k in corpus.uni.keys() {
        if is_letters(k) && !forms.get(k).is_some_and(|f| f.valid) {
            groups.entry(fold(k)).or_default().push(k.clone());
        }
    }
    // Sorted members: float sums over a group must not depend on hash order, or
    // the output would not be reproducible bit for bit.
    for g in groups.values_mut() {
        g.sort();
        g.dedup();
    }
    let count_of = |k: &str| corpus.uni.get(k).copied().unwrap_or(0);
    let mut form_keys: Vec<&String> = forms.keys().collect();
    form_keys.sort();

    let mut entries: BTreeMap<String, (u8, u64)> = BTreeMap::new(); // key -> (flags, count)
    let mut added_corpus = 0usize;
    let mut abbreviations_or_single_doc = 0usize;
    let mut added_list: Vec<String> = Vec::new();
    let mut typos: Vec<String> = Vec::new();
    let mut short_left_out = 0usize;
    let mut guarded: Vec<(String, u64)> = Vec::new();
    for (k, f) in &forms {
        if !f.valid {
            continue;
        }
        let mut fl = f.attrs & (flags::WORD | flags::BEGIN | flags::MIDDLE | flags::END);
        fl |= flags::DICT;
        if f.nosuggest {
            fl |= flags::NOSUGGEST;
        }
        // A name: capitalised in the dictionary and never lower case there, or
        // (where the dictionary has both, "Borås" beside a lower-case homograph)
        // capitalised in at least 4 of 5 uses inside sentences of the corpus.
        let cs = corpus.case.get(k).copied().unwrap_or_default();
        let corpus_name = cs.mid >= PROPER_MIN_USES && cs.capital * 5 >= cs.mid * 4;
        if f.capital_source && (!f.lower_source || corpus_name) {
            fl |= flags::PROPER;
        }
        if f.all_caps {
            fl |= flags::UPPER;
        }
        entries.insert(k.clone(), (fl, count_of(k)));
    }
    for (k, &c) in &corpus.uni {
        let len = k.chars().count();
        // Short corpus-only words need more evidence: they are the ones OCR garbage
        // collides with ("ak", "ama").
        let min = if len < SHORT_WORD {
            args.min_word_count * SHORT_WORD_FACTOR
        } else {
            args.min_word_count
        };
        if c < min || !is_letters(k) || len < 2 {
            short_left_out += usize::from(
                c >= args.min_word_count
                    && len < SHORT_WORD
                    && is_letters(k)
                    && !forms.contains_key(k),
            );
            continue;
        }
        if forms.get(k).is_some_and(|f| f.forbidden && !f.valid) {
            continue;
        }
        if entries.get(k).is_some_and(|e| e.0 & flags::WORD != 0) {
            continue;
        }
        let cs = corpus.case.get(k).copied().unwrap_or_default();
        // Abbreviations ("dir." for kommittédirektiv) would make OCR garbage such as
        // "dir" (for "där") a word; text debris of one document ("vil ket" from a
        // broken soft hyphen) is not Swedish.
        if cs.dot * 2 > c || cs.docs < MIN_DOCS {
            abbreviations_or_single_doc += 1;
            continue;
        }
        let d = diacritics(k);
        let shadowed = groups.get(&fold(k)).is_some_and(|g| {
            g.iter()
                .any(|v| v != k && diacritics(v) > d && count_of(v) >= DIACRITIC_GUARD * c)
        });
        if shadowed {
            guarded.push((k.clone(), c));
            continue;
        }
        if len < TYPO_MAX_LEN
            && let Some(v) = frequent_neighbour(k, c, &corpus.uni)
        {
            typos.push(format!("{k} {c} ({v} {})", count_of(&v)));
            continue;
        }
        let e = entries.entry(k.clone()).or_insert((0, c));
        e.0 |= flags::WORD;
        if e.0 & flags::DICT == 0 {
            if cs.mid > 0 && cs.capital * 2 > cs.mid {
                e.0 |= flags::PROPER;
            }
            if cs.mid > 0 && cs.all_caps * 2 > cs.mid && k.chars().count() >= 2 {
                e.0 |= flags::UPPER;
            }
            added_corpus += 1;
            added_list.push(format!("{k}\t{c}\t{}\t{}\t{}", cs.docs, cs.dot, e.0));
        }
    }
    // Diagnostic list for review, next to the inputs (not embedded):
    // word, count, documents, count followed by '.', flags.
    added_list.sort();
    write(
        &args.hunspell.with_file_name("corpus_words.tsv"),
        added_list.join("\n").as_bytes(),
    )?;
    say!(
        "corpus words (>= {} occurrences in >= {MIN_DOCS} documents, letters only) added as WORD: {} \
         new forms; {} left out as abbreviations (mostly followed by '.') or single-document debris; \
         {} held back as diacritic-stripped spellings (e.g. {})",
        args.min_word_count,
        added_corpus,
        abbreviations_or_single_doc,
        guarded.len(),
        {
            guarded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            guarded
                .iter()
                .take(12)
                .map(|(k, c)| format!("{k} {c}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    );
    typos.sort();
    say!(
        "  also left out: {short_left_out} words of fewer than {SHORT_WORD} letters with fewer than \
         {} occurrences; {} likely typos of a much more frequent word one edit away (e.g. {})",
        args.min_word_count * SHORT_WORD_FACTOR,
        typos.len(),
        typos.iter().take(8).cloned().collect::<Vec<_>>().join(", ")
    );

    // The language-model keys for sentence starts and ends, quotation ends and numbers are
    // stored too, with no flags (they are no words), so that callers find their
    // counts with `get`.
    for key in [
        tokenise::SENTENCE_START,
        tokenise::SENTENCE_END,
        tokenise::QUOTE_END,
        tokenise::NUMBER,
        tokenise::YEAR,
    ] {
        entries.insert(key.to_string(), (0, count_of(key)));
    }

    // ---- probabilities --------------------------------------------------------
    let total = corpus.total as f64;
    let mut seen_p: HashMap<&str, f64> = HashMap::new();
    let mut from_wf_adjusted = 0usize;
    for k in entries.keys() {
        let c = count_of(k) as f64;
        let wf = wordfreq.get(k.as_str()).copied().unwrap_or(0.0);
        let wf = if wf > 0.0 {
            let adj = adjust_wordfreq(k, wf, &groups, &entries, &wordfreq, &count_of);
            if adj < wf {
                from_wf_adjusted += 1;
            }
            adj
        } else {
            0.0
        };
        let p = if k.starts_with('<') {
            c / total // <s>, </s>, <q>, <num>, <year>: the corpus alone knows them
        } else {
            CORPUS_WEIGHT * c / total + (1.0 - CORPUS_WEIGHT) * wf
        };
        if p > 0.0 {
            seen_p.insert(k.as_str(), p);
        }
    }
    say!(
        "frequencies: {} forms seen in corpus or wordfreq, wordfreq lowered for {} forms with \
         diacritic variants",
        seen_p.len(),
        from_wf_adjusted
    );
    // Family averages for unseen forms.
    let mut fam_mass = vec![0f64; n_families as usize + 1];
    let mut fam_size = vec![0u32; n_families as usize + 1];
    for &k in &form_keys {
        let f = &forms[k];
        if !f.valid {
            continue;
        }
        let p = seen_p.get(k.as_str()).copied().unwrap_or(0.0);
        for &fam in &f.families {
            fam_mass[fam as usize] += p;
            fam_size[fam as usize] += 1;
        }
    }
    // No unseen form is more probable than a form seen once in the corpus.
    let unseen_max = CORPUS_WEIGHT / total;
    // First estimate: seen, else a share of the family, else the floor.
    let mut base_p: HashMap<&str, f64> = HashMap::with_capacity(entries.len());
    for k in entries.keys() {
        let p = match seen_p.get(k.as_str()) {
            Some(&p) => p,
            None => {
                let fam = forms
                    .get(k)
                    .map(|f| {
                        f.families
                            .iter()
                            .map(|&i| fam_mass[i as usize] / f64::from(fam_size[i as usize].max(1)))
                            .fold(0.0, f64::max)
                    })
                    .unwrap_or(0.0);
                (FAMILY_SHARE * fam).clamp(FLOOR_P, unseen_max)
            }
        };
        base_p.insert(k.as_str(), p);
    }
    // An unseen form that is a two-part compound ("e-tjänst", "skolmaten") gets
    // at least what the runtime estimates for an unstored compound (the last
    // part's probability less format::COMPOUND_PART_PENALTY), so that stored
    // compounds do not rank below unstored ones.
    let penalty = (-f64::from(format::COMPOUND_PART_PENALTY)).exp();
    let mut values: Vec<(&[u8], u64)> = Vec::with_capacity(entries.len());
    let (mut n_floor, mut n_family, mut n_compound) = (0usize, 0usize, 0usize);
    for (k, &(fl, c)) in &entries {
        let mut p = base_p[k.as_str()];
        if !seen_p.contains_key(k.as_str()) {
            let compound = two_part_splits(k)
                .filter(|(a, b)| {
                    entries.get(*a).is_some_and(|e| e.0 & flags::BEGIN != 0)
                        && entries.get(*b).is_some_and(|e| e.0 & flags::END != 0)
                })
                .map(|(_, b)| base_p[b] * penalty)
                .fold(0.0, f64::max)
                .min(unseen_max);
            if compound > p {
                p = compound;
                n_compound += 1;
            } else if p > FLOOR_P {
                n_family += 1;
            } else {
                n_floor += 1;
            }
        }
        values.push((k.as_bytes(), format::pack(fl, p.ln(), c)));
    }
    say!(
        "unseen forms: {n_compound} estimated as compounds (last part, penalty {} nats), {n_family} \
         get {FAMILY_SHARE} of their family's average probability, {n_floor} the floor p = \
         {FLOOR_P:e}; none above p = {unseen_max:.3e} (a form seen once)",
        format::COMPOUND_PART_PENALTY
    );

    fs::create_dir_all(&args.out)?;
    let forms_bytes = build_map(values.iter().map(|&(k, v)| (k, v)))?;
    write(&args.out.join("forms.fst"), &forms_bytes)?;
    say!(
        "forms.fst: {} forms, {} bytes",
        entries.len(),
        forms_bytes.len()
    );
    let mut flag_counts = [0usize; 8];
    for &(fl, _) in entries.values() {
        for (b, n) in flag_counts.iter_mut().enumerate() {
            if fl & (1 << b) != 0 {
                *n += 1;
            }
        }
    }
    say!(
        "  flags: WORD {} BEGIN {} MIDDLE {} END {} PROPER {} UPPER {} DICT {} NOSUGGEST {}",
        flag_counts[0],
        flag_counts[1],
        flag_counts[2],
        flag_counts[3],
        flag_counts[4],
        flag_counts[5],
        flag_counts[6],
        flag_counts[7]
    );

    // ---- forbidden and compound-rule flags --------------------------------------
    let forbidden: BTreeSet<&str> = forms
        .iter()
        .filter(|(_, f)| f.forbidden && !f.valid)
        .map(|(k, _)| k.as_str())
        .collect();
    let mut b = fst::SetBuilder::memory();
    for k in &forbidden {
        b.insert(k)?;
    }
    let forbidden_bytes = b.into_inner()?;
    write(&args.out.join("forbidden.fst"), &forbidden_bytes)?;
    say!(
        "forbidden.fst: {} forms, {} bytes",
        forbidden.len(),
        forbidden_bytes.len()
    );

    let mut rule_values: BTreeMap<&str, u64> = BTreeMap::new();
    for (k, f) in &forms {
        if f.valid && (f.rule_root | f.rule_any) != 0 {
            rule_values.insert(
                k.as_str(),
                f.rule_root | (f.rule_any << format::RULE_ANY_SHIFT),
            );
        }
    }
    let rules_bytes = build_map(rule_values.iter().map(|(k, &v)| (k.as_bytes(), v)))?;
    write(&args.out.join("rules.fst"), &rules_bytes)?;
    say!(
        "rules.fst: {} forms with COMPOUNDRULE flags, {} bytes",
        rule_values.len(),
        rules_bytes.len()
    );

    // ---- language model: unigram and pair counts --------------------------------
    say!(
        "pair pruning (pairs kept / lm.fst bytes / held-out coverage: share of pair tokens in every \
         10th document whose pair occurs at least t times in the other documents):"
    );
    // The confusable keys decide between real words by their neighbours, so
    // every pair of theirs is kept, even one seen once (see `Pruning`).
    let confusable = confusable_keys(&corpus.uni);
    let prunings = [1u64, 2, 3, 5, 10]
        .map(|t| Pruning::new(t, None))
        .into_iter()
        .chain([Pruning::new(args.min_pair_count, Some(&confusable))]);
    let mut lm_bytes = Vec::new();
    for rule in prunings {
        let bytes = build_lm(&corpus, &rule)?;
        let kept = corpus
            .pairs
            .iter()
            .filter(|&(k, &c)| rule.keeps(k, c))
            .count();
        let (hit, all) = corpus
            .held_out
            .iter()
            .fold((0u64, 0u64), |(h, a), (k, &c)| {
                let train = corpus.pairs.get(k).copied().unwrap_or(0)
                    - corpus.held_out.get(k).copied().unwrap_or(0);
                (h + if rule.keeps(k, train) { c } else { 0 }, a + c)
            });
        let chosen = rule.all_around.is_some();
        say!(
            "  t = {:>2}{}: {kept:>8} pairs, {:>9} bytes, coverage {:.3}{}",
            rule.min,
            if chosen {
                " and all around a confusable key"
            } else {
                ""
            },
            bytes.len(),
            hit as f64 / all.max(1) as f64,
            if chosen { "  <- chosen" } else { "" }
        );
        if chosen {
            lm_bytes = bytes;
        }
    }
    // Triples around the confusable words, for the choice between them.
    let triples = count_triples(&args.corpus, &confusable)?;
    let kept: Vec<(&Vec<u8>, &u64)> = triples
        .iter()
        .filter(|&(_, &c)| c >= args.min_pair_count)
        .collect();
    let groups = confusable_groups(&confusable);
    let classes = count_classes(&corpus, &groups);
    let lm_bytes = add_triples(&lm_bytes, &kept, &classes)?;
    say!(
        "context classes: {} groups of confusable keys, {} counts by word ending around them",
        groups.values().collect::<BTreeSet<_>>().len(),
        classes.len()
    );
    say!(
        "triples: {} confusable keys (one å/ä/ö away from another corpus word, both seen >= {} times), \
         {} distinct triples ending in one, {} seen >= {} times kept; lm.fst {} bytes",
        confusable.len(),
        CONFUSABLE_MIN_COUNT,
        triples.len(),
        kept.len(),
        args.min_pair_count,
        lm_bytes.len()
    );
    write(&args.out.join("lm.fst"), &lm_bytes)?;

    // ---- meta -----------------------------------------------------------------
    let mut meta = String::new();
    writeln!(
        meta,
        "# ocrfix lexicon metadata, generated by dictionaries/lexgen"
    )?;
    writeln!(meta, "total {}", corpus.total)?;
    writeln!(
        meta,
        "sentences {}",
        corpus
            .uni
            .get(tokenise::SENTENCE_START)
            .copied()
            .unwrap_or(0)
    )?;
    writeln!(meta, "forms {}", entries.len())?;
    writeln!(meta, "floor_log_p {:.4}", FLOOR_P.ln())?;
    writeln!(meta, "unseen_max_log_p {:.4}", (CORPUS_WEIGHT / total).ln())?;
    // The corrector weighs triples only after a pair seen this often: after
    // a rarer one (kept around a confusable key) none was counted.
    writeln!(meta, "min_triple_count {}", args.min_pair_count)?;
    writeln!(meta, "compoundmin {}", args.compoundmin)?;
    writeln!(meta, "compoundwordmax {}", args.compoundwordmax)?;
    writeln!(meta, "compound_flags X U Y")?;
    let rf: Vec<String> = rule_flags.iter().map(|c| c.to_string()).collect();
    writeln!(meta, "rule_flags {}", rf.join(" "))?;
    for r in &rules {
        writeln!(meta, "rule {r}")?;
    }
    write(&args.out.join("lexicon.meta"), meta.as_bytes())?;

    if let Some(p) = &args.report {
        write(p, report.as_bytes())?;
    }
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Res<()> {
    fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn build_map<'a>(items: impl Iterator<Item = (&'a [u8], u64)>) -> Res<Vec<u8>> {
    let mut b = fst::MapBuilder::memory();
    for (k, v) in items {
        b.insert(k, v)?;
    }
    Ok(b.into_inner()?)
}

/// Which word pairs `lm.fst` keeps: those seen at least `min` times, and
/// every pair seen where either word is one of `all_around`. A pair seen
/// once is weak evidence, but for a confusable key ("får", "för") it is often
/// the only evidence there is, and an absent pair reads as evidence against
/// the key (held-out 1,181 -> 1,094 word errors; keeping every pair seen once
/// gave 1,091 with an lm.fst 1.7 times the size).
struct Pruning<'a> {
    min: u64,
    all_around: Option<&'a BTreeSet<String>>,
}

impl<'a> Pruning<'a> {
    fn new(min: u64, all_around: Option<&'a BTreeSet<String>>) -> Pruning<'a> {
        Pruning { min, all_around }
    }

    fn keeps(&self, key: &[u8], count: u64) -> bool {
        if count >= self.min {
            return true;
        }
        let (Some(keys), 1..) = (self.all_around, count) else {
            return false;
        };
        let Some((a, b)) = std::str::from_utf8(key)
            .ok()
            .and_then(|k| k.split_once(char::from(format::PAIR_SEP)))
        else {
            return false;
        };
        keys.contains(a) || keys.contains(b)
    }
}

fn build_lm(corpus: &Corpus, rule: &Pruning) -> Res<Vec<u8>> {
    let mut items: Vec<(Vec<u8>, u64)> = corpus
        .uni
        .iter()
        .map(|(k, &c)| (k.as_bytes().to_vec(), c))
        .collect();
    items.extend(
        corpus
            .pairs
            .iter()
            .filter(|&(k, &c)| rule.keeps(k, c))
            .map(|(k, &c)| (k.clone(), c)),
    );
    items.sort_unstable();
    build_map(items.iter().map(|(k, v)| (k.as_slice(), *v)))
}

/// Corpus occurrences a key and its twin need for the pair to count as
/// confusable.
const CONFUSABLE_MIN_COUNT: u64 = 3;

/// Keys (letters only, seen at least [`CONFUSABLE_MIN_COUNT`] times) that
/// another such key equals but for one letter, one of the two being å, ä or ö:
/// the words an OCR that cannot print å/ä/ö confuses with real words.
fn confusable_keys(uni: &HashMap<String, u64>) -> BTreeSet<String> {
    let frequent = |k: &str| uni.get(k).is_some_and(|&c| c >= CONFUSABLE_MIN_COUNT);
    let mut out = BTreeSet::new();
    for (k, &c) in uni {
        if c < CONFUSABLE_MIN_COUNT || !is_letters(k) {
            continue;
        }
        for twin in twins(k) {
            if frequent(&twin) {
                out.insert(k.clone());
                out.insert(twin);
            }
        }
    }
    out
}

/// Counts of the triples (x, y, r) with r confusable, where y is the word
/// before r as [`context::left_context`] counts pairs and x the context before
/// y (a word, `<s>` or `<q>`).
fn count_triples(path: &Path, confusable: &BTreeSet<String>) -> Res<HashMap<Vec<u8>, u64>> {
    let mut out: HashMap<Vec<u8>, u64> = HashMap::new();
    let reader = BufReader::new(File::open(path).map_err(|e| format!("{}: {e}", path.display()))?);
    for line in reader.split(b'\n') {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        if line.starts_with("### ") {
            continue;
        }
        // As count_corpus does.
        let line = line.replace('\u{ad}', "");
        let toks = tokenise::tokens(&line);
        for (i, t) in toks.iter().enumerate() {
            if t.word.is_empty() || i == 0 {
                continue;
            }
            let key = tokenise::lm_key(t.word);
            if !confusable.contains(key.as_ref()) {
                continue;
            }
            let Some(y) = context::left_context(&toks, i) else {
                continue;
            };
            if y == tokenise::SENTENCE_START || y == tokenise::QUOTE_END {
                continue;
            }
            if let Some(x) = context::left_context(&toks, i - 1) {
                *out.entry(format::triple_key(&x, &y, &key)).or_default() += 1;
            }
        }
    }
    Ok(out)
}

/// `key` with one of its å, ä and ö changed into another letter of
/// [`ALPHABET`], each way.
fn twins(key: &str) -> impl Iterator<Item = String> + '_ {
    let chars: Vec<char> = key.chars().collect();
    let at: Vec<(usize, char)> = chars
        .iter()
        .copied()
        .enumerate()
        .filter(|&(_, c)| matches!(c, 'å' | 'ä' | 'ö'))
        .collect();
    at.into_iter().flat_map(move |(i, ch)| {
        let chars = chars.clone();
        ALPHABET
            .chars()
            .filter(move |&o| o != ch)
            .map(move |other| {
                let mut twin = chars.clone();
                twin[i] = other;
                twin.into_iter().collect()
            })
    })
}

/// The group of each confusable key: the keys linked by one å, ä or ö ("far",
/// "får", "för" and "fär" are one group), numbered from 0.
fn confusable_groups(confusable: &BTreeSet<String>) -> HashMap<String, u32> {
    // Union-find over the keys in their sorted order.
    let keys: Vec<&String> = confusable.iter().collect();
    let index: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, k) in keys.iter().enumerate() {
        for twin in twins(k) {
            if let Some(&j) = index.get(twin.as_str()) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut number: HashMap<usize, u32> = HashMap::new();
    let mut out = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        let r = root(&mut parent, i);
        let next = number.len() as u32;
        out.insert((*k).clone(), *number.entry(r).or_insert(next));
    }
    out
}

/// The context-class counts ([`format::context_class`]) after the
/// confusable keys, by key and by group: how often each precedes a word of
/// each class, and how often each group's keys occur. Every count is kept:
/// an unseen class reads as evidence against the key, and a class a key
/// precedes once is not that.
fn count_classes(corpus: &Corpus, groups: &HashMap<String, u32>) -> Vec<(Vec<u8>, u64)> {
    use format::class_kind::{AFTER_GROUP, AFTER_KEY, GROUP, MEMBER};
    let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
    let mut add = |key: Vec<u8>, c: u64| *counts.entry(key).or_default() += c;
    // Each key's group, and a group's occurrences, which its pairs with a
    // class share.
    for (k, &g) in groups {
        add(format::class_key(MEMBER, k, None), u64::from(g) + 1);
        add(
            format::class_key(GROUP, &g.to_string(), None),
            corpus.uni.get(k).copied().unwrap_or(0),
        );
    }
    fn class_of<'k>(corpus: &Corpus, k: &'k str) -> Option<&'k str> {
        let n = corpus.uni.get(k).copied().unwrap_or(0);
        format::context_class(k).filter(|_| format::has_class(n, corpus.total))
    }
    for (k, &c) in &corpus.pairs {
        let Some(sep) = k.iter().position(|&b| b == format::PAIR_SEP) else {
            continue;
        };
        let (Ok(a), Ok(b)) = (
            std::str::from_utf8(&k[..sep]),
            std::str::from_utf8(&k[sep + 1..]),
        ) else {
            continue;
        };
        if let (Some(g), Some(class)) = (groups.get(a), class_of(corpus, b)) {
            add(format::class_key(AFTER_KEY, a, Some(class)), c);
            add(
                format::class_key(AFTER_GROUP, &g.to_string(), Some(class)),
                c,
            );
        }
    }
    counts.into_iter().collect()
}

/// `lm` with the kept triples and the context-class counts (which mark the
/// confusable keys) added.
fn add_triples(
    lm: &[u8],
    triples: &[(&Vec<u8>, &u64)],
    classes: &[(Vec<u8>, u64)],
) -> Res<Vec<u8>> {
    use fst::{IntoStreamer, Streamer};
    let map = fst::Map::new(lm.to_vec())?;
    let mut items: Vec<(Vec<u8>, u64)> = Vec::new();
    let mut stream = map.into_stream();
    while let Some((k, v)) = stream.next() {
        items.push((k.to_vec(), v));
    }
    items.extend(triples.iter().map(|&(k, &c)| (k.clone(), c)));
    items.extend(classes.iter().cloned());
    items.sort_unstable();
    build_map(items.iter().map(|(k, v)| (k.as_slice(), *v)))
}

/// The tokeniser trims a trailing full stop, so "bl.a." is looked up as "bl.a":
/// abbreviations with a stop inside are stored that way too. One-part
/// abbreviations ("gr.", "kl.") are not: "gr" or "kl" alone is OCR garbage more
/// often than an abbreviation that lost its stop (callers check "gr." when the
/// token has one, see `Lexicon::is_token_word`).
fn trimmed_abbreviation(form: &str) -> Option<&str> {
    match tokenise::tokens(form).as_slice() {
        [t] if t.lead.is_empty() && t.trail.starts_with('.') && t.word.contains('.') => {
            Some(t.word)
        }
        _ => None,
    }
}

/// The ways to cut `k` into two parts of at least two letters each.
fn two_part_splits(k: &str) -> impl Iterator<Item = (&str, &str)> {
    let n = k.chars().count();
    k.char_indices()
        .enumerate()
        .filter(move |&(i, _)| i >= 2 && n - i >= 2)
        .map(move |(_, (b, _))| (&k[..b], &k[b..]))
}

/// Reads regenerate.py's expansion: `form \t attrs \t root_rules \t any_rules \t entry`.
fn read_hunspell(path: &Path) -> Res<(HashMap<String, Form>, Vec<char>, u32)> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut rows = Vec::new();
    let mut rule_chars = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(form), Some(attrs), Some(rr), Some(ar), Some(fam)) =
            (f.next(), f.next(), f.next(), f.next(), f.next())
        else {
            return Err(format!("bad line in {}: {line:?}", path.display()).into());
        };
        rule_chars.extend(rr.chars());
        rule_chars.extend(ar.chars());
        rows.push((form, attrs.parse::<u8>()?, rr, ar, fam.parse::<u32>()?));
    }
    let rule_flags: Vec<char> = rule_chars.into_iter().collect();
    let bits = |s: &str| -> u64 {
        s.chars()
            .filter_map(|c| rule_flags.iter().position(|&r| r == c))
            .fold(0, |acc, i| acc | format::rule_bit(i))
    };
    let mut forms: HashMap<String, Form> = HashMap::new();
    let mut n_families = 0;
    for (form, attrs, rr, ar, fam) in rows {
        n_families = n_families.max(fam);
        let mut spellings = vec![form];
        if let Some(t) = trimmed_abbreviation(form) {
            spellings.push(t);
        }
        for s in spellings {
            let lower = s.to_lowercase();
            let e = forms.entry(lower.clone()).or_insert_with(|| Form {
                nosuggest: true,
                all_caps: true,
                ..Form::default()
            });
            if attrs & A_FORBIDDEN != 0 {
                e.forbidden = true;
            } else {
                e.valid = true;
                e.attrs |= attrs & (A_WORD | A_BEGIN | A_MIDDLE | A_END);
                e.nosuggest &= attrs & A_NOSUGGEST != 0;
                e.rule_root |= bits(rr);
                e.rule_any |= bits(ar);
            }
            e.lower_source |= s == lower;
            e.capital_source |= s.chars().next().is_some_and(char::is_uppercase);
            let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
            e.all_caps &= letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            if e.families.last() != Some(&fam) {
                e.families.push(fam);
            }
        }
    }
    for f in forms.values_mut() {
        if !f.valid {
            f.nosuggest = false;
        }
    }
    Ok((forms, rule_flags, n_families))
}

fn read_wordfreq(path: &Path) -> Res<HashMap<String, f64>> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut m = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let (w, cb) = line
            .split_once('\t')
            .ok_or_else(|| format!("bad wordfreq line {line:?}"))?;
        let cb: f64 = cb.parse()?;
        // wordfreq keys are case-folded already; the same word can't appear twice.
        m.insert(w.to_lowercase(), 10f64.powf(-cb / 100.0));
    }
    Ok(m)
}

/// Uses inside sentences the corpus must show before its capitals decide
/// whether a dictionary form that is also written in lower case is a name.
const PROPER_MIN_USES: u64 = 5;

#[derive(Default, Clone, Copy)]
struct CaseStats {
    /// Occurrences inside a sentence (not after a sentence end or line start).
    mid: u64,
    capital: u64,
    all_caps: u64,
    /// Occurrences followed by a full stop ("dir." is an abbreviation).
    dot: u64,
    /// Documents the word occurs in, and the last one seen.
    docs: u64,
    last_doc: u64,
}

#[derive(Default)]
struct Corpus {
    docs: u64,
    lines: u64,
    total: u64,
    uni: HashMap<String, u64>,
    /// Pair keys ("a b") with counts over the whole corpus.
    pairs: HashMap<Vec<u8>, u64>,
    /// Pair counts of the held-out documents (every 10th), for the coverage report.
    held_out: HashMap<Vec<u8>, u64>,
    case: HashMap<String, CaseStats>,
}

fn count_corpus(path: &Path) -> Res<Corpus> {
    let mut c = Corpus::default();
    let reader = BufReader::new(File::open(path).map_err(|e| format!("{}: {e}", path.display()))?);
    for line in reader.split(b'\n') {
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        if line.starts_with("### ") {
            c.docs += 1;
            continue;
        }
        // Soft hyphens mark possible breaks inside words ("statsbudge\u{ad}ten") in
        // the corpus; they are invisible and would split the word's statistics.
        let line = line.replace('\u{ad}', "");
        if line.trim().is_empty() {
            continue;
        }
        c.lines += 1;
        let held = c.docs % 10 == 0;
        let toks = tokenise::tokens(&line);
        for (i, t) in toks.iter().enumerate() {
            if t.word.is_empty() {
                continue;
            }
            let key = tokenise::lm_key(t.word).into_owned();
            c.total += 1;
            *c.uni.entry(key.clone()).or_default() += 1;
            if let Some(prev) = context::left_context(&toks, i) {
                if prev == tokenise::SENTENCE_START || prev == tokenise::QUOTE_END {
                    *c.uni.entry(prev.clone()).or_default() += 1;
                }
                let pk = format::pair_key(&prev, &key);
                if held {
                    *c.held_out.entry(pk.clone()).or_default() += 1;
                }
                *c.pairs.entry(pk).or_default() += 1;
            }
            // A period set apart by a space ends the sentence too ("i år .").
            let lone_stop = toks.get(i + 1).filter(|n| n.word.is_empty());
            if tokenise::closes_sentence(t, Some(&line[t.end()..]))
                || lone_stop.is_some_and(|n| tokenise::closes_sentence(n, Some(&line[n.end()..])))
            {
                *c.uni.entry(tokenise::SENTENCE_END.to_string()).or_default() += 1;
                let pk = format::pair_key(&key, tokenise::SENTENCE_END);
                if held {
                    *c.held_out.entry(pk.clone()).or_default() += 1;
                }
                *c.pairs.entry(pk).or_default() += 1;
            }
            if is_letters(t.word) {
                let mid = i > 0 && !toks[i - 1].ends_sentence() && !toks[i - 1].word.is_empty();
                let cs = c.case.entry(key).or_default();
                if cs.last_doc != c.docs || cs.docs == 0 {
                    cs.docs += 1;
                    cs.last_doc = c.docs;
                }
                if t.trail.starts_with('.') {
                    cs.dot += 1;
                }
                if mid {
                    cs.mid += 1;
                    if t.word.chars().next().is_some_and(char::is_uppercase) {
                        cs.capital += 1;
                    }
                    if t.word.chars().count() >= 2 && t.word.chars().all(char::is_uppercase) {
                        cs.all_caps += 1;
                    }
                }
            }
        }
    }
    Ok(c)
}

/// A word one edit (insertion, deletion, substitution, transposition) away from
/// `k`, outside its last two letters, that is far more frequent in the corpus.
fn frequent_neighbour(k: &str, c: u64, uni: &HashMap<String, u64>) -> Option<String> {
    let chars: Vec<char> = k.chars().collect();
    let n = chars.len();
    let limit = n.saturating_sub(2);
    let need = (TYPO_GUARD * c).max(TYPO_MIN_NEIGHBOUR);
    let check = |cand: Vec<char>| -> Option<String> {
        let s: String = cand.into_iter().collect();
        (s != k && uni.get(&s).is_some_and(|&v| v >= need)).then_some(s)
    };
    for i in 0..limit {
        // deletion
        let mut d = chars.clone();
        d.remove(i);
        if let Some(s) = check(d) {
            return Some(s);
        }
        // transposition
        if i + 1 < limit {
            let mut t = chars.clone();
            t.swap(i, i + 1);
            if let Some(s) = check(t) {
                return Some(s);
            }
        }
        for a in ALPHABET.chars() {
            let mut sub = chars.clone();
            sub[i] = a;
            if let Some(s) = check(sub) {
                return Some(s);
            }
            let mut ins = chars.clone();
            ins.insert(i, a);
            if let Some(s) = check(ins) {
                return Some(s);
            }
        }
    }
    None
}

fn is_letters(s: &str) -> bool {
    !s.is_empty() && s.chars().all(char::is_alphabetic)
}

/// A spelling with å ä ö é (and other accents) replaced by their base letters.
fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' => 'a',
        'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'ü' | 'ú' | 'ù' | 'û' => 'u',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        _ => c,
    }
}

fn diacritics(s: &str) -> usize {
    s.chars().filter(|&c| fold_char(c) != c).count()
}

/// wordfreq's probability for `k`, lowered when `k` may be a diacritic-stripped
/// spelling of another form ("for" for "för", "ar" for "är"): wordfreq's web and
/// subtitle sources contain such text, so its counts for the stripped spelling are
/// inflated. The fold group's wordfreq mass is then shared out in the proportions
/// the clean corpus shows (add-half smoothed), and `k` gets at most that share.
fn adjust_wordfreq(
    k: &str,
    wf: f64,
    groups: &HashMap<String, Vec<String>>,
    entries: &BTreeMap<String, (u8, u64)>,
    wordfreq: &HashMap<String, f64>,
    count_of: &dyn Fn(&str) -> u64,
) -> f64 {
    let Some(group) = groups.get(&fold(k)) else {
        return wf;
    };
    let d = diacritics(k);
    let members: Vec<&String> = group.iter().filter(|v| entries.contains_key(*v)).collect();
    if !members.iter().any(|v| diacritics(v) > d) {
        return wf;
    }
    let wf_group: f64 = members
        .iter()
        .map(|v| wordfreq.get(v.as_str()).copied().unwrap_or(0.0))
        .sum();
    let c_group: f64 = members.iter().map(|v| count_of(v) as f64).sum();
    let share = (count_of(k) as f64 + 0.5) / (c_group + 0.5 * members.len() as f64);
    wf.min(wf_group * share)
}
