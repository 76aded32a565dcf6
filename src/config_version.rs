//! `config_version` as corosync reads it (the cmap key) and as pmxcfs reads it
//! (the first match of `config_version\s*:\s*(\d+)` anywhere in the raw bytes).

use crate::cmap::{CmapView, Value};
use crate::source::Span;

/// The cmap key of the config version.
pub const KEY: &str = "totem.config_version";

/// corosync's view: the stored `totem.config_version` and where it was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Version {
    /// The value (0 when the key is missing, corosync's default).
    pub value: u64,
    /// The line that set it, if any.
    pub span: Option<Span>,
}

impl Version {
    /// Reads `totem.config_version` from a cmap view.
    pub fn of(view: &CmapView) -> Version {
        match view.get(KEY) {
            Some(e) => {
                let value = match &e.value {
                    Value::Str(s) => crate::cmap::parse_u64(s).unwrap_or(0),
                    v => v.as_u64().unwrap_or(0),
                };
                Version { value, span: Some(e.span()) }
            }
            None => Version { value: 0, span: None },
        }
    }

    /// Whether the file sets the key at all.
    pub fn is_set(&self) -> bool {
        self.span.is_some()
    }
}

/// What pmxcfs reads: the digits of the first `config_version\s*:\s*(\d+)` match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PmxcfsVersion {
    /// The number (saturating at `u64::MAX` for absurdly long digit runs).
    pub value: u64,
    /// The whole match, from `config_version` to the last digit.
    pub span: Span,
}

/// PCRE's `\s`.
fn is_regex_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Finds the first match of `config_version\s*:\s*(\d+)` in `bytes`, comments included.
pub fn pmxcfs_version(bytes: &[u8]) -> Option<PmxcfsVersion> {
    const NEEDLE: &[u8] = b"config_version";
    let mut from = 0;
    while let Some(rel) = bytes.get(from..)?.windows(NEEDLE.len()).position(|w| w == NEEDLE) {
        let start = from + rel;
        let mut i = start + NEEDLE.len();
        while bytes.get(i).is_some_and(|&b| is_regex_space(b)) {
            i += 1;
        }
        if bytes.get(i) == Some(&b':') {
            i += 1;
            while bytes.get(i).is_some_and(|&b| is_regex_space(b)) {
                i += 1;
            }
            let digits_start = i;
            let mut value: u64 = 0;
            while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
                value = value.saturating_mul(10).saturating_add(u64::from(b - b'0'));
                i += 1;
            }
            if i > digits_start {
                return Some(PmxcfsVersion { value, span: Span::new(start, i) });
            }
        }
        from = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pmxcfs_takes_the_first_match_even_in_comments() {
        let src = b"# config_version: 99\ntotem {\n  config_version: 3\n}\n";
        let v = pmxcfs_version(src);
        assert_eq!(v.map(|v| (v.value, v.span.start)), Some((99, 2)));
    }

    #[test]
    fn pmxcfs_skips_matches_without_digits() {
        assert_eq!(pmxcfs_version(b"config_version: -1\nconfig_version:\n 7\n").map(|v| v.value), Some(7));
        assert_eq!(pmxcfs_version(b"config_version: +5\n"), None);
        assert_eq!(pmxcfs_version(b"config_versio"), None);
        assert_eq!(pmxcfs_version(b""), None);
    }

    #[test]
    fn corosync_version_defaults_to_zero() {
        let src = b"totem {\n config_version: 12\n}\n";
        let view = crate::cmap::build(&crate::syntax::parse(src).tree, src);
        assert_eq!(Version::of(&view).value, 12);
        let empty = crate::cmap::CmapView::default();
        assert_eq!(Version::of(&empty), Version { value: 0, span: None });
    }
}
