//! The README stays true: it lists every rule, every ```` ```console ```` block
//! is what the real binary prints, and the pre-commit snippet names a
//! revision that exists.
//!
//! A console block is run as a transcript. Each `$ COMMAND` line is run by
//! bash, in order, in one shell per block (so `cd` carries over to the next
//! line and `echo $?` prints the previous command's status), starting in a
//! scratch copy of the repository's `testdata/` folder structure (the block's
//! `$ cd testdata/...` and file names work as in a checkout, and commands that
//! rewrite files rewrite the copy). stdout and stderr go to one pipe, as in a
//! terminal. The transcript, prompts included, must equal the block byte for
//! byte. Only `corolint`, `cd` and `echo` may be run; blocks that show
//! commands without their output are written as ```` ```sh ````.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn readme() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md")
}

#[test]
fn readme_lists_every_rule() {
    let readme = readme();
    let missing: Vec<&str> = corolint::rules::all()
        .iter()
        .map(|e| e.rule.name)
        .filter(|name| !readme.contains(&format!("| `{name}` |")))
        .collect();
    assert!(missing.is_empty(), "README.md's rule table lacks: {missing:?}");
}

#[test]
fn readme_states_the_rule_count() {
    let count = corolint::rules::all().len();
    assert!(readme().contains(&format!("**{count} rules**")), "README.md must say **{count} rules**");
}

/// A fenced block of the README: its language, first line number and text.
struct Block {
    lang: String,
    line: usize,
    text: String,
}

fn blocks(readme: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in readme.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block { lang: lang.trim().to_string(), line: i + 2, text: String::new() })
            }
            (Some(_), Some("")) => out.extend(open.take()),
            (Some(block), _) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "README.md has an unclosed code block");
    out
}

/// Single-quotes `s` for bash.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The bash script that replays a console block and prints its transcript.
fn script(block: &Block) -> String {
    let mut script = String::from("exec 2>&1\n__status=0\n");
    for line in block.text.lines() {
        let Some(command) = line.strip_prefix("$ ") else { continue };
        let program = command.split_whitespace().next().unwrap_or("");
        assert!(
            ["corolint", "cd", "echo", "cat"].contains(&program),
            "README.md line {}: a console example may only run corolint, cd, cat or echo, not `{command}`",
            block.line
        );
        script.push_str(&format!("printf '%s\\n' {}\n(exit $__status)\n{command}\n__status=$?\n", quote(line)));
    }
    script
}

/// Copies the directory tree at `from` to `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk testdata");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_corolint")).parent().expect("bin dir").to_path_buf()
}

/// Replays `block` in a scratch copy of testdata/; `Some((diff, transcript))` when the
/// transcript differs.
fn replay(block: &Block, path: &std::ffi::OsStr) -> Option<(String, String)> {
    let scratch = tempfile::tempdir().expect("tempdir");
    copy_tree(&Path::new(ROOT).join("testdata"), &scratch.path().join("testdata"));
    let mut cmd = Command::new("bash");
    cmd.arg("-c").arg(script(block)).current_dir(scratch.path()).env("PATH", path).env("NO_COLOR", "1");
    for var in ["FORCE_COLOR", "CLICOLOR_FORCE", "COROLINT_OUTPUT_FORMAT", "TERM", "CI_PROJECT_DIR", "GITHUB_WORKSPACE"]
    {
        cmd.env_remove(var);
    }
    let out = cmd.stdin(Stdio::null()).output().expect("run bash");
    let transcript = String::from_utf8_lossy(&out.stdout);
    (transcript != block.text).then(|| {
        let diff = similar::TextDiff::from_lines(block.text.as_str(), &*transcript)
            .unified_diff()
            .header("README.md", "corolint")
            .to_string();
        (format!("README.md line {}:\n{diff}", block.line), transcript.into_owned())
    })
}

/// With `COROLINT_UPDATE_README=1`, writes the transcripts into README.md in
/// place of the blocks that differ (review the change with `git diff`).
fn update_readme(readme: &str, changed: &[(&Block, String)]) {
    let mut lines: Vec<String> = readme.lines().map(str::to_string).collect();
    let mut changed: Vec<_> = changed.iter().collect();
    changed.sort_by_key(|(block, _)| std::cmp::Reverse(block.line));
    for (block, transcript) in changed {
        let start = block.line - 1;
        let end = start + block.text.lines().count();
        lines.splice(start..end, transcript.lines().map(str::to_string));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(Path::new(ROOT).join("README.md"), text).expect("write README.md");
}

#[test]
fn every_console_example_is_what_corolint_prints() {
    let readme = readme();
    let consoles: Vec<Block> = blocks(&readme).into_iter().filter(|b| b.lang == "console").collect();
    assert!(consoles.len() >= 10, "expected the README's console examples, found {}", consoles.len());
    let path = std::env::join_paths(
        std::iter::once(bin_dir()).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    // One thread per block: each copies testdata/ and runs its commands.
    let results: Vec<(&Block, Option<(String, String)>)> = std::thread::scope(|scope| {
        let runs: Vec<_> = consoles.iter().map(|block| (block, scope.spawn(|| replay(block, &path)))).collect();
        runs.into_iter().map(|(block, run)| (block, run.join().expect("replay thread"))).collect()
    });
    let changed: Vec<(&Block, String)> =
        results.iter().filter_map(|(block, r)| r.as_ref().map(|(_, t)| (*block, t.clone()))).collect();
    let wrong: Vec<&str> = results.iter().filter_map(|(_, r)| r.as_ref().map(|(d, _)| d.as_str())).collect();
    if !changed.is_empty() && std::env::var_os("COROLINT_UPDATE_README").is_some_and(|v| v == "1") {
        update_readme(&readme, &changed);
        return;
    }
    assert!(
        wrong.is_empty(),
        "console examples differ from what corolint prints (COROLINT_UPDATE_README=1 rewrites them):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_pre_commit_snippet_names_a_revision_with_the_hooks() {
    let readme = readme();
    let snippet = blocks(&readme)
        .into_iter()
        .find(|b| {
            b.lang == "yaml" && b.text.contains("https://github.com/corolint/corolint") && b.text.contains("rev:")
        })
        .expect("README.md has a .pre-commit-config.yaml snippet");
    let rev = snippet
        .text
        .lines()
        .find_map(|l| l.trim().strip_prefix("rev:"))
        .and_then(|r| r.split_whitespace().next())
        .expect("rev: line")
        .to_string();
    let show = Command::new("git")
        .args(["show", &format!("{rev}:.pre-commit-hooks.yaml")])
        .current_dir(ROOT)
        .output()
        .expect("git is needed to check the pre-commit snippet's rev");
    assert!(
        show.status.success(),
        "rev `{rev}` of the README's pre-commit snippet is not a revision of this repository: {}",
        String::from_utf8_lossy(&show.stderr)
    );
    let hooks = String::from_utf8_lossy(&show.stdout);
    for id in snippet.text.lines().filter_map(|l| l.trim().strip_prefix("- id:")) {
        let id = id.split_whitespace().next().unwrap_or("");
        assert!(hooks.contains(&format!("- id: {id}\n")), "rev `{rev}` has no hook `{id}`");
    }
}
