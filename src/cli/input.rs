//! Reading the files a user names (bundles, command files, calendar files, stdin): bounded,
//! so that `--calendar /dev/zero` or a runaway pipe ends with a message instead of filling
//! the memory; UTF-8, with a leading byte-order mark accepted (Windows editors write one).

use std::io::Read;
use std::path::Path;

use super::Failure;
use crate::i18n::Lang;
use crate::i18n::cli as t;

/// A bundle or a command file: generous (a bureau's whole record), but bounded.
pub const BUNDLE_LIMIT: u64 = 256 * 1024 * 1024;
/// A calendar file: one year's notice is a few kilobytes.
pub const CALENDAR_LIMIT: u64 = 1024 * 1024;

/// `limit`, unless `CULPA_MAX_INPUT_BYTES` names a smaller one (for tests and for servers
/// that want a tighter bound).
fn effective(limit: u64) -> u64 {
    std::env::var("CULPA_MAX_INPUT_BYTES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(limit, |v| v.min(limit))
}

/// Read at most `limit` bytes of `from` (named `name` in messages) as UTF-8 text.
pub fn read_bounded(
    from: impl Read,
    name: &str,
    limit: u64,
    lang: Lang,
) -> Result<String, Failure> {
    let limit = effective(limit);
    let mut bytes = Vec::new();
    from.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure(t::cannot_read(name, &e.to_string(), lang)))?;
    if bytes.len() as u64 > limit {
        return Err(Failure(too_large(name, limit, lang)));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        Failure(t::cannot_read(
            name,
            &match lang {
                Lang::Zh => format!("第 {} 字节起不是 UTF-8 文本", e.utf8_error().valid_up_to()),
                Lang::En => format!(
                    "not UTF-8 text from byte {} on; save it as UTF-8",
                    e.utf8_error().valid_up_to()
                ),
            },
            lang,
        ))
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// [`read_bounded`] of the file at `path`. A regular file larger than the limit is refused
/// before anything is read.
pub fn read_file(path: &Path, limit: u64, lang: Lang) -> Result<String, Failure> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Failure(t::cannot_read(&name, &e.to_string(), lang)))?;
    if let Ok(m) = file.metadata()
        && m.is_file()
        && m.len() > effective(limit)
    {
        return Err(Failure(too_large(&name, effective(limit), lang)));
    }
    read_bounded(file, &name, limit, lang)
}

/// The limit `CULPA_MAX_INPUT_BYTES` sets, if it does. A streamed import has no limit of its
/// own on the whole file (issue 10); this one still holds where a server wants it.
pub fn configured_limit() -> Option<u64> {
    std::env::var("CULPA_MAX_INPUT_BYTES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
}

pub fn too_large(name: &str, limit: u64, lang: Lang) -> String {
    let size = if limit >= 1024 * 1024 {
        format!("{} MiB", limit / (1024 * 1024))
    } else {
        format!("{limit} bytes")
    };
    match lang {
        Lang::Zh => format!(
            "{name} 超过 {size} 的上限，未读取；请检查是否选错了文件（大批量数据请分批导入）"
        ),
        Lang::En => format!(
            "{name} is larger than the limit of {size}, so it was not read; check that it is the file you meant (split a very large bundle)"
        ),
    }
}
