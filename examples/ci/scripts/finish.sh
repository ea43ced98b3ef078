#!/usr/bin/env bash
# Usage: finish.sh
#
# The job's result, once the review is uploaded: exits with $REVIEW_DIR/exit-code (1 when the head
# did not synthesize or a tool failed, 3 when the jeajit diff gate failed), or 1 when the review
# never ran.
set -uo pipefail
source "$(dirname "$0")/common.sh"
code=$(cat "$review_dir/exit-code" 2>/dev/null || echo none)
case $code in
  0) echo "jeajit review: done" ;;
  3) echo "::error::jeajit review: the gate failed (jeajit diff --fail-on ${JEAJIT_FAIL_ON:-}): see the pull request comment" ;;
  none) echo "::error::jeajit review: the review did not run"; code=1 ;;
  *) echo "::error::jeajit review: $(cat "$review_dir/head/reason" 2>/dev/null | grep . || echo 'a tool failed'): see the pull request comment" ;;
esac
exit "$code"
