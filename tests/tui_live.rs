//! Many processes share one database: a change committed elsewhere appears on a running
//! workbench without a keypress (it polls PRAGMA data_version about once a second), and the
//! user's place — the selected case, the open case — is kept.

mod common;

use common::tui::{World, key, today};
use culpa::domain::model::{Act, ActKind, Source};
use culpa::workflow::{Command, Session};

const CASE: &str = "卧应急责〔2026〕10号";
const NEW_TITLE: &str = "举报安全检查未出示执法证件";

/// The library commits in this (test) process; the workbench in the pty follows. A new case
/// received earlier lands above the selected one in the queue's deadline order, and the
/// selected case is accepted: the selection must stay on that case (not on its old row).
#[test]
fn another_process_commit_appears_and_the_selection_follows_its_case() {
    let w = World::demo();
    let mut t = w.tui("liuf");
    t.send("2");
    t.wait_for("Filter:");
    t.select_row("〔2026〕10号");
    let before = t.selected_row().unwrap_or_default();
    assert!(before.contains("received"), "{before}");
    let line_before = t.selected_line();

    let mut other = Session::open(&w.db, Some("liuf")).expect("a second connection");
    let received = today() - chrono::Days::new(10);
    other
        .execute(
            Command::Intake {
                number: None,
                title: NEW_TITLE.into(),
                source: Source::Report,
                received_on: received,
                complainant: None,
                summary: "举报执法人员检查时未出示证件。".into(),
                act: Act {
                    kind: ActKind::Inspection,
                    reference: "卧应急检〔2026〕12号".into(),
                    on_the_spot: false,
                    handler: "zhengl".into(),
                    reviewer: None,
                    approver: None,
                },
                respondents: vec!["zhengl".into()],
            },
            today(),
        )
        .expect("intake in another connection");
    other
        .execute(
            Command::Accept {
                case: CASE.into(),
                on: today(),
                reason: Some("有事实依据".into()),
            },
            today(),
        )
        .expect("accept in another connection");

    // No key is pressed from here on.
    t.wait_for(NEW_TITLE);
    t.wait_until("the accepted case, still selected", |_| {
        t.selected_row()
            .is_some_and(|r| r.contains("〔2026〕10号") && r.contains("accepted"))
    });
    assert_eq!(
        t.selected_line(),
        line_before.map(|l| l + 1),
        "the new case is listed above, so the selected case moved down a row"
    );
    t.assert_on_screen("17 of 17");
    t.quit();
}

/// Two workbenches: one has the case open, the other accepts it through the form.
#[test]
fn a_second_workbench_change_appears_in_the_open_case() {
    let w = World::demo();
    let mut watcher = w.tui("liuf");
    watcher.select_case("10号");
    watcher.send(key::ENTER);
    watcher.wait_for("Stage: received");

    let mut actor = w.tui("liuf");
    actor.select_case("10号");
    actor.send("a");
    actor.wait_form("Accept the case");
    actor.submit_form("Accept the case");
    actor.quit();

    // No key is pressed in the watcher: the open case refreshes in place.
    watcher.wait_for("Stage: accepted");
    watcher.assert_on_screen(CASE);
    watcher.assert_on_screen("Evidence");
    watcher.quit();
}

/// A demo case under investigation by 王磊 (wangl) and 何军 (hej), with findings on record.
const SHARED: &str = "烟花爆竹零售点当场";
const FIRST_Q: &str = "Did the handler make the act directly";
const SECOND_Q: &str = "Did the handler act without the reviewer's";

/// The rule codes in the exported findings of the shared case.
fn rules(w: &common::tui::World) -> Vec<String> {
    let all = w.export();
    let case = all["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["title"].as_str().is_some_and(|t| t.contains(SHARED)))
        .cloned()
        .expect("the shared case");
    case["findings"]["rules"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["rule"].as_str().map(String::from))
        .collect()
}

/// Issue 8's lost-edit scenario with two real processes on one database: A saves, then B
/// saves — once after B's workbench has refreshed (more than a second later), once at
/// once. Either way B is shown both versions, who changed it and when; B keeps A's answers
/// and re-applies its own; both users' answers are on record.
#[test]
fn two_writers_on_the_findings_lose_nothing_at_either_timing() {
    for after_refresh in [true, false] {
        let w = common::tui::World::demo();
        let mut a = w.tui("wangl");
        let mut b = w.tui("hej");
        for t in [&mut a, &mut b] {
            t.select_case(SHARED);
            t.send(key::ENTER);
            t.send("f");
            t.wait_form("Findings");
        }
        let before = rules(&w);
        // A: yes to the first question; B: yes to the second.
        a.wait_for(&format!("> {FIRST_Q}"));
        a.send(" ");
        b.tab_to(1, SECOND_Q);
        b.send(" ");
        a.send(key::SUBMIT);
        a.wait_for("Saved.");
        if after_refresh {
            // B's live refresh brings A's version; B's form keeps its own and says so.
            b.wait_for("someone else changed this");
        }
        b.send(key::SUBMIT);
        b.wait_for("Save conflict");
        b.assert_on_screen("changed by 王磊 at ");
        b.assert_on_screen("≠");
        // Nothing of A's was overwritten.
        let after_a = rules(&w);
        assert!(
            after_a.contains(&"5.1".to_string()),
            "{before:?} → {after_a:?}"
        );
        // Keep theirs and re-apply mine, then save.
        b.send("r");
        b.wait_gone("Save conflict");
        b.send(key::SUBMIT);
        b.wait_for("Saved.");
        let end = rules(&w);
        assert!(
            end.contains(&"5.1".to_string()) && end.contains(&"5.2.1".to_string()),
            "after_refresh={after_refresh}: both answers must be on record: {end:?}"
        );
        a.quit();
        b.quit();
    }
}

/// Esc keeps the typed transcript; reopening the form brings it back; the draft is a
/// 0600 file in a 0700 directory.
#[test]
fn esc_keeps_a_private_draft_that_reopening_restores() {
    use std::os::unix::fs::PermissionsExt;
    const TYPED: &str = "当事人称未收到听证告知书";
    let w = common::tui::World::demo();
    let mut t = w.tui("wangl");
    t.select_case(SHARED);
    t.send(key::ENTER);
    t.send("i");
    t.wait_form("Record an interview");
    // The form opens on the transcript (everything above it comes from the record).
    t.wait_for("> Transcript");
    t.type_text(TYPED);
    t.wait_for(TYPED);
    // The status line, not the form's own footer ("Esc keep draft").
    t.esc_then("draft kept (w lists drafts)");
    t.send("i");
    t.wait_form("Record an interview");
    t.wait_for(TYPED);
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("exists").permissions().mode() & 0o777;
    let dir = w.drafts_dir();
    assert_eq!(mode(&dir), 0o700, "{}", dir.display());
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("drafts dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(mode(&files[0]), 0o600, "{files:?}");
    assert!(w.drafts().contains(TYPED));
    t.esc_until_gone("┌ Record an interview");
    t.quit();
}
