//! A writer killed with SIGKILL at any moment loses nothing it reported and damages nothing.
//!
//! KILLS times, a real `culpa` process writes a long run — `evidence add` of many files
//! (vault copy, then one transaction each) or `apply` of many interviews (one transaction
//! each) — and is killed with SIGKILL part-way: at a random-ish moment after it started
//! (which may fall in start-up, opening, WAL recovery after the previous kill, or a write),
//! or just after it reported its m-th write. Both writers print one line per completed write,
//! flushed as it happens (Rust's stdout is line-buffered even into a pipe).
//!
//! After each kill: every write it reported is in the database, and the writes that landed
//! are exactly the first k of the run (no gap, no half-write), where k is the number
//! reported or one more (a write committed just before the line was printed). After all
//! kills: `PRAGMA integrity_check` is ok, `culpa audit verify` holds and counts exactly the
//! setup plus every write that landed, `culpa evidence verify` holds, and every object in the
//! vault — referenced or orphaned by a kill between the copy and the commit — holds the
//! content its name promises (temp files may remain).

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::stress::*;

/// Kills to reach (runs that finish before their kill moment do not count)…
const KILLS: u64 = 60;
/// …within this many runs.
const MAX_RUNS: u64 = 150;
/// Writes each run would do if left alone.
const RUN: usize = 24;
/// Bytes per evidence file: large enough that a kill can fall inside the vault copy.
const FILE_BYTES: usize = 256 * 1024;

/// A small deterministic generator (SplitMix64), so the kill moments are "random" but the
/// same on every run of the test.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[derive(Debug, Clone, Copy)]
enum Writer {
    EvidenceAdd,
    Apply,
}

#[derive(Debug, Clone, Copy)]
enum When {
    /// This long after the spawn.
    After(Duration),
    /// Right after the m-th reported write, plus a little.
    AfterLine(usize, Duration),
}

fn file_name(i: u64, j: usize) -> String {
    format!("k{i}-{j}.txt")
}

fn mark(i: u64, j: usize) -> String {
    format!("kill {i} interview {j}")
}

fn spawn(db: &Path, dir: &Path, i: u64, writer: Writer) -> Child {
    let cmd = match writer {
        Writer::EvidenceAdd => {
            let mut args = vec!["evidence".to_string(), "add".into(), SHARED.into()];
            for j in 0..RUN {
                let f = dir.join(file_name(i, j));
                let line = format!("run {i} file {j}\n");
                std::fs::write(&f, line.repeat(FILE_BYTES / line.len())).unwrap();
                args.push(f.to_str().unwrap().to_string());
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            culpa(db, INVESTIGATOR, &args)
        }
        Writer::Apply => {
            let cmds: Vec<_> = (0..RUN).map(|j| interview(SHARED, &mark(i, j))).collect();
            let f = dir.join(format!("apply{i}.json"));
            std::fs::write(&f, apply_json(&cmds)).unwrap();
            culpa(db, INVESTIGATOR, &["apply", f.to_str().unwrap()])
        }
    };
    let mut cmd = cmd;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.spawn().unwrap()
}

/// Run one writer and kill it; returns (reported lines, whether it was killed, stderr).
fn run_and_kill(mut child: Child, when: When) -> (Vec<String>, bool, String) {
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let err_reader = thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let started = Instant::now();
    let mut lines = Vec::new();
    // Wait for the moment (or for the writer to finish on its own: the channel closes).
    let deadline = started + Duration::from_secs(30);
    loop {
        let due = match when {
            When::After(d) => started + d,
            When::AfterLine(..) => deadline,
        };
        let now = Instant::now();
        if now >= due {
            break;
        }
        match rx.recv_timeout(due - now) {
            Ok(line) => {
                lines.push(line);
                if let When::AfterLine(m, extra) = when
                    && lines.len() >= m
                {
                    thread::sleep(extra);
                    break;
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    // Child::kill sends SIGKILL on Unix; if the writer already finished, the status says so.
    let _ = child.kill();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    lines.extend(rx.try_iter());
    let stderr = err_reader.join().unwrap();
    let killed = status.signal() == Some(libc_sigkill());
    if !killed {
        assert!(
            status.success(),
            "the writer failed on its own ({status}):\n{stderr}"
        );
    }
    (lines, killed, stderr)
}

fn libc_sigkill() -> i32 {
    nix::sys::signal::Signal::SIGKILL as i32
}

/// Which of run `i`'s writes are in the database, by index.
fn landed(db: &Path, i: u64, writer: Writer) -> Vec<usize> {
    let c = open_ro(db);
    let (sql, prefix) = match writer {
        Writer::EvidenceAdd => (
            "SELECT file_name FROM attachments WHERE file_name LIKE ?1",
            format!("k{i}-%"),
        ),
        Writer::Apply => (
            "SELECT transcript FROM interviews WHERE transcript LIKE ?1",
            format!("kill {i} interview %"),
        ),
    };
    let mut stmt = c.prepare(sql).unwrap();
    let names: Vec<String> = stmt
        .query_map([&prefix], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut idx: Vec<usize> = names
        .iter()
        .map(|n| {
            (0..RUN)
                .find(|&j| match writer {
                    Writer::EvidenceAdd => *n == file_name(i, j),
                    Writer::Apply => *n == mark(i, j),
                })
                .unwrap_or_else(|| panic!("run {i}: unexpected record {n:?}"))
        })
        .collect();
    idx.sort_unstable();
    idx
}

#[test]
fn a_writer_killed_at_any_moment_loses_nothing_it_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let db = demo_db(tmp.path());
    let files = tmp.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let setup_entries = audit_entries(&db);
    let mut total_landed = 0u64;
    let mut killed_runs = 0u64;
    let mut mid_run_kills = 0;
    let mut unreported = 0;
    let mut i = 0;
    while killed_runs < KILLS && i < MAX_RUNS {
        i += 1;
        let r = mix(i);
        let writer = if i.is_multiple_of(2) {
            Writer::EvidenceAdd
        } else {
            Writer::Apply
        };
        let when = if r.is_multiple_of(3) {
            When::After(Duration::from_millis(5 + (r >> 8) % 200))
        } else {
            let m = 1 + (r >> 8) as usize % (RUN - 2);
            When::AfterLine(m, Duration::from_micros((r >> 20) % 3000))
        };
        let child = spawn(&db, &files, i, writer);
        let (lines, killed, stderr) = run_and_kill(child, when);
        let what = format!("run {i} ({writer:?}, killed {when:?})");
        if !killed {
            // It finished before the kill: then it must have succeeded completely.
            assert_eq!(
                lines.len(),
                RUN,
                "{what}: finished but reported {lines:?}\n{stderr}"
            );
        } else {
            killed_runs += 1;
        }
        assert_no_lock_words(&stderr, &what);
        let reported = lines.len();
        if writer_reports_by_name(writer) {
            for (j, line) in lines.iter().enumerate() {
                assert!(
                    line.contains(&file_name(i, j)),
                    "{what}: line {j} should report {}: {line}",
                    file_name(i, j)
                );
            }
        }
        let got = landed(&db, i, writer);
        let k = got.len();
        assert_eq!(
            got,
            (0..k).collect::<Vec<_>>(),
            "{what}: the writes that landed are not the first {k} of the run"
        );
        assert!(
            k >= reported,
            "{what}: reported {reported} writes but only {k} are in the database"
        );
        assert!(
            k <= reported + 1,
            "{what}: {k} writes landed but only {reported} were reported (at most one may \
             commit unreported, just before the kill)"
        );
        if k > reported {
            unreported += 1;
        }
        if killed && reported > 0 && k < RUN {
            mid_run_kills += 1;
        }
        total_landed += k as u64;
    }
    // Enough kills fell in the middle of a run to mean something.
    assert!(
        killed_runs >= KILLS && mid_run_kills >= KILLS / 2,
        "only {killed_runs} of {i} runs were killed, {mid_run_kills} of them mid-run"
    );

    assert_integrity(&db);
    assert_eq!(
        audit_entries(&db),
        setup_entries + total_landed,
        "audit entries = setup + every write that landed"
    );
    let referenced = vault_objects(&db);
    let objects = assert_vault_objects_match_names(&db);
    assert!(referenced > 0, "the vault holds the files that landed");
    let temps =
        std::fs::read_dir(tmp.path().join("culpa.db.vault").join("tmp")).map_or(0, |d| d.count());
    eprintln!(
        "{i} runs, {killed_runs} killed ({mid_run_kills} mid-run, {unreported} with a write \
         committed but not yet reported), {total_landed} writes landed; vault: {referenced} \
         referenced objects, {} orphans, {temps} temp files left by kills",
        objects as u64 - referenced
    );
}

/// `evidence add` names the file in each line; `apply`'s lines name the action and version.
fn writer_reports_by_name(writer: Writer) -> bool {
    matches!(writer, Writer::EvidenceAdd)
}
