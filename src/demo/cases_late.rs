//! Demo cases from submission on: submitted, decided, sanctioned, appealed, closed. Each one
//! passes the submission check as of its `submitted_on` (Art. 10(2)–(3)), and every involved
//! committee member is recused.

use std::collections::BTreeMap;

use crate::domain::model::{
    ActKind, Aggravating, AppealKind, AppealOutcome, Exempting, Grade, InterviewKind, Measure,
    RuleFinding, Source, Superior, WrongfulCase,
};

use super::build::*;
use super::texts;

pub(super) fn cases(today: chrono::NaiveDate) -> Vec<Draft> {
    let c = Clock { today };
    vec![
        submitted_instructed(c),
        submitted_late_with_reason(c),
        decided_sanctions_overdue(c),
        decided_waived_defence(c),
        super::cases_final::sanctioned_compensation(c),
        super::cases_final::appealed_reviews_pending(c),
        super::cases_final::appealed_extended(c),
        super::cases_final::closed_exempted(c),
    ]
}

/// Submitted on time; Art. 5(2)9 with the reviewer's instruction not to act.
fn submitted_instructed(c: Clock) -> Draft {
    let team = ["wangl", "zhaom"];
    let mut case = received(
        "粉尘涉爆企业隐患整改指令被压下未下发",
        Source::Report,
        c.ago(30),
        None,
        "匿名举报：执法人员检查发现某木制品企业除尘系统未采用防爆型设备、未设置泄爆装置，\
         已制作整改指令书，但该指令书迟迟未下发，企业带隐患生产两个多月。",
        act(
            ActKind::Inspection,
            act_ref("检记", c.ago(90), 64),
            false,
            "zhangw",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["zhengl"],
    );
    accept(&mut case, c.ago(27), "举报内容具体，有事实依据。", None);
    appoint(&mut case, c.ago(26), &team);
    case.interviews = vec![
        interview(
            c.ago(20),
            InterviewKind::StatementDefence,
            "zhengl",
            &team,
            "问：整改指令书为何没有下发？\n答：企业说年底要整体技改，我考虑一并处理，\
             就让张伟先压一压。现在看这个决定是错误的。",
        ),
        interview(
            c.ago(19),
            InterviewKind::Officer,
            "zhangw",
            &team,
            "问：你制作整改指令书后为何没有送达？\n答：郑股长写便签让我先不要下发，我照办了。",
        ),
        interview(
            c.ago(18),
            InterviewKind::Counterpart,
            "某木制品有限公司安全负责人",
            &team,
            "答：检查后一直没有收到书面整改要求，我们以为问题不大。",
        ),
    ];
    case.evidence = vec![
        evidence("document", "郑亮手写工作便签", c.ago(19), "zhaom"),
        evidence("document", "隐患整改指令书（未下发稿）", c.ago(19), "wangl"),
    ];
    deliberate(
        &mut case,
        c.ago(8),
        &team,
        "调查组集体研究认为：郑亮指示承办人不履行下发整改指令的法定职责，依第五条第（二）项\
         第9目由其承担直接责任；其明知隐患持续存在而未纠正，建议从重。",
    );
    let mut findings = fault(&[22]);
    // Art. 5(2)9: the reviewer told the handler not to perform the duty — the reviewer is
    // directly liable; the approver did not agree to it.
    findings.rules.push(RuleFinding::R5_2_9 {
        instructed_by: Some(Superior::Reviewer),
        agreed_by_approver: false,
    });
    culpability(&mut findings, &[("zhengl", Mind::Intent)]);
    findings.circumstances =
        BTreeMap::from([(s("zhengl"), circumstances(&[Aggravating::A8_1], &[]))]);
    case.findings = Some(findings);
    submit(&mut case, c.ago(6));
    Draft::new(case).file(0, "工作便签.txt", texts::instruction_note(c.ago(88)))
}

/// Submitted after the 30 days, with the reason recorded (so the check still passes).
fn submitted_late_with_reason(c: Clock) -> Draft {
    let team = ["lix", "hej"];
    let mut case = received(
        "加油站检查中擅自责令停业整顿",
        Source::Complaint,
        c.ago(52),
        Some(("孙某（某加油站经营者）", "158xxxx6610")),
        "投诉人称执法人员在日常检查中未经任何审批程序，口头责令其加油站停业整顿十天。",
        act(
            ActKind::Coercion,
            act_ref("强", c.ago(70), 11),
            false,
            "huangl",
            None,
            None,
        ),
        &["huangl"],
    );
    accept(&mut case, c.ago(49), "有事实依据。", Some(c.ago(48)));
    appoint(&mut case, c.ago(47), &team);
    case.interviews = vec![
        interview(
            c.ago(40),
            InterviewKind::StatementDefence,
            "huangl",
            &team,
            "答：我认为加油机附近电气线路老化，存在火灾风险，情况紧急，就口头要求停业。\
             事后没有补办手续，这是我的问题。",
        ),
        interview(
            c.ago(9),
            InterviewKind::Counterpart,
            "孙某（加油站经营者）",
            &team,
            "答：停业十天损失不小，执法人员当时没有出示任何文书。",
        ),
    ];
    case.evidence = vec![evidence("audio_video", "执法记录仪视频", c.ago(44), "hej")];
    deliberate(
        &mut case,
        c.ago(5),
        &team,
        "集体研究：承办人未经审批直接作出责令停业的行为，依第五条第（一）项负直接责任；\
         考虑其出于消除隐患的目的，建议从轻。",
    );
    let mut findings = fault(&[3]);
    // Art. 5(1): the handler acted directly.
    findings.rules.push(RuleFinding::R5_1 {});
    culpability(&mut findings, &[("huangl", Mind::GrossNegligence)]);
    case.findings = Some(findings);
    case.overdue_reason = Some(s(
        "加油站经营者长期在外地务工，经多次联系至第四十日方完成询问，经局长同意延期报送。",
    ));
    submit(&mut case, c.ago(3));
    Draft::new(case)
}

/// Decided 45 days ago and no measure applied: the sanctions are overdue (Art. 11: 30 days).
/// This is 孙强's fault within the year before the open case against him (Art. 8(3)).
fn decided_sanctions_overdue(c: Clock) -> Draft {
    let team = ["wangl", "zhaom"];
    let penalty_on = c.ago(140);
    let reference = act_ref("罚", penalty_on, 45);
    let mut case = received(
        "工贸企业处罚认定事实错误被法院判决撤销",
        Source::Appeal,
        c.ago(80),
        Some(("某纺织有限公司", "0377-6xxxx218")),
        "本局以未在有较大危险因素的场所设置安全警示标志为由对某纺织企业罚款，\
         但现场照片实为相邻企业厂房，法院判决撤销该处罚决定。",
        act(
            ActKind::Penalty,
            reference.clone(),
            false,
            "sunq",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["sunq", "zhengl"],
    );
    accept(
        &mut case,
        c.ago(77),
        "处罚决定已被判决撤销。",
        Some(c.ago(76)),
    );
    appoint(&mut case, c.ago(76), &team);
    case.interviews = vec![
        interview(
            c.ago(70),
            InterviewKind::StatementDefence,
            "sunq",
            &team,
            "答：两家厂房相连，我拍照时把相邻企业的配电房当成了当事人的，回来整理时也没核对。",
        ),
        interview(
            c.ago(69),
            InterviewKind::StatementDefence,
            "zhengl",
            &team,
            "答：审核时只看了笔录和照片是否齐全，没有核对照片与当事人厂区的对应关系。",
        ),
        interview(
            c.ago(68),
            InterviewKind::Counterpart,
            "某纺织有限公司法定代表人",
            &team,
            "答：我们当场就提出照片不是我们厂的，执法人员没有理会。",
        ),
    ];
    case.evidence = vec![
        evidence("document", "行政处罚决定书（复印件）", c.ago(72), "wangl"),
        evidence("document", "行政判决书", c.ago(72), "zhaom"),
    ];
    deliberate(
        &mut case,
        c.ago(55),
        &team,
        "集体研究：处罚案件认定事实错误，依第七条第（二）项第2目，案件承办人和审核人均负直接责任。",
    );
    let mut findings = fault(&[11]);
    findings.wrongful_case = Some(WrongfulCase::Revoked);
    // Art. 7(2)2: wrong facts in a penalty case — handler and reviewer both directly liable.
    findings.rules.push(RuleFinding::R7_2_2 {});
    // Art. 9(1): the law was unclear (9.4/9.5 need "未造成严重后果").
    findings.circumstances =
        BTreeMap::from([(s("zhengl"), circumstances(&[], &[Exempting::E9_1]))]);
    culpability(
        &mut findings,
        &[
            ("sunq", Mind::GrossNegligence),
            ("zhengl", Mind::GrossNegligence),
        ],
    );
    case.findings = Some(findings);
    submit(&mut case, c.ago(53));
    decide(
        &mut case,
        c.ago(45),
        // 高建国 approved the penalty: involved, so he does not sit (Art. 10(3)).
        &["gaoj"],
        "局党委研究决定：孙强、郑亮负直接责任。责令孙强改正并写出书面检查，扣发其两个月岗位津贴；\
         责令郑亮写出书面检查。",
        vec![
            (
                "sunq",
                outcome(Grade::Direct, false, &[Measure::M11_1, Measure::M11_4]),
            ),
            ("zhengl", outcome(Grade::Direct, false, &[Measure::M11_1])),
        ],
    );
    // 郑亮's review revoked the decision as to him: his measure is no longer due, and the
    // decision no longer counts against him under Art. 8(3).
    case.appeals = vec![appeal_decided(
        "zhengl",
        AppealKind::Review,
        c.ago(40),
        c.ago(12),
        "复核认为审核人已尽审核义务，撤销对郑亮的处理决定。",
        AppealOutcome::Revoked,
        None,
    )];
    let decision = texts::penalty_decision(
        &reference,
        penalty_on,
        "某纺织有限公司",
        "当事人在配电房等有较大危险因素的场所未设置明显的安全警示标志。",
    );
    Draft::new(case).file(0, "处罚决定书.txt", decision)
}

/// Decided 28 days ago: the sanctions fall due within days. 郑亮 waived his statement;
/// 陈杰, who approved the licence, is recused from the committee.
fn decided_waived_defence(c: Clock) -> Draft {
    let team = ["lix", "hej"];
    let licensed_on = c.ago(150);
    let reference = act_ref("危化经许", licensed_on, 23);
    let mut case = received(
        "向不符合条件的企业核发危险化学品经营许可证",
        Source::Report,
        c.ago(62),
        None,
        "匿名举报：某化工贸易公司的储存场所与居民区安全距离不足，仍取得危险化学品经营许可证。",
        act(
            ActKind::License,
            reference.clone(),
            false,
            "huangl",
            Some("zhengl"),
            Some("chenj"),
        ),
        &["huangl", "zhengl"],
    );
    accept(
        &mut case,
        c.ago(58),
        "经初步核实，安全距离确不符合要求。",
        None,
    );
    appoint(&mut case, c.ago(57), &team);
    case.interviews = vec![
        interview(
            c.ago(50),
            InterviewKind::StatementDefence,
            "huangl",
            &team,
            texts::HUANGL_DEFENCE,
        ),
        waived(
            c.ago(49),
            "zhengl",
            &team,
            "郑亮书面表示对调查认定的事实无异议，放弃陈述和申辩。",
        ),
        interview(
            c.ago(48),
            InterviewKind::Counterpart,
            "某化工贸易公司总经理",
            &team,
            "答：平面图是中介公司代画的，储罐位置标得不准，我们当时不清楚。",
        ),
    ];
    case.evidence = vec![
        evidence("document", "危险化学品经营许可证（副本）", c.ago(52), "lix"),
        evidence("photo", "储存场所现场核查照片", c.ago(51), "hej"),
    ];
    deliberate(
        &mut case,
        c.ago(33),
        &team,
        "集体研究：承办人审查意见错误，审核人、批准人未发现，依第五条第（二）项第4目划分责任。",
    );
    let mut findings = fault(&[4]);
    // Art. 5(2)4: handler direct, reviewer supervisory, approver important leadership.
    findings.rules.push(RuleFinding::R5_2_4 {});
    findings.circumstances =
        BTreeMap::from([(s("huangl"), circumstances(&[], &[Exempting::E9_3]))]);
    culpability(
        &mut findings,
        &[
            ("huangl", Mind::GrossNegligence),
            ("zhengl", Mind::GrossNegligence),
            ("chenj", Mind::Negligence),
        ],
    );
    case.findings = Some(findings);
    // 陈杰 approved the licence: Art. 5(2)4 grades him, so he was added and heard.
    add_respondent_heard(
        &mut case,
        "chenj",
        c.ago(47),
        &team,
        "答：审批时依据承办人和审核人的意见签发，未再核对平面图。",
    );
    submit(&mut case, c.ago(31));
    decide(
        &mut case,
        c.ago(28),
        &["chenj"],
        "局党委研究决定：企业虽提交不实平面图，但承办人未按规定现场核查，不予免责。\
         黄丽负直接责任，责令改正并通报批评；郑亮负主管责任，责令写出书面检查。",
        vec![
            (
                "huangl",
                outcome(Grade::Direct, false, &[Measure::M11_1, Measure::M11_2]),
            ),
            (
                "zhengl",
                outcome(Grade::Supervisory, false, &[Measure::M11_1]),
            ),
            // Ordinary negligence (Art. 2 ¶2): not pursued.
            ("chenj", outcome(Grade::None, false, &[])),
        ],
    );
    Draft::new(case).file(
        0,
        "危险化学品经营许可证.txt",
        texts::licence(&reference, licensed_on, "某化工贸易有限公司"),
    )
}
