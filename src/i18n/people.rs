//! How people, their ties and the days of the record are named in messages (the workflow's
//! refusals and the submission check's blockers share them).

use chrono::NaiveDate;

use super::Lang;
use super::labels::Labelled;
use crate::domain::Directory;
use crate::domain::conflict::Involvement;
use crate::domain::model::{Login, RelationKind};

fn relation_label(kind: RelationKind, lang: Lang) -> &'static str {
    kind.short(lang)
}

/// One reason of involvement, e.g. "周华的亲属" / "relative of 周华".
pub fn involvement_label(i: &Involvement, dir: &Directory, lang: Lang) -> String {
    match i {
        Involvement::Respondent => lang.pick("被调查人", "a respondent").into(),
        Involvement::Handler => lang.pick("承办人", "the act's handler").into(),
        Involvement::Reviewer => lang.pick("审核人", "the act's reviewer").into(),
        Involvement::Approver => lang.pick("批准人", "the act's approver").into(),
        Involvement::NamedByRule { rule } => match lang {
            Lang::Zh => format!("{}所列人员", crate::i18n::cite(rule.as_str(), lang)),
            Lang::En => format!("named by {}", crate::i18n::cite(rule.as_str(), lang)),
        },
        Involvement::Related {
            respondent,
            relation,
            party,
        } => {
            let who = crate::i18n::party(*party, dir.name(respondent), lang);
            match lang {
                Lang::Zh => format!("{who}的{}", relation_label(*relation, lang)),
                Lang::En => format!("{} of {who}", relation_label(*relation, lang)),
            }
        }
    }
}

/// `刘芳 (liuf)`.
pub(crate) fn who(dir: &Directory, login: &str) -> String {
    let name = dir.name(login);
    if name == login {
        login.to_string()
    } else {
        format!("{name} ({login})")
    }
}

pub(crate) fn list(dir: &Directory, logins: &[Login], lang: Lang) -> String {
    let sep = lang.pick("、", ", ");
    logins
        .iter()
        .map(|l| who(dir, l))
        .collect::<Vec<_>>()
        .join(sep)
}

pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
