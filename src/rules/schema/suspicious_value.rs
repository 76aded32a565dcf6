use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Category, Context, Rule};

/// ## What it does
/// Reports accepted numbers that do not do what they seem to: `max_messages`
/// larger than `window_size`, a `netmtu` above 65536, `mcastport: 0`, and a
/// `knet_compression_level` that knet rejects for the model (zlib 0..9,
/// bzip2 1..9).
/// ## Why it matters
/// corosync accepts them, but `max_messages` above `window_size` defeats flow
/// control, knet cannot send packets larger than 65536 bytes, port 0 means
/// "use the default port", not port 0, and a compression level knet rejects
/// silently leaves compression off.
/// ## Example
/// `max_messages: 100` with the default `window_size: 50`.
/// ## Fix
/// Use values in the documented ranges, or remove the key to get the default.
pub const SUSPICIOUS_VALUE: Rule = Rule {
    name: "suspicious-value",
    code: "S114",
    category: Category::Schema,
    severity: Severity::Warning,
    summary: "accepted number that does not do what it seems to",
    check: check_suspicious_value,
    fix: crate::fix::FixAvailability::None,
};

fn check_suspicious_value(ctx: &Context, out: &mut Vec<Diagnostic>) {
    let cmap = ctx.cmap;
    if let (Some(msgs), entry) = (cmap.get_int("totem.max_messages"), cmap.get("totem.max_messages")) {
        let window = cmap.get_int("totem.window_size").filter(|&w| w != 0).unwrap_or(50);
        if msgs > window
            && let Some(e) = entry
        {
            let mut d = Diagnostic::new(
                &SUSPICIOUS_VALUE,
                e.span(),
                format!("`max_messages: {msgs}` is larger than `window_size` ({window})"),
            )
            .with_label("more than the window")
            .with_help("a node may then send more messages per token than the whole ring may; keep max_messages at or below window_size");
            if let Some(w) = cmap.get("totem.window_size") {
                d = d.with_secondary(w.span(), "window size set here");
            }
            out.push(d);
        }
    }
    if let (Some(mtu), Some(e)) = (cmap.get_int("totem.netmtu"), cmap.get("totem.netmtu"))
        && mtu > 65536
    {
        out.push(
            Diagnostic::new(&SUSPICIOUS_VALUE, e.span(), format!("`netmtu: {mtu}` is larger than any packet can be"))
                .with_label("above 65536")
                .with_help("knet packets are at most 65536 bytes and IP packets 65535; remove netmtu or use the path MTU of the network"),
        );
    }
    if let (Some(model), Some(e)) =
        (cmap.get_str("totem.knet_compression_model"), cmap.get("totem.knet_compression_level"))
        && let crate::cmap::Value::I32(level) = e.value
    {
        let range = match model {
            "zlib" => Some((0, 9)),
            "bzip2" => Some((1, 9)),
            _ => None,
        };
        if let Some((min, max)) = range
            && !(min..=max).contains(&level)
        {
            out.push(
                Diagnostic::new(
                    &SUSPICIOUS_VALUE,
                    e.span(),
                    format!("`knet_compression_level: {level}` is outside {min}..{max}, the levels knet accepts for {model}"),
                )
                .with_label("knet rejects this level")
                .with_help(format!(
                    "corosync starts, but knet refuses the compression setup (`knet_handle_compress failed: Invalid argument`) and sends uncompressed; use a level in {min}..{max}"
                )),
            );
        }
    }
    for (k, e) in cmap.prefixed("totem.interface.") {
        if k.ends_with(".mcastport") && cmap.get_int(k) == Some(0) {
            out.push(
                Diagnostic::new(&SUSPICIOUS_VALUE, e.span(), "`mcastport: 0` means the default port, not port 0")
                    .with_label("default port")
                    .with_help("corosync replaces 0 with 5405 + link number for the local node's links; remove the key or write the port you mean"),
            );
        }
    }
}
