//! Who is who: people by login and the relations between them.

use std::collections::BTreeMap;

use super::model::{Person, Relation, Role};

/// The people and relations a case is judged against.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    people: BTreeMap<String, Person>,
    relations: Vec<Relation>,
}

impl Directory {
    pub fn new(people: impl IntoIterator<Item = Person>, relations: Vec<Relation>) -> Self {
        Directory {
            people: people.into_iter().map(|p| (p.login.clone(), p)).collect(),
            relations,
        }
    }

    pub fn person(&self, login: &str) -> Option<&Person> {
        self.people.get(login)
    }

    /// The display name, falling back to the login for someone not on file.
    pub fn name<'a>(&'a self, login: &'a str) -> &'a str {
        self.people.get(login).map_or(login, |p| p.name.as_str())
    }

    pub fn has_role(&self, login: &str, role: Role) -> bool {
        self.people.get(login).is_some_and(|p| p.has(role))
    }

    pub fn people(&self) -> impl Iterator<Item = &Person> {
        self.people.values()
    }

    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    pub fn insert_person(&mut self, person: Person) {
        self.people.insert(person.login.clone(), person);
    }

    pub fn add_relation(&mut self, relation: Relation) {
        self.relations.push(relation);
    }
}
