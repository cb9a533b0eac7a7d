//! The server's configuration file (`/etc/culpa/config.toml` by default), read by the
//! service (`culpa serve`), by every client (to find the service), and written by
//! `culpa admin setup`.
//!
//! ```toml
//! # Clients: where the service listens (CULPA_SERVER overrides it; --db means direct mode).
//! server = "/run/culpa/culpa.sock"
//!
//! [service]
//! state_dir = "/var/lib/culpa"     # 0700, owned by the service account: db, vault, key
//! socket = "/run/culpa/culpa.sock"
//! account = "culpa"
//! demo = false                     # --as and the demo flag come from here, never the db
//! # demo_today = "2026-03-16"      # demo services only: the date the service writes under
//! backup_dir = "/var/backups/culpa"
//! backup_keep = 14
//! ```
//!
//! Every field may be left out (the defaults above). Unknown keys are refused, naming the
//! key, so that a misspelt setting is not silently ignored.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where clients and `culpa admin` look unless `--config` says otherwise.
pub const DEFAULT_CONFIG: &str = "/etc/culpa/config.toml";
/// The service's state directory: the database, its vault and the signing key.
pub const DEFAULT_STATE_DIR: &str = "/var/lib/culpa";
/// The service's Unix socket.
pub const DEFAULT_SOCKET: &str = "/run/culpa/culpa.sock";
/// The system account the service runs as.
pub const DEFAULT_ACCOUNT: &str = "culpa";
/// Where the nightly backup goes.
pub const DEFAULT_BACKUP_DIR: &str = "/var/backups/culpa";
/// The database file's name inside the state directory.
pub const DB_FILE: &str = "culpa.db";
/// A config file larger than this is not a config file (refused before reading it all).
pub const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The service's socket, for clients. None: no service (direct mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<PathBuf>,
    /// A direct-mode database (a user's own `~/.config/culpa/config.toml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db: Option<PathBuf>,
    #[serde(default)]
    pub service: ServiceConfig,
}

/// The `[service]` table: what `culpa serve` and `culpa admin` use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServiceConfig {
    pub state_dir: PathBuf,
    pub socket: PathBuf,
    /// The account that alone owns the state directory.
    pub account: String,
    /// Whether `--as` is honoured (demo servers only). Comes from here, never from the db.
    pub demo: bool,
    pub backup_dir: PathBuf,
    /// How many backups `culpa admin backup` keeps in `backup_dir`.
    pub backup_keep: u32,
    /// OS accounts that may act `--as` someone else on a non-demo service (trainers,
    /// testers). Like `demo`, the service owner's word, never the database's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allow_as: Vec<String>,
    /// A demo service's fixed date: the service dates every write by it instead of its
    /// clock, so a training database (and the served e2e test) tells the same story on any
    /// day. Issue 7: a client never chooses the date of a write on a served database; this
    /// is the service owner's word, refused unless `demo = true`, so a real database is
    /// always written under the real date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demo_today: Option<chrono::NaiveDate>,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            state_dir: PathBuf::from(DEFAULT_STATE_DIR),
            socket: PathBuf::from(DEFAULT_SOCKET),
            account: DEFAULT_ACCOUNT.to_string(),
            demo: false,
            backup_dir: PathBuf::from(DEFAULT_BACKUP_DIR),
            backup_keep: 14,
            allow_as: Vec::new(),
            demo_today: None,
        }
    }
}

impl ServiceConfig {
    /// The database inside the state directory.
    pub fn db(&self) -> PathBuf {
        self.state_dir.join(DB_FILE)
    }
}

/// Why a config file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is {size} bytes; a config file is at most {MAX_CONFIG_BYTES} bytes")]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// Read `path`. A missing file is `Ok(None)`; anything unreadable or invalid is an error.
    pub fn load(path: &Path) -> Result<Option<Config>, ConfigError> {
        let io = |source| ConfigError::Io {
            path: path.to_path_buf(),
            source,
        };
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io(e)),
        };
        if meta.len() > MAX_CONFIG_BYTES {
            return Err(ConfigError::TooLarge {
                path: path.to_path_buf(),
                size: meta.len(),
            });
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        Config::parse(&text)
            .map(Some)
            .map_err(|message| ConfigError::Invalid {
                path: path.to_path_buf(),
                message,
            })
    }

    /// Parse the text of a config file (a leading UTF-8 BOM is accepted).
    pub fn parse(text: &str) -> Result<Config, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let cfg: Config = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if let Some(d) = cfg.service.demo_today
            && !cfg.service.demo
        {
            return Err(format!(
                "demo_today = \"{d}\" is honoured only on a demo service: set demo = true, \
                 or remove demo_today so that writes are dated by the service's clock"
            ));
        }
        Ok(cfg)
    }

    /// The file as `culpa admin setup` writes it.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!(
            "# culpa server configuration (written by `culpa admin setup`; see README,\n\
             # \"Install on the bureau server\"). Clients find the service through `server`.\n\n{body}"
        )
    }
}

/// Where a client's records are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A database file opened in-process (demo, a user's own database, tests).
    Direct(PathBuf),
    /// The service listening on this socket.
    Served(PathBuf),
}

/// The service a client should use, if any: `$CULPA_SERVER`, else `server` in the config
/// file (`config`, else [`DEFAULT_CONFIG`]). `None`: direct mode. (`--db` is decided before
/// asking: it always means direct mode.) A config file named with `--config` that does not
/// exist is an error; the default one may be absent (no service on this machine).
pub fn discover_server(config: Option<&Path>) -> Result<Option<PathBuf>, ConfigError> {
    if let Some(v) = std::env::var_os("CULPA_SERVER").filter(|v| !v.is_empty()) {
        return Ok(Some(PathBuf::from(v)));
    }
    let path = config.unwrap_or(Path::new(DEFAULT_CONFIG));
    match Config::load(path)? {
        Some(c) => Ok(c.server),
        None if config.is_some() => Err(ConfigError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        }),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_round_trip() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.service.state_dir, PathBuf::from(DEFAULT_STATE_DIR));
        assert_eq!(c.service.db(), PathBuf::from("/var/lib/culpa/culpa.db"));
        assert_eq!(c.server, None);
        let written = Config {
            server: Some(PathBuf::from("/run/x.sock")),
            ..Config::default()
        };
        assert_eq!(Config::parse(&written.to_toml()).unwrap(), written);
    }

    #[test]
    fn a_named_config_names_the_server_and_a_missing_one_is_an_error() {
        if std::env::var_os("CULPA_SERVER").is_some() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        assert!(discover_server(Some(&dir.path().join("nope.toml"))).is_err());
        let file = dir.path().join("c.toml");
        std::fs::write(
            &file,
            "server = \"/tmp/s.sock\"\n[service]\nallow_as = [\"t\"]\n",
        )
        .unwrap();
        assert_eq!(
            discover_server(Some(&file)).unwrap(),
            Some(PathBuf::from("/tmp/s.sock"))
        );
        let c = Config::load(&file).unwrap().unwrap();
        assert_eq!(c.service.allow_as, vec!["t".to_string()]);
    }

    /// Issue 7: a client never dates a write on a served database; a fixed day is the
    /// service owner's setting, and only a demo service may have one.
    #[test]
    fn a_fixed_day_only_on_a_demo_service() {
        let e = Config::parse("[service]\ndemo_today = \"2026-03-16\"\n").unwrap_err();
        assert!(
            e.contains("demo_today") && e.contains("demo = true"),
            "names the setting and what allows it: {e}"
        );
        let c = Config::parse("[service]\ndemo = true\ndemo_today = \"2026-03-16\"\n").unwrap();
        assert_eq!(
            c.service.demo_today,
            chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
        );
        assert_eq!(Config::parse("").unwrap().service.demo_today, None);
        let e = Config::parse("[service]\ndemo = true\ndemo_today = \"16/03/2026\"\n");
        assert!(e.is_err(), "a malformed day is refused");
    }

    #[test]
    fn unknown_keys_and_a_bom() {
        let e = Config::parse("sever = \"/x\"").unwrap_err();
        assert!(e.contains("sever"), "{e}");
        let c = Config::parse("\u{feff}server = \"/run/culpa/culpa.sock\"").unwrap();
        assert_eq!(c.server, Some(PathBuf::from(DEFAULT_SOCKET)));
    }
}
