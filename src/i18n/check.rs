//! Strings of the submission check (`domain::check`): each says what is wrong, by name, and
//! what would clear it.

use chrono::NaiveDate;

use super::{Lang, cite};
use crate::domain::check::{Blocker, CheckReport};
use crate::domain::conflict::Involvement;
use crate::domain::directory::Directory;
use crate::domain::model::{Login, RelationKind};
use crate::i18n::people::{date, involvement_label, list, who};

fn join(names: &[String], lang: Lang) -> String {
    names.join(lang.pick("、", ", "))
}

pub fn team_too_small(active: &[String], lang: Lang) -> String {
    let art = cite("10.2", lang);
    match (active.is_empty(), lang) {
        (true, Lang::Zh) => format!(
            "调查组尚无未回避的调查人员，须由两人以上组成（{art}）；请局主要负责人指派调查组。"
        ),
        (true, Lang::En) => format!(
            "The case has no investigator who has not recused; the team needs two or more ({art}). The bureau chief must appoint the investigation team."
        ),
        (false, Lang::Zh) => format!(
            "调查组未回避的调查人员只有{}，不足两人（{art}）；请局主要负责人增派调查人员。",
            join(active, lang)
        ),
        (false, Lang::En) => format!(
            "Only {} remains on the team without recusal; it needs two or more ({art}). The bureau chief must appoint another investigator.",
            join(active, lang)
        ),
    }
}

/// Why one investigator is involved, as a predicate following their name.
pub fn involvement(inv: &Involvement, dir: &Directory, lang: Lang) -> String {
    match (inv, lang) {
        (Involvement::Respondent, Lang::Zh) => "本人是被调查人".into(),
        (Involvement::Respondent, Lang::En) => "is a respondent".into(),
        (Involvement::Handler, Lang::Zh) => "是该执法行为的承办人".into(),
        (Involvement::Handler, Lang::En) => "was the handler of the act".into(),
        (Involvement::Reviewer, Lang::Zh) => "是该执法行为的审核人".into(),
        (Involvement::Reviewer, Lang::En) => "was the reviewer of the act".into(),
        (Involvement::Approver, Lang::Zh) => "是该执法行为的批准人".into(),
        (Involvement::Approver, Lang::En) => "was the approver of the act".into(),
        (Involvement::NamedByRule { rule }, Lang::Zh) => {
            format!("被认定的{}所列明", crate::i18n::cite(rule.as_str(), lang))
        }
        (Involvement::NamedByRule { rule }, Lang::En) => {
            format!(
                "is named by {} in the findings",
                crate::i18n::cite(rule.as_str(), lang)
            )
        }
        (
            Involvement::Related {
                respondent,
                relation,
                party,
            },
            _,
        ) => {
            let who = crate::i18n::party(*party, dir.name(respondent), lang);
            match lang {
                Lang::Zh => format!("与{who}有{}", relation_zh(*relation)),
                Lang::En => relation_en(*relation, &who),
            }
        }
    }
}

fn relation_zh(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Relative => "亲属关系",
        RelationKind::Spouse => "夫妻关系",
        // The direction of a superior/subordinate relation does not matter for recusal.
        RelationKind::Superior | RelationKind::Subordinate => "上下级关系",
        RelationKind::Interest => "利害关系",
        RelationKind::Other => "其他关系",
    }
}

fn relation_en(kind: RelationKind, who: &str) -> String {
    match kind {
        RelationKind::Relative => format!("is a relative of {who}"),
        RelationKind::Spouse => format!("is the spouse of {who}"),
        RelationKind::Superior | RelationKind::Subordinate => {
            format!("is in a superior–subordinate relation with {who}")
        }
        RelationKind::Interest => format!("has an interest in common with {who}"),
        RelationKind::Other => format!("has a recorded relation with {who}"),
    }
}

/// One involved investigator: name and every reason.
pub fn conflict(name: &str, reasons: &[String], lang: Lang) -> String {
    // Chinese sets no space between a name and its predicate.
    format!(
        "{name}{}{}",
        lang.pick("", " "),
        reasons.join(lang.pick("，且", ", and "))
    )
}

pub fn conflicts_not_recused(conflicts: &[String], lang: Lang) -> String {
    let art = cite("10.2", lang);
    match lang {
        Lang::Zh => format!(
            "{}，须回避（{art}）；记录回避或更换调查组成员。",
            conflicts.join("；")
        ),
        Lang::En => format!(
            "{}; an involved investigator must recuse ({art}). Record the recusal or replace the team member.",
            conflicts.join("; ")
        ),
    }
}

pub fn defence_not_heard(respondents: &[String], lang: Lang) -> String {
    let art = cite("10.2", lang);
    let who = join(respondents, lang);
    match lang {
        Lang::Zh => format!(
            "尚未听取被调查人{who}的陈述和申辩（{art}）；记录陈述申辩笔录，本人拒绝或放弃的记录为放弃。"
        ),
        Lang::En => format!(
            "The statement and defence of respondent {who} has not been heard ({art}). Record a statement-and-defence interview, or record that the respondent waived it."
        ),
    }
}

pub fn interested_parties_not_heard(lang: Lang) -> String {
    let art = cite("10.2", lang);
    match lang {
        Lang::Zh => format!(
            "尚未听取行政相对人或利害关系人的意见（{art}）；记录询问笔录，或写明无法听取的原因。"
        ),
        Lang::En => format!(
            "No counterpart or interested party has been heard ({art}). Record an interview, or note why none could be heard."
        ),
    }
}

pub fn no_deliberation(lang: Lang) -> String {
    let art = cite("10.3", lang);
    match lang {
        Lang::Zh => format!("调查组尚未集体研究（{art}）；记录集体研究的日期、参加人员和纪要。"),
        Lang::En => format!(
            "The team has not deliberated collectively ({art}). Record the deliberation: date, attendees and minutes."
        ),
    }
}

pub fn liability_incomplete(
    no_findings: bool,
    unaccounted: &[String],
    no_culpability: &[String],
    lang: Lang,
) -> String {
    let art = match lang {
        Lang::Zh => format!("{}、{}", cite("5", lang), cite("7", lang)),
        Lang::En => format!("{}, {}", cite("5", lang), cite("7", lang)),
    };
    if no_findings {
        return match lang {
            Lang::Zh => {
                format!("尚未记录调查结论（{art}）；录入认定的过错类型、适用条款和责任人员。")
            }
            Lang::En => format!(
                "No findings are recorded ({art}). Enter the fault types, the rules that apply and who is liable."
            ),
        };
    }
    let mut parts = Vec::new();
    if !unaccounted.is_empty() {
        let who = join(unaccounted, lang);
        parts.push(match lang {
            Lang::Zh => format!(
                "调查结论没有说明被调查人{who}的责任（{art}）；适用相应条款认定其责任，或列为不予追究。"
            ),
            Lang::En => format!(
                "The findings do not account for respondent {who} ({art}). Name them under the rule that applies, or list them as cleared."
            ),
        });
    }
    if !no_culpability.is_empty() {
        let who = join(no_culpability, lang);
        let art2 = cite("2", lang);
        parts.push(match lang {
            Lang::Zh => format!(
                "尚未认定{who}的主观状态（{art2}第二款：故意、重大过失、一般过失或无过错）；在调查结论中录入。"
            ),
            Lang::En => format!(
                "The state of mind of {who} is not recorded ({art2} ¶2: intent, gross negligence, negligence or no fault). Record it in the findings."
            ),
        });
    }
    parts.join(lang.pick("", " "))
}

/// Art. 10(2): a graded person who is not a respondent was never heard.
pub fn graded_not_respondent(persons: &[String], lang: Lang) -> String {
    let who = join(persons, lang);
    let art = cite("10.2", lang);
    match lang {
        Lang::Zh => format!(
            "{who}被认定承担责任，但不是被调查人，未经陈述申辩（{art}）；将其列为被调查人并听取其陈述申辩。"
        ),
        Lang::En => format!(
            "{who} is held liable by the findings but is not a respondent, so was never heard ({art}). Add them as a respondent and hear their statement and defence."
        ),
    }
}

pub fn overdue_without_reason(due: NaiveDate, lang: Lang) -> String {
    let art = cite("10.3", lang);
    match lang {
        Lang::Zh => format!(
            "已超过受理后三十日的报送期限（{due}）且未说明超期原因（{art}）；填写超期原因。"
        ),
        Lang::En => format!(
            "The 30-day limit after acceptance ended on {due} and no reason for the delay is recorded ({art}). Record the reason."
        ),
    }
}

pub fn not_accepted(lang: Lang) -> String {
    let art = cite("10.1", lang);
    match lang {
        Lang::Zh => format!("案件尚未决定受理（{art}）；法制股决定受理后方可报送。"),
        Lang::En => format!(
            "The case has not been accepted ({art}). The legal affairs office must accept it first."
        ),
    }
}

/// Why a hearing or deliberation does not count (Art. 10(2)–(3)), naming who is missing or
/// involved.
pub fn defect(d: &crate::domain::hearing::Defect, dir: &Directory, lang: Lang) -> String {
    use crate::domain::hearing::Defect;
    match d {
        Defect::TooFewMembers { counted } => {
            let have = if counted.is_empty() {
                lang.pick("无", "none").to_string()
            } else {
                list(dir, counted, lang)
            };
            match lang {
                Lang::Zh => format!(
                    "须有两名或两名以上当日在任、未回避的调查组成员参加（{}），现只有：{have}",
                    cite("10.2", lang)
                ),
                Lang::En => format!(
                    "two or more team members, appointed and not recused on that day, must take part ({}); there are only: {have}",
                    cite("10.2", lang)
                ),
            }
        }
        Defect::Involved { login, reasons } => {
            let why = reasons
                .iter()
                .map(|i| involvement_label(i, dir, lang))
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            match lang {
                Lang::Zh => format!("{}与本案有关（{why}），不得参加", who(dir, login)),
                Lang::En => format!(
                    "{} is involved ({why}) and may not take part",
                    who(dir, login)
                ),
            }
        }
        Defect::BeforeHearing { hearing_on } => match lang {
            Lang::Zh => format!(
                "集体研究应在调查取证之后（{}）：{}还有听取意见的记录",
                cite("10.3", lang),
                date(*hearing_on)
            ),
            Lang::En => format!(
                "the deliberation must follow the hearings ({}): one was held on {}",
                cite("10.3", lang),
                date(*hearing_on)
            ),
        },
    }
}

/// The words of the submission check: what each blocker means, in the user's language. The
/// domain (`domain::check`) names what blocks; saying it is this module's (layers: i18n
/// knows the domain, the domain never asks i18n).
pub trait BlockerWords {
    /// What is wrong and what would clear it, in the user's language.
    fn message(&self, dir: &Directory, lang: Lang) -> String;
}

impl BlockerWords for Blocker {
    fn message(&self, dir: &Directory, lang: Lang) -> String {
        let names = |logins: &[Login]| -> Vec<String> {
            logins.iter().map(|l| dir.name(l).to_string()).collect()
        };
        match self {
            Blocker::GradedNotRespondent { persons } => {
                graded_not_respondent(&names(persons), lang)
            }
            Blocker::TeamTooSmall { active } => team_too_small(&names(active), lang),
            Blocker::ConflictNotRecused { conflicts } => {
                let lines: Vec<String> = conflicts
                    .iter()
                    .map(|c| {
                        let reasons: Vec<String> = c
                            .reasons
                            .iter()
                            .map(|r| involvement(r, dir, lang))
                            .collect();
                        conflict(dir.name(&c.investigator), &reasons, lang)
                    })
                    .collect();
                conflicts_not_recused(&lines, lang)
            }
            Blocker::DefenceNotHeard { respondents } => {
                defence_not_heard(&names(respondents), lang)
            }
            Blocker::InterestedPartiesNotHeard => interested_parties_not_heard(lang),
            Blocker::NoDeliberation => no_deliberation(lang),
            Blocker::LiabilityIncomplete {
                no_findings,
                unaccounted,
                no_culpability,
            } => liability_incomplete(
                *no_findings,
                &names(unaccounted),
                &names(no_culpability),
                lang,
            ),
            Blocker::OverdueWithoutReason { due } => overdue_without_reason(*due, lang),
            Blocker::NotAccepted => not_accepted(lang),
        }
    }
}

/// The check's answer as the command line prints it.
pub trait ReportWords {
    /// `{"case", "ready", "blockers": [{"code", "message"}]}` as bundle-v2.md prints it.
    fn to_json(&self, dir: &Directory, lang: Lang) -> serde_json::Value;
}

impl ReportWords for CheckReport {
    fn to_json(&self, dir: &Directory, lang: Lang) -> serde_json::Value {
        let blockers: Vec<serde_json::Value> = self
            .blockers
            .iter()
            .map(
                |b| serde_json::json!({"code": b.code().as_str(), "message": b.message(dir, lang)}),
            )
            .collect();
        serde_json::json!({"case": self.case, "ready": self.ready(), "blockers": blockers})
    }
}
