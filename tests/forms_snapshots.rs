//! Every form at 80×24 and 120×40, in Chinese and English, on the example case with a fixed
//! today — as built, and as direct and served mode read the fixture back, against the same
//! snapshots; plus a Chinese transcript being typed and validation errors on screen.

mod common;

use common::forms::*;
use common::modes::{InMode, MODES};
use culpa::i18n::Lang;
use culpa::ui::forms::{Form, FormOutcome, Step};
use ratatui::crossterm::event::KeyCode;

enum Which {
    Example,
    Decided,
}

fn which(kind: Step) -> Which {
    match kind {
        Step::ApplySanction
        | Step::FileAppeal
        | Step::AcceptAppeal
        | Step::DecideAppeal
        | Step::Close => Which::Decided,
        _ => Which::Example,
    }
}

#[test]
fn every_form_in_both_sizes_and_languages() {
    // Each form as built from the fixture, and from the fixture as direct and served mode
    // read it back: all against the same snapshot.
    let example = Fixture::example();
    let decided = Fixture::decided();
    let read_back = |fx: &Fixture| MODES.map(|m| (Some(m), fx.through(m)));
    let [ex_direct, ex_served] = read_back(&example);
    let [de_direct, de_served] = read_back(&decided);
    for kind in Step::ALL {
        let decided_kind = matches!(which(kind), Which::Decided);
        let fixtures = if decided_kind {
            [
                (None, &decided),
                (de_direct.0, &de_direct.1),
                (de_served.0, &de_served.1),
            ]
        } else {
            [
                (None, &example),
                (ex_direct.0, &ex_direct.1),
                (ex_served.0, &ex_served.1),
            ]
        };
        for (mode, fx) in fixtures {
            for lang in [Lang::Zh, Lang::En] {
                let ctx = fx.ctx(lang);
                let form = Form::new(kind, &ctx);
                for (w, h) in [(80, 24), (120, 40)] {
                    let (screen, _) = render(&form, &ctx, w, h);
                    let name = format!("{kind:?}_{lang:?}_{w}x{h}");
                    let _in = mode.map(InMode);
                    insta::assert_snapshot!(name, screen);
                }
            }
        }
    }
}

#[test]
fn interview_with_a_chinese_transcript_typed_in() {
    let fx = Fixture::example();
    for lang in [Lang::Zh, Lang::En] {
        let ctx = fx.ctx(lang);
        let mut form = Form::new(Step::RecordInterview, &ctx);
        focus(&mut form, &ctx, "transcript");
        type_str(
            &mut form,
            &ctx,
            "问：你是否告知当事人陈述申辩权利？\n答：当时口头告知了，但没有写入笔录。\n问：有无证人？",
        );
        for (w, h) in [(80, 24), (120, 40)] {
            let (screen, cursor) = render(&form, &ctx, w, h);
            assert!(
                cursor.is_some(),
                "the text cursor is placed for input methods"
            );
            insta::assert_snapshot!(format!("interview_typed_{lang:?}_{w}x{h}"), screen);
        }
    }
}

#[test]
fn validation_errors_are_shown_at_the_fields() {
    let fx = Fixture::example();
    for lang in [Lang::Zh, Lang::En] {
        let ctx = fx.ctx(lang);
        let mut form = Form::new(Step::Reject, &ctx);
        // Garbage date, and no reason: Art. 10(1) wants one.
        form.handle_key(ctrl('u'), &ctx);
        type_str(&mut form, &ctx, "下周一");
        assert_eq!(form.handle_key(ctrl('s'), &ctx), FormOutcome::Continue);
        assert!(form.field_error("on").is_some());
        assert!(form.field_error("reason").is_some());
        for (w, h) in [(80, 24), (120, 40)] {
            let (screen, _) = render(&form, &ctx, w, h);
            insta::assert_snapshot!(format!("reject_errors_{lang:?}_{w}x{h}"), screen);
        }
        // The sanction amount (Art. 11(6)) names its format.
        let fx2 = Fixture::decided();
        let ctx2 = fx2.ctx(lang);
        let mut s = Form::new(Step::ApplySanction, &ctx2);
        s.handle_key(key(KeyCode::Right), &ctx2); // 11.2 → 11.6
        focus(&mut s, &ctx2, "amount");
        type_str(&mut s, &ctx2, "12.345");
        s.handle_key(ctrl('s'), &ctx2);
        let (screen, _) = render(&s, &ctx2, 80, 24);
        insta::assert_snapshot!(format!("sanction_amount_error_{lang:?}_80x24"), screen);
    }
}
