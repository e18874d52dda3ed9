#!/usr/bin/env bash
# The README's grids of guided images and the geometric judge's verdicts (issue: embedded models
# that see form): the acceptance commands, CLI defaults, for the three shape prompts and five
# others, seeds 1-3,
#   generate --prompt P --size 128x128 --steps 200 --seed S      (CLIP + VQGAN)
#   draw --prompt P --steps 200 --seed S                         (CLIPDraw)
# then `judge --grid`: docs/judged/vqgan.png and docs/judged/draw.png (rows the prompts, columns
# the seeds, each verdict under its image; prompts with no shape are shown, not judged), and the
# judge's lines in docs/judged/verdicts.txt.
#   tools/make_judged_grid.sh [--clip MODEL] [CLI]
set -euo pipefail
source "$(dirname "$0")/guided_lib.sh"
guided_args "$@"
out=${OUT:-docs/judged}
steps=${STEPS:-200}
seeds=(1 2 3)
prompts=("a red circle" "a blue square" "a green triangle" "a red apple" "a rocket" "a cat face" "a house" "a tree")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out"
: >"$out/verdicts.txt"
for gen in vqgan draw; do
  files=()
  prompt_args=()
  for p in "${prompts[@]}"; do
    prompt_args+=(--prompt "$p")
    for s in "${seeds[@]}"; do
      f="$scratch/${p// /-}-$gen-$s.png"
      echo "+ $gen \"$p\" seed $s" >&2
      guided_image "$gen" "$p" "$s" "$f" "$steps"
      files+=("$f")
    done
  done
  "${cli[@]}" judge "${prompt_args[@]}" "${files[@]}" --grid "$out/$gen.png" --columns "seed 1,seed 2,seed 3" |
    sed "s|$scratch/||; s/^/$gen: /" | tee -a "$out/verdicts.txt"
done
