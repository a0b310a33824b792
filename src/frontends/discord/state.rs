//! What the handlers share: the knowledge, the follow-up sessions per (user, channel), the
//! per-user rate limit, the answers the "Why?" buttons explain, and the metrics. Asking goes
//! through here so all of it applies the same way to messages, slash commands and buttons.

use super::metrics::Metrics;
use super::ratelimit::{RateLimiter, Verdict};
use super::reload::Knowledge;
use super::sessions::Sessions;
use crate::answer::{Answer, Lang};
use crate::config::Settings;
use crate::engine::{ask, Conversation};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a "Why?" button can still explain its answer.
pub const EXPLANATION_HOURS: u64 = 24;

/// One (user, channel) conversation: the engine's context and the last answer (for `/why`).
#[derive(Debug, Default)]
struct Session {
    conversation: Conversation,
    last: Option<Answer>,
}

/// The outcome of a question.
#[derive(Debug)]
pub enum Asked {
    /// The answer, and the id its "Why?" button carries.
    Answer { answer: Box<Answer>, why: u64 },
    /// Over the rate limit; `notify` is true the first time in the window; `lang` is the
    /// question's language, for the notice.
    Limited { notify: bool, lang: Lang },
}

/// Where a question comes from.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub user: u64,
    pub channel: u64,
    pub is_dm: bool,
    /// `message`, `slash` or `button`: for the log.
    pub via: &'static str,
}

#[derive(Debug)]
pub struct BotState {
    pub knowledge: Arc<Knowledge>,
    pub metrics: Arc<Metrics>,
    sessions: Mutex<Sessions<(u64, u64), Session>>,
    limiter: Mutex<RateLimiter<u64>>,
    /// Small talk in DMs is not counted against the question limit, but has a limit of its own
    /// (twice as loose, silent), so a flood of "hi" cannot make the bot flood Discord.
    small_talk: Mutex<RateLimiter<u64>>,
    limit: (usize, u64),
    /// Answers by the id of their "Why?" button, so that anyone clicking it sees why.
    explained: Mutex<Sessions<u64, Option<Answer>>>,
    next_why: AtomicU64,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl BotState {
    pub fn new(knowledge: Arc<Knowledge>, settings: &Settings, metrics: Arc<Metrics>) -> Self {
        let (max, window) = (settings.rate_limit_questions, settings.rate_limit_window);
        BotState {
            knowledge,
            metrics,
            sessions: Mutex::new(Sessions::new(
                settings.conversation_idle,
                settings.conversations_max,
            )),
            limiter: Mutex::new(RateLimiter::new(max, window)),
            small_talk: Mutex::new(RateLimiter::new(max.saturating_mul(2), window)),
            limit: (max, window.as_secs()),
            explained: Mutex::new(Sessions::new(
                Duration::from_secs(EXPLANATION_HOURS * 3600),
                settings.conversations_max,
            )),
            // Ids start at random, so a button from before a restart finds nothing rather than
            // another answer.
            next_why: AtomicU64::new(fastrand::u64(1..u64::MAX / 2)),
        }
    }

    /// Asks `question` for the user, unless they are over the rate limit. Small talk in a DM
    /// does not count against it. Logs one event and updates the metrics.
    pub fn ask(&self, from: Origin, question: &str) -> Asked {
        let started = Instant::now();
        let loaded = self.knowledge.current();
        let mut sessions = lock(&self.sessions);
        let session = sessions.get_mut(&(from.user, from.channel), started);
        // Answered on a copy: a refused question must not move the conversation on.
        let mut conversation = session.conversation.clone();
        let answer = ask(&loaded.kb, question, &mut conversation);
        let small_talk = from.is_dm && answer.is_small_talk();
        let verdict = if small_talk {
            match lock(&self.small_talk).check(&from.user, started) {
                Verdict::Allow => Verdict::Allow,
                _ => Verdict::Silent,
            }
        } else {
            lock(&self.limiter).check(&from.user, started)
        };
        if verdict != Verdict::Allow {
            drop(sessions);
            self.metrics.rate_limited();
            tracing::info!(
                front_end = "discord",
                via = from.via,
                user = from.user,
                "question refused: over the rate limit"
            );
            return Asked::Limited {
                notify: verdict == Verdict::Notify,
                lang: answer.lang,
            };
        }
        session.conversation = conversation;
        session.last = Some(answer.clone());
        drop(sessions);
        let why = self.next_why.fetch_add(1, Ordering::Relaxed);
        *lock(&self.explained).get_mut(&why, started) = Some(answer.clone());
        let took = started.elapsed();
        self.metrics.question(answer.answered, took);
        tracing::info!(
            front_end = "discord",
            via = from.via,
            user = from.user,
            intent = answer.intent.as_deref().unwrap_or("-"),
            answered = answer.answered,
            small_talk,
            latency_us = took.as_micros() as u64,
            "question answered"
        );
        Asked::Answer {
            answer: Box::new(answer),
            why,
        }
    }

    /// This user's last answer in this channel, while the conversation is live.
    pub fn last_answer(&self, user: u64, channel: u64) -> Option<Answer> {
        lock(&self.sessions)
            .get(&(user, channel), Instant::now())
            .and_then(|s| s.last.clone())
    }

    /// The answer a "Why?" button with this id is attached to, if still remembered.
    pub fn explained(&self, why: u64) -> Option<Answer> {
        lock(&self.explained)
            .get(&why, Instant::now())
            .and_then(|a| a.clone())
    }

    /// The short rate-limit notice, in `lang`.
    pub fn limit_notice(&self, lang: Lang) -> String {
        self.knowledge
            .current()
            .texts
            .get(lang)
            .rate_limited
            .replace("{questions}", &self.limit.0.to_string())
            .replace("{secs}", &self.limit.1.to_string())
    }
}
