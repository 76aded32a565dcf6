//! The fix loop: lint, apply every wanted fix that does not conflict with an
//! earlier one, verify, re-lint, and again, until no wanted fix is left or
//! [`MAX_PASSES`] is reached. Fixes that conflict wait for the next pass
//! (they are recomputed on the new text); fixes that fail verification are
//! not applied and are reported.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::lint::Analysis;
use crate::source::SourceFile;

use super::verify::{Unverified, verify};
use crate::fix::apply::{apply_fixes, partition};
use crate::fix::{Applicability, Fix};

/// The most passes the loop makes (a pass applies every fix that does not conflict).
pub const MAX_PASSES: usize = 8;

/// A fix that was applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The rule that proposed it.
    pub rule: &'static str,
    /// The fix's message.
    pub message: String,
    /// Its applicability.
    pub applicability: Applicability,
}

/// A wanted fix that was not applied because it could not be verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The rule that proposed it.
    pub rule: &'static str,
    /// The diagnostic's message.
    pub diagnostic: String,
    /// 1-based line of the diagnostic, in the text the fix was computed on.
    pub line: usize,
    /// The fix's message.
    pub message: String,
    /// Why it was refused.
    pub reason: Unverified,
}

/// The outcome of fixing one file.
#[derive(Debug, Clone)]
pub struct FixOutcome {
    /// The fixed file (the original bytes when nothing was applied).
    pub analysis: Analysis,
    /// Every fix applied, in the order applied.
    pub applied: Vec<Applied>,
    /// Every fix refused.
    pub refused: Vec<Refused>,
    /// Passes that applied something.
    pub passes: usize,
    /// False when wanted fixes were still left after [`MAX_PASSES`].
    pub converged: bool,
}

impl FixOutcome {
    /// Whether the bytes changed.
    pub fn changed(&self, original: &[u8]) -> bool {
        *self.analysis.source.bytes != *original
    }
}

type Identity = (&'static str, String, String);

fn identity(d: &Diagnostic, f: &Fix) -> Identity {
    (d.rule, d.message.clone(), f.message.clone())
}

/// Applies `fixes` to `analysis` if they verify together.
fn attempt(analysis: &Analysis, fixes: &[&Fix]) -> Result<Vec<u8>, Unverified> {
    let bytes = apply_fixes(&analysis.source.bytes, fixes).map_err(|e| Unverified::Edits(e.to_string()))?;
    verify(analysis, &bytes, fixes)?;
    Ok(bytes)
}

/// Fixes the file of `analysis` (read as its target version reads it): `lint`
/// gives the diagnostics of a text (with their fixes), `wanted` says which
/// fixes to apply (applicability, `fixable`/`unfixable`).
pub fn fix_file(
    mut analysis: Analysis,
    lint: impl Fn(&Analysis) -> Vec<Diagnostic>,
    wanted: impl Fn(&Diagnostic, &Fix) -> bool,
) -> FixOutcome {
    let mut applied = Vec::new();
    let mut refused: Vec<Refused> = Vec::new();
    let mut refused_ids: HashSet<Identity> = HashSet::new();
    let mut passes = 0;
    for _ in 0..MAX_PASSES {
        let diagnostics = lint(&analysis);
        let mut candidates: Vec<(&Diagnostic, &Fix)> = diagnostics
            .iter()
            .filter_map(|d| d.fix.as_deref().map(|f| (d, f)))
            .filter(|(d, f)| f.applicability != Applicability::DisplayOnly && wanted(d, f))
            .filter(|(d, f)| !refused_ids.contains(&identity(d, f)))
            .collect();
        if candidates.is_empty() {
            return FixOutcome { analysis, applied, refused, passes, converged: true };
        }
        candidates.sort_by_key(|(d, f)| (f.span().start, f.span().end, d.rule));
        let fixes: Vec<&Fix> = candidates.iter().map(|(_, f)| *f).collect();
        let (now, _later) = partition(&fixes);
        let chosen: Vec<&Fix> = match attempt(&analysis, &now) {
            Ok(_) => now,
            Err(_) => {
                // Find the culprits: each fix alone.
                let mut good = Vec::new();
                for fix in now {
                    match attempt(&analysis, &[fix]) {
                        Ok(_) => good.push(fix),
                        Err(reason) => {
                            if let Some((d, f)) = candidates.iter().find(|(_, f)| std::ptr::eq(*f, fix)) {
                                refused_ids.insert(identity(d, f));
                                refused.push(Refused {
                                    rule: d.rule,
                                    diagnostic: d.message.clone(),
                                    line: analysis.source.line_col(d.primary.span.start_usize()).line,
                                    message: f.message.clone(),
                                    reason,
                                });
                            }
                        }
                    }
                }
                // Fixes that verify alone but not together: one per pass.
                if attempt(&analysis, &good).is_err() {
                    good.truncate(1);
                }
                good
            }
        };
        if chosen.is_empty() {
            continue;
        }
        let Ok(bytes) = attempt(&analysis, &chosen) else {
            continue;
        };
        for fix in &chosen {
            if let Some((d, f)) = candidates.iter().find(|(_, f)| std::ptr::eq(*f, *fix)) {
                applied.push(Applied { rule: d.rule, message: f.message.clone(), applicability: f.applicability });
            }
        }
        passes += 1;
        let name = analysis.source.name.clone();
        analysis = Analysis::for_target(SourceFile::new(name, bytes), analysis.target);
    }
    let left = lint(&analysis).iter().filter_map(|d| d.fix.as_ref().map(|f| (d, f))).any(|(d, f)| {
        f.applicability != Applicability::DisplayOnly && wanted(d, f) && !refused_ids.contains(&identity(d, f))
    });
    FixOutcome { analysis, applied, refused, passes, converged: !left }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fix::{Edit, Intent};
    use crate::source::Span;

    /// A hand-built "rule": every `totem: {` gets a safe fix to `totem {`,
    /// and `x: 1` an unsafe fix to `x: 2`.
    fn lint(a: &Analysis) -> Vec<Diagnostic> {
        let rule = crate::rules::find("section-colon").map(|e| e.rule).unwrap_or_else(|| panic!("rule"));
        let text = &a.source.bytes;
        let mut out = Vec::new();
        for (i, w) in text.windows(3).enumerate() {
            if w == b": {" {
                let span = Span::new(i, i + 1);
                let fix = Fix::safe("drop the colon", vec![Edit::delete(span)], Intent::unchanged());
                out.push(Diagnostic::new(rule, span, "colon").with_fix(fix));
            }
            if w == b"x: " && text.get(i + 3) == Some(&b'1') {
                let span = Span::new(i + 3, i + 4);
                let fix = Fix::unsafe_("two", vec![Edit::replace(span, "2")], Intent::set("totem.x", "2"));
                out.push(Diagnostic::new(rule, span, "one").with_fix(fix));
            }
        }
        out
    }

    fn run(src: &str, unsafe_fixes: bool) -> FixOutcome {
        let source = SourceFile::new("t", src.as_bytes().to_vec());
        fix_file(Analysis::new(source), lint, |_, f| f.applicability == Applicability::Safe || unsafe_fixes)
    }

    #[test]
    fn applies_safe_fixes_and_converges() {
        let out = run("totem: {\n x: 1\n}\nlogging: {\n}\n", false);
        assert_eq!(&*out.analysis.source.bytes, b"totem {\n x: 1\n}\nlogging {\n}\n");
        assert_eq!(out.applied.len(), 2);
        assert!(out.converged && out.refused.is_empty());
        let out = run("totem: {\n x: 1\n}\n", true);
        assert_eq!(&*out.analysis.source.bytes, b"totem {\n x: 2\n}\n");
    }

    #[test]
    fn an_unverifiable_fix_is_refused_and_reported() {
        // `y: 1` is not `totem.x`: the intent is wrong, so the fix is refused.
        let out = run("y {\n x: 1\n}\n", true);
        assert_eq!(&*out.analysis.source.bytes, b"y {\n x: 1\n}\n");
        assert_eq!(out.refused.len(), 1, "{:?}", out.refused);
        assert!(matches!(out.refused[0].reason, Unverified::Unintended(_)), "{:?}", out.refused[0].reason);
        assert!(out.converged);
    }
}
