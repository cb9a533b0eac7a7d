//! Strings of the conflict view and the draft list (src/ui/edits.rs).

use crate::i18n::Lang;
use crate::i18n::forms::T;

pub const CONFLICT_TITLE: T = T(
    " 保存冲突：他人已修改 ",
    " Save conflict: someone else changed this ",
);
pub const THEIRS: T = T("已保存（对方）", "Saved (theirs)");
pub const MINE: T = T("你的填写", "Yours");
pub const QUESTION: T = T("项目", "Question");
pub const CONFLICT_KEYS: T = T(
    "t 采用对方版本 · r 保留对方并重新套用你的修改 · o 用你的版本覆盖 · Esc 返回表单",
    "t take theirs · r keep theirs and re-apply yours · o overwrite with yours · Esc back to the form",
);
pub const NO_DIFFERENCE: T = T(
    "（对方修改的是表单以外的内容）",
    "(they changed something outside this form)",
);
pub const TOOK_THEIRS: T = T(
    "已采用对方版本；你的填写已丢弃",
    "kept their version; your answers were discarded",
);
pub const REAPPLIED: T = T(
    "已在对方版本上重新套用你的修改：请核对后按 Ctrl-S 保存",
    "your changes are re-applied over their version: check them, then Ctrl-S to save",
);
pub const REBASED_SAVE: T = T(
    "他人在此期间修改了案件的其他内容；你的填写已在最新版本上保存",
    "someone else changed other parts of the case meanwhile; your answers were saved on the latest version",
);
pub const DRAFTS_TITLE: T = T(" 草稿（未提交的表单） ", " Drafts (forms not yet saved) ");
pub const DRAFTS_EMPTY: T = T("没有草稿。", "No drafts.");
pub const DRAFTS_KEYS: T = T(
    "Enter 打开 · Delete 丢弃 · Esc 关闭",
    "Enter open · Delete discard · Esc close",
);
pub const DRAFT_RESTORED: T = T(
    "已恢复草稿（Esc 再次保留草稿）",
    "draft restored (Esc keeps it again)",
);
pub const NO_CASE_LABEL: T = T("（无案件）", "(no case)");

/// Who changed the record and when, in local time.
pub fn changed_by(name: &str, at_local: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name} 于 {at_local} 修改"),
        Lang::En => format!("changed by {name} at {at_local}"),
    }
}

/// Shown on an open form when a refresh brings a changed version of what it started from.
pub fn changed_meanwhile(lang: Lang) -> &'static str {
    lang.pick(
        "他人在你打开此表单后已修改这些内容；按 Ctrl-S 时将并列显示两个版本供你选择",
        "someone else changed this since you opened the form; Ctrl-S will show both versions to choose from",
    )
}

/// The status message after Esc kept a draft.
pub fn draft_kept(key: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已保留草稿（{key} 查看草稿列表）"),
        Lang::En => format!("draft kept ({key} lists drafts)"),
    }
}

pub fn draft_saved_at(at: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("保存于 {at}"),
        Lang::En => format!("saved {at}"),
    }
}
