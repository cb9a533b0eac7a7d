//! Who is "involved" in a case (bundle-v2.md, **Involved**, for investigators and committee
//! members alike): a respondent, the act's handler, reviewer or approver, a person a rule in
//! `findings.rules` names (a `post_holder` or one of `persons`), or someone with a recorded
//! relation of any kind with any of these (one relation only: a relative of a relative is not
//! involved). Involved investigators must recuse (Art. 10(2)); involved committee members must
//! recuse (Art. 10(3)).

use serde::Serialize;

use super::model::{Case, Login, Relation, RelationKind, RuleCode, RuleFinding};

/// One reason a person is involved in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Involvement {
    Respondent,
    Handler,
    Reviewer,
    Approver,
    /// Named by this rule of the findings (7.2.1, 7.3, 7.4's `persons`, 5.3's `post_holder`).
    NamedByRule {
        rule: RuleCode,
    },
    /// Related to `respondent` — the involved person at the other end: a respondent, an act
    /// participant or a person a rule names (the field keeps its first name for the JSON);
    /// `party` says which, so the words never call a reviewer "respondent".
    Related {
        respondent: Login,
        relation: RelationKind,
        party: Party,
    },
}

/// What the person at the other end of a relation is in the case: the first of respondent,
/// handler, reviewer, approver, named by a rule that applies (bundle-v2.md, **Involved**).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "as", rename_all = "snake_case")]
pub enum Party {
    Respondent,
    Handler,
    Reviewer,
    Approver,
    NamedByRule { rule: RuleCode },
}

impl Party {
    /// What `person` is in `case`; only asked of someone [`involved_people`] lists.
    pub fn of(person: &str, case: &Case) -> Party {
        if case.respondents.iter().any(|r| r == person) {
            Party::Respondent
        } else if case.act.handler == person {
            Party::Handler
        } else if case.act.reviewer.as_deref() == Some(person) {
            Party::Reviewer
        } else if case.act.approver.as_deref() == Some(person) {
            Party::Approver
        } else {
            rule_named(case)
                .into_iter()
                .find(|(l, _)| *l == person)
                .map_or(Party::Respondent, |(_, rule)| Party::NamedByRule { rule })
        }
    }
}

/// The people a rule names explicitly (act roles are involved anyway).
fn rule_named(case: &Case) -> Vec<(&str, RuleCode)> {
    let mut out = Vec::new();
    for r in case.findings.iter().flat_map(|f| f.rules.iter()) {
        match r {
            RuleFinding::R5_3 { post_holder } => out.push((post_holder.as_str(), r.code())),
            RuleFinding::R7_2_1 { persons }
            | RuleFinding::R7_3 { persons }
            | RuleFinding::R7_4 { persons } => {
                out.extend(persons.iter().map(|p| (p.as_str(), r.code())));
            }
            _ => {}
        }
    }
    out
}

/// Everyone directly involved (before relations), in a stable order, each once.
pub fn involved_people(case: &Case) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let all = case
        .respondents
        .iter()
        .map(String::as_str)
        .chain(case.act.participants())
        .chain(rule_named(case).into_iter().map(|(l, _)| l));
    for l in all {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

/// Every reason `person` is involved in `case`, in a stable order; empty if none.
pub fn involvement(person: &str, case: &Case, relations: &[Relation]) -> Vec<Involvement> {
    let mut out = Vec::new();
    if case.respondents.iter().any(|r| r == person) {
        out.push(Involvement::Respondent);
    }
    if case.act.handler == person {
        out.push(Involvement::Handler);
    }
    if case.act.reviewer.as_deref() == Some(person) {
        out.push(Involvement::Reviewer);
    }
    if case.act.approver.as_deref() == Some(person) {
        out.push(Involvement::Approver);
    }
    for (login, rule) in rule_named(case) {
        let reason = Involvement::NamedByRule { rule };
        if login == person && !out.contains(&reason) {
            out.push(reason);
        }
    }
    for other in involved_people(case) {
        if other == person {
            continue;
        }
        for rel in relations {
            if rel.other(person) == Some(other) {
                out.push(Involvement::Related {
                    respondent: other.to_string(),
                    relation: rel.kind,
                    party: Party::of(other, case),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Bundle;

    fn example() -> Bundle {
        serde_json::from_str(include_str!("../../tests/fixtures/example.json")).unwrap()
    }

    #[test]
    fn respondent_participant_and_relative_are_involved() {
        let b = example();
        let case = &b.cases[0];
        assert_eq!(
            involvement("sunq", case, &b.relations),
            vec![Involvement::Respondent, Involvement::Handler]
        );
        assert_eq!(
            involvement("chenj", case, &b.relations),
            vec![Involvement::Respondent, Involvement::Approver]
        );
        assert_eq!(
            involvement("zhaom", case, &b.relations),
            vec![Involvement::Related {
                respondent: "zhouh".into(),
                relation: RelationKind::Relative,
                party: Party::Respondent,
            }]
        );
        assert!(involvement("wangl", case, &b.relations).is_empty());
    }

    /// A relative of the act's reviewer who is not (yet) a respondent is involved through
    /// the reviewer, and the reason says so (not "respondent").
    #[test]
    fn a_relation_says_what_the_other_person_is_in_the_case() {
        let mut b = example();
        let case = &mut b.cases[0];
        case.respondents.retain(|r| r != "zhouh");
        assert_eq!(case.act.reviewer.as_deref(), Some("zhouh"));
        assert_eq!(
            involvement("zhaom", case, &b.relations),
            vec![Involvement::Related {
                respondent: "zhouh".into(),
                relation: RelationKind::Relative,
                party: Party::Reviewer,
            }]
        );
        assert_eq!(Party::of("sunq", case), Party::Respondent);
    }
}
