//! The source layout the design promises: one file per rule, found by its
//! name (`src/rules/<category>/<rule_name>.rs`), no two modules that import
//! each other, and no module that imports one of a later pipeline stage.
//! Reads the crate's own source tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use corolint::rules;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The `pub const NAME: Rule` definitions of a file, each with the `///` doc above it.
fn rule_consts(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut doc: Vec<&str> = Vec::new();
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(d) = t.strip_prefix("///") {
            doc.push(d.strip_prefix(' ').unwrap_or(d));
            continue;
        }
        if t.starts_with("#[") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("pub const ")
            && let Some((ident, ty)) = rest.split_once(':')
            && ty.trim_start().starts_with("Rule =")
        {
            found.push((ident.trim().to_string(), doc.join("\n")));
        }
        doc.clear();
    }
    found
}

/// For every rule of `corolint::rules::all()` there is `src/rules/<category>/<rule_name>.rs`,
/// and that file defines exactly this rule, with the documentation `corolint rule` prints.
#[test]
fn every_rule_has_its_own_file_named_after_it() {
    let mut problems = Vec::new();
    let mut expected = BTreeSet::new();
    for e in rules::all() {
        let rel = format!("rules/{}/{}.rs", e.rule.category.as_str(), e.rule.name.replace('-', "_"));
        expected.insert(rel.clone());
        let Ok(text) = fs::read_to_string(src_dir().join(&rel)) else {
            problems.push(format!("{}: no file src/{rel}", e.rule.name));
            continue;
        };
        let ident = e.rule.name.replace('-', "_").to_ascii_uppercase();
        match rule_consts(&text).as_slice() {
            [(found, doc)] if *found == ident && doc == e.doc => {}
            [(found, _)] if *found != ident => {
                problems.push(format!("src/{rel}: defines `{found}`, expected `{ident}`"));
            }
            [_] => problems.push(format!("src/{rel}: its doc comment is not the registered doc of `{}`", e.rule.name)),
            other => problems.push(format!("src/{rel}: {} rule definitions, expected one", other.len())),
        }
    }
    // And the other way round: no rule file that the registry does not know.
    for path in rust_files(&src_dir().join("rules")) {
        let rel = path.strip_prefix(src_dir()).expect("under src").to_string_lossy().replace('\\', "/");
        let text = fs::read_to_string(&path).expect("readable source");
        if !rule_consts(&text).is_empty() && !expected.contains(&rel) {
            problems.push(format!("src/{rel}: defines a rule that is not registered under that path"));
        }
    }
    assert!(problems.is_empty(), "rule layout:\n{}", problems.join("\n"));
    assert_eq!(expected.len(), rules::all().len(), "two rules map to one file");
}

/// The module path of a source file: `src/a/b.rs` and `src/a/b/mod.rs` are `a::b`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_string();
        if !matches!(stem.as_str(), "mod" | "lib" | "main") {
            parts.push(stem);
        }
    }
    parts
}

/// Drops `//` comments and the `#[cfg(test)] mod tests` block at the end of a file.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The paths a file's code names through `use crate::…`, `use super::…` and
/// inline `crate::…`, each split into segments and made absolute.
fn named_paths(code: &str, module: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before_ok = rest[..at].chars().last().is_none_or(|c| !c.is_alphanumeric() && c != '_');
        let tail = &rest[at + 4..];
        let end = tail.find(';').unwrap_or(tail.len());
        let stmt: String = tail[..end].chars().filter(|c| !c.is_whitespace()).collect();
        rest = &tail[end..];
        if !before_ok || !(stmt.starts_with("crate::") || stmt.starts_with("super::")) {
            continue;
        }
        let (prefix, items) = match stmt.split_once("::{") {
            Some((p, items)) => (p.to_string(), items.trim_end_matches('}').split(',').map(str::to_string).collect()),
            None => (String::new(), vec![stmt.clone()]),
        };
        for item in items {
            let item = item.split("::{").next().unwrap_or("").split(" as ").next().unwrap_or("").to_string();
            let full = if prefix.is_empty() { item } else { format!("{prefix}::{item}") };
            out.push(absolute(&full, module));
        }
    }
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let tail = &rest[at + 7..];
        let end = tail.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(tail.len());
        out.push(absolute(&format!("crate::{}", &tail[..end]), module));
        rest = &tail[end..];
    }
    out
}

fn absolute(path: &str, module: &[String]) -> Vec<String> {
    let mut segments: Vec<String> =
        path.split("::").filter(|s| !s.is_empty() && *s != "self").map(str::to_string).collect();
    if segments.first().is_some_and(|s| s == "crate") {
        segments.remove(0);
        return segments;
    }
    let mut base = module.to_vec();
    while segments.first().is_some_and(|s| s == "super") {
        segments.remove(0);
        base.pop();
    }
    base.extend(segments);
    base
}

/// Every module of the crate and the modules its code names (test-only code
/// left out), resolved to the module that defines what is named.
fn module_imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let src = src_dir();
    let files = rust_files(&src);
    let mut modules: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut test_only: BTreeSet<Vec<String>> = BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(&src).expect("under src");
        let module = module_of(rel);
        for n in 1..module.len() {
            modules.insert(module[..n].to_vec());
        }
        let text = fs::read_to_string(f).expect("readable source");
        test_only.extend(cfg_test_modules(&text).into_iter().map(|name| {
            let mut m = module.clone();
            m.push(name);
            m
        }));
        modules.insert(module);
    }
    // `rules::Context` and `rules::Profile` are re-exports of `rules::context`.
    let resolve = |path: &[String]| -> Option<Vec<String>> {
        if path.len() >= 2 && path[0] == "rules" && matches!(path[1].as_str(), "Context" | "Profile") {
            return Some(vec!["rules".to_string(), "context".to_string()]);
        }
        (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p))
    };
    let mut imports: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for f in &files {
        let module = module_of(f.strip_prefix(&src).expect("under src"));
        if test_only.iter().any(|t| module.starts_with(t)) {
            continue;
        }
        let code = code_of(&fs::read_to_string(f).expect("readable source"));
        let targets = imports.entry(module.clone()).or_default();
        for path in named_paths(&code, &module) {
            if let Some(target) = resolve(&path)
                && target != module
            {
                targets.insert(target);
            }
        }
    }
    imports
}

/// The modules a file declares as test-only: `#[cfg(test)]` (other
/// attributes may follow) above `mod NAME;`.
fn cfg_test_modules(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if *line != "#[cfg(test)]" {
            continue;
        }
        let Some(decl) = lines[i + 1..].iter().find(|l| !l.starts_with("#[")) else { continue };
        let decl = decl.strip_prefix("pub(crate) ").or_else(|| decl.strip_prefix("pub ")).unwrap_or(decl);
        if let Some(name) = decl.strip_prefix("mod ").and_then(|d| d.strip_suffix(';')) {
            found.push(name.trim().to_string());
        }
    }
    found
}

/// No two modules import each other: for every pair of modules, at most one
/// names the other (the lower layer does not know the upper one).
#[test]
fn no_two_modules_import_each_other() {
    let imports = module_imports();
    let mut cycles = Vec::new();
    for (a, targets) in &imports {
        for b in targets {
            if a < b && imports.get(b).is_some_and(|t| t.contains(a)) {
                cycles.push(format!("{} <-> {}", a.join("::"), b.join("::")));
            }
        }
    }
    assert!(cycles.is_empty(), "modules that import each other:\n{}", cycles.join("\n"));
}

/// The top-level modules by pipeline stage, first to last. A module may use
/// the modules of its own stage and of earlier ones, never of a later one.
const LAYERS: &[&[&str]] = &[
    // Helpers that know nothing of corosync.conf.
    &["fast_hash", "suggest"],
    // Bytes in: a file's bytes and spans, reading files and stdin.
    &["source", "files"],
    // The facts of each corosync release (what the parser, the view and the rules follow).
    &["version"],
    // The lossless syntax tree.
    &["syntax"],
    // The cmap view.
    &["cmap"],
    // Models of the tree and the view; the formatter (a rule runs it); fixes as data.
    &["schema", "addr", "nodes", "quorum", "config_version", "format", "host", "startup", "fix"],
    // What a finding is.
    &["diagnostic"],
    // The rules.
    &["rules"],
    // One file's diagnostics: configuration, running the rules, suppressions, output, applying fixes.
    &["config", "selection", "lint", "suppress", "render", "autofix"],
    // Across files, reports over the engine, and the running cluster compared with a file.
    &["changes", "quorum_report", "live"],
    // The front ends: the command line and the language server.
    &["cli", "server"],
];

/// The stage of a top-level module, if [`LAYERS`] names it.
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Along the pipeline source → syntax → cmap → models → diagnostic → rules →
/// lint/render → changes → cli, no module names one of a later stage, and
/// every top-level module has its stage.
#[test]
fn no_module_imports_a_later_pipeline_stage() {
    let mut problems = Vec::new();
    for (module, targets) in module_imports() {
        let Some(top) = module.first() else { continue }; // the crate root (`lib.rs`, `main.rs`)
        let Some(layer) = layer_of(top) else {
            problems.push(format!("{top}: not in LAYERS; add it to the stage it belongs to"));
            continue;
        };
        for target in targets {
            let Some(target_top) = target.first() else { continue };
            match layer_of(target_top) {
                Some(t) if t > layer => problems.push(format!(
                    "{} (stage {layer}) uses {} (stage {t})",
                    module.join("::"),
                    target.join("::")
                )),
                Some(_) => {}
                None => problems.push(format!("{target_top}: not in LAYERS; add it to the stage it belongs to")),
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "imports against the pipeline:\n{}", problems.join("\n"));
}

/// The check above sees a violation: `diagnostic` naming the rules would be one.
#[test]
fn the_stage_check_catches_an_upward_import() {
    let module = vec!["diagnostic".to_string()];
    let paths = named_paths("use crate::rules::{Rule, Category};\n", &module);
    assert_eq!(paths[0][0], "rules");
    assert!(layer_of("rules") > layer_of("diagnostic"));
    assert!(layer_of("cli") > layer_of("changes") && layer_of("syntax") > layer_of("source"));
    assert_eq!(cfg_test_modules("#[cfg(test)]\n#[path = \"x.rs\"]\nmod reference;\n"), ["reference"]);
}

#[test]
fn every_rule_has_its_own_code_and_name() {
    let mut codes = BTreeMap::new();
    let mut names = BTreeMap::new();
    for entry in corolint::rules::all() {
        let rule = entry.rule;
        if let Some(other) = codes.insert(rule.code, rule.name) {
            panic!("{} and {} share the code {}", other, rule.name, rule.code);
        }
        if let Some(other) = names.insert(rule.name, rule.code) {
            panic!("{} and {} share the name {}", other, rule.code, rule.name);
        }
    }
}
