//! The bot's configuration: the TOML file (`--config FILE`, default `config.toml`) plus the
//! environment overrides `DISCORD_TOKEN`, `MILA_BOT_DISCORD_API`, `MILA_BOT_LOG_FORMAT`,
//! `MILA_BOT_METRICS` (and `RUST_LOG`, read by the logger), validated into [`Settings`].
//!
//! Reading the file is kept apart from parsing its text, so tests pass strings. Every error is a
//! [`ConfigError`] (the CLI maps that type to exit code 2); its message starts with `config:` and
//! never contains the token.

use serde::{de::Error as _, Deserialize, Deserializer};
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The config file read when `--config` is not given; it may be absent.
pub const DEFAULT_CONFIG_PATH: &str = "config.toml";
/// Environment variable holding the bot token (overrides `[discord] token`).
pub const TOKEN_ENV: &str = "DISCORD_TOKEN";
/// Environment variable overriding the Discord API base URL (overrides `[discord] api_base`).
pub const API_BASE_ENV: &str = "MILA_BOT_DISCORD_API";
/// Environment variable overriding `log_format` (`text` or `json`).
pub const LOG_FORMAT_ENV: &str = "MILA_BOT_LOG_FORMAT";
/// Environment variable overriding `[metrics] listen` (an address such as `127.0.0.1:9184`).
pub const METRICS_ENV: &str = "MILA_BOT_METRICS";
/// The log filter when neither `RUST_LOG` nor `log_level` is set.
pub const DEFAULT_LOG_LEVEL: &str = "info,serenity=warn";

/// A secret string (the bot token) that never shows itself in `Debug` or `Display` output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }
    /// The secret itself: only for handing it to the Discord client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// What went wrong with the configuration. Messages start with `config:`.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    // `reason` is deliberately not a `source`: the OS reason is shown once, in this message.
    #[error("config: cannot read {}: {reason}", .path.display())]
    Read {
        path: PathBuf,
        reason: std::io::Error,
    },
    #[error("config: {path}{line}: {message}")]
    Parse {
        path: PathBuf,
        line: String,
        message: String,
    },
    #[error(
        "config: no Discord bot token: set the {TOKEN_ENV} environment variable or `token` in \
         the [discord] section of the config file ({path})"
    )]
    MissingToken { path: PathBuf },
    #[error("config: {0}")]
    Invalid(String),
    #[error(
        "config: Discord rejected the bot token (invalid authentication); check {TOKEN_ENV} or \
         `token` in the [discord] section of the config file"
    )]
    TokenRejected,
}

/// The config file as written (every key optional; defaults live in the `Default` impls).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// `log_format = "text" | "json"`
    #[serde(default)]
    pub log_format: Option<String>,
    /// `log_level = "info"`: a `RUST_LOG`-style filter (`RUST_LOG` overrides it).
    #[serde(default)]
    pub log_level: Option<String>,
    #[serde(default)]
    pub discord: DiscordSection,
    #[serde(default)]
    pub metrics: MetricsSection,
}

/// `[metrics]`: the optional health and metrics HTTP listener.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsSection {
    pub listen: Option<String>,
}

/// How log events are written (one line each, to stderr).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// For people: `2025-01-01T12:00:00Z  INFO mila_bot: message key=value`.
    #[default]
    Text,
    /// For machines: one JSON object per line.
    Json,
}

impl LogFormat {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" => Some(LogFormat::Text),
            "json" => Some(LogFormat::Json),
            _ => None,
        }
    }
}

/// `[discord]`
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordSection {
    pub token: Option<Secret>,
    pub api_base: Option<String>,
    pub guild_id: Option<u64>,
    pub shards: Shards,
    pub rate_limit: RateLimitSection,
    pub conversations: ConversationSection,
}

/// `[discord.rate_limit]`: at most `questions` per user per `window_secs`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitSection {
    pub questions: u32,
    pub window_secs: u64,
}

impl Default for RateLimitSection {
    fn default() -> Self {
        RateLimitSection {
            questions: 5,
            window_secs: 30,
        }
    }
}

/// `[discord.conversations]`: follow-up context per (user, channel).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ConversationSection {
    pub idle_secs: u64,
    pub max: usize,
}

impl Default for ConversationSection {
    fn default() -> Self {
        ConversationSection {
            idle_secs: 600,
            max: 10_000,
        }
    }
}

/// Which gateway shards this process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shards {
    /// One shard (no key): fine below 2,500 guilds.
    #[default]
    Single,
    /// `shards = "auto"`: as many as Discord recommends, all in this process.
    Auto,
    /// `shards = { start = 0, end = 1, total = 4 }`: shards `start..=end` of `total`.
    Range { start: u32, end: u32, total: u32 },
}

impl Shards {
    fn from_value(v: &toml::Value) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Range {
            start: u32,
            end: u32,
            total: u32,
        }
        match v {
            toml::Value::String(s) if s == "auto" => Ok(Shards::Auto),
            toml::Value::Table(_) => {
                let r: Range = v.clone().try_into().map_err(|e: toml::de::Error| {
                    format!("invalid `shards` table: {}", e.message())
                })?;
                if r.start > r.end || r.end >= r.total {
                    return Err(format!(
                        "invalid `shards`: need start <= end < total (end is inclusive), got \
                         start = {}, end = {}, total = {}",
                        r.start, r.end, r.total
                    ));
                }
                Ok(Shards::Range {
                    start: r.start,
                    end: r.end,
                    total: r.total,
                })
            }
            _ => Err(
                "invalid `shards`: expected \"auto\" or { start = N, end = M, total = T }".into(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Shards {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = toml::Value::deserialize(d)?;
        Shards::from_value(&v).map_err(D::Error::custom)
    }
}

/// The validated settings the bot runs with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub token: Secret,
    /// e.g. `http://127.0.0.1:8080` (no trailing slash); None: the real Discord.
    pub api_base: Option<String>,
    pub guild_id: Option<u64>,
    pub shards: Shards,
    pub rate_limit_questions: usize,
    pub rate_limit_window: Duration,
    pub conversation_idle: Duration,
    pub conversations_max: usize,
    pub log_format: LogFormat,
    /// The configured log filter (`RUST_LOG`, read by the logger, overrides it).
    pub log_level: String,
    /// Where to serve `/healthz` and `/metrics`; None: no listener.
    pub metrics_listen: Option<SocketAddr>,
}

impl ConfigFile {
    /// Parses the text of a config file; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ConfigError> {
        toml::from_str(text).map_err(|e| {
            // Not `e.to_string()`: that quotes the offending line, which may hold the token.
            let line = e
                .span()
                .map(|s| format!(" line {}", text[..s.start].matches('\n').count() + 1))
                .unwrap_or_default();
            ConfigError::Parse {
                path: path.to_path_buf(),
                line,
                message: e.message().trim_end().to_string(),
            }
        })
    }

    /// Reads `path`, or the default file if `path` is None (a missing default file is fine).
    pub fn read(path: Option<&Path>) -> Result<(Self, PathBuf), ConfigError> {
        let (path, explicit) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => (PathBuf::from(DEFAULT_CONFIG_PATH), false),
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok((Self::parse(&text, &path)?, path)),
            Err(e) if !explicit && e.kind() == std::io::ErrorKind::NotFound => {
                Ok((Self::default(), path))
            }
            Err(reason) => Err(ConfigError::Read { path, reason }),
        }
    }
}

impl Settings {
    /// Reads the config file and applies the environment (`env` looks a variable up).
    pub fn load(
        path: Option<&Path>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let (file, path) = ConfigFile::read(path)?;
        Self::resolve(file, &path, env)
    }

    /// Validates a parsed file plus the environment into settings.
    pub fn resolve(
        file: ConfigFile,
        path: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let (log_format, log_level, metrics_listen) = Self::operations(&file, path, env)?;
        let d = file.discord;
        let non_empty = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let token = env(TOKEN_ENV)
            .and_then(non_empty)
            .or_else(|| d.token.and_then(|t| non_empty(t.0)))
            .ok_or_else(|| ConfigError::MissingToken {
                path: path.to_path_buf(),
            })?;
        let api_base = match env(API_BASE_ENV).and_then(non_empty).or(d.api_base) {
            Some(base) if base.starts_with("http://") || base.starts_with("https://") => {
                Some(base.trim_end_matches('/').to_string())
            }
            Some(base) => {
                return Err(ConfigError::Invalid(format!(
                    "the Discord API base ({API_BASE_ENV} or [discord] api_base) must start \
                     with http:// or https://, got {base:?}"
                )))
            }
            None => None,
        };
        if d.rate_limit.questions == 0 || d.rate_limit.window_secs == 0 {
            return Err(ConfigError::Invalid(format!(
                "{}: [discord.rate_limit] questions and window_secs must be at least 1",
                path.display()
            )));
        }
        if d.conversations.max == 0 {
            return Err(ConfigError::Invalid(format!(
                "{}: [discord.conversations] max must be at least 1",
                path.display()
            )));
        }
        Ok(Settings {
            token: Secret(token),
            api_base,
            guild_id: d.guild_id.filter(|&g| g != 0),
            shards: d.shards,
            rate_limit_questions: d.rate_limit.questions as usize,
            rate_limit_window: Duration::from_secs(d.rate_limit.window_secs),
            conversation_idle: Duration::from_secs(d.conversations.idle_secs),
            conversations_max: d.conversations.max,
            log_format,
            log_level,
            metrics_listen,
        })
    }

    /// The logging and metrics settings: file values, then environment overrides.
    fn operations(
        file: &ConfigFile,
        path: &Path,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(LogFormat, String, Option<SocketAddr>), ConfigError> {
        let set = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
        let log_format = match set(env(LOG_FORMAT_ENV)).or_else(|| file.log_format.clone()) {
            None => LogFormat::default(),
            Some(f) => LogFormat::parse(&f).ok_or_else(|| {
                ConfigError::Invalid(format!(
                    "the log format ({LOG_FORMAT_ENV} or `log_format` in {}) must be \"text\" or \
                     \"json\", got {f:?}",
                    path.display()
                ))
            })?,
        };
        let log_level = set(file.log_level.clone()).unwrap_or_else(|| DEFAULT_LOG_LEVEL.into());
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&log_level) {
            return Err(ConfigError::Invalid(format!(
                "{}: invalid `log_level` {log_level:?}: {e}",
                path.display()
            )));
        }
        let metrics_listen = match set(env(METRICS_ENV)).or_else(|| file.metrics.listen.clone()) {
            None => None,
            Some(a) => Some(a.trim().parse().map_err(|_| {
                ConfigError::Invalid(format!(
                    "the metrics address ({METRICS_ENV} or [metrics] listen in {}) must be \
                     IP:PORT, e.g. \"127.0.0.1:9184\", got {a:?}",
                    path.display()
                ))
            })?),
        };
        Ok((log_format, log_level, metrics_listen))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    fn settings(
        text: &str,
        vars: &'static [(&'static str, &'static str)],
    ) -> Result<Settings, ConfigError> {
        let path = Path::new("test.toml");
        Settings::resolve(ConfigFile::parse(text, path)?, path, &env_of(vars))
    }

    #[test]
    fn defaults_apply_to_an_empty_file_with_the_token_from_the_environment() {
        let s = settings("", &[(TOKEN_ENV, "abc")]).unwrap();
        assert_eq!(s.token.expose(), "abc");
        assert_eq!(s.api_base, None);
        assert_eq!(s.shards, Shards::Single);
        assert_eq!(
            (s.rate_limit_questions, s.rate_limit_window),
            (5, Duration::from_secs(30))
        );
    }

    #[test]
    fn the_environment_overrides_the_file() {
        let text = "[discord]\ntoken = \"file\"\napi_base = \"http://a:1/\"\n";
        let s = settings(text, &[(TOKEN_ENV, "env"), (API_BASE_ENV, "http://b:2/")]).unwrap();
        assert_eq!(s.token.expose(), "env");
        assert_eq!(s.api_base.as_deref(), Some("http://b:2"));
        let s = settings(text, &[(TOKEN_ENV, " ")]).unwrap();
        assert_eq!(s.token.expose(), "file");
        assert_eq!(s.api_base.as_deref(), Some("http://a:1"));
    }

    #[test]
    fn a_missing_token_names_both_places() {
        let e = settings("[discord]\ntoken = \"\"\n", &[])
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("config:"), "{e}");
        assert!(e.contains(TOKEN_ENV) && e.contains("test.toml"), "{e}");
    }

    #[test]
    fn an_unknown_key_names_file_line_and_key_but_not_the_token() {
        let text = "[discord]\ntoken = \"s3cret-token\"\ntokne = 1\n";
        let e = settings(text, &[]).unwrap_err().to_string();
        assert!(e.starts_with("config: test.toml line 3"), "{e}");
        assert!(e.contains("tokne"), "{e}");
        assert!(!e.contains("s3cret"), "{e}");
    }

    #[test]
    fn the_token_is_redacted_in_debug_output() {
        let s = settings("[discord]\ntoken = \"s3cret\"\n", &[]).unwrap();
        let shown = format!("{s:?} {}", s.token);
        assert!(
            !shown.contains("s3cret") && shown.contains("[redacted]"),
            "{shown}"
        );
    }

    #[test]
    fn shards_accept_auto_and_an_inclusive_range() {
        let s = settings("[discord]\nshards = \"auto\"\n", &[(TOKEN_ENV, "t")]).unwrap();
        assert_eq!(s.shards, Shards::Auto);
        let text = "[discord]\nshards = { start = 0, end = 1, total = 4 }\n";
        let s = settings(text, &[(TOKEN_ENV, "t")]).unwrap();
        assert_eq!(
            s.shards,
            Shards::Range {
                start: 0,
                end: 1,
                total: 4
            }
        );
        for bad in [
            "\"many\"",
            "3",
            "{ start = 2, end = 1, total = 4 }",
            "{ start = 0, end = 4, total = 4 }",
        ] {
            let text = format!("[discord]\nshards = {bad}\n");
            assert!(settings(&text, &[(TOKEN_ENV, "t")]).is_err(), "{bad}");
        }
    }

    #[test]
    fn invalid_values_are_rejected() {
        for text in [
            "[discord.rate_limit]\nquestions = 0\n",
            "[discord.conversations]\nmax = 0\n",
            "[discord]\napi_base = \"127.0.0.1:80\"\n",
            "[discrod]\n",
        ] {
            let e = settings(text, &[(TOKEN_ENV, "t")]).unwrap_err().to_string();
            assert!(e.starts_with("config:"), "{e}");
        }
    }

    #[test]
    fn logging_and_metrics_default_off_and_come_from_file_or_environment() {
        let s = settings("", &[(TOKEN_ENV, "t")]).unwrap();
        assert_eq!(s.log_format, LogFormat::Text);
        assert_eq!(s.log_level, DEFAULT_LOG_LEVEL);
        assert_eq!(s.metrics_listen, None);
        let text = "log_format = \"json\"\nlog_level = \"debug\"\n[metrics]\nlisten = \"127.0.0.1:9184\"\n";
        let s = settings(text, &[(TOKEN_ENV, "t")]).unwrap();
        assert_eq!(s.log_format, LogFormat::Json);
        assert_eq!(s.log_level, "debug");
        assert_eq!(s.metrics_listen, Some("127.0.0.1:9184".parse().unwrap()));
        let vars = &[
            (TOKEN_ENV, "t"),
            (LOG_FORMAT_ENV, "TEXT"),
            (METRICS_ENV, "0.0.0.0:1"),
        ];
        let s = settings(text, vars).unwrap();
        assert_eq!(s.log_format, LogFormat::Text);
        assert_eq!(s.metrics_listen, Some("0.0.0.0:1".parse().unwrap()));
    }

    #[test]
    fn bad_logging_and_metrics_values_are_config_errors() {
        for (text, vars) in [
            ("log_format = \"xml\"\n", &[(TOKEN_ENV, "t")][..]),
            (
                "log_level = \"info,serenity=loud\"\n",
                &[(TOKEN_ENV, "t")][..],
            ),
            (
                "[metrics]\nlisten = \"localhost\"\n",
                &[(TOKEN_ENV, "t")][..],
            ),
            ("", &[(TOKEN_ENV, "t"), (METRICS_ENV, "9184")][..]),
        ] {
            let path = Path::new("test.toml");
            let vars: Vec<(String, String)> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let env = |k: &str| vars.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
            let e = Settings::resolve(ConfigFile::parse(text, path).unwrap(), path, &env)
                .unwrap_err()
                .to_string();
            assert!(e.starts_with("config:"), "{e}");
        }
    }

    #[test]
    fn the_example_config_parses() {
        let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml"));
        let text = std::fs::read_to_string(path).unwrap();
        let file = ConfigFile::parse(&text, path).unwrap();
        let s = Settings::resolve(file, path, &env_of(&[(TOKEN_ENV, "t")])).unwrap();
        assert_eq!(s.conversations_max, 10_000);
    }

    #[test]
    fn a_missing_explicit_config_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let e = ConfigFile::read(Some(&missing)).unwrap_err().to_string();
        assert!(
            e.starts_with("config: cannot read") && e.contains("nope.toml"),
            "{e}"
        );
    }
}
