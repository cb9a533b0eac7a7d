//! Strings of the working-day calendar (`domain::calendar`).

use super::Lang;
use crate::domain::calendar::CalendarError;

/// A rejected calendar file: what is wrong and what to do.
pub fn error(e: &CalendarError, lang: Lang) -> String {
    use CalendarError as E;
    let fix = lang.pick(
        "请使用 cn-holidays 格式的年度文件（含 year 与 days）。",
        "Use a yearly file in the cn-holidays format (with \"year\" and \"days\").",
    );
    let what = match (e, lang) {
        (E::Invalid(d), Lang::Zh) => format!("节假日文件格式有误：{d}"),
        (E::Invalid(d), Lang::En) => format!("The calendar file is not valid: {d}"),
        (E::MissingYear, Lang::Zh) => "节假日文件缺少 year 字段，无法确定所覆盖的年份".into(),
        (E::MissingYear, Lang::En) => {
            "The calendar file has no \"year\" field, so the year it covers is unknown".into()
        }
        (E::YearOutOfRange(y), Lang::Zh) => format!("节假日文件的年份 {y} 不合理"),
        (E::YearOutOfRange(y), Lang::En) => {
            format!("The calendar file names year {y}, which is not plausible")
        }
        (E::MissingDays, Lang::Zh) => "节假日文件缺少 days 列表".into(),
        (E::MissingDays, Lang::En) => "The calendar file has no \"days\" list".into(),
        (E::BadDate { index, text }, Lang::Zh) => {
            format!("节假日文件 days[{index}] 的日期 “{text}” 不是 YYYY-MM-DD 格式的有效日期")
        }
        (E::BadDate { index, text }, Lang::En) => {
            format!("days[{index}].date \"{text}\" is not a valid YYYY-MM-DD date")
        }
        (E::DateOutsideYear { index, date, year }, Lang::Zh) => {
            format!("{year} 年节假日文件 days[{index}] 的日期 {date} 不在该年或相邻年份内")
        }
        (E::DateOutsideYear { index, date, year }, Lang::En) => format!(
            "days[{index}].date {date} in the calendar file for {year} is outside that year and its neighbours"
        ),
        (E::DuplicateDate { date, year }, Lang::Zh) => {
            format!("{year} 年节假日文件中 {date} 出现了两次")
        }
        (E::DuplicateDate { date, year }, Lang::En) => {
            format!("{date} is listed twice in the calendar file for {year}")
        }
        (E::NoDaysForYear { year }, Lang::Zh) => {
            format!("{year} 年节假日文件没有列出 {year} 年的任何一天（放假和调休上班日）")
        }
        (E::NoDaysForYear { year }, Lang::En) => format!(
            "the calendar file for {year} lists no day of {year} (its holidays and make-up working days)"
        ),
    };
    let sep = lang.pick("。", ". ");
    format!("{what}{sep}{fix}")
}

/// What is wrong with a calendar file and what to do, in the user's language (the domain
/// names the error; the words are here).
pub trait CalendarErrorWords {
    fn message(&self, lang: Lang) -> String;
}

impl CalendarErrorWords for CalendarError {
    fn message(&self, lang: Lang) -> String {
        error(self, lang)
    }
}
