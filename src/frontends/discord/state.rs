//! What the handlers share: the knowledge, the follow-up sessions per (user, channel) and the
//! per-user rate limiter. Asking goes through here so both are applied the same way to messages
//! and slash commands.

use super::ratelimit::{RateLimiter, Verdict};
use super::reload::Knowledge;
use super::sessions::Sessions;
use crate::answer::Answer;
use crate::config::Settings;
use crate::engine::{ask, Conversation};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// One (user, channel) conversation: the engine's context and the last answer (for `/why`).
#[derive(Debug, Default)]
struct Session {
    conversation: Conversation,
    last: Option<Answer>,
}

/// The outcome of a question.
#[derive(Debug)]
pub enum Asked {
    Answer(Box<Answer>),
    /// Over the rate limit; `notify` is true the first time in the window.
    Limited {
        notify: bool,
    },
}

#[derive(Debug)]
pub struct BotState {
    pub knowledge: Arc<Knowledge>,
    sessions: Mutex<Sessions<(u64, u64), Session>>,
    limiter: Mutex<RateLimiter<u64>>,
    limit: (usize, u64),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl BotState {
    pub fn new(knowledge: Arc<Knowledge>, settings: &Settings) -> Self {
        BotState {
            knowledge,
            sessions: Mutex::new(Sessions::new(
                settings.conversation_idle,
                settings.conversations_max,
            )),
            limiter: Mutex::new(RateLimiter::new(
                settings.rate_limit_questions,
                settings.rate_limit_window,
            )),
            limit: (
                settings.rate_limit_questions,
                settings.rate_limit_window.as_secs(),
            ),
        }
    }

    /// Asks `question` for `user` in `channel`, unless the user is over the rate limit.
    pub fn ask(&self, user: u64, channel: u64, question: &str) -> Asked {
        let now = Instant::now();
        match lock(&self.limiter).check(&user, now) {
            Verdict::Allow => {}
            Verdict::Notify => return Asked::Limited { notify: true },
            Verdict::Silent => return Asked::Limited { notify: false },
        }
        let loaded = self.knowledge.current();
        let mut sessions = lock(&self.sessions);
        let session = sessions.get_mut(&(user, channel), now);
        let answer = ask(&loaded.kb, question, &mut session.conversation);
        session.last = Some(answer.clone());
        drop(sessions);
        tracing::debug!(
            user,
            channel,
            intent = answer.intent.as_deref().unwrap_or("-"),
            answered = answer.answered,
            confidence = answer.confidence,
            "question answered"
        );
        Asked::Answer(Box::new(answer))
    }

    /// This user's last answer in this channel, while the conversation is live.
    pub fn last_answer(&self, user: u64, channel: u64) -> Option<Answer> {
        lock(&self.sessions)
            .get(&(user, channel), Instant::now())
            .and_then(|s| s.last.clone())
    }

    /// The short rate-limit notice.
    pub fn limit_notice(&self) -> String {
        format!(
            "You are asking faster than I answer: at most {} questions every {} s. Please wait a \
             moment and ask again.",
            self.limit.0, self.limit.1
        )
    }
}
