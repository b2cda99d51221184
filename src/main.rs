//! The `ocrfix` command: parses the command line and hands over to [`cli`].
//!
//! Exit statuses: 0 every document done, 1 some failed (or the run could not
//! finish), 2 usage error (clap's own included).

mod cli;

use std::process::ExitCode;

use clap::Parser;

// The corrector builds and drops many small tables per document; mimalloc
// serves them with less work than glibc's malloc (README, Crates). The library
// leaves the allocator to the program that embeds it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    quiet_worker_panics();
    let parsed = cli::args::Cli::try_parse();
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            if e.use_stderr() {
                hint_eval_folder();
            }
            // clap gives 2 for usage errors and 0 for --help and --version.
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(cli::EXIT_USAGE));
        }
    };
    match cli::run(cli) {
        Ok(code) => code,
        Err(f) => {
            eprintln!("ocrfix: error: {:#}", f.error);
            ExitCode::from(f.status)
        }
    }
}

/// `ocrfix eval -o out` is the eval subcommand; if the user meant a folder
/// named `eval`, say how to name it.
fn hint_eval_folder() {
    let first = std::env::args_os().nth(1);
    if first.as_deref() == Some(std::ffi::OsStr::new("eval"))
        && std::path::Path::new("eval").is_dir()
    {
        eprintln!("hint: to repair the folder named eval, write it as ./eval");
    }
}

/// A panic in a batch worker costs one document, which the batch reports with
/// the panic's message; print only where it happened instead of the default
/// message and backtrace for every such document. Elsewhere the default stays.
fn quiet_worker_panics() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("ocrfix-"));
        if worker {
            if let Some(at) = info.location() {
                eprintln!("ocrfix: internal error at {at}");
            }
        } else {
            default(info);
        }
    }));
}
