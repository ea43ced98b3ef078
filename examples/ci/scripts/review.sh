#!/usr/bin/env bash
# Usage: review.sh [HEAD_DIR [BASE_DIR]]   (defaults: head, base)
#
# After synth-side.sh ran for both sides: lints the head as SARIF (lint.sh), runs
# `jeajit diff BASE HEAD --format markdown --fail-on $JEAJIT_FAIL_ON` with the jeajit the head
# installed, and writes into $REVIEW_DIR:
#   review.md    the diff as jeajit printed it (when the head synthesized)
#   body.md      the whole review: notes (empty base, failed synth, failed gate) and review.md
#   comment.md   the pull-request comment: marker, body.md cut below GitHub's limit, footer
#   jeajit.sarif the findings for code scanning (when the head synthesized)
#   pr.json      the pull request and commits reviewed (the comment workflow checks them)
#   exit-code    0, 1 (the head did not synthesize, a tool failed) or 3 (the gate failed)
# Env: RUN_URL (this run, linked from the comment), PR_NUMBER, HEAD_SHA, BASE_SHA,
#      JEAJIT_FAIL_ON (jeajit diff --fail-on; empty: no gate).
# Exits 0: finish.sh turns exit-code into the job's result after the artifact is uploaded.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/common.sh"
head_dir=$(absolute "${1:-head}")
base_dir=$(absolute "${2:-base}")
fail_on=${JEAJIT_FAIL_ON:-}
body="$review_dir/body.md"
exit_code=0

side_status() { cat "$review_dir/$1/status" 2>/dev/null || echo failed; }
side_reason() { cat "$review_dir/$1/reason" 2>/dev/null || echo "synth-side.sh $1 did not run"; }
short() { printf '%.12s' "$1"; }
base_sha=$(cat "$review_dir/base-sha" 2>/dev/null || echo "${BASE_SHA:-}")

node -e 'console.log(JSON.stringify({ number: Number(process.argv[1]) || null, headSha: process.argv[2], baseSha: process.argv[3], reviewedBase: process.argv[4] }))' \
  "${PR_NUMBER:-}" "${HEAD_SHA:-}" "${BASE_SHA:-}" "$base_sha" > "$review_dir/pr.json"

{
  echo "## jeajit review"
  echo
  if [ "$(side_status head)" != ok ]; then
    echo "> [!CAUTION]"
    echo "> **The head of this pull request did not synthesize** ($(side_reason head)), so it was not reviewed and nothing was uploaded to code scanning. Fix the synth; the end of its output:"
    echo
    fenced_tail "$review_dir/head/synth.log" 20000
    exit_code=1
  else
    head_out=$(cat "$review_dir/head/out")
    if [ "$(side_status base)" = ok ]; then
      base_out=$(cat "$review_dir/base/out")
    else
      base_out="$review_dir/empty"
      mkdir -p "$base_out"
      echo "> [!NOTE]"
      echo "> The base (\`$(short "$base_sha")\`) has no jeajit estate ($(side_reason base)), so this pull request is reviewed against an **empty** estate: everything it declares shows as new."
      echo
    fi
    if ! bash "$here/lint.sh" "$head_dir" >&2; then
      echo "> [!WARNING]"
      echo "> \`jeajit lint --format sarif\` failed, so nothing was uploaded to code scanning:"
      echo
      fenced_tail "$review_dir/lint.err" 5000
      echo
      exit_code=1
    fi
    rel_head=$(realpath --relative-to="$head_dir" "$head_out")
    gate=()
    [ -n "$fail_on" ] && gate=(--fail-on "$fail_on")
    (cd "$head_dir" && npx --no -- jeajit diff "$base_out" "$rel_head" --format markdown ${gate[@]+"${gate[@]}"}) > "$review_dir/review.md" 2> "$review_dir/diff.err"
    rc=$?
    cat "$review_dir/diff.err" >&2
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 3 ]; then
      if [ "$rc" -eq 3 ]; then
        echo "> [!CAUTION]"
        echo "> **The review gate failed** (\`--fail-on $fail_on\`):"
        sed -n 's/^fail-on: \(.*\)$/> - \1/p' "$review_dir/diff.err"
        echo
        [ "$exit_code" -eq 0 ] && exit_code=3
      fi
      # the diff's own heading is this comment's
      sed '1{/^## jeajit review$/d}' "$review_dir/review.md" | sed '1{/^$/d}'
    else
      echo "> [!CAUTION]"
      echo "> \`jeajit diff\` failed (exit $rc):"
      echo
      fenced_tail "$review_dir/diff.err" 10000
      exit_code=1
    fi
  fi
} > "$body"

bash "$here/comment-body.sh" "$body" > "$review_dir/comment.md"
echo "$exit_code" > "$review_dir/exit-code"
[ -n "${GITHUB_STEP_SUMMARY:-}" ] && cat "$review_dir/comment.md" >> "$GITHUB_STEP_SUMMARY"
output exit-code "$exit_code"
echo "review: $review_dir/comment.md (exit code $exit_code)"
exit 0
