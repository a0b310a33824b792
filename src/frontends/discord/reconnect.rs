//! Keeping the gateway connected. serenity resumes a dropped session by itself, usually within
//! milliseconds; when it cannot, it restarts the shard every 5 s for as long as Discord stays
//! unreachable (its shard queuer's fixed wait), and says so only in its own terms. So the bot
//! watches the shards: once the connection has been lost for [`LOST_AFTER`] with no shard
//! resuming or handshaking, it holds serenity's dials back and retries by itself, with
//! exponential backoff and jitter and in its own words ([`connect::reach`]); when Discord answers
//! again it lets serenity reconnect, and the backoff starts over at the next READY or RESUMED.
//!
//! Holding serenity back uses the gateway URL it shares with the bot (`Client::ws_url`):
//! serenity 0.12 locks that mutex to read the URL each time it opens a gateway connection (a new
//! shard in `Shard::new`, a resume in `Shard::initialize`), so while the bot holds the lock no
//! connection is attempted, and the one waiting for it goes ahead as soon as it is released.
//!
//! The watcher also keeps `/healthz` and the `mila_bot_gateway_connected` gauge current.

use super::connect::{self, Api, Backoff, Unreachable};
use super::metrics::Metrics;
use serenity::all::ShardManager;
use serenity::gateway::ConnectionStage;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{Mutex, OwnedMutexGuard};

/// How often the shards are looked at.
const POLL: Duration = Duration::from_millis(200);
/// How long a shard may stay down (dialing, or restarting) with none on its way before the bot
/// retries by itself. Under the 5 s serenity waits before it restarts a shard, so that serenity
/// does not dial first.
pub const LOST_AFTER: Duration = Duration::from_secs(3);
/// How long shards not started yet may wait: over serenity's 5 s between two shards' starts.
pub const CONNECT_WITHIN: Duration = Duration::from_secs(8);
/// How long the gateway may stay down with no READY or RESUMED at all, even with shards on their
/// way (a gateway that accepts connections but ends every session).
pub const SESSION_WITHIN: Duration = Duration::from_secs(20);

/// The gateway as one look at the shards sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Every shard of this process is connected.
    Up,
    /// Not all connected, but a shard has a connection on its way (handshake, identify, resume).
    Progressing,
    /// Not all connected, none on its way, and only shards never started are missing: serenity
    /// starts them one by one.
    Starting,
    /// Not all connected, none on its way, and a shard is down: dialing (a resume failing) or
    /// restarting.
    Stalled,
}

/// Classifies the shards' stages; `started` holds every shard that has had a runner, `up` is
/// whether every expected shard is connected. A shard just started is `Disconnected` until its
/// first stage change; `Connecting` means a resume dialing; a shard restarting is absent.
pub fn seen(stages: &BTreeMap<u32, ConnectionStage>, started: &BTreeSet<u32>, up: bool) -> Seen {
    use ConnectionStage::{Connecting, Disconnected, Handshake, Identifying, Resuming};
    if up {
        return Seen::Up;
    }
    let on_its_way =
        |s: &ConnectionStage| matches!(s, Disconnected | Handshake | Identifying | Resuming);
    if stages.values().any(on_its_way) {
        return Seen::Progressing;
    }
    let restarting = started.iter().any(|id| !stages.contains_key(id));
    if restarting || stages.values().any(|s| *s == Connecting) {
        Seen::Stalled
    } else {
        Seen::Starting
    }
}

/// What the watcher does after a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Wait,
    /// Every shard is connected: after being down for `down`, or for the first time (None).
    Connected {
        down: Option<Duration>,
    },
    /// Retry by ourselves. `was_up`: a shard got READY or RESUMED since serenity was last let
    /// through (else serenity could not connect at all); `down`: for how long the gateway has
    /// not been connected.
    Lost {
        was_up: bool,
        down: Duration,
    },
}

/// The watcher's memory between looks: a pure state machine, fed by [`keep_connected`].
#[derive(Debug)]
pub struct Watch {
    /// Since when the gateway has not been connected (None: it is).
    down_since: Option<Instant>,
    /// Since when no shard has been on its way while not connected.
    idle_since: Option<Instant>,
    /// The last READY or RESUMED, all shards connected, or serenity let through.
    last_session: Instant,
    /// Whether a shard got READY or RESUMED since serenity was last let through.
    up_since_open: bool,
    ever_up: bool,
}

impl Watch {
    pub fn new(now: Instant) -> Self {
        Watch {
            down_since: Some(now),
            idle_since: None,
            last_session: now,
            up_since_open: false,
            ever_up: false,
        }
    }

    /// A shard got READY or RESUMED (however briefly it then stayed connected).
    pub fn session(&mut self, now: Instant) {
        self.last_session = now;
        self.up_since_open = true;
    }

    /// Serenity has been let through again: the clocks start over.
    pub fn reopened(&mut self, now: Instant) {
        self.last_session = now;
        self.idle_since = None;
        self.up_since_open = false;
    }

    pub fn observe(&mut self, seen: Seen, now: Instant) -> Verdict {
        if seen == Seen::Up {
            self.session(now);
            self.idle_since = None;
            let Some(since) = self.down_since.take() else {
                return Verdict::Wait;
            };
            let again = std::mem::replace(&mut self.ever_up, true);
            return Verdict::Connected {
                down: again.then(|| now.saturating_duration_since(since)),
            };
        }
        let down_since = *self.down_since.get_or_insert(now);
        let idle = if seen == Seen::Progressing {
            self.idle_since = None;
            Duration::ZERO
        } else {
            now.saturating_duration_since(*self.idle_since.get_or_insert(now))
        };
        let limit = if seen == Seen::Stalled {
            LOST_AFTER
        } else {
            CONNECT_WITHIN
        };
        let sessionless = now.saturating_duration_since(self.last_session);
        if (seen != Seen::Progressing && idle >= limit) || sessionless >= SESSION_WITHIN {
            Verdict::Lost {
                was_up: self.up_since_open,
                down: now.saturating_duration_since(down_since),
            }
        } else {
            Verdict::Wait
        }
    }
}

/// The gateway URL serenity reads each time it opens a gateway connection; holding its lock
/// holds those connections back.
pub struct Gate {
    url: Arc<Mutex<String>>,
    held: Option<OwnedMutexGuard<String>>,
}

impl Gate {
    pub fn new(url: Arc<Mutex<String>>) -> Self {
        Gate { url, held: None }
    }

    /// Holds serenity's next connections back (one already being opened goes on).
    async fn close(&mut self) {
        if self.held.is_none() {
            self.held = Some(Arc::clone(&self.url).lock_owned().await);
        }
    }

    /// Lets serenity connect again, to `url` when given (what the configured API just returned).
    async fn open(&mut self, url: Option<String>) {
        let mut guard = match self.held.take() {
            Some(guard) => guard,
            None => Arc::clone(&self.url).lock_owned().await,
        };
        if let Some(url) = url {
            *guard = url;
        }
    }
}

/// The shards of one serenity client, and where their state is published.
pub struct Gateway {
    manager: Arc<ShardManager>,
    metrics: Arc<Metrics>,
    /// Every shard that has had a runner: absent again, it is restarting.
    started: BTreeSet<u32>,
    /// [`Metrics::gateway_sessions`] at the last look.
    sessions: u64,
}

/// One look at the shards: what they are, and whether a READY or RESUMED came since the last.
#[derive(Debug, Clone, Copy)]
struct Look {
    seen: Seen,
    session: bool,
}

impl Gateway {
    pub fn new(manager: Arc<ShardManager>, metrics: Arc<Metrics>) -> Self {
        Gateway {
            manager,
            metrics,
            started: BTreeSet::new(),
            sessions: 0,
        }
    }

    /// Looks at the shards and publishes whether they are connected.
    async fn look(&mut self) -> Look {
        let stages: BTreeMap<u32, ConnectionStage> = self
            .manager
            .runners
            .lock()
            .await
            .iter()
            .map(|(id, info)| (id.0, info.stage))
            .collect();
        self.started.extend(stages.keys());
        let connected = stages
            .iter()
            .map(|(&id, &stage)| (id, stage == ConnectionStage::Connected))
            .collect();
        self.metrics.set_shards(connected);
        let sessions = self.metrics.gateway_sessions();
        Look {
            seen: seen(&stages, &self.started, self.metrics.gateway_connected()),
            session: std::mem::replace(&mut self.sessions, sessions) != sessions,
        }
    }

    /// Resolves once every shard is connected, or a shard got READY or RESUMED.
    async fn until_connected(&mut self) -> Look {
        loop {
            tokio::time::sleep(POLL).await;
            let look = self.look().await;
            if look.seen == Seen::Up || look.session {
                return look;
            }
        }
    }
}

/// Watches the shards for as long as the bot runs, retrying by itself whenever the connection
/// is lost (see the module's documentation). `backoff` goes on from the start's attempts and
/// starts over at each READY or RESUMED. Ends only when Discord starts refusing the token.
pub async fn keep_connected(
    mut gateway: Gateway,
    mut gate: Gate,
    api: Api,
    mut backoff: Backoff,
) -> Unreachable {
    let mut watch = Watch::new(Instant::now());
    // The look that ended the last retry, when serenity got through during it.
    let mut pending = None;
    loop {
        let look = match pending.take() {
            Some(look) => look,
            None => {
                tokio::time::sleep(POLL).await;
                gateway.look().await
            }
        };
        let now = Instant::now();
        if look.session {
            backoff.reset();
            watch.session(now);
        }
        match watch.observe(look.seen, now) {
            Verdict::Wait => {}
            Verdict::Connected { down: None } => {}
            Verdict::Connected { down: Some(down) } => {
                tracing::info!(down_secs = down.as_secs(), "the gateway connection is back");
            }
            Verdict::Lost { was_up, down } => {
                match retry(&mut gateway, &mut gate, &api, &mut backoff, was_up, down).await {
                    Ok(look) => pending = look,
                    Err(rejected) => return rejected,
                }
                watch.reopened(Instant::now());
            }
        }
    }
}

/// Holds serenity back and retries until Discord answers, then lets serenity connect again.
/// After a session was lost the first attempt is at once; when serenity could not connect at
/// all, after the next backoff delay. Returns the look that ended the retry if serenity got
/// through meanwhile (with a connection opened just before it was held back).
async fn retry(
    gateway: &mut Gateway,
    gate: &mut Gate,
    api: &Api,
    backoff: &mut Backoff,
    was_up: bool,
    down: Duration,
) -> Result<Option<Look>, Unreachable> {
    gate.close().await;
    let reach = async {
        if was_up {
            tracing::warn!(
                down_secs = down.as_secs(),
                "lost the connection to Discord's gateway {} s ago and could not resume the \
                 session; reconnecting",
                down.as_secs()
            );
        } else {
            let delay = backoff.next_delay();
            tracing::warn!(
                down_secs = down.as_secs(),
                retry_in_secs = connect::round1(delay),
                "not connected to Discord's gateway for {} s, though it accepts websocket \
                 connections; next retry in {:.1} s",
                down.as_secs(),
                delay.as_secs_f64()
            );
            tokio::time::sleep(delay).await;
        }
        connect::reach(api, backoff).await
    };
    let (url, through) = tokio::select! {
        r = reach => (Some(r?), None),
        look = gateway.until_connected() => (None, Some(look)),
    };
    gate.open(url).await;
    Ok(through)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ConnectionStage::*;

    fn stages(s: &[ConnectionStage]) -> BTreeMap<u32, ConnectionStage> {
        s.iter().enumerate().map(|(i, s)| (i as u32, *s)).collect()
    }

    #[test]
    fn shards_on_their_way_progress_and_dialing_or_restarting_ones_stall() {
        let none = BTreeSet::new();
        let first = BTreeSet::from([0]);
        let both = BTreeSet::from([0, 1]);
        assert_eq!(seen(&stages(&[Connected]), &first, true), Seen::Up);
        for s in [Disconnected, Handshake, Identifying, Resuming] {
            assert_eq!(
                seen(&stages(&[Connected, s]), &both, false),
                Seen::Progressing
            );
        }
        // Shard 1 not started yet, or shard 0 waiting for its first start.
        assert_eq!(seen(&stages(&[Connected]), &first, false), Seen::Starting);
        assert_eq!(seen(&stages(&[]), &none, false), Seen::Starting);
        // A resume dialing; shard 1 restarting.
        assert_eq!(seen(&stages(&[Connecting]), &first, false), Seen::Stalled);
        assert_eq!(seen(&stages(&[Connected]), &both, false), Seen::Stalled);
        assert_eq!(seen(&stages(&[]), &first, false), Seen::Stalled);
    }

    #[test]
    fn a_lost_connection_is_retried_after_a_short_grace_and_a_slow_start_after_a_longer_one() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut w = Watch::new(t0);
        // Starting: a shard waiting for its turn is not given up on before CONNECT_WITHIN.
        assert_eq!(w.observe(Seen::Starting, at(0)), Verdict::Wait);
        assert_eq!(w.observe(Seen::Starting, at(5_000)), Verdict::Wait);
        assert_eq!(w.observe(Seen::Progressing, at(5_200)), Verdict::Wait);
        w.session(at(5_300));
        assert_eq!(
            w.observe(Seen::Up, at(5_400)),
            Verdict::Connected { down: None }
        );
        assert_eq!(w.observe(Seen::Up, at(6_000)), Verdict::Wait);
        // A resume on its way is waited for; a stalled connection is retried after LOST_AFTER.
        assert_eq!(w.observe(Seen::Progressing, at(10_000)), Verdict::Wait);
        assert_eq!(w.observe(Seen::Progressing, at(15_000)), Verdict::Wait);
        assert_eq!(w.observe(Seen::Stalled, at(15_200)), Verdict::Wait);
        assert_eq!(w.observe(Seen::Stalled, at(18_000)), Verdict::Wait);
        assert_eq!(
            w.observe(Seen::Stalled, at(18_200)),
            Verdict::Lost {
                was_up: true,
                down: Duration::from_millis(8_200)
            }
        );
        // Let through again and never connected: not before CONNECT_WITHIN.
        w.reopened(at(20_000));
        assert_eq!(w.observe(Seen::Starting, at(20_200)), Verdict::Wait);
        assert_eq!(
            w.observe(Seen::Starting, at(28_200)),
            Verdict::Lost {
                was_up: false,
                down: Duration::from_millis(18_200)
            }
        );
        w.reopened(at(30_000));
        assert_eq!(
            w.observe(Seen::Up, at(30_200)),
            Verdict::Connected {
                down: Some(Duration::from_millis(20_200))
            }
        );
    }

    #[test]
    fn shards_forever_on_their_way_without_a_session_are_retried_too() {
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let mut w = Watch::new(t0);
        w.session(at(100));
        assert_eq!(w.observe(Seen::Progressing, at(19_000)), Verdict::Wait);
        assert_eq!(
            w.observe(Seen::Progressing, at(20_100)),
            Verdict::Lost {
                was_up: true,
                down: Duration::from_millis(20_100)
            }
        );
    }
}
