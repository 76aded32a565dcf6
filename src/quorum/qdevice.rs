//! The quorum device as votequorum and corosync-qdevice read it, and the
//! option checks corosync-qdevice makes at its own start (ground truth §B.6).

use crate::cmap::{CmapView, IntType, Value, parse_int};
use crate::source::display_bytes;

/// `quorum.device.net.algorithm`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Algorithm {
    /// `ffsplit` (the default): a tie-breaker for 50:50 splits; needs `votes: 1`.
    Ffsplit,
    /// `lms`: last man standing; the qdevice keeps any single connected partition quorate.
    Lms,
    /// `2nodelms`: lms for exactly two nodes.
    #[serde(rename = "2nodelms")]
    TwoNodeLms,
    /// `test`: needs a qdevice advanced setting.
    Test,
    /// Anything else: corosync-qdevice refuses to start.
    Unknown(String),
}

impl Algorithm {
    /// Parses the value (case-sensitive, like corosync-qdevice).
    pub fn parse(s: &[u8]) -> Algorithm {
        match s {
            b"ffsplit" => Algorithm::Ffsplit,
            b"lms" => Algorithm::Lms,
            b"2nodelms" => Algorithm::TwoNodeLms,
            b"test" => Algorithm::Test,
            other => Algorithm::Unknown(display_bytes(other)),
        }
    }

    /// The name as written in corosync.conf.
    pub fn name(&self) -> &str {
        match self {
            Algorithm::Ffsplit => "ffsplit",
            Algorithm::Lms => "lms",
            Algorithm::TwoNodeLms => "2nodelms",
            Algorithm::Test => "test",
            Algorithm::Unknown(s) => s,
        }
    }
}

/// `quorum.device.net.tie_breaker` (qnetd's choice in a 50:50 split).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QdeviceTieBreaker {
    /// The partition with the lowest nodeid (default).
    Lowest,
    /// The partition with the highest nodeid.
    Highest,
    /// The partition holding this nodeid.
    Node(u32),
}

/// A configured quorum device (`quorum.device.model` non-empty).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Qdevice {
    /// `quorum.device.model`.
    pub model: String,
    /// `quorum.device.votes` as written. corosync reads 4294967295 as "unset".
    pub votes_configured: Option<u32>,
    /// The votes votequorum gives the device (explicit, or automatic N−1, else 0).
    pub votes: u64,
    /// `quorum.device.net.algorithm` (default ffsplit).
    pub algorithm: Algorithm,
    /// Whether `algorithm` was written.
    pub algorithm_explicit: bool,
    /// `quorum.device.net.tie_breaker` when valid (default lowest).
    pub tie_breaker: QdeviceTieBreaker,
    /// `quorum.device.net.host` when non-empty.
    pub host: Option<String>,
}

impl Qdevice {
    /// The device, if votequorum sees one (non-empty model).
    pub fn from_cmap(cmap: &CmapView, _node_count: u64) -> Option<Qdevice> {
        let model = cmap.get("quorum.device.model")?.value.to_bytes();
        if model.is_empty() {
            return None;
        }
        let votes_configured =
            cmap.get_int("quorum.device.votes").and_then(|v| u32::try_from(v).ok()).filter(|&v| v != u32::MAX);
        let algorithm_bytes = cmap.get_bytes("quorum.device.net.algorithm");
        let algorithm = algorithm_bytes.as_deref().map(Algorithm::parse).unwrap_or(Algorithm::Ffsplit);
        let tie_breaker = cmap
            .get_bytes("quorum.device.net.tie_breaker")
            .and_then(|v| parse_tie_breaker(&v))
            .unwrap_or(QdeviceTieBreaker::Lowest);
        Some(Qdevice {
            model: display_bytes(&model),
            votes_configured,
            votes: 0,
            algorithm,
            algorithm_explicit: algorithm_bytes.is_some(),
            tie_breaker,
            host: cmap.get_str("quorum.device.net.host").filter(|h| !h.is_empty()).map(str::to_string),
        })
    }

    /// Whether the votes were computed by votequorum (N−1) rather than written.
    pub fn votes_automatic(&self) -> bool {
        self.votes_configured.is_none()
    }
}

/// qdevice's bool words (`utils_parse_bool_str`), case-insensitive.
pub fn parse_bool(s: &[u8]) -> Option<bool> {
    let s = s.to_ascii_lowercase();
    match s.as_slice() {
        b"on" | b"yes" | b"1" => Some(true),
        b"off" | b"no" | b"0" => Some(false),
        _ => None,
    }
}

/// A base-10 number in `min..=max`, as qdevice's `strtonum` reads it.
pub fn parse_ranged(s: &[u8], min: i64, max: i64) -> Option<i64> {
    let v = match parse_int(s, IntType::I32)? {
        Value::I32(v) => i64::from(v),
        _ => return None,
    };
    (min..=max).contains(&v).then_some(v)
}

/// `tie_breaker`: `lowest`, `highest` or a nodeid 1..4294967295.
pub fn parse_tie_breaker(s: &[u8]) -> Option<QdeviceTieBreaker> {
    match s {
        b"lowest" => Some(QdeviceTieBreaker::Lowest),
        b"highest" => Some(QdeviceTieBreaker::Highest),
        other => match parse_int(other, IntType::U32)? {
            Value::U32(0) => None,
            Value::U32(n) => Some(QdeviceTieBreaker::Node(n)),
            _ => None,
        },
    }
}

/// One bad value under `quorum.device`, found by [`check_options`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionProblem {
    /// The cmap key.
    pub key: String,
    /// What is wrong (one sentence, no period).
    pub message: String,
    /// What corosync-qdevice does and what to write instead.
    pub help: String,
    /// Whether corosync-qdevice refuses to start (otherwise it warns and carries on).
    pub fatal: bool,
}

fn problem(key: &str, message: String, help: &str, fatal: bool) -> OptionProblem {
    let prefix = if fatal { "corosync-qdevice refuses to start" } else { "corosync-qdevice warns" };
    OptionProblem { key: key.to_string(), message, help: format!("{prefix}: {help}"), fatal }
}

/// Maximum number of `heuristics.exec_*` entries qdevice runs.
pub const MAX_HEURISTICS_EXECS: usize = 32;

/// The per-key checks corosync-qdevice makes at its start.
pub fn check_options(cmap: &CmapView) -> Vec<OptionProblem> {
    let mut out = Vec::new();
    let val = |k: &str| cmap.get_bytes(k);
    let show = |v: &[u8]| display_bytes(v);
    if let Some(m) = val("quorum.device.model")
        && !m.is_empty()
        && m != b"net"
    {
        out.push(problem(
            "quorum.device.model",
            format!("quorum.device.model is `{}`; the only model is `net`", show(&m)),
            &format!("`Configured device model {} is not supported.`; write `model: net`", show(&m)),
            true,
        ));
    }
    let ranged = |out: &mut Vec<OptionProblem>, key: &str, min: i64, max: i64, msg: &str| {
        if let Some(v) = val(key)
            && parse_ranged(&v, min, max).is_none()
        {
            out.push(problem(
                key,
                format!("{key} is `{}`, not a number in {min}..{max}", show(&v)),
                &format!("`{msg}`"),
                true,
            ));
        }
    };
    ranged(&mut out, "quorum.device.net.port", 1, 65535, "quorum.device.net.port must be in range 1-65535");
    ranged(
        &mut out,
        "quorum.device.net.connect_timeout",
        1000,
        120000,
        "connect_timeout must be valid number in range <1000,120000>",
    );
    ranged(
        &mut out,
        "quorum.device.heuristics.timeout",
        1000,
        120000,
        "heuristics.timeout must be valid number in range <1000,120000>",
    );
    ranged(
        &mut out,
        "quorum.device.heuristics.sync_timeout",
        1000,
        120000,
        "heuristics.sync_timeout must be valid number in range <1000,120000>",
    );
    ranged(
        &mut out,
        "quorum.device.heuristics.interval",
        1000,
        3600000,
        "heuristics.interval must be valid number in range <1000,3600000>",
    );
    if let Some(v) = val("quorum.device.net.tls") {
        let ok = v.eq_ignore_ascii_case(b"required") || parse_bool(&v).is_some();
        if !ok {
            out.push(problem(
                "quorum.device.net.tls",
                format!("quorum.device.net.tls is `{}`; it must be on, off or required", show(&v)),
                "`quorum.device.net.tls value is not valid.`",
                true,
            ));
        }
    }
    if let Some(v) = val("quorum.device.net.algorithm") {
        match Algorithm::parse(&v) {
            Algorithm::Unknown(a) => {
                let hint = crate::suggest::closest(&a.to_ascii_lowercase(), ["ffsplit", "lms", "2nodelms"])
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                out.push(problem(
                    "quorum.device.net.algorithm",
                    format!("quorum.device.net.algorithm is `{a}`; it must be ffsplit, lms or 2nodelms"),
                    &format!("`Unknown decision algorithm {a}` (names are case-sensitive){hint}"),
                    true,
                ));
            }
            Algorithm::Test => out.push(problem(
                "quorum.device.net.algorithm",
                "quorum.device.net.algorithm is `test`, a debugging algorithm".to_string(),
                "it is refused unless started with `-S net_test_algorithm_enabled=on`; use ffsplit or lms",
                true,
            )),
            _ => {}
        }
    }
    if let Some(v) = val("quorum.device.net.tie_breaker")
        && parse_tie_breaker(&v).is_none()
    {
        out.push(problem(
            "quorum.device.net.tie_breaker",
            format!("quorum.device.net.tie_breaker is `{}`; it must be lowest, highest or a nodeid", show(&v)),
            "`tie_breaker must be lowest|highest|valid_node_id`",
            true,
        ));
    }
    if let Some(v) = val("quorum.device.net.force_ip_version")
        && !matches!(v.as_slice(), b"0" | b"4" | b"6")
    {
        out.push(problem(
            "quorum.device.net.force_ip_version",
            format!("quorum.device.net.force_ip_version is `{}`; it must be 0, 4 or 6", show(&v)),
            "`force_ip_version must be one of 0|4|6`",
            true,
        ));
    }
    if let Some(v) = val("quorum.device.net.keep_active_partition_tie_breaker")
        && parse_bool(&v).is_none()
    {
        out.push(problem(
            "quorum.device.net.keep_active_partition_tie_breaker",
            format!("quorum.device.net.keep_active_partition_tie_breaker is `{}`; it must be on or off", show(&v)),
            "`quorum.device.net.keep_active_partition_tie_breaker value is not valid.`",
            true,
        ));
    }
    let mode = val("quorum.device.heuristics.mode");
    let mut mode_on = false;
    if let Some(v) = &mode {
        if v.eq_ignore_ascii_case(b"sync") {
            mode_on = true;
        } else if let Some(b) = parse_bool(v) {
            mode_on = b;
        } else {
            out.push(problem(
                "quorum.device.heuristics.mode",
                format!("quorum.device.heuristics.mode is `{}`; it must be on, sync or off", show(v)),
                "`quorum.device.heuristics.mode value is not valid.`",
                true,
            ));
        }
    }
    let execs: Vec<(&str, Vec<u8>)> =
        cmap.prefixed("quorum.device.heuristics.exec_").map(|(k, e)| (k, e.value.to_bytes())).collect();
    let mut good_execs = 0;
    for (key, value) in &execs {
        let name = key.strip_prefix("quorum.device.heuristics.exec_").unwrap_or("");
        if name.is_empty() || name.contains('.') {
            out.push(problem(
                key,
                format!("{key} is not a valid heuristics exec name"),
                &format!("`{key} is not correct heuristics exec name. Ignoring`; use exec_NAME with NAME free of dots"),
                false,
            ));
        } else if !value.is_empty() {
            good_execs += 1;
        }
    }
    if execs.len() > MAX_HEURISTICS_EXECS {
        let key = execs.last().map(|(k, _)| *k).unwrap_or("quorum.device.heuristics");
        out.push(problem(
            key,
            format!("{} heuristics exec entries; qdevice runs at most {MAX_HEURISTICS_EXECS}", execs.len()),
            &format!("`Too much ({}) heuristics execs defined (max is 32). Disabling heuristics.`", execs.len()),
            false,
        ));
    }
    if mode_on && good_execs == 0 {
        out.push(problem(
            "quorum.device.heuristics.mode",
            "quorum.device.heuristics.mode is on but no exec_ command is defined".to_string(),
            "heuristics are effectively disabled; add `exec_NAME: COMMAND` or set `mode: off`",
            false,
        ));
    }
    out
}
