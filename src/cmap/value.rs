//! Values as corosync stores them, and its exact integer conversions
//! (`strtoll`/`strtoull` in base 10 with a whole-string check).

/// A typed cmap value; strings borrow from the [`CmapView`](super::CmapView) that holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value<'v> {
    /// Raw bytes (corosync stores every untyped value as a string).
    Str(&'v [u8]),
    /// 8-bit unsigned.
    U8(u8),
    /// 16-bit unsigned.
    U16(u16),
    /// 32-bit unsigned.
    U32(u32),
    /// 64-bit unsigned.
    U64(u64),
    /// 32-bit signed.
    I32(i32),
}

impl Value<'_> {
    /// The type name as `corosync-cmapctl` prints it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Str(_) => "str",
            Value::U8(_) => "u8",
            Value::U16(_) => "u16",
            Value::U32(_) => "u32",
            Value::U64(_) => "u64",
            Value::I32(_) => "i32",
        }
    }

    /// The value as an unsigned number, if it is a typed integer (or a string holding one).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Value::U8(v) => Some(u64::from(*v)),
            Value::U16(v) => Some(u64::from(*v)),
            Value::U32(v) => Some(u64::from(*v)),
            Value::U64(v) => Some(*v),
            Value::I32(v) => u64::try_from(*v).ok(),
            Value::Str(s) => std::str::from_utf8(s).ok().and_then(|s| s.parse().ok()),
        }
    }

    /// The value as bytes: strings as stored, numbers in decimal.
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            Value::Str(s) => s.to_vec(),
            other => other.to_string().into_bytes(),
        }
    }
}

impl std::fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Str(s) => f.write_str(&crate::source::display_bytes(s)),
            Value::U8(v) => write!(f, "{v}"),
            Value::U16(v) => write!(f, "{v}"),
            Value::U32(v) => write!(f, "{v}"),
            Value::U64(v) => write!(f, "{v}"),
            Value::I32(v) => write!(f, "{v}"),
        }
    }
}

/// The integer types corosync range-checks at parse time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// 0..=255
    U8,
    /// 0..=65535
    U16,
    /// 0..=4294967295
    U32,
    /// -2147483648..=2147483647
    I32,
}

impl IntType {
    /// The inclusive range corosync prints in its error message.
    pub fn range(self) -> (i64, i64) {
        match self {
            IntType::U8 => (0, i64::from(u8::MAX)),
            IntType::U16 => (0, i64::from(u16::MAX)),
            IntType::U32 => (0, i64::from(u32::MAX)),
            IntType::I32 => (i64::from(i32::MIN), i64::from(i32::MAX)),
        }
    }

    /// Wraps a checked number into the matching [`Value`].
    fn wrap(self, v: i64) -> Option<Value<'static>> {
        Some(match self {
            IntType::U8 => Value::U8(u8::try_from(v).ok()?),
            IntType::U16 => Value::U16(u16::try_from(v).ok()?),
            IntType::U32 => Value::U32(u32::try_from(v).ok()?),
            IntType::I32 => Value::I32(i32::try_from(v).ok()?),
        })
    }
}

/// C `isspace` in the C locale.
fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Splits `[space][sign]digits` as `strtol` reads it; `None` when no digit follows
/// or when anything follows the digits.
fn split_number(s: &[u8]) -> Option<(bool, &[u8])> {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let mut negative = false;
    if i < s.len() && (s[i] == b'+' || s[i] == b'-') {
        negative = s[i] == b'-';
        i += 1;
    }
    let digits = &s[i..];
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some((negative, digits))
}

/// corosync's `safe_atoq`: base 10, optional sign and leading zeros, whole
/// string, then the type's range.
pub fn parse_int(s: &[u8], ty: IntType) -> Option<Value<'static>> {
    // The common case, plain digits that cannot overflow, without the general path.
    if (1..=9).contains(&s.len()) && s.iter().all(u8::is_ascii_digit) {
        let v = s.iter().fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
        let (min, max) = ty.range();
        return if v < min || v > max { None } else { ty.wrap(v) };
    }
    let (negative, digits) = split_number(s)?;
    let mut magnitude: i128 = 0;
    for d in digits {
        magnitude = magnitude * 10 + i128::from(d - b'0');
        if magnitude > i128::from(i64::MAX) + 1 {
            return None; // ERANGE
        }
    }
    let v = if negative { -magnitude } else { magnitude };
    let v = i64::try_from(v).ok()?;
    let (min, max) = ty.range();
    if v < min || v > max {
        return None;
    }
    ty.wrap(v)
}

/// corosync's `str_to_ull` (`strtoull`): `-1` wraps to 2^64-1; overflow and
/// trailing text fail (corosync 3.1.7 then aborts).
pub fn parse_u64(s: &[u8]) -> Option<u64> {
    let (negative, digits) = split_number(s)?;
    let mut magnitude: u64 = 0;
    for d in digits {
        magnitude = magnitude.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    Some(if negative { magnitude.wrapping_neg() } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_safe_atoq() {
        assert_eq!(parse_int(b"+2", IntType::U32), Some(Value::U32(2)));
        assert_eq!(parse_int(b"02", IntType::U32), Some(Value::U32(2)));
        assert_eq!(parse_int(b"-0", IntType::U32), Some(Value::U32(0)));
        assert_eq!(parse_int(b"0x2", IntType::U32), None);
        assert_eq!(parse_int(b"4294967295", IntType::U32), Some(Value::U32(u32::MAX)));
        assert_eq!(parse_int(b"4294967296", IntType::U32), None);
        assert_eq!(parse_int(b"256", IntType::U8), None);
        assert_eq!(parse_int(b"999999999", IntType::U32), Some(Value::U32(999_999_999)));
        assert_eq!(parse_int(b"", IntType::U32), None);
        assert_eq!(parse_int(b"\"2\"", IntType::U32), None);
        assert_eq!(parse_int(b"2 # c", IntType::U32), None);
        assert_eq!(parse_int(b"", IntType::U32), None);
        assert_eq!(parse_int(b"+", IntType::U32), None);
        assert_eq!(parse_int(b"-1", IntType::U32), None);
        assert_eq!(parse_int(b"4294967296", IntType::U32), None);
        assert_eq!(parse_int(b"256", IntType::U8), None);
        assert_eq!(parse_int(b"-5", IntType::I32), Some(Value::I32(-5)));
        assert_eq!(parse_int(b"\x0b7", IntType::U8), Some(Value::U8(7)));
        assert_eq!(parse_int(b"99999999999999999999999", IntType::U32), None);
    }

    #[test]
    fn u64_follows_strtoull() {
        assert_eq!(parse_u64(b"-1"), Some(u64::MAX));
        assert_eq!(parse_u64(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64(b"18446744073709551616"), None);
        assert_eq!(parse_u64(b"abc"), None);
        assert_eq!(parse_u64(b"007"), Some(7));
    }
}
