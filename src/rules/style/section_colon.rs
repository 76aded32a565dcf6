use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{looks_like_pair, sections, text_of};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;
use crate::syntax::LineKind;

/// ## What it does
/// Reports a section opened with a colon, `totem: {` or `totem:: {`.
/// ## Why it matters
/// corosync strips the colons and accepts it, but it reads like a key. Proxmox
/// VE's parser takes the colon as part of the name, so `totem: {` is a
/// section named `totem:` there. `corolint fmt` writes `totem {`.
/// ## Example
/// `totem: {`
/// ## Fix
/// Write `totem {`.
///
/// `check --fix` writes `totem {` (safe: corosync reads the same).
pub const SECTION_COLON: Rule = Rule {
    name: "section-colon",
    code: "S116",
    category: Category::Style,
    severity: Severity::Info,
    summary: "section opened as `name: {`",
    check: check_section_colon,
    fix: crate::fix::FixAvailability::Safe,
};

fn check_section_colon(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        let LineKind::Open { name, brace } = s.section.open.kind else {
            continue;
        };
        let between = ctx.text(Span { start: name.end, end: brace });
        if !between.contains(&b':') || looks_like_pair(&text_of(ctx, name)) {
            continue;
        }
        let n = ctx.show(name);
        out.push(
            Diagnostic::new(&SECTION_COLON, Span { start: name.start, end: brace.saturating_add(1) }, format!("Section `{n}` is opened with a colon"))
                .with_label("write `name {`")
                .with_help(format!("corosync ignores the colon, but it makes the section look like a key and Proxmox VE reads the name as `{n}:`; write `{n} {{`"))
                .with_fix(crate::fix::Fix::safe(
                    format!("Write `{n} {{`"),
                    vec![crate::fix::Edit::replace(Span { start: name.end, end: brace }, " ")],
                    crate::fix::Intent::unchanged(),
                )),
        );
    }
}
