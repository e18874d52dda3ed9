// BigGAN-deep, the large pretrained class-conditional GAN (huggingface/pytorch-pretrained-BigGAN's
// published biggan-deep-128/256/512: a folder of config.json and pytorch_model.bin in torch.save's
// legacy format): latents from BigGAN's truncated normal, images of an ImageNet class (or any
// mixture of classes) at a truncation. Plain C++: no torch types cross this header.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gan/gan.h"
#include "io/image.h"
#include "runtime/model_cache.h"

namespace atelier::gan {

class BigGanNet;

using ClassVector = std::vector<float>;  // num_classes weights: one-hot, or a mixture

struct BigGanInfo {
  std::string name;          // the model's folder name ("biggan-deep-128"), or NAME of NAME-pytorch_model.bin
  std::string path;          // the weights file
  std::string architecture;  // one line
  int64_t resolution = 0, z_dim = 0, num_classes = 0;
};

class BigGan {
 public:
  // A folder holding config.json and pytorch_model.bin, or the weights file (config.json beside
  // it; for NAME-pytorch_model.bin, as the reference's URLs name them, NAME-config.json too). Error(NotFound) when either is missing,
  // Error(BadFile) naming the file and the tensor when the config and the weights disagree.
  static BigGan load(const std::filesystem::path& folder_or_weights);

  BigGan(BigGan&&) noexcept;
  BigGan& operator=(BigGan&&) noexcept;
  ~BigGan();

  const BigGanInfo& info() const;
  size_t bytes() const;  // the weights in memory
  // BigGAN's truncated normal, as the reference's utils.truncated_noise_sample draws it
  // (scipy's truncnorm(-2, 2) times truncation), from this engine's own generator: N(0, 1)
  // components outside [-2, 2] are redrawn, then all are scaled by truncation (0 < t <= 1).
  // The same seed gives the same z on any machine; not scipy's numbers.
  Latent latent(uint64_t seed, double truncation) const;
  ClassVector one_hot(int64_t class_index) const;  // Error(InvalidArgument) outside 0 .. num_classes - 1
  // G(z, class, truncation) as 8-bit RGB; truncation in (0, 1] picks the batch norm statistics.
  Image generate(const Latent& z, int64_t class_index, double truncation) const;
  Image generate(const Latent& z, const ClassVector& class_vector, double truncation) const;
  // Batched: one class vector for all, or one per z.
  std::vector<Image> generate(const std::vector<Latent>& zs, const std::vector<ClassVector>& classes, double truncation) const;

  BigGanNet& net() const;  // for the engine's own code (the guidance loop)

 private:
  struct Impl;
  explicit BigGan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Whether the path is a BigGAN-deep folder: config.json with the reference's keys ("layers",
// "channel_width") and pytorch_model.bin beside it. Its weights file counts too (and a
// NAME-pytorch_model.bin with NAME-config.json, as BigGan::load finds them).
bool is_biggan_folder(const std::filesystem::path& path);
// The model from a worker's model cache, loaded once per folder.
std::shared_ptr<BigGan> shared_biggan(ModelCache& cache, const std::filesystem::path& folder_or_weights);

}  // namespace atelier::gan
