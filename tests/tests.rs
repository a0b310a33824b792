//! The integration test crate: every test that runs the built binary or a fake Discord.

mod discord;
