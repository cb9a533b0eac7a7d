//! Served mode against direct mode at 100,000 cases (issue 7: a keystroke over the service
//! within 1.5× of direct). The service runs in this process on a temporary socket
//! (`service::run`, the same code `culpa serve` runs after binding); the client is
//! `service::Client`, the workbench's `Backend` over the socket.
//!
//! - `keystroke`: ↓ in the queue, update + draw at 120×40, on an app loaded from each
//!   backend (a keystroke touches only the snapshot, so the mode should not matter);
//! - `write`: one command (an interview appended) executed through each backend — the
//!   keystroke that saves a form;
//! - `refresh`: the workbench's refresh after another user's commit, as its event loop
//!   does it (`ui::runtime::refresh`: the changes since its revision, absorbed; served: only
//!   the changed case crosses the socket);
//! - `deadlines`: what `culpa deadlines` does — open (a session, or a connection and its
//!   handshake), then the open obligations from the stored projection (served: the
//!   `OpenObligations` request; no case list crosses the socket).
//!
//! Run: `cargo bench --bench served`.

#[path = "support/bigdb.rs"]
mod bigdb;

use std::hint::black_box;
use std::os::unix::net::UnixListener;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use culpa::domain::calendar::Calendar;
use culpa::domain::conflict::involvement;
use culpa::domain::model::{Interview, InterviewKind, Stage};
use culpa::i18n::Lang;
use culpa::service::{Client, ClientOptions, ServeOptions};
use culpa::ui::app::{App, Event, Screen};
use culpa::ui::backend::Backend;
use culpa::ui::data::Data;
use culpa::ui::keymap::Keymap;
use culpa::ui::theme::Theme;
use culpa::workflow::{Command, Session};

use bigdb::{CASES, database, today};

/// The legal office sees every case.
const USER: &str = "liuf";
/// The demo case that two of its team append interviews to, if it still suits (see
/// [`hearing`]).
const FIRST_CHOICE: &str = "卧应急责〔2026〕7号";

/// Start the service on a fresh socket (a demo service: `--as` allowed).
fn service(db: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let socket = dir.path().join("culpa.sock");
    let listener = UnixListener::bind(&socket).expect("bind");
    let opts = ServeOptions {
        db: db.to_path_buf(),
        label: "bench".into(),
        demo: true,
        allow_as: Vec::new(),
        demo_today: None,
    };
    std::thread::spawn(move || culpa::service::run(listener, opts));
    (dir, socket)
}

fn client(socket: &Path, login: &str) -> Client {
    Client::connect(
        socket,
        ClientOptions {
            lang: Lang::Zh,
            as_login: Some(login.into()),
            today: None,
            calendars: Vec::new(),
            calendar: Calendar::builtin(),
        },
    )
    .expect("connect to the service")
}

fn app<B: Backend + 'static>(backend: B) -> App {
    let data = Data::load(&culpa::ui::data::shared(backend), today()).expect("load the snapshot");
    App::new(
        data,
        Lang::Zh,
        today(),
        Theme::new(true, false),
        Keymap::default(),
    )
}

fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn down(app: &mut App, term: &mut Terminal<TestBackend>) {
    let last = app.queue.list.rows().len().saturating_sub(1);
    if app.queue.list.selected >= last && !app.queue.list.page.more_after {
        black_box(app.update(key(KeyCode::Home)));
    }
    black_box(app.update(key(KeyCode::Down)));
    term.draw(|f| culpa::ui::draw::draw(app, f))
        .expect("draw into the test backend");
}

/// Two team members of an investigating demo case who count at a hearing (Art. 10(2): two
/// or more, none recused, none involved), read from the database so that the bench follows
/// the demo data: the case and its interviewers.
fn hearing(db: &Path) -> (String, Vec<String>) {
    let s = Session::open(db, Some(USER)).expect("open");
    let relations = Backend::directory(&s)
        .expect("directory")
        .relations()
        .to_vec();
    let pick = |case: &culpa::domain::model::Case| -> Option<Vec<String>> {
        let counted: Vec<String> = case
            .team
            .as_ref()?
            .members
            .iter()
            .filter(|m| !case.recusals.iter().any(|r| &r.person == *m))
            .filter(|m| involvement(m, case, &relations).is_empty())
            .cloned()
            .collect();
        (counted.len() >= 2).then_some(counted)
    };
    let first = s.case(FIRST_CHOICE).ok().and_then(|r| {
        (r.case.stage == Stage::Investigating)
            .then(|| pick(&r.case).map(|t| (r.case.number, t)))
            .flatten()
    });
    first.unwrap_or_else(|| {
        s.cases()
            .expect("cases")
            .into_iter()
            .filter(|r| r.case.stage == Stage::Investigating)
            .find_map(|r| pick(&r.case).map(|t| (r.case.number, t)))
            .expect("an investigating demo case with two counted members")
    })
}

fn interview(n: u64, (case, interviewers): &(String, Vec<String>)) -> Command {
    Command::RecordInterview {
        case: case.clone(),
        interview: Interview {
            on: today(),
            kind: InterviewKind::Witness,
            interviewee: "证人".into(),
            interviewers: interviewers.to_vec(),
            transcript: format!("基准测试 {n}"),
            signed: true,
            waived: false,
        },
    }
}

/// What `culpa deadlines` does on a backend: the open obligations of every case the user
/// may open (`Backend::open_obligations`: direct, one indexed query of the stored
/// projection; served, the `OpenObligations` request, answered by the service from that
/// projection — no case list crosses the socket).
fn deadlines<B: Backend>(b: &B) -> usize {
    let (obligations, _uncovered) = b.open_obligations(today(), false).expect("deadlines");
    obligations.len()
}

fn bench(c: &mut Criterion) {
    let db = database();
    let (_dir, socket) = service(&db);
    let direct = Session::open(&db, Some(USER)).expect("open");
    let served = client(&socket, USER);

    let mut g = c.benchmark_group("served_100k");
    g.measurement_time(Duration::from_secs(5));
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let (mut app_direct, mut app_served) = (
        app(Session::open(&db, Some(USER)).expect("open")),
        app(client(&socket, USER)),
    );
    for (name, a) in [("direct", &mut app_direct), ("served", &mut app_served)] {
        black_box(a.update(key(KeyCode::Char('2'))));
        assert_eq!(a.screen, Screen::Queue);
        assert!(
            a.queue.list.counts.all as usize > CASES,
            "every case is listed"
        );
        g.bench_function(format!("keystroke_down/{name}"), |b| {
            b.iter(|| down(a, &mut term))
        });
    }

    let team = hearing(&db);
    let mut direct_inv = Session::open(&db, Some(&team.1[0])).expect("open");
    let mut served_inv = client(&socket, &team.1[0]);
    let mut n = 0;
    g.bench_function("write_interview/direct", |b| {
        b.iter(|| {
            n += 1;
            Backend::execute(&mut direct_inv, interview(n, &team), today()).expect("write")
        })
    });
    g.bench_function("write_interview/served", |b| {
        b.iter(|| {
            n += 1;
            served_inv
                .execute(interview(n, &team), today())
                .expect("write")
        })
    });
    // What the workbench does after someone else's commit (the event loop's refresh):
    // one interview by the investigator, then the legal office's workbench asks for the
    // changes since its revision and absorbs them (served: only the changed case crosses
    // the socket; direct: read by revision from the database).
    g.bench_function("refresh_after_one_change/direct", |b| {
        b.iter(|| {
            n += 1;
            Backend::execute(&mut direct_inv, interview(n, &team), today()).expect("write");
            let ev = culpa::ui::runtime::refresh(&direct, &app_direct);
            assert!(matches!(ev, Event::Changed(_)), "absorbed, not reloaded");
            black_box(app_direct.update(ev))
        })
    });
    g.bench_function("refresh_after_one_change/served", |b| {
        b.iter(|| {
            n += 1;
            served_inv
                .execute(interview(n, &team), today())
                .expect("write");
            let ev = culpa::ui::runtime::refresh(&served, &app_served);
            assert!(matches!(ev, Event::Changed(_)), "absorbed, not reloaded");
            black_box(app_served.update(ev))
        })
    });
    g.finish();

    // `culpa deadlines` from start to answer: open (a session, or a connection and its
    // handshake), then every open obligation the legal office may see, most urgent first.
    let mut g = c.benchmark_group("served_100k_deadlines");
    g.sample_size(20);
    g.measurement_time(Duration::from_secs(10));
    let open = deadlines(&Session::open(&db, Some(USER)).expect("open"));
    assert_eq!(
        open,
        deadlines(&client(&socket, USER)),
        "both modes answer alike"
    );
    assert!(open > 1_000, "a real answer: {open} obligations");
    g.bench_function("deadlines_query/direct", |b| {
        b.iter(|| deadlines(&Session::open(&db, Some(USER)).expect("open")))
    });
    g.bench_function("deadlines_query/served", |b| {
        b.iter(|| deadlines(&client(&socket, USER)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
