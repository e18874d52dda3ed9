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

// ---- Finding models, naming classes, reading latents (biggan_find.cpp) ----------------------

// The BigGAN-deep models in the model search paths (runtime/model_paths.h), the first of a name
// winning as with every model (a user's copy overrides a shipped one): a folder holding config.json
// and pytorch_model.bin (the folder is returned), or NAME-pytorch_model.bin beside NAME-config.json,
// the reference's download names (the weights file is returned). Sorted by name, each name once;
// unreadable folders and files are skipped, never thrown.
std::vector<std::filesystem::path> find_biggans();
// A model's name, path, architecture, resolution, z size and classes from its config alone (the
// weights are not read, only found): what `gan list` shows. Error(NotFound) or Error(BadFile) as
// BigGan::load says.
BigGanInfo read_biggan_info(const std::filesystem::path& folder_or_weights);

// The 1,000 ImageNet class names in class-index order (0 "tench" .. 999 "toilet tissue"), read once
// from data_dir()/imagenet/classes.txt (torchvision's list, BSD licence). Error(NotFound) naming the
// file when it is missing, Error(BadFile) when it does not hold exactly 1,000 non-empty lines; a
// later call tries again.
const std::vector<std::string>& imagenet_classes();
// An ImageNet class from a number ("207"), a case-insensitive exact name ("golden retriever"), or
// else the one name containing the query ("retriev" is ambiguous, "golden retr" is not).
// Error(InvalidArgument) listing up to 10 candidates when several names or none match, or when a
// number is outside 0 .. 999.
int64_t find_imagenet_class(const std::string& query);
// A class of a model with num_classes classes: a number in 0 .. num_classes - 1, or a name when the
// model has ImageNet's 1,000 (names mean nothing for other class counts, like the tests' tiny
// model's 10). Error(InvalidArgument) saying the range otherwise.
int64_t find_biggan_class(const std::string& query, int64_t num_classes);
// How to show a class: its ImageNet name for a 1,000-class model ("golden retriever"), else (or
// when the names can't be read, or the index is outside the list) "class N". Never throws.
std::string biggan_class_name(int64_t index, int64_t num_classes);

// Latents from a NumPy .npy file (format 1.0, 2.0 or 3.0, read here, nothing run): float32
// ('<f4'), C order, shape [z_dim] (one latent) or [K, z_dim] (K of them, 1 <= K <= 1024), finite.
// Error(BadFile) when it is not a well-formed .npy (magic, version, header, truncated or trailing
// data), Error(InvalidArgument) naming what to change when its dtype, order, shape or values are
// not those.
std::vector<Latent> read_latents_npy(const std::filesystem::path& file, int64_t z_dim);

}  // namespace atelier::gan
