//! Generates the rule registry: every `pub const NAME: Rule = Rule {` in a
//! file under `src/rules/` is registered, with the `///` doc comment above it
//! as the text `corolint rule NAME` prints. Adding a rule touches one file.

use std::{env, fs, path::Path};

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let rules_dir = Path::new(&manifest).join("src/rules");
    println!("cargo:rerun-if-changed=src/rules");
    let mut files: Vec<_> = fs::read_dir(&rules_dir)
        .expect("src/rules")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| !matches!(p.file_stem().and_then(|s| s.to_str()), Some("mod" | "context" | "registry")))
        .collect();
    files.sort();
    let mut modules = String::new();
    let mut entries = String::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").to_string();
        let text = fs::read_to_string(path).expect("rule file");
        modules.push_str(&format!("#[path = {:?}]\npub mod {stem};\n", path.display().to_string()));
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
                let ident = ident.trim();
                entries.push_str(&format!(
                    "    RuleEntry {{ rule: &{stem}::{ident}, doc: {:?} }},\n",
                    doc.join("\n")
                ));
            }
            doc.clear();
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("rule_registry.rs");
    let code = format!("{modules}\n/// Every rule, in file order.\npub static REGISTRY: &[RuleEntry] = &[\n{entries}];\n");
    fs::write(out, code).expect("write registry");
}
