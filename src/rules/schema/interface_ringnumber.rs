use super::ringnumber_conflict::ringnumber_conflict;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::pairs;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `ringnumber` in an `interface` block when it names a link other than
/// the one the block configures.
/// ## Why it matters
/// `ringnumber` is the corosync 2 name. corosync 3 does not read it as an alias
/// of `linknumber`: the block configures link 0 (or its `linknumber`), so
/// `ringnumber: 1` silently puts link 1's settings on link 0.
/// ## Example
/// ```text
/// interface {
///     ringnumber: 1
///     knet_link_priority: 10
/// }
/// ```
/// ## Fix
/// Rename `ringnumber` to `linknumber`.
pub const INTERFACE_RINGNUMBER: Rule = Rule {
    name: "interface-ringnumber",
    code: "S106",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`ringnumber` in interface is not an alias of `linknumber`",
    check: check_interface_ringnumber,
};

fn check_interface_ringnumber(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.path != "totem.interface" || ctx.text(p.key) != b"ringnumber" {
            continue;
        }
        let Some(message) = ringnumber_conflict(ctx, p) else {
            continue;
        };
        out.push(
            Diagnostic::new(&INTERFACE_RINGNUMBER, p.entry, message)
                .with_label("not an alias of linknumber")
                .with_help("corosync 3 ignores the corosync 2 key `ringnumber`, so this block's settings apply to another link; rename it to `linknumber`"),
        );
    }
}
