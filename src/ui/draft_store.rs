//! Drafts on disk: one file per database, user, form and case, in `<data dir>/drafts/`.
//! Drafts hold what was typed — transcripts, findings — so the directory is 0700 and every
//! file 0600: no other account may read them. A file is written whole to a temporary name
//! and renamed, so a crash never leaves half a draft.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::ui::app::{Draft, DraftKey};

pub struct DraftStore {
    dir: PathBuf,
    db: String,
    login: String,
}

impl DraftStore {
    /// The drafts of `login` on the database `db` (its path as shown), kept in `dir`.
    pub fn new(dir: PathBuf, db: &str, login: &str) -> DraftStore {
        DraftStore {
            dir,
            db: db.to_string(),
            login: login.to_string(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file(&self, kind_name: &str, case: Option<&str>) -> PathBuf {
        let mut h = Sha256::new();
        for part in [
            self.db.as_str(),
            self.login.as_str(),
            kind_name,
            case.unwrap_or(""),
        ] {
            h.update(part.as_bytes());
            h.update([0]);
        }
        let name = hex::encode(h.finalize());
        self.dir.join(format!("{}.json", &name[..24]))
    }

    fn kind_name(kind: crate::ui::forms::Step) -> String {
        let probe = Draft {
            kind,
            case: None,
            fields: serde_json::Value::Null,
            hangup: false,
            saved_at: None,
        };
        probe.to_json()["kind"].as_str().unwrap_or("").to_string()
    }

    /// Create the directory 0700, or bring an existing one back to 0700.
    fn ensure_dir(&self) -> io::Result<()> {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)?;
        fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))
    }

    /// Write `d` (stamped with the local time now) as this form's and case's draft.
    pub fn save(&self, d: &Draft) -> io::Result<()> {
        self.ensure_dir()?;
        let mut d = d.clone();
        d.saved_at = Some(chrono::Local::now().format("%Y-%m-%d %H:%M").to_string());
        let mut v = d.to_json();
        v["db"] = self.db.clone().into();
        v["login"] = self.login.clone().into();
        let path = self.file(&Self::kind_name(d.kind), d.case.as_deref());
        let tmp = path.with_extension("tmp");
        let _ = fs::remove_file(&tmp);
        let mut f = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        f.write_all(&serde_json::to_vec_pretty(&v).unwrap_or_default())?;
        f.sync_all()?;
        fs::rename(&tmp, &path)
    }

    pub fn delete(&self, key: &DraftKey) -> io::Result<()> {
        let path = self.file(&Self::kind_name(key.0), key.1.as_deref());
        match fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// This user's drafts on this database, oldest first. Unreadable files are skipped.
    pub fn load(&self) -> Vec<Draft> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<Draft> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
            .filter_map(|e| {
                let text = fs::read_to_string(e.path()).ok()?;
                let v: serde_json::Value = serde_json::from_str(&text).ok()?;
                if v["db"] != self.db.as_str() || v["login"] != self.login.as_str() {
                    return None;
                }
                Draft::from_json(&v)
            })
            .collect();
        out.sort_by(|a, b| a.saved_at.cmp(&b.saved_at));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::forms::Step;

    #[test]
    fn drafts_are_private_kept_per_form_and_case_and_per_user() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("drafts");
        let a = DraftStore::new(dir.clone(), "/db", "wangl");
        let b = DraftStore::new(dir.clone(), "/db", "zhaom");
        let d = |kind, case: &str, text: &str| Draft {
            kind,
            case: Some(case.into()),
            fields: serde_json::json!({"fields": {"t": text}}),
            hangup: false,
            saved_at: None,
        };
        a.save(&d(Step::Findings, "1号", "one")).expect("save");
        a.save(&d(Step::Findings, "2号", "two")).expect("save");
        a.save(&d(Step::RecordInterview, "1号", "three"))
            .expect("save");
        a.save(&d(Step::Findings, "1号", "one again"))
            .expect("save");
        b.save(&d(Step::Findings, "1号", "hers")).expect("save");
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        for e in fs::read_dir(&dir).expect("dir").flatten() {
            assert_eq!(mode(&e.path()), 0o600, "{}", e.path().display());
        }
        let mine = a.load();
        assert_eq!(mine.len(), 3);
        assert!(mine.iter().any(|x| x.fields["fields"]["t"] == "one again"));
        assert!(!mine.iter().any(|x| x.fields["fields"]["t"] == "hers"));
        a.delete(&(Step::Findings, Some("1号".into())))
            .expect("delete");
        assert_eq!(a.load().len(), 2);
        assert_eq!(b.load().len(), 1);
    }
}
