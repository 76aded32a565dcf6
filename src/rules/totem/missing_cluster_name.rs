use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::Transport;
use crate::rules::{Category, Context, Rule};

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
    fix: crate::fix::FixAvailability::None,
};

fn check_cluster_name(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if ctx.cmap.get("totem.cluster_name").is_some() {
        return;
    }
    let net = ctx.network();
    let udp_needs_it = if net.transport == Transport::Udp {
        net.configured_links().into_iter().find(|l| {
            net.links.get(l).is_none_or(|s| {
                s.get("mcastaddr").is_none() && s.get("broadcast").is_none_or(|b| b.value.to_bytes() != b"yes")
            })
        })
    } else {
        None
    };
    let mut d = Diagnostic::new(&MISSING_CLUSTER_NAME, net.totem_anchor(), "totem has no `cluster_name`")
        .with_label("no `cluster_name` in here");
    if let Some(link) = udp_needs_it {
        d.severity = Severity::Error;
        d = d.with_help(format!(
            "corosync refuses to start: `No multicast address specified for interface {link}`; with transport udp and no mcastaddr corosync derives the multicast address from cluster_name: add `cluster_name: NAME` to totem"
        ));
    } else {
        d = d.with_help(
            "corosync-qdevice, pcs, Pacemaker and DLM/GFS2 need a cluster name; add `cluster_name: NAME` to totem",
        );
    }
    out.push(d);
}
