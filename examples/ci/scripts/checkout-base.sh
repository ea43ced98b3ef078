#!/usr/bin/env bash
# Usage: checkout-base.sh HEAD_DIR BASE_DIR
#
# Puts the commit the pull request branched from into BASE_DIR, as a git worktree of the head's
# checkout (which must have the history: actions/checkout with fetch-depth: 0). That commit is the
# merge base of the pull request's base (BASE_SHA) and head (HEAD_SHA), so the review shows what the
# pull request changes, as the "Files changed" tab does, and not the base branch's own later changes
# (reversed). Without a merge base (unrelated histories) BASE_SHA itself is used.
# Writes the chosen commit to $REVIEW_DIR/base-sha.
set -euo pipefail
source "$(dirname "$0")/common.sh"
head_dir=${1:?usage: checkout-base.sh HEAD_DIR BASE_DIR}
base_dir=${2:?usage: checkout-base.sh HEAD_DIR BASE_DIR}
: "${BASE_SHA:?BASE_SHA (the pull request base commit) is not set}"
head_sha=${HEAD_SHA:-HEAD}

if ! git -C "$head_dir" cat-file -e "$BASE_SHA^{commit}" 2>/dev/null; then
  echo "::error::the base commit $BASE_SHA is not in the checkout of the head; check it out with fetch-depth: 0"
  exit 1
fi
if fork_point=$(git -C "$head_dir" merge-base "$BASE_SHA" "$head_sha"); then
  base=$fork_point
else
  echo "::warning::$BASE_SHA and $head_sha have no common ancestor: reviewing against $BASE_SHA itself"
  base=$BASE_SHA
fi
git -C "$head_dir" worktree add --detach "$(absolute "$base_dir")" "$base"
echo "$base" > "$review_dir/base-sha"
echo "base: $base (the pull request's base is $BASE_SHA)"
