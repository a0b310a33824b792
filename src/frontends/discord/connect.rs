//! Reaching Discord, in the bot's own words: before the gateway client starts, and again
//! whenever the gateway connection is lost for good (see `super::reconnect`), `GET /gateway` and a
//! websocket handshake with the gateway it names are tried with exponential backoff and jitter,
//! each failure logged once with what was tried, the error and the next retry. The gateway URL
//! used is always the one the configured API returned, so with `MILA_BOT_DISCORD_API` set the
//! bot never dials Discord's public gateway.

use crate::config::Secret;
use serenity::all::Http;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The first retry delay and the longest one.
pub const FIRST_RETRY: Duration = Duration::from_secs(1);
pub const MAX_RETRY: Duration = Duration::from_secs(300);
/// How long one step of an attempt (the HTTP request, the websocket handshake) may take.
const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(15);

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

/// What reaching Discord needs: the REST client, the API base URL (for the log) and the token
/// (to keep it out of error messages).
pub struct Api {
    pub http: Arc<Http>,
    pub base: String,
    pub token: Secret,
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

/// One attempt: `GET /gateway`, then a websocket handshake with the gateway it names (closed at
/// once: no IDENTIFY, so it costs no session).
async fn probe(api: &Api) -> Result<String, Unreachable> {
    let tried = format!("GET {}/api/v10/gateway", api.base);
    let url = match tokio::time::timeout(ATTEMPT_TIMEOUT, api.http.get_gateway()).await {
        Err(_) => return Err(timed_out(tried)),
        Ok(Err(serenity::Error::Http(e))) if e.status_code().map(|s| s.as_u16()) == Some(401) => {
            return Err(Unreachable::Rejected)
        }
        Ok(Err(e)) => {
            return Err(Unreachable::Failed {
                tried,
                error: describe(&e, &api.token),
            })
        }
        Ok(Ok(g)) => g.url,
    };
    let tried = format!("open a websocket to the gateway {url}");
    // The URL serenity dials: the one returned, with the API version appended.
    let dialed = format!("{url}?v={}", serenity::constants::GATEWAY_VERSION);
    match tokio::time::timeout(ATTEMPT_TIMEOUT, tokio_tungstenite::connect_async(dialed)).await {
        Ok(Ok((mut socket, _))) => {
            // Sends a close frame without waiting for Discord's answer.
            let _ = tokio::time::timeout(Duration::from_secs(1), socket.close(None)).await;
            Ok(url)
        }
        Ok(Err(e)) => Err(Unreachable::Failed {
            tried,
            error: describe(&e, &api.token),
        }),
        Err(_) => Err(timed_out(tried)),
    }
}

fn timed_out(tried: String) -> Unreachable {
    Unreachable::Failed {
        tried,
        error: format!("no answer within {} s", ATTEMPT_TIMEOUT.as_secs()),
    }
}

/// Probes until Discord answers, logging each failure with the next retry from `backoff`.
/// Returns the gateway URL, or `Rejected`. The backoff is left as it is: it is reset only once
/// the gateway is connected (see `super::reconnect`), so that a gateway that answers probes but
/// still cannot be connected to is retried less and less often.
pub async fn reach(api: &Api, backoff: &mut Backoff) -> Result<String, Unreachable> {
    let started = Instant::now();
    let mut failures = 0u32;
    loop {
        match probe(api).await {
            Ok(url) => {
                if failures > 0 {
                    tracing::info!(
                        attempts = failures + 1,
                        after_secs = started.elapsed().as_secs(),
                        "reached Discord"
                    );
                }
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

/// Seconds, to one decimal (for log fields).
pub fn round1(d: Duration) -> f64 {
    (d.as_secs_f64() * 10.0).round() / 10.0
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
    fn an_error_is_described_on_one_line_without_the_token() {
        let token = Secret::new("s3cret");
        let e = std::io::Error::other("refused\nby s3cret");
        let d = describe(&e, &token);
        assert!(!d.contains('\n') && !d.contains("s3cret"), "{d}");
    }
}
