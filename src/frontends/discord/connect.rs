//! Reaching Discord, in the bot's own words: before the gateway client starts, `GET /gateway`
//! and a TCP connection to the gateway it names are tried with exponential backoff and jitter,
//! each failure logged once with what was tried, the error and the next retry. The gateway URL
//! used is always the one the configured API returned, so with `MILA_BOT_DISCORD_API` set the
//! bot never dials Discord's public gateway. While running, a watchdog keeps `/healthz` and the
//! `mila_bot_gateway_connected` gauge up to date and reports a lost connection at growing
//! intervals.

use super::metrics::Metrics;
use crate::config::Secret;
use serenity::all::{Http, ShardManager};
use serenity::gateway::ConnectionStage;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The first retry delay and the longest one.
pub const FIRST_RETRY: Duration = Duration::from_secs(1);
pub const MAX_RETRY: Duration = Duration::from_secs(300);
/// How long one attempt (the HTTP request, the TCP connection) may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);
/// A lost gateway connection is reported after this long (resumes take milliseconds).
const REPORT_AFTER: Duration = Duration::from_secs(10);
/// How often the watchdog looks at the shards.
const POLL: Duration = Duration::from_millis(200);

/// Exponential backoff with ±20 % jitter: 1 s, 2 s, 4 s, ... up to `max`.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
    first: Duration,
    max: Duration,
}

impl Backoff {
    pub fn new(first: Duration, max: Duration) -> Self {
        Backoff {
            next: first,
            first,
            max,
        }
    }

    /// The next delay (jittered), doubling the one after.
    pub fn next_delay(&mut self) -> Duration {
        let base = self.next;
        self.next = (base * 2).min(self.max);
        base.mul_f64(0.8 + 0.4 * fastrand::f64())
    }

    pub fn reset(&mut self) {
        self.next = self.first;
    }
}

/// Why Discord could not be reached.
#[derive(Debug)]
pub enum Unreachable {
    /// Discord answered 401: the token is not valid (exit 2).
    Rejected,
    /// `tried` failed with `error`.
    Failed { tried: String, error: String },
}

/// The error and its causes on one line, with the token (should it ever appear) redacted.
pub fn describe(e: &dyn std::error::Error, token: &Secret) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    let line = parts.join(": ").replace(['\n', '\r'], " ");
    if token.expose().is_empty() {
        line
    } else {
        line.replace(token.expose(), "[redacted]")
    }
}

/// Host and port of a `ws://` or `wss://` URL.
pub fn host_port(url: &str) -> Option<(String, u16)> {
    let (rest, default_port) = if let Some(r) = url.strip_prefix("wss://") {
        (r, 443)
    } else if let Some(r) = url.strip_prefix("ws://") {
        (r, 80)
    } else {
        return None;
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.is_empty() {
        return None;
    }
    // [v6]:port, host:port, host
    if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None => default_port,
        };
        return Some((host.to_string(), port));
    }
    match authority.rsplit_once(':') {
        Some((host, port)) => Some((host.to_string(), port.parse().ok()?)),
        None => Some((authority.to_string(), default_port)),
    }
}

/// One attempt: `GET /gateway`, then a TCP connection to the gateway it names.
pub async fn probe(http: &Http, api: &str, token: &Secret) -> Result<String, Unreachable> {
    let tried = format!("GET {api}/api/v10/gateway");
    let url = match tokio::time::timeout(ATTEMPT_TIMEOUT, http.get_gateway()).await {
        Err(_) => {
            return Err(Unreachable::Failed {
                tried,
                error: format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs()),
            })
        }
        Ok(Err(serenity::Error::Http(e))) if e.status_code().map(|s| s.as_u16()) == Some(401) => {
            return Err(Unreachable::Rejected)
        }
        Ok(Err(e)) => {
            return Err(Unreachable::Failed {
                tried,
                error: describe(&e, token),
            })
        }
        Ok(Ok(g)) => g.url,
    };
    let Some((host, port)) = host_port(&url) else {
        return Err(Unreachable::Failed {
            tried,
            error: format!("the gateway URL it returned is not a ws:// or wss:// URL: {url:?}"),
        });
    };
    let tried = format!("connect to the gateway {host}:{port}");
    match tokio::time::timeout(
        ATTEMPT_TIMEOUT,
        tokio::net::TcpStream::connect((host.as_str(), port)),
    )
    .await
    {
        Ok(Ok(_)) => Ok(url),
        Ok(Err(e)) => Err(Unreachable::Failed {
            tried,
            error: describe(&e, token),
        }),
        Err(_) => Err(Unreachable::Failed {
            tried,
            error: format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs()),
        }),
    }
}

/// Probes until Discord answers, logging each failure with the next retry. Returns the gateway
/// URL, or `Rejected`.
pub async fn reach(
    http: &Http,
    api: &str,
    token: &Secret,
    backoff: &mut Backoff,
) -> Result<String, Unreachable> {
    let started = Instant::now();
    let mut failures = 0u32;
    loop {
        match probe(http, api, token).await {
            Ok(url) => {
                if failures > 0 {
                    tracing::info!(
                        attempts = failures + 1,
                        after_secs = started.elapsed().as_secs(),
                        "reached Discord"
                    );
                }
                backoff.reset();
                return Ok(url);
            }
            Err(Unreachable::Rejected) => return Err(Unreachable::Rejected),
            Err(Unreachable::Failed { tried, error }) => {
                failures += 1;
                let delay = backoff.next_delay();
                tracing::warn!(
                    attempt = failures,
                    retry_in_secs = round1(delay),
                    "cannot reach Discord: {tried} failed: {error}; next retry in {:.1} s",
                    delay.as_secs_f64()
                );
                tokio::time::sleep(delay).await;
            }
        }
    }
}

fn round1(d: Duration) -> f64 {
    (d.as_secs_f64() * 10.0).round() / 10.0
}

/// Connection state per shard, as the shard manager knows it: a shard restarting is absent.
async fn shard_states(manager: &ShardManager) -> BTreeMap<u32, bool> {
    manager
        .runners
        .lock()
        .await
        .iter()
        .map(|(id, info)| (id.0, info.stage == ConnectionStage::Connected))
        .collect()
}

/// Keeps the metrics' view of the gateway current and reports a connection lost for more than
/// [`REPORT_AFTER`], then at growing intervals, each time probing Discord for the error. Ends
/// with `Err(Rejected)` if Discord starts refusing the token.
pub async fn watchdog(
    manager: Arc<ShardManager>,
    metrics: Arc<Metrics>,
    http: Arc<Http>,
    api: String,
    token: Secret,
) -> Unreachable {
    let mut down_since: Option<Instant> = Some(Instant::now());
    let mut ever_connected = false;
    let mut next_report = REPORT_AFTER;
    let mut backoff = Backoff::new(REPORT_AFTER, MAX_RETRY);
    loop {
        tokio::time::sleep(POLL).await;
        metrics.set_shards(shard_states(&manager).await);
        let up = metrics.gateway_connected();
        match (up, down_since) {
            (true, Some(since)) => {
                if ever_connected {
                    tracing::info!(
                        down_secs = since.elapsed().as_secs(),
                        "the gateway connection is back"
                    );
                }
                ever_connected = true;
                down_since = None;
                backoff.reset();
                next_report = REPORT_AFTER;
            }
            (false, None) => down_since = Some(Instant::now()),
            (false, Some(since)) if since.elapsed() >= next_report => {
                let what = if ever_connected {
                    "lost the connection to Discord's gateway"
                } else {
                    "not connected to Discord's gateway yet"
                };
                let down = since.elapsed().as_secs();
                let delay = backoff.next_delay();
                match probe(&http, &api, &token).await {
                    Err(Unreachable::Rejected) => return Unreachable::Rejected,
                    Err(Unreachable::Failed { tried, error }) => tracing::warn!(
                        down_secs = down,
                        "{what} {down} s ago: {tried} failed: {error}; still reconnecting, next \
                         report in {:.0} s",
                        delay.as_secs_f64()
                    ),
                    Ok(url) => tracing::warn!(
                        down_secs = down,
                        "{what} {down} s ago, though its API answers and {url} accepts \
                         connections; still reconnecting, next report in {:.0} s",
                        delay.as_secs_f64()
                    ),
                }
                next_report = since.elapsed() + delay;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_up_to_the_maximum() {
        let mut b = Backoff::new(Duration::from_secs(1), Duration::from_secs(8));
        let delays: Vec<f64> = (0..6).map(|_| b.next_delay().as_secs_f64()).collect();
        for (d, base) in delays.iter().zip([1.0, 2.0, 4.0, 8.0, 8.0, 8.0]) {
            assert!(*d >= base * 0.8 && *d <= base * 1.2, "{delays:?}");
        }
        b.reset();
        assert!(b.next_delay() <= Duration::from_millis(1200));
    }

    #[test]
    fn gateway_urls_give_host_and_port() {
        let hp = |u| host_port(u);
        assert_eq!(
            hp("wss://gateway.discord.gg"),
            Some(("gateway.discord.gg".into(), 443))
        );
        assert_eq!(
            hp("ws://127.0.0.1:8080/ws?v=10"),
            Some(("127.0.0.1".into(), 8080))
        );
        assert_eq!(hp("ws://[::1]:9/"), Some(("::1".into(), 9)));
        assert_eq!(hp("http://x"), None);
        assert_eq!(hp("ws://h:notaport"), None);
    }

    #[test]
    fn an_error_is_described_on_one_line_without_the_token() {
        let token = Secret::new("s3cret");
        let e = std::io::Error::other("refused\nby s3cret");
        let d = describe(&e, &token);
        assert!(!d.contains('\n') && !d.contains("s3cret"), "{d}");
    }
}
