//! Strings of `culpa search` and of the workbench's search (src/cli/search.rs, src/ui/search.rs).

use crate::i18n::Lang;

pub fn empty_query(lang: Lang) -> &'static str {
    lang.pick(
        "请给出要查找的文字，例如 culpa search 未收到告知书",
        "give the text to look for, e.g. culpa search \"no notice\"",
    )
}

pub fn no_hits(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("没有案件含有“{text}”（在你可查看的案件中）"),
        Lang::En => format!("no case you may open contains \"{text}\""),
    }
}

pub fn header(h: &str, lang: Lang) -> &'static str {
    match (h, lang) {
        ("case", Lang::Zh) => "案件",
        ("case", Lang::En) => "Case",
        ("record", Lang::Zh) => "记录",
        ("record", Lang::En) => "Record",
        (_, Lang::Zh) => "内容",
        (_, Lang::En) => "Text",
    }
}

/// Which record a hit is in, e.g. "询问笔录 #2" / "interview #2" (numbered from 1).
pub fn record(kind: &str, ord: i64, lang: Lang) -> String {
    let (zh, en, numbered) = match kind {
        "title" => ("标题", "title", false),
        "summary" => ("案情摘要", "summary", false),
        "act" => ("执法行为文号", "act reference", false),
        "acceptance" => ("受理理由", "acceptance reason", false),
        "interested_parties" => ("未能听取说明", "interested-parties note", false),
        "deliberation" => ("集体研究记录", "deliberation minutes", false),
        "submission" => ("逾期说明", "late-report reason", false),
        "decision" => ("处理决定", "decision", false),
        "interview" => ("询问笔录", "interview", true),
        "evidence" => ("证据", "evidence", true),
        "recusal" => ("回避理由", "recusal", true),
        "sanction" => ("处理执行", "sanction", true),
        "appeal" => ("复核/申诉结果", "review/appeal result", true),
        other => (other, other, true),
    };
    let name = lang.pick(zh, en);
    if numbered {
        format!("{name} #{}", ord + 1)
    } else {
        name.to_string()
    }
}

pub fn title(lang: Lang) -> &'static str {
    lang.pick(
        " 全文搜索（你可查看的全部案件） ",
        " Search every case you may open ",
    )
}

pub fn prompt(lang: Lang) -> &'static str {
    lang.pick("查找：", "Find: ")
}

pub fn keys(lang: Lang) -> &'static str {
    lang.pick(
        "输入文字即查找（三字以上用全文索引） · ↑↓ 选择 · Enter 查看该记录 · Esc 关闭",
        "type to search (3+ characters use the index) · ↑↓ choose · Enter read the record · Esc close",
    )
}

/// The confirmation before an irreversible step (src/ui/confirm.rs).
pub mod confirm {
    use crate::i18n::Lang;

    pub fn title(lang: Lang) -> &'static str {
        lang.pick(
            " 请确认：此操作不可撤销 ",
            " Confirm: this cannot be undone ",
        )
    }
    pub fn keys(lang: Lang) -> &'static str {
        lang.pick(
            "y/Enter 确认 · n/Esc 返回表单",
            "y/Enter confirm · n/Esc back to the form",
        )
    }
    pub fn close_head(case: &str, on: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("结案：{case}，结案日期 {on}"),
            Lang::En => format!("Close {case} on {on}"),
        }
    }
    pub fn stage(s: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("当前阶段：{s}"),
            Lang::En => format!("Stage now: {s}"),
        }
    }
    pub fn counts(sanctions: usize, appeals: usize, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("已执行措施 {sanctions} 项，复核/申诉 {appeals} 件"),
            Lang::En => format!("{sanctions} sanction(s) applied, {appeals} review(s)/appeal(s)"),
        }
    }
    pub fn close_final(lang: Lang) -> &'static str {
        lang.pick(
            "结案后不能再登记证据、询问、措施或申诉。",
            "Once closed, no evidence, interview, sanction or appeal can be added.",
        )
    }
    pub fn decide_head(case: &str, on: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("记录局党委决定：{case}，决定日期 {on}"),
            Lang::En => format!("Record the committee's decision on {case}, dated {on}"),
        }
    }
    pub fn committee(list: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("参加决定的党委成员：{list}"),
            Lang::En => format!("Committee members deciding: {list}"),
        }
    }
    pub fn recused(list: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("回避：{list}"),
            Lang::En => format!("Recused: {list}"),
        }
    }
    pub fn outcome(who: &str, grade: &str, exempted: bool, measures: &str, lang: Lang) -> String {
        let ex = if exempted {
            lang.pick("，免予追究", ", exempted")
        } else {
            ""
        };
        let m = if measures.is_empty() {
            lang.pick("无措施", "no measure")
        } else {
            measures
        };
        match lang {
            Lang::Zh => format!("· {who}：{grade}{ex}；{m}"),
            Lang::En => format!("· {who}: {grade}{ex}; {m}"),
        }
    }
    pub fn decide_final(lang: Lang) -> &'static str {
        lang.pick(
            "决定记录后不能修改；措施须在 30 日内执行（第十一条）。",
            "A recorded decision cannot be changed; its measures are due within 30 days (Art. 11).",
        )
    }
}
