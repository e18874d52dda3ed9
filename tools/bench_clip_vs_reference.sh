#!/usr/bin/env bash
# The engine's CLIP encoders against OpenAI's reference on this machine, in one run: both on
# random ViT-B/32 weights, the same batch, the same thread count, alternated twice so that
# neither gets a quieter machine. Usage: tools/bench_clip_vs_reference.sh REFERENCE_DIR [threads] [batch]
set -euo pipefail
ref=${1:?give the folder holding the reference clip/model.py}
threads=${2:-$(nproc)}
batch=${3:-32}
cli=${CLI:-build/dev/app/cli/clip-atelier-cli}
for round in 1 2; do
  /usr/bin/python3 tools/bench_clip_reference.py --reference "$ref" --threads "$threads" --batch "$batch"
  "$cli" --threads "$threads" bench clip --config vit-b-32 --batch "$batch"
  "$cli" --threads "$threads" bench clip --config vit-b-32 --batch "$batch" --precision bf16
done
