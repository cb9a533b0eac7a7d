//! The reads a client asks of the record besides the cases themselves: changes since a
//! revision (live refresh), the audit log, and the integrity reports. In served mode these
//! run inside the service, so every access rule is applied there, not in the client.

use crate::domain::model::Role;
use crate::store::{AuditEntry, VaultReport};

use super::{CaseRecord, Session, WorkflowError, access};

/// What changed since a revision, as far as the actor may see.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Changes {
    /// Cases written after the revision that the actor may open, in id order.
    pub cases: Vec<CaseRecord>,
    /// Cases written after the revision that the actor may no longer open (e.g. after a
    /// recusal, Art. 10(2)): drop them from any copy.
    pub hidden: Vec<String>,
    /// The revision this answer is complete up to; ask for changes since it next time.
    pub revision: i64,
    /// More cases of the same answer follow (the service sends a long answer in pages).
    #[serde(default)]
    pub more: bool,
    /// The numbers of every changed case, visible or not (issue 10: a workbench drops
    /// their old obligations and Art. 8(3) outcomes).
    #[serde(default)]
    pub numbers: Vec<String>,
    /// The committee outcomes of every changed case, for Art. 8(3), which counts a
    /// person's record across the bureau (only the numbers reach the screen).
    #[serde(default)]
    pub priors: Vec<crate::domain::liability::PriorOutcome>,
}

impl Session {
    /// The store's change counter: every case written so far has a revision ≤ this.
    pub fn revision(&self) -> Result<i64, WorkflowError> {
        Ok(self.store.read(|tx| tx.current_rev())?)
    }

    /// The cases written after `revision` (0: all), split by whether the actor may open
    /// them. Live refresh sends only these, never the whole case list.
    pub fn changes_since(&self, revision: i64) -> Result<Changes, WorkflowError> {
        let login = &self.actor.login;
        let (actor, (all, now)) = self.store.read(|tx| {
            let dir = tx.directory()?;
            Ok((dir.person(login).cloned(), tx.cases_since(revision)?))
        })?;
        let actor = actor.ok_or_else(|| WorkflowError::UnknownUser {
            login: login.clone(),
            admins: Vec::new(),
        })?;
        let mut out = Changes {
            revision: now,
            numbers: all.iter().map(|r| r.case.number.clone()).collect(),
            priors: crate::domain::liability::prior_outcomes(all.iter().map(|r| &r.case)),
            ..Changes::default()
        };
        for r in all {
            if access::may_open(&actor, &r.case).is_ok() {
                out.cases.push(r);
            } else {
                out.hidden.push(r.case.number);
            }
        }
        Ok(out)
    }

    /// The whole audit log, for an admin only (it names every case); one case's log is
    /// [`Session::history`].
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, WorkflowError> {
        let dir = self.store.read(|tx| tx.directory())?;
        let actor = super::identity::resolve(&dir, &self.actor.login)?;
        access::require_role(&actor, Role::Admin, "audit_log")?;
        Ok(self.store.read(|tx| tx.audit(None))?)
    }

    /// Every check of `culpa audit verify` ([`super::verify`]: integrity, triggers, chain,
    /// signatures, `expect` head, replay, vault). Anyone on file may: the answer names at
    /// most a case number and a field with the disputed value.
    pub fn verify_audit(
        &self,
        expect: Option<&(i64, String)>,
    ) -> Result<super::verify::Verification, WorkflowError> {
        super::verify::verify(&self.store, expect)
    }

    /// Re-hash every vault object against the record, with the attachments that name them
    /// (to say which files and cases a problem touches).
    pub fn verify_vault(
        &self,
    ) -> Result<(VaultReport, Vec<crate::store::Attachment>), WorkflowError> {
        let report = self.store.verify_vault()?;
        let attachments = if report.problems.is_empty() {
            Vec::new()
        } else {
            self.store.read(|tx| tx.attachments(None))?
        };
        Ok((report, attachments))
    }
}
