use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::startup::Check;

/// ## What it does
/// Reports a file without a nodelist corosync can use: no `nodelist` section, an empty one,
/// `node` blocks outside `nodelist`, or nodes of which none has a `name` or `ring0_addr`.
/// ## Why it matters
/// corosync 3 has no other way to know the cluster's members and refuses to start:
/// `parse error in config: No interfaces defined` (no link at all), or
/// `parse error in config: No valid name found for local host` (links from `interface` blocks, but
/// no node this host could be: corosync looks for itself only among `name` and `ring0_addr`).
/// ## Example
/// ```text
/// totem {
///     version: 2
///     interface {
///         bindnetaddr: 10.0.0.0
///     }
/// }
/// ```
/// ## Fix
/// Write a `nodelist` with one `node { name: HOST  nodeid: N  ring0_addr: ADDRESS }` per cluster
/// member.
pub const MISSING_NODELIST: Rule = Rule {
    name: "missing-nodelist",
    code: "N318",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "no nodelist corosync can use (it refuses to start)",
    check: check_missing_nodelist,
    fix: crate::fix::FixAvailability::None,
};

fn check_missing_nodelist(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    for r in ctx.startup() {
        let label = match r.check {
            Check::NoInterfaces if net.nodelist_blocks.is_empty() => "no nodelist in this file",
            Check::NoInterfaces => "no node with an address in here",
            Check::NoLocalNodeCandidate if net.nodes.is_empty() => "links configured, but no nodelist",
            Check::NoLocalNodeCandidate => "no node has `name` or `ring0_addr`",
            _ => continue,
        };
        out.push(
            Diagnostic::new(&MISSING_NODELIST, r.span, format!("corosync refuses to start: {}", r.message))
                .with_label(label)
                .with_help(
                    "corosync 3 learns the members only from `nodelist`; write `nodelist { node { name: HOST  nodeid: 1  ring0_addr: ADDRESS } ... }` with one node per member (each key on its own line)",
                ),
        );
    }
}
