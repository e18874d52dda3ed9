#!/bin/sh
# The decoder's forward+backward beside the reference's, on this machine, in one run: the two
# alternate ROUNDS times (so a busy moment hits both), each timing REPEATS passes; prints every
# JSON line, then the ratio of the medians (reference / ours: above 1 means faster than the reference).
#   tools/bench_vqgan_compare.sh /path/to/taming-transformers [CLI] [THREADS] [ROUNDS] [REPEATS]
set -eu
TAMING=$1; CLI=${2:-build/dev/app/cli/clip-atelier-cli}; THREADS=${3:-2}; ROUNDS=${4:-3}; REPEATS=${5:-3}
here=$(dirname "$0")
out=$(mktemp); trap 'rm -f "$out"' EXIT
for _ in $(seq "$ROUNDS"); do
  /usr/bin/python3 "$here/bench_vqgan_reference.py" "$TAMING" --size 256 --threads "$THREADS" --repeats "$REPEATS" | tail -1 | sed 's/^/ref /' >>"$out"
  "$CLI" --threads "$THREADS" bench vqgan --config f16-16384 --size 256 --repeats "$REPEATS" | tail -1 | sed 's/^/ours /' >>"$out"
done
cat "$out"
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [l.split(" ", 1) for l in open(sys.argv[1])]
med = lambda who, key: statistics.median(json.loads(j)[key] for w, j in rows if w == who)
for key in ("decode_ms", "decode_backward_ms"):
    print(f"{key}: reference {med('ref', key):.0f} ms, ours {med('ours', key):.0f} ms, reference/ours {med('ref', key) / med('ours', key):.2f}x")
PY
