//! The cmap view: the flat key/value map corosync 3.1.7 builds from a file
//! (`main_config_parser_cb` in coroparse.c), with the parse-time type and
//! key-name errors it raises. Every entry remembers where it was set.

pub mod value;

use std::collections::BTreeMap;

pub use value::{IntType, Value, parse_int, parse_u64};

use crate::source::{Span, display_bytes};
use crate::syntax::{ErrorKind, LineKind, Node, Section, SyntaxError, SyntaxTree};

/// corosync's `ICMAP_KEYNAME_MAXLEN`.
pub const KEYNAME_MAXLEN: usize = 255;
/// corosync's `ICMAP_KEYNAME_MINLEN`.
pub const KEYNAME_MINLEN: usize = 3;

/// One stored key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The value in effect (the last assignment).
    pub value: Value,
    /// Every line that assigned this key, in file order; the last one wins.
    pub spans: Vec<Span>,
}

impl Entry {
    /// The assignment in effect.
    pub fn span(&self) -> Span {
        self.spans.last().copied().unwrap_or_default()
    }
}

/// The map corosync would hold after reading the file, plus the errors that
/// would stop it (first one wins for corosync; all are kept here).
#[derive(Debug, Clone, Default)]
pub struct CmapView {
    /// Keys in byte order.
    pub entries: BTreeMap<String, Entry>,
    /// Type, enum and key-name errors, in the order corosync meets them.
    pub errors: Vec<SyntaxError>,
}

impl CmapView {
    /// The entry for `key`.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The value of `key` as bytes (numbers in decimal).
    pub fn get_bytes(&self, key: &str) -> Option<Vec<u8>> {
        self.get(key).map(|e| e.value.to_bytes())
    }

    /// The value of `key` as a string if it is a string key holding UTF-8.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        match &self.get(key)?.value {
            Value::Str(s) => std::str::from_utf8(s).ok(),
            _ => None,
        }
    }

    /// The value of `key` as a number, only if corosync stored it typed.
    pub fn get_int(&self, key: &str) -> Option<u64> {
        match &self.get(key)?.value {
            Value::Str(_) => None,
            v => v.as_u64(),
        }
    }

    /// Entries whose key starts with `prefix`.
    pub fn prefixed<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a String, &'a Entry)> + 'a {
        self.entries.range(prefix.to_string()..).take_while(move |(k, _)| k.starts_with(prefix))
    }

    /// The node indices present under `nodelist.node.N.`, ascending.
    pub fn node_indices(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .prefixed("nodelist.node.")
            .filter_map(|(k, _)| k["nodelist.node.".len()..].split('.').next()?.parse().ok())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Same keys with the same values (spans are ignored).
    pub fn same_meaning(&self, other: &CmapView) -> bool {
        self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|((ka, a), (kb, b))| ka == kb && a.value == b.value)
    }
}

/// Builds the cmap view of a parsed file.
pub fn build(tree: &SyntaxTree, src: &[u8]) -> CmapView {
    let mut b = Builder { src, view: CmapView::default(), data: Data::default(), stored: Vec::new() };
    b.section_body(b"", State::Normal, &tree.nodes);
    b.view.entries = merge_stores(b.stored);
    b.view
}

/// The map of every store in file order: for a key stored more than once the
/// last value wins and every span is kept, in order. Sorting the stores (files
/// list keys mostly in order, so this is cheap) and building the map in one
/// go is much faster than inserting key by key into a `BTreeMap`.
fn merge_stores(mut stored: Vec<(String, Value, Span)>) -> BTreeMap<String, Entry> {
    // Stable: stores of the same key stay in file order.
    stored.sort_by(|a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(String, Entry)> = Vec::with_capacity(stored.len());
    for (key, value, span) in stored {
        match merged.last_mut() {
            Some((last, entry)) if *last == key => {
                entry.value = value;
                entry.spans.push(span);
            }
            _ => merged.push((key, Entry { value, spans: vec![span] })),
        }
    }
    // Sorted and unique: `from_iter` builds the tree in one linear pass.
    merged.into_iter().collect()
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

type Item = (Vec<u8>, Span);

/// coroparse's `struct main_cp_cb_data`: shared by every section.
#[derive(Default)]
struct Data {
    linknumber: u8,
    bindnetaddr: Option<Item>,
    mcastaddr: Option<Item>,
    broadcast: Option<Item>,
    knet_transport: Option<Item>,
    mcastport: Option<(u16, Span)>,
    ttl: Option<(u8, Span)>,
    knet_link_priority: Option<(u8, Span)>,
    u32_params: [Option<(u32, Span)>; 4],
    members: Vec<Item>,
    subsys: Option<Item>,
    daemon_name: Option<Item>,
    /// (key, value, span) in file order; corosync walks its list newest first.
    items: Vec<(Vec<u8>, Vec<u8>, Span)>,
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

/// Enumerations checked by the parser: (cmap path, allowed values, corosync's message).
pub const PARSER_ENUMS: &[(&str, &[&str], &str)] = &[
    ("totem.ip_version", &["ipv4", "ipv6", "ipv6-4", "ipv4-6"], "Invalid ip_version type"),
    ("totem.crypto_model", &["nss", "openssl"], "Invalid crypto model. Should be nss or openssl"),
    (
        "totem.crypto_cipher",
        &["none", "aes256", "aes192", "aes128"],
        "Invalid cipher type. Should be none, aes256, aes192 or aes128",
    ),
    (
        "totem.crypto_hash",
        &["none", "md5", "sha1", "sha256", "sha384", "sha512"],
        "Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512",
    ),
    (
        "totem.knet_compression_model",
        &["zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd"],
        "Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd",
    ),
    ("system.qb_ipc_type", &["native", "shm", "socket"], "Invalid system.qb_ipc_type"),
    ("system.sched_rr", &["yes", "no"], "Invalid system.sched_rr value"),
    ("system.move_to_root_cgroup", &["yes", "no", "auto"], "Invalid system.move_to_root_cgroup"),
    ("system.allow_knet_handle_fallback", &["yes", "no"], "Invalid system.allow_knet_handle_fallback"),
];

/// Whether corosync can store a key with this name (`icmap_check_key_name`).
pub fn is_valid_key_name(name: &[u8]) -> bool {
    (KEYNAME_MINLEN..=KEYNAME_MAXLEN).contains(&name.len())
        && name.iter().all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'/' | b':'))
}

fn join(path: &[u8], name: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(path.len() + name.len() + 1);
    out.extend_from_slice(path);
    if !path.is_empty() {
        out.push(b'.');
    }
    out.extend_from_slice(name);
    out
}

/// Appends `n` in decimal without going through `fmt`.
fn push_decimal(out: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn key_of(parts: &[&[u8]]) -> Vec<u8> {
    parts.concat()
}

struct Builder<'a> {
    src: &'a [u8],
    view: CmapView,
    data: Data,
    /// Every successful store `(key, value, span)`, in file order.
    stored: Vec<(String, Value, Span)>,
}

impl<'a> Builder<'a> {
    fn text(&self, span: Span) -> &'a [u8] {
        &self.src[span.start..span.end]
    }

    fn error(&mut self, e: SyntaxError) {
        self.view.errors.push(e);
    }

    /// `icmap_set_*`: checks the key name and stores.
    fn store(&mut self, key: Vec<u8>, value: Value, span: Span, error_span: Span) {
        if !is_valid_key_name(&key) {
            let shown = display_bytes(&key);
            let why = if key.len() < KEYNAME_MINLEN {
                format!("the cmap name `{shown}` is shorter than 3 bytes")
            } else if key.len() > KEYNAME_MAXLEN {
                format!("the cmap name `{shown}` is longer than 255 bytes")
            } else {
                let bad = key
                    .iter()
                    .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'/' | b':')))
                    .copied()
                    .unwrap_or(b'?');
                let what = match bad {
                    b' ' => "a space".to_string(),
                    0xA0 => "a non-breaking space (0xA0)".to_string(),
                    0xC2 | 0xEF => "a non-ASCII byte (a non-breaking space or byte-order mark?)".to_string(),
                    b if b.is_ascii_graphic() => format!("`{}`", b as char),
                    b => format!("byte 0x{b:02X}"),
                };
                format!("`{shown}` contains {what}; key names may only use A-Z a-z 0-9 . _ - / :")
            };
            self.error(
                SyntaxError::new(
                    ErrorKind::InvalidKeyName,
                    error_span,
                    format!("Can't store key \"{shown}\" into icmap, returned error is CS_ERR_NAME_TOO_LONG"),
                    "corosync cannot store this key",
                )
                .with_help(format!("{why} (corosync's error code name is misleading)")),
            );
            return;
        }
        // Valid key names are ASCII, hence UTF-8: this takes the buffer without copying.
        let key = String::from_utf8(key).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        self.stored.push((key, value, span));
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

    fn section_body(&mut self, path: &[u8], state: State, nodes: &'a [Node]) {
        for node in nodes {
            match node {
                Node::Pair(line) => {
                    if let LineKind::Pair { key, value, .. } = line.kind {
                        let entry_span =
                            Span::new(key.start.min(line.text.start.max(key.start)), value.end.max(key.end));
                        self.item(path, state, key, value, entry_span);
                    }
                }
                Node::Section(section) => self.section(path, state, section),
                Node::Trivia(_) | Node::Error(_) => {}
            }
        }
    }

    fn item(&mut self, path: &[u8], state: State, key_span: Span, value_span: Span, span: Span) {
        let key = self.text(key_span);
        let value = self.text(value_span);
        if path.len() + key.len() + 1 >= KEYNAME_MAXLEN {
            self.error(
                SyntaxError::new(
                    ErrorKind::PathTooLong,
                    key_span,
                    "New key makes total cmap path too long",
                    "path too long",
                )
                .with_help("the dotted path of sections plus the key must stay under 255 bytes"),
            );
            return;
        }
        if state == State::NodelistNode {
            self.node_item(key, value, key_span, value_span, span);
            return;
        }
        let full = join(path, key);
        let full_str = full.as_slice();
        let int = |b: &mut Self, name: &[u8], ty: IntType| -> Option<Value> {
            let v = parse_int(value, ty);
            if v.is_none() {
                b.int_error(name, value, ty, value_span);
            }
            v
        };
        let mut typed: Option<Value> = None;
        match state {
            State::Normal | State::Nodelist => {}
            State::Quorum => {
                let k = full_str.strip_prefix(b"quorum.").unwrap_or(b"");
                if matches!(k, b"expected_votes" | b"votes" | b"last_man_standing_window" | b"leaving_timeout") {
                    typed = Some(match int(self, &full, IntType::U32) {
                        Some(v) => v,
                        None => return,
                    });
                } else if matches!(
                    k,
                    b"two_node"
                        | b"expected_votes_tracking"
                        | b"allow_downscale"
                        | b"wait_for_all"
                        | b"auto_tie_breaker"
                        | b"last_man_standing"
                ) {
                    typed = Some(match int(self, &full, IntType::U8) {
                        Some(v) => v,
                        None => return,
                    });
                }
            }
            State::Qdevice => {
                let k = full_str.strip_prefix(b"quorum.device.").unwrap_or(b"");
                if matches!(k, b"timeout" | b"sync_timeout" | b"votes") {
                    typed = Some(match int(self, &full, IntType::U32) {
                        Some(v) => v,
                        None => return,
                    });
                } else if k == b"master_wins" {
                    typed = Some(match int(self, &full, IntType::U8) {
                        Some(v) => v,
                        None => return,
                    });
                }
            }
            State::Totem => {
                let k = full_str.strip_prefix(b"totem.").unwrap_or(b"");
                if TOTEM_U32.iter().any(|n| n.as_bytes() == k) {
                    typed = Some(match int(self, &full, IntType::U32) {
                        Some(v) => v,
                        None => return,
                    });
                } else if k == b"knet_compression_level" {
                    typed = Some(match int(self, &full, IntType::I32) {
                        Some(v) => v,
                        None => return,
                    });
                } else if k == b"config_version" {
                    match parse_u64(value) {
                        Some(v) => typed = Some(Value::U64(v)),
                        None => {
                            self.u64_error(&full, value, value_span);
                            return;
                        }
                    }
                } else if !self.enum_ok(&full, value, value_span) {
                    return;
                }
            }
            State::System => {
                if !self.enum_ok(&full, value, value_span) {
                    return;
                }
            }
            State::Interface => {
                let k = full_str.strip_prefix(b"totem.interface.").unwrap_or(b"");
                let item = || (value.to_vec(), span);
                match k {
                    b"linknumber" => {
                        match int(self, &full, IntType::U8) {
                            Some(Value::U8(n)) => self.data.linknumber = n,
                            _ => return,
                        }
                        return;
                    }
                    b"bindnetaddr" => {
                        self.data.bindnetaddr = Some(item());
                        return;
                    }
                    b"mcastaddr" => {
                        self.data.mcastaddr = Some(item());
                        return;
                    }
                    b"broadcast" => {
                        self.data.broadcast = Some(item());
                        return;
                    }
                    b"knet_transport" => {
                        self.data.knet_transport = Some(item());
                        return;
                    }
                    b"mcastport" => {
                        if let Some(Value::U16(n)) = int(self, &full, IntType::U16) {
                            self.data.mcastport = Some((n, span));
                        }
                        return;
                    }
                    b"ttl" | b"knet_link_priority" => {
                        if let Some(Value::U8(n)) = int(self, &full, IntType::U8) {
                            if k == b"ttl" {
                                self.data.ttl = Some((n, span));
                            } else {
                                self.data.knet_link_priority = Some((n, span));
                            }
                        }
                        return;
                    }
                    _ => {
                        if let Some(i) = KNET_U32_PARAMS.iter().position(|n| n.as_bytes() == k) {
                            if let Some(Value::U32(n)) = int(self, &full, IntType::U32) {
                                self.data.u32_params[i] = Some((n, span));
                            }
                            return;
                        }
                    }
                }
            }
            State::LoggerSubsys | State::LoggingDaemon => {
                if key == b"subsys" {
                    self.data.subsys = Some((value.to_vec(), span));
                } else if key == b"name" && state == State::LoggingDaemon {
                    self.data.daemon_name = Some((value.to_vec(), span));
                } else {
                    self.data.items.push((key.to_vec(), value.to_vec(), span));
                }
                return;
            }
            State::Uidgid => {
                if key == b"uid" || key == b"gid" {
                    let k = key_of(&[b"uidgid.config.", key, b".", value]);
                    self.store(k, Value::U8(1), span, key_span);
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
                return;
            }
            State::Member => {
                if key != b"memberaddr" {
                    self.error(
                        SyntaxError::new(
                            ErrorKind::MemberInvalidKey,
                            key_span,
                            "Only memberaddr is allowed in member section",
                            "not memberaddr",
                        )
                        .with_help("member sections are a corosync 1/2 udpu leftover; use a nodelist instead"),
                    );
                } else {
                    self.data.members.push((value.to_vec(), span));
                }
                return;
            }
            State::NodelistNode => {}
            State::Resources => {
                if key == b"watchdog_timeout" {
                    typed = Some(match int(self, &full, IntType::U32) {
                        Some(v) => v,
                        None => return,
                    });
                }
            }
            State::ResourcesSystem | State::ResourcesProcess => {
                if key == b"poll_period" {
                    match parse_u64(value) {
                        Some(v) => typed = Some(Value::U64(v)),
                        None => {
                            self.u64_error(&full, value, value_span);
                            return;
                        }
                    }
                }
            }
        }
        let v = typed.unwrap_or_else(|| Value::Str(value.to_vec()));
        self.store(full, v, span, key_span);
    }

    /// An item inside `nodelist.node`: stored as `nodelist.node.<index>.<key>`.
    fn node_item(&mut self, key: &[u8], value: &[u8], key_span: Span, value_span: Span, span: Span) {
        let mut key_name = Vec::with_capacity(key.len() + 24);
        key_name.extend_from_slice(b"nodelist.node.");
        push_decimal(&mut key_name, u64::from(self.data.node_number));
        key_name.push(b'.');
        key_name.extend_from_slice(key);
        let v = if key == b"nodeid" || key == b"quorum_votes" {
            match self.checked_int(&key_name, value, IntType::U32, value_span) {
                Some(v) => v,
                None => return,
            }
        } else {
            Value::Str(value.to_vec())
        };
        self.store(key_name, v, span, key_span);
    }

    fn checked_int(&mut self, key_name: &[u8], value: &[u8], ty: IntType, value_span: Span) -> Option<Value> {
        let v = parse_int(value, ty);
        if v.is_none() {
            self.int_error(key_name, value, ty, value_span);
        }
        v
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

    fn enum_ok(&mut self, key: &[u8], value: &[u8], span: Span) -> bool {
        let Some((_, allowed, message)) = PARSER_ENUMS.iter().find(|(k, _, _)| k.as_bytes() == key) else {
            return true;
        };
        if allowed.iter().any(|a| a.as_bytes() == value) {
            return true;
        }
        let v = display_bytes(value);
        let mut help = format!("allowed values (case-sensitive): {}", allowed.join(", "));
        if key == b"totem.knet_compression_model" && value == b"none" {
            help.push_str("; to disable compression, remove the key (`none` is the default but the parser refuses it)");
        }
        if value.contains(&b'#') {
            help.push_str("; corosync reads the whole text as the value: comments must be on their own line");
        }
        self.error(
            SyntaxError::new(ErrorKind::InvalidEnumValue, span, *message, format!("`{v}` is not accepted"))
                .with_help(help),
        );
        false
    }

    fn section(&mut self, path: &[u8], state: State, section: &'a Section) {
        let name_span = section.name();
        let name = self.text(name_span);
        if path.len() + name.len() + 1 >= KEYNAME_MAXLEN {
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
        let new_path = join(path, name);
        let new_state = match new_path.as_slice() {
            b"totem.interface" => {
                let d = &mut self.data;
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
                self.data.items.clear();
                self.data.subsys = None;
                State::LoggerSubsys
            }
            b"logging.logging_daemon" => {
                self.data.items.clear();
                self.data.subsys = None;
                self.data.daemon_name = None;
                State::LoggingDaemon
            }
            b"uidgid" => State::Uidgid,
            b"totem.interface.member" => State::Member,
            b"quorum" => State::Quorum,
            b"quorum.device" => State::Qdevice,
            b"nodelist" => {
                self.data.node_number = 0;
                State::Nodelist
            }
            b"nodelist.node" => State::NodelistNode,
            b"resources" => State::Resources,
            b"resources.system" | b"resources.system.memory_used" => State::ResourcesSystem,
            b"resources.process" | b"resources.process.memory_used" => State::ResourcesProcess,
            _ => state,
        };
        self.section_body(&new_path, new_state, &section.children);
        if let Some(close) = &section.close {
            let nested_in_subsys = state == State::LoggerSubsys;
            let close_span = match close.kind {
                LineKind::Close { brace } => Span::new(brace, brace + 1),
                _ => close.text,
            };
            let open_span = Span::new(section.open.indent.end, section.open.text.end.max(section.open.indent.end));
            self.section_end(new_state, close_span, open_span, nested_in_subsys);
        }
    }

    /// `nested_in_subsys`: a section inside `logger_subsys` inherits its state
    /// and runs the same end-of-block code on the shared data, which frees the
    /// subsys name the outer block then uses (3.1.7 crashes).
    fn section_end(&mut self, state: State, close: Span, open: Span, nested_in_subsys: bool) {
        match state {
            State::Interface => {
                let ln = self.data.linknumber.to_string();
                let base = |k: &str| key_of(&[b"totem.interface.", ln.as_bytes(), b".", k.as_bytes()]);
                for (name, slot) in [("bindnetaddr", 0), ("mcastaddr", 1), ("broadcast", 2), ("knet_transport", 3)] {
                    let item = match slot {
                        0 => self.data.bindnetaddr.take(),
                        1 => self.data.mcastaddr.take(),
                        2 => self.data.broadcast.take(),
                        _ => self.data.knet_transport.take(),
                    };
                    if let Some((v, span)) = item {
                        self.store(base(name), Value::Str(v), span, close);
                    }
                }
                if let Some((v, span)) = self.data.mcastport {
                    self.store(base("mcastport"), Value::U16(v), span, close);
                }
                if let Some((v, span)) = self.data.ttl {
                    self.store(base("ttl"), Value::U8(v), span, close);
                }
                if let Some((v, span)) = self.data.knet_link_priority {
                    self.store(base("knet_link_priority"), Value::U8(v), span, close);
                }
                for (i, name) in KNET_U32_PARAMS.iter().enumerate() {
                    if let Some((v, span)) = self.data.u32_params[i] {
                        self.store(base(name), Value::U32(v), span, close);
                    }
                }
                // corosync keeps members in a list it walks newest first.
                let members: Vec<Item> = self.data.members.drain(..).rev().collect();
                for (i, (v, span)) in members.into_iter().enumerate() {
                    self.store(base(&format!("member.{i}")), Value::Str(v), span, close);
                }
            }
            State::LoggerSubsys => {
                if !nested_in_subsys && std::mem::take(&mut self.data.subsys_freed) {
                    return; // already reported: corosync crashes on this block
                }
                let Some((subsys, subsys_span)) = self.data.subsys.take() else {
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
                let items: Vec<_> = self.data.items.drain(..).rev().collect();
                for (k, v, span) in items {
                    let key = key_of(&[b"logging.logger_subsys.", &subsys, b".", &k]);
                    self.store(key, Value::Str(v), span, close);
                }
                let key = key_of(&[b"logging.logger_subsys.", &subsys, b".subsys"]);
                self.store(key, Value::Str(subsys), subsys_span, close);
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
            State::LoggingDaemon => {
                let Some((name, name_span)) = self.data.daemon_name.take() else {
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
                let subsys = self.data.subsys.take();
                let corosync = name == b"corosync";
                let items: Vec<_> = self.data.items.drain(..).rev().collect();
                for (k, v, span) in items {
                    let key = match (&subsys, corosync) {
                        (None, true) => key_of(&[b"logging.", &k]),
                        (None, false) => key_of(&[b"logging.logging_daemon.", &name, b".", &k]),
                        (Some((s, _)), true) => key_of(&[b"logging.logger_subsys.", s, b".", &k]),
                        (Some((s, _)), false) => key_of(&[b"logging.logging_daemon.", &name, b".", s, b".", &k]),
                    };
                    self.store(key, Value::Str(v), span, close);
                }
                match (subsys, corosync) {
                    (None, true) => {}
                    (None, false) => {
                        let key = key_of(&[b"logging.logging_daemon.", &name, b".name"]);
                        self.store(key, Value::Str(name.clone()), name_span, close);
                    }
                    (Some((s, span)), true) => {
                        let key = key_of(&[b"logging.logger_subsys.", &s, b".subsys"]);
                        self.store(key, Value::Str(s.clone()), span, close);
                    }
                    (Some((s, span)), false) => {
                        let key = key_of(&[b"logging.logging_daemon.", &name, b".", &s, b".subsys"]);
                        self.store(key, Value::Str(s.clone()), span, close);
                        let key = key_of(&[b"logging.logging_daemon.", &name, b".", &s, b".name"]);
                        self.store(key, Value::Str(name.clone()), name_span, close);
                    }
                }
            }
            State::NodelistNode => self.data.node_number += 1,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn view(src: &[u8]) -> CmapView {
        build(&parse(src).tree, src)
    }

    #[test]
    fn typed_keys_and_interfaces() {
        let v = view(
            b"totem {\n version: +2\n config_version: -1\n cluster_name: a # b\n interface {\n  mcastport: 5405\n  linknumber: 1\n  bogus: x\n }\n}\n",
        );
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        assert_eq!(v.get("totem.version").map(|e| &e.value), Some(&Value::U32(2)));
        assert_eq!(v.get("totem.config_version").map(|e| &e.value), Some(&Value::U64(u64::MAX)));
        assert_eq!(v.get_str("totem.cluster_name"), Some("a # b"));
        assert_eq!(v.get("totem.interface.1.mcastport").map(|e| &e.value), Some(&Value::U16(5405)));
        assert_eq!(v.get_str("totem.interface.bogus"), Some("x"));
    }

    #[test]
    fn nodelist_clobbering_and_empty_nodes() {
        let v = view(
            b"nodelist {\n node {\n  nodeid: 1\n  name: a\n }\n node {\n  nodeid: 2\n  name: b\n }\n}\nnodelist {\n node {\n  name: c\n }\n node {\n }\n node {\n  name: d\n }\n}\n",
        );
        assert_eq!(v.get_str("nodelist.node.0.name"), Some("c"));
        assert_eq!(v.get("nodelist.node.0.nodeid").map(|e| &e.value), Some(&Value::U32(1)));
        assert_eq!(v.get_str("nodelist.node.1.name"), Some("b"));
        assert_eq!(v.get_str("nodelist.node.2.name"), Some("d"));
    }

    #[test]
    fn errors_match_corosync_messages() {
        let v = view(b"totem {\n version: 2 # two\n ip_version: ipv5\n cluster name: x\n}\nab: c\n");
        let msgs: Vec<_> = v.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "Value of key \"totem.version\" is expected to be integer in range (0..4294967295), but \"2 # two\" was given",
                "Invalid ip_version type",
                "Can't store key \"totem.cluster name\" into icmap, returned error is CS_ERR_NAME_TOO_LONG",
                "Can't store key \"ab\" into icmap, returned error is CS_ERR_NAME_TOO_LONG",
            ]
        );
    }

    #[test]
    fn logger_subsys_is_keyed_by_subsys() {
        let v = view(b"logging {\n logger_subsys {\n  debug: on\n  subsys: QUORUM\n }\n logger_subsys {\n }\n}\n");
        assert_eq!(v.get_str("logging.logger_subsys.QUORUM.debug"), Some("on"));
        assert_eq!(v.errors[0].kind, ErrorKind::MissingSubsys);
    }
}
