//! Who is "involved" in a case (bundle-v1.md): a respondent, a participant in the act, or
//! someone with a recorded relation of any kind to a respondent. Involved investigators must
//! recuse (Art. 10(2)); involved committee members must recuse (Art. 10(3)).

use serde::Serialize;

use super::model::{Case, Login, Relation, RelationKind};

/// One reason a person is involved in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Involvement {
    Respondent,
    Handler,
    Reviewer,
    Approver,
    Related {
        respondent: Login,
        relation: RelationKind,
    },
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
    for respondent in &case.respondents {
        if respondent == person {
            continue;
        }
        for rel in relations {
            if rel.other(person) == Some(respondent.as_str()) {
                out.push(Involvement::Related {
                    respondent: respondent.clone(),
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
            vec![Involvement::Approver]
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
