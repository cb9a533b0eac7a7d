//! The procedural steps of the regulation (Art. 10 and Art. 11), named once. The workbench's
//! keys, forms, permissions and drafts, the workflow's audit names and every label derive
//! from this one list.

/// One step a user takes on a case (or, for intake and relations, on the bureau's records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// Art. 10(1): register a complaint, report or appeal (登记来件).
    Intake,
    /// Art. 10(1): accept it within 7 working days (受理).
    Accept,
    /// Art. 10(1): or decline it (不予受理).
    Reject,
    /// Art. 10(1): tell a named complainant (告知投诉人).
    Notify,
    /// Art. 10(2): the chief appoints two or more investigators (指定调查组).
    AppointTeam,
    /// Art. 10(2)–(3): an involved person stands aside (回避).
    Recuse,
    /// A tie between two people that makes one of them involved (登记关系).
    AddRelation,
    AddEvidence,
    /// Art. 10(2): someone the findings grade becomes a respondent, to be heard (追加被调查人).
    AddRespondent,
    RecordInterview,
    /// Art. 10(2): why no counterpart or interested party could be heard.
    InterestedPartiesNote,
    /// Arts. 4–9: the team's findings.
    Findings,
    /// Art. 10(2): the team deliberates collectively (集体研究).
    Deliberate,
    /// Art. 10(3): the handling opinion goes to the party committee.
    Submit,
    /// Art. 10(3): the committee decides.
    Decide,
    /// Art. 11: a decided measure is applied.
    ApplySanction,
    FileAppeal,
    AcceptAppeal,
    DecideAppeal,
    Close,
}

impl Step {
    /// Every step, in the order the workbench offers them (the order of the procedure, then
    /// the steps that may come at any time).
    pub const ALL: [Step; 20] = [
        Step::Intake,
        Step::Accept,
        Step::Reject,
        Step::Notify,
        Step::AppointTeam,
        Step::AddEvidence,
        Step::AddRespondent,
        Step::RecordInterview,
        Step::InterestedPartiesNote,
        Step::Findings,
        Step::Deliberate,
        Step::Submit,
        Step::Recuse,
        Step::Decide,
        Step::ApplySanction,
        Step::FileAppeal,
        Step::AcceptAppeal,
        Step::DecideAppeal,
        Step::Close,
        Step::AddRelation,
    ];

    /// The step's stable name: keys.toml, draft files, the palette.
    pub fn name(self) -> &'static str {
        match self {
            Step::Intake => "intake",
            Step::Accept => "accept",
            Step::Reject => "reject",
            Step::Notify => "notify",
            Step::AppointTeam => "appoint_team",
            Step::Recuse => "recuse",
            Step::AddRelation => "add_relation",
            Step::AddEvidence => "add_evidence",
            Step::AddRespondent => "add_respondent",
            Step::RecordInterview => "record_interview",
            Step::InterestedPartiesNote => "interested_parties_note",
            Step::Findings => "findings",
            Step::Deliberate => "deliberate",
            Step::Submit => "submit",
            Step::Decide => "decide",
            Step::ApplySanction => "apply_sanction",
            Step::FileAppeal => "file_appeal",
            Step::AcceptAppeal => "accept_appeal",
            Step::DecideAppeal => "decide_appeal",
            Step::Close => "close",
        }
    }

    /// The name the audit log records (bundle-v2 `action`): the step's name, except the two
    /// replacing steps, which the log has always called `set_…`.
    pub fn audit_name(self) -> &'static str {
        match self {
            Step::InterestedPartiesNote => "set_interested_parties_note",
            Step::Findings => "set_findings",
            s => s.name(),
        }
    }

    pub fn from_name(name: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.name() == name)
    }

    pub fn from_audit_name(name: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.audit_name() == name)
    }

    /// Whether the step acts on one case (all but intake and relations).
    pub fn needs_case(self) -> bool {
        !matches!(self, Step::Intake | Step::AddRelation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = Step::ALL.iter().map(|s| s.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Step::ALL.len());
        for s in Step::ALL {
            assert_eq!(Step::from_name(s.name()), Some(s));
            assert_eq!(Step::from_audit_name(s.audit_name()), Some(s));
        }
        assert_eq!(Step::Findings.audit_name(), "set_findings");
    }
}
