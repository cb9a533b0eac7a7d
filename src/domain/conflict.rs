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
    /// participant or a person a rule names.
    Related {
        respondent: Login,
        relation: RelationKind,
    },
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
                relation: RelationKind::Relative
            }]
        );
        assert!(involvement("wangl", case, &b.relations).is_empty());
    }
}
