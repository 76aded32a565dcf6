use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{direct_pairs, sections};
use crate::rules::{Category, Context, Rule};
use crate::syntax::Section;

/// ## What it does
/// Reports a node without `name` or without `nodeid`.
/// ## Why it matters
/// Proxmox VE stores nodes by `name` (falling back to `ring0_addr`), and
/// `pve8to9`/`pve7to8` fail the cluster check for a node without `name` or
/// `nodeid`; adding or removing nodes with `pvecm` relies on both.
/// ## Example
/// `node { ring0_addr: 10.0.0.1  quorum_votes: 1 }` without `name` and `nodeid`.
/// ## Fix
/// Add `name: <hostname>` and a unique `nodeid: <n>` to every node.
pub const PVE_NODE_INCOMPLETE: Rule = Rule {
    name: "pve-node-incomplete",
    code: "P502",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "node without `name` or `nodeid`",
    check: check_node_incomplete,
    fix: crate::fix::FixAvailability::None,
};

fn check_node_incomplete(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    for node in node_sections(ctx) {
        let keys = direct_pairs(ctx, node);
        let has = |k: &str| keys.iter().any(|(name, ..)| name == k);
        let missing: Vec<&str> = ["name", "nodeid"].into_iter().filter(|k| !has(k)).collect();
        if missing.is_empty() {
            continue;
        }
        let who = keys
            .iter()
            .find(|(k, ..)| k == "ring0_addr")
            .map(|(_, _, _, v)| format!(" (ring0_addr {})", ctx.show(*v)))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                &PVE_NODE_INCOMPLETE,
                node.name(),
                format!("Node{who} has no `{}`", missing.join("` and no `")),
            )
            .with_label("incomplete node")
            .with_help("Proxmox VE identifies nodes by `name` and pve8to9 fails for a node without `name` or `nodeid`; add both"),
        );
    }
}

fn node_sections<'a>(ctx: &Context<'a>) -> Vec<&'a Section> {
    sections(ctx).iter().filter(|s| s.path == "nodelist.node").map(|s| s.section).collect()
}
