// Trains a DCGAN with the article's objective: the discriminator maximises
// log D(x) + log(1 - D(G(z))) (one-sided label smoothing on the real side), the generator
// minimises -log D(G(z)) (the non-saturating form). Adam (2e-4, betas 0.5/0.999) as the DCGAN
// paper; an exponential moving average of the generator's weights is what gets shipped; a
// translation applied alike to real and fake images before D (DiffAugment's cheapest policy)
// keeps D from memorising a small dataset. Checkpoints, sample grids and metrics as it goes;
// resumable, deterministic given the seed.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace atelier::train {

struct GanTrainOptions {
  std::filesystem::path out;  // checkpoint.safetensors, metrics.csv, samples/, model.safetensors
  std::string data = "emoji"; // emoji, shapes or fashion
  std::string split = "train"; // Fashion-MNIST's split ("t10k": the held-out one, for evaluation)
  int64_t steps = 5000;
  int64_t batch = 64;
  double lr = 2e-4;
  double ema = 0.999;
  int64_t size = 0;           // 0: the data's own (emoji and shapes 64, fashion 32)
  int64_t z_dim = 64;
  int64_t width = 32;
  bool augment = true;        // random translation of real and fake alike before D
  int64_t checkpoint_every = 250;
  int64_t sample_every = 250;
  uint64_t seed = 1;
  bool resume = false;
  std::string device = "cpu";
};

struct GanTrainProgress {
  int64_t step = 0, steps = 0;
  double loss_d = 0, loss_g = 0, d_real = 0, d_fake = 0, seconds = 0;  // d_*: mean D probabilities
};

// One batch of the training data as the GAN sees it, [-1, 1]: for tests and the quality figure.
// Returns floats [batch, channels, size, size] flattened.
std::vector<float> gan_data_batch(const GanTrainOptions& options, int64_t step, int64_t* channels, int64_t* size);

void train_gan(const GanTrainOptions& options, const std::function<void(const GanTrainProgress&)>& progress,
               const std::function<bool()>& stop = {});

}  // namespace atelier::train
