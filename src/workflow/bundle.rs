//! Import and export of `culpa.bundle/1` (bundle-v1.md) through the session, so that an
//! import passes the same rules as the app and is audited like any other change.
//!
//! Round trip: export lists people sorted by login and relations and cases in the order
//! recorded; import records them in bundle order. So export → import into a fresh database
//! (whose bootstrap admin is one of the bundle's people, as in a backup of the bureau's own
//! database) → export gives the same bundle.

use chrono::NaiveDate;
use std::collections::BTreeSet;

use crate::domain::Directory;
use crate::domain::model::{BUNDLE_FORMAT, Bundle, Case, Person, Relation, Role, RuleFinding};

use super::import::ImportSummary;
use super::{Refusal, Session, WorkflowError, access};

/// SQLite's page cache while an import's one transaction runs (see `import_file`): the
/// import's memory target is 256 MiB at 100,000 cases (issue 10). Since SQLite's memory
/// comes from mimalloc (`store::alloc`), a cached page costs more than its size (the 100,000
/// case import peaked at 300 MiB with 160 MiB of cache, 232–249 MiB with 112, 212–214 MiB
/// with this; no slower).
const IMPORT_CACHE_MIB: u32 = 96;

/// SQLite's own default cache (2,000 KiB), restored after an import.
const DEFAULT_CACHE_MIB: u32 = 2;

impl Session {
    /// Import `bundle` all-or-nothing in one transaction (admin only). People are matched by
    /// login (a differing name, unit or roles is refused, naming the login); relations
    /// already on file are not duplicated; no case number may exist already; and every
    /// case passes `validate_bundle` against the database's people plus the bundle's —
    /// import never bypasses the rules.
    /// `today` is the day of import: no date in the bundle may be later. The bundle is
    /// already in memory; [`Session::import_file`] reads one case by case.
    pub fn import_bundle(
        &mut self,
        bundle: &Bundle,
        today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        let login = self.actor.login.clone();
        let cal = self.calendar().clone();
        let (summary, actor) = self.store.write(|tx| {
            // Refusals, as this door has always answered them (the streamed import names
            // the bundle's path instead).
            let refuse = |case: Option<&str>, refusal| WorkflowError::Refused {
                case: case.map(str::to_string),
                action: super::import::ACTION,
                refusal,
            };
            let dir = tx.directory()?;
            let actor = super::identity::resolve(&dir, &login)?;
            access::require_role(&actor, Role::Admin, super::import::ACTION)?;
            for p in &bundle.people {
                if let Some(q) = dir.person(&p.login)
                    && !super::import::same_person(p, q)
                {
                    return Err(refuse(None, Refusal::PersonDiffers(p.login.clone())));
                }
            }
            for c in &bundle.cases {
                if tx.case_id(&c.number)?.is_some() {
                    return Err(refuse(
                        Some(&c.number),
                        Refusal::CaseExists(c.number.clone()),
                    ));
                }
            }
            super::import::import_whole(tx, &login, &cal, bundle, today)
        })?;
        self.actor = actor;
        Ok(summary)
    }

    /// Import the bundle in `file` (named `name` in messages) case by case, all or nothing
    /// in ONE transaction (issue 10; see `import.rs`): memory holds one case, not the file.
    /// `file` must be seekable (a regular file): a bundle whose cases come before its people
    /// is read twice. Errors name the bundle's paths (`WorkflowError::Invalid`).
    pub fn import_file(
        &mut self,
        file: &std::fs::File,
        name: &std::path::Path,
        today: NaiveDate,
    ) -> Result<ImportSummary, WorkflowError> {
        let login = self.actor.login.clone();
        let cal = self.calendar().clone();
        // One transaction writes every case and its indexes: with SQLite's default 2 MiB
        // of cache, pages spill to the WAL and are written there again and again (issue
        // 10: a 100,000-case import spent a third of its time in the kernel). The cache is
        // bounded so that the import stays within its memory target, and given back after.
        self.store.set_cache_mib(IMPORT_CACHE_MIB)?;
        let done = self
            .store
            .write(|tx| super::import::import_stream(tx, &login, &cal, &mut &*file, name, today));
        self.store.set_cache_mib(DEFAULT_CACHE_MIB)?;
        let (summary, actor) = done?;
        self.actor = actor;
        Ok(summary)
    }

    /// The named cases (all the actor may open when `cases` is empty) as a bundle. With
    /// every case: every person and relation on file (a full backup). With chosen cases:
    /// the people they refer to, the relations touching those people, and the other ends
    /// of those relations. People are sorted by login.
    pub fn export_bundle(&self, cases: &[String]) -> Result<Bundle, WorkflowError> {
        let dir = self.directory()?;
        let chosen: Vec<Case> = if cases.is_empty() {
            self.cases()?.into_iter().map(|r| r.case).collect()
        } else {
            cases
                .iter()
                .map(|n| self.case(n).map(|r| r.case))
                .collect::<Result<_, _>>()?
        };
        let (people, relations) = if cases.is_empty() {
            let mut people: Vec<Person> = dir.people().cloned().collect();
            people.sort_by(|a, b| a.login.cmp(&b.login));
            (people, dir.relations().to_vec())
        } else {
            referenced(&dir, &chosen)
        };
        Ok(Bundle {
            format: BUNDLE_FORMAT.to_string(),
            people,
            relations,
            cases: chosen,
        })
    }
}

impl Session {
    /// Every case the actor may open, with every person and relation on file, written to
    /// `out` exactly as `serde_json::to_string_pretty(&export_bundle(&[]))` and a newline
    /// would be — byte for byte — but case by case (issue 10): the register is walked in
    /// slices of ids inside ONE read transaction (a consistent snapshot, as a backup must
    /// be), so memory holds one slice, never every case. Returns how many cases it wrote.
    /// A write error on `out` comes back as `StoreError::Io` naming `out_name`.
    pub fn export_all_to(
        &self,
        out: &mut dyn std::io::Write,
        out_name: &std::path::Path,
    ) -> Result<usize, WorkflowError> {
        use crate::store::StoreError;
        let login = self.actor.login.clone();
        let io = |e: std::io::Error| StoreError::Io {
            path: out_name.to_path_buf(),
            source: e,
        };
        let json = |e: serde_json::Error| StoreError::Corrupt(format!("export: {e}"));
        let written = self.store.read(|tx| {
            let dir = tx.directory()?;
            let Some(actor) = dir.person(&login).cloned() else {
                return Ok(None);
            };
            let mut people: Vec<Person> = dir.people().cloned().collect();
            people.sort_by(|a, b| a.login.cmp(&b.login));
            let head = Bundle {
                format: BUNDLE_FORMAT.to_string(),
                people,
                relations: dir.relations().to_vec(),
                cases: Vec::new(),
            };
            let text = serde_json::to_string_pretty(&head).map_err(json)?;
            // `cases` is the last field: its empty list closes the document.
            let prefix = text.strip_suffix("[]\n}").ok_or_else(|| {
                StoreError::Corrupt("export: the bundle no longer ends with its cases".into())
            })?;
            out.write_all(prefix.as_bytes()).map_err(io)?;
            let mut n = 0usize;
            let last = tx.max_case_id()?;
            let mut after = 0;
            while after < last {
                let upto = after.saturating_add(crate::store::REBUILD_SLICE);
                for rec in tx.cases_in_id_range(after, upto)? {
                    if access::may_open(&actor, &rec.case).is_err() {
                        continue;
                    }
                    out.write_all(if n == 0 { b"[\n" } else { b",\n" })
                        .map_err(io)?;
                    let case = serde_json::to_string_pretty(&rec.case).map_err(json)?;
                    // Pretty JSON never has a raw newline inside a string: every line of
                    // the case moves in by the two levels it sits at in the bundle.
                    for (i, line) in case.split('\n').enumerate() {
                        if i > 0 {
                            out.write_all(b"\n").map_err(io)?;
                        }
                        out.write_all(b"    ").map_err(io)?;
                        out.write_all(line.as_bytes()).map_err(io)?;
                    }
                    n += 1;
                }
                after = upto;
            }
            let tail: &[u8] = if n == 0 { b"[]\n}\n" } else { b"\n  ]\n}\n" };
            out.write_all(tail).map_err(io)?;
            Ok(Some(n))
        })?;
        written.ok_or_else(|| self.gone())
    }
}

/// The people `cases` refer to, the relations touching them, and those relations' other
/// ends (so the bundle validates on its own).
fn referenced(dir: &Directory, cases: &[Case]) -> (Vec<Person>, Vec<Relation>) {
    let mut logins: BTreeSet<&str> = BTreeSet::new();
    for c in cases {
        logins.extend(case_logins(c));
    }
    let relations: Vec<Relation> = dir
        .relations()
        .iter()
        .filter(|r| logins.contains(r.a.as_str()) || logins.contains(r.b.as_str()))
        .cloned()
        .collect();
    let mut all: BTreeSet<&str> = logins;
    for r in &relations {
        all.insert(&r.a);
        all.insert(&r.b);
    }
    let people = all
        .into_iter()
        .filter_map(|l| dir.person(l).cloned())
        .collect();
    (people, relations)
}

/// Every login a case refers to.
pub(crate) fn case_logins(c: &Case) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(c.respondents.iter().map(String::as_str));
    out.extend(c.act.participants());
    if let Some(a) = &c.acceptance {
        out.push(&a.by);
    }
    if let Some(t) = &c.team {
        out.push(&t.appointed_by);
        out.extend(t.members.iter().map(String::as_str));
    }
    out.extend(c.recusals.iter().map(|r| r.person.as_str()));
    for i in &c.interviews {
        if i.kind.interviewee_is_login() {
            out.push(&i.interviewee);
        }
        out.extend(i.interviewers.iter().map(String::as_str));
    }
    out.extend(c.evidence.iter().map(|e| e.collected_by.as_str()));
    if let Some(d) = &c.deliberation {
        out.extend(d.attendees.iter().map(String::as_str));
    }
    if let Some(f) = &c.findings {
        out.extend(f.cleared.iter().map(String::as_str));
        out.extend(f.circumstances.keys().map(String::as_str));
        for r in &f.rules {
            match r {
                RuleFinding::R5_3 { post_holder } => out.push(post_holder),
                RuleFinding::R7_2_1 { persons }
                | RuleFinding::R7_3 { persons }
                | RuleFinding::R7_4 { persons } => out.extend(persons.iter().map(String::as_str)),
                _ => {}
            }
        }
    }
    if let Some(d) = &c.decision {
        out.extend(d.committee.iter().map(String::as_str));
        out.extend(d.recused.iter().map(String::as_str));
        out.extend(d.outcomes.keys().map(String::as_str));
    }
    out.extend(c.sanctions.iter().map(|s| s.person.as_str()));
    out.extend(c.appeals.iter().map(|a| a.person.as_str()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::import::{same_person, same_relation};

    fn example() -> Bundle {
        serde_json::from_str(include_str!("../../tests/fixtures/example.json"))
            .expect("example bundle")
    }

    #[test]
    fn referenced_people_include_relation_ends() {
        let b = example();
        let dir = Directory::new(b.people.clone(), b.relations.clone());
        let (people, relations) = referenced(&dir, &b.cases);
        let logins: Vec<&str> = people.iter().map(|p| p.login.as_str()).collect();
        // wuy (committee, not in the case) is left out; everyone else is referenced.
        assert_eq!(
            logins,
            vec!["chenj", "liuf", "sunq", "wangl", "zhaom", "zhouh"]
        );
        assert_eq!(relations, b.relations);
    }

    #[test]
    fn people_match_by_content_not_role_order() {
        let b = example();
        let mut p = b.people[1].clone();
        p.roles.reverse();
        assert!(same_person(&p, &b.people[1]));
        p.unit = "x".into();
        assert!(!same_person(&p, &b.people[1]));
        let r = &b.relations[0];
        let flipped = Relation {
            a: r.b.clone(),
            b: r.a.clone(),
            kind: r.kind,
            note: None,
        };
        assert!(same_relation(r, &flipped));
    }
}
