#!/bin/sh
# The README's art-tool examples (issue 21), made by the commands the README shows, on the shipped
# mini models: docs/art/*. Run from the repository root after a build:
#   tools/make_art_examples.sh [path/to/clip-atelier-cli]
# Each picture is what that command wrote (the mini-CLIP guides them: see the README's note on
# what the embedded models can and cannot draw).
set -eu
CLI=${1:-build/dev/cli/clip-atelier-cli}
OUT=docs/art
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
mkdir -p "$OUT"
run() { echo "+ clip-atelier-cli $*" >&2; "$CLI" "$@" 2>/dev/null; }

# Prompt schedule: a red circle that becomes a blue square.
run generate --schedule "0: a red circle; 60: a blue square" --steps 120 \
    --save-every 4 --video "$OUT/schedule.gif" --video-size 128x128 --hold 1 --out "$OUT/schedule.png"
# Constraints: mirror symmetry and smoothness; a seamless tile in three colours.
run generate --prompt "a red flower" --symmetry 10 --smooth 2 --steps 120 --out "$OUT/symmetry.png"
run generate --prompt "a stone wall" --tile --palette "#303030,#808080,#c0a080" --steps 120 --out "$OUT/tile.png"
# A batch: two seeds x three learning rates, as a labelled grid.
run generate --prompt "a red apple" --seeds 1-2 --sweep lr=0.05,0.1,0.2 --steps 60 --size 64x64 \
    --out "$SCRATCH/apple.png" --grid "$OUT/grid.png"
# The drawers: pixel art in a palette, and an FFT image.
run generate --generator pixel --pixels 32x32 --pixel-palette "#000000,#ffffff,#e04040,#4060e0,#f0d040" \
    --prompt "a red circle" --steps 120 --out "$OUT/pixel.png"
run generate --generator fft --prompt "a rocket" --steps 120 --out "$OUT/fft.png"
# Motion: a zoom with a slow turn, 40 frames, smoothed.
run generate --prompt "a forest" --zoom 1.04 --rotate 1 --frames 40 --save-every 4 --smoothing 0.5 \
    --video "$OUT/zoom.gif" --video-size 128x128 --hold 1 --out "$SCRATCH/zoom.png"
# A higher-resolution pass: 64 px, then 40 steps at 128 px from its latent.
run generate --prompt "a red circle" --size 64x64 --steps 80 --hires 40 --out "$OUT/hires.png"
# CLIPDraw's line sketch: black strokes of one width.
echo "+ clip-atelier-cli draw --sketch ..." >&2
"$CLI" draw --sketch --sketch-width 2 --prompt "a cat" --paths 48 --size 128 --steps 200 --out "$SCRATCH/sketch.svg" \
    --png "$OUT/sketch.png" 2>/dev/null
ls -l "$OUT"
