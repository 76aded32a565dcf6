use super::catalogue_advice::advice;
use super::key_placement::key_checkable;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::pairs;
use crate::rules::{Category, Context, Rule};
use crate::schema::Status;

/// ## What it does
/// Reports keys corosync stores but never reads: `nodelist.node.datacenterid`,
/// `pload { count, size }`, `cfg { shutdown_timeout }`, `quorum.leaving_timeout`
/// and `quorum.device.master_wins`.
/// ## Why it matters
/// The daemons read these as integers while the parser stores them as strings
/// (or do not read them at all), so the value is silently never used.
/// ## Example
/// `nodelist { node { datacenterid: 2 ... } }`
/// ## Fix
/// Remove the key.
pub const IGNORED_KEY: Rule = Rule {
    name: "ignored-key",
    code: "S105",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key corosync stores but never uses",
    check: check_ignored_key,
    fix: crate::fix::FixAvailability::None,
};

fn check_ignored_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        let Some(def) = p.def else {
            continue;
        };
        if def.status != Status::Ignored {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        out.push(
            Diagnostic::new(&IGNORED_KEY, p.entry, format!("Key `{}.{key}` is stored but never used", p.path))
                .with_label("no effect")
                .with_help(advice(def.note)),
        );
    }
}
