# Shared by tools/judge_guided.sh, tools/make_judged_grid.sh and tools/guided_vs_true.sh (source
# it): their arguments and the issue's acceptance commands for one guided image.

# guided_args [--clip MODEL] [CLI]: sets clip (the --clip option, or nothing) and cli (the
# command, default the dev build's clip-atelier-cli).
guided_args() {
  clip=()
  if [[ ${1:-} == --clip ]]; then clip=(--clip "$2"); shift 2; fi
  read -r -a cli <<<"${1:-$(dirname "${BASH_SOURCE[0]}")/../build/dev/cli/clip-atelier-cli}"
}

# guided_image vqgan|draw PROMPT SEED OUT.png [STEPS]: CLIP + VQGAN at 128x128, or CLIPDraw at
# its defaults (the SVG beside the PNG), CLI defaults otherwise.
guided_image() {
  local gen=$1 prompt=$2 seed=$3 out=$4 steps=${5:-200}
  if [[ $gen == vqgan ]]; then
    "${cli[@]}" generate "${clip[@]}" --prompt "$prompt" --size 128x128 --steps "$steps" --seed "$seed" --out "$out" >/dev/null 2>&1
  else
    "${cli[@]}" draw "${clip[@]}" --prompt "$prompt" --steps "$steps" --seed "$seed" --out "${out%.png}.svg" --png "$out" >/dev/null 2>&1
  fi
}
