//! Agreement with the recorded verdicts of corosync 3.1.7, 3.1.9 and 3.1.10
//! (`testdata/reference/corosync-t-cases-versions.json`): every recorded
//! case, every version probe and every real corpus file, read by corolint
//! for each of the three targets.
//!
//! - corosync's parser refuses the file → corolint's first syntax or type
//!   error is on the same line;
//! - corosync crashes (SIGSEGV, SIGABRT) → corolint reports a syntax-class error;
//! - corosync refuses it after parsing → corolint reports an error (unless the
//!   refusal depends on the recording machine: see [`MACHINE_DEPENDENT`]);
//! - corosync accepts it → corolint reports no syntax-class error.

mod common;

use common::{Case, ORACLE_VERSIONS, Verdict};
use corolint::diagnostic::Severity;
use corolint::lint::{self, Analysis};
use corolint::rules::Profile;
use corolint::source::SourceFile;

/// Refusals that depend on the machine the runs were recorded on (its
/// users, groups, name resolution and local addresses), which corolint
/// cannot know from the file.
const MACHINE_DEPENDENT: &[&str] = &[
    "failed to parse node address",
    "No valid name found for local host",
    "is not found in /etc/",
    "Could not open",
    "Could only read",
    "Can't open logfile",
    "Cannot chdir",
];

/// Refusals after parsing that every release makes alike and that no rule
/// reports as an error yet. The test fails when one of them starts to agree:
/// then it leaves this list.
const KNOWN_GAPS: &[&str] = &[];

/// Whether corosync refused because a node's host name did not resolve on the
/// recording machine: `An IPV6 network requires that a node ID be specified
/// for address '<name>'` is what udp/udpu say of a node without `nodeid` whose
/// address is not IPv4, and a name that resolves to IPv4 elsewhere is fine there.
fn unresolved_node_name(message: &str) -> bool {
    let Some(rest) = message.split("node ID be specified for address '").nth(1) else { return false };
    let name = rest.split('\'').next().unwrap_or("");
    name.parse::<std::net::IpAddr>().is_err()
}

fn all_cases() -> Vec<Case> {
    let mut cases = common::recorded_cases();
    cases.extend(common::probes());
    cases.extend(common::corpus_cases());
    cases
}

#[test]
fn recorded_verdicts_of_every_version() {
    let json = common::versions_json();
    let cases = all_cases();
    assert_eq!(cases.len(), 285 + 41 + 125, "cases, probes and corpus files");
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in &cases {
        let recorded = match case.name.strip_prefix("probe:") {
            Some(probe) => &json["probes"][probe],
            None => &json["cases"][&case.name],
        };
        assert!(recorded.is_object(), "{}: no recorded runs", case.name);
        for version in ORACLE_VERSIONS {
            let run = &recorded[version.as_str()];
            let rc = run["rc"].as_i64().expect("rc");
            let output: Vec<String> =
                run["output"].as_array().expect("output").iter().filter_map(|l| l.as_str().map(String::from)).collect();
            let verdict = Verdict::of(rc, &output, "FILE");
            let problem = disagreement(case, version, &verdict);
            match (problem, KNOWN_GAPS.contains(&case.name.as_str())) {
                (Some(problem), false) => failures.push(format!("{} @ {version}: {problem}", case.name)),
                (None, true) => {
                    failures.push(format!("{} @ {version}: agrees now; remove it from KNOWN_GAPS", case.name))
                }
                _ => {}
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 3 * cases.len());
    assert!(failures.is_empty(), "{} of {checked} disagree:\n{}", failures.len(), failures.join("\n"));
}

/// Why corolint (for `version`) disagrees with corosync's `verdict`, if it does.
fn disagreement(case: &Case, version: corolint::version::TargetVersion, verdict: &Verdict) -> Option<String> {
    let analysis = Analysis::for_target(SourceFile::new(case.name.clone(), case.bytes.clone()), version);
    let Verdict::Refused(message) = verdict else {
        return common::parser_disagreement(&analysis, verdict, MACHINE_DEPENDENT);
    };
    if MACHINE_DEPENDENT.iter().any(|m| message.contains(m)) || unresolved_node_name(message) {
        return None;
    }
    let report = lint::lint(&analysis, Profile::Generic, |_| true);
    let refused = report.diagnostics.iter().any(|d| d.severity == Severity::Error);
    (!refused).then(|| format!("corosync refuses it ({message}); corolint reports no error"))
}
