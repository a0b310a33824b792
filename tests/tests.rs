//! The integration test crate: the engine through the library (golden table, traps,
//! follow-ups, French, bad input), malformed knowledge, runs of the built binary, a property
//! test, and the Discord front end against a fake Discord.

mod cli;
mod discord;
mod engine;
mod knowledge;
mod props;
mod walkthrough;
