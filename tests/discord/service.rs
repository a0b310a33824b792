//! Running as a service: SIGTERM/SIGINT in every connection state, an unreachable Discord
//! reported in the bot's own words, the token never sent to the public gateway, logs without
//! escape characters (and as JSON), and the health and metrics listener.

use super::bot::{ready_bot, reply_to, Bot};
use super::fake::{Cut, Fake};
use super::payloads::dm;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// The bound within which a signal must end the process (issue 9: 2 s). Measured times are
/// printed (`--nocapture`) for the record.
const STOP_WITHIN: Duration = Duration::from_secs(2);

/// A port on 127.0.0.1 where nothing listens.
pub(super) fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

pub(super) async fn assert_stops(bot: &mut Bot, signal: &str, state: &str) {
    let (status, took) = bot.stop_with(signal).await;
    eprintln!("SIG{signal} while {state}: exited {status} after {took:?}");
    assert_eq!(
        status.code(),
        Some(0),
        "SIG{signal} while {state}: {}",
        bot.stderr()
    );
    assert!(
        took < STOP_WITHIN,
        "SIG{signal} while {state} took {took:?}:\n{}",
        bot.stderr()
    );
}

#[tokio::test]
async fn sigterm_exits_0_promptly_when_connected_or_registering_commands() {
    let (_fake, mut bot) = ready_bot().await;
    assert_stops(&mut bot, "TERM", "connected").await;

    let fake = Fake::start().await;
    fake.hold_commands();
    let mut bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await; // the PUT arrived and is left unanswered
    assert_stops(&mut bot, "TERM", "registering commands").await;
}

#[tokio::test]
async fn sigterm_exits_0_promptly_while_connecting_or_resuming() {
    let fake = Fake::start().await;
    fake.silent_gateway(true);
    let mut bot = Bot::start(&fake, &[], &[]);
    // The first connection is the bot's probe (a handshake, closed at once); the second serenity's.
    fake.wait_for("a gateway connection", |f| (f.conn_ids >= 2).then_some(()))
        .await;
    assert_stops(&mut bot, "TERM", "connecting (no HELLO)").await;

    let (fake, mut bot) = ready_bot().await;
    fake.silent_gateway(true);
    let before = fake.inner().conn_ids;
    fake.cut(Cut::Drop, vec![]);
    fake.wait_for("a reconnection", |f| (f.conn_ids > before).then_some(()))
        .await;
    assert_stops(&mut bot, "INT", "resuming (no answer)").await;
}

#[tokio::test]
async fn sigterm_exits_0_promptly_while_retrying_an_unreachable_discord() {
    // The API on a closed port: the bot retries GET /gateway with backoff.
    let fake = Fake::start().await;
    let api = format!("http://127.0.0.1:{}", closed_port());
    let mut bot = Bot::start_env(&fake, None, &[("MILA_BOT_DISCORD_API", &api)], &[], &[]);
    bot.wait_log("cannot reach Discord").await;
    assert_stops(&mut bot, "TERM", "retrying a closed port").await;

    // The API answers but the gateway refuses connections: the bot retries its handshake.
    let fake = Fake::start().await;
    fake.refuse_gateway(true);
    let mut bot = Bot::start(&fake, &[], &[]);
    bot.wait_log("open a websocket to the gateway").await;
    assert_stops(&mut bot, "TERM", "retrying a refused gateway").await;
}

#[tokio::test]
async fn a_second_signal_exits_at_once() {
    let fake = Fake::start().await;
    fake.hold_commands();
    let mut bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    bot.signal("TERM");
    let (status, _) = bot.stop_with("TERM").await;
    assert_eq!(status.code(), Some(0), "{}", bot.stderr());
}

#[tokio::test]
async fn an_unreachable_discord_is_reported_in_the_bots_words_with_growing_delays() {
    let fake = Fake::start().await;
    let port = closed_port();
    let api = format!("http://127.0.0.1:{port}");
    let mut bot = Bot::start_env(&fake, None, &[("MILA_BOT_DISCORD_API", &api)], &[], &[]);
    // Retries after about 1 s then 2 s: the third report comes ~3 s after the first.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while bot.stderr().matches("cannot reach Discord").count() < 3 {
        assert!(tokio::time::Instant::now() < deadline, "{}", bot.stderr());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bot.signal("TERM");
    bot.wait_exit().await;
    let log = bot.stderr();
    let reports: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("cannot reach Discord"))
        .collect();
    let delays: Vec<f64> = reports
        .iter()
        .filter_map(|l| {
            let after = l.split("next retry in ").nth(1)?;
            after.split(" s").next()?.parse().ok()
        })
        .collect();
    assert_eq!(delays.len(), reports.len(), "{log}");
    assert!(
        delays.windows(2).all(|w| w[1] > w[0]),
        "delays do not grow: {delays:?}\n{log}"
    );
    for r in &reports {
        assert!(r.contains(&format!("GET {api}/api/v10/gateway")), "{r}");
    }
    assert!(!log.contains("gateway.discord.gg"), "{log}");
    assert!(!log.contains("test-token"), "{log}");
}

#[tokio::test]
async fn a_failed_gateway_lookup_is_retried_against_the_configured_api_only() {
    let fake = Fake::start().await;
    fake.fail_next("GET", "/gateway", 500);
    let bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    let m = dm(40, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
    let log = bot.stderr();
    assert!(log.contains("cannot reach Discord"), "{log}");
    assert!(!log.contains("gateway.discord.gg"), "{log}");
    assert_eq!(fake.inner().identifies, 1);
}

#[tokio::test]
async fn a_token_refused_by_the_api_exits_2() {
    let fake = Fake::start().await;
    fake.fail_next("GET", "/gateway", 401);
    let mut bot = Bot::start(&fake, &[], &[]);
    let status = bot.wait_exit().await;
    assert_eq!(status.code(), Some(2), "{}", bot.stderr());
    assert!(bot.stderr().contains("rejected the bot token"));
    assert!(!bot.stderr().contains("test-token"));
}

#[tokio::test]
async fn logs_redirected_to_a_file_have_no_escape_characters_and_json_is_one_object_a_line() {
    // Text (the harness sends stderr to a file).
    let (fake, mut bot) = ready_bot().await;
    let m = dm(41, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
    bot.wait_log("question answered").await;
    bot.stop_with("TERM").await;
    let log = bot.stderr();
    assert!(!log.contains('\u{1b}'), "{log:?}");
    assert!(log.contains("question answered"), "{log}");

    // JSON.
    let fake = Fake::start().await;
    let mut bot = Bot::start_env(&fake, None, &[("MILA_BOT_LOG_FORMAT", "json")], &[], &[]);
    fake.wait_ready().await;
    let m = dm(42, "who founded Mila?");
    fake.dispatch("MESSAGE_CREATE", m.clone());
    reply_to(&fake, &m).await;
    bot.wait_log("question answered").await;
    bot.stop_with("TERM").await;
    let log = bot.stderr();
    let events: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l:?}")))
        .collect();
    let answered: Vec<&Value> = events
        .iter()
        .filter(|e| e["message"] == "question answered")
        .collect();
    assert_eq!(answered.len(), 1, "{log}");
    let e = answered[0];
    assert_eq!(e["front_end"], "discord");
    assert_eq!(
        e["intent"],
        super::expected("who founded Mila?").intent.unwrap()
    );
    assert_eq!(e["answered"], true);
    assert!(e["latency_us"].is_u64(), "{e}");
    assert_eq!(e["user"].to_string(), super::payloads::user_id(42), "{e}");
    assert!(
        !log.contains("test-token") && !log.contains("who founded"),
        "{log}"
    );
}

/// `GET path` on the metrics listener: (status, body).
pub(super) async fn get(port: u16, path: &str) -> (u16, String) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut s = tokio::net::TcpStream::connect(("127.0.0.1", port))
        .await
        .expect("the metrics listener accepts connections");
    let req = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    s.write_all(req.as_bytes()).await.unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).await.unwrap();
    let status = out
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = out.split("\r\n\r\n").nth(1).unwrap_or("").to_string();
    (status, body)
}

/// Polls `/healthz` until it answers `status`.
pub(super) async fn health_becomes(port: u16, status: u16) -> String {
    let deadline = tokio::time::Instant::now() + super::fake::WAIT;
    loop {
        let (s, body) = get(port, "/healthz").await;
        if s == status {
            return body;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "/healthz stays {s}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub(super) async fn metrics_bot(fake: &Arc<Fake>) -> (Bot, u16) {
    let port = closed_port();
    let addr = format!("127.0.0.1:{port}");
    let bot = Bot::start_env(fake, None, &[("MILA_BOT_METRICS", &addr)], &[], &[]);
    bot.wait_log("serving /healthz and /metrics").await;
    (bot, port)
}

#[tokio::test]
async fn healthz_follows_the_gateway_and_metrics_count_questions() {
    let fake = Fake::start().await;
    fake.refuse_gateway(true);
    let (_bot, port) = metrics_bot(&fake).await;
    let body = health_becomes(port, 503).await;
    assert!(body.contains("gateway not connected"), "{body}");
    let (_, text) = get(port, "/metrics").await;
    assert!(text.contains("mila_bot_gateway_connected 0"), "{text}");

    fake.refuse_gateway(false); // the bot's next handshake, within ~2 s, succeeds
    fake.wait_ready().await;
    health_becomes(port, 200).await;

    let questions = [
        ("who founded Mila?", 43),
        ("who founded IBM?", 43),
        ("what is Oríon?", 44),
    ];
    for (q, user) in questions {
        let m = dm(user, q);
        fake.dispatch("MESSAGE_CREATE", m.clone());
        reply_to(&fake, &m).await;
    }
    let (status, text) = get(port, "/metrics").await;
    assert_eq!(status, 200);
    let count = |answered: bool| {
        questions
            .iter()
            .filter(|(q, _)| super::expected(q).answered == answered)
            .count()
    };
    for answered in [true, false] {
        let line = format!(
            "mila_bot_questions_total{{front_end=\"discord\",answered=\"{answered}\"}} {}",
            count(answered)
        );
        assert!(text.contains(&line), "{line} missing:\n{text}");
    }
    let hash = super::kb().content_hash();
    for line in [
        "mila_bot_gateway_connected 1".to_string(),
        "mila_bot_answer_seconds_count 3".to_string(),
        "mila_bot_rate_limited_total 0".to_string(),
        format!("knowledge_hash=\"{hash}\"}} 1"),
    ] {
        assert!(text.contains(&line), "{line} missing:\n{text}");
    }

    // The gateway drops and cannot reconnect: 503 again.
    fake.refuse_gateway(true);
    fake.cut(Cut::Drop, vec![]);
    let body = health_becomes(port, 503).await;
    assert!(body.contains("gateway not connected"), "{body}");
    let (_, text) = get(port, "/metrics").await;
    assert!(text.contains("mila_bot_gateway_connected 0"), "{text}");
}

#[tokio::test]
async fn the_rate_limit_is_counted() {
    let fake = Fake::start().await;
    let cfg = "[discord.rate_limit]\nquestions = 1\nwindow_secs = 60\n";
    let port = closed_port();
    let addr = format!("127.0.0.1:{port}");
    let bot = Bot::start_env(&fake, Some(cfg), &[("MILA_BOT_METRICS", &addr)], &[], &[]);
    fake.wait_ready().await;
    bot.wait_log("serving /healthz").await;
    for i in 0..3 {
        let m = dm(45, &format!("who founded Mila? {i}"));
        fake.dispatch("MESSAGE_CREATE", m.clone());
        if i < 2 {
            reply_to(&fake, &m).await;
        }
    }
    let deadline = tokio::time::Instant::now() + super::fake::WAIT;
    loop {
        let (_, text) = get(port, "/metrics").await;
        if text.contains("mila_bot_rate_limited_total 2") {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "{text}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
