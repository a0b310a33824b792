//! The command line: `ask`, `chat`, `check`, `eval`, `bench`, `export`, `completions`,
//! `discord`. Parses arguments, loads the knowledge once, runs, and maps errors to exit codes
//! by their type (2: a knowledge or configuration problem the admin must fix, or `check` unable
//! to run; 1: anything else).

use crate::check::Compare;
use crate::config::ConfigError;
use crate::frontends::chat::{self, text::ChatText, Options};
use crate::frontends::discord::DiscordArgs;
use crate::knowledge::baseline::Baseline;
use crate::knowledge::wikitext::{self, Article};
use crate::knowledge::{self, files, KnowledgeBase, KnowledgeError};
use anyhow::Context as _;
use clap::{CommandFactory as _, Parser, Subcommand};
use std::io::{BufReader, BufWriter, IsTerminal as _, Write as _};
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
        /// The question; several words are joined with spaces. Options may come before or
        /// after it; words after `--` are taken as they are, even when they start with `-`.
        #[arg(required = true, num_args = 1.., allow_negative_numbers = true)]
        question: Vec<String>,
    },
    /// Chat on stdin: one question per line until EOF or /quit, in one conversation.
    Chat {
        /// Print one JSON object per line of input (the JSON contract) instead of text.
        #[arg(long)]
        json: bool,
        /// Show why each answer was given (with --json, an extra `explain` object).
        #[arg(long)]
        explain: bool,
    },
    /// Check the knowledge: every problem of every file in one run (grouped by file, with line
    /// and column), and how the article changed since the baseline its facts were last checked
    /// against. Exits 0 when clean, 1 on problems, 2 when it cannot run.
    Check {
        /// Also fail on warnings, among them article changes not yet accepted.
        #[arg(long)]
        strict: bool,
        /// Compare the article with another knowledge directory's instead of the baseline.
        #[arg(long, value_name = "OLD_DIR", conflicts_with = "accept")]
        against: Option<PathBuf>,
        /// Once the facts are checked, record the current article as the baseline
        /// (DIR/baseline.toml of --knowledge DIR). Refused while there are errors.
        #[arg(long)]
        accept: bool,
    },
    /// Run a question file (the format of shared/eval/dev.jsonl) in-process and score it.
    Eval {
        /// The question file: one JSON object per line, with the question and what is expected.
        #[arg(value_name = "CASES.jsonl")]
        cases: PathBuf,
        /// Print the report as one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// Exit 1 when the score (percent) is below this.
        #[arg(long, value_name = "PERCENT")]
        min_score: Option<f64>,
    },
    /// Measure the engine: questions per second and p50/p99 latency of `ask`.
    Bench {
        /// Question file (JSONL with a "q" field); default: the intents' example questions.
        #[arg(value_name = "CASES.jsonl")]
        cases: Option<PathBuf>,
        /// How many times every question is asked.
        #[arg(long, default_value_t = 200, value_name = "N")]
        rounds: usize,
    },
    /// Write the knowledge embedded in the binary to DIR, to edit and then use with
    /// `--knowledge DIR`.
    Export {
        /// The directory to write the knowledge files to (created if missing).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Overwrite knowledge files already in DIR.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script, e.g. `mila-bot completions bash > ~/.local/share/bash-completion/completions/mila-bot`.
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
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
            ExitCode::from(exit_code_for(&cli.command, &e))
        }
    }
}

/// `check` exits 2 whenever it cannot run; every other command exits 2 when the knowledge or
/// the configuration cannot be loaded (a [`KnowledgeError`] or a [`ConfigError`], wherever it
/// is in the chain) and 1 on anything else. (`check`'s findings exit 1 through `Ok`.)
pub fn exit_code_for(command: &Command, e: &anyhow::Error) -> u8 {
    if matches!(command, Command::Check { .. }) || is_setup_error(e) {
        2
    } else {
        1
    }
}

/// The knowledge or the configuration could not be loaded: the admin must fix a file or a
/// setting, and running again will not help.
pub fn is_setup_error(e: &anyhow::Error) -> bool {
    e.chain()
        .any(|c| c.is::<KnowledgeError>() || c.is::<ConfigError>())
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Writes to stdout, reporting a failure (e.g. a closed pipe) instead of panicking.
fn print(text: &str) -> anyhow::Result<()> {
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

/// [`load`] for a command that answers and exits: the knowledge is never freed, since exiting
/// frees it at once (freeing its many small allocations one by one took half a millisecond).
fn load_until_exit(dir: Option<&Path>) -> anyhow::Result<&'static KnowledgeBase> {
    Ok(Box::leak(Box::new(load(dir)?)))
}

fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let dir = cli.knowledge.as_deref();
    match &cli.command {
        Command::Ask {
            json,
            explain,
            question,
        } => ask(dir, &question.join(" "), *json, *explain),
        Command::Chat { json, explain } => chat(dir, *json, *explain),
        Command::Check {
            strict,
            against,
            accept,
        } => check(dir, *strict, against.as_deref(), *accept),
        Command::Eval {
            cases,
            json,
            min_score,
        } => eval(dir, cases, *json, *min_score),
        Command::Bench { cases, rounds } => bench(dir, cases.as_deref(), *rounds),
        Command::Export { dir: to, force } => export(dir, to, *force),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "mila-bot", &mut script);
            print(&String::from_utf8_lossy(&script))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Discord(args) => {
            crate::frontends::discord::run(args, dir)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn ask(dir: Option<&Path>, question: &str, json: bool, explain: bool) -> anyhow::Result<ExitCode> {
    let kb = load_until_exit(dir)?;
    let a = crate::ask(kb, question, &mut crate::Conversation::default());
    let opts = Options {
        json,
        explain,
        interactive: false,
    };
    print(&format!("{}\n", chat::render(&a, opts).trim_end()))?;
    Ok(ExitCode::SUCCESS)
}

fn chat(dir: Option<&Path>, json: bool, explain: bool) -> anyhow::Result<ExitCode> {
    let kb = load_until_exit(dir)?;
    let text = ChatText::load(dir)?;
    let opts = Options {
        json,
        explain,
        interactive: std::io::stdin().is_terminal() && std::io::stdout().is_terminal(),
    };
    // Our own buffers: stdout's is flushed at every newline, and stdin's cannot say whether
    // more input is waiting (see `chat::run`).
    let mut input = BufReader::with_capacity(IO_BUFFER, std::io::stdin().lock());
    let mut out = BufWriter::with_capacity(IO_BUFFER, std::io::stdout().lock());
    chat::run(kb, &text, &mut input, &mut out, opts).context("chat I/O")?;
    Ok(ExitCode::SUCCESS)
}

fn eval(
    dir: Option<&Path>,
    cases: &Path,
    json: bool,
    min_score: Option<f64>,
) -> anyhow::Result<ExitCode> {
    let kb = load(dir)?;
    let text = read(cases)?;
    let report = crate::eval::run(&kb, &text).with_context(|| format!("in {}", cases.display()))?;
    if json {
        print(&format!("{}\n", report.to_json()))?;
    } else {
        print(&report.render())?;
    }
    let low = min_score.is_some_and(|m| report.percent() < m || report.unknown_answered > 0);
    Ok(if low {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn bench(dir: Option<&Path>, cases: Option<&Path>, rounds: usize) -> anyhow::Result<ExitCode> {
    let kb = load(dir)?;
    let questions = match cases {
        Some(p) => {
            crate::eval::questions(&read(p)?).with_context(|| format!("in {}", p.display()))?
        }
        None => kb.example_questions(),
    };
    print(&format!(
        "{}\n",
        crate::eval::bench(&kb, &questions, rounds)
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn export(dir: Option<&Path>, to: &Path, force: bool) -> anyhow::Result<ExitCode> {
    if dir.is_some() {
        Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "`export` writes the embedded knowledge; --knowledge does not apply (copy that \
                 directory instead)",
            )
            .exit();
    }
    let written = crate::export::export(to, force)?;
    let to = to.display();
    print(&format!(
        "wrote {} knowledge files to {to}; after editing them, run: mila-bot --knowledge {to} \
         check --strict\n",
        written.len()
    ))?;
    Ok(ExitCode::SUCCESS)
}

/// Bytes buffered on each side of `chat`: 16 KB cost no measurable time against 64 KB (about
/// 800 more system calls over 20,000 questions) and keep 96 KB fewer pages resident.
const IO_BUFFER: usize = 16 * 1024;

/// Reads a file given on the command line, naming it in the error.
fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// `check`: 0 clean, 1 problems (warnings too with `--strict`); any error is "cannot run" (2).
fn check(
    dir: Option<&Path>,
    strict: bool,
    against: Option<&Path>,
    accept: bool,
) -> anyhow::Result<ExitCode> {
    if accept {
        let Some(dir) = dir else {
            Cli::command()
                .error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "`check --accept` writes DIR/baseline.toml: it needs --knowledge DIR (the \
                     embedded knowledge cannot change; `mila-bot export DIR` writes it out)",
                )
                .exit();
        };
        return check_accept(dir, strict);
    }
    let old = against.map(old_article).transpose()?;
    let compare = match &old {
        Some((article, name)) => Compare::Against(article, name),
        None => Compare::Baseline,
    };
    let (sources, d) = knowledge::diagnose(dir)?;
    let report = crate::check::check(dir, &sources, &d, compare);
    print(&report.render())?;
    Ok(exit(report.failed(strict)))
}

/// `check --accept`: unless there are errors, records the article as the baseline, then
/// reports on the files as they are now.
fn check_accept(dir: &Path, strict: bool) -> anyhow::Result<ExitCode> {
    let (sources, d) = knowledge::diagnose(Some(dir))?;
    let report = crate::check::check(Some(dir), &sources, &d, Compare::Baseline);
    // A broken baseline is what --accept replaces; any other error comes first.
    let blocking = (report.findings.iter())
        .any(|f| f.severity == crate::check::Severity::Error && f.file != files::BASELINE);
    let Some(article) = d.article.as_ref().filter(|_| !blocking) else {
        print(&report.render())?;
        print("not accepted: fix the errors first; baseline.toml is unchanged\n")?;
        return Ok(exit(true));
    };
    let text = Baseline::of(sources.get(files::ARTICLE), article).to_toml();
    let path = dir.join(files::BASELINE);
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    let (sources, now) = knowledge::diagnose(Some(dir))?;
    let after = crate::check::check(Some(dir), &sources, &now, Compare::Baseline);
    print(&after.render())?;
    print(&format!(
        "accepted: {}; recorded the article ({} sentences, {} references) as the baseline in {}\n",
        report
            .article
            .as_deref()
            .unwrap_or("no change to its sentences or references"),
        article.sentences.len(),
        article.references.len(),
        path.display()
    ))?;
    Ok(exit(after.failed(strict)))
}

fn exit(failed: bool) -> ExitCode {
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The article of another knowledge directory (`check --against`), and its name.
fn old_article(dir: &Path) -> anyhow::Result<(Article, String)> {
    let sources = knowledge::read_dir(dir)?;
    let path = dir.join(files::ARTICLE);
    let article = wikitext::parse(sources.text(files::ARTICLE)?).map_err(|e| KnowledgeError {
        file: path.display().to_string(),
        line: e.line,
        column: 1,
        message: e.message,
    })?;
    Ok((article, path.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed_and_every_option_has_help() {
        let cli = Cli::command();
        cli.clone().debug_assert();
        let mut missing = Vec::new();
        for sub in cli.get_subcommands() {
            for arg in sub.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() {
                    missing.push(format!("{} {}", sub.get_name(), arg.get_id()));
                }
            }
        }
        for arg in cli.get_arguments() {
            if arg.get_help().is_none() && arg.get_id() != "help" && arg.get_id() != "version" {
                missing.push(arg.get_id().to_string());
            }
        }
        assert!(missing.is_empty(), "options without help: {missing:?}");
    }

    #[test]
    fn options_are_accepted_before_and_after_the_question() {
        let parse = |args: &[&str]| match Cli::try_parse_from(args).unwrap().command {
            Command::Ask {
                json,
                explain,
                question,
            } => (json, explain, question.join(" ")),
            other => panic!("{other:?}"),
        };
        let want = (true, true, "who founded mila".to_string());
        assert_eq!(
            parse(&["m", "ask", "--json", "--explain", "who founded mila"]),
            want
        );
        assert_eq!(
            parse(&["m", "ask", "who", "founded", "mila", "--json", "--explain"]),
            want
        );
        assert_eq!(
            parse(&["m", "ask", "who", "--explain", "founded", "mila", "--json"]),
            want
        );
        let literal = (false, false, "--json -1 why".to_string());
        assert_eq!(parse(&["m", "ask", "--", "--json", "-1", "why"]), literal);
    }

    #[test]
    fn setup_errors_are_told_apart_by_type_not_by_wording() {
        let ask = Cli::try_parse_from(["m", "ask", "x"]).unwrap().command;
        let check = Cli::try_parse_from(["m", "check"]).unwrap().command;
        let knowledge = anyhow::Error::new(KnowledgeError {
            file: "facts.toml".into(),
            line: 1,
            column: 1,
            message: "bad".into(),
        })
        .context("while starting");
        let config = anyhow::Error::new(ConfigError::Invalid("bad".into()));
        let other = anyhow::anyhow!("config: looks like a configuration error but is not one");
        assert_eq!(exit_code_for(&ask, &knowledge), 2);
        assert_eq!(exit_code_for(&ask, &config), 2);
        assert_eq!(exit_code_for(&ask, &other), 1);
        assert_eq!(exit_code_for(&check, &other), 2);
    }
}
