// A generator loaded from a checkpoint (the shipped mini-GANs, a user's own): latents drawn from
// a seed with optional truncation, images, grids and spherical interpolations. Plain C++: no
// torch types cross this header.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/image.h"
#include "runtime/model_cache.h"

namespace atelier::gan {

class GeneratorNet;

using Latent = std::vector<float>;

struct GanInfo {
  std::string name;          // the model's folder name (or file stem): "gan-emoji"
  std::string path;          // the weights file
  std::string architecture;  // one line
  std::string dataset;       // from the file's metadata, when recorded
  int64_t z_dim = 0, image_size = 0, channels = 0;
  int64_t steps = 0;         // training steps, when recorded
};

class Gan {
 public:
  // A model.safetensors of a DCGAN generator (from `train gan`), or a folder holding one.
  static Gan load(const std::filesystem::path& file_or_folder);
  // An untrained DCGAN generator (paper's initialisation): the baseline of the quality figure.
  static Gan untrained(int64_t size, int64_t channels, int64_t z_dim, int64_t width, uint64_t seed);

  Gan(Gan&&) noexcept;
  Gan& operator=(Gan&&) noexcept;
  ~Gan();

  const GanInfo& info() const;
  size_t bytes() const;  // parameters and buffers in memory
  // z ~ N(0, I) from the seed; with truncation t > 0, components beyond +-t are redrawn until
  // inside (BigGAN's truncation trick). The same seed and t give the same z on any machine.
  Latent latent(uint64_t seed, double truncation = 0.0) const;
  Image generate(const Latent& z) const;
  std::vector<Image> generate(const std::vector<Latent>& zs) const;  // batched
  // frames images along the great circle from a to b (both ends included).
  std::vector<Image> interpolate(const Latent& a, const Latent& b, int frames) const;

  GeneratorNet& net() const;  // for the engine's own code (the guidance loop)

 private:
  struct Impl;
  explicit Gan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Spherical interpolation (Shoemake): t in [0, 1]; falls back to linear for parallel vectors.
Latent slerp(const Latent& a, const Latent& b, double t);
// Images side by side in rows of `columns`, `pad` pixels apart, on a grey background.
Image make_grid(const std::vector<Image>& images, int columns, int pad = 2);
// The generators in the model search paths: folders or files whose metadata says
// "atelier.kind" = "dcgan-generator".
std::vector<std::filesystem::path> find_gans();
// The generator from a worker's model cache, loaded once per file.
std::shared_ptr<Gan> shared_gan(ModelCache& cache, const std::filesystem::path& file_or_folder);

// Fréchet distance between two sets of feature vectors (rows), as FID does with Inception
// features: |mu_a - mu_b|^2 + Tr(S_a + S_b - 2 (S_a S_b)^1/2).
double frechet_distance(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b);

}  // namespace atelier::gan
