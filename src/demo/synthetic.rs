//! Many valid cases, cheaply and reproducibly, for load and speed work. Each case depends only
//! on (`seed`, its index, `today`, the people and relations), so generation is lazy.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::model::{
    Acceptance, AcceptanceDecision, Act, ActKind, Appeal, AppealKind, AppealOutcome, Case,
    Complainant, DecidedOutcome, Decision, Deliberation, Evidence, Grade, Interview, InterviewKind,
    Login, Measure, Person, Recusal, Relation, Role, Source, Stage, Team, WrongfulCase,
};

use super::phrases as ph;
use super::rng::SplitMix64;
use super::synthetic_rules::{applied, findings, measures, pattern};

/// Like [`super::synthetic`], with the relations of the directory the cases will join (an
/// investigator related to a respondent is never put on an active team; an involved committee
/// member is always recused).
pub fn synthetic_with(
    n: usize,
    seed: u64,
    today: NaiveDate,
    people: &[Person],
    relations: &[Relation],
) -> impl Iterator<Item = Case> + use<> {
    let pool = Pool::new(people, relations);
    // Without anyone to have made the act there is no valid case to make.
    let n = if pool.officers.is_empty() { 0 } else { n };
    (0..n).map(move |i| pool.case(i, seed, today))
}

/// The people by role, gathered once.
struct Pool {
    legal: Vec<Login>,
    chief: Vec<Login>,
    investigators: Vec<Login>,
    committee: Vec<Login>,
    officers: Vec<Login>,
    /// Who may approve an act: the bureau's leaders, else any officer.
    leaders: Vec<Login>,
    relations: Vec<(Login, Login)>,
}

fn with_role(people: &[Person], role: Role) -> Vec<Login> {
    people
        .iter()
        .filter(|p| p.has(role))
        .map(|p| p.login.clone())
        .collect()
}

/// Stages by weight: investigations dominate a real register.
const STAGES: [(Stage, u64); 9] = [
    (Stage::Received, 1),
    (Stage::Accepted, 1),
    (Stage::Rejected, 1),
    (Stage::Investigating, 3),
    (Stage::Submitted, 1),
    (Stage::Decided, 1),
    (Stage::Sanctioned, 2),
    (Stage::Appealed, 1),
    (Stage::Closed, 2),
];

/// The latest record of a case at this stage lies at most this many days after receipt (see
/// the offsets in `Pool::case`), so receiving it that long ago keeps every date ≤ today.
fn max_span(stage: Stage) -> u64 {
    match stage {
        Stage::Received => 0,
        Stage::Accepted | Stage::Rejected => 5,
        Stage::Investigating | Stage::Submitted => 35,
        _ => 200,
    }
}

impl Pool {
    fn new(people: &[Person], relations: &[Relation]) -> Self {
        let mut officers = with_role(people, Role::Officer);
        if officers.is_empty() {
            officers = people.iter().map(|p| p.login.clone()).collect();
        }
        let committee = with_role(people, Role::Committee);
        let chief = with_role(people, Role::Chief);
        let mut leaders: Vec<Login> = committee.iter().chain(&chief).cloned().collect();
        leaders.sort();
        leaders.dedup();
        if leaders.is_empty() {
            leaders = officers.clone();
        }
        Pool {
            legal: with_role(people, Role::Legal),
            chief,
            investigators: with_role(people, Role::Investigator),
            committee,
            officers,
            leaders,
            relations: relations
                .iter()
                .map(|r| (r.a.clone(), r.b.clone()))
                .collect(),
        }
    }

    fn related(&self, a: &str, b: &str) -> bool {
        self.relations
            .iter()
            .any(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }

    /// bundle-v2.md's "involved": a respondent or a participant in the act (the synthetic
    /// rules name no one else), or related to one of them (Art. 10(2), 10(3)).
    fn involved(&self, who: &str, act: &Act, respondents: &[Login]) -> bool {
        respondents
            .iter()
            .map(String::as_str)
            .chain(act.participants())
            .any(|r| r == who || self.related(who, r))
    }

    fn act(&self, rng: &mut SplitMix64) -> Act {
        const KINDS: [ActKind; 5] = [
            ActKind::License,
            ActKind::Inspection,
            ActKind::Penalty,
            ActKind::Coercion,
            ActKind::Reconsideration,
        ];
        let kind = *rng.pick(&KINDS).unwrap_or(&ActKind::Inspection);
        let handler = rng.pick(&self.officers).cloned().unwrap_or_default();
        let others: Vec<&Login> = self.officers.iter().filter(|o| **o != handler).collect();
        let reviewer = if rng.chance(75) {
            rng.pick(&others).map(|l| (*l).clone())
        } else {
            None
        };
        let leaders: Vec<&Login> = self
            .leaders
            .iter()
            .filter(|l| **l != handler && Some(*l) != reviewer.as_ref())
            .collect();
        let approver = if rng.chance(60) {
            rng.pick(&leaders).map(|l| (*l).clone())
        } else {
            None
        };
        let on_the_spot = reviewer.is_none()
            && approver.is_none()
            && matches!(kind, ActKind::Penalty | ActKind::Coercion)
            && rng.chance(50);
        let prefix = match kind {
            ActKind::License => "许",
            ActKind::Inspection => "检记",
            ActKind::Penalty => "罚",
            ActKind::Coercion => "强",
            ActKind::Reconsideration => "复",
        };
        Act {
            kind,
            // The year is filled in once the case is dated (`Pool::case`).
            reference: format!("卧应急{prefix}〔YEAR〕{}号", rng.range(1, 999)),
            on_the_spot,
            handler,
            reviewer,
            approver,
        }
    }

    fn case(&self, i: usize, seed: u64, today: NaiveDate) -> Case {
        let mut rng = SplitMix64::new(seed ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next_u64();
        let total: u64 = STAGES.iter().map(|(_, w)| w).sum();
        let mut roll = rng.range(0, total - 1);
        let mut stage = Stage::Received;
        for (s, w) in STAGES {
            if roll < w {
                stage = s;
                break;
            }
            roll -= w;
        }
        let rejected_then_closed = stage == Stage::Closed && rng.chance(30);

        let act = self.act(&mut rng);
        let pattern = pattern(&act, &mut rng);
        let respondents: Vec<Login> = pattern
            .graded
            .iter()
            .map(|(l, _)| l.clone())
            .chain(pattern.cleared.iter().cloned())
            .collect();

        // What the directory allows, stage by stage (roles of Art. 10).
        let eligible: Vec<&Login> = self
            .investigators
            .iter()
            .filter(|m| !self.involved(m, &act, &respondents))
            .collect();
        let sitting = self
            .committee
            .iter()
            .filter(|m| !self.involved(m, &act, &respondents))
            .count();
        if self.legal.is_empty() {
            stage = Stage::Received;
        }
        if stage >= Stage::Investigating
            && !rejected_then_closed
            && (self.chief.is_empty() || eligible.len() < 2)
        {
            stage = Stage::Accepted;
        }
        if stage >= Stage::Decided && !rejected_then_closed && sitting == 0 {
            stage = Stage::Submitted;
        }

        let extra = if stage >= Stage::Decided {
            rng.range(0, 1100)
        } else {
            rng.range(0, 90)
        };
        let base = today
            .checked_sub_days(Days::new(max_span(stage) + extra))
            .unwrap_or(today);
        let at = |off: u64| base.checked_add_days(Days::new(off)).unwrap_or(base);

        let source = *rng
            .pick(&[
                Source::Complaint,
                Source::Appeal,
                Source::Report,
                Source::Referral,
            ])
            .unwrap_or(&Source::Report);
        let complainant = if source == Source::Report && rng.chance(60) {
            None
        } else {
            Some(Complainant {
                name: format!("{}某", rng.pick(&ph::SURNAMES).unwrap_or(&"王")),
                contact: format!("13{}xxxx{:04}", rng.range(0, 9), rng.range(0, 9999)),
            })
        };
        let title = format!(
            "{}{}",
            rng.pick(&ph::SUBJECTS).unwrap_or(&""),
            rng.pick(&ph::ISSUES).unwrap_or(&"")
        );
        let mut act = act;
        // The act preceded the complaint; its document carries the year it was made.
        let act_year = base.checked_sub_days(Days::new(30)).unwrap_or(base).year();
        act.reference = act.reference.replace("YEAR", &act_year.to_string());
        let mut case = Case::received(
            format!("卧应急责〔{}〕S{}号", base.year(), i + 1),
            title,
            source,
            base,
            complainant,
            rng.pick(&ph::SUMMARIES).unwrap_or(&"").to_string(),
            act,
            respondents,
        );
        case.stage = stage;
        if stage == Stage::Received {
            return case;
        }

        // Art. 10(1): acceptance within days of receipt, by the legal affairs office.
        let acc = rng.range(1, 5);
        let rejected = stage == Stage::Rejected || rejected_then_closed;
        let named = case.complainant.is_some();
        case.acceptance = Some(Acceptance {
            decision: if rejected {
                AcceptanceDecision::Rejected
            } else {
                AcceptanceDecision::Accepted
            },
            on: at(acc),
            by: rng.pick(&self.legal).cloned().unwrap_or_default(),
            reason: Some(
                if rejected {
                    rng.pick(&ph::REJECT_REASONS)
                } else {
                    rng.pick(&ph::ACCEPT_REASONS)
                }
                .unwrap_or(&"")
                .to_string(),
            ),
            notified_on: (named && rng.chance(85)).then(|| at(acc)),
        });
        if stage <= Stage::Rejected || rejected {
            return case;
        }

        // Art. 10(2): the chief appoints two or more uninvolved investigators.
        let team_on = acc + rng.range(0, 2);
        let size = if eligible.len() > 2 && rng.chance(30) {
            3
        } else {
            2
        };
        let start = rng.range(0, eligible.len() as u64 - 1) as usize;
        let mut members: Vec<Login> = (0..size)
            .map(|k| eligible[(start + k) % eligible.len()].clone())
            .collect();
        // Sometimes a related investigator was appointed and then recused, for the record.
        let conflicted: Vec<&Login> = self
            .investigators
            .iter()
            .filter(|m| !members.contains(m) && case.respondents.iter().any(|r| self.related(m, r)))
            .collect();
        if let Some(c) = rng.pick(&conflicted)
            && rng.chance(50)
        {
            members.push((*c).clone());
            case.recusals.push(Recusal {
                person: (*c).clone(),
                on: at(team_on + 1),
                reason: "与被调查人存在利害关系，申请回避".to_string(),
            });
        }
        let active: Vec<Login> = members[..size].to_vec();
        case.team = Some(Team {
            appointed_on: at(team_on),
            appointed_by: rng.pick(&self.chief).cloned().unwrap_or_default(),
            members,
        });

        // Offsets up to submission: submitted within 29 days of acceptance, so never overdue.
        let submitted = acc + rng.range(18, 29);
        let deliberated = submitted - rng.range(1, 3);
        let complete = stage >= Stage::Submitted || rng.chance(40);
        let when = |rng: &mut SplitMix64| at(rng.range(team_on + 2, deliberated - 1));

        for r in case.respondents.clone() {
            if !complete && rng.chance(50) {
                continue;
            }
            let waived = rng.chance(10);
            case.interviews.push(Interview {
                on: when(&mut rng),
                kind: InterviewKind::StatementDefence,
                interviewee: r,
                interviewers: active.clone(),
                transcript: if waived {
                    "被调查人书面表示放弃陈述和申辩。".to_string()
                } else {
                    rng.pick(&ph::DEFENCES).unwrap_or(&"").to_string()
                },
                signed: true,
                waived,
            });
        }
        if rng.chance(85) {
            case.interviews.push(Interview {
                on: when(&mut rng),
                kind: if rng.chance(70) {
                    InterviewKind::Counterpart
                } else {
                    InterviewKind::InterestedParty
                },
                interviewee: format!(
                    "{}某（企业负责人）",
                    rng.pick(&ph::SURNAMES).unwrap_or(&"李")
                ),
                interviewers: active.clone(),
                transcript: rng.pick(&ph::COUNTERPART_TALK).unwrap_or(&"").to_string(),
                signed: true,
                waived: false,
            });
        } else {
            case.interested_parties_note =
                Some("该行为不涉及具体行政相对人，无利害关系人可询问。".to_string());
        }
        for _ in 0..rng.range(1, 3) {
            let (kind, description) = *rng.pick(&ph::EVIDENCE).unwrap_or(&("other", ""));
            case.evidence.push(Evidence {
                kind: kind.to_string(),
                description: description.to_string(),
                collected_on: when(&mut rng),
                collected_by: rng.pick(&active).cloned().unwrap_or_default(),
                sha256: None,
            });
        }
        // A register lists records in the order they were made.
        case.interviews.sort_by_key(|i| i.on);
        case.evidence.sort_by_key(|e| e.collected_on);
        if complete {
            case.deliberation = Some(Deliberation {
                on: at(deliberated),
                attendees: active.clone(),
                minutes: rng.pick(&ph::MINUTES).unwrap_or(&"").to_string(),
            });
            case.findings = Some(findings(&pattern, &case.respondents, &mut rng));
        }
        if stage == Stage::Investigating {
            return case;
        }
        case.submitted_on = Some(at(submitted));
        if stage == Stage::Submitted {
            return case;
        }

        // Art. 10(3): the committee decides; every involved member recused.
        let decided = submitted + rng.range(3, 12);
        let recused: Vec<Login> = self
            .committee
            .iter()
            .filter(|m| self.involved(m, &case.act, &case.respondents))
            .cloned()
            .collect();
        let mut outcomes = BTreeMap::new();
        // Art. 11(6): a share of state compensation only where it was awarded.
        let compensation = case
            .findings
            .as_ref()
            .is_some_and(|f| f.wrongful_case == Some(WrongfulCase::Compensation));
        for (login, grade) in &pattern.graded {
            let exempted = rng.chance(15);
            let mut sanctions = if exempted {
                Vec::new()
            } else {
                measures(&mut rng)
            };
            if !compensation {
                sanctions.retain(|m| *m != Measure::M11_6);
            }
            outcomes.insert(
                login.clone(),
                DecidedOutcome {
                    grade: *grade,
                    exempted,
                    sanctions,
                },
            );
        }
        for login in &pattern.cleared {
            outcomes.insert(
                login.clone(),
                DecidedOutcome {
                    grade: Grade::None,
                    exempted: false,
                    sanctions: Vec::new(),
                },
            );
        }
        case.decision = Some(Decision {
            on: at(decided),
            committee: self.committee.clone(),
            recused,
            text: rng.pick(&ph::DECISIONS).unwrap_or(&"").to_string(),
            outcomes,
        });
        if stage == Stage::Decided {
            return case;
        }

        // Art. 11: measures applied within the 30 days (appealed cases: half before appeal).
        let apply = stage != Stage::Appealed || rng.chance(50);
        if apply {
            case.sanctions = applied(&case, decided, &at, &mut rng);
        }
        if stage == Stage::Sanctioned {
            return case;
        }

        // Civil Servant Law: review (复核), then perhaps appeal (申诉).
        let pending = stage == Stage::Appealed;
        if pending || rng.chance(30) {
            let person = pattern.graded[0].0.clone();
            let filed = decided + rng.range(5, 25);
            let review_done = !pending || rng.chance(50);
            let reviewed = filed + rng.range(10, 28);
            case.appeals.push(Appeal {
                person: person.clone(),
                kind: AppealKind::Review,
                filed_on: at(filed),
                accepted_on: None,
                extended: false,
                decided_on: review_done.then(|| at(reviewed)),
                result: review_done.then(|| "维持原决定".to_string()),
                outcome: review_done.then_some(AppealOutcome::Upheld),
                changed_to: None,
            });
            if review_done && pending {
                let appealed = reviewed + rng.range(3, 14);
                let accepted = appealed + rng.range(1, 5);
                case.appeals.push(Appeal {
                    person,
                    kind: AppealKind::Appeal,
                    filed_on: at(appealed),
                    accepted_on: Some(at(accepted)),
                    extended: rng.chance(30),
                    decided_on: None,
                    result: None,
                    outcome: None,
                    changed_to: None,
                });
            }
        }
        case
    }
}
