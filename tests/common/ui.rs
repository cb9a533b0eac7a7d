//! Shared fixtures for the screen tests: a Chinese bundle (tests/fixtures/example.json plus
//! cases built here), a fixed today, and an App built without a database.
//! Every number on screen comes from the real regulation (`culpa::domain`) and the built-in
//! State Council calendar (2019–2026).

use chrono::NaiveDate;

use culpa::domain::calendar::Calendar;
use culpa::domain::model::*;
use culpa::i18n::Lang;
use culpa::ui::app::App;
use culpa::ui::backend::{Backend, MemoryBackend};
use culpa::ui::data::{Data, shared};
use culpa::ui::keymap::Keymap;
use culpa::ui::theme::Theme;

use super::date as d;
pub use super::today;

/// example.json plus: a fresh complaint awaiting acceptance (overdue), a submitted case whose
/// approver sits on the committee, and a decided case with a sanction pending.
pub fn bundle() -> Bundle {
    let mut b: Bundle =
        serde_json::from_str(include_str!("../fixtures/example.json")).expect("fixture");
    let base = b.cases[0].clone();
    let mut c = Case::received(
        "卧应急责〔2026〕9号".into(),
        "群众举报某加油站检查走过场".into(),
        Source::Report,
        d("2026-10-20"),
        None,
        "举报人称检查人员未进入储罐区即签字。".into(),
        Act {
            kind: ActKind::Inspection,
            reference: "卧应急检〔2026〕88号".into(),
            on_the_spot: true,
            handler: "zhouh".into(),
            reviewer: None,
            approver: None,
        },
        vec!["zhouh".into()],
    );
    c.stage = Stage::Received;
    b.cases.push(c.clone());
    // Received at the year's end: its acceptance deadline falls in 2027, which the calendar
    // does not cover, so the dashboard must warn.
    c.number = "卧应急责〔2026〕12号".into();
    c.title = "年末举报：危化品仓库违规存储".into();
    c.received_on = d("2026-12-30");
    c.complainant = Some(Complainant {
        name: "张某".into(),
        contact: "139xxxx1111".into(),
    });
    b.cases.push(c);
    let mut s = base.clone();
    s.number = "卧应急责〔2026〕5号".into();
    s.title = "化工企业对停产整顿决定的申诉".into();
    s.source = Source::Appeal;
    s.stage = Stage::Submitted;
    s.submitted_on = Some(d("2026-10-30"));
    s.deliberation = Some(Deliberation {
        on: d("2026-10-28"),
        attendees: vec!["wangl".into(), "zhaom".into()],
        minutes: "一致同意处理意见。".into(),
    });
    s.recusals.push(Recusal {
        person: "zhaom".into(),
        on: d("2026-10-12"),
        reason: "与被追究人周华系表兄妹".into(),
    });
    b.cases.push(s);
    let mut x = base;
    x.number = "卧应急责〔2026〕3号".into();
    x.title = "对现场处罚程序的投诉".into();
    x.stage = Stage::Decided;
    x.submitted_on = Some(d("2026-09-20"));
    x.decision = Some(Decision {
        on: d("2026-10-10"),
        committee: vec!["wuy".into()],
        recused: vec!["chenj".into()],
        text: "给予通报批评。".into(),
        outcomes: [(
            "sunq".to_string(),
            DecidedOutcome {
                grade: Grade::Direct,
                exempted: false,
                sanctions: vec![Measure::M11_2],
            },
        )]
        .into_iter()
        .collect(),
    });
    b.cases.push(x);
    b
}

pub fn backend(bundle: Bundle, actor: &str) -> MemoryBackend {
    MemoryBackend::new(bundle, actor, Calendar::builtin())
}

pub fn app_from(b: &MemoryBackend, lang: Lang) -> App {
    // The app reads its pages from its own copy of the bundle (a viewer).
    let data = Data::load(&shared(b.clone()), today()).expect("load");
    App::new(
        data,
        lang,
        today(),
        Theme::new(true, false),
        Keymap::default(),
    )
}

pub fn app(actor: &str, lang: Lang) -> App {
    app_from(&backend(bundle(), actor), lang)
}

/// Type `keys` into the app: `\n` Enter, `\u{1b}` Esc, `\u{8}` Backspace, `\t` Tab, `\u{1}`
/// Home, `\u{4}` PgDn, `\u{5}` PgUp; every other character as itself.
pub fn press(app: &mut App, keys: &str) -> Vec<culpa::ui::app::Effect> {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut out = Vec::new();
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\u{8}' => KeyCode::Backspace,
            '\t' => KeyCode::Tab,
            '\u{1}' => KeyCode::Home,
            '\u{4}' => KeyCode::PageDown,
            '\u{5}' => KeyCode::PageUp,
            c => KeyCode::Char(c),
        };
        out.extend(app.update(culpa::ui::app::Event::Key(KeyEvent::new(
            code,
            KeyModifiers::NONE,
        ))));
    }
    out
}

/// The screen at `w`×`h` as text rows, and where the terminal cursor is (None: hidden).
pub fn render(app: &App, w: u16, h: u16) -> (Vec<String>, Option<(u16, u16)>) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| culpa::ui::draw::draw(app, f)).expect("draw");
    let backend = term.backend();
    let cursor = backend
        .cursor_visible()
        .then(|| backend.cursor_position())
        .map(|p| (p.x, p.y));
    let buf = backend.buffer().clone();
    let rows = (0..h)
        .map(|y| {
            let mut s = String::new();
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                s.push_str(sym);
            }
            s
        })
        .collect();
    (rows, cursor)
}
