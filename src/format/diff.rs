//! Unified diffs of byte files (the `similar` line diff, printed with
//! `--- a/PATH` / `+++ b/PATH` headers); bytes are written as they are.
//!
//! Myers' algorithm takes time proportional to lines × differences, which is
//! quadratic when most lines change (a file reformatted throughout). Inputs
//! of up to [`MYERS_LINES`] lines get the plain Myers diff; longer ones are
//! cut at their common prefix and suffix and at lines that occur once in
//! each (patience anchors), and each gap between anchors gets Myers if it is
//! at most [`MYERS_LINES`] lines and is shown as replaced otherwise: linear
//! time, with the same output as Myers wherever Myers is cheap.

use std::collections::HashMap;

use similar::{Algorithm, DiffOp, DiffTag, capture_diff_slices, group_diff_ops};

/// The most lines (old + new) diffed with plain Myers in one piece.
const MYERS_LINES: usize = 2000;

fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

fn range(start: usize, len: usize) -> String {
    // Unified diff: an empty range is shown at the line before it.
    match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        n => format!("{},{n}", start + 1),
    }
}

fn push_line(out: &mut Vec<u8>, sign: u8, line: &[u8]) {
    out.push(sign);
    out.extend_from_slice(line);
    if !line.ends_with(b"\n") {
        out.extend_from_slice(b"\n\\ No newline at end of file\n");
    }
}

/// A unified diff from `old` to `new` with 3 lines of context; empty when equal.
pub fn unified(old: &[u8], new: &[u8], old_name: &str, new_name: &str) -> Vec<u8> {
    let a = lines(old);
    let b = lines(new);
    let ops = if a.len() + b.len() <= MYERS_LINES {
        capture_diff_slices(Algorithm::Myers, &a, &b)
    } else {
        bounded_ops(&a, &b)
    };
    let groups = group_diff_ops(ops, 3);
    let mut out = Vec::new();
    if groups.is_empty() {
        return out;
    }
    out.extend_from_slice(format!("--- {old_name}\n+++ {new_name}\n").as_bytes());
    for group in groups {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old_start = first.old_range().start;
        let new_start = first.new_range().start;
        let old_len = last.old_range().end - old_start;
        let new_len = last.new_range().end - new_start;
        out.extend_from_slice(
            format!("@@ -{} +{} @@\n", range(old_start, old_len), range(new_start, new_len)).as_bytes(),
        );
        for op in &group {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            let old_lines = a.get(old_range).unwrap_or_default();
            let new_lines = b.get(new_range).unwrap_or_default();
            let (minus, plus): (&[&[u8]], &[&[u8]]) = match tag {
                DiffTag::Equal => {
                    for line in old_lines {
                        push_line(&mut out, b' ', line);
                    }
                    continue;
                }
                DiffTag::Delete => (old_lines, &[]),
                DiffTag::Insert => (&[], new_lines),
                DiffTag::Replace => (old_lines, new_lines),
            };
            for line in minus {
                push_line(&mut out, b'-', line);
            }
            for line in plus {
                push_line(&mut out, b'+', line);
            }
        }
    }
    out
}

/// The diff operations of `a` → `b` in linear time (see the module docs).
fn bounded_ops(a: &[&[u8]], b: &[&[u8]]) -> Vec<DiffOp> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(DiffOp::Equal { old_index: 0, new_index: 0, len: prefix });
    }
    let (mut at_a, mut at_b) = (0, 0);
    for (anchor_a, anchor_b) in anchors(mid_a, mid_b).into_iter().chain([(mid_a.len(), mid_b.len())]) {
        gap(&mut ops, &mid_a[at_a..anchor_a], &mid_b[at_b..anchor_b], prefix + at_a, prefix + at_b);
        if anchor_a < mid_a.len() {
            ops.push(DiffOp::Equal { old_index: prefix + anchor_a, new_index: prefix + anchor_b, len: 1 });
        }
        (at_a, at_b) = (anchor_a + 1, anchor_b + 1);
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal { old_index: a.len() - suffix, new_index: b.len() - suffix, len: suffix });
    }
    ops
}

/// Lines that occur exactly once in `a` and once in `b`, as index pairs
/// increasing in both (the longest such chain, found in O(n log n)).
fn anchors(a: &[&[u8]], b: &[&[u8]]) -> Vec<(usize, usize)> {
    let mut seen: HashMap<&[u8], (usize, usize, usize, usize)> = HashMap::new();
    for (i, line) in a.iter().enumerate() {
        let e = seen.entry(line).or_insert((0, i, 0, 0));
        e.0 += 1;
    }
    for (j, line) in b.iter().enumerate() {
        if let Some(e) = seen.get_mut(line) {
            e.2 += 1;
            e.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> =
        seen.into_values().filter(|&(na, _, nb, _)| na == 1 && nb == 1).map(|(_, i, _, j)| (i, j)).collect();
    pairs.sort_unstable();
    // Longest increasing subsequence of the `b` indices (patience sorting).
    let mut tails: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs.get(t).is_some_and(|p| p.1 < j));
        back[k] = pos.checked_sub(1).and_then(|p| tails.get(p).copied());
        if pos == tails.len() {
            tails.push(k);
        } else if let Some(t) = tails.get_mut(pos) {
            *t = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied();
    while let Some(i) = k {
        if let Some(&p) = pairs.get(i) {
            chain.push(p);
        }
        k = back.get(i).copied().flatten();
    }
    chain.reverse();
    chain
}

/// The operations for one gap between anchors, at `old_at`/`new_at`.
fn gap(ops: &mut Vec<DiffOp>, a: &[&[u8]], b: &[&[u8]], old_at: usize, new_at: usize) {
    match (a.len(), b.len()) {
        (0, 0) => {}
        (0, n) => ops.push(DiffOp::Insert { old_index: old_at, new_index: new_at, new_len: n }),
        (n, 0) => ops.push(DiffOp::Delete { old_index: old_at, old_len: n, new_index: new_at }),
        (na, nb) if na + nb <= MYERS_LINES => {
            ops.extend(capture_diff_slices(Algorithm::Myers, a, b).into_iter().map(|op| shift(op, old_at, new_at)));
        }
        (na, nb) => ops.push(DiffOp::Replace { old_index: old_at, old_len: na, new_index: new_at, new_len: nb }),
    }
}

/// `op` with its indices moved by `old_at` and `new_at`.
fn shift(op: DiffOp, old_at: usize, new_at: usize) -> DiffOp {
    match op {
        DiffOp::Equal { old_index, new_index, len } => {
            DiffOp::Equal { old_index: old_index + old_at, new_index: new_index + new_at, len }
        }
        DiffOp::Delete { old_index, old_len, new_index } => {
            DiffOp::Delete { old_index: old_index + old_at, old_len, new_index: new_index + new_at }
        }
        DiffOp::Insert { old_index, new_index, new_len } => {
            DiffOp::Insert { old_index: old_index + old_at, new_index: new_index + new_at, new_len }
        }
        DiffOp::Replace { old_index, old_len, new_index, new_len } => {
            DiffOp::Replace { old_index: old_index + old_at, old_len, new_index: new_index + new_at, new_len }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changed_lines_with_context() {
        let d = unified(b"a\nb\nc\n", b"a\nB\nc\n", "a/f", "b/f");
        assert_eq!(String::from_utf8_lossy(&d), "--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert!(unified(b"x\n", b"x\n", "a", "b").is_empty());
        let d = unified(b"x", b"x\n", "a/f", "b/f");
        assert_eq!(
            String::from_utf8_lossy(&d),
            "--- a/f\n+++ b/f\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n"
        );
    }

    /// Applies a unified diff's `-`/`+`/` ` lines to rebuild the new file
    /// from the old one (hunks in order), to check a diff is correct.
    fn apply(old: &[u8], diff: &[u8]) -> Vec<u8> {
        let old_lines: Vec<&[u8]> = old.split_inclusive(|&b| b == b'\n').collect();
        let mut out = Vec::new();
        let mut at = 0;
        for line in diff.split_inclusive(|&b| b == b'\n').skip(2) {
            if let Some(rest) = line.strip_prefix(b"@@ -") {
                let start: usize =
                    String::from_utf8_lossy(rest).split([',', ' ']).next().and_then(|n| n.parse().ok()).unwrap_or(1);
                let start = start.saturating_sub(1).max(at);
                for l in &old_lines[at..start] {
                    out.extend_from_slice(l);
                }
                at = start;
            } else if let Some(l) = line.strip_prefix(b" ") {
                out.extend_from_slice(l);
                at += 1;
            } else if line.starts_with(b"-") {
                at += 1;
            } else if let Some(l) = line.strip_prefix(b"+") {
                out.extend_from_slice(l);
            }
        }
        for l in &old_lines[at.min(old_lines.len())..] {
            out.extend_from_slice(l);
        }
        out
    }

    /// Long inputs take the bounded path; its diff still turns old into new
    /// (unchanged, reformatted, moved and unique lines mixed).
    #[test]
    fn long_inputs_diff_correctly() {
        let old: Vec<u8> = (0..5000).flat_map(|i| format!("key_{i}: {}\n", i % 7).into_bytes()).collect();
        let new: Vec<u8> = (0..5000)
            .flat_map(|i| {
                match i % 5 {
                    0 => format!("  key_{i}: {}\n", i % 7),
                    1 => format!("key_{i}: {}\n", i % 7),
                    2 => "same\n".to_string(),
                    _ => format!("key_{i}: {}\n", i % 7),
                }
                .into_bytes()
            })
            .collect();
        let d = unified(&old, &new, "a/f", "b/f");
        assert_eq!(String::from_utf8_lossy(&apply(&old, &d)), String::from_utf8_lossy(&new));
        let d = unified(&new, &old, "a/f", "b/f");
        assert_eq!(String::from_utf8_lossy(&apply(&new, &d)), String::from_utf8_lossy(&old));
    }
}
