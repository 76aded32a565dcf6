//! The file against the running configuration: what a reload would apply
//! (`live-reload-pending`), what only a restart applies
//! (`live-restart-required`), and what corosync refused or would refuse
//! (`live-reload-failed`). The key-by-key comparison is `corolint diff`'s
//! ([`crate::changes::diff::compare`]) with the running map as the old side,
//! so nodes are matched by nodeid and each change is classified by the same
//! reload table.

use super::state::{CmapValue, LiveState};
use crate::changes::diff::{self, Change};
use crate::changes::reload::Effect;
use crate::diagnostic::Diagnostic;
use crate::lint::Analysis;
use crate::quorum::QuorumModel;
use crate::rules::live::{LIVE_RELOAD_FAILED, LIVE_RELOAD_PENDING, LIVE_RESTART_REQUIRED};

/// The votequorum options a reload stores but does not apply, judged from votequorum's flags.
const FLAG_KEYS: &[&str] =
    &["quorum.wait_for_all", "quorum.last_man_standing", "quorum.auto_tie_breaker", "quorum.allow_downscale"];

/// Whether the running side of a change is something corosync sets itself at
/// start, which the file does not say: never a difference.
fn daemon_made(change: &Change) -> bool {
    if change.new.is_some() {
        return false;
    }
    let key = change.key.as_str();
    if key == "nodelist.local_node_pos" {
        return true;
    }
    if let Some(rest) = key.strip_prefix("totem.interface.")
        && let Some((_, name)) = rest.split_once('.')
    {
        return matches!(name, "bindnetaddr" | "mcastaddr" | "mcastport");
    }
    crate::changes::canonical::split_node_key(key).is_some_and(|(_, name)| name == "nodeid")
}

/// `config_version` this node runs, the file's, and the diagnostics of the comparison.
pub fn diagnostics(analysis: &Analysis, state: &LiveState) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    out.extend(refused_reload(analysis, state));
    if !analysis.is_valid() {
        out.push(unparsable(analysis, state));
        return out;
    }
    let running = state.running_view();
    let file = &analysis.cmap;
    let source = &analysis.source;
    let changes = diff::compare(&running, file);
    let running_version = state.config_version();
    for c in &changes.changes {
        if daemon_made(c) || FLAG_KEYS.contains(&c.key.as_str()) {
            continue;
        }
        let span = diff::anchor(c, file, source);
        let (file_value, running_value) = (diff::shown(c.new.as_ref()), diff::shown(c.old.as_ref()));
        match c.effect {
            Effect::Version => {
                let file_version = changes.new_version.value;
                let what = if file_version > running_version { "newer than" } else { "different from" };
                out.push(
                    Diagnostic::new(
                        &LIVE_RELOAD_PENDING,
                        span,
                        format!(
                            "the file has `config_version` {file_version}, {what} the {running_version} corosync runs"
                        ),
                    )
                    .with_label(format!("corosync runs {running_version}"))
                    .with_help("copy the file to every node, then run `corosync-cfgtool -R` once"),
                );
            }
            Effect::Live => out.push(
                Diagnostic::new(
                    &LIVE_RELOAD_PENDING,
                    span,
                    format!("`{}` is {file_value} in the file but {running_value} in the running corosync", c.key),
                )
                .with_label(format!("runs {running_value}"))
                .with_help("`corosync-cfgtool -R` applies it (each node re-reads its own file)"),
            ),
            Effect::Restart => out.push(
                Diagnostic::new(
                    &LIVE_RESTART_REQUIRED,
                    span,
                    format!(
                        "`{}` is {file_value} in the file but corosync runs {running_value}; only a restart applies it",
                        c.key
                    ),
                )
                .with_label(format!("runs {running_value} until restart"))
                .with_help(format!("{}; restart corosync to apply it, or put the old value back", c.reason)),
            ),
            Effect::ReloadFails => out.push(
                Diagnostic::new(
                    &LIVE_RELOAD_FAILED,
                    span,
                    format!(
                        "`{}` is {file_value} in the file but {running_value} in the running corosync: the next `corosync-cfgtool -R` fails",
                        c.key
                    ),
                )
                .with_label("reload fails")
                .with_help(c.reason.clone()),
            ),
        }
    }
    out.extend(flag_differences(analysis, state));
    out.extend(fatal_at_start(analysis));
    out
}

/// votequorum's startup-only options: what the file asks for against the flags votequorum runs with.
fn flag_differences(analysis: &Analysis, state: &LiveState) -> Vec<Diagnostic> {
    let model = QuorumModel::from_cmap(&analysis.cmap);
    if model.provider != crate::quorum::Provider::Votequorum || model.fatal.is_some() {
        return Vec::new();
    }
    let flags = state.quorum.flags;
    let rows = [
        ("quorum.wait_for_all", "WaitForAll", model.wait_for_all, flags.wait_for_all),
        ("quorum.last_man_standing", "LastManStanding", model.last_man_standing, flags.last_man_standing),
        ("quorum.auto_tie_breaker", "AutoTieBreaker", model.auto_tie_breaker.is_some(), flags.auto_tie_breaker),
        ("quorum.allow_downscale", "AllowDownscale", model.allow_downscale, flags.allow_downscale),
    ];
    let mut out = Vec::new();
    for (key, flag, wanted, running) in rows {
        if wanted == running {
            continue;
        }
        let span = analysis
            .cmap
            .get(key)
            .map(|e| e.span())
            .or_else(|| {
                if key == "quorum.wait_for_all" { analysis.cmap.get("quorum.two_node").map(|e| e.span()) } else { None }
            })
            .unwrap_or_else(|| quorum_anchor(analysis));
        let (file_says, runs) = if wanted { ("on", "off") } else { ("off", "on") };
        let in_cmap = state.get(key).and_then(CmapValue::as_u64).unwrap_or(0);
        out.push(
            Diagnostic::new(
                &LIVE_RESTART_REQUIRED,
                span,
                format!(
                    "`{key}` is {file_says} in the file but votequorum runs with it {runs} (flag `{flag}`{}); only a restart applies it",
                    if wanted { " missing" } else { " set" }
                ),
            )
            .with_label(format!("votequorum runs it {runs}"))
            .with_help(format!(
                "votequorum reads it only at startup; a reload stores it in cmap (`{key}` = {in_cmap} there now) without applying it; restart corosync on every node to apply it"
            )),
        );
    }
    out
}

fn quorum_anchor(analysis: &Analysis) -> crate::source::Span {
    analysis.cmap.get("quorum.provider").map(|e| e.span()).unwrap_or_else(|| diff::first_line(&analysis.source))
}

/// What votequorum refuses at the next start.
fn fatal_at_start(analysis: &Analysis) -> Option<Diagnostic> {
    let model = QuorumModel::from_cmap(&analysis.cmap);
    let fatal = model.fatal?;
    Some(
        Diagnostic::new(
            &LIVE_RELOAD_FAILED,
            quorum_anchor(analysis),
            "corosync would refuse this file at its next start (votequorum fails to initialise)".to_string(),
        )
        .with_label("refused at start")
        .with_help(fatal.help()),
    )
}

/// A file that does not parse: corosync keeps what it runs and refuses the next reload.
fn unparsable(analysis: &Analysis, state: &LiveState) -> Diagnostic {
    let first = analysis.errors().first().map(|e| (e.span, e.message.clone()));
    let (span, message) = first.unwrap_or_else(|| (diff::first_line(&analysis.source), String::new()));
    Diagnostic::new(
        &LIVE_RELOAD_FAILED,
        span,
        format!(
            "corosync would refuse this file at the next reload or start (parser error: {message}); it keeps running config_version {}",
            state.config_version()
        ),
    )
    .with_label("the next reload fails here")
    .with_help("`corosync-cfgtool -R` would print `Could not reload configuration. Error CS_ERR_INVALID_PARAM`; fix the file first")
}

/// A reload the running corosync refused.
fn refused_reload(analysis: &Analysis, state: &LiveState) -> Option<Diagnostic> {
    let get = |k: &str| state.get(k).and_then(CmapValue::as_i64);
    let message = state
        .get("config.reload_error_message")
        .and_then(CmapValue::as_str)
        .filter(|m| !m.is_empty() && *m != "Success");
    let status = get("config.reload_status");
    let stuck = get("config.totemconfig_reload_in_progress") == Some(1) && get("config.reload_in_progress") == Some(0);
    let why = if let Some(m) = message {
        format!("corosync reports `{m}`")
    } else if status.is_some_and(|s| s != 1) {
        format!("`config.reload_status` is {} (1 is success)", status.unwrap_or_default())
    } else if stuck {
        "`config.totemconfig_reload_in_progress` stayed 1 after the reload ended: corosync 3.1.7 leaves it so when the file did not parse".to_string()
    } else {
        return None;
    };
    let span = analysis
        .cmap
        .get("totem.config_version")
        .map(|e| e.span())
        .unwrap_or_else(|| diff::first_line(&analysis.source));
    Some(
        Diagnostic::new(
            &LIVE_RELOAD_FAILED,
            span,
            format!("the last `corosync-cfgtool -R` was refused: {why}; corosync still runs config_version {}", state.config_version()),
        )
        .with_label("last reload refused")
        .with_help("the reason is in corosync's log (`Unable to reload config file`, `Cannot configure new interface definitions`); fix the file and reload again"),
    )
}
