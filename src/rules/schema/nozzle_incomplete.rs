use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `nozzle` section corosync cannot use: without `name` (nozzle is
/// then off), without `ipaddr` or `ipprefix`, with a prefix outside 8..30
/// (IPv4) or 8..64 (IPv6), or with a `macaddr` that is not 17 characters
/// (`54:54:01:00:00:00`).
/// ## Why it matters
/// corosync checks these only at runtime and merely logs an error (`No IP
/// address supplied for Nozzle device`, `nozzle IP address prefix must be >= 8
/// ...`); the device is then silently not created. `corosync -t` says nothing.
/// ## Example
/// ```text
/// nozzle {
///     name: noz01
///     ipaddr: 192.168.100.0
/// }
/// ```
/// ## Fix
/// Give `name`, `ipaddr` and `ipprefix` (and a well-formed `macaddr`), or
/// remove the section.
pub const NOZZLE_INCOMPLETE: Rule = Rule {
    name: "nozzle-incomplete",
    code: "S117",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "nozzle section corosync cannot set up",
    check: check_nozzle_incomplete,
    fix: crate::fix::FixAvailability::None,
};

fn check_nozzle_incomplete(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    let Some((_, first)) = cmap.prefixed("nozzle.").next() else { return };
    let anchor = first.span();
    let name = cmap.get("nozzle.name");
    if name.is_none() {
        out.push(
            Diagnostic::new(&NOZZLE_INCOMPLETE, anchor, "`nozzle` has no `name`, so no device is created")
                .with_label("nozzle stays off")
                .with_help(
                    "corosync only sets up nozzle when `nozzle.name` is set; add `name: noz01` or remove the section",
                ),
        );
        return;
    }
    let anchor = name.map(|e| e.span()).unwrap_or(anchor);
    for (key, msg) in [
        ("nozzle.ipaddr", "No IP address supplied for Nozzle device"),
        ("nozzle.ipprefix", "No prefix supplied for Nozzle IP address"),
    ] {
        if cmap.get(key).is_none() {
            let short = key.trim_start_matches("nozzle.");
            out.push(
                Diagnostic::new(&NOZZLE_INCOMPLETE, anchor, format!("`nozzle` has no `{short}`"))
                    .with_label(format!("`{short}` missing"))
                    .with_help(format!("corosync logs `{msg}` at startup and creates no device; add `{short}`")),
            );
        }
    }
    let ipv6 = cmap.get_str("nozzle.ipaddr").is_some_and(|a| a.contains(':'));
    if let Some(e) = cmap.get("nozzle.ipprefix") {
        let max = if ipv6 { 64 } else { 30 };
        let ok =
            cmap.get_str("nozzle.ipprefix").and_then(|v| v.parse::<u32>().ok()).is_some_and(|p| (8..=max).contains(&p));
        if !ok {
            out.push(
                Diagnostic::new(&NOZZLE_INCOMPLETE, e.span(), format!("`ipprefix: {}` is outside 8..{max}", e.value))
                    .with_label("prefix out of range")
                    .with_help(format!(
                        "corosync logs `nozzle IP address prefix must be >= 8 and <= {max}` and creates no device; use a prefix in 8..{max}"
                    )),
            );
        }
    }
    if let Some(e) = cmap.get("nozzle.macaddr")
        && e.value.to_bytes().len() != 17
    {
        out.push(
            Diagnostic::new(&NOZZLE_INCOMPLETE, e.span(), format!("`macaddr: {}` is not a 17-character MAC address", e.value))
                .with_label("not like 54:54:01:00:00:00")
                .with_help("corosync logs `macaddr for nozzle device is not in the correct format` and creates no device; write six hex pairs separated by colons"),
        );
    }
}
