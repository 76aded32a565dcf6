//! Inputs larger than 64 MiB (and so every input of 4 GiB or more, which
//! `u32` span offsets cannot address) are refused with one clear line and
//! exit code 2, before they are read.

use std::process::Command;

#[test]
fn file_of_4_gib_is_refused_with_exit_2() {
    let dir = std::env::temp_dir().join(format!("corolint-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge.conf");
    // A sparse file: its size is known without writing 4 GiB.
    let file = std::fs::File::create(&path).expect("create");
    if file.set_len(1 << 32).is_err() {
        let _ = std::fs::remove_dir_all(&dir);
        return; // the file system cannot hold a sparse file this large
    }
    drop(file);
    for args in [&["check"][..], &["parse", "--json"][..]] {
        let out = Command::new(env!("CARGO_BIN_EXE_corolint")).args(args).arg(&path).output().expect("run corolint");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("4294967296 bytes"), "{args:?}: {stderr}");
        assert!(stderr.contains("at most 67108864 bytes (64 MiB)"), "{args:?}: {stderr}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
