#!/usr/bin/env bash
# Usage: synth-side.sh base|head DIR
#
# Installs and synthesizes one side of the review in the checkout DIR with the project's own tools:
# `npm ci`, then `npm run synth` (the package.json script, e.g. "synth": "cdktf synth"); never a
# global CLI. Writes $REVIEW_DIR/<side>/:
#   status      ok | empty | failed
#   reason      why not ok, one line
#   synth.log   the output of npm ci and npm run synth
#   out         (when ok) the absolute path of the synth output folder
# A base without jeajit (no package.json, no jeajit dependency, no synth script, or a synth that
# fails, as before the pull request that adopts jeajit) is `empty`: the review compares against an
# empty estate. A head that cannot be synthesized is `failed`: that is the review.
# Exits 0 in all these cases (finish.sh fails the job later, after the artifact is uploaded).
set -uo pipefail
source "$(dirname "$0")/common.sh"
side=${1:?usage: synth-side.sh base|head DIR}
dir=${2:?usage: synth-side.sh base|head DIR}
case $side in base|head) ;; *) echo "usage: synth-side.sh base|head DIR" >&2; exit 2 ;; esac
out="$review_dir/$side"
rm -rf "$out" && mkdir -p "$out"
log="$out/synth.log"
: > "$log"

finish() { # status reason
  echo "$1" > "$out/status"
  echo "$2" > "$out/reason"
  if [ "$1" = ok ]; then echo "$side: synthesized into $(cat "$out/out")"; else echo "$side: $1: $2"; fi
  if [ "$1" = failed ]; then echo "::error::the $side did not synthesize: $2"; fi
  exit 0
}
not_ok() { # reason: a base without jeajit is empty, a head without it cannot be reviewed
  if [ "$side" = base ]; then finish empty "$1"; else finish failed "$1"; fi
}

# What the package.json promises (a jeajit dependency and a synth script), and where the synth
# writes: $JEAJIT_SYNTH_OUT, else cdktf.json's "output", else cdktf.out.
if [ ! -f "$dir/package.json" ]; then not_ok "no package.json"; fi
{ read -r synth_out; read -r problem; } < <(cd "$dir" && node -e '
  const fs = require("fs");
  let out = process.env.JEAJIT_SYNTH_OUT || "cdktf.out", problem = "";
  try { out = process.env.JEAJIT_SYNTH_OUT || JSON.parse(fs.readFileSync("cdktf.json", "utf8")).output || out; } catch {}
  try {
    const p = JSON.parse(fs.readFileSync("package.json", "utf8"));
    if (!({ ...p.dependencies, ...p.devDependencies }).jeajit) problem = "package.json has no jeajit dependency";
    else if (!(p.scripts && p.scripts.synth)) problem = "package.json has no \"synth\" script";
  } catch (e) { problem = "package.json is not readable: " + e.message.split("\n")[0]; }
  console.log(out); console.log(problem);
')
if [ -n "$problem" ]; then not_ok "$problem"; fi
case $synth_out in '' | . | ./ | /* | *..*) not_ok "the synth output folder '$synth_out' is not a folder inside the repository" ;; esac
rm -rf "${dir:?}/${synth_out:?}" # what a synth left before is not this synth's output

echo "::group::$side: npm ci"
(cd "$dir" && npm ci --no-audit --no-fund) 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
echo "::endgroup::"
if [ "$rc" -ne 0 ]; then not_ok "npm ci failed (exit $rc)"; fi

echo "::group::$side: npm run synth"
(cd "$dir" && npm run synth) 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
echo "::endgroup::"
if [ "$rc" -ne 0 ]; then not_ok "npm run synth failed (exit $rc)"; fi
if [ ! -d "$dir/$synth_out" ]; then not_ok "npm run synth wrote no $synth_out folder"; fi
absolute "$dir/$synth_out" > "$out/out"
finish ok ""
