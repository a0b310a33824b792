//! The command line (STUB; the engine work fills it in). `discord` delegates to
//! `frontends::discord::run`.

use crate::frontends::discord::DiscordArgs;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "mila-bot", version, about)]
pub struct Cli {
    /// Load knowledge from this directory instead of the embedded knowledge.
    #[arg(long, global = true, value_name = "DIR")]
    pub knowledge: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the Discord bot.
    Discord(DiscordArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Discord(args) => crate::frontends::discord::run(args, cli.knowledge.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(exit_code_for(&e))
        }
    }
}

/// 2 for configuration and knowledge problems (the admin must fix a file or a variable), else 1.
pub fn exit_code_for(e: &anyhow::Error) -> u8 {
    if e.downcast_ref::<crate::knowledge::KnowledgeError>().is_some() {
        return 2;
    }
    if e.chain().any(|c| c.to_string().starts_with("config:")) {
        return 2;
    }
    1
}
