//! Help text from the key catalogue's note on a deprecated or ignored key.

/// The catalogue note, plus "remove it" unless the note already names a replacement.
pub(super) fn advice(note: &str) -> String {
    if note.contains("use ") || note.contains("write ") || note.contains("set ") {
        note.to_string()
    } else {
        format!("{note}; remove it")
    }
}
