//! Generates the rule registry by walking `src/rules/`.
//!
//! - Each directory `src/rules/<category>/` becomes the module `rules::<category>`.
//! - A file in it that defines a `pub const NAME: Rule = Rule {` is a rule module: the rule is
//!   registered with the `///` doc comment above the const (what `corolint rule NAME` prints),
//!   and the const is re-exported as `rules::<category>::NAME`. A file defines at most one rule.
//! - Any other file in a category directory is a helper module, private to its category.
//! - Top-level files other than `mod.rs` and `context.rs` are helper modules shared by every
//!   category (`rules::locate`, `rules::schema_support`, ...).
//!
//! Adding a rule touches one file.

use std::{
    env, fs,
    path::{Path, PathBuf},
};

/// A rule found in a file: the const's name and its doc comment.
struct FoundRule {
    ident: String,
    doc: String,
}

/// The `pub const NAME: Rule = ...` definitions in `text`, with their doc comments.
fn rules_in(text: &str) -> Vec<FoundRule> {
    let mut found = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(d) = t.strip_prefix("///") {
            doc.push(d.strip_prefix(' ').unwrap_or(d).to_string());
            continue;
        }
        if t.starts_with("#[") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("pub const ")
            && let Some((ident, ty)) = rest.split_once(':')
            && ty.trim_start().starts_with("Rule =")
        {
            found.push(FoundRule { ident: ident.trim().to_string(), doc: doc.join("\n") });
        }
        doc.clear();
    }
    found
}

/// The `.rs` files and the subdirectories of `dir`, each sorted by name.
fn entries(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            dirs.push(path);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    dirs.sort();
    (files, dirs)
}

fn stem(path: &Path) -> String {
    path.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").to_string()
}

/// Generated code: module declarations and registry entries.
#[derive(Default)]
struct Generated {
    modules: String,
    entries: String,
}

/// Declares the modules of category directory `dir` (module path `module`), and registers
/// its rules.
fn walk_category(dir: &Path, module: &str, out: &mut Generated) {
    let name = stem(dir);
    out.modules.push_str(&format!("#[doc = \"The rules of category `{name}`.\"]\npub mod {name} {{\n"));
    let (files, dirs) = entries(dir);
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = stem(path);
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let rules = rules_in(&text);
        let at = format!("#[path = {:?}]\n", path.display().to_string());
        match rules.as_slice() {
            [] => out.modules.push_str(&format!("{at}mod {file};\n")),
            [rule] => {
                let shown = file.replace('_', "-");
                out.modules.push_str(&format!(
                    "#[doc = \"The `{shown}` rule.\"]\n{at}pub mod {file};\npub use {file}::{};\n",
                    rule.ident
                ));
                out.entries.push_str(&format!(
                    "    RuleEntry {{ rule: &{module}::{name}::{file}::{}, doc: {:?} }},\n",
                    rule.ident, rule.doc
                ));
            }
            _ => panic!("{}: one rule per file, found {}", path.display(), rules.len()),
        }
    }
    for sub in &dirs {
        walk_category(sub, &format!("{module}::{name}"), out);
    }
    out.modules.push_str("}\n");
}

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let rules_dir = Path::new(&manifest).join("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let (files, dirs) = entries(&rules_dir);
    let mut out = Generated::default();
    for path in &files {
        let file = stem(path);
        if matches!(file.as_str(), "mod" | "context") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(rules_in(&text).is_empty(), "{}: rules live in src/rules/<category>/<rule_name>.rs", path.display());
        out.modules.push_str(&format!("#[path = {:?}]\npub mod {file};\n", path.display().to_string()));
    }
    for dir in &dirs {
        walk_category(dir, "self", &mut out);
    }
    let code = format!(
        "{}\n/// Every rule, in file order (category, then file name).\nstatic REGISTRY: &[RuleEntry] = &[\n{}];\n",
        out.modules, out.entries
    );
    let target = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("rule_registry.rs");
    fs::write(target, code).expect("write registry");
}
