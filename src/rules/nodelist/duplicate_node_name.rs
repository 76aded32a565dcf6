use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::fast_hash::FastMap;
use crate::rules::{Category, Context, Rule};
use crate::source::{Span, display_bytes};

/// ## What it does
/// Reports two nodes with the same `name`.
/// ## Why it matters
/// corosync does not check it, but it finds the local node by name: the first match wins, so the
/// second node starts with the first node's identity. Pacemaker, pcs and Proxmox address nodes by
/// name and get confused too.
/// ## Example
/// Two `node` blocks with `name: node1`.
/// ## Fix
/// Give every node its own name, normally its short hostname.
pub const DUPLICATE_NODE_NAME: Rule = Rule {
    name: "duplicate-node-name",
    code: "N302",
    category: Category::Nodelist,
    severity: Severity::Error,
    summary: "two nodes share a name",
    check: check_duplicate_name,
    fix: crate::fix::FixAvailability::None,
};

fn check_duplicate_name(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let mut seen: FastMap<&[u8], Span> = FastMap::default();
    for node in &net.nodes {
        let Some(name) = &node.name else { continue };
        if let Some(first) = seen.get(name.value.as_slice()) {
            let shown = display_bytes(&name.value);
            out.push(
                Diagnostic::new(&DUPLICATE_NODE_NAME, name.span, format!("node name `{shown}` is used by two nodes"))
                    .with_label("duplicate name")
                    .with_secondary(*first, "first used here")
                    .with_help("corosync takes the first node whose name matches the host as the local node, so the other node starts with the wrong identity; give every node a unique name"),
            );
        } else {
            seen.insert(&name.value, name.span);
        }
    }
}
