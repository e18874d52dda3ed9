// Trains a small taming-style VQGAN (the same Encoder, Decoder and VectorQuantizer that load the
// official checkpoints) on the project's renders: an L1 reconstruction loss, a perceptual term
// from the mini-CLIP's vision transformer (its patch tokens after each block, compared as LPIPS
// compares VGG activations: unit-normalised per token, squared distance; no download), the
// codebook and commitment losses (beta 0.25), and after a warm-up a patch discriminator with
// the hinge loss, weighted adaptively against the reconstruction as taming does. Codes unused
// for a window of steps are re-initialised from the batch's encoder outputs. Checkpoints,
// sample grids and metrics as it goes; resumable, deterministic given the seed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier::vqgan {
class Vqgan;
}

namespace atelier::train {

struct VqganTrainOptions {
  std::filesystem::path out;         // checkpoint.safetensors, metrics.csv, samples/, model.safetensors
  std::string data = "emoji,shapes"; // comma-separated: emoji, shapes, clipart (openclipart, training drawings), fashion
  int64_t steps = 20000;
  int64_t batch = 16;
  int64_t size = 64;
  double lr = 2e-4;                  // Adam, betas (0.5, 0.9) as taming
  // Architecture (taming's ddconfig names).
  int64_t ch = 32, num_res_blocks = 1, z_channels = 64, embed_dim = 64, n_embed = 512;
  std::vector<int64_t> ch_mult{1, 2, 2, 4};  // 3 down-samplings: factor 8
  // Loss weights.
  double beta = 0.25;                // commitment
  double perceptual_weight = 1.0;    // 0: none
  double disc_weight = 0.5;          // times the adaptive weight
  int64_t disc_start = 3000;         // steps of reconstruction only before the discriminator joins
  int64_t reinit_every = 200;        // window after which unused codes are re-initialised (0: never)
  std::filesystem::path clip;        // for the perceptual term; empty: the default model
  std::filesystem::path clipart_dir; // where clip art's collection is (png/ and svg/); empty: /usr/share/openclipart
  int64_t checkpoint_every = 250;
  int64_t sample_every = 500;
  uint64_t seed = 1;
  bool resume = false;
  // Fine-tuning: start from a trained VQGAN (its model.safetensors or .ckpt, its yaml beside it or
  // in its folder; or the folder). Its architecture replaces ch ... n_embed above, its codebook is
  // kept (no re-initialisation at the start); the discriminator starts afresh.
  std::filesystem::path init;
  std::string device = "cpu";
};

struct VqganTrainProgress {
  int64_t step = 0, steps = 0;
  double l1 = 0, perceptual = 0, codebook = 0, g_adv = 0, d_loss = 0, d_weight = 0;
  double usage = 0;         // fraction of the codebook used in the current window
  int64_t reinitialised = 0;  // codes re-initialised at this step
  double seconds = 0;
};

void train_vqgan(const VqganTrainOptions& options, const std::function<void(const VqganTrainProgress&)>& progress,
                 const std::function<bool()>& stop = {});

// Held-out renders (seeds training never uses) of the data at the given size.
// Clip art's are the held-out drawings only (clipart_dir: the collection; empty: /usr/share/openclipart).
std::vector<Image> vqgan_holdout(const std::string& data, int n, int size, uint64_t seed, const std::filesystem::path& clipart_dir = {});

struct VqganQuality {
  int images = 0, size = 0;
  double psnr = 0;          // dB, over all pixels of all images (peak 255)
  double psnr_min = 0;      // the worst image's
  int codes_used = 0, codes = 0;
  double perplexity = 0;    // exp(entropy) of the code histogram
};
VqganQuality eval_vqgan(const vqgan::Vqgan& model, const std::string& data, int n, int size, uint64_t seed = 777,
                        const std::filesystem::path& clipart_dir = {});

}  // namespace atelier::train
