//! Driving the real `culpa` binary in a pseudo-terminal: a demo database made through the
//! library, one process per user (`--as LOGIN`), keystrokes in, the screen parsed by vt100.
//!
//! Every wait polls the parsed screen until a text appears (or ~10 s pass, then the test
//! fails with the last screen); nothing is asserted on timing.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The fixed date every process is told is today.
/// The pty tests drive the demo, whose records run to the middle of March 2026.
pub const TODAY: &str = "2026-03-16";
pub const COLS: u16 = 120;
pub const ROWS: u16 = 40;
/// How long a wait may last before the test fails with the screen.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub fn today() -> NaiveDate {
    super::date(TODAY)
}

/// Keys as the terminal sends them.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    /// Shift-Tab: the previous field (from the first, the last).
    pub const BACKTAB: &str = "\x1b[Z";
    pub const DOWN: &str = "\x1b[B";
    /// PgDn: the next section of a form.
    pub const PGDN: &str = "\x1b[6~";
    pub const UP: &str = "\x1b[A";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const BACKSPACE: &str = "\x7f";
    /// Ctrl-S: submit the open form.
    pub const SUBMIT: &str = "\x13";
    /// Ctrl-U: clear the text before the cursor (a picker's filter).
    pub const CLEAR: &str = "\x15";
}

/// A temporary home for one test: the database, and config/data dirs of its own so the
/// user's keys.toml or a saved draft never leaks in.
pub struct World {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    /// Served mode: the workbench finds this service through `CULPA_SERVER` (no `--db`,
    /// no `--today`: the service dates every write) instead of opening `db`.
    pub server: Option<PathBuf>,
    /// Command keys pressed in this world's workbenches so far (typed text and login
    /// switches are not counted): issue 8 asks one case's whole life to take at most 120.
    keys: Arc<AtomicUsize>,
}

impl World {
    /// A demo database made by the real binary: `culpa --db X --today D demo --no-open`.
    pub fn demo() -> World {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("culpa.db");
        let w = World {
            dir,
            db,
            server: None,
            keys: Arc::default(),
        };
        let out = w.culpa(&["demo", "--no-open"]);
        assert!(
            out.status.success(),
            "culpa demo failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        w
    }

    /// A world whose workbenches and command line are clients of the service at `socket`
    /// (served mode): its own home, no database of its own.
    pub fn served(socket: PathBuf) -> World {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("not-opened-in-served-mode.db");
        World {
            dir,
            db,
            server: Some(socket),
            keys: Arc::default(),
        }
    }

    /// Run the CLI on this world's database (today fixed, English, the test's own home);
    /// in served mode through the service (no `--db`, no `--today`: the service's day).
    pub fn culpa(&self, args: &[&str]) -> std::process::Output {
        let mut cmd = Process::new(env!("CARGO_BIN_EXE_culpa"));
        match &self.server {
            None => {
                cmd.arg("--db").arg(&self.db).args(["--today", TODAY]);
                cmd.env_remove("CULPA_SERVER");
            }
            Some(socket) => {
                cmd.env("CULPA_SERVER", socket);
            }
        }
        cmd.args(["--lang", "en"])
            .args(args)
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join("config"))
            .env("XDG_DATA_HOME", self.home().join("data"))
            .env_remove("CULPA_DB")
            .output()
            .expect("run culpa")
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// Where `directories` puts drafts on Linux: `$XDG_DATA_HOME/culpa/drafts/`.
    pub fn drafts_dir(&self) -> PathBuf {
        self.home().join("data/culpa/drafts")
    }

    /// Every draft file's text, one after the other (empty: no draft).
    pub fn drafts(&self) -> String {
        let mut out = String::new();
        if let Ok(entries) = std::fs::read_dir(self.drafts_dir()) {
            for e in entries.flatten() {
                out.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
        out
    }

    /// Command keys pressed in this world's workbenches so far.
    pub fn command_keys(&self) -> usize {
        self.keys.load(Ordering::SeqCst)
    }

    /// Start the workbench as `login`.
    pub fn tui(&self, login: &str) -> Tui {
        Tui::start(self, login)
    }

    /// `culpa --db X --as liuf export` parsed (every case).
    pub fn export(&self) -> serde_json::Value {
        let out = self.culpa(&["--as", "liuf", "export"]);
        assert!(
            out.status.success(),
            "culpa export failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("export prints JSON")
    }

    /// The exported case with this title.
    pub fn case_titled(&self, title: &str) -> serde_json::Value {
        let all = self.export();
        let cases = all["cases"].as_array().cloned().unwrap_or_default();
        cases
            .into_iter()
            .find(|c| c["title"] == title)
            .unwrap_or_else(|| panic!("no exported case is titled {title:?}"))
    }
}

/// One workbench process in a pseudo-terminal.
pub struct Tui {
    pub login: String,
    /// The world's command-key counter.
    keys: Arc<AtomicUsize>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the workbench wrote, as written.
    raw: Arc<Mutex<Vec<u8>>>,
    /// None once the terminal was closed ([`Tui::hang_up`]).
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    // Kept alive: dropping the master closes the terminal.
    master: Option<Box<dyn MasterPty + Send>>,
    /// The reader thread holds a copy of the master; told to stop, it lets go of it after
    /// its next read.
    stop_reading: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Tui {
    fn start(world: &World, login: &str) -> Tui {
        Tui::start_with(world, login, true)
    }

    /// Start without making the pty the process's controlling terminal: closing it then
    /// sends no SIGHUP, the terminal just goes away (as under some SSH and multiplexer
    /// setups).
    pub fn start_detached(world: &World, login: &str) -> Tui {
        Tui::start_with(world, login, false)
    }

    fn start_with(world: &World, login: &str, controlling_tty: bool) -> Tui {
        Tui::start_env(world, login, controlling_tty, &[], &[])
    }

    /// Start with extra command-line arguments and environment (`TERM`, `LANG`, …).
    pub fn start_env(
        world: &World,
        login: &str,
        controlling_tty: bool,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_culpa"));
        match &world.server {
            None => {
                cmd.arg("--db");
                cmd.arg(world.db.as_os_str());
                cmd.args(["--today", TODAY]);
                cmd.env_remove("CULPA_SERVER");
            }
            Some(socket) => cmd.env("CULPA_SERVER", socket),
        }
        for a in ["--as", login, "--lang", "en"] {
            cmd.arg(a);
        }
        let home = world.home();
        cmd.env("TERM", "xterm-256color");
        // A UTF-8 locale whatever the test runner has (a C locale gets ASCII chrome).
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("COLORTERM");
        for a in args {
            cmd.arg(a);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env_remove("CULPA_DB");
        cmd.cwd(world.dir.path());
        cmd.set_controlling_tty(controlling_tty);
        let child = pty.slave.spawn_command(cmd).expect("start culpa");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let sink = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let raw_sink = Arc::clone(&raw);
        let stop_reading = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stop_reading);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !stop.load(Ordering::SeqCst) {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if let Ok(mut p) = sink.lock() {
                            p.process(&buf[..n]);
                        }
                        if let Ok(mut r) = raw_sink.lock() {
                            r.extend_from_slice(&buf[..n]);
                        }
                    }
                }
            }
        });
        let tui = Tui {
            login: login.to_string(),
            keys: Arc::clone(&world.keys),
            parser,
            raw,
            writer: Some(writer),
            child,
            master: Some(pty.master),
            stop_reading,
            reader: Some(reader),
        };
        // The status line names the user once the first frame is drawn.
        tui.wait_for(&format!("({login})"));
        tui
    }

    /// Everything the workbench wrote to its terminal so far, escape sequences and all.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// The text of the highlighted (reverse-video) list row, if any.
    pub fn selected_row(&self) -> Option<String> {
        let p = self.parser.lock().ok()?;
        let screen = p.screen();
        let rows: Vec<String> = screen.rows(0, COLS).collect();
        (0..ROWS).find_map(|r| {
            // Column 1, just inside the border (the second half of a wide character
            // carries no attributes in vt100).
            let inverse = screen.cell(r, 1).is_some_and(|c| c.inverse());
            inverse.then(|| rows[usize::from(r)].clone())
        })
    }

    /// The screen line of the highlighted list row, if any.
    pub fn selected_line(&self) -> Option<u16> {
        let p = self.parser.lock().ok()?;
        (0..ROWS).find(|r| p.screen().cell(*r, 1).is_some_and(|c| c.inverse()))
    }

    /// Move the queue's selection down until its row contains `needle`.
    pub fn select_row(&mut self, needle: &str) {
        for _ in 0..ROWS {
            let now = self.selected_row();
            if now.as_deref().is_some_and(|r| r.contains(needle)) {
                return;
            }
            self.send("j");
            self.wait_until("the selection to move", |_| self.selected_row() != now);
        }
        panic!("no queue row contains {needle:?}\n{}", self.dump());
    }

    fn dump(&self) -> String {
        let rows: Vec<String> = self
            .screen()
            .lines()
            .enumerate()
            .map(|(i, l)| format!("{i:>2}│{l}"))
            .collect();
        format!(
            "--- screen of {} ({COLS}×{ROWS}) ---\n{}\n---",
            self.login,
            rows.join("\n")
        )
    }

    /// Press one command key (raw terminal bytes: a letter, Tab, Enter, an arrow…); counted in
    /// [`World::command_keys`].
    pub fn send(&mut self, keys: &str) {
        self.keys.fetch_add(1, Ordering::SeqCst);
        self.write_raw(keys);
    }

    /// Write bytes to the terminal without counting them as a command key (typed text, the
    /// key that ends a login).
    fn write_raw(&mut self, keys: &str) {
        let Some(w) = self.writer.as_mut() else {
            panic!("typing into {}'s closed terminal", self.login);
        };
        w.write_all(keys.as_bytes())
            .and_then(|()| w.flush())
            .unwrap_or_else(|e| {
                panic!(
                    "typing into {}'s terminal: {e}\n{}",
                    self.login,
                    self.dump()
                )
            });
    }

    /// Type text one character per write, as a person would (so no burst is mistaken for a
    /// paste or an escape sequence).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let mut b = [0u8; 4];
            self.write_raw(c.encode_utf8(&mut b));
        }
    }

    /// Esc alone: wait until the app has seen it before typing on, so it cannot merge with
    /// the next key into an Alt chord.
    pub fn esc_then(&mut self, expect: &str) {
        self.send(key::ESC);
        self.wait_for(expect);
    }

    /// Esc alone, then wait until `text` has left the screen (see [`Tui::esc_then`]).
    pub fn esc_until_gone(&mut self, text: &str) {
        self.send(key::ESC);
        self.wait_gone(text);
    }

    /// Poll the screen until `pred` holds; fail with `what` and the screen after PATIENCE.
    pub fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "{} waited {PATIENCE:?} for {what}\n{}",
                    self.login,
                    self.dump()
                );
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Wait until `text` is on screen; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| s.contains(text))
    }

    /// Wait until `text` is no longer on screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go away"), |s| !s.contains(text))
    }

    /// Assert `text` is on the screen now (after a wait made it current).
    pub fn assert_on_screen(&self, text: &str) {
        assert!(
            self.screen().contains(text),
            "expected {text:?} on {}'s screen\n{}",
            self.login,
            self.dump()
        );
    }

    /// Press Tab `n` times and wait until the field labelled `label` has the focus marker.
    pub fn tab_to(&mut self, n: usize, label: &str) {
        for _ in 0..n {
            self.send(key::TAB);
        }
        self.wait_for(&format!("> {label}"));
    }

    /// Queue screen, filter to `needle`, stop editing: the matching case is selected.
    pub fn select_case(&mut self, needle: &str) {
        self.send("2");
        self.wait_for("Filter:");
        self.send("/");
        self.type_text(needle);
        self.send(key::ENTER);
        self.wait_until(
            &format!("the queue filtered to {needle:?} with one row"),
            |s| s.contains(&format!("Filter: {needle}")) && s.contains(" 1 of "),
        );
    }

    /// Jump to the case whose number or title contains `needle` (`#`, the text, Enter): the
    /// case view opens on it.
    pub fn open_case(&mut self, needle: &str) {
        self.send("#");
        self.wait_for("Go to a case");
        self.type_text(needle);
        self.send(key::ENTER);
        self.wait_until(&format!("the case matching {needle:?} open"), |s| {
            s.contains("Stage: ") && !s.contains("Go to a case")
        });
    }

    /// Wait for the form titled `title` to be open (its border carries the title).
    pub fn wait_form(&self, title: &str) -> String {
        self.wait_for(&format!("┌ {title} "))
    }

    /// Submit the open form (Ctrl-S) and wait for the app to confirm it was saved.
    pub fn submit_form(&mut self, title: &str) {
        self.send(key::SUBMIT);
        let border = format!("┌ {title} ");
        self.wait_until(&format!("the {title:?} form saved"), |s| {
            s.contains("Saved.") && !s.contains(&border)
        });
    }

    /// Submit a form whose step cannot be undone (deciding, closing): the summary asks for
    /// confirmation, `y` gives it.
    pub fn submit_and_confirm(&mut self, title: &str) {
        self.send(key::SUBMIT);
        self.wait_for("Confirm: this cannot be undone");
        self.send("y");
        let border = format!("┌ {title} ");
        self.wait_until(&format!("the {title:?} form saved"), |s| {
            s.contains("Saved.") && !s.contains(&border)
        });
    }

    /// Close the terminal under the workbench (the link drops) and wait for the process to
    /// end by itself; its exit status.
    pub fn hang_up(&mut self) -> portable_pty::ExitStatus {
        // Every copy of the master must close. The reader's copy is let go once its blocked
        // read returns: stop it, then make the workbench draw — an empty bracketed paste
        // changes nothing, but every frame writes at least the cursor's state.
        self.stop_reading.store(true, Ordering::SeqCst);
        self.write_raw("\x1b[200~\x1b[201~");
        let start = Instant::now();
        while self.reader.as_ref().is_some_and(|r| !r.is_finished()) {
            assert!(
                start.elapsed() < PATIENCE,
                "{}'s pty reader never stopped\n{}",
                self.login,
                self.dump()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        self.reader.take();
        self.writer.take();
        self.master.take();
        let start = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return status,
                Ok(None) if start.elapsed() < PATIENCE => {
                    std::thread::sleep(Duration::from_millis(25))
                }
                _ => panic!(
                    "{}'s workbench kept running {PATIENCE:?} after its terminal closed\n{}",
                    self.login,
                    self.dump()
                ),
            }
        }
    }

    /// A mouse event as the terminal reports it in SGR form (mode 1006): `button` 0 is the
    /// left button, 64/65 the wheel up/down; `column` and `row` count from 0 like the
    /// screen. Not a command key.
    pub fn mouse(&mut self, button: u8, column: u16, row: u16) {
        let (x, y) = (column + 1, row + 1);
        self.write_raw(&format!("\x1b[<{button};{x};{y}M"));
        if button < 64 {
            self.write_raw(&format!("\x1b[<{button};{x};{y}m"));
        }
    }

    /// The workbench's process id (to signal it).
    pub fn pid(&self) -> i32 {
        self.child.process_id().expect("a running workbench") as i32
    }

    /// Quit as [`Tui::quit`] does, and return everything written to the terminal once the
    /// terminal guard's last sequence (showing the cursor again) has been read.
    pub fn quit_with_output(self) -> Vec<u8> {
        let raw = std::sync::Arc::clone(&self.raw);
        self.quit();
        let start = Instant::now();
        loop {
            let out = raw.lock().map(|r| r.clone()).unwrap_or_default();
            let tail = out.len().saturating_sub(64);
            if out[tail..].windows(6).any(|w| w == b"\x1b[?25h") || start.elapsed() > PATIENCE {
                return out;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Quit and wait for the process to end with status 0.
    pub fn quit(mut self) {
        // Ending a login is a login switch, not a command key.
        self.write_raw("q");
        let start = Instant::now();
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    assert!(
                        status.success(),
                        "{} exited with {status:?}\n{}",
                        self.login,
                        self.dump()
                    );
                    return;
                }
                Ok(None) if start.elapsed() < PATIENCE => {
                    std::thread::sleep(Duration::from_millis(25))
                }
                _ => panic!("{} did not quit on q\n{}", self.login, self.dump()),
            }
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        // A failed test must not leave a workbench running.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub fn path_str(p: &Path) -> String {
    p.display().to_string()
}
