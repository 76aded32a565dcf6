//! Hover: the key catalogue's entry for a key or section, and a rule's
//! documentation for a rule named in a `# corolint:` directive.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::documents::Document;
use super::locate;
use super::position::Encoding;
use crate::rules::RuleEntry;
use crate::schema::{self, Checker, IntKind, KeyDef, Kind, SectionDef, Status};
use crate::suppress::Suppressions;
use crate::syntax::LineKind;

/// The hover at byte `offset` of `document`, if there is something to say.
pub fn hover(document: &Document, offset: usize, encoding: Encoding) -> Option<Hover> {
    let analysis = document.analysis();
    let src: &[u8] = &analysis.source.bytes;
    let tree = &analysis.parsed.tree;
    let place = locate::at(tree, offset);
    let line = place.line?;
    let (text, span) = match line.kind {
        LineKind::Pair { key, value, .. } => {
            let path = place.path(src);
            let name = String::from_utf8_lossy(src.get(key.range()).unwrap_or_default()).into_owned();
            let text = match schema::lookup(&path, &name) {
                Some(def) => key_doc(def, &name),
                None => unknown_key_doc(&path, &name),
            };
            (text, key.cover(value))
        }
        LineKind::Open { name, .. } => {
            let mut sections: Vec<&crate::syntax::Section> = place.sections.clone();
            if let Some(crate::syntax::Node::Section(s)) = place.node {
                sections.push(s);
            }
            let path = locate::section_path(&sections, src);
            let text = match schema::known_section(&path) {
                Some(def) => section_doc(def, &path),
                None => format!("**`{path}`**: not a section corosync knows.\n"),
            };
            (text, name)
        }
        LineKind::Comment { .. } => {
            let found = Suppressions::collect(tree, src);
            let name = found
                .directives
                .iter()
                .flat_map(|d| &d.names)
                .find(|n| n.span.start_usize() <= offset && offset <= n.span.end_usize())?;
            let entry = crate::rules::find(name.rule.name)?;
            (rule_doc(entry), name.span)
        }
        _ => return None,
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(document.range(span, encoding)),
    })
}

/// A rule's documentation, as `corolint rule NAME` prints it.
pub fn rule_doc(entry: &RuleEntry) -> String {
    format!(
        "# {} ({})\n\nCategory: {}. Default severity: {}.\n\n{}\n",
        entry.rule.name,
        entry.rule.code,
        entry.rule.category.as_str(),
        entry.rule.severity.as_str(),
        entry.doc
    )
}

/// The catalogue entry of a key, as Markdown.
pub fn key_doc(def: &KeyDef, written: &str) -> String {
    let place = if def.section.is_empty() { written.to_string() } else { format!("{}.{written}", def.section) };
    let mut out = format!("**`{place}`**: {}\n\n", def.note);
    out.push_str(&format!("- type: {}\n", kind_text(def.kind)));
    if let Some(default) = def.default {
        out.push_str(&format!("- default: `{default}`\n"));
    }
    out.push_str(&format!("- transports: {}\n", transports_text(def.transports)));
    out.push_str(&format!("- checked by: {}\n", checker_text(def.checker)));
    out.push_str(&format!("- {}\n", status_text(def.status)));
    out
}

/// The catalogue entry of a section, as Markdown.
pub fn section_doc(def: &SectionDef, path: &str) -> String {
    let mut out = format!("**`{path}`** section: {}\n\n", def.note);
    out.push_str(if def.repeatable {
        "- may appear several times in its parent\n"
    } else {
        "- appears once; several blocks of this name merge into one\n"
    });
    out.push_str(&format!("- {}\n", status_text(def.status)));
    let keys: Vec<&str> =
        schema::keys_of(&def.path.replace('*', "x")).filter(|k| k.status == Status::Current).map(|k| k.name).collect();
    if !keys.is_empty() {
        out.push_str(&format!("- keys: {}\n", keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")));
    }
    out
}

fn unknown_key_doc(path: &str, name: &str) -> String {
    let place = if path.is_empty() { "the top level".to_string() } else { format!("`{path}`") };
    let mut out = format!("**`{name}`** is not a key corosync reads in {place}.\n");
    let elsewhere: Vec<String> = schema::sections_with_key(name)
        .map(|k| if k.section.is_empty() { "the top level".into() } else { format!("`{}`", k.section) })
        .collect();
    if !elsewhere.is_empty() {
        out.push_str(&format!("\nIt is a key of {}.\n", elsewhere.join(", ")));
    } else if let Some(close) = crate::suggest::closest(name, schema::key_names_of(path)) {
        out.push_str(&format!("\nDid you mean `{close}`?\n"));
    }
    out
}

fn kind_text(kind: Kind) -> String {
    match kind {
        Kind::Int { ty, range } => {
            let (name, lo, hi) = match ty {
                IntKind::U8 => ("u8", 0, 255_i128),
                IntKind::U16 => ("u16", 0, 65_535),
                IntKind::U32 => ("u32", 0, 4_294_967_295),
                IntKind::U64 => ("u64", 0, 18_446_744_073_709_551_615),
                IntKind::I32 => ("i32", -2_147_483_648, 2_147_483_647),
            };
            let mut s = format!("integer ({name}, {lo}..={hi}; corosync refuses other values)");
            if let Some((min, max)) = range {
                s.push_str(&format!("; the daemon honours {min}..={max}"));
            }
            s
        }
        Kind::NumberText { min, max } => format!("number {min}..={max} (stored as text, read by corosync-qdevice)"),
        Kind::Enum { values, case_sensitive } => format!(
            "one of {}{}",
            values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", "),
            if case_sensitive { "" } else { " (any case)" }
        ),
        Kind::Switch { on, off } => {
            let on = on.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
            if off.is_empty() {
                format!("switch: only {on} turns it on; anything else means off")
            } else {
                let off = off.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ");
                format!("switch: {on} turns it on, {off} off; anything else silently means the default")
            }
        }
        Kind::Priority => "`max`, `min` or an integer nice value".into(),
        Kind::Text => "text".into(),
        Kind::Address => "IP address or host name".into(),
        Kind::Path => "file path".into(),
    }
}

fn transports_text(bits: u8) -> String {
    if bits == schema::ALL {
        return "all".into();
    }
    let names: Vec<&str> = [(schema::KNET, "knet"), (schema::UDPU, "udpu"), (schema::UDP, "udp")]
        .iter()
        .filter(|(bit, _)| bits & bit != 0)
        .map(|(_, name)| *name)
        .collect();
    format!("{} only", names.join(", "))
}

fn checker_text(checker: Checker) -> &'static str {
    match checker {
        Checker::Parser => "corosync's parser (`corosync -t` refuses a bad value)",
        Checker::Totem => "the totem configuration (`corosync -t` refuses a bad value)",
        Checker::Logging => "the logging configuration (`corosync -t` refuses a bad value)",
        Checker::Runtime => "only a real start or the running daemon (`corosync -t` does not notice)",
        Checker::Qdevice => "corosync-qdevice at its start",
        Checker::Nobody => "nobody: a bad value silently means the default",
    }
}

fn status_text(status: Status) -> &'static str {
    match status {
        Status::Current => "status: current in corosync 3",
        Status::Deprecated => "status: **deprecated**: still read, but replaced (see above)",
        Status::Obsolete => "status: **obsolete**: a corosync 1.x/2.x leftover that corosync 3 does not read",
        Status::Ignored => "status: **ignored**: stored but never read by any daemon",
    }
}
