use std::collections::BTreeMap;

use super::pve_profile::pve;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{direct_pairs, sections, text_of};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

/// ## What it does
/// Checks what Proxmox VE's `verify_conf` checks: when any `interface` block
/// exists, every node address `ringN_addr` must have an `interface` with
/// `linknumber: N` and every interface must have an address on every node;
/// without interfaces, every node must have the same links. An interface
/// without `linknumber` is not link 0 for Proxmox VE.
/// ## Why it matters
/// `pvecm addnode` and the cluster join API refuse to work while
/// `verify_conf` reports errors.
/// ## Example
/// `interface { linknumber: 1 }` while the nodes only have `ring0_addr`.
/// ## Fix
/// Add the missing addresses or interface blocks, or remove the extra ones;
/// give every interface a `linknumber`.
pub const PVE_INTERFACE_LINK_MISMATCH: Rule = Rule {
    name: "pve-interface-link-mismatch",
    code: "P505",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "interface blocks and node links do not match (verify_conf)",
    check: check_interface_link_mismatch,
    fix: crate::fix::FixAvailability::None,
};

fn check_interface_link_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let all = sections(ctx);
    let mut nodes: BTreeMap<String, PveNode> = BTreeMap::new();
    for s in all.iter().filter(|s| s.path == "nodelist.node") {
        let keys = direct_pairs(ctx, s.section);
        let get = |k: &str| keys.iter().rev().find(|(n, ..)| n == k).map(|(_, _, _, v)| text_of(ctx, *v));
        let Some(who) = get("name").or_else(|| get("ring0_addr")) else {
            continue;
        };
        let links = keys.iter().filter_map(|(k, _, ks, _)| pve_link_key(k).map(|l| (l, *ks))).collect();
        nodes.insert(who.clone(), PveNode { who, span: s.section.name(), links });
    }
    let mut interfaces: BTreeMap<String, Span> = BTreeMap::new();
    let mut any_interface = false;
    for s in all.iter().filter(|s| s.path == "totem.interface") {
        any_interface = true;
        let keys = direct_pairs(ctx, s.section);
        let get = |k: &str| keys.iter().rev().find(|(n, ..)| n == k).map(|(_, _, _, v)| text_of(ctx, *v));
        match get("linknumber").or_else(|| get("ringnumber")) {
            Some(l) => {
                interfaces.insert(l, s.section.name());
            }
            None => out.push(
                Diagnostic::new(&PVE_INTERFACE_LINK_MISMATCH, s.section.name(), "Interface has no `linknumber`")
                    .with_label("not link 0 for Proxmox VE")
                    .with_help("corosync uses it for link 0, but Proxmox VE's verify_conf finds no interface 0 and reports every node's ring0_addr; add `linknumber: 0`"),
            ),
        }
    }
    if any_interface {
        for link in 0..8u8 {
            let l = link.to_string();
            let iface = interfaces.get(&l).copied();
            for node in nodes.values() {
                match (node.links.get(&l), iface) {
                    (Some(addr), None) => out.push(
                        Diagnostic::new(
                            &PVE_INTERFACE_LINK_MISMATCH,
                            *addr,
                            format!("Node `{}` has an address on link {l} but there is no interface {l}", node.who),
                        )
                        .with_label("no matching interface")
                        .with_help(format!("Proxmox VE's verify_conf requires an `interface {{ linknumber: {l} }}` for every link in use; add it or remove the address")),
                    ),
                    (None, Some(i)) => out.push(
                        Diagnostic::new(
                            &PVE_INTERFACE_LINK_MISMATCH,
                            node.span,
                            format!("Node `{}` has no address for interface {l}", node.who),
                        )
                        .with_label(format!("no ring{l}_addr"))
                        .with_secondary(i, format!("interface {l}"))
                        .with_help(format!("Proxmox VE's verify_conf requires every node to have `ring{l}_addr` when interface {l} exists; add it or remove the interface")),
                    ),
                    _ => {}
                }
            }
        }
    } else {
        let used: std::collections::BTreeSet<String> = nodes.values().flat_map(|n| n.links.keys().cloned()).collect();
        for l in used {
            for node in nodes.values().filter(|n| !n.links.contains_key(&l)) {
                out.push(
                    Diagnostic::new(
                        &PVE_INTERFACE_LINK_MISMATCH,
                        node.span,
                        format!("Node `{}` is missing link {l}, which other nodes have", node.who),
                    )
                    .with_label(format!("no ring{l}_addr"))
                    .with_help("Proxmox VE's verify_conf requires every node to have the same links; add the address or remove the link from the other nodes"),
                );
            }
        }
    }
}

/// A node as Proxmox VE sees it: its identity and its links (`ringN_addr`/`linkN_addr`).
struct PveNode {
    who: String,
    span: Span,
    links: BTreeMap<String, Span>,
}

fn pve_link_key(key: &str) -> Option<String> {
    let rest = key.strip_prefix("ring").or_else(|| key.strip_prefix("link"))?;
    let digits = rest.strip_suffix("_addr")?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}
