//! Shared fixtures for the forms tests: the example bundle's case, a fixed today, rendering.

use chrono::NaiveDate;
use culpa::domain::calendar::Calendar;
use culpa::domain::liability::{CaseRepeats, PriorOutcome, Priors};
use culpa::domain::model::{Appeal, AppealKind, Bundle, DecidedOutcome, Decision, Grade, Measure};
use culpa::domain::{Directory, Person};
use culpa::i18n::Lang;
use culpa::ui::forms::{Form, FormContext, FormOutcome};
use culpa::ui::theme::Theme;
use culpa::workflow::CaseRecord;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect};

/// The forms' fixture is a case accepted on 2026-10-09 and investigated from then on; the
/// forms prefill "today" into their dates, and the snapshots show it.
pub fn today() -> NaiveDate {
    super::date("2026-10-20")
}

pub struct Fixture {
    pub dir: Directory,
    pub me: Person,
    pub record: CaseRecord,
    pub cal: Calendar,
    /// Committee decisions in other cases (Art. 8(3)); none unless a test adds some.
    pub priors: Vec<PriorOutcome>,
    /// Art. 8(3) as a backend counted it for the case ([`Fixture::through`]); when set, the
    /// forms see this instead of `priors`.
    pub counted: Option<CaseRepeats>,
}

impl Fixture {
    /// The example case as it stands (investigating, findings with 5.2.4).
    pub fn example() -> Fixture {
        let b: Bundle = serde_json::from_str(include_str!("../fixtures/example.json")).unwrap();
        let dir = Directory::new(b.people.clone(), b.relations.clone());
        let me = dir.person("wangl").unwrap().clone();
        let case = b.cases[0].clone();
        Fixture {
            dir,
            me,
            record: CaseRecord {
                id: 1,
                version: 1,
                case,
            },
            cal: Calendar::builtin(),
            priors: Vec::new(),
            counted: None,
        }
    }

    /// The example case carried on to a decision with two measures for 孙强 and a pending
    /// review, so the sanction and appeal forms have something to offer.
    pub fn decided() -> Fixture {
        let mut f = Fixture::example();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut outcomes = std::collections::BTreeMap::new();
        outcomes.insert(
            "sunq".to_string(),
            DecidedOutcome {
                grade: Grade::Direct,
                exempted: false,
                sanctions: vec![Measure::M11_2, Measure::M11_6],
            },
        );
        f.record.case.decision = Some(Decision {
            on: d("2026-10-28"),
            committee: vec!["chenj".into(), "wuy".into()],
            recused: vec!["chenj".into()],
            text: "孙强负直接责任，通报批评并承担部分赔偿。".into(),
            outcomes,
        });
        f.record
            .case
            .appeals
            .push(Appeal::filed("sunq", AppealKind::Review, d("2026-11-02")));
        f
    }

    /// This fixture as `mode` gives it to the workbench: its people, relations and case
    /// written to a database, then read back directly or over the service's socket (the
    /// directory, the case record and its Art. 8(3) counts).
    pub fn through(&self, mode: super::modes::Mode) -> Fixture {
        use culpa::ui::backend::Backend;
        let bundle = Bundle {
            people: self.dir.people().cloned().collect(),
            relations: self.dir.relations().to_vec(),
            cases: vec![self.record.case.clone()],
            ..Bundle::empty()
        };
        let modes = super::modes::Modes::new(&bundle);
        let backend: Box<dyn Backend> = match mode {
            super::modes::Mode::Direct => Box::new(modes.session(&self.me.login)),
            super::modes::Mode::Served => Box::new(modes.client(&self.me.login)),
        };
        let record = backend.case(&self.record.case.number).unwrap();
        let counted = backend.repeats_for(&record.case, today()).unwrap();
        Fixture {
            dir: backend.directory().unwrap(),
            me: backend.actor().clone(),
            record,
            cal: backend.calendar().clone(),
            priors: Vec::new(),
            counted: Some(counted),
        }
    }

    /// What a verdict on the case counts for Art. 8(3), as the forms see it.
    pub fn priors(&self) -> Priors<'_> {
        self.counted
            .as_ref()
            .map_or(Priors::All(&self.priors), Priors::Counted)
    }

    pub fn ctx(&self, lang: Lang) -> FormContext<'_> {
        FormContext {
            lang,
            today: today(),
            me: &self.me,
            dir: &self.dir,
            case: Some(&self.record),
            cal: &self.cal,
            priors: self.priors(),
        }
    }
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

pub fn type_str(form: &mut Form, ctx: &FormContext, s: &str) {
    for c in s.chars() {
        let k = if c == '\n' {
            key(KeyCode::Enter)
        } else {
            key(KeyCode::Char(c))
        };
        assert_eq!(form.handle_key(k, ctx), FormOutcome::Continue);
    }
}

/// Tab until the field `id` has focus (panics if it never does).
pub fn focus(form: &mut Form, ctx: &FormContext, id: &str) {
    for _ in 0..200 {
        if form.focused() == id {
            return;
        }
        form.handle_key(key(KeyCode::Tab), ctx);
    }
    panic!("field {id} never got focus");
}

/// Draw the form on a TestBackend; the screen as text, and the cursor the form asked for.
pub fn render(form: &Form, ctx: &FormContext, w: u16, h: u16) -> (String, Option<Position>) {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(false, false);
    let mut cursor = None;
    term.draw(|f| {
        cursor = form.draw(f, Rect::new(0, 0, w, h), ctx, &theme);
    })
    .unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, cursor)
}
