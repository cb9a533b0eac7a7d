//! When the terminal goes away the workbench ends by itself and keeps the open form as a
//! draft — with SIGHUP (the pty was its controlling terminal) and without it (the pty just
//! closed: reads then return end-of-file forever, and a workbench that only waited for keys
//! would spin on them at full CPU).

mod common;

use common::tui::{Tui, World};

fn hang_up_with_a_form_open(w: &World, mut t: Tui) {
    t.send("n");
    t.wait_form("Intake");
    t.type_text("断线前的草稿");
    t.wait_for("断线前的草稿");
    let status = t.hang_up();
    assert!(status.success(), "exit status {status:?}");
    let text = w.drafts();
    assert!(text.contains("断线前的草稿"), "{text}");
}

#[test]
fn sighup_ends_the_workbench_and_keeps_the_form() {
    let w = World::demo();
    let t = w.tui("liuf");
    hang_up_with_a_form_open(&w, t);
}

#[test]
fn a_vanished_terminal_ends_the_workbench_and_keeps_the_form() {
    let w = World::demo();
    let t = Tui::start_detached(&w, "liuf");
    hang_up_with_a_form_open(&w, t);
}
