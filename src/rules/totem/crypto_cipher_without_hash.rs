use super::effective_crypto::Crypto;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports an effective `crypto_cipher` other than `none` with `crypto_hash: none`, after applying
/// `secauth: on` (which means aes256 + sha256 unless the keys say otherwise).
/// ## Why it matters
/// corosync refuses to start: `crypto_cipher requires crypto_hash with value other than none`.
/// ## Example
/// ```text
/// crypto_cipher: aes256
/// crypto_hash: none
/// ```
/// ## Fix
/// Set `crypto_hash: sha256` (or stronger) together with the cipher.
pub const CRYPTO_CIPHER_WITHOUT_HASH: Rule = Rule {
    name: "crypto-cipher-without-hash",
    code: "T205",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "crypto_cipher is set but crypto_hash is none",
    check: check_cipher_without_hash,
    fix: crate::fix::FixAvailability::None,
};

fn check_cipher_without_hash(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let c = Crypto::read(ctx);
    if !c.cipher_on() || c.hash_on() {
        return;
    }
    let cipher_at = c.cipher_span.or(c.secauth_span);
    let (primary, secondary) = match (c.hash_span, cipher_at) {
        (Some(h), other) => (h, other.map(|s| (s, "the cipher is set here"))),
        (None, Some(cs)) => (cs, None),
        (None, None) => return,
    };
    let mut d = Diagnostic::new(
        &CRYPTO_CIPHER_WITHOUT_HASH,
        primary,
        format!("crypto_cipher is {} but crypto_hash is none", String::from_utf8_lossy(&c.cipher)),
    )
    .with_label("a cipher needs a hash")
    .with_help("corosync refuses to start: `crypto_cipher requires crypto_hash with value other than none`; set `crypto_hash: sha256`");
    if let Some((s, l)) = secondary {
        d = d.with_secondary(s, l);
    }
    out.push(d);
}
