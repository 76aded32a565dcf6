//! Unified diffs of byte files (the `similar` line diff, printed with
//! `--- a/PATH` / `+++ b/PATH` headers); bytes are written as they are.

use similar::{Algorithm, DiffTag, capture_diff_slices, group_diff_ops};

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
    let ops = capture_diff_slices(Algorithm::Myers, &a, &b);
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
}
