//! Demo cases after the decision: sanctioned, appealed (reviews pending; an appeal accepted
//! and extended) and closed.

use std::collections::BTreeMap;

use crate::domain::model::{
    ActKind, AppealKind, AppealOutcome, Exempting, Grade, InterviewKind, Measure, RuleFinding,
    Source, Stage, Superior, WrongfulCase,
};

use super::build::*;
use super::texts;

/// Every decided measure applied, including a share of the state compensation (Art. 11(6)).
pub(super) fn sanctioned_compensation(c: Clock) -> Draft {
    let team = ["wangl", "lix"];
    let mut case = received(
        "查封金属制品企业生产设备超出必要范围引发行政赔偿",
        Source::Complaint,
        c.ago(200),
        Some(("某金属制品有限公司", "0377-6xxxx870")),
        "执法人员以存在重大事故隐患为由查封该企业全部生产设备，超出消除隐患的必要范围，\
         且逾期未作出处理决定。查封决定被撤销，本局依法支付行政赔偿一万八千元。",
        act(
            ActKind::Coercion,
            act_ref("强", c.ago(260), 3),
            false,
            "zhouh",
            Some("zhengl"),
            Some("wuy"),
        ),
        &["zhouh", "zhengl"],
    );
    accept(
        &mut case,
        c.ago(196),
        "已决定行政赔偿，属错案。",
        Some(c.ago(195)),
    );
    appoint(&mut case, c.ago(195), &team);
    case.interviews = vec![
        interview(
            c.ago(188),
            InterviewKind::StatementDefence,
            "zhouh",
            &team,
            "答：当时只有一条抛光线除尘不达标，我担心企业不配合整改，就把全部设备都查封了。",
        ),
        interview(
            c.ago(187),
            InterviewKind::StatementDefence,
            "zhengl",
            &team,
            "答：审核时没有注意查封范围与隐患部位不对应。",
        ),
        interview(
            c.ago(186),
            InterviewKind::Counterpart,
            "某金属制品有限公司法定代表人",
            &team,
            "答：全部设备被封四十多天，订单全部违约。",
        ),
    ];
    case.evidence = vec![
        evidence("document", "行政赔偿决定书", c.ago(190), "wangl"),
        evidence("document", "查封（扣押）决定书及清单", c.ago(190), "lix"),
    ];
    deliberate(
        &mut case,
        c.ago(175),
        &team,
        "集体研究：承办人查封方案错误，审核人、批准人未予纠正，依第五条第（二）项第4目划分责任；\
         建议由周华承担部分赔偿金额。",
    );
    // 吴云 approved the seizure: Art. 5(2)4 grades him, so he became a respondent and was heard.
    add_respondent_heard(
        &mut case,
        "wuy",
        c.ago(184),
        &team,
        "答：审批时看了隐患照片，以为查封范围与隐患对应，没有逐台核对设备清单。",
    );
    let mut findings = fault(&[2]);
    findings.wrongful_case = Some(WrongfulCase::Compensation);
    findings.rules.push(RuleFinding::R5_2_4 {});
    // Art. 2 ¶2: the approver's part was ordinary negligence — recorded, not pursued.
    culpability(
        &mut findings,
        &[
            ("zhouh", Mind::GrossNegligence),
            ("zhengl", Mind::GrossNegligence),
            ("wuy", Mind::Negligence),
        ],
    );
    case.findings = Some(findings);
    submit(&mut case, c.ago(172));
    decide(
        &mut case,
        c.ago(165),
        // 吴云 approved the seizure.
        &["wuy"],
        "局党委研究决定：周华负直接责任，责令写出书面检查，扣发三个月岗位津贴，\
         并承担赔偿金额的百分之二十；郑亮负主管责任，予以通报批评。",
        vec![
            (
                "zhouh",
                outcome(
                    Grade::Direct,
                    false,
                    &[Measure::M11_1, Measure::M11_4, Measure::M11_6],
                ),
            ),
            (
                "zhengl",
                outcome(Grade::Supervisory, false, &[Measure::M11_2]),
            ),
            // Ordinary negligence (Art. 2 ¶2): not pursued.
            ("wuy", outcome(Grade::None, false, &[])),
        ],
    );
    let mut share = sanction(
        "zhouh",
        Measure::M11_6,
        c.ago(150),
        "承担赔偿金额的百分之二十",
    );
    share.amount = Some(3600.0);
    case.sanctions = vec![
        sanction("zhouh", Measure::M11_1, c.ago(160), "已提交书面检查"),
        sanction("zhengl", Measure::M11_2, c.ago(158), "全局通报批评"),
        sanction("zhouh", Measure::M11_4, c.ago(150), "扣发三个月岗位津贴"),
        share,
    ];
    case.stage = Stage::Sanctioned;
    Draft::new(case).file(
        0,
        "行政赔偿决定书.txt",
        texts::compensation_judgment(c.ago(215), "18000"),
    )
}

/// Sanctioned, then both respondents asked for review (复核): one overdue, one due soon.
pub(super) fn appealed_reviews_pending(c: Clock) -> Draft {
    let team = ["hej", "wangl"];
    let mut case = received(
        "非煤矿山行政处罚经审核后仍被确认违法",
        Source::Complaint,
        c.ago(75),
        Some(("某建材石料有限公司", "0377-6xxxx634")),
        "本局对某石料企业未按设计开采作出的罚款决定，因未依法举行听证被复议机关确认违法。\
         该决定经安全生产监督管理股审核、分管领导批准。",
        act(
            ActKind::Penalty,
            act_ref("罚", c.ago(130), 29),
            false,
            "maj",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["maj", "zhengl"],
    );
    accept(
        &mut case,
        c.ago(71),
        "复议机关已确认违法。",
        Some(c.ago(70)),
    );
    appoint(&mut case, c.ago(70), &team);
    case.interviews = vec![
        interview(
            c.ago(63),
            InterviewKind::StatementDefence,
            "maj",
            &team,
            "答：罚款金额达到听证标准，我以为企业没提就不用告知，确实不懂这条规定。",
        ),
        interview(
            c.ago(62),
            InterviewKind::StatementDefence,
            "zhengl",
            &team,
            "答：审核时漏看了听证告知环节。",
        ),
        interview(
            c.ago(61),
            InterviewKind::Counterpart,
            "某建材石料有限公司法定代表人",
            &team,
            "答：没有人告诉我们可以要求听证。",
        ),
    ];
    case.evidence = vec![evidence("document", "行政复议决定书", c.ago(65), "hej")];
    deliberate(
        &mut case,
        c.ago(50),
        &team,
        "集体研究：经审核的行政行为导致错案，依第五条第（四）项由审核、承办股室和批准人按各自职责共同承担。",
    );
    let mut findings = fault(&[2]);
    findings.wrongful_case = Some(WrongfulCase::ConfirmedIllegal);
    // Art. 5(4): the reviewed act caused the wrongful case; the review unit did not change it.
    findings.rules.push(RuleFinding::R5_4 {
        handling_unit: s("执法大队"),
        review_unit: s("安全生产监督管理股"),
        review_unit_changed_act: false,
    });
    culpability(
        &mut findings,
        &[
            ("maj", Mind::GrossNegligence),
            ("zhengl", Mind::GrossNegligence),
            ("gaoj", Mind::GrossNegligence),
        ],
    );
    case.findings = Some(findings);
    // 高建国 approved the act: Art. 5(4) names him, so he was added and heard.
    add_respondent_heard(
        &mut case,
        "gaoj",
        c.ago(60),
        &team,
        "答：批准时未注意到听证告知程序缺失，我负有审批把关的责任。",
    );
    submit(&mut case, c.ago(47));
    decide(
        &mut case,
        c.ago(40),
        &["gaoj"],
        "局党委研究决定：马骏、郑亮、高建国共同承担责任，分别责令改正并写出书面检查。",
        vec![
            ("maj", outcome(Grade::Shared, false, &[Measure::M11_1])),
            ("zhengl", outcome(Grade::Shared, false, &[Measure::M11_1])),
            ("gaoj", outcome(Grade::Shared, false, &[Measure::M11_1])),
        ],
    );
    case.sanctions = vec![
        sanction("maj", Measure::M11_1, c.ago(36), "已提交书面检查"),
        sanction("zhengl", Measure::M11_1, c.ago(36), "已提交书面检查"),
        sanction("gaoj", Measure::M11_1, c.ago(35), "已提交书面检查"),
    ];
    case.appeals = vec![
        appeal("zhengl", AppealKind::Review, c.ago(35), None, false, None),
        // Due tomorrow (30 days), so due soon on any day of an ordinary week.
        appeal("maj", AppealKind::Review, c.ago(29), None, false, None),
    ];
    case.stage = Stage::Appealed;
    Draft::new(case)
}

/// Art. 5(2)10 with an obviously illegal order: the deputy chief who ordered carries direct
/// liability, the handler who obeyed "corresponding" liability. After review the deputy chief
/// appealed; the appeal was accepted and extended.
pub(super) fn appealed_extended(c: Clock) -> Draft {
    let team = ["wangl", "zhaom"];
    let mut case = received(
        "烟花爆竹批发仓库安全距离不足仍被责令办结许可",
        Source::Report,
        c.ago(160),
        None,
        "匿名举报：某烟花爆竹批发企业仓库与村庄安全距离明显不足，承办人提出不予许可意见，\
         分管领导仍要求当日办结，该仓库后发生火灾。",
        act(
            ActKind::License,
            act_ref("烟批许", c.ago(300), 2),
            false,
            "zhangw",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["zhangw", "gaoj"],
    );
    accept(&mut case, c.ago(156), "有事实依据。", None);
    appoint(&mut case, c.ago(155), &team);
    case.interviews = vec![
        interview(
            c.ago(148),
            InterviewKind::StatementDefence,
            "zhangw",
            &team,
            "答：我书面提出安全距离不够、不应许可，高局长批示“特事特办，今天办结”，我就办了。",
        ),
        interview(
            c.ago(147),
            InterviewKind::StatementDefence,
            "gaoj",
            &team,
            "答：当时企业称春节供货紧张，我考虑保供，没有仔细看承办人的意见。",
        ),
        interview(
            c.ago(146),
            InterviewKind::InterestedParty,
            "李某（周边村民代表）",
            &team,
            "答：仓库离村里不到两百米，着火那天全村都很害怕。",
        ),
    ];
    case.evidence = vec![
        evidence("document", "承办人书面意见及领导批示", c.ago(150), "zhaom"),
        evidence("photo", "火灾现场照片", c.ago(149), "wangl"),
    ];
    deliberate(
        &mut case,
        c.ago(132),
        &team,
        "集体研究：批准人不采纳承办人正确意见并要求立即执行，且该命令明显违法，\
         依第五条第（二）项第10目，批准人负直接责任，承办人负相应责任。",
    );
    let mut findings = fault(&[4]);
    // Art. 5(2)10: the approver kept an obviously illegal order; the handler executed it.
    findings.rules.push(RuleFinding::R5_2_10 {
        ordered_by: Superior::Approver,
        obviously_illegal: true,
    });
    // Art. 9(3): an unforeseeable cause — 9.4/9.5 need "未造成严重后果", and there were.
    findings.circumstances =
        BTreeMap::from([(s("zhangw"), circumstances(&[], &[Exempting::E9_3]))]);
    culpability(
        &mut findings,
        &[("gaoj", Mind::Intent), ("zhangw", Mind::GrossNegligence)],
    );
    case.findings = Some(findings);
    submit(&mut case, c.ago(130));
    decide(
        &mut case,
        c.ago(120),
        // 高建国 is a respondent.
        &["gaoj"],
        "局党委研究决定：高建国负直接责任，予以通报批评并建议给予政务记过处分；\
         张伟负相应责任，责令写出书面检查。",
        vec![
            (
                "gaoj",
                outcome(Grade::Direct, false, &[Measure::M11_2, Measure::M11_5]),
            ),
            (
                "zhangw",
                outcome(Grade::Corresponding, false, &[Measure::M11_1]),
            ),
        ],
    );
    case.sanctions = vec![
        sanction("zhangw", Measure::M11_1, c.ago(115), "已提交书面检查"),
        sanction("gaoj", Measure::M11_2, c.ago(114), "全局通报批评"),
        sanction("gaoj", Measure::M11_5, c.ago(112), "给予政务记过处分"),
    ];
    case.appeals = vec![
        // The review changed the outcome: the disciplinary measure (Art. 11(5)) was dropped,
        // so the one already applied is shown "to be reversed".
        appeal_decided(
            "gaoj",
            AppealKind::Review,
            c.ago(110),
            c.ago(85),
            "复核决定：维持直接责任认定，予以通报批评，撤销政务记过处分的建议。",
            AppealOutcome::Changed,
            Some(outcome(Grade::Direct, false, &[Measure::M11_2])),
        ),
        appeal(
            "gaoj",
            AppealKind::Appeal,
            c.ago(75),
            Some(c.ago(70)),
            true,
            None,
        ),
    ];
    case.stage = Stage::Appealed;
    Draft::new(case)
}

/// Decided and closed: fault by inaction (Art. 5(3)), exempted as minor (Art. 9(4)).
pub(super) fn closed_exempted(c: Clock) -> Draft {
    let team = ["hej", "lix"];
    let mut case = received(
        "粉尘涉爆企业未按年度监督检查计划检查",
        Source::Referral,
        c.ago(330),
        None,
        "区政府督查室通报：辖区三家粉尘涉爆企业未按年度监督检查计划接受检查，\
         责任岗位为执法大队第二中队。",
        act(
            ActKind::Inspection,
            act_ref("检计", c.ago(400), 1),
            false,
            "sunq",
            None,
            None,
        ),
        &["sunq"],
    );
    accept(&mut case, c.ago(326), "督查通报属实。", None);
    appoint(&mut case, c.ago(325), &team);
    case.interested_parties_note = Some(s(
        "本案系对未履行年度检查计划的督查通报，不涉及具体行政相对人，无利害关系人可询问。",
    ));
    case.interviews = vec![interview(
        c.ago(318),
        InterviewKind::StatementDefence,
        "sunq",
        &team,
        "答：当季抽调参加事故救援二十余天，检查计划顺延后没有及时补上，三家企业已于通报后一周内补查完毕。",
    )];
    case.evidence = vec![evidence(
        "document",
        "年度监督检查计划及执行台账",
        c.ago(320),
        "hej",
    )];
    deliberate(
        &mut case,
        c.ago(305),
        &team,
        "集体研究：属不作为过错，由岗位责任人孙强负直接责任；情节轻微且已及时补救，建议免予追究。",
    );
    let mut findings = fault(&[22]);
    // Art. 5(3): inaction — the holder of the post carries it.
    findings.rules.push(RuleFinding::R5_3 {
        post_holder: s("sunq"),
    });
    // Art. 9(4)–(5) need "未造成严重后果": so no serious consequences were found — and then
    // under Art. 6 no fault is established either (see README, choices left open).
    findings.serious_consequences = false;
    findings.circumstances = BTreeMap::from([(
        s("sunq"),
        circumstances(&[], &[Exempting::E9_4, Exempting::E9_5]),
    )]);
    culpability(&mut findings, &[("sunq", Mind::Negligence)]);
    case.findings = Some(findings);
    submit(&mut case, c.ago(303));
    decide(
        &mut case,
        c.ago(295),
        &[],
        "局党委研究决定：孙强负直接责任，鉴于情节轻微、已及时补救，免予追究。",
        vec![("sunq", outcome(Grade::Direct, true, &[]))],
    );
    case.stage = Stage::Closed;
    Draft::new(case)
}
