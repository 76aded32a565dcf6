use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `quorum.device` settings without a `model`, or with an empty one.
/// ## Why it matters
/// votequorum treats a missing or empty model as "no quorum device" and starts silently
///: the votes, the qnetd host and the algorithm are all ignored, and a
/// `two_node: 1` next to them stays in effect.
/// ## Example
/// `device { votes: 1  net { host: 192.0.2.10 } }` without `model: net`.
/// ## Fix
/// Add `model: net` to the device section.
pub const QDEVICE_MISSING_MODEL: Rule = Rule {
    name: "qdevice-missing-model",
    code: "D703",
    category: Category::Qdevice,
    severity: Severity::Error,
    summary: "quorum.device settings without a model: no quorum device at all",
    check: check_model,
    fix: crate::fix::FixAvailability::None,
};

fn check_model(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let has_keys = ctx.cmap.prefixed("quorum.device.").next().is_some();
    let model = ctx.cmap.get_bytes("quorum.device.model");
    if !has_keys || model.as_ref().is_some_and(|m| !m.is_empty()) {
        return;
    }
    let (span, msg, label) = match locate::key(ctx.cmap, "quorum.device.model") {
        Some(s) => (s, "quorum.device.model is empty, so there is no quorum device", "empty model"),
        None => (
            locate::section_open(ctx, &["quorum", "device"]).unwrap_or_else(|| locate::quorum_anchor(ctx)),
            "quorum.device has settings but no model, so there is no quorum device",
            "no `model` in this section",
        ),
    };
    out.push(Diagnostic::new(&QDEVICE_MISSING_MODEL, span, msg).with_label(label).with_help(
        "corosync runs without a quorum device and ignores every quorum.device setting without a word; add `model: net`",
    ));
}
