//! One case from intake to closing by keystrokes alone, in the real binary, each user a
//! process of their own (`--as LOGIN`) on one demo database (Arts. 10, 11): team, evidence,
//! hearings, findings, deliberation, submission, decision, a sanction, a review, closing.
//! Every command key is counted (typed text and login switches are not): issue 8 wants the
//! whole life of a case in at most 120.
//!
//! On the way the submission is refused twice, as Art. 10(2) requires, and each refusal is
//! read off the screen before it is cleared:
//! (b) an investigator related to the respondent has not recused (the relation is declared
//!     after the team was appointed, as an investigation would discover it), fixed by her
//!     recusal; which leaves
//! (a) only one un-recused investigator, fixed by the chief appointing a second; 王磊 then
//!     hears the respondent and the counterpart with 李霞 (a hearing counts with two
//!     un-recused, uninvolved team members: bundle-v2.md) and the team deliberates.
//! The findings record the respondent's state of mind (Art. 2 ¶2) as a plain question.

mod common;

use common::tui::{Tui, World, key};

const TITLE: &str = "E2E 烟花爆竹仓库处罚投诉";
const FILTER: &str = "e2e";

/// The legal office registers the complaint (Art. 10(1)) against the officer 孙强 who made
/// the penalty, and accepts it.
fn intake_and_accept(w: &World) {
    let mut t = w.tui("liuf");
    t.send("n");
    t.wait_form("Intake");
    t.wait_for("> Title");
    t.type_text(TITLE);
    t.tab_to(3, "Anonymous");
    t.send("y");
    // The complainant's name and contact are hidden for an anonymous report.
    t.tab_to(1, "Summary");
    t.type_text("举报某烟花爆竹仓库罚款决定认定事实不清。");
    t.tab_to(2, "Act reference");
    t.type_text("卧应急罚〔2026〕31号");
    t.tab_to(2, "Handler");
    t.type_text("sunq");
    t.wait_for("< 孙强 (sunq) >");
    t.tab_to(3, "Respondents");
    t.type_text("sunq");
    t.send(" ");
    t.wait_for("[x] 孙强 (sunq)");
    t.submit_form("Intake");

    t.open_case(FILTER);
    t.assert_on_screen("Stage: received");
    t.send("a");
    t.wait_form("Accept the case");
    t.submit_form("Accept the case");
    t.wait_for("Stage: accepted");
    t.quit();
}

/// The chief appoints 王磊 and 赵敏 (Art. 10(2): two or more).
fn appoint_team(w: &World) {
    let mut t = w.tui("chenj");
    t.open_case(FILTER);
    t.send("t");
    t.wait_form("Appoint the investigation team");
    t.tab_to(1, "Team");
    for login in ["wangl", "zhaom"] {
        t.send(key::CLEAR);
        t.type_text(login);
        t.wait_for(&format!("[ ] {}", name(login)));
        t.send(" ");
        t.wait_for(&format!("[x] {}", name(login)));
    }
    t.submit_form("Appoint the investigation team");
    t.wait_for("Stage: investigating");
    t.quit();
}

fn name(login: &str) -> String {
    let n = match login {
        "wangl" => "王磊",
        "zhaom" => "赵敏",
        "lix" => "李霞",
        other => other,
    };
    format!("{n} ({login})")
}

/// The investigation finds that 赵敏 is a relative of the respondent: the legal office
/// records the relation.
fn declare_relation(w: &World) {
    let mut t = w.tui("liuf");
    t.send("R");
    t.wait_form("Declare a relation");
    t.type_text("zhaom");
    t.wait_for("< 赵敏 (zhaom) >");
    t.send(key::TAB);
    t.type_text("sunq");
    t.wait_for("< 孙强 (sunq) >");
    t.tab_to(2, "Note");
    t.type_text("表兄妹");
    t.submit_form("Declare a relation");
    t.quit();
}

/// Tick `login` in the interviewers list (the recorder is ticked already).
fn also_interviewer(t: &mut Tui, login: &str) {
    t.type_text(login);
    t.wait_for(&format!("[ ] {}", name(login)));
    t.send(" ");
    t.wait_for(&format!("[x] {}", name(login)));
}

/// Art. 10(2): the respondent and the counterpart heard by 王磊 and `with` (a hearing
/// counts with two team members), then the collective deliberation (Art. 10(3)).
fn hear_and_deliberate(t: &mut Tui, with: &str) {
    // The respondent's statement and defence (陈述申辩).
    t.send("i");
    t.wait_form("Record an interview");
    t.wait_for("< 孙强 (sunq) >");
    t.tab_to(3, "Interviewers");
    also_interviewer(t, with);
    t.tab_to(1, "Transcript");
    t.type_text("孙强陈述：现场检查时仓库存量已核实。");
    t.tab_to(1, "Signed");
    t.send("y");
    t.submit_form("Record an interview");

    // The counterpart of the act (the fined company) is heard too.
    t.send("i");
    t.wait_form("Record an interview");
    t.tab_to(1, "Kind");
    t.send(key::RIGHT);
    t.send(key::RIGHT);
    t.wait_for("< questioning the counterpart >");
    t.tab_to(1, "Interviewee");
    t.type_text("某烟花爆竹仓库负责人");
    t.tab_to(1, "Interviewers");
    also_interviewer(t, with);
    t.tab_to(1, "Transcript");
    t.type_text("负责人称检查人员未清点库存即作出处罚。");
    t.submit_form("Record an interview");

    t.send("d");
    t.wait_form("Collective deliberation");
    t.tab_to(2, "Minutes");
    t.type_text("调查组集体研究，认定事实清楚。");
    t.submit_form("Collective deliberation");
}

/// 王磊 collects evidence and records the findings, with 孙强's state of mind (Art. 2 ¶2).
fn investigate(t: &mut Tui) {
    t.open_case(FILTER);

    t.send("e");
    t.wait_form("Add evidence");
    t.tab_to(1, "Description");
    t.type_text("罚款决定书及送达回证");
    t.submit_form("Add evidence");

    // Findings: the handler acted without legal basis (Art. 5(1)) — it names 孙强; his state
    // of mind is the form's last question.
    t.send("f");
    t.wait_form("Findings");
    t.send("y");
    t.send(key::BACKTAB);
    t.wait_for("> 孙强 (sunq): state of mind");
    t.send(key::RIGHT);
    t.send(key::RIGHT);
    t.wait_for("< gross negligence >");
    t.submit_form("Findings");
}

/// Open the submission gate and read every blocker; Enter is refused.
fn submission_refused(t: &mut Tui, blocker: &[&str]) {
    t.send("S");
    for b in blocker {
        t.wait_for(b);
    }
    t.send(key::ENTER);
    t.wait_for("Submission refused while blockers remain.");
    t.esc_until_gone("Submission check");
}

#[test]
fn one_case_from_intake_to_closing_by_keystrokes() {
    let w = World::demo();
    intake_and_accept(&w);
    appoint_team(&w);
    declare_relation(&w);

    let mut t = w.tui("wangl");
    investigate(&mut t);
    // (b) Art. 10(2): an involved investigator who has not recused blocks the submission.
    submission_refused(
        &mut t,
        &["赵敏 is a relative of respondent 孙强", "must recuse"],
    );
    t.quit();

    // 赵敏 records her own recusal (the reason is prefilled from the relation).
    let mut t = w.tui("zhaom");
    t.open_case(FILTER);
    t.send("u");
    t.wait_form("Recusal of an investigator");
    t.wait_for("< 赵敏 (zhaom)");
    t.submit_form("Recusal of an investigator");
    t.quit();

    // (a) Art. 10(2): one un-recused investigator is not a team.
    let mut t = w.tui("wangl");
    t.open_case(FILTER);
    submission_refused(&mut t, &["Only 王磊 remains on the team without recusal"]);
    t.quit();

    // The chief adds 李霞 to the team.
    let mut t = w.tui("chenj");
    t.open_case(FILTER);
    t.send("t");
    t.wait_form("Appoint the investigation team");
    t.tab_to(1, "Team");
    t.type_text("lix");
    t.wait_for("[ ] 李霞 (lix)");
    t.send(" ");
    t.wait_for("[x] 李霞 (lix)");
    t.submit_form("Appoint the investigation team");
    t.quit();

    // 王磊 hears the respondent and the counterpart with 李霞; the team deliberates.
    let mut t = w.tui("wangl");
    t.open_case(FILTER);
    hear_and_deliberate(&mut t, "lix");

    // Now nothing blocks: 王磊 submits the opinion (Art. 10(3)).
    t.send("S");
    t.wait_for("Enter submit");
    t.send(key::ENTER);
    t.wait_form("Submit to the party committee");
    t.submit_form("Submit to the party committee");
    t.wait_for("Stage: submitted");
    t.assert_on_screen("Evidence");
    t.quit();

    // 吴云, a committee member with no tie to the case, records the decision.
    let mut t = w.tui("wuy");
    t.open_case(FILTER);
    t.send("D");
    t.wait_form("Committee decision");
    t.tab_to(3, "Decision");
    t.type_text("经局党委研究，认定孙强执法过错成立。");
    // Art. 11(2): circulated criticism for 孙强 (after his grade and exemption).
    t.tab_to(3, "孙强 (sunq): measures");
    t.send(key::DOWN);
    t.send(" ");
    t.wait_for("[x] circulated criticism");
    t.submit_and_confirm("Committee decision");
    t.wait_for("Stage: decided");
    t.quit();

    // Art. 11: the chief sees the measure applied.
    let mut t = w.tui("chenj");
    t.open_case(FILTER);
    t.send("c");
    t.wait_form("Apply a sanction");
    t.submit_form("Apply a sanction");
    t.wait_for("Stage: sanctioned");
    t.quit();

    // 孙强 asks for a review; the legal office files, accepts and decides it, then closes.
    let mut t = w.tui("liuf");
    t.open_case(FILTER);
    t.send("A");
    t.wait_form("File a review or appeal");
    t.submit_form("File a review or appeal");
    t.wait_for("Stage: appealed");
    t.send("P");
    t.wait_form("Accept a review or appeal");
    t.submit_form("Accept a review or appeal");
    t.send("J");
    t.wait_form("Decide a review or appeal");
    // The structured outcome (bundle-v2.md): upheld, preselected.
    t.wait_for("< upheld >");
    t.tab_to(3, "Result");
    t.type_text("维持原处理决定。");
    t.submit_form("Decide a review or appeal");
    t.send("C");
    t.wait_form("Close the case");
    t.submit_and_confirm("Close the case");
    t.wait_for("Stage: closed");
    t.quit();

    let keys = common::tui::command_keys();
    println!("command keys from intake to closing: {keys}");
    assert!(
        keys <= 120,
        "{keys} command keys: issue 8 allows at most 120"
    );

    let case = w.case_titled(TITLE);
    assert_eq!(case["stage"], "closed", "{case:#}");
    assert_eq!(
        case["sanctions"].as_array().map(Vec::len),
        Some(1),
        "{case:#}"
    );
    assert_eq!(
        case["appeals"].as_array().map(Vec::len),
        Some(1),
        "{case:#}"
    );
    let team = &case["team"]["members"];
    assert_eq!(
        team,
        &serde_json::json!(["wangl", "zhaom", "lix"]),
        "{case:#}"
    );
    assert_eq!(case["recusals"][0]["person"], "zhaom", "{case:#}");
    assert_eq!(
        case["decision"]["committee"].as_array().map(Vec::len),
        Some(4)
    );
}
