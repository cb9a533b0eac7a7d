//! The deadline dashboard: every open obligation, most urgent first (the domain's order),
//! coloured by state. The first screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{block, window};
use crate::domain::deadlines::DeadlineState;
use crate::i18n::ui::{self as t, Msg};
use crate::ui::app::App;
use crate::ui::text::{fit, sanitize, width};
use crate::workflow::listing::DashRow;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let th = &app.theme;
    let filter = if app.dash.only_mine {
        t::msg(Msg::OnlyMine, lang)
    } else {
        t::msg(Msg::Everyone, lang)
    };
    let title = format!(
        " {} · {} · {} ",
        t::msg(Msg::Dashboard, lang),
        filter,
        t::counts_line(app.dash.list.counts.all, app.dash.list.counts.shown, lang)
    );
    let b = block(th, &title, true);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    // The calendar gap, said whole (wrapped): it is why the due dates may be off.
    let warn_rows: Vec<String> = if app.data.uncovered.is_empty() {
        Vec::new()
    } else {
        let years: Vec<i32> = app.data.uncovered.iter().copied().collect();
        let text = format!("⚠ {}", t::uncovered(&years, lang));
        crate::ui::text::wrap(&text, inner.width as usize)
    };
    let warn_h = warn_rows.len().min(usize::from(inner.height / 2)) as u16;
    let [warn, head, list] = Layout::vertical([
        Constraint::Length(warn_h),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    if warn_h > 0 {
        let lines: Vec<Line> = warn_rows.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(lines).style(th.warn()), warn);
    }
    // Only the rows on screen are built and measured: a keystroke costs the window, not
    // every open obligation (issue 10; at 100,000 cases sizing every row took 0.3 s a key).
    let page = app.dash.list.rows();
    let range = window(app.dash.list.selected, page.len(), list.height as usize);
    let rows: Vec<Cells> = page[range.clone()].iter().map(|r| cells(app, r)).collect();
    let header = Cells {
        case: t::msg(Msg::ColCase, lang).to_string(),
        title: t::msg(Msg::ColTitle, lang).to_string(),
        kind: t::msg(Msg::ColKind, lang).to_string(),
        due: t::msg(Msg::ColDue, lang).to_string(),
        days: t::msg(Msg::ColDays, lang).to_string(),
        state: t::msg(Msg::ColState, lang).to_string(),
        owner: t::msg(Msg::ColOwner, lang).to_string(),
    };
    // One column left free before the border, so the last cell never touches it.
    let widths = Widths::new(&header, &rows, (inner.width as usize).saturating_sub(1));
    frame.render_widget(Paragraph::new(widths.line(&header)).style(th.muted()), head);
    if page.is_empty() {
        frame.render_widget(Paragraph::new(t::msg(Msg::NoObligations, lang)), list);
        return;
    }
    let first = range.start;
    app.hits.borrow_mut().list = Some((list, first));
    let mut lines = Vec::new();
    for pos in range {
        let o = &page[pos].obligation;
        let mut style = match o.state {
            DeadlineState::Overdue => th.error(),
            DeadlineState::DueSoon => th.warn(),
            DeadlineState::Open => Style::new(),
        };
        if pos == app.dash.list.selected {
            style = style.patch(th.selected());
        }
        lines.push(Line::from(Span::styled(
            widths.line(&rows[pos - first]),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// One row's cells, sanitized, before they are fitted to the columns.
struct Cells {
    case: String,
    title: String,
    kind: String,
    due: String,
    days: String,
    state: String,
    owner: String,
}

fn cells(app: &App, row: &DashRow) -> Cells {
    let lang = app.lang;
    let o = &row.obligation;
    let mut kind = t::obligation_step(o, lang).to_string();
    if let Some(p) = &o.person {
        kind = format!("{kind} · {}", app.data.dir.name(p));
    }
    // The measure by name, not by article: the citations of Art. 11 share their first eight
    // characters, so two sanctions of one person would look the same once cut.
    if let Some(m) = o.measure {
        kind = format!("{kind} · {}", t::measure(m, lang));
    }
    // A role owns the step until a person does: the role's name, else the person's.
    let owner = app.owner_name(&o.owner);
    // Users know their cases by title; the number alone is hard to recognise.
    let title = row.title.as_str();
    Cells {
        case: sanitize(&o.case).into_owned(),
        title: sanitize(title).into_owned(),
        kind: sanitize(&kind).into_owned(),
        due: o.due.to_string(),
        days: t::days_left(o.days_left, lang),
        state: t::state(o.state, lang).to_string(),
        owner: sanitize(&owner).into_owned(),
    }
}

/// Below this many columns for title and obligation together, the title is left out.
const TITLE_ROOM: usize = 30;
/// The title keeps at least this many columns (eight Chinese characters and "…") when shown.
const TITLE_MIN: usize = 17;
/// Widest the case number and owner columns grow (a long imported name is cut).
const MAX_CASE: usize = 24;
const MAX_OWNER: usize = 16;

/// Column widths sized by content: the short columns as wide as their widest cell, the rest
/// shared between the case title and the obligation (the title only when there is room).
struct Widths {
    case: usize,
    title: usize,
    kind: usize,
    due: usize,
    days: usize,
    state: usize,
    owner: usize,
    gap: usize,
}

impl Widths {
    fn new(header: &Cells, rows: &[Cells], total: usize) -> Widths {
        let widest = |f: fn(&Cells) -> &str| {
            std::iter::once(header)
                .chain(rows)
                .map(|c| width(f(c)))
                .max()
                .unwrap_or(0)
        };
        let case = widest(|c| &c.case).min(MAX_CASE);
        let due = widest(|c| &c.due);
        let days = widest(|c| &c.days);
        let state = widest(|c| &c.state);
        let owner = widest(|c| &c.owner).min(MAX_OWNER);
        let fixed = case + due + days + state + owner;
        // Two spaces between columns when the title fits (six gaps), one otherwise (five).
        let wide_rest = total.saturating_sub(fixed + 2 * 6);
        if wide_rest >= TITLE_ROOM {
            let kind_max = widest(|c| &c.kind);
            let title_max = widest(|c| &c.title);
            // The obligation is what the dashboard is about: it is cut last. The title keeps
            // enough to be recognised and takes whatever is left.
            let kind = kind_max.min(wide_rest.saturating_sub(title_max.min(TITLE_MIN)));
            return Widths {
                case,
                title: wide_rest - kind,
                kind,
                due,
                days,
                state,
                owner,
                gap: 2,
            };
        }
        // Narrow: what tells the rows apart (the obligation: whose, which measure) is never
        // cut. The due date goes first (the days left say when), then the state (the days
        // left and the row's colour say it), before a character of the obligation.
        let kind_max = widest(|c| &c.kind);
        let mut w = Widths {
            case,
            title: 0,
            kind: 0,
            due,
            days,
            state,
            owner,
            gap: 1,
        };
        for drop in [None, Some(0), Some(1)] {
            match drop {
                Some(0) => w.due = 0,
                Some(_) => w.state = 0,
                None => {}
            }
            let shown = [w.case, w.due, w.days, w.state, w.owner];
            let gaps = shown.iter().filter(|c| **c > 0).count();
            let used: usize = shown.iter().sum::<usize>() + gaps;
            w.kind = total.saturating_sub(used).max(1);
            if w.kind >= kind_max {
                break;
            }
        }
        w
    }

    fn line(&self, c: &Cells) -> String {
        let mut cols = vec![fit(&c.case, self.case)];
        if self.title > 0 {
            cols.push(fit(&c.title, self.title));
        }
        cols.push(fit(&c.kind, self.kind));
        for (text, w) in [
            (&c.due, self.due),
            (&c.days, self.days),
            (&c.state, self.state),
        ] {
            if w > 0 {
                cols.push(fit(text, w));
            }
        }
        cols.push(fit(&c.owner, self.owner));
        cols.join(&" ".repeat(self.gap))
    }
}
