use crate::config_version::{KEY, pmxcfs_version};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Profile, Rule};

/// ## What it does
/// With the Proxmox VE profile, finds the version pmxcfs reads, the first match of
/// `config_version\s*:\s*(\d+)` anywhere in the file, comments included, and reports it when it
/// is not the `totem.config_version` corosync uses: a commented-out `# config_version: 9` above
/// the real line, an earlier duplicate, a `config_version` in another key's name or value, or a
/// real value pmxcfs cannot read (`+5`, `-1`).
/// ## Why it matters
/// pmxcfs decides with that number whether to copy `/etc/pve/corosync.conf` to
/// `/etc/corosync/corosync.conf` on every node. A stale comment with a higher number makes pmxcfs
/// copy a file whose real version is lower than the running one (the nodes then refuse to join);
/// a lower or unreadable number stops the sync (`local corosync.conf is newer`,
/// `unable to parse cluster config_version`).
/// ## Example
/// ```text
/// # config_version: 9 (old value)
/// totem {
///   config_version: 6
/// }
/// ```
/// ## Fix
/// Remove `config_version` from comments (or reword them) so that the first match is the real
/// `config_version: N` line, written as plain digits.
pub const COMMENTED_CONFIG_VERSION: Rule = Rule {
    name: "commented-config-version",
    code: "P590",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "pmxcfs reads a different `config_version` than corosync (e.g. from a comment)",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.profile != Profile::Pve {
        return;
    }
    let pmxcfs = pmxcfs_version(&ctx.source.bytes);
    let real = ctx.cmap.get(KEY);
    match (pmxcfs, real) {
        (Some(p), Some(entry)) => {
            let span = entry.span();
            if (span.start..span.end.max(span.start + 1)).contains(&p.span.start) {
                return;
            }
            out.push(
                Diagnostic::new(
                    &COMMENTED_CONFIG_VERSION,
                    p.span,
                    format!(
                        "pmxcfs reads config_version {} from `{}`, but corosync uses `{}`",
                        p.value,
                        ctx.show(p.span),
                        ctx.show(span)
                    ),
                )
                .with_label("pmxcfs takes the first `config_version: N` in the file")
                .with_secondary(span, "corosync's config_version")
                .with_help(
                    "pmxcfs finds the version with the regex `config_version\\s*:\\s*(\\d+)` over the raw file, comments included, and syncs by that number; remove or reword this text",
                ),
            );
        }
        (Some(p), None) => out.push(
            Diagnostic::new(
                &COMMENTED_CONFIG_VERSION,
                p.span,
                format!("pmxcfs reads config_version {} from `{}`, but corosync has no `{KEY}` (0)", p.value, ctx.show(p.span)),
            )
            .with_label("pmxcfs takes the first `config_version: N` in the file")
            .with_help("add the real `config_version: N` to `totem` and remove or reword this text"),
        ),
        (None, Some(entry)) => out.push(
            Diagnostic::new(
                &COMMENTED_CONFIG_VERSION,
                entry.span(),
                format!("pmxcfs cannot read `{}` because it needs plain digits after the colon", ctx.show(entry.span())),
            )
            .with_label("not `config_version: <digits>`")
            .with_help(
                "pmxcfs logs `unable to parse cluster config_version` and never copies this file to /etc/corosync; write the number as plain digits, e.g. `config_version: 5`",
            ),
        ),
        (None, None) => {}
    }
}
