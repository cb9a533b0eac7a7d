//! Shared fixtures for the screen tests: a Chinese bundle (tests/fixtures/example.json plus
//! cases built here), a fixed today, and an App built without a database.
//!
//! `USE_DOMAIN`: the domain's deadlines/check/liability are still stubs on branch `tui`, so
//! the screens are exercised through `StandIn`, a small hand-written version of those rules.
//! Once the domain branches are merged, set it to `true` and re-accept the snapshots
//! (`cargo insta test --accept --test ui_snapshots`).
#![allow(dead_code)]

use chrono::{Datelike, NaiveDate};

use culpa::domain::Directory;
use culpa::domain::calendar::{Calendar, Uncovered};
use culpa::domain::check::{Blocker, CheckReport};
use culpa::domain::deadlines::{DeadlineState, Obligation, ObligationKind};
use culpa::domain::liability::{Outcome, PersonVerdict, PriorOutcome, RuleError, Scope, Verdict};
use culpa::domain::model::*;
use culpa::i18n::Lang;
use culpa::ui::app::App;
use culpa::ui::backend::{Backend, MemoryBackend};
use culpa::ui::data::Data;
use culpa::ui::keymap::Keymap;
use culpa::ui::rules::{DomainRules, Rules};
use culpa::ui::theme::Theme;

pub const USE_DOMAIN: bool = false;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 6).expect("date")
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

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

/// A hand-written stand-in for the domain rules (see the module comment).
pub struct StandIn;

fn ob(
    case: &Case,
    kind: ObligationKind,
    due: NaiveDate,
    owner: &str,
    today: NaiveDate,
) -> Obligation {
    let days_left = (due - today).num_days();
    Obligation {
        case: case.number.clone(),
        kind,
        due,
        days_left,
        state: if days_left < 0 {
            DeadlineState::Overdue
        } else if days_left <= 3 {
            DeadlineState::DueSoon
        } else {
            DeadlineState::Open
        },
        owner: owner.into(),
        person: None,
        measure: None,
    }
}

impl Rules for StandIn {
    fn obligations(
        &self,
        cases: &[&Case],
        _cal: &Calendar,
        today: NaiveDate,
        unc: &mut Uncovered,
    ) -> Vec<Obligation> {
        let mut out = Vec::new();
        for c in cases {
            match (&c.acceptance, c.stage) {
                (None, Stage::Received) => out.push(ob(
                    c,
                    ObligationKind::Acceptance,
                    c.received_on + chrono::Days::new(9),
                    "legal",
                    today,
                )),
                (Some(a), Stage::Accepted | Stage::Investigating) => {
                    let owner = c
                        .active_investigators(None)
                        .first()
                        .map_or("legal".to_string(), |s| s.to_string());
                    out.push(ob(
                        c,
                        ObligationKind::DecisionReport,
                        a.on + chrono::Days::new(30),
                        &owner,
                        today,
                    ));
                }
                _ => {}
            }
            if let Some(dec) = &c.decision {
                for (who, o) in &dec.outcomes {
                    for m in &o.sanctions {
                        if !c
                            .sanctions
                            .iter()
                            .any(|s| &s.person == who && s.measure == *m)
                        {
                            let mut x = ob(
                                c,
                                ObligationKind::Sanction,
                                dec.on + chrono::Days::new(30),
                                "chief",
                                today,
                            );
                            x.person = Some(who.clone());
                            x.measure = Some(*m);
                            out.push(x);
                        }
                    }
                }
            }
        }
        // The stand-in calendar knows 2026 only: a due date beyond it is flagged.
        for o in &out {
            if o.due.year() > 2026 {
                unc.insert(o.due.year());
            }
        }
        out.sort_by(|a, b| (a.state, a.due, &a.case).cmp(&(b.state, b.due, &b.case)));
        out
    }
    fn check(
        &self,
        case: &Case,
        _dir: &Directory,
        _cal: &Calendar,
        as_of: NaiveDate,
        _unc: &mut Uncovered,
    ) -> CheckReport {
        let mut blockers = Vec::new();
        let active = case.active_investigators(Some(as_of));
        if active.len() < 2 {
            blockers.push(Blocker::TeamTooSmall {
                active: active.iter().map(|s| s.to_string()).collect(),
            });
        }
        let unheard: Vec<Login> = case
            .respondents
            .iter()
            .filter(|r| {
                !case
                    .interviews
                    .iter()
                    .any(|i| i.kind == InterviewKind::StatementDefence && &i.interviewee == *r)
            })
            .cloned()
            .collect();
        if !unheard.is_empty() {
            blockers.push(Blocker::DefenceNotHeard {
                respondents: unheard,
            });
        }
        if case.interested_parties_note.is_none()
            && !case.interviews.iter().any(|i| {
                matches!(
                    i.kind,
                    InterviewKind::Counterpart | InterviewKind::InterestedParty
                )
            })
        {
            blockers.push(Blocker::InterestedPartiesNotHeard);
        }
        if case.deliberation.is_none() {
            blockers.push(Blocker::NoDeliberation);
        }
        CheckReport {
            case: case.number.clone(),
            as_of,
            blockers,
        }
    }
    fn blocker_message(&self, b: &Blocker, dir: &Directory, lang: Lang) -> String {
        match b {
            Blocker::TeamTooSmall { active } => {
                lang.pick(
                    "未回避的调查人员不足两名",
                    "fewer than two un-recused investigators",
                )
                .to_string()
                    + &format!(" ({})", active.len())
            }
            Blocker::DefenceNotHeard { respondents } => {
                let names: Vec<&str> = respondents.iter().map(|r| dir.name(r)).collect();
                format!(
                    "{}{}",
                    lang.pick("未听取陈述申辩：", "statement and defence not heard: "),
                    names.join("、")
                )
            }
            Blocker::InterestedPartiesNotHeard => lang
                .pick(
                    "未听取行政相对人或利害关系人意见",
                    "no counterpart or interested party heard",
                )
                .into(),
            Blocker::NoDeliberation => lang
                .pick("调查组尚未集体研究", "the team has not deliberated")
                .into(),
            other => format!("{other:?}"),
        }
    }
    fn prior_outcomes(&self, _cases: &[&Case]) -> Vec<PriorOutcome> {
        Vec::new()
    }
    fn liability(
        &self,
        case: &Case,
        dir: &Directory,
        _p: &[PriorOutcome],
        _t: NaiveDate,
    ) -> Result<Verdict, RuleError> {
        let f = case.findings.as_ref().expect("findings");
        let fault = !f.fault_types.is_empty() && f.serious_consequences;
        let mut persons: Vec<PersonVerdict> = Vec::new();
        let mut add = |login: &str, grade: Grade, code: RuleCode| {
            let c = f.circumstances.get(login).cloned().unwrap_or_default();
            let outcome = if !fault {
                Outcome::None
            } else if !c.exempting.is_empty() {
                Outcome::MayExempt
            } else if !c.aggravating.is_empty() {
                Outcome::PursueHeavier
            } else {
                Outcome::Pursue
            };
            persons.push(PersonVerdict {
                login: login.into(),
                name: dir.name(login).into(),
                grade,
                basis: vec![code],
                aggravating: Vec::new(),
                exempting: c.exempting.clone(),
                outcome,
                note: None,
                repeat_cases: Vec::new(),
            });
        };
        for r in &f.rules {
            if r.code() == RuleCode::R5_2_4 {
                add(&case.act.handler, Grade::Direct, RuleCode::R5_2_4);
                let reviewer = case.act.reviewer.clone().ok_or(RuleError::MissingActRole {
                    rule: RuleCode::R5_2_4,
                    role: "reviewer",
                })?;
                add(&reviewer, Grade::Supervisory, RuleCode::R5_2_4);
                if let Some(a) = &case.act.approver {
                    add(a, Grade::ImportantLeadership, RuleCode::R5_2_4);
                }
            } else {
                add(&case.act.handler, Grade::Direct, r.code());
            }
        }
        Ok(Verdict {
            case: case.number.clone(),
            scope: if f.violates_law {
                Scope::LegalLiability
            } else {
                Scope::InScope
            },
            judicial_referral: f.suspected_crime,
            fault_established: fault,
            persons,
        })
    }
    fn available_measures(&self, v: &Verdict) -> Vec<Measure> {
        if v.fault_established {
            Measure::ALL[..6].to_vec()
        } else {
            Vec::new()
        }
    }
    fn person_reasons(&self, p: &PersonVerdict, lang: Lang) -> Vec<String> {
        culpa::ui::rules::person_reasons(p, lang)
    }
}

static STAND_IN: StandIn = StandIn;
static DOMAIN: DomainRules = DomainRules;

pub fn rules() -> &'static dyn Rules {
    if USE_DOMAIN { &DOMAIN } else { &STAND_IN }
}

pub fn backend(bundle: Bundle, actor: &str) -> MemoryBackend {
    MemoryBackend::new(bundle, actor, Calendar::default())
}

pub fn app_from(b: &MemoryBackend, lang: Lang) -> App {
    let data = Data::load(b as &dyn Backend, rules(), today()).expect("load");
    App::new(
        data,
        lang,
        today(),
        Theme::new(true, false),
        Keymap::default(),
        rules(),
    )
}

pub fn app(actor: &str, lang: Lang) -> App {
    app_from(&backend(bundle(), actor), lang)
}
