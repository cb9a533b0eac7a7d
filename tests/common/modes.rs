//! One test body, both modes (issue 7: "snapshot and e2e tests run in both modes"). A
//! screen test builds its [`App`] from a bundle through [`Modes::app`], once per [`Mode`]:
//!
//! - [`Mode::Direct`]: the bundle written to a SQLite file and opened in-process (a
//!   `workflow::Session`, as `culpa --db` does);
//! - [`Mode::Served`]: that file served by the real service code (`service::run`, what
//!   `culpa serve` runs after binding) on a temporary socket in this process, and read
//!   through `service::Client`, the workbench's `Backend` over the socket.
//!
//! Each mode's screen is asserted against the SAME snapshot file, so any difference between
//! the modes fails the test. The one thing that must differ — the status line's name of
//! where the records are (a temp path, a socket) — is set to [`LABEL`] in both.
//!
//! (`common::ui`'s `MemoryBackend` is a viewer without access control: it shows every case
//! to everyone. These tests use the real workflow, so an investigator sees their team's
//! cases only, exactly as on the server.)

use std::os::unix::net::UnixListener;
use std::path::{Path, PathBuf};

use culpa::domain::calendar::Calendar;
use culpa::domain::model::Bundle;
use culpa::i18n::Lang;
use culpa::service::{Client, ClientOptions, ServeOptions};
use culpa::store::Store;
use culpa::ui::app::App;
use culpa::ui::backend::Backend;
use culpa::ui::data::{Data, shared};
use culpa::ui::keymap::Keymap;
use culpa::ui::theme::Theme;
use culpa::workflow::Session;

/// Where the records come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Direct,
    Served,
}

pub const MODES: [Mode; 2] = [Mode::Direct, Mode::Served];

/// What the status line calls the records in both modes (see the module doc).
pub const LABEL: &str = "culpa.db";

/// Says which mode a failing assertion ran in (insta names only the snapshot).
pub struct InMode(pub Mode);

impl Drop for InMode {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("^^^ failed in {:?} mode", self.0);
        }
    }
}

/// Serve `db` with the real service code on a socket in `dir`, from a thread that lives until
/// the test binary ends. A demo service: the test process may act `--as` anyone.
pub fn serve(db: &Path, dir: &Path) -> PathBuf {
    let socket = dir.join("culpa.sock");
    let listener = UnixListener::bind(&socket).expect("bind");
    let opts = ServeOptions {
        db: db.to_path_buf(),
        label: "modes".into(),
        demo: true,
        allow_as: Vec::new(),
        demo_today: None,
    };
    std::thread::spawn(move || culpa::service::run(listener, opts));
    socket
}

/// A client of the service at `socket`, acting as `actor`.
pub fn client(socket: &Path, actor: &str) -> Client {
    Client::connect(
        socket,
        ClientOptions {
            lang: Lang::En,
            as_login: Some(actor.into()),
            today: None,
            calendars: Vec::new(),
            calendar: Calendar::builtin(),
        },
    )
    .expect("connect to the service")
}

/// A bundle as both backends: in a demo database file, and that file served on a socket by
/// a service thread (which lives until the test binary ends).
pub struct Modes {
    _dir: tempfile::TempDir,
    pub db: PathBuf,
    pub socket: PathBuf,
}

impl Modes {
    /// Write `bundle` to a fresh demo database (people, relations and cases straight through
    /// the store, so that fixtures dated after the real today are kept as they are) and
    /// start serving it.
    pub fn new(bundle: &Bundle) -> Modes {
        let dir = tempfile::Builder::new()
            .prefix("culpa-modes")
            .tempdir()
            .expect("tempdir");
        let db = dir.path().join("culpa.db");
        let mut store = Store::create(&db, true).expect("create the demo database");
        store
            .write(|tx| {
                tx.add_directory(&bundle.people, &bundle.relations)?;
                tx.insert_cases(&bundle.cases)?;
                Ok::<_, culpa::store::StoreError>(())
            })
            .expect("write the bundle");
        drop(store);
        let socket = serve(&db, dir.path());
        Modes {
            _dir: dir,
            db,
            socket,
        }
    }

    /// A direct session as `actor`.
    pub fn session(&self, actor: &str) -> Session {
        Session::open(&self.db, Some(actor)).expect("open the database")
    }

    /// A client of the service as `actor`.
    pub fn client(&self, actor: &str) -> Client {
        client(&self.socket, actor)
    }

    /// The workbench as `actor` on `mode`'s backend, loaded as the runtime loads it.
    pub fn app(&self, mode: Mode, actor: &str, lang: Lang) -> App {
        self.app_on(mode, actor, lang, super::today())
    }

    /// [`Modes::app`] with another today.
    pub fn app_on(&self, mode: Mode, actor: &str, lang: Lang, today: chrono::NaiveDate) -> App {
        let mut data = match mode {
            Mode::Direct => Data::load(&shared(self.session(actor)), today),
            Mode::Served => Data::load(&shared(self.client(actor)), today),
        }
        .expect("load the snapshot");
        assert_eq!(data.me.login, actor, "{mode:?}: acting as {actor}");
        data.db_label = LABEL.into();
        App::new(
            data,
            lang,
            today,
            Theme::new(true, false),
            Keymap::default(),
        )
    }
}
