use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `config_version` that corosync reads differently from what was meant: a negative
/// value (`-1` wraps to 18446744073709551615) or a huge one, and `0`, which disables the stale-copy check.
/// ## Why it matters
/// corosync reads the value with `strtoull`: `-1` is silently stored as 2^64−1, so this node always
/// looks newest and no later edit can be "newer". `0` means the node never checks for a stale
/// configuration when it joins. (A value that is not a number at all is a parser error.)
/// ## Example
/// `config_version: -1`
/// ## Fix
/// Use a small positive number and increase it on every edit.
pub const INVALID_CONFIG_VERSION: Rule = Rule {
    name: "invalid-config-version",
    code: "T204",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "totem.config_version is negative (wraps), huge, or 0",
    check: check_invalid_config_version,
    fix: crate::fix::FixAvailability::None,
};

fn check_invalid_config_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(e) = ctx.cmap.get("totem.config_version") else {
        return;
    };
    let Some(v) = e.value.as_u64() else { return };
    let written = ctx.show(e.span());
    let negative = written.split_once(':').is_some_and(|(_, v)| v.trim_start().starts_with('-'));
    if negative && v != 0 {
        out.push(
            Diagnostic::new(&INVALID_CONFIG_VERSION, e.span(), format!("config_version is negative; corosync stores it as {v}"))
                .with_label(format!("read as {v}"))
                .with_help("corosync parses config_version with strtoull, so a negative number wraps around to a huge one that no later edit can exceed; use a small positive number"),
        );
    } else if v > u64::from(u32::MAX) {
        out.push(
            Diagnostic::new(&INVALID_CONFIG_VERSION, e.span(), format!("config_version {v} is implausibly large"))
                .with_label("near the u64 limit")
                .with_help("tools that bump config_version (pcs, pmxcfs) may overflow or misorder it; use a small positive number"),
        );
    } else if v == 0 {
        let mut d = Diagnostic::new(&INVALID_CONFIG_VERSION, e.span(), "config_version is 0, so this node never checks for a stale configuration")
            .with_label("0 disables the check")
            .with_help("a node with config_version 0 joins even when the others run a newer file; start at 1 and increase it on every edit");
        d.severity = Severity::Warning;
        out.push(d);
    }
}
