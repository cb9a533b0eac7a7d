//! Full-text search (FTS5, trigram): the CLI and the library find a phrase inside a Chinese
//! transcript, a new record is searchable as soon as its write commits, edits replace the
//! old text, and nobody finds text in a case they may not open.

mod common;

use common::tui::{World, today};
use culpa::domain::model::{Interview, InterviewKind};
use culpa::workflow::{Command, Session};

/// A phrase from the middle of a demo interview transcript (卧应急责〔2025〕5号).
const IN_TRANSCRIPT: &str = "审核时只看了笔录和照片";
/// The title of a demo case whose team is 李霞 and 何军 (王磊 is not on it).
const OTHER_TEAM: &str = "向不符合条件的企业核发危险化学品经营许可";

fn cli(w: &World, args: &[&str]) -> (bool, String, String) {
    let out = w.culpa(args);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_cli_finds_a_phrase_inside_a_chinese_transcript() {
    let w = World::demo();
    let (ok, text, err) = cli(&w, &["--as", "liuf", "search", IN_TRANSCRIPT]);
    assert!(ok, "{err}");
    assert!(text.contains("interview #"), "{text}");
    assert!(text.contains(&format!("【{IN_TRANSCRIPT}】")), "{text}");
    let (ok, json, err) = cli(&w, &["--as", "liuf", "--json", "search", IN_TRANSCRIPT]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let hit = &v[0];
    assert_eq!(hit["record"], "interview");
    let snippet = hit["snippet"].as_str().expect("snippet");
    let (a, b) = (
        hit["match"][0].as_u64().expect("start") as usize,
        hit["match"][1].as_u64().expect("end") as usize,
    );
    let found: String = snippet.chars().skip(a).take(b - a).collect();
    assert_eq!(found, IN_TRANSCRIPT);
    assert!(
        hit["case"]
            .as_str()
            .is_some_and(|c| c.starts_with("卧应急责"))
    );
    // Two characters cannot use the trigram index, and are still found.
    let (ok, text, _) = cli(&w, &["--as", "liuf", "search", "笔录", "--limit", "3"]);
    assert!(ok && text.contains("【笔录】"), "{text}");
    // Nothing to look for, and nothing found, are both said plainly.
    let (ok, _, err) = cli(&w, &["--as", "liuf", "search", "  "]);
    assert!(!ok && err.contains("give the text to look for"), "{err}");
    let (ok, text, _) = cli(&w, &["--as", "liuf", "search", "没有这样的文字内容"]);
    assert!(
        ok && text.contains("no case you may open contains"),
        "{text}"
    );
}

#[test]
fn a_new_transcript_is_found_once_saved_and_an_edit_replaces_the_old_text() {
    let w = World::demo();
    let mut s = Session::open(&w.db, Some("wangl")).expect("session");
    let case = s
        .cases()
        .expect("cases")
        .into_iter()
        .find(|r| r.case.title.contains("烟花爆竹零售点当场"))
        .expect("a case of wangl's")
        .case;
    const SAID: &str = "当事人称从未收到听证告知书";
    assert!(s.search(SAID, 10).expect("search").is_empty());
    s.execute(
        Command::RecordInterview {
            case: case.number.clone(),
            interview: Interview {
                on: today(),
                kind: InterviewKind::Witness,
                interviewee: "王某（零售点店员）".into(),
                interviewers: vec!["wangl".into(), "hej".into()],
                transcript: format!("问：是否收到告知？\n答：{SAID}。"),
                signed: true,
                waived: false,
            },
        },
        today(),
    )
    .expect("recorded");
    let hits = s.search(SAID, 10).expect("search");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].case, case.number);
    assert_eq!(hits[0].kind, "interview");
    assert_eq!(hits[0].ord as usize, case.interviews.len());
    // A replaced text is found by its new words only.
    let v = s.case(&case.number).expect("case").version;
    s.execute(
        Command::SetInterestedPartiesNote {
            case: case.number.clone(),
            note: Some("零售点业主已出国，无法联系".into()),
            expected_version: v,
        },
        today(),
    )
    .expect("note");
    assert_eq!(s.search("业主已出国", 10).expect("search").len(), 1);
    let v = s.case(&case.number).expect("case").version;
    s.execute(
        Command::SetInterestedPartiesNote {
            case: case.number.clone(),
            note: Some("经多次联系未果".into()),
            expected_version: v,
        },
        today(),
    )
    .expect("note");
    assert!(s.search("业主已出国", 10).expect("search").is_empty());
    assert_eq!(s.search("多次联系未果", 10).expect("search").len(), 1);
}

#[test]
fn nobody_finds_text_in_a_case_they_may_not_open() {
    let w = World::demo();
    let legal = Session::open(&w.db, Some("liuf")).expect("legal");
    assert!(!legal.search(OTHER_TEAM, 10).expect("search").is_empty());
    let wangl = Session::open(&w.db, Some("wangl")).expect("investigator");
    assert!(wangl.search(OTHER_TEAM, 10).expect("search").is_empty());
    let (ok, text, _) = cli(&w, &["--as", "wangl", "search", OTHER_TEAM]);
    assert!(
        ok && text.contains("no case you may open contains"),
        "{text}"
    );
}

/// The workbench's search: `F`, type a phrase from inside a Chinese transcript, the match
/// is listed with its case and record, and Enter opens that interview in full.
#[test]
fn the_workbench_finds_a_phrase_and_enter_reads_the_record() {
    let w = World::demo();
    let mut t = w.tui("liuf");
    t.send("F");
    t.wait_for("Search every case you may open");
    t.type_text(IN_TRANSCRIPT);
    t.wait_for("interview #");
    t.send(common::tui::key::ENTER);
    t.wait_for("Transcript");
    t.assert_on_screen(IN_TRANSCRIPT);
    t.esc_then("Records of the case");
    t.esc_until_gone("Records of the case");
    t.quit();
}

/// Art. 10(2): a recused investigator loses the file, so the search (which applies the
/// access rule inside the FTS query, without loading each hit's case) stops finding it.
#[test]
fn a_recused_investigator_no_longer_finds_the_case() {
    use culpa::domain::model::Stage;
    let w = World::demo();
    let mut wangl = Session::open(&w.db, Some("wangl")).expect("investigator");
    let case = wangl
        .cases()
        .expect("cases")
        .into_iter()
        .map(|r| r.case)
        .find(|c| c.stage == Stage::Investigating && c.title.chars().count() >= 3)
        .expect("a case wangl investigates");
    let found = |s: &Session| {
        s.search(&case.title, 50)
            .expect("search")
            .iter()
            .any(|h| h.case == case.number)
    };
    assert!(found(&wangl), "{} before the recusal", case.number);
    wangl
        .execute(
            Command::Recuse {
                case: case.number.clone(),
                person: "wangl".into(),
                on: today(),
                reason: "与当事人系亲属".into(),
            },
            today(),
        )
        .expect("wangl recuses");
    assert!(!found(&wangl), "{} after the recusal", case.number);
    let legal = Session::open(&w.db, Some("liuf")).expect("legal");
    assert!(found(&legal));
}
