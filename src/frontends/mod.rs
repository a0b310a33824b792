//! Front ends: thin adapters that translate I/O to and from the engine's `Answer`.

pub mod chat;
pub mod discord;
