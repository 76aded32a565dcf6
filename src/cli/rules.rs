//! `corolint rules` and `corolint rule NAME`.

use std::io::Write;

use super::{CliResult, ExitStatus, GlobalArgs};

/// Arguments of `corolint rules`.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// `text` (default) or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub output_format: String,
}

/// Arguments of `corolint rule`.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// Rule name or code.
    pub name: String,
    /// `text` (default) or `json`.
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub output_format: String,
}

fn entry_json(e: &crate::rules::RuleEntry) -> serde_json::Value {
    serde_json::json!({
        "name": e.rule.name,
        "code": e.rule.code,
        "category": e.rule.category.as_str(),
        "severity": e.rule.severity.as_str(),
        "summary": e.rule.summary,
        "fix": e.rule.fix.as_str(),
        "doc": e.doc,
    })
}

/// Lists every rule.
pub fn run_list(args: RulesArgs, _global: &GlobalArgs) -> CliResult {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut all: Vec<&crate::rules::RuleEntry> = crate::rules::all().iter().collect();
    all.sort_by_key(|e| e.rule.code);
    if args.output_format == "json" {
        serde_json::to_writer_pretty(&mut out, &all.iter().map(|e| entry_json(e)).collect::<Vec<_>>())?;
        writeln!(out)?;
    } else {
        writeln!(out, "{:<5} {:<34} {:<8} {:<9} {:<6} SUMMARY", "CODE", "NAME", "SEVERITY", "CATEGORY", "FIX")?;
        for e in all {
            writeln!(
                out,
                "{:<5} {:<34} {:<8} {:<9} {:<6} {}",
                e.rule.code,
                e.rule.name,
                e.rule.severity.as_str(),
                e.rule.category.as_str(),
                e.rule.fix.as_str(),
                e.rule.summary
            )?;
        }
    }
    Ok(ExitStatus::Success)
}

/// Prints one rule's documentation.
pub fn run_one(args: RuleArgs, _global: &GlobalArgs) -> CliResult {
    let Some(e) = crate::rules::find(&args.name) else {
        crate::stderr_line!("corolint: error: {}", crate::config::unknown_rule(&args.name));
        return Ok(ExitStatus::Error);
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.output_format == "json" {
        serde_json::to_writer_pretty(&mut out, &entry_json(e))?;
        writeln!(out)?;
    } else {
        writeln!(out, "# {} ({})\n", e.rule.name, e.rule.code)?;
        writeln!(
            out,
            "Category: {}. Default severity: {}. Fix: {}.\n",
            e.rule.category.as_str(),
            e.rule.severity.as_str(),
            fix_words(e.rule.fix)
        )?;
        writeln!(out, "{}", e.doc)?;
    }
    Ok(ExitStatus::Success)
}

/// How `corolint rule NAME` names a rule's fix availability.
fn fix_words(fix: crate::fix::FixAvailability) -> &'static str {
    use crate::fix::FixAvailability;
    match fix {
        FixAvailability::None => "none",
        FixAvailability::Safe => "safe (`check --fix`)",
        FixAvailability::Unsafe => "unsafe (`check --fix --unsafe-fixes`)",
        FixAvailability::Mixed => "safe or unsafe, depending on the finding (see `## Fix`)",
    }
}
