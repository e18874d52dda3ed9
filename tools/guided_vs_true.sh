#!/usr/bin/env bash
# Does the guiding CLIP prefer the real shape to what guidance makes of it? (issue: embedded
# models that see form.) For each prompt "a {colour} {shape}": the shape drawn plainly by the
# training renderer (`render shape`, the model's own idea of it), a CLIPDraw drawing and a
# CLIP + VQGAN image (200 steps, seed 1, as tools/judge_guided.sh), then the CLIP's cosine of each
# with the prompt, and the geometric judge's verdict on the guided two.
# Where a guided image outscores the plain shape, the optimiser found something the CLIP likes
# better than the thing itself: no setting of the guidance can make the shape win then; the
# model has to change.
#   tools/guided_vs_true.sh OUT_DIR [--clip MODEL] [CLI]
set -euo pipefail
out=${1:?usage: tools/guided_vs_true.sh OUT_DIR [--clip MODEL] [CLI]}
shift
source "$(dirname "$0")/guided_lib.sh"
guided_args "$@"
steps=${STEPS:-200}
seed=${SEED:-1}
mkdir -p "$out"
printf '%-18s %8s %8s %8s  %s\n' prompt plain draw vqgan "judge (draw; vqgan)"
for pair in "red circle" "blue square" "green triangle"; do
  read -r colour shape <<<"$pair"
  p="a $colour $shape"
  slug=${p// /-}
  "${cli[@]}" render shape --shape "$shape" --colour "$colour" --size 224 --out "$out/$slug-plain.png" >/dev/null 2>&1
  guided_image draw "$p" "$seed" "$out/$slug-draw.png" "$steps"
  guided_image vqgan "$p" "$seed" "$out/$slug-vqgan.png" "$steps"
  cos=$("${cli[@]}" embed "${clip[@]}" --text "$p" --image "$out/$slug-plain.png" --image "$out/$slug-draw.png" \
        --image "$out/$slug-vqgan.png" --json | python3 -c 'import json,sys; c=json.load(sys.stdin)["cosine"][0]; print(" ".join("%8.3f" % v for v in c))')
  verdict=$("${cli[@]}" judge --prompt "$p" "$out/$slug-draw.png" "$out/$slug-vqgan.png" | awk -F'\t' 'NF>2 {printf "%s%s", sep, $3; sep="; "}')
  printf '%-18s %s  %s\n' "$p" "$cos" "$verdict"
done
