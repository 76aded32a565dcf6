//! Keys and sections checked against the catalogue in [`crate::schema`]:
//! unknown, misplaced, deprecated, ignored and malformed names.

use super::schema_support::{PairItem, SectionItem, direct_pairs, has_parser_error, pairs, sections, text_of};
use super::{Category, Context, Rule};
use crate::cmap::{IntType, Value, parse_int};
use crate::diagnostic::{Diagnostic, Severity};
use crate::schema::{self, KeyDef, Status};
use crate::suggest;

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
};

/// ## What it does
/// Reports a key that no section of corosync knows, with a "did you mean"
/// suggestion from the keys of its section.
/// ## Why it matters
/// corosync stores unknown keys as strings and never reads them. A typo such
/// as `tokn: 10000` leaves the default in effect without any warning.
/// ## Example
/// ```text
/// totem {
///     tokn: 10000
/// }
/// ```
/// ## Fix
/// Correct the key name (names are case-sensitive) or remove the line.
pub const UNKNOWN_KEY: Rule = Rule {
    name: "unknown-key",
    code: "S102",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key corosync does not know (silently ignored)",
    check: check_unknown_key,
};

/// ## What it does
/// Reports a key that corosync knows, but in another section: `two_node` in
/// `totem`, `transport` in `quorum`, `knet_ping_interval` in `totem` instead of
/// `interface`, `ring0_addr` directly in `nodelist`.
/// ## Why it matters
/// corosync stores the key under the wrong path, as a string, and never reads
/// it. The setting silently has no effect.
/// ## Example
/// ```text
/// totem {
///     two_node: 1
/// }
/// ```
/// ## Fix
/// Move the key into the section named in the message.
pub const MISPLACED_KEY: Rule = Rule {
    name: "misplaced-key",
    code: "S103",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "known key in the wrong section (silently ignored)",
    check: check_misplaced_key,
};

/// ## What it does
/// Reports keys and sections that corosync 3 no longer uses or only keeps for
/// compatibility: `rrp_mode` and the other `rrp_*` keys, `threads`,
/// `totem.nodeid`, `to_file`, `syslog_level`, `quorum.votes`, `member { }`,
/// `logging_daemon`, and corosync 1.x sections such as `aisexec`, `amf`,
/// `service` and `compatibility: whitetank`.
/// ## Why it matters
/// These keys have no effect (or are ignored with a warning): the file looks
/// like it configures something it does not. Old `service { name: pacemaker }`
/// blocks come from corosync 1 plugin setups that no longer exist.
/// ## Example
/// ```text
/// totem {
///     rrp_mode: passive
/// }
/// ```
/// ## Fix
/// Remove the key or section, or use its replacement named in the message.
pub const DEPRECATED_KEY: Rule = Rule {
    name: "deprecated-key",
    code: "S104",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "deprecated or obsolete key or section",
    check: check_deprecated_key,
};

/// ## What it does
/// Reports keys corosync stores but never reads: `nodelist.node.datacenterid`,
/// `pload { count, size }`, `cfg { shutdown_timeout }`, `quorum.leaving_timeout`
/// and `quorum.device.master_wins`.
/// ## Why it matters
/// The daemons read these as integers while the parser stores them as strings
/// (or do not read them at all), so the value is silently never used.
/// ## Example
/// `nodelist { node { datacenterid: 2 ... } }`
/// ## Fix
/// Remove the key.
pub const IGNORED_KEY: Rule = Rule {
    name: "ignored-key",
    code: "S105",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "key corosync stores but never uses",
    check: check_ignored_key,
};

/// ## What it does
/// Reports `ringnumber` in an `interface` block when it names a link other than
/// the one the block configures.
/// ## Why it matters
/// `ringnumber` is the corosync 2 name. corosync 3 does not read it as an alias
/// of `linknumber`: the block configures link 0 (or its `linknumber`), so
/// `ringnumber: 1` silently puts link 1's settings on link 0.
/// ## Example
/// ```text
/// interface {
///     ringnumber: 1
///     knet_link_priority: 10
/// }
/// ```
/// ## Fix
/// Rename `ringnumber` to `linknumber`.
pub const INTERFACE_RINGNUMBER: Rule = Rule {
    name: "interface-ringnumber",
    code: "S106",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`ringnumber` in interface is not an alias of `linknumber`",
    check: check_interface_ringnumber,
};

/// ## What it does
/// Reports node address keys with a link number that is not written plainly,
/// such as `ring00_addr` or `ring01_addr`. (`ring+0_addr` is refused by the
/// parser: `+` is not allowed in key names.)
/// ## Why it matters
/// corosync reads the number with `sscanf("%u")` and takes them as link 0, but
/// only the exact key `ring0_addr` is used to find the local node and to
/// generate node ids, and Proxmox VE and pcs do not recognise the odd forms.
/// ## Example
/// `ring00_addr: 10.0.0.1`
/// ## Fix
/// Write `ring0_addr` … `ring7_addr`.
pub const NUMBERED_RING_KEY: Rule = Rule {
    name: "numbered-ring-key",
    code: "S107",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "`ringN_addr` with leading zeros",
    check: check_numbered_ring_key,
};

/// ## What it does
/// Reports a line with no key before the colon, such as `: value`.
/// ## Why it matters
/// corosync 3.1.7 stores it under a junk name (`totem.` or `totem.:`);
/// corosync 3.1.10 and later refuse the file with `Key name can't be empty`.
/// ## Example
/// `    : 5000`
/// ## Fix
/// Add the missing key name or remove the line.
pub const EMPTY_KEY: Rule = Rule {
    name: "empty-key",
    code: "S108",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "`: value` line without a key",
    check: check_empty_key,
};

/// ## What it does
/// Reports a section nested inside `node`, `interface` (other than `member`),
/// `member`, `uidgid` or `logging_daemon`.
/// ## Why it matters
/// corosync 3.1.7 mishandles these: a section inside `node` flattens its keys
/// into the node and advances the node index, so every later node is shifted;
/// inside `interface` it ends the link's settings early. corosync 3.1.10
/// rejects subsections of `uidgid` and `member` outright.
/// ## Example
/// ```text
/// node {
///     ring0_addr: 10.0.0.1
///     extra {
///     }
/// }
/// ```
/// ## Fix
/// Remove the nested section and put its keys where they belong.
pub const NESTED_SECTION: Rule = Rule {
    name: "nested-section",
    code: "S109",
    category: Category::Schema,
    severity: Severity::Error,
    summary: "section nested in node, interface, member, uidgid or logging_daemon",
    check: check_nested_section,
};

/// Sections whose subsections corosync 3.1.7 mishandles.
const NO_SUBSECTIONS: &[&str] =
    &["nodelist.node", "totem.interface", "totem.interface.member", "uidgid", "logging.logging_daemon"];

/// Sections whose keys the parser checks itself.
const PARSER_CHECKED: &[&str] = &["uidgid", "totem.interface.member"];

/// Whether a section name is really a `key: value {` line (see `brace-in-value`).
pub fn looks_like_pair(name: &str) -> bool {
    name.split_once(':').is_some_and(|(_, v)| !v.trim_matches([' ', '\t']).is_empty())
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

fn suggestion(word: &str, candidates: &[&'static str]) -> Option<&'static str> {
    candidates
        .iter()
        .find(|c| c.eq_ignore_ascii_case(word))
        .copied()
        .or_else(|| suggest::closest(word, candidates.iter().copied()))
}

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

fn where_(path: &str) -> String {
    if path.is_empty() { " at the top level".to_string() } else { format!(" in `{path}`") }
}

/// Places a key really belongs, best first (current places before old ones).
fn other_places(key: &str, path: &str) -> Vec<&'static KeyDef> {
    let mut defs: Vec<&'static KeyDef> = schema::sections_with_key(key)
        .filter(|d| !schema::path_matches(d.section, path))
        .filter(|d| schema::known_section(d.section).is_none_or(|s| s.status != Status::Obsolete))
        .filter(|d| d.status != Status::Obsolete && !d.section.is_empty())
        .collect();
    defs.sort_by_key(|d| d.status != Status::Current);
    defs
}

/// Whether a pair should be checked for unknown/misplaced names at all.
fn key_checkable<'p>(ctx: &Context, p: &'p PairItem) -> Option<&'p str> {
    if !p.checkable || PARSER_CHECKED.contains(&p.path.as_str()) || has_parser_error(ctx, p.line) {
        return None;
    }
    let key = p.key_text.as_str();
    if key.is_empty() || key == ":" {
        return None;
    }
    Some(key)
}

/// Top-level-only logging keys inside `logger_subsys`: reported by `logging-inconsistent`.
fn logging_top_only(path: &str, key: &str) -> bool {
    matches!(path, "logging.logger_subsys" | "logging.logging_daemon")
        && matches!(key, "timestamp" | "fileline" | "function_name" | "blackbox")
}

fn check_unknown_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.def.is_some() {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        if !other_places(key, &p.path).is_empty() {
            continue;
        }
        if logging_top_only(&p.path, key) {
            continue;
        }
        let mut d = Diagnostic::new(&UNKNOWN_KEY, p.key, format!("Unknown key `{key}`{}", where_(&p.path)))
            .with_label("corosync ignores this key");
        let candidates = schema::key_names_of(&p.path);
        let help = "corosync stores unknown keys as strings and never reads them";
        d = match suggestion(key, &candidates) {
            Some(s) => d.with_help(format!("{help}; did you mean `{s}`?")),
            None => d.with_help(format!("{help}; remove it or fix its name (names are case-sensitive)")),
        };
        out.push(d);
    }
}

fn check_misplaced_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.def.is_some() {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        if logging_top_only(&p.path, key) {
            continue;
        }
        let places = other_places(key, &p.path);
        let Some(first) = places.first() else {
            continue;
        };
        let mut names: Vec<String> = places.iter().map(|d| format!("`{}`", d.section)).collect();
        names.dedup();
        let list = names.join(" or ");
        let here = if p.path.is_empty() { "the top level".to_string() } else { format!("`{}`", p.path) };
        let local = schema::key_names_of(&p.path)
            .into_iter()
            .find(|c| c.len() > key.len() && c.contains(key))
            .map(|c| format!(", or did you mean `{c}` here?"))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(&MISPLACED_KEY, p.key, format!("Key `{key}` belongs in {list}, not in {here}"))
                .with_label(format!("not read in {here}"))
                .with_help(format!(
                    "corosync stores it as `{}` and never reads it, so the setting has no effect; move it into the `{}` section{local}",
                    if p.path.is_empty() { key.to_string() } else { format!("{}.{key}", p.path) },
                    first.section
                )),
        );
    }
}

fn check_deprecated_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        if !s.parent_checkable {
            continue;
        }
        let Some(def) = schema::known_section(&s.path) else {
            continue;
        };
        if matches!(def.status, Status::Deprecated | Status::Obsolete) {
            let name = text_of(ctx, s.section.name());
            let what = if def.status == Status::Obsolete { "obsolete" } else { "deprecated" };
            out.push(
                Diagnostic::new(&DEPRECATED_KEY, s.section.name(), format!("Section `{name}` is {what}"))
                    .with_label(what)
                    .with_help(advice(def.note)),
            );
        }
    }
    for p in pairs(ctx) {
        let Some(def) = p.def else {
            continue;
        };
        if !matches!(def.status, Status::Deprecated | Status::Obsolete) {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        if key == "ringnumber" && ringnumber_conflict(ctx, p).is_some() {
            continue; // interface-ringnumber reports it
        }
        let what = if def.status == Status::Obsolete { "obsolete" } else { "deprecated" };
        let place = if p.path.is_empty() { key.to_string() } else { format!("{}.{key}", p.path) };
        out.push(
            Diagnostic::new(&DEPRECATED_KEY, p.key, format!("Key `{place}` is {what}"))
                .with_label(what)
                .with_help(advice(def.note)),
        );
    }
}

/// The catalogue note, plus "remove it" unless the note already names a replacement.
fn advice(note: &str) -> String {
    if note.contains("use ") || note.contains("write ") || note.contains("set ") {
        note.to_string()
    } else {
        format!("{note}; remove it")
    }
}

fn check_ignored_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        let Some(def) = p.def else {
            continue;
        };
        if def.status != Status::Ignored {
            continue;
        }
        let Some(key) = key_checkable(ctx, p) else {
            continue;
        };
        out.push(
            Diagnostic::new(&IGNORED_KEY, p.entry, format!("Key `{}.{key}` is stored but never used", p.path))
                .with_label("no effect")
                .with_help(advice(def.note)),
        );
    }
}

/// For a `ringnumber` pair: `Some(message)` when it names a different link than the block configures.
fn ringnumber_conflict(ctx: &Context, p: &PairItem) -> Option<String> {
    if p.path != "totem.interface" {
        return None;
    }
    let ring = ctx.text(p.value);
    // The enclosing interface block: find it among the sections.
    let block = sections(ctx).iter().find(|s| {
        s.path == "totem.interface"
            && s.section.span().start <= p.line.span.start
            && p.line.span.end <= s.section.span().end
    })?;
    let linknumber = direct_pairs(ctx, block.section).into_iter().rev().find(|(k, ..)| k == "linknumber").and_then(
        |(_, _, _, v)| match parse_int(ctx.text(v), IntType::U8) {
            Some(Value::U8(n)) => Some(n),
            _ => None,
        },
    );
    let link = linknumber.unwrap_or(0);
    match parse_int(ring, IntType::U8) {
        Some(Value::U8(n)) if n == link => None,
        _ => Some(match linknumber {
            Some(l) => format!(
                "`ringnumber: {}` conflicts with `linknumber: {l}`; this block configures link {l}",
                ctx.show(p.value)
            ),
            None => format!("`ringnumber: {}` is not read; this block configures link 0", ctx.show(p.value)),
        }),
    }
}

fn check_interface_ringnumber(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.path != "totem.interface" || ctx.text(p.key) != b"ringnumber" {
            continue;
        }
        let Some(message) = ringnumber_conflict(ctx, p) else {
            continue;
        };
        out.push(
            Diagnostic::new(&INTERFACE_RINGNUMBER, p.entry, message)
                .with_label("not an alias of linknumber")
                .with_help("corosync 3 ignores the corosync 2 key `ringnumber`, so this block's settings apply to another link; rename it to `linknumber`"),
        );
    }
}

/// `ring<N>_addr` with N in plain decimal (no sign, no leading zero): the
/// spelling every tool reads, checked without formatting a string.
fn is_canonical_ring_key(key: &str) -> bool {
    let Some(digits) = key.strip_prefix("ring").and_then(|r| r.strip_suffix("_addr")) else {
        return false;
    };
    (1..=9).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

fn check_numbered_ring_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        if p.path != "nodelist.node" {
            continue;
        }
        let key = p.key_text.as_str();
        let Some(n) = schema::ring_addr_link(key) else {
            continue;
        };
        if is_canonical_ring_key(key) {
            continue;
        }
        let canonical = format!("ring{n}_addr");
        if key == canonical {
            continue;
        }
        let mut help = format!("corosync reads `{key}` as link {n}, but tools (Proxmox VE, pcs, crmsh) do not");
        if n == 0 {
            help.push_str(
                ", and only the exact key `ring0_addr` is used to find the local node and to generate node ids",
            );
        }
        if n < 8 {
            help.push_str(&format!("; write `{canonical}`"));
        }
        out.push(
            Diagnostic::new(
                &NUMBERED_RING_KEY,
                p.key,
                format!("Node address key `{key}` is an unusual spelling of `{canonical}`"),
            )
            .with_label(format!("link {n}"))
            .with_help(help),
        );
    }
}

fn check_empty_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for p in pairs(ctx) {
        let key = ctx.text(p.key);
        if !(key.is_empty() || key == b":") || has_parser_error(ctx, p.line) {
            continue;
        }
        let stored = if key.is_empty() { format!("{}.", p.path) } else { format!("{}.:", p.path) };
        out.push(
            Diagnostic::new(&EMPTY_KEY, p.entry, format!("Line `{}` has no key name", ctx.show(p.entry)))
                .with_label("no key before the colon")
                .with_help(format!(
                    "corosync 3.1.7 stores the value under the junk key `{stored}`; 3.1.10+ refuses the file (`Key name can't be empty`); add the key name or remove the line"
                )),
        );
    }
}

fn check_nested_section(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for s in sections(ctx) {
        if !NO_SUBSECTIONS.contains(&s.parent.as_str()) || s.path == "totem.interface.member" {
            continue;
        }
        let name = text_of(ctx, s.section.name());
        let why = match s.parent.as_str() {
            "nodelist.node" => {
                "corosync 3.1.7 flattens its keys into the node and advances the node index when it closes, so every later node is shifted"
            }
            "totem.interface" => {
                "corosync 3.1.7 applies the link's settings when the nested section closes and treats the rest differently"
            }
            "uidgid" | "totem.interface.member" => {
                "corosync 3.1.7 accepts it, corosync 3.1.10 and later refuse the file"
            }
            _ => "corosync 3.1.7 handles its keys as part of the enclosing block",
        };
        out.push(
            Diagnostic::new(
                &NESTED_SECTION,
                s.section.name(),
                format!("Section `{name}` is nested inside `{}`", s.parent),
            )
            .with_label("sections cannot nest here")
            .with_help(format!("{why}; remove the nested section")),
        );
    }
}

/// Used by tests and other rules: the item for a section at `path`.
pub fn sections_at<'a>(ctx: &Context<'a>, path: &str) -> Vec<SectionItem<'a>> {
    sections(ctx).iter().filter(|s| s.path == path).cloned().collect()
}
