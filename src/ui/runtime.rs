//! The only impure part of the workbench: the terminal, the clock for polling, signals and
//! files. It feeds events to `App::update`, performs the effects it returns, and draws.

use std::collections::VecDeque;
use std::io::{self, Stdout};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::i18n::Lang;
use crate::i18n::ui as t;
use crate::ui::app::{App, Effect, Event, Refresh};
use crate::ui::backend::Backend;
use crate::ui::data::Data;
use crate::ui::draft_store::DraftStore;
use crate::ui::keymap::Keymap;
use crate::ui::term_out::TermOut;
use crate::ui::theme::{Colors, Theme};
use crate::workflow::{Command, WorkflowError};

/// How often another process's commits are looked for.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// Undo everything the guard did, step by step; each step is attempted even if one fails.
pub fn restore_terminal() {
    let mut out = io::stdout();
    // Always, whether or not it was asked for: a terminal left reporting clicks fills the
    // shell with escape codes.
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, cursor::Show);
    let _ = disable_raw_mode();
}

/// Raw mode, alternate screen, bracketed paste and (unless turned off) mouse reports for as
/// long as it lives.
pub struct TerminalGuard;

impl TerminalGuard {
    pub fn enter(mouse: bool) -> io::Result<TerminalGuard> {
        enable_raw_mode()?;
        let guard = TerminalGuard; // from here on, Drop restores
        execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(io::stdout(), ClicksAndWheel)?;
        }
        Ok(guard)
    }
}

/// Mouse reports for presses and the wheel only (1000), in SGR form (1006): no motion
/// tracking (crossterm's `EnableMouseCapture` adds 1002/1003, a report for every move of the
/// pointer — bandwidth over SSH for nothing this app uses).
struct ClicksAndWheel;

impl ratatui::crossterm::Command for ClicksAndWheel {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Say something on stderr without ever panicking: once the terminal has gone, stderr (the
/// same pty) fails with EIO, and `eprintln!` would turn that into a panic (exit 101) — which
/// is what made `tests/tui_hangup.rs` fail now and then ("failed printing to stderr:
/// Input/output error"), right after a frame had failed to draw on the closed pty and before
/// the open form was saved.
fn report(msg: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(io::stderr(), "culpa: {msg}");
}

/// Restore the terminal before the previous panic hook prints, so the message is readable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "culpa")
}

pub fn keys_path() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("keys.toml"))
}

/// `<data dir>/drafts/` (`~/.local/share/culpa/drafts/` on Linux).
pub fn drafts_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().join("drafts"))
}

pub fn run(session: crate::workflow::Session, lang: Lang, today: NaiveDate, theme: Theme) -> i32 {
    run_with(session, lang, today, theme, None, true)
}

/// Run on any backend. Exit code 0 when the user quits, 1 on a fatal error (printed after
/// the terminal is restored).
pub fn run_with<B: Backend + 'static>(
    backend: B,
    lang: Lang,
    today: NaiveDate,
    theme: Theme,
    locale_warning: Option<String>,
    mouse: bool,
) -> i32 {
    // Shared with the workbench, which reads its pages and cases through it.
    let backend = crate::ui::data::shared(backend);
    let data = match Data::load(&backend, today) {
        Ok(d) => d,
        Err(e) => {
            let dir = backend.borrow().directory().unwrap_or_default();
            report(e.message(&dir, lang));
            return 1;
        }
    };
    let (keymap, key_err) = keys_path().map_or((Keymap::default(), None), |p| Keymap::load(&p));
    let mut app = App::new(data, lang, today, theme, keymap);
    if let Some(w) = locale_warning {
        // Also on the normal screen, where it stays after the workbench ends.
        report(&w);
        app.warnings.insert(0, w);
    }
    if let Some(e) = key_err {
        app.warnings.push(e.message(lang));
    }
    let drafts = drafts_dir().map(|d| DraftStore::new(d, &app.data.db_label, &app.data.me.login));
    if let Some(store) = &drafts {
        app.drafts = store.load();
        // A form the dropped link interrupted is offered back at once.
        app.draft_offer = app.drafts.iter().rev().find(|d| d.hangup).cloned();
    }

    let hup = Arc::new(AtomicBool::new(false));
    let term = Arc::new(AtomicBool::new(false));
    let tstp = Arc::new(AtomicBool::new(false));
    for (sig, flag) in [
        (signal_hook::consts::SIGHUP, &hup),
        (signal_hook::consts::SIGTERM, &term),
        (signal_hook::consts::SIGINT, &term),
        // Job control (`kill -TSTP`): give the terminal back before stopping.
        (signal_hook::consts::SIGTSTP, &tstp),
    ] {
        let _ = signal_hook::flag::register(sig, Arc::clone(flag));
    }
    install_panic_hook();
    let guard = match TerminalGuard::enter(mouse) {
        Ok(g) => g,
        Err(e) => {
            report(e);
            return 1;
        }
    };
    let done = Arc::new(AtomicBool::new(false));
    watch_terminal(Arc::clone(&hup), Arc::clone(&done));
    let out = TermOut::new(io::stdout(), app.theme.colors == Colors::Basic);
    let code = match Terminal::new(CrosstermBackend::new(out)) {
        Ok(mut terminal) => event_loop(
            &mut terminal,
            &backend,
            &mut app,
            drafts.as_ref(),
            Signals {
                hup: &hup,
                term: &term,
                tstp: &tstp,
            },
            mouse,
        ),
        Err(e) => Err(e),
    };
    // A terminal that fails to draw or read has gone (the link dropped between two checks of
    // the watcher): end as a hang-up does, keeping the open form, never losing it to an error.
    let code = match code {
        Err(_) if hup.load(Ordering::Relaxed) || terminal_gone() => {
            if let Some(mut d) = app.draft()
                && let Some(store) = &drafts
            {
                d.hangup = true;
                if let Err(e) = store.save(&d) {
                    report(format_args!("draft not saved: {e}"));
                }
            }
            Ok(())
        }
        other => other,
    };
    done.store(true, Ordering::Relaxed);
    drop(guard);
    match code {
        Ok(()) => 0,
        Err(e) => {
            report(e);
            1
        }
    }
}

/// How often the watcher looks whether the terminal is still there.
const WATCH_EVERY: Duration = Duration::from_millis(250);

/// crossterm 0.29 reads the terminal in a loop that ends only on input or "would block".
/// Once the terminal is gone (hung up: every read is end-of-file) it spins in that loop
/// for ever, at full CPU, and the event loop never runs again — no key, signal or timeout
/// gets it back, so the hangup could not even save the draft. This watcher notices the
/// terminal has gone (SIGHUP, or the size ioctl failing, as it does on a hung-up terminal
/// that sent no signal), raises the hangup flag, and puts an empty non-blocking pipe in
/// place of stdin: the spinning read then "would block", crossterm returns, and the loop
/// saves the draft and quits. (crossterm reads stdin when stdin is the terminal, as it is
/// for `culpa` run in one.)
fn watch_terminal(hup: Arc<AtomicBool>, done: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("culpa-terminal-watch".into())
        .spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let gone = hup.load(Ordering::Relaxed)
                    || ratatui::crossterm::terminal::window_size().is_err();
                if gone {
                    hup.store(true, Ordering::Relaxed);
                    unblock_stdin();
                    return;
                }
                std::thread::sleep(WATCH_EVERY);
            }
        });
    if let Err(e) = spawned {
        // Without the watcher a dropped link still ends on SIGHUP in most cases.
        report(format_args!("terminal watcher not started: {e}"));
    }
}

/// Whether the terminal is no longer there (its size can no longer be asked).
fn terminal_gone() -> bool {
    ratatui::crossterm::terminal::window_size().is_err()
}

/// Replace stdin by the read end of an empty non-blocking pipe whose write end stays open
/// (a closed one would read as end-of-file again).
fn unblock_stdin() {
    use nix::fcntl::OFlag;
    if let Ok((read, write)) = nix::unistd::pipe2(OFlag::O_NONBLOCK | OFlag::O_CLOEXEC)
        && nix::unistd::dup2_stdin(&read).is_ok()
    {
        std::mem::forget(write);
    }
}

/// The signals the event loop answers.
struct Signals<'a> {
    hup: &'a AtomicBool,
    term: &'a AtomicBool,
    tstp: &'a AtomicBool,
}

type Term = Terminal<CrosstermBackend<TermOut<Stdout>>>;

/// Stop like any job (Ctrl-Z outside a form, or SIGTSTP): the terminal is given back first —
/// raw mode, the alternate screen, paste and mouse reports, as on exit — and taken again,
/// whole, when the shell continues the job.
fn suspend(terminal: &mut Term, mouse: bool) -> io::Result<()> {
    restore_terminal();
    let _ = nix::sys::signal::raise(nix::sys::signal::Signal::SIGSTOP);
    // Continued (SIGCONT).
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(io::stdout(), ClicksAndWheel)?;
    }
    // Forget what was drawn (an empty frame leaves ratatui's last buffer blank), wipe the
    // screen, and let the caller draw everything again. Not `Terminal::clear`: it asks the
    // terminal where the cursor is and waits for an answer some terminals never send.
    terminal.draw(|_| {})?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
        cursor::Hide
    )
}

/// Ctrl-Z suspends, except in a form, where it undoes typing.
fn is_suspend(ev: &Event, app: &App) -> bool {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    matches!(ev, Event::Key(k) if k.code == KeyCode::Char('z')
        && k.modifiers.contains(KeyModifiers::CONTROL)
        && k.kind != KeyEventKind::Release)
        && app.form.is_none()
}

fn event_loop(
    terminal: &mut Term,
    backend: &crate::ui::data::Shared,
    app: &mut App,
    drafts: Option<&DraftStore>,
    sig: Signals<'_>,
    mouse: bool,
) -> io::Result<()> {
    let Signals { hup, term, tstp } = sig;
    terminal.draw(|f| crate::ui::draw::draw(app, f))?;
    let mut seen = app.data.version;
    let mut last_poll = Instant::now();
    loop {
        if tstp.swap(false, Ordering::Relaxed) {
            suspend(terminal, mouse)?;
            terminal.draw(|f| crate::ui::draw::draw(app, f))?;
        }
        let mut batch = Vec::new();
        // A dropped link (SIGHUP) and a shutdown or `kill` (SIGTERM, SIGINT) both end the
        // session; either way an open form is kept as a draft, since typed text is lost
        // otherwise.
        if hup.load(Ordering::Relaxed) || term.load(Ordering::Relaxed) {
            batch.push(Event::Hangup);
        } else {
            let wait = POLL_EVERY.saturating_sub(last_poll.elapsed());
            if event::poll(wait)? {
                // Take everything already queued; of a burst of resizes only the last counts.
                batch.extend(translate(event::read()?));
                while event::poll(Duration::ZERO)? {
                    batch.extend(translate(event::read()?));
                }
                let last_resize = batch.iter().rposition(|e| matches!(e, Event::Resize(..)));
                let mut i = 0;
                batch.retain(|e| {
                    i += 1;
                    !matches!(e, Event::Resize(..)) || Some(i - 1) == last_resize
                });
            }
            if last_poll.elapsed() >= POLL_EVERY {
                last_poll = Instant::now();
                // Another process committed: reload without losing the user's place.
                let version = backend.borrow().data_version();
                if let Ok(v) = version
                    && v != seen
                {
                    batch.push(refresh(&*backend.borrow(), app));
                }
            }
        }
        if let Some(i) = batch.iter().position(|e| is_suspend(e, app)) {
            batch.remove(i);
            suspend(terminal, mouse)?;
            terminal.draw(|f| crate::ui::draw::draw(app, f))?;
        }
        if batch.is_empty() {
            continue;
        }
        let mut quit = false;
        let mut effects: VecDeque<Effect> = VecDeque::new();
        for ev in batch {
            effects.extend(app.update(ev));
            while let Some(eff) = effects.pop_front() {
                match eff {
                    Effect::Quit => quit = true,
                    Effect::Refresh => {
                        let ev = refresh(&*backend.borrow(), app);
                        effects.extend(app.update(ev));
                    }
                    Effect::Execute(cmd) => {
                        let ev = execute(&mut *backend.borrow_mut(), app, cmd);
                        effects.extend(app.update(ev));
                    }
                    Effect::SaveDraft(d) => {
                        if let Some(store) = drafts {
                            if let Err(e) = store.save(&d) {
                                let dir = store.dir().display().to_string();
                                app.warnings.push(t::draft_not_saved(&dir, &e, app.lang));
                            }
                            effects.extend(app.update(Event::Drafts(store.load())));
                        }
                    }
                    Effect::Search(q) => {
                        let hits = (backend.borrow())
                            .search(&q, crate::ui::search::LIMIT)
                            .unwrap_or_default();
                        effects.extend(app.update(Event::Searched(q, hits)));
                    }
                    Effect::LoadExtra(case) => {
                        let b = backend.borrow();
                        let x = crate::ui::detail::Extra {
                            files: b.evidence_files(&case).unwrap_or_default(),
                            history: b.history(&case).unwrap_or_default(),
                            case,
                        };
                        drop(b);
                        effects.extend(app.update(Event::Extra(Box::new(x))));
                    }
                    Effect::DeleteDraft(key) => {
                        if let Some(store) = drafts {
                            let _ = store.delete(&key);
                            effects.extend(app.update(Event::Drafts(store.load())));
                        }
                    }
                }
            }
        }
        seen = app.data.version;
        if quit {
            return Ok(());
        }
        terminal.draw(|f| crate::ui::draw::draw(app, f))?;
    }
}

/// Bring the snapshot up to date: by revision (only the changed cases) when the backend can
/// say what changed, else a fresh start (the actor, the directory, the pages: nothing that
/// grows with the number of cases).
pub fn refresh<B: Backend + ?Sized>(backend: &B, app: &App) -> Event {
    let fetch = || -> Result<Option<Refresh>, WorkflowError> {
        // The version first: a commit landing meanwhile is seen at the next poll.
        let version = backend.data_version()?;
        let Some(changes) = backend.changes_since(app.data.rev)? else {
            return Ok(None);
        };
        Ok(Some(Refresh {
            changes,
            dir: backend.directory()?,
            version,
        }))
    };
    match fetch() {
        Ok(Some(r)) => Event::Changed(Box::new(r)),
        Ok(None) => load(app),
        Err(e) => Event::LoadFailed(e.message(&app.data.dir, app.lang)),
    }
}

/// Run a command; a stale replacing edit comes back with the case's history, so the app
/// can say who changed it and when. (Public so tests can perform an app's effects as the
/// event loop does, on either backend.)
pub fn execute<B: Backend + ?Sized>(backend: &mut B, app: &App, cmd: Command) -> Event {
    match backend.execute(cmd, app.today) {
        Ok(a) => Event::Executed(Ok(a)),
        Err(e @ WorkflowError::Conflict { .. }) => {
            let history = match &e {
                WorkflowError::Conflict { case, .. } => backend.history(case).unwrap_or_default(),
                _ => Vec::new(),
            };
            Event::Conflict {
                message: e.message(&app.data.dir, app.lang),
                history,
            }
        }
        Err(e) => Event::Executed(Err(e.message(&app.data.dir, app.lang))),
    }
}

fn load(app: &App) -> Event {
    match Data::load(&app.data.src, app.today) {
        Ok(d) => Event::Loaded(Box::new(d)),
        Err(e) => Event::LoadFailed(e.message(&app.data.dir, app.lang)),
    }
}

fn translate(ev: event::Event) -> Option<Event> {
    match ev {
        event::Event::Key(k) => Some(Event::Key(k)),
        event::Event::Paste(s) => Some(Event::Paste(s)),
        event::Event::Resize(w, h) => Some(Event::Resize(w, h)),
        event::Event::Mouse(m) if crate::ui::mouse::wanted(&m) => Some(Event::Mouse(m)),
        _ => None,
    }
}
