//! What a running corosync shows, as one serialisable value: the recorded
//! fixtures under `testdata/live/` are this type in JSON.

use std::collections::BTreeMap;

use crate::cmap::{CmapView, Value};

/// One cmap value as corosync holds it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CmapValue {
    /// `str`.
    Str(String),
    /// `u8`.
    U8(u8),
    /// `u16`.
    U16(u16),
    /// `u32`.
    U32(u32),
    /// `u64`.
    U64(u64),
    /// `i8`, `i16`, `i32`, `i64`.
    I64(i64),
    /// `flt`, `dbl`.
    F64(f64),
    /// `bin`, as bytes.
    Bin(Vec<u8>),
}

impl CmapValue {
    /// The value as a number, when it is one.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            CmapValue::U8(v) => Some(u64::from(*v)),
            CmapValue::U16(v) => Some(u64::from(*v)),
            CmapValue::U32(v) => Some(u64::from(*v)),
            CmapValue::U64(v) => Some(*v),
            CmapValue::I64(v) => u64::try_from(*v).ok(),
            CmapValue::Str(s) => s.parse().ok(),
            CmapValue::F64(_) | CmapValue::Bin(_) => None,
        }
    }

    /// The value as a signed number, when it is one.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            CmapValue::I64(v) => Some(*v),
            other => other.as_u64().and_then(|v| i64::try_from(v).ok()),
        }
    }

    /// The value as a string, when it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            CmapValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as the cmap view types it (`None` for types a file cannot produce).
    fn as_view_value(&self) -> Option<Value<'_>> {
        Some(match self {
            CmapValue::Str(s) => Value::Str(s.as_bytes()),
            CmapValue::U8(v) => Value::U8(*v),
            CmapValue::U16(v) => Value::U16(*v),
            CmapValue::U32(v) => Value::U32(*v),
            CmapValue::U64(v) => Value::U64(*v),
            CmapValue::I64(v) => Value::I32(i32::try_from(*v).ok()?),
            CmapValue::F64(_) | CmapValue::Bin(_) => return None,
        })
    }
}

/// votequorum's flags (`votequorum_info.flags`): what it actually runs with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct QuorumFlags {
    /// `2Node`.
    pub two_node: bool,
    /// `Quorate`.
    pub quorate: bool,
    /// `WaitForAll`.
    pub wait_for_all: bool,
    /// `LastManStanding`.
    pub last_man_standing: bool,
    /// `AutoTieBreaker`.
    pub auto_tie_breaker: bool,
    /// `AllowDownscale`.
    pub allow_downscale: bool,
    /// `QdeviceRegistered`.
    pub qdevice_registered: bool,
    /// `QdeviceAlive`.
    pub qdevice_alive: bool,
    /// `QdeviceCastVote`.
    pub qdevice_cast_vote: bool,
    /// `QdeviceMasterWins`.
    pub qdevice_master_wins: bool,
}

/// votequorum's numbers for the local node (`corosync-quorumtool -s`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Votequorum {
    /// Whether this node's partition is quorate (libquorum `getquorate`).
    pub quorate: bool,
    /// `Expected votes`.
    pub expected_votes: u32,
    /// `Highest expected`.
    pub highest_expected: u32,
    /// `Total votes`: Σ member votes + qdevice votes.
    pub total_votes: u32,
    /// `Quorum`: the threshold.
    pub quorum: u32,
    /// The flags in effect.
    pub flags: QuorumFlags,
    /// Votes of the quorum device.
    pub qdevice_votes: u32,
    /// Name of the quorum device (empty: none).
    pub qdevice_name: String,
}

/// A current member of this node's membership.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Member {
    /// Its nodeid.
    pub nodeid: u32,
    /// Its name in the running nodelist (`name`, else `ring0_addr`).
    pub name: Option<String>,
    /// Its votes (votequorum).
    pub votes: u32,
    /// `runtime.members.<id>.config_version`: the version it runs.
    pub config_version: Option<u64>,
}

/// The state of one knet link to one node (libcfg `node_status_get`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LinkState {
    /// Link number.
    pub link: u32,
    /// Configured and enabled.
    pub enabled: bool,
    /// Connected now.
    pub connected: bool,
    /// The peer's address on this link.
    #[serde(default)]
    pub address: String,
}

/// The links to one node.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NodeLinks {
    /// The node.
    pub nodeid: u32,
    /// Reachable over at least one link.
    pub reachable: bool,
    /// Its enabled links.
    pub links: Vec<LinkState>,
}

/// On Proxmox VE: what pmxcfs shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct PveSnapshot {
    /// The text of `/etc/pve/.members`, when readable.
    pub members: Option<String>,
    /// The text of `/etc/pve/corosync.conf`, when readable.
    pub corosync_conf: Option<String>,
}

/// Everything read back from one node at one moment.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LiveState {
    /// How it was read (`libcmap, libvotequorum, libquorum, libcfg` or a file name).
    pub source: String,
    /// This node's nodeid.
    pub local_nodeid: u32,
    /// The whole icmap: every key and value.
    pub cmap: BTreeMap<String, CmapValue>,
    /// votequorum.
    pub quorum: Votequorum,
    /// The members, by nodeid.
    pub members: Vec<Member>,
    /// The links to each node of the running nodelist except this one.
    pub links: Vec<NodeLinks>,
    /// Proxmox VE's pmxcfs view, on a Proxmox VE node.
    pub pve: Option<PveSnapshot>,
}

/// Key prefixes a reload re-reads from the file (ground truth §C.7 step 2), and `system.`.
pub const CONFIG_PREFIXES: &[&str] =
    &["totem.", "nodelist.", "quorum.", "logging.", "uidgid.config.", "nozzle.", "system."];

impl LiveState {
    /// `totem.config_version` this node runs (0 when unset).
    pub fn config_version(&self) -> u64 {
        self.cmap.get("totem.config_version").and_then(CmapValue::as_u64).unwrap_or(0)
    }

    /// The configuration part of the running map, as a cmap view (no spans).
    pub fn running_view(&self) -> CmapView {
        CmapView::from_values(
            self.cmap
                .iter()
                .filter(|(k, _)| CONFIG_PREFIXES.iter().any(|p| k.starts_with(p)))
                .filter_map(|(k, v)| Some((k.as_str(), v.as_view_value()?))),
        )
    }

    /// The member with `nodeid`.
    pub fn member(&self, nodeid: u32) -> Option<&Member> {
        self.members.iter().find(|m| m.nodeid == nodeid)
    }

    /// The running nodelist: (nodeid, name) in nodelist order.
    pub fn nodelist(&self) -> Vec<(u32, String)> {
        let mut out = Vec::new();
        for i in 0.. {
            let key = |k: &str| format!("nodelist.node.{i}.{k}");
            let Some(id) = self.cmap.get(&key("nodeid")).and_then(CmapValue::as_u64) else {
                if self.cmap.keys().any(|k| k.starts_with(&format!("nodelist.node.{i}."))) {
                    continue;
                }
                break;
            };
            let name = self
                .cmap
                .get(&key("name"))
                .or_else(|| self.cmap.get(&key("ring0_addr")))
                .and_then(CmapValue::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| format!("nodeid {id}"));
            out.push((u32::try_from(id).unwrap_or(u32::MAX), name));
        }
        out
    }

    /// The name of `nodeid` in the running nodelist, else `nodeid N`.
    pub fn name_of(&self, nodeid: u32) -> String {
        self.nodelist()
            .into_iter()
            .find(|(id, _)| *id == nodeid)
            .map(|(_, n)| n)
            .unwrap_or_else(|| format!("nodeid {nodeid}"))
    }

    /// A key's value, if present.
    pub fn get(&self, key: &str) -> Option<&CmapValue> {
        self.cmap.get(key)
    }
}
