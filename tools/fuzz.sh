#!/usr/bin/env bash
# Builds the `fuzz` preset and runs the libFuzzer harnesses of the file readers (tests/fuzz/), one
# after the other, each for a time or a number of runs, under ASan + UBSan:
#
#   tools/fuzz.sh [--time SECONDS] [--runs N] [--no-build] [harness...]
#
# With both --time and --runs, each harness stops at whichever comes first (the issue's bar:
# tools/fuzz.sh --runs 1000000 --time 1800).
#
# Harnesses (all by default): pickle checkpoint vocab tokenizer hf_vocab taming_yaml png_settings.
# Each runs with -rss_limit_mb=2048 (also the largest single allocation) and -timeout=10 (seconds
# for one input), on its corpus build/fuzz/corpus/<harness>/ (kept between sessions, grown by each)
# and the seeds tests/fuzz/make_seeds.py makes from tests/data/ (build/fuzz/seeds/<harness>/),
# with tests/fuzz/dicts/<harness>.dict when there is one. libFuzzer stops at its first finding:
# the input (crash, timeout, out of memory, leak) is copied to tests/data/bad/<harness>/ under a
# name that says what happened and where (crash-stack-overflow-pickle.cpp-212-1a2b3c4d), where
# tests/engine/tst_bad_files.cpp checks it from then on. Logs: build/fuzz/logs/<harness>.log.
# Leaks are findings, but for LibTorch's own (tests/fuzz/<harness>.supp, LeakSanitizer suppressions).
# Prints, per harness: executions, executions per second, new findings. Exit status 1 when any.
# Default: --time 60. FUZZ_BUILD_JOBS sets the build's parallel jobs (default 1).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$ROOT/build/fuzz
ALL=(pickle checkpoint vocab tokenizer hf_vocab taming_yaml png_settings)

usage() { sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

time_s=60 runs="" build=1 harnesses=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --time) time_s=${2:?--time needs seconds}; time_given=1; shift 2 ;;
    --runs) runs=${2:?--runs needs a number}; [[ -n ${time_given:-} ]] || time_s=""; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; usage 2 >&2 ;;
    *) harnesses+=("$1"); shift ;;
  esac
done
[[ ${#harnesses[@]} -gt 0 ]] || harnesses=("${ALL[@]}")
for h in "${harnesses[@]}"; do
  [[ " ${ALL[*]} " == *" $h "* ]] || { echo "fuzz.sh: no harness '$h' (there are: ${ALL[*]})" >&2; exit 2; }
done
[[ -z $time_s || $time_s =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --time takes whole seconds" >&2; exit 2; }
[[ -z $runs || $runs =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --runs takes a number" >&2; exit 2; }

cd "$ROOT"
if [[ $build == 1 ]]; then
  echo "== building the fuzz preset"
  nice -n 10 cmake --preset fuzz > /dev/null
  nice -n 10 cmake --build --preset fuzz -- -j"${FUZZ_BUILD_JOBS:-1}"
fi
echo "== seeds from tests/data"
python3 tests/fuzz/make_seeds.py "$BUILD/seeds"

# ASan: leaks are findings too (libFuzzer checks them per input); UBSan stops at its first report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0:handle_abort=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Stacks with function names, files and lines (the names of the copied findings come from them).
symbolizer=$(command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | tail -1 || true)
[[ -n $symbolizer ]] && export ASAN_SYMBOLIZER_PATH=$symbolizer

# A short name for what the log says went wrong: the sanitizer's kind and the first frame in the
# project's sources (file and line), or the uncaught exception's type.
describe() {
  local log=$1 kind=$2 what="" where=""
  if grep -q "terminate called after throwing" "$log"; then
    what=uncaught-$(grep -m1 -oE "throwing an instance of '[^']+'" "$log" | sed "s/.*of '//; s/'\$//; s/[^A-Za-z0-9]\+/-/g")
  fi
  [[ -n $what ]] || what=$(grep -m1 -oE 'SUMMARY: UndefinedBehaviorSanitizer: [a-z-]+' "$log" | sed 's/.*: //' || true)
  [[ -n $what ]] || what=$(grep -m1 -oE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): [a-z-]+' "$log" | sed 's/.*: //' || true)
  [[ -n $what ]] || { grep -q "^FINDING:" "$log" && what=tensor-claims-too-much; } || true
  [[ $what == "$kind" ]] && what=""
  where=$(grep -oE "$ROOT/(engine|widgets)/[^: ]+:[0-9]+" "$log" | head -1 | sed "s|.*/||; s|:|-|" || true)
  local name=$kind${what:+-$what}${where:+-$where}
  echo "${name//[^A-Za-z0-9._-]/-}"
}

# Copies a finding to tests/data/bad/<harness>/ under a name that says what and where.
record() {
  local h=$1 input=$2 log=$3 kind=$4 name
  name="$(describe "$log" "$kind")-$(sha1sum "$input" | cut -c1-8)"
  mkdir -p "tests/data/bad/$h"
  cp "$input" "tests/data/bad/$h/$name"
  echo "   finding: tests/data/bad/$h/$name"
}

total_findings=0
declare -a report
for h in "${harnesses[@]}"; do
  bin=$BUILD/tests/fuzz/fuzz_$h
  if [[ ! -x $bin ]]; then
    report+=("$(printf '%-13s not built (see the fuzz preset'"'"'s configure warnings)' "$h")")
    continue
  fi
  corpus=$BUILD/corpus/$h artifacts=$BUILD/artifacts/$h log=$BUILD/logs/$h.log
  mkdir -p "$corpus" "$artifacts" "$BUILD/logs" "$BUILD/seeds/$h"
  before=$(ls "$artifacts")
  opts=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ -n $time_s ]] && opts+=(-max_total_time="$time_s")
  [[ -n $runs ]] && opts+=(-runs="$runs")
  [[ -f tests/fuzz/dicts/$h.dict ]] && opts+=(-dict="tests/fuzz/dicts/$h.dict")
  echo "== fuzz_$h ${time_s:+for ${time_s} s}${runs:+for $runs runs} (log: ${log#"$ROOT"/})"
  start=$(date +%s)
  # Leaks in LibTorch itself, not the engine's: tests/fuzz/<harness>.supp says which.
  lsan=${LSAN_OPTIONS:-}
  [[ -f tests/fuzz/$h.supp ]] && lsan=${lsan:+$lsan:}suppressions=$ROOT/tests/fuzz/$h.supp:print_suppressions=0
  set +e
  LSAN_OPTIONS=$lsan nice -n 10 "$bin" "${opts[@]}" "$corpus" "$BUILD/seeds/$h" > "$log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  execs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  rate=$(grep -oE 'stat::average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1 || true)
  if [[ -z $execs ]]; then  # stopped at a finding: the last status line
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
    rate=$(grep -oE 'exec/s: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$' || true)
  fi
  found=0
  for f in $(ls "$artifacts"); do
    grep -qxF "$f" <<< "$before" && continue
    record "$h" "$artifacts/$f" "$log" "${f%%-*}"
    found=$((found + 1))
  done
  if [[ $rc != 0 && $found == 0 ]]; then
    # A finding while libFuzzer read its corpus: it writes no input then. Each input again, alone.
    rerun=$BUILD/logs/$h.rerun.log
    set +e
    find "$corpus" "$BUILD/seeds/$h" -type f -print0 |
      LSAN_OPTIONS=$lsan xargs -0 nice -n 10 "$bin" -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$artifacts/rerun-" > "$rerun" 2>&1
    set -e
    culprit=$(grep -E '^Running: ' "$rerun" | tail -1 | sed 's/^Running: //')
    if [[ -n $culprit ]] && ! grep -qxF "Executed $culprit" <(grep -oE '^Executed .* in' "$rerun" | sed 's/ in$//'); then
      record "$h" "$culprit" "$rerun" crash
    else
      echo "   fuzz_$h exited with status $rc and left no input: see ${log#"$ROOT"/}"
      grep -m3 -E 'ERROR|error|SUMMARY' "$log" | sed 's/^/   /' || true
    fi
    found=1
  fi
  total_findings=$((total_findings + found))
  report+=("$(printf '%-13s %12s executions %8s exec/s %5s s  %d new finding(s)' "$h" "${execs:-?}" "${rate:-?}" "$elapsed" "$found")")
done

echo "== summary"
printf '%s\n' "${report[@]}"
[[ $total_findings == 0 ]]
