//! The regulation in words: each rule of Arts. 5 and 7, the grades, Arts. 6, 8, 9 and 11,
//! the wrongful-case kinds, and each person's reasons in a verdict. The Chinese follows the
//! regulation's own wording (`regulation-zh.txt`), shortened only where a line must fit; the
//! English restates it.

use super::{Lang, cite};
use crate::domain::liability::{
    Art8, Ground, Outcome, PersonVerdict, RuleError, Scope, VerdictNote,
};
use crate::domain::model::{Culpability, Exempting, Grade, Measure, RuleCode, WrongfulCase};
use crate::i18n::labels::Labelled;
use serde_json::{Map, Value, json};

/// What happened, as the rule states it (the condition, without who carries what).
pub fn rule_statement(code: RuleCode, lang: Lang) -> &'static str {
    use RuleCode as C;
    let (zh, en) = match code {
        C::R5_1 => (
            "承办人直接作出行政行为导致行政执法过错或错案发生",
            "the handler made the act directly, causing the fault or wrongful case",
        ),
        C::R5_2_1 => (
            "承办人未经审核人、批准人批准，直接作出行政行为，导致行政执法过错或错案发生",
            "the handler acted without the reviewer's and approver's approval, causing the fault or wrongful case",
        ),
        C::R5_2_2 => (
            "承办人弄虚作假、徇私舞弊，致使审核人、批准人未能正确履行审核、批准职责，导致行政执法过错或错案发生",
            "the handler faked facts or acted from favouritism, so review and approval failed, causing the fault or wrongful case",
        ),
        C::R5_2_3 => (
            "虽经审核人审核、批准人批准，但承办人不依照审核、批准事项实施行政行为，导致行政执法过错或错案发生",
            "the act was reviewed and approved, but the handler did not carry it out as approved, causing the fault or wrongful case",
        ),
        C::R5_2_4 => (
            "承办人提出的方案或者意见有错误，审核人、批准人应当发现而没有发现，或者发现后未予纠正，导致行政执法过错或错案发生",
            "the handler's proposal or opinion was wrong, and the reviewer and approver failed to find it, or found it and did not correct it, causing the fault or wrongful case",
        ),
        C::R5_2_5 => (
            "审核人不采纳或者改变承办人的正确意见，经批准人批准导致行政执法过错或错案发生",
            "the reviewer rejected or changed the handler's correct opinion and the approver approved, causing the fault or wrongful case",
        ),
        C::R5_2_6 => (
            "审核人未报请批准人而直接作出决定，导致行政执法过错或错案发生",
            "the reviewer decided without reporting to the approver, causing the fault or wrongful case",
        ),
        C::R5_2_7 => (
            "批准人不采纳或者改变承办人、审核人正确意见，导致行政执法过错或错案发生",
            "the approver rejected or changed the correct opinion of the handler and reviewer, causing the fault or wrongful case",
        ),
        C::R5_2_8 => (
            "未经承办人拟办、审核人审查，批准人直接作出决定，导致行政执法过错或错案发生",
            "the approver decided without the handler's draft or the reviewer's review, causing the fault or wrongful case",
        ),
        C::R5_2_9 => (
            "承办人不履行法定职责，或者审核人、批准人指令承办人不履行法定职责",
            "a statutory duty was not performed by the handler, or the reviewer or approver instructed the handler not to perform it",
        ),
        C::R5_2_10 => (
            "承办人认为上级决定、命令有错误并提出意见，上级不改变或者要求立即执行，承办人执行后产生行政执法过错或错案",
            "the handler objected to a superior's decision or order, the superior kept it or demanded immediate execution, and executing it caused the fault or wrongful case",
        ),
        C::R5_3 => (
            "因不作为发生行政过错，根据岗位责任确定行政过错责任人",
            "a fault by inaction: the person responsible is determined by post responsibility",
        ),
        C::R5_4 => (
            "经审核的具体行政行为造成过错，由审核机构、承办机构与审批人根据过错情节共同承担；审核机构改变原具体行政行为的，承担改变部分的责任",
            "a reviewed act caused the fault: the review unit, handling unit and approver share it by their part; where the review unit changed the original act, it carries the changed part",
        ),
        C::R7_1 => (
            "行政执法人员当场作出的具体行政行为构成错案",
            "an act the officer made on the spot became a wrongful case",
        ),
        C::R7_2_1 => (
            "提供资料时情况不真实、证据不确实或者隐瞒事实、证据，导致行政许可、行政处罚决定错误",
            "materials submitted were untrue, evidence unreliable, or facts or evidence hidden, so the licensing or penalty decision was wrong",
        ),
        C::R7_2_2 => (
            "行政处罚案件因案件事实、证据认定错误而造成执法过错",
            "a penalty case had its facts or evidence wrongly found, causing the fault",
        ),
        C::R7_2_3 => (
            "审核人员未认真核实情况，审核、指示、许可错误",
            "the reviewer did not verify the facts, and the review, instruction or permission was wrong",
        ),
        C::R7_3 => (
            "因非法干预导致错误作出行政许可决定或错案发生",
            "illegal interference caused a wrong licensing decision or a wrongful case",
        ),
        C::R7_4 => (
            "其他不履行或者不正确履行法定职责",
            "another failure to perform, or to perform correctly, a statutory duty",
        ),
    };
    lang.pick(zh, en)
}

/// Who carries what under the rule.
pub fn rule_allocation(code: RuleCode, lang: Lang) -> &'static str {
    use RuleCode as C;
    let (zh, en) = match code {
        C::R5_1 | C::R5_2_1 | C::R5_2_2 | C::R5_2_3 => {
            ("承办人负直接责任", "the handler carries direct liability")
        }
        C::R5_2_4 => (
            "承办人负直接责任，审核人负主管责任，批准人负重要领导责任",
            "handler direct, reviewer supervisory, approver important leadership liability",
        ),
        C::R5_2_5 => (
            "审核人负直接责任，批准人负领导责任",
            "reviewer direct, approver leadership liability",
        ),
        C::R5_2_6 | C::R7_2_3 => ("审核人负直接责任", "the reviewer carries direct liability"),
        C::R5_2_7 | C::R5_2_8 => ("批准人负直接责任", "the approver carries direct liability"),
        C::R5_2_9 => (
            "承办人负直接责任；作出指令的人员负直接责任；审核人的指令经批准人同意的，审核人负直接责任，批准人负领导责任",
            "handler direct; where instructed, the instructor direct; a reviewer's instruction agreed by the approver: reviewer direct, approver leadership",
        ),
        C::R5_2_10 => (
            "由上级承担责任，承办人不承担责任；执行明显违法的决定、命令的，承办人承担相应责任",
            "the superior is liable, the handler is not; a handler who executed an obviously illegal order carries corresponding liability",
        ),
        C::R5_3 => (
            "岗位责任人负直接责任",
            "the post holder carries direct liability",
        ),
        C::R5_4 => (
            "承办人、审核人、批准人共同承担；审核机构改变原行为的，审核人负直接责任",
            "handler, reviewer and approver share it; where the review unit changed the act, the reviewer carries direct liability",
        ),
        C::R7_1 => (
            "该执法人员负直接责任",
            "that officer carries direct liability",
        ),
        C::R7_2_1 => (
            "呈报单位有关人员负直接责任",
            "the submitting unit's responsible persons carry direct liability",
        ),
        C::R7_2_2 => (
            "案件承办人员和案件审核人员均负直接责任",
            "both the case handler and the case reviewer carry direct liability",
        ),
        C::R7_3 => (
            "干预者负直接责任",
            "the interferer carries direct liability",
        ),
        C::R7_4 => (
            "具体行为人负直接责任",
            "the person who did it carries direct liability",
        ),
    };
    lang.pick(zh, en)
}

pub fn grade_name(grade: Grade, lang: Lang) -> &'static str {
    grade.long(lang)
}

pub fn outcome_name(outcome: Outcome, lang: Lang) -> &'static str {
    outcome.long(lang)
}

pub fn scope_name(scope: Scope, lang: Lang) -> &'static str {
    let (zh, en) = match scope {
        Scope::InScope => ("属本制度追究范围", "within this regulation's scope"),
        Scope::LegalLiability => (
            "违反法律规定，应承担法律责任，不属于本制度责任追究范围",
            "the law itself was violated: legal liability applies, outside this regulation",
        ),
    };
    lang.pick(zh, en)
}

/// Art. 8: grounds for heavier handling (从重处理).
pub fn aggravating_statement(a: Art8, lang: Lang) -> &'static str {
    let (zh, en) = match a {
        Art8::A8_1 => (
            "明知本人的行政执法过错或错案行为处于继续状态，而不积极采取措施予以纠正",
            "knew the fault or wrongful act was continuing and did not act to correct it",
        ),
        Art8::A8_2 => (
            "对举报、揭发、控告、申诉者及调查和处理人员打击、报复，或者干扰、妨碍、抗拒调查",
            "retaliated against complainants or investigators, or obstructed or resisted the investigation",
        ),
        Art8::A8_3 => (
            "一年内发生两次以上应予追究行政执法过错或错案责任",
            "two or more faults or wrongful cases warranting accountability within one year",
        ),
        Art8::A8_4 => (
            "其他应当从重或者加重处理的情形",
            "other grounds for heavier handling",
        ),
    };
    lang.pick(zh, en)
}

/// Art. 9: grounds on which the committee may exempt (可免予追究).
pub fn exempting_statement(e: Exempting, lang: Lang) -> &'static str {
    let (zh, en) = match e {
        Exempting::E9_1 => (
            "因法律、法规、规章规定不明确造成适用法律、法规、规章出现偏差",
            "the law was unclear, so it was applied with deviation",
        ),
        Exempting::E9_2 => (
            "因事实认定或定案后出现新的证据，使原认定的事实或案件的性质发生变化",
            "new evidence after the finding changed the facts or the nature of the case",
        ),
        Exempting::E9_3 => (
            "因执法相对人的过错或由于不可预见、不可抗力的原因造成认定事实出现偏差",
            "the counterpart's fault, or unforeseeable or force-majeure causes, skewed the facts found",
        ),
        Exempting::E9_4 => (
            "违法执法行为情节轻微、未造成严重后果",
            "the wrongful act was minor and caused no serious consequences",
        ),
        Exempting::E9_5 => (
            "对违法执法行为能及时自行纠正或采取补救措施，未造成严重后果",
            "the person corrected or remedied it in time, with no serious consequences",
        ),
    };
    lang.pick(zh, en)
}

pub fn exempting_code(e: Exempting) -> &'static str {
    match e {
        Exempting::E9_1 => "9.1",
        Exempting::E9_2 => "9.2",
        Exempting::E9_3 => "9.3",
        Exempting::E9_4 => "9.4",
        Exempting::E9_5 => "9.5",
    }
}

/// Art. 6's fault types by item number; `None` outside 1–22.
pub fn fault_type_statement(n: u8, lang: Lang) -> Option<&'static str> {
    const T: [(&str, &str); 22] = [
        ("没有法定依据实施具体行政行为", "acting without legal basis"),
        (
            "违反法定程序作出具体行政行为",
            "violating statutory procedure",
        ),
        (
            "超越法定职权作出具体行政行为",
            "exceeding statutory authority",
        ),
        (
            "对不具备申请资格或者不符合法定条件的申请人准予行政许可",
            "licensing an unqualified applicant",
        ),
        (
            "对符合法定条件的行政许可申请不予受理",
            "refusing to accept a valid licence application",
        ),
        (
            "未向申请人、利害关系人履行法定告知义务",
            "failing the duty to inform applicants or interested parties",
        ),
        (
            "申请材料不齐全、不符合法定形式，不一次告知申请人必须补正的全部内容",
            "not telling the applicant at once everything missing from an application",
        ),
        (
            "未依法说明不受理行政许可申请或者不予行政许可的理由",
            "not giving reasons for non-acceptance or refusal of a licence",
        ),
        (
            "对符合法定条件的申请人不予行政许可或者不在法定期限内作出准予行政许可决定",
            "refusing a qualified applicant or missing the statutory time limit",
        ),
        (
            "利用职务之便索取、收受他人财物或谋取其他利益",
            "soliciting or taking bribes or other benefits",
        ),
        (
            "错误认定案件事实，或者适用法律明显错误",
            "wrong finding of facts or clearly wrong application of law",
        ),
        (
            "擅自改变行政处罚种类、幅度，或者违法委托实施行政处罚",
            "changing the kind or range of a penalty without authority, or illegally delegating it",
        ),
        (
            "对依法应当立案的案件不予立案，对不应立案的擅自立案，或故意放纵、包庇违法行为",
            "not filing a case that must be filed, filing one that must not, or shielding violations",
        ),
        (
            "隐瞒事实真相或伪造、篡改证据材料、授意他人作伪证造成案件处理错误",
            "concealing facts, forging or altering evidence, or suborning false testimony",
        ),
        (
            "取证不及时或取证材料保管不善导致丢失、损毁造成严重后果",
            "late evidence collection or losing or damaging evidence, with serious consequences",
        ),
        (
            "野蛮粗暴执法，造成严重后果或影响恶劣",
            "brutal enforcement with serious consequences or bad influence",
        ),
        (
            "收费、罚款、暂扣、没收财物不使用法定票据，或者违法自行收缴罚款",
            "collecting fees, fines or seizures without statutory receipts, or collecting fines oneself",
        ),
        (
            "截留、私分、变相私分行政规费、服务性收费和罚没款物",
            "withholding or dividing fees or confiscations",
        ),
        (
            "擅自收费或不按法定项目和标准收费",
            "unauthorised fees or fees outside the statutory items and rates",
        ),
        (
            "使用、损毁扣押财物，给他人造成损失",
            "using or damaging seized property, causing loss",
        ),
        (
            "为个人或单位牟取私利，以罚代收或者以罚代刑",
            "fining for private gain, fining instead of collecting or instead of prosecuting",
        ),
        (
            "其他不履行或者不正确履行法定职责的行为",
            "other failures to perform statutory duties",
        ),
    ];
    let (zh, en) = T.get(usize::from(n).checked_sub(1)?)?;
    Some(lang.pick(zh, en))
}

/// Art. 11's measures.
pub fn measure_statement(m: Measure, lang: Lang) -> &'static str {
    let (zh, en) = match m {
        Measure::M11_1 => (
            "责令改正，写出书面检查",
            "order correction and a written self-examination",
        ),
        Measure::M11_2 => ("通报批评", "circulated criticism"),
        Measure::M11_3 => (
            "暂停行政执法工作或者取消行政执法资格，调离行政执法岗位",
            "suspension from enforcement work or loss of enforcement qualification, transfer off the post",
        ),
        Measure::M11_4 => (
            "扣发岗位津贴或奖金、工资",
            "withholding post allowance, bonus or pay",
        ),
        Measure::M11_5 => (
            "给予行政处分、党纪处分",
            "administrative or party discipline",
        ),
        Measure::M11_6 => (
            "因行政执法过错引起行政赔偿的，依法承担全部或者部分赔偿金额",
            "paying all or part of the state compensation the fault caused",
        ),
        Measure::M11_7 => (
            "涉嫌犯罪的，移交司法机关处理",
            "transfer to the judicial organs for a suspected crime",
        ),
    };
    lang.pick(zh, en)
}

/// Art. 2's kinds of wrongful case (错案).
pub fn wrongful_case_name(w: WrongfulCase, lang: Lang) -> &'static str {
    let (zh, en) = match w {
        WrongfulCase::Revoked => ("被撤销", "revoked"),
        WrongfulCase::PartlyRevoked => ("被部分撤销", "partly revoked"),
        WrongfulCase::Changed => ("被变更", "changed"),
        WrongfulCase::ConfirmedIllegal => ("被确认违法", "confirmed illegal"),
        WrongfulCase::OrderedToPerform => (
            "被责令限期履行法定职责",
            "ordered to perform the statutory duty",
        ),
        WrongfulCase::OrderedToRedo => ("被责令重新作出具体行政行为", "ordered to redo the act"),
        WrongfulCase::Compensation => ("被决定给予行政赔偿", "state compensation awarded"),
    };
    lang.pick(zh, en)
}

/// The text of a [`VerdictNote`], as `culpa liability --json` prints it.
pub fn note_text(note: VerdictNote, lang: Lang) -> String {
    match note {
        VerdictNote::InstructedHandlerUngraded => lang
            .pick(
                "第五条第（二）项第9目未规定受指令不履行法定职责的承办人的责任，本目不予定级，由局党委研究决定",
                "Art. 5(2)9 is silent on a handler instructed not to perform the duty; that rule gives no grade, the committee decides",
            )
            .to_string(),
        VerdictNote::NotIntentOrGross(c) => {
            let (zh, en) = match c {
                Culpability::None => ("无过错", "no fault"),
                _ => ("一般过失", "ordinary negligence"),
            };
            match lang {
                Lang::Zh => format!(
                    "第二条第二款：过错须出于故意或者重大过失；本人为{zh}，不予追究"
                ),
                Lang::En => format!(
                    "Art. 2 ¶2: a fault is committed by intent or gross negligence; this person's was {en}, so they are not pursued"
                ),
            }
        }
    }
}

/// A [`RuleError`] in the user's language: what is wrong and what to do.
pub fn rule_error(e: &RuleError, lang: Lang) -> String {
    match (e, lang) {
        (RuleError::MissingActRole { rule, role }, Lang::Zh) => {
            let role = match *role {
                "reviewer" => "审核人",
                "approver" => "批准人",
                _ => "承办人",
            };
            format!(
                "{}要求行政行为有{role}，但该行为未登记{role}：请补录{role}或改选适用条款",
                cite(rule.as_str(), lang)
            )
        }
        (RuleError::NotOnTheSpot, Lang::Zh) => format!(
            "{}仅适用于当场作出的具体行政行为：请核实该行为是否当场作出，或改选适用条款",
            cite("7.1", lang)
        ),
        (RuleError::ClearedButNamed { login, rule }, Lang::Zh) => format!(
            "{login}既被列为无过错，又被{}确定承担责任：请从无过错名单或该条款中移除",
            cite(rule.as_str(), lang)
        ),
        (RuleError::AgreementWithoutReviewerInstruction, Lang::Zh) => format!(
            "{}：“经批准人同意”仅适用于审核人作出的指令：请将指令人设为审核人，或取消“经批准人同意”",
            cite("5.2.9", lang)
        ),
        (RuleError::NamesNoOne { rule }, Lang::Zh) => format!(
            "{}未列明责任人：请列明适用的人员",
            cite(rule.as_str(), lang)
        ),
        (RuleError::NoWrongfulCase, Lang::Zh) => format!(
            "{}仅适用于构成错案的情形：请先认定错案情形，或改选其他条款",
            cite("7.1", lang)
        ),
        (RuleError::NotAPenalty, Lang::Zh) => format!(
            "{}仅适用于行政处罚案件，该执法行为不是行政处罚：请改选其他条款",
            cite("7.2.2", lang)
        ),
        (e, Lang::En) => e.to_string(),
    }
}

/// One ground in words: "第五条第（二）项第4目：承办人提出的方案……→ 直接责任".
fn ground_line(g: &Ground, lang: Lang) -> String {
    let result = match g.note {
        // The citation is already at the head of the line; say only why there is no grade.
        Some(VerdictNote::InstructedHandlerUngraded) => lang.pick(
            "不定级（本目未规定受指令承办人的责任）",
            "no grade (the rule is silent on the instructed handler)",
        ),
        // Grounds carry only rule notes; the Art. 2 ¶2 note is the person's, not a rule's.
        Some(VerdictNote::NotIntentOrGross(_)) | None => grade_name(g.grade, lang),
    };
    let sep = lang.pick("：", ": ");
    format!(
        "{}{sep}{} → {result}",
        cite(g.rule.as_str(), lang),
        rule_statement(g.rule, lang)
    )
}

/// Each person's reasons in words: one line per rule that named them (with the grade that
/// rule gives), then each Art. 8 and Art. 9 circumstance, 8.3 with the cases that triggered it.
pub fn person_reasons(v: &PersonVerdict, lang: Lang) -> Vec<String> {
    let sep = lang.pick("：", ": ");
    let mut out: Vec<String> = v.grounds.iter().map(|g| ground_line(g, lang)).collect();
    if v.grounds.is_empty() {
        out.push(
            lang.pick(
                "未被第五条、第七条任何一项列为责任人 → 不承担责任",
                "named by no rule of Arts. 5 and 7 → no liability",
            )
            .to_string(),
        );
    }
    // Art. 2 ¶2: the state of mind of a graded person, or that it is still missing.
    if v.grade != Grade::None || v.culpability.is_some() {
        let state = match v.culpability {
            Some(Culpability::Intent) => lang.pick("故意", "intent"),
            Some(Culpability::GrossNegligence) => lang.pick("重大过失", "gross negligence"),
            Some(Culpability::Negligence) => {
                lang.pick("一般过失 → 不予追究", "ordinary negligence → not pursued")
            }
            Some(Culpability::None) => lang.pick("无过错 → 不予追究", "no fault → not pursued"),
            None => lang.pick(
                "尚未认定（提交前须认定）",
                "not yet determined (needed before submission)",
            ),
        };
        out.push(format!(
            "{}{}{sep}{state}",
            cite("2", lang),
            lang.pick("（主观状态）", " (state of mind)"),
        ));
    }
    for a in &v.aggravating {
        let mut line = format!(
            "{}{}{sep}{}",
            cite(a.as_str(), lang),
            lang.pick("（从重）", " (heavier)"),
            aggravating_statement(*a, lang)
        );
        if *a == Art8::A8_3 && !v.repeats.is_empty() {
            // The most recent few (the verdict keeps `REPEAT_SHOWN`), and how many in all: a
            // person with hundreds of decided cases in the year must not turn one note into
            // pages (issue 10).
            let n = v.repeats.count;
            let shown = &v.repeats.latest;
            let list = shown.join(lang.pick("、", ", "));
            line.push_str(&match (lang, n > shown.len()) {
                (Lang::Zh, false) => format!("（另见{list}）"),
                (Lang::En, false) => format!(" (also {list})"),
                (Lang::Zh, true) => format!("（另见{list}等{n}件）"),
                (Lang::En, true) => format!(" (also {list} and {} more)", n - shown.len()),
            });
        }
        out.push(line);
    }
    for e in &v.exempting {
        out.push(format!(
            "{}{}{sep}{}",
            cite(exempting_code(*e), lang),
            lang.pick("（可免予追究）", " (may exempt)"),
            exempting_statement(*e, lang)
        ));
    }
    out
}

/// The liability answer as `culpa liability --json` prints it: the notes are words, so the
/// JSON is said here (layers: the domain never asks i18n).
pub trait VerdictWords {
    /// As `culpa liability --json` prints it (bundle-v1.md), keys in the contract's order.
    /// `lang` is the language of each person's `note`.
    fn to_json(&self, lang: Lang) -> Value;
}

impl VerdictWords for crate::domain::liability::Verdict {
    fn to_json(&self, lang: Lang) -> Value {
        let persons: Vec<Value> = self
            .persons
            .iter()
            .map(|p| {
                let mut m = Map::new();
                m.insert("login".into(), json!(p.login));
                m.insert("name".into(), json!(p.name));
                m.insert("grade".into(), json!(p.grade));
                m.insert("basis".into(), json!(p.basis));
                m.insert("culpability".into(), json!(p.culpability));
                m.insert("aggravating".into(), json!(p.aggravating));
                m.insert("exempting".into(), json!(p.exempting));
                m.insert("outcome".into(), json!(p.outcome));
                let notes: Vec<String> =
                    p.notes().into_iter().map(|n| note_text(n, lang)).collect();
                if !notes.is_empty() {
                    // bundle-v2.md: two notes in one entry are joined with a space.
                    m.insert("note".into(), json!(notes.join(" ")));
                }
                Value::Object(m)
            })
            .collect();
        let mut m = Map::new();
        m.insert("case".into(), json!(self.case));
        m.insert("scope".into(), json!(self.scope));
        m.insert("judicial_referral".into(), json!(self.judicial_referral));
        m.insert("fault_established".into(), json!(self.fault_established));
        m.insert("persons".into(), Value::Array(persons));
        Value::Object(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::liability::Repeats;

    #[test]
    fn every_item_has_words_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            for c in RuleCode::ALL {
                assert!(!rule_statement(c, lang).is_empty(), "{c}");
                assert!(!rule_allocation(c, lang).is_empty(), "{c}");
            }
            for n in 1..=22 {
                assert!(fault_type_statement(n, lang).is_some(), "6.{n}");
            }
            assert_eq!(fault_type_statement(0, lang), None);
            assert_eq!(fault_type_statement(23, lang), None);
            for m in Measure::ALL {
                assert!(!measure_statement(m, lang).is_empty());
            }
            for a in Art8::ALL {
                assert!(!aggravating_statement(a, lang).is_empty());
            }
        }
        assert_eq!(
            grade_name(Grade::ImportantLeadership, Lang::Zh),
            "重要领导责任"
        );
        assert_eq!(outcome_name(Outcome::MayExempt, Lang::Zh), "可免予追究");
        assert_eq!(
            fault_type_statement(22, Lang::En),
            Some("other failures to perform statutory duties")
        );
    }

    #[test]
    fn reasons_cite_the_rule_and_grade() {
        let v = PersonVerdict {
            login: "sunq".into(),
            name: "孙强".into(),
            grade: Grade::Direct,
            basis: vec![RuleCode::R5_2_4],
            aggravating: vec![Art8::A8_3],
            exempting: vec![Exempting::E9_4],
            culpability: None,
            outcome: Outcome::MayExempt,
            note: None,
            repeats: Repeats {
                count: 1,
                latest: vec!["卧应急责〔2026〕3号".into()],
            },
            grounds: vec![Ground {
                rule: RuleCode::R5_2_4,
                grade: Grade::Direct,
                note: None,
            }],
        };
        let zh = person_reasons(&v, Lang::Zh);
        assert_eq!(zh.len(), 4);
        assert!(zh[0].starts_with("第五条第（二）项第4目：承办人提出的方案或者意见有错误"));
        assert!(zh[0].ends_with("→ 直接责任"));
        // Art. 2 ¶2: the state of mind, not yet recorded.
        assert!(
            zh[1].starts_with("第二条（主观状态）：尚未认定"),
            "{}",
            zh[1]
        );
        assert!(zh[2].starts_with("第八条第（三）项（从重）："));
        assert!(zh[2].ends_with("（另见卧应急责〔2026〕3号）"));
        // Many priors: the latest three and the count, never the whole list.
        let mut many = v.clone();
        many.repeats = Repeats {
            count: 40,
            latest: (38..=40)
                .map(|i| format!("卧应急责〔2026〕{i}号"))
                .collect(),
        };
        let zh = person_reasons(&many, Lang::Zh);
        assert!(
            zh[2].ends_with(
                "（另见卧应急责〔2026〕38号、卧应急责〔2026〕39号、卧应急责〔2026〕40号等40件）"
            ),
            "{}",
            zh[2]
        );
        assert!(!zh[2].contains("〔2026〕37号"));
        let en = person_reasons(&many, Lang::En);
        assert!(
            en[2].ends_with("卧应急责〔2026〕40号 and 37 more)"),
            "{}",
            en[2]
        );
        assert!(zh[3].starts_with("第九条第（四）项（可免予追究）："));
        let en = person_reasons(&v, Lang::En);
        assert!(en[0].starts_with("Art. 5(2)4: the handler's proposal"));
        assert!(en[0].ends_with("→ direct liability"));
    }

    #[test]
    fn reasons_for_the_instructed_handler_and_the_unnamed_respondent() {
        let mut v = PersonVerdict {
            login: "h".into(),
            name: "h".into(),
            grade: Grade::None,
            basis: vec![RuleCode::R5_2_9],
            aggravating: vec![],
            exempting: vec![],
            culpability: None,
            outcome: Outcome::None,
            note: Some(VerdictNote::InstructedHandlerUngraded),
            repeats: Repeats::default(),
            grounds: vec![Ground {
                rule: RuleCode::R5_2_9,
                grade: Grade::None,
                note: Some(VerdictNote::InstructedHandlerUngraded),
            }],
        };
        assert_eq!(
            person_reasons(&v, Lang::Zh),
            vec![
                "第五条第（二）项第9目：承办人不履行法定职责，或者审核人、批准人指令承办人不履行法定职责 → 不定级（本目未规定受指令承办人的责任）"
            ]
        );
        v.grounds.clear();
        v.basis.clear();
        v.note = None;
        assert_eq!(
            person_reasons(&v, Lang::En),
            vec!["named by no rule of Arts. 5 and 7 → no liability"]
        );
    }

    #[test]
    fn errors_have_chinese_messages() {
        let e = RuleError::MissingActRole {
            rule: RuleCode::R5_2_4,
            role: "reviewer",
        };
        assert_eq!(
            rule_error(&e, Lang::Zh),
            "第五条第（二）项第4目要求行政行为有审核人，但该行为未登记审核人：请补录审核人或改选适用条款"
        );
        assert!(rule_error(&e, Lang::En).starts_with("rule 5.2.4 names the act's reviewer"));
    }
}
