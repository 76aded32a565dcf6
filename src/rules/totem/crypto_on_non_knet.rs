use super::effective_crypto::Crypto;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::source::Span;

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
    fix: crate::fix::FixAvailability::None,
};

fn check_crypto_on_non_knet(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
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
