//! Strict reading of the JSON text: every error carries the JSON path in the form
//! bundle-v1.md uses (`cases[2].team.members[1]`) and, inside a case, the case number.

use serde_json::Value;
use serde_path_to_error::Segment;

use super::BundleError;
use crate::domain::model::{AppealOutcome, BUNDLE_FORMAT, BUNDLE_FORMAT_V1, Case};

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Step {
    Key(String),
    Index(usize),
}

pub(super) fn steps(path: &serde_path_to_error::Path) -> Vec<Step> {
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone())),
            // Enum variants are not keys in the document (our enums are tagged by value).
            Segment::Enum { .. } => None,
            Segment::Unknown => Some(Step::Key("?".to_string())),
        })
        .collect()
}

/// `cases[2].team.members[1]`; the empty path is the document itself.
pub(super) fn render(steps: &[Step]) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        out.push_str("(document)");
    }
    out
}

fn value_at<'a>(root: &'a Value, steps: &[Step]) -> Option<&'a Value> {
    steps.iter().try_fold(root, |v, s| match s {
        Step::Key(k) => v.get(k),
        Step::Index(i) => v.get(i),
    })
}

/// serde_json appends " at line L column C"; we place the position ourselves.
pub(super) fn bare_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_string()
}

/// The text between the first pair of backticks after `prefix`.
fn quoted_after<'a>(msg: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = msg.strip_prefix(prefix)?;
    let end = rest.find('`')?;
    Some(&rest[..end])
}

/// The `expected …` tail of a serde message, without backticks.
fn expected_list(msg: &str) -> Option<String> {
    let (_, tail) = msg.split_once(", expected ")?;
    Some(tail.replace('`', ""))
}

/// chrono's parse errors, which is what a malformed date string produces.
const CHRONO_ERRORS: [&str; 7] = [
    "input is out of range",
    "no possible date and time matching input",
    "input is not enough for unique date and time",
    "input contains invalid characters",
    "premature end of input",
    "trailing input",
    "bad or unsupported format string",
];

/// A serde message in the bundle's words. `raw` is the value the path's steps from `skip` on
/// lead into (a case, or the people), for showing a bad date's text.
pub(super) fn explain(
    msg: &str,
    steps: &mut Vec<Step>,
    raw: Option<&Value>,
    skip: usize,
) -> String {
    if let Some(field) = quoted_after(msg, "unknown field `") {
        if steps.last() != Some(&Step::Key(field.to_string())) {
            steps.push(Step::Key(field.to_string()));
        }
        return match expected_list(msg) {
            Some(list) => format!(
                "unknown field \"{field}\"; remove it or correct its spelling (expected {list})"
            ),
            None => format!("unknown field \"{field}\"; remove it (this object has no fields)"),
        };
    }
    if let Some(field) = quoted_after(msg, "missing field `") {
        steps.push(Step::Key(field.to_string()));
        return "required field is missing; add it (null or [] where it does not apply yet)"
            .to_string();
    }
    if let Some(value) = quoted_after(msg, "unknown variant `") {
        let list = expected_list(msg).unwrap_or_default();
        // The tag of an internally tagged enum: the path may or may not reach the key.
        let at_rule = matches!(steps.as_slice(),
            [.., Step::Key(r), Step::Index(_), Step::Key(t)] if r == "rules" && t == "rule");
        let in_rules =
            matches!(steps.as_slice(), [.., Step::Key(k), Step::Index(_)] if k == "rules");
        if at_rule || in_rules {
            if in_rules {
                steps.push(Step::Key("rule".to_string()));
            }
            return format!("unknown rule code \"{value}\" (expected {list})");
        }
        if value == "8.3" {
            return "8.3 (two or more faults within one year) is computed from decided cases, never entered; remove it".to_string();
        }
        return format!("unknown value \"{value}\" (expected {list})");
    }
    if CHRONO_ERRORS.contains(&msg) {
        let shown = value_at_opt(raw, steps.get(skip..).unwrap_or_default())
            .map_or_else(String::new, |v| format!(" {v}"));
        return format!("invalid date{shown}; write dates as YYYY-MM-DD, e.g. 2026-10-01");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return format!("wrong type: {rest}");
    }
    msg.to_string()
}

fn value_at_opt(raw: Option<&Value>, steps: &[Step]) -> Option<String> {
    raw.and_then(|r| value_at(r, steps)).map(Value::to_string)
}

/// Which version a document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1,
    V2,
}

/// Check the tag before anything else: a file of another format or version would otherwise
/// fail on its first unfamiliar field, which misleads. `tag` is the value of `format`, None
/// when the document has none.
pub(super) fn check_format(tag: Option<&Value>) -> Result<Version, BundleError> {
    let reason = match tag {
        Some(Value::String(s)) if s == BUNDLE_FORMAT => return Ok(Version::V2),
        Some(Value::String(s)) if s == BUNDLE_FORMAT_V1 => return Ok(Version::V1),
        Some(Value::String(s)) => format!(
            "unsupported format \"{s}\"; this version of culpa reads \"{BUNDLE_FORMAT}\" and \"{BUNDLE_FORMAT_V1}\""
        ),
        Some(other) => format!("must be the string \"{BUNDLE_FORMAT}\", not {other}"),
        None => format!(
            "missing; this is not a culpa bundle (it must start {{\"format\": \"{BUNDLE_FORMAT}\", …}})"
        ),
    };
    Err(BundleError::new("format", None, reason))
}

/// The refusal of a document that is not a JSON object at all.
pub(super) fn not_an_object() -> BundleError {
    BundleError::new(
        "format",
        None,
        format!(
            "the document is not a JSON object; a bundle is {{\"format\": \"{BUNDLE_FORMAT}\", \"people\": […], \"relations\": […], \"cases\": […]}}"
        ),
    )
}

/// The fields `/2` added, by where they sit in a case.
pub(super) const V2_FINDINGS_FIELDS: [&str; 1] = ["culpability"];
pub(super) const V2_APPEAL_FIELDS: [&str; 2] = ["outcome", "changed_to"];

/// What typed parsing cannot see: in `/2`, `findings.culpability` is required (the model
/// defaults it so that `/1` reads); in `/1`, the fields `/2` added are unknown. `case` is the
/// raw case at `cases[i]`.
pub(super) fn version_fields(case: &Value, i: usize, version: Version) -> Result<(), BundleError> {
    let number = case.get("number").and_then(Value::as_str);
    if let Some(f) = case.get("findings").and_then(Value::as_object) {
        for field in V2_FINDINGS_FIELDS {
            match (version, f.contains_key(field)) {
                (Version::V2, false) => {
                    return Err(BundleError::new(
                        format!("cases[{i}].findings.{field}"),
                        number,
                        "required field is missing; add it ({} where no one's state of mind is recorded yet; Art. 2 ¶2)",
                    ));
                }
                (Version::V1, true) => {
                    return Err(v1_unknown(
                        format!("cases[{i}].findings.{field}"),
                        number,
                        field,
                    ));
                }
                _ => {}
            }
        }
    }
    let appeals = case.get("appeals").and_then(Value::as_array);
    for (k, a) in appeals.into_iter().flatten().enumerate() {
        for field in V2_APPEAL_FIELDS {
            if version == Version::V1 && a.get(field).is_some() {
                return Err(v1_unknown(
                    format!("cases[{i}].appeals[{k}].{field}"),
                    number,
                    field,
                ));
            }
        }
    }
    Ok(())
}

fn v1_unknown(path: String, number: Option<&str>, field: &str) -> BundleError {
    BundleError::new(
        path,
        number,
        format!(
            "unknown field \"{field}\" in a \"{BUNDLE_FORMAT_V1}\" file; it belongs to \"{BUNDLE_FORMAT}\": change the format tag, or remove the field"
        ),
    )
}

/// bundle-v2.md: a `/1` case is read as a `/2` case whose `findings.culpability` is `{}`
/// (the model's default) and whose decided appeals have no outcome, treated as `upheld`.
pub(super) fn map_v1(case: &mut Case) {
    for a in &mut case.appeals {
        if a.decided_on.is_some() && a.outcome.is_none() {
            a.outcome = Some(AppealOutcome::Upheld);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_in_the_bundle_form() {
        let s = [
            Step::Key("cases".into()),
            Step::Index(2),
            Step::Key("team".into()),
            Step::Key("members".into()),
            Step::Index(1),
        ];
        assert_eq!(render(&s), "cases[2].team.members[1]");
        assert_eq!(render(&[]), "(document)");
    }

    #[test]
    fn backtick_helpers() {
        let m = "unknown field `membres`, expected one of `appointed_on`, `members`";
        assert_eq!(quoted_after(m, "unknown field `"), Some("membres"));
        assert_eq!(
            expected_list(m).as_deref(),
            Some("one of appointed_on, members")
        );
    }
}
