//! Builds a benchmark archive of OCR'd Swedish documents, deterministically.
//!
//! ```text
//! gen_corpus [--out DIR] [--size 100MB] [--seed N] [--min-kb 2] [--max-kb 50]
//!            [--gold] [--force] [--table FILE] [SOURCE...]
//! gen_corpus fit [FIXTURES]          # prints a fitted noise table (TSV)
//! ```
//!
//! SOURCE is any mix of clean `*.txt` / `*.txt.gz` files and folders; by default
//! the Riksdagen interpellations corpus in `../shared/corpora/` and the fixtures'
//! gold files. Documents of 2-50 KB (log-uniform) are laid out at a line width of
//! 45-90 characters with line-break hyphenation, then damaged with the noise
//! table fitted to `fixtures/seed-dev` (`benches/noise_table.tsv`), and written
//! to `DIR/volNN/secNN/docNNNNN.txt`; `--gold` also writes the clean text as
//! `docNNNNN.gold.txt`. `DIR/GENERATED.tsv` records the settings and every
//! document. An example, not a binary, so that the installed `ocrfix` is
//! untouched by it.

#[path = "../corpus/mod.rs"]
mod corpus;

use corpus::{NoiseModel, NoiseTable, Settings, Sources, Summary};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: gen_corpus [--out DIR] [--size 100MB] [--seed N] [--min-kb 2] [--max-kb 50] [--gold] [--force] [--table FILE] [SOURCE...]\n       gen_corpus fit [FIXTURES]";

/// Parsed command line of a generation run.
#[derive(Debug)]
struct Args {
    out: PathBuf,
    settings: Settings,
    gold: bool,
    force: bool,
    table: Option<PathBuf>,
    sources: Vec<PathBuf>,
}

/// "100MB", "10M", "500KB", "2k", "12345": decimal units, as MB/s are.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_lowercase();
    let t = t.strip_suffix('b').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1e3),
        Some('m') => (&t[..t.len() - 1], 1e6),
        Some('g') => (&t[..t.len() - 1], 1e9),
        _ => (t, 1.0),
    };
    num.parse::<f64>()
        .map(|n| (n * mult) as u64)
        .map_err(|_| format!("bad size {s:?}"))
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut a = Args {
        out: PathBuf::from("/tmp/ocrfix-corpus"),
        settings: Settings::default(),
        gold: false,
        force: false,
        table: None,
        sources: Vec::new(),
    };
    let mut it = argv.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "-o" | "--out" => a.out = PathBuf::from(value(arg)?),
            "--size" => a.settings.total_bytes = parse_size(&value(arg)?)?,
            "--seed" => {
                a.settings.seed = value(arg)?.parse().map_err(|_| "bad --seed".to_string())?
            }
            "--min-kb" => a.settings.min_doc = parse_size(&format!("{}k", value(arg)?))? as usize,
            "--max-kb" => a.settings.max_doc = parse_size(&format!("{}k", value(arg)?))? as usize,
            "--gold" => a.gold = true,
            "--force" => a.force = true,
            "--table" => a.table = Some(PathBuf::from(value(arg)?)),
            "-h" | "--help" => return Err(USAGE.to_string()),
            s if s.starts_with('-') => return Err(format!("unknown option {s}\n{USAGE}")),
            s => a.sources.push(PathBuf::from(s)),
        }
    }
    if a.settings.min_doc == 0 || a.settings.min_doc > a.settings.max_doc {
        return Err("need 0 < --min-kb <= --max-kb".to_string());
    }
    Ok(a)
}

/// The sources to read: those given, or the defaults that exist.
fn sources(given: &[PathBuf]) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given.to_vec();
    }
    let mut v = Vec::new();
    let riksdagen = corpus::default_riksdagen();
    if riksdagen.exists() {
        v.push(riksdagen);
    } else {
        eprintln!(
            "gen_corpus: {} not found; building from the fixtures' gold files only",
            riksdagen.display()
        );
    }
    v.extend(corpus::default_gold_files());
    v
}

/// Writes the corpus and its manifest; returns the summary.
fn write_corpus(args: &Args, sources: &Sources, table: &NoiseTable) -> std::io::Result<Summary> {
    let out = &args.out;
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        if args.force && out.join("GENERATED.tsv").exists() {
            std::fs::remove_dir_all(out)?;
        } else {
            return Err(std::io::Error::other(format!(
                "{} is not empty (--force replaces an earlier generated corpus)",
                out.display()
            )));
        }
    }
    std::fs::create_dir_all(out)?;
    let model = NoiseModel::new(table);
    let mut manifest = String::new();
    let s = &args.settings;
    let _ = writeln!(
        manifest,
        "# ocrfix benchmark corpus: seed {} size {} doc {}..{} bytes width {}..{} clean_share {}",
        s.seed, s.total_bytes, s.min_doc, s.max_doc, s.min_width, s.max_width, s.clean_share
    );
    let _ = writeln!(
        manifest,
        "path\tbytes\twidth\tseverity\tdamaged\thyphenated"
    );
    let mut summary = Summary::default();
    corpus::generate(sources, &model, s, |doc| {
        let path = out.join(&doc.path);
        std::fs::create_dir_all(path.parent().expect("doc path has a folder"))?;
        std::fs::write(&path, &doc.text)?;
        if args.gold {
            std::fs::write(path.with_extension("gold.txt"), &doc.gold)?;
        }
        let _ = writeln!(
            manifest,
            "{}\t{}\t{}\t{:.3}\t{}\t{}",
            doc.path,
            doc.text.len(),
            doc.width,
            doc.severity,
            doc.damaged,
            doc.hyphenated
        );
        summary.add(&doc);
        Ok(())
    })?;
    // Not *.txt, so that `ocrfix DIR` does not take it for a document.
    std::fs::write(out.join("GENERATED.tsv"), manifest)?;
    Ok(summary)
}

fn run(argv: &[String]) -> Result<(), String> {
    if argv.first().map(String::as_str) == Some("fit") {
        let dir = argv.get(1).map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-dev"),
            PathBuf::from,
        );
        let docs = corpus::read_fixtures(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        print!("{}", corpus::fit(&docs).to_tsv());
        return Ok(());
    }
    let args = parse_args(argv)?;
    let table = match &args.table {
        Some(p) => NoiseTable::parse(
            &std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?,
        )?,
        None => NoiseTable::committed(),
    };
    let paths = sources(&args.sources);
    let sources = Sources::load(&paths).map_err(|e| format!("reading sources: {e}"))?;
    if sources.docs.is_empty() {
        return Err("no clean text found in the sources".to_string());
    }
    let t = std::time::Instant::now();
    let summary = write_corpus(&args, &sources, &table).map_err(|e| e.to_string())?;
    eprintln!(
        "gen_corpus: {} in {} ({:.1} s, seed {}, from {} source documents, {:.1} MB)",
        summary,
        args.out.display(),
        t.elapsed().as_secs_f64(),
        args.settings.seed,
        sources.docs.len(),
        sources.bytes as f64 / 1e6
    );
    Ok(())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match run(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(out: &Path, seed: u64, size: u64) -> Args {
        Args {
            out: out.to_path_buf(),
            settings: Settings {
                seed,
                total_bytes: size,
                ..Settings::default()
            },
            gold: true,
            force: false,
            table: None,
            sources: Vec::new(),
        }
    }

    /// Every file under `dir`, relative path and bytes, in sorted order.
    fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                    out.push((rel, std::fs::read(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    fn gold_sources() -> Sources {
        Sources::load(&corpus::default_gold_files()).unwrap()
    }

    #[test]
    fn same_seed_gives_byte_identical_corpus() {
        let src = gold_sources();
        let table = NoiseTable::committed();
        let tmp = tempfile::tempdir().unwrap();
        let (a, b, c) = (
            tmp.path().join("a"),
            tmp.path().join("b"),
            tmp.path().join("c"),
        );
        write_corpus(&args(&a, 7, 300_000), &src, &table).unwrap();
        write_corpus(&args(&b, 7, 300_000), &src, &table).unwrap();
        write_corpus(&args(&c, 8, 300_000), &src, &table).unwrap();
        let (ta, tb, tc) = (tree(&a), tree(&b), tree(&c));
        assert!(ta.len() > 10, "{} files", ta.len());
        assert_eq!(ta, tb);
        assert_ne!(ta, tc);
    }

    #[test]
    fn smaller_corpus_is_a_prefix_of_a_larger_one() {
        let src = gold_sources();
        let model = NoiseModel::new(&NoiseTable::committed());
        let docs = |size| {
            let mut v = Vec::new();
            let s = Settings {
                total_bytes: size,
                ..Settings::default()
            };
            corpus::generate(&src, &model, &s, |d| {
                v.push((d.path, d.text));
                Ok(())
            })
            .unwrap();
            v
        };
        let (small, large) = (docs(100_000), docs(300_000));
        assert!(small.len() > 3 && large.len() > small.len());
        // All but the last two small documents: the final ones are cut to the
        // bytes remaining (two when damage made the first cut one fall short).
        for (i, (s, l)) in small.iter().zip(&large).take(small.len() - 2).enumerate() {
            assert!(s == l, "document {i} differs");
        }
    }

    #[test]
    fn documents_have_the_requested_sizes_and_lines() {
        let src = gold_sources();
        let model = NoiseModel::new(&NoiseTable::committed());
        let s = Settings {
            total_bytes: 400_000,
            ..Settings::default()
        };
        let mut summary = Summary::default();
        corpus::generate(&src, &model, &s, |d| {
            assert!(
                d.text.len() >= 1_500 && d.text.len() < 70_000,
                "{}",
                d.text.len()
            );
            // The gold has the OCR's lines, as spec/gold-text.md requires.
            assert_eq!(d.text.lines().count(), d.gold.lines().count());
            summary.add(&d);
            Ok(())
        })
        .unwrap();
        assert!(summary.bytes >= 400_000);
        assert!(summary.damaged > 0 && summary.hyphenated > 0);
    }

    #[test]
    fn committed_table_is_what_the_fit_gives() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-dev");
        let docs = corpus::read_fixtures(&dir).unwrap();
        assert_eq!(
            corpus::fit(&docs).to_tsv(),
            include_str!("../noise_table.tsv"),
            "regenerate benches/noise_table.tsv (see its header)"
        );
    }

    #[test]
    fn aligns_two_character_renderings_and_doubled_digits() {
        let b = corpus::char_blocks("fjairde", "fjärde");
        assert_eq!(b, [("ä".to_string(), "ai".to_string())]);
        assert_eq!(
            corpus::char_blocks("20009", "2009"),
            [("0".to_string(), "00".to_string())]
        );
        assert_eq!(
            corpus::char_blocks("f6r", "för"),
            [("ö".to_string(), "6".to_string())]
        );
        assert_eq!(
            corpus::char_blocks("rligen", "årligen"),
            [("å".to_string(), String::new())]
        );
    }

    #[test]
    fn parses_sizes() {
        assert_eq!(parse_size("100MB"), Ok(100_000_000));
        assert_eq!(parse_size("10m"), Ok(10_000_000));
        assert_eq!(parse_size("2k"), Ok(2_000));
        assert_eq!(parse_size("1234"), Ok(1234));
        assert!(parse_size("lots").is_err());
    }
}
