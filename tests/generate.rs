//! `corolint completions SHELL` and `corolint manpage`: generated from the
//! clap definition, so every subcommand and flag shows up in them.

use std::process::{Command, Output, Stdio};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corolint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .output()
        .expect("run corolint")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

#[test]
fn completions_for_every_shell_name_the_subcommands_and_flags() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        for word in ["corolint", "quorum", "drift", "select", "extend-select", "show-settings"] {
            assert!(script.contains(word), "{shell} completions lack `{word}`");
        }
    }
}

#[test]
fn bash_completions_are_valid_bash() {
    let o = run(&["completions", "bash"]);
    let check = Command::new("bash")
        .args(["-n", "-c", &text(&o.stdout)])
        .output()
        .expect("bash is needed to check the bash completions");
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = run(&["completions", "nosuchshell"]);
    assert_eq!(o.status.code(), Some(2));
    insta::with_settings!({ snapshot_path => "snapshots/generate", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("completions_nosuchshell", text(&o.stderr));
    });
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let o = run(&["manpage"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let page = text(&o.stdout);
    assert!(page.contains(".TH corolint 1"), "{page}");
    for sub in ["check", "fmt", "quorum", "diff", "drift", "completions", "manpage", "\\-\\-select"] {
        assert!(page.contains(sub), "the man page lacks `{sub}`");
    }
}
