// Trains a small CLIP with CLIP's contrastive objective on the project's datasets: symmetric
// cross-entropy over the batch's similarity matrix with a learnable temperature, AdamW with
// warm-up and cosine decay, checkpoints every N steps, resumable, deterministic given the seed.
#pragma once
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier::train {

struct ClipTrainOptions {
  std::filesystem::path out;      // checkpoint.safetensors, metrics.csv, vocab.txt.gz, model.safetensors
  int64_t steps = 4000;
  int64_t batch = 256;
  double lr = 1e-3;
  double weight_decay = 0.1;
  int64_t warmup = 200;
  int64_t checkpoint_every = 200;
  uint64_t seed = 1;
  bool resume = false;
  std::string device = "cpu";
  bool bf16 = true;               // autocast matmuls to bfloat16 (CPU with bf16 instructions; float32 on others) / half (CUDA)
  double emoji_fraction = 0.5;    // the rest: clip art and shapes
  // Share of clip art (train/clipart.h: openclipart's training drawings, never a held-out one;
  // needs the Debian packages openclipart-png and openclipart-svg). emoji + clip art at most 1.
  double clipart_fraction = 0.0;
  std::filesystem::path clipart_dir;  // where the collection is (png/ and svg/); empty: /usr/share/openclipart
  // Share of stroke images that are no shape (render_strokes: scribbles, arcs), captioned as such:
  // so that a few red curves are not "a red circle". emoji + clip art + strokes at most 1.
  double strokes_fraction = 0.0;
  // Adversarial training (0: off): each batch's images are first moved by up to this many levels
  // of 255 per pixel in the direction that raises the loss most (one signed-gradient step from a
  // random start, "fast" FGSM), and the model trains on those. A model robust to such steps has
  // gradients that follow what a person sees (edges, form) rather than texture, so that images
  // guided by it (CLIPDraw, CLIP + VQGAN) show more of the prompt's form. About 1.5x a step's time.
  double adversarial = 0.0;
  // Share of the batch in part groups (render_parts: a shape and four pieces of it that are not
  // it, "a red square" beside "a red corner"), after the contrast groups; contrast + parts at most 1.
  double parts = 0.0;
  double contrast = 0.2;          // share of the batch in contrast groups (shapes alike but for position, colour or shape)
  bool variety = true;            // ShapeOptions::variety: sizes, rotations, fills, backgrounds, noise (false: the classic shapes)
  // A trained mini-CLIP (its folder, model.safetensors or a run's checkpoint.safetensors) a new
  // run starts from: its architecture, weights and vocabulary; the optimiser and schedule are new.
  std::filesystem::path init;
  // With init: deepen its towers to this many blocks (train/detail/grow.h: new blocks that start
  // as the identity, so the run begins from exactly what init computed); 0 keeps init's depth.
  int grow_vision_layers = 0, grow_text_layers = 0;
  // Architecture (the engine's CLIP; heads are width / 64 as in the reference).
  int image_size = 64, patch = 8, vision_width = 128, vision_layers = 4;
  int text_width = 128, text_layers = 4, context = 32, embed_dim = 128;
  int merges = 2000;              // of the vocabulary learned at the start of a new run
};

// The recipes the shipped mini-CLIP was made with: from scratch, then a fine-tune of that model.
// A window or a script starts from them; ClipTrainOptions' own defaults are the CLI's.
struct ClipRecipe {
  int64_t steps = 0;
  double lr = 0;       // peak learning rate
  int64_t warmup = 0;  // steps of the full recipe's warm-up

  static ClipRecipe from_scratch() { return {12000, 1e-3, 300}; }
  static ClipRecipe fine_tune() { return {2500, 2e-4, 100}; }
  // The warm-up of a run of run_steps steps: the recipe's, but at most a tenth of the run.
  int64_t warmup_for(int64_t run_steps) const { return std::min(warmup, std::max<int64_t>(1, run_steps / 10)); }
};

struct TrainProgress {
  int64_t step = 0, steps = 0;
  double loss = 0, accuracy = 0, lr = 0, logit_scale = 0, seconds = 0;
  // A window on the objective: the step's first few image-caption pairs (images RGB8) and the
  // softmax of each image over those captions (row-major, images x captions): training makes
  // the diagonal win.
  std::vector<Image> images;
  std::vector<std::string> captions;
  std::vector<float> softmax;
};

// progress is called after every step; stop() is polled every step and ends the run cleanly
// (a checkpoint is written). Writes model.safetensors (fp16, OpenAI key names) + vocab.txt.gz at the end.
void train_clip(const ClipTrainOptions& options, const std::function<void(const TrainProgress&)>& progress,
                const std::function<bool()>& stop = {});

}  // namespace atelier::train
