//! Strings of the database commands (`init`, `import`, `audit`, `evidence`, `demo`, `apply`),
//! zh-CN and en.

use super::Lang;

pub fn initialised(path: &str, login: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "已创建数据库 {path}；{login} 是其管理员。请用 culpa user add 添加其他人员，或用 culpa import 导入"
        ),
        Lang::En => format!(
            "created {path}; {login} is its administrator. Add people with `culpa user add`, or load a bundle with `culpa import`"
        ),
    }
}

pub fn vault_unlogged(sha: &str, refs: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("{sha}：数据库引用了审计日志从未记录的内容（哈希被绕过 culpa 改指）——{refs}")
        }
        Lang::En => format!(
            "{sha}: the database names content no audit entry recorded (a hash re-pointed outside culpa) — {refs}"
        ),
    }
}

pub fn audit_bad_check(check: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("审计核验未通过（{check}）：{why}"),
        Lang::En => format!("audit verify failed ({check}): {why}"),
    }
}

pub fn no_such_account(login: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "“{login}”不是本机的账户：首位管理员必须是能登录的系统账户。请先创建该账户（useradd），或用 --admin 指定已有账户"
        ),
        Lang::En => format!(
            "\"{login}\" is not an account on this machine: the first admin must be an account that can log in. Create it first (useradd) or name an existing account with --admin"
        ),
    }
}

pub fn demo_is_not_init(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{path} 是演示数据库；culpa init 只创建正式数据库，请换一个 --db 路径"),
        Lang::En => format!(
            "{path} is a demo database; `culpa init` creates real databases only — choose another --db"
        ),
    }
}

pub fn unknown_role(role: &str, all: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("未知角色“{role}”；可用：{all}"),
        Lang::En => format!("unknown role \"{role}\"; use one of: {all}"),
    }
}

pub fn imported(
    cases: usize,
    added: usize,
    matched: usize,
    relations: usize,
    lang: Lang,
) -> String {
    match lang {
        Lang::Zh => format!(
            "已导入 {cases} 件案件；新增人员 {added} 名（{matched} 名已在库中，未重复），新增人员关系 {relations} 条"
        ),
        Lang::En => format!(
            "imported {cases} case(s); {added} new person(s) ({matched} already on file, matched), {relations} new relation(s)"
        ),
    }
}

/// The reason of a `cases[i].number (case N): …` import error.
pub fn case_exists(lang: Lang) -> &'static str {
    lang.pick(
        "数据库中已有同号案件；请改号，或先导出比对",
        "a case with this number is already in the database; renumber it or compare with an export first",
    )
}

pub fn stopped_after(errors: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（发现 {errors} 处错误后停止检查；改正后重试可见其余错误）"),
        Lang::En => format!(
            "(reading stopped after {errors} errors; correct these and retry to see any others)"
        ),
    }
}

pub fn exported(path: &str, cases: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已将 {cases} 件案件导出到 {path}"),
        Lang::En => format!("exported {cases} case(s) to {path}"),
    }
}

pub fn audit_ok(entries: u64, seq: i64, hash: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "审计日志完整：共 {entries} 条。链头：第 {seq} 条，{hash}\n（请把链头另行记录在数据库之外，以便日后核对）"
        ),
        Lang::En => format!(
            "audit log intact: {entries} entries. Head: entry {seq}, {hash}\n(write the head down somewhere outside the database to compare later)"
        ),
    }
}

pub fn audit_bad(seq: i64, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("审计日志第 {seq} 条未通过校验：{why}。日志已被改动，请从备份核对"),
        Lang::En => format!(
            "audit entry {seq} fails verification: {why}. The log was tampered with; compare with a backup"
        ),
    }
}

pub fn audit_log_admin_only(login: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{login} 不能查看整个审计日志：需要管理员（admin）角色；可用 culpa audit log CASE 查看你能打开的案件"
        ),
        Lang::En => format!(
            "{login} may not read the whole audit log: it needs the admin role; `culpa audit log CASE` shows a case you may open"
        ),
    }
}

pub fn no_audit_entries(lang: Lang) -> &'static str {
    lang.pick("没有审计记录。", "No audit entries.")
}

pub fn vault_ok(objects: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("证据库完好：{objects} 个文件均与记录的 SHA-256 一致"),
        Lang::En => format!("vault intact: all {objects} file(s) match their recorded SHA-256"),
    }
}

/// `refs`: where the object is used, e.g. `询问笔录.txt (case 卧应急责〔2026〕7号)`.
pub fn vault_missing(sha: &str, refs: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("缺失：{sha}（{refs}）——证据库中没有该文件，请从备份恢复"),
        Lang::En => {
            format!("missing: {sha} ({refs}) — the vault lacks this file; restore it from a backup")
        }
    }
}

pub fn vault_mismatch(sha: &str, actual: &str, refs: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("已被改动：{sha}（{refs}）——文件内容现在的 SHA-256 为 {actual}，请从备份恢复")
        }
        Lang::En => format!(
            "modified: {sha} ({refs}) — the file now hashes to {actual}; restore it from a backup"
        ),
    }
}

pub fn vault_bad(count: usize, objects: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("证据库 {objects} 个文件中有 {count} 个有问题"),
        Lang::En => format!("{count} of {objects} vault file(s) have a problem"),
    }
}

pub fn in_case(file: &str, case: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("案件 {case} 的 {file}"),
        Lang::En => format!("{file} of case {case}"),
    }
}

pub fn unreferenced(lang: Lang) -> &'static str {
    lang.pick("证据记录引用", "referred to by an evidence record")
}

pub fn demo_refuses_real(path: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{path} 不是演示数据库（{why}）；culpa demo 不会覆盖它。请用 --db 指定另一个路径"
        ),
        Lang::En => format!(
            "{path} is not a demo database ({why}); `culpa demo` never replaces one. Give another path with --db"
        ),
    }
}

pub fn demo_unknown_login(login: &str, logins: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("演示数据中没有账户 {login}；可用：{logins}"),
        Lang::En => format!("the demo has no account {login}; use one of: {logins}"),
    }
}

pub fn demo_created(path: &str, cases: usize, files: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已创建演示数据库 {path}：{cases} 件案件，{files} 个证据文件"),
        Lang::En => {
            format!("created the demo database {path}: {cases} case(s), {files} evidence file(s)")
        }
    }
}

pub fn demo_synthetic(n: usize, secs: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("另加 {n} 件合成案件，用时 {secs:.1} 秒"),
        Lang::En => format!("added {n} synthetic case(s) in {secs:.1} s"),
    }
}

pub fn demo_logins(lang: Lang) -> &'static str {
    lang.pick(
        "可用 --as 登录的账户：",
        "Accounts to open it as (--as LOGIN):",
    )
}

pub fn demo_reopen(command: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("再次打开：{command}"),
        Lang::En => format!("Reopen it with: {command}"),
    }
}

pub fn demo_file_mismatch(name: &str, case: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("演示文件 {name}（案件 {case}）存入证据库后哈希不符；演示数据库未完成"),
        Lang::En => format!(
            "demo file {name} (case {case}) did not hash as recorded once stored; the demo database is incomplete"
        ),
    }
}

pub fn cannot_remove(path: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法删除旧的演示数据 {path}：{err}"),
        Lang::En => format!("cannot remove the old demo data {path}: {err}"),
    }
}

pub fn bad_command(source: &str, err: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{source} 不是有效的命令 JSON：{err}；格式见 culpa apply --help"),
        Lang::En => format!(
            "{source} is not valid command JSON: {err}; see `culpa apply --help` for the shape"
        ),
    }
}

pub fn applied(action: &str, case: Option<&str>, version: i64, lang: Lang) -> String {
    match (case, lang) {
        (Some(c), Lang::Zh) => format!("已执行 {action}：案件 {c}，版本 {version}"),
        (Some(c), Lang::En) => format!("applied {action}: case {c}, version {version}"),
        (None, Lang::Zh) => format!("已执行 {action}"),
        (None, Lang::En) => format!("applied {action}"),
    }
}

/// A refused command of an array: which one, and that the earlier ones stand.
pub fn apply_refused(index: usize, action: &str, msg: &str, lang: Lang) -> String {
    match (index, lang) {
        (0, Lang::Zh) => format!("命令 [0]（{action}）被拒绝：{msg}"),
        (0, Lang::En) => format!("command [0] ({action}) refused: {msg}"),
        (i, Lang::Zh) => format!(
            "命令 [{i}]（{action}）被拒绝：{msg}\n（之前的命令 [0]–[{}] 已执行并保留）",
            i - 1
        ),
        (i, Lang::En) => format!(
            "command [{i}] ({action}) refused: {msg}\n(the commands before it, [0] to [{}], were applied and stand)",
            i - 1
        ),
    }
}

pub fn not_a_terminal(lang: Lang) -> &'static str {
    lang.pick(
        "标准输出不是终端，不打开工作台。",
        "stdout is not a terminal; not opening the workbench.",
    )
}

/// Column headings of `culpa audit log`.
pub fn audit_header(key: &str, lang: Lang) -> &'static str {
    match key {
        "seq" => lang.pick("序号", "Seq"),
        "at" => lang.pick("时间", "At"),
        "actor" => lang.pick("操作人", "Actor"),
        "case" => lang.pick("案件", "Case"),
        "action" => lang.pick("操作", "Action"),
        "detail" => lang.pick("内容", "Detail"),
        _ => "",
    }
}
