//! Strings of the forms (src/ui/forms). The findings questions restate the regulation's
//! Chinese text (regulation-zh.txt) as questions; the Chinese wins where they differ.

use crate::domain::model::{
    ActKind, Aggravating, AppealKind, AppealOutcome, Culpability, Exempting, Grade, InterviewKind,
    Measure, RelationKind, RuleCode, Source, WrongfulCase,
};
use crate::i18n::Lang;
use crate::i18n::labels::Labelled;

/// One string in both languages.
pub struct T(pub &'static str, pub &'static str);

impl T {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.0,
            Lang::En => self.1,
        }
    }
}

// ---- validation ----
pub const DATE_FORMAT: T = T(
    "日期格式应为 YYYY-MM-DD、today 或 +N",
    "date must be YYYY-MM-DD, today or +N (days from today; -N before)",
);
pub const REQUIRED: T = T("必填", "required");
pub const AMOUNT_FORMAT: T = T(
    "金额应为不小于 0 的元数，最多两位小数，如 1200.50",
    "amount must be yuan ≥ 0 with at most two decimals, e.g. 1200.50",
);
pub const FIX_FIELDS: T = T(
    "有字段需要修改，见标 ! 处",
    "some fields need attention: see the lines marked !",
);
pub const CHOOSE_ONE: T = T("请选择一项", "choose one");
pub const NO_CASE: T = T("未打开案件，无法提交", "no case is open; open a case first");
pub fn choose_at_least(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("至少选择 {n} 项（空格键勾选）"),
        Lang::En => format!("choose at least {n} (Space ticks)"),
    }
}
pub const REL_SAME: T = T("两端不能是同一人", "the two ends must be different people");
pub const FILE_MISSING: T = T(
    "文件不存在，请检查路径",
    "no file at this path: check the path",
);
pub const FILE_NOT_REGULAR: T = T(
    "不是普通文件（目录或设备），请指定文件",
    "not a regular file (a directory or device): give a file",
);
pub const FILE_UNREADABLE: T = T(
    "文件无法读取，请检查权限",
    "the file cannot be read: check its permissions",
);
pub fn must_not_appoint(list: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("与案件有利害关系、应当回避（第十条第（二）项）：{list}"),
        Lang::En => format!("involved in the case, must recuse (Art. 10(2)): {list}"),
    }
}
pub fn overdue_needs_reason(due: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已超过报送期限 {due}，请说明逾期原因"),
        Lang::En => format!("past the deadline {due}: give the reason for the delay"),
    }
}
pub fn cleared_but_named(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name} 既被认定无责又被上面的问题点名，请改正其一"),
        Lang::En => format!("{name} is both cleared and named in an answer above: change one"),
    }
}
pub fn recused_not_member(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name} 不在参会委员中"),
        Lang::En => format!("{name} is not among the members present"),
    }
}
pub fn must_recuse(list: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("涉及本案的党委成员应当回避（第十条第（三）项）：{list}"),
        Lang::En => format!("involved committee members must recuse (Art. 10(3)): {list}"),
    }
}
pub const NOBODY_LEFT: T = T(
    "全部委员回避后无人可作决定",
    "every member present has recused: nobody is left to decide",
);

// ---- involvement (Art. 10(2), 10(3)) ----
pub const INV_RESPONDENT: T = T("被调查人", "respondent");
pub const INV_HANDLER: T = T("承办人", "handler");
pub const INV_REVIEWER: T = T("审核人", "reviewer");
pub const INV_APPROVER: T = T("批准人", "approver");
/// `who` as [`crate::i18n::party`] words it ("审核人郑亮", "the act's reviewer 郑亮").
pub fn inv_related(who: &str, kind: RelationKind, lang: Lang) -> String {
    match lang {
        // "利害关系" and "其他关系" already end in 关系: never "其他关系关系".
        Lang::Zh => {
            let k = relation_kind(kind).0;
            let tie = if k.ends_with("关系") { "" } else { "关系" };
            format!("与{who}有{k}{tie}")
        }
        Lang::En => format!("{} of {who}", relation_kind(kind).1),
    }
}
pub fn involved_note(reasons: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("涉及本案：{reasons}，应回避"),
        Lang::En => format!("involved: {reasons}; must recuse"),
    }
}

// ---- titles ----

// ---- common labels ----
pub const F_DATE: T = T("日期", "Date");
pub const F_REASON: T = T("理由", "Reason");
pub const F_NOTE: T = T("备注", "Note");
pub const F_PERSON: T = T("人员", "Person");
pub const H_OPTIONAL: T = T("可不填", "optional");
pub const H_OPTIONAL_PERSON: T = T(
    "可不选：←/→ 切换，输入拼音或姓名筛选",
    "optional: ←/→ to change, type a login or name to filter",
);

// ---- intake ----
pub const F_TITLE: T = T("标题", "Title");
pub const F_SOURCE: T = T("来源", "Source");
pub const F_RECEIVED_ON: T = T("收到日期", "Received on");
pub const F_ANONYMOUS: T = T("匿名", "Anonymous");
pub const F_COMPLAINANT_NAME: T = T("投诉人姓名", "Complainant");
pub const F_COMPLAINANT_CONTACT: T = T("联系方式", "Contact");
pub const F_SUMMARY: T = T("事由摘要", "Summary");
pub const F_ACT_KIND: T = T("行政行为类别", "Kind of act");
pub const F_REFERENCE: T = T("文书编号", "Act reference");
pub const F_ON_THE_SPOT: T = T("当场作出", "Made on the spot");
pub const F_HANDLER: T = T("承办人", "Handler");
pub const F_REVIEWER: T = T("审核人", "Reviewer");
pub const F_APPROVER: T = T("批准人", "Approver");
pub const F_RESPONDENTS: T = T("被调查人", "Respondents");
pub fn source(s: Source) -> &'static T {
    match s {
        Source::Complaint => &T("投诉", "complaint"),
        Source::Appeal => &T("申诉", "appeal"),
        Source::Report => &T("举报", "report"),
        Source::Referral => &T("移送", "referral"),
    }
}
pub fn act_kind(k: ActKind) -> &'static T {
    match k {
        ActKind::License => &T("行政许可", "licensing"),
        ActKind::Inspection => &T("行政检查", "inspection"),
        ActKind::Penalty => &T("行政处罚", "penalty"),
        ActKind::Coercion => &T("行政强制", "coercive measure"),
        ActKind::Reconsideration => &T("行政复议", "reconsideration"),
    }
}

// ---- relation ----
pub const F_REL_A: T = T("人员甲", "Person A");
pub const F_REL_B: T = T("人员乙", "Person B");
pub const F_REL_KIND: T = T("关系", "Relation");
pub fn relation_kind(k: RelationKind) -> T {
    let (zh, en) = k.label().short;
    T(zh, en)
}

// ---- steps ----
pub fn h_reject_reason(art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("必填：不予受理的应当告知理由（{art}）"),
        Lang::En => format!("required: a rejection must state its reason ({art})"),
    }
}
pub const F_TEAM: T = T("调查组成员", "Team members");
pub fn h_team(art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("至少两名（{art}）；空格勾选，输入筛选；标注涉及本案者应回避"),
        Lang::En => format!(
            "two or more ({art}); Space ticks, typing filters; anyone marked involved must recuse"
        ),
    }
}
pub fn h_recuse(art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("与责任人有利害关系、可能影响公正处理的，应当回避（{art}）"),
        Lang::En => {
            format!("an interest in the respondent that could affect fair handling ({art})")
        }
    }
}
pub const F_OVERDUE_REASON: T = T("逾期原因", "Reason for delay");
pub fn h_overdue(due: &str, art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("受理之日起 30 日内报送，期限 {due}（{art}）；逾期须说明原因"),
        Lang::En => format!("due within 30 days of acceptance: {due} ({art}); if later, say why"),
    }
}
pub const H_EMPTY_CLEARS: T = T("。留空即清除", ". Empty clears it");
pub fn h_overdue_unknown(art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("受理之日起 30 日内报送（{art}）；逾期须说明原因"),
        Lang::En => format!("due within 30 days of acceptance ({art}); if later, say why"),
    }
}

// ---- records ----
pub const F_EVIDENCE_KIND: T = T("证据类别", "Kind");
pub const F_DESCRIPTION: T = T("说明", "Description");
pub const F_COLLECTED_ON: T = T("收集日期", "Collected on");
pub const F_FILE: T = T("附件路径", "File");
pub const H_FILE: T = T(
    "可不填；填写时须为可读取的普通文件，将存入证据库",
    "optional; a readable regular file, copied into the evidence vault",
);
pub fn evidence_kind(k: &str) -> &'static T {
    match k {
        "document" => &T("书证", "document"),
        "record" => &T("笔录", "record"),
        "photo" => &T("照片", "photo"),
        "audio_video" => &T("视听资料", "audio/video"),
        "electronic" => &T("电子数据", "electronic data"),
        "physical" => &T("物证", "physical evidence"),
        _ => &T("其他", "other"),
    }
}
pub const F_INTERVIEW_KIND: T = T("类别", "Kind");
pub const F_INTERVIEWEE: T = T("被询问人", "Interviewee");
pub const H_INTERVIEWEE_TEXT: T = T("姓名及身份", "name and capacity");
pub const F_INTERVIEWERS: T = T("询问人", "Interviewers");
pub const F_TRANSCRIPT: T = T("笔录", "Transcript");
pub const F_SIGNED: T = T("已签名确认", "Signed");
pub const F_WAIVED: T = T("放弃陈述申辩", "Waived");
pub const H_WAIVED: T = T(
    "被调查人拒绝或放弃陈述申辩的，在笔录中写明理由",
    "the respondent refused or waived the statement: give the reason in the transcript",
);
pub fn interview_kind(k: InterviewKind) -> T {
    let (zh, en) = k.label().long;
    T(zh, en)
}
pub const F_IP_NOTE: T = T("说明", "Note");
pub const H_IP_NOTE: T = T(
    "调查中应当听取利害关系人的意见（第十条第（二）项）；未能听取的，写明原因。留空即清除",
    "the team must hear interested parties (Art. 10(2)); say why any could not be heard. Empty clears it",
);
pub const F_ATTENDEES: T = T("参加人员", "Attendees");
pub const F_MINUTES: T = T("研究纪要", "Minutes");

// ---- findings ----
pub const S_ART5: T = T(
    "第五条：承办人、审核人、批准人的过错",
    "Art. 5: the handler's, reviewer's and approver's faults",
);
pub const S_ART7: T = T("第七条：其他情形", "Art. 7: other cases");
pub const S_FACTS: T = T(
    "过错与后果（第二、四、六条，第十一条第（七）项）",
    "Fault and consequences (Arts. 2, 4, 6, 11(7))",
);
pub const S_PEOPLE: T = T(
    "被调查人：不予追究与从重、免责情节（第八、九条）",
    "Respondents: cleared, aggravating and exempting (Arts. 8, 9)",
);
pub fn question(code: RuleCode) -> &'static T {
    use RuleCode as C;
    match code {
        C::R5_1 => &T(
            "承办人是否直接作出行政行为，导致行政执法过错或错案发生？",
            "Did the handler make the act directly, causing the fault or wrongful case?",
        ),
        C::R5_2_1 => &T(
            "承办人是否未经审核人、批准人批准，直接作出行政行为？",
            "Did the handler act without the reviewer's or approver's approval?",
        ),
        C::R5_2_2 => &T(
            "承办人是否弄虚作假、徇私舞弊，致使审核人、批准人未能正确履行审核、批准职责？",
            "Did the handler falsify facts or act from favouritism, so that the reviewer and approver could not review and approve properly?",
        ),
        C::R5_2_3 => &T(
            "虽经审核人审核、批准人批准，承办人是否不依照审核、批准事项实施行政行为？",
            "Though reviewed and approved, did the handler fail to act as reviewed and approved?",
        ),
        C::R5_2_4 => &T(
            "承办人提出的方案或者意见是否有错误，审核人、批准人应当发现而没有发现，或者发现后未予纠正？",
            "Was the handler's proposal or opinion wrong, and did the reviewer and approver fail to notice what they should have, or notice it and not correct it?",
        ),
        C::R5_2_5 => &T(
            "审核人是否不采纳或者改变承办人的正确意见，并经批准人批准？",
            "Did the reviewer reject or change the handler's correct opinion, with the approver's approval?",
        ),
        C::R5_2_6 => &T(
            "审核人是否未报请批准人而直接作出决定？",
            "Did the reviewer decide without reporting to the approver?",
        ),
        C::R5_2_7 => &T(
            "批准人是否不采纳或者改变承办人、审核人的正确意见？",
            "Did the approver reject or change the handler's and reviewer's correct opinion?",
        ),
        C::R5_2_8 => &T(
            "是否未经承办人拟办、审核人审查，批准人直接作出决定？",
            "Did the approver decide without the handler's draft or the reviewer's review?",
        ),
        C::R5_2_9 => &T(
            "是否存在承办人不履行法定职责的情形？",
            "Did the handler fail to perform a statutory duty?",
        ),
        C::R5_2_10 => &T(
            "承办人是否认为上级决定、命令有错误并提出改正或者撤销的意见，上级不改变或者要求立即执行，承办人执行后产生过错或错案？",
            "Did the handler object to a superior's decision or order, the superior kept it (or demanded immediate execution), and executing it caused the fault?",
        ),
        C::R5_3 => &T(
            "是否因不作为发生行政过错？",
            "Did the fault arise from inaction?",
        ),
        C::R5_4 => &T(
            "是否为经审核的具体行政行为造成过错？",
            "Was the fault caused by an act that had been through review?",
        ),
        C::R7_1 => &T(
            "行政执法人员当场作出的具体行政行为是否构成错案？",
            "Did the officer's on-the-spot act become a wrongful case?",
        ),
        C::R7_2_1 => &T(
            "上报审批时提供的资料是否情况不真实、证据不确实或者隐瞒事实、证据，导致许可、处罚决定错误？",
            "Were the materials submitted for approval untrue, the evidence unreliable, or facts or evidence hidden, so that the licensing or penalty decision was wrong?",
        ),
        C::R7_2_2 => &T(
            "行政处罚案件是否因案件事实、证据认定错误而造成执法过错？",
            "Did the penalty case go wrong because its facts or evidence were wrongly found?",
        ),
        C::R7_2_3 => &T(
            "审核人员是否未认真核实情况，审核、指示、许可错误？",
            "Did the reviewer fail to verify the facts, so that the review, instruction or permission was wrong?",
        ),
        C::R7_3 => &T(
            "是否因非法干预导致错误作出行政许可决定或错案发生？",
            "Did illegal interference cause a wrong licensing decision or a wrongful case?",
        ),
        C::R7_4 => &T(
            "是否有其他不履行或者不正确履行法定职责的情形？",
            "Was there any other failure to perform, or to perform properly, a statutory duty?",
        ),
    }
}
pub const NOT_INSTRUCTED: T = T("无人指令", "nobody instructed it");
pub const Q_5_2_9_BY: T = T(
    "是否由审核人或者批准人指令承办人不履行法定职责？由谁指令？",
    "Was the handler instructed by the reviewer or approver not to perform the duty? By whom?",
);
pub const Q_5_2_9_AGREED: T = T(
    "审核人作出的指令是否经批准人同意？",
    "Did the approver agree to the reviewer's instruction?",
);
pub const Q_5_2_10_BY: T = T(
    "作出该决定、命令的上级是谁？",
    "Which superior gave the decision or order?",
);
pub const Q_5_2_10_ILLEGAL: T = T(
    "该决定、命令是否明显违法？",
    "Was the decision or order obviously illegal?",
);
pub const H_5_2_10_ILLEGAL: T = T(
    "执行明显违法的决定、命令的，承办人应当依法承担相应责任",
    "a handler who executes an obviously illegal order bears corresponding liability",
);
pub const Q_5_3_HOLDER: T = T(
    "根据岗位责任，负有该职责的过错责任人是谁？",
    "Who holds the post responsible for the duty?",
);
pub const Q_5_4_HANDLING: T = T("承办机构", "Handling unit");
pub const Q_5_4_REVIEW: T = T("审核机构", "Review unit");
pub const Q_5_4_CHANGED: T = T(
    "审核机构是否改变了原具体行政行为？",
    "Did the review unit change the original act?",
);
pub const Q_7_2_1_PERSONS: T = T(
    "呈报单位有关人员是谁？",
    "Who in the submitting unit is responsible?",
);
pub const Q_7_3_PERSONS: T = T("干预者是谁？", "Who interfered?");
pub const Q_7_4_PERSONS: T = T("具体行为人是谁？", "Who did it?");
pub const F_FAULT_TYPES: T = T(
    "存在哪些行政执法过错行为？（第六条）",
    "Which faults occurred? (Art. 6)",
);
pub const H_FAULT_TYPES: T = T("空格勾选，j/k 或 ↑/↓ 移动", "Space ticks, j/k or ↑/↓ move");
pub fn fault_type(n: u8, lang: Lang) -> &'static str {
    const ITEMS: [T; 22] = [
        T("没有法定依据实施具体行政行为", "acting without legal basis"),
        T(
            "违反法定程序作出具体行政行为",
            "violating statutory procedure",
        ),
        T(
            "超越法定职权作出具体行政行为",
            "exceeding statutory authority",
        ),
        T(
            "对不具备资格或不符合条件的申请人准予许可",
            "licensing an unqualified applicant",
        ),
        T(
            "对符合法定条件的许可申请不予受理",
            "refusing to accept a valid licence application",
        ),
        T(
            "未向申请人、利害关系人履行法定告知义务",
            "failing the duty to inform applicants or interested parties",
        ),
        T(
            "未一次告知申请人必须补正的全部内容",
            "not telling the applicant at once everything missing",
        ),
        T(
            "未依法说明不受理或不予许可的理由",
            "not giving reasons for non-acceptance or refusal",
        ),
        T(
            "对符合条件者不予许可或未在法定期限内作出决定",
            "refusing a qualified applicant or missing the time limit",
        ),
        T(
            "利用职务之便索取、收受财物或谋取其他利益",
            "soliciting or taking money or benefits",
        ),
        T(
            "错误认定案件事实，或适用法律明显错误",
            "wrong finding of facts or clearly wrong law",
        ),
        T(
            "擅自改变处罚种类、幅度，或违法委托实施处罚",
            "changing a penalty's kind or range, or delegating it illegally",
        ),
        T(
            "应当立案不立案、不应立案擅自立案，或放纵、包庇违法",
            "not filing what must be filed, filing what must not, or shielding violations",
        ),
        T(
            "隐瞒事实真相，伪造、篡改证据，授意他人作伪证",
            "concealing facts, forging evidence, suborning false testimony",
        ),
        T(
            "取证不及时或证据保管不善导致丢失、损毁",
            "late evidence collection, or evidence lost or damaged",
        ),
        T(
            "野蛮粗暴执法，造成严重后果或影响恶劣",
            "brutal enforcement with serious consequences or bad influence",
        ),
        T(
            "不使用法定票据，或违法自行收缴罚款",
            "no statutory receipts, or collecting fines oneself",
        ),
        T(
            "截留、私分、变相私分规费、收费和罚没款物",
            "withholding or dividing fees or confiscations",
        ),
        T(
            "擅自收费或不按法定项目和标准收费",
            "unauthorised fees or wrong rates",
        ),
        T(
            "使用、损毁扣押财物，给他人造成损失",
            "using or damaging seized property",
        ),
        T(
            "为个人或单位牟取私利，以罚代收或以罚代刑",
            "fining for gain, instead of collecting or of prosecuting",
        ),
        T(
            "其他不履行或者不正确履行法定职责的行为",
            "other failures of statutory duty",
        ),
    ];
    ITEMS
        .get(usize::from(n).wrapping_sub(1))
        .map_or("?", |t| t.get(lang))
}
pub const F_SERIOUS: T = T("是否造成严重后果？", "Were the consequences serious?");
pub const F_WRONGFUL: T = T(
    "是否构成错案？（有权机关如何处理）",
    "Is it a wrongful case? (what the competent authority did)",
);
pub const NOT_WRONGFUL: T = T("不构成错案", "not a wrongful case");
pub fn wrongful(w: WrongfulCase) -> &'static T {
    match w {
        WrongfulCase::Revoked => &T("被撤销", "revoked"),
        WrongfulCase::PartlyRevoked => &T("被部分撤销", "partly revoked"),
        WrongfulCase::Changed => &T("被变更", "changed"),
        WrongfulCase::ConfirmedIllegal => &T("被确认违法", "confirmed illegal"),
        WrongfulCase::OrderedToPerform => {
            &T("被责令限期履行法定职责", "ordered to perform the duty")
        }
        WrongfulCase::OrderedToRedo => &T("被责令重新作出具体行政行为", "ordered to redo the act"),
        WrongfulCase::Compensation => &T("被决定给予行政赔偿", "state compensation awarded"),
    }
}
pub const F_VIOLATES_LAW: T = T(
    "是否违反法律规定、应承担法律责任？",
    "Was the law itself violated, so that legal liability applies?",
);
pub const H_VIOLATES_LAW: T = T(
    "违反法律规定的，不属于本制度责任追究范围（第四条）",
    "then the matter is out of this regulation's scope (Art. 4)",
);
pub const F_SUSPECTED_CRIME: T = T("是否涉嫌犯罪？", "Is a crime suspected?");
pub const H_SUSPECTED_CRIME: T = T(
    "涉嫌犯罪的，移交司法机关处理（第十一条第（七）项）",
    "then it goes to the judicial organs (Art. 11(7))",
);
pub const F_CLEARED: T = T("经调查无过错的被调查人", "Respondents found not at fault");
pub fn aggravating(a: Aggravating) -> &'static T {
    match a {
        Aggravating::A8_1 => &T(
            "明知过错行为处于继续状态而不积极纠正",
            "knew the fault was continuing and did not correct it",
        ),
        Aggravating::A8_2 => &T(
            "打击报复举报、控告、申诉者或调查人员，干扰、妨碍、抗拒调查",
            "retaliated against complainants or investigators, or obstructed the investigation",
        ),
        Aggravating::A8_4 => &T(
            "其他应当从重或加重处理的情形",
            "other grounds for heavier handling",
        ),
    }
}
pub fn exempting(e: Exempting) -> &'static T {
    match e {
        Exempting::E9_1 => &T(
            "法律、法规、规章规定不明确造成适用偏差",
            "the law was unclear, so it was applied with deviation",
        ),
        Exempting::E9_2 => &T(
            "定案后出现新证据，使原认定事实或案件性质变化",
            "new evidence after the finding changed the facts or nature",
        ),
        Exempting::E9_3 => &T(
            "因相对人过错或不可预见、不可抗力造成认定偏差",
            "the counterpart's fault, or unforeseeable / force majeure causes",
        ),
        Exempting::E9_4 => &T("情节轻微、未造成严重后果", "minor, no serious consequences"),
        Exempting::E9_5 => &T(
            "及时自行纠正或采取补救措施，未造成严重后果",
            "corrected or remedied in time, no serious consequences",
        ),
    }
}
pub fn f_aggravating(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：有无从重处理情形？（第八条）"),
        Lang::En => format!("{name}: grounds for heavier handling? (Art. 8)"),
    }
}
pub fn f_exempting(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：有无可免予追究的情形？（第九条）"),
        Lang::En => format!("{name}: grounds for exemption? (Art. 9)"),
    }
}

/// Art. 2 ¶2: the state of mind, asked as a plain question per person.
pub fn f_culpability(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：主观上是故意还是过失？（第二条第二款）"),
        Lang::En => format!("{name}: state of mind — intent or negligence? (Art. 2 ¶2)"),
    }
}
pub const H_CULPABILITY: T = T(
    "只有故意或重大过失才追究责任；一般过失或无过错的，记录在案但不追究",
    "only intent or gross negligence is pursued; ordinary negligence or no fault is recorded and not pursued",
);
pub const CULPABILITY_UNSET: T = T("尚未认定", "not yet determined");
pub fn culpability(c: Culpability) -> &'static T {
    match c {
        Culpability::Intent => &T("故意", "intent"),
        Culpability::GrossNegligence => &T("重大过失", "gross negligence"),
        Culpability::Negligence => &T("一般过失", "ordinary negligence"),
        Culpability::None => &T("无过错", "no fault"),
    }
}

pub const GRADED_NOT_HEARD: T = T(
    "调查认定其承担责任，但未列为被调查人",
    "graded by the findings, not yet a respondent",
);
pub fn h_add_respondent(art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("被认定承担责任的人员应列为被调查人，并听取其陈述申辩（{art}）"),
        Lang::En => {
            format!("anyone the findings hold liable is a respondent and must be heard ({art})")
        }
    }
}

// ---- decision, sanctions, appeals ----
/// Why 11.6 / 11.7 are not offered (Art. 11(6)–(7)); empty when both are.
pub fn measures_absent(no_compensation: bool, no_crime: bool, lang: Lang) -> String {
    let mut parts = Vec::new();
    if no_compensation {
        parts.push(lang.pick(
            "未列出第十一条第（六）项：调查结论未认定行政赔偿",
            "Art. 11(6) is not offered: the findings record no state compensation",
        ));
    }
    if no_crime {
        parts.push(lang.pick(
            "未列出第十一条第（七）项：调查结论未认定涉嫌犯罪",
            "Art. 11(7) is not offered: the findings record no suspected crime",
        ));
    }
    parts.join(lang.pick("；", "; "))
}
pub const F_APPEAL_OUTCOME: T = T("复核或申诉的结果", "Outcome");
pub const H_APPEAL_OUTCOME: T = T(
    "维持：原处理不变；变更：按变更后的处理执行；撤销：不再追究，已执行的措施标为“待纠正”",
    "upheld: the decision stands; changed: the new outcome applies; revoked: nothing stands, measures already applied are shown \"to be reversed\"",
);
pub fn appeal_outcome(o: AppealOutcome) -> &'static T {
    match o {
        AppealOutcome::Upheld => &T("维持", "upheld"),
        AppealOutcome::Changed => &T("变更", "changed"),
        AppealOutcome::Revoked => &T("撤销", "revoked"),
    }
}
pub const F_NEW_GRADE: T = T("变更后的责任等级", "New grade");
pub const F_NEW_EXEMPTED: T = T("变更后是否免予追究", "Exempted after the change?");
pub const F_NEW_MEASURES: T = T("变更后的处理措施（第十一条）", "New measures (Art. 11)");
pub const F_COMMITTEE: T = T("参会党委成员", "Members present");
pub const F_RECUSED: T = T("回避的成员", "Recused members");
pub fn h_committee_recusal(art: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("涉及党委成员的，本人应当回避（{art}）；已默认勾选涉及本案者"),
        Lang::En => {
            format!("a member who is involved must recuse ({art}); involved members are ticked")
        }
    }
}
pub const F_DECISION_TEXT: T = T("决定内容", "Decision");
pub const H_GRADE: T = T(
    "已按调查认定预填，党委可改变",
    "prefilled from the findings; the committee may change it",
);
pub fn grade(g: Grade) -> T {
    let (zh, en) = g.label().short;
    T(zh, en)
}
/// Beside the grade the rules suggest: what they suggest doing with it (Arts. 8, 9).
pub fn grade_suggested(outcome: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("规则建议：{outcome}"),
        Lang::En => format!("rules suggest: {outcome}"),
    }
}
/// Beside "none" when the findings cannot be applied: the grade is the committee's to set.
pub const GRADE_NOT_SUGGESTED: T = T(
    "调查认定无法适用规则，须自行确定",
    "the findings cannot be applied; set it by hand",
);
pub fn h_grade_rule_error(error: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("未能按调查认定预填：{error}"),
        Lang::En => format!("not prefilled from the findings: {error}"),
    }
}
pub fn f_grade(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：责任"),
        Lang::En => format!("{name}: liability"),
    }
}
pub fn f_exempted(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：免予追究"),
        Lang::En => format!("{name}: exempted"),
    }
}
pub fn f_measures(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}：追究方式（第十一条）"),
        Lang::En => format!("{name}: measures (Art. 11)"),
    }
}
pub fn measure(m: Measure) -> T {
    let (zh, en) = m.label().long;
    T(zh, en)
}
pub const F_SANCTION_ITEM: T = T("决定的追究方式", "Decided measure");
pub const F_AMOUNT: T = T("承担金额（元）", "Amount (yuan)");
pub const H_AMOUNT: T = T(
    "因行政执法过错引起行政赔偿的，依法承担全部或者部分赔偿金额（第十一条第（六）项）",
    "the share of state compensation the person pays (Art. 11(6))",
);
pub const F_APPEAL_KIND: T = T("类别", "Kind");
pub fn appeal_kind(k: AppealKind) -> &'static T {
    match k {
        AppealKind::Review => &T("复核", "review"),
        AppealKind::Appeal => &T("申诉", "appeal"),
    }
}
pub const F_FILED_ON: T = T("提出日期", "Filed on");
pub const F_APPEAL: T = T("复核、申诉", "Review or appeal");
pub const F_EXTENDED: T = T("延长期限", "Extended");
pub const H_EXTENDED: T = T(
    "情况复杂的，申诉处理期限可延长，最长不超过 30 日",
    "complex appeals may be extended by at most 30 days",
);
pub const F_RESULT: T = T("处理结果", "Result");

// ---- drawing ----
pub const YES: T = T("是", "yes");
pub const NO: T = T("否", "no");
pub const NO_OPTIONS: T = T("（无可选项）", "(nothing to choose)");
pub const NOT_CHOSEN: T = T("未选择", "none chosen");
pub const TYPE_TO_FILTER: T = T("输入以筛选", "type to filter");
pub const KEYS: T = T(
    "Tab/↑↓ 切换  空格 勾选  ←→ 选择  Ctrl-S 提交  Esc 取消（保留草稿）",
    "Tab/↑↓ move  Space tick  ←→ choose  Ctrl-S submit  Esc keep draft",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tie_is_named_once() {
        let got = |k| inv_related("被调查人张伟", k, Lang::Zh);
        assert_eq!(got(RelationKind::Other), "与被调查人张伟有其他关系");
        assert_eq!(got(RelationKind::Interest), "与被调查人张伟有利害关系");
        assert_eq!(got(RelationKind::Relative), "与被调查人张伟有亲属关系");
    }
}
