use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    corolint::cli::run(corolint::cli::Cli::parse()).into()
}
