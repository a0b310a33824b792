//! The `mila-bot` command line: parse arguments, set up logging, run, map errors to exit codes.

use std::process::ExitCode;

fn main() -> ExitCode {
    mila_bot::cli::main()
}
