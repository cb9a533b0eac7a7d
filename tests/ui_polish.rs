//! What a user who works in the workbench all day notices: the gate never offers a key that
//! does nothing, evidence kinds in words, wrapped lines that hang under their text, a
//! dashboard sized by its content, popups over a clean background.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use culpa::domain::model::Evidence;
use culpa::i18n::Lang;
use culpa::ui::app::{App, Event};
use culpa::ui::draw::draw;

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

/// The screen as plain rows: a wide character once, not followed by its blank half.
fn rows(app: &App, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| draw(app, f)).expect("draw");
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                row.push_str(sym);
                skip = sym.width().saturating_sub(1);
            }
            row
        })
        .collect()
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn a_blocked_gate_does_not_offer_enter_and_says_why() {
    // (language, refused text on the gate, what a ready gate would say)
    let rows_: &[(Lang, &str, &str)] = &[
        (Lang::Zh, "障碍全部解决前不能提交", "提交党委"),
        (
            Lang::En,
            "Submission is refused until the blockers",
            "submit to the committee",
        ),
    ];
    for (lang, refused, ready) in rows_ {
        let mut app = common::ui::app("wangl", *lang);
        press(&mut app, "/7号\n\nS");
        assert!(app.case.as_ref().is_some_and(|c| c.gate), "{lang:?}");
        for (w, h) in SIZES {
            let screen = rows(&app, w, h);
            let all = screen.concat();
            assert!(
                all.contains(refused),
                "{lang:?} {w}x{h}:\n{}",
                screen.join("\n")
            );
            assert!(!all.contains(ready), "{lang:?} {w}x{h}");
            let footer = &screen[h as usize - 1];
            assert!(!footer.contains("Enter"), "{lang:?} {w}x{h}: {footer}");
            assert!(footer.contains("Esc"), "{lang:?} {w}x{h}: {footer}");
        }
    }
}

/// Case 7 with evidence of every known kind, one of an unknown kind carrying a control
/// character, and one with a long description and a file hash.
fn evidence_app(lang: Lang) -> App {
    let mut b = common::ui::bundle();
    let case = b
        .cases
        .iter_mut()
        .find(|c| c.number.contains("7号"))
        .expect("case 7");
    let first = case.evidence[0].clone();
    case.evidence = culpa::domain::model::EVIDENCE_KINDS
        .iter()
        .chain(["监控\x1b[31m录像"].iter())
        .map(|k| Evidence {
            kind: k.to_string(),
            ..first.clone()
        })
        .collect();
    case.evidence.push(Evidence {
        kind: "record".into(),
        description: "对加工厂负责人的询问笔录，记载了现场检查时未出示执法证件的经过".into(),
        sha256: Some("a27032e0".repeat(8)),
        ..first
    });
    common::ui::app_from(&common::ui::backend(b, "wangl"), lang)
}

#[test]
fn evidence_kinds_are_words_and_unknown_kinds_are_shown_inert() {
    // (language, words that must appear, raw codes that must not)
    let cases: &[(Lang, &[&str], &[&str])] = &[
        (
            Lang::Zh,
            &[
                "[书证]",
                "[笔录]",
                "[照片]",
                "[视听资料]",
                "[电子数据]",
                "[物证]",
                "[其他]",
                "[监控^[[31m录像]",
            ],
            &["[document]", "[record]", "[audio_video]", "\x1b"],
        ),
        (
            Lang::En,
            &[
                "[document]",
                "[audio/video]",
                "[electronic data]",
                "[监控^[[31m录像]",
            ],
            &["[audio_video]", "[electronic]", "\x1b"],
        ),
    ];
    for (lang, want, never) in cases {
        let mut app = evidence_app(*lang);
        press(&mut app, "/7号\n\n");
        // Single pane at 80 columns: the evidence pane is the first.
        let all = rows(&app, 80, 40).join("\n");
        for w in *want {
            assert!(all.contains(w), "{lang:?}: {w} missing:\n{all}");
        }
        for n in *never {
            assert!(!all.contains(n), "{lang:?}: {n:?} shown:\n{all}");
        }
    }
}

#[test]
fn wrapped_evidence_hangs_under_its_text_not_under_its_number() {
    for lang in [Lang::Zh, Lang::En] {
        let mut app = evidence_app(lang);
        press(&mut app, "/7号\n\n");
        for (w, h) in [(80, 40), (120, 40)] {
            let screen = rows(&app, w, h);
            let at = screen
                .iter()
                .position(|r| r.contains("9. "))
                .unwrap_or_else(|| panic!("no item 9 at {w}x{h}:\n{}", screen.join("\n")));
            let item = &screen[at];
            let text_col = item.find("9. ").expect("number") + "9. ".len();
            let next = &screen[at + 1];
            // The continuation starts with blanks up to the text column, then text.
            let (indent, rest) = next.split_at(text_col);
            assert!(
                indent.trim_start_matches('│').trim().is_empty()
                    && !rest.starts_with(' ')
                    && !rest.starts_with('│'),
                "{lang:?} {w}x{h}: continuation not hung:\n{item}\n{next}"
            );
            // The hash is never split: it is a Latin word.
            assert!(
                screen[at..at + 4].iter().any(|r| r.contains("#a27032e0")),
                "{lang:?} {w}x{h}:\n{}",
                screen[at..at + 4].join("\n")
            );
        }
    }
}

#[test]
fn dashboard_shows_the_title_and_whole_owner_names_when_wide() {
    // (language, size, must appear, must not)
    type Row<'a> = (Lang, (u16, u16), &'a [&'a str], &'a [&'a str]);
    let cases: &[Row] = &[
        (
            Lang::Zh,
            (120, 40),
            &["局主要负责人", "某加工厂对罚款", "标题"],
            &["局主要负…"],
        ),
        (
            Lang::En,
            (120, 40),
            &[
                "chief",
                "某加工厂对罚款",
                "sanction · 孙强 · circulated criticism",
            ],
            &[],
        ),
        // At 80 columns the title gives way; the owner still reads whole.
        (
            Lang::Zh,
            (80, 24),
            &["局主要负责人", "卧应急责〔2026〕12号"],
            &["局主要负…", "某加工厂"],
        ),
        // English words are longer: the due date and the state give way before the
        // obligation that tells two rows apart (issue 8); days left still say when.
        (
            Lang::En,
            (80, 24),
            &["chief", "sanction · 孙强 · circulated criticism", "3d"],
            &["某加工厂"],
        ),
    ];
    for (lang, (w, h), want, never) in cases {
        let app = common::ui::app("wangl", *lang);
        let all = rows(&app, *w, *h).join("\n");
        for s in *want {
            assert!(all.contains(s), "{lang:?} {w}x{h}: {s} missing:\n{all}");
        }
        for s in *never {
            assert!(!all.contains(s), "{lang:?} {w}x{h}: {s} shown:\n{all}");
        }
    }
}

#[test]
fn popups_sit_on_a_blank_background() {
    // (who, keys opening the popup)
    let cases: &[(&str, &str)] = &[("wangl", "?"), ("wangl", "/7号\n\ne"), ("liuf", "n")];
    for (who, keys) in cases {
        for lang in [Lang::Zh, Lang::En] {
            let mut app = common::ui::app(who, lang);
            press(&mut app, keys);
            for (w, h) in SIZES {
                let screen = rows(&app, w, h);
                // Every body row is blank, or blank-bordered-blank: nothing of the pane
                // beneath shows beside the popup (its border at column 0 least of all).
                // The body ends where the status line (naming the user) begins; a standing
                // warning may wrap below it.
                let body_end = screen
                    .iter()
                    .position(|r| r.contains(&format!("({who})")))
                    .expect("the status line");
                for (y, row) in screen[..body_end].iter().enumerate() {
                    let inner = row.trim();
                    let framed = inner.is_empty()
                        || (row.starts_with(' ')
                            && inner.starts_with(['┌', '│', '└'])
                            && inner.ends_with(['┐', '│', '┘']));
                    assert!(framed, "{who} {keys:?} {lang:?} {w}x{h} row {y}: {row:?}");
                }
                // A form takes every key: the screen's keys (q quits…) are not offered under it.
                if app.form.is_some() {
                    let footer = &screen[h as usize - 1];
                    assert!(footer.trim().is_empty(), "{who} {keys:?}: {footer}");
                }
            }
        }
    }
}

#[test]
fn a_late_report_blocked_only_by_its_missing_reason_opens_the_submit_form() {
    use culpa::domain::check::Blocker;
    use culpa::domain::check::GateState;
    use culpa::domain::model::Deliberation;

    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    let mut b = culpa::demo::demo(today).bundle;
    // Demo case 8 is past its 30 days and lacks only the team's deliberation and the reason.
    let case = b
        .cases
        .iter_mut()
        .find(|c| c.number.ends_with("〕8号"))
        .expect("demo case 8");
    let attendees = case
        .active_investigators(None)
        .iter()
        .map(|s| s.to_string())
        .collect();
    case.deliberation = Some(Deliberation {
        on: today,
        attendees,
        minutes: "一致同意处理意见。".into(),
    });
    for (lang, head, hint) in [
        (Lang::Zh, "须说明超期原因", "在表单中说明超期原因"),
        (
            Lang::En,
            "with the reason for the delay",
            "give the reason for the delay",
        ),
    ] {
        let backend = common::ui::backend(b.clone(), "wangl");
        let data =
            culpa::ui::data::Data::load(&culpa::ui::data::shared(backend), today).expect("load");
        let mut app = App::new(
            data,
            lang,
            today,
            culpa::ui::theme::Theme::new(true, false),
            culpa::ui::keymap::Keymap::default(),
        );
        press(&mut app, "/〕8号\n\nS");
        let check = &app.case.as_ref().expect("case open").derived.check;
        assert!(
            matches!(check.blockers[..], [Blocker::OverdueWithoutReason { .. }]),
            "precondition: only the reason is missing: {:?}",
            check.blockers
        );
        assert_eq!(check.gate(), GateState::NeedsReason);
        let screen = rows(&app, 120, 40);
        let all = screen.concat();
        assert!(
            all.contains(head) && all.contains(hint),
            "{lang:?}:\n{}",
            screen.join("\n")
        );
        assert!(screen[39].contains("Enter"), "{lang:?}: {}", screen[39]);
        // Enter opens the submit form, where the reason is written.
        press(&mut app, "\n");
        assert!(app.form.is_some(), "{lang:?}: {:?}", app.message);
    }
}

// ---- After the decision: the committee's decision beside the rules (issue 8) ----

/// Case 3 (decided), with the committee departing from the rules for one person: zhouh is
/// exempted although the rules say pursue.
fn decided_app(lang: Lang) -> App {
    let mut b = common::ui::bundle();
    let c = b
        .cases
        .iter_mut()
        .find(|c| c.number == "卧应急责〔2026〕3号")
        .expect("case 3");
    if let Some(d) = &mut c.decision {
        d.outcomes.insert(
            "zhouh".into(),
            culpa::domain::model::DecidedOutcome {
                grade: culpa::domain::model::Grade::Direct,
                exempted: true,
                sanctions: vec![],
            },
        );
    }
    let mut app = common::ui::app_from(&common::ui::backend(b, "chenj"), lang);
    press(&mut app, "2/3号\n\nlll");
    app
}

#[test]
fn the_decided_liability_panel_shows_the_decision_beside_the_rules() {
    for lang in [Lang::Zh, Lang::En] {
        let app = decided_app(lang);
        for (w, h) in SIZES {
            let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            t.draw(|f| draw(&app, f)).expect("draw");
            let l = if lang == Lang::Zh { "zh" } else { "en" };
            insta::assert_snapshot!(
                format!("liability_decided_{l}_{w}x{h}"),
                t.backend().to_string()
            );
            let text = rows(&app, w, h).join("\n");
            assert!(!text.contains("实时") && !text.contains("live"), "{text}");
        }
    }
}

// ---- 80×24 is a first-class size (issue 8 §5): one snapshot per case, with the fact that
// matters asserted beside it ----

fn key(app: &mut App, code: KeyCode) {
    app.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The screen at 80×24, as insta stores it, and as plain rows.
fn small(app: &App, name: &str) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    t.draw(|f| draw(app, f)).expect("draw");
    insta::assert_snapshot!(format!("small_{name}_80x24"), t.backend().to_string());
    rows(app, 80, 24)
}

#[test]
fn small_a_checklist_scrolls_to_follow_its_cursor() {
    let mut b = common::ui::bundle();
    for i in 1..=20 {
        b.people.push(culpa::domain::model::Person {
            login: format!("inv{i:02}"),
            name: format!("调查员{i:02}"),
            unit: "执法大队".into(),
            roles: vec![culpa::domain::model::Role::Investigator],
        });
    }
    let mut c = b.cases[0].clone();
    c.number = "卧应急责〔2026〕30号".into();
    c.team = None;
    c.interviews.clear();
    c.evidence.clear();
    c.findings = None;
    c.stage = culpa::domain::model::Stage::Accepted;
    b.cases.push(c);
    let mut app = common::ui::app_from(&common::ui::backend(b, "chenj"), Lang::Zh);
    press(&mut app, "2/30号\n\nt");
    assert!(app.form.is_some(), "the appointment form");
    // Into the checklist and down to its 20th row.
    for _ in 0..21 {
        key(&mut app, KeyCode::Down);
    }
    let screen = small(&app, "checklist_cursor").join("\n");
    // The row at the cursor (the last investigators, inv18 and on) is on screen; the
    // first ones have scrolled away.
    assert!(
        screen.contains("(inv19)") || screen.contains("(inv20)"),
        "{screen}"
    );
    assert!(!screen.contains("(inv01)"), "{screen}");
}

#[test]
fn small_a_long_refusal_wraps_whole_on_the_status_line() {
    // chenj approved the act of case 5: involved, he may not decide it (Art. 10(3)).
    let mut app = common::ui::app("chenj", Lang::Zh);
    press(&mut app, "2/5号\n\nD");
    let why = match &app.message {
        Some((culpa::ui::app::Level::Error, m)) => m.clone(),
        other => panic!("a refusal, got {other:?}"),
    };
    assert!(why.contains("回避"), "{why}");
    let screen: String = small(&app, "refusal_wraps").concat().replace(' ', "");
    assert!(
        screen.contains(&why.replace(' ', "")),
        "cut: {why}\n{screen}"
    );
}

#[test]
fn small_dashboard_rows_of_one_person_stay_distinguishable() {
    let mut b = common::ui::bundle();
    let c = b
        .cases
        .iter_mut()
        .find(|c| c.number == "卧应急责〔2026〕3号")
        .expect("case 3");
    if let Some(d) = &mut c.decision
        && let Some(o) = d.outcomes.get_mut("sunq")
    {
        o.sanctions = vec![
            culpa::domain::model::Measure::M11_1,
            culpa::domain::model::Measure::M11_2,
            culpa::domain::model::Measure::M11_4,
        ];
    }
    let app = common::ui::app_from(&common::ui::backend(b, "chenj"), Lang::Zh);
    let screen = small(&app, "dashboard_distinct");
    let sanction_rows: Vec<&String> = screen
        .iter()
        .filter(|r| r.contains("3号") && r.contains("执行处理"))
        .collect();
    assert_eq!(sanction_rows.len(), 3, "{screen:#?}");
    let mut distinct = sanction_rows.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        3,
        "rows must not look alike: {sanction_rows:#?}"
    );
}

#[test]
fn small_the_hint_bar_shows_the_roles_keys_first() {
    let mut app = common::ui::app("wangl", Lang::Zh);
    press(&mut app, "2/7号\n\n");
    let screen = small(&app, "hints_investigator");
    let footer = screen.last().expect("footer").clone();
    // The investigator's steps come first, before moving around and the palette.
    let pos = |k: &str| {
        footer
            .find(&format!(" {k} "))
            .unwrap_or_else(|| panic!("{k:?} not in {footer:?}"))
    };
    for k in ["f", "d", "S"] {
        assert!(pos(k) < pos(":"), "{k} before the palette: {footer}");
    }
    assert!(pos("e") < pos("Esc"), "{footer}");
}

#[test]
fn small_the_decision_form_shows_the_recusal_reason_whole() {
    // wuy decides case 5, whose act chenj approved: the form says why chenj must recuse
    // (Art. 10(3)), in full, under his name in both lists.
    let mut app = common::ui::app("wuy", Lang::Zh);
    press(&mut app, "2/5号\n\nD");
    assert!(app.form.is_some(), "{:?}", app.message);
    let screen = small(&app, "decision_recusal");
    let reasons = screen
        .iter()
        .filter(|r| r.contains("涉及本案：被调查人；批准人，应回避"))
        .count();
    assert_eq!(reasons, 2, "the reason is cut:\n{}", screen.join("\n"));
}

#[test]
fn small_a_standing_warning_is_shown_whole() {
    let mut app = common::ui::app("chenj", Lang::Zh);
    let w = culpa::ui::keymap::KeymapError {
        line: Some(3),
        detail: "unknown action \"frobnicate\" (did you mean \"filter\"?)".into(),
    }
    .message(Lang::Zh);
    app.warnings.push(w.clone());
    press(&mut app, "2");
    let screen: String = small(&app, "standing_warning").concat().replace(' ', "");
    assert!(screen.contains(&w.replace(' ', "")), "cut: {w}\n{screen}");
}

#[test]
fn the_decided_panel_marks_differences_in_ascii_too() {
    let mut app = decided_app(Lang::En);
    app.theme = culpa::ui::theme::Theme::new(true, true);
    let screen = rows(&app, 120, 40).join("\n");
    assert!(!screen.contains('≠'), "{screen}");
    assert!(screen.contains("* differs from the rules"), "{screen}");
    assert!(screen.contains("*   decided: direct, exempted"), "{screen}");
}

/// Issue 9: a recorded reason for a late handling opinion (Art. 10(3)) is shown on the case
/// view (the team pane), whole and wrapped, not only inside the forms; none, no heading.
#[test]
fn the_case_view_shows_a_recorded_overdue_reason() {
    const REASON: &str = "鉴定机构出具检测报告耗时二十日，调查组无法在期限内完成调查。";
    for (lang, heading) in [
        (Lang::Zh, "逾期报送原因（第十条第（三）项）"),
        (Lang::En, "Reason the opinion is late (Art. 10(3))"),
    ] {
        let mut b = common::ui::bundle();
        let case = b
            .cases
            .iter_mut()
            .find(|c| c.number.contains("7号"))
            .expect("case 7");
        case.overdue_reason = Some(REASON.into());
        let mut app = common::ui::app_from(&common::ui::backend(b, "wangl"), lang);
        press(&mut app, "/7号\n\n");
        let all = rows(&app, 120, 40).join("\n");
        assert!(all.contains(heading), "{lang:?}:\n{all}");
        // Wrapped to the pane: every character of it is on screen, in order.
        let shown: String = all
            .lines()
            .map(|l| l.split('│').nth(1).unwrap_or("").trim())
            .collect();
        assert!(shown.contains(REASON), "{lang:?}: the whole reason:\n{all}");

        // No reason recorded: no heading.
        let app = common::ui::app_from(&common::ui::backend(common::ui::bundle(), "wangl"), lang);
        let mut app = app;
        press(&mut app, "/7号\n\n");
        let all = rows(&app, 120, 40).join("\n");
        assert!(!all.contains(heading), "{lang:?}:\n{all}");
    }
}
