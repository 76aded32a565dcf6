use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports a `net` quorum device without `net { host: ... }` (or with an empty host).
/// ## Why it matters
/// corosync-qdevice refuses to start: `Qdevice net daemon address is not defined
/// (quorum.device.net.host)`. votequorum still counts the device's votes in expected votes, so the
/// cluster needs more votes than it can get.
/// ## Example
/// `device { model: net  votes: 1 }` with no `net` section.
/// ## Fix
/// Add `net { host: <qnetd address> }`.
pub const QDEVICE_MISSING_HOST: Rule = Rule {
    name: "qdevice-missing-host",
    code: "D704",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "net quorum device without quorum.device.net.host",
    check: check_host,
    fix: crate::fix::FixAvailability::None,
};

fn check_host(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    let Some(q) = &m.qdevice else { return };
    if q.model != "net" || q.host.is_some() {
        return;
    }
    let span = locate::key(ctx.cmap, "quorum.device.net.host")
        .or_else(|| locate::section_open(ctx, &["quorum", "device", "net"]))
        .or_else(|| locate::key(ctx.cmap, "quorum.device.model"))
        .unwrap_or_else(|| locate::quorum_anchor(ctx));
    out.push(
        Diagnostic::new(&QDEVICE_MISSING_HOST, span, "quorum.device.net.host is not set for the net quorum device")
            .with_label("no qnetd host")
            .with_help(format!(
                "corosync-qdevice refuses to start: `Qdevice net daemon address is not defined (quorum.device.net.host)`, while votequorum still expects its {} vote(s); add `host: <qnetd address>` in `device {{ net {{ }} }}`",
                q.votes
            )),
    );
}
