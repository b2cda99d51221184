//! The command line, declared with clap. The long help (`--help`) documents the
//! outputs, the report and the exit statuses; README.md says the same at more
//! length.

use std::path::PathBuf;

use clap::{ArgGroup, Args, Parser, Subcommand};

const OUTPUTS: &str = "\
Outputs:
  For every document INPUT/rel/name.txt the run writes
    OUT/rel/name.txt   the repaired text: UTF-8, Unicode NFC, line N is input
                       line N, line endings (LF or CRLF) as in the input
    OUT/rel/name.json  the sidecar: a JSON object with the members
                       schema       \"ocrfix/1\"
                       source       the input path relative to its INPUT
                       encoding     what the input was decoded from (\"UTF-8\",
                                    \"UTF-16LE\", \"UTF-16BE\", \"windows-1252\",
                                    \"IBM850\", \"macintosh\")
                       quotes       [{text, speaker, verb, line}]
                       people       [{name, aliases, role, organisation, mentions}]
                       figures      [{text, value, unit, kind, line}]
                       corrections  [{line, column, from, to, kind, confidence}]
                       warnings     [strings]
                       stats        {lines, words, words_changed,
                                     corrections_skipped}
  For a file given directly as INPUT, rel is its file name.
  OUT/ocrfix-report.json (or --report FILE) is the run report: schema
  \"ocrfix-report/1\", a summary (documents, ok, failed, skipped, words,
  words_changed, corrections) and per document its input, source, status
  (ok/failed/skipped), output paths, encoding, counts, warnings and error.
  Outputs are written to a temporary file and renamed into place; inputs are
  never modified; a second run writes byte-identical files.

Input:
  UTF-8 (with or without BOM), UTF-16 with BOM, and legacy 8-bit files
  (windows-1252/Latin-1; DOS IBM850 and MacRoman when their Swedish letters fit
  better). Files with NUL bytes are refused as binary. Folders are walked
  recursively in sorted order; OUT inside an INPUT folder is left out.

Exit status:
  0  every document was processed (or skipped)
  1  some documents failed, or the run could not finish
  2  usage error (bad option, missing INPUT, OUT equal to an INPUT folder)

To process a folder named \"eval\", write it as ./eval.";

/// ocrfix: repair OCR'd Swedish text and extract the facts in it.
#[derive(Debug, Parser)]
#[command(
    name = "ocrfix",
    version,
    about = "Repair OCR'd Swedish text (å/ä/ö confusions, encoding damage, line-break \
             hyphenation) and extract quotes, people and figures.",
    after_long_help = OUTPUTS,
    args_conflicts_with_subcommands = true,
    // No `help` subcommand: `ocrfix help -o out` should repair a folder named help.
    disable_help_subcommand = true,
    subcommand_negates_reqs = true,
    override_usage = "ocrfix [OPTIONS] <INPUT>... -o <OUT>\n       \
                      ocrfix [OPTIONS] - [--sidecar <FILE>]\n       \
                      ocrfix eval [OPTIONS] <FIXTURES>"
)]
pub struct Cli {
    /// A subcommand instead of a repair run.
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The repair run.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score ocrfix against gold fixtures with the figures of score.py.
    ///
    /// Runs ocrfix on every NAME.txt under FIXTURES that has a NAME.gold.txt
    /// beside it and prints word and character error rates before and after,
    /// error reduction, correct words broken per 1000, and precision, recall
    /// and F1 for quotes, people and figures (when NAME.gold.json exists), per
    /// document and for ALL.
    Eval(EvalArgs),
}

/// Options of a repair run.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("policy").args(["overwrite", "skip_existing", "no_clobber"])))]
pub struct RunArgs {
    /// Files and folders to repair (folders recursively), or - to read
    /// standard input and write the repaired text to standard output.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,

    /// Folder for the repaired tree (created if missing).
    #[arg(short = 'o', long = "out", value_name = "OUT")]
    pub out: Option<PathBuf>,

    /// With -, write the JSON sidecar to FILE.
    #[arg(long, value_name = "FILE")]
    pub sidecar: Option<PathBuf>,

    /// Worker threads (0: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No progress bar and no summary; only errors are printed.
    #[arg(short, long)]
    pub quiet: bool,

    /// Take files in folders that match GLOB (repeatable; case-insensitive;
    /// without '/' it matches the file name, with '/' the path in the folder).
    /// Files named directly are always taken.
    #[arg(long, value_name = "GLOB", default_value = "*.txt")]
    pub include: Vec<String>,

    /// Leave out files and folders in folders that match GLOB (repeatable).
    /// The default leaves out the gold texts of fixture sets; giving
    /// --exclude replaces it (--exclude '' takes everything).
    #[arg(long, value_name = "GLOB", default_value = "*.gold.txt")]
    pub exclude: Vec<String>,

    /// Replace existing outputs (the default). Files whose content would not
    /// change are left untouched.
    #[arg(long)]
    pub overwrite: bool,

    /// Leave documents whose .txt and .json both exist in OUT (resumes an
    /// interrupted run); they are reported as skipped.
    #[arg(long)]
    pub skip_existing: bool,

    /// Fail documents whose outputs exist in OUT instead of replacing them.
    #[arg(long)]
    pub no_clobber: bool,

    /// Write the run report to FILE instead of OUT/ocrfix-report.json.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,

    /// Repair settings.
    #[command(flatten)]
    pub engine: EngineArgs,
}

/// Settings of the repair, shared by a run and `eval`.
#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Add the words in FILE (one per line) to the lexicon (repeatable).
    #[arg(long = "words", value_name = "FILE")]
    pub words: Vec<PathBuf>,

    /// Apply only corrections at least this sure (0 to 1).
    #[arg(long, value_name = "F", default_value_t = 0.0, value_parser = confidence)]
    pub min_confidence: f32,

    /// Do not extract quotes, people and figures (the sidecar lists none).
    #[arg(long)]
    pub no_extract: bool,
}

/// Options of `ocrfix eval`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("format").args(["json", "table"])))]
pub struct EvalArgs {
    /// A folder of NAME.txt, NAME.gold.txt and (optionally) NAME.gold.json.
    #[arg(value_name = "FIXTURES")]
    pub fixtures: PathBuf,

    /// Also write the outputs to DIR as NAME.txt and NAME.json (what
    /// score.py reads).
    #[arg(short = 'o', long = "out", value_name = "DIR", conflicts_with = "from")]
    pub out: Option<PathBuf>,

    /// Do not run ocrfix: score the outputs already in DIR, as
    /// `score.py FIXTURES DIR` does.
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,

    /// Print score.py's JSON report.
    #[arg(long)]
    pub json: bool,

    /// Print score.py's table (the default).
    #[arg(long)]
    pub table: bool,

    /// Repair settings.
    #[command(flatten)]
    pub engine: EngineArgs,
}

fn confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is not between 0 and 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_is_well_formed() {
        Cli::command().debug_assert();
    }
}
