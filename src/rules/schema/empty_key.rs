use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{has_parser_error, pairs};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a line with no key before the colon, such as `: value`.
/// ## Why it matters
/// corosync stores it under a junk name (`totem.` or `totem.:`); corosync 3.1.10 and later
/// refuse `:value` (no blank after the colon) with `Key name can't be empty`, which the syntax
/// rule `empty-key-name` reports for that target.
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
        let version = ctx.facts().version;
        let later = if key.is_empty() {
            version
                .first_later(|f| f.empty_key_refused)
                .map_or_else(String::new, |v| format!("; {v} refuses the file (`Key name can't be empty`)"))
        } else {
            "; every release accepts it (the blank after the colon makes the key `:`)".to_string()
        };
        out.push(
            Diagnostic::new(&EMPTY_KEY, p.entry, format!("Line `{}` has no key name", ctx.show(p.entry)))
                .with_label("no key before the colon")
                .with_help(format!(
                    "corosync {version} stores the value under the junk key `{stored}`{later}; add the key name or remove the line"
                )),
        );
    }
}
