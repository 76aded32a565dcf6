# Helpers shared by the end-to-end scripts (sourced, not run).
#
# e2e_skip PREFIX REQUIRE_VAR MESSAGE
#   A missing prerequisite: exit 0 saying the test was skipped, or exit 1 when
#   the variable named REQUIRE_VAR is 1 (CI sets it: a skipped oracle is a
#   failure there).
e2e_skip() {
  local prefix="$1" var="$2" message="$3"
  if [ "${!var:-0}" = 1 ]; then
    echo "$prefix: FAIL: $message ($var=1)" >&2
    exit 1
  fi
  echo "$prefix: SKIPPED: $message (set $var=1 to make this an error)"
  exit 0
}
