//! A typed model of the cluster network: the transport, the nodes of the
//! nodelist with their addresses, and the per-link interface settings, built
//! from the cmap view exactly as corosync's `totemconfig.c` reads them.
//!
//! The merged picture comes from the cmap view ([`Network::nodes`],
//! [`Network::links`]); the block-by-block picture, which the cmap view loses,
//! comes from the syntax tree ([`Network::interface_blocks`],
//! [`Network::node_blocks`]).
//!
//! ```
//! use corolint::lint::Analysis;
//! use corolint::nodes::{Network, Transport};
//! use corolint::source::SourceFile;
//!
//! let a = Analysis::new(SourceFile::new("c", &b"nodelist {\n node {\n  nodeid: 1\n  ring0_addr: 10.0.0.1\n }\n}\n"[..]));
//! let net = Network::new(&a.cmap, &a.parsed.tree, &a.source.bytes);
//! assert_eq!(net.transport, Transport::Knet);
//! assert_eq!(net.nodes[0].nodeid(), Some(1));
//! assert_eq!(net.nodes[0].addr(0).map(|a| a.value.as_slice()), Some(&b"10.0.0.1"[..]));
//! ```

use std::collections::{BTreeMap, BTreeSet};

use crate::addr::{self, AddrKind, IpVersion};
use crate::cmap::{CmapView, Value};
use crate::fast_hash::FastMap;
use crate::source::{Span, display_bytes};
use crate::syntax::{LineKind, Node as TreeNode, Section, SyntaxTree};

/// corosync's `INTERFACE_MAX`: links 0 to 7.
pub const MAX_LINKS: u32 = 8;
/// corosync's `PROCESSOR_COUNT_MAX`: the size of its fixed member arrays.
pub const MAX_NODES: usize = 384;
/// libknet's `KNET_MAX_HOST`: knet node ids must be below this.
pub const KNET_MAX_HOST: u32 = 65536;

/// `totem.transport`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// `knet` (the default).
    Knet,
    /// `udpu`: unicast UDP, one link.
    Udpu,
    /// `udp`: multicast UDP, one link.
    Udp,
    /// Any other value (corosync refuses it).
    Invalid,
}

impl Transport {
    /// The transport a `totem.transport` value selects (`None` = unset = knet).
    pub fn from_value(value: Option<&[u8]>) -> Transport {
        match value {
            None | Some(b"knet") => Transport::Knet,
            Some(b"udpu") => Transport::Udpu,
            Some(b"udp") => Transport::Udp,
            Some(_) => Transport::Invalid,
        }
    }

    /// The name as written in corosync.conf.
    pub fn as_str(self) -> &'static str {
        match self {
            Transport::Knet => "knet",
            Transport::Udpu => "udpu",
            Transport::Udp => "udp",
            Transport::Invalid => "invalid",
        }
    }

    /// Whether this is udp or udpu.
    pub fn is_udp_family(self) -> bool {
        matches!(self, Transport::Udp | Transport::Udpu)
    }
}

/// A value with the span of the `key: value` line that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    /// The value in effect.
    pub value: T,
    /// The line that set it (the last one, when set several times).
    pub span: Span,
}

/// One `ringN_addr` of a node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeAddr {
    /// The link number corosync reads from the key (`ring00_addr` is link 0;
    /// may be 8 or more, which corosync refuses).
    pub link: u32,
    /// The key as written, e.g. `ring0_addr`.
    pub key: String,
    /// The value as stored.
    pub value: Vec<u8>,
    /// The `key: value` line.
    pub span: Span,
    /// Literal address or hostname.
    pub kind: AddrKind,
}

impl NodeAddr {
    /// The value for humans.
    pub fn shown(&self) -> String {
        display_bytes(&self.value)
    }

    /// The literal address, if it is one.
    pub fn ip(&self) -> Option<std::net::IpAddr> {
        match self.kind {
            AddrKind::Literal(ip) => Some(ip),
            AddrKind::Hostname => None,
        }
    }
}

/// One node of the nodelist as corosync stores it (`nodelist.node.<index>.*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The position corosync gives it (`nodelist.node.<index>`).
    pub index: u32,
    /// `nodeid`, when set to a valid u32.
    pub nodeid: Option<Setting<u32>>,
    /// `name`.
    pub name: Option<Setting<Vec<u8>>>,
    /// `quorum_votes`, when set to a valid u32.
    pub quorum_votes: Option<Setting<u32>>,
    /// Every `ringN_addr`, ordered by link.
    pub addrs: Vec<NodeAddr>,
    /// The first line of the node stored in the cmap view.
    pub span: Span,
}

impl Node {
    /// The node id, if set.
    pub fn nodeid(&self) -> Option<u32> {
        self.nodeid.as_ref().map(|s| s.value)
    }

    /// The address on `link`.
    pub fn addr(&self, link: u32) -> Option<&NodeAddr> {
        self.addrs.iter().find(|a| a.link == link)
    }

    /// How to name this node in a message: its name, else its nodeid, else its
    /// first address, else its position.
    pub fn label(&self) -> String {
        if let Some(n) = &self.name {
            return format!("node `{}`", display_bytes(&n.value));
        }
        if let Some(id) = &self.nodeid {
            return format!("node with nodeid {}", id.value);
        }
        if let Some(a) = self.addrs.first() {
            return format!("node `{}`", a.shown());
        }
        format!("node #{}", self.index.saturating_add(1))
    }

    /// Like [`Node::label`] but never by nodeid (for messages about node ids):
    /// its name, else its first address, else its position.
    pub fn label_without_id(&self) -> String {
        match (&self.name, self.addrs.first()) {
            (None, Some(a)) => format!("node `{}`", a.shown()),
            (None, None) => format!("node #{}", self.index.saturating_add(1)),
            (Some(_), _) => self.label(),
        }
    }
}

/// The `totem.interface.<link>.*` keys of one link.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LinkSettings<'v> {
    /// The link number.
    pub number: u32,
    /// Key (after `totem.interface.<link>.`) to value and line.
    pub keys: BTreeMap<String, Setting<Value<'v>>>,
}

impl<'v> LinkSettings<'v> {
    /// The setting of `key` on this link.
    pub fn get(&self, key: &str) -> Option<&Setting<Value<'v>>> {
        self.keys.get(key)
    }
}

/// One `interface { }` block as written (the cmap view merges blocks of the same link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceBlock {
    /// The `interface {` line.
    pub open: Span,
    /// The `linknumber:` line in effect, if any (a value corosync refuses is ignored).
    pub linknumber: Option<Setting<u8>>,
    /// The link the block configures (0 without `linknumber`).
    pub link: u32,
    /// Every other `key: value` in the block: (key, line).
    pub keys: Vec<(Vec<u8>, Span)>,
    /// Whether the block contains at least one key corosync stores under the link.
    pub stores_link_keys: bool,
}

/// Keys of an `interface` block that corosync stores under `totem.interface.<link>.`.
pub const LINK_KEYS: &[&str] = &[
    "bindnetaddr",
    "mcastaddr",
    "broadcast",
    "knet_transport",
    "mcastport",
    "ttl",
    "knet_link_priority",
    "knet_ping_interval",
    "knet_ping_timeout",
    "knet_ping_precision",
    "knet_pong_count",
];

/// One `node { }` block as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBlock {
    /// The `node {` line.
    pub open: Span,
    /// The index corosync stores its keys under.
    pub index: u32,
    /// Number of `key: value` lines directly in the block.
    pub key_count: usize,
    /// Whether the block itself has a `ringN_addr` line.
    pub has_addr: bool,
}

/// The cluster network as corosync sees it.
#[derive(Debug, Clone)]
pub struct Network<'v> {
    /// `totem.transport` (knet when unset).
    pub transport: Transport,
    /// The `transport:` line, if written.
    pub transport_span: Option<Span>,
    /// `totem.ip_version`, or the transport's default.
    pub ip_version: IpVersion,
    /// Nodes ordered by index.
    pub nodes: Vec<Node>,
    /// `totem.interface.<link>.*` settings by link number.
    pub links: BTreeMap<u32, LinkSettings<'v>>,
    /// `interface` blocks under `totem`, in file order.
    pub interface_blocks: Vec<InterfaceBlock>,
    /// `node` blocks under `nodelist`, in file order.
    pub node_blocks: Vec<NodeBlock>,
    /// The `nodelist {` lines, in file order.
    pub nodelist_blocks: Vec<Span>,
    /// The top-level `totem {` lines, in file order.
    pub totem_blocks: Vec<Span>,
}

/// The link number corosync reads from a node key with `sscanf("ring%u%s")`
/// followed by a check that the rest is exactly `_addr`.
pub fn ring_key_link(key: &str) -> Option<u32> {
    let rest = key.strip_prefix("ring")?;
    let (negative, rest) = match rest.as_bytes().first() {
        Some(b'+') => (false, rest.get(1..)?),
        Some(b'-') => (true, rest.get(1..)?),
        _ => (false, rest),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || rest.get(digits..)? != "_addr" {
        return None;
    }
    // strtoul saturates on overflow, then scanf truncates to unsigned int.
    let n = rest.get(..digits)?.parse::<u64>().unwrap_or(u64::MAX);
    let n = if negative { n.wrapping_neg() } else { n };
    Some(u32::try_from(n).unwrap_or(u32::MAX))
}

impl<'v> Network<'v> {
    /// Builds the model from the cmap view (merged values) and the tree (blocks).
    pub fn new(cmap: &'v CmapView, tree: &SyntaxTree, src: &[u8]) -> Network<'v> {
        let transport_entry = cmap.get("totem.transport");
        let transport = Transport::from_value(transport_entry.map(|e| e.value.to_bytes()).as_deref());
        let ip_version = cmap
            .get("totem.ip_version")
            .and_then(|e| IpVersion::parse(&e.value.to_bytes()))
            .unwrap_or(if transport == Transport::Udp { IpVersion::V4 } else { IpVersion::V6Then4 });
        let mut net = Network {
            transport,
            transport_span: transport_entry.map(|e| e.span()),
            ip_version,
            nodes: nodes_from_cmap(cmap),
            links: links_from_cmap(cmap),
            interface_blocks: Vec::new(),
            node_blocks: Vec::new(),
            nodelist_blocks: Vec::new(),
            totem_blocks: Vec::new(),
        };
        net.scan_tree(&tree.nodes, src, &mut Vec::new(), 0, &mut 0);
        net
    }

    /// Where to point when something is missing from `totem`: its first
    /// `totem {` line, else the start of the file.
    pub fn totem_anchor(&self) -> Span {
        self.totem_blocks.first().copied().unwrap_or_default()
    }

    /// Links that have at least one node address (any number, even ≥ 8).
    pub fn address_links(&self) -> BTreeSet<u32> {
        // Links 0..64 in a bit set (every address is visited), others in the set.
        let mut low: u64 = 0;
        let mut out = BTreeSet::new();
        for a in self.nodes.iter().flat_map(|n| &n.addrs) {
            match 1u64.checked_shl(a.link) {
                Some(bit) => low |= bit,
                None => {
                    out.insert(a.link);
                }
            }
        }
        out.extend((0..64).filter(|l| low & (1u64 << l) != 0));
        out
    }

    /// Links corosync marks `configured`: those with a node address or with a
    /// `totem.interface.<link>.*` setting (for udp, only `bindnetaddr` counts).
    pub fn configured_links(&self) -> BTreeSet<u32> {
        let mut out = self.address_links();
        for (n, l) in &self.links {
            if self.transport != Transport::Udp || l.keys.contains_key("bindnetaddr") {
                out.insert(*n);
            }
        }
        out
    }

    /// The nodes with an address on `link`, with that address.
    pub fn members(&self, link: u32) -> impl Iterator<Item = (&Node, &NodeAddr)> {
        self.nodes.iter().filter_map(move |n| n.addr(link).map(|a| (n, a)))
    }

    /// Whether an address is accepted by `getaddrinfo` for the configured `ip_version`
    /// without DNS (a literal of an allowed family).
    pub fn literal(&self, a: &NodeAddr) -> Option<std::net::IpAddr> {
        a.ip().filter(|ip| self.ip_version.accepts(*ip))
    }

    /// The token timeout corosync uses: `token` (0 or unset = 3000) plus
    /// `(members on link 0 − 2) × token_coefficient` (unset = 650) when link 0
    /// has more than two members, in 32-bit arithmetic like corosync.
    pub fn effective_token(&self, cmap: &CmapView) -> u64 {
        let token = match cmap.get_int("totem.token") {
            Some(0) | None => 3000,
            Some(t) => u32::try_from(t).unwrap_or(u32::MAX),
        };
        let members = u32::try_from(self.members(0).count()).unwrap_or(u32::MAX);
        if members > 2 {
            let coef = cmap.get_int("totem.token_coefficient").map_or(650, |c| u32::try_from(c).unwrap_or(u32::MAX));
            // corosync adds in uint32_t, so a huge coefficient wraps around.
            u64::from(token.wrapping_add((members - 2).wrapping_mul(coef)))
        } else {
            u64::from(token)
        }
    }

    /// Walks the sections of the tree, keeping the dotted path of the current
    /// section in `path` (one buffer, no allocation per section).
    fn scan_tree(&mut self, nodes: &[TreeNode], src: &[u8], path: &mut Vec<u8>, depth: usize, node_number: &mut u32) {
        for node in nodes {
            let TreeNode::Section(section) = node else {
                continue;
            };
            let parent_len = path.len();
            if depth > 0 {
                path.push(b'.');
            }
            path.extend_from_slice(src.get(section.name().range()).unwrap_or_default());
            match path.as_slice() {
                b"nodelist" => {
                    *node_number = 0;
                    self.nodelist_blocks.push(open_span(section));
                }
                b"totem" => self.totem_blocks.push(open_span(section)),
                b"totem.interface" => self.interface_blocks.push(interface_block(section, src)),
                _ => {}
            }
            self.scan_tree(&section.children, src, path, depth + 1, node_number);
            // coroparse counts nodes when a section in the node state closes,
            // nested sections included (3.1.7).
            if path.starts_with(b"nodelist.node") && (path.len() == 13 || path.get(13) == Some(&b'.')) {
                if path.len() == 13 {
                    self.node_blocks.push(node_block(section, src, *node_number));
                }
                if section.close.is_some() {
                    *node_number = node_number.saturating_add(1);
                }
            }
            path.truncate(parent_len);
        }
    }
}

/// The `name {` part of a section's opening line (without indentation).
fn open_span(section: &Section) -> Span {
    match section.open.kind {
        LineKind::Open { name, brace } => Span { start: name.start, end: brace.saturating_add(1) },
        _ => section.open.text,
    }
}

fn pairs<'a>(section: &'a Section, src: &'a [u8]) -> impl Iterator<Item = (&'a [u8], &'a [u8], Span)> + 'a {
    section.children.iter().filter_map(move |c| match c {
        TreeNode::Pair(line) => match line.kind {
            LineKind::Pair { key, value, .. } => Some((
                src.get(key.range()).unwrap_or_default(),
                src.get(value.range()).unwrap_or_default(),
                Span { start: key.start, end: value.end.max(key.end) },
            )),
            _ => None,
        },
        _ => None,
    })
}

fn interface_block(section: &Section, src: &[u8]) -> InterfaceBlock {
    let mut block = InterfaceBlock {
        open: open_span(section),
        linknumber: None,
        link: 0,
        keys: Vec::new(),
        stores_link_keys: false,
    };
    for (key, value, span) in pairs(section, src) {
        if key == b"linknumber" {
            if let Some(Value::U8(n)) = crate::cmap::parse_int(value, crate::cmap::IntType::U8) {
                block.linknumber = Some(Setting { value: n, span });
                block.link = u32::from(n);
            }
        } else {
            if LINK_KEYS.iter().any(|k| k.as_bytes() == key) {
                block.stores_link_keys = true;
            }
            block.keys.push((key.to_vec(), span));
        }
    }
    if section
        .children
        .iter()
        .any(|c| matches!(c, TreeNode::Section(s) if src.get(s.name().range()) == Some(&b"member"[..])))
    {
        block.stores_link_keys = true;
    }
    block
}

fn node_block(section: &Section, src: &[u8], index: u32) -> NodeBlock {
    let mut block = NodeBlock { open: open_span(section), index, key_count: 0, has_addr: false };
    for (key, _, _) in pairs(section, src) {
        block.key_count += 1;
        if !block.has_addr
            && key.starts_with(b"ring")
            && std::str::from_utf8(key).ok().and_then(ring_key_link).is_some()
        {
            block.has_addr = true;
        }
    }
    block
}

/// `s.split_once('.')` by a byte scan (the parts before the dot are short
/// numbers, where the generic searcher costs more than the scan).
pub(crate) fn split_at_dot(s: &str) -> Option<(&str, &str)> {
    let dot = s.bytes().position(|b| b == b'.')?;
    Some((s.get(..dot)?, s.get(dot + 1..)?))
}

fn nodes_from_cmap(cmap: &CmapView) -> Vec<Node> {
    // The view is ordered by key text, so the keys of one node are adjacent:
    // look the node up only when the index changes.
    let mut nodes: Vec<Node> = Vec::new();
    let mut position: FastMap<u32, usize> = FastMap::default();
    for (key, entry) in cmap.prefixed("nodelist.node.") {
        let rest = &key["nodelist.node.".len()..];
        let Some((idx, sub)) = split_at_dot(rest) else {
            continue;
        };
        let Ok(index) = idx.parse::<u32>() else {
            continue;
        };
        let span = entry.span();
        let at = match nodes.last() {
            Some(last) if last.index == index => nodes.len() - 1,
            _ => *position.entry(index).or_insert_with(|| {
                nodes.push(Node { index, nodeid: None, name: None, quorum_votes: None, addrs: Vec::new(), span });
                nodes.len() - 1
            }),
        };
        let Some(node) = nodes.get_mut(at) else {
            continue;
        };
        node.span = node.span.min(span);
        let int = || match entry.value {
            Value::Str(_) => None,
            ref v => v.as_u64().and_then(|n| u32::try_from(n).ok()),
        };
        match sub {
            "nodeid" => node.nodeid = int().map(|value| Setting { value, span }),
            "quorum_votes" => node.quorum_votes = int().map(|value| Setting { value, span }),
            "name" => node.name = Some(Setting { value: entry.value.to_bytes(), span }),
            _ => {
                if let Some(link) = ring_key_link(sub) {
                    if node.addrs.is_empty() {
                        node.addrs.reserve(MAX_LINKS as usize); // one allocation for the usual ≤ 8 links
                    }
                    let value = entry.value.to_bytes();
                    node.addrs.push(NodeAddr { link, key: sub.to_string(), kind: addr::classify(&value), value, span });
                }
            }
        }
    }
    nodes.sort_unstable_by_key(|n| n.index);
    for n in &mut nodes {
        if !n.addrs.is_sorted_by_key(|a| (a.link, a.span)) {
            n.addrs.sort_by_key(|a| (a.link, a.span));
        }
    }
    nodes
}

fn links_from_cmap(cmap: &CmapView) -> BTreeMap<u32, LinkSettings<'_>> {
    let mut links: BTreeMap<u32, LinkSettings<'_>> = BTreeMap::new();
    for (key, entry) in cmap.prefixed("totem.interface.") {
        let rest = &key["totem.interface.".len()..];
        let Some((num, sub)) = rest.split_once('.') else {
            continue;
        };
        let Ok(number) = num.parse::<u32>() else {
            continue;
        };
        let link = links.entry(number).or_insert_with(|| LinkSettings { number, keys: BTreeMap::new() });
        link.keys.insert(sub.to_string(), Setting { value: entry.value, span: entry.span() });
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::Analysis;
    use crate::source::SourceFile;

    fn net(src: &str) -> Network<'static> {
        // The model borrows the analysis; a test may keep it for its whole run.
        let a: &'static Analysis = Box::leak(Box::new(Analysis::new(SourceFile::new("t", src.as_bytes().to_vec()))));
        Network::new(&a.cmap, &a.parsed.tree, &a.source.bytes)
    }

    #[test]
    fn split_at_dot_is_split_once() {
        for s in ["", ".", "1.", ".x", "12.ring0_addr", "3.a.b", "abc", "é.x", "x.é"] {
            assert_eq!(split_at_dot(s), s.split_once('.'), "{s}");
        }
    }

    #[test]
    fn ring_keys_follow_sscanf() {
        assert_eq!(ring_key_link("ring0_addr"), Some(0));
        assert_eq!(ring_key_link("ring00_addr"), Some(0));
        assert_eq!(ring_key_link("ring7_addr"), Some(7));
        assert_eq!(ring_key_link("ring8_addr"), Some(8));
        assert_eq!(ring_key_link("ring-1_addr"), Some(u32::MAX));
        assert_eq!(ring_key_link("ring_addr"), None);
        assert_eq!(ring_key_link("ring0_addrx"), None);
        assert_eq!(ring_key_link("link0_addr"), None);
    }

    #[test]
    fn nodes_links_and_transport() {
        let n = net("totem {\n transport: udpu\n interface {\n  linknumber: 1\n  knet_link_priority: 5\n }\n}\n\
             nodelist {\n node {\n  name: a\n  nodeid: 1\n  ring0_addr: 10.0.0.1\n  ring1_addr: fd00::1\n  quorum_votes: 2\n }\n node {\n  ring0_addr: b.example\n }\n}\n");
        assert_eq!(n.transport, Transport::Udpu);
        assert_eq!(n.ip_version, IpVersion::V6Then4);
        assert_eq!(n.nodes.len(), 2);
        let a = &n.nodes[0];
        assert_eq!(a.nodeid(), Some(1));
        assert_eq!(a.quorum_votes.as_ref().map(|s| s.value), Some(2));
        assert_eq!(a.name.as_ref().map(|s| s.value.as_slice()), Some(&b"a"[..]));
        assert_eq!(a.addrs.iter().map(|x| x.link).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(n.nodes[1].addrs[0].kind, AddrKind::Hostname);
        assert_eq!(n.nodes[1].label(), "node `b.example`");
        assert_eq!(n.links.get(&1).and_then(|l| l.get("knet_link_priority")).map(|s| &s.value), Some(&Value::U8(5)));
        assert_eq!(n.configured_links().into_iter().collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(n.members(1).count(), 1);
    }

    #[test]
    fn blocks_are_kept_separately() {
        let n = net("totem {\n interface {\n  linknumber: 1\n }\n interface {\n  mcastport: 5405\n }\n}\n\
             nodelist {\n node {\n }\n node {\n  ring0_addr: 10.0.0.1\n }\n}\n");
        assert_eq!(n.interface_blocks.len(), 2);
        assert_eq!(n.interface_blocks[0].link, 1);
        assert!(!n.interface_blocks[0].stores_link_keys);
        assert_eq!(n.interface_blocks[1].link, 0);
        assert!(n.interface_blocks[1].stores_link_keys);
        assert_eq!(
            n.node_blocks.iter().map(|b| (b.index, b.has_addr)).collect::<Vec<_>>(),
            vec![(0, false), (1, true)]
        );
        assert_eq!(n.nodes.len(), 1);
        assert_eq!(n.nodes[0].index, 1);
    }

    #[test]
    fn effective_token_adds_the_coefficient() {
        let three = "nodelist {\n node {\n  ring0_addr: 10.0.0.1\n }\n node {\n  ring0_addr: 10.0.0.2\n }\n node {\n  ring0_addr: 10.0.0.3\n }\n}\n";
        let a = Analysis::new(SourceFile::new("t", three.as_bytes().to_vec()));
        let n = Network::new(&a.cmap, &a.parsed.tree, &a.source.bytes);
        assert_eq!(n.effective_token(&a.cmap), 3650);
        let src = format!("totem {{\n token: 1000\n token_coefficient: 0\n}}\n{three}");
        let a = Analysis::new(SourceFile::new("t", src.into_bytes()));
        let n = Network::new(&a.cmap, &a.parsed.tree, &a.source.bytes);
        assert_eq!(n.effective_token(&a.cmap), 1000);
    }
}
