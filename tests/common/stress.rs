//! Shared set-up of the stress tests: the real `culpa` binary against a demo database on a
//! temp file, commands as JSON for `culpa apply`, and read-only checks straight on the file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use culpa::domain::model::{BUNDLE_FORMAT, Bundle, Case, Interview, InterviewKind, Stage};
use culpa::workflow::Command as Wf;
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};

/// The demo case under investigation whose team is wangl and hej: the one every worker
/// edits at once, and the template of each worker's own imported cases.
pub const SHARED: &str = "卧应急责〔2026〕7号";
/// An investigator on [`SHARED`]'s team.
pub const INVESTIGATOR: &str = "wangl";
/// The demo's administrator (import is admin only).
pub const ADMIN: &str = "xuy";

/// One fixed `--today` for every process: the demo is dated relative to it (so its case
/// numbers and stages are always the same), and so is every record.
pub use super::today;

/// `culpa --db DB --lang en --today T [--as LOGIN] ARGS…`, isolated from the user's setup.
pub fn culpa(db: &Path, as_login: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_culpa"));
    c.arg("--db")
        .arg(db)
        .args([
            "--lang",
            "en",
            "--today",
            &today().to_string(),
            "--as",
            as_login,
        ])
        .args(args)
        .env_remove("CULPA_DB")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

/// The words that must never reach a user: the retry loop exists so that they do not.
pub fn assert_no_lock_words(stderr: &str, what: &str) {
    let lower = stderr.to_lowercase();
    for word in ["locked", "busy"] {
        assert!(
            !lower.contains(word),
            "{what}: stderr mentions \"{word}\":\n{stderr}"
        );
    }
}

/// Run to the end; it must succeed without a word about locks.
pub fn run_ok(mut cmd: Command, what: &str) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start culpa: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{what}: culpa failed ({}):\nstdout: {}\nstderr: {stderr}",
        out.status,
        String::from_utf8_lossy(&out.stdout)
    );
    assert_no_lock_words(&stderr, what);
    out
}

/// A fresh demo database (the demo's people and cases, `--as` allowed) at `dir/culpa.db`.
pub fn demo_db(dir: &Path) -> PathBuf {
    let db = dir.join("culpa.db");
    run_ok(culpa(&db, ADMIN, &["demo", "--no-open"]), "culpa demo");
    db
}

/// The demo's [`SHARED`] case as a template: under investigation, team wangl and hej,
/// findings recorded. Its evidence drops the vault hashes, so that an imported copy needs no
/// vault object.
pub fn template() -> Case {
    let demo = culpa::demo::demo(today());
    let mut case = demo
        .bundle
        .cases
        .into_iter()
        .find(|c| c.number == SHARED)
        .expect("the demo has the shared case");
    assert_eq!(case.stage, Stage::Investigating, "the template's stage");
    for e in &mut case.evidence {
        e.sha256 = None;
    }
    case
}

/// A bundle holding a copy of the template numbered `number`, as JSON.
pub fn bundle_json(number: &str) -> String {
    let mut case = template();
    case.number = number.to_string();
    let bundle = Bundle {
        format: BUNDLE_FORMAT.to_string(),
        people: Vec::new(),
        relations: Vec::new(),
        cases: vec![case],
    };
    serde_json::to_string_pretty(&bundle).unwrap()
}

/// An interview whose transcript is `mark`, so that it can be found afterwards.
pub fn interview(case: &str, mark: &str) -> Wf {
    Wf::RecordInterview {
        case: case.to_string(),
        interview: Interview {
            on: today(),
            kind: InterviewKind::Witness,
            interviewee: "证人甲".to_string(),
            interviewers: vec![INVESTIGATOR.to_string(), "hej".to_string()],
            transcript: mark.to_string(),
            signed: true,
            waived: false,
        },
    }
}

/// Evidence without a file, described as `mark`.
pub fn evidence_note(case: &str, mark: &str) -> Wf {
    Wf::AddEvidence {
        case: case.to_string(),
        kind: "record".to_string(),
        description: mark.to_string(),
        collected_on: today(),
        file: None,
    }
}

/// The template's findings again, at `expected_version` (a replacing, versioned edit).
pub fn findings(case: &str, expected_version: i64) -> Wf {
    Wf::SetFindings {
        case: case.to_string(),
        findings: template().findings.expect("the template has findings"),
        expected_version,
    }
}

/// Commands as the JSON `culpa apply` reads (an array).
pub fn apply_json(cmds: &[Wf]) -> String {
    serde_json::to_string_pretty(cmds).unwrap()
}

/// A read-only connection for counting (the writers are done or dead).
pub fn open_ro(db: &Path) -> Connection {
    let c = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    c.busy_timeout(std::time::Duration::from_secs(10)).unwrap();
    c
}

pub fn count(db: &Path, sql: &str, params: impl rusqlite::Params) -> i64 {
    open_ro(db)
        .query_row(sql, params, |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// What the tests count on one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseCounts {
    pub version: i64,
    pub interviews: usize,
    pub evidence: usize,
    pub findings: bool,
}

/// The case's counts as stored, or None if there is no such case.
pub fn case_counts(db: &Path, number: &str) -> Option<CaseCounts> {
    use rusqlite::OptionalExtension;
    open_ro(db)
        .query_row(
            "SELECT c.version,
                    (SELECT count(*) FROM interviews i WHERE i.case_id = c.id),
                    (SELECT count(*) FROM evidence e WHERE e.case_id = c.id),
                    c.findings IS NOT NULL
               FROM cases c WHERE c.number = ?1",
            [number],
            |r| {
                Ok(CaseCounts {
                    version: r.get(0)?,
                    interviews: r.get::<_, i64>(1)? as usize,
                    evidence: r.get::<_, i64>(2)? as usize,
                    findings: r.get(3)?,
                })
            },
        )
        .optional()
        .unwrap()
}

/// `PRAGMA integrity_check` answers exactly "ok".
pub fn assert_integrity(db: &Path) {
    let rows: Vec<String> = {
        let c = open_ro(db);
        let mut stmt = c.prepare("PRAGMA integrity_check").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(rows, vec!["ok".to_string()], "PRAGMA integrity_check");
}

/// `culpa --json audit verify`: the chain holds; returns its entry count.
pub fn audit_entries(db: &Path) -> u64 {
    let out = run_ok(
        culpa(db, ADMIN, &["--json", "audit", "verify"]),
        "audit verify",
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("audit verify --json: {e}"));
    assert_eq!(v["ok"], true, "audit verify: {v}");
    v["entries"]
        .as_u64()
        .unwrap_or_else(|| panic!("audit verify --json has no entry count: {v}"))
}

/// `culpa --json evidence verify`: every object the database refers to is there and intact;
/// returns how many objects it checked.
pub fn vault_objects(db: &Path) -> u64 {
    let out = run_ok(
        culpa(db, ADMIN, &["--json", "evidence", "verify"]),
        "evidence verify",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("evidence verify --json: {e}"));
    assert_eq!(v["ok"], true, "evidence verify: {v}");
    v["objects"].as_u64().unwrap_or_default()
}

/// Every file under the vault's `objects/` — referenced or orphaned — holds exactly the
/// content its path names (`objects/ab/cdef…` = SHA-256 `abcdef…`). Temp files elsewhere
/// in the vault are allowed. Returns how many objects there are.
pub fn assert_vault_objects_match_names(db: &Path) -> usize {
    let mut name = db.file_name().unwrap().to_os_string();
    name.push(".vault");
    let objects = db.with_file_name(name).join("objects");
    let mut n = 0;
    let Ok(dirs) = std::fs::read_dir(&objects) else {
        return 0;
    };
    for d in dirs {
        let d = d.unwrap().path();
        for f in std::fs::read_dir(&d).unwrap() {
            let f = f.unwrap().path();
            let bytes = std::fs::read(&f).unwrap();
            let actual = hex::encode(Sha256::digest(&bytes));
            let named = format!(
                "{}{}",
                d.file_name().unwrap().to_string_lossy(),
                f.file_name().unwrap().to_string_lossy()
            );
            assert_eq!(
                actual,
                named,
                "vault object {} does not hold the content its name promises (half-written?)",
                f.display()
            );
            n += 1;
        }
    }
    n
}
