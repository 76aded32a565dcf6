use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Profile, Rule};

/// ## What it does
/// Reports `interface` blocks that configure nothing: a block with `linknumber` and no key corosync
/// stores for the link (warning), and a block without `linknumber`, which silently configures
/// link 0 (info).
/// ## Why it matters
/// corosync keeps interface settings only under the link number, and only for the keys it knows
/// (`mcastport`, `knet_*`, `ttl`, `bindnetaddr`, ...). `interface { linknumber: 1 }` alone stores
/// nothing, so it does not create link 1. Without `linknumber` the block merges into link 0.
/// ## Example
/// ```text
/// interface {
///     linknumber: 1
/// }
/// ```
/// ## Fix
/// Delete empty blocks; add `linknumber:` to every interface block.
pub const INTERFACE_WITHOUT_LINK: Rule = Rule {
    name: "interface-without-link",
    code: "N315",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "an interface block stores nothing, or has no linknumber",
    check: check_interface_without_link,
    fix: crate::fix::FixAvailability::None,
};

fn check_interface_without_link(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    for block in &net.interface_blocks {
        if !block.stores_link_keys {
            let others: Vec<String> =
                block.keys.iter().map(|(k, _)| format!("`{}`", crate::source::display_bytes(k))).collect();
            let has_nodes = net.members(block.link).next().is_some();
            if has_nodes && others.is_empty() && matches!(ctx.profile, Profile::Pve | Profile::Pacemaker) {
                continue; // pvecm and crmsh write `interface { linknumber: N }` for every link
            }
            let mut help = if has_nodes {
                format!(
                    "corosync stores nothing for this block; link {} exists only because nodes have ring{}_addr. Delete the block or add the link's settings",
                    block.link, block.link
                )
            } else {
                format!(
                    "corosync stores nothing for this block, so it does not create link {}; add ring{}_addr to the nodes and the link's settings, or delete the block",
                    block.link, block.link
                )
            };
            if !others.is_empty() {
                help = format!(
                    "{} {} not a link setting and {} stored outside the link; {help}",
                    others.join(", "),
                    if others.len() == 1 { "is" } else { "are" },
                    if others.len() == 1 { "is" } else { "are" }
                );
            }
            let mut d = Diagnostic::new(
                &INTERFACE_WITHOUT_LINK,
                block.open,
                format!("interface block for link {} sets nothing corosync keeps", block.link),
            )
            .with_label("no link settings")
            .with_help(help);
            if has_nodes && others.is_empty() {
                d.severity = Severity::Info;
            }
            out.push(d);
        } else if block.linknumber.is_none() && !block.keys.iter().any(|(k, _)| k.as_slice() == b"ringnumber") {
            // (a `ringnumber` block is reported once, by deprecated-key, which says to write linknumber)
            let mut d = Diagnostic::new(&INTERFACE_WITHOUT_LINK, block.open, "interface block without linknumber configures link 0")
                .with_label("link 0 by default")
                .with_help("corosync defaults linknumber to 0 and merges the block with any other link-0 block; write `linknumber: 0` explicitly");
            d.severity = Severity::Info;
            out.push(d);
        }
    }
}
