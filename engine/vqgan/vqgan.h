// A VQGAN loaded from a taming checkpoint (.ckpt, Lightning or plain state dict; safetensors),
// with its .yaml when given: reconstruction (encode, quantise, decode) and decoding of random
// codes. Plain C++: no torch types cross this header.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/image.h"
#include "runtime/model_cache.h"

namespace atelier::vqgan {

struct VqganModelImpl;

struct VqganInfo {
  std::string path, config, architecture;
  int64_t factor = 0, n_embed = 0, embed_dim = 0;
};

class Vqgan {
 public:
  // yaml: taming's configuration file (model.params.ddconfig, embed_dim, n_embed); without it
  // the configuration is read from the tensors' shapes.
  static Vqgan load(const std::filesystem::path& checkpoint, const std::filesystem::path& yaml = {});
  // The checkpoint when one is given, else the installed VQGAN (find_vqgan(), with its yaml);
  // NotFound saying where one goes when there is none.
  static Vqgan load_or_find(const std::filesystem::path& checkpoint, const std::filesystem::path& yaml = {});
  // Random weights of a released configuration ("f16-16384", "f16-1024"): for benchmarks.
  static Vqgan random(const std::string& config, uint64_t seed = 0);
  Vqgan(Vqgan&&) noexcept;
  Vqgan& operator=(Vqgan&&) noexcept;
  ~Vqgan();
  const VqganInfo& info() const;
  // The largest image area (pixels) this model encodes or decodes within its memory budget: its
  // self-attention is quadratic in the positions of the finest level that has it (taming's f16
  // models attend only at 1/16: 512 x 512 is 1,024 positions; a model attending at 1/2 would
  // need 17 GB for one 512 x 512 image), so positions there are at most kMaxAttentionPositions.
  int64_t max_pixels() const;
  // Error(InvalidArgument) naming the size and the limit when width x height is over max_pixels().
  void check_size(int64_t width, int64_t height, const std::string& what) const;
  size_t bytes() const;  // parameters and buffers in memory
  // The image at its size rounded down to the model's factor (at least one latent cell), encoded,
  // quantised and decoded: what the model can represent of it.
  Image reconstruct(const Image& image) const;
  // Codes drawn uniformly from the seed, decoded at width x height (multiples of the factor).
  Image decode_random(uint64_t seed, int width, int height) const;
  VqganModelImpl& model() const;  // for the engine's own code

 private:
  struct Impl;
  explicit Vqgan(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace atelier::vqgan

namespace atelier::vqgan {

// The decoder's speed at a size: forward, and forward + backward to the latent (what guidance
// does each step), milliseconds per image, on random weights of a configuration
// ("f16-16384", "f16-1024") or a loaded model.
struct VqganBench {
  std::string model;
  int size = 0, threads = 0;
  bool channels_last = false;
  double decode_ms = 0, decode_backward_ms = 0;
};
// Decoding timed on `device` ("cpu" or "cuda:N"), the model and the latent put there first.
VqganBench bench_vqgan(const std::string& config_or_path, int size, int repeats, bool channels_last = false,
                       const std::string& device = "cpu");

// The first VQGAN in the model search paths: a .ckpt or .safetensors whose name contains "vqgan"
// (taming's releases are vqgan_imagenet_f16_*.ckpt), with its .yaml beside it when there is one
// (same stem, or model.yaml / config.yaml in a model folder). Empty paths when there is none.
std::pair<std::filesystem::path, std::filesystem::path> find_vqgan();
// The .yaml that goes with a checkpoint: the same stem, or model.yaml / config.yaml beside it (the
// first that is a regular file); empty when there is none.
std::filesystem::path yaml_beside(const std::filesystem::path& checkpoint);
// Every such VQGAN, in the search order (the first is find_vqgan()'s): the GUI tries them in turn.
// Then taming-transformers' own layout in each search folder (RUN/ or logs/RUN/):
// RUN/checkpoints/last.ckpt with the first RUN/configs/*.yaml whose target is a taming VQGAN.
std::vector<std::pair<std::filesystem::path, std::filesystem::path>> find_vqgans();
// The VQGAN from a worker's model cache (Vqgan::load_or_find's rules), loaded once per file.
std::shared_ptr<Vqgan> shared_vqgan(ModelCache& cache, const std::filesystem::path& checkpoint = {},
                                    const std::filesystem::path& yaml = {});

}  // namespace atelier::vqgan
