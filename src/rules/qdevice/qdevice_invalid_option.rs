use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::qdevice;
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Checks the values corosync-qdevice reads at its own start: `model` (only `net`), `net.port`
/// (1..65535), `net.tls` (on, off, required), `net.algorithm` (ffsplit, lms, 2nodelms; case-sensitive),
/// `net.tie_breaker` (lowest, highest or a nodeid), `net.connect_timeout` (1000..120000),
/// `net.force_ip_version` (0, 4, 6), `net.keep_active_partition_tie_breaker` (on/off),
/// `heuristics.mode` (on, sync, off), `heuristics.timeout` and `sync_timeout` (1000..120000),
/// `heuristics.interval` (1000..3600000), `exec_NAME` names and their number (at most 32), and
/// heuristics switched on without any command.
/// ## Why it matters
/// corosync stores all of these as strings and never checks them; `corosync -t` passes. The
/// qdevice daemon then refuses to start (or ignores the setting with a warning), while
/// votequorum keeps expecting the device's votes.
/// ## Example
/// `algorithm: FFSplit`, `tls: yes please`, `port: 0`, `heuristics { mode: enabled }`.
/// ## Fix
/// Use one of the listed values.
pub const QDEVICE_INVALID_OPTION: Rule = Rule {
    name: "qdevice-invalid-option",
    code: "D706",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "A quorum.device value corosync-qdevice refuses or ignores",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in qdevice::check_options(ctx.cmap) {
        let span = locate::key(ctx.cmap, &p.key).unwrap_or_else(|| locate::quorum_anchor(ctx));
        let mut d = Diagnostic::new(&QDEVICE_INVALID_OPTION, span, p.message)
            .with_label(if p.fatal { "corosync-qdevice refuses this" } else { "corosync-qdevice ignores this" })
            .with_help(p.help);
        if !p.fatal {
            d.severity = Severity::Warning;
        }
        out.push(d);
    }
}
