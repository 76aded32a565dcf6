use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

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
    fix: crate::fix::FixAvailability::None,
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
