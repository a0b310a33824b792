//! A gateway connection lost for good after READY: the bot holds serenity's own restarts (every
//! 5 s) back and retries by itself, with growing delays and in its own words; `/healthz` says
//! 503 meanwhile; it reconnects when the gateway accepts again; a signal while it waits to retry
//! still ends it at once; a token refused while it reconnects exits 2. Timing is asserted only
//! as lower bounds (a sleep never ends early), since these machines are noisy.

use super::bot::{reply_to, Bot};
use super::fake::{Cut, Fake};
use super::payloads::dm;
use super::service::{assert_stops, health_becomes, metrics_bot};
use std::time::{Duration, Instant};

/// The bot's reports of failed attempts so far, with the retry delay each announces.
fn reported_retries(log: &str) -> Vec<(String, f64)> {
    log.lines()
        .filter(|l| l.contains("cannot reach Discord"))
        .map(|l| {
            let delay = l
                .split("next retry in ")
                .nth(1)
                .and_then(|after| after.split(" s").next())
                .and_then(|d| d.parse().ok())
                .unwrap_or_else(|| panic!("no retry delay in {l:?}"));
            (l.to_string(), delay)
        })
        .collect()
}

/// Waits until the bot has reported more than `n` failed attempts; returns all of them.
async fn reports_beyond(bot: &Bot, n: usize) -> Vec<(String, f64)> {
    let deadline = tokio::time::Instant::now() + super::fake::WAIT;
    loop {
        let reports = reported_retries(&bot.stderr());
        if reports.len() > n {
            return reports;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {} failed attempts reported:\n{}",
            reports.len(),
            bot.stderr()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_lost_gateway_is_retried_with_growing_delays_then_reconnected_and_stops_promptly() {
    let fake = Fake::start().await;
    let (mut bot, port) = metrics_bot(&fake).await;
    fake.wait_ready().await;
    health_becomes(port, 200).await;

    // Connected, then the connection drops and the gateway refuses new ones.
    fake.refuse_gateway(true);
    let cut = Instant::now();
    fake.cut(Cut::Drop, vec![]);
    let body = health_becomes(port, 503).await;
    assert!(body.contains("gateway not connected"), "{body}");
    bot.wait_log("lost the connection to Discord's gateway")
        .await;
    let reports = reports_beyond(&bot, 2).await;
    let lifted = Instant::now();
    fake.refuse_gateway(false);

    // Back: a new session, healthy, answering, the commands not registered again.
    fake.wait_for("a second IDENTIFY", |f| (f.identifies >= 2).then_some(()))
        .await;
    health_becomes(port, 200).await;
    bot.wait_log("the gateway connection is back").await;
    let m = dm(60, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
    let puts = fake.command_registrations();
    assert_eq!(puts, 1, "commands registered again");

    // In the bot's words: what it tried, the error, the next retry, which grows.
    let log = bot.stderr();
    let tried = format!(
        "open a websocket to the gateway ws://127.0.0.1:{}/ws failed: HTTP error: 503",
        fake.port
    );
    for (line, _) in &reports {
        assert!(line.contains(&tried), "{line}");
    }
    let delays: Vec<f64> = reports.iter().map(|(_, d)| *d).collect();
    assert!(
        delays.windows(2).all(|w| w[1] > w[0]),
        "delays do not grow: {delays:?}\n{log}"
    );
    assert!(!log.contains("test-token"), "{log}");

    // At the fake: after serenity's own resume attempts right after the drop, only the bot's
    // attempts (serenity's restart 5 s after the drop was held back), each at least the delay
    // announced after the one before.
    let attempts: Vec<Instant> = fake
        .inner()
        .gateway_attempts
        .iter()
        .copied()
        .filter(|&t| t > cut + Duration::from_secs(1) && t < lifted)
        .collect();
    assert_eq!(
        attempts.len(),
        reports.len(),
        "gateway connections while refused, vs failures reported:\n{log}"
    );
    for (gap, delay) in attempts.windows(2).map(|w| w[1] - w[0]).zip(&delays) {
        assert!(
            gap.as_secs_f64() >= delay - 0.05,
            "an attempt came {gap:?} after the previous one, announced {delay} s\n{log}"
        );
    }

    // Lost again: SIGTERM while the bot waits for its next retry.
    fake.refuse_gateway(true);
    fake.cut(Cut::Drop, vec![]);
    reports_beyond(&bot, reports.len()).await;
    assert_stops(&mut bot, "TERM", "waiting to retry a lost gateway").await;
}

#[tokio::test]
async fn a_token_rejected_while_reconnecting_exits_2() {
    let fake = Fake::start().await;
    let mut bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    // serenity's resume is refused; the bot's own retry asks the API, which refuses the token.
    fake.refuse_gateway(true);
    fake.fail_next("GET", "/gateway", 401);
    fake.cut(Cut::Drop, vec![]);
    let status = bot.wait_exit().await;
    let log = bot.stderr();
    assert_eq!(status.code(), Some(2), "{log}");
    assert!(
        log.contains("lost the connection to Discord's gateway"),
        "{log}"
    );
    assert!(log.contains("rejected the bot token"), "{log}");
    assert!(!log.contains("test-token"), "{log}");
}
