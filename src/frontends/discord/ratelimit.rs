//! Per-user rate limit: at most `max` questions in any sliding `window`. Over it, the first
//! refused question gets one short notice, later ones silence, until the window passes.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::time::{Duration, Instant};

/// What to do with one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Answer it.
    Allow,
    /// Over the limit for the first time in this window: say so, once.
    Notify,
    /// Over the limit and already told: say nothing.
    Silent,
}

#[derive(Debug, Default)]
struct Window {
    hits: VecDeque<Instant>,
    notified: bool,
}

/// Sliding-window limiter keyed by user. Memory stays bounded: idle users are pruned.
#[derive(Debug)]
pub struct RateLimiter<K> {
    max: usize,
    window: Duration,
    users: HashMap<K, Window>,
    checks: u64,
}

impl<K: Hash + Eq + Clone> RateLimiter<K> {
    pub fn new(max: usize, window: Duration) -> Self {
        RateLimiter {
            max: max.max(1),
            window,
            users: HashMap::new(),
            checks: 0,
        }
    }

    /// Records a question from `user` at `now` and says whether to answer it.
    pub fn check(&mut self, user: &K, now: Instant) -> Verdict {
        self.checks += 1;
        if self.checks.is_multiple_of(4096) {
            self.prune(now);
        }
        let window = self.window;
        let w = self.users.entry(user.clone()).or_default();
        while w
            .hits
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= window)
        {
            w.hits.pop_front();
        }
        if w.hits.len() < self.max {
            w.hits.push_back(now);
            w.notified = false;
            Verdict::Allow
        } else if !w.notified {
            w.notified = true;
            Verdict::Notify
        } else {
            Verdict::Silent
        }
    }

    /// Forgets users whose every question is older than the window.
    fn prune(&mut self, now: Instant) {
        let window = self.window;
        self.users.retain(|_, w| {
            w.hits
                .back()
                .is_some_and(|&t| now.saturating_duration_since(t) < window)
        });
    }

    /// Users currently tracked.
    #[cfg(test)]
    pub fn tracked(&self) -> usize {
        self.users.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_max_then_notifies_once_then_stays_silent() {
        let mut rl = RateLimiter::new(5, Duration::from_secs(30));
        let t0 = Instant::now();
        let verdicts: Vec<Verdict> = (0..8).map(|_| rl.check(&1u64, t0)).collect();
        assert_eq!(&verdicts[..5], &[Verdict::Allow; 5]);
        assert_eq!(
            &verdicts[5..],
            &[Verdict::Notify, Verdict::Silent, Verdict::Silent]
        );
    }

    #[test]
    fn users_are_limited_independently() {
        let mut rl = RateLimiter::new(1, Duration::from_secs(30));
        let t0 = Instant::now();
        assert_eq!(rl.check(&1u64, t0), Verdict::Allow);
        assert_eq!(rl.check(&2u64, t0), Verdict::Allow);
        assert_eq!(rl.check(&1u64, t0), Verdict::Notify);
    }

    #[test]
    fn the_window_slides() {
        let mut rl = RateLimiter::new(2, Duration::from_secs(30));
        let t0 = Instant::now();
        assert_eq!(rl.check(&1u64, t0), Verdict::Allow);
        assert_eq!(
            rl.check(&1u64, t0 + Duration::from_secs(20)),
            Verdict::Allow
        );
        assert_eq!(
            rl.check(&1u64, t0 + Duration::from_secs(25)),
            Verdict::Notify
        );
        // The first question leaves the window at t0+30: one slot frees, and a new notice is due
        // the next time the limit is hit.
        assert_eq!(
            rl.check(&1u64, t0 + Duration::from_secs(31)),
            Verdict::Allow
        );
        assert_eq!(
            rl.check(&1u64, t0 + Duration::from_secs(32)),
            Verdict::Notify
        );
        assert_eq!(
            rl.check(&1u64, t0 + Duration::from_secs(33)),
            Verdict::Silent
        );
    }

    #[test]
    fn idle_users_are_pruned() {
        let mut rl = RateLimiter::new(5, Duration::from_secs(1));
        let t0 = Instant::now();
        for u in 0..100u64 {
            rl.check(&u, t0);
        }
        rl.prune(t0 + Duration::from_secs(2));
        assert_eq!(rl.tracked(), 0);
    }
}
