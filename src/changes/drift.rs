//! `corolint drift`: are the copies collected from every node the same cluster
//! config? Files are parsed in parallel, grouped by the fingerprint of their
//! canonical cmap view (same meaning = same group), and compared by
//! `config_version`: lower than the newest is stale; same version and a
//! different meaning is drift; same meaning and different bytes is only text.

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, FileReport};
use crate::lint::{self, Analysis};
use crate::rules::changes::{CLUSTER_NAME_DRIFT, NODE_DRIFT, STALE_CONFIG, TEXT_DRIFT};
use crate::source::SourceFile;

use super::canonical::{canonical, fingerprint};
use super::diff::{self, first_line};
use super::version::Version;

/// One analysed copy.
#[derive(Debug, Clone)]
pub struct DriftFile {
    /// The parsed file.
    pub analysis: Analysis,
    /// Its `config_version`.
    pub version: Version,
    /// Index into [`Drift::groups`].
    pub group: usize,
    /// Lower version than the newest copy.
    pub stale: bool,
}

/// Files with the same meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Indices into [`Drift::files`], in input order.
    pub files: Vec<usize>,
    /// Their `config_version`.
    pub version: u64,
}

/// A canonical key whose value differs between groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    /// The canonical key (`nodelist.node[nodeid=2].ring0_addr` for node keys).
    pub key: String,
    /// The value in each group (`None`: unset), indexed like [`Drift::groups`].
    pub values: Vec<Option<String>>,
}

/// The result of comparing copies.
#[derive(Debug, Clone)]
pub struct Drift {
    /// Every file, in input order.
    pub files: Vec<DriftFile>,
    /// Meaning groups, in order of first appearance.
    pub groups: Vec<Group>,
    /// The highest `config_version`.
    pub newest: u64,
    /// The reference group: the largest group at the newest version.
    pub reference: usize,
    /// Keys whose values differ between groups (empty with one group).
    pub keys: Vec<KeyRow>,
    /// One report per file, with its syntax errors and drift findings.
    pub reports: Vec<FileReport>,
}

/// For each group, the file holding the most common text (ties: the first), when
/// the group's files are not all byte for byte identical.
fn common_texts(files: &[DriftFile], groups: &[Group]) -> Vec<Option<usize>> {
    groups
        .iter()
        .map(|g| {
            let mut counts: HashMap<&[u8], (usize, usize)> = HashMap::new();
            for &i in &g.files {
                if let Some(f) = files.get(i) {
                    counts.entry(&f.analysis.source.bytes).or_insert((0, i)).0 += 1;
                }
            }
            if counts.len() < 2 {
                return None;
            }
            counts.into_values().max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1))).map(|(_, first)| first)
        })
        .collect()
}

/// Compares copies of one cluster's config.
pub fn analyze(sources: Vec<SourceFile>) -> Drift {
    let parsed: Vec<(Analysis, Vec<u8>)> = sources
        .into_par_iter()
        .map(|source| {
            let analysis = Analysis::new(source);
            let fp = fingerprint(&canonical(&analysis.cmap));
            (analysis, fp)
        })
        .collect();
    let mut group_of: HashMap<&[u8], usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut assigned = Vec::with_capacity(parsed.len());
    for (i, (analysis, fp)) in parsed.iter().enumerate() {
        let g = *group_of.entry(fp.as_slice()).or_insert_with(|| {
            groups.push(Group { files: Vec::new(), version: Version::of(&analysis.cmap).value });
            groups.len() - 1
        });
        if let Some(group) = groups.get_mut(g) {
            group.files.push(i);
        }
        assigned.push(g);
    }
    let newest = groups.iter().map(|g| g.version).max().unwrap_or(0);
    let reference = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.version == newest)
        .max_by(|a, b| a.1.files.len().cmp(&b.1.files.len()).then(b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i);
    let files: Vec<DriftFile> = parsed
        .into_iter()
        .zip(assigned)
        .map(|((analysis, _), group)| {
            let version = Version::of(&analysis.cmap);
            DriftFile { stale: version.value < newest, version, group, analysis }
        })
        .collect();
    let keys = key_rows(&files, &groups);
    let reports = reports(&files, &groups, reference);
    Drift { files, groups, newest, reference, keys, reports }
}

fn key_rows(files: &[DriftFile], groups: &[Group]) -> Vec<KeyRow> {
    if groups.len() < 2 {
        return Vec::new();
    }
    let views: Vec<_> = groups
        .iter()
        .filter_map(|g| g.files.first().and_then(|&i| files.get(i)))
        .map(|f| canonical(&f.analysis.cmap))
        .collect();
    let all: BTreeSet<&String> = views.iter().flat_map(|v| v.keys()).collect();
    all.into_iter()
        .filter_map(|key| {
            let values: Vec<Option<String>> =
                views.iter().map(|v| v.get(key).map(|ce| ce.entry.value.to_string())).collect();
            let first = values.first()?;
            values.iter().any(|v| v != first).then(|| KeyRow { key: key.clone(), values })
        })
        .collect()
}

fn reports(files: &[DriftFile], groups: &[Group], reference: usize) -> Vec<FileReport> {
    let common = common_texts(files, groups);
    let ref_file = groups.get(reference).and_then(|g| g.files.first()).and_then(|&i| files.get(i));
    files
        .par_iter()
        .map(|f| {
            let mut diagnostics: Vec<Diagnostic> =
                f.analysis.errors().into_iter().map(lint::error_diagnostic).collect();
            if let Some(r) = ref_file {
                let common = common.get(f.group).copied().flatten().and_then(|c| files.get(c));
                diagnostics.extend(findings(f, r, common, reference == f.group));
            }
            let mut report = FileReport { source: f.analysis.source.clone(), diagnostics };
            report.sort();
            report
        })
        .collect()
}

fn findings(f: &DriftFile, r: &DriftFile, common: Option<&DriftFile>, in_reference: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let source = &f.analysis.source;
    let ref_name = &r.analysis.source.name;
    let newest = r.version.value;
    if f.stale {
        let span = f.version.span.unwrap_or_else(|| first_line(source));
        let (message, help) = if f.version.value == 0 {
            (
                format!("this copy has no `config_version` (0) while `{ref_name}` has {newest}"),
                "corosync does not compare an unset version when the node joins, so this node silently runs an older or different config, and pmxcfs does not copy a file without a version; copy the newest file to this node",
            )
        } else {
            (
                format!("this copy has config_version {} but `{ref_name}` has {newest}", f.version.value),
                "a node with a lower non-zero config_version exits when it joins a member with a higher one (`Received config version ... is different than my config version`), and pmxcfs refuses to copy a lower version; copy the newest file to this node",
            )
        };
        out.push(Diagnostic::new(&STALE_CONFIG, span, message).with_label("stale").with_help(help));
    } else if !in_reference {
        let d = diff::compare(&r.analysis.cmap, &f.analysis.cmap);
        // A different cluster_name alone is reported by cluster-name-drift.
        let changed: Vec<&diff::Change> = d.meaningful().filter(|c| c.key != "totem.cluster_name").collect();
        if let Some(first) = changed.first() {
            let names: Vec<String> = changed.iter().take(3).map(|c| format!("`{}`", c.key)).collect();
            let more = if changed.len() > 3 { format!(" and {} more", changed.len() - 3) } else { String::new() };
            let mut diag = Diagnostic::new(
                &NODE_DRIFT,
                diff::anchor(first, &f.analysis.cmap, source),
                format!(
                    "this copy has config_version {} like `{ref_name}` but differs in {} key{} ({}{more})",
                    f.version.value,
                    changed.len(),
                    if changed.len() == 1 { "" } else { "s" },
                    names.join(", ")
                ),
            )
            .with_label(format!("{} here, {} in `{ref_name}`", value_text(first.new.as_ref()), value_text(first.old.as_ref())))
            .with_help("corosync compares only the version number when nodes join, so these nodes run different configs; decide which copy is right, bump config_version and copy it to every node");
            for c in changed.iter().skip(1).take(20) {
                diag = diag.with_secondary(
                    diff::anchor(c, &f.analysis.cmap, source),
                    format!("{} here, {} in `{ref_name}`", value_text(c.new.as_ref()), value_text(c.old.as_ref())),
                );
            }
            // If this copy is the right one, it needs a version above every copy's.
            // Unsafe: choosing the copy that wins is a decision.
            let a = &f.analysis;
            let target = newest.saturating_add(1);
            if let Some((edits, intent)) =
                crate::fix::edits::set_config_version(&a.parsed.tree, &a.source.bytes, &a.cmap, target)
            {
                diag = diag.with_fix(crate::fix::Fix::unsafe_(
                    format!("Make this copy the newest: `config_version: {target}` (one more than the highest copy), then copy it to every node"),
                    edits,
                    intent,
                ));
            }
            out.push(diag);
        }
    }
    let name_of = |a: &Analysis| a.cmap.get_bytes("totem.cluster_name");
    if name_of(&f.analysis) != name_of(&r.analysis) {
        let span = f.analysis.cmap.get("totem.cluster_name").map_or_else(|| first_line(source), |e| e.span());
        let shown =
            |v: Option<Vec<u8>>| v.map_or("(unset)".to_string(), |v| format!("`{}`", crate::source::display_bytes(&v)));
        out.push(
            Diagnostic::new(
                &CLUSTER_NAME_DRIFT,
                span,
                format!("cluster_name is {} here but {} in `{ref_name}`", shown(name_of(&f.analysis)), shown(name_of(&r.analysis))),
            )
            .with_label("different cluster name")
            .with_help("every node of one cluster needs the same cluster_name; it is read-only at run time, so changing it needs a restart of every node"),
        );
    }
    if let Some(other) = common
        && *f.analysis.source.bytes != *other.analysis.source.bytes
    {
        out.push(
            Diagnostic::new(
                &TEXT_DRIFT,
                first_line(source),
                format!("this copy means the same as `{}` but its text differs", other.analysis.source.name),
            )
            .with_label("same meaning, different text")
            .with_help("pmxcfs keeps every node's file byte for byte identical; a different text usually means a manual edit of /etc/corosync/corosync.conf"),
        );
    }
    out
}

fn value_text(side: Option<&diff::Side>) -> String {
    diff::shown(side)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile::new(name, text.as_bytes().to_vec())
    }

    const A: &str = "totem {\n version: 2\n cluster_name: c\n config_version: 5\n token: 3000\n}\n";

    #[test]
    fn groups_stale_and_drifted_copies() {
        let d = analyze(vec![
            file("a", A),
            file("b", &A.replace("token: 3000", "token: 9000")),
            file("c", &A.replace("config_version: 5", "config_version: 4")),
            file("d", &format!("# same\n{A}")),
        ]);
        assert_eq!(d.groups.len(), 3);
        assert_eq!(d.newest, 5);
        let rules: Vec<Vec<&str>> = d.reports.iter().map(|r| r.diagnostics.iter().map(|x| x.rule).collect()).collect();
        assert_eq!(rules, vec![vec![], vec!["node-drift"], vec!["stale-config"], vec!["text-drift"]]);
        assert_eq!(
            d.keys.iter().map(|k| k.key.as_str()).collect::<Vec<_>>(),
            vec!["totem.config_version", "totem.token"]
        );
    }
}
