//! One case's cross-references: every login known, every role held, every list consistent
//! with the people it names (bundle-v1.md, "Field notes").

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::BundleError;
use super::people::login_is_well_formed;
use crate::domain::directory::Directory;
use crate::domain::liability::{self, RuleError};
use crate::domain::model::{
    AcceptanceDecision, AppealOutcome, Case, Exempting, Measure, Role, RuleFinding, WrongfulCase,
};

/// Collects one case's errors with paths under `cases[idx]`.
pub(super) struct CaseValidator<'a> {
    pub case: &'a Case,
    pub idx: usize,
    pub dir: &'a Directory,
    /// The day of import (or `--today`): no date may be later.
    pub today: NaiveDate,
    pub errors: Vec<BundleError>,
}

impl<'a> CaseValidator<'a> {
    pub fn new(case: &'a Case, idx: usize, dir: &'a Directory, today: NaiveDate) -> Self {
        CaseValidator {
            case,
            idx,
            dir,
            today,
            errors: Vec::new(),
        }
    }

    /// Record an error at `cases[idx].<rel>`.
    pub fn err(&mut self, rel: &str, reason: impl Into<String>) {
        let path = if rel.is_empty() {
            format!("cases[{}]", self.idx)
        } else {
            format!("cases[{}].{rel}", self.idx)
        };
        let number = self.case.number.clone();
        self.errors.push(BundleError {
            path,
            case: Some(number),
            reason: reason.into(),
        });
    }

    /// The login must be a known person. Returns whether it is.
    fn login(&mut self, rel: &str, login: &str) -> bool {
        if self.dir.person(login).is_some() {
            return true;
        }
        if login_is_well_formed(login) {
            self.err(
                rel,
                // Exactly bundle-v1.md's example wording; the remedy (add them to `people`,
                // or correct the login) is evident.
                format!("unknown login \"{login}\""),
            );
        } else {
            self.err(
                rel,
                format!("\"{login}\" is not a login; use the person's OS account name"),
            );
        }
        false
    }

    /// The login must be a known person holding `role` (Art. 10's division of duties).
    fn login_with_role(&mut self, rel: &str, login: &str, role: Role, what: &str) {
        if self.login(rel, login) && !self.dir.has_role(login, role) {
            self.err(
                rel,
                format!(
                    "\"{login}\" does not hold the {} role, which {what} needs; give them the role or name someone who has it",
                    role.as_str()
                ),
            );
        }
    }

    fn logins(&mut self, rel: &str, logins: &[String]) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (k, l) in logins.iter().enumerate() {
            self.login(&format!("{rel}[{k}]"), l);
            if let Some(first) = seen.get(l.as_str()) {
                self.err(
                    &format!("{rel}[{k}]"),
                    format!("\"{l}\" is listed twice (also {rel}[{first}]); list each person once"),
                );
            } else {
                seen.insert(l, k);
            }
        }
    }

    fn is_respondent(&self, login: &str) -> bool {
        self.case.respondents.iter().any(|r| r == login)
    }

    /// Every login the case names outside the findings, and the roles they must hold.
    pub fn references(&mut self) {
        let case = self.case;
        if case.number.trim().is_empty() {
            self.err("number", "a case needs a number, e.g. 卧应急责〔2026〕7号");
        }
        self.login("act.handler", &case.act.handler);
        if let Some(r) = &case.act.reviewer {
            self.login("act.reviewer", r);
        }
        if let Some(a) = &case.act.approver {
            self.login("act.approver", a);
        }
        if case.respondents.is_empty() {
            self.err(
                "respondents",
                "no respondent; list the login of each officer under investigation",
            );
        }
        self.logins("respondents", &case.respondents);

        if let Some(acc) = &case.acceptance {
            // Art. 10(1): the legal affairs office decides acceptance.
            self.login_with_role("acceptance.by", &acc.by, Role::Legal, "deciding acceptance");
            // Art. 10(1): "不予受理的应当告知理由" — a rejection must give reasons.
            if acc.decision == AcceptanceDecision::Rejected
                && acc.reason.as_deref().is_none_or(|r| r.trim().is_empty())
            {
                self.err(
                    "acceptance.reason",
                    "a rejection must give its reason (Art. 10(1)); write it here",
                );
            }
        }
        if let Some(team) = &case.team {
            // Art. 10(2): the bureau chief appoints the investigation team.
            self.login_with_role(
                "team.appointed_by",
                &team.appointed_by,
                Role::Chief,
                "appointing the team",
            );
            let members = team.members.clone();
            self.logins("team.members", &members);
            for (k, m) in members.iter().enumerate() {
                if self.dir.person(m).is_some() {
                    self.login_with_role(
                        &format!("team.members[{k}]"),
                        m,
                        Role::Investigator,
                        "serving on the team",
                    );
                }
            }
        }
        for (k, r) in case.recusals.iter().enumerate() {
            let rel = format!("recusals[{k}].person");
            let member = case
                .team
                .as_ref()
                .is_some_and(|t| t.members.contains(&r.person));
            if self.login(&rel, &r.person) && !member {
                self.err(&rel, format!("\"{}\" is not on the team, so cannot recuse from it; committee members recuse in decision.recused", r.person));
            }
        }
        for (k, iv) in case.interviews.iter().enumerate() {
            if iv.kind.interviewee_is_login() {
                let rel = format!("interviews[{k}].interviewee");
                if self.login(&rel, &iv.interviewee)
                    && iv.kind == crate::domain::model::InterviewKind::StatementDefence
                    && !self.is_respondent(&iv.interviewee)
                {
                    self.err(&rel, format!("\"{}\" is not a respondent; a statement_defence interview hears a respondent (use kind \"officer\" or \"witness\" for others)", iv.interviewee));
                }
            } else if iv.interviewee.trim().is_empty() {
                self.err(
                    &format!("interviews[{k}].interviewee"),
                    "say who was heard (name and capacity)",
                );
            }
            self.logins(&format!("interviews[{k}].interviewers"), &iv.interviewers);
        }
        for (k, e) in case.evidence.iter().enumerate() {
            self.login(&format!("evidence[{k}].collected_by"), &e.collected_by);
            if let Some(h) = &e.sha256
                && !(h.len() == 64
                    && h.bytes()
                        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
            {
                self.err(
                    &format!("evidence[{k}].sha256"),
                    "not a SHA-256 digest; write 64 lowercase hex digits, or null",
                );
            }
        }
        if let Some(d) = &case.deliberation {
            if d.attendees.is_empty() {
                self.err(
                    "deliberation.attendees",
                    "a collective deliberation (Art. 10(3)) needs its attendees",
                );
            }
            self.logins("deliberation.attendees", &d.attendees);
        }
        self.decision_and_after();
    }

    fn decision_and_after(&mut self) {
        let case = self.case;
        if let Some(d) = &case.decision {
            // Art. 10(3): the party committee decides.
            let committee = d.committee.clone();
            self.logins("decision.committee", &committee);
            for (k, m) in committee.iter().enumerate() {
                if self.dir.person(m).is_some() {
                    self.login_with_role(
                        &format!("decision.committee[{k}]"),
                        m,
                        Role::Committee,
                        "deciding on the committee",
                    );
                }
            }
            for (k, r) in d.recused.iter().enumerate() {
                let rel = format!("decision.recused[{k}]");
                if self.login(&rel, r) && !committee.contains(r) {
                    self.err(
                        &rel,
                        format!("\"{r}\" is not in decision.committee, so cannot recuse from it"),
                    );
                }
            }
            if committee.iter().all(|m| d.recused.contains(m)) {
                self.err(
                    "decision.committee",
                    "no committee member who has not recused; a decision needs at least one",
                );
            }
            for (login, o) in &d.outcomes {
                self.login(&format!("decision.outcomes.{login}"), login);
                self.measures_open(
                    &format!("decision.outcomes.{login}.sanctions"),
                    &o.sanctions,
                );
            }
        }
        for (k, s) in case.sanctions.iter().enumerate() {
            let rel = format!("sanctions[{k}]");
            if self.login(&format!("{rel}.person"), &s.person) {
                // Decided by the committee, or by a review or appeal's `changed_to`: an
                // applied sanction that a later appeal revoked stays on record ("to be
                // reversed").
                let decided = case
                    .decision
                    .as_ref()
                    .and_then(|d| d.outcomes.get(&s.person))
                    .is_some_and(|o| o.sanctions.contains(&s.measure))
                    || case.appeals.iter().any(|a| {
                        a.person == s.person
                            && a.changed_to
                                .as_ref()
                                .is_some_and(|o| o.sanctions.contains(&s.measure))
                    });
                if !decided {
                    self.err(&format!("{rel}.measure"), format!("measure {} for \"{}\" is not in decision.outcomes; only decided measures are applied (Art. 11)", s.measure.as_str(), s.person));
                }
            }
            self.measures_open(&rel, std::slice::from_ref(&s.measure));
            match s.amount {
                Some(a) if !a.is_finite() || a < 0.0 => {
                    self.err(
                        &format!("{rel}.amount"),
                        format!("amount {a} must be a non-negative number of yuan"),
                    );
                }
                Some(_) if s.measure != Measure::M11_6 => {
                    self.err(
                        &format!("{rel}.amount"),
                        "an amount belongs only to measure 11.6 (compensation); remove it",
                    );
                }
                _ => {}
            }
        }
        for (k, a) in case.appeals.iter().enumerate() {
            self.login(&format!("appeals[{k}].person"), &a.person);
            self.appeal_result(k, a);
        }
    }

    /// Art. 11(6) only where the fault caused state compensation ("因行政执法过错引起行政赔偿的":
    /// `wrongful_case` = `compensation`); Art. 11(7) only where a crime is suspected. The
    /// same in a decision, a `changed_to` and `sanctions[]` (bundle-v2.md).
    fn measures_open(&mut self, rel: &str, measures: &[Measure]) {
        let f = self.case.findings.as_ref();
        let compensation = f.is_some_and(|f| f.wrongful_case == Some(WrongfulCase::Compensation));
        let crime = f.is_some_and(|f| f.suspected_crime);
        for (k, m) in measures.iter().enumerate() {
            if *m == Measure::M11_6 && !compensation {
                self.err(&format!("{rel}[{k}]"), "measure 11.6 (bearing state compensation) needs findings.wrongful_case \"compensation\" (Art. 11(6)); remove it or record the compensation");
            }
            if *m == Measure::M11_7 && !crime {
                self.err(&format!("{rel}[{k}]"), "measure 11.7 (transfer to the judicial organs) needs findings.suspected_crime true (Art. 11(7)); remove it or record the suspected crime");
            }
        }
    }

    /// bundle-v2.md: `decided_on`, `result` and `outcome` are set together; `changed_to` with
    /// `changed` only.
    fn appeal_result(&mut self, k: usize, a: &crate::domain::model::Appeal) {
        let rel = format!("appeals[{k}]");
        match (a.decided_on.is_some(), a.outcome) {
            (true, None) => self.err(&format!("{rel}.outcome"), "a decided review or appeal needs its outcome: upheld, changed or revoked"),
            (false, Some(_)) => self.err(&format!("{rel}.outcome"), "an undecided review or appeal has no outcome yet; set decided_on and result, or remove the outcome"),
            _ => {}
        }
        if a.decided_on.is_none() && a.result.is_some() {
            self.err(&format!("{rel}.result"), "an undecided review or appeal has no result yet; set decided_on, or remove the result");
        }
        match (a.outcome, &a.changed_to) {
            (Some(AppealOutcome::Changed), None) => self.err(&format!("{rel}.changed_to"), "outcome changed needs the new outcome in changed_to ({\"grade\", \"exempted\", \"sanctions\"})"),
            (Some(AppealOutcome::Changed), Some(to)) => {
                let to = to.sanctions.clone();
                self.measures_open(&format!("{rel}.changed_to.sanctions"), &to);
            }
            (_, Some(_)) => self.err(&format!("{rel}.changed_to"), "changed_to belongs only to outcome changed; remove it"),
            _ => {}
        }
    }

    /// The findings' own fields, then the rules' parameters as the liability module judges them.
    pub fn findings(&mut self) {
        let case = self.case;
        let Some(f) = &case.findings else {
            return;
        };
        for (k, t) in f.fault_types.iter().enumerate() {
            // Art. 6 lists 22 fault types.
            if !(1..=22).contains(t) {
                self.err(
                    &format!("findings.fault_types[{k}]"),
                    format!("{t} is not an Art. 6 fault type; use 1–22"),
                );
            }
        }
        for (k, c) in f.cleared.iter().enumerate() {
            let rel = format!("findings.cleared[{k}]");
            if self.login(&rel, c) && !self.is_respondent(c) {
                self.err(
                    &rel,
                    format!("\"{c}\" is not a respondent; only respondents are cleared"),
                );
            }
        }
        for (login, c) in &f.circumstances {
            self.login(&format!("findings.circumstances.{login}"), login);
            // Art. 9(4)–(5): "未造成严重后果" — never beside serious consequences.
            for (k, e) in c.exempting.iter().enumerate() {
                if f.serious_consequences && matches!(e, Exempting::E9_4 | Exempting::E9_5) {
                    let code = if *e == Exempting::E9_4 { "9.4" } else { "9.5" };
                    self.err(
                        &format!("findings.circumstances.{login}.exempting[{k}]"),
                        format!("{code} requires no serious consequences (Art. 9: \"未造成严重后果\"), but serious_consequences is true; remove {code} or correct serious_consequences"),
                    );
                }
            }
        }
        // Art. 2 ¶2: culpability is recorded for people a rule names or respondents.
        let named = crate::domain::check::named_by_rules(case);
        for login in f.culpability.keys() {
            let rel = format!("findings.culpability.{login}");
            if self.login(&rel, login) && !self.is_respondent(login) && !named.contains(login) {
                self.err(&rel, format!("\"{login}\" is neither a respondent nor named by a rule; record culpability only for them"));
            }
        }
        for (j, r) in f.rules.iter().enumerate() {
            match r {
                RuleFinding::R5_3 { post_holder } => {
                    self.login(&format!("findings.rules[{j}].post_holder"), post_holder);
                }
                RuleFinding::R7_2_1 { persons }
                | RuleFinding::R7_3 { persons }
                | RuleFinding::R7_4 { persons } => {
                    if persons.is_empty() {
                        self.err(
                            &format!("findings.rules[{j}].persons"),
                            format!(
                                "rule {} names its persons; list at least one login",
                                r.code()
                            ),
                        );
                    }
                    self.logins(&format!("findings.rules[{j}].persons"), persons);
                }
                _ => {}
            }
        }
        // The liability module is the one place that knows whom each rule names; its refusal
        // (a rule naming a null act role, 7.1 off the spot, cleared yet named, …) is our
        // error, at the path it names (`findings.rules[j]` or `findings.cleared[k]`).
        if let Some((rel, e)) = liability::findings_error(case) {
            // A rule naming no one was reported above at its `persons`; once is enough.
            if !matches!(e, RuleError::NamesNoOne { .. }) {
                self.err(&rel, e.to_string());
            }
        }
    }
}

/// Two cases with the same number are an error (bundle-v1.md).
pub(super) fn duplicate_numbers(cases: &[Case]) -> Vec<BundleError> {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        if let Some(j) = first.get(c.number.as_str()) {
            errors.push(BundleError::new(
                format!("cases[{i}].number"),
                Some(&c.number),
                format!("duplicate case number (also cases[{j}]); each case needs its own number"),
            ));
        } else {
            first.insert(&c.number, i);
        }
    }
    errors
}
