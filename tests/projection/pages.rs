//! Issue 10, the paged lists: `Session`'s queue and dashboard pages and counts, answered from
//! the store's indexes, equal the reference answer (`workflow::listing` over every case the
//! reader may open, the `Backend` defaults) — after random command sequences, for random
//! queries, anchors and limits, for readers of every reach, both when the candidates are few
//! (sorted in memory) and when every page is a keyset walk (cap 0).

use chrono::NaiveDate;

use culpa::domain::Directory;
use culpa::domain::calendar::Calendar;
use culpa::domain::liability::PriorOutcome;
use culpa::domain::model::Person;
use culpa::store::{AuditEntry, SearchHit};
use culpa::ui::backend::Backend;
use culpa::workflow::listing::{Anchor, ListCounts, ObligationKey, QueueQuery, QueueSort};
use culpa::workflow::pages::PAGE_CAP;
use culpa::workflow::{Applied, CaseRecord, Command, EvidenceFile, Session, WorkflowError};

use super::{CHIEF, INVESTIGATORS, LEGAL, Rng, command, demo_db, today};

/// The reference: a session seen only through the `Backend` defaults (every case loaded,
/// obligations judged by the domain).
struct Reference<'a>(&'a Session);

impl Backend for Reference<'_> {
    fn actor(&self) -> &Person {
        self.0.actor()
    }
    fn db_label(&self) -> String {
        String::new()
    }
    fn calendar(&self) -> &Calendar {
        self.0.calendar()
    }
    fn directory(&self) -> Result<Directory, WorkflowError> {
        self.0.directory()
    }
    fn cases(&self) -> Result<Vec<CaseRecord>, WorkflowError> {
        self.0.cases()
    }
    fn prior_outcomes(&self) -> Result<Vec<PriorOutcome>, WorkflowError> {
        self.0.prior_outcomes()
    }
    fn data_version(&self) -> Result<i64, WorkflowError> {
        self.0.data_version()
    }
    fn execute(&mut self, _cmd: Command, _today: NaiveDate) -> Result<Applied, WorkflowError> {
        unreachable!("the reference only reads")
    }
    fn history(&self, case: &str) -> Result<Vec<AuditEntry>, WorkflowError> {
        self.0.history(case)
    }
    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>, WorkflowError> {
        self.0.search(text, limit)
    }
    fn evidence_files(&self, case: &str) -> Result<Vec<EvidenceFile>, WorkflowError> {
        self.0.evidence_files(case)
    }
}

/// The readers: legal (every case), the chief, a committee member, two investigators.
const READERS: [&str; 5] = [LEGAL, CHIEF, "wuy", INVESTIGATORS[0], INVESTIGATORS[1]];

/// A filter: a piece of some row's filter text (1 to 5 characters, as typed: upper case
/// too), or one of a few fixed ones (none, dense, rare, absent).
fn filter(rng: &mut Rng, texts: &[String]) -> String {
    const FIXED: [&str; 10] = [
        "",
        "",
        "卧",
        "〔2026〕",
        "sunq",
        "SUNQ",
        "孙",
        "investigating",
        "zz",
        "不存在的案件",
    ];
    if texts.is_empty() || rng.below(3) == 0 {
        return rng.pick(&FIXED).to_string();
    }
    let chars: Vec<char> = rng.pick(texts).chars().filter(|c| *c != '\u{1}').collect();
    let len = 1 + rng.below(5);
    let start = rng.below(chars.len().saturating_sub(len) + 1);
    let piece: String = chars.iter().skip(start).take(len).collect();
    if rng.below(4) == 0 {
        piece.to_uppercase()
    } else {
        piece
    }
}

fn anchor<K: Clone>(rng: &mut Rng, keys: &[K], absent: K) -> Anchor<K> {
    let key = if keys.is_empty() || rng.below(8) == 0 {
        absent
    } else {
        rng.pick(keys).clone()
    };
    match rng.below(5) {
        0 => Anchor::First,
        1 => Anchor::Last,
        2 => Anchor::After(key),
        3 => Anchor::Before(key),
        _ => Anchor::At(key),
    }
}

/// `got` is the reference's counts, or the same with `shown` unknown ("many").
fn counts_agree(got: &ListCounts, want: &ListCounts) -> bool {
    got == want || (got.all == want.all && got.shown.is_none() && got.stages.is_empty())
}

/// Every reader, `rounds` random queue and dashboard questions each, with and without the
/// in-memory path; returns how many answers came with exact counts.
pub fn check_pages(path: &std::path::Path, rng: &mut Rng, rounds: usize, what: &str) -> usize {
    let mut exact = 0;
    for reader in READERS {
        let mut s = Session::open(path, Some(reader)).expect("open");
        let reference = Reference(&s);
        let everything = reference
            .queue_all(&QueueQuery::default(), today())
            .expect("reference queue");
        let dir = s.directory().expect("directory");
        let texts: Vec<String> = everything
            .iter()
            .map(|r| culpa::workflow::listing::filter_text(r, &dir))
            .collect();
        let numbers: Vec<String> = everything.iter().map(|r| r.number.clone()).collect();
        let mut asks = Vec::new();
        for _ in 0..rounds {
            let q = QueueQuery {
                sort: *rng.pick(&QueueSort::ALL),
                filter: filter(rng, &texts),
                only_mine: rng.below(3) == 0,
            };
            let at = anchor(rng, &numbers, "卧应急责〔1999〕1号".to_string());
            let limit = *rng.pick(&[0, 1, 2, 3, 5, 8, 40]);
            let want_page = reference.queue_page(&q, &at, limit, today()).expect("ref");
            let want_counts = reference.queue_counts(&q, today()).expect("ref");
            asks.push((q, at, limit, want_page, want_counts));
        }
        let dash_all = reference.dash_all(today(), false).expect("reference");
        let keys: Vec<ObligationKey> = dash_all
            .iter()
            .map(|r| ObligationKey::of(&r.obligation))
            .collect();
        let mut dash_asks = Vec::new();
        for _ in 0..rounds {
            let mine = rng.below(2) == 0;
            let absent = ObligationKey {
                case: "卧应急责〔1999〕1号".into(),
                kind: culpa::domain::deadlines::ObligationKind::Acceptance,
                person: None,
                measure: None,
            };
            let at = anchor(rng, &keys, absent);
            let limit = *rng.pick(&[0, 1, 2, 3, 5, 8, 40]);
            let want = reference.dash_page(today(), mine, &at, limit).expect("ref");
            let counts = reference.dash_counts(today(), mine).expect("ref");
            dash_asks.push((mine, at, limit, want, counts));
        }
        for cap in [PAGE_CAP, 0] {
            s.set_page_cap(cap);
            for (q, at, limit, want_page, want_counts) in &asks {
                let ctx = format!("{what}: {reader} cap {cap} {q:?} {at:?} limit {limit}");
                let page = s.queue_page(q, at, *limit, today()).expect("page");
                assert_eq!(&page, want_page, "{ctx}");
                let counts = s.queue_counts(q, today()).expect("counts");
                assert!(
                    counts_agree(&counts, want_counts),
                    "{ctx}: counts {counts:?}, reference {want_counts:?}"
                );
                if counts.shown.is_some() {
                    exact += 1;
                }
                // With the cap, a few rows always have exact counts.
                let few = q.filter.chars().count() >= 3
                    || q.only_mine
                    || INVESTIGATORS.contains(&reader)
                    || q.filter.is_empty();
                if cap == PAGE_CAP && few {
                    assert_eq!(&counts, want_counts, "{ctx}: exact counts");
                }
            }
            for (mine, at, limit, want, counts) in &dash_asks {
                let ctx = format!("{what}: {reader} cap {cap} dash mine {mine} {at:?} {limit}");
                let page = s.dash_page(today(), *mine, at, *limit).expect("dash");
                assert_eq!(&page, want, "{ctx}");
                assert_eq!(
                    &s.dash_counts(today(), *mine).expect("dash counts"),
                    counts,
                    "{ctx}"
                );
            }
        }
    }
    exact
}

#[test]
fn pages_equal_the_reference_after_random_command_sequences() {
    const SEEDS: u64 = 3;
    const STEPS: usize = 30;
    let mut exact = 0;
    for seed in 1..=SEEDS {
        let db = demo_db();
        let mut rng = Rng(seed * 7919);
        exact += check_pages(
            &db.path,
            &mut rng,
            12,
            &format!("seed {seed}: after import"),
        );
        for step in 0..STEPS {
            let cases = Session::open(&db.path, Some(LEGAL))
                .expect("open")
                .cases()
                .expect("cases");
            let case = &rng.pick(&cases).case;
            let (actor, cmd) = command(&mut rng, case);
            let what = format!("seed {seed} step {step}: {actor} {}", cmd.action());
            let mut s = Session::open(&db.path, Some(&actor)).expect("open");
            let _ = s.execute(cmd, today());
            if step % 10 == 9 {
                exact += check_pages(&db.path, &mut rng, 6, &what);
            }
        }
    }
    assert!(exact > 100, "only {exact} answers had exact counts");
}

/// The whole queue of `q` as `reader` sees it, through pages of the store, and the reference.
fn whole_queue(path: &std::path::Path, reader: &str, q: &QueueQuery) -> (Vec<String>, Vec<String>) {
    let s = Session::open(path, Some(reader)).expect("open");
    let got = s
        .queue_page(q, &Anchor::First, 10_000, today())
        .expect("page")
        .rows;
    let want = Reference(&s)
        .queue_page(q, &Anchor::First, 10_000, today())
        .expect("reference")
        .rows;
    let numbers = |rows: Vec<culpa::workflow::listing::QueueRow>| {
        rows.into_iter().map(|r| r.number).collect::<Vec<_>>()
    };
    (numbers(got), numbers(want))
}

/// A respondent's new name is found by the filter at once (the filter text of their cases
/// is rewritten in the transaction that renames them), and the old one no longer.
#[test]
fn a_renamed_respondent_is_found_by_the_new_name() {
    let db = demo_db();
    let by = |filter: &str| QueueQuery {
        filter: filter.into(),
        ..QueueQuery::default()
    };
    let (before, want) = whole_queue(&db.path, LEGAL, &by("孙强"));
    assert_eq!(before, want);
    assert!(
        !before.is_empty(),
        "sunq (孙强) is a respondent in the demo"
    );
    let mut admin = Session::open(&db.path, Some("xuy")).expect("open");
    let mut sunq = admin
        .directory()
        .expect("directory")
        .person("sunq")
        .cloned()
        .expect("sunq");
    sunq.name = "欧阳明".into();
    admin
        .execute(Command::UpsertPerson(sunq), today())
        .expect("rename");
    for short in [true, false] {
        // A two-character filter walks the index; a longer one goes through the trigram index.
        let new = if short { "欧阳" } else { "欧阳明" };
        let (got, want) = whole_queue(&db.path, LEGAL, &by(new));
        assert_eq!(got, want, "{new}");
        assert_eq!(got, before, "{new}: the cases of sunq");
    }
    let (got, want) = whole_queue(&db.path, LEGAL, &by("孙强"));
    assert_eq!(got, want);
    assert!(got.is_empty(), "the old name is gone: {got:?}");
}

/// Art. 10(2): a recused investigator no longer sees the case in their queue (nor finds it
/// as an anchor), and their count drops by one.
#[test]
fn a_recusal_hides_the_case_from_the_investigators_queue() {
    let db = demo_db();
    let q = QueueQuery::default();
    let inv = INVESTIGATORS[0];
    let (before, want) = whole_queue(&db.path, inv, &q);
    assert_eq!(before, want);
    let number = before
        .first()
        .cloned()
        .expect("the investigator has a case");
    let all_before = Session::open(&db.path, Some(inv))
        .expect("open")
        .queue_counts(&q, today())
        .expect("counts")
        .all;
    let mut chief = Session::open(&db.path, Some(CHIEF)).expect("open");
    chief
        .execute(
            Command::Recuse {
                case: number.clone(),
                person: inv.into(),
                on: today(),
                reason: "与被调查人系近亲属".into(),
            },
            today(),
        )
        .expect("recusal");
    let (after, want) = whole_queue(&db.path, inv, &q);
    assert_eq!(after, want);
    assert!(!after.contains(&number), "{number} still shown to {inv}");
    assert_eq!(after.len() + 1, before.len());
    let s = Session::open(&db.path, Some(inv)).expect("open");
    let page = s
        .queue_page(&q, &Anchor::At(number.clone()), 5, today())
        .expect("page");
    assert_eq!(
        page.anchor, None,
        "{number} is not an anchor for {inv} any more"
    );
    assert_eq!(
        s.queue_counts(&q, today()).expect("counts").all + 1,
        all_before
    );
    // The legal office still sees it.
    let (legal, _) = whole_queue(&db.path, LEGAL, &q);
    assert!(legal.contains(&number));
}

/// A database made by release 0.1 (schema 1, no queue table) migrates: its queue is filled
/// at the first use and answers as the reference does, for every reader.
#[test]
fn a_release_0_1_database_gets_its_queue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("old.db");
    std::fs::copy("tests/fixtures/release-0.1.db", &path).expect("copy the fixture");
    let mut checked = 0;
    for reader in ["liuf", "chenj", "wuy", "wangl", "zhaom", "lim"] {
        let s = Session::open_as(&path, reader).expect("open");
        let reference = Reference(&s);
        for sort in QueueSort::ALL {
            for only_mine in [false, true] {
                for filter in ["", "卧", "2026", "wangl", "sunq", "received"] {
                    let q = QueueQuery {
                        sort,
                        filter: filter.into(),
                        only_mine,
                    };
                    for at in [Anchor::First, Anchor::Last] {
                        let got = s.queue_page(&q, &at, 3, today()).expect("page");
                        let want = reference.queue_page(&q, &at, 3, today()).expect("ref");
                        assert_eq!(got, want, "{reader} {q:?} {at:?}");
                        checked += got.rows.len();
                    }
                    let got = s.queue_counts(&q, today()).expect("counts");
                    let want = reference.queue_counts(&q, today()).expect("ref");
                    assert!(counts_agree(&got, &want), "{reader} {q:?}");
                }
            }
        }
        for mine in [false, true] {
            let got = s
                .dash_page(today(), mine, &Anchor::First, 50)
                .expect("dash");
            let want = reference
                .dash_page(today(), mine, &Anchor::First, 50)
                .expect("ref");
            assert_eq!(got, want, "{reader} dashboard, mine {mine}");
        }
    }
    assert!(checked > 50, "the fixture's queue is not empty ({checked})");
}
