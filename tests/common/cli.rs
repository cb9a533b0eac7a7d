//! Shared set-up of the database CLI tests: the real binary on temp-file databases.
//!
//! The tests run as root, so `culpa init` makes `root` the administrator; demo databases
//! take `--as`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub const EXAMPLE: &str = "tests/fixtures/example.json";
pub const N7: &str = "卧应急责〔2026〕7号";
/// A fixed day, so demo data (dated relative to today) and every answer are reproducible.
/// The CLI tests attach evidence dated 2026-11-08; their today is the day after.
pub const TODAY: &str = "2026-11-09";

/// Run the binary with `args` (no stdin, English, no `CULPA_DB` from the caller).
pub fn culpa(args: &[&str]) -> Output {
    culpa_in(args, &[], None)
}

/// Run with extra environment and optional stdin text.
pub fn culpa_in(args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_culpa"));
    cmd.args(args)
        .env_remove("CULPA_DB")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(text) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(text.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("the binary finishes")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit 0, or panic with stderr.
pub fn ok(o: Output) -> Output {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    o
}

/// Exit 1 and a stderr containing every needle.
pub fn refused(o: &Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "expected exit 1; stdout: {} stderr: {err}",
        stdout(o)
    );
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}: {err}");
    }
}

pub fn json_out(o: Output) -> Value {
    let o = ok(o);
    serde_json::from_slice(&o.stdout).expect("stdout is JSON")
}

/// A temp directory holding the databases of one test.
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
    pub fn s(&self, name: &str) -> String {
        self.path(name)
            .to_str()
            .expect("utf-8 temp path")
            .to_string()
    }
    pub fn write(&self, name: &str, text: &str) -> String {
        std::fs::write(self.path(name), text).expect("write temp file");
        self.s(name)
    }
}

/// `culpa init` as root, with a fixed name and unit (so two databases agree on root).
pub fn init(db: &str) {
    ok(culpa(&[
        "--db",
        db,
        "init",
        "--admin",
        "root",
        "--name",
        "管理员",
        "--unit",
        "信息科",
    ]));
}

/// A fresh root database holding `bundle`.
pub fn init_with(db: &str, bundle: &str) {
    init(db);
    ok(culpa(&["--db", db, "--today", TODAY, "import", bundle]));
}

/// A demo database at `db` (no workbench).
pub fn demo(db: &str) {
    ok(culpa(&["--db", db, "--today", TODAY, "demo", "--no-open"]));
}

/// A demo database at `db` with `cases` synthetic cases added (`demo --cases N`).
pub fn demo_with_cases(db: &str, cases: usize) {
    let n = cases.to_string();
    ok(culpa(&[
        "--db",
        db,
        "--today",
        TODAY,
        "demo",
        "--no-open",
        "--cases",
        &n,
    ]));
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read file")
}

/// `v` with the person `login` removed from `people`.
pub fn without_person(v: &Value, login: &str) -> Value {
    let mut v = v.clone();
    if let Some(people) = v["people"].as_array_mut() {
        people.retain(|p| p["login"] != login);
    }
    v
}

/// Pretty JSON with a trailing newline, as `culpa export` writes it.
pub fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("serialises");
    s.push('\n');
    s
}
