//! `totem` identity keys: `version`, `cluster_name`, `config_version`.

use super::{Category, Context, Profile, Rule};
use crate::cmap::Value;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::{Network, Transport};

/// Whether the parser already reported a bad value for `key` (then the key is
/// missing from the cmap view but was written).
fn parser_rejected(ctx: &Context, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    ctx.cmap.errors.iter().any(|e| e.message.contains(&quoted))
}

/// ## What it does
/// Reports a `totem` section without `version: 2`, or with any other version.
/// ## Why it matters
/// corosync refuses to start: `parse error in config: This totem parser can only parse version 2
/// configurations.` (`corosync -t` exits 8). There is no default.
/// ## Example
/// ```text
/// totem {
///     cluster_name: alpha
/// }
/// ```
/// ## Fix
/// Add `version: 2` to `totem`.
pub const UNSUPPORTED_TOTEM_VERSION: Rule = Rule {
    name: "unsupported-totem-version",
    code: "T201",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "totem.version is missing or not 2",
    check: check_version,
};

fn check_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let help = "corosync refuses to start: `This totem parser can only parse version 2 configurations.`; write `version: 2` in totem";
    match ctx.cmap.get("totem.version") {
        Some(e) if e.value == Value::U32(2) => {}
        Some(e) => out.push(
            Diagnostic::new(
                &UNSUPPORTED_TOTEM_VERSION,
                e.span(),
                format!(
                    "totem version is {}, corosync 3 only reads version 2",
                    e.value
                ),
            )
            .with_label("must be 2")
            .with_help(help),
        ),
        None if parser_rejected(ctx, "totem.version") => {}
        None => {
            let net = Network::of(ctx);
            let (message, label) = if net.totem_blocks.is_empty() {
                (
                    "the file has no totem section, so no `version: 2`",
                    "no totem section in this file",
                )
            } else {
                ("totem has no `version` key", "no `version: 2` in here")
            };
            out.push(
                Diagnostic::new(&UNSUPPORTED_TOTEM_VERSION, net.totem_anchor(), message)
                    .with_label(label)
                    .with_help(help),
            );
        }
    }
}

/// ## What it does
/// Reports a configuration without `totem.cluster_name`.
/// ## Why it matters
/// corosync-qdevice (model net) refuses to start without it, Pacemaker tools and GFS2/DLM use it
/// to tell clusters apart, and the udp transport derives its multicast address from it: udp without
/// `cluster_name` and without `mcastaddr` is fatal (`No multicast address specified for interface 0`).
/// ## Example
/// ```text
/// totem {
///     version: 2
///     transport: knet
/// }
/// ```
/// ## Fix
/// Add `cluster_name: NAME` to `totem` (letters, digits, `_` and `-`, at most 32 characters).
pub const MISSING_CLUSTER_NAME: Rule = Rule {
    name: "missing-cluster-name",
    code: "T202",
    category: Category::Totem,
    severity: Severity::Warning,
    summary: "totem.cluster_name is not set",
    check: check_cluster_name,
};

fn check_cluster_name(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.cmap.get("totem.cluster_name").is_some() {
        return;
    }
    let net = Network::of(ctx);
    let udp_needs_it = net.transport == Transport::Udp
        && net.configured_links().into_iter().any(|l| {
            let link = net.links.get(&l);
            link.is_none_or(|s| {
                s.get("mcastaddr").is_none()
                    && s.get("broadcast")
                        .is_none_or(|b| b.value.to_bytes() != b"yes")
            })
        });
    let mut d = Diagnostic::new(
        &MISSING_CLUSTER_NAME,
        net.totem_anchor(),
        "totem has no `cluster_name`",
    )
    .with_label("no `cluster_name` in here");
    if udp_needs_it {
        d.severity = Severity::Error;
        d = d.with_help(
            "with transport udp and no mcastaddr corosync derives the multicast address from cluster_name; without it corosync refuses to start (`No multicast address specified for interface 0`)",
        );
    } else {
        d = d.with_help("corosync-qdevice, pcs, Pacemaker and DLM/GFS2 need a cluster name; add `cluster_name: NAME` to totem");
    }
    out.push(d);
}

/// ## What it does
/// Reports a configuration without `totem.config_version`.
/// ## Why it matters
/// A node whose `config_version` is non-zero refuses to join a cluster that runs a newer version of
/// the file, which protects against starting with a stale copy. With no version (0), that check never
/// happens. Proxmox VE's pmxcfs needs the key to decide which copy is newer and to sync the file: in
/// the `pve` profile a missing `config_version` is an error.
/// ## Example
/// ```text
/// totem {
///     version: 2
///     cluster_name: alpha
/// }
/// ```
/// ## Fix
/// Add `config_version: 1` to `totem` and increase it on every edit.
pub const MISSING_CONFIG_VERSION: Rule = Rule {
    name: "missing-config-version",
    code: "T203",
    category: Category::Totem,
    severity: Severity::Info,
    summary: "totem.config_version is not set",
    check: check_missing_config_version,
};

fn check_missing_config_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.cmap.get("totem.config_version").is_some()
        || parser_rejected(ctx, "totem.config_version")
    {
        return;
    }
    let net = Network::of(ctx);
    let mut d = Diagnostic::new(
        &MISSING_CONFIG_VERSION,
        net.totem_anchor(),
        "totem has no `config_version`",
    )
    .with_label("no `config_version` in here");
    if ctx.profile == Profile::Pve {
        d.severity = Severity::Error;
        d = d.with_help("pmxcfs compares config_version to decide which corosync.conf is newest and syncs it; add `config_version: 1` and increase it on every edit");
    } else {
        d = d.with_help("without config_version (0) corosync never checks for a stale copy on join; add `config_version: 1` and increase it on every edit");
    }
    out.push(d);
}

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
};

fn check_invalid_config_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(e) = ctx.cmap.get("totem.config_version") else {
        return;
    };
    let Some(v) = e.value.as_u64() else { return };
    let written = ctx.show(e.span());
    let negative = written
        .split_once(':')
        .is_some_and(|(_, v)| v.trim_start().starts_with('-'));
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
