#!/usr/bin/env bash
# Usage: lint.sh HEAD_DIR
#
# Runs `jeajit lint <synth output> --format sarif --omit-suppressed` (the jeajit the head installed)
# from the head's checkout, so that locations are repository paths, and writes
# $REVIEW_DIR/jeajit.sarif. Sets the step output `sarif` to its path. Unsuppressed errors do not fail
# this script (they are the SARIF's content; the review gate judges them); a head that did not
# synthesize, or a lint that writes no SARIF, does (exit 1).
set -uo pipefail
source "$(dirname "$0")/common.sh"
head_dir=${1:?usage: lint.sh HEAD_DIR}
status=$(cat "$review_dir/head/status" 2>/dev/null || echo missing)
if [ "$status" != ok ]; then
  echo "::error::no SARIF: the head did not synthesize ($(cat "$review_dir/head/reason" 2>/dev/null || echo 'synth-side.sh head did not run'))"
  [ -f "$review_dir/head/synth.log" ] && tail -n 50 "$review_dir/head/synth.log"
  exit 1
fi
synth=$(realpath --relative-to="$head_dir" "$(cat "$review_dir/head/out")")
sarif="$review_dir/jeajit.sarif"
cd "$head_dir" || exit 1
# --omit-suppressed leaves accepted findings out of code scanning; a jeajit without it (which says
# "unknown option") lists them, marked suppressed
npx --no -- jeajit lint "$synth" --format sarif --omit-suppressed > "$sarif.tmp" 2> "$review_dir/lint.err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q "unknown option '--omit-suppressed'" "$review_dir/lint.err"; then
  npx --no -- jeajit lint "$synth" --format sarif > "$sarif.tmp" 2> "$review_dir/lint.err"
  rc=$?
fi
cat "$review_dir/lint.err" >&2
# exit 1 is "an unsuppressed error remains", with the SARIF written
results=$(node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!Array.isArray(s.runs)) throw new Error("no runs"); console.log(s.runs.reduce((n, r) => n + (r.results || []).length, 0))' "$sarif.tmp" 2>/dev/null)
if [ "$rc" -gt 1 ] || [ -z "$results" ]; then
  echo "::error::jeajit lint wrote no SARIF (exit $rc)"
  rm -f "$sarif.tmp"
  exit 1
fi
mv "$sarif.tmp" "$sarif"
output sarif "$sarif"
echo "SARIF: $sarif ($results results)"
