use crate::diagnostic::{Diagnostic, Severity};
use crate::format;
use crate::format::{FormatInput, Style};
use crate::rules::{Category, Context, Profile, Rule};
use crate::source::{Span, display_bytes};

/// ## What it does
/// Reports a file that `corolint fmt` (default style `pve`) would rewrite, pointing at the first
/// line that would change, when a layout was chosen: the `pve` profile, or `[format] style` in
/// `corolint.toml` (then that style). Files with syntax or type errors are not checked (fix those first).
/// ## Why it matters
/// A canonical layout makes reviews and `diff`s between nodes show only real changes. The `pve`
/// style is byte for byte what Proxmox VE's `write_conf` produces, so a formatted file does not
/// change when `pvecm` rewrites it (apart from comments, which PVE drops).
/// ## Example
/// ```text
/// totem {
///     version: 2
///     cluster_name:prod
/// }
/// ```
/// ## Fix
/// Run `corolint fmt FILE` (see the changes first with `corolint fmt --diff FILE`).
pub const NOT_FORMATTED: Rule = Rule {
    name: "not-formatted",
    code: "F901",
    category: Category::Style,
    severity: Severity::Info,
    summary: "file is not in the canonical layout `corolint fmt` writes",
    check,
    fix: crate::fix::FixAvailability::None,
};

fn check(ctx: &Context, out: &mut Vec<Diagnostic>) {
    if !ctx.parsed.errors.is_empty() || !ctx.cmap.errors.is_empty() {
        return;
    }
    let style = match ctx.format_style.as_deref() {
        Some("keep-order") => Style::KeepOrder,
        Some(_) => Style::Pve,
        None if ctx.profile == Profile::Pve => Style::Pve,
        None => return, // no layout was asked for
    };
    let src: &[u8] = &ctx.source.bytes;
    let Ok(formatted) = format::format(FormatInput::from_parts(src, ctx.parsed, ctx.cmap), style) else {
        return;
    };
    if formatted == src {
        return;
    }
    let old: Vec<&[u8]> = src.split_inclusive(|&b| b == b'\n').collect();
    let new: Vec<&[u8]> = formatted.split_inclusive(|&b| b == b'\n').collect();
    let differs = (0..old.len().max(new.len())).find(|&i| old.get(i) != new.get(i)).unwrap_or(0);
    let line_count = ctx.source.line_count();
    let (span, label) = if differs < line_count {
        let span = ctx.source.line_span(differs + 1);
        let label = match new.get(differs) {
            Some(line) => {
                let line = line.strip_suffix(b"\n").unwrap_or(line);
                if line.is_empty() {
                    "`corolint fmt` writes a blank line here".to_string()
                } else if old.get(differs).is_some_and(|o| o.strip_suffix(b"\r\n") == Some(line)) {
                    "`corolint fmt` writes LF line endings (this file has CRLF)".to_string()
                } else {
                    format!("`corolint fmt` writes `{}` here", display_bytes(line))
                }
            }
            None => "`corolint fmt` ends the file before this line".to_string(),
        };
        (span, label)
    } else {
        let last = ctx.source.line_span(line_count.max(1));
        let span = if last.is_empty() { Span::new(src.len(), src.len()) } else { last };
        (span, "`corolint fmt` ends the file with one blank line after the last `}`".to_string())
    };
    out.push(
        Diagnostic::new(&NOT_FORMATTED, span, format!("`corolint fmt` would rewrite this file from line {} on", differs + 1))
            .with_label(label)
            .with_help("run `corolint fmt FILE` to rewrite it in the canonical (Proxmox VE) layout; `corolint fmt --diff FILE` shows the changes"),
    );
}
