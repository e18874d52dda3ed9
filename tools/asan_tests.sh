#!/usr/bin/env bash
# The engine's and the CLI's tests under AddressSanitizer and UndefinedBehaviorSanitizer (the
# `asan` preset: Debug, -O1): only the targets they need are built (no GUI), and the soak runs
# 100 cycles instead of 1,000. Leak detection is off (LibTorch's own allocations at exit).
# Usage: tools/asan_tests.sh [ctest args]
set -euo pipefail
cd "$(dirname "$0")/.."
tests=(tst_runtime tst_clip tst_train tst_robust tst_clipart tst_gan tst_vqgan tst_biggan tst_guide tst_art tst_draw tst_hostile_checkpoints tst_bad_files tst_soak tst_hub tst_library tst_cli)
cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)" --target clip-atelier-cli "${tests[@]}"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export CLIP_ATELIER_SOAK_CYCLES=${CLIP_ATELIER_SOAK_CYCLES:-100}
regex="^($(IFS='|'; echo "${tests[*]}")|cli_info_json|cli_version)\$"
ctest --preset asan -j "$(nproc)" -R "$regex" "$@"
