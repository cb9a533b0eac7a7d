//! `culpa import` through the service (issue 10): the client sends the file in chunks (an
//! upload, read with the user's own permissions), the service imports it case by case in one
//! transaction and discards the upload; neither side holds the file whole.

use std::os::unix::fs::PermissionsExt;

use crate::common::served::*;
use crate::common::stress::template;

/// `n` copies of the demo's shared case, numbered from 1000, as a bundle whose cases come
/// before its (empty) people — so the service reads the upload twice.
fn bundle(n: usize, repeat_first_at_end: bool) -> String {
    let mut cases: Vec<_> = (0..n)
        .map(|i| {
            let mut c = template();
            c.number = format!("卧应急责〔2025〕{}号", 1000 + i);
            c
        })
        .collect();
    if repeat_first_at_end {
        cases[n - 1].number = cases[0].number.clone();
    }
    format!(
        "{{\"cases\": {},\n \"relations\": [], \"people\": [], \"format\": \"culpa.bundle/2\"}}\n",
        serde_json::to_string_pretty(&cases).expect("JSON")
    )
}

#[test]
fn a_bundle_imports_through_the_service_in_chunks() {
    if !root_or_skip("a_bundle_imports_through_the_service_in_chunks") {
        return;
    }
    let mut accounts = Accounts::default();
    let svc = accounts.add("ups");
    let admin = accounts.add("upa");
    let s = Service::new(&svc, &[(&admin, "admin")]);
    let n = 500;
    let write = |name: &str, text: &str| {
        let p = s.dir.path().join(name);
        std::fs::write(&p, text).expect("write");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        p
    };
    let good = bundle(n, false);
    assert!(
        good.len() > culpa::service::protocol::UPLOAD_CHUNK,
        "more than one chunk: {} bytes",
        good.len()
    );
    let good = write("good.json", &good);
    let bad = write("bad.json", &bundle(n, true));
    let cases = || s.count("SELECT count(*) FROM cases", []);
    let entries = || s.count("SELECT count(*) FROM audit", []);
    let before = (cases(), entries());

    // A repeated number in the last case: refused, named, nothing written.
    let o = client(&admin, &s.socket, &["import", bad.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("cases[{}].number", n - 1))
            && err.contains("duplicate case number (also cases[0])"),
        "{err}"
    );
    assert_eq!((cases(), entries()), before, "nothing written");

    let o = client(
        &admin,
        &s.socket,
        &["import", good.to_str().expect("utf-8")],
    )
    .output()
    .expect("runs");
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains(&format!("imported {n} case")),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(cases(), before.0 + n as i64);
    // Every check of `audit verify`, run by the service: the replay re-applies the import.
    let o = client(&admin, &s.socket, &["audit", "verify"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    // The uploads were discarded.
    let tmp = s.db.with_file_name("culpa.db.vault").join("tmp");
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}
