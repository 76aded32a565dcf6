//! The quorum model: from the cmap view, what votequorum (corosync 3.1.7,
//! `votequorum_readconfig` and `calculate_quorum`) and corosync-qdevice would
//! compute: votes, expected votes, the quorum threshold, which special
//! features are in effect, what stops corosync at start, and how partitions
//! fare. Rules and `corolint quorum` read this instead of redoing the sums.

pub mod atb;
pub mod partition;
pub mod qdevice;

pub use atb::{AtbParse, TieBreaker, parse_atb_string};
pub use partition::{Partition, Split};
pub use qdevice::{Algorithm, Qdevice};

use crate::cmap::CmapView;
use crate::source::display_bytes;

/// The quorum provider corosync loads (`quorum.provider`, `vsf_quorum.c`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "value")]
pub enum Provider {
    /// No `quorum.provider`: no quorum at all, every partition is quorate.
    None,
    /// `corosync_votequorum`.
    Votequorum,
    /// `corosync_ykd`: the legacy provider; votequorum's keys are ignored.
    Ykd,
    /// Anything else: corosync exits at start with status 20.
    Invalid(String),
}

/// One `nodelist.node` and its votes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NodeVotes {
    /// Index under `nodelist.node.N`.
    pub index: u32,
    /// `nodeid`, when set.
    pub nodeid: Option<u32>,
    /// `name`, else `ring0_addr`, when set.
    pub name: Option<String>,
    /// `quorum_votes`, default 1.
    pub votes: u32,
    /// Whether `quorum_votes` was written.
    pub votes_explicit: bool,
}

impl NodeVotes {
    /// A short label: the name, else `nodeid N`, else `node #N`.
    pub fn label(&self) -> String {
        match (&self.name, self.nodeid) {
            (Some(n), _) => n.clone(),
            (None, Some(id)) => format!("nodeid {id}"),
            (None, None) => format!("node #{}", self.index),
        }
    }
}

/// What votequorum does at a real start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fatal {
    /// Q1: the provider is not known.
    InvalidProvider,
    /// Q3: `two_node` and a quorum device.
    TwoNodeWithQdevice,
    /// Q4: `auto_tie_breaker` and `last_man_standing` on an odd vote count without `wait_for_all`.
    AtbLmsOdd,
    /// Q7: a quorum device and `last_man_standing`.
    QdeviceLms,
    /// Q8: a quorum device and `auto_tie_breaker` (still on after Q5/Q14).
    QdeviceAtb,
    /// Q9: a quorum device and `allow_downscale`.
    QdeviceDownscale,
    /// Q10: a quorum device, `expected_votes` and no `device.votes`.
    QdeviceVotesWithExpected,
    /// Q11: a quorum device, unequal node votes and no `device.votes`.
    QdeviceVotesUnequal,
    /// Q12: `expected_votes − device.votes < 2`.
    QdeviceVotesTooHigh,
}

impl Fatal {
    /// corosync's message (the `reason` of `Service engine 'corosync_quorum' failed to load`).
    pub const fn message(self) -> &'static str {
        match self {
            Fatal::InvalidProvider => "Invalid quorum provider",
            Fatal::TwoNodeWithQdevice => {
                "configuration error: two_node and quorum device cannot be configured at the same time!"
            }
            Fatal::AtbLmsOdd => {
                "configuration error: auto_tie_breaker & last_man_standing not available in odd sized cluster"
            }
            Fatal::QdeviceLms => "configuration error: quorum.device is not compatible with last_man_standing",
            Fatal::QdeviceAtb => "configuration error: quorum.device is not compatible with auto_tie_breaker",
            Fatal::QdeviceDownscale => "configuration error: quorum.device is not compatible with allow_downscale",
            Fatal::QdeviceVotesWithExpected => {
                "configuration error: quorum.device.votes must be specified when quorum.expected_votes is set"
            }
            Fatal::QdeviceVotesUnequal => {
                "configuration error: quorum.device.votes must be specified when not all nodes votes 1"
            }
            Fatal::QdeviceVotesTooHigh => {
                "configuration error: quorum.device.votes is too high or expected_votes is too low"
            }
        }
    }

    /// The help text every rule uses for this condition: marks it fatal at start.
    pub fn help(self) -> String {
        format!("corosync exits at start (status 20): `{}`; `corosync -t` does not catch this", self.message())
    }
}

/// What votequorum logs and switches off at start without exiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Disabled {
    /// Q5: `auto_tie_breaker` switched off (odd votes, no `wait_for_all`).
    AtbOddWithoutWaitForAll,
    /// Q6: `two_node` switched off because `auto_tie_breaker` is on.
    TwoNodeByAtb,
    /// Q13: `auto_tie_breaker_node` set while `auto_tie_breaker` is 0.
    AtbNodeWithoutAtb,
    /// Q14: `auto_tie_breaker_node` not understood; `auto_tie_breaker` switched off.
    AtbNodeInvalid,
}

impl Disabled {
    /// The text corosync logs (first line).
    pub const fn log(self) -> &'static str {
        match self {
            Disabled::AtbOddWithoutWaitForAll => {
                "auto_tie_breaker is set and the cluster has an odd number of nodes. / wait_for_all needs to be set for this configuration but it is missing / Therefore auto_tie_breaker has been disabled"
            }
            Disabled::TwoNodeByAtb => {
                "two_node and auto_tie_breaker are both specified but are not compatible. / two_node has been disabled, please fix your corosync.conf"
            }
            Disabled::AtbNodeWithoutAtb => "auto_tie_breaker_node: is meaningless if auto_tie_breaker is set to 0",
            Disabled::AtbNodeInvalid => {
                "auto_tie_breaker_nodes is not valid. It must be 'lowest', 'highest' or a space-separated list of node IDs. auto_tie_breaker is disabled"
            }
        }
    }

    /// The help text rules use: marks it as a start-up log line.
    pub fn help(self) -> String {
        format!("corosync starts and logs `{}`", self.log())
    }
}

/// Everything votequorum and corosync-qdevice would compute for one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuorumModel {
    /// `quorum.provider`.
    pub provider: Provider,
    /// The nodes, in nodelist order.
    pub nodes: Vec<NodeVotes>,
    /// Σ `quorum_votes` over the nodelist (votequorum's nodelist expected votes).
    pub nodelist_votes: u64,
    /// `quorum.expected_votes` when set and non-zero (0 means unset to votequorum).
    pub expected_votes_configured: Option<u32>,
    /// The quorum device, when `quorum.device.model` is non-empty.
    pub qdevice: Option<Qdevice>,
    /// `quorum.two_node` as written (non-zero).
    pub two_node_configured: bool,
    /// `two_node` after votequorum's start-up checks (Q6 switches it off).
    pub two_node: bool,
    /// `quorum.wait_for_all` when written.
    pub wait_for_all_configured: Option<bool>,
    /// `wait_for_all` in effect (follows `two_node` when not written).
    pub wait_for_all: bool,
    /// `quorum.last_man_standing`.
    pub last_man_standing: bool,
    /// `quorum.last_man_standing_window` in ms (default 10000).
    pub last_man_standing_window: u32,
    /// `quorum.auto_tie_breaker` as written (non-zero).
    pub auto_tie_breaker_configured: bool,
    /// `quorum.auto_tie_breaker_node` parsed, when written.
    pub auto_tie_breaker_node: Option<AtbParse>,
    /// The tie-breaker in effect after votequorum's checks; `None` = ATB off.
    pub auto_tie_breaker: Option<TieBreaker>,
    /// `quorum.allow_downscale`.
    pub allow_downscale: bool,
    /// The first check that stops corosync at start, in votequorum's order.
    pub fatal: Option<Fatal>,
    /// Every fatal condition (corosync reports only the first).
    pub fatals: Vec<Fatal>,
    /// Features switched off at start with a log line.
    pub disabled: Vec<Disabled>,
    /// Expected votes when the node starts (`runtime.votequorum.ev_barrier`).
    pub expected_at_start: u64,
    /// Expected votes once every node and the qdevice vote (never below the total).
    pub expected_votes: u64,
    /// Σ node votes + qdevice votes.
    pub total_votes: u64,
    /// The quorum threshold with every node and the qdevice up.
    pub quorum: u64,
}

/// votequorum's `calculate_quorum`: max(⌊expected/2⌋+1, ⌊total/2⌋+1), or 1
/// with `two_node` while at most two members (nodes + a voting qdevice) are up.
pub fn calculate_quorum(expected: u64, total_votes: u64, members: usize, two_node: bool) -> u64 {
    if two_node && members <= 2 {
        return 1;
    }
    (expected / 2 + 1).max(total_votes / 2 + 1)
}

/// One node's keys while [`node_votes`] collects them.
struct NodeKeys {
    index: u32,
    nodeid: Option<u64>,
    votes: Option<u64>,
    name: Option<String>,
    ring0_addr: Option<String>,
}

/// Every node index under `nodelist.node.` (ascending) with its votes, id and
/// name (else `ring0_addr`), in one pass over the view. A node's keys are read
/// only under the index written the way corosync writes it (plain decimal).
fn node_votes(cmap: &CmapView) -> Vec<NodeVotes> {
    const PREFIX: &str = "nodelist.node.";
    let mut nodes: Vec<NodeKeys> = Vec::new();
    let mut position: crate::fast_hash::FastMap<u32, usize> = Default::default();
    for (key, entry) in cmap.prefixed(PREFIX) {
        let rest = key.get(PREFIX.len()..).unwrap_or_default();
        let (idx, sub) = match crate::nodes::split_at_dot(rest) {
            Some((idx, sub)) => (idx, Some(sub)),
            None => (rest, None),
        };
        let Ok(index) = idx.parse::<u32>() else {
            continue;
        };
        let at = match nodes.last() {
            Some(last) if last.index == index => nodes.len() - 1,
            _ => *position.entry(index).or_insert_with(|| {
                nodes.push(NodeKeys { index, nodeid: None, votes: None, name: None, ring0_addr: None });
                nodes.len() - 1
            }),
        };
        let canonical = idx.bytes().all(|b| b.is_ascii_digit()) && (idx.len() == 1 || !idx.starts_with('0'));
        let (Some(node), Some(sub), true) = (nodes.get_mut(at), sub, canonical) else {
            continue;
        };
        let int = || match &entry.value {
            crate::cmap::Value::Str(_) => None,
            v => v.as_u64(),
        };
        let text = || match &entry.value {
            crate::cmap::Value::Str(s) => std::str::from_utf8(s).ok().map(str::to_string),
            _ => None,
        };
        match sub {
            "nodeid" => node.nodeid = int(),
            "quorum_votes" => node.votes = int(),
            "name" => node.name = text(),
            // Only needed when there is no name (which sorts first).
            "ring0_addr" if node.name.is_none() => node.ring0_addr = text(),
            _ => {}
        }
    }
    nodes.sort_unstable_by_key(|n| n.index);
    nodes
        .into_iter()
        .map(|n| {
            let votes = n.votes.and_then(|v| u32::try_from(v).ok());
            NodeVotes {
                index: n.index,
                nodeid: n.nodeid.and_then(|v| u32::try_from(v).ok()),
                name: n.name.or(n.ring0_addr),
                votes: votes.unwrap_or(1),
                votes_explicit: votes.is_some(),
            }
        })
        .collect()
}

fn flag(cmap: &CmapView, key: &str) -> Option<bool> {
    cmap.get_int(key).map(|v| v != 0)
}

impl QuorumModel {
    /// Builds the model from what corosync would store.
    pub fn from_cmap(cmap: &CmapView) -> QuorumModel {
        let provider = match cmap.get("quorum.provider") {
            None => Provider::None,
            Some(e) => match e.value.to_bytes().as_slice() {
                b"corosync_votequorum" => Provider::Votequorum,
                b"corosync_ykd" => Provider::Ykd,
                other => Provider::Invalid(display_bytes(other)),
            },
        };
        let nodes = node_votes(cmap);
        let nodelist_votes: u64 = nodes.iter().map(|n| u64::from(n.votes)).sum();
        let node_count = nodes.len() as u64;
        let expected_votes_configured =
            cmap.get_int("quorum.expected_votes").and_then(|v| u32::try_from(v).ok()).filter(|&v| v != 0);
        let qdevice = Qdevice::from_cmap(cmap, node_count);
        let two_node_configured = flag(cmap, "quorum.two_node").unwrap_or(false);
        let wait_for_all_configured = flag(cmap, "quorum.wait_for_all");
        let last_man_standing = flag(cmap, "quorum.last_man_standing").unwrap_or(false);
        let last_man_standing_window =
            cmap.get_int("quorum.last_man_standing_window").and_then(|v| u32::try_from(v).ok()).unwrap_or(10000);
        let auto_tie_breaker_configured = flag(cmap, "quorum.auto_tie_breaker").unwrap_or(false);
        let auto_tie_breaker_node =
            cmap.get("quorum.auto_tie_breaker_node").map(|e| parse_atb_string(&e.value.to_bytes()));
        let allow_downscale = flag(cmap, "quorum.allow_downscale").unwrap_or(false);

        let mut m = QuorumModel {
            provider,
            nodes,
            nodelist_votes,
            expected_votes_configured,
            qdevice,
            two_node_configured,
            two_node: two_node_configured,
            wait_for_all_configured,
            wait_for_all: wait_for_all_configured.unwrap_or(two_node_configured),
            last_man_standing,
            last_man_standing_window,
            auto_tie_breaker_configured,
            auto_tie_breaker_node,
            auto_tie_breaker: None,
            allow_downscale,
            fatal: None,
            fatals: Vec::new(),
            disabled: Vec::new(),
            expected_at_start: 0,
            expected_votes: 0,
            total_votes: 0,
            quorum: 0,
        };
        m.readconfig();
        m
    }

    /// votequorum_readconfig (start-up), in its order.
    fn readconfig(&mut self) {
        match &self.provider {
            Provider::Invalid(_) => self.fatals.push(Fatal::InvalidProvider),
            Provider::Votequorum => {}
            Provider::None | Provider::Ykd => {
                // votequorum is not loaded: none of its keys apply.
                self.two_node = false;
                self.wait_for_all = false;
                self.last_man_standing = false;
                self.allow_downscale = false;
                self.expected_at_start = self.nodelist_votes;
                self.expected_votes = self.nodelist_votes;
                self.total_votes = self.nodelist_votes;
                self.quorum = calculate_quorum(self.nodelist_votes, self.nodelist_votes, self.nodes.len(), false);
                return;
            }
        }
        let have_qdevice = self.qdevice.is_some();
        let qdevice_votes_cfg = self.qdevice.as_ref().and_then(|q| q.votes_configured);
        let node_count = self.nodes.len() as u64;
        let expected_cfg = self.expected_votes_configured.map(u64::from);

        if self.two_node_configured && have_qdevice {
            self.fatals.push(Fatal::TwoNodeWithQdevice);
        }
        // auto_tie_breaker and its node string.
        let mut atb = None;
        if self.auto_tie_breaker_configured {
            atb = Some(TieBreaker::Lowest);
        } else if self.auto_tie_breaker_node.is_some() {
            self.disabled.push(Disabled::AtbNodeWithoutAtb);
        }
        if self.auto_tie_breaker_configured
            && let Some(p) = &self.auto_tie_breaker_node
        {
            atb = p.tie_breaker.clone();
            if atb.is_none() {
                self.disabled.push(Disabled::AtbNodeInvalid);
            }
        }
        if self.two_node && atb.is_some() {
            self.disabled.push(Disabled::TwoNodeByAtb);
            self.two_node = false;
        }
        if atb.is_some() && self.nodelist_votes % 2 == 1 && !self.wait_for_all {
            if self.last_man_standing {
                self.fatals.push(Fatal::AtbLmsOdd);
            } else {
                self.disabled.push(Disabled::AtbOddWithoutWaitForAll);
                atb = None;
            }
        }
        self.auto_tie_breaker = atb;
        if have_qdevice && self.last_man_standing {
            self.fatals.push(Fatal::QdeviceLms);
        }
        if have_qdevice && self.auto_tie_breaker.is_some() {
            self.fatals.push(Fatal::QdeviceAtb);
        }
        if have_qdevice && self.allow_downscale {
            self.fatals.push(Fatal::QdeviceDownscale);
        }
        if expected_cfg.is_some() && have_qdevice && qdevice_votes_cfg.is_none() {
            self.fatals.push(Fatal::QdeviceVotesWithExpected);
        }
        if have_qdevice && qdevice_votes_cfg.is_none() && node_count != self.nodelist_votes {
            self.fatals.push(Fatal::QdeviceVotesUnequal);
        }
        // `int delta = expected_votes - qdevice_votes` in uint32 arithmetic; an unset
        // device.votes is (uint32)-1 there, which the earlier checks already stopped.
        if let (Some(ev), Some(qv)) = (self.expected_votes_configured, qdevice_votes_cfg)
            && qv > 0
            && (ev.wrapping_sub(qv) as i32) < 2
        {
            self.fatals.push(Fatal::QdeviceVotesTooHigh);
        }
        self.fatal = self.fatals.first().copied();

        // Votes and expected votes.
        let mut node_expected = self.nodelist_votes;
        let mut qdevice_votes = u64::from(qdevice_votes_cfg.unwrap_or(0));
        if have_qdevice && qdevice_votes_cfg.is_none() && expected_cfg.is_none() && node_count == self.nodelist_votes {
            qdevice_votes = self.nodelist_votes.saturating_sub(1);
            node_expected += qdevice_votes;
        }
        if let Some(q) = &mut self.qdevice {
            q.votes = qdevice_votes;
        }
        self.expected_at_start = expected_cfg.unwrap_or(node_expected);
        self.total_votes = self.nodelist_votes + qdevice_votes;
        self.expected_votes = self.expected_at_start.max(self.total_votes);
        let members = self.nodes.len() + usize::from(qdevice_votes > 0);
        self.quorum = calculate_quorum(self.expected_votes, self.total_votes, members, self.two_node);
    }

    /// Whether votequorum is the provider (its keys only matter then).
    pub fn is_votequorum(&self) -> bool {
        self.provider == Provider::Votequorum
    }

    /// Whether all nodes have the same number of votes.
    pub fn equal_votes(&self) -> bool {
        self.nodes.windows(2).all(|w| w.first().map(|a| a.votes) == w.get(1).map(|b| b.votes))
    }

    /// Finds a node by name, ring0 address or nodeid.
    pub fn find_node(&self, key: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name.as_deref() == Some(key)).or_else(|| {
            let id: u32 = key.parse().ok()?;
            self.nodes.iter().position(|n| n.nodeid == Some(id))
        })
    }
}

#[cfg(test)]
mod tests;
