use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::InterfaceBlock;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports two `interface` blocks for the same link.
/// ## Why it matters
/// corosync merges them key by key, the later block winning, so the link gets a mix of both
/// blocks' settings. This usually means a `linknumber` was forgotten or copied.
/// ## Example
/// Two `interface` blocks without `linknumber`, meant for links 0 and 1.
/// ## Fix
/// Give each block its own `linknumber`, or merge them.
pub const DUPLICATE_INTERFACE: Rule = Rule {
    name: "duplicate-interface",
    code: "N316",
    category: Category::Nodelist,
    severity: Severity::Warning,
    summary: "two interface blocks configure the same link",
    check: check_duplicate_interface,
    fix: crate::fix::FixAvailability::None,
};

fn check_duplicate_interface(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    let mut first: BTreeMap<u32, &InterfaceBlock> = BTreeMap::new();
    for block in net.interface_blocks.iter().filter(|b| b.stores_link_keys) {
        if let Some(f) = first.get(&block.link) {
            let ringnumber = [block, *f].iter().any(|b| b.keys.iter().any(|(k, _)| k == b"ringnumber"));
            let mut help = "corosync merges both blocks into one link, later keys winning; give each block its own linknumber or merge them".to_string();
            if ringnumber {
                help.push_str(
                    " (`ringnumber` is the corosync 2 name: corosync 3 ignores it, so both blocks configure link 0)",
                );
            }
            out.push(
                Diagnostic::new(
                    &DUPLICATE_INTERFACE,
                    block.open,
                    format!("second interface block for link {}", block.link),
                )
                .with_label(format!("link {} again", block.link))
                .with_secondary(f.open, "first block for this link")
                .with_help(help),
            );
        } else {
            first.insert(block.link, block);
        }
    }
}
