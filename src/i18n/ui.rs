//! Every string of the workbench (src/ui), in zh-CN and en.

use crate::domain::check::{BlockerCode, GateState};
use crate::domain::conflict::Involvement;
use crate::domain::deadlines::{DeadlineState, Obligation, ObligationKind};
use crate::domain::liability::{Art8, Outcome};
use crate::domain::model::{Exempting, Grade, InterviewKind, Measure, RelationKind, Role, Stage};
use crate::domain::step::Step;
use crate::i18n::Lang;
use crate::i18n::labels::Labelled;

/// Fixed phrases of the screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    Dashboard,
    Queue,
    Evidence,
    Interviews,
    Team,
    Liability,
    /// The liability pane once the committee has decided (no longer "live").
    LiabilityDecided,
    /// The comparison's heading, its two sides and the mark of a difference.
    DecidedVsRules,
    RulesSide,
    DecisionSide,
    Differs,
    RulesBasis,
    Gate,
    Help,
    ColCase,
    ColTitle,
    ColStage,
    ColRespondents,
    ColNextDue,
    ColKind,
    ColDue,
    ColDays,
    ColState,
    ColOwner,
    OnlyMine,
    Everyone,
    NoObligations,
    NoCases,
    NoEvidence,
    NoInterviews,
    NoTeam,
    NoFindings,
    Filter,
    Sort,
    Received,
    Committee,
    Recused,
    MustRecuse,
    NoConflict,
    Signed,
    Unsigned,
    Waived,
    Basis,
    Aggravating,
    Exempting,
    Measures,
    LegalLiability,
    JudicialReferral,
    NoFault,
    RulesError,
    Ready,
    NotReady,
    ReadyIfExplained,
    ClearsBy,
    SubmitRefused,
    Db,
    Done,
    DraftOffer,
    NoCaseSelected,
    Working,
    Anonymous,
    Complainant,
    Note,
    Palette,
    JumpToCase,
    NothingMatches,
    FormKeys,
}

pub fn msg(m: Msg, lang: Lang) -> &'static str {
    use Msg::*;
    let (zh, en) = match m {
        Dashboard => ("期限总览", "Deadlines"),
        Queue => ("案件队列", "Case queue"),
        Evidence => ("证据", "Evidence"),
        Interviews => ("询问与陈述申辩", "Interviews"),
        Team => ("调查组与回避", "Team and recusals"),
        Liability => ("责任认定（实时）", "Liability (live)"),
        LiabilityDecided => ("责任认定（党委已决定）", "Liability (decided)"),
        DecidedVsRules => (
            "党委决定与规则建议对照",
            "The committee's decision beside the rules",
        ),
        RulesSide => ("规则建议", "rules"),
        DecisionSide => ("党委决定", "decided"),
        Differs => ("与规则建议不同", "differs from the rules"),
        RulesBasis => ("规则建议的依据", "What the rules suggest, and why"),
        Gate => ("提交前检查", "Submission check"),
        Help => ("按键帮助", "Keys"),
        ColCase => ("案号", "Case"),
        ColTitle => ("标题", "Title"),
        ColStage => ("阶段", "Stage"),
        ColRespondents => ("被追究人", "Respondents"),
        ColNextDue => ("最近期限", "Next due"),
        ColKind => ("事项", "Obligation"),
        ColDue => ("期限", "Due"),
        ColDays => ("剩余", "Left"),
        ColState => ("状态", "State"),
        ColOwner => ("承办", "Owner"),
        OnlyMine => ("仅本人", "only mine"),
        Everyone => ("全部", "everyone"),
        NoObligations => ("没有待办期限。", "No open obligations."),
        NoCases => ("没有案件。", "No cases."),
        NoEvidence => ("尚无证据。", "No evidence yet."),
        NoInterviews => ("尚无询问记录。", "No interviews yet."),
        NoTeam => ("尚未成立调查组。", "No team appointed yet."),
        NoFindings => (
            "尚无调查结论，无法认定责任。",
            "No findings yet: no liability to show.",
        ),
        Filter => ("筛选", "Filter"),
        Sort => ("排序", "Sort"),
        Received => ("收件", "received"),
        Committee => ("党委成员", "Committee"),
        Recused => ("已回避", "recused"),
        MustRecuse => ("应当回避", "must recuse"),
        NoConflict => ("无利害关系", "not involved"),
        Signed => ("已签名", "signed"),
        Unsigned => ("未签名", "unsigned"),
        Waived => ("放弃陈述", "waived"),
        Basis => ("依据", "Basis"),
        Aggravating => ("从重", "Aggravating"),
        Exempting => ("可免", "Exempting"),
        Measures => ("可选处理（第十一条）", "Measures open (Art. 11)"),
        LegalLiability => (
            "违反法律（第四条）：依法追究法律责任，不适用本制度。",
            "The law itself was violated (Art. 4): legal liability applies, not this regulation.",
        ),
        JudicialReferral => (
            "涉嫌犯罪，移交司法机关（第十一条第（七）项）。",
            "Suspected crime: transfer to the judicial organs (Art. 11(7)).",
        ),
        NoFault => (
            "过错未成立：无人被追究。",
            "No fault established: nobody is pursued.",
        ),
        RulesError => ("调查结论无法适用规则", "The findings cannot be applied"),
        Ready => ("可以提交党委。", "Ready to go to the committee."),
        NotReady => (
            "不能提交：尚有以下障碍。",
            "Cannot submit: these blockers remain.",
        ),
        ReadyIfExplained => (
            "已超过报送期限：可以提交，但须说明超期原因。",
            "Past the deadline: it may go, with the reason for the delay.",
        ),
        ClearsBy => ("解决办法", "Clears by"),
        SubmitRefused => (
            "尚有障碍，不能提交。",
            "Submission refused while blockers remain.",
        ),
        Db => ("数据库", "db"),
        Done => ("已保存。", "Saved."),
        DraftOffer => (
            "上次会话意外结束（断线或被终止）时有未保存的表单。Enter 恢复，Esc 放弃。",
            "A form was left unsaved when the last session ended (link dropped or stopped). \
             Enter restores it, Esc discards it.",
        ),
        NoCaseSelected => ("请先选择一个案件。", "Select a case first."),
        Working => ("处理中…", "Working…"),
        Anonymous => ("匿名", "anonymous"),
        Complainant => ("投诉人", "Complainant"),
        Note => ("说明", "Note"),
        Palette => (
            "命令（输入以筛选，Enter 执行，Esc 关闭）",
            "Commands (type to filter, Enter runs, Esc closes)",
        ),
        JumpToCase => (
            "跳转到案件（输入案号或标题）",
            "Go to a case (type its number or title)",
        ),
        NothingMatches => ("没有匹配项。", "Nothing matches."),
        FormKeys => ("表单按键", "Form keys"),
    };
    lang.pick(zh, en)
}

/// What a key that is not a workflow step does, by its keys.toml name (the keymap's own
/// identifier, so this module need not know the keymap's types). Steps are named by
/// [`Labelled::short`].
pub fn nav(name: &str, lang: Lang) -> &'static str {
    let (zh, en) = match name {
        "quit" => ("退出", "quit"),
        "help" => ("按键帮助", "help"),
        "cancel" => ("取消/返回", "cancel / back"),
        "up" => ("上移", "up"),
        "down" => ("下移", "down"),
        "page_up" => ("上一页", "page up"),
        "page_down" => ("下一页", "page down"),
        "top" => ("到顶", "first"),
        "bottom" => ("到底", "last"),
        "prev_pane" => ("上一栏", "previous pane"),
        "next_pane" => ("下一栏", "next pane"),
        "next_view" => ("切换视图", "next view"),
        "open" => ("打开", "open"),
        "dashboard" => ("期限总览", "deadlines"),
        "queue" => ("案件队列", "case queue"),
        "case_view" => ("案件", "case"),
        "filter" => ("筛选", "filter"),
        "sort" => ("排序", "sort"),
        "only_mine" => ("仅看本人", "only mine"),
        "palette" => ("命令面板", "commands"),
        "jump" => ("按案号跳转", "go to case"),
        "drafts" => ("草稿", "drafts"),
        "search" => ("全文搜索", "search all text"),
        _ => ("", ""),
    };
    lang.pick(zh, en)
}

pub fn step(s: Step, lang: Lang) -> &'static str {
    s.short(lang)
}

pub fn keymap_error(line: Option<usize>, detail: &str, lang: Lang) -> String {
    match (lang, line) {
        (Lang::Zh, Some(l)) => format!("按键配置第 {l} 行有误（{detail}），已使用默认按键。"),
        (Lang::Zh, None) => format!("按键配置有误（{detail}），已使用默认按键。"),
        (Lang::En, Some(l)) => format!("keys.toml line {l}: {detail}; using the default keys."),
        (Lang::En, None) => format!("keys.toml: {detail}; using the default keys."),
    }
}

pub fn too_small(w: u16, h: u16, need_w: u16, need_h: u16) -> [String; 2] {
    [
        format!("终端太小：当前 {w}×{h}，至少需要 {need_w}×{need_h}。"),
        format!("Terminal too small: {w}×{h}, needs {need_w}×{need_h}."),
    ]
}

pub fn uncovered(years: &[i32], lang: Lang) -> String {
    let ys: Vec<String> = years.iter().map(i32::to_string).collect();
    let ys = ys.join(", ");
    match lang {
        Lang::Zh => format!("节假日历未覆盖 {ys} 年：期限按普通周末计算，请加载该年日历。"),
        Lang::En => format!(
            "The holiday calendar does not cover {ys}: due dates there count plain weekends; load that year's calendar."
        ),
    }
}

pub fn days_left(d: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh if d < 0 => format!("逾期{}天", -d),
        Lang::Zh => format!("{d}天"),
        Lang::En if d < 0 => format!("{}d late", -d),
        Lang::En => format!("{d}d"),
    }
}

/// How many rows a list shows of how many; `shown` None: too many to count at keystroke
/// speed (issue 10), said as "many".
pub fn counts_line(total: u64, shown: Option<u64>, lang: Lang) -> String {
    match (shown, lang) {
        (Some(shown), Lang::Zh) => format!("显示 {shown}/{total}"),
        (Some(shown), Lang::En) => format!("{shown} of {total}"),
        (None, Lang::Zh) => format!("显示 大量/{total}"),
        (None, Lang::En) => format!("many of {total}"),
    }
}

/// The open case left the user's view while it was open (another user's commit).
pub fn case_gone(number: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("案件 {number} 已不在您的查看范围内（例如已回避或团队变动），已关闭。"),
        Lang::En => format!(
            "Case {number} is no longer open to you (a recusal or a new team, for example); it was closed."
        ),
    }
}

/// A deadline row opened by someone who is not its owner: what is due, and whose it is.
pub fn row_step(a: Step, owner: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("待办：{}，由{}办理。", step(a, lang), owner),
        Lang::En => format!("Due: {}, by {}.", step(a, lang), owner),
    }
}

/// A refused key: what the regulation or the role forbids, and why.
pub fn refused_role(a: Step, needs: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("不能{}：需要{}。", step(a, lang), needs),
        Lang::En => format!("Cannot {}: needs {}.", step(a, lang), needs),
    }
}

pub fn refused_stage(a: Step, stage: Stage, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "不能{}：案件处于“{}”阶段。",
            step(a, lang),
            self::stage(stage, lang)
        ),
        Lang::En => format!(
            "Cannot {} while the case is {}.",
            step(a, lang),
            self::stage(stage, lang)
        ),
    }
}

pub fn refused_other(a: Step, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("不能{}：{}", step(a, lang), why),
        Lang::En => format!("Cannot {}: {}", step(a, lang), why),
    }
}

/// Phrases naming who may act.
pub fn who(key: &str, lang: Lang) -> &'static str {
    let (zh, en) = match key {
        "team" => (
            "未回避的调查组成员",
            "an un-recused member of the case's team",
        ),
        "committee" => (
            "与本案无利害关系的党委成员",
            "a committee member not involved in the case",
        ),
        "involved" => (
            "您与本案有利害关系，应当回避（第十条第（三）项）",
            "you are involved in this case and must recuse (Art. 10(3))",
        ),
        "no_complainant" => (
            "没有需要告知的具名投诉人或已告知。",
            "no named complainant is waiting to be told.",
        ),
        "no_open_appeal" => (
            "没有待处理的复核或申诉。",
            "there is no pending review or appeal.",
        ),
        "no_measure" => (
            "没有尚未执行的处理决定。",
            "every decided measure has been applied.",
        ),
        "appeal_pending" => (
            "复核或申诉尚未决定。",
            "a review or appeal is still pending.",
        ),
        "relation_roles" => (
            "管理员、法制股、局主要负责人或调查人员角色",
            "the admin, legal, chief or investigator role",
        ),
        _ => ("", ""),
    };
    lang.pick(zh, en)
}

/// The gate's last line: how to submit when the form may open, and otherwise that
/// submission is refused until the blockers are cleared (the submit key is not offered: it
/// would do nothing).
pub fn gate_hint(state: GateState, submit_key: &str, back_key: &str, lang: Lang) -> String {
    match (state, lang) {
        (GateState::Ready, Lang::Zh) => format!("{submit_key} 提交党委 · {back_key} 返回"),
        (GateState::Ready, Lang::En) => {
            format!("{submit_key} submit to the committee · {back_key} back")
        }
        (GateState::NeedsReason, Lang::Zh) => {
            format!("{submit_key} 提交党委（在表单中说明超期原因） · {back_key} 返回")
        }
        (GateState::NeedsReason, Lang::En) => format!(
            "{submit_key} submit to the committee (give the reason for the delay in the form) \
             · {back_key} back"
        ),
        (GateState::Blocked, Lang::Zh) => format!("障碍全部解决前不能提交。{back_key} 返回"),
        (GateState::Blocked, Lang::En) => {
            format!("Submission is refused until the blockers are cleared. {back_key} back")
        }
    }
}

/// A known evidence kind of [`EVIDENCE_KINDS`] in the user's language (the same words the
/// evidence form offers); None for any other kind, which is shown as it was recorded.
///
/// [`EVIDENCE_KINDS`]: crate::domain::model::EVIDENCE_KINDS
pub fn evidence_kind(kind: &str, lang: Lang) -> Option<&'static str> {
    crate::domain::model::EVIDENCE_KINDS
        .contains(&kind)
        .then(|| crate::i18n::forms::evidence_kind(kind).get(lang))
}

pub fn role(r: Role, lang: Lang) -> &'static str {
    r.short(lang)
}

pub fn stage(s: Stage, lang: Lang) -> &'static str {
    s.short(lang)
}

pub fn grade(g: Grade, lang: Lang) -> &'static str {
    g.short(lang)
}

pub fn outcome(o: Outcome, lang: Lang) -> &'static str {
    o.short(lang)
}

pub fn obligation(k: ObligationKind, lang: Lang) -> &'static str {
    k.short(lang)
}

/// What a deadline row says is due: the step its owner takes next. A decision report with no
/// team is the chief's "appoint the team" (Art. 10(2)), not "report" (issue 8).
pub fn obligation_step(o: &Obligation, lang: Lang) -> &'static str {
    match o.step() {
        Step::AppointTeam => step(Step::AppointTeam, lang),
        _ => obligation(o.kind, lang),
    }
}

pub fn state(s: DeadlineState, lang: Lang) -> &'static str {
    s.short(lang)
}

pub fn interview(k: InterviewKind, lang: Lang) -> &'static str {
    k.short(lang)
}

pub fn relation(k: RelationKind, lang: Lang) -> &'static str {
    k.short(lang)
}

/// The heading of a recorded reason for a late handling opinion (Art. 10(3)).
pub fn overdue_reason_label(lang: Lang) -> String {
    let art = crate::i18n::cite("10.3", lang);
    match lang {
        Lang::Zh => format!("逾期报送原因（{art}）"),
        Lang::En => format!("Reason the opinion is late ({art})"),
    }
}

/// One reason a person is involved, with the other end's display name for a relation (the
/// short form of the team pane: "relative of 周华", naming no role, so never a wrong one).
pub fn involvement(i: &Involvement, respondent_name: &str, lang: Lang) -> String {
    match i {
        Involvement::Respondent => lang.pick("被追究人", "respondent").into(),
        Involvement::Handler => lang.pick("承办人", "handler of the act").into(),
        Involvement::Reviewer => lang.pick("审核人", "reviewer of the act").into(),
        Involvement::Approver => lang.pick("批准人", "approver of the act").into(),
        Involvement::NamedByRule { rule } => match lang {
            Lang::Zh => format!("{}所列人员", crate::i18n::cite(rule.as_str(), lang)),
            Lang::En => format!("named by {}", crate::i18n::cite(rule.as_str(), lang)),
        },
        // A relation is recorded without a direction (either end may be the member), so a
        // superior/subordinate tie is named as a tie, never as "superior of".
        Involvement::Related { relation: k, .. } => {
            let r = respondent_name;
            match (k, lang) {
                (RelationKind::Relative, Lang::Zh) => format!("与{r}有亲属关系"),
                (RelationKind::Spouse, Lang::Zh) => format!("与{r}系配偶"),
                (RelationKind::Superior | RelationKind::Subordinate, Lang::Zh) => {
                    format!("与{r}有上下级关系")
                }
                (RelationKind::Interest, Lang::Zh) => format!("与{r}有利害关系"),
                (RelationKind::Other, Lang::Zh) => format!("与{r}有其他关系"),
                (RelationKind::Relative, Lang::En) => format!("relative of {r}"),
                (RelationKind::Spouse, Lang::En) => format!("spouse of {r}"),
                (RelationKind::Superior | RelationKind::Subordinate, Lang::En) => {
                    format!("line-management tie with {r}")
                }
                (RelationKind::Interest, Lang::En) => format!("interest tie with {r}"),
                (RelationKind::Other, Lang::En) => format!("other tie with {r}"),
            }
        }
    }
}

pub fn art8(a: Art8) -> &'static str {
    match a {
        Art8::A8_1 => "8.1",
        Art8::A8_2 => "8.2",
        Art8::A8_3 => "8.3",
        Art8::A8_4 => "8.4",
    }
}

pub fn exempting(e: Exempting) -> &'static str {
    match e {
        Exempting::E9_1 => "9.1",
        Exempting::E9_2 => "9.2",
        Exempting::E9_3 => "9.3",
        Exempting::E9_4 => "9.4",
        Exempting::E9_5 => "9.5",
    }
}

pub fn measure(m: Measure, lang: Lang) -> &'static str {
    m.short(lang)
}

/// What clears a blocker, naming the action (and its key) that does it.
pub fn clears_by(code: BlockerCode, lang: Lang) -> (&'static str, Option<Step>) {
    use BlockerCode::*;
    let (zh, en, a) = match code {
        GradedNotRespondent => (
            "将被认定承担责任的人员列为被调查人，并听取其陈述申辩",
            "add each person the findings hold liable as a respondent, and hear them",
            Some(Step::AddRespondent),
        ),
        TeamTooSmall => (
            "由局主要负责人增补调查组成员（至少两名未回避）",
            "the chief appoints more investigators (two un-recused at least)",
            Some(Step::AppointTeam),
        ),
        ConflictNotRecused => (
            "有利害关系的调查人员回避",
            "the involved investigator recuses",
            Some(Step::Recuse),
        ),
        DefenceNotHeard => (
            "记录被追究人的陈述申辩（或放弃）",
            "record each respondent's statement and defence (or waiver)",
            Some(Step::RecordInterview),
        ),
        InterestedPartiesNotHeard => (
            "询问行政相对人或利害关系人，或说明无法询问的原因",
            "hear the counterpart or an interested party, or record why none can be",
            Some(Step::InterestedPartiesNote),
        ),
        NoDeliberation => (
            "调查组集体研究",
            "the team deliberates collectively",
            Some(Step::Deliberate),
        ),
        LiabilityIncomplete => (
            "补全调查结论：每名被追究人须由规则认定或列为无责",
            "complete the findings: every respondent named by a rule or cleared",
            Some(Step::Findings),
        ),
        OverdueWithoutReason => (
            "超过30日：填写逾期原因",
            "past 30 days: record the reason for the delay",
            Some(Step::OverdueReason),
        ),
        NotAccepted => (
            "案件须先经法制股受理",
            "the legal office must accept the case first",
            Some(Step::Accept),
        ),
    };
    (lang.pick(zh, en), a)
}

pub fn sort_key(i: usize, lang: Lang) -> &'static str {
    let (zh, en) = match i {
        0 => ("最近期限", "next due"),
        1 => ("案号", "number"),
        2 => ("阶段", "stage"),
        _ => ("收件日期", "received"),
    };
    lang.pick(zh, en)
}

/// A draft could not be written: where, and why.
pub fn draft_not_saved(dir: &str, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("草稿未能保存到 {dir}：{e}；请检查该目录的权限与磁盘空间"),
        Lang::En => format!(
            "draft not saved in {dir}: {e}; check that directory's permissions and free space"
        ),
    }
}

/// The keys of every form, for `?` (or F1) inside one.
pub fn form_keys(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let rows: [(&str, &str, &str); 12] = [
        ("Tab / ↓", "下一项", "next field"),
        ("Shift-Tab / ↑", "上一项", "previous field"),
        (
            "Enter",
            "下一项；最后一项时提交",
            "next field; submits on the last",
        ),
        ("Ctrl-S", "提交", "submit"),
        ("PgDn / PgUp", "下一节 / 上一节", "next / previous section"),
        ("Space", "勾选 / 切换", "tick / toggle"),
        ("← →", "选择", "choose"),
        ("y / n", "是 / 否", "yes / no"),
        ("j / k", "上下移动（非文本项）", "move (where not text)"),
        (
            "Ctrl-U",
            "清除光标前的文字",
            "clear the text before the cursor",
        ),
        ("Esc", "取消，保留草稿", "cancel, keeping a draft"),
        (
            "? / F1",
            "本帮助（文本项中按 F1）",
            "these keys (F1 in a text field)",
        ),
    ];
    rows.iter()
        .map(|(k, zh, en)| (*k, lang.pick(zh, en)))
        .collect()
}
