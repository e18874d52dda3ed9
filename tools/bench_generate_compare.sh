#!/bin/sh
# One CLIP + VQGAN iteration at real sizes (random ViT-B/32 + f16-16384 weights, 256 px, 32
# cutouts) beside the field's loop (tools/bench_generate_reference.py), alternating ROUNDS times
# on this machine in one run; prints every JSON line and the ratio of the medians (ours / reference:
# below 1 means faster than the reference).
#   tools/bench_generate_compare.sh /path/to/taming-transformers /path/to/CLIP VOCAB [CLI] [THREADS] [ROUNDS] [STEPS]
set -eu
TAMING=$1; CLIPSRC=$2; VOCAB=$3; CLI=${4:-build/dev/app/cli/clip-atelier-cli}; THREADS=${5:-2}; ROUNDS=${6:-2}; STEPS=${7:-3}
here=$(dirname "$0")
out=$(mktemp); trap 'rm -f "$out"' EXIT
for _ in $(seq "$ROUNDS"); do
  /usr/bin/python3 "$here/bench_generate_reference.py" "$TAMING" "$CLIPSRC" --size 256 --cutn 32 --steps "$STEPS" --threads "$THREADS" | tail -1 | sed 's/^/ref /' >>"$out"
  "$CLI" --threads "$THREADS" bench generate --clip vit-b-32 --vocab "$VOCAB" --vqgan f16-16384 --size 256x256 --cutn 32 --steps "$((STEPS + 1))" | tail -1 | sed 's/^/ours /' >>"$out"
done
cat "$out"
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [l.split(" ", 1) for l in open(sys.argv[1])]
med = lambda who: statistics.median(json.loads(j)["seconds_per_iteration"] for w, j in rows if w == who)
print(f"seconds per iteration: reference {med('ref'):.2f}, ours {med('ours'):.2f}, ours/reference {med('ours') / med('ref'):.2f}x")
PY
