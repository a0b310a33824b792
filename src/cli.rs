//! The command line: `ask`, `chat`, `check`, `eval`, `bench`, `discord`. Parses arguments,
//! loads the knowledge once, runs, and maps errors to exit codes (2: a knowledge or
//! configuration problem the admin must fix; 1: anything else).

use crate::frontends::chat::{self, Options};
use crate::frontends::discord::DiscordArgs;
use crate::knowledge::KnowledgeBase;
use anyhow::Context as _;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "mila-bot",
    version,
    about = "Answers questions about Mila - Quebec AI Institute from its Wikipedia article"
)]
pub struct Cli {
    /// Load knowledge from this directory instead of the knowledge embedded in the binary.
    #[arg(long, global = true, value_name = "DIR")]
    pub knowledge: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer one question.
    Ask {
        /// Print the JSON contract instead of text.
        #[arg(long)]
        json: bool,
        /// Show why: intent, pattern, entities, fact, evidence, references.
        #[arg(long)]
        explain: bool,
        /// The question (several words are joined with spaces).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        question: Vec<String>,
    },
    /// Chat on stdin: one question per line until EOF, in one conversation.
    Chat {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        explain: bool,
    },
    /// Load and validate the knowledge, check that it is grounded in the article, report.
    Check {
        /// Also fail on warnings.
        #[arg(long)]
        strict: bool,
        /// Compare with a previous knowledge directory (e.g. before an article update).
        #[arg(long, value_name = "OLD_DIR")]
        against: Option<PathBuf>,
    },
    /// Run a question file (the format of shared/eval/dev.jsonl) in-process and score it.
    Eval {
        cases: PathBuf,
        #[arg(long)]
        json: bool,
        /// Exit non-zero when the score (percent) is below this.
        #[arg(long, value_name = "PERCENT")]
        min_score: Option<f64>,
    },
    /// Measure the engine: questions per second and p50/p99 latency of `ask`.
    Bench {
        /// Question file (JSONL with a "q" field); default: the intents' example questions.
        cases: Option<PathBuf>,
        #[arg(long, default_value_t = 200)]
        rounds: usize,
    },
    /// Run the Discord bot.
    Discord(DiscordArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        // The reader went away (`mila-bot chat | head`): nothing left to say.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(exit_code_for(&e))
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes to stdout, reporting a failure (e.g. a closed pipe) instead of panicking.
fn print(text: &str) -> anyhow::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Loads the knowledge named on the command line (or the embedded one).
pub fn load(dir: Option<&Path>) -> anyhow::Result<KnowledgeBase> {
    Ok(match dir {
        Some(d) => KnowledgeBase::load_dir(d)?,
        None => KnowledgeBase::embedded()?,
    })
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let dir = cli.knowledge.as_deref();
    match &cli.command {
        Command::Ask {
            json,
            explain,
            question,
        } => {
            let kb = load(dir)?;
            let q = question.join(" ");
            let a = crate::ask(&kb, &q, &mut crate::Conversation::default());
            let opts = Options {
                json: *json,
                explain: *explain,
            };
            print(&format!("{}\n", chat::render(&a, opts).trim_end()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Chat { json, explain } => {
            let kb = load(dir)?;
            let stdin = std::io::stdin();
            let stdout = std::io::stdout();
            let opts = Options {
                json: *json,
                explain: *explain,
            };
            chat::run(&kb, &mut stdin.lock(), &mut stdout.lock(), opts).context("chat I/O")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { strict, against } => {
            let kb = match dir {
                Some(d) => KnowledgeBase::load_dir_lenient(d)?,
                None => KnowledgeBase::embedded()?,
            };
            // Compare with the given directory, or with the knowledge this binary was built
            // with, so that an edited article shows what changed.
            let old = match against {
                Some(d) => Some(KnowledgeBase::load_dir(d)?),
                None if dir.is_some() => Some(KnowledgeBase::embedded()?),
                None => None,
            };
            let report = crate::check::check(&kb, old.as_ref());
            print(&report.render())?;
            Ok(if report.failed(*strict) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Eval {
            cases,
            json,
            min_score,
        } => {
            let kb = load(dir)?;
            let text = std::fs::read_to_string(cases)
                .with_context(|| format!("cannot read {}", cases.display()))?;
            let report =
                crate::eval::run(&kb, &text).with_context(|| format!("in {}", cases.display()))?;
            if *json {
                print(&format!("{}\n", report.to_json()))?;
            } else {
                print(&report.render())?;
            }
            let low =
                min_score.is_some_and(|m| report.percent() < m || report.unknown_answered > 0);
            Ok(if low {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Bench { cases, rounds } => {
            let kb = load(dir)?;
            let questions = match cases {
                Some(p) => crate::eval::questions(&std::fs::read_to_string(p)?)?,
                None => kb.example_questions(),
            };
            print(&format!(
                "{}\n",
                crate::eval::bench(&kb, &questions, *rounds)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Discord(args) => {
            crate::frontends::discord::run(args, dir)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// 2 for configuration and knowledge problems (the admin must fix a file or a variable), else 1.
pub fn exit_code_for(e: &anyhow::Error) -> u8 {
    if e.downcast_ref::<crate::knowledge::KnowledgeError>()
        .is_some()
    {
        return 2;
    }
    if e.chain().any(|c| c.to_string().starts_with("config:")) {
        return 2;
    }
    1
}
