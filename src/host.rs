//! What `corosync -t` checks against the machine it runs on: whether this host
//! is one of the nodes, the authkey, logfile directories, `uidgid` users and
//! groups, the state directory. These checks only make sense on a cluster
//! node, for its own configuration; they run behind the [`Host`] trait so that
//! tests give a fake machine and production reads the real one ([`RealHost`]).
//!
//! The local-node search follows corosync 3.1.7's `find_local_node`
//! (totemconfig.c): it compares the `name` and `ring0_addr` of every node, in
//! cmap key order, first with the exact `uname` nodename, then with the
//! nodename cut at each dot from the right, then the short nodename with each
//! entry cut at its first dot; then, for each local interface address, its
//! reverse name (whole, then cut at the first dot) and its numeric form (IPv4
//! only: corosync passes an IPv4-sized buffer); last, each entry resolved and
//! compared with the local addresses.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::cmap::CmapView;
use crate::source::{Span, display_bytes};

/// What is known about a file or directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileInfo {
    /// It is a directory.
    pub is_dir: bool,
    /// Its size in bytes.
    pub len: u64,
    /// This process can open it for reading.
    pub readable: bool,
}

/// The machine corolint runs on, as corosync would see it.
pub trait Host {
    /// The `uname` nodename.
    fn hostname(&self) -> Option<String>;
    /// The addresses of the local interfaces (`getifaddrs`).
    fn local_addresses(&self) -> Vec<IpAddr>;
    /// The name an address resolves back to, if any (`getnameinfo`).
    fn reverse_name(&self, ip: IpAddr) -> Option<String>;
    /// The addresses a name resolves to (`getaddrinfo`).
    fn resolve(&self, name: &str) -> Vec<IpAddr>;
    /// The file or directory at `path`, if it exists.
    fn file(&self, path: &Path) -> Option<FileInfo>;
    /// Whether a user of that name exists (`getpwnam`).
    fn user_exists(&self, name: &str) -> bool;
    /// Whether a group of that name exists (`getgrnam`).
    fn group_exists(&self, name: &str) -> bool;
}

/// The real machine.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealHost;

impl Host for RealHost {
    fn hostname(&self) -> Option<String> {
        nix::unistd::gethostname().ok().and_then(|h| h.into_string().ok())
    }

    fn local_addresses(&self) -> Vec<IpAddr> {
        let Ok(list) = nix::ifaddrs::getifaddrs() else { return Vec::new() };
        list.filter_map(|i| {
            let a = i.address?;
            if let Some(v4) = a.as_sockaddr_in() {
                Some(IpAddr::V4(v4.ip()))
            } else {
                a.as_sockaddr_in6().map(|v6| IpAddr::V6(v6.ip()))
            }
        })
        .collect()
    }

    fn reverse_name(&self, ip: IpAddr) -> Option<String> {
        // /etc/hosts is what answers for local addresses on a cluster node;
        // DNS is not asked (a lint must not hang on a dead resolver).
        let hosts = std::fs::read_to_string("/etc/hosts").ok()?;
        hosts.lines().find_map(|line| {
            let mut words = line.split('#').next()?.split_whitespace();
            let addr: IpAddr = words.next()?.parse().ok()?;
            (addr == ip).then(|| words.next().map(str::to_string)).flatten()
        })
    }

    fn resolve(&self, name: &str) -> Vec<IpAddr> {
        use std::net::ToSocketAddrs;
        (name, 0).to_socket_addrs().map(|it| it.map(|s| s.ip()).collect()).unwrap_or_default()
    }

    fn file(&self, path: &Path) -> Option<FileInfo> {
        let meta = std::fs::metadata(path).ok()?;
        let readable = if meta.is_dir() { std::fs::read_dir(path).is_ok() } else { std::fs::File::open(path).is_ok() };
        Some(FileInfo { is_dir: meta.is_dir(), len: meta.len(), readable })
    }

    fn user_exists(&self, name: &str) -> bool {
        matches!(nix::unistd::User::from_name(name), Ok(Some(_)))
    }

    fn group_exists(&self, name: &str) -> bool {
        matches!(nix::unistd::Group::from_name(name), Ok(Some(_)))
    }
}

/// Which host check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCheck {
    /// No node is this host.
    LocalNodeNotFound,
    /// The authkey is missing, unreadable or shorter than 128 bytes.
    Authkey,
    /// A logfile's directory does not exist.
    LogfileDirectory,
    /// A `uidgid` user or group does not exist.
    UidgidUnknown,
    /// `system.state_dir` does not exist.
    StateDir,
}

/// One failed host check: corosync's message, where, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostFinding {
    /// Which check.
    pub check: HostCheck,
    /// What corosync logs.
    pub message: String,
    /// The line to point at.
    pub span: Span,
    /// What to write or do instead.
    pub help: String,
}

/// corosync's `COROSYSCONFDIR "/authkey"`.
pub const DEFAULT_AUTHKEY: &str = "/etc/corosync/authkey";
/// corosync's default state directory.
pub const DEFAULT_STATE_DIR: &str = "/var/lib/corosync";

/// Whether a file is a node's own configuration (host checks on by default):
/// under `/etc/corosync/` or `/etc/pve/`.
pub fn is_node_config(path: &Path) -> bool {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.starts_with("/etc/corosync") || absolute.starts_with("/etc/pve")
}

/// Every host check that fails for this file on `host`. `anchor` is where to
/// point for what the file lacks (its first `totem {` or nodelist line).
pub fn check(cmap: &CmapView, host: &dyn Host, anchor: Span) -> Vec<HostFinding> {
    let mut out = Vec::new();
    state_dir(cmap, host, anchor, &mut out);
    logfiles(cmap, host, &mut out);
    uidgid(cmap, host, &mut out);
    authkey(cmap, host, anchor, &mut out);
    local_node(cmap, host, anchor, &mut out);
    out
}

fn state_dir(cmap: &CmapView, host: &dyn Host, anchor: Span, out: &mut Vec<HostFinding>) {
    let entry = cmap.get("system.state_dir");
    let dir = entry.map_or_else(|| DEFAULT_STATE_DIR.to_string(), |e| display_bytes(&e.value.to_bytes()));
    if host.file(Path::new(&dir)).is_some_and(|f| f.is_dir) {
        return;
    }
    out.push(HostFinding {
        check: HostCheck::StateDir,
        message: format!("Cannot chdir to state directory {dir}. No such file or directory"),
        span: entry.map_or(anchor, |e| e.span()),
        help: format!("corosync stops before reading totem (exit 16); create the directory (`mkdir -p {dir}`) or set system.state_dir to an existing one"),
    });
}

fn logfiles(cmap: &CmapView, host: &dyn Host, out: &mut Vec<HostFinding>) {
    for (key, e) in cmap.prefixed("logging.") {
        if !key.ends_with(".logfile") && key != "logging.logfile" {
            continue;
        }
        let path = PathBuf::from(display_bytes(&e.value.to_bytes()));
        let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) else { continue };
        if host.file(dir).is_some_and(|f| f.is_dir) {
            continue;
        }
        out.push(HostFinding {
            check: HostCheck::LogfileDirectory,
            message: format!(
                "Can't open logfile '{}' for reason: No such file or directory (2)",
                path.display()
            ),
            span: e.span(),
            help: format!(
                "corosync opens the logfile even when to_logfile is no and refuses to start (exit 7); create {} or point logfile at an existing directory",
                dir.display()
            ),
        });
    }
}

fn uidgid(cmap: &CmapView, host: &dyn Host, out: &mut Vec<HostFinding>) {
    for (key, e) in cmap.prefixed("uidgid.config.") {
        let Some(rest) = key.strip_prefix("uidgid.config.") else { continue };
        let (kind, name) = match rest.split_once('.') {
            Some(("uid", n)) => ("user", n),
            Some(("gid", n)) => ("group", n),
            _ => continue,
        };
        if name.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let exists = if kind == "user" { host.user_exists(name) } else { host.group_exists(name) };
        if exists {
            continue;
        }
        let db = if kind == "user" { "passwd" } else { "group" };
        out.push(HostFinding {
            check: HostCheck::UidgidUnknown,
            message: format!("The '{name}' {kind} is not found in /etc/{db}, please read the documentation."),
            span: e.span(),
            help: format!("corosync's parser refuses the file on this host; create the {kind} or remove the line"),
        });
    }
}

/// Whether crypto is on after `secauth`, `crypto_cipher` and `crypto_hash`.
fn crypto_on(cmap: &CmapView) -> bool {
    let secauth = cmap.get("totem.secauth").is_some_and(|e| e.value.to_bytes() == b"on");
    let set = |k: &str| cmap.get(k).map(|e| e.value.to_bytes() != b"none");
    set("totem.crypto_cipher").unwrap_or(secauth) || set("totem.crypto_hash").unwrap_or(secauth)
}

fn authkey(cmap: &CmapView, host: &dyn Host, anchor: Span, out: &mut Vec<HostFinding>) {
    if !crypto_on(cmap) {
        return;
    }
    let keyfile = cmap.get("totem.keyfile");
    if keyfile.is_none() && cmap.get("totem.key").is_some() {
        return;
    }
    let path = keyfile.map_or_else(|| DEFAULT_AUTHKEY.to_string(), |e| display_bytes(&e.value.to_bytes()));
    let span = keyfile.map_or(anchor, |e| e.span());
    let message = match host.file(Path::new(&path)) {
        None => format!("Could not open {path}: No such file or directory"),
        Some(f) if !f.readable => format!("Could not open {path}: Permission denied"),
        Some(f) if f.len < 128 => {
            format!("Could only read {} bits of minimum 1024 bits from {path}.", f.len.saturating_mul(8))
        }
        Some(_) => return,
    };
    out.push(HostFinding {
        check: HostCheck::Authkey,
        message,
        span,
        help: format!(
            "with encryption on corosync reads the key at startup and refuses to start without it; create it with `corosync-keygen` (or copy it from another node) as {path}, readable by root, at least 128 bytes"
        ),
    });
}

/// The `name` and `ring0_addr` values corosync compares, in its key order: (node index, value).
fn candidates(cmap: &CmapView) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    for (key, e) in cmap.prefixed("nodelist.node.") {
        let Some(rest) = key.strip_prefix("nodelist.node.") else { continue };
        let Some((index, field)) = rest.split_once('.') else { continue };
        if field != "name" && field != "ring0_addr" {
            continue;
        }
        let Ok(index) = index.parse::<u32>() else { continue };
        out.push((index, display_bytes(&e.value.to_bytes())));
    }
    out
}

/// `nodelist_byname`: the first entry equal to `find` (entries cut at their first dot with `strip`).
fn by_name(entries: &[(u32, String)], find: &str, strip: bool) -> Option<u32> {
    entries.iter().find_map(|(i, v)| {
        let v = if strip { v.split('.').next().unwrap_or(v) } else { v.as_str() };
        (v == find).then_some(*i)
    })
}

/// The node corosync takes as this host (its index), following `find_local_node`.
pub fn find_local_node(cmap: &CmapView, host: &dyn Host) -> Option<u32> {
    let entries = candidates(cmap);
    if let Some(name) = host.hostname() {
        if let Some(i) = by_name(&entries, &name, false) {
            return Some(i);
        }
        let mut cut = name.as_str();
        while let Some(dot) = cut.rfind('.') {
            cut = &cut[..dot];
            if let Some(i) = by_name(&entries, cut, false) {
                return Some(i);
            }
        }
        if let Some(i) = by_name(&entries, cut, true) {
            return Some(i);
        }
    }
    let locals = host.local_addresses();
    for ip in &locals {
        if let Some(rev) = host.reverse_name(*ip) {
            if let Some(i) = by_name(&entries, &rev, false) {
                return Some(i);
            }
            if let Some((short, _)) = rev.split_once('.')
                && let Some(i) = by_name(&entries, short, false)
            {
                return Some(i);
            }
        }
        if ip.is_ipv4()
            && let Some(i) = by_name(&entries, &ip.to_string(), false)
        {
            return Some(i);
        }
    }
    entries.iter().find_map(|(i, v)| {
        let resolved: Vec<IpAddr> = match crate::addr::parse_literal(v.as_bytes()) {
            Some(ip) => vec![ip],
            None => host.resolve(v),
        };
        resolved.iter().any(|r| locals.contains(r)).then_some(*i)
    })
}

fn local_node(cmap: &CmapView, host: &dyn Host, anchor: Span, out: &mut Vec<HostFinding>) {
    let entries = candidates(cmap);
    if entries.is_empty() || find_local_node(cmap, host).is_some() {
        return;
    }
    let hostname = host.hostname().unwrap_or_default();
    let addrs: Vec<String> = host.local_addresses().iter().map(ToString::to_string).collect();
    out.push(HostFinding {
        check: HostCheck::LocalNodeNotFound,
        message: "No valid name found for local host".into(),
        span: cmap.get("nodelist.node.0.name").or_else(|| cmap.get("nodelist.node.0.ring0_addr")).map_or(anchor, |e| e.span()),
        help: format!(
            "corosync looks for this host (`{hostname}`, addresses {}) among the nodes' `name` and `ring0_addr` and refuses to start when none matches; add this host's node, or set its `name` to the hostname",
            if addrs.is_empty() { "none".to_string() } else { addrs.join(", ") }
        ),
    });
}

#[cfg(test)]
pub mod fake {
    //! A fake machine for tests.
    use super::*;
    use std::collections::BTreeMap;

    /// A machine described in the test.
    #[derive(Debug, Clone, Default)]
    pub struct FakeHost {
        /// `uname` nodename.
        pub hostname: String,
        /// Interface addresses.
        pub addresses: Vec<IpAddr>,
        /// Name → addresses.
        pub names: BTreeMap<String, Vec<IpAddr>>,
        /// Files and directories.
        pub files: BTreeMap<PathBuf, FileInfo>,
        /// Users and groups.
        pub users: Vec<String>,
    }

    impl Host for FakeHost {
        fn hostname(&self) -> Option<String> {
            Some(self.hostname.clone())
        }
        fn local_addresses(&self) -> Vec<IpAddr> {
            self.addresses.clone()
        }
        fn reverse_name(&self, ip: IpAddr) -> Option<String> {
            self.names.iter().find(|(_, a)| a.contains(&ip)).map(|(n, _)| n.clone())
        }
        fn resolve(&self, name: &str) -> Vec<IpAddr> {
            self.names.get(name).cloned().unwrap_or_default()
        }
        fn file(&self, path: &Path) -> Option<FileInfo> {
            self.files.get(path).copied()
        }
        fn user_exists(&self, name: &str) -> bool {
            self.users.iter().any(|u| u == name)
        }
        fn group_exists(&self, name: &str) -> bool {
            self.users.iter().any(|u| u == name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::FakeHost;
    use super::*;
    use crate::lint::Analysis;
    use crate::source::SourceFile;

    fn dir() -> FileInfo {
        FileInfo { is_dir: true, len: 0, readable: true }
    }

    fn node_host() -> FakeHost {
        let mut h = FakeHost { hostname: "node1.example.com".into(), ..FakeHost::default() };
        h.addresses = vec!["127.0.0.1".parse().expect("ip"), "10.0.0.1".parse().expect("ip")];
        h.files.insert(PathBuf::from(DEFAULT_STATE_DIR), dir());
        h
    }

    fn run(text: &str, host: &FakeHost) -> Vec<HostCheck> {
        let a = Analysis::new(SourceFile::new("t", text.as_bytes()));
        check(&a.cmap, host, Span::default()).into_iter().map(|f| f.check).collect()
    }

    const TWO: &str = "totem {\n version: 2\n}\nnodelist {\n node {\n  name: NAME\n  nodeid: 1\n  ring0_addr: ADDR\n }\n node {\n  name: node2\n  nodeid: 2\n  ring0_addr: 10.0.0.2\n }\n}\n";

    fn two(name: &str, addr: &str) -> String {
        TWO.replace("NAME", name).replace("ADDR", addr)
    }

    #[test]
    fn local_node_by_name_short_name_or_address() {
        let h = node_host();
        assert!(run(&two("node1.example.com", "10.9.9.9"), &h).is_empty());
        assert!(run(&two("node1", "10.9.9.9"), &h).is_empty());
        assert!(run(&two("node1.other", "10.9.9.9"), &h).is_empty(), "short names compared cut at the first dot");
        assert!(run(&two("alpha", "10.0.0.1"), &h).is_empty(), "ring0_addr is a local address");
        assert_eq!(run(&two("alpha", "10.9.9.9"), &h), vec![HostCheck::LocalNodeNotFound]);
    }

    #[test]
    fn ring1_is_never_consulted() {
        let h = node_host();
        let text = "nodelist {\n node {\n  name: alpha\n  nodeid: 1\n  ring1_addr: 10.0.0.1\n }\n}\n";
        assert_eq!(run(text, &h), vec![HostCheck::LocalNodeNotFound]);
    }

    #[test]
    fn authkey_logfile_uidgid_state_dir() {
        let mut h = node_host();
        let crypto = format!("totem {{\n secauth: on\n}}\n{}", two("node1", "10.0.0.1"));
        assert_eq!(run(&crypto, &h), vec![HostCheck::Authkey]);
        h.files.insert(PathBuf::from(DEFAULT_AUTHKEY), FileInfo { is_dir: false, len: 100, readable: true });
        assert_eq!(run(&crypto, &h), vec![HostCheck::Authkey]);
        h.files.insert(PathBuf::from(DEFAULT_AUTHKEY), FileInfo { is_dir: false, len: 128, readable: true });
        assert!(run(&crypto, &h).is_empty());
        let logs = format!("logging {{\n logfile: /var/log/cluster/corosync.log\n}}\n{}", two("node1", "10.0.0.1"));
        assert_eq!(run(&logs, &h), vec![HostCheck::LogfileDirectory]);
        h.files.insert(PathBuf::from("/var/log/cluster"), dir());
        assert!(run(&logs, &h).is_empty());
        let ids = format!("uidgid {{\n uid: hacluster\n gid: 0\n}}\n{}", two("node1", "10.0.0.1"));
        assert_eq!(run(&ids, &h), vec![HostCheck::UidgidUnknown]);
        h.users.push("hacluster".into());
        assert!(run(&ids, &h).is_empty());
        h.files.clear();
        assert_eq!(run(&two("node1", "10.0.0.1"), &h), vec![HostCheck::StateDir]);
    }

    #[test]
    fn node_configs_by_path() {
        assert!(is_node_config(Path::new("/etc/corosync/corosync.conf")));
        assert!(is_node_config(Path::new("/etc/pve/corosync.conf")));
        assert!(!is_node_config(Path::new("/srv/repo/corosync.conf")));
    }
}
