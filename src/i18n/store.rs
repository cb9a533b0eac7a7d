//! The store's user-facing messages in zh-CN and en ([`StoreError::message`]).

use super::Lang;
use crate::store::StoreError;

impl StoreError {
    /// What went wrong and what to do, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::Busy { seconds } => {
                format!("数据库持续繁忙 {seconds} 秒；可能有另一个 culpa 进程卡住了——请稍后重试")
            }
            StoreError::NewerSchema { found, known } => format!(
                "数据库的结构版本为 {found}，而本版 culpa 只支持到版本 {known}；请升级 culpa 后再打开"
            ),
            StoreError::NotADatabase { path } => format!(
                "{} 不是 culpa 数据库（不是 SQLite 文件，或已损坏）",
                path.display()
            ),
            StoreError::NoDatabase { path } => format!(
                "{} 处没有数据库；请先创建（culpa init），或检查路径",
                path.display()
            ),
            StoreError::Exists { path } => {
                format!("{} 已有含数据的 culpa 数据库；拒绝覆盖", path.display())
            }
            StoreError::Conflict {
                what,
                expected,
                current,
            } => format!(
                "{what} 已被他人修改（现为第 {current} 版，您看到的是第 {expected} 版）；请重新载入后再改"
            ),
            StoreError::Sqlite(e) => format!("数据库错误：{e}"),
            StoreError::Io { path, source } => format!("{}：{source}", path.display()),
            StoreError::Corrupt(m) => format!("数据库中有无法读取的数据：{m}"),
            StoreError::NotFound(m) => format!("未找到：{m}"),
            StoreError::Duplicate(m) => format!("已存在：{m}"),
            StoreError::Constraint(m) => format!("违反数据库完整性规则：{m}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn every_error_speaks_both_languages() {
        let cases = [
            (StoreError::Busy { seconds: 15 }, "15"),
            (StoreError::NewerSchema { found: 9, known: 1 }, "9"),
            (
                StoreError::NotADatabase {
                    path: PathBuf::from("x.db"),
                },
                "x.db",
            ),
            (
                StoreError::NoDatabase {
                    path: PathBuf::from("y.db"),
                },
                "y.db",
            ),
            (
                StoreError::Exists {
                    path: PathBuf::from("z.db"),
                },
                "z.db",
            ),
            (
                StoreError::Conflict {
                    what: "case 7".into(),
                    expected: 3,
                    current: 4,
                },
                "case 7",
            ),
            (StoreError::Corrupt("c".into()), "c"),
            (StoreError::NotFound("n".into()), "n"),
            (StoreError::Duplicate("d".into()), "d"),
            (StoreError::Constraint("k".into()), "k"),
        ];
        for (e, detail) in cases {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            assert_ne!(zh, en, "{e:?}");
            assert!(zh.contains(detail) && en.contains(detail), "{e:?}");
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
        }
        let newer = StoreError::NewerSchema { found: 9, known: 1 };
        assert!(newer.message(Lang::Zh).contains('1') && newer.message(Lang::Zh).contains("升级"));
    }
}
