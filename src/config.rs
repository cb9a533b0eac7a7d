//! The configuration file, shared by the clients (`culpa`, which only needs `server`) and the
//! service (`culpa serve`, which needs the rest). `culpa admin setup` writes it; everyone
//! reads it with [`Config::load`].
//!
//! ```toml
//! server    = "/run/culpa/culpa.sock"   # where clients find the service
//! socket    = "/run/culpa/culpa.sock"   # where the service listens (default: server)
//! state_dir = "/var/lib/culpa"          # the service's own files, mode 0700
//! database  = "/var/lib/culpa/culpa.db" # default: <state_dir>/culpa.db
//! account   = "culpa"                   # the account `culpa serve` runs as
//! demo      = false                     # a demo service: clients may act --as anyone
//! allow_as  = []                        # OS accounts that may act --as someone else
//! ```
//!
//! Discovery (fixed, issue 7): `--db PATH` always means direct mode (a database file opened
//! in-process). Otherwise a client uses the service at `$CULPA_SERVER`, else at `server` in
//! the config file (`--config PATH`, else `/etc/culpa/config.toml`). Without either, direct
//! mode on `$CULPA_DB` or the user's own database (`db` in `~/.config/culpa/config.toml`).
//!
//! Impersonation comes from here and only here: `demo` and `allow_as` are the service
//! owner's word, never the database's (whose `meta.demo` any writer of the file could set).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The system-wide configuration file.
pub const DEFAULT_CONFIG: &str = "/etc/culpa/config.toml";
/// Where the service listens unless told otherwise.
pub const DEFAULT_SOCKET: &str = "/run/culpa/culpa.sock";
/// The service's state directory unless told otherwise.
pub const DEFAULT_STATE_DIR: &str = "/var/lib/culpa";
/// The account the service runs as.
pub const DEFAULT_ACCOUNT: &str = "culpa";
/// The largest configuration file read (a config is a few lines).
const MAX_CONFIG_BYTES: u64 = 64 * 1024;

/// One configuration file. Unknown keys are refused, so a misspelt key is not silently
/// ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Clients: the service's socket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server: Option<PathBuf>,
    /// The service: where to listen (default `server`, else [`DEFAULT_SOCKET`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub socket: Option<PathBuf>,
    /// The service: its state directory (default [`DEFAULT_STATE_DIR`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_dir: Option<PathBuf>,
    /// The service: the database (default `<state_dir>/culpa.db`). Evidence lives in
    /// `<database>.vault/` beside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<PathBuf>,
    /// The service: the account to run as when started as root (default `culpa`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The service: a demo service, where every client may act `--as` anyone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demo: bool,
    /// The service: OS accounts that may act `--as` someone else (testers, trainers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_as: Vec<String>,
    /// Direct mode (a user's own `~/.config/culpa/config.toml`): the database file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db: Option<PathBuf>,
}

/// Why a configuration file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is larger than {} bytes; is it the right file?", .path.display(), MAX_CONFIG_BYTES)]
    TooLarge { path: PathBuf },
    #[error("{}: {message}", .path.display())]
    Invalid { path: PathBuf, message: String },
}

impl Config {
    /// Parse `text` (TOML); the error names the key or line.
    pub fn parse(text: &str) -> Result<Config, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        toml::from_str(text).map_err(|e| e.to_string())
    }

    /// Read `path`; `Ok(None)` if there is no such file.
    pub fn load(path: &Path) -> Result<Option<Config>, ConfigError> {
        use std::io::Read;
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let mut text = String::new();
        file.take(MAX_CONFIG_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|source| ConfigError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        if text.len() as u64 > MAX_CONFIG_BYTES {
            return Err(ConfigError::TooLarge {
                path: path.to_path_buf(),
            });
        }
        Config::parse(&text)
            .map(Some)
            .map_err(|message| ConfigError::Invalid {
                path: path.to_path_buf(),
                message,
            })
    }

    /// TOML as `culpa admin setup` writes it.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// Where the service listens.
    pub fn socket_path(&self) -> PathBuf {
        self.socket
            .clone()
            .or_else(|| self.server.clone())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_SOCKET))
    }

    pub fn state_dir_path(&self) -> PathBuf {
        self.state_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_STATE_DIR))
    }

    /// The service's database.
    pub fn database_path(&self) -> PathBuf {
        self.database
            .clone()
            .unwrap_or_else(|| self.state_dir_path().join("culpa.db"))
    }

    pub fn account_name(&self) -> &str {
        self.account.as_deref().unwrap_or(DEFAULT_ACCOUNT)
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
/// file (`config`, else [`DEFAULT_CONFIG`]). `None`: direct mode. `--db` is decided by the
/// caller before asking (it always means direct mode).
pub fn discover_server(config: Option<&Path>) -> Result<Option<PathBuf>, ConfigError> {
    if let Some(v) = std::env::var_os("CULPA_SERVER").filter(|v| !v.is_empty()) {
        return Ok(Some(PathBuf::from(v)));
    }
    let path = config.unwrap_or(Path::new(DEFAULT_CONFIG));
    match Config::load(path)? {
        Some(c) => Ok(c.server),
        // An explicitly named file that does not exist is a mistake worth saying.
        None if config.is_some() => Err(ConfigError::Read {
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
    fn keys_round_trip_and_unknown_keys_are_refused() {
        let c = Config::parse(
            "server = \"/run/x.sock\"\nstate_dir = \"/srv/c\"\ndemo = true\nallow_as = [\"t\"]\n",
        )
        .expect("parses");
        assert_eq!(c.server.as_deref(), Some(Path::new("/run/x.sock")));
        assert_eq!(c.socket_path(), PathBuf::from("/run/x.sock"));
        assert_eq!(c.database_path(), PathBuf::from("/srv/c/culpa.db"));
        assert_eq!(c.account_name(), "culpa");
        assert_eq!(Config::parse(&c.to_toml()).expect("round trip"), c);
        let e = Config::parse("servr = \"/x\"").expect_err("misspelt key");
        assert!(e.contains("servr"), "{e}");
        // A BOM is accepted.
        assert!(Config::parse("\u{feff}demo = false").is_ok());
    }

    #[test]
    fn a_named_config_that_is_missing_is_an_error() {
        if std::env::var_os("CULPA_SERVER").is_some() {
            return;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("nope.toml");
        assert!(discover_server(Some(&missing)).is_err());
        let file = dir.path().join("c.toml");
        std::fs::write(&file, "server = \"/tmp/s.sock\"\n").expect("write");
        assert_eq!(
            discover_server(Some(&file)).expect("reads"),
            Some(PathBuf::from("/tmp/s.sock"))
        );
    }
}
