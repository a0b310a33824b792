//! The `mila-bot` command line: parse arguments, set up logging, run, map errors to exit codes.

use std::process::ExitCode;

/// Answering a question allocates many small strings; jemalloc makes that markedly cheaper
/// than the system allocator (see the README's performance figures).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    mila_bot::cli::main()
}
