use super::effective_crypto::Crypto;
use crate::diagnostic::{Diagnostic, Severity};
use crate::nodes::Transport;
use crate::rules::{Category, Context, Profile, Rule};

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
    fix: crate::fix::FixAvailability::None,
};

fn check_no_encryption(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let net = ctx.network();
    if net.transport != Transport::Knet {
        return;
    }
    let c = Crypto::read(ctx);
    if c.cipher_on() {
        return;
    }
    let span = c.cipher_span.or(c.hash_span).unwrap_or_else(|| net.totem_anchor());
    if c.hash_on() {
        let mut d =
            Diagnostic::new(&NO_ENCRYPTION, span, format!("{}: traffic is authenticated but not encrypted", c.shown()))
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
