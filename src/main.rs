//! The `ocrfix` command. STUB: one file to standard output.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ocrfix FILE");
        return ExitCode::from(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("ocrfix: {path}: {e}");
            return ExitCode::from(1);
        }
    };
    let engine = ocrfix::Engine::new(ocrfix::Options::default());
    match engine.process(&bytes, &path) {
        Ok(out) => {
            print!("{}", out.text);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("ocrfix: {path}: {e}");
            ExitCode::from(1)
        }
    }
}
