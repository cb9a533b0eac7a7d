//! The evidence vault: content addressing, read-only objects, verification.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use culpa::domain::model::Bundle;
use culpa::store::{Attachment, Store, StoreError, VaultProblem};

const EXAMPLE: &str = include_str!("fixtures/example.json");

/// A store holding the example case, so attachments have a case to belong to.
fn store(dir: &std::path::Path) -> Store {
    let mut store = Store::create(&dir.join("culpa.db"), false).unwrap();
    let b: Bundle = serde_json::from_str(EXAMPLE).unwrap();
    store
        .write(|tx| {
            for p in &b.people {
                tx.upsert_person(p)?;
            }
            tx.insert_case(&b.cases[0])?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    store
}

const CASE: &str = "卧应急责〔2026〕7号";

#[test]
fn the_same_content_is_stored_once_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let a = dir.path().join("照片.jpg");
    let b = dir.path().join("copy.jpg");
    let c = dir.path().join("other.txt");
    fs::write(&a, b"same bytes").unwrap();
    fs::write(&b, b"same bytes").unwrap();
    fs::write(&c, b"different").unwrap();
    let (sa, size) = store.put_file(&a).unwrap();
    let (sb, _) = store.put_file(&b).unwrap();
    let (sc, _) = store.put_file(&c).unwrap();
    // Content addressing: the name is the SHA-256 of the bytes.
    assert_eq!(sa.len(), 64);
    assert_eq!(
        sc,
        hex::encode(<sha2::Sha256 as sha2::Digest>::digest(b"different"))
    );
    assert_eq!((sa.clone(), size), (sb.clone(), 10));
    assert_ne!(sa, sc);
    let obj = store.object_path(&sa);
    assert_eq!(
        obj,
        store
            .vault_dir()
            .join("objects")
            .join(&sa[..2])
            .join(&sa[2..])
    );
    assert_eq!(fs::read(&obj).unwrap(), b"same bytes");
    assert_eq!(
        fs::metadata(&obj).unwrap().permissions().mode() & 0o777,
        0o444
    );
    let objects: usize = fs::read_dir(store.vault_dir().join("objects"))
        .unwrap()
        .map(|d| fs::read_dir(d.unwrap().path()).unwrap().count())
        .sum();
    assert_eq!(objects, 2, "two distinct contents, two objects");
    let leftovers = fs::read_dir(store.vault_dir().join("tmp")).unwrap().count();
    assert_eq!(leftovers, 0, "no temp files left behind");
}

#[test]
fn a_missing_source_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path());
    let err = store.put_file(&dir.path().join("nope.pdf")).err().unwrap();
    assert!(
        matches!(&err, StoreError::Io { path, .. } if path.ends_with("nope.pdf")),
        "{err:?}"
    );
}

#[test]
fn attachments_are_recorded_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let f = dir.path().join("a.pdf");
    fs::write(&f, b"pdf").unwrap();
    let (sha, size) = store.put_file(&f).unwrap();
    for who in ["wangl", "zhaom"] {
        let a = Attachment::new(CASE, &sha, size, "a.pdf", who);
        store.write(|tx| tx.record_attachment(&a)).unwrap();
    }
    let all = store.read(|tx| tx.attachments(Some(CASE))).unwrap();
    assert_eq!(
        all.iter().map(|a| a.by.as_str()).collect::<Vec<_>>(),
        ["wangl", "zhaom"]
    );
    assert_eq!(store.read(|tx| tx.attachments(None)).unwrap(), all);
    assert!(
        store
            .read(|tx| tx.attachments(Some("x")))
            .unwrap()
            .is_empty()
    );

    let table = [
        (
            "unknown case",
            Attachment::new("无此案", &sha, 1, "a", "wangl"),
        ),
        ("bad hash", Attachment::new(CASE, "ABC", 1, "a", "wangl")),
    ];
    for (what, a) in table {
        assert!(
            store.write(|tx| tx.record_attachment(&a)).is_err(),
            "{what}"
        );
    }
}

#[test]
fn verify_finds_modified_and_missing_objects() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let mut shas = Vec::new();
    for (name, body) in [("a", "alpha"), ("b", "beta"), ("c", "gamma")] {
        let f = dir.path().join(name);
        fs::write(&f, body).unwrap();
        let (sha, size) = store.put_file(&f).unwrap();
        let a = Attachment::new(CASE, &sha, size, name, "wangl");
        store.write(|tx| tx.record_attachment(&a)).unwrap();
        shas.push(sha);
    }
    let clean = store.verify_vault().unwrap();
    // Recorded straight through the store, with no audit entry: named as such (the
    // workflow always logs the hash with the attachment).
    let unlogged = |r: &culpa::store::VaultReport| {
        r.problems
            .iter()
            .filter(|p| matches!(p, VaultProblem::Unlogged { .. }))
            .count()
    };
    assert_eq!(
        (clean.objects, clean.problems.len(), unlogged(&clean)),
        (3, 3, 3)
    );

    let modified = store.object_path(&shas[0]);
    fs::set_permissions(&modified, fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(&modified, "tampered").unwrap();
    fs::remove_file(store.object_path(&shas[2])).unwrap();

    let report = store.verify_vault().unwrap();
    assert_eq!(report.objects, 3);
    assert_eq!(
        report.problems.len() - unlogged(&report),
        2,
        "{:?}",
        report.problems
    );
    assert!(report.problems.iter().any(|p| matches!(
        p,
        VaultProblem::Mismatch { sha256, actual } if *sha256 == shas[0] && *actual != shas[0]
    )));
    assert!(report.problems.contains(&VaultProblem::Missing {
        sha256: shas[2].clone()
    }));
}

#[test]
fn evidence_hashes_in_cases_are_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    let rec = store.read(|tx| tx.case(CASE)).unwrap().unwrap();
    let mut case = rec.case.clone();
    case.evidence[0].sha256 = Some("cd".repeat(32));
    store
        .write(|tx| tx.save_case(rec.id, rec.version, &case))
        .unwrap();
    let report = store.verify_vault().unwrap();
    assert_eq!(
        report.problems,
        [
            VaultProblem::Unlogged {
                sha256: "cd".repeat(32)
            },
            VaultProblem::Missing {
                sha256: "cd".repeat(32)
            }
        ]
    );
}
