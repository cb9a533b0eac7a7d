//! Demo cases up to the investigation: received, accepted, rejected, investigating, and a
//! rejected case that was closed.

use crate::domain::model::{ActKind, InterviewKind, RuleFinding, Source, Stage, WrongfulCase};

use super::build::*;
use super::texts;

pub(super) fn cases(today: chrono::NaiveDate) -> Vec<Draft> {
    let c = Clock { today };
    vec![
        overdue_acceptance(c),
        acceptance_due_soon(c),
        accepted_report_due_soon(c),
        rejected_not_notified(c),
        conflicted_investigator(c),
        on_the_spot_overdue_report(c),
        recused_spouse(c),
        rejected_and_closed(c),
    ]
}

/// Anonymous report, still unanswered after 25 days: acceptance overdue (Art. 10(1): 7 working
/// days).
fn overdue_acceptance(c: Clock) -> Draft {
    let on = c.ago(25);
    Draft::new(received(
        "匿名举报烟花爆竹零售点安全检查走过场",
        Source::Report,
        on,
        None,
        "举报人反映，执法大队对城区多家烟花爆竹零售点的节前检查只查证照、不进店内，\
         部分零售点超量储存、与居住场所未有效隔离的问题长期存在。",
        act(
            ActKind::Inspection,
            act_ref("检记", c.ago(60), 112),
            false,
            "maj",
            Some("zhengl"),
            None,
        ),
        &["maj"],
    ))
}

/// Named complaint received six days ago: acceptance due within days.
fn acceptance_due_soon(c: Clock) -> Draft {
    Draft::new(received(
        "某商贸公司对危化品经营许可申请不予受理的投诉",
        Source::Complaint,
        c.ago(6),
        Some(("王某（某商贸有限公司负责人）", "139xxxx2381")),
        "投诉人称其申请危险化学品经营许可（不带储存）时材料齐全，窗口工作人员以“需补充\
         仓储证明”为由当场不予受理，且未出具书面凭证、未一次性告知需补正的材料。",
        act(
            ActKind::License,
            act_ref("危化经许", c.ago(20), 9),
            false,
            "huangl",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["huangl"],
    ))
}

/// Accepted 27 days ago, team not yet appointed: the decision report is due within days.
fn accepted_report_due_soon(c: Clock) -> Draft {
    let mut case = received(
        "某铝制品企业粉尘涉爆处罚决定被复议变更",
        Source::Referral,
        c.ago(31),
        Some(("卧龙区司法局行政复议室", "0377-6xxxx101")),
        "区司法局转来行政复议决定：本局对某铝制品企业除尘系统未按规定设置锁气卸灰装置\
         作出的罚款决定，认定事实部分错误，罚款金额被变更。",
        act(
            ActKind::Penalty,
            act_ref("罚", c.ago(120), 37),
            false,
            "zhangw",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["zhangw", "zhengl"],
    );
    accept(
        &mut case,
        c.ago(27),
        "复议机关已变更原处罚决定，属行政执法错案，予以受理。",
        Some(c.ago(26)),
    );
    Draft::new(case)
}

/// Rejected with reasons, but the named complainant has not been told yet.
fn rejected_not_notified(c: Clock) -> Draft {
    let mut case = received(
        "某工贸企业对罚款金额的投诉",
        Source::Complaint,
        c.ago(15),
        Some(("刘某（某机械加工厂厂长）", "137xxxx5520")),
        "投诉人认为对其未对新员工进行安全生产教育培训的罚款金额过高，要求追究执法人员责任。",
        act(
            ActKind::Penalty,
            act_ref("罚", c.ago(70), 52),
            false,
            "zhouh",
            Some("zhengl"),
            Some("chenj"),
        ),
        &["zhouh"],
    );
    reject(
        &mut case,
        c.ago(12),
        "经核查，罚款金额在法定幅度内且经集体讨论决定，投诉人实为对处罚决定本身不服，\
         应依法申请行政复议或提起行政诉讼；投诉缺乏执法过错的事实依据，决定不予受理。",
        None,
    );
    Draft::new(case)
}

/// Investigating: 赵敏 sits on the team although she is 周华's cousin and has not recused
/// (Art. 10(2) requires her to).
fn conflicted_investigator(c: Clock) -> Draft {
    let mut case = received(
        "有限空间作业检查未发现违规导致中毒事故",
        Source::Complaint,
        c.ago(20),
        Some(("张某（死者家属）", "135xxxx7719")),
        "某食品厂污水池清淤作业发生一起硫化氢中毒事故，一人死亡。事故前一个月执法人员曾\
         对该厂检查，检查记录载明“有限空间作业审批、检测制度落实到位”，与事故调查查明的情况不符。",
        act(
            ActKind::Inspection,
            act_ref("检记", c.ago(55), 86),
            false,
            "zhouh",
            Some("zhengl"),
            None,
        ),
        &["zhouh"],
    );
    accept(
        &mut case,
        c.ago(17),
        "检查记录与事故调查结论明显不符，有事实依据。",
        Some(c.ago(16)),
    );
    appoint(&mut case, c.ago(15), &["zhaom", "wangl"]);
    case.interviews.push(interview(
        c.ago(10),
        InterviewKind::Officer,
        "zhouh",
        &["zhaom", "wangl"],
        "问：检查当天是否进入污水处理区域？\n答：到了污水池边上，企业说近期没有清淤计划，\
         我就看了制度文本，没有查作业审批记录。",
    ));
    case.evidence.push(evidence(
        "document",
        "现场检查记录（复印件）",
        c.ago(12),
        "wangl",
    ));
    case.evidence.push(evidence(
        "document",
        "事故调查报告（节选）",
        c.ago(11),
        "zhaom",
    ));
    let record = texts::inspection_record(
        c.ago(55),
        "某食品有限公司",
        "周华、郑亮",
        "有限空间作业审批、检测制度落实到位，未发现隐患。",
    );
    Draft::new(case).file(0, "现场检查记录.txt", record)
}

/// Investigating for 48 days with no report to the committee: overdue (Art. 10(3): 30 days).
/// 孙强 was found at fault in another case decided within the year: Art. 8(3) applies.
fn on_the_spot_overdue_report(c: Clock) -> Draft {
    let penalty_on = c.ago(75);
    let reference = act_ref("当罚", penalty_on, 14);
    let mut case = received(
        "烟花爆竹零售点当场处罚超出法定限额被撤销",
        Source::Complaint,
        c.ago(52),
        Some(("陈某（烟花爆竹零售店经营者）", "151xxxx3046")),
        "执法人员对零售店超量储存烟花爆竹适用简易程序当场罚款三千元，超出当场处罚的法定\
         限额，该决定已被复议机关撤销。",
        act(
            ActKind::Penalty,
            reference.clone(),
            true,
            "sunq",
            None,
            None,
        ),
        &["sunq"],
    );
    accept(
        &mut case,
        c.ago(48),
        "处罚决定已被撤销，属错案。",
        Some(c.ago(47)),
    );
    appoint(&mut case, c.ago(46), &["wangl", "hej"]);
    case.interviews.push(interview(
        c.ago(40),
        InterviewKind::StatementDefence,
        "sunq",
        &["wangl", "hej"],
        texts::SUNQ_DEFENCE,
    ));
    case.interviews.push(interview(
        c.ago(38),
        InterviewKind::Counterpart,
        "陈某（零售店经营者）",
        &["wangl", "hej"],
        "问：执法人员是否告知你陈述申辩的权利？\n答：没有，开了单子就让我签字。",
    ));
    case.evidence
        .push(evidence("record", "孙强询问笔录", c.ago(40), "wangl"));
    case.evidence.push(evidence(
        "document",
        "当场处罚决定书（复印件）",
        c.ago(44),
        "hej",
    ));
    let mut findings = fault(&[2]);
    findings.wrongful_case = Some(WrongfulCase::Revoked);
    // Art. 7(1): an on-the-spot act that became a wrongful case — the officer is directly liable.
    findings.rules.push(RuleFinding::R7_1 {});
    culpability(&mut findings, &[("sunq", Mind::GrossNegligence)]);
    case.findings = Some(findings);
    let decision = texts::penalty_decision(
        &reference,
        penalty_on,
        "陈某（烟花爆竹零售店）",
        "当事人零售店内存放烟花爆竹超过核定限量。",
    );
    Draft::new(case)
        .file(0, "询问笔录.txt", texts::record_sunq(c.ago(40)))
        .file(1, "当场处罚决定书.txt", decision)
}

/// Investigating, properly: 李霞 recused as 马骏's wife; a long statement and defence.
fn recused_spouse(c: Clock) -> Draft {
    let inspected = c.ago(40);
    let mut case = received(
        "非煤矿山检查未发现超高台阶致局部滑坡",
        Source::Complaint,
        c.ago(14),
        Some(("某村村民委员会", "0377-6xxxx552")),
        "某石料厂采场发生局部滑坡，造成一台挖掘机损毁。滑坡前十二天执法人员检查该矿，\
         检查记录载明“边坡稳定，未发现隐患”，而采场存在多处超高台阶。",
        act(
            ActKind::Inspection,
            act_ref("检记", inspected, 97),
            false,
            "maj",
            Some("zhengl"),
            Some("gaoj"),
        ),
        &["maj", "zhengl"],
    );
    accept(
        &mut case,
        c.ago(11),
        "有事实依据，予以受理。",
        Some(c.ago(10)),
    );
    appoint(&mut case, c.ago(10), &["lix", "wangl", "hej"]);
    recuse(
        &mut case,
        "lix",
        c.ago(9),
        "与被调查人马骏系夫妻关系，本人申请回避，经局长同意。",
    );
    case.interviews.push(interview(
        c.ago(5),
        InterviewKind::StatementDefence,
        "maj",
        &["wangl", "hej"],
        texts::MAJ_DEFENCE,
    ));
    case.evidence
        .push(evidence("document", "现场检查记录", c.ago(8), "wangl"));
    case.evidence
        .push(evidence("photo", "滑坡现场照片12张", c.ago(8), "hej"));
    let mut findings = fault(&[22]);
    // Art. 5(2)4: the handler's wrong record, which the reviewer and approver did not catch.
    // It grades the approver 高建国 too, who is not yet a respondent and was never heard: the
    // check blocks (graded_not_respondent) until the team adds him as a respondent and hears
    // him (Art. 10(2)).
    findings.rules.push(RuleFinding::R5_2_4 {});
    culpability(
        &mut findings,
        &[
            ("maj", Mind::GrossNegligence),
            ("zhengl", Mind::GrossNegligence),
        ],
    );
    case.findings = Some(findings);
    let record = texts::inspection_record(
        inspected,
        "某石料厂",
        "马骏、郑亮",
        "查看营业执照、安全生产许可证及边坡监测记录，边坡稳定，未发现隐患。",
    );
    Draft::new(case).file(0, "现场检查记录.txt", record)
}

/// Rejected for want of facts, the complainant told, and the file closed.
fn rejected_and_closed(c: Clock) -> Draft {
    let mut case = received(
        "举报执法人员查封扣押时索要好处",
        Source::Report,
        c.ago(95),
        Some(("赵某", "186xxxx0931")),
        "举报人称执法人员在查封某小型加油站储罐时暗示其“打点关系”。",
        act(
            ActKind::Coercion,
            act_ref("强", c.ago(110), 6),
            false,
            "zhangw",
            Some("zhengl"),
            Some("wuy"),
        ),
        &["zhangw"],
    );
    reject(
        &mut case,
        c.ago(91),
        "经调取执法记录仪视频、询问在场人员，未发现执法人员索要好处的事实，\
         举报缺乏事实依据，决定不予受理。",
        Some(c.ago(90)),
    );
    case.stage = Stage::Closed;
    Draft::new(case)
}
