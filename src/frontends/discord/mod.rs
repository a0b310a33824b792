//! The Discord front end: `mila-bot discord`. This module wires configuration, logging,
//! knowledge, the health and metrics listener, reaching Discord, the serenity client, signals
//! (SIGINT/SIGTERM shut down in any state, SIGHUP reloads) and sharding; the handler only
//! translates Discord I/O to and from the engine's `Answer`.

mod commands;
mod connect;
mod handler;
mod http;
mod logging;
mod metrics;
mod ratelimit;
mod reconnect;
mod reload;
mod render;
mod send;
mod sessions;
mod state;
mod stop;
pub mod texts;

use crate::config::{Settings, Shards};
use anyhow::Context as _;
use connect::{Api, Backoff};
use metrics::Metrics;
use reconnect::{Gate, Gateway};
use reload::Knowledge;
use serenity::all::{ClientBuilder, GatewayError, GatewayIntents, Http, HttpBuilder};
use state::BotState;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use stop::Stop;

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
    let settings = Settings::load(args.config.as_deref(), &|k| std::env::var(k).ok())?;
    logging::init(settings.log_format, &settings.log_level);
    let knowledge = Arc::new(Knowledge::load(knowledge_dir)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let result = runtime.block_on(serve(settings, knowledge, args.watch));
    // Tasks still running (a shard stuck in a handshake, a pending REST call) are abandoned.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

/// The longest a clean gateway shutdown may take before the process exits anyway.
const GRACEFUL_SHUTDOWN: Duration = Duration::from_secs(1);

fn rejected_token() -> anyhow::Error {
    anyhow::Error::new(crate::config::ConfigError::TokenRejected)
}

/// The REST client: every call to `api_base` when set, with serenity's rate limiter off (it
/// ignores the proxy otherwise).
fn http_client(settings: &Settings) -> Http {
    let mut http =
        HttpBuilder::new(settings.token.expose()).default_allowed_mentions(send::no_mentions());
    if let Some(base) = &settings.api_base {
        http = http.proxy(base.as_str()).ratelimiter_disabled(true);
    }
    http.build()
}

async fn serve(settings: Settings, knowledge: Arc<Knowledge>, watch: bool) -> anyhow::Result<()> {
    let mut stop = Stop::listen();
    let expected_shards = match settings.shards {
        Shards::Single => Some(1),
        Shards::Auto => None,
        Shards::Range { start, end, .. } => Some((end - start + 1) as usize),
    };
    let metrics = Arc::new(Metrics::new(
        knowledge.current().kb.content_hash(),
        expected_shards,
    ));
    if let Some(addr) = settings.metrics_listen {
        http::serve(addr, Arc::clone(&metrics)).await?;
    }
    tokio::spawn(reload::on_sighup(
        Arc::clone(&knowledge),
        Arc::clone(&metrics),
    ));
    if watch {
        tokio::spawn(reload::watch_files(
            Arc::clone(&knowledge),
            Arc::clone(&metrics),
            Duration::from_secs(1),
        ));
    }
    let api = match &settings.api_base {
        Some(base) => {
            tracing::info!(api = %base, "using a custom Discord API base");
            base.clone()
        }
        None => "https://discord.com".to_string(),
    };

    // Reach Discord first: with backoff, in our own words, interruptible.
    let api = Api {
        http: Arc::new(http_client(&settings)),
        base: api,
        token: settings.token.clone(),
    };
    let mut backoff = Backoff::new(connect::FIRST_RETRY, connect::MAX_RETRY);
    let gateway_url = tokio::select! {
        r = connect::reach(&api, &mut backoff) => match r {
            Ok(url) => url,
            Err(_) => return Err(rejected_token()),
        },
        _ = stop.wait() => return Ok(()),
    };

    let state = Arc::new(BotState::new(
        Arc::clone(&knowledge),
        &settings,
        Arc::clone(&metrics),
    ));
    let handler = handler::Handler::new(state, settings.guild_id, Arc::clone(&metrics));
    let build =
        ClientBuilder::new_with_http(http_client(&settings), intents()).event_handler(handler);
    let mut client = tokio::select! {
        c = build => c.context("cannot build the Discord client")?,
        _ = stop.wait() => return Ok(()),
    };
    // The builder asks GET /gateway again and, should that fail, falls back to Discord's public
    // gateway: use the URL the configured API gave instead.
    *client.ws_url.lock().await = gateway_url;
    let manager = Arc::clone(&client.shard_manager);
    let gateway = Gateway::new(Arc::clone(&manager), Arc::clone(&metrics));
    // Not aborted when the bot stops: it may be holding serenity's dials back, and should until
    // the process ends.
    let mut watcher = tokio::spawn(reconnect::keep_connected(
        gateway,
        Gate::new(Arc::clone(&client.ws_url)),
        api,
        backoff,
    ));

    let loaded = knowledge.current();
    tracing::info!(hash = %loaded.kb.content_hash(), shards = ?settings.shards, "starting the Discord bot");
    let result = tokio::select! {
        r = start(&mut client, settings.shards) => r,
        // The watcher only ends when Discord refuses the token.
        w = &mut watcher => match w {
            Ok(_) => Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)),
            Err(e) => Err(serenity::Error::Other(if e.is_panic() { "the gateway watcher panicked" } else { "the gateway watcher stopped" })),
        },
        _ = stop.wait() => {
            // Close the gateway connections cleanly if that is quick; exit regardless.
            let _ = tokio::time::timeout(GRACEFUL_SHUTDOWN, manager.shutdown_all()).await;
            Ok(())
        }
    };
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            Ok(())
        }
        Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => Err(rejected_token()),
        Err(e) => Err(anyhow::Error::new(e).context("the Discord connection failed")),
    }
}

async fn start(client: &mut serenity::Client, shards: Shards) -> serenity::Result<()> {
    match shards {
        Shards::Single => client.start().await,
        Shards::Auto => client.start_autosharded().await,
        // serenity treats the range's end as inclusive, like our config.
        Shards::Range { start, end, total } => client.start_shard_range(start..end, total).await,
    }
}
