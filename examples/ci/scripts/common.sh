# Sourced by the other scripts: where the review is written, and small helpers.
# The review folder is uploaded as the `jeajit-review` artifact; the comment workflow reads it.
review_dir=${REVIEW_DIR:-${RUNNER_TEMP:?RUNNER_TEMP is not set (run under GitHub Actions or set REVIEW_DIR)}/jeajit-review}
mkdir -p "$review_dir"
review_dir=$(cd "$review_dir" && pwd)

# An absolute path.
absolute() { realpath -m -- "$1"; }

# A Markdown code fence longer than any run of backticks in the file $1.
fence_for() {
  local longest
  longest=$(grep -o '`\+' "$1" 2>/dev/null | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }')
  local n=$((longest < 3 ? 3 : longest + 1))
  printf '%*s' "$n" '' | tr ' ' '`'
}

# The last lines of a log, fenced, at most $2 bytes (default 20000).
fenced_tail() {
  local file=$1 max=${2:-20000} fence tmp
  tmp=$(mktemp)
  # strip the terminal's colour codes; keep the end, where the error is
  sed 's/\x1b\[[0-9;]*[A-Za-z]//g' "$file" | tail -n 200 | tail -c "$max" > "$tmp"
  fence=$(fence_for "$tmp")
  printf '%s\n' "$fence"
  cat "$tmp"
  [ -s "$tmp" ] && [ "$(tail -c 1 "$tmp" | od -An -c | tr -d ' ')" != '\n' ] && printf '\n'
  printf '%s\n' "$fence"
  rm -f "$tmp"
}

# Appends name=value to the step's outputs (when there is a step).
output() { [ -n "${GITHUB_OUTPUT:-}" ] && printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"; return 0; }
