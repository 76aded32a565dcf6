//! Worked examples from the ground truth (V-cases) and the arithmetic rules.

use super::*;
use crate::cmap;
use crate::syntax;

fn conf(quorum: &str, votes: &[u32]) -> String {
    let mut s = format!("totem {{\n version: 2\n cluster_name: t\n}}\nquorum {{\n{quorum}\n}}\nnodelist {{\n");
    for (i, v) in votes.iter().enumerate() {
        let id = i + 1;
        s.push_str(&format!(" node {{\n  ring0_addr: 10.0.0.{id}\n  name: n{id}\n  nodeid: {id}\n"));
        if *v != 1 {
            s.push_str(&format!("  quorum_votes: {v}\n"));
        }
        s.push_str(" }\n");
    }
    s.push_str("}\n");
    s
}

fn model(quorum: &str, votes: &[u32]) -> QuorumModel {
    let src = conf(quorum, votes);
    let parsed = syntax::parse(src.as_bytes());
    let view = cmap::build(&parsed.tree, src.as_bytes());
    assert!(parsed.errors.is_empty() && view.errors.is_empty(), "{src}");
    QuorumModel::from_cmap(&view)
}

const VQ: &str = " provider: corosync_votequorum";
const NET: &str = "  net {\n   host: 192.0.2.1\n  }";

#[test]
fn plain_majorities_for_one_to_five_nodes() {
    // (nodes, quorum, failures survived)
    for (n, q, survives) in [(1, 1, 0), (2, 2, 0), (3, 2, 1), (4, 3, 1), (5, 3, 2)] {
        let m = model(VQ, &vec![1; n]);
        assert_eq!(m.expected_votes, n as u64);
        assert_eq!(m.quorum, q, "{n} nodes");
        assert_eq!(m.survives(false), Some(survives), "{n} nodes");
    }
}

#[test]
fn even_split_freezes_both_halves_without_a_tie_breaker() {
    let m = model(VQ, &[1, 1, 1, 1]);
    let split = m.even_split(false).expect("4 nodes split 2:2");
    assert!(!split.a.quorate && !split.b.quorate);
    assert!(model(VQ, &[1, 1, 1]).even_split(false).is_none());
}

#[test]
fn v13_two_node_with_three_nodes_is_inert_until_two_remain() {
    let m = model(&format!("{VQ}\n two_node: 1"), &[1, 1, 1]);
    assert!(m.two_node && m.wait_for_all);
    assert_eq!(m.expected_at_start, 3, "ev_barrier=3");
    assert_eq!(m.quorum, 2);
    // With one node gone, two members remain and two_node drops quorum to 1.
    assert_eq!(m.without(&[0], false).quorum, 1);
    assert!(m.without(&[0, 1], false).quorate, "a lone survivor keeps quorum once two_node applies");
}

#[test]
fn v42_two_node_two_nodes() {
    let m = model(&format!("{VQ}\n two_node: 1"), &[1, 1]);
    assert_eq!(m.quorum, 1);
    assert!(m.wait_for_all, "wait_for_all follows two_node");
    assert_eq!(m.survives(false), Some(1));
    let split = m.even_split(false).expect("1:1");
    assert!(split.a.quorate && split.b.quorate, "both halves quorate: fence race");
    let explicit = model(&format!("{VQ}\n two_node: 1\n wait_for_all: 0"), &[1, 1]);
    assert!(!explicit.wait_for_all);
}

#[test]
fn v14_qdevice_automatic_votes_three_nodes() {
    let m = model(&format!("{VQ}\n device {{\n  model: net\n{NET}\n }}"), &[1, 1, 1]);
    assert_eq!(m.fatal, None);
    let q = m.qdevice.as_ref().expect("qdevice");
    assert!(q.votes_automatic());
    assert_eq!(q.votes, 2);
    assert_eq!(m.expected_at_start, 5);
    assert_eq!(m.expected_votes, 5);
    assert_eq!(m.quorum, 3);
    assert_eq!(m.survives(true), Some(2), "lms-style N-1 votes carry a lone node");
    assert_eq!(m.survives(false), Some(0), "qdevice down: 3 of 5 needed from 3 nodes");
}

#[test]
fn v41_qdevice_automatic_votes_two_nodes() {
    let m = model(&format!("{VQ}\n device {{\n  model: net\n{NET}\n }}"), &[1, 1]);
    assert_eq!(m.qdevice.as_ref().map(|q| q.votes), Some(1));
    assert_eq!(m.expected_votes, 3);
    assert_eq!(m.quorum, 2);
}

#[test]
fn v40_qdevice_explicit_votes_two_nodes() {
    let m = model(&format!("{VQ}\n device {{\n  model: net\n  votes: 1\n{NET}\n }}"), &[1, 1]);
    assert_eq!(m.expected_at_start, 2, "expected 2 until the qdevice registers");
    assert_eq!(m.expected_votes, 3);
    assert_eq!(m.quorum, 2);
    assert_eq!(m.survives(true), Some(1));
    let split = m.even_split(true).expect("1:1");
    assert!(split.a.quorate && !split.b.quorate, "ffsplit gives its vote to the lowest nodeid's half");
}

#[test]
fn v25_expected_votes_lower_than_the_nodelist() {
    let m = model(&format!("{VQ}\n expected_votes: 1"), &[1, 1, 1]);
    assert_eq!(m.expected_at_start, 1, "ev_barrier 1: a single node is quorate at start");
    assert_eq!(m.expected_votes, 3, "raised to the total once all nodes joined");
    assert_eq!(m.quorum, 2);
}

#[test]
fn expected_votes_higher_survives_fewer_failures() {
    let m = model(&format!("{VQ}\n expected_votes: 5"), &[1, 1, 1]);
    assert_eq!(m.quorum, 3);
    assert_eq!(m.survives(false), Some(0));
}

#[test]
fn v26_zero_votes() {
    let m = model(VQ, &[0, 1]);
    assert_eq!(m.nodelist_votes, 1);
    assert_eq!(m.expected_votes, 1);
    assert_eq!(m.quorum, 1);
}

#[test]
fn fatal_conditions_in_votequorum_order() {
    let dev = format!(" device {{\n  model: net\n{NET}\n }}");
    let m = model(&format!("{VQ}\n two_node: 1\n{dev}"), &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::TwoNodeWithQdevice));
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1\n last_man_standing: 1"), &[1, 1, 1]);
    assert_eq!(m.fatal, Some(Fatal::AtbLmsOdd));
    let m = model(&format!("{VQ}\n last_man_standing: 1\n{dev}"), &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::QdeviceLms));
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1\n{dev}"), &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::QdeviceAtb));
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1\n{dev}"), &[1, 1, 1]);
    assert_eq!(m.fatal, None, "Q5 switches ATB off first on an odd cluster without wait_for_all");
    let m = model(&format!("{VQ}\n allow_downscale: 1\n{dev}"), &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::QdeviceDownscale));
    let m = model(&format!("{VQ}\n expected_votes: 3\n{dev}"), &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::QdeviceVotesWithExpected));
    let m = model(&format!("{VQ}\n{dev}"), &[2, 1]);
    assert_eq!(m.fatal, Some(Fatal::QdeviceVotesUnequal));
    let m = model(&format!("{VQ}\n expected_votes: 3\n device {{\n  model: net\n  votes: 2\n{NET}\n }}"), &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::QdeviceVotesTooHigh));
    let m = model(&format!("{VQ}\n expected_votes: 4\n device {{\n  model: net\n  votes: 2\n{NET}\n }}"), &[1, 1]);
    assert_eq!(m.fatal, None, "4 - 2 = 2 is enough");
    let m = model(" provider: bogus", &[1, 1]);
    assert_eq!(m.fatal, Some(Fatal::InvalidProvider));
}

#[test]
fn features_switched_off_at_start() {
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1"), &[1, 1, 1]);
    assert_eq!(m.disabled, vec![Disabled::AtbOddWithoutWaitForAll]);
    assert_eq!(m.auto_tie_breaker, None);
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1\n wait_for_all: 1"), &[1, 1, 1]);
    assert_eq!(m.auto_tie_breaker, Some(TieBreaker::Lowest));
    let m = model(&format!("{VQ}\n two_node: 1\n auto_tie_breaker: 1"), &[1, 1]);
    assert_eq!(m.disabled, vec![Disabled::TwoNodeByAtb]);
    assert!(!m.two_node && m.wait_for_all, "wait_for_all was already set from two_node");
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1\n auto_tie_breaker_node: foo"), &[1, 1]);
    assert_eq!(m.disabled, vec![Disabled::AtbNodeInvalid]);
    let m = model(&format!("{VQ}\n auto_tie_breaker_node: lowest"), &[1, 1]);
    assert_eq!(m.disabled, vec![Disabled::AtbNodeWithoutAtb]);
}

#[test]
fn atb_decides_even_splits() {
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1"), &[1, 1, 1, 1]);
    let split = m.even_split(false).expect("2:2");
    assert!(split.a.quorate && !split.b.quorate);
    assert!(split.a.nodes.contains(&0), "the half with nodeid 1 wins");
    let m = model(&format!("{VQ}\n auto_tie_breaker: 1\n auto_tie_breaker_node: 4,1"), &[1, 1, 1, 1]);
    assert_eq!(m.auto_tie_breaker, Some(TieBreaker::List(vec![4])));
    assert!(m.without(&[0, 1], false).quorate, "nodes 3 and 4 hold the listed node 4");
    assert!(!m.without(&[2, 3], false).quorate);
}

#[test]
fn no_provider_is_always_quorate_and_ykd_is_not_modelled() {
    let m = model(" two_node: 1", &[1, 1, 1]);
    assert_eq!(m.provider, Provider::None);
    assert!(m.without(&[0, 1], false).quorate);
    assert!(!m.two_node, "votequorum keys are ignored without votequorum");
    let m = model(" provider: corosync_ykd", &[1, 1]);
    assert_eq!(m.provider, Provider::Ykd);
    assert_eq!(m.fatal, None);
}

#[test]
fn qdevice_algorithms_and_votes() {
    let lms = format!("{VQ}\n device {{\n  model: net\n  net {{\n   host: h\n   algorithm: lms\n  }}\n }}");
    let m = model(&lms, &[1, 1, 1, 1, 1]);
    assert_eq!(m.qdevice.as_ref().map(|q| q.votes), Some(4));
    assert_eq!(m.expected_votes, 9);
    assert_eq!(m.quorum, 5);
    assert_eq!(m.survives(true), Some(4));
    let two = format!("{VQ}\n device {{\n  model: net\n  net {{\n   host: h\n   algorithm: 2nodelms\n  }}\n }}");
    let m = model(&two, &[1, 1, 1]);
    assert_eq!(m.without(&[0], true).qdevice_votes, 0, "2nodelms withholds its vote with 3 nodes");
    let m = model(&format!("{VQ}\n device {{\n  model: net\n  votes: 1\n{NET}\n }}"), &[1, 1, 1, 1]);
    assert_eq!(m.quorum, 3);
    assert_eq!(m.survives(true), Some(2));
    assert_eq!(m.survives(false), Some(1));
    let split = m.even_split(true).expect("2:2");
    assert!(split.a.quorate && !split.b.quorate);
}

#[test]
fn unequal_votes_split_by_subset_sum() {
    let m = model(VQ, &[2, 1, 1]);
    let split = m.even_split(false).expect("2 vs 1+1");
    assert_eq!(split.a.node_votes, 2);
    assert_eq!(split.b.node_votes, 2);
    assert!(!split.a.quorate && !split.b.quorate);
}
