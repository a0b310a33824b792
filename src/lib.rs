//! mila-bot: answers questions about Mila - Quebec AI Institute from its Wikipedia article.
//!
//! The engine ([`engine::ask`]) is pure and synchronous; the front ends (the stdin chat mode and
//! Discord) only translate I/O to and from its [`answer::Answer`].

pub mod answer;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod engine;
pub mod eval;
pub mod export;
pub mod frontends;
pub mod knowledge;
pub mod nlu;

pub use answer::{Answer, Citation, Lang};
pub use engine::{ask, Conversation};
pub use knowledge::KnowledgeBase;
