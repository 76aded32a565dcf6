//! Node and interface addresses as corosync reads them.
//!
//! corosync hands every `ringN_addr` to `getaddrinfo` (`totemip_parse`), so an
//! address is whatever glibc makes of it: IPv4 literals follow `inet_aton`
//! (a part with a leading `0` is octal, `0x` is hex, and `10.1` is a short form
//! of `10.0.0.1`), IPv6 literals may carry a `%scope`, and anything else is a
//! hostname that DNS (or `/etc/hosts`) must resolve.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// `totem.ip_version`: which address family `getaddrinfo` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpVersion {
    /// `ipv4`: IPv4 only.
    V4,
    /// `ipv6`: IPv6 only.
    V6,
    /// `ipv4-6`: both, IPv4 preferred.
    V4Then6,
    /// `ipv6-4`: both, IPv6 preferred (the default for knet and udpu).
    V6Then4,
}

impl IpVersion {
    /// Parses a `totem.ip_version` value.
    pub fn parse(value: &[u8]) -> Option<IpVersion> {
        match value {
            b"ipv4" => Some(IpVersion::V4),
            b"ipv6" => Some(IpVersion::V6),
            b"ipv4-6" => Some(IpVersion::V4Then6),
            b"ipv6-4" => Some(IpVersion::V6Then4),
            _ => None,
        }
    }

    /// Whether a literal of this family is accepted.
    pub fn accepts(self, ip: IpAddr) -> bool {
        match self {
            IpVersion::V4 => ip.is_ipv4(),
            IpVersion::V6 => ip.is_ipv6(),
            IpVersion::V4Then6 | IpVersion::V6Then4 => true,
        }
    }

    /// The value as written in corosync.conf.
    pub fn as_str(self) -> &'static str {
        match self {
            IpVersion::V4 => "ipv4",
            IpVersion::V6 => "ipv6",
            IpVersion::V4Then6 => "ipv4-6",
            IpVersion::V6Then4 => "ipv6-4",
        }
    }
}

/// What an address value is, before any DNS lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddrKind {
    /// A numeric address `getaddrinfo` takes without DNS.
    Literal(IpAddr),
    /// Anything else: resolved through DNS or `/etc/hosts` at startup.
    Hostname,
}

/// Classifies an address value (already trimmed, as corosync stores it).
pub fn classify(value: &[u8]) -> AddrKind {
    match parse_literal(value) {
        Some(ip) => AddrKind::Literal(ip),
        None => AddrKind::Hostname,
    }
}

/// Whether a host name can never resolve, on any machine: a name in the
/// `invalid` top-level domain (RFC 6761 section 6.4, any case, with or
/// without the final dot). Every other name may resolve somewhere (DNS,
/// `/etc/hosts`), so nothing else is judged without a lookup.
pub fn never_resolves(value: &[u8]) -> bool {
    let name = value.strip_suffix(b".").unwrap_or(value);
    name.eq_ignore_ascii_case(b"invalid")
        || (name.len() > b".invalid".len() && name[name.len() - b".invalid".len()..].eq_ignore_ascii_case(b".invalid"))
}

/// Parses a numeric IPv4 (glibc `inet_aton` rules, whole string) or IPv6
/// literal (an optional `%scope` suffix is dropped).
pub fn parse_literal(value: &[u8]) -> Option<IpAddr> {
    if let Some(v4) = parse_dotted_quad(value) {
        return Some(IpAddr::V4(v4));
    }
    let s = std::str::from_utf8(value).ok()?;
    if let Some(v4) = parse_ipv4_aton(s) {
        return Some(IpAddr::V4(v4));
    }
    parse_ipv6(s).map(IpAddr::V6)
}

/// The common case of [`parse_ipv4_aton`] without allocation or UTF-8
/// checks: exactly four decimal parts of at most 255, none with a leading
/// zero (which `inet_aton` reads the same way). `None` means "not this simple
/// form", not "not an address".
fn parse_dotted_quad(value: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut filled = 0;
    let mut part: u32 = 0;
    let mut digits = 0;
    for &b in value {
        match b {
            b'0'..=b'9' => {
                if digits == 3 || (digits == 1 && part == 0) {
                    return None;
                }
                part = part * 10 + u32::from(b - b'0');
                digits += 1;
            }
            b'.' => {
                let slot = octets.get_mut(filled)?;
                if digits == 0 || filled == 3 {
                    return None;
                }
                *slot = u8::try_from(part).ok()?;
                filled += 1;
                part = 0;
                digits = 0;
            }
            _ => return None,
        }
    }
    if filled != 3 || digits == 0 {
        return None;
    }
    *octets.get_mut(3)? = u8::try_from(part).ok()?;
    Some(Ipv4Addr::from(octets))
}

/// glibc `inet_aton` over the whole string: 1 to 4 dot-separated parts, each
/// decimal, octal (leading `0`) or hex (`0x`); the last part fills the
/// remaining bytes (`10.1` is `10.0.0.1`, `167772161` is `10.0.0.1`).
pub fn parse_ipv4_aton(s: &str) -> Option<Ipv4Addr> {
    // At most four parts, parsed into a fixed array (no allocation).
    let mut parsed = [0u32; 4];
    let mut count = 0;
    for part in s.split('.') {
        let slot = parsed.get_mut(count)?;
        *slot = parse_aton_part(part)?;
        count += 1;
    }
    let (last, leading) = parsed.get(..count)?.split_last()?;
    if leading.iter().any(|&v| v > 0xff) {
        return None;
    }
    let last_bits = 8 * (4 - leading.len() as u32);
    if last_bits < 32 && u64::from(*last) >> last_bits != 0 {
        return None;
    }
    let mut n: u32 = 0;
    for (i, v) in leading.iter().enumerate() {
        n |= v << (24 - 8 * i as u32);
    }
    Some(Ipv4Addr::from(n | last))
}

/// One `inet_aton` part: `strtoul` with base 0, digits only, no sign.
fn parse_aton_part(part: &str) -> Option<u32> {
    let bytes = part.as_bytes();
    if !bytes.first()?.is_ascii_digit() {
        return None;
    }
    let (digits, radix) = if let Some(hex) = part.strip_prefix("0x").or_else(|| part.strip_prefix("0X")) {
        (hex, 16)
    } else if bytes.len() > 1 && bytes.first() == Some(&b'0') {
        (part.get(1..)?, 8)
    } else {
        (part, 10)
    };
    if digits.is_empty() {
        return Some(0); // glibc takes a bare `0x` as 0
    }
    if !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    u32::from_str_radix(digits, radix).ok()
}

/// Parses an IPv6 literal, ignoring a `%scope` suffix.
pub fn parse_ipv6(s: &str) -> Option<Ipv6Addr> {
    let addr = match s.split_once('%') {
        Some((a, scope)) if !scope.is_empty() => a,
        Some(_) => return None,
        None => s,
    };
    addr.parse().ok()
}

/// Whether an IPv4 value written in dotted form has a part with a leading zero
/// (`010`, `013`), which `inet_aton` reads as octal (or refuses, as in `08`).
/// Hex parts (`0x..`) and a lone `0` do not count.
pub fn has_leading_zero_part(value: &[u8]) -> bool {
    // Only digits and dots, at least one dot, and a part that is `0` followed by a digit.
    let mut dotted = false;
    let mut leading_zero = false;
    let mut part_start = true;
    for (i, &b) in value.iter().enumerate() {
        match b {
            b'.' => {
                dotted = true;
                part_start = true;
            }
            b'0'..=b'9' => {
                if part_start && b == b'0' && value.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    leading_zero = true;
                }
                part_start = false;
            }
            _ => return false,
        }
    }
    dotted && leading_zero
}

/// The same address written the way people usually mean it: every dotted
/// part read as decimal (`10.40.0.013` → `10.40.0.13`). `None` unless the
/// value is four decimal parts of at most 255.
pub fn decimal_reading(value: &[u8]) -> Option<Ipv4Addr> {
    let s = std::str::from_utf8(value).ok()?;
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return None;
    }
    let mut octets = [0u8; 4];
    for (o, p) in octets.iter_mut().zip(&parts) {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *o = p.parse().ok()?;
    }
    Some(Ipv4Addr::from(octets))
}

/// Whether `ip` is a loopback address (`127.0.0.0/8`, `::1`, or IPv4-mapped loopback).
pub fn is_loopback(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
    }
}

/// A name for the family of `ip`.
pub fn family_name(ip: IpAddr) -> &'static str {
    if ip.is_ipv4() { "IPv4" } else { "IPv6" }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> Option<String> {
        parse_ipv4_aton(s).map(|a| a.to_string())
    }

    #[test]
    fn inet_aton_reads_octal_hex_and_short_forms() {
        assert_eq!(v4("10.40.0.013").as_deref(), Some("10.40.0.11"));
        assert_eq!(v4("010.0.0.1").as_deref(), Some("8.0.0.1"));
        assert_eq!(v4("10.1").as_deref(), Some("10.0.0.1"));
        assert_eq!(v4("127.1").as_deref(), Some("127.0.0.1"));
        assert_eq!(v4("0x0a.0.0.1").as_deref(), Some("10.0.0.1"));
        assert_eq!(v4("4294967295").as_deref(), Some("255.255.255.255"));
        assert_eq!(v4("01.02.03.04").as_deref(), Some("1.2.3.4"));
        assert_eq!(v4("0").as_deref(), Some("0.0.0.0"));
        assert_eq!(v4("10.65535").as_deref(), Some("10.0.255.255"));
    }

    #[test]
    fn inet_aton_refuses_what_glibc_refuses() {
        for bad in [
            "10.40.0.08",
            "1.2.3.256",
            "1.2.3.4.5",
            "1..2",
            "1.2.3.",
            "",
            "a.b.c.d",
            "-1.2.3.4",
            "1.2.3.4 ",
            "10.16777216",
        ] {
            assert_eq!(v4(bad), None, "{bad}");
        }
    }

    #[test]
    fn ipv6_is_normalised_and_scopes_are_dropped() {
        assert_eq!(parse_literal(b"fd00::1"), parse_literal(b"fd00:0::1"));
        assert_eq!(parse_literal(b"FD00:0:0::0001"), parse_literal(b"fd00::1"));
        assert_eq!(parse_literal(b"fe80::1%eth0"), parse_literal(b"fe80::1"));
        assert_eq!(parse_literal(b"fe80::1%"), None);
        assert_eq!(classify(b"node1.example.com"), AddrKind::Hostname);
        assert_eq!(classify(b"10.40.0.08"), AddrKind::Hostname);
    }

    #[test]
    fn dotted_quad_fast_path_agrees_with_inet_aton() {
        for s in [
            "10.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "1.2.3.256",
            "10.40.0.013",
            "010.0.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            ".1.2.3",
            "1.2.3.",
            "1.2.3.4 ",
            "1000.1.1.1",
            "0.00.0.0",
            "192.168.1.99",
            "",
            "a.b.c.d",
        ] {
            let slow = parse_ipv4_aton(s);
            if let Some(fast) = parse_dotted_quad(s.as_bytes()) {
                assert_eq!(Some(fast), slow, "{s}");
            }
            assert_eq!(
                parse_literal(s.as_bytes()),
                slow.map(IpAddr::V4).or_else(|| parse_ipv6(s).map(IpAddr::V6)),
                "{s}"
            );
        }
        assert!(parse_dotted_quad(b"10.0.0.1").is_some());
    }

    #[test]
    fn leading_zero_scan_matches_the_split_definition() {
        let reference = |v: &str| {
            v.contains('.')
                && v.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && v.split('.').any(|p| p.len() > 1 && p.starts_with('0'))
        };
        for v in [
            "10.0.0.1",
            "10.40.0.013",
            "010.0.0.1",
            "0.0.0.0",
            "0x0a.0.0.1",
            "00",
            "0.",
            ".01",
            "1.00",
            "a.01",
            "10.0.0.0",
            "",
        ] {
            assert_eq!(has_leading_zero_part(v.as_bytes()), reference(v), "{v}");
        }
    }

    #[test]
    fn loopback_and_leading_zeros() {
        assert!(parse_literal(b"127.0.1.1").is_some_and(is_loopback));
        assert!(parse_literal(b"::1").is_some_and(is_loopback));
        assert!(parse_literal(b"::ffff:127.0.0.1").is_some_and(is_loopback));
        assert!(!parse_literal(b"10.0.0.1").is_some_and(is_loopback));
        assert!(has_leading_zero_part(b"10.40.0.013"));
        assert!(has_leading_zero_part(b"010.0.0.1"));
        assert!(!has_leading_zero_part(b"10.0.0.1"));
        assert!(!has_leading_zero_part(b"0x0a.0.0.1"));
        assert!(!has_leading_zero_part(b"fd00::01"));
        assert_eq!(decimal_reading(b"10.40.0.013").map(|a| a.to_string()).as_deref(), Some("10.40.0.13"));
        assert!(IpVersion::V4.accepts("10.0.0.1".parse().unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED))));
    }
}
