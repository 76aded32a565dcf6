use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::Provider;
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a file with no `quorum { provider: ... }`.
/// ## Why it matters
/// Without a provider corosync loads no quorum service and every node and every partition is
/// quorate. A network split then leaves both halves running the cluster: split brain.
/// `corosync -t` and the daemon accept it silently.
/// ## Example
/// A nodelist and a `totem` section, but no `quorum` section.
/// ## Fix
/// Add `quorum { provider: corosync_votequorum }`.
pub const MISSING_QUORUM_PROVIDER: Rule = Rule {
    name: "missing-quorum-provider",
    code: "Q600",
    category: Category::Quorum,
    severity: Severity::Warning,
    summary: "No quorum provider: every partition is quorate",
    check: check_missing,
    fix: crate::fix::FixAvailability::None,
};

fn check_missing(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if m.provider != Provider::None {
        return;
    }
    let (span, label) = match locate::section_open(ctx, &["quorum"]) {
        Some(s) => (s, "this quorum section has no provider"),
        None => (locate::first_line(ctx), "no quorum section in this file"),
    };
    out.push(
        Diagnostic::new(&MISSING_QUORUM_PROVIDER, span, "quorum.provider is not set, so corosync loads no quorum service")
            .with_label(label)
            .with_help(
                "corosync starts and treats every partition as quorate, so both halves of a split keep running; add `provider: corosync_votequorum` to the quorum section",
            ),
    );
}
