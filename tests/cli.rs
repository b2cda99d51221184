//! Runs the real `ocrfix` binary on temporary trees: nested folders and every
//! kind of input a real archive has (Latin-1, UTF-16, a BOM, CRLF, an empty
//! file, a binary file), and checks the outputs, the sidecars, the report, the
//! exit statuses, that inputs are untouched and that a second run changes
//! nothing. Usage errors are listed as data in `tests/data/cli/usage.txt`.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_ocrfix");

const SWEDISH: &str = "Vår förvaltning är öppen för alla.\nÅsa och Örjan sa: \"Det går bra.\"\n";

/// What the engine makes of `text`: the expected content of an output. The
/// tests compare with this, not with the input, so that they hold whatever the
/// repair stages do.
fn repaired(text: &str) -> Vec<u8> {
    ocrfix::Engine::new(ocrfix::Options::default())
        .process_text(text, "test")
        .text
        .into_bytes()
}

fn ocrfix(args: &[&str], cwd: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .expect("run ocrfix")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// The archive-like input tree; returns the INPUT folder.
fn make_tree(root: &Path, with_binary: bool) -> PathBuf {
    let inp = root.join("in");
    write(&inp.join("plain.txt"), SWEDISH.as_bytes());
    write(
        &inp.join("sub/deeper/nested.txt"),
        "Djupt ned i trädet.\n".as_bytes(),
    );
    // Windows-1252 / Latin-1: å e5, ä e4, ö f6, Å c5, Ö d6.
    write(
        &inp.join("legacy/latin1.txt"),
        b"V\xe5r f\xf6rvaltning \xe4r \xf6ppen f\xf6r alla.\n\xc5sa och \xd6rjan.\n",
    );
    write(&inp.join("legacy/utf16.txt"), &utf16le_with_bom(SWEDISH));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SWEDISH.as_bytes());
    write(&inp.join("bom.txt"), &bom);
    write(
        &inp.join("crlf.txt"),
        SWEDISH.replace('\n', "\r\n").as_bytes(),
    );
    write(&inp.join("empty.txt"), b"");
    write(&inp.join("notes.md"), b"not a document\n");
    write(&inp.join("doc.gold.txt"), b"answer key\n");
    if with_binary {
        write(&inp.join("scan.txt"), b"PK\x03\x04\x00\x00binary");
    }
    inp
}

/// Every file under `root` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

fn mtimes(root: &Path) -> BTreeMap<PathBuf, SystemTime> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

fn json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn assert_sidecar(path: &Path, source: &str, encoding: &str) {
    let s = json(path);
    assert_eq!(s["schema"], "ocrfix/1", "{}", path.display());
    assert_eq!(s["source"], source, "{}", path.display());
    assert_eq!(s["encoding"], encoding, "{}", path.display());
    for member in ["quotes", "people", "figures", "corrections", "warnings"] {
        assert!(s[member].is_array(), "{}: {member}", path.display());
    }
}

#[test]
fn batch_run_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let inp = make_tree(tmp.path(), true);
    let out = tmp.path().join("out");
    let before = snapshot(&inp);

    let o = ocrfix(&["in", "-o", "out"], tmp.path());
    assert_eq!(code(&o), 1, "the binary file fails: {}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("scan.txt") && err.contains("binary file"),
        "{err}"
    );
    assert!(
        err.contains("8 documents: 7 ok, 1 failed, 0 skipped"),
        "{err}"
    );

    // Outputs: UTF-8 text mirroring the tree, endings kept, BOM dropped.
    let text = |rel: &str| fs::read(out.join(rel)).unwrap();
    let crlf = SWEDISH.replace('\n', "\r\n");
    assert_eq!(text("plain.txt"), repaired(SWEDISH));
    assert_eq!(
        text("sub/deeper/nested.txt"),
        repaired("Djupt ned i trädet.\n")
    );
    assert_eq!(
        text("legacy/latin1.txt"),
        repaired("Vår förvaltning är öppen för alla.\nÅsa och Örjan.\n")
    );
    assert_eq!(text("legacy/utf16.txt"), repaired(SWEDISH));
    assert_eq!(text("bom.txt"), repaired(SWEDISH));
    assert_eq!(text("crlf.txt"), repaired(&crlf));
    let crlf_out = String::from_utf8(text("crlf.txt")).unwrap();
    assert_eq!(crlf_out.matches("\r\n").count(), 2, "CRLF kept");
    assert_eq!(crlf_out.matches('\n').count(), 2, "no bare LF");
    assert_eq!(text("empty.txt"), b"");
    assert!(!out.join("scan.txt").exists() && !out.join("scan.json").exists());
    assert!(!out.join("notes.txt").exists(), "*.md is not included");
    assert!(
        !out.join("doc.gold.txt").exists(),
        "gold texts are excluded"
    );

    assert_sidecar(&out.join("plain.json"), "plain.txt", "UTF-8");
    assert_sidecar(
        &out.join("sub/deeper/nested.json"),
        "sub/deeper/nested.txt",
        "UTF-8",
    );
    assert_sidecar(
        &out.join("legacy/latin1.json"),
        "legacy/latin1.txt",
        "windows-1252",
    );
    assert_sidecar(
        &out.join("legacy/utf16.json"),
        "legacy/utf16.txt",
        "UTF-16LE",
    );
    assert_sidecar(&out.join("bom.json"), "bom.txt", "UTF-8");
    assert_sidecar(&out.join("crlf.json"), "crlf.txt", "UTF-8");
    assert_sidecar(&out.join("empty.json"), "empty.txt", "UTF-8");

    // The report.
    let report = json(&out.join("ocrfix-report.json"));
    assert_eq!(report["schema"], "ocrfix-report/1");
    let s = &report["summary"];
    assert_eq!(
        (&s["documents"], &s["ok"], &s["failed"], &s["skipped"]),
        (
            &Value::from(8),
            &Value::from(7),
            &Value::from(1),
            &Value::from(0)
        )
    );
    let docs = report["documents"].as_array().unwrap();
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        [
            "bom.txt",
            "crlf.txt",
            "empty.txt",
            "legacy/latin1.txt",
            "legacy/utf16.txt",
            "plain.txt",
            "scan.txt",
            "sub/deeper/nested.txt"
        ]
    );
    let scan = docs.iter().find(|d| d["source"] == "scan.txt").unwrap();
    assert_eq!(scan["status"], "failed");
    assert!(scan["error"].as_str().unwrap().contains("binary file"));
    assert!(scan["text"].is_null());
    let latin1 = docs
        .iter()
        .find(|d| d["source"] == "legacy/latin1.txt")
        .unwrap();
    assert_eq!(latin1["status"], "ok");
    assert_eq!(latin1["encoding"], "windows-1252");
    assert_eq!(latin1["sidecar"], "legacy/latin1.json");

    // Inputs are untouched.
    assert_eq!(snapshot(&inp), before);

    // A second run changes nothing, not even modification times.
    let outputs = snapshot(&out);
    let times = mtimes(&out);
    let o = ocrfix(&["in", "-o", "out"], tmp.path());
    assert_eq!(code(&o), 1);
    assert_eq!(snapshot(&out), outputs);
    assert_eq!(mtimes(&out), times);
    assert_eq!(snapshot(&inp), before);
}

#[test]
fn all_good_exits_0_and_threads_do_not_change_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), false);
    let o = ocrfix(&["in", "-o", "one", "-j", "1"], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = ocrfix(&["in", "-o", "two", "-j", "2", "-q"], tmp.path());
    assert_eq!(code(&o), 0);
    assert!(o.stderr.is_empty(), "-q prints nothing: {}", stderr(&o));
    let strip = |root: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        snapshot(root)
            .into_iter()
            .map(|(p, b)| (p.strip_prefix(root).unwrap().to_path_buf(), b))
            .collect()
    };
    assert_eq!(
        strip(&tmp.path().join("one")),
        strip(&tmp.path().join("two"))
    );
}

#[test]
fn out_inside_input_is_not_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let inp = make_tree(tmp.path(), false);
    for _ in 0..2 {
        let o = ocrfix(&["in", "-o", "in/out"], tmp.path());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        assert!(stderr(&o).contains("7 documents"), "{}", stderr(&o));
    }
    assert!(inp.join("out/plain.txt").exists());
    assert!(!inp.join("out/out").exists());
    let report = json(&inp.join("out/ocrfix-report.json"));
    assert_eq!(report["summary"]["documents"], 7);
}

#[test]
fn out_equal_to_input_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let inp = make_tree(tmp.path(), false);
    let before = snapshot(&inp);
    let o = ocrfix(&["in", "-o", "in"], tmp.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("is the same as"), "{}", stderr(&o));
    let o = ocrfix(&["in/sub", "-o", "in"], tmp.path());
    assert_eq!(code(&o), 2, "OUT containing an INPUT folder");
    assert_eq!(snapshot(&inp), before);
}

#[test]
fn a_file_input_lands_at_the_top_of_out() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), false);
    let o = ocrfix(
        &["in/sub/deeper/nested.txt", "in/notes.md", "-o", "out"],
        tmp.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(tmp.path().join("out/nested.txt").exists());
    assert_sidecar(&tmp.path().join("out/nested.json"), "nested.txt", "UTF-8");
    // Named files are taken whatever the globs say; the output is NAME.txt.
    assert!(tmp.path().join("out/notes.txt").exists());
}

#[test]
fn overwrite_policies() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), false);
    assert_eq!(code(&ocrfix(&["in", "-o", "out"], tmp.path())), 0);

    let o = ocrfix(&["in", "-o", "out", "--no-clobber"], tmp.path());
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("exists"), "{}", stderr(&o));

    let o = ocrfix(&["in", "-o", "out", "--skip-existing"], tmp.path());
    assert_eq!(code(&o), 0);
    let report = json(&tmp.path().join("out/ocrfix-report.json"));
    assert_eq!(report["summary"]["skipped"], 7);

    // A missing sidecar means the document is redone.
    fs::remove_file(tmp.path().join("out/plain.json")).unwrap();
    let o = ocrfix(&["in", "-o", "out", "--skip-existing"], tmp.path());
    assert_eq!(code(&o), 0);
    assert!(tmp.path().join("out/plain.json").exists());

    let o = ocrfix(
        &["in", "-o", "out", "--skip-existing", "--no-clobber"],
        tmp.path(),
    );
    assert_eq!(code(&o), 2, "policies exclude each other");
}

#[test]
fn report_can_be_moved_and_globs_chosen() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), false);
    let o = ocrfix(
        &[
            "in",
            "-o",
            "out",
            "--report",
            "run.json",
            "--include",
            "*.md",
            "--include",
            "*.txt",
            "--exclude",
            "legacy",
            "--exclude",
            "sub/deeper/*.txt",
        ],
        tmp.path(),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report = json(&tmp.path().join("run.json"));
    let sources: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect();
    // --exclude replaced the default, so the gold text is taken too.
    assert_eq!(
        sources,
        [
            "bom.txt",
            "crlf.txt",
            "doc.gold.txt",
            "empty.txt",
            "notes.md",
            "plain.txt"
        ]
    );
    assert!(!tmp.path().join("out/ocrfix-report.json").exists());
}

#[test]
fn stdin_to_stdout() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = Command::new(BIN)
        .args(["-", "--sidecar", "side.json"])
        .current_dir(tmp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"V\xe5r f\xf6rvaltning\r\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(o.stdout, repaired("Vår förvaltning\r\n"));
    assert!(o.stderr.is_empty());
    assert_sidecar(&tmp.path().join("side.json"), "-", "windows-1252");

    let mut child = Command::new(BIN)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"a\0b").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 1);
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("binary file"), "{}", stderr(&o));
}

#[test]
fn a_folder_named_eval() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("eval/doc.txt"), b"Hej\n");
    let o = ocrfix(&["./eval", "-o", "out"], tmp.path());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(tmp.path().join("out/doc.txt").exists());
    let o = ocrfix(&["eval", "-o", "out2"], tmp.path());
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("./eval"), "{}", stderr(&o));
}

#[test]
fn help_and_version() {
    let tmp = tempfile::tempdir().unwrap();
    let o = ocrfix(&["--help"], tmp.path());
    assert_eq!(code(&o), 0);
    let help = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "Exit status",
        "ocrfix-report.json",
        "sidecar",
        "corrections",
        "encoding",
    ] {
        assert!(help.contains(needle), "--help lacks {needle}");
    }
    let o = ocrfix(&["--version"], tmp.path());
    assert_eq!(code(&o), 0);
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        concat!("ocrfix ", env!("CARGO_PKG_VERSION"))
    );
}

/// Each line of `tests/data/cli/usage.txt`: arguments (split on spaces), `|`,
/// the exit status, `|`, text that standard error must contain.
#[test]
fn usage_cases() {
    let tmp = tempfile::tempdir().unwrap();
    make_tree(tmp.path(), false);
    let cases = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cli/usage.txt"),
    )
    .unwrap();
    let mut n = 0;
    for line in cases.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(parts.len(), 3, "bad case line: {line}");
        let args: Vec<&str> = parts[0].split_whitespace().collect();
        let want: i32 = parts[1].parse().unwrap();
        let o = ocrfix(&args, tmp.path());
        assert_eq!(code(&o), want, "ocrfix {}: {}", parts[0], stderr(&o));
        assert!(
            stderr(&o).contains(parts[2]),
            "ocrfix {}: stderr lacks {:?}: {}",
            parts[0],
            parts[2],
            stderr(&o)
        );
        n += 1;
    }
    assert!(n > 5);
    // Nothing of that wrote an output folder.
    assert!(!tmp.path().join("out").exists());
}

#[test]
fn damaged_utf8_fails_with_a_clear_error_and_the_batch_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("in/good.txt"), "Det går bra.\n".as_bytes());
    write(
        &tmp.path().join("in/mixed.txt"),
        b"f\xc3\xb6r \xc3\xa4r p\xe5\n",
    );
    let o = ocrfix(&["in", "-o", "out"], tmp.path());
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(
        err.contains("in/mixed.txt: cannot decode as UTF-8: invalid byte 0xE5"),
        "{err}"
    );
    assert!(tmp.path().join("out/good.txt").exists());
    let report = json(&tmp.path().join("out/ocrfix-report.json"));
    assert_eq!(report["summary"]["failed"], 1);
    assert_eq!(report["summary"]["ok"], 1);
}
