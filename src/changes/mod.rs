//! Comparing configs: two versions of one file (`corolint diff`, `check
//! --git-base`), the copies collected from every node (`corolint drift`), and
//! a Proxmox VE node's two files (`check` on `/etc/pve/corosync.conf`,
//! `check --local-copy`). Every finding is an ordinary diagnostic of a
//! `Changes` rule (see `crate::rules::changes`).

pub mod canonical;
pub mod diff;
pub mod drift;
pub mod git_base;
pub mod local_copy;
pub mod reload;
pub mod version;
