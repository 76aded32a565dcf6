//! The local corosync, read through its own client libraries (the
//! `rust-corosync` crate over libcmap, libvotequorum, libquorum and libcfg).
//! Every read runs in a worker thread with a deadline, so a corosync that
//! does not answer cannot make `status` hang.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::Duration;

use rust_corosync as cs;

use super::state::{CmapValue, LinkState, LiveState, Member, NodeLinks, PveSnapshot, QuorumFlags, Votequorum};
use super::{LiveError, LiveSource};

/// The local corosync.
#[derive(Debug, Clone, Copy)]
pub struct Corosync {
    /// How long to wait for all the reads together.
    pub timeout: Duration,
}

impl LiveSource for Corosync {
    fn read(&self) -> Result<LiveState, LiveError> {
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read_all());
        });
        match rx.recv_timeout(self.timeout) {
            Ok(result) => result,
            Err(_) => Err(LiveError(format!(
                "corosync did not answer within {} ms (libcmap, libvotequorum, libcfg on the local node)",
                self.timeout.as_millis()
            ))),
        }
    }
}

fn fail(what: &str, e: cs::CsError) -> LiveError {
    if e == cs::CsError::CsErrLibrary {
        LiveError(format!(
            "corosync is not running or not reachable on this node ({what}: {e:?}; tried the local corosync through libcmap)"
        ))
    } else {
        LiveError(format!("cannot read the running corosync: {what} failed with {e:?}"))
    }
}

fn convert(data: &cs::cmap::Data) -> Option<CmapValue> {
    use cs::cmap::Data;
    Some(match data {
        Data::Int8(v) => CmapValue::I64(i64::from(*v)),
        Data::UInt8(v) => CmapValue::U8(*v),
        Data::Int16(v) => CmapValue::I64(i64::from(*v)),
        Data::UInt16(v) => CmapValue::U16(*v),
        Data::Int32(v) => CmapValue::I64(i64::from(*v)),
        Data::UInt32(v) => CmapValue::U32(*v),
        Data::Int64(v) => CmapValue::I64(*v),
        Data::UInt64(v) => CmapValue::U64(*v),
        Data::Float(v) => CmapValue::F64(f64::from(*v)),
        Data::Double(v) => CmapValue::F64(*v),
        Data::String(s) => CmapValue::Str(s.clone()),
        Data::Binary(b) => CmapValue::Bin(b.clone()),
        Data::Unknown => return None,
    })
}

fn read_cmap() -> Result<BTreeMap<String, CmapValue>, LiveError> {
    let handle = cs::cmap::initialize(cs::cmap::Map::Icmap).map_err(|e| fail("cmap_initialize", e))?;
    let mut out = BTreeMap::new();
    let iter = cs::cmap::CmapIterStart::new(&handle, "").map_err(|e| fail("cmap_iter_init", e))?;
    for item in iter {
        if let Some(v) = convert(item.data()) {
            out.insert(item.key_name().to_string(), v);
        }
    }
    Ok(out)
}

fn flags(bits: cs::votequorum::NodeInfoFlags) -> QuorumFlags {
    use cs::votequorum::NodeInfoFlags as F;
    QuorumFlags {
        two_node: bits.contains(F::VOTEQUORUM_INFO_TWONODE),
        quorate: bits.contains(F::VOTEQUORUM_INFO_QUORATE),
        wait_for_all: bits.contains(F::VOTEQUORUM_INFO_WAIT_FOR_ALL),
        last_man_standing: bits.contains(F::VOTEQUORUM_INFO_LAST_MAN_STANDING),
        auto_tie_breaker: bits.contains(F::VOTEQUORUM_INFO_AUTO_TIE_BREAKER),
        allow_downscale: bits.contains(F::VOTEQUORUM_INFO_ALLOW_DOWNSCALE),
        qdevice_registered: bits.contains(F::VOTEQUORUM_INFO_QDEVICE_REGISTERED),
        qdevice_alive: bits.contains(F::VOTEQUORUM_INFO_QDEVICE_ALIVE),
        qdevice_cast_vote: bits.contains(F::VOTEQUORUM_INFO_QDEVICE_CAST_VOTE),
        qdevice_master_wins: bits.contains(F::VOTEQUORUM_INFO_QDEVICE_MASTER_WINS),
    }
}

/// The joined members according to `runtime.members.<id>.status`.
fn joined(cmap: &BTreeMap<String, CmapValue>) -> Vec<u32> {
    cmap.iter()
        .filter_map(|(k, v)| {
            let id = k.strip_prefix("runtime.members.")?.strip_suffix(".status")?;
            (v.as_str() == Some("joined")).then(|| id.parse().ok()).flatten()
        })
        .collect()
}

fn read_all() -> Result<LiveState, LiveError> {
    let cmap = read_cmap()?;
    let cfg = cs::cfg::initialize(&cs::cfg::Callbacks { corosync_cfg_shutdown_callback_fn: None })
        .map_err(|e| fail("corosync_cfg_initialize", e))?;
    let local = u32::from(cs::cfg::local_get(&cfg).map_err(|e| fail("corosync_cfg_local_get", e))?);
    let vq = cs::votequorum::initialize(&cs::votequorum::Callbacks {
        quorum_notification_fn: None,
        nodelist_notification_fn: None,
        expectedvotes_notification_fn: None,
    })
    .map_err(|e| fail("votequorum_initialize", e))?;
    let info = cs::votequorum::get_info(&vq, cs::NodeId::from(local)).map_err(|e| fail("votequorum_getinfo", e))?;
    let (qh, _) = cs::quorum::initialize(
        &cs::quorum::ModelData::ModelV1(cs::quorum::Model1Data {
            flags: cs::quorum::Model1Flags::None,
            quorum_notification_fn: None,
            nodelist_notification_fn: None,
        }),
        0,
    )
    .map_err(|e| fail("quorum_initialize", e))?;
    let quorate = cs::quorum::getquorate(&qh).map_err(|e| fail("quorum_getquorate", e))?;
    let mut state = LiveState {
        source: "the local corosync (libcmap, libvotequorum, libquorum, libcfg)".into(),
        local_nodeid: local,
        cmap,
        ..LiveState::default()
    };
    let mut members = Vec::new();
    let mut total = info.qdevice_votes;
    for id in joined(&state.cmap) {
        let votes = cs::votequorum::get_info(&vq, cs::NodeId::from(id)).map(|i| i.node_votes).unwrap_or(0);
        total = total.saturating_add(votes);
        let config_version =
            state.cmap.get(&format!("runtime.members.{id}.config_version")).and_then(CmapValue::as_u64);
        members.push(Member { nodeid: id, name: None, votes, config_version });
    }
    for m in &mut members {
        m.name = Some(state.name_of(m.nodeid));
    }
    state.members = members;
    state.quorum = Votequorum {
        quorate,
        expected_votes: info.node_expected_votes,
        highest_expected: info.highest_expected,
        total_votes: total,
        quorum: info.quorum,
        flags: flags(info.flags),
        qdevice_votes: info.qdevice_votes,
        qdevice_name: info.qdevice_name.clone(),
    };
    for (id, _) in state.nodelist() {
        if id == local {
            continue;
        }
        let Ok(status) = cs::cfg::node_status_get(&cfg, cs::NodeId::from(id), cs::cfg::NodeStatusVersion::V1) else {
            continue;
        };
        let links = status
            .link_status
            .iter()
            .zip(0u32..)
            .filter(|(l, _)| l.enabled)
            .map(|(l, link)| LinkState {
                link,
                enabled: l.enabled,
                connected: l.connected,
                address: l.dst_ipaddr.clone(),
            })
            .collect();
        state.links.push(NodeLinks { nodeid: id, reachable: status.reachable, links });
    }
    state.pve = read_pve();
    Ok(state)
}

fn read_pve() -> Option<PveSnapshot> {
    let members = std::fs::read_to_string("/etc/pve/.members").ok();
    let corosync_conf = std::fs::read_to_string("/etc/pve/corosync.conf").ok();
    (members.is_some() || corosync_conf.is_some()).then_some(PveSnapshot { members, corosync_conf })
}
