use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::{Fatal, Provider};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `quorum.provider` other than `corosync_votequorum`; `corosync_ykd` (legacy, still
/// loads) is reported as a warning.
/// ## Why it matters
/// corosync passes `corosync -t` but exits at a real start with status 20:
/// `Quorum provider: <p> failed to initialize.` / `Invalid quorum provider`. With
/// `corosync_ykd`, votequorum is not loaded and none of its keys (`two_node`, `wait_for_all`,
/// `expected_votes`, the quorum device) have any effect.
/// ## Example
/// `provider: votequorum`, `provider: corosync_votequorum ` (a trailing space is part of the value)
/// ## Fix
/// Write `provider: corosync_votequorum`.
pub const INVALID_QUORUM_PROVIDER: Rule = Rule {
    name: "invalid-quorum-provider",
    code: "Q601",
    category: Category::Quorum,
    severity: Severity::Error,
    summary: "quorum.provider is not corosync_votequorum (fatal at start, or legacy ykd)",
    check: check_invalid,
    fix: crate::fix::FixAvailability::None,
};

fn check_invalid(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    let Some(span) = locate::key(ctx.cmap, "quorum.provider") else { return };
    match &m.provider {
        Provider::Invalid(p) => {
            let hint = crate::suggest::closest(p.trim(), ["corosync_votequorum", "corosync_ykd"])
                .map(|c| format!("; did you mean `{c}`?"))
                .unwrap_or_else(|| "; write `provider: corosync_votequorum`".into());
            out.push(
                Diagnostic::new(
                    &INVALID_QUORUM_PROVIDER,
                    span,
                    format!("quorum.provider `{p}` is not a quorum provider"),
                )
                .with_label("unknown provider")
                .with_help(format!(
                    "{}{hint}",
                    Fatal::InvalidProvider.help().replace(
                        "`Invalid quorum provider`",
                        &format!("`Quorum provider: {p} failed to initialize.` / `Invalid quorum provider`"),
                    )
                )),
            );
        }
        Provider::Ykd => {
            let mut d = Diagnostic::new(
                &INVALID_QUORUM_PROVIDER,
                span,
                "quorum.provider `corosync_ykd` is the legacy provider; votequorum is not loaded",
            )
            .with_label("legacy provider")
            .with_help(
                "corosync starts, but two_node, wait_for_all, expected_votes, quorum_votes and the quorum device have no effect; write `provider: corosync_votequorum`",
            );
            d.severity = Severity::Warning;
            out.push(d);
        }
        Provider::None | Provider::Votequorum => {}
    }
}
