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
pub const DEPRECATED_KEY: Rule = Rule {
    name: "deprecated-key",
    code: "S104",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "deprecated or obsolete key or section",
    check: check_deprecated_key,
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
                .with_help(advice(def.note)),
        );
    }
}
