//! Proxmox VE requirements on top of corosync's own (`--profile pve` only):
//! what `PVE::Corosync::parse_conf` and `verify_conf`, pmxcfs and `pve8to9`
//! need from corosync.conf.

use std::collections::BTreeMap;

use super::schema_support::{direct_pairs, has_parser_error, sections, text_of};
use super::{Category, Context, Profile, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Span;
use crate::syntax::{Line, LineKind, Node, Section};

/// ## What it does
/// Reports lines that corosync accepts but Proxmox VE's own parser
/// (`PVE::Corosync::parse_conf`, used by `pvecm` and the GUI) refuses or reads
/// differently: values with spaces, a `#` inside a value, an empty value,
/// `key:value` without a space, `key : value`, `totem{` without a space,
/// `totem: {`, a non-breaking space before a key, and a section (other than
/// `node` and `interface`) written twice, such as two `logger_subsys` blocks.
/// ## Why it matters
/// Proxmox VE splits the file into whitespace-separated words after cutting
/// every `#` to the end of the line. When that fails, `pvecm` and the cluster
/// API stop working ("missing ':' after key", "section ... already exists");
/// when it "works", Proxmox VE reads a different value than corosync and may
/// write it back on the next change (`cluster_name: my lab` → error;
/// `cluster_name: c#1` → `c`).
/// ## Example
/// `cluster_name: my lab`
/// ## Fix
/// Write `key: value` with one space after the colon and a value without
/// spaces or `#`; write `name {`; keep one block per section.
pub const PVE_PARSER_INCOMPATIBLE: Rule = Rule {
    name: "pve-parser-incompatible",
    code: "P501",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "line Proxmox VE's parser rejects or reads differently than corosync",
    check: check_parser_incompatible,
};

/// ## What it does
/// Reports a node without `name` or without `nodeid`.
/// ## Why it matters
/// Proxmox VE stores nodes by `name` (falling back to `ring0_addr`), and
/// `pve8to9`/`pve7to8` fail the cluster check for a node without `name` or
/// `nodeid`; adding or removing nodes with `pvecm` relies on both.
/// ## Example
/// `node { ring0_addr: 10.0.0.1  quorum_votes: 1 }` without `name` and `nodeid`.
/// ## Fix
/// Add `name: <hostname>` and a unique `nodeid: <n>` to every node.
pub const PVE_NODE_INCOMPLETE: Rule = Rule {
    name: "pve-node-incomplete",
    code: "P502",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "node without `name` or `nodeid`",
    check: check_node_incomplete,
};

/// ## What it does
/// Reports a zero `totem.config_version`. (A missing version is
/// `missing-config-version`, an error in the pve profile; a version pmxcfs
/// reads from elsewhere, e.g. a comment, is `commented-config-version`.)
/// ## Why it matters
/// pmxcfs copies `/etc/pve/corosync.conf` to every node only if it finds a
/// non-zero version ("unable to parse cluster config_version" otherwise), and
/// `pvecm` refuses to edit a file without one; pmxcfs treats 0 as "no version".
/// ## Example
/// `totem { config_version: 0 }` in `/etc/pve/corosync.conf`.
/// ## Fix
/// Keep exactly one `config_version: N` with N ≥ 1 in `totem`, and no other
/// text matching `config_version:` before it.
pub const PVE_CONFIG_VERSION: Rule = Rule {
    name: "pve-config-version",
    code: "P503",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "config_version is 0, which pmxcfs does not sync",
    check: check_config_version,
};

/// ## What it does
/// Reports a cluster without `secauth: on` and without a `crypto_cipher`
/// other than `none`.
/// ## Why it matters
/// Proxmox VE warns that "authentication/encryption is not explicitly
/// enabled", and `pve8to9` fails its corosync check: cluster traffic,
/// including pmxcfs writes, would go over the network in clear text.
/// ## Example
/// `totem { crypto_cipher: none  crypto_hash: none }`
/// ## Fix
/// Set `crypto_cipher: aes256` and `crypto_hash: sha256` (or `secauth: on`),
/// with `/etc/corosync/authkey` present on every node.
pub const PVE_NO_ENCRYPTION: Rule = Rule {
    name: "pve-no-encryption",
    code: "P504",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "neither `secauth: on` nor a crypto_cipher",
    check: check_no_encryption,
};

/// ## What it does
/// Checks what Proxmox VE's `verify_conf` checks: when any `interface` block
/// exists, every node address `ringN_addr` must have an `interface` with
/// `linknumber: N` and every interface must have an address on every node;
/// without interfaces, every node must have the same links. An interface
/// without `linknumber` is not link 0 for Proxmox VE.
/// ## Why it matters
/// `pvecm addnode` and the cluster join API refuse to work while
/// `verify_conf` reports errors.
/// ## Example
/// `interface { linknumber: 1 }` while the nodes only have `ring0_addr`.
/// ## Fix
/// Add the missing addresses or interface blocks, or remove the extra ones;
/// give every interface a `linknumber`.
pub const PVE_INTERFACE_LINK_MISMATCH: Rule = Rule {
    name: "pve-interface-link-mismatch",
    code: "P505",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "interface blocks and node links do not match (verify_conf)",
    check: check_interface_link_mismatch,
};

/// ## What it does
/// Reports a `cluster_name` longer than 15 characters.
/// ## Why it matters
/// Proxmox VE only creates clusters with names of at most 15 characters; a
/// longer name was written by hand and breaks that assumption in its tools.
/// ## Example
/// `cluster_name: production-cluster-01`
/// ## Fix
/// Use a name of at most 15 characters. Renaming an existing cluster needs
/// care: change it on all nodes at the same time.
pub const PVE_CLUSTER_NAME_TOO_LONG: Rule = Rule {
    name: "pve-cluster-name-too-long",
    code: "P506",
    category: Category::Pve,
    severity: Severity::Warning,
    summary: "cluster_name longer than 15 characters",
    check: check_cluster_name_too_long,
};

/// ## What it does
/// Reports `transport` set to something other than `knet`.
/// ## Why it matters
/// Proxmox VE 6 and later only support knet; `pve8to9` fails the cluster check
/// for any other explicit transport.
/// ## Example
/// `transport: udpu`
/// ## Fix
/// Remove `transport` (knet is the default) and migrate all nodes together.
pub const PVE_TRANSPORT_NOT_KNET: Rule = Rule {
    name: "pve-transport-not-knet",
    code: "P507",
    category: Category::Pve,
    severity: Severity::Error,
    summary: "transport other than knet",
    check: check_transport_not_knet,
};

fn pve(ctx: &Context) -> bool {
    ctx.profile == Profile::Pve
}

/// Perl's `\s` on a byte string: space, \t, \n, \x0b, \x0c, \r.
fn perl_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The words Proxmox VE sees on one line (comment cut at the first `#`).
fn pve_tokens(text: &[u8]) -> Vec<&[u8]> {
    let cut = text.iter().position(|&b| b == b'#').unwrap_or(text.len());
    text[..cut].split(|&b| perl_space(b)).filter(|t| !t.is_empty()).collect()
}

fn starts_with_nbsp(b: &[u8]) -> bool {
    b.first() == Some(&0xA0) || b.starts_with(&[0xC2, 0xA0])
}

fn incompatible(ctx: &Context, span: Span, message: String, help: &str) -> Diagnostic {
    let _ = ctx;
    Diagnostic::new(&PVE_PARSER_INCOMPATIBLE, span, message)
        .with_label("Proxmox VE reads this differently")
        .with_help(help.to_string())
}

fn check_pair_line(ctx: &Context, line: &Line, out: &mut Vec<Diagnostic>) {
    let LineKind::Pair { key, colon, value } = line.kind else {
        return;
    };
    let text = ctx.text(line.text);
    let key_text = ctx.text(key);
    let after_indent = ctx.text(Span { start: line.indent.end, end: line.text.end });
    if starts_with_nbsp(after_indent) {
        out.push(incompatible(
            ctx,
            key,
            format!("Key `{}` starts with a non-breaking space", ctx.show(key)),
            "Proxmox VE keeps the non-breaking space as part of the key, so it reads a different key (a node then has no `ring0_addr`), and corosync refuses the file; indent with spaces",
        ));
        return;
    }
    if has_parser_error(ctx, line) {
        return;
    }
    let tokens = pve_tokens(text);
    let body = Span { start: line.indent.end, end: line.text.end };
    let shown = ctx.show(body);
    let Some(first) = tokens.first() else {
        return;
    };
    if !first.ends_with(b":") {
        let msg = if key.end < colon {
            format!("`{shown}` has a space before the colon")
        } else if value.start == colon + 1 && !value.is_empty() {
            format!("`{shown}` has no space after the colon")
        } else {
            format!("Proxmox VE cannot split `{shown}` into key and value")
        };
        out.push(incompatible(
            ctx,
            body,
            msg,
            "Proxmox VE's parser fails with \"missing ':' after key\", which breaks pvecm and the cluster API; write `key: value`",
        ));
        return;
    }
    if tokens.len() == 1 {
        out.push(incompatible(
            ctx,
            body,
            format!("`{}` has an empty value", ctx.show(key)),
            "Proxmox VE takes the next word of the file (often `}`) as the value; give the key a value or remove the line",
        ));
        return;
    }
    if tokens.len() > 2 {
        out.push(incompatible(
            ctx,
            value,
            format!("Value of `{}` contains spaces: `{}`", ctx.show(key), ctx.show(value)),
            "Proxmox VE splits values at whitespace and fails with \"missing ':' after key\" (or misreads the rest as keys); use a value without spaces",
        ));
        return;
    }
    let pve_key = &first[..first.len() - 1];
    let pve_value = tokens.get(1).copied().unwrap_or_default();
    if pve_key != key_text || pve_value != ctx.text(value) {
        let help = if ctx.text(value).contains(&b'#') {
            "Proxmox VE cuts everything from `#` to the end of the line, even inside a value; remove the `#`"
        } else {
            "Proxmox VE splits the line at whitespace and takes the word ending in `:` as the key; write `key: value` with a single colon"
        };
        out.push(incompatible(
            ctx,
            body,
            format!(
                "Proxmox VE reads `{}` as `{}: {}`, corosync as `{}: {}`",
                shown,
                String::from_utf8_lossy(pve_key),
                String::from_utf8_lossy(pve_value),
                ctx.show(key),
                ctx.show(value)
            ),
            help,
        ));
    }
}

fn check_open_line(ctx: &Context, section: &Section, out: &mut Vec<Diagnostic>) {
    let line = &section.open;
    if has_parser_error(ctx, line) {
        return;
    }
    let name = ctx.text(section.name());
    let tokens = pve_tokens(ctx.text(line.text));
    if tokens.len() == 2 && tokens[0] == name && tokens[1] == b"{" {
        return;
    }
    let n = ctx.show(section.name());
    let (msg, help) = if tokens.len() == 1 {
        (
            format!("Section `{n}` has no space before `{{`"),
            "Proxmox VE's parser needs a space before `{` and fails with \"missing ':' after key\"; write `name {`"
                .to_string(),
        )
    } else if tokens.first().is_some_and(|t| t.ends_with(b":")) {
        (
            format!("Section `{n}` is opened with a colon"),
            format!("Proxmox VE reads the section name as `{n}:`, so it does not find `{n}`; write `{n} {{`"),
        )
    } else {
        (
            format!("Section name `{n}` is not a single word"),
            "Proxmox VE splits the name at whitespace and fails; use a name without spaces".to_string(),
        )
    };
    out.push(incompatible(ctx, Span { start: line.indent.end, end: line.text.end }, msg, &help));
}

fn check_repeats(ctx: &Context, nodes: &[Node], out: &mut Vec<Diagnostic>) {
    let mut sections_seen: BTreeMap<Vec<u8>, Span> = BTreeMap::new();
    let mut keys_seen: BTreeMap<Vec<u8>, Span> = BTreeMap::new();
    for node in nodes {
        match node {
            Node::Pair(line) => {
                if let LineKind::Pair { key, .. } = line.kind {
                    keys_seen.entry(ctx.text(key).to_vec()).or_insert(key);
                }
            }
            Node::Section(s) => {
                let name = ctx.text(s.name()).to_vec();
                if name != b"node" && name != b"interface" {
                    if let Some(first) = sections_seen.get(&name) {
                        out.push(
                            incompatible(
                                ctx,
                                s.name(),
                                format!("Section `{}` appears twice in the same block", ctx.show(s.name())),
                                "Proxmox VE's parser only allows `node` and `interface` to repeat and fails with \"section ... already exists and not marked as array\"; merge the blocks",
                            )
                            .with_secondary(*first, "first block"),
                        );
                    } else {
                        sections_seen.insert(name.clone(), s.name());
                    }
                }
                if let Some(k) = keys_seen.get(&name) {
                    out.push(
                        incompatible(
                            ctx,
                            s.name(),
                            format!("Section `{}` has the name of a key in the same block", ctx.show(s.name())),
                            "Proxmox VE stores keys and sections in one table and fails; rename one of them",
                        )
                        .with_secondary(*k, "key of the same name"),
                    );
                }
                check_repeats(ctx, &s.children, out);
            }
            _ => {}
        }
    }
}

fn check_parser_incompatible(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    fn walk(ctx: &Context, nodes: &[Node], out: &mut Vec<Diagnostic>) {
        for node in nodes {
            match node {
                Node::Pair(line) => check_pair_line(ctx, line, out),
                Node::Section(s) => {
                    check_open_line(ctx, s, out);
                    walk(ctx, &s.children, out);
                }
                _ => {}
            }
        }
    }
    walk(ctx, &ctx.parsed.tree.nodes, out);
    check_repeats(ctx, &ctx.parsed.tree.nodes, out);
}

fn node_sections<'a>(ctx: &Context<'a>) -> Vec<&'a Section> {
    sections(ctx).iter().filter(|s| s.path == "nodelist.node").map(|s| s.section).collect()
}

fn check_node_incomplete(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    for node in node_sections(ctx) {
        let keys = direct_pairs(ctx, node);
        let has = |k: &str| keys.iter().any(|(name, ..)| name == k);
        let missing: Vec<&str> = ["name", "nodeid"].into_iter().filter(|k| !has(k)).collect();
        if missing.is_empty() {
            continue;
        }
        let who = keys
            .iter()
            .find(|(k, ..)| k == "ring0_addr")
            .map(|(_, _, _, v)| format!(" (ring0_addr {})", ctx.show(*v)))
            .unwrap_or_default();
        out.push(
            Diagnostic::new(
                &PVE_NODE_INCOMPLETE,
                node.name(),
                format!("Node{who} has no `{}`", missing.join("` and no `")),
            )
            .with_label("incomplete node")
            .with_help("Proxmox VE identifies nodes by `name` and pve8to9 fails for a node without `name` or `nodeid`; add both"),
        );
    }
}


fn check_config_version(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    // A missing version is `missing-config-version` (an error in this profile).
    let Some(entry) = ctx.cmap.get("totem.config_version") else {
        return;
    };
    // What pmxcfs reads instead (a commented-out or unparsable version) is
    // `commented-config-version`.
    if ctx.cmap.get_int("totem.config_version") == Some(0) {
        out.push(
            Diagnostic::new(&PVE_CONFIG_VERSION, entry.span(), "`config_version` is 0")
                .with_label("pmxcfs needs a version above 0")
                .with_help("pmxcfs treats 0 as no version and does not sync the file; set it to 1 or higher and raise it on every change"),
        );
    }
}

fn check_no_encryption(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let Some(totem) = sections(ctx).iter().find(|s| s.path == "totem") else {
        return;
    };
    let secauth_on = ctx.cmap.get_str("totem.secauth") == Some("on");
    let cipher = ctx.cmap.get_str("totem.crypto_cipher");
    if secauth_on || cipher.is_some_and(|c| c != "none") {
        return;
    }
    let span = ctx
        .cmap
        .get("totem.crypto_cipher")
        .or_else(|| ctx.cmap.get("totem.secauth"))
        .map(|e| e.span())
        .unwrap_or(totem.section.name());
    out.push(
        Diagnostic::new(&PVE_NO_ENCRYPTION, span, "Cluster traffic is neither encrypted nor authenticated")
            .with_label("no secauth: on and no crypto_cipher")
            .with_help("Proxmox VE warns about this and pve8to9 fails the check; set `crypto_cipher: aes256` and `crypto_hash: sha256` (or `secauth: on`) with /etc/corosync/authkey on every node"),
    );
}

/// A node as Proxmox VE sees it: its identity and its links (`ringN_addr`/`linkN_addr`).
struct PveNode {
    who: String,
    span: Span,
    links: BTreeMap<String, Span>,
}

fn pve_link_key(key: &str) -> Option<String> {
    let rest = key.strip_prefix("ring").or_else(|| key.strip_prefix("link"))?;
    let digits = rest.strip_suffix("_addr")?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

fn check_interface_link_mismatch(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let all = sections(ctx);
    let mut nodes: BTreeMap<String, PveNode> = BTreeMap::new();
    for s in all.iter().filter(|s| s.path == "nodelist.node") {
        let keys = direct_pairs(ctx, s.section);
        let get = |k: &str| keys.iter().rev().find(|(n, ..)| n == k).map(|(_, _, _, v)| text_of(ctx, *v));
        let Some(who) = get("name").or_else(|| get("ring0_addr")) else {
            continue;
        };
        let links = keys.iter().filter_map(|(k, _, ks, _)| pve_link_key(k).map(|l| (l, *ks))).collect();
        nodes.insert(who.clone(), PveNode { who, span: s.section.name(), links });
    }
    let mut interfaces: BTreeMap<String, Span> = BTreeMap::new();
    let mut any_interface = false;
    for s in all.iter().filter(|s| s.path == "totem.interface") {
        any_interface = true;
        let keys = direct_pairs(ctx, s.section);
        let get = |k: &str| keys.iter().rev().find(|(n, ..)| n == k).map(|(_, _, _, v)| text_of(ctx, *v));
        match get("linknumber").or_else(|| get("ringnumber")) {
            Some(l) => {
                interfaces.insert(l, s.section.name());
            }
            None => out.push(
                Diagnostic::new(&PVE_INTERFACE_LINK_MISMATCH, s.section.name(), "Interface has no `linknumber`")
                    .with_label("not link 0 for Proxmox VE")
                    .with_help("corosync uses it for link 0, but Proxmox VE's verify_conf finds no interface 0 and reports every node's ring0_addr; add `linknumber: 0`"),
            ),
        }
    }
    if any_interface {
        for link in 0..8u8 {
            let l = link.to_string();
            let iface = interfaces.get(&l).copied();
            for node in nodes.values() {
                match (node.links.get(&l), iface) {
                    (Some(addr), None) => out.push(
                        Diagnostic::new(
                            &PVE_INTERFACE_LINK_MISMATCH,
                            *addr,
                            format!("Node `{}` has an address on link {l} but there is no interface {l}", node.who),
                        )
                        .with_label("no matching interface")
                        .with_help(format!("Proxmox VE's verify_conf requires an `interface {{ linknumber: {l} }}` for every link in use; add it or remove the address")),
                    ),
                    (None, Some(i)) => out.push(
                        Diagnostic::new(
                            &PVE_INTERFACE_LINK_MISMATCH,
                            node.span,
                            format!("Node `{}` has no address for interface {l}", node.who),
                        )
                        .with_label(format!("no ring{l}_addr"))
                        .with_secondary(i, format!("interface {l}"))
                        .with_help(format!("Proxmox VE's verify_conf requires every node to have `ring{l}_addr` when interface {l} exists; add it or remove the interface")),
                    ),
                    _ => {}
                }
            }
        }
    } else {
        let used: std::collections::BTreeSet<String> = nodes.values().flat_map(|n| n.links.keys().cloned()).collect();
        for l in used {
            for node in nodes.values().filter(|n| !n.links.contains_key(&l)) {
                out.push(
                    Diagnostic::new(
                        &PVE_INTERFACE_LINK_MISMATCH,
                        node.span,
                        format!("Node `{}` is missing link {l}, which other nodes have", node.who),
                    )
                    .with_label(format!("no ring{l}_addr"))
                    .with_help("Proxmox VE's verify_conf requires every node to have the same links; add the address or remove the link from the other nodes"),
                );
            }
        }
    }
}

fn check_cluster_name_too_long(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let Some(e) = ctx.cmap.get("totem.cluster_name") else {
        return;
    };
    let name = e.value.to_bytes();
    let len = String::from_utf8_lossy(&name).chars().count();
    if len <= 15 {
        return;
    }
    out.push(
        Diagnostic::new(
            &PVE_CLUSTER_NAME_TOO_LONG,
            e.span(),
            format!("`cluster_name` `{}` has {len} characters, more than Proxmox VE allows (15)", e.value),
        )
        .with_label("longer than 15 characters")
        .with_help("`pvecm create` only accepts names of at most 15 characters; a longer name was set by hand and may break Proxmox VE tools; renaming needs all nodes changed together"),
    );
}

fn check_transport_not_knet(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !pve(ctx) {
        return;
    }
    let Some(e) = ctx.cmap.get("totem.transport") else {
        return;
    };
    if e.value.to_bytes() == b"knet" {
        return;
    }
    out.push(
        Diagnostic::new(&PVE_TRANSPORT_NOT_KNET, e.span(), format!("`transport: {}` is not supported by Proxmox VE", e.value))
            .with_label("Proxmox VE needs knet")
            .with_help("Proxmox VE 6 and later only support knet and pve8to9 fails for other transports; remove the key (knet is the default) and restart corosync on all nodes together"),
    );
}
