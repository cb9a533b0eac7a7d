//! Replay: rebuild the record from the audit log alone, in a fresh in-memory database, by
//! running each entry's command through the same workflow code that first ran it, and
//! compare the result with the live database.
//!
//! The hash chain and its signature say the log is as written; the replay says the tables
//! are what the log says they should be. A row changed with the `sqlite3` shell — a forged
//! decision, a stage moved, an evidence hash re-pointed — leaves the chain intact but makes
//! the live case differ from the replayed one, and the replay names the case and the field.
//!
//! What an entry needs for this is in its detail: the command (serde's externally tagged
//! form) and the `today` it was judged on; for an attachment its hash, size and file name;
//! for an import its people and relations, and each case in its own entry (before issue 10:
//! the whole bundle in one entry, still read); for synthetic demo cases the generator's seed, day and
//! position. The acting person is the entry's actor. The calendar is the built-in one: an
//! entry judged under a `--calendar` file for a year the built-in calendar lacks may be
//! refused on replay, and is then reported as not replayable (with the reason), never
//! passed over.

use chrono::NaiveDate;
use serde_json::Value;

use crate::domain::calendar::Calendar;
use crate::domain::model::{Bundle, Case, Person, Relation};
use crate::store::{Attachment, AuditEntry, Store, StoreError};

use super::import::Importer;
use super::session::{Stored, bootstrap_in, run};
use super::{Command, WorkflowError};

/// Keys the session adds beside the command in an entry's detail.
const EXTRA_KEYS: [&str; 5] = ["number", "sha256", "size", "file_name", "today"];

/// What the replay found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayReport {
    /// Entries replayed.
    pub entries: u64,
    /// Cases compared.
    pub cases: u64,
    /// The first disagreement between the live record and the replayed one.
    pub first: Option<Disagreement>,
}

/// One place where the live record is not what the log says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The case, if the disagreement is in one.
    pub case: Option<String>,
    /// The field (a path into the bundle form of the case, e.g. `decision.text`), or what
    /// could not be replayed.
    pub field: String,
    /// The live value and the replayed value (compact JSON), when there are two to show.
    pub live: Option<String>,
    pub replayed: Option<String>,
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(c) = &self.case {
            write!(f, "case {c}, field {}", self.field)?;
        } else {
            write!(f, "{}", self.field)?;
        }
        if self.live.is_some() || self.replayed.is_some() {
            let nothing = "nothing";
            write!(
                f,
                ": the database holds {}, the audit log gives {}",
                self.live.as_deref().unwrap_or(nothing),
                self.replayed.as_deref().unwrap_or(nothing)
            )?;
        }
        Ok(())
    }
}

fn disagree(
    case: Option<&str>,
    field: String,
    live: Option<&Value>,
    replayed: Option<&Value>,
) -> Disagreement {
    let show = |v: Option<&Value>| v.map(|v| clip(&v.to_string(), 120));
    Disagreement {
        case: case.map(str::to_string),
        field,
        live: show(live),
        replayed: show(replayed),
    }
}

/// Replay the whole log of `live` and compare.
pub fn replay(live: &Store) -> Result<ReplayReport, WorkflowError> {
    let entries = live.read(|tx| tx.audit(None))?;
    let mut scratch = Store::scratch()?;
    let cal = Calendar::builtin();
    let mut report = ReplayReport {
        entries: 0,
        cases: 0,
        first: None,
    };
    for e in &entries {
        report.entries += 1;
        if let Err(why) = apply_entry(&mut scratch, &cal, e) {
            report.first = Some(Disagreement {
                case: e.case.clone(),
                field: format!(
                    "audit entry {} ({}) cannot be replayed: {why}",
                    e.seq, e.action
                ),
                live: None,
                replayed: None,
            });
            return Ok(report);
        }
    }
    compare(live, &scratch, &mut report)?;
    Ok(report)
}

/// The day an entry was judged on: its `today`, else (entries from before `today` was
/// recorded) the UTC date it was written.
fn entry_today(e: &AuditEntry) -> NaiveDate {
    e.detail
        .get("today")
        .and_then(Value::as_str)
        .and_then(|s| s.parse().ok())
        .or_else(|| e.at.get(..10).and_then(|s| s.parse().ok()))
        .unwrap_or_default()
}

fn apply_entry(scratch: &mut Store, cal: &Calendar, e: &AuditEntry) -> Result<(), String> {
    let wf = |err: WorkflowError| format!("{err:?}");
    match e.action.as_str() {
        "bootstrap" => {
            let admin: Person =
                serde_json::from_value(e.detail.clone()).map_err(|x| x.to_string())?;
            scratch.write(|tx| bootstrap_in(tx, &admin)).map_err(wf)
        }
        "import" => import_entry(scratch, cal, e),
        "attach_file" => {
            let stored = stored(&e.detail).ok_or("the entry does not name the file")?;
            let mut a = Attachment::new(
                e.case.as_deref().unwrap_or_default(),
                &stored.sha256,
                stored.size,
                &stored.file_name,
                &e.actor,
            );
            a.at = e.at.clone();
            scratch
                .write(|tx| tx.record_attachment(&a))
                .map_err(|x: StoreError| x.to_string())
        }
        "demo_synthetic" => synthetic(scratch, e),
        _ => {
            let mut body = e.detail.clone();
            if let Some(map) = body.as_object_mut() {
                for k in EXTRA_KEYS {
                    map.remove(k);
                }
            }
            let mut cmd: Command = serde_json::from_value(body).map_err(|x| x.to_string())?;
            // An intake that was given the next number gets the same one again.
            if let Command::Intake { number, .. } = &mut cmd
                && number.is_none()
            {
                *number = e
                    .detail
                    .get("number")
                    .and_then(Value::as_str)
                    .map(str::to_string);
            }
            let stored = stored(&e.detail);
            let today = entry_today(e);
            scratch
                .write(|tx| run(tx, &e.actor, cal, today, &cmd, stored.as_ref()))
                .map(|_| ())
                .map_err(wf)
        }
    }
}

/// An import's entry (see `import.rs`): its people and relations, or one case, run through
/// the import's own steps; or, written before issue 10, the whole bundle in the first entry
/// (then the entries of its cases only mark them).
fn import_entry(scratch: &mut Store, cal: &Calendar, e: &AuditEntry) -> Result<(), String> {
    let wf = |err: WorkflowError| format!("{err:?}");
    let d = &e.detail;
    let today = entry_today(e);
    let json = |x: serde_json::Error| x.to_string();
    if e.case.is_some() {
        let Some(case) = d.get("case") else {
            return Ok(());
        };
        let case: Case = serde_json::from_value(case.clone()).map_err(json)?;
        let index = d.get("index").and_then(Value::as_u64).unwrap_or(0) as usize;
        return scratch
            .write(|tx| {
                // One case: the triggers keep the derived tables as it is written.
                let mut imp = Importer::begin(tx, &e.actor, cal, today, false, false)?;
                imp.case(index, Ok(&case), None)?;
                imp.finish()
            })
            .map(|_| ())
            .map_err(wf);
    }
    if let Some(bundle) = d.get("bundle") {
        let bundle: Bundle = serde_json::from_value(bundle.clone()).map_err(json)?;
        return scratch
            .write(|tx| super::import::import_whole(tx, &e.actor, cal, &bundle, today))
            .map(|_| ())
            .map_err(wf);
    }
    let (Some(people), Some(relations)) = (d.get("people"), d.get("relations_added")) else {
        return Err("the entry does not hold its bundle (written by an older culpa)".into());
    };
    let people: Vec<Person> = serde_json::from_value(people.clone()).map_err(json)?;
    let relations: Vec<Relation> = serde_json::from_value(relations.clone()).map_err(json)?;
    scratch
        .write(|tx| {
            let mut imp = Importer::begin(tx, &e.actor, cal, today, false, false)?;
            imp.head(people.clone(), relations.clone())?;
            imp.finish()
        })
        .map(|_| ())
        .map_err(wf)
}

/// The vault file an entry recorded, if it names one.
fn stored(detail: &Value) -> Option<Stored> {
    Some(Stored {
        sha256: detail.get("sha256")?.as_str()?.to_string(),
        size: detail.get("size")?.as_u64()?,
        file_name: detail.get("file_name")?.as_str()?.to_string(),
    })
}

/// A batch of synthetic demo cases, generated again from its seed, day and position.
fn synthetic(scratch: &mut Store, e: &AuditEntry) -> Result<(), String> {
    let d = &e.detail;
    let (Some(seed), Some(offset), Some(count)) = (
        d.get("seed").and_then(Value::as_u64),
        d.get("offset").and_then(Value::as_u64),
        d.get("count").and_then(Value::as_u64),
    ) else {
        return Err("the entry does not hold the generator's seed and position".into());
    };
    let today = entry_today(e);
    let demo = crate::demo::demo(today);
    let cases: Vec<_> = crate::demo::synthetic_with(
        (offset + count) as usize,
        seed,
        today,
        &demo.bundle.people,
        &demo.bundle.relations,
    )
    .skip(offset as usize)
    .collect();
    scratch
        .write(|tx| tx.insert_cases(&cases).map(|_| ()))
        .map_err(|x: StoreError| x.to_string())
}

/// The first difference between two JSON values, as a path (`a.b[2].c`) and both sides.
fn first_diff<'a>(
    path: &str,
    a: Option<&'a Value>,
    b: Option<&'a Value>,
) -> Option<(String, Option<&'a Value>, Option<&'a Value>)> {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for (k, v) in x {
                if let Some(d) = first_diff(&join(k), Some(v), y.get(k)) {
                    return Some(d);
                }
            }
            y.iter()
                .find(|(k, v)| !x.contains_key(*k) && !v.is_null())
                .map(|(k, v)| (join(k), None, Some(v)))
        }
        (Some(Value::Array(x)), Some(Value::Array(y))) => {
            for i in 0..x.len().max(y.len()) {
                if let Some(d) = first_diff(&format!("{path}[{i}]"), x.get(i), y.get(i)) {
                    return Some(d);
                }
            }
            None
        }
        (x, y) if x == y => None,
        // A null and an absent key say the same.
        (Some(Value::Null), None) | (None, Some(Value::Null)) => None,
        (x, y) => Some((path.to_string(), x, y)),
    }
}

fn compare(live: &Store, replayed: &Store, report: &mut ReplayReport) -> Result<(), WorkflowError> {
    let snapshot = |s: &Store| {
        s.read(|tx| {
            let mut people = tx.people()?;
            people.sort_by(|a, b| a.login.cmp(&b.login));
            let attachments: Vec<Value> = tx
                .attachments(None)?
                .into_iter()
                .map(|a| {
                    serde_json::json!({"case": a.case, "sha256": a.sha256, "size": a.size,
                        "file_name": a.file_name, "by": a.by})
                })
                .collect();
            Ok((people, tx.relations()?, tx.cases()?, attachments))
        })
    };
    let (lp, lr, lc, la) = snapshot(live)?;
    let (rp, rr, rc, ra) = snapshot(replayed)?;
    // People by login, so the disagreement names the person.
    let logins: std::collections::BTreeSet<&str> =
        lp.iter().chain(&rp).map(|p| p.login.as_str()).collect();
    for login in logins {
        let find = |v: &[Person]| v.iter().find(|p| p.login == login).map(to);
        let (l, r) = (find(&lp), find(&rp));
        if let Some((field, a, b)) = first_diff("", l.as_ref(), r.as_ref()) {
            let field = if field.is_empty() {
                "(the whole person)".into()
            } else {
                field
            };
            report.first = Some(disagree(
                None,
                format!("person {login}, field {field}"),
                a,
                b,
            ));
            return Ok(());
        }
    }
    let relations = (to(&lr), to(&rr));
    if let Some((field, l, r)) = first_diff("relations", Some(&relations.0), Some(&relations.1)) {
        report.first = Some(disagree(None, field, l, r));
        return Ok(());
    }
    let replayed_cases: std::collections::HashMap<&str, _> =
        rc.iter().map(|r| (r.case.number.as_str(), r)).collect();
    for l in &lc {
        report.cases += 1;
        let number = l.case.number.as_str();
        let Some(r) = replayed_cases.get(number) else {
            report.first = Some(disagree(
                Some(number),
                "(the whole case): no audit entry created it".into(),
                None,
                None,
            ));
            return Ok(());
        };
        let (lv, rv) = (to(&l.case), to(&r.case));
        if let Some((field, a, b)) = first_diff("", Some(&lv), Some(&rv)) {
            report.first = Some(disagree(Some(number), field, a, b));
            return Ok(());
        }
        if l.version != r.version {
            report.first = Some(disagree(
                Some(number),
                "version".into(),
                Some(&l.version.into()),
                Some(&r.version.into()),
            ));
            return Ok(());
        }
    }
    // A set, not a scan of the live cases per replayed one (quadratic: hours at 100,000).
    let live_numbers: std::collections::HashSet<&str> =
        lc.iter().map(|l| l.case.number.as_str()).collect();
    if let Some(r) = rc
        .iter()
        .find(|r| !live_numbers.contains(r.case.number.as_str()))
    {
        report.first = Some(disagree(
            Some(&r.case.number),
            "(the whole case): the audit log created it, the database no longer holds it".into(),
            None,
            None,
        ));
        return Ok(());
    }
    let (la, ra) = (Value::Array(la), Value::Array(ra));
    if let Some((field, l, r)) = first_diff("attachments", Some(&la), Some(&ra)) {
        report.first = Some(disagree(None, field, l, r));
    }
    Ok(())
}

/// Serialize anything to a JSON value for comparison.
fn to<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or_default()
}

/// At most `max` characters of `s`, with an ellipsis if cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_difference_is_named_by_its_path() {
        let a = json!({"stage": "closed", "team": {"members": ["a", "b"]}});
        let b = json!({"stage": "closed", "team": {"members": ["a", "c"]}});
        let (path, l, r) = first_diff("", Some(&a), Some(&b)).unwrap();
        assert_eq!(path, "team.members[1]");
        assert_eq!((l, r), (Some(&json!("b")), Some(&json!("c"))));
        assert!(first_diff("", Some(&a), Some(&a)).is_none());
        let c = json!({"stage": "closed", "team": {"members": ["a", "b"]}, "x": null});
        assert!(
            first_diff("", Some(&a), Some(&c)).is_none(),
            "null = absent"
        );
    }
}
