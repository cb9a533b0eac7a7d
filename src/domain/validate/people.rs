//! The bundle's people and relations, alone and against the people already known.

use std::collections::{BTreeMap, BTreeSet};

use super::BundleError;
use crate::domain::directory::Directory;
use crate::domain::model::{Bundle, Person, Relation, Role};

fn roles_text(roles: &[Role]) -> String {
    let set: BTreeSet<Role> = roles.iter().copied().collect();
    let names: Vec<&str> = set.into_iter().map(Role::as_str).collect();
    if names.is_empty() {
        "no roles".to_string()
    } else {
        names.join(", ")
    }
}

fn describe(p: &Person) -> String {
    format!("{} ({}; {})", p.name, p.unit, roles_text(&p.roles))
}

/// A bundle person whose login already exists is matched, not duplicated; if the name, unit
/// or roles (as a set) differ, that is an error naming the login (bundle-v1.md). One error per
/// differing person, at `people[i]`.
pub fn reconcile_people(people: &[Person], existing: &Directory) -> Vec<BundleError> {
    let mut errors = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let Some(known) = existing.person(&p.login) else {
            continue;
        };
        let same_roles =
            p.roles.iter().collect::<BTreeSet<_>>() == known.roles.iter().collect::<BTreeSet<_>>();
        if known.name != p.name || known.unit != p.unit || !same_roles {
            errors.push(BundleError::new(
                format!("people[{i}]"),
                None,
                format!(
                    "login \"{}\" already exists as {}, but the bundle says {}; make them agree (correct the bundle, or update the person first)",
                    p.login,
                    describe(known),
                    describe(p)
                ),
            ));
        }
    }
    errors
}

/// `existing` plus the bundle's new people and relations: the directory a bundle is judged by.
/// Existing people win (a difference is [`reconcile_people`]'s error); a relation already
/// recorded (either direction, same kind) is not added twice.
pub fn merged_directory(bundle: &Bundle, existing: &Directory) -> Directory {
    let mut dir = existing.clone();
    for p in &bundle.people {
        if dir.person(&p.login).is_none() {
            dir.insert_person(p.clone());
        }
    }
    for r in &bundle.relations {
        let known = dir
            .relations()
            .iter()
            .any(|k| k.kind == r.kind && k.other(&r.a) == Some(r.b.as_str()));
        if !known {
            dir.add_relation(r.clone());
        }
    }
    dir
}

/// A login is an OS account name: non-empty, no spaces or control characters.
pub(super) fn login_is_well_formed(login: &str) -> bool {
    !login.is_empty() && !login.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Duplicate or malformed logins in `people`; relations naming unknown people or one person
/// twice.
pub fn head_errors(people: &[Person], relations: &[Relation], dir: &Directory) -> Vec<BundleError> {
    let mut errors = Vec::new();
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, p) in people.iter().enumerate() {
        if !login_is_well_formed(&p.login) {
            errors.push(BundleError::new(
                format!("people[{i}].login"),
                None,
                format!(
                    "\"{}\" is not a login; use the person's OS account name (no spaces)",
                    p.login
                ),
            ));
        }
        if p.name.trim().is_empty() {
            errors.push(BundleError::new(
                format!("people[{i}].name"),
                None,
                "a person needs a name",
            ));
        }
        if let Some(j) = first.get(p.login.as_str()) {
            errors.push(BundleError::new(
                format!("people[{i}].login"),
                None,
                format!(
                    "duplicate login \"{}\" (also people[{j}]); list each person once",
                    p.login
                ),
            ));
        } else {
            first.insert(&p.login, i);
        }
    }
    for (i, r) in relations.iter().enumerate() {
        for (field, login) in [("a", &r.a), ("b", &r.b)] {
            if dir.person(login).is_none() {
                errors.push(BundleError::new(
                    format!("relations[{i}].{field}"),
                    None,
                    format!("unknown login \"{login}\"; add the person to \"people\""),
                ));
            }
        }
        if r.a == r.b {
            errors.push(BundleError::new(
                format!("relations[{i}].b"),
                None,
                format!(
                    "a relation needs two different people, not \"{}\" twice",
                    r.a
                ),
            ));
        }
    }
    errors
}
