//! What a quorum device cannot do without: a model, a qnetd host, a cluster name.

use super::{Category, Context, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::{locate};

/// ## What it does
/// Reports `quorum.device` settings without a `model`, or with an empty one.
/// ## Why it matters
/// votequorum treats a missing or empty model as "no quorum device" and starts silently
/// (live V23, V24): the votes, the qnetd host and the algorithm are all ignored, and a
/// `two_node: 1` next to them stays in effect.
/// ## Example
/// `device { votes: 1  net { host: 192.0.2.10 } }` without `model: net`.
/// ## Fix
/// Add `model: net` to the device section.
pub const QDEVICE_MISSING_MODEL: Rule = Rule {
    name: "qdevice-missing-model",
    code: "D703",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "quorum.device settings without a model: no quorum device at all",
    check: check_model,
};

fn check_model(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let has_keys = ctx.cmap.prefixed("quorum.device.").next().is_some();
    let model = ctx.cmap.get_bytes("quorum.device.model");
    if !has_keys || model.as_ref().is_some_and(|m| !m.is_empty()) {
        return;
    }
    let (span, msg, label) = match locate::key(ctx.cmap, "quorum.device.model") {
        Some(s) => (s, "quorum.device.model is empty, so there is no quorum device", "empty model"),
        None => (
            locate::section_open(ctx, &["quorum", "device"]).unwrap_or_else(|| locate::quorum_anchor(ctx)),
            "quorum.device has settings but no model, so there is no quorum device",
            "no `model` in this section",
        ),
    };
    out.push(Diagnostic::new(&QDEVICE_MISSING_MODEL, span, msg).with_label(label).with_help(
        "corosync runs without a quorum device and ignores every quorum.device setting without a word; add `model: net`",
    ));
}

/// ## What it does
/// Reports a `net` quorum device without `net { host: ... }` (or with an empty host).
/// ## Why it matters
/// corosync-qdevice refuses to start: `Qdevice net daemon address is not defined
/// (quorum.device.net.host)`. votequorum still counts the device's votes in expected votes, so the
/// cluster needs more votes than it can get.
/// ## Example
/// `device { model: net  votes: 1 }` with no `net` section.
/// ## Fix
/// Add `net { host: <qnetd address> }`.
pub const QDEVICE_MISSING_HOST: Rule = Rule {
    name: "qdevice-missing-host",
    code: "D704",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "net quorum device without quorum.device.net.host",
    check: check_host,
};

fn check_host(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    let Some(q) = &m.qdevice else { return };
    if q.model != "net" || q.host.is_some() {
        return;
    }
    let span = locate::key(ctx.cmap, "quorum.device.net.host")
        .or_else(|| locate::section_open(ctx, &["quorum", "device", "net"]))
        .or_else(|| locate::key(ctx.cmap, "quorum.device.model"))
        .unwrap_or_else(|| locate::quorum_anchor(ctx));
    out.push(
        Diagnostic::new(&QDEVICE_MISSING_HOST, span, "quorum.device.net.host is not set for the net quorum device")
            .with_label("no qnetd host")
            .with_help(format!(
                "corosync-qdevice refuses to start: `Qdevice net daemon address is not defined (quorum.device.net.host)`, while votequorum still expects its {} vote(s); add `host: <qnetd address>` in `device {{ net {{ }} }}`",
                q.votes
            )),
    );
}

/// ## What it does
/// Reports a quorum device in a file without `totem.cluster_name`.
/// ## Why it matters
/// corosync-qdevice refuses to start: `Cluster name (totem.cluster_name) has to be defined.`
/// qnetd tells clusters apart by this name.
/// ## Example
/// A `totem` section with no `cluster_name` and a `quorum.device`.
/// ## Fix
/// Add `cluster_name: NAME` to `totem`, the same on every node.
pub const QDEVICE_MISSING_CLUSTER_NAME: Rule = Rule {
    name: "qdevice-missing-cluster-name",
    code: "D705",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "quorum device without totem.cluster_name",
    check: check_cluster_name,
};

fn check_cluster_name(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if m.qdevice.is_none() || ctx.cmap.get_bytes("totem.cluster_name").is_some_and(|n| !n.is_empty()) {
        return;
    }
    let span = locate::key(ctx.cmap, "totem.cluster_name")
        .or_else(|| locate::section_open(ctx, &["totem"]))
        .unwrap_or_else(|| locate::quorum_anchor(ctx));
    let mut d = Diagnostic::new(
        &QDEVICE_MISSING_CLUSTER_NAME,
        span,
        "totem.cluster_name is not set but a quorum device is configured",
    )
    .with_label("no cluster_name")
    .with_help(
        "corosync-qdevice refuses to start: `Cluster name (totem.cluster_name) has to be defined.`; add `cluster_name: NAME` to totem",
    );
    if let Some(model) = locate::key(ctx.cmap, "quorum.device.model") {
        d = d.with_secondary(model, "quorum device configured here");
    }
    out.push(d);
}
