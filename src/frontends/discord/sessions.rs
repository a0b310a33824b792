//! Follow-up context per (user, channel): a bounded map whose entries expire after an idle time
//! and whose least recently used entry is evicted when it is full.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::time::{Duration, Instant};

#[derive(Debug)]
struct Entry<V> {
    value: V,
    used: Instant,
    tick: u64,
}

/// An LRU map with idle expiry. `V::default()` is a fresh session.
#[derive(Debug)]
pub struct Sessions<K, V> {
    map: HashMap<K, Entry<V>>,
    /// Use order: tick -> key, oldest first.
    order: BTreeMap<u64, K>,
    tick: u64,
    idle: Duration,
    max: usize,
}

impl<K: Hash + Eq + Clone, V: Default> Sessions<K, V> {
    pub fn new(idle: Duration, max: usize) -> Self {
        Sessions {
            map: HashMap::new(),
            order: BTreeMap::new(),
            tick: 0,
            idle,
            max: max.max(1),
        }
    }

    /// The session for `key`, fresh if it was absent or idle too long; marks it used.
    pub fn get_mut(&mut self, key: &K, now: Instant) -> &mut V {
        self.tick += 1;
        let tick = self.tick;
        if !self.map.contains_key(key) {
            while self.map.len() >= self.max {
                let Some((_, oldest)) = self.order.pop_first() else {
                    break;
                };
                self.map.remove(&oldest);
            }
        }
        let e = self.map.entry(key.clone()).or_insert_with(|| Entry {
            value: V::default(),
            used: now,
            tick,
        });
        if e.tick != tick {
            self.order.remove(&e.tick);
            if now.saturating_duration_since(e.used) > self.idle {
                e.value = V::default();
            }
            e.used = now;
            e.tick = tick;
        }
        self.order.insert(tick, key.clone());
        &mut e.value
    }

    /// The session for `key` if there is a live one (does not mark it used).
    pub fn get(&self, key: &K, now: Instant) -> Option<&V> {
        self.map
            .get(key)
            .filter(|e| now.saturating_duration_since(e.used) <= self.idle)
            .map(|e| &e.value)
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn a_session_keeps_its_value_while_used() {
        let mut s: Sessions<u32, Vec<u32>> = Sessions::new(secs(60), 10);
        let t0 = Instant::now();
        s.get_mut(&1, t0).push(1);
        s.get_mut(&1, t0 + secs(50)).push(2);
        s.get_mut(&1, t0 + secs(100)).push(3);
        assert_eq!(s.get(&1, t0 + secs(100)), Some(&vec![1, 2, 3]));
    }

    #[test]
    fn an_idle_session_expires() {
        let mut s: Sessions<u32, Vec<u32>> = Sessions::new(secs(60), 10);
        let t0 = Instant::now();
        s.get_mut(&1, t0).push(1);
        assert_eq!(s.get(&1, t0 + secs(61)), None);
        assert!(s.get_mut(&1, t0 + secs(61)).is_empty());
    }

    #[test]
    fn the_least_recently_used_session_is_evicted() {
        let mut s: Sessions<u32, Vec<u32>> = Sessions::new(secs(60), 2);
        let t0 = Instant::now();
        s.get_mut(&1, t0).push(1);
        s.get_mut(&2, t0).push(2);
        s.get_mut(&1, t0).push(1); // 2 is now the least recently used
        s.get_mut(&3, t0).push(3);
        assert_eq!(s.len(), 2);
        assert!(s.get(&2, t0).is_none());
        assert_eq!(s.get(&1, t0), Some(&vec![1, 1]));
        assert_eq!(s.get(&3, t0), Some(&vec![3]));
    }

    #[test]
    fn memory_stays_bounded() {
        let mut s: Sessions<u32, ()> = Sessions::new(secs(60), 100);
        let t0 = Instant::now();
        for k in 0..10_000 {
            s.get_mut(&k, t0);
        }
        assert_eq!(s.len(), 100);
        assert_eq!(s.order.len(), 100);
    }
}
