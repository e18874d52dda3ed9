#!/usr/bin/env bash
# The guided images judged by geometry, not by the CLIP that guided them (issue: embedded
# models that see form). For each prompt and seed: CLIP + VQGAN (generate, 128x128) and
# CLIPDraw (draw), 200 steps, then `judge`. Prints one line per image and a summary per prompt
# and generator; the images stay in OUT_DIR.
#   tools/judge_guided.sh OUT_DIR [--clip MODEL] [CLI...]
# e.g. tools/judge_guided.sh /tmp/judged   or, to compare a candidate mini-CLIP,
#      tools/judge_guided.sh /tmp/judged --clip runs/form/model.safetensors
set -euo pipefail
out=${1:?usage: tools/judge_guided.sh OUT_DIR [--clip MODEL] [CLI]}
shift
source "$(dirname "$0")/guided_lib.sh"
guided_args "$@"
steps=${STEPS:-200}
seeds=${SEEDS:-1 2 3}
mkdir -p "$out"
prompts=("a red circle" "a blue square" "a green triangle")
[[ -n ${PROMPTS:-} ]] && IFS='|' read -r -a prompts <<<"$PROMPTS"
for p in "${prompts[@]}"; do
  slug=${p// /-}
  for gen in vqgan draw; do
    files=()
    for s in $seeds; do
      f="$out/$slug-$gen-$s.png"
      guided_image "$gen" "$p" "$s" "$f" "$steps"
      files+=("$f")
    done
    "${cli[@]}" judge --prompt "$p" "${files[@]}" | sed "s/^/$gen: /"
  done
done
