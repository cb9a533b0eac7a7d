//! The queue filter's substring search over one contiguous buffer (`Data::matching`) finds
//! exactly the rows a plain per-field search finds, in the order given, whether it scans the
//! whole buffer (many candidates) or each candidate's slice (few).

use chrono::NaiveDate;

use culpa::domain::calendar::Calendar;
use culpa::ui::backend::MemoryBackend;
use culpa::ui::data::Data;

fn data() -> Data {
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).expect("date");
    let mut demo = culpa::demo::demo(today).bundle;
    let extra: Vec<_> =
        culpa::demo::synthetic_with(2_000, 7, today, &demo.people, &demo.relations).collect();
    demo.cases.extend(extra);
    let backend = MemoryBackend::new(demo, "liuf", Calendar::builtin());
    Data::load(&backend, today).expect("snapshot")
}

/// What the filter means: some field of the row contains the text, ignoring case.
fn naive(data: &Data, i: usize, needle: &str) -> bool {
    let r = &data.rows[i];
    let logins = data.cases[i].case.respondents.join(" ");
    [
        r.number.as_str(),
        r.title.as_str(),
        r.respondents.as_str(),
        logins.as_str(),
        r.stage.as_str(),
    ]
    .iter()
    .any(|f| f.to_lowercase().contains(needle))
}

#[test]
fn matching_agrees_with_a_per_field_search_on_both_paths() {
    let d = data();
    let n = d.rows.len();
    assert!(n > 2_000);
    // Reversed, so "in the order given" is tested too.
    let all: Vec<usize> = (0..n).rev().collect();
    let few: Vec<usize> = (0..n).step_by(97).collect();
    assert!(few.len() < n / 8, "the per-slice path is taken");
    let needles = [
        "孙",
        "孙强",
        "sunq",
        "zhengl",
        "investigating",
        "〔2025〕",
        "1号",
        "s1",
        "号",
        "卧",
        "查",
        "nothing-like-this",
        "q",
    ];
    for needle in needles {
        for cands in [&all, &few] {
            let got = d.matching(needle, cands.clone());
            let want: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&i| naive(&d, i, needle))
                .collect();
            assert_eq!(got, want, "{needle:?} over {} candidates", cands.len());
        }
    }
    // A needle found in every row still lists every row once.
    assert_eq!(d.matching("卧", all.clone()).len(), n);
}

#[test]
fn stage_counts_count_the_rows_given() {
    use std::collections::BTreeMap;
    let d = data();
    let n = d.rows.len();
    for rows in [
        (0..n).collect::<Vec<_>>(),
        (0..n).step_by(13).collect(),
        Vec::new(),
    ] {
        let mut want: BTreeMap<_, usize> = BTreeMap::new();
        for &i in &rows {
            *want.entry(d.rows[i].stage).or_default() += 1;
        }
        assert_eq!(d.stage_counts(&rows), want, "{} rows", rows.len());
    }
    // Every stage occurs in the demo plus synthetic cases, so every slot was exercised.
    assert_eq!(
        d.stage_counts(&(0..n).collect::<Vec<_>>()).len(),
        culpa::domain::model::Stage::ALL.len()
    );
}
