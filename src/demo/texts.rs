//! The longer Chinese texts of the demo: interview transcripts and the "scanned" documents
//! attached as evidence files. Dates inside a document are passed in, so the file agrees with
//! the case it belongs to.

use chrono::NaiveDate;

fn zh_date(d: NaiveDate) -> String {
    d.format("%Y年%m月%d日").to_string()
}

/// The long statement and defence of 马骏 in the 非煤矿山 inspection case.
pub(super) const MAJ_DEFENCE: &str = "问：我们是区应急管理局调查组的工作人员，依法就你参与的某石料厂非煤矿山安全检查一事进行调查，你有陈述和申辩的权利，听清楚了吗？\n\
答：听清楚了。\n\
问：请你陈述当天检查的经过。\n\
答：那天上午九点左右，我和郑亮股长到石料厂，先查看了营业执照和安全生产许可证，证件都在有效期内。随后到采场查看了边坡，当时下着小雨，企业负责人说边坡上周刚做过监测，数据正常，我看了监测记录表，就没有再上到采场顶部实地核对。\n\
问：检查记录上写“边坡稳定，未发现隐患”，这是谁填写的？\n\
答：是我填写的，郑股长审核签字。\n\
问：你是否知道该矿《安全设施设计》要求台阶高度不超过十五米？\n\
答：知道。现场看台阶比较高，但我当时认为有监测数据就可以，没有用测距仪测量，这是我的疏忽。\n\
问：检查后第十二天该矿发生局部滑坡，你怎么看？\n\
答：我很后悔。如果当时坚持上去测量，可能会发现超高台阶的问题，责令停产整改。但我要说明，当天郑股长要求上午必须赶往下一家企业，检查时间只有四十分钟，这也是客观原因。\n\
问：你还有什么补充？\n\
答：没有了。我愿意写出书面检查，也请组织考虑我平时工作的表现。以上记录我看过，和我说的一样。";

pub(super) const SUNQ_DEFENCE: &str = "问：你对当场作出的罚款决定有何陈述申辩？\n\
答：当时店内存放的烟花爆竹明显超过限量，我认为事实清楚，就当场开具了罚款决定书。\n\
问：罚款金额是否超出当场处罚的法定限额？\n\
答：……是超过了，我当时没有核对限额，应当按一般程序办理。";

pub(super) const HUANGL_DEFENCE: &str = "问：该企业储存场所的安全距离不符合要求，你在审查时是否到现场核查？\n\
答：没有到现场，只看了企业提交的平面图和承诺书。当时窗口压件多，我想着先发证后监管。\n\
问：你对此有何申辩？\n\
答：我承认审查不严，但企业提交的平面图存在虚假标注，我也有被蒙蔽的成分。";

/// 询问笔录 of the 烟花爆竹 on-the-spot penalty case.
pub(super) fn record_sunq(on: NaiveDate) -> String {
    format!(
        "询问笔录\n\n时间：{}\n地点：卧龙区应急管理局法制股办公室\n询问人：王磊、何军\n被询问人：孙强（执法大队）\n\n{}\n\n被询问人签字：孙强\n",
        zh_date(on),
        SUNQ_DEFENCE
    )
}

/// 行政处罚决定书 (copy) of an act under investigation.
pub(super) fn penalty_decision(reference: &str, on: NaiveDate, party: &str, facts: &str) -> String {
    format!(
        "卧龙区应急管理局\n行政处罚决定书\n\n{reference}\n\n当事人：{party}\n\n经查，{facts}\n\n\
         以上事实违反了《中华人民共和国安全生产法》的有关规定。依据有关规定，本局决定给予罚款的行政处罚。\n\n\
         如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。\n\n\
         卧龙区应急管理局\n{}\n",
        zh_date(on)
    )
}

/// 现场检查记录 of an inspection.
pub(super) fn inspection_record(
    on: NaiveDate,
    site: &str,
    inspectors: &str,
    notes: &str,
) -> String {
    format!(
        "现场检查记录\n\n被检查单位：{site}\n检查时间：{}\n检查人员：{inspectors}\n\n检查情况：{notes}\n\n\
         被检查单位负责人签字：（签字）\n检查人员签字：（签字）\n",
        zh_date(on)
    )
}

/// 危险化学品经营许可证 (copy) wrongly issued.
pub(super) fn licence(reference: &str, on: NaiveDate, holder: &str) -> String {
    format!(
        "危险化学品经营许可证（副本）\n\n证书编号：{reference}\n企业名称：{holder}\n经营方式：票据经营（不带储存）\n\
         许可范围：乙醇、甲苯、丙酮\n有效期：三年\n\n发证机关：卧龙区应急管理局\n发证日期：{}\n",
        zh_date(on)
    )
}

/// 行政赔偿决定书 received from the reviewing court.
pub(super) fn compensation_judgment(on: NaiveDate, amount: &str) -> String {
    format!(
        "行政赔偿决定书\n\n赔偿请求人：某金属制品有限公司\n赔偿义务机关：卧龙区应急管理局\n\n\
         本机关对赔偿请求人的生产设备采取查封措施，超出必要范围且未在法定期限内作出处理决定，已被依法撤销。\
         经审查，决定赔偿赔偿请求人停产停业期间必要的经常性费用开支共计人民币{amount}元。\n\n{}\n",
        zh_date(on)
    )
}

/// 委托执行函 / written instruction in the 5.2.9 case.
pub(super) fn instruction_note(on: NaiveDate) -> String {
    format!(
        "工作便签\n\n张伟同志：\n某粉尘涉爆企业的除尘系统整改指令书先不要下发，等企业年底技改后一并处理。\n\n郑亮\n{}\n",
        zh_date(on)
    )
}
