//! `culpa apply [FILE|-]`: run workflow commands given as JSON — for scripts and stress tests.
//!
//! # The JSON shape
//!
//! The input is ONE command or an ARRAY of commands. A command is
//! [`crate::workflow::Command`] in serde's default, externally tagged form: an object with
//! exactly one key, the variant's name, holding the variant's fields (a newtype variant —
//! `AddRelation`, `UpsertPerson` — holds the bundle-format object itself). The same shape is
//! what `Command` serializes to: the audit log's detail of each command (where the workflow
//! adds a top-level `number` for an intake and `sha256` for an attached file). Dates are `YYYY-MM-DD`, people are
//! logins, the nested records (`Interview`, `Findings`, `Decision`, …) are exactly as in
//! bundle-v1.md; unknown fields are errors; an `Option` field of the command itself (e.g.
//! `Accept.reason`, `Intake.number`) may be omitted.
//!
//! ```json
//! {"RecordInterview": {"case": "卧应急责〔2026〕7号",
//!   "interview": {"on": "2026-10-14", "kind": "statement_defence", "interviewee": "sunq",
//!                 "interviewers": ["wangl", "zhaom"], "transcript": "……", "signed": true}}}
//! ```
//!
//! ```json
//! [{"Accept": {"case": "卧应急责〔2026〕9号", "on": "2026-10-09", "reason": "有事实依据"}},
//!  {"Notify": {"case": "卧应急责〔2026〕9号", "on": "2026-10-10"}},
//!  {"SetFindings": {"case": "…", "findings": {…}, "expected_version": 4}}]
//! ```
//!
//! Each command runs exactly as the workbench runs it (identity, role, stage, rules; one
//! transaction; one audit entry), with `--today` as today. In an array the commands run in
//! order, each in its own transaction; the first refusal stops the run (exit 1, naming its
//! index and the workflow's message) and the commands before it stand.
//!
//! Output: one line per command; with `--json`, `{"case": NUMBER|null, "version": N}` per
//! command — an object for one command, an array for an array (printed only if all ran).

use std::path::Path;

use serde_json::{Value, json};

use super::open::wf;
use super::{Ctx, Failure, out, out_json, read_text};
use crate::domain::Directory;
use crate::i18n::cli_db as td;
use crate::ui::backend::Backend;
use crate::workflow::{Applied, Command};

/// Parse the input: one command or an array of them. Errors name the JSON path
/// (`[1].Accept.on: …`).
pub fn parse_commands(text: &str) -> Result<(Vec<Command>, bool), String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let one = |v: Value, at: String| -> Result<Command, String> {
        serde_path_to_error::deserialize(v).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            match (at.is_empty(), path.as_str()) {
                (true, ".") => inner.to_string(),
                (true, p) => format!("{p}: {inner}"),
                (false, ".") => format!("{at}: {inner}"),
                (false, p) => format!("{at}.{p}: {inner}"),
            }
        })
    };
    match value {
        Value::Array(items) => {
            let cmds = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| one(v, format!("[{i}]")))
                .collect::<Result<Vec<_>, _>>()?;
            Ok((cmds, true))
        }
        v => Ok((vec![one(v, String::new())?], false)),
    }
}

fn applied_json(a: &Applied) -> Value {
    json!({"case": a.case, "version": a.version})
}

pub fn apply(
    ctx: &Ctx,
    session: &mut dyn Backend,
    dir: &Directory,
    file: Option<&Path>,
) -> Result<(), Failure> {
    let (source, text) = match file {
        Some(p) if p != Path::new("-") => (p.display().to_string(), read_text(p, ctx.lang)?),
        _ => {
            let s = super::input::read_bounded(
                std::io::stdin().lock(),
                "stdin",
                super::input::BUNDLE_LIMIT,
                ctx.lang,
            )?;
            ("stdin".to_string(), s)
        }
    };
    let (commands, array) =
        parse_commands(&text).map_err(|e| Failure(td::bad_command(&source, &e, ctx.lang)))?;
    let mut results = Vec::new();
    for (i, cmd) in commands.into_iter().enumerate() {
        let action = cmd.action();
        match session.execute(cmd, ctx.today) {
            Ok(a) => {
                if !ctx.json {
                    out(&td::applied(action, a.case.as_deref(), a.version, ctx.lang));
                }
                results.push(a);
            }
            Err(e) => {
                ctx.warn(&session.uncovered());
                // The directory may have changed (UpsertPerson); the message names people.
                let dir = session.directory().unwrap_or_else(|_| dir.clone());
                let msg = wf(e, &dir, ctx).0;
                return Err(Failure(if array {
                    td::apply_refused(i, action, &msg, ctx.lang)
                } else {
                    msg
                }));
            }
        }
    }
    ctx.warn(&session.uncovered());
    if ctx.json {
        match (array, results.first()) {
            (false, Some(a)) => out_json(&applied_json(a)),
            _ => out_json(&results.iter().map(applied_json).collect()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_command_or_an_array() {
        let (one, array) =
            parse_commands(r#"{"Notify": {"case": "N", "on": "2026-10-10"}}"#).expect("parses");
        assert!(!array);
        assert_eq!(
            one,
            vec![Command::Notify {
                case: "N".into(),
                on: chrono::NaiveDate::from_ymd_opt(2026, 10, 10).expect("date"),
            }]
        );
        let (two, array) = parse_commands(
            r#"[{"Notify": {"case": "N", "on": "2026-10-10"}},
                {"Accept": {"case": "N", "on": "2026-10-09"}}]"#,
        )
        .expect("parses");
        assert!(array);
        assert_eq!(two.len(), 2);
        assert_eq!(two[1].action(), "accept");
    }

    #[test]
    fn serialize_and_deserialize_agree() {
        let cmd = Command::Reject {
            case: "卧应急责〔2026〕9号".into(),
            on: chrono::NaiveDate::from_ymd_opt(2026, 10, 9).expect("date"),
            reason: "无事实依据".into(),
        };
        let text = serde_json::to_string(&cmd).expect("serializes");
        assert!(text.starts_with(r#"{"Reject":{"case":"#), "{text}");
        assert_eq!(parse_commands(&text).expect("parses").0, vec![cmd]);
    }

    #[test]
    fn errors_name_the_path() {
        // (input, expected start of the error)
        let rows = [
            (
                r#"{"Notify": {"case": "N", "on": "10/10/2026"}}"#,
                "Notify.on: ",
            ),
            (
                r#"{"Notify": {"case": "N", "on": "2026-10-10", "x": 1}}"#,
                "Notify.x: unknown field `x`",
            ),
            (
                r#"[{"Notify": {"case": "N", "on": "2026-10-10"}}, {"Nope": {}}]"#,
                "[1]: unknown variant `Nope`",
            ),
            (r#"{"Notify": {"case": "N"}}"#, "Notify: missing field `on`"),
            ("not json", "expected ident"),
        ];
        for (input, expected) in rows {
            let e = parse_commands(input).expect_err(input);
            assert!(e.starts_with(expected), "{input}: {e}");
        }
    }
}
