//! Read everything: a detail view for every record of a case (evidence, interview,
//! deliberation, findings, decision, sanction, appeal) and the case's timeline from the
//! audit log. Pure: the content is built from the snapshot (and the evidence files and
//! history the runtime fetched), wrapped by display width, scrolled and searched here.

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::domain::model::{AppealKind, Case};
use crate::i18n::Lang;
use crate::i18n::detail as td;
use crate::i18n::ui as tu;
use crate::store::AuditEntry;
use crate::ui::app::{App, Effect};
use crate::ui::data::Data;
use crate::ui::edits::local_time;
use crate::ui::text::{sanitize, width, wrap};
use crate::workflow::{EvidenceFile, FileState};

/// One record of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Evidence(usize),
    Interview(usize),
    Deliberation,
    Findings,
    Decision,
    Sanction(usize),
    Appeal(usize),
    /// Who did what, when: the case's audit log.
    Timeline,
}

/// Every record the case holds, in the order of the procedure, then the timeline.
pub fn records(c: &Case) -> Vec<Record> {
    let mut v: Vec<Record> = (0..c.evidence.len()).map(Record::Evidence).collect();
    v.extend((0..c.interviews.len()).map(Record::Interview));
    if c.deliberation.is_some() {
        v.push(Record::Deliberation);
    }
    if c.findings.is_some() {
        v.push(Record::Findings);
    }
    if c.decision.is_some() {
        v.push(Record::Decision);
    }
    v.extend((0..c.sanctions.len()).map(Record::Sanction));
    v.extend((0..c.appeals.len()).map(Record::Appeal));
    v.push(Record::Timeline);
    v
}

/// The list of a case's records, to pick one to read.
#[derive(Debug, Clone)]
pub struct RecordList {
    pub case: String,
    pub items: Vec<Record>,
    pub selected: usize,
}

/// One record, read in full.
#[derive(Debug, Clone)]
pub struct DetailView {
    pub case: String,
    pub record: Record,
    /// First wrapped line shown.
    pub scroll: usize,
    /// The text searched for with `/`, and whether it is being typed.
    pub find: String,
    pub finding: bool,
    /// The line of the current match (n/N go on from it); always on screen.
    pub at: Option<usize>,
    /// The width and height the view was last drawn at, so scrolling and n/N work on the
    /// lines the user sees.
    pub width: Cell<u16>,
    pub height: Cell<u16>,
}

/// What the runtime fetched for the open case: its evidence files and audit history.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub case: String,
    pub files: Vec<EvidenceFile>,
    pub history: Vec<AuditEntry>,
}

/// One paragraph: a label and its text (which may hold line breaks), or a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    pub label: String,
    pub text: String,
    pub heading: bool,
}

fn p(label: &str, text: impl Into<String>) -> Para {
    Para {
        label: label.to_string(),
        text: text.into(),
        heading: false,
    }
}

fn heading(text: impl Into<String>) -> Para {
    Para {
        label: String::new(),
        text: text.into(),
        heading: true,
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
    }
}

/// "孙强 (sunq)" for a login on file; the text itself otherwise.
fn who(data: &Data, login: &str) -> String {
    let name = data.dir.name(login);
    if name == login {
        sanitize(login).into_owned()
    } else {
        format!("{} ({})", sanitize(name), sanitize(login))
    }
}

fn people(data: &Data, logins: &[String], lang: Lang) -> String {
    logins
        .iter()
        .map(|l| who(data, l))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// A size in bytes as people read it.
pub fn size(n: u64) -> String {
    match n {
        n if n < 1024 => format!("{n} B"),
        n if n < 1024 * 1024 => format!("{:.1} KiB ({n} B)", n as f64 / 1024.0),
        n => format!("{:.1} MiB ({n} B)", n as f64 / 1048576.0),
    }
}

/// The title of a record, as the record list and the view's border show it.
pub fn title(c: &Case, r: Record, lang: Lang) -> String {
    match r {
        Record::Evidence(i) => {
            let e = &c.evidence[i];
            format!(
                "{} #{} · {}",
                td::EVIDENCE.get(lang),
                i + 1,
                crate::ui::text::truncate(&sanitize(&e.description), 40)
            )
        }
        Record::Interview(i) => {
            let iv = &c.interviews[i];
            format!(
                "{} #{} · {} · {}",
                td::INTERVIEW.get(lang),
                i + 1,
                iv.on,
                tu::interview(iv.kind, lang)
            )
        }
        Record::Deliberation => td::DELIBERATION.get(lang).to_string(),
        Record::Findings => td::FINDINGS.get(lang).to_string(),
        Record::Decision => td::DECISION.get(lang).to_string(),
        Record::Sanction(i) => format!("{} #{}", td::SANCTION.get(lang), i + 1),
        Record::Appeal(i) => format!("{} #{}", td::APPEAL.get(lang), i + 1),
        Record::Timeline => td::TIMELINE.get(lang).to_string(),
    }
}

/// Everything the record holds, in words.
pub fn content(data: &Data, c: &Case, r: Record, extra: Option<&Extra>, lang: Lang) -> Vec<Para> {
    let l = |t: &crate::i18n::forms::T| t.get(lang);
    let mut out = Vec::new();
    match r {
        Record::Evidence(i) => {
            let e = &c.evidence[i];
            let kind = tu::evidence_kind(&e.kind, lang)
                .map_or_else(|| sanitize(&e.kind).into_owned(), str::to_string);
            out.push(p(l(&td::KIND), kind));
            out.push(p(l(&td::DESCRIPTION), sanitize(&e.description)));
            out.push(p(l(&td::COLLECTED_ON), e.collected_on.to_string()));
            out.push(p(l(&td::COLLECTED_BY), who(data, &e.collected_by)));
            match &e.sha256 {
                None => out.push(p(l(&td::FILE), l(&td::NO_FILE))),
                Some(h) => {
                    out.push(p("SHA-256", h.clone()));
                    let file = extra.and_then(|x| x.files.iter().find(|f| &f.sha256 == h));
                    match file {
                        Some(f) => {
                            out.push(p(l(&td::FILE), sanitize(&f.file_name)));
                            out.push(p(l(&td::SIZE), size(f.size)));
                            out.push(p(
                                l(&td::ATTACHED),
                                format!("{} · {}", who(data, &f.by), local_time(&f.at)),
                            ));
                            let state = match f.state {
                                FileState::Verified => l(&td::VERIFIED),
                                FileState::Missing => l(&td::MISSING),
                                FileState::Altered => l(&td::ALTERED),
                            };
                            out.push(p(l(&td::VERIFY), state));
                        }
                        None => out.push(p(l(&td::VERIFY), l(&td::NOT_IN_VAULT))),
                    }
                }
            }
        }
        Record::Interview(i) => {
            let iv = &c.interviews[i];
            out.push(p(l(&td::DATE), iv.on.to_string()));
            out.push(p(l(&td::KIND), tu::interview(iv.kind, lang)));
            out.push(p(l(&td::INTERVIEWEE), who(data, &iv.interviewee)));
            out.push(p(
                l(&td::INTERVIEWERS),
                people(data, &iv.interviewers, lang),
            ));
            out.push(p(l(&td::SIGNED), yes_no(iv.signed, lang)));
            if iv.waived {
                out.push(p(l(&td::WAIVED), yes_no(true, lang)));
            }
            out.push(heading(l(&td::TRANSCRIPT)));
            out.push(p("", iv.transcript.clone()));
        }
        Record::Deliberation => {
            if let Some(d) = &c.deliberation {
                out.push(p(l(&td::DATE), d.on.to_string()));
                out.push(p(l(&td::ATTENDEES), people(data, &d.attendees, lang)));
                out.push(heading(l(&td::MINUTES)));
                out.push(p("", d.minutes.clone()));
            }
        }
        Record::Findings => {
            if let Some(f) = &c.findings {
                use crate::i18n::rules as tr;
                let types: Vec<String> = f
                    .fault_types
                    .iter()
                    .map(|n| {
                        tr::fault_type_statement(*n, lang)
                            .unwrap_or("?")
                            .to_string()
                    })
                    .collect();
                out.push(p(l(&td::FAULT_TYPES), types.join("\n")));
                out.push(p(l(&td::SERIOUS), yes_no(f.serious_consequences, lang)));
                out.push(p(
                    l(&td::WRONGFUL),
                    f.wrongful_case
                        .map_or(l(&td::NONE), |w| tr::wrongful_case_name(w, lang)),
                ));
                out.push(p(l(&td::VIOLATES_LAW), yes_no(f.violates_law, lang)));
                out.push(p(l(&td::CRIME), yes_no(f.suspected_crime, lang)));
                out.push(heading(l(&td::RULES)));
                for rule in &f.rules {
                    let code = rule.code();
                    out.push(p(
                        &crate::i18n::cite(code.as_str(), lang),
                        tr::rule_statement(code, lang),
                    ));
                }
                if !f.cleared.is_empty() {
                    out.push(p(l(&td::CLEARED), people(data, &f.cleared, lang)));
                }
                for (login, circ) in &f.circumstances {
                    let mut parts: Vec<String> = circ
                        .aggravating
                        .iter()
                        .map(|a| format!("{:?}", a))
                        .collect();
                    parts.extend(circ.exempting.iter().map(|e| tr::exempting_code(*e).into()));
                    if !parts.is_empty() {
                        out.push(p(&who(data, login), parts.join(", ")));
                    }
                }
            }
        }
        Record::Decision => {
            if let Some(d) = &c.decision {
                out.push(p(l(&td::DATE), d.on.to_string()));
                out.push(p(l(&td::COMMITTEE), people(data, &d.committee, lang)));
                let recused = if d.recused.is_empty() {
                    l(&td::NONE).to_string()
                } else {
                    people(data, &d.recused, lang)
                };
                out.push(p(l(&td::RECUSED), recused));
                out.push(heading(l(&td::OUTCOMES)));
                for (login, o) in &d.outcomes {
                    let mut text = tu::grade(o.grade, lang).to_string();
                    if o.exempted {
                        text.push_str(&format!(" · {}", l(&td::EXEMPTED)));
                    }
                    for m in &o.sanctions {
                        text.push_str(&format!(
                            "\n{} {}",
                            crate::i18n::cite(m.as_str(), lang),
                            tu::measure(*m, lang)
                        ));
                    }
                    out.push(p(&who(data, login), text));
                }
                out.push(heading(l(&td::DECISION_TEXT)));
                out.push(p("", d.text.clone()));
            }
        }
        Record::Sanction(i) => {
            let s = &c.sanctions[i];
            out.push(p(l(&td::PERSON), who(data, &s.person)));
            out.push(p(
                l(&td::MEASURE),
                format!(
                    "{} {}",
                    crate::i18n::cite(s.measure.as_str(), lang),
                    tu::measure(s.measure, lang)
                ),
            ));
            out.push(p(l(&td::APPLIED_ON), s.applied_on.to_string()));
            if let Some(a) = s.amount {
                out.push(p(l(&td::AMOUNT), format!("{a:.2}")));
            }
            out.push(p(l(&td::NOTE), s.note.clone()));
        }
        Record::Appeal(i) => {
            let a = &c.appeals[i];
            out.push(p(l(&td::PERSON), who(data, &a.person)));
            let kind = match a.kind {
                AppealKind::Review => l(&td::REVIEW),
                AppealKind::Appeal => l(&td::APPEAL_KIND),
            };
            out.push(p(l(&td::KIND), kind));
            out.push(p(l(&td::FILED_ON), a.filed_on.to_string()));
            let dash = || "—".to_string();
            out.push(p(
                l(&td::ACCEPTED_ON),
                a.accepted_on.map_or_else(dash, |d| d.to_string()),
            ));
            out.push(p(l(&td::EXTENDED), yes_no(a.extended, lang)));
            out.push(p(
                l(&td::DECIDED_ON),
                a.decided_on.map_or_else(dash, |d| d.to_string()),
            ));
            if let Some(o) = a.outcome {
                let word = match o {
                    crate::domain::model::AppealOutcome::Upheld => lang.pick("维持", "upheld"),
                    crate::domain::model::AppealOutcome::Changed => lang.pick("变更", "changed"),
                    crate::domain::model::AppealOutcome::Revoked => lang.pick("撤销", "revoked"),
                };
                out.push(p(l(&td::OUTCOME), word));
            }
            if let Some(c) = &a.changed_to {
                let mut text = tu::grade(c.grade, lang).to_string();
                for m in &c.sanctions {
                    text.push_str(&format!(" · {}", crate::i18n::cite(m.as_str(), lang)));
                }
                out.push(p(l(&td::CHANGED_TO), text));
            }
            out.push(p(l(&td::RESULT), a.result.clone().unwrap_or_else(dash)));
        }
        Record::Timeline => match extra {
            None => out.push(p("", l(&td::LOADING))),
            Some(x) if x.history.is_empty() => out.push(p("", l(&td::NO_HISTORY))),
            Some(x) => {
                for e in &x.history {
                    out.push(p(
                        &local_time(&e.at),
                        format!(
                            "{} · {}",
                            who(data, &e.actor),
                            crate::i18n::workflow::action_label(&e.action, lang)
                        ),
                    ));
                }
            }
        },
    }
    out
}

/// One drawn line: the label column (empty on continuation lines) and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub label: String,
    pub text: String,
    pub heading: bool,
}

/// The paragraphs wrapped to `w` columns by display width, labels in a column of their own.
pub fn layout(paras: &[Para], w: usize) -> Vec<Line> {
    let label_w = paras
        .iter()
        .filter(|p| !p.heading)
        .map(|p| width(&p.label))
        .max()
        .unwrap_or(0)
        .min(w / 3);
    let text_w = if label_w == 0 {
        w.max(1)
    } else {
        w.saturating_sub(label_w + 2).max(1)
    };
    let mut out = Vec::new();
    for para in paras {
        if para.heading {
            out.push(Line {
                label: String::new(),
                text: sanitize(&para.text).into_owned(),
                heading: true,
            });
            continue;
        }
        let room = if para.label.is_empty() {
            w.max(1)
        } else {
            text_w
        };
        let mut first = true;
        for source_line in para.text.split('\n') {
            let wrapped = wrap(&sanitize(source_line), room);
            let wrapped = if wrapped.is_empty() {
                vec![String::new()]
            } else {
                wrapped
            };
            for part in wrapped {
                out.push(Line {
                    label: if para.label.is_empty() {
                        String::new()
                    } else if first {
                        crate::ui::text::fit(&sanitize(&para.label), label_w)
                    } else {
                        " ".repeat(label_w)
                    },
                    text: part,
                    heading: false,
                });
                first = false;
            }
        }
    }
    out
}

impl DetailView {
    pub fn new(case: &str, record: Record) -> DetailView {
        DetailView {
            case: case.to_string(),
            record,
            scroll: 0,
            find: String::new(),
            finding: false,
            at: None,
            width: Cell::new(80),
            height: Cell::new(20),
        }
    }
}

impl DetailView {
    /// Make the match on line `at` current and bring it on screen (at the top when the
    /// text goes on far enough).
    fn go_to(&mut self, at: Option<usize>, max: usize) {
        if let Some(at) = at {
            self.at = Some(at);
            self.scroll = at.min(max);
        }
    }
}

impl App {
    /// The lines of the open detail view at the width it was last drawn.
    pub fn detail_lines(&self) -> Vec<Line> {
        let Some(v) = &self.detail else {
            return Vec::new();
        };
        let Some(c) = self.record(&v.case).map(|r| &r.case) else {
            return Vec::new();
        };
        let extra = self.extra.as_ref().filter(|x| x.case == v.case);
        let paras = content(&self.data, c, v.record, extra, self.lang);
        layout(&paras, v.width.get() as usize)
    }

    /// Open the record list of the open case, at the first record of the focused pane.
    pub(crate) fn open_records(&mut self) -> Vec<Effect> {
        let Some(cs) = &self.case else {
            return Vec::new();
        };
        let c = &cs.derived.record.case;
        let items = records(c);
        let pane = crate::ui::app::PANES.get(cs.pane).copied();
        let selected = items
            .iter()
            .position(|r| match pane {
                Some(crate::ui::app::Pane::Evidence) => matches!(r, Record::Evidence(_)),
                Some(crate::ui::app::Pane::Interviews) => matches!(r, Record::Interview(_)),
                Some(crate::ui::app::Pane::Liability) => {
                    matches!(r, Record::Decision | Record::Findings)
                }
                _ => false,
            })
            .unwrap_or(0);
        let number = cs.number.clone();
        self.records = Some(RecordList {
            case: number.clone(),
            items,
            selected,
        });
        vec![Effect::LoadExtra(number)]
    }

    pub(crate) fn open_detail(&mut self, case: &str, record: Record) -> Vec<Effect> {
        self.detail = Some(DetailView::new(case, record));
        vec![Effect::LoadExtra(case.to_string())]
    }

    pub(crate) fn records_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let Some(list) = &mut self.records else {
            return Vec::new();
        };
        let n = list.items.len();
        match k.code {
            KeyCode::Esc | KeyCode::Char('q') => self.records = None,
            KeyCode::Down | KeyCode::Char('j') => {
                list.selected = (list.selected + 1).min(n.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => list.selected = list.selected.saturating_sub(1),
            KeyCode::PageDown => list.selected = (list.selected + 10).min(n.saturating_sub(1)),
            KeyCode::PageUp => list.selected = list.selected.saturating_sub(10),
            KeyCode::Home | KeyCode::Char('g') => list.selected = 0,
            KeyCode::End | KeyCode::Char('G') => list.selected = n.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(&r) = list.items.get(list.selected) {
                    // The list stays beneath: Esc in the record returns to it.
                    let case = list.case.clone();
                    return self.open_detail(&case, r);
                }
            }
            _ => {}
        }
        Vec::new()
    }

    pub(crate) fn detail_key(&mut self, k: KeyEvent) -> Vec<Effect> {
        let lines = self.detail_lines();
        let Some(v) = &mut self.detail else {
            return Vec::new();
        };
        let page = (v.height.get() as usize).max(2) - 1;
        let max = lines.len().saturating_sub(v.height.get() as usize);
        if v.finding {
            match k.code {
                KeyCode::Esc => {
                    v.finding = false;
                    v.find.clear();
                }
                KeyCode::Enter => {
                    v.finding = false;
                    v.go_to(next_hit(&lines, &v.find, v.scroll, true, true), max);
                }
                KeyCode::Backspace => {
                    v.find.pop();
                }
                KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
                    v.find.push(c);
                    // Incremental: show the first match from here as it is typed.
                    let from = v.at.unwrap_or(v.scroll);
                    v.go_to(next_hit(&lines, &v.find, from, true, true), max);
                }
                _ => {}
            }
            return Vec::new();
        }
        match k.code {
            KeyCode::Esc | KeyCode::Char('q') => self.detail = None,
            KeyCode::Down | KeyCode::Char('j') => v.scroll = (v.scroll + 1).min(max),
            KeyCode::Up | KeyCode::Char('k') => v.scroll = v.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => v.scroll = (v.scroll + page).min(max),
            KeyCode::PageUp => v.scroll = v.scroll.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => v.scroll = 0,
            KeyCode::End | KeyCode::Char('G') => v.scroll = max,
            KeyCode::Char('/') => {
                v.finding = true;
                v.find.clear();
                v.at = None;
            }
            KeyCode::Char('n') => {
                let from = v.at.unwrap_or(v.scroll);
                v.go_to(next_hit(&lines, &v.find, from, true, false), max);
            }
            KeyCode::Char('N') => {
                let from = v.at.unwrap_or(v.scroll);
                v.go_to(next_hit(&lines, &v.find, from, false, false), max);
            }
            _ => {}
        }
        Vec::new()
    }
}

/// The line of the next (or previous) match of `needle` from line `from`; wraps around.
/// `here` counts a match on `from` itself.
pub fn next_hit(
    lines: &[Line],
    needle: &str,
    from: usize,
    forward: bool,
    here: bool,
) -> Option<usize> {
    if needle.is_empty() || lines.is_empty() {
        return None;
    }
    let needle = needle.to_lowercase();
    let hit = |i: usize| lines[i].text.to_lowercase().contains(&needle);
    let n = lines.len();
    let start = if here { 0 } else { 1 };
    (start..=n).find_map(|step| {
        let i = if forward {
            (from + step) % n
        } else {
            (from + n - step % n) % n
        };
        hit(i).then_some(i)
    })
}
