//! Benchmark (not a timed test): the latency of `/ask` from INTERACTION_CREATE sent to the
//! callback received, over 1,000 interactions against the fake Discord. Run it in release:
//! `cargo test --release --test tests -- --ignored bench --nocapture`.

use super::bot::{callback, Bot};
use super::fake::Fake;
use super::payloads::command;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "benchmark: run with --release -- --ignored bench --nocapture"]
async fn bench_ask_interaction_latency() {
    let fake = Fake::start().await;
    let _bot = Bot::start(&fake, &[], &[]);
    fake.wait_ready().await;
    let questions = [
        "who founded Mila?",
        "when was Mila founded?",
        "where is Mila?",
        "who founded IBM?",
    ];
    let mut latencies: Vec<Duration> = Vec::new();
    for i in 0..1050u64 {
        // A different user each time, so the rate limit never applies.
        let q = questions[i as usize % questions.len()];
        let (id, _, payload) = command(10_000 + i, "ask", Some(q), false);
        let sent = fake.dispatch("INTERACTION_CREATE", payload);
        let cb = callback(&fake, &id).await;
        if i >= 50 {
            latencies.push(cb.at.saturating_duration_since(sent));
        }
    }
    latencies.sort();
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "/ask latency over {} interactions: p50 {:?}, p99 {:?}, max {:?}",
        latencies.len(),
        pct(0.50),
        pct(0.99),
        latencies[latencies.len() - 1]
    );
}
