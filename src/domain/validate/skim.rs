//! A case's raw JSON vouched for without building a tree of it (issue 10: the import's
//! reading thread spent a quarter of its time parsing each case a second time, into a
//! `serde_json::Value`, only to find nothing wrong).
//!
//! [`clean`] walks the text once, allocating nothing, and answers whether it is certain
//! that the checks on the raw value would find nothing: [`super::parse::version_fields`]
//! (the fields a version adds or requires) and [`crate::domain::limits::text_errors`] (NUL
//! characters, lengths). It looks at every string those checks look at, by the same rule,
//! so "clean" means they would pass; anything it is unsure of (a duplicate key where the
//! version's fields are looked for, text that does not parse) is "not clean", and the full
//! checks run and say what is wrong in their own words. It never decides an error itself.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::parse::{V2_APPEAL_FIELDS, V2_FINDINGS_FIELDS, Version};
use crate::domain::limits::{fault, max_chars};

/// Whether the checks on the raw case `text` (of a bundle of `version`) would surely find
/// nothing. False when unsure.
pub(super) fn clean(text: &str, version: Version) -> bool {
    let mut seen = Seen::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let walked = Node {
        seen: &mut seen,
        max: max_chars(None),
        at: Place::Case,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end());
    walked.is_ok()
        && !seen.unsure
        && match version {
            // `findings`, when an object, must hold every field /2 requires.
            Version::V2 => seen.findings.is_none_or(|n| n == V2_FINDINGS_FIELDS.len()),
            // /1 knows none of the fields /2 added.
            Version::V1 => seen.findings.is_none_or(|n| n == 0) && !seen.v2_appeal_field,
        }
}

/// What the walk found.
#[derive(Default)]
struct Seen {
    /// A string that breaks a text limit, a key seen twice where it matters, or anything
    /// else the walk cannot vouch for.
    unsure: bool,
    /// How many of the /2 findings fields the `findings` object holds, if it is an object.
    findings: Option<usize>,
    /// Whether an appeal holds a field /2 added.
    v2_appeal_field: bool,
    /// The case's own keys that the version checks read, once seen (a second is unsure).
    findings_key: bool,
    appeals_key: bool,
}

/// Where a value sits, as far as the version checks care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The case object itself.
    Case,
    /// The value of the case's `findings`.
    Findings,
    /// The value of the case's `appeals`.
    Appeals,
    /// One element of `appeals`.
    Appeal,
    Elsewhere,
}

/// One value to walk: where it is and how long its strings may be.
struct Node<'s> {
    seen: &'s mut Seen,
    max: usize,
    at: Place,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Node<'_> {
    fn string(self, s: &str) {
        if fault(s, self.max).is_some() {
            self.seen.unsure = true;
        }
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, s: &str) -> Result<(), E> {
        self.string(s);
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // An array's elements are judged by the key it sits under.
        let at = if self.at == Place::Appeals {
            Place::Appeal
        } else {
            Place::Elsewhere
        };
        while seq
            .next_element_seed(Node {
                seen: self.seen,
                max: self.max,
                at,
            })?
            .is_some()
        {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut v2_fields = 0;
        while let Some(key) = map.next_key_seed(KeySeed(self.at))? {
            match key.role {
                Role::Findings if std::mem::replace(&mut self.seen.findings_key, true) => {
                    self.seen.unsure = true;
                }
                Role::Appeals if std::mem::replace(&mut self.seen.appeals_key, true) => {
                    self.seen.unsure = true;
                }
                Role::V2Field => v2_fields += 1,
                _ => {}
            }
            let at = match key.role {
                Role::Findings => Place::Findings,
                Role::Appeals => Place::Appeals,
                _ => Place::Elsewhere,
            };
            map.next_value_seed(Node {
                seen: self.seen,
                max: key.max,
                at,
            })?;
        }
        match self.at {
            // A field named twice is counted twice: never more than all of them, unsure then.
            Place::Findings if v2_fields > V2_FINDINGS_FIELDS.len() => self.seen.unsure = true,
            Place::Findings => self.seen.findings = Some(v2_fields),
            Place::Appeal if v2_fields > 0 => self.seen.v2_appeal_field = true,
            _ => {}
        }
        Ok(())
    }
}

/// What a key means to the walk.
struct Key {
    /// The most characters a string under it may hold.
    max: usize,
    role: Role,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The case's `findings`.
    Findings,
    /// The case's `appeals`.
    Appeals,
    /// A field /2 added, in the findings or in an appeal.
    V2Field,
    Other,
}

/// Reads a key of an object at a place, without keeping it.
struct KeySeed(Place);

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, k: &str) -> Result<Key, E> {
        let role = match self.0 {
            Place::Case if k == "findings" => Role::Findings,
            Place::Case if k == "appeals" => Role::Appeals,
            Place::Findings if V2_FINDINGS_FIELDS.contains(&k) => Role::V2Field,
            Place::Appeal if V2_APPEAL_FIELDS.contains(&k) => Role::V2Field,
            _ => Role::Other,
        };
        Ok(Key {
            max: max_chars(Some(k)),
            role,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::domain::limits::{LONG_FIELD_CHARS, SHORT_FIELD_CHARS, text_errors};
    use crate::domain::validate::parse::version_fields;

    /// What the full checks say of `text`: whether they find nothing.
    fn full_checks_pass(text: &str, version: Version) -> bool {
        let raw: Value = serde_json::from_str(text).unwrap();
        version_fields(&raw, 0, version).is_ok() && text_errors(&raw, "cases[0]").is_empty()
    }

    /// Every case below: `clean` says clean exactly when the full checks pass, except where
    /// it is unsure (`unsure_but_passing`), which may only ever err towards the full checks.
    #[test]
    fn clean_exactly_when_the_full_checks_find_nothing() {
        let short_ok = "标".repeat(SHORT_FIELD_CHARS);
        let short_long = "标".repeat(SHORT_FIELD_CHARS + 1);
        let long_ok = "x".repeat(LONG_FIELD_CHARS);
        let long_long = "x".repeat(LONG_FIELD_CHARS + 1);
        let base = |extra: Value| {
            let mut c = json!({
                "number": "卧应急责〔2026〕1号",
                "title": "题",
                "findings": {"culpability": {}, "facts": "事实"},
                "appeals": [{"person": "sunq", "outcome": "upheld", "changed_to": null}],
                "interviews": [{"interviewee": "孙强", "transcript": "笔录"}],
            });
            for (k, v) in extra.as_object().unwrap() {
                if v.is_null() {
                    c.as_object_mut().unwrap().remove(k);
                } else {
                    c[k] = v.clone();
                }
            }
            c.to_string()
        };
        let v1 = |extra: Value| {
            let mut c: Value = serde_json::from_str(&base(extra)).unwrap();
            if let Some(f) = c["findings"].as_object_mut() {
                f.remove("culpability");
            }
            for a in c["appeals"].as_array_mut().into_iter().flatten() {
                a.as_object_mut().unwrap().remove("outcome");
                a.as_object_mut().unwrap().remove("changed_to");
            }
            c.to_string()
        };
        let cases: Vec<(String, Version)> = vec![
            (base(json!({})), Version::V2),
            (v1(json!({})), Version::V1),
            (base(json!({})), Version::V1),
            (v1(json!({})), Version::V2),
            // /1 with only one of the fields /2 added to appeals.
            (
                v1(json!({})).replace(r#""person":"sunq""#, r#""person":"sunq","changed_to":null"#),
                Version::V1,
            ),
            // No findings at all, or not an object: nothing required.
            (base(json!({"findings": null})), Version::V2),
            (base(json!({"findings": "见附件"})), Version::V2),
            (v1(json!({"findings": null})), Version::V1),
            (base(json!({"findings": {"facts": "事实"}})), Version::V2),
            // `culpability` elsewhere than in the findings is no /2 field.
            (
                v1(json!({"culpability": "x", "notes": {"culpability": 1}})),
                Version::V1,
            ),
            (v1(json!({"interviews": [{"outcome": "x"}]})), Version::V1),
            // Text limits, by key, in arrays under a key, nested, at the limit and over it.
            (base(json!({"title": short_ok})), Version::V2),
            (base(json!({"title": short_long})), Version::V2),
            (base(json!({"summary": short_long})), Version::V2),
            (base(json!({"summary": long_ok})), Version::V2),
            (base(json!({"summary": long_long})), Version::V2),
            (
                base(json!({"respondents": ["sunq", "x\u{0}"]})),
                Version::V2,
            ),
            (
                base(json!({"team": {"members": [short_ok.clone()]}})),
                Version::V2,
            ),
            (
                base(json!({"team": {"name": [short_long.clone()]}})),
                Version::V2,
            ),
            (
                base(json!({"interviews": [{"interviewee": short_long.clone()}]})),
                Version::V2,
            ),
            (
                base(json!({"interviews": [{"transcript": short_long.clone()}]})),
                Version::V2,
            ),
            // A key is never a field to check, however long.
            (base(json!({"notes": {short_long.clone(): 1}})), Version::V2),
            // A NUL written as an escape is still a NUL.
            (base(json!({"title": "a\u{0}"})), Version::V2),
        ];
        for (text, version) in &cases {
            let pass = full_checks_pass(text, *version);
            assert_eq!(
                clean(text, *version),
                pass,
                "{version:?} {}",
                text.chars().take(300).collect::<String>()
            );
        }
        assert!(cases.iter().any(|(t, _)| t.contains("\\u0000")));
        // Unsure, so not clean, though the full checks pass: keys named twice where the
        // version's fields are looked for, and text that is not one JSON value.
        let unsure_but_passing = [
            r#"{"findings":{"culpability":{}},"findings":{"culpability":{}}}"#,
            r#"{"appeals":[],"appeals":[]}"#,
            r#"{"findings":{"culpability":{},"culpability":{}}}"#,
        ];
        for text in unsure_but_passing {
            assert!(full_checks_pass(text, Version::V2), "{text}");
            assert!(!clean(text, Version::V2), "{text}");
        }
        assert!(!clean(r#"{"title":"a"} {}"#, Version::V2));
        assert!(!clean(r#"{"title":"a""#, Version::V2));
        // The case is a string: the long limit, no key.
        assert!(clean(&json!(short_long).to_string(), Version::V2));
        assert!(!clean(&json!(long_long).to_string(), Version::V2));
    }
}
