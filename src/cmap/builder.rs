//! coroparse emulation: walks the syntax tree the way corosync 3.1.7's
//! `main_config_parser_cb` does and records every store, with the parse-time
//! type, enum and key-name errors it raises.
//!
//! Keys are written straight into one buffer and values into another, so a
//! store costs no allocation of its own.

use std::sync::Arc;

use super::node_order::{NodeStore, name_head};
use super::storage::{KeyRange, RawValue};
use super::view::{CmapView, NODE_KEY_PREFIX, Store, push_decimal};
use super::{IntType, KEYNAME_MAXLEN, KEYNAME_MINLEN, PARSER_ENUMS, Value, parse_int, parse_u64};
use crate::source::{Span, display_bytes};
use crate::syntax::{ErrorKind, LineKind, Node, Section, SyntaxError, SyntaxTree};

/// Builds the cmap view of a parsed file (the view keeps a copy of `src`).
pub fn build(tree: &SyntaxTree, src: &[u8]) -> CmapView {
    build_shared(tree, Arc::from(src))
}

/// Builds the cmap view of a parsed file whose bytes are already shared
/// (as [`SourceFile`](crate::source::SourceFile) holds them): no copy.
pub fn build_shared(tree: &SyntaxTree, shared: Arc<[u8]>) -> CmapView {
    let b = walk(tree, &shared);
    let (keys, stores, node_stores, errors) = (b.keys, b.stores, b.node_stores, b.errors);
    CmapView::from_stores(keys, shared, stores, node_stores, errors)
}

/// Walks the tree as coroparse does and records every store.
fn walk<'a>(tree: &'a SyntaxTree, src: &'a [u8]) -> Builder<'a> {
    let mut b = Builder {
        src,
        keys: Vec::with_capacity(src.len() + src.len() / 4),
        stores: Vec::with_capacity(64),
        errors: Vec::new(),
        path: Vec::with_capacity(64),
        path_valid: true,
        node_stores: Vec::with_capacity(src.len() / 24 + 8),
        node_digits: (0, 1),
        valid_names: ValidNames::default(),
        data: Data::default(),
    };
    b.section_body(State::Normal, &tree.nodes);
    b
}

/// Every store in file order as (key, value, span), for tests: the view must
/// hold exactly what folding these into a map gives.
#[cfg(test)]
pub(super) fn stores_in_file_order(tree: &SyntaxTree, src: &[u8]) -> Vec<(Vec<u8>, RawValue, Span)> {
    let b = walk(tree, src);
    let other =
        |s: &Store| (b.keys.get(s.key.start as usize..s.key.end as usize).unwrap_or(&[]).to_vec(), s.value, s.span);
    let mut out = Vec::new();
    let mut others = b.stores.iter();
    let mut taken = 0;
    for n in &b.node_stores {
        while taken < n.others_before as usize {
            out.extend(others.next().map(other));
            taken += 1;
        }
        let name = src.get(n.name.start as usize..n.name.end as usize).unwrap_or(&[]);
        out.push((node_key(n.node, name), n.value, n.span));
    }
    out.extend(others.map(other));
    out
}

/// coroparse's per-section state (`enum main_cp_cb_data_state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    Totem,
    Interface,
    Member,
    System,
    LoggerSubsys,
    LoggingDaemon,
    Uidgid,
    Quorum,
    Qdevice,
    Nodelist,
    NodelistNode,
    Resources,
    ResourcesSystem,
    ResourcesProcess,
}

/// A value kept until its block ends: (value span, entry span).
type Held = (Span, Span);

/// coroparse's `struct main_cp_cb_data`: shared by every section.
#[derive(Default)]
struct Data {
    linknumber: u8,
    bindnetaddr: Option<Held>,
    mcastaddr: Option<Held>,
    broadcast: Option<Held>,
    knet_transport: Option<Held>,
    mcastport: Option<(u16, Span)>,
    ttl: Option<(u8, Span)>,
    knet_link_priority: Option<(u8, Span)>,
    u32_params: [Option<(u32, Span)>; 4],
    members: Vec<Held>,
    subsys: Option<Held>,
    daemon_name: Option<Held>,
    /// (key span, value span, entry span) in file order; corosync walks its list newest first.
    items: Vec<(Span, Span, Span)>,
    node_number: u32,
    /// A nested block inside `logger_subsys` consumed (freed) the subsys name.
    subsys_freed: bool,
}

const KNET_U32_PARAMS: [&str; 4] =
    ["knet_ping_interval", "knet_ping_timeout", "knet_ping_precision", "knet_pong_count"];

const TOTEM_U32: &[&str] = &[
    "version",
    "nodeid",
    "threads",
    "token",
    "token_coefficient",
    "token_retransmit",
    "token_warning",
    "hold",
    "token_retransmits_before_loss_const",
    "join",
    "send_join",
    "consensus",
    "merge",
    "downcheck",
    "fail_recv_const",
    "seqno_unchanged_const",
    "rrp_token_expired_timeout",
    "rrp_problem_count_timeout",
    "rrp_problem_count_threshold",
    "rrp_problem_count_mcast_threshold",
    "rrp_autorecovery_check_timeout",
    "heartbeat_failures_allowed",
    "max_network_delay",
    "window_size",
    "max_messages",
    "miss_count_const",
    "knet_pmtud_interval",
    "knet_mtu",
    "knet_compression_threshold",
    "netmtu",
];

/// What happens to a `key: value` line once its full cmap name is known.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Stored as a string.
    Str,
    /// Range-checked integer.
    Int(IntType),
    /// `strtoull` integer (corosync 3.1.7 aborts on a bad one).
    U64,
    /// Checked against one of [`PARSER_ENUMS`], then stored as a string.
    Enum(usize),
    /// An interface key kept until the block ends.
    Interface(InterfaceKey),
}

#[derive(Debug, Clone, Copy)]
enum InterfaceKey {
    Linknumber,
    Bindnetaddr,
    Mcastaddr,
    Broadcast,
    KnetTransport,
    Mcastport,
    Ttl,
    KnetLinkPriority,
    KnetU32(usize),
}

/// The plan for a key whose full cmap name is `full`, in `state`.
fn plan_for(state: State, full: &[u8], key: &[u8]) -> Plan {
    let enum_plan = || PARSER_ENUMS.iter().position(|(k, _, _)| k.as_bytes() == full).map_or(Plan::Str, Plan::Enum);
    match state {
        State::Quorum => match full.strip_prefix(b"quorum.").unwrap_or(b"") {
            b"expected_votes" | b"votes" | b"last_man_standing_window" | b"leaving_timeout" => Plan::Int(IntType::U32),
            b"two_node"
            | b"expected_votes_tracking"
            | b"allow_downscale"
            | b"wait_for_all"
            | b"auto_tie_breaker"
            | b"last_man_standing" => Plan::Int(IntType::U8),
            _ => Plan::Str,
        },
        State::Qdevice => match full.strip_prefix(b"quorum.device.").unwrap_or(b"") {
            b"timeout" | b"sync_timeout" | b"votes" => Plan::Int(IntType::U32),
            b"master_wins" => Plan::Int(IntType::U8),
            _ => Plan::Str,
        },
        State::Totem => {
            let k = full.strip_prefix(b"totem.").unwrap_or(b"");
            if TOTEM_U32.iter().any(|n| n.as_bytes() == k) {
                Plan::Int(IntType::U32)
            } else if k == b"knet_compression_level" {
                Plan::Int(IntType::I32)
            } else if k == b"config_version" {
                Plan::U64
            } else {
                enum_plan()
            }
        }
        State::System => enum_plan(),
        State::Interface => Plan::Interface(match full.strip_prefix(b"totem.interface.").unwrap_or(b"") {
            b"linknumber" => InterfaceKey::Linknumber,
            b"bindnetaddr" => InterfaceKey::Bindnetaddr,
            b"mcastaddr" => InterfaceKey::Mcastaddr,
            b"broadcast" => InterfaceKey::Broadcast,
            b"knet_transport" => InterfaceKey::KnetTransport,
            b"mcastport" => InterfaceKey::Mcastport,
            b"ttl" => InterfaceKey::Ttl,
            b"knet_link_priority" => InterfaceKey::KnetLinkPriority,
            k => match KNET_U32_PARAMS.iter().position(|n| n.as_bytes() == k) {
                Some(i) => InterfaceKey::KnetU32(i),
                None => return Plan::Str,
            },
        }),
        // In the resources sections corosync types a key by its own name, whatever the section path.
        State::Resources if key == b"watchdog_timeout" => Plan::Int(IntType::U32),
        State::ResourcesSystem | State::ResourcesProcess if key == b"poll_period" => Plan::U64,
        _ => Plan::Str,
    }
}

/// Whether a byte may appear in a cmap key name (`icmap_check_key_name`).
const KEY_CHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/' | b':');
        c += 1;
    }
    table
};

/// Whether corosync can store a key with this name (`icmap_check_key_name`).
pub fn is_valid_key_name(name: &[u8]) -> bool {
    (KEYNAME_MINLEN..=KEYNAME_MAXLEN).contains(&name.len()) && name.iter().all(|&c| KEY_CHAR[usize::from(c)])
}

/// Key names already found valid, by the bytes of their first 16 (names
/// repeat from node to node: `name`, `nodeid`, `ring0_addr`, …). A name of up
/// to 16 bytes read as two little-endian words and its length.
#[derive(Default)]
struct ValidNames {
    seen: [(u64, u64, usize); 32],
}

impl ValidNames {
    /// If every byte of the key name at `span` of `src` may appear in a key
    /// name, the name's [head](super::node_order::name_head).
    #[inline(always)]
    fn head(&mut self, src: &[u8], span: Span) -> Option<u64> {
        let name = src.get(span.range())?;
        let n = name.len();
        let block = src.get(span.start_usize()..span.start_usize() + 16).and_then(<[u8]>::first_chunk::<16>);
        let Some(block) = block.filter(|_| (1..=16).contains(&n)) else {
            return name.iter().all(|&c| KEY_CHAR[usize::from(c)]).then(|| name_head(name));
        };
        let (first, second) = block.split_at(8);
        let keep = |bytes: usize| if bytes >= 8 { u64::MAX } else { (1u64 << (8 * bytes)) - 1 };
        let first = u64::from_le_bytes(first.try_into().unwrap_or([0; 8])) & keep(n);
        let second = u64::from_le_bytes(second.try_into().unwrap_or([0; 8])) & keep(n.saturating_sub(8));
        // The first eight bytes, big-endian, with the bytes past the name zeroed.
        let head = first.swap_bytes();
        // Names that differ in one byte (`ring0_addr`, `ring1_addr`) must land apart.
        let slot = ((first ^ (first >> 29) ^ second).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 59) as usize;
        let seen = self.seen.get_mut(slot)?;
        if *seen == (first, second, n) {
            return Some(head);
        }
        if !name.iter().all(|&c| KEY_CHAR[usize::from(c)]) {
            return None;
        }
        *seen = (first, second, n);
        Some(head)
    }
}

/// The number of decimal digits of `n`.
fn decimal_len(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// `nodelist.node.<number>.<key>` (for error messages).
fn node_key(number: u32, key: &[u8]) -> Vec<u8> {
    let mut out = NODE_KEY_PREFIX.to_vec();
    push_decimal(&mut out, u64::from(number));
    out.push(b'.');
    out.extend_from_slice(key);
    out
}

fn raw_number(v: Value<'_>) -> RawValue {
    match v {
        Value::U8(n) => RawValue::U8(n),
        Value::U16(n) => RawValue::U16(n),
        Value::U32(n) => RawValue::U32(n),
        Value::U64(n) => RawValue::U64(n),
        Value::I32(n) => RawValue::I32(n),
        Value::Str(_) => RawValue::Str { start: 0, end: 0 },
    }
}

struct Builder<'a> {
    src: &'a [u8],
    /// Key names of the stores (and, transiently, the key being built).
    keys: Vec<u8>,
    /// Every successful store, in file order.
    stores: Vec<Store>,
    errors: Vec<SyntaxError>,
    /// The dotted path of the enclosing sections.
    path: Vec<u8>,
    /// Whether every byte of `path` may appear in a key name.
    path_valid: bool,
    /// Every store under `nodelist.node.<N>.`, in file order, with its name apart.
    node_stores: Vec<NodeStore>,
    /// A node number and the number of its decimal digits.
    node_digits: (u32, usize),
    valid_names: ValidNames,
    data: Data,
}

impl<'a> Builder<'a> {
    fn text(&self, span: Span) -> &'a [u8] {
        let src: &'a [u8] = self.src;
        src.get(span.range()).unwrap_or(&[])
    }

    fn error(&mut self, e: SyntaxError) {
        self.errors.push(e);
    }

    /// Starts a key in the key buffer from `parts`; returns where it starts.
    fn key_from(&mut self, parts: &[&[u8]]) -> usize {
        let start = self.keys.len();
        for part in parts {
            self.keys.extend_from_slice(part);
        }
        start
    }

    /// `icmap_set_*`: checks the key started at `key_start` and stores `value`.
    fn store(&mut self, key_start: usize, value: RawValue, span: Span, error_span: Span) {
        self.store_checked(key_start, 0, value, span, error_span);
    }

    /// [`Self::store`] for a key whose first `known_valid` bytes are known to
    /// be valid key characters (a section path checked once for all its keys).
    fn store_checked(&mut self, key_start: usize, known_valid: usize, value: RawValue, span: Span, error_span: Span) {
        let key = self.keys.get(key_start..).unwrap_or(&[]);
        let valid = (KEYNAME_MINLEN..=KEYNAME_MAXLEN).contains(&key.len())
            && key.get(known_valid..).unwrap_or(&[]).iter().all(|&c| KEY_CHAR[usize::from(c)]);
        if !valid {
            let e = invalid_key_error(key, error_span);
            self.keys.truncate(key_start);
            self.error(e);
            return;
        }
        let key = KeyRange { start: offset(key_start), end: offset(self.keys.len()) };
        self.stores.push(Store { key, value, span });
    }

    /// Stores the source bytes at `value` as a string.
    fn store_str(&mut self, key_start: usize, value: Span, span: Span, error_span: Span) {
        self.store_str_checked(key_start, 0, value, span, error_span);
    }

    /// Every string value is text of the file: the view shares the file's
    /// bytes and stores the value's range in them.
    fn store_str_checked(&mut self, key_start: usize, known_valid: usize, value: Span, span: Span, error_span: Span) {
        let raw = RawValue::Str { start: value.start, end: value.end.max(value.start) };
        self.store_checked(key_start, known_valid, raw, span, error_span);
    }

    fn int_error(&mut self, key_name: &[u8], value: &[u8], ty: IntType, span: Span) {
        let (min, max) = ty.range();
        let v = display_bytes(value);
        let mut help = format!("corosync reads `{v}` as base-10 integer text and refuses anything else");
        if let Some(hash) = value.iter().position(|&b| b == b'#') {
            let before = display_bytes(value[..hash].trim_ascii_end());
            help = format!(
                "corosync reads the whole text `{v}` as the value; comments must be on their own line (`{before}` alone would be accepted)"
            );
        } else if value.first() == Some(&b'"') || value.first() == Some(&b'\'') {
            help = "corosync keeps quotes as part of the value; write the number without quotes".into();
        } else if value.starts_with(b"0x") || value.starts_with(b"0X") {
            help = "corosync parses integers in base 10 only; write the number in decimal".into();
        } else if matches!(value, b"yes" | b"no" | b"on" | b"off" | b"true" | b"false") {
            help = "this key is an integer: write 1 for on and 0 for off".into();
        } else if value.is_empty() {
            help = "an integer key needs a value; remove the line to use the default".into();
        }
        self.error(
            SyntaxError::new(
                ErrorKind::InvalidInteger,
                span,
                format!(
                    "Value of key \"{}\" is expected to be integer in range ({min}..{max}), but \"{v}\" was given",
                    display_bytes(key_name)
                ),
                format!("not an integer in {min}..{max}"),
            )
            .with_help(help),
        );
    }

    fn u64_error(&mut self, key: &[u8], value: &[u8], span: Span) {
        self.error(
            SyntaxError::new(
                ErrorKind::InvalidUnsignedInteger,
                span,
                format!(
                    "Value of key \"{}\" is expected to be unsigned integer, but \"{}\" was given",
                    display_bytes(key),
                    display_bytes(value)
                ),
                "not an unsigned integer",
            )
            .with_help("corosync 3.1.7 aborts (assertion failure, SIGABRT) on this value; 3.1.10+ refuses it: write a decimal number"),
        );
    }

    fn enum_error(&mut self, index: usize, value: &[u8], span: Span) {
        let Some((key, allowed, message)) = PARSER_ENUMS.get(index) else { return };
        let v = display_bytes(value);
        let mut help = format!("allowed values (case-sensitive): {}", allowed.join(", "));
        if *key == "totem.knet_compression_model" && value == b"none" {
            help.push_str("; to disable compression, remove the key (`none` is the default but the parser refuses it)");
        }
        if value.contains(&b'#') {
            help.push_str("; corosync reads the whole text as the value: comments must be on their own line");
        }
        self.error(
            SyntaxError::new(ErrorKind::InvalidEnumValue, span, *message, format!("`{v}` is not accepted"))
                .with_help(help),
        );
    }

    /// Parses `value` as `ty`; reports corosync's error against `key_start`'s name when it fails.
    fn checked_int(&mut self, key_start: usize, value: &[u8], ty: IntType, value_span: Span) -> Option<Value<'static>> {
        let v = parse_int(value, ty);
        if v.is_none() {
            let name = self.keys.get(key_start..).unwrap_or(&[]).to_vec();
            self.int_error(&name, value, ty, value_span);
        }
        v
    }

    fn section_body(&mut self, state: State, nodes: &'a [Node]) {
        if state == State::NodelistNode {
            return self.node_body(nodes);
        }
        for node in nodes {
            match node {
                Node::Pair(line) => {
                    if let LineKind::Pair { key, value, .. } = line.kind {
                        let entry_span =
                            Span { start: key.start.min(line.text.start.max(key.start)), end: value.end.max(key.end) };
                        self.item(state, key, value, entry_span);
                    }
                }
                Node::Section(section) => self.section(state, section),
                Node::Trivia(_) | Node::Error(_) => {}
            }
        }
    }

    /// The body of a `nodelist.node` section: most of a large file, so it has
    /// a loop of its own (the same steps as [`Self::section_body`] and
    /// [`Self::item`] take in this state).
    fn node_body(&mut self, nodes: &'a [Node]) {
        for node in nodes {
            match node {
                Node::Pair(line) => {
                    if let LineKind::Pair { key, value, .. } = line.kind {
                        let entry_span = Span { start: key.start, end: value.end.max(key.end) };
                        if self.key_fits_path(key) {
                            self.node_item(key, value, entry_span);
                        }
                    }
                }
                Node::Section(section) => self.section(State::NodelistNode, section),
                Node::Trivia(_) | Node::Error(_) => {}
            }
        }
    }

    /// corosync's check that the section path plus the key stays under
    /// 255 bytes; reports it when not.
    #[inline(always)]
    fn key_fits_path(&mut self, key_span: Span) -> bool {
        if self.path.len() + key_span.len() + 1 < KEYNAME_MAXLEN {
            return true;
        }
        self.error(
            SyntaxError::new(
                ErrorKind::PathTooLong,
                key_span,
                "New key makes total cmap path too long",
                "path too long",
            )
            .with_help("the dotted path of sections plus the key must stay under 255 bytes"),
        );
        false
    }

    fn item(&mut self, state: State, key_span: Span, value_span: Span, span: Span) {
        let key = self.text(key_span);
        let value = self.text(value_span);
        if !self.key_fits_path(key_span) {
            return;
        }
        match state {
            State::NodelistNode => {
                return self.node_item(key_span, value_span, span);
            }
            State::LoggerSubsys | State::LoggingDaemon => {
                if key == b"subsys" {
                    self.data.subsys = Some((value_span, span));
                } else if key == b"name" && state == State::LoggingDaemon {
                    self.data.daemon_name = Some((value_span, span));
                } else {
                    self.data.items.push((key_span, value_span, span));
                }
                return;
            }
            State::Uidgid => return self.uidgid_item(key, value, key_span, span),
            State::Member => {
                if key == b"memberaddr" {
                    self.data.members.push((value_span, span));
                } else {
                    self.error(
                        SyntaxError::new(
                            ErrorKind::MemberInvalidKey,
                            key_span,
                            "Only memberaddr is allowed in member section",
                            "not memberaddr",
                        )
                        .with_help("member sections are a corosync 1/2 udpu leftover; use a nodelist instead"),
                    );
                }
                return;
            }
            _ => {}
        }
        let key_start = self.keys.len();
        self.keys.extend_from_slice(&self.path);
        if !self.path.is_empty() {
            self.keys.push(b'.');
        }
        self.keys.extend_from_slice(key);
        let known_valid = if self.path_valid { self.keys.len() - key_start - key.len() } else { 0 };
        let plan = plan_for(state, self.keys.get(key_start..).unwrap_or(&[]), key);
        let raw = match plan {
            Plan::Str => return self.store_str_checked(key_start, known_valid, value_span, span, key_span),
            Plan::Int(ty) => self.checked_int(key_start, value, ty, value_span).map(raw_number),
            Plan::U64 => {
                let v = parse_u64(value);
                if v.is_none() {
                    let name = self.keys.get(key_start..).unwrap_or(&[]).to_vec();
                    self.u64_error(&name, value, value_span);
                }
                v.map(RawValue::U64)
            }
            Plan::Enum(index) => {
                let allowed = PARSER_ENUMS.get(index).is_none_or(|(_, ok, _)| ok.iter().any(|a| a.as_bytes() == value));
                if allowed {
                    return self.store_str_checked(key_start, known_valid, value_span, span, key_span);
                }
                self.enum_error(index, value, value_span);
                None
            }
            Plan::Interface(which) => {
                self.interface_item(which, key_start, value, value_span, span);
                None
            }
        };
        match raw {
            Some(raw) => self.store_checked(key_start, known_valid, raw, span, key_span),
            None => self.keys.truncate(key_start),
        }
    }

    /// A key of `totem.interface`, kept until the block ends (the key buffer is
    /// used only for error messages and then released).
    fn interface_item(&mut self, which: InterfaceKey, key_start: usize, value: &[u8], value_span: Span, span: Span) {
        let held = Some((value_span, span));
        let d = &mut self.data;
        match which {
            InterfaceKey::Bindnetaddr => d.bindnetaddr = held,
            InterfaceKey::Mcastaddr => d.mcastaddr = held,
            InterfaceKey::Broadcast => d.broadcast = held,
            InterfaceKey::KnetTransport => d.knet_transport = held,
            InterfaceKey::Linknumber => {
                if let Some(Value::U8(n)) = self.checked_int(key_start, value, IntType::U8, value_span) {
                    self.data.linknumber = n;
                }
            }
            InterfaceKey::Mcastport => {
                if let Some(Value::U16(n)) = self.checked_int(key_start, value, IntType::U16, value_span) {
                    self.data.mcastport = Some((n, span));
                }
            }
            InterfaceKey::Ttl => {
                if let Some(Value::U8(n)) = self.checked_int(key_start, value, IntType::U8, value_span) {
                    self.data.ttl = Some((n, span));
                }
            }
            InterfaceKey::KnetLinkPriority => {
                if let Some(Value::U8(n)) = self.checked_int(key_start, value, IntType::U8, value_span) {
                    self.data.knet_link_priority = Some((n, span));
                }
            }
            InterfaceKey::KnetU32(i) => {
                if let Some(Value::U32(n)) = self.checked_int(key_start, value, IntType::U32, value_span)
                    && let Some(slot) = self.data.u32_params.get_mut(i)
                {
                    *slot = Some((n, span));
                }
            }
        }
    }

    fn uidgid_item(&mut self, key: &[u8], value: &[u8], key_span: Span, span: Span) {
        if key == b"uid" || key == b"gid" {
            let k = self.key_from(&[b"uidgid.config.", key, b".", value]);
            self.store(k, RawValue::U8(1), span, key_span);
        } else {
            self.error(
                SyntaxError::new(
                    ErrorKind::UidgidInvalidKey,
                    key_span,
                    "uidgid: Only uid and gid are allowed items",
                    "not uid or gid",
                )
                .with_help("a uidgid section may only contain `uid:` and `gid:` entries"),
            );
        }
    }

    /// An item inside `nodelist.node`: stored as `nodelist.node.<index>.<key>`.
    /// Its key is written when the view is built (in key order, see
    /// [`node_order`](super::node_order)); here it is only checked.
    #[inline(always)]
    fn node_item(&mut self, key_span: Span, value_span: Span, span: Span) {
        let key = self.text(key_span);
        let number = self.data.node_number;
        let raw = if key == b"nodeid" || key == b"quorum_votes" {
            let value = self.text(value_span);
            match parse_int(value, IntType::U32) {
                Some(v) => raw_number(v),
                None => {
                    let name = node_key(number, key);
                    return self.int_error(&name, value, IntType::U32, value_span);
                }
            }
        } else {
            RawValue::Str { start: value_span.start, end: value_span.end.max(value_span.start) }
        };
        // `nodelist.node.` and the digits are valid key characters: only the
        // length and the name's own bytes can make the key invalid.
        if self.node_digits.0 != number {
            self.node_digits = (number, decimal_len(number));
        }
        let len = NODE_KEY_PREFIX.len() + self.node_digits.1 + 1 + key.len();
        let head = match self.valid_names.head(self.src, key_span) {
            Some(head) if (KEYNAME_MINLEN..=KEYNAME_MAXLEN).contains(&len) => head,
            _ => {
                let e = invalid_key_error(&node_key(number, key), key_span);
                return self.error(e);
            }
        };
        self.node_stores.push(NodeStore {
            node: number,
            name: KeyRange { start: key_span.start, end: key_span.end.max(key_span.start) },
            head,
            others_before: offset(self.stores.len()),
            value: raw,
            span,
        });
    }

    fn section(&mut self, state: State, section: &'a Section) {
        let name_span = section.name();
        let name = self.text(name_span);
        if self.path.len() + name.len() + 1 >= KEYNAME_MAXLEN {
            self.error(
                SyntaxError::new(
                    ErrorKind::PathTooLong,
                    name_span,
                    "Start of section makes total cmap path too long",
                    "path too long",
                )
                .with_help("the dotted path of nested section names must stay under 255 bytes"),
            );
            return;
        }
        let outer_len = self.path.len();
        let outer_valid = self.path_valid;
        if !self.path.is_empty() {
            self.path.push(b'.');
        }
        self.path.extend_from_slice(name);
        self.path_valid = outer_valid && name.iter().all(|&c| KEY_CHAR[usize::from(c)]);
        let new_state = self.enter(state);
        self.section_body(new_state, &section.children);
        self.path.truncate(outer_len);
        self.path_valid = outer_valid;
        if let Some(close) = &section.close {
            let nested_in_subsys = state == State::LoggerSubsys;
            let close_span = match close.kind {
                LineKind::Close { brace } => Span::byte(brace),
                _ => close.text,
            };
            let open_span =
                Span { start: section.open.indent.end, end: section.open.text.end.max(section.open.indent.end) };
            self.section_end(new_state, close_span, open_span, nested_in_subsys);
        }
    }

    /// The state for the section at `self.path`, resetting the shared data
    /// the way corosync's start-of-section callback does.
    fn enter(&mut self, state: State) -> State {
        let d = &mut self.data;
        match self.path.as_slice() {
            b"totem.interface" => {
                d.linknumber = 0;
                d.mcastport = None;
                d.ttl = None;
                d.knet_link_priority = None;
                d.u32_params = [None; 4];
                d.knet_transport = None;
                d.members.clear();
                State::Interface
            }
            b"totem" => State::Totem,
            b"system" => State::System,
            b"logging.logger_subsys" => {
                d.items.clear();
                d.subsys = None;
                State::LoggerSubsys
            }
            b"logging.logging_daemon" => {
                d.items.clear();
                d.subsys = None;
                d.daemon_name = None;
                State::LoggingDaemon
            }
            b"uidgid" => State::Uidgid,
            b"totem.interface.member" => State::Member,
            b"quorum" => State::Quorum,
            b"quorum.device" => State::Qdevice,
            b"nodelist" => {
                d.node_number = 0;
                State::Nodelist
            }
            b"nodelist.node" => State::NodelistNode,
            b"resources" => State::Resources,
            b"resources.system" | b"resources.system.memory_used" => State::ResourcesSystem,
            b"resources.process" | b"resources.process.memory_used" => State::ResourcesProcess,
            _ => state,
        }
    }

    /// `nested_in_subsys`: a section inside `logger_subsys` inherits its state
    /// and runs the same end-of-block code on the shared data, which frees the
    /// subsys name the outer block then uses (3.1.7 crashes).
    fn section_end(&mut self, state: State, close: Span, open: Span, nested_in_subsys: bool) {
        match state {
            State::Interface => self.interface_end(close),
            State::LoggerSubsys => self.logger_subsys_end(close, open, nested_in_subsys),
            State::LoggingDaemon => self.logging_daemon_end(close, open),
            State::NodelistNode => self.data.node_number += 1,
            _ => {}
        }
    }

    fn interface_end(&mut self, close: Span) {
        let mut link = Vec::with_capacity(3);
        push_decimal(&mut link, u64::from(self.data.linknumber));
        let held = [
            ("bindnetaddr", self.data.bindnetaddr.take()),
            ("mcastaddr", self.data.mcastaddr.take()),
            ("broadcast", self.data.broadcast.take()),
            ("knet_transport", self.data.knet_transport.take()),
        ];
        for (name, item) in held {
            if let Some((value, span)) = item {
                let k = self.key_from(&[b"totem.interface.", &link, b".", name.as_bytes()]);
                self.store_str(k, value, span, close);
            }
        }
        let mut numbers: Vec<(&str, RawValue, Span)> = Vec::new();
        if let Some((v, span)) = self.data.mcastport {
            numbers.push(("mcastport", RawValue::U16(v), span));
        }
        if let Some((v, span)) = self.data.ttl {
            numbers.push(("ttl", RawValue::U8(v), span));
        }
        if let Some((v, span)) = self.data.knet_link_priority {
            numbers.push(("knet_link_priority", RawValue::U8(v), span));
        }
        for (name, param) in KNET_U32_PARAMS.iter().zip(self.data.u32_params) {
            if let Some((v, span)) = param {
                numbers.push((name, RawValue::U32(v), span));
            }
        }
        for (name, raw, span) in numbers {
            let k = self.key_from(&[b"totem.interface.", &link, b".", name.as_bytes()]);
            self.store(k, raw, span, close);
        }
        // corosync keeps members in a list it walks newest first.
        let members: Vec<Held> = self.data.members.drain(..).rev().collect();
        for (i, (value, span)) in members.into_iter().enumerate() {
            let k = self.key_from(&[b"totem.interface.", &link, b".member."]);
            push_decimal(&mut self.keys, i as u64);
            self.store_str(k, value, span, close);
        }
    }

    fn logger_subsys_end(&mut self, close: Span, open: Span, nested_in_subsys: bool) {
        if !nested_in_subsys && std::mem::take(&mut self.data.subsys_freed) {
            return; // already reported: corosync crashes on this block
        }
        let Some((subsys_span, subsys_entry)) = self.data.subsys.take() else {
            self.error(
                SyntaxError::new(
                    ErrorKind::MissingSubsys,
                    close,
                    "No subsys key in logger_subsys directive",
                    "block ends here",
                )
                .with_related(open, "logger_subsys opened here")
                .with_help("add `subsys: NAME` (e.g. QUORUM) to the logger_subsys block"),
            );
            self.data.items.clear();
            return;
        };
        let subsys = self.text(subsys_span);
        let items: Vec<_> = self.data.items.drain(..).rev().collect();
        for (k, v, span) in items {
            let key = self.key_from(&[b"logging.logger_subsys.", subsys, b".", self.text(k)]);
            self.store_str(key, v, span, close);
        }
        let key = self.key_from(&[b"logging.logger_subsys.", subsys, b".subsys"]);
        self.store_str(key, subsys_span, subsys_entry, close);
        if nested_in_subsys {
            self.data.subsys_freed = true;
            self.error(
                SyntaxError::new(
                    ErrorKind::LoggerSubsysSubsection,
                    close,
                    "Subsection inside logger_subsys",
                    "corosync 3.1.7 crashes after this block",
                )
                .with_related(open, "section nested in logger_subsys")
                .with_help("corosync 3.1.7 frees the subsys name here and then uses it (SIGSEGV, even with -t); move the entries into the logger_subsys block itself"),
            );
        }
    }

    fn logging_daemon_end(&mut self, close: Span, open: Span) {
        let Some((name_span, name_entry)) = self.data.daemon_name.take() else {
            self.error(
                SyntaxError::new(
                    ErrorKind::MissingLoggingDaemonName,
                    close,
                    "No name key in logging_daemon directive",
                    "block ends here",
                )
                .with_related(open, "logging_daemon opened here")
                .with_help("add `name: corosync`, or better use `logger_subsys`"),
            );
            self.data.items.clear();
            return;
        };
        let name = self.text(name_span);
        let subsys = self.data.subsys.take();
        let corosync = name == b"corosync";
        let items: Vec<_> = self.data.items.drain(..).rev().collect();
        for (k, v, span) in items {
            let k = self.text(k);
            let key = match (subsys, corosync) {
                (None, true) => self.key_from(&[b"logging.", k]),
                (None, false) => self.key_from(&[b"logging.logging_daemon.", name, b".", k]),
                (Some((s, _)), true) => self.key_from(&[b"logging.logger_subsys.", self.text(s), b".", k]),
                (Some((s, _)), false) => {
                    self.key_from(&[b"logging.logging_daemon.", name, b".", self.text(s), b".", k])
                }
            };
            self.store_str(key, v, span, close);
        }
        match (subsys, corosync) {
            (None, true) => {}
            (None, false) => {
                let key = self.key_from(&[b"logging.logging_daemon.", name, b".name"]);
                self.store_str(key, name_span, name_entry, close);
            }
            (Some((s, span)), true) => {
                let key = self.key_from(&[b"logging.logger_subsys.", self.text(s), b".subsys"]);
                self.store_str(key, s, span, close);
            }
            (Some((s, span)), false) => {
                let key = self.key_from(&[b"logging.logging_daemon.", name, b".", self.text(s), b".subsys"]);
                self.store_str(key, s, span, close);
                let key = self.key_from(&[b"logging.logging_daemon.", name, b".", self.text(s), b".name"]);
                self.store_str(key, name_span, name_entry, close);
            }
        }
    }
}

/// A buffer offset as stored in the view (files are far below 4 GiB).
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// corosync's refusal of a key name it cannot store, with what is wrong with it.
fn invalid_key_error(key: &[u8], error_span: Span) -> SyntaxError {
    let shown = display_bytes(key);
    let why = if key.len() < KEYNAME_MINLEN {
        format!("the cmap name `{shown}` is shorter than 3 bytes")
    } else if key.len() > KEYNAME_MAXLEN {
        format!("the cmap name `{shown}` is longer than 255 bytes")
    } else {
        let bad = key.iter().find(|&&c| !KEY_CHAR[usize::from(c)]).copied().unwrap_or(b'?');
        let what = match bad {
            b' ' => "a space".to_string(),
            0xA0 => "a non-breaking space (0xA0)".to_string(),
            0xC2 | 0xEF => "a non-ASCII byte (a non-breaking space or byte-order mark?)".to_string(),
            b if b.is_ascii_graphic() => format!("`{}`", b as char),
            b => format!("byte 0x{b:02X}"),
        };
        format!("`{shown}` contains {what}; key names may only use A-Z a-z 0-9 . _ - / :")
    };
    SyntaxError::new(
        ErrorKind::InvalidKeyName,
        error_span,
        format!("Can't store key \"{shown}\" into icmap, returned error is CS_ERR_NAME_TOO_LONG"),
        "corosync cannot store this key",
    )
    .with_help(format!("{why} (corosync's error code name is misleading)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_name_head_checks_like_the_table() {
        let names_list: [&[u8]; 14] = [
            b"",
            b"a",
            b"name",
            b"nodeid",
            b"ring0_addr",
            b"quorum_votes",
            b"ring0 addr",
            b"ring0_addr\xa0",
            b"abcdefghijklmnop",
            b"abcdefghijklmno!",
            b"abcdefghijklmnopq",
            b"abcdefghijklmnop!",
            b"x\x00y",
            b"a=b",
        ];
        // One cache for every name: names that share a slot replace each other.
        let mut names = ValidNames::default();
        for name in names_list {
            // With bytes after the name (the usual case) and at the end of the input.
            for tail in [b": value that is long enough\n".as_slice(), b"".as_slice()] {
                let src = [name, tail].concat();
                let valid = name.iter().all(|&c| KEY_CHAR[usize::from(c)]);
                for _ in 0..2 {
                    let got = names.head(&src, Span::new(0, name.len()));
                    assert_eq!(got, valid.then(|| name_head(name)), "{name:?} + {tail:?}");
                }
            }
        }
    }
}
