//! Renderer contracts: GitHub workflow-command escaping and positions, the
//! JSON keys, and SARIF output validated against the official SARIF 2.1.0
//! JSON schema (`tests/data/sarif-schema-2.1.0.json`, OASIS errata 01).

use corolint::diagnostic::{Diagnostic, FileReport, Severity};
use corolint::render::{self, OutputFormat, RenderOptions, github, sarif};
use corolint::rules::{self, Rule};
use corolint::source::{SourceFile, Span};

fn rule(name: &str) -> &'static Rule {
    rules::find(name).map(|e| e.rule).expect("registered rule")
}

const TEXT: &str = "totem {\n  cluster_name: a,b:c%d\n  token: 3000\n}\n";

/// A report with a one-line diagnostic (with help and a secondary label), a
/// multi-line one and an info, in a file whose name needs escaping.
fn report(name: &str) -> FileReport {
    let source = SourceFile::new(name, TEXT.as_bytes().to_vec());
    let key = TEXT.find("cluster_name").expect("key");
    let line_end = TEXT[key..].find('\n').expect("eol") + key;
    let one_line = Diagnostic::new(rule("unused-suppression"), Span::new(key, line_end + 1), "50% done,\nreally: yes")
        .with_label("here")
        .with_help("fix: it,\r\nnow")
        .with_secondary(Span::new(0, 5), "section");
    let multi_line = Diagnostic::new(rule("invalid-suppression"), Span::new(0, TEXT.len()), "whole section");
    let mut info = Diagnostic::new(rule("invalid-suppression"), Span::new(key, key), "empty span");
    info.severity = Severity::Info;
    FileReport { source, diagnostics: vec![one_line, multi_line, info] }
}

fn rendered(reports: &[FileReport], format: OutputFormat) -> String {
    let mut out = Vec::new();
    render::render(reports, format, RenderOptions { color: false, summary: true }, &mut out).expect("render");
    String::from_utf8(out).expect("utf-8")
}

#[test]
fn github_escapes_data_and_properties() {
    assert_eq!(github::escape_data("a%b\r\nc:d,e"), "a%25b%0D%0Ac:d,e");
    assert_eq!(github::escape_property("a%b\r\nc:d,e"), "a%25b%0D%0Ac%3Ad%2Ce");
    // `%` is escaped first, so existing escapes are not decoded by the runner.
    assert_eq!(github::escape_data("%0A"), "%250A");
}

#[test]
fn github_commands_have_levels_positions_and_escapes() {
    let text = rendered(&[report("dir,x/co:ro.conf")], OutputFormat::Github);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    // One-line span (the trailing newline of the line does not count): columns given.
    assert_eq!(
        lines[0],
        "::warning title=corolint X901 (unused-suppression),file=dir%2Cx/co%3Aro.conf,line=2,col=3,endLine=2,endColumn=24\
         ::dir,x/co:ro.conf:2:3: X901 50%25 done,%0Areally: yes%0Ahelp: fix: it,%0D%0Anow"
    );
    // Multi-line span: no columns.
    assert_eq!(
        lines[1],
        "::warning title=corolint X902 (invalid-suppression),file=dir%2Cx/co%3Aro.conf,line=1,endLine=4\
         ::dir,x/co:ro.conf:1:1: X902 whole section"
    );
    assert!(lines[2].starts_with("::notice title="), "{}", lines[2]);
    assert!(lines[2].contains(",line=2,col=3,endLine=2,endColumn=3::"), "{}", lines[2]);
    // No line may contain a raw CR or LF inside the command.
    assert!(!text.contains('\r'));
}

#[test]
fn json_has_the_contract_keys() {
    let text = rendered(&[report("x.conf")], OutputFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["version"], 1);
    let d = &v["diagnostics"][0];
    for key in ["rule", "code", "severity", "file", "line", "column", "end_line", "end_column", "message"] {
        assert!(d.get(key).is_some(), "missing `{key}` in {d}");
    }
    assert_eq!(d["rule"], "unused-suppression");
    assert_eq!(d["code"], "X901");
    assert_eq!(d["severity"], "warning");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(3)));
    assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(2), Some(24)));
    assert_eq!(v["diagnostics"][2]["severity"], "info");
}

fn sarif_validator() -> jsonschema::Validator {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("schema file")).expect("schema json");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Asserts that `sarif` is valid SARIF 2.1.0.
pub fn assert_valid_sarif(sarif: &serde_json::Value) {
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF does not match the 2.1.0 schema:\n{}", errors.join("\n"));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let reports = [report("sub dir/corosync.conf"), report("/etc/pve/corosync.conf"), report("./a.conf")];
    let text = rendered(&reports, OutputFormat::Sarif);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_valid_sarif(&v);
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 9);
    let uri = |i: usize| results[i]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].clone();
    assert_eq!(uri(0), "sub%20dir/corosync.conf");
    assert_eq!(uri(3), "file:///etc/pve/corosync.conf");
    assert_eq!(uri(6), "a.conf");
    assert_eq!(results[0]["ruleId"], "X901");
    assert_eq!(results[2]["level"], "note");
    // ruleIndex points at the rule with that id.
    let index = results[0]["ruleIndex"].as_u64().expect("ruleIndex");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules[usize::try_from(index).expect("index")]["id"], "X901");
    // Every registered rule is described once, with a unique id.
    let mut ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    assert_eq!(ids.len(), rules::all().len());
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), rules::all().len());
}

#[test]
fn sarif_for_no_findings_is_valid() {
    let clean = FileReport { source: SourceFile::new("c.conf", TEXT.as_bytes().to_vec()), diagnostics: Vec::new() };
    let v = sarif::to_value(&[clean]);
    assert_valid_sarif(&v);
    assert_eq!(v["runs"][0]["results"].as_array().map(Vec::len), Some(0));
}

#[test]
fn sarif_uris_are_relative_references() {
    assert_eq!(sarif::artifact_uri("./x/corosync.conf"), "x/corosync.conf");
    assert_eq!(sarif::artifact_uri("a b/c#d.conf"), "a%20b/c%23d.conf");
    assert_eq!(sarif::artifact_uri("/abs/c.conf"), "file:///abs/c.conf");
    assert_eq!(sarif::artifact_uri("dir\\c.conf"), "dir/c.conf");
}

#[test]
fn human_formats_end_with_a_summary() {
    let text = rendered(&[report("x.conf")], OutputFormat::Concise);
    assert!(text.starts_with("x.conf:2:3: warning[unused-suppression] 50% done,"), "{text}");
    assert!(text.ends_with("Found 3 problems (0 errors, 2 warnings, 1 info) in 1 file.\n"), "{text}");
    let full = rendered(&[report("x.conf")], OutputFormat::Full);
    assert!(full.contains("unused-suppression[X901]"), "{full}");
    assert!(!full.contains('\u{1b}'), "no colour asked for");
}

#[test]
fn the_schema_rejects_broken_sarif() {
    let validator = sarif_validator();
    let mut v = sarif::to_value(&[report("x.conf")]);
    assert!(validator.is_valid(&v));
    v["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&v), "an unknown level must be rejected");
    let mut v = sarif::to_value(&[report("x.conf")]);
    v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = serde_json::json!(0);
    assert!(!validator.is_valid(&v), "line 0 must be rejected");
}

/// A report whose diagnostic carries a fix with an insertion, a deletion and a replacement.
fn fixed_report() -> FileReport {
    use corolint::fix::{Edit, Fix, Intent};
    let text = "totem: {\n  token: 3000 # ms\n}\n";
    let source = SourceFile::new("f.conf", text.as_bytes().to_vec());
    let line2 = text.find("  token").expect("line");
    let hash = text.find(" # ms").expect("comment");
    let fix = Fix::safe(
        "Move `# ms` to its own line above",
        vec![
            Edit::insert(line2 as u32, "  # ms\n"),
            Edit::delete(Span::new(hash, hash + 5)),
            Edit::replace(Span::new(5, 7), " "),
        ],
        Intent::set("totem.token", "3000").and_moved_comment("# ms"),
    );
    let d = Diagnostic::new(rule("invalid-integer"), Span::new(line2 + 9, hash + 5), "not a number").with_fix(fix);
    FileReport { source, diagnostics: vec![d] }
}

#[test]
fn json_fix_objects_have_positions_offsets_and_content() {
    let text = rendered(&[fixed_report(), report("x.conf")], OutputFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(v["version"], 1, "an additive field keeps the contract version");
    let fix = &v["diagnostics"][0]["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert_eq!(fix["message"], "Move `# ms` to its own line above");
    let edits = fix["edits"].as_array().expect("edits");
    assert_eq!(edits.len(), 3);
    // Sorted by position: the colon replacement on line 1 first.
    assert_eq!(edits[0]["start"], serde_json::json!({"line": 1, "column": 6, "offset": 5}));
    assert_eq!(edits[0]["end"], serde_json::json!({"line": 1, "column": 8, "offset": 7}));
    assert_eq!(edits[0]["content"], " ");
    assert_eq!(edits[1]["start"], edits[1]["end"], "an insertion is an empty range");
    assert_eq!(edits[1]["content"], "  # ms\n");
    assert_eq!(edits[2]["content"], "");
    assert_eq!((edits[2]["start"]["line"].as_u64(), edits[2]["start"]["column"].as_u64()), (Some(2), Some(14)));
    // A diagnostic without a fix has `"fix": null`.
    assert!(v["diagnostics"][1]["fix"].is_null(), "{}", v["diagnostics"][1]);
}

#[test]
fn sarif_fixes_validate_and_carry_replacements() {
    let v = sarif::to_value(&[fixed_report(), report("x.conf")]);
    assert_valid_sarif(&v);
    let fixes = v["runs"][0]["results"][0]["fixes"].as_array().expect("fixes");
    assert_eq!(fixes.len(), 1);
    let change = &fixes[0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "f.conf");
    let replacements = change["replacements"].as_array().expect("replacements");
    assert_eq!(replacements.len(), 3);
    assert_eq!(replacements[1]["insertedContent"]["text"], "  # ms\n");
    assert_eq!(replacements[1]["deletedRegion"]["byteLength"], 0);
    assert_eq!(replacements[1]["deletedRegion"]["startLine"], 2);
    assert!(v["runs"][0]["results"][1].get("fixes").is_none());
}
