//! The workflow's messages: why a command was refused and what to do, in zh-CN and en.

use std::fmt;

use super::labels::Labelled;
use super::{Lang, cite};
use crate::domain::Directory;
use crate::domain::model::{Measure, Role, Stage};
use crate::domain::step::Step;
use crate::i18n::check::BlockerWords;
use crate::i18n::people::{date, involvement_label, list, who};
use crate::workflow::identity::NotAlone;
use crate::workflow::{Refusal, Why, WorkflowError};

/// What an audit action is called in messages (`"accept"` → 决定受理 / accept the case):
/// a workflow step by its long label, else one of the few administrative actions.
pub fn action_label(action: &str, lang: Lang) -> &str {
    if let Some(step) = Step::from_audit_name(action) {
        return step.long(lang);
    }
    let (zh, en) = match action {
        "upsert_person" => ("添加或修改人员", "add or change a person"),
        "bootstrap" => ("初始化数据库", "initialise the database"),
        "import" => ("导入", "import"),
        "attach_file" => ("附加证据文件", "attach an evidence file"),
        "open" => ("打开案件", "open the case"),
        _ => return action,
    };
    lang.pick(zh, en)
}

pub fn role_label(role: Role, lang: Lang) -> &'static str {
    role.long(lang)
}

pub fn stage_label(stage: Stage, lang: Lang) -> &'static str {
    stage.short(lang)
}

/// Why someone may not do something.
pub fn why_message(why: &Why, dir: &Directory, lang: Lang) -> String {
    match why {
        Why::NeedsRole(r) => match lang {
            Lang::Zh => format!("此操作需要“{}”角色", role_label(*r, lang)),
            Lang::En => format!("this needs the {} role", role_label(*r, lang)),
        },
        Why::NotOnTeam => lang
            .pick(
                "只有本案调查组中未回避的成员可以办理（第十条第（二）项）",
                "only un-recused members of this case's investigation team may do this (Art. 10(2))",
            )
            .into(),
        Why::Recused { on } => match lang {
            Lang::Zh => format!("你已于{}回避本案，不再参与也不能查看本案", date(*on)),
            Lang::En => format!(
                "you recused from this case on {}, and no longer take part in or see it",
                date(*on)
            ),
        },
        Why::OfficerNoAccess => lang
            .pick(
                "执法人员不能查阅责任追究案卷",
                "enforcement officers do not open accountability case files",
            )
            .into(),
        Why::NotAssigned => lang
            .pick(
                "你不是本案调查组成员",
                "you are not on this case's investigation team",
            )
            .into(),
        Why::OnlyOwnRecusal => lang
            .pick(
                "调查组成员只能记录本人回避；他人的回避由局主要负责人记录",
                "a team member records only their own recusal; the bureau chief records others'",
            )
            .into(),
        Why::Involved(reasons) => {
            let sep = lang.pick("、", ", ");
            let r = reasons
                .iter()
                .map(|i| involvement_label(i, dir, lang))
                .collect::<Vec<_>>()
                .join(sep);
            match lang {
                Lang::Zh => format!(
                    "你与本案有关（{r}），应当回避，不能参与决定（{}）",
                    cite("10.3", lang)
                ),
                Lang::En => format!(
                    "you are involved in this case ({r}) and must recuse from deciding it ({})",
                    cite("10.3", lang)
                ),
            }
        }
        Why::NotInCommittee => lang
            .pick(
                "记录决定的人必须是参加决定且未回避的党委成员",
                "the person recording the decision must be on the deciding committee and not recused",
            )
            .into(),
        Why::LastAdmin => lang
            .pick(
                "这是最后一名管理员；先指定另一名管理员",
                "this is the last administrator; make someone else an administrator first",
            )
            .into(),
    }
}

fn measure(m: Measure, lang: Lang) -> String {
    cite(m.as_str(), lang)
}

/// A rule of the procedure a command would break.
pub fn refusal_message(r: &Refusal, dir: &Directory, lang: Lang) -> String {
    use Refusal as R;
    let zh = lang == Lang::Zh;
    match r {
        R::ReasonRequired => lang
            .pick(
                "必须写明理由（第十条第（一）项：不予受理的应当告知理由）",
                "a reason is required (Art. 10(1): a rejection must give its reasons)",
            )
            .into(),
        R::ResultRequired => lang.pick("必须写明复核或申诉的结果", "state the result").into(),
        R::CaseExists(n) => match zh {
            true => format!("案号{n}已存在；换一个案号，或留空由系统编号"),
            false => format!("case {n} already exists; use another number or leave it empty to get the next one"),
        },
        R::FutureDate(d) => match zh {
            true => format!("日期{}晚于今天；记录只能写已发生的事", date(*d)),
            false => format!("{} is after today; records are of what has happened", date(*d)),
        },
        R::AlreadyNotified(d) => match zh {
            true => format!("已于{}告知投诉人", date(*d)),
            false => format!("the complainant was already told on {}", date(*d)),
        },
        R::NoComplainant => lang
            .pick("匿名举报，无需告知", "an anonymous report: there is no one to tell")
            .into(),
        R::TeamTooSmall { members } => match zh {
            true => format!(
                "调查组须由两名或两名以上调查人员组成（第十条第（二）项），现有：{}",
                if members.is_empty() { "无".into() } else { list(dir, members, lang) }
            ),
            false => format!(
                "the team needs two or more investigators (Art. 10(2)); it would have: {}",
                if members.is_empty() { "none".into() } else { list(dir, members, lang) }
            ),
        },
        R::NotInvestigator(l) => match zh {
            true => format!("{}没有调查人员角色；请管理员先授予", who(dir, l)),
            false => format!("{} does not hold the investigator role; ask an administrator to grant it", who(dir, l)),
        },
        R::UnknownPerson(l) => match zh {
            true => format!("没有登录名为“{l}”的人员；请管理员先添加"),
            false => format!("no person with login \"{l}\"; ask an administrator to add them"),
        },
        R::NotTeamMember(l) => match zh {
            true => format!("{}不是本案调查组成员", who(dir, l)),
            false => format!("{} is not on this case's team", who(dir, l)),
        },
        R::AlreadyRespondent(l) => match zh {
            true => format!("{}已是本案被调查人", who(dir, l)),
            false => format!("{} is already a respondent of this case", who(dir, l)),
        },
        R::RecorderNotInterviewer(l) => match zh {
            true => format!(
                "笔录须由参加询问的调查人员记录（{}）：{}不在询问人员之列；把自己列为询问人员，或由询问人员记录",
                cite("10.2", lang),
                who(dir, l)
            ),
            false => format!(
                "an interview is recorded by one of its interviewers ({}): {} is not among them; add yourself, or let an interviewer record it",
                cite("10.2", lang),
                who(dir, l)
            ),
        },
        R::NotCounted(defects) => defects
            .iter()
            .map(|d| super::check::defect(d, dir, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; ")),
        R::ChangedOutcome(o) => match (o, zh) {
            (crate::domain::model::AppealOutcome::Changed, true) => {
                "结果为“变更”的，须写明变更后的处理（责任等级、是否免予追究、处理措施）".into()
            }
            (crate::domain::model::AppealOutcome::Changed, false) => {
                "a changed outcome needs the new one (grade, exemption, measures)".into()
            }
            (_, true) => "只有结果为“变更”时才写变更后的处理".into(),
            (_, false) => "a new outcome goes only with the result \"changed\"".into(),
        },
        R::AlreadyRecused(l) => match zh {
            true => format!("{}已经回避", who(dir, l)),
            false => format!("{} has already recused", who(dir, l)),
        },
        R::SelfRelation => lang.pick("不能登记本人与本人的关系", "a person cannot be related to themselves").into(),
        R::DuplicateRelation { a, b } => match zh {
            true => format!("{}与{}的这一关系已登记", who(dir, a), who(dir, b)),
            false => format!("this relation between {} and {} is already recorded", who(dir, a), who(dir, b)),
        },
        R::CommitteeConflict(members) => {
            let sep = lang.pick("；", "; ");
            let each = members
                .iter()
                .map(|(l, why)| {
                    let reasons = why
                        .iter()
                        .map(|i| involvement_label(i, dir, lang))
                        .collect::<Vec<_>>()
                        .join(lang.pick("、", ", "));
                    format!("{}: {reasons}", who(dir, l))
                })
                .collect::<Vec<_>>()
                .join(sep);
            match zh {
                true => format!("涉及本案的党委成员应当回避（{}）：{each}；把他们列入回避名单", cite("10.3", lang)),
                false => format!("committee members involved in the case must recuse ({}): {each}; list them as recused", cite("10.3", lang)),
            }
        }
        R::NotCommitteeMember(l) => match zh {
            true => format!("{}不是党委成员", who(dir, l)),
            false => format!("{} is not a member of the party committee", who(dir, l)),
        },
        R::OutcomeForStranger(l) => match zh {
            true => format!("{}与本案无关（不是被调查人、行为参与人或认定所列人员）", who(dir, l)),
            false => format!("{} is not concerned by this case (not a respondent, act participant or person named in the findings)", who(dir, l)),
        },
        R::SanctionWithoutLiability(l) => match zh {
            true => format!("{}被免予追究或不承担责任，不能同时决定追究措施", who(dir, l)),
            false => format!("{} is exempted or graded none, so no sanction can be decided", who(dir, l)),
        },
        R::MeasureNotDecided { person, measure: m } => match zh {
            true => format!("党委决定未对{}采取{}", who(dir, person), measure(*m, lang)),
            false => format!("the decision does not impose {} on {}", measure(*m, lang), who(dir, person)),
        },
        R::MeasureAlreadyApplied { person, measure: m } => match zh {
            true => format!("对{}的{}已执行", who(dir, person), measure(*m, lang)),
            false => format!("{} on {} was already applied", measure(*m, lang), who(dir, person)),
        },
        R::OpenMeasures(open) => {
            let each = open
                .iter()
                .map(|(l, m)| format!("{} {}", who(dir, l), measure(*m, lang)))
                .collect::<Vec<_>>()
                .join(lang.pick("、", ", "));
            match zh {
                true => format!("尚有决定的措施未执行：{each}；先记录执行（第十一条）"),
                false => format!("decided measures are not applied yet: {each}; record them first (Art. 11)"),
            }
        }
        R::NotNotified => lang
            .pick(
                "尚未告知投诉人受理结果（第十条第（一）项）；先记录告知",
                "the complainant has not been told the acceptance result (Art. 10(1)); record it first",
            )
            .into(),
        R::NotDecidedPerson(l) => match zh {
            true => format!("党委决定未涉及{}，其不能申请复核或申诉", who(dir, l)),
            false => format!("the decision does not name {}, who therefore cannot seek review or appeal", who(dir, l)),
        },
        R::AppealNotNew => lang
            .pick(
                "新登记的复核或申诉不能已有受理或结果；分别记录受理和结果",
                "a new review or appeal cannot already be accepted or decided; record those steps separately",
            )
            .into(),
        R::SubmittedFindings => lang
            .pick(
                "处理意见已报送党委：调查结论只能补充尚未记录的主观过错（第二条第二款），其余内容以报送时为准",
                "the opinion is with the committee: the findings may only add a state of mind not yet recorded (Art. 2 ¶2); everything else stays as submitted",
            )
            .into(),
        R::NoSuchAppeal(i) => match zh {
            true => format!("没有第{}项复核或申诉", i + 1),
            false => format!("there is no review or appeal number {}", i + 1),
        },
        R::AppealAlreadyAccepted(i) => match zh {
            true => format!("第{}项复核或申诉已受理", i + 1),
            false => format!("review or appeal number {} is already accepted", i + 1),
        },
        R::AppealAlreadyDecided(i) => match zh {
            true => format!("第{}项复核或申诉已有结果", i + 1),
            false => format!("review or appeal number {} is already decided", i + 1),
        },
        R::AlreadyInitialised => lang
            .pick(
                "数据库已有人员；请管理员用 `culpa user add` 添加你",
                "the database already has people; ask an administrator to add you with `culpa user add`",
            )
            .into(),
        R::IncompletePerson(l) => match zh {
            true => format!("人员“{l}”不完整：登录名不能为空或含空格，姓名不能为空"),
            false => format!("person \"{l}\" is incomplete: the login must be non-empty without spaces, and the name non-empty"),
        },
        R::PersonDiffers(l) => match zh {
            true => format!("人员{l}已存在，但姓名、单位或角色不同；先统一数据库与文件中的记录"),
            false => format!("person {l} exists with a different name, unit or roles; make the file and the database agree first"),
        },
        R::File { path, error } => match zh {
            true => format!("无法读取文件{path}：{error}"),
            false => format!("cannot read {path}: {error}"),
        },
    }
}

impl WorkflowError {
    /// A message that names what was wrong and what to do, in the user's language (kept
    /// here, with the words, so that the workflow does not depend on the interface's
    /// languages).
    pub fn message(&self, dir: &Directory, lang: Lang) -> String {
        error_message(self, dir, lang)
    }
}

/// The full message of a workflow error: what was wrong and what to do.
pub fn error_message(e: &WorkflowError, dir: &Directory, lang: Lang) -> String {
    use WorkflowError as E;
    let zh = lang == Lang::Zh;
    match e {
        E::UnknownUser { login, admins } => {
            if admins.is_empty() {
                match zh {
                    true => format!(
                        "账户{login}不是本数据库的人员，且数据库尚无管理员；新数据库请先运行 `culpa init --admin 登录名`"
                    ),
                    false => format!(
                        "account {login} is not a person in this database, and it has no administrator; for a new database run `culpa init --admin LOGIN` first"
                    ),
                }
            } else {
                let a = list(dir, admins, lang);
                match zh {
                    true => format!(
                        "账户{login}不是本数据库的人员；请管理员（{a}）运行 `culpa user add {login} …` 添加你"
                    ),
                    false => format!(
                        "account {login} is not a person in this database; ask an admin ({a}) to run `culpa user add {login} …`"
                    ),
                }
            }
        }
        E::SwitchUserNotAllowed => lang
            .pick(
                "--as 只能用于演示数据库；正式数据库以你的系统账户身份操作",
                "--as is only allowed on a demo database; a real database acts as your OS account",
            )
            .into(),
        E::SwitchUserNotAlone(why) => match (why, zh) {
            (NotAlone::Owner { path, uid }, true) => format!(
                "--as 只能用于你独有的演示数据库：{path} 属于另一个账户（uid {uid}）；请用 `culpa demo` 建一个自己的演示库"
            ),
            (NotAlone::Owner { path, uid }, false) => format!(
                "--as is only allowed on a demo database that is yours alone: {path} belongs to another account (uid {uid}); make your own with `culpa demo`"
            ),
            (NotAlone::Writable { path, mode }, true) => format!(
                "--as 只能用于你独有的演示数据库：{path} 他人可写（权限 {mode:o}），其演示标记可能被他人设置；若确为你独有，请执行 `chmod go-w {path}`"
            ),
            (NotAlone::Writable { path, mode }, false) => format!(
                "--as is only allowed on a demo database that is yours alone: others can write {path} (mode {mode:o}), so its demo flag proves nothing; if it is yours alone, run `chmod go-w {path}`"
            ),
        },
        E::NotPermitted {
            login, action, why, ..
        } => match zh {
            true => format!(
                "{}不能{}：{}",
                who(dir, login),
                action_label(action, lang),
                why_message(why, dir, lang)
            ),
            false => format!(
                "{} may not {}: {}",
                who(dir, login),
                action_label(action, lang),
                why_message(why, dir, lang)
            ),
        },
        E::WrongStage {
            case,
            stage,
            action,
        } => match zh {
            true => format!(
                "案件{case}处于“{}”阶段，此时不能{}",
                stage_label(*stage, lang),
                action_label(action, lang)
            ),
            false => format!(
                "case {case} is {}; you cannot {} at this stage",
                stage_label(*stage, lang),
                action_label(action, lang)
            ),
        },
        E::Blocked(report) => {
            let items = report
                .blockers
                .iter()
                .map(|b| format!("- {}", b.message(dir, lang)))
                .collect::<Vec<_>>()
                .join("\n");
            match zh {
                true => format!(
                    "案件{}尚不能报送党委（截至{}）：\n{items}",
                    report.case,
                    date(report.as_of)
                ),
                false => format!(
                    "case {} cannot go to the committee yet (as of {}):\n{items}",
                    report.case,
                    date(report.as_of)
                ),
            }
        }
        E::Conflict {
            case, by, at, what, ..
        } => {
            let by = if by.is_empty() {
                "?".to_string()
            } else {
                who(dir, by)
            };
            match zh {
                true => format!(
                    "案件{case}在你读取后已被{by}于{at}修改（{}）；请刷新后重做修改",
                    action_label(what, lang)
                ),
                false => format!(
                    "case {case} was changed by {by} at {at} ({}) after you read it; reload and redo your change",
                    action_label(what, lang)
                ),
            }
        }
        E::Invalid(errors) => {
            let items = errors
                .iter()
                .map(|e| format!("- {e}"))
                .collect::<Vec<_>>()
                .join("\n");
            match zh {
                true => format!("修改后的记录不符合规则，未保存：\n{items}"),
                false => format!("the change would break the rules and was not saved:\n{items}"),
            }
        }
        E::Refused {
            case,
            action,
            refusal,
        } => {
            let on = case.as_ref().map(|c| match zh {
                true => format!("（案件{c}）"),
                false => format!(" (case {c})"),
            });
            match zh {
                true => format!(
                    "不能{}{}：{}",
                    action_label(action, lang),
                    on.unwrap_or_default(),
                    refusal_message(refusal, dir, lang)
                ),
                false => format!(
                    "cannot {}{}: {}",
                    action_label(action, lang),
                    on.unwrap_or_default(),
                    refusal_message(refusal, dir, lang)
                ),
            }
        }
        E::NotFound(n) => match zh {
            true => format!("没有你可以查看的案件{n}；核对案号"),
            false => format!("no case {n} that you may open; check the number"),
        },
        E::Store(s) => match zh {
            true => format!("内部错误：{s}"),
            false => format!("internal error: {s}"),
        },
        E::Storage(s) => s.message(lang),
        E::Remote { message, .. } => message.clone(),
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&why_message(self, &Directory::default(), Lang::En))
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&refusal_message(self, &Directory::default(), Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::conflict::Involvement;

    #[test]
    fn every_refusal_speaks_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 10, 11).expect("date");
        let l = || "wangl".to_string();
        let errors = vec![
            WorkflowError::UnknownUser {
                login: l(),
                admins: vec!["liuf".into()],
            },
            WorkflowError::UnknownUser {
                login: l(),
                admins: vec![],
            },
            WorkflowError::SwitchUserNotAllowed,
            WorkflowError::SwitchUserNotAlone(NotAlone::Owner {
                path: "/srv/demo.db".into(),
                uid: 1001,
            }),
            WorkflowError::SwitchUserNotAlone(NotAlone::Writable {
                path: "/srv/demo.db".into(),
                mode: 0o664,
            }),
            WorkflowError::NotPermitted {
                login: l(),
                action: "accept",
                needs: Some(Role::Legal),
                why: Why::NeedsRole(Role::Legal),
            },
            WorkflowError::NotPermitted {
                login: l(),
                action: "open",
                needs: None,
                why: Why::Recused { on: d },
            },
            WorkflowError::NotPermitted {
                login: l(),
                action: "decide",
                needs: None,
                why: Why::Involved(vec![Involvement::Approver]),
            },
            WorkflowError::WrongStage {
                case: "N".into(),
                stage: Stage::Rejected,
                action: "accept",
            },
            WorkflowError::Conflict {
                case: "N".into(),
                by: l(),
                at: "2026-10-11T08:00:00Z".into(),
                what: "set_findings".into(),
                current_version: 3,
            },
            WorkflowError::Refused {
                case: Some("N".into()),
                action: "reject",
                refusal: Refusal::ReasonRequired,
            },
            WorkflowError::Refused {
                case: None,
                action: "close",
                refusal: Refusal::OpenMeasures(vec![(l(), Measure::M11_2)]),
            },
            WorkflowError::NotFound("N".into()),
        ];
        for e in errors {
            let zh = error_message(&e, &Directory::default(), Lang::Zh);
            let en = error_message(&e, &Directory::default(), Lang::En);
            assert!(!en.is_empty() && zh != en, "{e:?}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
    }
}
