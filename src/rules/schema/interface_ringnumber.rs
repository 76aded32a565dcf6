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
///
/// In a block without `linknumber`, `check --fix --unsafe-fixes` renames `ringnumber` to `linknumber`.
/// Unsafe: the block's settings move to the link it names.
pub const INTERFACE_RINGNUMBER: Rule = Rule {
    name: "interface-ringnumber",
    code: "S106",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`ringnumber` in interface is not an alias of `linknumber`",
    check: check_interface_ringnumber,
    fix: crate::fix::FixAvailability::Unsafe,
};

fn check_interface_ringnumber(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.path != "totem.interface" || ctx.text(p.key) != b"ringnumber" {
            continue;
        }
        let Some(message) = ringnumber_conflict(ctx, p) else {
            continue;
        };
        // Without a `linknumber` in the block, renaming the key makes the
        // block configure the link it names (unsafe: the link's settings move).
        let fix = (!message.contains("conflicts with")).then(|| {
            crate::fix::Fix::unsafe_(
                "Rename `ringnumber` to `linknumber`",
                vec![crate::fix::Edit::replace(p.key, "linknumber")],
                crate::fix::Intent::unchanged().and_any_under("totem.interface."),
            )
        });
        out.push(
            Diagnostic::new(&INTERFACE_RINGNUMBER, p.entry, message)
                .with_fix_opt(fix)
                .with_label("not an alias of linknumber")
                .with_help("corosync 3 ignores the corosync 2 key `ringnumber`, so this block's settings apply to another link; rename it to `linknumber`"),
        );
    }
}
