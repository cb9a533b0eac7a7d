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
