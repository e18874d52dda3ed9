// The guidance loop (CLIP + a generator): a latent optimised so that CLIP finds the generated
// image close to the prompts, as the VQGAN-CLIP notebooks do: cutouts of the image, switchable
// augmentations, a spherical distance per prompt (weighted; negative weights push away; a stop
// value ends a prompt's pull), and the optimisers people use. This version steers a GAN's z
// (the article's "CLIP + GAN"); the VQGAN latent joins it with the VQGAN engine.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier {
class JobContext;
namespace clip { class Clip; }
namespace gan { class Gan; }
namespace vqgan { class Vqgan; }
}  // namespace atelier

namespace atelier::guide {

struct GuideOptions {
  std::string prompts = "a red circle";     // "text:weight:stop | ..."
  std::vector<std::string> image_prompts;   // image files whose CLIP embeddings are targets too (weight 1)
  int steps = 150;
  int cutn = 16;
  double cut_pow = 1.0;
  double lr = 0.05;
  std::string optimiser = "adam";           // adam, adamw, adagrad, rmsprop
  uint64_t seed = 0;
  bool flips = true, affine = true, noise = true;  // augmentations of the cutouts
  double latent_bound = 3.0;                // GAN: |z| components clamped to this (stays where G was trained)
  int frame_every = 5;
  // CLIP's image encoder in bfloat16 autocast on CPUs with bf16 instructions (about 3x faster
  // there; float32 elsewhere, and on CUDA for now).
  bool bf16 = true;
  // Restart: the latent of an earlier frame (Frame::state), continued from exactly there. Its
  // size must be the generator's (GAN: z_dim; VQGAN: embed_dim x height/f x width/f).
  std::vector<float> start_latent;
  // VQGAN: the image size (multiples of the model's factor), an init image and its weight.
  int width = 128, height = 128;
  std::string init_image;
  double init_weight = 0.0;                 // pulls the latent towards the init image's (MSE)
};

struct GuideResult {
  Image image;
  std::vector<float> latent;
  int64_t steps = 0;
  double loss = 0;
  std::vector<double> similarity;  // per prompt: mean cosine over the cutouts, last step
  bool stopped = false;
};

// Parameter changes read each step: param::prompts (string), param::lr (double). Frames carry the latent
// they were rendered from in Frame::state.
GuideResult run_gan_guidance(const clip::Clip& clip, const gan::Gan& generator, const GuideOptions& options, JobContext* ctx);
// CLIP + VQGAN: the latent is VQGAN's grid before quantisation, started from random codes or the
// encoded init image, quantised straight-through each step and clamped to the codebook's range.
GuideResult run_vqgan_guidance(const clip::Clip& clip, const vqgan::Vqgan& model, const GuideOptions& options, JobContext* ctx);

}  // namespace atelier::guide
