//! Calendar tests. Every expected date was read off `data/calendar/*.json` by hand (the
//! weekday noted beside it), not taken from the code.

use super::*;
use crate::i18n::Lang;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

fn due(cal: &Calendar, from: &str, p: Period) -> (NaiveDate, Uncovered) {
    let mut unc = Uncovered::new();
    let got = cal.due(d(from), p, &mut unc);
    (got, unc)
}

use crate::i18n::calendar::CalendarErrorWords;
use Period::{Days as D, WorkingDays as W};

#[test]
fn builtin_files_all_load() {
    let mut cal = Calendar::default();
    for (i, text) in BUILTIN.iter().enumerate() {
        assert_eq!(cal.load_json(text), Ok(2019 + i as i32));
    }
    assert_eq!(
        Calendar::builtin().covered_years(),
        (2019..=2026).collect::<Vec<_>>()
    );
}

#[test]
fn covers_only_file_years() {
    let cal = Calendar::builtin();
    assert!(cal.covers(2019) && cal.covers(2026));
    // The 2019 file lists 2018-12-29…31, yet 2018 is not covered; 2027 has no notice yet.
    assert!(!cal.covers(2018));
    assert!(!cal.covers(2027));
}

/// One row per edge of "Counting the days", all in covered years (no warning expected).
#[test]
fn due_dates_in_covered_years() {
    let cal = Calendar::builtin();
    let rows: [(&str, Period, &str, &str); 14] = [
        // National Day 2026: 10-01…07 off, 10-10 (Sat) make-up: 8 Thu, 9 Fri, 10 Sat, 12, 13, 14, 15.
        ("2026-09-30", W(7), "2026-10-15", "national day 2026"),
        // Spring Festival 2026: 02-13 Fri (1), 02-14 Sat make-up (2), 02-15…23 off, 02-24 Tue (3).
        ("2026-02-12", W(3), "2026-02-24", "spring festival 2026"),
        // New Year: 2025-12-31 Wed (1), 2026-01-01…03 off, 01-04 Sun make-up (2), 01-05 Mon (3).
        ("2025-12-30", W(3), "2026-01-05", "year boundary"),
        // Ends on a make-up working day (Sunday 2026-01-04): stays there.
        (
            "2025-12-30",
            W(2),
            "2026-01-04",
            "working days end on make-up Sunday",
        ),
        // Days ending on make-up Saturday 2026-10-10: a working day, stays.
        (
            "2026-09-30",
            D(10),
            "2026-10-10",
            "days end on make-up Saturday",
        ),
        // Days ending on make-up Saturday 2026-02-14.
        (
            "2026-02-04",
            D(10),
            "2026-02-14",
            "days end on spring make-up Saturday",
        ),
        // Days ending on a holiday (10-01) move to the next working day, 10-08 Thu.
        ("2026-09-30", D(1), "2026-10-08", "days end on national day"),
        // Days ending on Qingming (2026-04-06 Mon, off) → 04-07 Tue.
        ("2026-03-07", D(30), "2026-04-07", "days end on qingming"),
        // Days ending on a plain Saturday (2026-03-07) → Monday 03-09.
        (
            "2026-02-05",
            D(30),
            "2026-03-09",
            "days end on plain saturday",
        ),
        // Days ending on a plain weekday stay.
        (
            "2026-03-02",
            D(30),
            "2026-04-01",
            "days end on plain weekday",
        ),
        // N = 0: working days give the start date itself, even on a holiday.
        ("2026-10-03", W(0), "2026-10-03", "zero working days"),
        // N = 0: days move a rest-day start to the next working day …
        ("2026-10-03", D(0), "2026-10-08", "zero days on holiday"),
        // … and keep a working (make-up) start.
        ("2026-10-10", D(0), "2026-10-10", "zero days on make-up day"),
        // Start day does not count: Friday + 1 working day is Monday.
        ("2026-03-06", W(1), "2026-03-09", "start day excluded"),
    ];
    for (from, p, want, what) in rows {
        let (got, unc) = due(&cal, from, p);
        assert_eq!(got, d(want), "{what}");
        assert!(unc.is_empty(), "{what}: {unc:?}");
    }
}

#[test]
fn uncovered_years_are_plain_weekends_and_recorded() {
    let cal = Calendar::builtin();
    let rows: [(&str, Period, &str, &[i32]); 5] = [
        // 2027-01-01 is a Friday; with no 2027 notice it counts as a plain working day.
        ("2026-12-31", W(1), "2027-01-01", &[2027]),
        // 2027-01-02 Sat → Mon 01-04.
        ("2026-12-31", D(2), "2027-01-04", &[2027]),
        // 2018-12-29 is a make-up day and 12-31 a holiday in the 2019 file, but 2018 is not
        // covered: plain weekends, Fri → Mon 12-31.
        ("2018-12-28", W(1), "2018-12-31", &[2018]),
        // Starting in 2018, ending in covered 2019: 12-31 (plain Monday, 1), 2019-01-01 off,
        // 01-02 Wed (2); only 2018 is flagged.
        ("2018-12-30", W(2), "2019-01-02", &[2018]),
        // Only consulted years count: 2026-12-20 Sun → 21, 22, 23 (no 2027 consulted).
        ("2026-12-20", W(3), "2026-12-23", &[]),
    ];
    for (from, p, want, years) in rows {
        let (got, unc) = due(&cal, from, p);
        assert_eq!(got, d(want), "{from} {p:?}");
        assert_eq!(unc.into_iter().collect::<Vec<_>>(), years, "{from} {p:?}");
    }
    // Nothing is consulted for zero working days, so nothing is flagged.
    assert!(due(&cal, "2027-06-01", W(0)).1.is_empty());
}

#[test]
fn loaded_year_replaces_builtin() {
    let mut cal = Calendar::builtin();
    // A file listing no day of its year is refused: it would cover the year with nothing.
    assert_eq!(
        cal.load_json(r#"{"year": 2026, "days": []}"#),
        Err(CalendarError::NoDaysForYear { year: 2026 })
    );
    assert_eq!(
        cal.load_json(r#"{"year": 2026, "days": [{"date": "2025-12-31", "isOffDay": true}]}"#),
        Err(CalendarError::NoDaysForYear { year: 2026 })
    );
    // A 2026 file with only New Year: National Day becomes plain weekdays.
    let year =
        cal.load_json(r#"{"year": 2026, "days": [{"date": "2026-01-01", "isOffDay": true}]}"#);
    assert_eq!(year, Ok(2026));
    // 10-01 Thu (1), 02 (2), 05 (3), 06 (4), 07 (5), 08 (6), 09 (7).
    assert_eq!(due(&cal, "2026-09-30", W(7)).0, d("2026-10-09"));
    // Loading the same year again: the last file wins.
    cal.load_json(include_str!("../../data/calendar/2026.json"))
        .expect("builtin 2026");
    assert_eq!(due(&cal, "2026-09-30", W(7)).0, d("2026-10-15"));
}

#[test]
fn loaded_new_year_is_covered() {
    let mut cal = Calendar::builtin();
    let text = r#"{"year": 2027, "papers": [], "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}"#;
    assert_eq!(cal.load_json(text), Ok(2027));
    let (got, unc) = due(&cal, "2026-12-31", W(1));
    assert_eq!(got, d("2027-01-04"));
    assert!(unc.is_empty());
}

#[test]
fn neighbour_entries_apply_only_to_covered_neighbours() {
    // A 2031 notice declaring 2030-12-31 (Tue) a holiday.
    let next = r#"{"year": 2031, "days": [{"date": "2030-12-31", "isOffDay": true},
        {"date": "2031-01-01", "isOffDay": true}]}"#;
    let mut cal = Calendar::default();
    cal.load_json(next).expect("2031");
    let mut unc = Uncovered::new();
    assert!(
        cal.is_working_day(d("2030-12-31"), &mut unc),
        "2030 uncovered"
    );
    assert_eq!(unc.into_iter().collect::<Vec<_>>(), [2030]);
    cal.load_json(r#"{"year": 2030, "days": [{"date": "2030-01-01", "isOffDay": true}]}"#)
        .expect("2030");
    let mut unc = Uncovered::new();
    assert!(
        !cal.is_working_day(d("2030-12-31"), &mut unc),
        "2030 covered"
    );
    assert!(unc.is_empty());
    // The year's own notice wins over its neighbour's.
    cal.load_json(r#"{"year": 2030, "days": [{"date": "2030-12-31", "isOffDay": false}]}"#)
        .expect("2030 again");
    assert!(cal.is_working_day(d("2030-12-31"), &mut unc));
}

#[test]
fn is_working_day_rules() {
    let cal = Calendar::builtin();
    let rows = [
        ("2026-10-01", false), // holiday, Thursday
        ("2026-10-10", true),  // make-up Saturday
        ("2026-10-11", false), // plain Sunday
        ("2026-10-12", true),  // plain Monday
        ("2022-12-31", false), // Saturday, listed as off in the 2023 file
    ];
    for (day, want) in rows {
        let mut unc = Uncovered::new();
        assert_eq!(cal.is_working_day(d(day), &mut unc), want, "{day}");
        assert!(unc.is_empty());
    }
}

#[test]
fn malformed_files_are_rejected() {
    let rows: [(&str, CalendarError); 8] = [
        ("{", CalendarError::Invalid(String::new())),
        (r#"{"days": []}"#, CalendarError::MissingYear),
        (
            r#"{"year": 26, "days": []}"#,
            CalendarError::YearOutOfRange(26),
        ),
        (r#"{"year": 2026}"#, CalendarError::MissingDays),
        (
            r#"{"year": 2026, "days": [{"date": "2026-02-30", "isOffDay": true}]}"#,
            CalendarError::BadDate {
                index: 0,
                text: "2026-02-30".into(),
            },
        ),
        (
            r#"{"year": 2026, "days": [{"date": "2026-01-01", "isOffDay": true},
                                        {"date": "2028-01-01", "isOffDay": true}]}"#,
            CalendarError::DateOutsideYear {
                index: 1,
                date: d("2028-01-01"),
                year: 2026,
            },
        ),
        (
            r#"{"year": 2026, "days": [{"date": "2026-01-01", "isOffDay": true},
                                        {"date": "2026-01-01", "isOffDay": false}]}"#,
            CalendarError::DuplicateDate {
                date: d("2026-01-01"),
                year: 2026,
            },
        ),
        (
            r#"{"year": 2026, "days": [{"date": "2026-01-01", "isOffDay": "yes"}]}"#,
            CalendarError::Invalid(String::new()),
        ),
    ];
    for (text, want) in rows {
        let mut cal = Calendar::builtin();
        let got = cal.load_json(text).expect_err(text);
        match (&got, &want) {
            (CalendarError::Invalid(_), CalendarError::Invalid(_)) => {}
            _ => assert_eq!(got, want, "{text}"),
        }
        // A rejected file changes nothing.
        assert_eq!(cal.covered_years(), (2019..=2026).collect::<Vec<_>>());
        assert_eq!(due(&cal, "2026-09-30", W(7)).0, d("2026-10-15"));
        for lang in [Lang::Zh, Lang::En] {
            assert!(!got.message(lang).is_empty());
        }
    }
}

#[test]
fn invalid_json_names_the_path() {
    let text = r#"{"year": 2026, "days": [{"date": "2026-01-01", "isOffDay": "yes"}]}"#;
    let err = Calendar::default().load_json(text).expect_err("bad type");
    let msg = err.message(Lang::En);
    assert!(msg.contains("days[0].isOffDay"), "{msg}");
    let err = Calendar::default()
        .load_json(r#"{"year": 2026, "days": [{"date": "x", "isOffDay": true}]}"#)
        .expect_err("bad date");
    assert!(err.message(Lang::Zh).contains("days[0]"));
    assert!(err.message(Lang::En).contains("\"x\""));
}

#[test]
fn huge_periods_saturate_instead_of_panicking() {
    let cal = Calendar::default();
    let mut unc = Uncovered::new();
    assert_eq!(
        cal.due(NaiveDate::MAX, Period::Days(1), &mut unc),
        NaiveDate::MAX
    );
    assert_eq!(
        cal.due(NaiveDate::MAX, Period::WorkingDays(1), &mut unc),
        NaiveDate::MAX
    );
}

// The acceptance cases, each under its own name (the table above covers the edges).

#[test]
fn national_day_2026_seven_working_days_from_sept_30_is_oct_15() {
    assert_eq!(
        due(&Calendar::builtin(), "2026-09-30", W(7)),
        (d("2026-10-15"), Uncovered::new())
    );
}

#[test]
fn spring_festival_2026_is_skipped_and_make_up_saturday_counted() {
    assert_eq!(
        due(&Calendar::builtin(), "2026-02-12", W(3)).0,
        d("2026-02-24")
    );
}

#[test]
fn year_boundary_dec_2025_to_jan_2026_skips_new_year() {
    assert_eq!(
        due(&Calendar::builtin(), "2025-12-30", W(3)).0,
        d("2026-01-05")
    );
}

#[test]
fn period_ending_on_make_up_day_stays_there() {
    let cal = Calendar::builtin();
    assert_eq!(due(&cal, "2025-12-30", W(2)).0, d("2026-01-04"));
    assert_eq!(due(&cal, "2026-09-30", D(10)).0, d("2026-10-10"));
}

#[test]
fn days_period_ending_on_holiday_moves_to_next_working_day() {
    assert_eq!(
        due(&Calendar::builtin(), "2026-09-30", D(1)).0,
        d("2026-10-08")
    );
}
