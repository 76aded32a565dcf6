use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, pairs};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a line with no key before the colon, such as `: value`.
/// ## Why it matters
/// corosync 3.1.7 stores it under a junk name (`totem.` or `totem.:`);
/// corosync 3.1.10 and later refuse the file with `Key name can't be empty`.
/// ## Example
/// `    : 5000`
/// ## Fix
/// Add the missing key name or remove the line.
pub const EMPTY_KEY: Rule = Rule {
    name: "empty-key",
    code: "S108",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`: value` line without a key",
    check: check_empty_key,
    fix: crate::fix::FixAvailability::None,
};

fn check_empty_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        let key = ctx.text(p.key);
        if !(key.is_empty() || key == b":") || has_parser_error(ctx, p.line) {
            continue;
        }
        let stored = if key.is_empty() { format!("{}.", p.path) } else { format!("{}.:", p.path) };
        out.push(
            Diagnostic::new(&EMPTY_KEY, p.entry, format!("Line `{}` has no key name", ctx.show(p.entry)))
                .with_label("no key before the colon")
                .with_help(format!(
                    "corosync 3.1.7 stores the value under the junk key `{stored}`; 3.1.10+ refuses the file (`Key name can't be empty`); add the key name or remove the line"
                )),
        );
    }
}
