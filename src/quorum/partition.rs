//! What-if partitions: which sets of nodes keep quorum once the cluster has
//! been fully up (so expected votes and the threshold are at their steady values).

use super::qdevice::QdeviceTieBreaker;
use super::{Algorithm, Provider, QuorumModel, TieBreaker, calculate_quorum};

/// The verdict for one partition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Partition {
    /// Indices (into [`QuorumModel::nodes`]) of the nodes in the partition.
    pub nodes: Vec<usize>,
    /// Node votes in the partition.
    pub node_votes: u64,
    /// Votes the qdevice gives this partition.
    pub qdevice_votes: u64,
    /// The threshold that applies to it.
    pub quorum: u64,
    /// Whether it is quorate.
    pub quorate: bool,
    /// Why, when it is not the plain "votes ≥ quorum" (two_node, ATB, no provider).
    pub reason: Option<String>,
}

/// The two halves of an even split.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Split {
    /// The half with the tie-breaker node (lowest nodeid unless configured otherwise).
    pub a: Partition,
    /// The other half.
    pub b: Partition,
}

impl QuorumModel {
    /// Whether the qdevice gives its votes to a lone surviving partition of `members` nodes.
    fn qdevice_votes_alone(&self, members: usize) -> u64 {
        let Some(q) = &self.qdevice else { return 0 };
        if members == 0 {
            return 0;
        }
        match q.algorithm {
            Algorithm::TwoNodeLms if self.nodes.len() != 2 => 0,
            Algorithm::Unknown(_) => 0,
            _ => q.votes,
        }
    }

    /// The tie-breaker node of qnetd in a 50:50 split (by index).
    fn qdevice_tie_node(&self) -> Option<usize> {
        let q = self.qdevice.as_ref()?;
        match q.tie_breaker {
            QdeviceTieBreaker::Lowest => self.extreme_node(false),
            QdeviceTieBreaker::Highest => self.extreme_node(true),
            QdeviceTieBreaker::Node(id) => self.nodes.iter().position(|n| n.nodeid == Some(id)),
        }
    }

    fn extreme_node(&self, highest: bool) -> Option<usize> {
        let with_ids = self.nodes.iter().enumerate().filter_map(|(i, n)| n.nodeid.map(|id| (id, i)));
        if highest { with_ids.max().map(|(_, i)| i) } else { with_ids.min().map(|(_, i)| i) }
    }

    /// votequorum's `check_auto_tie_breaker` with every node in the previous membership.
    fn atb_winner(&self) -> Option<usize> {
        match self.auto_tie_breaker.as_ref()? {
            TieBreaker::Lowest => self.extreme_node(false),
            TieBreaker::Highest => self.extreme_node(true),
            TieBreaker::List(ids) => {
                ids.iter().find_map(|&id| self.nodes.iter().position(|n| n.nodeid.is_some_and(|x| i64::from(x) == id)))
            }
        }
    }

    /// Evaluates `up` (node indices) as a partition receiving `qdevice_votes`.
    pub fn evaluate(&self, up: &[usize], qdevice_votes: u64) -> Partition {
        let node_votes: u64 = up.iter().filter_map(|&i| self.nodes.get(i)).map(|n| u64::from(n.votes)).sum();
        let winner = self.atb_winner().filter(|w| up.contains(w));
        let (quorum, quorate, reason) = self.verdict(node_votes, up.len(), qdevice_votes, winner);
        Partition { nodes: up.to_vec(), node_votes, qdevice_votes, quorum, quorate, reason }
    }

    /// The threshold, verdict and reason for a partition of `up_len` nodes
    /// holding `node_votes` and receiving `qdevice_votes`; `winner` is the
    /// auto_tie_breaker winner if the partition holds it.
    fn verdict(
        &self,
        node_votes: u64,
        up_len: usize,
        qdevice_votes: u64,
        winner: Option<usize>,
    ) -> (u64, bool, Option<String>) {
        let votes = node_votes + qdevice_votes;
        let members = up_len + usize::from(qdevice_votes > 0);
        match &self.provider {
            Provider::None => {
                return (0, up_len > 0, Some("no quorum provider: every partition is quorate".into()));
            }
            Provider::Ykd | Provider::Invalid(_) => return (0, false, Some("not modelled for this provider".into())),
            Provider::Votequorum => {}
        }
        if self.fatal.is_some() {
            return (0, false, Some("corosync does not start".into()));
        }
        // Quorum never decreases (allow_decrease = 0) below the full cluster's,
        // except for the two_node override.
        let mut quorum = calculate_quorum(self.expected_votes, votes, members, self.two_node).max(self.quorum);
        let mut reason = None;
        if self.two_node && members <= 2 {
            quorum = 1;
            reason = Some("two_node: quorum is 1 while at most 2 members are up".into());
        }
        let mut quorate = up_len > 0 && votes >= quorum;
        if !quorate
            && up_len > 0
            && votes == self.expected_votes / 2
            && let Some(winner) = winner
        {
            quorate = true;
            reason = Some(format!(
                "auto_tie_breaker: exactly half the votes and it holds {}",
                self.nodes.get(winner).map(|n| n.label()).unwrap_or_default()
            ));
        }
        (quorum, quorate, reason)
    }

    /// The partition left when the nodes in `down` fail (the qdevice up or not).
    pub fn without(&self, down: &[usize], qdevice_up: bool) -> Partition {
        let mut is_down = vec![false; self.nodes.len()];
        for &i in down {
            if let Some(d) = is_down.get_mut(i) {
                *d = true;
            }
        }
        let up: Vec<usize> = (0..self.nodes.len()).filter(|&i| !is_down.get(i).copied().unwrap_or(false)).collect();
        let qv = if qdevice_up { self.qdevice_votes_alone(up.len()) } else { 0 };
        self.evaluate(&up, qv)
    }

    /// How many simultaneous node failures always leave a quorate partition.
    /// `None` when the cluster is not quorate even with every node up.
    pub fn survives(&self, qdevice_up: bool) -> Option<usize> {
        let n = self.nodes.len();
        if !self.without(&[], qdevice_up).quorate {
            return None;
        }
        let mut survived = 0;
        if n <= 16 {
            for k in 1..=n {
                if !subsets(n, k).all(|down| self.without(&down, qdevice_up).quorate) {
                    break;
                }
                survived = k;
            }
            return Some(survived);
        }
        // Large clusters: the worst case removes the nodes with the most
        // votes. The nodes are sorted once and each step removes one more,
        // so the whole loop is O(n log n) (it was O(n³)).
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(self.nodes.get(i).map(|x| x.votes)));
        let all_votes: u64 = self.nodes.iter().map(|x| u64::from(x.votes)).sum();
        let winner = self.atb_winner();
        let mut removed_votes = 0u64;
        let mut winner_down = false;
        for (k, &gone) in order.iter().enumerate() {
            removed_votes += self.nodes.get(gone).map_or(0, |x| u64::from(x.votes));
            winner_down |= winner == Some(gone);
            let up = n - (k + 1);
            let qv = if qdevice_up { self.qdevice_votes_alone(up) } else { 0 };
            let (_, quorate, _) = self.verdict(all_votes - removed_votes, up, qv, winner.filter(|_| !winner_down));
            if !quorate {
                break;
            }
            survived = k + 1;
        }
        Some(survived)
    }

    /// An even split of the node votes into two halves, if one exists, with
    /// the qdevice (if any, and up) voting for the side with its tie-breaker node.
    pub fn even_split(&self, qdevice_up: bool) -> Option<Split> {
        if self.nodelist_votes == 0 || self.nodelist_votes % 2 == 1 || self.nodes.len() < 2 {
            return None;
        }
        let half_set = self.half_votes_subset()?;
        let mut in_half = vec![false; self.nodes.len()];
        for &i in &half_set {
            if let Some(h) = in_half.get_mut(i) {
                *h = true;
            }
        }
        let other: Vec<usize> = (0..self.nodes.len()).filter(|&i| !in_half.get(i).copied().unwrap_or(false)).collect();
        let tie = self.qdevice_tie_node().or_else(|| self.extreme_node(false)).unwrap_or(0);
        let (a_nodes, b_nodes) =
            if in_half.get(tie).copied().unwrap_or(false) { (half_set, other) } else { (other, half_set) };
        let qv = match &self.qdevice {
            Some(q) if qdevice_up => match q.algorithm {
                Algorithm::TwoNodeLms if self.nodes.len() != 2 => 0,
                Algorithm::Unknown(_) => 0,
                _ => q.votes,
            },
            _ => 0,
        };
        Some(Split { a: self.evaluate(&a_nodes, qv), b: self.evaluate(&b_nodes, 0) })
    }

    /// A set of nodes holding exactly half the node votes (first half in nodelist
    /// order when votes are equal; subset sum otherwise).
    fn half_votes_subset(&self) -> Option<Vec<usize>> {
        let target = self.nodelist_votes / 2;
        if self.equal_votes() {
            return (self.nodes.len() % 2 == 0).then(|| (0..self.nodes.len() / 2).collect());
        }
        if target > 100_000 || self.nodes.len() > 64 {
            return None;
        }
        let t = usize::try_from(target).ok()?;
        // from[s] = Some((node, previous sum)) for the first way to reach s.
        let mut from: Vec<Option<(usize, usize)>> = vec![None; t + 1];
        let mut reach = vec![false; t + 1];
        if let Some(r) = reach.first_mut() {
            *r = true;
        }
        for (i, node) in self.nodes.iter().enumerate() {
            let v = usize::try_from(node.votes).ok()?;
            if v == 0 {
                continue;
            }
            for s in (v..=t).rev() {
                if !reach.get(s).copied().unwrap_or(true) && reach.get(s - v).copied().unwrap_or(false) {
                    if let Some(slot) = reach.get_mut(s) {
                        *slot = true;
                    }
                    if let Some(slot) = from.get_mut(s) {
                        *slot = Some((i, s - v));
                    }
                }
            }
        }
        if !reach.get(t).copied().unwrap_or(false) {
            return None;
        }
        let mut out = Vec::new();
        let mut s = t;
        while s > 0 {
            let (i, prev) = from.get(s).copied().flatten()?;
            out.push(i);
            s = prev;
        }
        out.sort_unstable();
        Some(out)
    }
}

/// Every `k`-subset of `0..n`, in lexicographic order.
fn subsets(n: usize, k: usize) -> impl Iterator<Item = Vec<usize>> {
    let mut current: Option<Vec<usize>> = (k <= n).then(|| (0..k).collect());
    std::iter::from_fn(move || {
        let out = current.clone()?;
        // Advance to the next combination.
        let mut next = out.clone();
        let mut i = k;
        loop {
            if i == 0 {
                current = None;
                break;
            }
            i -= 1;
            if next.get(i).copied().unwrap_or(n) < n - k + i {
                if let Some(x) = next.get_mut(i) {
                    *x += 1;
                }
                for j in i + 1..k {
                    let prev = next.get(j - 1).copied().unwrap_or(0);
                    if let Some(x) = next.get_mut(j) {
                        *x = prev + 1;
                    }
                }
                current = Some(next);
                break;
            }
        }
        Some(out)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn subsets_enumerate_combinations() {
        let all: Vec<Vec<usize>> = super::subsets(4, 2).collect();
        assert_eq!(all, vec![vec![0, 1], vec![0, 2], vec![0, 3], vec![1, 2], vec![1, 3], vec![2, 3]]);
        assert_eq!(super::subsets(3, 0).count(), 1);
        assert_eq!(super::subsets(3, 3).count(), 1);
    }
}
