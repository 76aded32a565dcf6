//! Rule selectors and how the command line's `--select`, `--extend-select`
//! and `--ignore` combine with the configuration file's `[rules]` table.
//!
//! A selector is `all`, a category (`quorum`), a rule code prefix (`Q6`,
//! `E0`), a rule code (`Q604`) or a rule name (`two-node-misuse`). Codes and
//! prefixes are case-insensitive.
//!
//! How a rule's state is decided (see `docs/rule-selection.md`):
//! 1. The configuration file gives the base set: every rule, minus
//!    `[rules] disable`, plus `[rules] enable` (enable wins).
//! 2. `--select` replaces the base set: only the rules it names are on.
//! 3. `--extend-select` adds rules, `--ignore` removes them. When a selector
//!    of `--select`/`--extend-select` and one of `--ignore` both match a rule,
//!    the more specific one wins (rule > longer prefix > shorter prefix >
//!    category > `all`), and on a tie `--ignore` wins.
//! 4. Syntax rules (corosync refuses the file) are always on; naming one in
//!    `--ignore` is an error, `--ignore all` leaves them on.

use crate::rules::{self, Category, Rule};

/// How precisely a selector names its rules; the more specific selector wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Specificity {
    /// `all`.
    All,
    /// A category name.
    Category,
    /// A code prefix, with its length (longer is more specific).
    Prefix(usize),
    /// One rule, by name or full code.
    Rule,
}

/// A parsed selector: what it said and the rules it names.
#[derive(Debug, Clone)]
pub struct Selector {
    /// The selector as written.
    pub text: String,
    /// How precise it is.
    pub specificity: Specificity,
    /// The rules it names (never empty).
    pub rules: Vec<&'static Rule>,
}

impl Selector {
    /// Parses a selector; the error is one line ending in a "did you mean" when
    /// something close exists.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let all = || rules::all().iter().map(|e| e.rule);
        let found = |specificity, rules: Vec<&'static Rule>| Selector { text: text.to_string(), specificity, rules };
        if text == "all" {
            return Ok(found(Specificity::All, all().collect()));
        }
        if let Some(entry) = rules::find(text) {
            return Ok(found(Specificity::Rule, vec![entry.rule]));
        }
        let in_category: Vec<&'static Rule> = all().filter(|r| r.category.as_str() == text).collect();
        if !in_category.is_empty() {
            return Ok(found(Specificity::Category, in_category));
        }
        if is_code_prefix(text) {
            let with_prefix: Vec<&'static Rule> = all()
                .filter(|r| r.code.len() >= text.len() && r.code[..text.len()].eq_ignore_ascii_case(text))
                .collect();
            if !with_prefix.is_empty() {
                return Ok(found(Specificity::Prefix(text.len()), with_prefix));
            }
        }
        Err(unknown_selector(text))
    }

    /// Whether this selector names `rule`.
    pub fn matches(&self, rule: &Rule) -> bool {
        self.rules.iter().any(|r| r.name == rule.name)
    }

    /// Whether any rule it names is a syntax rule (which cannot be turned off).
    pub fn names_syntax_rule(&self) -> bool {
        self.specificity != Specificity::All && self.rules.iter().any(|r| r.category == Category::Syntax)
    }
}

/// A letter followed by digits only: the shape of a code or code prefix.
fn is_code_prefix(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic()) && chars.all(|c| c.is_ascii_digit())
}

/// "unknown rule `x` (did you mean `y`?)", suggesting among rule names, codes,
/// categories and `all`.
pub fn unknown_selector(text: &str) -> String {
    let names = rules::all().iter().flat_map(|e| [e.rule.name, e.rule.code]);
    let categories = rules::all().iter().map(|e| e.rule.category.as_str());
    let candidates: Vec<&str> = names.chain(categories).chain(["all"]).collect();
    match crate::suggest::closest(text, candidates) {
        Some(s) => format!("unknown rule `{text}` (did you mean `{s}`?)"),
        None => format!("unknown rule `{text}`; `corolint rules` lists rule names, codes and categories"),
    }
}

/// The command line's rule selection, parsed.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// `--select`: when given, replaces the configured set.
    pub select: Option<Vec<Selector>>,
    /// `--extend-select`: rules added to the set.
    pub extend_select: Vec<Selector>,
    /// `--ignore`: rules removed from the set.
    pub ignore: Vec<Selector>,
}

impl RuleSelection {
    /// Parses the three flags' values (each already split at commas).
    /// Errors name the flag: "--select: unknown rule `x` (did you mean `y`?)".
    pub fn parse(select: Option<&[String]>, extend_select: &[String], ignore: &[String]) -> Result<Self, String> {
        let parse_all = |flag: &str, texts: &[String]| -> Result<Vec<Selector>, String> {
            texts.iter().map(|t| Selector::parse(t.trim()).map_err(|e| format!("{flag}: {e}"))).collect()
        };
        let ignore = parse_all("--ignore", ignore)?;
        if let Some(s) = ignore.iter().find(|s| s.names_syntax_rule()) {
            return Err(format!(
                "--ignore: `{}` names syntax rules; syntax errors cannot be ignored because corosync refuses the file",
                s.text
            ));
        }
        Ok(RuleSelection {
            select: select.map(|s| parse_all("--select", s)).transpose()?,
            extend_select: parse_all("--extend-select", extend_select)?,
            ignore,
        })
    }

    /// Whether the command line selects nothing (the configuration decides alone).
    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty()
    }

    /// Whether `rule` runs, given whether the configuration file enables it.
    pub fn is_enabled(&self, rule: &Rule, configured: bool) -> bool {
        if rule.category == Category::Syntax {
            return true;
        }
        let best = |selectors: &[Selector]| selectors.iter().filter(|s| s.matches(rule)).map(|s| s.specificity).max();
        let selected = best(self.select.as_deref().unwrap_or(&[])).max(best(&self.extend_select));
        let ignored = best(&self.ignore);
        match (selected, ignored) {
            (Some(s), Some(i)) => s > i,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => self.select.is_none() && configured,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(select: Option<&[&str]>, extend: &[&str], ignore: &[&str]) -> RuleSelection {
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let select = select.map(owned);
        RuleSelection::parse(select.as_deref(), &owned(extend), &owned(ignore)).expect("valid selection")
    }

    fn rule(name: &str) -> &'static Rule {
        rules::find(name).expect("rule").rule
    }

    #[test]
    fn parses_every_kind_of_selector() {
        assert_eq!(Selector::parse("all").expect("all").specificity, Specificity::All);
        assert_eq!(Selector::parse("two-node-misuse").expect("name").rules.len(), 1);
        assert_eq!(Selector::parse("q604").expect("code").specificity, Specificity::Rule);
        let quorum = Selector::parse("quorum").expect("category");
        assert!(quorum.rules.iter().all(|r| r.category == Category::Quorum));
        let prefix = Selector::parse("Q60").expect("prefix");
        assert_eq!(prefix.specificity, Specificity::Prefix(3));
        assert!(prefix.rules.iter().all(|r| r.code.starts_with("Q60")));
        assert!(prefix.rules.len() > 1);
    }

    #[test]
    fn unknown_selectors_get_a_suggestion() {
        let e = Selector::parse("two-node-misus").expect_err("unknown");
        assert_eq!(e, "unknown rule `two-node-misus` (did you mean `two-node-misuse`?)");
        assert!(Selector::parse("Q9").is_err());
        assert!(Selector::parse("").is_err());
    }

    #[test]
    fn select_replaces_the_configured_set() {
        let s = selection(Some(&["two-node-misuse"]), &[], &[]);
        assert!(s.is_enabled(rule("two-node-misuse"), false));
        assert!(!s.is_enabled(rule("unknown-key"), true));
        assert!(s.is_enabled(rule("nul-byte"), true), "syntax rules stay on");
    }

    #[test]
    fn extend_select_and_ignore_adjust_the_configured_set() {
        let s = selection(None, &["hostname-address"], &["quorum"]);
        assert!(s.is_enabled(rule("hostname-address"), false));
        assert!(s.is_enabled(rule("unknown-key"), true));
        assert!(!s.is_enabled(rule("unknown-key"), false));
        assert!(!s.is_enabled(rule("two-node-misuse"), true));
    }

    #[test]
    fn the_more_specific_selector_wins_and_ignore_wins_ties() {
        let s = selection(Some(&["quorum"]), &[], &["Q604"]);
        assert!(!s.is_enabled(rule("two-node-misuse"), true));
        assert!(s.is_enabled(rule("unequal-votes"), true));
        let s = selection(Some(&["two-node-misuse"]), &[], &["quorum"]);
        assert!(s.is_enabled(rule("two-node-misuse"), true));
        let s = selection(Some(&["quorum"]), &[], &["quorum"]);
        assert!(!s.is_enabled(rule("two-node-misuse"), true));
    }

    #[test]
    fn syntax_rules_cannot_be_ignored() {
        let e = RuleSelection::parse(None, &[], &["nul-byte".to_string()]).expect_err("syntax");
        assert!(e.contains("cannot be ignored"), "{e}");
        let s = selection(None, &[], &["all"]);
        assert!(s.is_enabled(rule("nul-byte"), true));
        assert!(!s.is_enabled(rule("unknown-key"), true));
    }
}
