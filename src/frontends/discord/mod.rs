//! The Discord front end: `mila-bot discord`. This module wires configuration, knowledge,
//! the serenity client, signals (SIGINT/SIGTERM shut down, SIGHUP reloads) and sharding; the
//! handler only translates Discord I/O to and from the engine's `Answer`.

mod commands;
mod handler;
mod ratelimit;
mod reload;
mod render;
mod send;
mod sessions;
mod state;

use crate::config::{Settings, Shards, TOKEN_ENV};
use anyhow::Context as _;
use reload::Knowledge;
use serenity::all::{ClientBuilder, GatewayError, GatewayIntents, HttpBuilder};
use state::BotState;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// `mila-bot discord` options.
#[derive(Debug, Clone, clap::Args)]
pub struct DiscordArgs {
    /// Config file (TOML; see config.example.toml). Default: config.toml, if it exists.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Reload the knowledge when a file under --knowledge DIR changes (polled every second).
    #[arg(long)]
    pub watch: bool,
}

/// Only what the bot needs; no privileged intent (DMs and mentions carry their content).
pub fn intents() -> GatewayIntents {
    GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES
}

/// Runs the bot until SIGINT/SIGTERM. `knowledge_dir` is the `--knowledge DIR` given on the
/// command line, if any (None: the embedded knowledge).
pub fn run(args: &DiscordArgs, knowledge_dir: Option<&Path>) -> anyhow::Result<()> {
    init_tracing();
    let settings = Settings::load(args.config.as_deref(), &|k| std::env::var(k).ok())?;
    let knowledge = Arc::new(Knowledge::load(knowledge_dir)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(settings, knowledge, args.watch))
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,serenity=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn serve(settings: Settings, knowledge: Arc<Knowledge>, watch: bool) -> anyhow::Result<()> {
    let mut http =
        HttpBuilder::new(settings.token.expose()).default_allowed_mentions(send::no_mentions());
    if let Some(base) = &settings.api_base {
        // The proxy is ignored unless serenity's own rate limiter is off.
        http = http.proxy(base.as_str()).ratelimiter_disabled(true);
        tracing::info!(api = %base, "using a custom Discord API base");
    }
    let state = Arc::new(BotState::new(Arc::clone(&knowledge), &settings));
    let handler = handler::Handler::new(state, settings.guild_id);
    let mut client = ClientBuilder::new_with_http(http.build(), intents())
        .event_handler(handler)
        .await
        .context("cannot build the Discord client")?;

    let shard_manager = Arc::clone(&client.shard_manager);
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutting down");
        shard_manager.shutdown_all().await;
    });
    tokio::spawn(reload::on_sighup(Arc::clone(&knowledge)));
    if watch {
        tokio::spawn(reload::watch_files(
            Arc::clone(&knowledge),
            Duration::from_secs(1),
        ));
    }

    let loaded = knowledge.current();
    tracing::info!(hash = %loaded.kb.content_hash(), shards = ?settings.shards, "starting the Discord bot");
    let result = match settings.shards {
        Shards::Single => client.start().await,
        Shards::Auto => client.start_autosharded().await,
        // serenity treats the range's end as inclusive, like our config.
        Shards::Range { start, end, total } => client.start_shard_range(start..end, total).await,
    };
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            Ok(())
        }
        Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => anyhow::bail!(
            "config: Discord rejected the bot token (invalid authentication); check {TOKEN_ENV} \
             or `token` in the [discord] section of the config file"
        ),
        Err(e) => Err(anyhow::Error::new(e).context("the Discord connection failed")),
    }
}

/// Resolves on SIGINT or SIGTERM.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
