use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a nodelist in which nodes have addresses but none has `ring0_addr`.
/// ## Why it matters
/// corosync finds the local node only through `name` and `ring0_addr`: without `ring0_addr` a host
/// starts only when a node's `name` is its hostname (or a name of one of its interfaces), and
/// refuses to start otherwise (`No valid name found for local host`). corosync-qdevice also expects
/// link 0.
/// ## Example
/// Every node has `ring1_addr` and `name`, none has `ring0_addr`.
/// ## Fix
/// Number the links from 0 (`ring0_addr`, `linknumber: 0`), and give every node its hostname as
/// `name`.
pub const NO_RING0_ADDRESS: Rule = Rule {
    name: "no-ring0-address",
    code: "N319",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "no node has ring0_addr: the local node is found by name only",
    check: check_no_ring0,
    fix: crate::fix::FixAvailability::None,
};

fn check_no_ring0(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let Some(first) = net.nodes.iter().flat_map(|n| &n.addrs).next() else { return };
    if net.nodes.iter().flat_map(|n| &n.addrs).any(|a| a.key == "ring0_addr") {
        return;
    }
    out.push(
        Diagnostic::new(&NO_RING0_ADDRESS, first.span, "no node has `ring0_addr`")
            .with_label(format!("the first address is {}", first.key))
            .with_help("corosync looks for the local node only by `name` and `ring0_addr`: a host whose hostname is no node's `name` refuses to start (`No valid name found for local host`); use ring0_addr for the first link"),
    );
}
