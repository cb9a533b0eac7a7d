//! Eight investigators' `culpa` processes writing to ONE database file at the same time:
//! every process succeeds without a word about locks, every write it reported is there, the
//! file is intact and the audit chain counts exactly the writes.
//!
//! Each worker (a thread of this test driving real `culpa` processes one after another)
//! repeats ROUNDS times: import a bundle with a case of its own; `apply` a list of commands —
//! a versioned findings edit and interviews and evidence on its own case, plus interviews on
//! the SHARED demo case that all eight edit at once; then `evidence add` files to both.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::thread;

use common::stress::*;

const WORKERS: usize = 8;
const ROUNDS: usize = 5;
/// Interviews each `apply` records on the worker's own case and on the shared one.
const OWN_INTERVIEWS: usize = 8;
const SHARED_INTERVIEWS: usize = 8;
/// Evidence records without a file per `apply`.
const NOTES: usize = 4;
/// Files per `evidence add` on the own case (one more goes to the shared case).
const OWN_FILES: usize = 5;

/// Audit entries one import of a one-case bundle writes: the import and the case.
const IMPORT_ENTRIES: u64 = 2;

fn own_case(w: usize, r: usize) -> String {
    format!("卧应急责〔2026〕W{w}R{r}号")
}

/// What one worker saw: the versions `apply --json` reported for the shared case, and how
/// many writes each of its processes reported.
#[derive(Default)]
struct Seen {
    shared_versions: Vec<i64>,
    writes: u64,
}

fn worker(w: usize, db: &Path, dir: &Path, start: &Barrier) -> Seen {
    let mut seen = Seen::default();
    start.wait();
    for r in 0..ROUNDS {
        let case = own_case(w, r);
        let tag = format!("w{w}r{r}");

        // Import: a case of its own, all or nothing.
        let bundle = dir.join(format!("{tag}.json"));
        std::fs::write(&bundle, bundle_json(&case)).unwrap();
        let out = run_ok(
            culpa(db, ADMIN, &["import", bundle.to_str().unwrap()]),
            &format!("worker {w} round {r}: import"),
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).contains('1'),
            "worker {w} round {r}: import did not report its case: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        seen.writes += 1;

        // Apply: several commands, each its own transaction.
        let mut cmds = vec![findings(&case, 1)];
        for i in 0..OWN_INTERVIEWS {
            cmds.push(interview(&case, &format!("{tag} own interview {i}")));
        }
        for i in 0..SHARED_INTERVIEWS {
            cmds.push(interview(SHARED, &format!("{tag} shared interview {i}")));
        }
        for i in 0..NOTES {
            cmds.push(evidence_note(&case, &format!("{tag} note {i}")));
        }
        let file = dir.join(format!("{tag}-apply.json"));
        std::fs::write(&file, apply_json(&cmds)).unwrap();
        let what = format!("worker {w} round {r}: apply");
        let out = run_ok(
            culpa(
                db,
                INVESTIGATOR,
                &["--json", "apply", file.to_str().unwrap()],
            ),
            &what,
        );
        let applied: Vec<serde_json::Value> =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
                panic!(
                    "{what}: --json answer is not an array ({e}): {}",
                    String::from_utf8_lossy(&out.stdout)
                )
            });
        assert_eq!(applied.len(), cmds.len(), "{what}: one answer per command");
        // The own case is touched by this worker only: versions 2, 3, … in order, none
        // lost or doubled (the import made version 1).
        let own: Vec<i64> = applied
            .iter()
            .filter(|a| a["case"] == case.as_str())
            .map(|a| a["version"].as_i64().unwrap())
            .collect();
        let expected: Vec<i64> = (2..2 + (1 + OWN_INTERVIEWS + NOTES) as i64).collect();
        assert_eq!(own, expected, "{what}: versions of {case}");
        seen.shared_versions.extend(
            applied
                .iter()
                .filter(|a| a["case"] == SHARED)
                .map(|a| a["version"].as_i64().unwrap()),
        );
        seen.writes += cmds.len() as u64;

        // Evidence files: content unique per worker, round and file.
        let mut files = Vec::new();
        for i in 0..=OWN_FILES {
            let f = dir.join(format!("{tag}-file{i}.txt"));
            std::fs::write(&f, format!("worker {w} round {r} file {i}\n").repeat(200)).unwrap();
            files.push(f);
        }
        for (target, chunk) in [
            (&case, &files[..OWN_FILES]),
            (&SHARED.to_string(), &files[OWN_FILES..]),
        ] {
            let mut args = vec!["evidence", "add", target.as_str()];
            args.extend(chunk.iter().map(|f| f.to_str().unwrap()));
            let what = format!("worker {w} round {r}: evidence add to {target}");
            let out = run_ok(culpa(db, INVESTIGATOR, &args), &what);
            let stdout = String::from_utf8_lossy(&out.stdout);
            for f in chunk {
                let name = f.file_name().unwrap().to_string_lossy();
                assert!(
                    stdout.contains(&*name),
                    "{what}: {name} not reported:\n{stdout}"
                );
            }
            seen.writes += chunk.len() as u64;
        }
    }
    seen
}

#[test]
fn eight_processes_writing_at_once_all_land() {
    let tmp = tempfile::tempdir().unwrap();
    let db = demo_db(tmp.path());
    let setup_entries = audit_entries(&db);
    let cases_before = count(&db, "SELECT count(*) FROM cases", []);
    let before = case_counts(&db, SHARED).expect("the demo has the shared case");
    let attachments_before = count(&db, "SELECT count(*) FROM attachments", []);

    let start = Arc::new(Barrier::new(WORKERS));
    let handles: Vec<_> = (0..WORKERS)
        .map(|w| {
            let db = db.clone();
            let dir = tmp.path().join(format!("w{w}"));
            std::fs::create_dir(&dir).unwrap();
            let start = start.clone();
            thread::spawn(move || worker(w, &db, &dir, &start))
        })
        .collect();
    let seen: Vec<Seen> = handles
        .into_iter()
        .enumerate()
        .map(|(w, h)| {
            h.join()
                .unwrap_or_else(|_| panic!("worker {w} failed (see above)"))
        })
        .collect();

    // Every process's reported writes are all there.
    let writes: u64 = seen.iter().map(|s| s.writes).sum();
    let per_round = (1 + 1 + OWN_INTERVIEWS + SHARED_INTERVIEWS + NOTES + OWN_FILES + 1) as u64;
    assert_eq!(
        writes,
        (WORKERS * ROUNDS) as u64 * per_round,
        "writes reported"
    );
    let new_cases = (WORKERS * ROUNDS) as i64;
    assert_eq!(
        count(&db, "SELECT count(*) FROM cases", []),
        cases_before + new_cases,
        "every imported case is there"
    );
    let t = template();
    for w in 0..WORKERS {
        for r in 0..ROUNDS {
            let case = own_case(w, r);
            let now = case_counts(&db, &case)
                .unwrap_or_else(|| panic!("imported case {case} is missing"));
            let edits = 1 + OWN_INTERVIEWS + NOTES + OWN_FILES;
            assert_eq!(now.version, 1 + edits as i64, "{case}: version");
            assert_eq!(
                now.interviews,
                t.interviews.len() + OWN_INTERVIEWS,
                "{case}: interviews"
            );
            assert_eq!(
                now.evidence,
                t.evidence.len() + NOTES + OWN_FILES,
                "{case}: evidence"
            );
            assert!(now.findings, "{case}: findings");
        }
    }
    let shared_writes = (WORKERS * ROUNDS * (SHARED_INTERVIEWS + 1)) as i64;
    let now = case_counts(&db, SHARED).unwrap();
    assert_eq!(
        now,
        CaseCounts {
            version: before.version + shared_writes,
            interviews: before.interviews + WORKERS * ROUNDS * SHARED_INTERVIEWS,
            evidence: before.evidence + WORKERS * ROUNDS,
            findings: true,
        },
        "the shared case after every worker's appends"
    );
    // Each append to the shared case got its own version: none was lost or applied twice.
    let versions: BTreeSet<i64> = seen
        .iter()
        .flat_map(|s| s.shared_versions.clone())
        .collect();
    assert_eq!(
        versions.len(),
        WORKERS * ROUNDS * SHARED_INTERVIEWS,
        "shared-case versions reported by apply are distinct"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM attachments", []),
        attachments_before + (WORKERS * ROUNDS * (OWN_FILES + 1)) as i64,
        "attachments"
    );

    // The file is intact, the chain holds and counts every write, the vault matches.
    assert_integrity(&db);
    let extra_import_entries = (WORKERS * ROUNDS) as u64 * (IMPORT_ENTRIES - 1);
    assert_eq!(
        audit_entries(&db),
        setup_entries + writes + extra_import_entries,
        "audit entries = setup + one per write (+ one per imported case)"
    );
    let objects = vault_objects(&db);
    assert_vault_objects_match_names(&db);
    eprintln!(
        "{WORKERS} workers × {ROUNDS} rounds: {} culpa processes, {writes} writes, {objects} vault objects",
        WORKERS * ROUNDS * 4
    );
}
