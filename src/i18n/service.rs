//! The strings of the service and its clients (`culpa serve`, served mode).

use std::path::Path;

use chrono::NaiveDate;

use super::Lang;

pub fn label(socket: &Path) -> String {
    format!("culpa serve @ {}", socket.display())
}

pub fn too_many(lang: Lang) -> String {
    lang.pick(
        "服务当前连接过多；请稍后再试",
        "the service has too many connections; try again in a moment",
    )
    .into()
}

pub fn not_a_socket(path: &Path) -> String {
    format!(
        "{} exists and is not a socket; remove it or choose another `socket` in the config",
        path.display()
    )
}

pub fn already_serving(path: &Path) -> String {
    format!(
        "another culpa service is already listening on {}; stop it first (systemctl stop culpa)",
        path.display()
    )
}

pub fn no_account(account: &str) -> String {
    format!(
        "started as root, but there is no account `{account}` to run as; create it with `culpa admin setup` (or set `account` in the config)"
    )
}

pub fn hello_first(lang: Lang) -> String {
    lang.pick(
        "连接的第一条消息必须是 Hello（协议握手）",
        "the first message on a connection must be Hello (the protocol handshake)",
    )
    .into()
}

pub fn hello_once(lang: Lang) -> String {
    lang.pick(
        "Hello 和 Subscribe 只能作为连接的第一条或最后一条请求",
        "Hello comes only first on a connection, and Subscribe ends the request/answer exchange",
    )
    .into()
}

pub fn bad_hello(e: &str, ours: u32) -> String {
    format!(
        "the handshake could not be read ({e}); this service speaks culpa protocol {ours}: use the culpa installed on the server"
    )
}

pub fn unknown_version(v: u32, ours: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "本服务只支持 culpa 协议第{ours}版，客户端使用的是第{v}版；请使用与服务器相同版本的 culpa"
        ),
        Lang::En => format!(
            "this service speaks culpa protocol {ours} only, the client speaks {v}; use the culpa installed on the server"
        ),
    }
}

pub fn frame_too_large(n: usize, max: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("消息帧长度{n}字节超过上限{max}字节；连接已关闭"),
        Lang::En => format!(
            "a frame of {n} bytes exceeds the limit of {max} bytes; the connection is closed"
        ),
    }
}

pub fn bad_request(e: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("请求无法解析：{e}"),
        Lang::En => format!("the request could not be read: {e}"),
    }
}

pub fn no_passwd_entry(uid: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("uid {uid} 没有系统账户，无法确定你是谁；请管理员为其建立账户"),
        Lang::En => format!(
            "uid {uid} has no account in the system's user database, so the service cannot tell who you are; ask the administrator"
        ),
    }
}

pub fn bad_calendar(i: usize, e: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{}个 --calendar 文件无效：{e}", i + 1),
        Lang::En => format!("--calendar file {} is not valid: {e}", i + 1),
    }
}

pub fn read_only(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "数据库启动时完整性检查未通过（{why}），服务拒绝一切写入；请管理员运行 `culpa admin doctor` 并从备份恢复"
        ),
        Lang::En => format!(
            "the database failed its integrity check at start ({why}); the service refuses every write until an administrator repairs it (`culpa admin doctor`, then restore a backup)"
        ),
    }
}

pub fn today_refused(given: NaiveDate, today: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "服务器上的数据库不接受以 --today {given} 写入：每次写入都以服务器的日期（{today}）为准；去掉 --today 再试"
        ),
        Lang::En => format!(
            "--today {given} is refused for anything that writes to a served database: every write is dated by the service ({today}); run it again without --today"
        ),
    }
}

pub fn no_paths(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "服务不会打开客户端给出的路径（{path}）；文件内容须经连接发送（culpa 会自动这样做）"
        ),
        Lang::En => format!(
            "the service never opens a path a client names ({path}); the file's bytes must be sent over the connection (culpa does this itself)"
        ),
    }
}

pub fn no_upload(id: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("没有编号为{id}的上传（每个上传只能用一次，且只在本连接内有效）"),
        Lang::En => format!(
            "there is no upload {id} on this connection (an upload is used once, on the connection that sent it)"
        ),
    }
}

pub fn upload_too_large(max: u64, lang: Lang) -> String {
    let gib = max / (1024 * 1024 * 1024);
    match lang {
        Lang::Zh => format!("证据文件超过{gib} GiB 上限；请拆分或压缩后再附"),
        Lang::En => {
            format!("the evidence file exceeds the limit of {gib} GiB; split or compress it")
        }
    }
}

/// The client could not reach or keep the service.
pub fn unreachable(socket: &Path, e: &str, lang: Lang) -> String {
    let s = socket.display();
    match lang {
        Lang::Zh => format!(
            "无法连接 culpa 服务（{s}）：{e}。请确认服务在运行（systemctl status culpa），或请管理员运行 `culpa admin doctor`"
        ),
        Lang::En => format!(
            "cannot reach the culpa service at {s}: {e}. Check that it runs (systemctl status culpa) or ask the administrator to run `culpa admin doctor`"
        ),
    }
}

pub fn lost(socket: &Path, e: &str, lang: Lang) -> String {
    let s = socket.display();
    match lang {
        Lang::Zh => format!(
            "与 culpa 服务（{s}）的连接中断：{e}。若这是一次写入，请重新打开后查看它是否已保存"
        ),
        Lang::En => format!(
            "the connection to the culpa service at {s} broke: {e}. If this was a change, reopen and check whether it was saved"
        ),
    }
}

pub fn unexpected(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("服务的回答出乎意料（{what}）；客户端与服务的版本可能不一致"),
        Lang::En => format!(
            "the service answered unexpectedly ({what}); the client and the service may be different versions"
        ),
    }
}

pub fn cannot_read_file(path: &str, e: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取 {path}：{e}"),
        Lang::En => format!("cannot read {path}: {e}"),
    }
}

pub fn init_on_service(lang: Lang) -> String {
    lang.pick(
        "服务器上的数据库由管理员以 `culpa admin setup --admin LOGIN` 建立，不用 `culpa init`；要建立你自己的数据库，请加 --db PATH",
        "a served database is created by the administrator with `culpa admin setup --admin LOGIN`, not `culpa init`; for a database of your own, add --db PATH",
    )
    .into()
}
