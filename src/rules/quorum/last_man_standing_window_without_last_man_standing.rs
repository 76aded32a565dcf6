use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::locate;
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports `last_man_standing_window` when `last_man_standing` is not on.
/// ## Why it matters
/// votequorum only uses the window for last_man_standing; on its own it does nothing, which usually
/// means last_man_standing was meant to be on, or was switched off and the window left behind.
/// pcs refuses a non-zero window without last_man_standing.
/// ## Example
/// `last_man_standing_window: 20000` with no `last_man_standing: 1`.
/// ## Fix
/// Add `last_man_standing: 1` (with `wait_for_all: 1`), or remove the window.
pub const LAST_MAN_STANDING_WINDOW_WITHOUT_LAST_MAN_STANDING: Rule = Rule {
    name: "last-man-standing-window-without-last-man-standing",
    code: "Q609",
    category: Category::Quorum,
    severity: Severity::Warning,
    summary: "last_man_standing_window without last_man_standing has no effect",
    check: check_window,
    fix: crate::fix::FixAvailability::None,
};

fn check_window(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let m = ctx.quorum();
    if !m.is_votequorum() || m.last_man_standing {
        return;
    }
    let Some(span) = locate::key(ctx.cmap, "quorum.last_man_standing_window") else {
        return;
    };
    out.push(
        Diagnostic::new(
            &LAST_MAN_STANDING_WINDOW_WITHOUT_LAST_MAN_STANDING,
            span,
            format!(
                "quorum.last_man_standing_window is {} ms but last_man_standing is off",
                m.last_man_standing_window
            ),
        )
        .with_label("no effect")
        .with_help(
            "votequorum ignores the window unless last_man_standing is 1; add `last_man_standing: 1` and `wait_for_all: 1`, or remove the window",
        ),
    );
}
