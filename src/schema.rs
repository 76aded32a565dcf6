//! The key catalogue: every section and key corosync 3.1.7 (plus
//! corosync-qdevice) knows, with its value kind, default, the transports it
//! applies to and whether it is still current.
//!
//! Sections are named by their dotted path of section names as written in the
//! file (`totem.interface`, `nodelist.node`, `logging.logger_subsys`), not by
//! the cmap path corosync stores (`totem.interface.0.mcastport`); use
//! [`lookup_cmap`] for cmap keys. Rules reuse this table through [`lookup`],
//! [`known_section`], [`keys_of`] and [`sections_with_key`].

/// Whether a section or key still does something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// In use in corosync 3.1.7.
    Current,
    /// Still read (or warned about) but replaced by something else.
    Deprecated,
    /// A corosync 1.x/2.x leftover that 3.1.7 no longer reads at all.
    Obsolete,
    /// Stored by the parser but never read by any daemon (a silent no-op).
    Ignored,
}

impl Status {
    /// Lower-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Current => "current",
            Status::Deprecated => "deprecated",
            Status::Obsolete => "obsolete",
            Status::Ignored => "ignored",
        }
    }
}

/// Who checks a key's value, and so when a bad value is noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checker {
    /// corosync's parser (`corosync -t` and the parser errors of this crate).
    Parser,
    /// totem configuration read/validate (`corosync -t` catches it).
    Totem,
    /// The logging configuration (`corosync -t` catches it, exit 7).
    Logging,
    /// Only a real start or the running daemon (`corosync -t` misses it).
    Runtime,
    /// corosync-qdevice at its own startup.
    Qdevice,
    /// Nobody: any value is accepted and bad values silently mean the default.
    Nobody,
}

/// The integer types of [`Kind::Int`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntKind {
    /// 0..=255.
    U8,
    /// 0..=65535.
    U16,
    /// 0..=4294967295.
    U32,
    /// 0..=2^64-1 (`strtoull`: `-1` wraps).
    U64,
    /// -2147483648..=2147483647.
    I32,
}

/// What a value may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An integer the parser stores typed (and range-checks for `ty`).
    /// `range` is the narrower range the daemon honours, where it has one
    /// that corosync does not enforce at parse time.
    Int {
        /// Parse type.
        ty: IntKind,
        /// Range honoured by the daemon; values outside are ignored or fatal later.
        range: Option<(i64, i64)>,
    },
    /// A number stored as a string and converted later (qdevice keys).
    NumberText {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// One of a fixed list of words.
    Enum {
        /// The accepted values.
        values: &'static [&'static str],
        /// Whether `Yes` differs from `yes`.
        case_sensitive: bool,
    },
    /// A switch compared with `strcmp`: only `on` values enable it, only `off`
    /// values disable it, anything else silently means the default.
    Switch {
        /// Values that turn it on.
        on: &'static [&'static str],
        /// Values that turn it off explicitly (empty: everything else is off).
        off: &'static [&'static str],
    },
    /// `system.priority`: `max`, `min` or an `int`.
    Priority,
    /// Free text.
    Text,
    /// An IP address or a host name.
    Address,
    /// A file or directory path.
    Path,
}

/// Transport bit for knet.
pub const KNET: u8 = 1;
/// Transport bit for udpu.
pub const UDPU: u8 = 2;
/// Transport bit for udp (multicast).
pub const UDP: u8 = 4;
/// Every transport.
pub const ALL: u8 = KNET | UDPU | UDP;

/// One key of one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyDef {
    /// Section path pattern (`totem.interface`; `*` matches one name).
    pub section: &'static str,
    /// Key name; `ringN_addr` and `exec_NAME` are patterns (see [`key_matches`]).
    pub name: &'static str,
    /// What the value may be.
    pub kind: Kind,
    /// The default, as corosync documents or computes it.
    pub default: Option<&'static str>,
    /// Transports the key has an effect on ([`KNET`], [`UDPU`], [`UDP`] bits).
    pub transports: u8,
    /// Current, deprecated, obsolete or ignored.
    pub status: Status,
    /// Who notices a bad value.
    pub checker: Checker,
    /// One line on what it does, or what replaced it.
    pub note: &'static str,
}

/// One known section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SectionDef {
    /// Dotted path pattern (`*` matches one name).
    pub path: &'static str,
    /// Whether it may legitimately appear several times in one parent
    /// (`node`, `interface`, `logger_subsys`, ...). Other sections merge.
    pub repeatable: bool,
    /// Current, deprecated or obsolete.
    pub status: Status,
    /// What it is, or what replaced it.
    pub note: &'static str,
}

const fn sec(path: &'static str, repeatable: bool, status: Status, note: &'static str) -> SectionDef {
    SectionDef { path, repeatable, status, note }
}

/// Every known section.
pub static SECTIONS: &[SectionDef] = &[
    sec("totem", false, Status::Current, "totem protocol, transport and crypto"),
    sec("totem.interface", true, Status::Current, "settings of one link (linknumber)"),
    sec("totem.interface.member", true, Status::Deprecated, "corosync 1/2 udpu member list; use a nodelist"),
    sec("nodelist", false, Status::Current, "the cluster nodes"),
    sec("nodelist.node", true, Status::Current, "one node"),
    sec("quorum", false, Status::Current, "votequorum"),
    sec("quorum.device", false, Status::Current, "quorum device (corosync-qdevice)"),
    sec("quorum.device.net", false, Status::Current, "qdevice net model"),
    sec("quorum.device.heuristics", false, Status::Current, "qdevice heuristics"),
    sec("logging", false, Status::Current, "logging"),
    sec("logging.logger_subsys", true, Status::Current, "logging of one subsystem"),
    sec("logging.logger", true, Status::Obsolete, "openais 0.x logging block; use logger_subsys"),
    sec("logging.logging_daemon", true, Status::Deprecated, "corosync 1.x logging block; use logger_subsys"),
    sec("system", false, Status::Current, "scheduling, IPC and state directory"),
    sec("resources", false, Status::Current, "watchdog and resource monitoring"),
    sec("resources.system", false, Status::Current, "system resources monitored"),
    sec("resources.system.memory_used", false, Status::Current, "memory use monitor"),
    sec("resources.system.load_15min", false, Status::Current, "load monitor"),
    sec("resources.process", false, Status::Current, "process resources (SAM, set at runtime)"),
    sec("resources.process.*", true, Status::Current, "one process resource (SAM, set at runtime)"),
    sec("nozzle", false, Status::Current, "libnozzle tap device"),
    sec("uidgid", true, Status::Current, "users and groups allowed to connect"),
    sec("pload", false, Status::Ignored, "profiling service; its keys are stored as strings and never used"),
    sec("cfg", false, Status::Ignored, "runtime cmap keys of the cfg service; values from the file are ignored"),
    sec("aisexec", false, Status::Obsolete, "corosync 1.x/openais; corosync 3 ignores it (use uidgid)"),
    sec("amf", false, Status::Obsolete, "openais AMF; corosync 3 ignores it"),
    sec("service", true, Status::Obsolete, "corosync 1.x plugin loader (e.g. pacemaker); corosync 3 ignores it"),
    sec("logger", false, Status::Obsolete, "openais 0.x logging block; corosync 3 ignores it (use logging)"),
    sec("event", false, Status::Obsolete, "openais event service; corosync 3 ignores it"),
];

const PRIORITIES: &[&str] = &["alert", "crit", "debug", "emerg", "err", "error", "info", "notice", "warning"];
const FACILITIES: &[&str] = &[
    "daemon", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7", "auth", "authpriv",
    "cron", "ftp", "kern", "lpr", "mail", "news", "syslog", "user", "uucp",
];
const YES_ON_NO_OFF: &[&str] = &["yes", "on", "no", "off"];
const ON_OFF: &[&str] = &["on", "off"];

const fn int(ty: IntKind) -> Kind {
    Kind::Int { ty, range: None }
}
const fn int_in(ty: IntKind, min: i64, max: i64) -> Kind {
    Kind::Int { ty, range: Some((min, max)) }
}
const fn one_of(values: &'static [&'static str]) -> Kind {
    Kind::Enum { values, case_sensitive: true }
}
const fn one_of_nocase(values: &'static [&'static str]) -> Kind {
    Kind::Enum { values, case_sensitive: false }
}

/// Shorthand for a current key.
const fn key(
    section: &'static str,
    name: &'static str,
    kind: Kind,
    default: Option<&'static str>,
    transports: u8,
    checker: Checker,
    note: &'static str,
) -> KeyDef {
    KeyDef { section, name, kind, default, transports, status: Status::Current, checker, note }
}

/// Shorthand for a key that is no longer current.
const fn old(section: &'static str, name: &'static str, kind: Kind, status: Status, note: &'static str) -> KeyDef {
    KeyDef { section, name, kind, default: None, transports: ALL, status, checker: Checker::Nobody, note }
}

use Checker::{Logging as L, Nobody as N, Parser as P, Qdevice as Q, Runtime as R, Totem as T};
use IntKind::{I32, U8, U16, U32, U64};

/// The logging keys, valid both in `logging` and in `logger_subsys`/`logging_daemon`.
macro_rules! logging_keys {
    ($s:expr) => {
        [
            key($s, "to_stderr", one_of(YES_ON_NO_OFF), Some("yes"), ALL, L, "log to standard error"),
            key($s, "to_syslog", one_of(YES_ON_NO_OFF), Some("yes"), ALL, L, "log to syslog"),
            key($s, "to_logfile", one_of(YES_ON_NO_OFF), Some("no"), ALL, L, "log to `logfile`"),
            KeyDef {
                section: $s,
                name: "to_file",
                kind: one_of(YES_ON_NO_OFF),
                default: None,
                transports: ALL,
                status: Status::Deprecated,
                checker: L,
                note: "old name of to_logfile; write `to_logfile` instead",
            },
            key($s, "logfile", Kind::Path, None, ALL, L, "log file; opened even when to_logfile is no"),
            key(
                $s,
                "logfile_priority",
                one_of_nocase(PRIORITIES),
                Some("info"),
                ALL,
                L,
                "lowest priority written to the log file",
            ),
            key($s, "syslog_facility", one_of(FACILITIES), Some("daemon"), ALL, L, "syslog facility"),
            key(
                $s,
                "syslog_priority",
                one_of_nocase(PRIORITIES),
                Some("info"),
                ALL,
                L,
                "lowest priority sent to syslog",
            ),
            KeyDef {
                section: $s,
                name: "syslog_level",
                kind: one_of_nocase(PRIORITIES),
                default: None,
                transports: ALL,
                status: Status::Deprecated,
                checker: L,
                note: "old name of syslog_priority; write `syslog_priority` instead",
            },
            key($s, "debug", one_of(&["on", "off", "trace"]), Some("off"), ALL, L, "debug logging"),
        ]
    };
}

/// The logging keys that only work at the top level of `logging`.
macro_rules! logging_top_keys {
    ($s:expr) => {
        [
            key($s, "timestamp", one_of(&["on", "off", "hires"]), Some("hires"), ALL, L, "timestamps in log lines"),
            key($s, "fileline", one_of(ON_OFF), Some("off"), ALL, L, "source file and line in log lines"),
            key($s, "function_name", one_of(ON_OFF), Some("off"), ALL, L, "function name in log lines"),
            key($s, "blackbox", one_of(ON_OFF), Some("on"), ALL, L, "flight recorder"),
        ]
    };
}

const TOTEM: &[KeyDef] = &[
    key("totem", "version", int(U32), None, ALL, T, "protocol version; must be 2"),
    key("totem", "cluster_name", Kind::Text, None, ALL, N, "cluster name; required by qdevice, seeds udp mcastaddr"),
    key("totem", "config_version", int(U64), Some("0"), ALL, P, "configuration version; bump it on every change"),
    key(
        "totem",
        "cluster_uuid",
        Kind::Text,
        None,
        ALL,
        N,
        "cluster identifier pcs writes (0.11.3 and later); corosync stores it and does not use it",
    ),
    key("totem", "transport", one_of(&["knet", "udpu", "udp"]), Some("knet"), ALL, T, "transport"),
    key(
        "totem",
        "ip_version",
        one_of(&["ipv4", "ipv6", "ipv4-6", "ipv6-4"]),
        Some("ipv6-4"),
        ALL,
        P,
        "address family preference",
    ),
    key(
        "totem",
        "link_mode",
        one_of(&["passive", "active", "rr"]),
        Some("passive"),
        KNET,
        T,
        "how knet uses several links",
    ),
    key("totem", "crypto_model", one_of(&["nss", "openssl"]), Some("nss"), KNET, P, "crypto library"),
    key("totem", "crypto_cipher", one_of(&["none", "aes256", "aes192", "aes128"]), Some("none"), KNET, P, "encryption"),
    key(
        "totem",
        "crypto_hash",
        one_of(&["none", "md5", "sha1", "sha256", "sha384", "sha512"]),
        Some("none"),
        KNET,
        P,
        "authentication",
    ),
    key(
        "totem",
        "secauth",
        Kind::Switch { on: &["on"], off: &[] },
        Some("off"),
        KNET,
        N,
        "legacy switch: `on` means aes256 + sha256",
    ),
    key("totem", "keyfile", Kind::Path, Some("/etc/corosync/authkey"), KNET, T, "key file (128..4096 bytes)"),
    key("totem", "key", Kind::Text, None, KNET, T, "inline key; not recommended"),
    key("totem", "netmtu", int(U32), Some("1500 (udp/udpu), 65536 (knet)"), ALL, N, "maximum packet size"),
    key(
        "totem",
        "clear_node_high_bit",
        Kind::Switch { on: &["yes"], off: &[] },
        Some("no"),
        UDP | UDPU,
        N,
        "clear bit 31 of autogenerated node ids",
    ),
    KeyDef {
        section: "totem",
        name: "nodeid",
        kind: int(U32),
        default: None,
        transports: ALL,
        status: Status::Deprecated,
        checker: T,
        note: "ignored with a warning; set nodeid in each nodelist node",
    },
    old("totem", "threads", int(U32), Status::Obsolete, "no effect since corosync 2"),
    key("totem", "token", int(U32), Some("3000"), ALL, T, "token timeout (ms), at least 30"),
    key("totem", "token_coefficient", int(U32), Some("650"), ALL, N, "ms added to token per node beyond two"),
    key("totem", "token_retransmit", int(U32), Some("714"), ALL, T, "token retransmit timeout (ms), at least 30"),
    key(
        "totem",
        "token_warning",
        int_in(U32, 0, 100),
        Some("75"),
        ALL,
        T,
        "percent of token before a warning; 0 disables",
    ),
    key("totem", "hold", int(U32), Some("561"), ALL, T, "token hold timeout (ms), at least 14"),
    key("totem", "token_retransmits_before_loss_const", int(U32), Some("4"), ALL, T, "retransmits before loss"),
    key("totem", "join", int(U32), Some("50"), ALL, T, "join timeout (ms), at least 30"),
    key("totem", "send_join", int(U32), Some("0"), ALL, N, "random delay before sending join (ms)"),
    key("totem", "consensus", int(U32), Some("1.2 × token"), ALL, T, "consensus timeout (ms), at least join"),
    key("totem", "merge", int(U32), Some("200"), ALL, T, "merge detection timeout (ms)"),
    key("totem", "downcheck", int(U32), Some("1000"), ALL, T, "downcheck timeout (ms)"),
    key("totem", "fail_recv_const", int(U32), Some("2500"), ALL, N, "rotations without messages before failure"),
    key("totem", "seqno_unchanged_const", int(U32), Some("30"), ALL, N, "rotations without new messages"),
    key("totem", "heartbeat_failures_allowed", int(U32), Some("0"), ALL, N, "heartbeat failures; 0 disables"),
    key("totem", "max_network_delay", int(U32), Some("50"), ALL, T, "network delay (ms), at least 30"),
    key("totem", "window_size", int(U32), Some("50"), ALL, N, "messages per token rotation"),
    key("totem", "max_messages", int(U32), Some("17"), ALL, N, "messages per node per token; at most window_size"),
    key("totem", "miss_count_const", int(U32), Some("5"), ALL, N, "token rotations before retransmit"),
    key("totem", "knet_pmtud_interval", int(U32), Some("30"), KNET, N, "path MTU discovery interval (s)"),
    key("totem", "knet_mtu", int(U32), Some("0"), KNET, N, "knet MTU; 0 is automatic"),
    key(
        "totem",
        "knet_compression_model",
        one_of(&["zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd"]),
        Some("none (do not write it)"),
        KNET,
        P,
        "compression",
    ),
    key(
        "totem",
        "knet_compression_threshold",
        int_in(U32, 0, 65536),
        Some("0"),
        KNET,
        R,
        "smallest packet compressed (bytes)",
    ),
    key("totem", "knet_compression_level", int(I32), Some("0"), KNET, R, "model-specific compression level"),
    key(
        "totem",
        "block_unlisted_ips",
        Kind::Switch { on: &["yes"], off: &["no"] },
        Some("yes"),
        KNET | UDPU,
        N,
        "drop packets from addresses outside the nodelist",
    ),
    key(
        "totem",
        "cancel_token_hold_on_retransmit",
        Kind::Switch { on: &["yes"], off: &["no"] },
        Some("no"),
        ALL,
        N,
        "cancel token hold on retransmit",
    ),
    KeyDef {
        section: "totem",
        name: "ip_dscp",
        kind: Kind::Text,
        default: Some("0"),
        transports: ALL,
        status: Status::Current,
        checker: N,
        note: "DSCP of corosync packets; only corosync 3.1.10+ reads it",
    },
    old("totem", "vsftype", Kind::Text, Status::Obsolete, "openais/corosync 1.x virtual synchrony filter; no effect"),
    old(
        "totem",
        "rrp_mode",
        Kind::Text,
        Status::Obsolete,
        "corosync 2 redundant ring mode; use knet links and link_mode",
    ),
    old("totem", "rrp_token_expired_timeout", int(U32), Status::Obsolete, "corosync 2 rrp setting; no effect"),
    old("totem", "rrp_problem_count_timeout", int(U32), Status::Obsolete, "corosync 2 rrp setting; no effect"),
    old("totem", "rrp_problem_count_threshold", int(U32), Status::Obsolete, "corosync 2 rrp setting; no effect"),
    old("totem", "rrp_problem_count_mcast_threshold", int(U32), Status::Obsolete, "corosync 2 rrp setting; no effect"),
    old("totem", "rrp_autorecovery_check_timeout", int(U32), Status::Obsolete, "corosync 2 rrp setting; no effect"),
];

const INTERFACE: &[KeyDef] = &[
    key("totem.interface", "linknumber", int(U8), Some("0"), ALL, T, "link this block configures (0..7)"),
    old(
        "totem.interface",
        "ringnumber",
        Kind::Text,
        Status::Obsolete,
        "corosync 2 name that corosync 3 does not read (not an alias of linknumber); write `linknumber` instead",
    ),
    key("totem.interface", "bindnetaddr", Kind::Address, None, UDP, T, "udp: address or network to bind"),
    key("totem.interface", "mcastaddr", Kind::Address, None, UDP, T, "udp: multicast address"),
    key(
        "totem.interface",
        "broadcast",
        Kind::Switch { on: &["yes"], off: &[] },
        Some("no"),
        UDP,
        N,
        "udp: broadcast instead of multicast",
    ),
    key("totem.interface", "mcastport", int(U16), Some("5405 + link"), ALL, N, "port; 0 means the default"),
    key("totem.interface", "ttl", int(U8), Some("1"), UDP, T, "udp: multicast TTL"),
    key("totem.interface", "knet_link_priority", int(U8), Some("1"), KNET, T, "link priority (passive mode)"),
    key(
        "totem.interface",
        "knet_ping_interval",
        int(U32),
        Some("token ÷ (2 × pong_count)"),
        KNET,
        N,
        "ms between pings",
    ),
    key(
        "totem.interface",
        "knet_ping_timeout",
        int(U32),
        Some("token ÷ pong_count"),
        KNET,
        N,
        "ms before a link is down",
    ),
    key("totem.interface", "knet_ping_precision", int(U32), Some("2048"), KNET, N, "ping samples kept"),
    key("totem.interface", "knet_pong_count", int(U32), Some("2"), KNET, N, "pongs before a link is up"),
    key("totem.interface", "knet_transport", one_of(&["udp", "sctp"]), Some("udp"), KNET, T, "knet link protocol"),
    key("totem.interface.member", "memberaddr", Kind::Address, None, UDPU, P, "corosync 1/2 udpu member address"),
];

const NODE: &[KeyDef] = &[
    key("nodelist.node", "ringN_addr", Kind::Address, None, ALL, T, "address of the node on link N (0..7)"),
    key("nodelist.node", "nodeid", int(U32), None, ALL, T, "node id; knet: 1..65535 and required"),
    key("nodelist.node", "name", Kind::Text, None, ALL, N, "node name; required with several links"),
    key("nodelist.node", "quorum_votes", int(U32), Some("1"), ALL, R, "votes of the node"),
    old(
        "nodelist.node",
        "datacenterid",
        Kind::Text,
        Status::Ignored,
        "stored as a string, read as an integer: always 0",
    ),
];

const QUORUM: &[KeyDef] = &[
    key("quorum", "provider", one_of(&["corosync_votequorum"]), None, ALL, R, "quorum provider; unset means no quorum"),
    key(
        "quorum",
        "expected_votes",
        int(U32),
        Some("sum of quorum_votes"),
        ALL,
        R,
        "expected votes; overrides the nodelist sum",
    ),
    old("quorum", "votes", int(U32), Status::Deprecated, "only used without a nodelist; set quorum_votes per node"),
    key("quorum", "two_node", int(U8), Some("0"), ALL, R, "two-node cluster"),
    key("quorum", "wait_for_all", int(U8), Some("two_node"), ALL, R, "wait for all nodes at first start"),
    key("quorum", "last_man_standing", int(U8), Some("0"), ALL, R, "last man standing"),
    key("quorum", "last_man_standing_window", int(U32), Some("10000"), ALL, R, "last man standing window (ms)"),
    key("quorum", "auto_tie_breaker", int(U8), Some("0"), ALL, R, "auto tie breaker"),
    key("quorum", "auto_tie_breaker_node", Kind::Text, Some("lowest"), ALL, R, "lowest, highest or a list of node ids"),
    key("quorum", "allow_downscale", int(U8), Some("0"), ALL, R, "allow downscale (unsupported)"),
    key("quorum", "expected_votes_tracking", int(U8), Some("0"), ALL, R, "track the highest expected votes"),
    old("quorum", "leaving_timeout", int(U32), Status::Ignored, "parsed but never used"),
    key("quorum.device", "model", one_of(&["net"]), None, ALL, Q, "qdevice model; required"),
    key("quorum.device", "votes", int(U32), Some("nodes - 1"), ALL, R, "votes of the device"),
    key("quorum.device", "timeout", int(U32), Some("10000"), ALL, R, "qdevice timeout (ms)"),
    key("quorum.device", "sync_timeout", int(U32), Some("30000"), ALL, R, "qdevice sync timeout (ms)"),
    old("quorum.device", "master_wins", int(U8), Status::Ignored, "parsed but never used"),
    key("quorum.device.net", "host", Kind::Address, None, ALL, Q, "qnetd address; required"),
    key("quorum.device.net", "port", Kind::NumberText { min: 1, max: 65535 }, Some("5403"), ALL, Q, "qnetd port"),
    key(
        "quorum.device.net",
        "tls",
        one_of_nocase(&["on", "off", "required", "yes", "no", "1", "0"]),
        Some("on"),
        ALL,
        Q,
        "TLS",
    ),
    key(
        "quorum.device.net",
        "algorithm",
        one_of(&["ffsplit", "lms", "2nodelms", "test"]),
        Some("ffsplit"),
        ALL,
        Q,
        "decision algorithm",
    ),
    key("quorum.device.net", "tie_breaker", Kind::Text, Some("lowest"), ALL, Q, "lowest, highest or a node id"),
    key(
        "quorum.device.net",
        "connect_timeout",
        Kind::NumberText { min: 1000, max: 120000 },
        Some("0.8 × timeout"),
        ALL,
        Q,
        "connect timeout (ms)",
    ),
    key("quorum.device.net", "force_ip_version", one_of(&["0", "4", "6"]), Some("0"), ALL, Q, "address family"),
    key(
        "quorum.device.net",
        "keep_active_partition_tie_breaker",
        one_of_nocase(&["on", "off", "yes", "no", "1", "0"]),
        Some("on"),
        ALL,
        Q,
        "ffsplit tie breaker",
    ),
    key(
        "quorum.device.heuristics",
        "mode",
        one_of_nocase(&["on", "sync", "off", "yes", "no", "1", "0"]),
        Some("off"),
        ALL,
        Q,
        "heuristics mode",
    ),
    key(
        "quorum.device.heuristics",
        "timeout",
        Kind::NumberText { min: 1000, max: 120000 },
        Some("timeout ÷ 2"),
        ALL,
        Q,
        "heuristics timeout (ms)",
    ),
    key(
        "quorum.device.heuristics",
        "sync_timeout",
        Kind::NumberText { min: 1000, max: 120000 },
        Some("sync_timeout ÷ 2"),
        ALL,
        Q,
        "heuristics sync timeout (ms)",
    ),
    key(
        "quorum.device.heuristics",
        "interval",
        Kind::NumberText { min: 1000, max: 3600000 },
        Some("3 × timeout"),
        ALL,
        Q,
        "heuristics interval (ms)",
    ),
    key("quorum.device.heuristics", "exec_NAME", Kind::Text, None, ALL, Q, "a heuristics command (max 32; no `{`)"),
];

const LOGGING_TOP: [KeyDef; 14] = {
    let a = logging_keys!("logging");
    let b = logging_top_keys!("logging");
    [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], b[0], b[1], b[2], b[3]]
};
const LOGGER_SUBSYS: [KeyDef; 11] = {
    let a = logging_keys!("logging.logger_subsys");
    let s = key("logging.logger_subsys", "subsys", Kind::Text, None, ALL, L, "subsystem name (QUORUM, TOTEM, ...)");
    [s, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]]
};
const LOGGING_DAEMON: [KeyDef; 12] = {
    let a = logging_keys!("logging.logging_daemon");
    let n = key("logging.logging_daemon", "name", Kind::Text, None, ALL, P, "daemon name; `corosync` maps to logging");
    let s = key("logging.logging_daemon", "subsys", Kind::Text, None, ALL, L, "subsystem name");
    [n, s, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]]
};

const OTHER: &[KeyDef] = &[
    old("logging", "logoutput", Kind::Text, Status::Obsolete, "openais 0.x; use to_syslog, to_stderr and to_logfile"),
    old("logging", "tags", Kind::Text, Status::Obsolete, "corosync 1.x trace tags; use debug: trace"),
    old("logging.logger_subsys", "tags", Kind::Text, Status::Obsolete, "corosync 1.x trace tags; use debug: trace"),
    key("system", "qb_ipc_type", one_of(&["native", "shm", "socket"]), Some("native"), ALL, P, "libqb IPC type"),
    key("system", "sched_rr", one_of(&["yes", "no"]), Some("yes"), ALL, P, "real-time round-robin scheduling"),
    key("system", "priority", Kind::Priority, None, ALL, R, "max, min or a nice value (without sched_rr)"),
    key(
        "system",
        "move_to_root_cgroup",
        one_of(&["yes", "no", "auto"]),
        Some("auto"),
        ALL,
        P,
        "move to the root cgroup",
    ),
    key(
        "system",
        "allow_knet_handle_fallback",
        one_of(&["yes", "no"]),
        Some("no"),
        KNET,
        P,
        "fall back to a privileged knet handle",
    ),
    key("system", "state_dir", Kind::Path, Some("/var/lib/corosync"), ALL, T, "state directory (must exist)"),
    key("resources", "watchdog_device", Kind::Path, None, ALL, R, "watchdog device; off disables"),
    key("resources", "watchdog_timeout", int_in(U32, 2, 120), Some("6"), ALL, R, "watchdog timeout (s), 2..120"),
    key(
        "resources.system.memory_used",
        "poll_period",
        int_in(U64, 500, 120000),
        Some("3000"),
        ALL,
        R,
        "poll period (ms)",
    ),
    key("resources.system.memory_used", "max", Kind::Text, None, ALL, R, "threshold"),
    key("resources.system.memory_used", "recovery", Kind::Text, None, ALL, R, "recovery policy"),
    key(
        "resources.system.load_15min",
        "poll_period",
        int_in(U64, 500, 120000),
        Some("3000"),
        ALL,
        R,
        "poll period (ms)",
    ),
    key("resources.system.load_15min", "max", Kind::Text, None, ALL, R, "threshold"),
    key("resources.system.load_15min", "recovery", Kind::Text, None, ALL, R, "recovery policy"),
    key("resources.process.*", "poll_period", int_in(U64, 500, 120000), Some("3000"), ALL, R, "poll period (ms)"),
    key("resources.process.*", "recovery", Kind::Text, None, ALL, R, "recovery policy"),
    key("nozzle", "name", Kind::Text, None, KNET, R, "tap device name; enables nozzle"),
    key("nozzle", "ipaddr", Kind::Address, None, KNET, R, "device address (required)"),
    key("nozzle", "ipprefix", Kind::NumberText { min: 8, max: 64 }, None, KNET, R, "prefix length (required)"),
    key("nozzle", "macaddr", Kind::Text, Some("54:54:01:00:00:00"), KNET, R, "MAC address"),
    key("uidgid", "uid", Kind::Text, None, ALL, P, "user allowed to connect"),
    key("uidgid", "gid", Kind::Text, None, ALL, P, "group allowed to connect"),
    old("pload", "count", Kind::Text, Status::Ignored, "stored as a string; never used"),
    old("pload", "size", Kind::Text, Status::Ignored, "stored as a string; never used"),
    old(
        "cfg",
        "shutdown_timeout",
        Kind::Text,
        Status::Ignored,
        "a runtime cmap key; from the file it is a string and ignored",
    ),
    old("", "compatibility", Kind::Text, Status::Obsolete, "corosync 1.x (`whitetank`); corosync 3 ignores it"),
    old("aisexec", "user", Kind::Text, Status::Obsolete, "corosync 1.x; use uidgid"),
    old("aisexec", "group", Kind::Text, Status::Obsolete, "corosync 1.x; use uidgid"),
    old("amf", "mode", Kind::Text, Status::Obsolete, "openais AMF"),
    old("service", "name", Kind::Text, Status::Obsolete, "corosync 1.x plugin"),
    old("service", "ver", Kind::Text, Status::Obsolete, "corosync 1.x plugin"),
    old("service", "use_mgmtd", Kind::Text, Status::Obsolete, "corosync 1.x pacemaker plugin"),
    old("service", "use_logd", Kind::Text, Status::Obsolete, "corosync 1.x pacemaker plugin"),
    old("service", "clustername", Kind::Text, Status::Obsolete, "corosync 1.x plugin"),
];

/// Every known key, grouped by section.
pub static KEY_TABLES: &[&[KeyDef]] =
    &[TOTEM, INTERFACE, NODE, QUORUM, &LOGGING_TOP, &LOGGER_SUBSYS, &LOGGING_DAEMON, OTHER];

/// Every known key.
pub fn all_keys() -> impl Iterator<Item = &'static KeyDef> {
    KEY_TABLES.iter().flat_map(|t| t.iter())
}

/// Whether a section path matches a pattern (`*` matches one dotted component).
pub fn path_matches(pattern: &str, path: &str) -> bool {
    if !pattern.as_bytes().contains(&b'*') {
        return pattern == path;
    }
    let mut p = pattern.split('.');
    let mut s = path.split('.');
    loop {
        match (p.next(), s.next()) {
            (None, None) => return true,
            (Some(a), Some(b)) if a == "*" || a == b => {}
            _ => return false,
        }
    }
}

/// The link number of a `ring<N>_addr` key, read as corosync's
/// `sscanf("ring%u%s")` does: an optional sign, then decimal digits
/// (`ring00_addr` and `ring+0_addr` are link 0; `-1` wraps to 4294967295).
pub fn ring_addr_link(key: &str) -> Option<u32> {
    let rest = key.strip_prefix("ring")?.strip_suffix("_addr")?;
    let (negative, digits) = match rest.as_bytes().first() {
        Some(b'+') => (false, &rest[1..]),
        Some(b'-') => (true, &rest[1..]),
        _ => (false, rest),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // strtoul saturates at ULONG_MAX and %u then truncates; any huge number is >= 8.
    let mut n: u64 = 0;
    for d in digits.bytes() {
        n = n.saturating_mul(10).saturating_add(u64::from(d - b'0'));
    }
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    Some(if negative { n.wrapping_neg() } else { n })
}

/// The NAME of a heuristics `exec_NAME` key (corosync-qdevice ignores names containing `.`).
pub fn heuristics_exec_name(key: &str) -> Option<&str> {
    key.strip_prefix("exec_").filter(|n| !n.is_empty())
}

/// Whether `key` is an instance of the key name or pattern `name`.
pub fn key_matches(name: &str, key: &str) -> bool {
    match name {
        "ringN_addr" => ring_addr_link(key).is_some(),
        "exec_NAME" => heuristics_exec_name(key).is_some(),
        _ => name == key,
    }
}

/// The known section at `path` (dotted section names, e.g. `quorum.device.net`).
pub fn known_section(path: &str) -> Option<&'static SectionDef> {
    // The first match in catalogue order: the literal entry for `path` (if
    // any) or an earlier pattern with `*`.
    let index = SectionIndex::get();
    let literal = index.literal.get(path).copied();
    let pattern = index
        .patterns
        .iter()
        .copied()
        .take_while(|&i| literal.is_none_or(|l| i < l))
        .find(|&i| SECTIONS.get(i).is_some_and(|s| path_matches(s.path, path)));
    SECTIONS.get(pattern.or(literal)?)
}

/// [`SECTIONS`] indexed by literal path, so that [`known_section`] (called
/// for every section by several rules) need not scan the catalogue.
struct SectionIndex {
    /// Position of the first literal entry of each path.
    literal: std::collections::HashMap<&'static str, usize, BuildFnv>,
    /// Positions of the entries with `*`, in order.
    patterns: Vec<usize>,
}

impl SectionIndex {
    fn get() -> &'static SectionIndex {
        static INDEX: std::sync::OnceLock<SectionIndex> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| {
            let mut literal: std::collections::HashMap<&'static str, usize, BuildFnv> = Default::default();
            let mut patterns = Vec::new();
            for (i, s) in SECTIONS.iter().enumerate() {
                if s.path.contains('*') {
                    patterns.push(i);
                } else {
                    literal.entry(s.path).or_insert(i);
                }
            }
            SectionIndex { literal, patterns }
        })
    }
}

/// The definition of `key` in the section at `path`: the first of
/// [`all_keys`] whose name and section match.
pub fn lookup(path: &str, key: &str) -> Option<&'static KeyDef> {
    let index = KeyIndex::get();
    let named = index.by_name.get(key).map(Vec::as_slice).unwrap_or_default();
    // Both lists are in catalogue order; the first match of either wins.
    let first_named = named.iter().find(|&&i| index.matches(i, path, key));
    let first_pattern = index.patterns.iter().find(|&&i| index.matches(i, path, key));
    let first = match (first_named, first_pattern) {
        (Some(&a), Some(&b)) => a.min(b),
        (Some(&a), None) | (None, Some(&a)) => a,
        (None, None) => return None,
    };
    index.keys.get(first).copied()
}

/// The catalogue indexed by key name, so that [`lookup`] (called for every
/// line by several rules) need not scan every key.
struct KeyIndex {
    /// [`all_keys`] in order.
    keys: Vec<&'static KeyDef>,
    /// Positions in `keys` of each literal key name.
    by_name: std::collections::HashMap<&'static str, Vec<usize>, BuildFnv>,
    /// Positions in `keys` of pattern names (`ringN_addr`, `exec_NAME`).
    patterns: Vec<usize>,
}

impl KeyIndex {
    fn get() -> &'static KeyIndex {
        static INDEX: std::sync::OnceLock<KeyIndex> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| {
            let keys: Vec<&'static KeyDef> = all_keys().collect();
            let mut by_name: std::collections::HashMap<&'static str, Vec<usize>, BuildFnv> =
                std::collections::HashMap::default();
            let mut patterns = Vec::new();
            for (i, k) in keys.iter().enumerate() {
                if matches!(k.name, "ringN_addr" | "exec_NAME") {
                    patterns.push(i);
                } else {
                    by_name.entry(k.name).or_default().push(i);
                }
            }
            KeyIndex { keys, by_name, patterns }
        })
    }

    fn matches(&self, i: usize, path: &str, key: &str) -> bool {
        self.keys.get(i).is_some_and(|k| key_matches(k.name, key) && path_matches(k.section, path))
    }
}

/// FNV-1a: a fast hash for the short, trusted key names of [`KeyIndex`]
/// (the default SipHash costs more than the rest of a lookup).
#[derive(Default, Clone, Copy)]
struct BuildFnv;

/// The state of one FNV-1a hash.
struct Fnv(u64);

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Every key defined for the section at `path`.
pub fn keys_of(path: &str) -> impl Iterator<Item = &'static KeyDef> + '_ {
    all_keys().filter(move |k| path_matches(k.section, path))
}

/// Concrete key names of the section at `path`, for "did you mean"
/// (patterns are expanded: `ring0_addr`..`ring7_addr`, `exec_NAME` left out).
pub fn key_names_of(path: &str) -> Vec<&'static str> {
    const RINGS: [&str; 8] = [
        "ring0_addr",
        "ring1_addr",
        "ring2_addr",
        "ring3_addr",
        "ring4_addr",
        "ring5_addr",
        "ring6_addr",
        "ring7_addr",
    ];
    let mut out = Vec::new();
    for k in keys_of(path) {
        match k.name {
            "ringN_addr" => out.extend(RINGS),
            "exec_NAME" => {}
            n => out.push(n),
        }
    }
    out
}

/// Every section where a key named `key` is defined.
pub fn sections_with_key(key: &str) -> impl Iterator<Item = &'static KeyDef> + '_ {
    all_keys().filter(move |k| key_matches(k.name, key))
}

/// The definition of a cmap key as corosync stores it
/// (`totem.interface.0.mcastport`, `nodelist.node.2.ring0_addr`,
/// `logging.logger_subsys.QUORUM.debug`, `totem.token`).
pub fn lookup_cmap(cmap_key: &str) -> Option<&'static KeyDef> {
    let parts: Vec<&str> = cmap_key.split('.').collect();
    let (key, sections) = parts.split_last()?;
    let is_num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut path: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < sections.len() {
        let s = sections[i];
        path.push(s);
        let joined = path.join(".");
        let next = sections.get(i + 1).copied();
        match (joined.as_str(), next) {
            ("totem.interface" | "nodelist.node", Some(n)) if is_num(n) => i += 1,
            ("logging.logger_subsys" | "logging.logging_daemon", Some(_)) => i += 1,
            ("totem.interface.member", _) => return lookup("totem.interface.member", "memberaddr"),
            _ => {}
        }
        i += 1;
    }
    lookup(&path.join("."), key)
}

impl KeyDef {
    /// The dotted place of this key, e.g. `totem.interface.knet_ping_interval`.
    pub fn place(&self) -> String {
        if self.section.is_empty() { self.name.to_string() } else { format!("{}.{}", self.section, self.name) }
    }

    /// Whether the key has an effect with `transport` (`knet`, `udpu`, `udp`).
    pub fn applies_to(&self, transport: &str) -> bool {
        let bit = match transport {
            "knet" => KNET,
            "udpu" => UDPU,
            "udp" => UDP,
            _ => return true,
        };
        self.transports & bit != 0
    }
}

/// A value that does not do what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueProblem {
    /// What is wrong (one sentence fragment, e.g. "only `on` enables secauth").
    pub message: String,
    /// What corosync does with it and how to fix it.
    pub help: String,
}

fn looks_true(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "yes" | "on" | "true" | "1" | "y" | "enable" | "enabled")
}
fn looks_false(v: &str) -> bool {
    matches!(v.to_ascii_lowercase().as_str(), "no" | "off" | "false" | "0" | "n" | "disable" | "disabled")
}

/// Checks `value` of the key `def` for problems that corosync's parser does
/// not report: values of string keys that corosync silently replaces with the
/// default, enumerations checked only by the daemon, and ranges the daemon
/// enforces later. Keys checked by the parser or by corosync-qdevice are not
/// checked here (`None`).
pub fn check_value(def: &KeyDef, value: &[u8]) -> Option<ValueProblem> {
    if matches!(def.checker, Checker::Parser | Checker::Qdevice) && !matches!(def.kind, Kind::Int { .. }) {
        return None;
    }
    // `from_utf8` first: the common valid case without the lossy scan.
    let text = match std::str::from_utf8(value) {
        Ok(v) => std::borrow::Cow::Borrowed(v),
        Err(_) => String::from_utf8_lossy(value),
    };
    let v = text.as_ref();
    match def.kind {
        Kind::Int { ty, range } => {
            // `totem.config_version` has its own rule, `invalid-config-version`.
            if ty == IntKind::U64 && def.section == "totem" && def.name == "config_version" {
                return None;
            }
            if ty == IntKind::U64 && v.trim_start_matches([' ', '\t']).starts_with('-') {
                let n = crate::cmap::parse_u64(value)?;
                if n != 0 {
                    return Some(ValueProblem {
                        message: format!("`{v}` wraps around to {n}"),
                        help: "corosync reads this key with strtoull, which turns a negative number into a huge positive one; write a non-negative number".into(),
                    });
                }
                return None;
            }
            let (min, max) = range?;
            let n: i64 =
                std::str::from_utf8(value).ok()?.trim_matches([' ', '\t']).trim_start_matches('+').parse().ok()?;
            if n < min || n > max {
                let what = match (def.checker, def.default) {
                    (Checker::Totem, _) => "corosync refuses to start (`corosync -t` reports it)".to_string(),
                    (_, Some(d)) => {
                        format!("only the running daemon notices: it rejects the value and uses the default `{d}`")
                    }
                    (_, None) => "only the running daemon notices, and it rejects the value".to_string(),
                };
                return Some(ValueProblem {
                    message: format!("`{v}` is outside {min}..{max}"),
                    help: format!("{what}; use a value in {min}..{max}"),
                });
            }
            None
        }
        Kind::Enum { values, case_sensitive } => {
            let ok =
                if case_sensitive { values.contains(&v) } else { values.iter().any(|a| a.eq_ignore_ascii_case(v)) };
            if ok {
                return None;
            }
            let case_hint = if case_sensitive && values.iter().any(|a| a.eq_ignore_ascii_case(v)) {
                " (values are case-sensitive)"
            } else {
                ""
            };
            let effect = match def.checker {
                Checker::Totem | Checker::Logging => "corosync refuses to start",
                Checker::Runtime => "corosync fails when it starts, although `corosync -t` accepts it",
                _ => "the value is not recognised",
            };
            Some(ValueProblem {
                message: format!("`{v}` is not one of {}{case_hint}", values.join(", ")),
                help: format!("{effect}; use one of: {}", values.join(", ")),
            })
        }
        Kind::Switch { on, off } => {
            if on.contains(&v) || off.contains(&v) {
                return None;
            }
            let default_on = def.default.is_some_and(|d| on.contains(&d));
            let effect = if off.is_empty() {
                // strcmp against `on` only: everything else is off.
                if !looks_true(v) && (looks_false(v) || v.is_empty()) {
                    return None;
                }
                format!("corosync only enables it for `{}`; `{v}` silently means off", on.join("`/`"))
            } else {
                let d = if default_on { on.first() } else { off.first() }.copied().unwrap_or("the default");
                if (default_on && looks_true(v)) || (!default_on && looks_false(v)) {
                    format!(
                        "corosync only knows `{}`; `{v}` silently means the default `{d}`, as intended, but write `{d}`",
                        [on, off].concat().join("`/`")
                    )
                } else {
                    format!(
                        "corosync only knows `{}`; `{v}` silently means the default `{d}`",
                        [on, off].concat().join("`/`")
                    )
                }
            };
            let fix = if looks_true(v) {
                on.first().copied()
            } else if looks_false(v) {
                off.first().copied().or(Some("off"))
            } else {
                None
            };
            let fix = fix.map(|f| format!("; write `{f}`")).unwrap_or_default();
            let message = if off.is_empty() {
                format!("`{v}` does not enable it, only `{}` does", on.join("`/`"))
            } else {
                format!("`{v}` is not `{}`", [on, off].concat().join("` or `"))
            };
            Some(ValueProblem { message, help: format!("{effect}{fix}") })
        }
        Kind::Priority => {
            if v == "max" || v == "min" || v.is_empty() {
                return None;
            }
            if crate::cmap::parse_int(value, crate::cmap::IntType::I32).is_some() {
                return None;
            }
            Some(ValueProblem {
                message: format!("`{v}` is not `max`, `min` or an integer"),
                help: "corosync exits at startup with `Priority value ... is invalid` (`corosync -t` does not notice); use max, min or a number".into(),
            })
        }
        Kind::NumberText { .. } | Kind::Text | Kind::Address | Kind::Path => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_addr_keys_follow_sscanf() {
        assert_eq!(ring_addr_link("ring0_addr"), Some(0));
        assert_eq!(ring_addr_link("ring00_addr"), Some(0));
        assert_eq!(ring_addr_link("ring+1_addr"), Some(1));
        assert_eq!(ring_addr_link("ring-1_addr"), Some(u32::MAX));
        assert_eq!(ring_addr_link("ring_addr"), None);
        assert_eq!(ring_addr_link("ringx_addr"), None);
        assert_eq!(ring_addr_link("link0_addr"), None);
    }

    #[test]
    fn known_section_index_equals_a_full_scan() {
        let mut paths: Vec<String> = SECTIONS.iter().map(|s| s.path.replace('*', "x")).collect();
        paths.extend(SECTIONS.iter().map(|s| s.path.to_string()));
        paths.extend(
            ["", "totem.interface", "nodelist.node.x", "logging.logger_subsys", "nope", "quorum.device.net"]
                .map(String::from),
        );
        for p in &paths {
            let scan = SECTIONS.iter().find(|s| path_matches(s.path, p)).map(|s| s as *const SectionDef);
            assert_eq!(known_section(p).map(|s| s as *const SectionDef), scan, "{p}");
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(lookup("totem", "token").map(|k| k.default), Some(Some("3000")));
        assert!(lookup("totem", "two_node").is_none());
        assert_eq!(sections_with_key("two_node").map(|k| k.section).collect::<Vec<_>>(), vec!["quorum"]);
        assert!(lookup("nodelist.node", "ring3_addr").is_some());
        assert!(lookup("quorum.device.heuristics", "exec_ping").is_some());
        assert!(lookup("logging.logger_subsys", "timestamp").is_none());
        assert!(lookup("logging", "timestamp").is_some());
        assert!(lookup("resources.process.foo", "recovery").is_some());
        assert!(known_section("quorum.device.net").is_some());
        assert!(known_section("qb").is_none());
        assert_eq!(lookup_cmap("totem.interface.1.knet_ping_interval").map(|k| k.section), Some("totem.interface"));
        assert_eq!(lookup_cmap("nodelist.node.3.ring1_addr").map(|k| k.name), Some("ringN_addr"));
        assert_eq!(lookup_cmap("logging.logger_subsys.QUORUM.debug").map(|k| k.section), Some("logging.logger_subsys"));
        assert!(key_names_of("nodelist.node").contains(&"ring7_addr"));
    }

    #[test]
    fn value_checks() {
        let secauth = lookup("totem", "secauth").copied();
        let check = |k: Option<KeyDef>, v: &str| k.and_then(|k| check_value(&k, v.as_bytes()));
        assert!(check(secauth, "yes").is_some());
        assert!(check(secauth, "on").is_none());
        assert!(check(secauth, "off").is_none());
        assert!(check(secauth, "no").is_none());
        let block = lookup("totem", "block_unlisted_ips").copied();
        assert!(check(block, "false").is_some());
        assert!(check(block, "no").is_none());
        let transport = lookup("totem", "transport").copied();
        assert!(check(transport, "KNET").is_some());
        assert!(check(transport, "udpu").is_none());
        let prio = lookup("logging", "syslog_priority").copied();
        assert!(check(prio, "WARNING").is_none());
        assert!(check(prio, "trace").is_some());
        let tw = lookup("totem", "token_warning").copied();
        assert!(check(tw, "101").is_some());
        assert!(check(tw, "100").is_none());
        // a negative config_version is `invalid-config-version`'s business
        let cv = lookup("totem", "config_version").copied();
        assert!(check(cv, "-1").is_none());
        let poll = lookup("resources.system.memory_used", "poll_period").copied();
        if poll.is_some() {
            assert!(check(poll, "-1").is_some());
            assert!(check(poll, "-0").is_none());
        }
        // parser-checked enumerations are the parser's business
        assert!(check(lookup("totem", "crypto_cipher").copied(), "AES").is_none());
        let p = lookup("system", "priority").copied();
        assert!(check(p, "high").is_some());
        assert!(check(p, "-5").is_none());
    }
}

#[cfg(test)]
mod lookup_tests {
    use super::*;

    /// The indexed lookup gives what a scan of the whole catalogue gives.
    #[test]
    fn indexed_lookup_equals_a_full_scan() {
        let scan =
            |path: &str, key: &str| all_keys().find(|k| path_matches(k.section, path) && key_matches(k.name, key));
        let mut paths: Vec<&str> = all_keys().map(|k| k.section).collect();
        paths.extend(["totem.interface", "nodelist.node", "logging.logger_subsys", "quorum.device.net", "nowhere"]);
        let mut keys: Vec<&str> = all_keys().map(|k| k.name).collect();
        keys.extend(["ring0_addr", "ring7_addr", "ring8_addr", "exec_x", "exec_", "unknown", ""]);
        for path in &paths {
            for key in &keys {
                let expected = scan(path, key).map(|k| k as *const KeyDef);
                assert_eq!(lookup(path, key).map(|k| k as *const KeyDef), expected, "{path} / {key}");
            }
        }
    }
}
