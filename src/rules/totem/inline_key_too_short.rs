use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};
use crate::startup::Check;

/// ## What it does
/// Reports an inline `totem.key` shorter than 127 characters while encryption or authentication
/// is on and no `keyfile` is set.
/// ## Why it matters
/// corosync refuses to start: `key is too short`. It needs at least 128 bytes of key, and counts the
/// string's terminating NUL, so 127 characters is the minimum.
/// ## Example
/// ```text
/// crypto_cipher: aes256
/// crypto_hash: sha256
/// key: secret
/// ```
/// ## Fix
/// Remove `key` and use the default `/etc/corosync/authkey` made by `corosync-keygen` (or
/// `keyfile: PATH`); an inline key is readable by everyone who can read corosync.conf.
pub const INLINE_KEY_TOO_SHORT: Rule = Rule {
    name: "inline-key-too-short",
    code: "T213",
    category: Category::Totem,
    severity: Severity::Error,
    summary: "inline totem.key shorter than 127 characters (corosync refuses to start)",
    check: check_inline_key,
    fix: crate::fix::FixAvailability::None,
};

fn check_inline_key(ctx: &Context, out: &mut Vec<Diagnostic>) {
    for r in ctx.startup() {
        if r.check != Check::InlineKeyTooShort {
            continue;
        }
        let len = ctx.cmap.get("totem.key").map_or(0, |e| e.value.to_bytes().len());
        out.push(
            Diagnostic::new(&INLINE_KEY_TOO_SHORT, r.span, format!("inline key has {len} characters, corosync needs at least 127"))
                .with_label("too short")
                .with_help("corosync refuses to start: `key is too short`; remove `key` and create /etc/corosync/authkey with `corosync-keygen` on one node, then copy it to the others"),
        );
    }
}
