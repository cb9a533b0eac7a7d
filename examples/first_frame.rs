//! The workbench's first frame on a database, timed once from a standing start: open the
//! session, load what the first screen needs, build the app at 120×40 and draw it — what a
//! user waits for after typing `culpa`, less the terminal. Criterion's `first_frame`
//! (`benches/keystroke.rs`) repeats it with the pages in memory; this measures the one run
//! that matters on a cold page cache (issue 10: ≤ 250 ms at 1,000,000 cases):
//!
//! ```text
//! cargo build --release --example first_frame
//! sync; echo 3 > /proc/sys/vm/drop_caches   # as root: forget every cached page
//! target/release/examples/first_frame DB [LOGIN] [YYYY-MM-DD]
//! ```

use std::path::Path;
use std::time::Instant;

use culpa::i18n::Lang;
use culpa::ui::app::{App, Event};
use culpa::ui::data::{Data, shared};
use culpa::ui::keymap::Keymap;
use culpa::ui::theme::Theme;
use culpa::workflow::Session;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: first_frame DB [LOGIN] [YYYY-MM-DD]";
    let db = args.next().ok_or(usage)?;
    let login = args.next().unwrap_or_else(|| "liuf".to_string());
    let today = match args.next() {
        Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")?,
        None => chrono::NaiveDate::from_ymd_opt(2026, 3, 16).ok_or("date")?,
    };
    let t = Instant::now();
    let session = Session::open(Path::new(&db), Some(&login))?;
    let opened = t.elapsed();
    let data = Data::load(&shared(session), today)?;
    let loaded = t.elapsed();
    let mut app = App::new(
        data,
        Lang::Zh,
        today,
        Theme::new(true, false),
        Keymap::default(),
    );
    app.update(Event::Resize(120, 40));
    let built = t.elapsed();
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| culpa::ui::draw::draw(&app, f))?;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "first frame {:.1} ms (open {:.1}, load {:.1}, first pages {:.1}, draw {:.1})",
        ms(t.elapsed()),
        ms(opened),
        ms(loaded - opened),
        ms(built - loaded),
        ms(t.elapsed() - built)
    );
    Ok(())
}
