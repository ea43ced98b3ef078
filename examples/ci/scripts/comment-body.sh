#!/usr/bin/env bash
# Usage: comment-body.sh BODY.md > comment.md
#
# The pull-request comment: the hidden marker the comment workflow finds its comment by, the body
# (cut at a line below $JEAJIT_COMMENT_MAX_BYTES, default 60000 bytes, so the comment stays under
# GitHub's 65,536-character limit; an open code fence is closed), and a footer naming the commits
# and linking the workflow run, whose `jeajit-review` artifact has the full review.
# Env: RUN_URL, HEAD_SHA; $REVIEW_DIR/base-sha when there is one.
set -euo pipefail
source "$(dirname "$0")/common.sh"
body=${1:?usage: comment-body.sh BODY.md}
max=${JEAJIT_COMMENT_MAX_BYTES:-60000}
marker='<!-- jeajit-review -->'
run=${RUN_URL:-}
size=$(wc -c < "$body")

printf '%s\n' "$marker"
if [ "$size" -le "$max" ]; then
  cat "$body"
else
  # whole lines while they fit; bytes, not characters, so that a multi-byte character is never cut
  LC_ALL=C awk -v max="$max" '
    { n += length($0) + 1; if (n > max) exit
      print
      if ($0 ~ /^(```+|~~~+)/) { f = $0; sub(/[^`~].*$/, "", f); if (open == "") open = f; else if (index(f, open) == 1) open = "" } }
    END { if (open != "") print open }
  ' "$body"
  echo
  echo "> [!WARNING]"
  if [ -n "$run" ]; then
    echo "> **This review is cut** at $max of its $size bytes, to fit in a comment. The full review is in the \`jeajit-review\` artifact of [the workflow run]($run)."
  else
    echo "> **This review is cut** at $max of its $size bytes, to fit in a comment. The full review is in the \`jeajit-review\` artifact of the workflow run."
  fi
fi
echo
footer="jeajit review"
[ -n "${HEAD_SHA:-}" ] && footer+=" of \`${HEAD_SHA:0:12}\`"
[ -s "$review_dir/base-sha" ] && footer+=" against \`$(head -c 12 "$review_dir/base-sha")\`"
[ -n "$run" ] && footer+=" · [workflow run]($run)"
echo "<sub>$footer</sub>"
