//! Read everything: every record kind has a detail view (snapshots in zh/en at 80×24 and
//! 120×40, in direct and served mode against the same snapshots), the views scroll and search inside, and the case timeline is the audit log of a
//! real demo case, entry for entry.

mod common;

use common::modes::{InMode, MODES, Mode, Modes};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::model::*;
use culpa::i18n::Lang;
use culpa::ui::app::{App, Event};
use culpa::ui::detail::{Extra, Record};
use culpa::ui::draw::draw;
use culpa::workflow::{EvidenceFile, FileState};

const DECIDED: &str = "卧应急责〔2026〕3号";
const HASH: &str = "3fa14d5399816c73a6ced7d89937023231848259a570c56670d4921687aec9e4";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// The fixture bundle, with case 3 carrying one of every record: a file-backed evidence
/// item, a long Chinese transcript, a deliberation, findings, a decision, a sanction and
/// an appeal.
fn bundle() -> Bundle {
    let mut b = common::ui::bundle();
    let c = b
        .cases
        .iter_mut()
        .find(|c| c.number == DECIDED)
        .expect("case 3");
    c.evidence[0].sha256 = Some(HASH.into());
    c.interviews[0].transcript = "问：你在现场检查时是否进入了储罐区？\n答：没有进入。当时企业负责人说储罐区正在检修，不便进入，我就在办公室查看了台账和检测报告，认为材料齐全就签了字。现在看来，这是我的失职，没有实地核查储罐区的安全距离和防爆设施。\n问：还有什么补充？\n答：没有了。以上笔录我已看过，与我说的一致。".repeat(4);
    c.deliberation = Some(Deliberation {
        on: d("2026-09-18"),
        attendees: vec!["wangl".into(), "zhaom".into()],
        minutes:
            "调查组集体研究认为：孙强作为承办人未实地核查即签字，负直接责任；建议给予通报批评。"
                .into(),
    });
    c.sanctions.push(Sanction {
        person: "sunq".into(),
        measure: Measure::M11_2,
        applied_on: d("2026-10-20"),
        note: "在全局干部大会上通报批评。".into(),
        amount: None,
    });
    c.appeals.push(Appeal {
        person: "sunq".into(),
        kind: AppealKind::Review,
        filed_on: d("2026-10-25"),
        accepted_on: Some(d("2026-10-27")),
        extended: false,
        decided_on: Some(d("2026-11-03")),
        result: Some("维持原决定。".into()),
        outcome: Some(AppealOutcome::Upheld),
        changed_to: None,
    });
    b
}

/// The workbench as the chief (who may open every case) in `mode`.
fn app(modes: &Modes, mode: Mode, lang: Lang) -> App {
    let mut app = modes.app(mode, "chenj", lang);
    app.update(Event::Extra(Box::new(Extra {
        case: DECIDED.into(),
        files: vec![EvidenceFile {
            sha256: HASH.into(),
            size: 48_213,
            file_name: "现场检查记录.pdf".into(),
            by: "wangl".into(),
            at: "2026-09-12T02:30:00Z".into(),
            state: FileState::Verified,
        }],
        history: Vec::new(),
    })));
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        key(app, code);
    }
}

fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| draw(app, f)).expect("draw");
    t.backend().to_string()
}

/// Open case 3's record list and the record `r` in it.
fn open(app: &mut App, r: Record) {
    keys(app, "2/3号\n\n\n");
    let list = app.records.as_ref().expect("the record list");
    let at = list
        .items
        .iter()
        .position(|x| *x == r)
        .expect("the record is listed");
    for _ in 0..at {
        key(app, KeyCode::Down);
    }
    key(app, KeyCode::Enter);
    assert_eq!(app.detail.as_ref().map(|v| v.record), Some(r));
}

#[test]
fn every_record_kind_has_a_detail_view_at_both_sizes_in_both_languages() {
    let kinds = [
        ("evidence", Record::Evidence(0)),
        ("interview", Record::Interview(0)),
        ("deliberation", Record::Deliberation),
        ("findings", Record::Findings),
        ("decision", Record::Decision),
        ("sanction", Record::Sanction(0)),
        ("appeal", Record::Appeal(0)),
    ];
    let modes = Modes::new(&bundle());
    for mode in MODES {
        let _in = InMode(mode);
        for (name, r) in kinds {
            for lang in [Lang::Zh, Lang::En] {
                let mut app = app(&modes, mode, lang);
                open(&mut app, r);
                for (w, h) in [(80, 24), (120, 40)] {
                    let l = if lang == Lang::Zh { "zh" } else { "en" };
                    insta::assert_snapshot!(
                        format!("detail_{name}_{l}_{w}x{h}"),
                        render(&app, w, h)
                    );
                }
            }
        }
    }
}

#[test]
fn the_evidence_view_names_the_file_its_size_and_whether_it_verifies() {
    let modes = Modes::new(&bundle());
    for mode in MODES {
        let mut app = app(&modes, mode, Lang::En);
        open(&mut app, Record::Evidence(0));
        let s = render(&app, 120, 40);
        for want in [
            "现场检查记录.pdf",
            "47.1 KiB (48213 B)",
            HASH,
            "intact",
            "王磊 (wangl)",
        ] {
            assert!(s.contains(want), "{mode:?}: {want} missing:\n{s}");
        }
    }
}

#[test]
fn a_long_transcript_scrolls_and_is_searched_inside() {
    let modes = Modes::new(&bundle());
    let mut app = app(&modes, Mode::Served, Lang::Zh);
    open(&mut app, Record::Interview(0));
    render(&app, 80, 24);
    // Chinese wrapped by display width: no line runs past the 78 columns inside the border.
    let w = |s: &str| unicode_width::UnicodeWidthStr::width(s);
    for l in app.detail_lines() {
        let used = if l.label.is_empty() {
            w(&l.text)
        } else {
            w(&l.label) + 2 + w(&l.text)
        };
        assert!(used <= 78, "{l:?}");
    }
    key(&mut app, KeyCode::Char('G'));
    let end = app.detail.as_ref().expect("view").scroll;
    assert!(end > 0, "a transcript longer than the screen scrolls");
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.detail.as_ref().expect("view").scroll, 0);
    key(&mut app, KeyCode::PageDown);
    assert!(app.detail.as_ref().expect("view").scroll > 0);
    key(&mut app, KeyCode::Char('g'));
    // `/` then text: the view moves to the first match, and n to the next one.
    keys(&mut app, "/以上笔录\n");
    let lines = app.detail_lines();
    let current = |app: &App| {
        let v = app.detail.as_ref().expect("view");
        let at = v.at.expect("a current match");
        // The current match is always on screen.
        assert!(
            at >= v.scroll && at < v.scroll + v.height.get() as usize,
            "{at} {}",
            v.scroll
        );
        at
    };
    let at = current(&app);
    assert!(lines[at].text.contains("以上笔录"), "{:?}", lines[at]);
    keys(&mut app, "n");
    let next = current(&app);
    assert!(next > at && lines[next].text.contains("以上笔录"));
    keys(&mut app, "N");
    assert_eq!(current(&app), at);
    // Esc returns to the record list, and Esc again to the case.
    keys(&mut app, "\u{1b}");
    assert!(app.detail.is_none() && app.records.is_some());
    keys(&mut app, "\u{1b}");
    assert!(app.records.is_none());
}

/// The timeline of a demo case is its audit log: every entry, in order, with who (by name)
/// and when (local time) — including steps taken after the import.
#[test]
fn the_timeline_is_the_audit_log_of_a_demo_case() {
    use culpa::ui::backend::Backend;
    use culpa::ui::data::Data;
    use culpa::workflow::{Command, Session};
    let w = common::tui::World::demo();
    let mut s = Session::open(&w.db, Some("wangl")).expect("session");
    let case = s
        .cases()
        .expect("cases")
        .into_iter()
        .find(|r| r.case.title.contains("烟花爆竹零售点当场"))
        .expect("a demo case of wangl's")
        .case
        .number;
    let v = s.case(&case).expect("case").version;
    s.execute(
        Command::SetInterestedPartiesNote {
            case: case.clone(),
            note: Some("零售点业主无法联系".into()),
            expected_version: v,
        },
        common::tui::today(),
    )
    .expect("note");
    let history = Backend::history(&s, &case).expect("history");
    assert!(history.len() >= 2, "{history:?}");
    // Through the service, the same log, entry for entry.
    let socket = common::modes::serve(&w.db, w.dir.path());
    let served = Backend::history(&common::modes::client(&socket, "wangl"), &case);
    assert_eq!(served.expect("history over the socket"), history);
    let data = Data::load(&culpa::ui::data::shared(s), common::tui::today()).expect("load");
    let mut app = App::new(
        data,
        Lang::En,
        common::tui::today(),
        culpa::ui::theme::Theme::new(false, false),
        culpa::ui::keymap::Keymap::default(),
    );
    app.update(Event::Extra(Box::new(Extra {
        case: case.clone(),
        files: Vec::new(),
        history: history.clone(),
    })));
    keys(&mut app, "2/");
    for c in case.chars() {
        key(&mut app, KeyCode::Char(c));
    }
    keys(&mut app, "\n\n\n");
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.detail.as_ref().map(|v| v.record),
        Some(Record::Timeline)
    );
    let lines = app.detail_lines();
    assert_eq!(lines.len(), history.len(), "{lines:#?}");
    for (line, e) in lines.iter().zip(&history) {
        assert_eq!(line.label.trim(), culpa::ui::edits::local_time(&e.at));
        let name = app.data.dir.name(&e.actor).to_string();
        assert!(line.text.contains(&name), "{line:?} vs {e:?}");
        let what = culpa::i18n::workflow::action_label(&e.action, Lang::En);
        assert!(line.text.contains(what), "{line:?} vs {e:?}");
    }
    let last = lines.last().expect("an entry");
    assert!(last.text.contains("王磊") && last.text.contains("set the interested-parties note"));
}
