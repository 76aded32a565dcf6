use super::key_placement::{key_checkable, logging_top_only, other_places};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::pairs;
use crate::rules::{Category, Context, Rule};
use crate::schema;

/// ## What it does
/// Reports a key that corosync knows, but in another section: `two_node` in
/// `totem`, `transport` in `quorum`, `knet_ping_interval` in `totem` instead of
/// `interface`, `ring0_addr` directly in `nodelist`.
/// ## Why it matters
/// corosync stores the key under the wrong path, as a string, and never reads
/// it. The setting silently has no effect.
/// ## Example
/// ```text
/// totem {
///     two_node: 1
/// }
/// ```
/// ## Fix
/// Move the key into the section named in the message.
pub const MISPLACED_KEY: Rule = Rule {
    name: "misplaced-key",
    code: "S103",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "known key in the wrong section (silently ignored)",
    check: check_misplaced_key,
    fix: crate::fix::FixAvailability::None,
};

fn check_misplaced_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.def.is_some() {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        if logging_top_only(&p.path, key) {
            continue;
        }
        let places = other_places(key, &p.path);
        let Some(first) = places.first() else {
            continue;
        };
        let mut names: Vec<String> = places.iter().map(|d| format!("`{}`", d.section)).collect();
        names.dedup();
        let list = names.join(" or ");
        let here = if p.path.is_empty() { "the top level".to_string() } else { format!("`{}`", p.path) };
        let local = schema::key_names_of(&p.path)
            .into_iter()
            .find(|c| c.len() > key.len() && c.contains(key))
            .map(|c| format!(", or did you mean `{c}` here?"))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(&MISPLACED_KEY, p.key, format!("Key `{key}` belongs in {list}, not in {here}"))
                .with_label(format!("not read in {here}"))
                .with_help(format!(
                    "corosync stores it as `{}` and never reads it, so the setting has no effect; move it into the `{}` section{local}",
                    if p.path.is_empty() { key.to_string() } else { format!("{}.{key}", p.path) },
                    first.section
                )),
        );
    }
}
