#!/usr/bin/env bash
# Proves the dependency check can fail: over planted/ (one violation of each kind) it must exit 1 and name exactly
# the violations listed in planted/expected.txt.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out=$("$here/check_dependencies.sh" "$here/planted")
rc=$?
[ $rc -eq 1 ] || { echo "expected exit 1 over the planted tree, got $rc"; exit 1; }
if ! diff <(grep -v 'dependency violations' <<<"$out") "$here/planted/expected.txt"; then
  echo "the check did not report exactly the planted violations (diff above: < seen, > expected)"
  exit 1
fi
echo "all $(wc -l <"$here/planted/expected.txt") planted violations reported"
