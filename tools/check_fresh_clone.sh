#!/usr/bin/env bash
# Does a new user's clone pass the tests? Clones this repository's HEAD (committed work only)
# into an empty temporary folder, with no ../shared beside it and none of CI's variables, and
# runs the README's test command there. Not part of the suite (it is a full build); run it
# before each submission:  tools/check_fresh_clone.sh [ctest args]
set -euo pipefail
src=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/atelier-fresh.XXXXXX")
git clone --quiet "$src" "$tmp/clip-atelier"
cd "$tmp/clip-atelier"
[[ ! -e ../shared ]] || { echo "check_fresh_clone: $tmp/shared exists" >&2; exit 2; }
unset CLIP_ATELIER_OPENAI_VOCAB CLIP_ATELIER_REQUIRE_OPENAI_VOCAB
start=$(date +%s)
rc=0
./atelier test "$@" || rc=$?
echo "check_fresh_clone: ./atelier test exited $rc after $(( $(date +%s) - start )) s in $tmp/clip-atelier"
exit $rc
