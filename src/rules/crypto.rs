//! Encryption and authentication of cluster traffic (`secauth`, `crypto_cipher`, `crypto_hash`).

use super::{Category, Context, Profile, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::{Network, Transport};
use crate::source::Span;

/// The cipher and hash corosync ends up with (`totem_get_crypto`), and where each came from.
struct Crypto {
    cipher: Vec<u8>,
    hash: Vec<u8>,
    cipher_span: Option<Span>,
    hash_span: Option<Span>,
    secauth_span: Option<Span>,
}

impl Crypto {
    fn read(ctx: &Context) -> Crypto {
        let mut c = Crypto {
            cipher: b"none".to_vec(),
            hash: b"none".to_vec(),
            cipher_span: None,
            hash_span: None,
            secauth_span: None,
        };
        if let Some(e) = ctx.cmap.get("totem.secauth")
            && e.value.to_bytes() == b"on"
        {
            c.cipher = b"aes256".to_vec();
            c.hash = b"sha256".to_vec();
            c.secauth_span = Some(e.span());
        }
        // The parser refuses values outside the lists, so what is stored is valid.
        if let Some(e) = ctx.cmap.get("totem.crypto_cipher") {
            c.cipher = e.value.to_bytes();
            c.cipher_span = Some(e.span());
        }
        if let Some(e) = ctx.cmap.get("totem.crypto_hash") {
            c.hash = e.value.to_bytes();
            c.hash_span = Some(e.span());
        }
        c
    }

    fn cipher_on(&self) -> bool {
        self.cipher != b"none"
    }

    fn hash_on(&self) -> bool {
        self.hash != b"none"
    }

    fn shown(&self) -> String {
        format!(
            "crypto_cipher {} / crypto_hash {}",
            String::from_utf8_lossy(&self.cipher),
            String::from_utf8_lossy(&self.hash)
        )
    }
}

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

/// ## What it does
/// Reports encryption or authentication (`crypto_cipher`, `crypto_hash`, or `secauth: on`) with
/// transport `udp` or `udpu`.
/// ## Why it matters
/// Only knet implements crypto in corosync 3. corosync refuses to start:
/// `crypto_cipher & crypto_hash are only valid for the Knet transport.`
/// ## Example
/// ```text
/// transport: udpu
/// secauth: on
/// ```
/// ## Fix
/// Switch to `transport: knet`, or remove the crypto keys and `secauth`.
pub const CRYPTO_ON_NON_KNET: Rule = Rule {
    name: "crypto-on-non-knet",
    code: "T206",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "crypto or secauth with transport udp/udpu",
    check: check_crypto_on_non_knet,
};

fn check_crypto_on_non_knet(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    if !net.transport.is_udp_family() {
        return;
    }
    let c = Crypto::read(ctx);
    if !c.cipher_on() && !c.hash_on() {
        return;
    }
    let mut spans: Vec<Span> = Vec::new();
    if c.cipher_on() {
        spans.extend(c.cipher_span.or(c.secauth_span));
    }
    if c.hash_on() {
        spans.extend(c.hash_span.or(c.secauth_span));
    }
    spans.sort_unstable();
    spans.dedup();
    for span in spans {
        let mut d = Diagnostic::new(
            &CRYPTO_ON_NON_KNET,
            span,
            format!("`{}` with transport {}: crypto only works with knet", ctx.show(span), net.transport.as_str()),
        )
        .with_label(format!("not supported by {}", net.transport.as_str()))
        .with_help("corosync refuses to start: `crypto_cipher & crypto_hash are only valid for the Knet transport.`; use transport knet or remove the crypto settings");
        if let Some(t) = net.transport_span {
            d = d.with_secondary(t, "transport set here");
        }
        out.push(d);
    }
}

/// ## What it does
/// Reports a knet cluster whose traffic is not encrypted: crypto none/none (the corosync 3.1.7
/// default when nothing is set) as a warning, and a hash without a cipher (authenticated but readable)
/// as info.
/// ## Why it matters
/// Without crypto anyone on the cluster network can read and inject totem messages, including
/// membership and CPG traffic of Pacemaker. corosync 3.1.10+ built without `--enable-unencrypted`
/// refuses such a configuration.
/// ## Example
/// ```text
/// totem {
///     version: 2
///     transport: knet
/// }
/// ```
/// ## Fix
/// Create a key with `corosync-keygen`, copy `/etc/corosync/authkey` to every node and set
/// `crypto_cipher: aes256` and `crypto_hash: sha256`.
pub const NO_ENCRYPTION: Rule = Rule {
    name: "no-encryption",
    code: "T207",
    category: Category::Totem,
    severity: Severity::Warning,
    summary: "knet traffic is not encrypted",
    check: check_no_encryption,
};

fn check_no_encryption(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = Network::of(ctx);
    if net.transport != Transport::Knet {
        return;
    }
    let c = Crypto::read(ctx);
    if c.cipher_on() {
        return;
    }
    let span = c
        .cipher_span
        .or(c.hash_span)
        .unwrap_or_else(|| net.totem_anchor());
    if c.hash_on() {
        let mut d = Diagnostic::new(
            &NO_ENCRYPTION,
            span,
            format!("{}: traffic is authenticated but not encrypted", c.shown()),
        )
        .with_label("no cipher")
        .with_help("set `crypto_cipher: aes256` to encrypt cluster traffic as well");
        d.severity = Severity::Info;
        out.push(d);
    } else if ctx.profile == Profile::Pve {
        // `pve-no-encryption` reports this, as an error, in the pve profile.
    } else {
        out.push(
            Diagnostic::new(&NO_ENCRYPTION, span, format!("{}: cluster traffic is neither encrypted nor authenticated", c.shown()))
                .with_label("no crypto")
                .with_help("run corosync-keygen, copy /etc/corosync/authkey to all nodes, and set `crypto_cipher: aes256` and `crypto_hash: sha256`"),
        );
    }
}
