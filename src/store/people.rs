//! People, their roles and the relations between them.

use rusqlite::{OptionalExtension, params};

use super::cases::{enum_from_sql, enum_to_sql};
use super::{StoreError, Tx};
use crate::domain::Directory;
use crate::domain::model::{Person, Relation, Role};

impl Tx<'_> {
    /// Everyone, in the order they were first recorded.
    pub fn people(&self) -> Result<Vec<Person>, StoreError> {
        let mut people: Vec<Person> = Vec::new();
        let mut stmt = self.tx.prepare_cached(
            "SELECT p.login, p.name, p.unit, r.role
               FROM people p LEFT JOIN person_roles r ON r.login = p.login
              ORDER BY p.rowid, r.ord",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let login: String = row.get(0)?;
            let role: Option<String> = row.get(3)?;
            if people.last().is_none_or(|p| p.login != login) {
                people.push(Person {
                    login,
                    name: row.get(1)?,
                    unit: row.get(2)?,
                    roles: Vec::new(),
                });
            }
            if let (Some(role), Some(p)) = (role, people.last_mut()) {
                p.roles
                    .push(enum_from_sql::<Role>(&role, "person_roles.role")?);
            }
        }
        Ok(people)
    }

    pub fn person(&self, login: &str) -> Result<Option<Person>, StoreError> {
        let head = self
            .tx
            .prepare_cached("SELECT name, unit FROM people WHERE login = ?1")?
            .query_row([login], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))
            .optional()?;
        let Some((name, unit)) = head else {
            return Ok(None);
        };
        let mut stmt = self
            .tx
            .prepare_cached("SELECT role FROM person_roles WHERE login = ?1 ORDER BY ord")?;
        let roles = stmt
            .query_map([login], |r| r.get::<_, String>(0))?
            .map(|r| {
                r.map_err(StoreError::from)
                    .and_then(|s| enum_from_sql::<Role>(&s, "person_roles.role"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(Person {
            login: login.to_string(),
            name,
            unit,
            roles,
        }))
    }

    /// Insert a person, or replace name, unit and roles of an existing login (bumping its
    /// `version`).
    pub fn upsert_person(&self, p: &Person) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT INTO people (login, name, unit) VALUES (?1, ?2, ?3)
                 ON CONFLICT (login) DO UPDATE
                 SET name = excluded.name, unit = excluded.unit, version = version + 1",
            )?
            .execute(params![p.login, p.name, p.unit])?;
        // The queue matches typed text in respondents' names (issue 10).
        self.rewrite_queue_names(&p.login)?;
        self.tx
            .prepare_cached("DELETE FROM person_roles WHERE login = ?1")?
            .execute([&p.login])?;
        let mut ins = self
            .tx
            .prepare_cached("INSERT INTO person_roles (login, ord, role) VALUES (?1, ?2, ?3)")?;
        for (i, role) in p.roles.iter().enumerate() {
            ins.execute(params![p.login, i as i64, enum_to_sql(role)?])
                .map_err(|e| match StoreError::from(e) {
                    StoreError::Constraint(_) => StoreError::Duplicate(format!(
                        "person {} lists role {} twice",
                        p.login,
                        role.as_str()
                    )),
                    other => other,
                })?;
        }
        Ok(())
    }

    /// Every relation, in the order recorded.
    pub fn relations(&self) -> Result<Vec<Relation>, StoreError> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT a, b, kind, note FROM relations ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(Relation {
                a: row.get(0)?,
                b: row.get(1)?,
                kind: enum_from_sql(&row.get::<_, String>(2)?, "relations.kind")?,
                note: row.get(3)?,
            });
        }
        Ok(out)
    }

    /// Record a relation; both ends must be people on file.
    pub fn add_relation(&self, r: &Relation) -> Result<(), StoreError> {
        self.tx
            .prepare_cached("INSERT INTO relations (a, b, kind, note) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![r.a, r.b, enum_to_sql(&r.kind)?, r.note])
            .map_err(|e| match StoreError::from(e) {
                StoreError::Constraint(_) => StoreError::NotFound(format!(
                    "relation {}–{}: both people must be on file",
                    r.a, r.b
                )),
                other => other,
            })?;
        Ok(())
    }

    /// Record each of `people` (as [`Tx::upsert_person`]), then each of `relations`: a
    /// bundle's directory written straight into the store (demo data, tests).
    pub fn add_directory(
        &self,
        people: &[Person],
        relations: &[Relation],
    ) -> Result<(), StoreError> {
        for p in people {
            self.upsert_person(p)?;
        }
        for r in relations {
            self.add_relation(r)?;
        }
        Ok(())
    }

    /// People and relations, as the rules judge a case against them.
    pub fn directory(&self) -> Result<Directory, StoreError> {
        Ok(Directory::new(self.people()?, self.relations()?))
    }
}
