use super::catalogue_advice::advice;
use super::key_placement::key_checkable;
use super::ringnumber_conflict::ringnumber_conflict;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{pairs, sections, text_of};
use crate::rules::{Category, Context, Rule};
use crate::schema;
use crate::schema::Status;

/// ## What it does
/// Reports keys and sections that corosync 3 no longer uses or only keeps for
/// compatibility: `rrp_mode` and the other `rrp_*` keys, `threads`,
/// `totem.nodeid`, `to_file`, `syslog_level`, `quorum.votes`, `member { }`,
/// `logging_daemon`, and corosync 1.x sections such as `aisexec`, `amf`,
/// `service` and `compatibility: whitetank`.
/// ## Why it matters
/// These keys have no effect (or are ignored with a warning): the file looks
/// like it configures something it does not. Old `service { name: pacemaker }`
/// blocks come from corosync 1 plugin setups that no longer exist.
/// ## Example
/// ```text
/// totem {
///     rrp_mode: passive
/// }
/// ```
/// ## Fix
/// Remove the key or section, or use its replacement named in the message.
///
/// For `to_file` and `syslog_level`, which corosync documents as replaced by `to_logfile` and
/// `syslog_priority`, `check --fix --unsafe-fixes` renames the key (unsafe: the cmap key changes, though
/// corosync reads the old name as an alias). Other deprecated keys have no fix.
pub const DEPRECATED_KEY: Rule = Rule {
    name: "deprecated-key",
    code: "S104",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "deprecated or obsolete key or section",
    check: check_deprecated_key,
    fix: crate::fix::FixAvailability::Unsafe,
};

fn check_deprecated_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        if !s.parent_checkable {
            continue;
        }
        let Some(def) = schema::known_section(&s.path) else {
            continue;
        };
        if matches!(def.status, Status::Deprecated | Status::Obsolete) {
            let name = text_of(ctx, s.section.name());
            let what = if def.status == Status::Obsolete { "obsolete" } else { "deprecated" };
            out.push(
                Diagnostic::new(&DEPRECATED_KEY, s.section.name(), format!("Section `{name}` is {what}"))
                    .with_label(what)
                    .with_help(advice(def.note)),
            );
        }
    }
    for p in pairs(ctx) {
        let Some(def) = p.def else {
            continue;
        };
        if !matches!(def.status, Status::Deprecated | Status::Obsolete) {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        if key == "ringnumber" && ringnumber_conflict(ctx, p).is_some() {
            continue; // interface-ringnumber reports it
        }
        let what = if def.status == Status::Obsolete { "obsolete" } else { "deprecated" };
        let place = if p.path.is_empty() { key.to_string() } else { format!("{}.{key}", p.path) };
        out.push(
            Diagnostic::new(&DEPRECATED_KEY, p.key, format!("Key `{place}` is {what}"))
                .with_label(what)
                .with_help(advice(def.note))
                .with_fix_opt(rename_fix(ctx, p, key)),
        );
    }
}

/// Deprecated keys corosync documents a replacement for: it reads them as
/// aliases and warns (`the to_file config parameter has been obsoleted`).
const REPLACEMENTS: &[(&str, &str)] = &[("to_file", "to_logfile"), ("syslog_level", "syslog_priority")];

/// The fix for a key with a documented replacement: rename it, when the
/// replacement is not set in the same section already. Unsafe: the cmap
/// view changes (the old key goes, the new one appears), though corosync
/// behaves the same.
fn rename_fix(ctx: &Context, p: &crate::rules::tree_items::PairItem, key: &str) -> Option<crate::fix::Fix> {
    use crate::fix::{Edit, Fix, Intent, edits};
    let (_, new) = REPLACEMENTS.iter().find(|(old, _)| *old == key)?;
    let old_key = edits::key_set_by(ctx.cmap, p.line)?;
    let new_key = format!("{}{new}", old_key.strip_suffix(key)?);
    if ctx.cmap.get(&new_key).is_some() {
        return None;
    }
    let intent = Intent::unchanged().and_remove(old_key).and_set(new_key, ctx.text(p.value));
    Some(Fix::unsafe_(format!("Rename `{key}` to `{new}`"), vec![Edit::replace(p.key, *new)], intent))
}
