//! The cmap view: the flat key/value map corosync 3.1.7 builds from a file
//! (`main_config_parser_cb` in coroparse.c), with the parse-time type and
//! key-name errors it raises. Every entry remembers where it was set.

mod builder;
mod node_order;
mod storage;
pub mod value;
mod view;

pub use builder::{build, build_shared, is_valid_key_name};
pub use value::{IntType, Value, parse_int, parse_u64};
pub use view::{CmapView, Entry};

/// corosync's `ICMAP_KEYNAME_MAXLEN`.
pub const KEYNAME_MAXLEN: usize = 255;
/// corosync's `ICMAP_KEYNAME_MINLEN`.
pub const KEYNAME_MINLEN: usize = 3;

/// Enumerations checked by the parser: (cmap path, allowed values, corosync's message).
pub const PARSER_ENUMS: &[(&str, &[&str], &str)] = &[
    ("totem.ip_version", &["ipv4", "ipv6", "ipv6-4", "ipv4-6"], "Invalid ip_version type"),
    ("totem.crypto_model", &["nss", "openssl"], "Invalid crypto model. Should be nss or openssl"),
    (
        "totem.crypto_cipher",
        &["none", "aes256", "aes192", "aes128"],
        "Invalid cipher type. Should be none, aes256, aes192 or aes128",
    ),
    (
        "totem.crypto_hash",
        &["none", "md5", "sha1", "sha256", "sha384", "sha512"],
        "Invalid hash type. Should be none, md5, sha1, sha256, sha384 or sha512",
    ),
    (
        "totem.knet_compression_model",
        &["zlib", "lz4", "lz4hc", "lzo2", "lzma", "bzip2", "zstd"],
        "Invalid compression model. Should be zlib, lz4, lz4hc, lzo2, lzma, bzip2 or zstd",
    ),
    ("system.qb_ipc_type", &["native", "shm", "socket"], "Invalid system.qb_ipc_type"),
    ("system.sched_rr", &["yes", "no"], "Invalid system.sched_rr value"),
    ("system.move_to_root_cgroup", &["yes", "no", "auto"], "Invalid system.move_to_root_cgroup"),
    ("system.allow_knet_handle_fallback", &["yes", "no"], "Invalid system.allow_knet_handle_fallback"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{ErrorKind, parse};

    fn view(src: &[u8]) -> CmapView {
        build(&parse(src).tree, src)
    }

    #[test]
    fn typed_keys_and_interfaces() {
        let v = view(
            b"totem {\n version: +2\n config_version: -1\n cluster_name: a # b\n interface {\n  mcastport: 5405\n  linknumber: 1\n  bogus: x\n }\n}\n",
        );
        assert!(v.errors.is_empty(), "{:?}", v.errors);
        assert_eq!(v.get("totem.version").map(|e| e.value), Some(Value::U32(2)));
        assert_eq!(v.get("totem.config_version").map(|e| e.value), Some(Value::U64(u64::MAX)));
        assert_eq!(v.get_str("totem.cluster_name"), Some("a # b"));
        assert_eq!(v.get("totem.interface.1.mcastport").map(|e| e.value), Some(Value::U16(5405)));
        assert_eq!(v.get_str("totem.interface.bogus"), Some("x"));
    }

    #[test]
    fn nodelist_clobbering_and_empty_nodes() {
        let v = view(
            b"nodelist {\n node {\n  nodeid: 1\n  name: a\n }\n node {\n  nodeid: 2\n  name: b\n }\n}\nnodelist {\n node {\n  name: c\n }\n node {\n }\n node {\n  name: d\n }\n}\n",
        );
        assert_eq!(v.get_str("nodelist.node.0.name"), Some("c"));
        assert_eq!(v.get("nodelist.node.0.nodeid").map(|e| e.value), Some(Value::U32(1)));
        assert_eq!(v.get_str("nodelist.node.1.name"), Some("b"));
        assert_eq!(v.get_str("nodelist.node.2.name"), Some("d"));
    }

    #[test]
    fn errors_match_corosync_messages() {
        let v = view(b"totem {\n version: 2 # two\n ip_version: ipv5\n cluster name: x\n}\nab: c\n");
        let msgs: Vec<_> = v.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            msgs,
            vec![
                "Value of key \"totem.version\" is expected to be integer in range (0..4294967295), but \"2 # two\" was given",
                "Invalid ip_version type",
                "Can't store key \"totem.cluster name\" into icmap, returned error is CS_ERR_NAME_TOO_LONG",
                "Can't store key \"ab\" into icmap, returned error is CS_ERR_NAME_TOO_LONG",
            ]
        );
    }

    #[test]
    fn logger_subsys_is_keyed_by_subsys() {
        let v = view(b"logging {\n logger_subsys {\n  debug: on\n  subsys: QUORUM\n }\n logger_subsys {\n }\n}\n");
        assert_eq!(v.get_str("logging.logger_subsys.QUORUM.debug"), Some("on"));
        assert_eq!(v.errors[0].kind, ErrorKind::MissingSubsys);
    }
}
