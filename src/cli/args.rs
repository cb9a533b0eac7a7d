//! The command line's shape (clap derive). `--help` lists every command, database or not.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgGroup, Parser, Subcommand};

/// A date exactly as the format writes it.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let ok = s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-';
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) if ok => Ok(d),
        _ => Err(format!(
            "\"{s}\" is not a date; write YYYY-MM-DD, e.g. 2026-10-01"
        )),
    }
}

/// The longest period `due` counts: ten years. The regulation's periods run from 7 working
/// days to 30 days; anything near the limit is a typing slip, and past the calendar's range a
/// date cannot be written at all.
pub const MAX_PERIOD_DAYS: i64 = 3660;

/// A count of days: 0 to [`MAX_PERIOD_DAYS`].
fn parse_count(s: &str) -> Result<u32, String> {
    match s.parse::<i64>() {
        Ok(n) if n < 0 => Err(format!("{n} is negative; N must be 0 or more")),
        Ok(n) if n > MAX_PERIOD_DAYS => Err(format!(
            "{n} days is not a period the regulation counts; N is at most {MAX_PERIOD_DAYS} (ten years)"
        )),
        Ok(n) => u32::try_from(n).map_err(|_| format!("{n} is too large")),
        Err(_) => Err(format!("\"{s}\" is not a whole number of days")),
    }
}

fn parse_lang(s: &str) -> Result<String, String> {
    crate::i18n::Lang::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| format!("\"{s}\" is not a language; use zh or en"))
}

/// `culpa apply --help`: the JSON shape, with one example (see src/cli/apply.rs).
const APPLY_HELP: &str = "Run workflow commands given as JSON, exactly as the workbench would: \
the same checks of identity, role, stage and rules, one transaction and one audit entry each.\n\n\
Input: one command, or an array of commands run in order (each in its own transaction; the \
first refusal stops the run, exit 1, and names the command's index). A command is an object \
with ONE key, the command's name, holding its fields (serde's externally tagged form, as \
the audit log's details show it). Dates are YYYY-MM-DD; unknown fields are errors; optional \
fields may be left out.\n\n\
Commands: Intake, Accept, Reject, Notify, AppointTeam, Recuse, AddRelation, AddEvidence, \
RecordInterview, SetInterestedPartiesNote, SetOverdueReason, SetFindings, Deliberate, Submit, Decide, \
ApplySanction, FileAppeal, AcceptAppeal, DecideAppeal, Close, UpsertPerson.\n\n\
Example:\n  \
{\"RecordInterview\": {\"case\": \"卧应急责〔2026〕7号\", \"interview\": {\"on\": \"2026-10-14\", \
\"kind\": \"statement_defence\", \"interviewee\": \"sunq\", \"interviewers\": [\"wangl\", \"zhaom\"], \
\"transcript\": \"……\", \"signed\": true}}}\n\n\
With --json, prints {\"case\": NUMBER, \"version\": N} per command (an array for an array).";

#[derive(Debug, Parser)]
#[command(
    name = "culpa",
    version,
    about = "Investigating administrative-enforcement faults (行政执法过错或错案责任追究)",
    long_about = "Investigating administrative-enforcement faults under the Wolong District \
Emergency Management Bureau's regulation (行政执法过错或错案责任追究制度).\n\n\
Without a command, opens the workbench. NO_COLOR disables colour."
)]
pub struct Cli {
    /// Database file (else $CULPA_DB, else `db` in culpa/config.toml, else the data dir)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Interface language (else the locale)
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    pub lang: Option<String>,
    /// Holiday calendar for one year (cn-holidays JSON), replacing that year; repeatable
    #[arg(long = "calendar", global = true, value_name = "FILE")]
    pub calendars: Vec<PathBuf>,
    /// Today's date for deadlines and checks (default: the system date)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Act as this user (demo databases only)
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_login: Option<String>,
    /// Configuration file naming the service (`server = "…"`; default /etc/culpa/config.toml);
    /// also the server's file for `culpa serve` and `culpa admin`
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Answer in JSON (the format of bundle-v2.md)
    #[arg(long, global = true)]
    pub json: bool,
    /// ASCII borders and rules, for terminals that draw box characters double-width
    #[arg(long, global = true)]
    pub ascii: bool,
    /// Leave the mouse to the terminal (its own selection and copy): no clicks or wheel in
    /// the workbench. Also CULPA_NO_MOUSE=1
    #[arg(long, global = true)]
    pub no_mouse: bool,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Create the database, with LOGIN (an OS account) as its first administrator
    Init {
        /// The first administrator's OS account (named explicitly, never whoever runs init)
        #[arg(long, value_name = "LOGIN")]
        admin: String,
        /// The admin's name, as it appears on the record (default: the account's full name,
        /// else the login)
        #[arg(long)]
        name: Option<String>,
        /// The admin's unit (股室)
        #[arg(long, default_value = "")]
        unit: String,
    },
    /// People and their roles
    #[command(subcommand)]
    User(UserCmd),
    /// Load a culpa.bundle file (/2, or /1 from older builds), all or nothing
    Import { file: PathBuf },
    /// Write cases as a culpa.bundle/2 file
    Export {
        /// Case numbers (default: every case)
        cases: Vec<String>,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Who carries what liability (Arts. 4–9)
    Liability {
        /// Case number or id
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        case: Option<String>,
        /// Judge every case of a bundle file instead of the database
        #[arg(long, value_name = "BUNDLE")]
        file: Option<PathBuf>,
    },
    /// May the handling opinion go to the committee now? (Art. 10)
    Check {
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        case: Option<String>,
        #[arg(long, value_name = "BUNDLE")]
        file: Option<PathBuf>,
    },
    /// Every open obligation, most urgent first
    Deadlines {
        /// Only what is yours to do
        #[arg(long, conflicts_with = "file")]
        mine: bool,
        #[arg(long, value_name = "BUNDLE")]
        file: Option<PathBuf>,
    },
    /// Find text in every case you may open (titles, summaries, transcripts, minutes …)
    Search {
        /// The text to look for (three or more characters use the full-text index)
        #[arg(value_name = "TEXT")]
        text: String,
        /// At most this many matches
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
    },
    /// The audit log
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Evidence files in the vault
    #[command(subcommand)]
    Evidence(EvidenceCmd),
    /// Create a demo database with sample cases and open the workbench on it
    #[command(
        long_about = "Create a demo database (replacing an earlier demo, never a real \
database) with the demo bureau's people and cases, then open the workbench on it as the \
investigator wangl (or --as LOGIN). Without --db or CULPA_DB the demo lives at \
<data dir>/culpa/demo.db, apart from the real database."
    )]
    Demo {
        /// Add N synthetic cases for load and speed work
        #[arg(long, value_name = "N")]
        cases: Option<u32>,
        /// Only create the database; do not open the workbench
        #[arg(long)]
        no_open: bool,
    },
    /// Run workflow commands given as JSON (a file, or - for stdin)
    #[command(long_about = APPLY_HELP)]
    Apply {
        /// A JSON file holding one command or an array of commands (default: stdin)
        #[arg(value_name = "FILE|-")]
        file: Option<PathBuf>,
    },
    /// Set up and look after the server (root or the service account only)
    #[command(subcommand)]
    Admin(AdminCmd),
    /// Run the service that owns the database (served mode; see docs/protocol.md)
    #[command(
        long_about = "Run the culpa service in the foreground: it alone opens the \
database and the vault, listens on a Unix socket (`socket` in the config, default \
/run/culpa/culpa.sock) and knows each client from the kernel (SO_PEERCRED). Started as \
root, it drops to the `culpa` account (`account` in the config) after binding. With \
LISTEN_FDS (systemd socket activation) it uses the socket it is given."
    )]
    Serve,
    /// The due date of a period (prints only YYYY-MM-DD)
    #[command(
        group(ArgGroup::new("period").required(true).args(["working_days", "days"])),
        allow_negative_numbers = true
    )]
    Due {
        /// The start day (it does not count)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: NaiveDate,
        /// N working days (工作日)
        #[arg(long, value_name = "N", value_parser = parse_count)]
        working_days: Option<u32>,
        /// N calendar days (日)
        #[arg(long, value_name = "N", value_parser = parse_count)]
        days: Option<u32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCmd {
    /// Create the account, state directory, database (first admin LOGIN), signing key,
    /// config and systemd units; idempotent
    Setup {
        /// The first administrator's OS account
        #[arg(long, value_name = "LOGIN")]
        admin: String,
        /// Where the database, vault and key live (default /var/lib/culpa)
        #[arg(long, value_name = "DIR")]
        state_dir: Option<PathBuf>,
        /// The service's socket (default /run/culpa/culpa.sock)
        #[arg(long, value_name = "PATH")]
        socket: Option<PathBuf>,
        /// Do not install or enable the systemd units
        #[arg(long)]
        no_systemd: bool,
        /// The admin's name on the record (default: the login)
        #[arg(long)]
        name: Option<String>,
        /// The admin's unit (股室)
        #[arg(long, default_value = "")]
        unit: String,
    },
    /// Copy the database (online, while clients write) into DEST, verify the copy, keep N
    Backup {
        /// A directory for the copies (culpa-YYYYMMDDTHHMMSSZ.db)
        dest: PathBuf,
        /// How many copies to keep (default: backup_keep in the config, 14)
        #[arg(long, value_name = "N")]
        keep: Option<u32>,
    },
    /// Replace the database with a verified backup (the service must be stopped)
    Restore { src: PathBuf },
    /// Check owners and modes, integrity, triggers, audit, vault, socket, calendar
    Doctor,
}

#[derive(Debug, Subcommand)]
pub enum UserCmd {
    /// Add or update a person
    Add {
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        unit: String,
        /// legal, chief, investigator, committee, officer, admin (repeatable)
        #[arg(long = "role", value_name = "ROLE")]
        roles: Vec<String>,
    },
    /// Everyone on file
    List,
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Verify the record: integrity, triggers, chain, signatures, replay, vault
    #[command(
        long_about = "Verify the record: PRAGMA integrity_check, the audit triggers, the hash \
chain, the signatures of its head, a replay of the whole log in a fresh database compared with \
the live tables, and the vault against the hashes the log recorded. Exit 0 when intact, 1 \
naming the first disagreement (the case and field, where there is one)."
    )]
    Verify {
        /// A head kept elsewhere (as an earlier verify printed it): the chain must extend it
        #[arg(long, value_name = "SEQ:HASH", value_parser = crate::workflow::verify::parse_head)]
        expect_head: Option<(i64, String)>,
    },
    /// Show the audit log (of one case)
    Log { case: Option<String> },
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCmd {
    /// Attach files to a case as evidence
    Add {
        case: String,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_name = "K", default_value = "document")]
        kind: String,
        /// Default: the file's name
        #[arg(long, value_name = "D")]
        description: Option<String>,
        /// When the evidence was collected (default: --today)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        on: Option<NaiveDate>,
    },
    /// Re-hash every vault file against its record
    Verify,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn dates_and_counts_are_strict() {
        assert!(parse_date("2026-10-01").is_ok());
        for bad in ["2026-13-01", "2026/10/01", "2026-1-5", "20261001"] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_count("0"), Ok(0));
        assert!(parse_count("-1").unwrap_err().contains("0 or more"));
        assert!(parse_count("x").is_err());
    }
}
