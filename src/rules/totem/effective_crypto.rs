//! The cipher and hash corosync ends up with (`totem_get_crypto`), and where each came from.

use crate::rules::Context;
use crate::source::Span;

/// The cipher and hash corosync ends up with (`totem_get_crypto`), and where each came from.
pub(super) struct Crypto {
    pub(super) cipher: Vec<u8>,
    pub(super) hash: Vec<u8>,
    pub(super) cipher_span: Option<Span>,
    pub(super) hash_span: Option<Span>,
    pub(super) secauth_span: Option<Span>,
}

impl Crypto {
    pub(super) fn read(ctx: &Context) -> Crypto {
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

    pub(super) fn cipher_on(&self) -> bool {
        self.cipher != b"none"
    }

    pub(super) fn hash_on(&self) -> bool {
        self.hash != b"none"
    }

    pub(super) fn shown(&self) -> String {
        format!(
            "crypto_cipher {} / crypto_hash {}",
            String::from_utf8_lossy(&self.cipher),
            String::from_utf8_lossy(&self.hash)
        )
    }
}
