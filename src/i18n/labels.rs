//! One label table per domain enum: what each value is called, short (lists, columns, the
//! status line) and long (sentences, forms), in zh-CN and en. Every screen and message names
//! a stage, grade or step from here, so one value is never worded two ways.

use crate::domain::deadlines::{DeadlineState, ObligationKind};
use crate::domain::liability::Outcome;
use crate::domain::model::{Grade, InterviewKind, Measure, RelationKind, Role, Stage};
use crate::domain::step::Step;
use crate::i18n::Lang;

/// A value's names: (zh, en) short and long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub short: (&'static str, &'static str),
    pub long: (&'static str, &'static str),
}

const fn same(zh: &'static str, en: &'static str) -> Label {
    Label {
        short: (zh, en),
        long: (zh, en),
    }
}

const fn two(short: (&'static str, &'static str), long: (&'static str, &'static str)) -> Label {
    Label { short, long }
}

/// A domain enum with a label table.
pub trait Labelled: Copy {
    fn label(self) -> Label;
    fn short(self, lang: Lang) -> &'static str {
        let (zh, en) = self.label().short;
        lang.pick(zh, en)
    }
    fn long(self, lang: Lang) -> &'static str {
        let (zh, en) = self.label().long;
        lang.pick(zh, en)
    }
}

impl Labelled for Stage {
    fn label(self) -> Label {
        match self {
            Stage::Received => two(
                ("待受理", "received"),
                ("已收件待受理", "received, awaiting acceptance"),
            ),
            Stage::Accepted => same("已受理", "accepted"),
            Stage::Rejected => same("不予受理", "rejected"),
            Stage::Investigating => two(
                ("调查中", "investigating"),
                ("调查中", "under investigation"),
            ),
            Stage::Submitted => two(
                ("已报党委", "submitted"),
                ("已报送局党委", "submitted to the committee"),
            ),
            Stage::Decided => same("已决定", "decided"),
            Stage::Sanctioned => same("已执行", "sanctioned"),
            Stage::Appealed => two(
                ("复核/申诉中", "appealed"),
                ("复核或申诉中", "under review or appeal"),
            ),
            Stage::Closed => same("已结案", "closed"),
        }
    }
}

impl Labelled for Role {
    fn label(self) -> Label {
        match self {
            Role::Legal => two(("法制股", "legal"), ("法制股", "legal affairs")),
            Role::Chief => two(("局主要负责人", "chief"), ("局主要负责人", "bureau chief")),
            Role::Investigator => same("调查人员", "investigator"),
            Role::Committee => two(("党委成员", "committee"), ("党委成员", "party committee")),
            Role::Officer => two(("执法人员", "officer"), ("执法人员", "enforcement officer")),
            Role::Admin => two(("管理员", "admin"), ("系统管理员", "administrator")),
        }
    }
}

impl Labelled for Grade {
    fn label(self) -> Label {
        match self {
            Grade::Direct => two(("直接责任", "direct"), ("直接责任", "direct liability")),
            Grade::Corresponding => two(
                ("相应责任", "corresponding"),
                ("相应责任", "corresponding liability"),
            ),
            Grade::Supervisory => two(
                ("主管责任", "supervisory"),
                ("主管责任", "supervisory liability"),
            ),
            Grade::ImportantLeadership => two(
                ("重要领导责任", "important leadership"),
                ("重要领导责任", "important leadership liability"),
            ),
            Grade::Leadership => two(
                ("领导责任", "leadership"),
                ("领导责任", "leadership liability"),
            ),
            Grade::Shared => two(("共同承担", "shared"), ("共同承担责任", "shared liability")),
            Grade::None => two(("不承担", "none"), ("不承担责任", "no liability")),
        }
    }
}

impl Labelled for Outcome {
    fn label(self) -> Label {
        match self {
            Outcome::None => same("不予追究", "not pursued"),
            Outcome::MayExempt => same("可免予追究", "may be exempted"),
            Outcome::PursueHeavier => two(
                ("从重追究", "pursue, heavier"),
                ("从重追究", "pursue, heavier handling"),
            ),
            Outcome::Pursue => two(("追究", "pursue"), ("追究责任", "pursue")),
        }
    }
}

impl Labelled for ObligationKind {
    fn label(self) -> Label {
        match self {
            ObligationKind::Acceptance => two(
                ("受理决定", "acceptance"),
                ("作出受理决定", "decide acceptance"),
            ),
            ObligationKind::Notification => two(
                ("告知投诉人", "notification"),
                ("告知投诉人", "notify the complainant"),
            ),
            ObligationKind::DecisionReport => two(
                ("报送处理意见", "decision report"),
                ("向局党委报送处理意见", "report to the committee"),
            ),
            ObligationKind::Sanction => {
                two(("执行处理", "sanction"), ("执行处理", "apply the sanction"))
            }
            ObligationKind::ReviewDecision => same("复核决定", "review decision"),
            ObligationKind::AppealDecision => same("申诉决定", "appeal decision"),
        }
    }
}

impl Labelled for DeadlineState {
    fn label(self) -> Label {
        match self {
            DeadlineState::Overdue => same("已逾期", "overdue"),
            DeadlineState::DueSoon => same("将到期", "due soon"),
            DeadlineState::Open => same("进行中", "open"),
        }
    }
}

impl Labelled for InterviewKind {
    fn label(self) -> Label {
        match self {
            InterviewKind::StatementDefence => two(
                ("陈述申辩", "statement & defence"),
                ("被调查人陈述申辩", "respondent's statement and defence"),
            ),
            InterviewKind::Officer => two(
                ("询问执法人员", "officer"),
                ("询问执法责任人", "questioning the enforcement officer"),
            ),
            InterviewKind::Counterpart => two(
                ("行政相对人", "counterpart"),
                ("询问行政相对人", "questioning the counterpart"),
            ),
            InterviewKind::InterestedParty => two(
                ("利害关系人", "interested party"),
                ("听取利害关系人意见", "hearing an interested party"),
            ),
            InterviewKind::Witness => {
                two(("证人", "witness"), ("询问证人", "questioning a witness"))
            }
        }
    }
}

impl Labelled for RelationKind {
    fn label(self) -> Label {
        match self {
            RelationKind::Relative => same("亲属", "relative"),
            RelationKind::Spouse => same("配偶", "spouse"),
            RelationKind::Superior => same("上级", "superior"),
            RelationKind::Subordinate => same("下级", "subordinate"),
            RelationKind::Interest => same("利害关系", "interest"),
            RelationKind::Other => same("其他关系", "other tie"),
        }
    }
}

impl Labelled for Measure {
    fn label(self) -> Label {
        match self {
            Measure::M11_1 => two(
                ("责令改正并书面检查", "correction, written self-examination"),
                (
                    "责令改正，写出书面检查",
                    "order correction and a written self-examination",
                ),
            ),
            Measure::M11_2 => same("通报批评", "circulated criticism"),
            Measure::M11_3 => two(
                ("暂停执法、调离岗位", "suspension, transfer off post"),
                (
                    "暂停执法工作或取消执法资格，调离岗位",
                    "suspension or loss of enforcement qualification, transfer off the post",
                ),
            ),
            Measure::M11_4 => two(
                ("扣发津贴奖金", "withhold allowance or pay"),
                (
                    "扣发岗位津贴或奖金、工资",
                    "withholding allowance, bonus or pay",
                ),
            ),
            Measure::M11_5 => same("行政处分、党纪处分", "administrative or party discipline"),
            Measure::M11_6 => two(
                ("承担赔偿", "bear compensation"),
                (
                    "承担全部或部分赔偿金额",
                    "paying all or part of the compensation",
                ),
            ),
            Measure::M11_7 => two(
                ("移交司法机关", "transfer to judicial organs"),
                ("移交司法机关处理", "transfer to the judicial organs"),
            ),
        }
    }
}

impl Labelled for Step {
    /// Short: the key's hint and the palette; long: the verb in sentences ("cannot …").
    fn label(self) -> Label {
        match self {
            Step::Intake => two(
                ("登记投诉/举报", "intake"),
                ("登记来件", "register a complaint"),
            ),
            Step::Accept => two(("受理", "accept"), ("决定受理", "accept the case")),
            Step::Reject => two(("不予受理", "reject"), ("决定不予受理", "reject the case")),
            Step::Notify => two(
                ("告知投诉人", "notify"),
                ("记录告知投诉人", "record notifying the complainant"),
            ),
            Step::AppointTeam => two(
                ("指定调查组", "appoint team"),
                ("指派调查组", "appoint the investigation team"),
            ),
            Step::Recuse => two(("回避", "recuse"), ("记录回避", "record a recusal")),
            Step::AddRelation => two(
                ("登记关系", "add relation"),
                ("登记人员关系", "record a relation"),
            ),
            Step::AddEvidence => two(("登记证据", "add evidence"), ("登记证据", "add evidence")),
            Step::RecordInterview => two(
                ("询问笔录", "record interview"),
                ("记录询问", "record an interview"),
            ),
            Step::InterestedPartiesNote => two(
                ("利害关系人说明", "interested parties note"),
                (
                    "填写未听取利害关系人意见的说明",
                    "set the interested-parties note",
                ),
            ),
            Step::Findings => two(
                ("调查结论", "findings"),
                ("填写调查认定", "set the findings"),
            ),
            Step::Deliberate => two(
                ("集体研究", "deliberate"),
                ("记录集体研究", "record the deliberation"),
            ),
            Step::Submit => two(
                ("提交党委", "submit"),
                ("报送局党委", "submit to the committee"),
            ),
            Step::Decide => two(
                ("党委决定", "decide"),
                ("记录党委决定", "record the committee's decision"),
            ),
            Step::ApplySanction => two(
                ("执行处理", "apply sanction"),
                ("记录责任追究措施的执行", "record an applied sanction"),
            ),
            Step::FileAppeal => two(
                ("复核/申诉", "file appeal"),
                ("登记复核或申诉", "file a review or appeal"),
            ),
            Step::AcceptAppeal => two(
                ("受理申诉", "accept appeal"),
                ("受理复核或申诉", "accept a review or appeal"),
            ),
            Step::DecideAppeal => two(
                ("申诉决定", "decide appeal"),
                ("记录复核或申诉结果", "record a review or appeal result"),
            ),
            Step::Close => two(("结案", "close"), ("结案", "close the case")),
            Step::AddRespondent => two(
                ("追加被调查人", "add respondent"),
                ("追加被调查人", "add a respondent"),
            ),
        }
    }
}

/// A step's form title.
pub fn step_title(s: Step, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        Step::Intake => ("登记投诉、申诉、举报", "Intake"),
        Step::Accept => ("受理并立案", "Accept the case"),
        Step::Reject => ("不予受理", "Reject the case"),
        Step::Notify => ("告知受理结果", "Notify the complainant"),
        Step::AppointTeam => ("指派调查组", "Appoint the investigation team"),
        Step::Recuse => ("调查组成员回避", "Recusal of an investigator"),
        Step::AddRelation => ("登记人员关系", "Declare a relation"),
        Step::AddEvidence => ("登记证据", "Add evidence"),
        Step::AddRespondent => ("追加被调查人", "Add a respondent"),
        Step::RecordInterview => ("询问笔录", "Record an interview"),
        Step::InterestedPartiesNote => ("利害关系人情况说明", "Note on interested parties"),
        Step::Findings => ("调查认定", "Findings"),
        Step::Deliberate => ("集体研究", "Collective deliberation"),
        Step::Submit => ("报送局党委", "Submit to the party committee"),
        Step::Decide => ("局党委决定", "Committee decision"),
        Step::ApplySanction => ("执行责任追究方式", "Apply a sanction"),
        Step::FileAppeal => ("申请复核或提出申诉", "File a review or appeal"),
        Step::AcceptAppeal => ("受理复核、申诉", "Accept a review or appeal"),
        Step::DecideAppeal => ("复核、申诉决定", "Decide a review or appeal"),
        Step::Close => ("结案", "Close the case"),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_filled_in_both_languages() {
        let mut all: Vec<Label> = Vec::new();
        all.extend(Step::ALL.map(Labelled::label));
        all.extend(Role::ALL.map(Labelled::label));
        all.extend(Measure::ALL.map(Labelled::label));
        for l in all {
            for (zh, en) in [l.short, l.long] {
                assert!(!zh.is_empty() && !en.is_empty(), "{l:?}");
                assert!(!zh.is_ascii(), "{l:?}: the zh label is Chinese");
            }
        }
    }
}
