//! A form's answers as a reader sees them (label and value in words), and what a form
//! started from. Both serve the conflict view: the user compares someone else's saved
//! answers with their own, question by question, and nothing they typed is lost.

use serde_json::{Map, Value, json};

use super::Form;
use super::fields::FieldKind;
use crate::i18n::Lang;

/// The case version and the answers a form opened with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Start {
    /// None for a form that concerns no case (intake, a relation).
    pub version: Option<i64>,
    /// Every field's value by id, as [`Form::values`] gives them.
    pub values: Value,
}

impl Start {
    pub fn to_json(&self) -> Value {
        json!({"version": self.version, "values": self.values})
    }
    pub fn from_json(v: &Value) -> Option<Start> {
        Some(Start {
            version: v.get("version").and_then(Value::as_i64),
            values: v.get("values").filter(|v| v.is_object())?.clone(),
        })
    }
}

/// One question with its answer in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub id: &'static str,
    pub label: String,
    pub value: String,
}

impl Form {
    /// Every question shown now, with its answer in words (hidden bookkeeping fields and
    /// questions that do not apply are left out).
    pub fn answers(&self, lang: Lang) -> Vec<Answer> {
        self.fields
            .iter()
            .filter(|f| !f.is_hidden_kind() && self.shown(f))
            .map(|f| {
                let value = match &f.kind {
                    FieldKind::Text(l) | FieldKind::Date(l) => l.value.trim().to_string(),
                    FieldKind::YesNo(b) => match (b, lang) {
                        (true, Lang::Zh) => "是".to_string(),
                        (false, Lang::Zh) => "否".to_string(),
                        (true, Lang::En) => "yes".to_string(),
                        (false, Lang::En) => "no".to_string(),
                    },
                    FieldKind::Pick(p) => p
                        .selected
                        .and_then(|i| p.options.get(i))
                        .map(|o| o.label.clone())
                        .unwrap_or_default(),
                    FieldKind::Multi(m) => {
                        let keys = m.keys();
                        m.options
                            .iter()
                            .filter(|o| keys.contains(&o.key))
                            .map(|o| o.label.as_str())
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", "))
                    }
                    FieldKind::MultiLine(m) => m.value().trim_end().to_string(),
                    FieldKind::Hidden(_) => String::new(),
                };
                Answer {
                    id: f.id,
                    label: f.label.clone(),
                    value,
                }
            })
            .collect()
    }
}

/// Three-way merge of answers by field: where `mine` differs from what the form started
/// from, the user changed it, and their answer wins; everywhere else `theirs` (the saved
/// version) stands. So "keep theirs and re-apply mine" loses neither side's answers.
pub fn merge(start: &Value, mine: &Value, theirs: &Value) -> Map<String, Value> {
    let mut out = theirs.as_object().cloned().unwrap_or_default();
    if let Some(mine) = mine.as_object() {
        for (id, v) in mine {
            if start.get(id) != Some(v) {
                out.insert(id.clone(), v.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_my_changes_over_theirs_and_their_changes_elsewhere() {
        let start = json!({"a": 1, "b": 1, "c": 1});
        let mine = json!({"a": 2, "b": 1, "c": 1});
        let theirs = json!({"a": 1, "b": 3, "c": 1});
        let m = merge(&start, &mine, &theirs);
        assert_eq!(Value::Object(m), json!({"a": 2, "b": 3, "c": 1}));
    }

    #[test]
    fn start_round_trips_and_rejects_a_malformed_one() {
        let s = Start {
            version: Some(4),
            values: json!({"x": "y"}),
        };
        assert_eq!(Start::from_json(&s.to_json()), Some(s));
        assert_eq!(Start::from_json(&json!({"version": 1})), None);
    }
}
