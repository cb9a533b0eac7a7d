//! Issue 10 over the socket: the queue and dashboard pages and counts that
//! `service::Client` gets from the service (which runs the same `Session` code, so access is
//! applied there) equal a direct `Session`'s, for readers of every reach — an investigator
//! gets only their teams' cases, whatever they ask.

use culpa::ui::backend::Backend;
use culpa::workflow::listing::{Anchor, ObligationKey, QueueQuery, QueueSort};

use crate::common::modes::{client, serve};
use crate::common::today;

#[test]
fn pages_and_counts_over_the_socket_equal_direct_ones() {
    let (db, _s) = crate::common::workflow::demo_imported(today());
    let socket = serve(&db.path, db.dir.path());
    let mut pages = 0;
    for reader in ["liuf", "chenj", "wuy", "wangl", "zhaom"] {
        let direct = culpa::workflow::Session::open(&db.path, Some(reader)).expect("open");
        let served = client(&socket, reader);
        for sort in QueueSort::ALL {
            for only_mine in [false, true] {
                for filter in ["", "卧", "sunq", "〔2026〕", "不存在"] {
                    let q = QueueQuery {
                        sort,
                        filter: filter.into(),
                        only_mine,
                    };
                    let first = direct
                        .queue_page(&q, &Anchor::First, 3, today())
                        .expect("page");
                    let mut anchors = vec![Anchor::First, Anchor::Last];
                    if let Some(r) = first.rows.last() {
                        anchors.push(Anchor::After(r.number.clone()));
                        anchors.push(Anchor::Before(r.number.clone()));
                        anchors.push(Anchor::At(r.number.clone()));
                    }
                    for at in anchors {
                        let want = direct.queue_page(&q, &at, 3, today()).expect("direct");
                        let got =
                            Backend::queue_page(&served, &q, &at, 3, today()).expect("served");
                        assert_eq!(got, want, "{reader} {q:?} {at:?}");
                        pages += usize::from(!got.rows.is_empty());
                    }
                    assert_eq!(
                        Backend::queue_counts(&served, &q, today()).expect("served"),
                        direct.queue_counts(&q, today()).expect("direct"),
                        "{reader} {q:?}"
                    );
                }
            }
        }
        for only_mine in [false, true] {
            let first = direct
                .dash_page(today(), only_mine, &Anchor::First, 4)
                .expect("dash");
            let mut anchors = vec![Anchor::First, Anchor::Last];
            if let Some(r) = first.rows.last() {
                let k = ObligationKey::of(&r.obligation);
                anchors.extend([
                    Anchor::After(k.clone()),
                    Anchor::Before(k.clone()),
                    Anchor::At(k),
                ]);
            }
            for at in anchors {
                assert_eq!(
                    Backend::dash_page(&served, today(), only_mine, &at, 4).expect("served"),
                    direct
                        .dash_page(today(), only_mine, &at, 4)
                        .expect("direct"),
                    "{reader} dash mine {only_mine} {at:?}"
                );
            }
            assert_eq!(
                Backend::dash_counts(&served, today(), only_mine).expect("served"),
                direct.dash_counts(today(), only_mine).expect("direct"),
            );
        }
        // The service applied the investigator's reach: nothing of another team's.
        if reader == "wangl" {
            let all = Backend::queue_page(
                &served,
                &QueueQuery::default(),
                &Anchor::First,
                10_000,
                today(),
            )
            .expect("served");
            let visible: Vec<String> = direct
                .cases()
                .expect("cases")
                .into_iter()
                .map(|r| r.case.number)
                .collect();
            assert!(all.rows.iter().all(|r| visible.contains(&r.number)));
            assert_eq!(all.rows.len(), visible.len());
        }
    }
    assert!(pages > 100, "only {pages} non-empty pages compared");
}
