//! `quorum.auto_tie_breaker_node` exactly as votequorum's `parse_atb_string`
//! reads it (corosync 3.1.7): `lowest`, `highest`, or a list that counts only
//! if the text starts with a non-zero number, read with `strtol` until the
//! first non-number or zero.

/// Which node wins a 50:50 split under `auto_tie_breaker`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase", tag = "type", content = "nodes")]
pub enum TieBreaker {
    /// The partition holding the lowest nodeid (the default).
    Lowest,
    /// The partition holding the highest nodeid.
    Highest,
    /// The partition holding the first of these nodeids that is in the cluster.
    List(Vec<i64>),
}

/// The outcome of parsing `auto_tie_breaker_node`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AtbParse {
    /// What votequorum uses, or `None` when it rejects the text (ATB is then disabled).
    pub tie_breaker: Option<TieBreaker>,
    /// For a list: the text votequorum stopped at without reading (`,3` in `1,3`), if any
    /// is left other than whitespace.
    pub ignored_rest: Option<String>,
}

/// C `isspace` in the C locale.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// C `strtol(s, &end, 10)`: the number and the bytes after it; `(0, s)` when nothing converts.
/// Overflow saturates like glibc.
fn strtol(s: &[u8]) -> (i64, &[u8]) {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let start = i;
    let mut value: i64 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        let d = i64::from(s[i] - b'0');
        match value.checked_mul(10).and_then(|v| v.checked_add(d)) {
            Some(v) => value = v,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (0, s);
    }
    let value = match (overflow, negative) {
        (true, true) => i64::MIN,
        (true, false) => i64::MAX,
        (false, true) => -value,
        (false, false) => value,
    };
    (value, s.get(i..).unwrap_or_default())
}

/// C `atoi`: `strtol` truncated to `int`.
fn atoi(s: &[u8]) -> i32 {
    strtol(s).0 as i32
}

/// Parses `auto_tie_breaker_node` the way votequorum does.
pub fn parse_atb_string(s: &[u8]) -> AtbParse {
    if s == b"lowest" {
        return AtbParse { tie_breaker: Some(TieBreaker::Lowest), ignored_rest: None };
    }
    if s == b"highest" {
        return AtbParse { tie_breaker: Some(TieBreaker::Highest), ignored_rest: None };
    }
    if atoi(s) == 0 {
        return AtbParse { tie_breaker: None, ignored_rest: None };
    }
    let mut list = Vec::new();
    let mut rest = s;
    loop {
        let (num, after) = strtol(rest);
        rest = after;
        if num == 0 {
            break;
        }
        list.push(num);
    }
    let leftover = rest.iter().copied().skip_while(|&b| is_space(b)).collect::<Vec<u8>>();
    let ignored_rest = (!leftover.is_empty()).then(|| crate::source::display_bytes(&leftover));
    let tie_breaker = (!list.is_empty()).then_some(TieBreaker::List(list));
    AtbParse { tie_breaker, ignored_rest }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(s: &str) -> Option<TieBreaker> {
        parse_atb_string(s.as_bytes()).tie_breaker
    }

    #[test]
    fn keywords_are_exact() {
        assert_eq!(list("lowest"), Some(TieBreaker::Lowest));
        assert_eq!(list("highest"), Some(TieBreaker::Highest));
        assert_eq!(list("Lowest"), None);
        assert_eq!(list("highest "), None);
        assert_eq!(list("foo"), None);
        assert_eq!(list(""), None);
    }

    #[test]
    fn lists_stop_at_the_first_non_number() {
        assert_eq!(list("1 3 2"), Some(TieBreaker::List(vec![1, 3, 2])));
        let p = parse_atb_string(b"1,3");
        assert_eq!(p.tie_breaker, Some(TieBreaker::List(vec![1])));
        assert_eq!(p.ignored_rest.as_deref(), Some(",3"));
        assert_eq!(list("2 0 3"), Some(TieBreaker::List(vec![2])));
        assert_eq!(list("  4"), Some(TieBreaker::List(vec![4])));
        assert_eq!(list("0 2"), None, "a list must start with a non-zero number");
        assert_eq!(list("5abc"), Some(TieBreaker::List(vec![5])));
        assert_eq!(parse_atb_string(b"1 2 ").ignored_rest, None);
    }
}
