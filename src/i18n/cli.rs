//! Strings of the command line, zh-CN and en.

use super::Lang;
use crate::domain::deadlines::DeadlineState;
use crate::domain::liability::{Outcome, Scope};
use crate::domain::model::Grade;
use crate::i18n::labels::Labelled;

/// A consulted year no calendar covers (RULES.md: flag it, never guess silently).
pub fn warn_uncovered(year: i32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "警告：没有 {year} 年的节假日安排，该年按普通周末计算；请用 --calendar FILE 载入国务院公布的 {year} 年安排"
        ),
        Lang::En => format!(
            "warning: no holiday calendar for {year}; weekends only were counted for that year. Load the State Council's {year} schedule with --calendar FILE"
        ),
    }
}

pub fn cannot_read(path: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取文件 {path}：{err}；请检查路径和权限"),
        Lang::En => format!("cannot read {path}: {err}; check the path and permissions"),
    }
}

pub fn bad_calendar(path: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("日历文件 {path} 无效：{err}；格式同 calendar/cn-holidays/*.json"),
        Lang::En => format!(
            "calendar file {path} is not valid: {err}; use the format of calendar/cn-holidays/*.json"
        ),
    }
}

/// Heading of a refused bundle; the errors follow one per line.
pub fn bundle_refused(path: &str, count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{path} 有 {count} 处错误，未作处理（逐条如下，请改正后重试）："),
        Lang::En => format!(
            "{path} has {count} error(s) and was not used (each below; correct them and retry):"
        ),
    }
}

pub fn rule_error(case: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("案件 {case} 的认定无法适用规则：{err}"),
        Lang::En => format!("case {case}: the findings cannot be applied: {err}"),
    }
}

pub fn no_database_path(lang: Lang) -> String {
    lang.pick(
        "无法确定数据库位置；请用 --db PATH 或环境变量 CULPA_DB 指定",
        "cannot tell where the database is; give --db PATH or set CULPA_DB",
    )
    .to_string()
}

pub fn bad_config(path: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("配置文件 {path} 无效：{err}；应为 db = \"/path/to/culpa.db\""),
        Lang::En => {
            format!("config file {path} is not valid: {err}; expected db = \"/path/to/culpa.db\"")
        }
    }
}

/// A database command whose backend is not wired into this build yet.
pub fn not_wired(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{what}”在此版本中尚未接入数据库"),
        Lang::En => format!("`{what}` is not connected to the database in this build yet"),
    }
}

pub fn cannot_write(path: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法写入 {path}：{err}"),
        Lang::En => format!("cannot write {path}: {err}"),
    }
}

pub fn imported(cases: usize, people: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已导入 {cases} 件案件、{people} 名人员"),
        Lang::En => format!("imported {cases} case(s), {people} person(s)"),
    }
}

pub fn duplicate_in_db(path: &str, number: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{path}（案件 {number}）：数据库中已有同号案件；请改号或先导出比对"),
        Lang::En => format!(
            "{path} (case {number}): a case with this number is already in the database; renumber it or compare with an export first"
        ),
    }
}

pub fn user_saved(login: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已保存人员 {login}"),
        Lang::En => format!("saved person {login}"),
    }
}

pub fn evidence_added(case: &str, file: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已为案件 {case} 登记证据 {file}"),
        Lang::En => format!("recorded evidence {file} for case {case}"),
    }
}

pub fn no_obligations(lang: Lang) -> &'static str {
    lang.pick("没有未完成的期限事项。", "No open obligations.")
}

pub fn ready(ready: bool, lang: Lang) -> &'static str {
    match (ready, lang) {
        (true, Lang::Zh) => "可以提交党委",
        (true, Lang::En) => "ready for the committee",
        (false, Lang::Zh) => "尚不能提交党委",
        (false, Lang::En) => "not ready for the committee",
    }
}

pub fn as_of(date: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("截至 {date}"),
        Lang::En => format!("as of {date}"),
    }
}

pub fn scope(s: Scope, lang: Lang) -> &'static str {
    match s {
        Scope::InScope => lang.pick("属本制度追究范围", "within this regulation"),
        Scope::LegalLiability => lang.pick(
            "违法，依法追究法律责任（第四条），不按本制度追究",
            "law violated: legal liability applies (Art. 4), not this regulation",
        ),
    }
}

pub fn fault_established(yes: bool, lang: Lang) -> &'static str {
    match (yes, lang) {
        (true, Lang::Zh) => "过错或错案成立",
        (true, Lang::En) => "fault or wrongful case established",
        (false, Lang::Zh) => "过错或错案不成立，无人被追究",
        (false, Lang::En) => "no fault or wrongful case established; no one is pursued",
    }
}

pub fn judicial_referral(lang: Lang) -> &'static str {
    lang.pick(
        "涉嫌犯罪，移交司法机关（第十一条第（七）项）",
        "suspected crime: transfer to the judicial organs (Art. 11(7))",
    )
}

pub fn grade(g: Grade, lang: Lang) -> &'static str {
    g.short(lang)
}

pub fn outcome(o: Outcome, lang: Lang) -> &'static str {
    o.short(lang)
}

pub fn state(s: DeadlineState, lang: Lang) -> &'static str {
    s.short(lang)
}

/// Column headings, by key.
pub fn header(key: &str, lang: Lang) -> &'static str {
    match key {
        "person" => lang.pick("人员", "Person"),
        "grade" => lang.pick("责任", "Grade"),
        "outcome" => lang.pick("建议", "Outcome"),
        "basis" => lang.pick("依据", "Basis"),
        "circumstances" => lang.pick("情节", "Circumstances"),
        "case" => lang.pick("案件", "Case"),
        "kind" => lang.pick("事项", "Obligation"),
        "due" => lang.pick("期限", "Due"),
        "days_left" => lang.pick("剩余天数", "Days left"),
        "state" => lang.pick("状态", "State"),
        "owner" => lang.pick("承办", "Owner"),
        "login" => lang.pick("账号", "Login"),
        "name" => lang.pick("姓名", "Name"),
        "unit" => lang.pick("单位", "Unit"),
        "roles" => lang.pick("角色", "Roles"),
        "code" => lang.pick("问题", "Blocker"),
        "message" => lang.pick("说明", "What to do"),
        _ => "",
    }
}

pub fn measures_open(lang: Lang) -> &'static str {
    lang.pick(
        "可供党委选择的处理方式（第十一条）：",
        "Measures open to the committee (Art. 11):",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_grade_and_state_has_both_languages() {
        for g in [
            Grade::Direct,
            Grade::Corresponding,
            Grade::Supervisory,
            Grade::ImportantLeadership,
            Grade::Leadership,
            Grade::Shared,
            Grade::None,
        ] {
            assert_ne!(grade(g, Lang::Zh), grade(g, Lang::En));
        }
        for h in ["person", "grade", "case", "due", "owner"] {
            assert!(!header(h, Lang::Zh).is_empty() && header(h, Lang::Zh) != header(h, Lang::En));
        }
        assert!(warn_uncovered(2027, Lang::En).contains("2027"));
        assert!(warn_uncovered(2027, Lang::Zh).contains("2027"));
    }
}
