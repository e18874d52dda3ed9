#!/usr/bin/env bash
# Runs ON THE GPU MACHINE (Ubuntu 24.04, one H200, PyTorch with CUDA, no Qt, no OpenCV, no
# network), from the repository root, with build/gpu-deps/ carried there (tools/gpu/prepare.sh
# makes it here; tools/gpu/README.md gives the device tool's call). It configures and builds the
# `torch-only` preset against PyTorch's LibTorch and the carried prefix, runs its tests, the CLI's
# info and benchmarks with --device cuda, and the python reference benchmarks, each phase under
# `timeout` inside one budget, and goes on to the next phase when one fails wherever that makes
# sense (a failed build still lets the python references run).
#
# Environment:
#   OUT             where the results go (the device tool sets it; default build/gpu-out)
#   GPU_BUDGET_S    seconds for the whole script (default 480); give the device tool ~60 s more
#   GPU_TAIL_S      seconds the configure and build phases leave for the phases after them
#                   (default 150, a third of GPU_BUDGET_S below 450)
#   GPU_PHASES      the phases to run (default: env configure build ctest cli reference)
#   GPU_CLI_TIMEOUT_S  the limit of one CLI or python benchmark command (default 60)
#   TORCH_PREFIX    LibTorch's CMake prefix (default: python3's torch.utils.cmake_prefix_path)
#   GPU_PKG_CONFIG  auto (the host's pkg-config if it has one, else the carried pkgconf) or carried
#
# $OUT holds 8 files at most (the device tool brings back no more): summary.json (every phase's
# status, rc and seconds, rewritten after each phase), results.jsonl (one JSON object per CLI or
# python benchmark command: its name, rc, seconds and its JSON output), and the logs env.log,
# configure.log, build.log, ctest.log, cli.log, reference.log.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
repo=$PWD
OUT=${OUT:-$repo/build/gpu-out}
mkdir -p "$OUT"
budget=${GPU_BUDGET_S:-480}
# Seconds kept for ctest, the CLI and the references once the build ends (a third of a small budget).
tail_s=${GPU_TAIL_S:-$(( budget < 450 ? budget / 3 : 150 ))}
wanted=" ${GPU_PHASES:-env configure build ctest cli reference} "
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s)
deadline=$(( t0 + budget ))
deps=$repo/build/gpu-deps
pre=$deps/prefix/usr
arch=x86_64-linux-gnu
cli=$repo/build/torch-only/cli/clip-atelier-cli
jobs=$(nproc)
results=$OUT/results.jsonl
: >"$results"
export OUT repo cli jobs results deps
export GPU_CLI_TIMEOUT_S=${GPU_CLI_TIMEOUT_S:-60}
export PYTHONUNBUFFERED=1

# ---- LibTorch, from the python that holds PyTorch --------------------------------------------
torch_prefix=${TORCH_PREFIX:-} torch_version='' torch_cuda='' torch_abi=''
if info=$(timeout 120 python3 -c 'import torch
print(torch.utils.cmake_prefix_path); print(torch.__version__); print(torch.version.cuda)
print(int(torch.compiled_with_cxx11_abi()))' 2>/dev/null); then
  { read -r p; read -r torch_version; read -r torch_cuda; read -r torch_abi; } <<<"$info"
  torch_prefix=${torch_prefix:-$p}
else
  echo "run.sh: python3 could not import torch; CMake will look for Torch on its own" >&2
fi

chmod +x "$deps"/tools/bin/* 2>/dev/null  # in case the copy lost the modes
# ---- pkg-config: the host's, else the carried pkgconf (GPU_PKG_CONFIG=carried: always the carried
# one). Either reads only the carried .pc files.
if [[ ${GPU_PKG_CONFIG:-auto} != carried ]] && command -v pkg-config >/dev/null 2>&1; then
  pkgconfig=$(command -v pkg-config) pkgconfig_from=host
elif [[ -x $deps/tools/bin/pkg-config ]]; then
  export PATH="$deps/tools/bin:$PATH"
  pkgconfig=$deps/tools/bin/pkg-config pkgconfig_from=carried
else
  pkgconfig='' pkgconfig_from=none
fi
export PKG_CONFIG_LIBDIR="$pre/lib/$arch/pkgconfig:$pre/share/pkgconfig" PKG_CONFIG_PATH=''
export pkgconfig pkgconfig_from
# No LD_LIBRARY_PATH: the carried prefix offers PCRE2, utf8proc, libyaml and zlib as static
# archives only, so the CLI links them in and needs none of them at run time (cli.log's ldd shows it).

# CUDA for Torch's CMake config: nvcc on PATH, and one architecture (H200: 9.0) so that it does
# not probe for one. The project has no CUDA sources of its own.
[[ -x /usr/local/cuda/bin/nvcc ]] && ! command -v nvcc >/dev/null 2>&1 && export PATH="/usr/local/cuda/bin:$PATH"
export TORCH_CUDA_ARCH_LIST=${TORCH_CUDA_ARCH_LIST:-9.0}

# ---- summary.json ----------------------------------------------------------------------------
names=() statuses=() rcs=() secs=() notes=()
json_str() {  # a JSON string of $1
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}; s=${s//$'\n'/ }; s=${s//$'\t'/ }; s=${s//$'\r'/}
  printf '"%s"' "$s"
}
write_summary() {
  local i rows=''
  for i in "${!names[@]}"; do
    rows+="${rows:+,}"$'\n'"    {\"phase\": $(json_str "${names[i]}"), \"status\": \"${statuses[i]}\", \"rc\": ${rcs[i]}, \"seconds\": ${secs[i]}, \"note\": $(json_str "${notes[i]}")}"
  done
  cat >"$OUT/summary.json" <<EOF
{
  "started": "$started",
  "budget_s": $budget,
  "elapsed_s": $(( $(date +%s) - t0 )),
  "nproc": $jobs,
  "torch": {"prefix": $(json_str "$torch_prefix"), "version": $(json_str "$torch_version"), "cuda": $(json_str "$torch_cuda"), "cxx11_abi": $(json_str "$torch_abi")},
  "pkg_config": {"path": $(json_str "$pkgconfig"), "from": "$pkgconfig_from"},
  "phases": [$rows
  ]
}
EOF
}
record() {  # NAME STATUS RC SECONDS NOTE
  names+=("$1") statuses+=("$2") rcs+=("$3") secs+=("$4") notes+=("$5")
  write_summary
}
set_note() {  # NOTE: replaces the last phase's note
  notes[${#notes[@]}-1]=$1
  write_summary
}

# phase NAME CAP RESERVE LOG COMMAND...: runs COMMAND under `timeout` for CAP seconds at most and
# never past the deadline less RESERVE (the seconds kept for the phases after it). Its output goes
# to the console and $OUT/LOG, its status to summary.json. Returns COMMAND's exit status (124:
# out of time; 125: not run).
phase() {
  local name=$1 cap=$2 reserve=$3 log=$OUT/$4
  shift 4
  if [[ $wanted != *" $name "* ]]; then
    record "$name" skipped -1 0 "not in GPU_PHASES"
    return 125
  fi
  local left=$(( deadline - $(date +%s) - reserve ))
  local limit=$(( cap < left ? cap : left ))
  if (( limit < 10 )); then
    record "$name" skipped -1 0 "out of time (GPU_BUDGET_S=$budget)"
    return 125
  fi
  printf '\n===== %s (limit %d s): %s\n' "$name" "$limit" "$*" | tee -a "$log"
  local s e rc status=ok
  s=$(date +%s.%N)
  timeout -k 10 "$limit" "$@" 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
  e=$(date +%s.%N)
  local took
  took=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.1f", b - a }')
  if (( rc == 124 || rc == 137 )); then status=timeout; elif (( rc != 0 )); then status=failed; fi
  printf '===== %s: %s (rc %d) in %s s\n' "$name" "$status" "$rc" "$took" | tee -a "$log"
  record "$name" "$status" "$rc" "$took" ""
  return "$rc"
}
note_failed_runs() {  # RUN-NAME-REGEX: names the failed commands of the last phase in its note
  local failed
  failed=$(grep -oE "\"run\": \"($1)[^\"]*\", \"rc\": [1-9][0-9]*" "$results" | sed -E 's/"run": "([^"]*)", "rc": /\1 rc /' | paste -sd, -)
  [[ -n $failed ]] && set_note "failed: $failed"
  return 0
}
skip() {  # NAME WHY
  record "$1" skipped -1 0 "$2"
  printf '\n===== %s: skipped (%s)\n' "$1" "$2"
}

# measure NAME COMMAND...: one benchmark command under GPU_CLI_TIMEOUT_S; its stdout, then its
# stderr, to the phase's log, and a line {"run", "rc", "seconds", "output"} to results.jsonl,
# "output" being the command's JSON (one object, or a list of the JSON lines it printed), else
# the end of its text; "stderr_tail" too when it failed.
measure() {
  local name=$1 tmp err s e rc took
  shift
  tmp=$(mktemp) err=$(mktemp)
  echo "--- $name: $*"
  s=$(date +%s.%N)
  timeout -k 5 "$GPU_CLI_TIMEOUT_S" "$@" >"$tmp" 2>"$err"
  rc=$?
  e=$(date +%s.%N)
  took=$(awk -v a="$s" -v b="$e" 'BEGIN { printf "%.2f", b - a }')
  cat "$tmp" "$err"
  python3 - "$name" "$rc" "$took" "$tmp" "$err" "$results" <<'EOF' || echo "--- $name: could not record its output" >&2
import json, sys
name, rc, took, path, err, results = sys.argv[1:7]
text = open(path, errors="replace").read()
try:
    output = json.loads(text)
except ValueError:
    lines = []
    for line in text.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            pass
    output = lines[0] if len(lines) == 1 else lines if lines else text[-2000:]
row = {"run": name, "rc": int(rc), "seconds": float(took), "output": output}
if int(rc) != 0:
    row["stderr_tail"] = open(err, errors="replace").read()[-1500:]
with open(results, "a") as f:
    f.write(json.dumps(row) + "\n")
EOF
  rm -f "$tmp" "$err"
  echo "--- $name: rc $rc in $took s"
  return "$rc"
}
export -f measure

# ---- the phases ------------------------------------------------------------------------------
print_env() {
  date -u
  uname -srm
  grep PRETTY_NAME /etc/os-release
  echo "nproc: $(nproc)"
  free -g | head -2
  nvidia-smi -L
  nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv
  python3 -c 'import sys, torch
print("python", sys.version.split()[0], sys.executable)
print("torch", torch.__version__, "cuda", torch.version.cuda, "cudnn", torch.backends.cudnn.version(),
      "cxx11_abi", torch.compiled_with_cxx11_abi())
print("cuda available:", torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "")
print("cmake_prefix_path:", torch.utils.cmake_prefix_path)'
  cmake --version | head -1
  echo "ninja $(ninja --version)"
  g++ --version | head -1
  nvcc --version | tail -2
  echo "pkg-config ($pkgconfig_from): $pkgconfig $(${pkgconfig:-false} --version)"
  echo "ccache: $(command -v ccache || echo none)"
  echo "carried prefix:"
  ls "$deps/prefix/usr/lib/x86_64-linux-gnu" "$deps/reference" 2>&1
  return 0
}
export -f print_env

run_cli() {
  echo "ldd of the CLI, filtered (no pcre2, utf8proc, yaml or libz: those are linked in statically):"
  ldd "$cli" | grep -E 'pcre2|utf8proc|yaml|libz|torch|c10|cuda|not found'
  local c=("$cli" --device cuda) failed=0
  measure cli-version "$cli" --version || failed=1
  measure cli-info "${c[@]}" info --json || failed=1
  measure cli-info-memory "${c[@]}" info --json --memory || failed=1
  measure cli-bench-clip-fp32 "${c[@]}" bench clip --config vit-b-32 --batch 32 || failed=1
  measure cli-bench-clip-bf16 "${c[@]}" bench clip --config vit-b-32 --batch 32 --precision bf16 || failed=1
  measure cli-bench-vqgan "${c[@]}" bench vqgan --config f16-16384 --size 256 || failed=1
  measure cli-bench-vqgan-channels-last "${c[@]}" bench vqgan --config f16-16384 --size 256 --channels-last || failed=1
  measure cli-bench-latency "${c[@]}" bench latency --requests 20 --interval-ms 50 || failed=1
  measure cli-bench-draw "${c[@]}" bench draw --paths 256 --size 224 || failed=1
  # Last, as the slowest if they run on the CPU (fp16 matrix products are slow there).
  measure cli-bench-clip-bf16-grad "${c[@]}" bench clip --config vit-b-32 --batch 32 --precision bf16 --grad || failed=1
  measure cli-bench-clip-fp16 "${c[@]}" bench clip --config vit-b-32 --batch 32 --precision fp16 || failed=1
  return "$failed"
}
export -f run_cli

run_reference() {
  local ref=$deps/reference rc=0
  if [[ -f $ref/CLIP/clip/model.py ]]; then
    measure ref-clip-fp32 python3 tools/bench_clip_reference.py --reference "$ref/CLIP" --threads "$jobs" --batch 32 || rc=1
  else
    echo "no $ref/CLIP (prepare.sh with CLIP_REF): bench_clip_reference.py skipped"; rc=1
  fi
  if [[ -f $ref/taming-transformers/taming/modules/diffusionmodules/model.py ]]; then
    measure ref-vqgan python3 tools/bench_vqgan_reference.py "$ref/taming-transformers" --size 256 --threads "$jobs" || rc=1
    if [[ -f $ref/CLIP/clip/model.py ]]; then
      measure ref-generate python3 tools/bench_generate_reference.py "$ref/taming-transformers" "$ref/CLIP" \
        --size 256 --cutn 32 --steps 4 --threads "$jobs" || rc=1
    fi
  else
    echo "no $ref/taming-transformers (prepare.sh with TAMING_REF): the VQGAN references skipped"; rc=1
  fi
  return "$rc"
}
export -f run_reference

echo "run.sh: budget ${budget} s, ${jobs} cores, torch ${torch_version:-?} (CUDA ${torch_cuda:-?}, cxx11 ABI ${torch_abi:-?}) at ${torch_prefix:-?}; pkg-config: ${pkgconfig:-none} (${pkgconfig_from}); results in $OUT"

phase env 60 0 env.log bash -c print_env

configure=(cmake --preset torch-only "-DCMAKE_PREFIX_PATH=${torch_prefix:+$torch_prefix;}$pre")
[[ -n $pkgconfig ]] && configure+=("-DPKG_CONFIG_EXECUTABLE=$pkgconfig")
# The CLI's own files are built without Torch's flags: with a pre-C++11-ABI LibTorch, all must agree.
[[ $torch_abi == 0 ]] && configure+=("-DCMAKE_CXX_FLAGS=-D_GLIBCXX_USE_CXX11_ABI=0")
phase configure 180 "$tail_s" configure.log "${configure[@]}"
configured=$?
if (( configured == 0 )); then
  for v in Torch_DIR CLI11_DIR nlohmann_json_DIR ZLIB_INCLUDE_DIR ZLIB_LIBRARY_RELEASE \
           pkgcfg_lib_PCRE2_pcre2-8 pkgcfg_lib_UTF8PROC_utf8proc pkgcfg_lib_YAML_yaml PKG_CONFIG_EXECUTABLE; do
    grep -E "^$v(:[A-Z]+)?=" build/torch-only/CMakeCache.txt
  done | tee -a "$OUT/configure.log"
fi

# -k 0: every file that fails to compile is named in one run, not only the first.
built=125
if (( configured == 0 )); then
  phase build "$budget" "$tail_s" build.log cmake --build --preset torch-only -j "$jobs" -- -k 0
  built=$?
  if (( built != 0 && built != 125 )); then
    errors=$(grep -c 'error:' "$OUT/build.log")
    steps=$(grep -o '^\[[0-9]*/[0-9]*\]' "$OUT/build.log" | tail -1)
    note="ninja reached ${steps:-no step}; $errors lines with 'error:'"
    (( errors > 0 )) && note+="; the first: $(grep -m1 'error:' "$OUT/build.log" | cut -c1-300)"
    set_note "$note"
  fi
else
  skip build "configure did not succeed"
fi

if (( built == 0 )); then
  phase ctest 120 $(( tail_s * 2 / 3 )) ctest.log ctest --preset torch-only --timeout 100
  phase cli 200 $(( tail_s / 3 )) cli.log bash -c run_cli
  note_failed_runs 'cli-'
else
  skip ctest "no build"
  skip cli "no build"
fi

phase reference 150 0 reference.log bash -c run_reference
note_failed_runs 'ref-'

# The device tool brings back files of 16 MiB at most: keep the head and the tail of a longer log.
for f in "$OUT"/*.log; do
  if (( $(stat -c %s "$f") > 15 * 1024 * 1024 )); then
    { head -c $(( 4 * 1024 * 1024 )) "$f"; printf '\n\n[... cut by run.sh ...]\n\n'; tail -c $(( 10 * 1024 * 1024 )) "$f"; } >"$f.cut"
    mv "$f.cut" "$f"
  fi
done
write_summary
echo
echo "===== summary.json"; cat "$OUT/summary.json"
echo "===== results.jsonl (each line cut at 600 characters)"; cut -c1-600 "$results"
