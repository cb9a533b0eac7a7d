//! Strings of the detail views and the record list (src/ui/detail.rs).

use crate::i18n::forms::T;

pub const EVIDENCE: T = T("证据", "Evidence");
pub const INTERVIEW: T = T("询问笔录", "Interview");
pub const DELIBERATION: T = T("集体研究", "Deliberation");
pub const FINDINGS: T = T("调查认定", "Findings");
pub const DECISION: T = T("局党委决定", "Committee decision");
pub const SANCTION: T = T("处理执行", "Sanction applied");
pub const APPEAL: T = T("复核/申诉", "Review / appeal");
pub const TIMELINE: T = T("案件时间线（审计日志）", "Case timeline (audit log)");
pub const RECORDS_TITLE: T = T(" 案件记录 ", " Records of the case ");
pub const RECORDS_KEYS: T = T(
    "Enter 查看 · ↑↓ 选择 · Esc 返回",
    "Enter read · ↑↓ choose · Esc back",
);
pub const DETAIL_KEYS: T = T(
    "↑↓ PgUp/PgDn g/G 滚动 · / 查找 · n/N 下一处/上一处 · Esc 返回",
    "↑↓ PgUp/PgDn g/G scroll · / find · n/N next/previous · Esc back",
);
pub const FIND: T = T("查找：", "Find: ");

pub const KIND: T = T("类别", "Kind");
pub const DESCRIPTION: T = T("说明", "Description");
pub const COLLECTED_ON: T = T("收集日期", "Collected on");
pub const COLLECTED_BY: T = T("收集人", "Collected by");
pub const FILE: T = T("文件", "File");
pub const NO_FILE: T = T("未附文件", "no file attached");
pub const SIZE: T = T("大小", "Size");
pub const ATTACHED: T = T("附加", "Attached");
pub const VERIFY: T = T("校验", "Verification");
pub const VERIFIED: T = T(
    "完好（内容与登记的 SHA-256 一致）",
    "intact (the content matches the SHA-256 on record)",
);
pub const MISSING: T = T(
    "缺失：证据库中没有此文件",
    "MISSING: the vault does not hold this file",
);
pub const ALTERED: T = T(
    "已被改动：内容与登记的 SHA-256 不符",
    "ALTERED: the content no longer matches the SHA-256 on record",
);
pub const NOT_IN_VAULT: T = T("证据库未登记此文件", "no vault record of this file");
pub const DATE: T = T("日期", "Date");
pub const INTERVIEWEE: T = T("被询问人", "Interviewee");
pub const INTERVIEWERS: T = T("询问人", "Interviewers");
pub const SIGNED: T = T("已签字", "Signed");
pub const WAIVED: T = T("放弃陈述申辩", "Waived");
pub const TRANSCRIPT: T = T("笔录全文", "Transcript");
pub const ATTENDEES: T = T("参加人员", "Attendees");
pub const MINUTES: T = T("研究记录", "Minutes");
pub const FAULT_TYPES: T = T("过错类型", "Fault types");
pub const SERIOUS: T = T("后果严重", "Serious consequences");
pub const WRONGFUL: T = T("错案情形", "Wrongful case");
pub const VIOLATES_LAW: T = T("违反法律", "Violates the law");
pub const CRIME: T = T("涉嫌犯罪", "Suspected crime");
pub const RULES: T = T("认定的情形", "Rules found");
pub const CLEARED: T = T("不予追究", "Cleared");
pub const NONE: T = T("无", "none");
pub const COMMITTEE: T = T("党委成员", "Committee");
pub const RECUSED: T = T("回避成员", "Recused");
pub const OUTCOMES: T = T("责任认定与措施", "Liability and measures");
pub const EXEMPTED: T = T("免予追究", "exempted");
pub const DECISION_TEXT: T = T("决定全文", "Decision text");
pub const PERSON: T = T("人员", "Person");
pub const MEASURE: T = T("措施", "Measure");
pub const APPLIED_ON: T = T("执行日期", "Applied on");
pub const AMOUNT: T = T("金额（元）", "Amount (yuan)");
pub const NOTE: T = T("说明", "Note");
pub const REVIEW: T = T("复核", "review");
pub const APPEAL_KIND: T = T("申诉", "appeal");
pub const FILED_ON: T = T("提出日期", "Filed on");
pub const ACCEPTED_ON: T = T("受理日期", "Accepted on");
pub const EXTENDED: T = T("延期", "Extended");
pub const DECIDED_ON: T = T("决定日期", "Decided on");
pub const RESULT: T = T("结果", "Result");
pub const LOADING: T = T("正在读取审计日志…", "reading the audit log…");
pub const NO_HISTORY: T = T(
    "审计日志中没有此案的记录",
    "the audit log holds nothing for this case",
);
pub const OUTCOME: T = T("复核/申诉结论", "Outcome");
pub const CHANGED_TO: T = T("变更为", "Changed to");
