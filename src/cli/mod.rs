//! What the `ocrfix` binary does with its arguments: a batch run, a
//! standard-input run, or `eval`. The library does the work; this layer adds
//! the file names and context to errors, the progress bar and the summary, and
//! turns outcomes into exit statuses.

pub mod args;

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use clap::CommandFactory;
use clap::error::ErrorKind;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use ocrfix::batch::{self, BatchOptions, DocReport, IfExists, Status};
use ocrfix::{Engine, Options, eval};

use args::{Cli, Command, EngineArgs, EvalArgs, RunArgs};

/// Exit status: every document done.
pub const EXIT_OK: u8 = 0;
/// Exit status: some documents failed, or the run could not finish.
pub const EXIT_FAILED: u8 = 1;
/// Exit status: usage error.
pub const EXIT_USAGE: u8 = 2;

/// An error with the exit status it should give.
pub struct Failure {
    /// What went wrong, with context.
    pub error: anyhow::Error,
    /// [`EXIT_FAILED`] or [`EXIT_USAGE`].
    pub status: u8,
}

impl Failure {
    fn usage(error: impl Into<anyhow::Error>) -> Failure {
        Failure {
            error: error.into(),
            status: EXIT_USAGE,
        }
    }

    fn failed(error: impl Into<anyhow::Error>) -> Failure {
        Failure {
            error: error.into(),
            status: EXIT_FAILED,
        }
    }

    /// A library error: a usage error if it is one, a failure otherwise.
    fn from_lib(error: ocrfix::Error, context: impl FnOnce() -> String) -> Failure {
        let status = if error.is_usage() {
            EXIT_USAGE
        } else {
            EXIT_FAILED
        };
        Failure {
            error: anyhow::Error::new(error).context(context()),
            status,
        }
    }
}

/// Exits with clap's usage message for a combination clap cannot express.
fn usage_error(kind: ErrorKind, message: &str) -> ! {
    Cli::command().error(kind, message).exit()
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Some(Command::Eval(a)) => run_eval(&a),
        None => {
            let a = cli.run;
            if a.inputs.iter().any(|p| p.as_os_str() == "-") {
                run_stdin(&a)
            } else {
                run_batch(&a)
            }
        }
    }
}

fn engine(a: &EngineArgs) -> Result<Engine, Failure> {
    let options = Options {
        min_confidence: a.min_confidence,
        extract: !a.no_extract,
        user_words: a.words.clone(),
    };
    Engine::try_new(options).map_err(|e| Failure::from_lib(e, || "cannot set up".to_string()))
}

fn run_stdin(a: &RunArgs) -> Result<ExitCode, Failure> {
    if a.inputs.len() > 1 {
        usage_error(
            ErrorKind::ArgumentConflict,
            "- (standard input) must be the only INPUT",
        );
    }
    if a.out.is_some() {
        usage_error(
            ErrorKind::ArgumentConflict,
            "with - the repaired text goes to standard output; drop -o (use --sidecar FILE for the sidecar)",
        );
    }
    let engine = engine(&a.engine)?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .read_to_end(&mut bytes)
        .context("cannot read standard input")
        .map_err(Failure::failed)?;
    let output = engine
        .process(&bytes, "-")
        .context("-")
        .map_err(Failure::failed)?;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(output.text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write standard output")
        .map_err(Failure::failed)?;
    if let Some(path) = &a.sidecar {
        batch::write_atomic(path, batch::sidecar_to_json(&output.sidecar).as_bytes())
            .with_context(|| format!("cannot write sidecar {}", path.display()))
            .map_err(Failure::failed)?;
    }
    Ok(ExitCode::from(EXIT_OK))
}

fn run_batch(a: &RunArgs) -> Result<ExitCode, Failure> {
    let Some(out) = &a.out else {
        usage_error(
            ErrorKind::MissingRequiredArgument,
            "-o OUT is required (or give - as the only INPUT to use standard input and output)",
        );
    };
    if a.sidecar.is_some() {
        usage_error(
            ErrorKind::ArgumentConflict,
            "--sidecar is only for - (standard input); a run writes a sidecar beside each output",
        );
    }
    let if_exists = if a.skip_existing {
        IfExists::Skip
    } else if a.no_clobber {
        IfExists::Error
    } else {
        IfExists::Overwrite
    };
    let options = BatchOptions {
        include: a.include.clone(),
        exclude: a.exclude.clone(),
        threads: a.threads,
        if_exists,
        report: a.report.clone(),
    };
    let engine = engine(&a.engine)?;
    let started = Instant::now();
    let show_bar = !a.quiet && std::io::stderr().is_terminal();
    // Walking an archive of a million files takes a while on a cold disk:
    // say so rather than sit silent.
    let walking = if show_bar {
        let s = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}  {elapsed}") {
            s.set_style(style);
        }
        s.set_message("finding the documents");
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    } else {
        ProgressBar::hidden()
    };
    let plan = batch::plan(&a.inputs, out, &options);
    walking.finish_and_clear();
    let plan = plan.map_err(|e| Failure::from_lib(e, || "cannot plan the run".to_string()))?;

    let bar = if show_bar {
        let bar = ProgressBar::with_draw_target(
            Some(plan.jobs.len() as u64),
            ProgressDrawTarget::stderr(),
        );
        if let Ok(style) =
            ProgressStyle::with_template("{wide_bar} {pos}/{len} files  {rate}  ETA {eta}")
        {
            bar.set_style(style.with_key(
                "rate",
                |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.1} files/s", state.per_sec());
                },
            ));
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let on_done = |doc: &DocReport| {
        if doc.status == Status::Failed {
            let msg = format!(
                "ocrfix: {}: {}",
                doc.input,
                doc.error.as_deref().unwrap_or("failed")
            );
            // Printed above the bar, or plainly when there is none.
            bar.suspend(|| eprintln!("{msg}"));
        }
        bar.inc(1);
    };
    let s = batch::run(&engine, &plan, &options, &on_done)
        .map_err(|e| Failure::from_lib(e, || format!("run into {} failed", out.display())))?;
    bar.finish_and_clear();

    if !a.quiet {
        let secs = started.elapsed().as_secs_f64();
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        eprintln!(
            "ocrfix: {}: {} ok, {} failed, {} skipped; {}, {} changed; {:.2} s",
            plural(s.documents, "document"),
            s.ok,
            s.failed,
            s.skipped,
            plural(s.words, "word"),
            s.words_changed,
            secs
        );
        eprintln!("ocrfix: report: {}", plan.report.display());
    }
    Ok(ExitCode::from(if s.failed > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    }))
}

fn run_eval(a: &EvalArgs) -> Result<ExitCode, Failure> {
    let report = match &a.from {
        Some(dir) => {
            if !dir.is_dir() {
                return Err(Failure::usage(anyhow::anyhow!(
                    "--from {}: not a folder",
                    dir.display()
                )));
            }
            eval::score_dir(&a.fixtures, dir)
        }
        None => {
            let engine = engine(&a.engine)?;
            eval::evaluate(&engine, &a.fixtures, a.out.as_deref())
        }
    }
    .map_err(|e| Failure::from_lib(e, || format!("cannot evaluate {}", a.fixtures.display())))?;

    let mut failed = false;
    for d in &report.documents {
        if let Some(e) = &d.error {
            failed = true;
            eprintln!(
                "ocrfix: {}: {e} (scored as empty output)",
                Path::new(&a.fixtures)
                    .join(format!("{}.txt", d.name))
                    .display()
            );
        }
    }
    let text = if a.json {
        report.to_json()
    } else {
        report.to_table()
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write standard output")
        .map_err(Failure::failed)?;
    Ok(ExitCode::from(if failed { EXIT_FAILED } else { EXIT_OK }))
}
