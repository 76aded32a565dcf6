use crate::cmap::Value;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a link with `knet_transport: sctp`.
/// ## Why it matters
/// corosync 3.1.10 logs `WARNING SCTP transport is deprecated and will be removed in a future
/// release.` at every start; built against libknet 2.x it refuses `sctp` altogether
/// (`Unrecognised knet_transport. only 'udp' is supported`). 3.1.9 and older accept it silently,
/// so a cluster upgraded later meets the warning, then the refusal.
/// ## Example
/// ```text
/// interface {
///     linknumber: 0
///     knet_transport: sctp
/// }
/// ```
/// ## Fix
/// Use `knet_transport: udp` (the default; removing the line does the same), which every release
/// reads the same way. Change it on every node at once: a link's transport cannot change at reload.
pub const KNET_TRANSPORT_SCTP: Rule = Rule {
    name: "knet-transport-sctp",
    code: "T215",
    category: Category::Totem,
    severity: Severity::Warning,
    summary: "knet link with the deprecated SCTP transport",
    check: check_knet_transport_sctp,
    fix: crate::fix::FixAvailability::None,
};

fn check_knet_transport_sctp(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let version = ctx.facts().version;
    for (key, entry) in ctx.cmap.prefixed("totem.interface.") {
        if !key.ends_with(".knet_transport") || entry.value != Value::Str(b"sctp") {
            continue;
        }
        let Some(span) = entry.spans.last().copied() else { continue };
        let message = if ctx.facts().sctp_deprecated_warning {
            format!(
                "corosync {version} warns at start: `SCTP transport is deprecated and will be removed in a future release`"
            )
        } else {
            let later = version
                .first_later(|f| f.sctp_deprecated_warning)
                .map_or_else(String::new, |v| format!("; {v} warns that it is deprecated and will be removed"));
            format!("knet_transport sctp: corosync {version} accepts it{later}")
        };
        out.push(
            Diagnostic::new(&KNET_TRANSPORT_SCTP, span, message)
                .with_label("deprecated transport")
                .with_help("use `knet_transport: udp` (the default), which every release reads the same way; change it on all nodes with a restart, a reload cannot change a link's transport"),
        );
    }
}
