//! The case file as the regulation sees it, shaped exactly like `culpa.bundle/2`
//! (`../shared/formats/bundle-v2.md`; `/1` files are read through the mapping in
//! `validate::parse`). These types are both the domain model and the
//! exchange format: serde reads them strictly (unknown fields are errors) and writes them in
//! a stable order, so export → import → export is byte-for-byte the same.
//!
//! Fields the format marks as required are required even when they may be `null`
//! (`#[serde(deserialize_with = "Option::deserialize")]` turns off serde's
//! "missing Option means None" shortcut).

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A person's OS account name on the bureau server.
pub type Login = String;

/// The format tag every bundle written carries.
pub const BUNDLE_FORMAT: &str = "culpa.bundle/2";

/// The previous format, still read (bundle-v2.md: "Readers accept both; writers write `/2`").
pub const BUNDLE_FORMAT_V1: &str = "culpa.bundle/1";

fn is_false(b: &bool) -> bool {
    !*b
}

/// One `culpa.bundle/2` document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    pub people: Vec<Person>,
    pub relations: Vec<Relation>,
    pub cases: Vec<Case>,
}

impl Bundle {
    pub fn empty() -> Self {
        Bundle {
            format: BUNDLE_FORMAT.to_string(),
            people: Vec::new(),
            relations: Vec::new(),
            cases: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub login: Login,
    pub name: String,
    pub unit: String,
    pub roles: Vec<Role>,
}

impl Person {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What a person may do in the procedure (Art. 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 局负责法制工作的股室 — receives complaints, decides acceptance.
    Legal,
    /// 局主要负责人 — appoints the investigation team.
    Chief,
    /// 调查组成员.
    Investigator,
    /// 局党委成员 — decides.
    Committee,
    /// 行政执法人员.
    Officer,
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Legal,
        Role::Chief,
        Role::Investigator,
        Role::Committee,
        Role::Officer,
        Role::Admin,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Legal => "legal",
            Role::Chief => "chief",
            Role::Investigator => "investigator",
            Role::Committee => "committee",
            Role::Officer => "officer",
            Role::Admin => "admin",
        }
    }
}

/// A recorded tie between two people; any kind with a respondent makes an investigator or
/// committee member "involved" (Art. 10(2), 10(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    pub a: Login,
    pub b: Login,
    pub kind: RelationKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Relation {
    /// The other end of the relation, if `login` is one end.
    pub fn other(&self, login: &str) -> Option<&str> {
        if self.a == login {
            Some(&self.b)
        } else if self.b == login {
            Some(&self.a)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    Relative,
    Spouse,
    Superior,
    Subordinate,
    Interest,
    Other,
}

/// One accountability case (责任追究案件).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub number: String,
    pub title: String,
    pub source: Source,
    pub received_on: NaiveDate,
    #[serde(deserialize_with = "Option::deserialize")]
    pub complainant: Option<Complainant>,
    pub summary: String,
    pub act: Act,
    pub respondents: Vec<Login>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub acceptance: Option<Acceptance>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub team: Option<Team>,
    pub recusals: Vec<Recusal>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub interested_parties_note: Option<String>,
    pub interviews: Vec<Interview>,
    pub evidence: Vec<Evidence>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub deliberation: Option<Deliberation>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub findings: Option<Findings>,
    pub stage: Stage,
    #[serde(deserialize_with = "Option::deserialize")]
    pub submitted_on: Option<NaiveDate>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub overdue_reason: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub decision: Option<Decision>,
    pub sanctions: Vec<Sanction>,
    pub appeals: Vec<Appeal>,
}

impl Case {
    /// A freshly received case: everything of later stages empty.
    #[allow(clippy::too_many_arguments)] // one argument per intake field of the format
    pub fn received(
        number: String,
        title: String,
        source: Source,
        received_on: NaiveDate,
        complainant: Option<Complainant>,
        summary: String,
        act: Act,
        respondents: Vec<Login>,
    ) -> Self {
        Case {
            number,
            title,
            source,
            received_on,
            complainant,
            summary,
            act,
            respondents,
            acceptance: None,
            team: None,
            recusals: Vec::new(),
            interested_parties_note: None,
            interviews: Vec::new(),
            evidence: Vec::new(),
            deliberation: None,
            findings: None,
            stage: Stage::Received,
            submitted_on: None,
            overdue_reason: None,
            decision: None,
            sanctions: Vec::new(),
            appeals: Vec::new(),
        }
    }

    /// Team members who have not recused (as of `as_of`, if given: a recusal dated later
    /// does not count yet).
    pub fn active_investigators(&self, as_of: Option<NaiveDate>) -> Vec<&str> {
        let Some(team) = &self.team else {
            return Vec::new();
        };
        team.members
            .iter()
            .filter(|m| {
                !self
                    .recusals
                    .iter()
                    .any(|r| &r.person == *m && as_of.is_none_or(|d| r.on <= d))
            })
            .map(String::as_str)
            .collect()
    }

    pub fn is_recused(&self, login: &str) -> bool {
        self.recusals.iter().any(|r| r.person == login)
    }

    /// Each person's **final outcome** (bundle-v2.md, `appeals[]`): the committee's outcome,
    /// then every decided review or appeal of that person in `decided_on` order (then file
    /// order): `upheld` keeps what stands, `changed` replaces it with `changed_to`, `revoked`
    /// leaves none. People whose outcome was revoked are absent. Empty without a decision.
    /// Each measure carries the day from which it is owed: the decision's date, or the
    /// `decided_on` of the appeal whose `changed_to` added it (Art. 11: "30 days of the fault
    /// being determined" — on a change it is determined anew). A measure listed twice is owed
    /// once.
    pub fn final_outcomes(&self) -> Vec<FinalOutcome> {
        let Some(decision) = &self.decision else {
            return Vec::new();
        };
        let mut people: Vec<&Login> = decision.outcomes.keys().collect();
        for a in &self.appeals {
            if a.decided_on.is_some() && !people.contains(&&a.person) {
                people.push(&a.person);
            }
        }
        let mut out = Vec::new();
        for login in people {
            let mut standing: Option<FinalOutcome> =
                decision.outcomes.get(login).map(|o| FinalOutcome {
                    login: login.clone(),
                    grade: o.grade,
                    exempted: o.exempted,
                    measures: dedup_measures(&o.sanctions, decision.on, None),
                });
            let mut decided: Vec<(usize, &Appeal)> = self
                .appeals
                .iter()
                .enumerate()
                .filter(|(_, a)| &a.person == login && a.decided_on.is_some())
                .collect();
            decided.sort_by_key(|(i, a)| (a.decided_on, *i));
            for (_, a) in decided {
                let on = a.decided_on.unwrap_or(decision.on);
                match (a.outcome, &a.changed_to) {
                    (Some(AppealOutcome::Revoked), _) => standing = None,
                    (Some(AppealOutcome::Changed), Some(to)) => {
                        let before = standing.as_ref().map(|s| s.measures.as_slice());
                        standing = Some(FinalOutcome {
                            login: login.clone(),
                            grade: to.grade,
                            exempted: to.exempted,
                            measures: dedup_measures(&to.sanctions, on, before),
                        });
                    }
                    // `upheld`, or a `/1` appeal with no outcome (read as upheld).
                    _ => {}
                }
            }
            out.extend(standing);
        }
        out
    }

    /// The final outcome of one person, if any stands.
    pub fn final_outcome(&self, login: &str) -> Option<FinalOutcome> {
        self.final_outcomes().into_iter().find(|o| o.login == login)
    }

    /// The measures (Art. 11) of the final outcomes that no `sanctions[]` entry has applied
    /// yet, as (person, measure, owed from), in the outcomes' order. Empty without a decision.
    pub fn unapplied_measures(&self) -> Vec<(Login, Measure, NaiveDate)> {
        self.final_outcomes()
            .into_iter()
            .flat_map(|o| {
                let login = o.login;
                o.measures
                    .into_iter()
                    .map(move |(m, from)| (login.clone(), m, from))
            })
            .filter(|(login, m, _)| {
                !self
                    .sanctions
                    .iter()
                    .any(|s| &s.person == login && s.measure == *m)
            })
            .collect()
    }

    /// Applied sanctions that the final outcome no longer lists (a review or appeal revoked or
    /// changed it): shown "to be reversed"; they stay on record. Indexes into `sanctions`.
    pub fn sanctions_to_reverse(&self) -> Vec<usize> {
        let finals = self.final_outcomes();
        self.sanctions
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                !finals
                    .iter()
                    .any(|o| o.login == s.person && o.measures.iter().any(|(m, _)| *m == s.measure))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// A measure list without repeats; a measure that `before` already owed keeps its date.
fn dedup_measures(
    list: &[Measure],
    on: NaiveDate,
    before: Option<&[(Measure, NaiveDate)]>,
) -> Vec<(Measure, NaiveDate)> {
    let mut out: Vec<(Measure, NaiveDate)> = Vec::new();
    for &m in list {
        if out.iter().any(|(x, _)| *x == m) {
            continue;
        }
        let from = before
            .and_then(|b| b.iter().find(|(x, _)| *x == m).map(|(_, d)| *d))
            .unwrap_or(on);
        out.push((m, from));
    }
    out
}

/// What stands for one person after reviews and appeals (bundle-v2.md "final outcome").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinalOutcome {
    pub login: Login,
    pub grade: Grade,
    pub exempted: bool,
    /// Each measure once, with the day from which it is owed.
    pub measures: Vec<(Measure, NaiveDate)>,
}

/// How the matter reached the legal affairs office (Art. 10(1)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// 投诉
    Complaint,
    /// 申诉
    Appeal,
    /// 举报
    Report,
    /// from another body
    Referral,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complainant {
    pub name: String,
    pub contact: String,
}

/// The enforcement act under investigation and who made it (Art. 5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Act {
    pub kind: ActKind,
    pub reference: String,
    pub on_the_spot: bool,
    /// 承办人
    pub handler: Login,
    /// 审核人
    #[serde(deserialize_with = "Option::deserialize")]
    pub reviewer: Option<Login>,
    /// 批准人
    #[serde(deserialize_with = "Option::deserialize")]
    pub approver: Option<Login>,
}

impl Act {
    pub fn participants(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.handler.as_str())
            .chain(self.reviewer.as_deref())
            .chain(self.approver.as_deref())
    }
}

/// The enforcement posts of Art. 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActKind {
    License,
    Inspection,
    Penalty,
    Coercion,
    Reconsideration,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub decision: AcceptanceDecision,
    pub on: NaiveDate,
    pub by: Login,
    /// Required (non-empty) for a rejection: Art. 10(1) — "不予受理的应当告知理由".
    #[serde(deserialize_with = "Option::deserialize")]
    pub reason: Option<String>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub notified_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcceptanceDecision {
    Accepted,
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub appointed_on: NaiveDate,
    pub appointed_by: Login,
    pub members: Vec<Login>,
}

/// 回避 — the person stays in `team.members` for the record but no longer counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recusal {
    pub person: Login,
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interview {
    pub on: NaiveDate,
    pub kind: InterviewKind,
    /// A login for `statement_defence` and `officer`; free text otherwise.
    pub interviewee: String,
    pub interviewers: Vec<Login>,
    pub transcript: String,
    pub signed: bool,
    /// The respondent refused or waived the statement (reason in the transcript).
    #[serde(default, skip_serializing_if = "is_false")]
    pub waived: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewKind {
    /// 陈述申辩 — the respondent's statement and defence.
    StatementDefence,
    /// 询问执法责任人
    Officer,
    /// 行政相对人
    Counterpart,
    /// 利害关系人
    InterestedParty,
    Witness,
}

impl InterviewKind {
    /// Whether `interviewee` must be a login.
    pub fn interviewee_is_login(self) -> bool {
        matches!(
            self,
            InterviewKind::StatementDefence | InterviewKind::Officer
        )
    }
}

/// Evidence metadata. `kind` is free text in the format; [`EVIDENCE_KINDS`] lists the ones the
/// app offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub kind: String,
    pub description: String,
    pub collected_on: NaiveDate,
    pub collected_by: Login,
    /// Content hash of the file in the evidence vault, if one is attached.
    #[serde(deserialize_with = "Option::deserialize")]
    pub sha256: Option<String>,
}

/// Evidence kinds the app offers in its picker.
pub const EVIDENCE_KINDS: [&str; 7] = [
    "document",
    "record",
    "photo",
    "audio_video",
    "electronic",
    "physical",
    "other",
];

/// 集体研究 (Art. 10(3)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Deliberation {
    pub on: NaiveDate,
    pub attendees: Vec<Login>,
    pub minutes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Findings {
    /// Art. 6 item numbers, 1–22.
    pub fault_types: Vec<u8>,
    pub serious_consequences: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub wrongful_case: Option<WrongfulCase>,
    /// Art. 4: the law itself was violated → legal liability, out of scope.
    pub violates_law: bool,
    /// Art. 11(7): transfer to the judicial organs.
    pub suspected_crime: bool,
    pub rules: Vec<RuleFinding>,
    pub cleared: Vec<Login>,
    pub circumstances: BTreeMap<Login, Circumstances>,
    /// Art. 2 ¶2: each graded person's state of mind ("因故意或者重大过失"). Required in `/2`
    /// (it may be `{}`) — `validate::parse` checks its presence, since a `/1` file is read
    /// with `{}`.
    #[serde(default)]
    pub culpability: BTreeMap<Login, Culpability>,
}

/// Art. 2 ¶2: a fault is committed "因故意或者重大过失" — by intent or gross negligence. Ordinary
/// negligence or no fault is recorded, and not pursued, whatever grade the rules give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Culpability {
    /// 故意
    Intent,
    /// 重大过失
    GrossNegligence,
    /// 一般过失
    Negligence,
    /// 无过错
    None,
}

impl Culpability {
    pub const ALL: [Culpability; 4] = [
        Culpability::Intent,
        Culpability::GrossNegligence,
        Culpability::Negligence,
        Culpability::None,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Culpability::Intent => "intent",
            Culpability::GrossNegligence => "gross_negligence",
            Culpability::Negligence => "negligence",
            Culpability::None => "none",
        }
    }
    /// Art. 2 ¶2: only intent and gross negligence make a fault that is pursued.
    pub fn is_pursued(self) -> bool {
        matches!(self, Culpability::Intent | Culpability::GrossNegligence)
    }
}

/// Art. 2's list of what makes an act a wrongful case (错案).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WrongfulCase {
    Revoked,
    PartlyRevoked,
    Changed,
    ConfirmedIllegal,
    OrderedToPerform,
    OrderedToRedo,
    Compensation,
}

impl WrongfulCase {
    pub const ALL: [WrongfulCase; 7] = [
        WrongfulCase::Revoked,
        WrongfulCase::PartlyRevoked,
        WrongfulCase::Changed,
        WrongfulCase::ConfirmedIllegal,
        WrongfulCase::OrderedToPerform,
        WrongfulCase::OrderedToRedo,
        WrongfulCase::Compensation,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Circumstances {
    pub aggravating: Vec<Aggravating>,
    pub exempting: Vec<Exempting>,
}

/// Art. 8 grounds that are entered (8.3 is computed, never entered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Aggravating {
    #[serde(rename = "8.1")]
    A8_1,
    #[serde(rename = "8.2")]
    A8_2,
    #[serde(rename = "8.4")]
    A8_4,
}

/// Art. 9 grounds on which the committee may exempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Exempting {
    #[serde(rename = "9.1")]
    E9_1,
    #[serde(rename = "9.2")]
    E9_2,
    #[serde(rename = "9.3")]
    E9_3,
    #[serde(rename = "9.4")]
    E9_4,
    #[serde(rename = "9.5")]
    E9_5,
}

/// A role in the act, as a rule parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Superior {
    Reviewer,
    Approver,
}

/// One rule of Arts. 5 and 7 that the team found to apply, with its parameters.
/// Parameterless rules are empty struct variants so that `deny_unknown_fields` rejects
/// stray keys (serde lets unit variants of an internally tagged enum ignore them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", deny_unknown_fields)]
pub enum RuleFinding {
    #[serde(rename = "5.1")]
    R5_1 {},
    #[serde(rename = "5.2.1")]
    R5_2_1 {},
    #[serde(rename = "5.2.2")]
    R5_2_2 {},
    #[serde(rename = "5.2.3")]
    R5_2_3 {},
    #[serde(rename = "5.2.4")]
    R5_2_4 {},
    #[serde(rename = "5.2.5")]
    R5_2_5 {},
    #[serde(rename = "5.2.6")]
    R5_2_6 {},
    #[serde(rename = "5.2.7")]
    R5_2_7 {},
    #[serde(rename = "5.2.8")]
    R5_2_8 {},
    #[serde(rename = "5.2.9")]
    R5_2_9 {
        #[serde(default)]
        instructed_by: Option<Superior>,
        #[serde(default)]
        agreed_by_approver: bool,
    },
    #[serde(rename = "5.2.10")]
    R5_2_10 {
        ordered_by: Superior,
        #[serde(default)]
        obviously_illegal: bool,
    },
    #[serde(rename = "5.3")]
    R5_3 { post_holder: Login },
    #[serde(rename = "5.4")]
    R5_4 {
        handling_unit: String,
        review_unit: String,
        review_unit_changed_act: bool,
    },
    #[serde(rename = "7.1")]
    R7_1 {},
    #[serde(rename = "7.2.1")]
    R7_2_1 { persons: Vec<Login> },
    #[serde(rename = "7.2.2")]
    R7_2_2 {},
    #[serde(rename = "7.2.3")]
    R7_2_3 {},
    #[serde(rename = "7.3")]
    R7_3 { persons: Vec<Login> },
    #[serde(rename = "7.4")]
    R7_4 { persons: Vec<Login> },
}

impl RuleFinding {
    pub fn code(&self) -> RuleCode {
        use RuleCode as C;
        match self {
            RuleFinding::R5_1 {} => C::R5_1,
            RuleFinding::R5_2_1 {} => C::R5_2_1,
            RuleFinding::R5_2_2 {} => C::R5_2_2,
            RuleFinding::R5_2_3 {} => C::R5_2_3,
            RuleFinding::R5_2_4 {} => C::R5_2_4,
            RuleFinding::R5_2_5 {} => C::R5_2_5,
            RuleFinding::R5_2_6 {} => C::R5_2_6,
            RuleFinding::R5_2_7 {} => C::R5_2_7,
            RuleFinding::R5_2_8 {} => C::R5_2_8,
            RuleFinding::R5_2_9 { .. } => C::R5_2_9,
            RuleFinding::R5_2_10 { .. } => C::R5_2_10,
            RuleFinding::R5_3 { .. } => C::R5_3,
            RuleFinding::R5_4 { .. } => C::R5_4,
            RuleFinding::R7_1 {} => C::R7_1,
            RuleFinding::R7_2_1 { .. } => C::R7_2_1,
            RuleFinding::R7_2_2 {} => C::R7_2_2,
            RuleFinding::R7_2_3 {} => C::R7_2_3,
            RuleFinding::R7_3 { .. } => C::R7_3,
            RuleFinding::R7_4 { .. } => C::R7_4,
        }
    }
}

/// The rules of Arts. 5 and 7 by citation code, without parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleCode {
    R5_1,
    R5_2_1,
    R5_2_2,
    R5_2_3,
    R5_2_4,
    R5_2_5,
    R5_2_6,
    R5_2_7,
    R5_2_8,
    R5_2_9,
    R5_2_10,
    R5_3,
    R5_4,
    R7_1,
    R7_2_1,
    R7_2_2,
    R7_2_3,
    R7_3,
    R7_4,
}

impl RuleCode {
    pub const ALL: [RuleCode; 19] = [
        RuleCode::R5_1,
        RuleCode::R5_2_1,
        RuleCode::R5_2_2,
        RuleCode::R5_2_3,
        RuleCode::R5_2_4,
        RuleCode::R5_2_5,
        RuleCode::R5_2_6,
        RuleCode::R5_2_7,
        RuleCode::R5_2_8,
        RuleCode::R5_2_9,
        RuleCode::R5_2_10,
        RuleCode::R5_3,
        RuleCode::R5_4,
        RuleCode::R7_1,
        RuleCode::R7_2_1,
        RuleCode::R7_2_2,
        RuleCode::R7_2_3,
        RuleCode::R7_3,
        RuleCode::R7_4,
    ];

    /// The dotted citation code of RULES.md, e.g. `"5.2.4"`.
    pub fn as_str(self) -> &'static str {
        use RuleCode as C;
        match self {
            C::R5_1 => "5.1",
            C::R5_2_1 => "5.2.1",
            C::R5_2_2 => "5.2.2",
            C::R5_2_3 => "5.2.3",
            C::R5_2_4 => "5.2.4",
            C::R5_2_5 => "5.2.5",
            C::R5_2_6 => "5.2.6",
            C::R5_2_7 => "5.2.7",
            C::R5_2_8 => "5.2.8",
            C::R5_2_9 => "5.2.9",
            C::R5_2_10 => "5.2.10",
            C::R5_3 => "5.3",
            C::R5_4 => "5.4",
            C::R7_1 => "7.1",
            C::R7_2_1 => "7.2.1",
            C::R7_2_2 => "7.2.2",
            C::R7_2_3 => "7.2.3",
            C::R7_3 => "7.3",
            C::R7_4 => "7.4",
        }
    }

    pub fn parse(s: &str) -> Option<RuleCode> {
        RuleCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for RuleCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Liability grades, declared most severe first so that `Ord` is severity
/// (`Direct < Corresponding < …`; the *minimum* is the most severe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 直接责任
    Direct,
    /// 相应责任 (5.2.10, obviously illegal order executed)
    Corresponding,
    /// 主管责任
    Supervisory,
    /// 重要领导责任
    ImportantLeadership,
    /// 领导责任
    Leadership,
    /// 共同承担 (5.4)
    Shared,
    None,
}

impl Grade {
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Direct => "direct",
            Grade::Corresponding => "corresponding",
            Grade::Supervisory => "supervisory",
            Grade::ImportantLeadership => "important_leadership",
            Grade::Leadership => "leadership",
            Grade::Shared => "shared",
            Grade::None => "none",
        }
    }
    /// The more severe of two grades.
    pub fn most_severe(self, other: Grade) -> Grade {
        self.min(other)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Received,
    Accepted,
    Rejected,
    Investigating,
    Submitted,
    Decided,
    Sanctioned,
    Appealed,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 9] = [
        Stage::Received,
        Stage::Accepted,
        Stage::Rejected,
        Stage::Investigating,
        Stage::Submitted,
        Stage::Decided,
        Stage::Sanctioned,
        Stage::Appealed,
        Stage::Closed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::Accepted => "accepted",
            Stage::Rejected => "rejected",
            Stage::Investigating => "investigating",
            Stage::Submitted => "submitted",
            Stage::Decided => "decided",
            Stage::Sanctioned => "sanctioned",
            Stage::Appealed => "appealed",
            Stage::Closed => "closed",
        }
    }
}

/// The committee's own final word (Art. 10(3)); may differ from what the rules suggest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub on: NaiveDate,
    pub committee: Vec<Login>,
    pub recused: Vec<Login>,
    pub text: String,
    pub outcomes: BTreeMap<Login, DecidedOutcome>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecidedOutcome {
    pub grade: Grade,
    pub exempted: bool,
    pub sanctions: Vec<Measure>,
}

/// The Art. 11 measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Measure {
    /// 责令改正，写出书面检查
    #[serde(rename = "11.1")]
    M11_1,
    /// 通报批评
    #[serde(rename = "11.2")]
    M11_2,
    /// 暂停执法工作或取消执法资格，调离岗位
    #[serde(rename = "11.3")]
    M11_3,
    /// 扣发岗位津贴或奖金、工资
    #[serde(rename = "11.4")]
    M11_4,
    /// 行政处分、党纪处分
    #[serde(rename = "11.5")]
    M11_5,
    /// 承担全部或部分赔偿金额
    #[serde(rename = "11.6")]
    M11_6,
    /// 移交司法机关
    #[serde(rename = "11.7")]
    M11_7,
}

impl Measure {
    pub const ALL: [Measure; 7] = [
        Measure::M11_1,
        Measure::M11_2,
        Measure::M11_3,
        Measure::M11_4,
        Measure::M11_5,
        Measure::M11_6,
        Measure::M11_7,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::M11_1 => "11.1",
            Measure::M11_2 => "11.2",
            Measure::M11_3 => "11.3",
            Measure::M11_4 => "11.4",
            Measure::M11_5 => "11.5",
            Measure::M11_6 => "11.6",
            Measure::M11_7 => "11.7",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sanction {
    pub person: Login,
    pub measure: Measure,
    pub applied_on: NaiveDate,
    pub note: String,
    /// Yuan, for 11.6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appeal {
    pub person: Login,
    pub kind: AppealKind,
    pub filed_on: NaiveDate,
    #[serde(default)]
    pub accepted_on: Option<NaiveDate>,
    #[serde(default)]
    pub extended: bool,
    #[serde(deserialize_with = "Option::deserialize")]
    pub decided_on: Option<NaiveDate>,
    #[serde(deserialize_with = "Option::deserialize")]
    pub result: Option<String>,
    /// The structured result (bundle-v2.md): set together with `decided_on`.
    #[serde(default)]
    pub outcome: Option<AppealOutcome>,
    /// The new outcome, with `changed` only.
    #[serde(default)]
    pub changed_to: Option<DecidedOutcome>,
}

impl Appeal {
    /// A review or appeal as filed: not yet accepted or decided.
    pub fn filed(person: impl Into<Login>, kind: AppealKind, filed_on: NaiveDate) -> Appeal {
        Appeal {
            person: person.into(),
            kind,
            filed_on,
            accepted_on: None,
            extended: false,
            decided_on: None,
            result: None,
            outcome: None,
            changed_to: None,
        }
    }
}

/// What a review or appeal decided about the committee's outcome for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealOutcome {
    /// 维持 — what stands is kept.
    Upheld,
    /// 变更 — replaced by `changed_to`.
    Changed,
    /// 撤销 — no outcome is left.
    Revoked,
}

impl AppealOutcome {
    pub const ALL: [AppealOutcome; 3] = [
        AppealOutcome::Upheld,
        AppealOutcome::Changed,
        AppealOutcome::Revoked,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AppealOutcome::Upheld => "upheld",
            AppealOutcome::Changed => "changed",
            AppealOutcome::Revoked => "revoked",
        }
    }
}

/// Civil Servant Law remedies after the committee's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealKind {
    /// 复核
    Review,
    /// 申诉
    Appeal,
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../tests/fixtures/example.json");

    #[test]
    fn example_bundle_reads_and_writes_back_the_same() {
        let b: Bundle = serde_json::from_str(EXAMPLE).unwrap();
        assert_eq!(
            b.cases[0].findings.as_ref().unwrap().rules,
            vec![RuleFinding::R5_2_4 {}]
        );
        let again: Bundle =
            serde_json::from_str(&serde_json::to_string_pretty(&b).unwrap()).unwrap();
        assert_eq!(b, again);
    }

    #[test]
    fn rule_parameters_are_strict() {
        let ok: RuleFinding = serde_json::from_str(r#"{"rule":"5.2.9"}"#).unwrap();
        assert_eq!(
            ok,
            RuleFinding::R5_2_9 {
                instructed_by: None,
                agreed_by_approver: false
            }
        );
        for bad in [
            r#"{"rule":"5.2.4","extra":1}"#,
            r#"{"rule":"5.9"}"#,
            r#"{"rule":"5.3"}"#,
            r#"{"rule":"5.2.9","instructed_by":"handler"}"#,
        ] {
            assert!(serde_json::from_str::<RuleFinding>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn nullable_fields_are_still_required() {
        let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        v["cases"][0].as_object_mut().unwrap().remove("decision");
        assert!(serde_json::from_value::<Bundle>(v).is_err());
    }

    #[test]
    fn unapplied_measures_are_decided_minus_applied() {
        let mut case: Case = serde_json::from_str::<Bundle>(EXAMPLE)
            .unwrap()
            .cases
            .remove(0);
        assert!(
            case.unapplied_measures().is_empty(),
            "no decision, nothing open"
        );
        let on = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let outcome = |ms: Vec<Measure>| DecidedOutcome {
            grade: Grade::Direct,
            exempted: false,
            sanctions: ms,
        };
        case.decision = Some(Decision {
            on,
            committee: vec!["wuy".into()],
            recused: vec![],
            text: String::new(),
            outcomes: BTreeMap::from([
                ("sunq".into(), outcome(vec![Measure::M11_1, Measure::M11_4])),
                ("zhouh".into(), outcome(vec![Measure::M11_1])),
            ]),
        });
        case.sanctions.push(Sanction {
            person: "sunq".into(),
            measure: Measure::M11_1,
            applied_on: on,
            note: String::new(),
            amount: None,
        });
        let open: Vec<(String, Measure)> = case
            .unapplied_measures()
            .into_iter()
            .map(|(l, m, _)| (l, m))
            .collect();
        assert_eq!(
            open,
            vec![
                ("sunq".into(), Measure::M11_4),
                ("zhouh".into(), Measure::M11_1)
            ]
        );
    }

    #[test]
    fn grade_order_is_severity() {
        assert_eq!(Grade::Supervisory.most_severe(Grade::Direct), Grade::Direct);
        assert_eq!(
            Grade::Shared.most_severe(Grade::Leadership),
            Grade::Leadership
        );
        assert_eq!(Grade::None.most_severe(Grade::Shared), Grade::Shared);
        assert!(Grade::Corresponding < Grade::Supervisory);
    }
}
