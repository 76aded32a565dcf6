use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{looks_like_pair, sections, text_of};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

/// ## What it does
/// Reports a `key: value {` line: a value ending in `{`.
/// ## Why it matters
/// corosync treats any line containing `{` as a section opening. `cluster_name: a {`
/// opens a section literally named `cluster_name: a` (the key is never set),
/// and the block runs until the next `}`, swallowing the keys after it.
/// ## Example
/// `exec_ping: ping -c1 gw {`
/// ## Fix
/// Keep `{` out of values (put shell code in a script), and write sections as `name {`.
pub const BRACE_IN_VALUE: Rule = Rule {
    name: "brace-in-value",
    code: "S113",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`key: value {` opens a section instead of setting the key",
    check: check_brace_in_value,
    fix: crate::fix::FixAvailability::None,
};

fn check_brace_in_value(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        let name = text_of(ctx, s.section.name());
        if !looks_like_pair(&name) {
            continue;
        }
        let Some((key, value)) = name.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if value.is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                &BRACE_IN_VALUE,
                Span { start: s.section.open.indent.end, end: s.section.open.text.end },
                format!(
                    "`{}` opens a section named `{name}` instead of setting `{key}`",
                    ctx.show(Span { start: s.section.open.indent.end, end: s.section.open.text.end })
                ),
            )
            .with_label("`{` makes this line a section opening")
            .with_help(format!(
                "corosync treats any line containing `{{` as a section: `{key}` is not set, and the keys up to the next `}}` land inside the junk section; keep `{{` out of values"
            )),
        );
    }
}
