//! The demo bureau's staff and the ties between them. The seven people of
//! `tests/fixtures/example.json` keep their names, units and roles.

use crate::domain::model::{Person, Relation, RelationKind, Role};

fn person(login: &str, name: &str, unit: &str, roles: &[Role]) -> Person {
    Person {
        login: login.to_string(),
        name: name.to_string(),
        unit: unit.to_string(),
        roles: roles.to_vec(),
    }
}

/// Sixteen staff of 卧龙区应急管理局.
pub fn demo_people() -> Vec<Person> {
    use Role::*;
    vec![
        // From the fixture, unchanged.
        person("liuf", "刘芳", "法制股", &[Legal]),
        person("chenj", "陈杰", "局领导", &[Chief, Committee]),
        person("wangl", "王磊", "法制股", &[Investigator]),
        person("zhaom", "赵敏", "办公室", &[Investigator]),
        person("sunq", "孙强", "执法大队", &[Officer]),
        person("zhouh", "周华", "执法大队", &[Officer]),
        person("wuy", "吴云", "局领导", &[Committee]),
        // Added for the demo.
        person("gaoj", "高建国", "局领导", &[Committee]),
        person("linx", "林秀英", "局领导", &[Committee]),
        person("lix", "李霞", "法制股", &[Investigator]),
        person("hej", "何军", "办公室", &[Investigator]),
        person("xuy", "徐洋", "办公室", &[Admin]),
        person("maj", "马骏", "执法大队", &[Officer]),
        person("zhangw", "张伟", "安全生产监督管理股", &[Officer]),
        person("zhengl", "郑亮", "安全生产监督管理股", &[Officer]),
        person("huangl", "黄丽", "危险化学品安全监督管理股", &[Officer]),
    ]
}

fn relation(a: &str, b: &str, kind: RelationKind, note: &str) -> Relation {
    Relation {
        a: a.to_string(),
        b: b.to_string(),
        kind,
        note: Some(note.to_string()),
    }
}

/// Ties that make an investigator or committee member "involved" (Art. 10(2), 10(3)).
pub fn demo_relations() -> Vec<Relation> {
    vec![
        relation("zhaom", "zhouh", RelationKind::Relative, "表兄妹"),
        relation("lix", "maj", RelationKind::Spouse, "夫妻"),
        relation(
            "hej",
            "zhangw",
            RelationKind::Other,
            "大学同学，合伙经营茶叶店",
        ),
    ]
}
