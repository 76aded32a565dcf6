use super::key_placement::where_;
use super::name_suggestion::suggestion;
use super::no_subsections::NO_SUBSECTIONS;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::schema_support::{looks_like_pair, sections, text_of};
use crate::rules::{Category, Context, Rule};
use crate::schema;

/// ## What it does
/// Reports a section corosync does not know, such as a typo (`quorom`), a
/// made-up section (`qb { }`) or a wrongly cased name (`Totem`).
/// ## Why it matters
/// corosync stores the keys of an unknown section and never reads them: the
/// whole block is silently ignored, and `corosync -t` says nothing.
/// ## Example
/// ```text
/// quorom {
///     provider: corosync_votequorum
/// }
/// ```
/// ## Fix
/// Fix the section name (names are case-sensitive), or remove the section.
pub const UNKNOWN_SECTION: Rule = Rule {
    name: "unknown-section",
    code: "S101",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "section corosync does not know (silently ignored)",
    check: check_unknown_section,
    fix: crate::fix::FixAvailability::None,
};

fn check_unknown_section(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for item in sections(ctx) {
        if !item.parent_checkable || NO_SUBSECTIONS.contains(&item.parent.as_str()) {
            continue;
        }
        if item.parent == "logging.logger_subsys" || schema::known_section(&item.path).is_some() {
            continue;
        }
        let name = text_of(ctx, item.section.name());
        if name.is_empty() || looks_like_pair(&name) {
            continue;
        }
        let mut d = Diagnostic::new(
            &UNKNOWN_SECTION,
            item.section.name(),
            format!("Unknown section `{name}`{}", where_(&item.parent)),
        )
        .with_label("corosync ignores this section");
        let help = "corosync stores its keys but never reads them";
        d = match suggestion(&name, &child_section_names(&item.parent)) {
            Some(s) => d.with_help(format!("{help}; did you mean `{s}`?")),
            None => d.with_help(format!("{help}; remove it or fix its name (names are case-sensitive)")),
        };
        out.push(d);
    }
}

fn child_section_names(parent: &str) -> Vec<&'static str> {
    schema::SECTIONS
        .iter()
        .filter_map(|s| {
            let (p, name) = s.path.rsplit_once('.').unwrap_or(("", s.path));
            (p == parent && name != "*").then_some(name)
        })
        .collect()
}
