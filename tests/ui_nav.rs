//! Moving around (issue 8): pages and ends, numeric sort, `m` in the queue, Tab through the
//! views, Esc back to where you came from, the palette and the jump to a case, the real
//! cursor in the filter, pane scrolling that stops at the end.

mod common;

use common::ui::{app, press, render};
use culpa::i18n::Lang;
use culpa::ui::app::Screen;
use culpa::ui::forms::Step;

fn queue_numbers(a: &culpa::ui::app::App) -> Vec<String> {
    a.queue
        .list
        .rows()
        .iter()
        .map(|r| r.number.clone())
        .collect()
}

fn serial(n: &str) -> u32 {
    let digits: String = n
        .rsplit('〕')
        .next()
        .unwrap_or(n)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().expect("a serial")
}

#[test]
fn the_queue_sorts_case_numbers_as_numbers() {
    let mut a = app("liuf", Lang::En);
    press(&mut a, "2s");
    assert_eq!(a.queue.sort, 1, "the second sort is by number");
    let serials: Vec<u32> = queue_numbers(&a).iter().map(|n| serial(n)).collect();
    let mut sorted = serials.clone();
    sorted.sort_unstable();
    assert_eq!(serials, sorted, "10号 after 9号, not before 1号");
    assert!(serials.contains(&12) && serials.contains(&3), "{serials:?}");
}

#[test]
fn ends_and_pages_move_the_selection_within_the_list() {
    let mut a = app("liuf", Lang::En);
    press(&mut a, "2G");
    let last = a.queue.list.rows().len() - 1;
    assert_eq!(a.queue.list.selected, last);
    press(&mut a, "j");
    assert_eq!(a.queue.list.selected, last, "never past the end");
    press(&mut a, "g");
    assert_eq!(a.queue.list.selected, 0);
    press(&mut a, "\u{4}");
    assert_eq!(a.queue.list.selected, last.min(a.page_rows()));
    press(&mut a, "\u{5}\u{5}");
    assert_eq!(a.queue.list.selected, 0);
    press(&mut a, "1G");
    assert_eq!(a.dash.list.selected, a.dash.list.rows().len() - 1);
}

#[test]
fn case_panes_stop_scrolling_at_their_last_line() {
    let mut a = app("wangl", Lang::En);
    // The liability panel, alone at 80 columns, is longer than the screen.
    press(&mut a, "/7号\n\nlll");
    assert_eq!(a.screen, Screen::Case);
    render(&a, 80, 24);
    let max = a
        .case
        .as_ref()
        .map(|c| c.max_scroll[3].get())
        .expect("case");
    assert!(max > 0, "the panel is longer than the screen");
    press(&mut a, &"j".repeat(200));
    assert_eq!(a.case.as_ref().map(|c| c.scroll[3]), Some(max));
    press(&mut a, "G");
    assert_eq!(a.case.as_ref().map(|c| c.scroll[3]), Some(max));
    press(&mut a, "k");
    assert_eq!(
        a.case.as_ref().map(|c| c.scroll[3]),
        Some(max.saturating_sub(1)),
        "one line up from the end, not from 200 lines past it"
    );
}

#[test]
fn m_in_the_queue_shows_only_my_cases() {
    let mut a = app("wangl", Lang::En);
    press(&mut a, "2");
    let all = queue_numbers(&a);
    press(&mut a, "m");
    let mine = queue_numbers(&a);
    assert!(
        !mine.is_empty() && mine.len() < all.len(),
        "{mine:?} of {all:?}"
    );
    assert!(
        mine.iter().any(|n| n.contains("7号")),
        "wangl investigates 7号"
    );
    let (screen, _) = render(&a, 80, 24);
    assert!(screen[0].contains("only mine"), "{}", screen[0]);
    press(&mut a, "m");
    assert_eq!(queue_numbers(&a), all);
}

#[test]
fn tab_cycles_the_views_and_esc_goes_back_where_you_came_from() {
    let mut a = app("wangl", Lang::En);
    assert_eq!(a.screen, Screen::Dashboard);
    press(&mut a, "\t");
    assert_eq!(a.screen, Screen::Queue);
    press(&mut a, "\t");
    assert_eq!(a.screen, Screen::Dashboard, "no case open: two views");
    // A case opened from the dashboard: Esc returns to the dashboard, on that case's row.
    press(&mut a, "G\n");
    assert_eq!(a.screen, Screen::Case);
    let opened = a.case.as_ref().map(|c| c.number.clone()).expect("open");
    press(&mut a, "\u{1b}");
    assert_eq!(a.screen, Screen::Dashboard);
    let row = a.dash.key().map(|k| k.case);
    assert_eq!(row.as_deref(), Some(opened.as_str()));
    // With a case open, Tab reaches it too.
    press(&mut a, "\t\t");
    assert_eq!(a.screen, Screen::Case);
}

#[test]
fn esc_from_a_jumped_to_case_drops_a_filter_that_hides_it() {
    let mut a = app("liuf", Lang::En);
    press(&mut a, "/9号\n");
    assert_eq!(a.queue.list.rows().len(), 1);
    press(&mut a, "#12\n");
    assert_eq!(a.screen, Screen::Case);
    assert!(a.case.as_ref().is_some_and(|c| c.number.contains("12号")));
    press(&mut a, "\u{1b}");
    assert_eq!(a.screen, Screen::Queue);
    assert!(a.queue.filter.is_empty(), "the stale filter is gone");
    assert!(
        a.queue
            .selected_number()
            .is_some_and(|n| n.contains("12号"))
    );
}

#[test]
fn the_palette_lists_what_is_allowed_now_filtered_as_you_type() {
    let mut a = app("wangl", Lang::En);
    press(&mut a, "/7号\n\n:");
    let labels: Vec<String> = a.palette_entries().into_iter().map(|e| e.1).collect();
    assert!(labels.iter().any(|l| l == "findings"), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l == "accept"),
        "an investigator is not offered acceptance: {labels:?}"
    );
    press(&mut a, "evid");
    let labels: Vec<String> = a.palette_entries().into_iter().map(|e| e.1).collect();
    assert_eq!(labels, ["add evidence"]);
    let (screen, cursor) = render(&a, 80, 24);
    assert!(screen.iter().any(|r| r.contains(": evid")), "{screen:#?}");
    assert!(cursor.is_some(), "the real cursor is in the palette's line");
    press(&mut a, "\n");
    assert!(a.palette.is_none());
    assert_eq!(a.form.as_ref().map(|f| f.kind()), Some(Step::AddEvidence));
}

#[test]
fn the_filter_uses_the_real_terminal_cursor() {
    let mut a = app("liuf", Lang::Zh);
    press(&mut a, "/9号");
    let (screen, cursor) = render(&a, 80, 24);
    let (x, y) = cursor.expect("the cursor is shown while typing");
    let row = &screen[usize::from(y)];
    assert!(row.contains("9号"), "{row}");
    assert!(!screen.concat().contains('▏'), "no drawn cursor");
    // Just after the typed text: "筛选: 9号" is 1 + 4 + 2 + 3 columns from the border.
    assert_eq!(x, 1 + 6 + 3, "{row}");
    press(&mut a, "\n");
    let (_, cursor) = render(&a, 80, 24);
    assert_eq!(cursor, None, "not editing: no cursor");
}

#[test]
fn question_mark_in_a_form_lists_the_form_keys() {
    let mut a = app("wangl", Lang::En);
    press(&mut a, "/7号\n\nf");
    assert_eq!(a.form.as_ref().map(|f| f.kind()), Some(Step::Findings));
    press(&mut a, "?");
    assert!(a.help);
    let (rows, _) = render(&a, 80, 24);
    let text = rows.join("\n");
    assert!(
        text.contains("Form keys") && text.contains("Ctrl-S"),
        "{text}"
    );
    press(&mut a, "x");
    assert!(!a.help, "any key closes the list");
    assert!(a.form.is_some(), "and the form stays");
    // In a text field ? is text.
    let mut b = app("liuf", Lang::En);
    press(&mut b, "n?");
    assert!(!b.help);
}

#[test]
fn dashboard_rows_keep_what_tells_them_apart_at_80x24() {
    for (lang, measure) in [
        (Lang::En, "sanction · 孙强 · circulated criticism"),
        (Lang::Zh, "执行处理 · 孙强 · 通报批评"),
    ] {
        let a = app("chenj", lang);
        let (rows, _) = render(&a, 80, 24);
        let text = rows.join("\n").replace(' ', "");
        assert!(
            text.contains(&measure.replace(' ', "")),
            "{lang:?}: the measure is cut\n{}",
            rows.join("\n")
        );
    }
}

#[test]
fn pgdn_and_pgup_jump_between_the_sections_of_the_findings() {
    let mut a = app("wangl", Lang::En);
    press(&mut a, "/7号\n\nf");
    let focus = |a: &culpa::ui::app::App| a.form.as_ref().map(|f| f.focused()).unwrap_or("");
    assert_eq!(focus(&a), "r5.1");
    press(&mut a, "\u{4}");
    assert!(focus(&a).starts_with("r7."), "{}", focus(&a));
    press(&mut a, "\u{4}");
    assert_eq!(focus(&a), "fault_types");
    press(&mut a, "\u{4}");
    assert_eq!(focus(&a), "cleared");
    press(&mut a, "\u{5}\u{5}");
    assert!(focus(&a).starts_with("r7."), "{}", focus(&a));
    press(&mut a, "\u{5}");
    assert_eq!(focus(&a), "r5.1");
}

// ---- The mouse (issue 8): crossterm's own events fed to the update function ----

mod mouse {
    use super::common::ui::{app, press, render};
    use culpa::i18n::Lang;
    use culpa::ui::app::{App, Event, Screen};
    use culpa::ui::forms::Step;
    use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

    fn at(kind: MouseEventKind, column: u16, row: u16) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    }

    fn click(a: &mut App, column: u16, row: u16) {
        a.update(at(MouseEventKind::Down(MouseButton::Left), column, row));
    }

    fn wheel(a: &mut App, down: bool, column: u16, row: u16) {
        let kind = if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        };
        a.update(at(kind, column, row));
    }

    /// The screen row showing `needle` (after a render at 80×24).
    fn row_of(a: &App, needle: &str) -> u16 {
        let (rows, _) = render(a, 80, 24);
        rows.iter()
            .position(|r| r.replace(' ', "").contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not on screen:\n{}", rows.join("\n")))
            as u16
    }

    #[test]
    fn a_click_selects_the_row_under_it_and_a_second_click_opens_it() {
        let mut a = app("liuf", Lang::En);
        press(&mut a, "2");
        let target = a.queue.list.rows()[2].number.clone();
        let y = row_of(&a, &target);
        click(&mut a, 10, y);
        assert_eq!(a.queue.list.selected, 2, "the row clicked");
        assert_eq!(a.screen, Screen::Queue);
        // Below the last row, on the border, on the header: nothing.
        render(&a, 80, 24);
        for (x, y) in [(10, 23), (0, y), (10, 1)] {
            click(&mut a, x, y);
            assert_eq!(a.queue.list.selected, 2, "({x},{y})");
        }
        click(&mut a, 10, y);
        assert_eq!(
            a.screen,
            Screen::Case,
            "a click on the selected row opens it"
        );
        assert_eq!(a.case.as_ref().map(|c| c.number.clone()), Some(target));
    }

    #[test]
    fn the_wheel_moves_the_list_and_is_clamped() {
        let mut a = app("liuf", Lang::En);
        render(&a, 80, 24);
        wheel(&mut a, true, 10, 10);
        let n = a.dash.list.rows().len();
        assert_eq!(a.dash.list.selected, 3.min(n - 1), "one notch, three rows");
        for _ in 0..50 {
            wheel(&mut a, true, 10, 10);
        }
        assert_eq!(a.dash.list.selected, n - 1, "never past the end");
        for _ in 0..50 {
            wheel(&mut a, false, 10, 10);
        }
        assert_eq!(a.dash.list.selected, 0);
        // A click on a dashboard row selects it too: the second row shown.
        render(&a, 80, 24);
        let (area, first) = a.hits.borrow().list.expect("the dashboard's rows");
        assert_eq!(first, 0);
        click(&mut a, area.x + 5, area.y + 1);
        assert_eq!(a.dash.list.selected, 1);
        assert_eq!(a.screen, Screen::Dashboard);
    }

    #[test]
    fn in_a_case_a_click_focuses_a_pane_and_the_wheel_scrolls_the_pane_under_it() {
        let mut a = app("wangl", Lang::En);
        press(&mut a, "/7号\n\n");
        assert_eq!(a.screen, Screen::Case);
        // 120×40 shows the four panes as a grid.
        let (rows, _) = render(&a, 120, 40);
        let y = rows
            .iter()
            .position(|r| r.contains("Liability"))
            .expect("the liability pane") as u16;
        let row = &rows[y as usize];
        // One char per cell in these rows (a wide character's second cell is a space).
        let x = row[..row.find("Liability").expect("x")].chars().count() as u16;
        click(&mut a, x, y + 2);
        assert_eq!(
            a.case.as_ref().map(|c| c.pane),
            Some(3),
            "liability focused"
        );
        // Scroll it: it has more lines than rows at 80×24 (one pane at a time there).
        render(&a, 80, 24);
        let max = a
            .case
            .as_ref()
            .map(|c| c.max_scroll[3].get())
            .expect("case");
        assert!(max > 0, "the liability pane overflows at 80x24");
        wheel(&mut a, true, 10, 12);
        assert_eq!(a.case.as_ref().map(|c| c.scroll[3]), Some(3.min(max)));
        for _ in 0..50 {
            wheel(&mut a, true, 10, 12);
        }
        assert_eq!(a.case.as_ref().map(|c| c.scroll[3]), Some(max), "clamped");
        wheel(&mut a, false, 10, 12);
        assert_eq!(
            a.case.as_ref().map(|c| c.scroll[3]),
            Some(max.saturating_sub(3))
        );
    }

    #[test]
    fn the_wheel_scrolls_a_detail_view_and_a_form_ignores_the_mouse() {
        let mut a = app("wangl", Lang::En);
        press(&mut a, "/7号\n\n\n");
        assert!(a.records.is_some(), "the record list");
        wheel(&mut a, true, 10, 10);
        let sel = a.records.as_ref().map(|r| r.selected).expect("list");
        assert!(sel > 0, "the wheel moves the record list");
        // A form: clicks and the wheel change nothing.
        let mut a = app("wangl", Lang::En);
        press(&mut a, "/7号\n\ne");
        assert_eq!(a.form.as_ref().map(|f| f.kind()), Some(Step::AddEvidence));
        render(&a, 80, 24);
        let before = a.form.as_ref().map(|f| (f.focused(), f.values()));
        click(&mut a, 10, 10);
        wheel(&mut a, true, 10, 10);
        assert_eq!(a.form.as_ref().map(|f| (f.focused(), f.values())), before);
    }
}

#[test]
fn culpa_no_mouse_env_turns_the_mouse_off() {
    use culpa::ui::mouse::disabled_by_env;
    let env = |v: Option<&'static str>| {
        move |k: &str| {
            (k == "CULPA_NO_MOUSE")
                .then_some(v)
                .flatten()
                .map(String::from)
        }
    };
    assert!(!disabled_by_env(env(None)));
    assert!(!disabled_by_env(env(Some(""))));
    assert!(!disabled_by_env(env(Some("0"))));
    assert!(disabled_by_env(env(Some("1"))));
}
