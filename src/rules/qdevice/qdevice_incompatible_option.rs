use crate::diagnostic::{Diagnostic, Severity};
use crate::quorum::Fatal;
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `last_man_standing`, `auto_tie_breaker` or `allow_downscale` next to a quorum device.
/// ## Why it matters
/// `corosync -t` accepts it, but corosync exits at start with status 20:
/// `configuration error: quorum.device is not compatible with last_man_standing`
/// (or `auto_tie_breaker`, `allow_downscale`). The qdevice already plays
/// these roles. On an odd cluster without wait_for_all, votequorum first switches ATB off, so the
/// ATB combination starts there, but it becomes fatal as soon as wait_for_all is added.
/// ## Example
/// `last_man_standing: 1` and `device { model: net ... }` in one quorum section.
/// ## Fix
/// Remove last_man_standing, auto_tie_breaker and allow_downscale; the qdevice algorithm
/// (`lms`, `ffsplit`) provides the behaviour.
pub const QDEVICE_INCOMPATIBLE_OPTION: Rule = Rule {
    name: "qdevice-incompatible-option",
    code: "D700",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "quorum device with last_man_standing, auto_tie_breaker or allow_downscale (fatal at start)",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() || m.qdevice.is_none() {
        return;
    }
    let model = locate::key(ctx.cmap, "quorum.device.model");
    let cases = [
        (Fatal::QdeviceLms, "quorum.last_man_standing", "last_man_standing"),
        (Fatal::QdeviceAtb, "quorum.auto_tie_breaker", "auto_tie_breaker"),
        (Fatal::QdeviceDownscale, "quorum.allow_downscale", "allow_downscale"),
    ];
    for (fatal, key, name) in cases {
        let Some(span) = locate::key(ctx.cmap, key) else { continue };
        let mut d = if m.fatals.contains(&fatal) {
            Diagnostic::new(
                &QDEVICE_INCOMPATIBLE_OPTION,
                span,
                format!("quorum.{name} is set together with a quorum device"),
            )
            .with_label(format!("{name} with a qdevice"))
            .with_help(format!("{}; remove {name}", fatal.help()))
        } else if fatal == Fatal::QdeviceAtb && m.auto_tie_breaker_configured {
            let mut d = Diagnostic::new(
                &QDEVICE_INCOMPATIBLE_OPTION,
                span,
                "quorum.auto_tie_breaker is set together with a quorum device",
            )
            .with_label("auto_tie_breaker with a qdevice")
            .with_help(
                "votequorum switches auto_tie_breaker off here before checking the qdevice, so corosync starts, but the combination is fatal once it stays on (e.g. with wait_for_all); remove auto_tie_breaker",
            );
            d.severity = Severity::Warning;
            d
        } else {
            continue;
        };
        if let Some(model) = model {
            d = d.with_secondary(model, "quorum device configured here");
        }
        out.push(d);
    }
}
