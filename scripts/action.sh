#!/usr/bin/env bash
# The shell logic of the composite GitHub Action (action.yml), kept here so
# that it can be run and tested outside GitHub (tests/e2e/action.sh does).
#
#   scripts/action.sh install   install corolint unless it is already on PATH
#   scripts/action.sh run       run `corolint check` with the action's inputs
#
# Inputs (action.yml maps its `with:` inputs to these variables):
#   COROLINT_PATHS          files or directories to check, split at whitespace (default: .)
#   COROLINT_ARGS           more arguments for `corolint check`, split at whitespace
#   COROLINT_OUTPUT_FORMAT  output format (default: github, i.e. annotations)
#   COROLINT_GIT_BASE       the config_version bump check's base: `auto` (default:
#                           origin/$GITHUB_BASE_REF on pull requests, none otherwise),
#                           a git revision, or empty for no bump check
#   COROLINT_INSTALL        `auto` (default: install when corolint is not on PATH),
#                           `always` or `never`
#   COROLINT_SOURCE         checkout to install from (default: the action's own,
#                           $GITHUB_ACTION_PATH, else this script's checkout)
#   COROLINT_ROOT           install root (default: $RUNNER_TEMP/corolint, else
#                           $HOME/.local/share/corolint-action)
# GitHub's own variables used: GITHUB_BASE_REF, GITHUB_PATH, GITHUB_ACTION_PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

install_corolint() {
  local mode="${COROLINT_INSTALL:-auto}"
  case "$mode" in
    auto | always | never) ;;
    *) echo "::error::corolint action: install must be auto, always or never, not '$mode'" >&2; return 2 ;;
  esac
  if [ "$mode" = never ] || { [ "$mode" = auto ] && command -v corolint >/dev/null 2>&1; }; then
    command -v corolint >/dev/null 2>&1 || { echo "::error::corolint action: corolint is not on PATH (install: never)" >&2; return 2; }
    echo "corolint action: using $(command -v corolint) ($(corolint --version))"
    return 0
  fi
  command -v cargo >/dev/null 2>&1 || {
    echo "::error::corolint action: cargo is needed to install corolint (add dtolnay/rust-toolchain, or install the .deb and set install: never)" >&2
    return 2
  }
  local source="${COROLINT_SOURCE:-${GITHUB_ACTION_PATH:-$here}}"
  local root="${COROLINT_ROOT:-${RUNNER_TEMP:+$RUNNER_TEMP/corolint}}"
  root="${root:-$HOME/.local/share/corolint-action}"
  cargo install --locked --quiet --path "$source" --root "$root"
  if [ -n "${GITHUB_PATH:-}" ]; then
    echo "$root/bin" >> "$GITHUB_PATH"
  fi
  echo "corolint action: installed $("$root/bin/corolint" --version) into $root/bin"
}

run_corolint() {
  local format="${COROLINT_OUTPUT_FORMAT:-github}"
  local base="${COROLINT_GIT_BASE-auto}"
  if [ "$base" = auto ]; then
    base="${GITHUB_BASE_REF:+origin/$GITHUB_BASE_REF}"
  fi
  local -a args=(check --output-format "$format")
  if [ -n "$base" ]; then
    if ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
      echo "::error::corolint action: git revision '$base' not found; check out with fetch-depth: 0 (or git fetch origin \$GITHUB_BASE_REF) so the bump check can compare with it" >&2
      return 2
    fi
    args+=("--git-base=$base")
  fi
  local -a extra paths
  read -r -a extra <<< "${COROLINT_ARGS:-}"
  read -r -a paths <<< "${COROLINT_PATHS:-.}"
  echo "corolint action: corolint ${args[*]} ${extra[*]} ${paths[*]}" >&2
  corolint "${args[@]}" "${extra[@]}" "${paths[@]}"
}

case "${1:-}" in
  install) install_corolint ;;
  run) run_corolint ;;
  *) echo "usage: scripts/action.sh install|run" >&2; exit 2 ;;
esac
