//! The Discord front end (STUB, owned by the Discord work).

use std::path::PathBuf;

/// `mila-bot discord` options.
#[derive(Debug, Clone, clap::Args)]
pub struct DiscordArgs {
    /// Config file (TOML); see config.example.toml.
    #[arg(long, default_value = "config.toml")]
    pub config: PathBuf,
}

/// Runs the bot until SIGINT/SIGTERM. `knowledge_dir` is the `--knowledge DIR` given on the
/// command line, if any (None: the embedded knowledge).
pub fn run(args: &DiscordArgs, knowledge_dir: Option<&std::path::Path>) -> anyhow::Result<()> {
    let _ = (args, knowledge_dir);
    anyhow::bail!("not implemented yet")
}
