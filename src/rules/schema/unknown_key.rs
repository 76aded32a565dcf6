use super::key_placement::{key_checkable, logging_top_only, other_places, where_};
use super::name_suggestion::suggestion;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::pairs;
use crate::rules::{Category, Context, Rule};
use crate::schema;

/// ## What it does
/// Reports a key that no section of corosync knows, with a "did you mean"
/// suggestion from the keys of its section.
/// ## Why it matters
/// corosync stores unknown keys as strings and never reads them. A typo such
/// as `tokn: 10000` leaves the default in effect without any warning.
/// ## Example
/// ```text
/// totem {
///     tokn: 10000
/// }
/// ```
/// ## Fix
/// Correct the key name (names are case-sensitive) or remove the line.
pub const UNKNOWN_KEY: Rule = Rule {
    name: "unknown-key",
    code: "S102",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key corosync does not know (silently ignored)",
    check: check_unknown_key,
    fix: crate::fix::FixAvailability::None,
};

fn check_unknown_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.def.is_some() {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        if !other_places(key, &p.path).is_empty() {
            continue;
        }
        if logging_top_only(&p.path, key) {
            continue;
        }
        let mut d = Diagnostic::new(&UNKNOWN_KEY, p.key, format!("Unknown key `{key}`{}", where_(&p.path)))
            .with_label("corosync ignores this key");
        let candidates = schema::key_names_of(&p.path);
        let help = "corosync stores unknown keys as strings and never reads them";
        d = match suggestion(key, &candidates) {
            Some(s) => d.with_help(format!("{help}; did you mean `{s}`?")),
            None => d.with_help(format!("{help}; remove it or fix its name (names are case-sensitive)")),
        };
        out.push(d);
    }
}
