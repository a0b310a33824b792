//! The bot's Prometheus metrics (`prometheus-client`), and what `/healthz` reports: whether every
//! gateway shard this process runs is connected, and the knowledge in use.

use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QuestionLabels {
    front_end: &'static str,
    answered: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReloadLabels {
    result: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct BuildLabels {
    version: &'static str,
    knowledge_hash: String,
}

/// Every metric, registered once. Cheap to update from any thread.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    gateway_connected: Gauge,
    questions: Family<QuestionLabels, Counter>,
    answer_seconds: Histogram,
    rate_limited: Counter,
    reloads: Family<ReloadLabels, Counter>,
    build_info: Family<BuildLabels, Gauge>,
    /// Connection state per shard id, and how many shards this process runs (once known).
    shards: Mutex<Shards>,
    knowledge_hash: Mutex<String>,
    /// READY and RESUMED events so far (not exported): lets the gateway watcher notice a
    /// connection that was up and lost again between two of its looks.
    sessions: AtomicU64,
}

#[derive(Debug, Default)]
struct Shards {
    connected: BTreeMap<u32, bool>,
    expected: Option<usize>,
}

/// The content type of the OpenMetrics text that Prometheus scrapes.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

impl Metrics {
    /// `shards`: how many shards this process runs, when known before connecting.
    pub fn new(knowledge_hash: &str, shards: Option<usize>) -> Self {
        let mut registry = Registry::with_prefix("mila_bot");
        let gateway_connected = Gauge::default();
        registry.register(
            "gateway_connected",
            "1 when every gateway shard of this process is connected to Discord, else 0",
            gateway_connected.clone(),
        );
        let questions = Family::<QuestionLabels, Counter>::default();
        registry.register(
            "questions",
            "Questions answered (answered=\"false\": the bot said it could not answer)",
            questions.clone(),
        );
        // 10 µs .. ~2.6 s: the engine takes microseconds, a slow machine milliseconds.
        let answer_seconds = Histogram::new(exponential_buckets(0.000_01, 4.0, 10));
        registry.register(
            "answer_seconds",
            "Time to answer one question (rate limit, engine, rendering), in seconds",
            answer_seconds.clone(),
        );
        let rate_limited = Counter::default();
        registry.register(
            "rate_limited",
            "Questions refused because their user was over the rate limit",
            rate_limited.clone(),
        );
        let reloads = Family::<ReloadLabels, Counter>::default();
        registry.register(
            "knowledge_reloads",
            "Knowledge reloads (SIGHUP or --watch), by result",
            reloads.clone(),
        );
        let build_info = Family::<BuildLabels, Gauge>::default();
        registry.register(
            "build_info",
            "Always 1: the version and the content hash of the knowledge in use",
            build_info.clone(),
        );
        let metrics = Metrics {
            registry,
            gateway_connected,
            questions,
            answer_seconds,
            rate_limited,
            reloads,
            build_info,
            shards: Mutex::new(Shards {
                connected: BTreeMap::new(),
                expected: shards,
            }),
            knowledge_hash: Mutex::new(String::new()),
            sessions: AtomicU64::new(0),
        };
        metrics.knowledge_loaded(knowledge_hash);
        metrics
    }

    /// The OpenMetrics text of every metric.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    pub fn question(&self, answered: bool, took: Duration) {
        let answered = if answered { "true" } else { "false" };
        self.questions
            .get_or_create(&QuestionLabels {
                front_end: "discord",
                answered,
            })
            .inc();
        self.answer_seconds.observe(took.as_secs_f64());
    }

    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    pub fn reload(&self, ok: bool) {
        let result = if ok { "ok" } else { "error" };
        self.reloads.get_or_create(&ReloadLabels { result }).inc();
    }

    /// The knowledge now in use (at start and after each successful reload).
    pub fn knowledge_loaded(&self, hash: &str) {
        let mut current = lock(&self.knowledge_hash);
        let old = std::mem::replace(&mut *current, hash.to_string());
        self.build_info.remove(&BuildLabels {
            version: env!("CARGO_PKG_VERSION"),
            knowledge_hash: old,
        });
        self.build_info
            .get_or_create(&BuildLabels {
                version: env!("CARGO_PKG_VERSION"),
                knowledge_hash: hash.to_string(),
            })
            .set(1);
    }

    /// The connection state of every shard the shard manager knows (a restarting shard is
    /// absent, so it counts as disconnected).
    pub fn set_shards(&self, states: BTreeMap<u32, bool>) {
        let mut s = lock(&self.shards);
        s.connected = states;
        let up = all_connected(&s);
        drop(s);
        self.gateway_connected.set(i64::from(up));
    }

    /// The shard count, once READY tells it (autosharding).
    pub fn expect_shards(&self, total: usize) {
        lock(&self.shards).expected.get_or_insert(total);
    }

    /// A shard got READY or RESUMED.
    pub fn gateway_session(&self) {
        self.sessions.fetch_add(1, Ordering::Relaxed);
    }

    /// How many READY and RESUMED events there have been.
    pub fn gateway_sessions(&self) -> u64 {
        self.sessions.load(Ordering::Relaxed)
    }

    pub fn gateway_connected(&self) -> bool {
        all_connected(&lock(&self.shards))
    }

    /// `Ok(body)` when healthy, else `Err(reason)`.
    pub fn health(&self) -> Result<String, String> {
        let hash = lock(&self.knowledge_hash).clone();
        if hash.is_empty() {
            return Err("knowledge not loaded\n".into());
        }
        let s = lock(&self.shards);
        let connected = s.connected.values().filter(|&&c| c).count();
        let shards = match s.expected {
            Some(n) => format!("{connected}/{n} shards connected"),
            None => format!("{connected} shards connected"),
        };
        if all_connected(&s) {
            Ok(format!(
                "ok: gateway connected ({shards}); knowledge {hash}\n"
            ))
        } else {
            Err(format!(
                "gateway not connected ({shards}); knowledge {hash}\n"
            ))
        }
    }
}

fn all_connected(s: &Shards) -> bool {
    let connected = s.connected.values().filter(|&&c| c).count();
    connected > 0 && connected == s.expected.unwrap_or(s.connected.len())
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_needs_every_expected_shard_connected() {
        let m = Metrics::new("abc", Some(2));
        assert!(m.health().is_err());
        m.set_shards(BTreeMap::from([(0, true)]));
        assert!(m.health().unwrap_err().contains("1/2 shards"));
        m.set_shards(BTreeMap::from([(0, true), (1, true)]));
        assert!(m.health().unwrap().contains("knowledge abc"));
        m.set_shards(BTreeMap::from([(0, true), (1, false)]));
        assert!(!m.gateway_connected());
        assert!(m.encode().contains("mila_bot_gateway_connected 0"));
    }

    #[test]
    fn the_metrics_text_names_every_metric_and_moves_with_events() {
        let m = Metrics::new("h1", None);
        m.expect_shards(1);
        m.set_shards(BTreeMap::from([(0, true)]));
        m.question(true, Duration::from_micros(30));
        m.question(false, Duration::from_micros(30));
        m.question(true, Duration::from_micros(30));
        m.rate_limited();
        m.reload(true);
        m.knowledge_loaded("h2");
        let text = m.encode();
        for line in [
            "mila_bot_gateway_connected 1",
            "mila_bot_questions_total{front_end=\"discord\",answered=\"true\"} 2",
            "mila_bot_questions_total{front_end=\"discord\",answered=\"false\"} 1",
            "mila_bot_answer_seconds_count 3",
            "mila_bot_rate_limited_total 1",
            "mila_bot_knowledge_reloads_total{result=\"ok\"} 1",
        ] {
            assert!(text.contains(line), "{line} missing from\n{text}");
        }
        let version = env!("CARGO_PKG_VERSION");
        let build = format!("mila_bot_build_info{{version=\"{version}\",knowledge_hash=\"h2\"}} 1");
        assert!(text.contains(&build), "{build} missing from\n{text}");
        {}
        assert!(!text.contains("h1"), "{text}");
    }
}
