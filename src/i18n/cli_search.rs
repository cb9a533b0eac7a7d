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
