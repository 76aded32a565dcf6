use super::parser_rejected::parser_rejected;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Profile, Rule};

/// ## What it does
/// Reports a configuration without `totem.config_version`.
/// ## Why it matters
/// A node whose `config_version` is non-zero refuses to join a cluster that runs a newer version of
/// the file, which protects against starting with a stale copy. With no version (0), that check never
/// happens. Proxmox VE's pmxcfs needs the key to decide which copy is newer and to sync the file: in
/// the `pve` profile a missing `config_version` is an error. pcs and crmsh never write it (they copy
/// the same file to every node), so the `pacemaker` profile does not report it.
/// ## Example
/// ```text
/// totem {
///     version: 2
///     cluster_name: alpha
/// }
/// ```
/// ## Fix
/// Add `config_version: 1` to `totem` and increase it on every edit.
///
/// Under the `pve` profile, `check --fix` adds `config_version: 1` to `totem` (safe: only the version
/// changes). Without the profile there is no fix.
pub const MISSING_CONFIG_VERSION: Rule = Rule {
    name: "missing-config-version",
    code: "T203",
    category: Category::Totem,
    severity: Severity::Info,
    summary: "totem.config_version is not set",
    check: check_missing_config_version,
    fix: crate::fix::FixAvailability::Safe,
};

fn check_missing_config_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.cmap.get("totem.config_version").is_some()
        || parser_rejected(ctx, "totem.config_version")
        || ctx.profile == Profile::Pacemaker
    {
        return;
    }
    let net = ctx.network();
    let mut d = Diagnostic::new(&MISSING_CONFIG_VERSION, net.totem_anchor(), "totem has no `config_version`")
        .with_label("no `config_version` in here");
    if ctx.profile == Profile::Pve {
        d.severity = Severity::Error;
        d = d.with_help("pmxcfs compares config_version to decide which corosync.conf is newest and syncs it; add `config_version: 1` and increase it on every edit");
        let added = crate::fix::edits::set_config_version(&ctx.parsed.tree, &ctx.source.bytes, ctx.cmap, 1);
        d = d.with_fix_opt(
            added.map(|(edits, intent)| crate::fix::Fix::safe("Add `config_version: 1` to totem", edits, intent)),
        );
    } else {
        d = d.with_help("without config_version (0) corosync never checks for a stale copy on join; add `config_version: 1` and increase it on every edit");
    }
    out.push(d);
}
