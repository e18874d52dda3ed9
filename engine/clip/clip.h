// A CLIP model, loaded from an official checkpoint (or made with random weights of a known
// configuration for benchmarks), with its tokenizer. Plain C++: no torch types cross this header.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "clip/tokenizer.h"
#include "io/image.h"
#include "runtime/model_cache.h"

namespace atelier::clip {

using Embedding = std::vector<float>;

struct ClipInfo {
  std::string path;          // the checkpoint
  std::string format;        // "torchscript", "state-dict", "lightning", "safetensors (OpenAI keys)", ...
  std::string vocabulary;    // where the tokenizer's vocabulary came from
  std::string architecture;  // a one-line description of the configuration
  int64_t embed_dim = 0;
  int64_t image_size = 0;
  int64_t context_length = 0;
  int64_t vocab_size = 0;
  double logit_scale = 0.0;  // the raw parameter: logits are cosines times exp(logit_scale)
};

enum class Precision { Float32, BFloat16, Half };

class Clip {
 public:
  // checkpoint: an OpenAI TorchScript archive (ViT-B-32.pt), a torch.save state dict, a safetensors
  // file (OpenAI or Hugging Face key names), or a Hugging Face folder. vocabulary: a file or folder;
  // empty to look beside the checkpoint, then in the user's models folder.
  static Clip load(const std::filesystem::path& checkpoint, const std::filesystem::path& vocabulary = {});
  // Random weights for benchmarks: "vit-b-32", "vit-b-16", "vit-l-14". No tokenizer.
  // Random weights of a published shape (vit-b-32, vit-b-16, vit-l-14), for benchmarks; with a
  // vocabulary (OpenAI's bpe_simple_vocab_16e6.txt.gz) it also takes text.
  static Clip random(const std::string& config, uint64_t seed = 0, const std::filesystem::path& vocabulary = {});

  Clip(Clip&&) noexcept;
  Clip& operator=(Clip&&) noexcept;
  ~Clip();

  const ClipInfo& info() const;
  size_t bytes() const;  // parameters and buffers in memory
  bool has_tokenizer() const;
  const Tokenizer& tokenizer() const;  // throws when there is none
  // "cpu" or "cuda:0"; precision applies to the encoders (fast modes: bf16 on CPU, fp16 on CUDA).
  void to(const std::string& device, Precision precision = Precision::Float32);

  // Raw outputs of encode_text / encode_image (not normalised), float32.
  std::vector<Embedding> encode_texts(const std::vector<std::string>& texts, bool truncate = false) const;
  std::vector<Embedding> encode_tokens(const std::vector<std::vector<int64_t>>& tokens) const;
  std::vector<Embedding> encode_images(const std::vector<Image>& images) const;
  // Already preprocessed input: n images of [3, image_size, image_size], normalised.
  std::vector<Embedding> encode_pixels(const std::vector<float>& pixels, int n) const;
  // encode_images keeps each image's embedding under a hash of its pixels: an image seen before
  // is not encoded again (until the device or precision changes).
  size_t cache_hits() const;
  size_t cache_size() const;

  struct Impl;
  Impl& impl() const { return *impl_; }  // the engine's own code reaches the model through this

 private:
  explicit Clip(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Cosine similarities [texts x images] of raw embeddings, and per text the softmax over the
// images of the cosines times exp(logit_scale).
std::vector<std::vector<double>> cosine_matrix(const std::vector<Embedding>& texts, const std::vector<Embedding>& images);
std::vector<std::vector<double>> softmax_rows(const std::vector<std::vector<double>>& cosines, double logit_scale);
// Per image (column), the softmax over the texts (rows) of the cosines times exp(logit_scale).
std::vector<std::vector<double>> softmax_columns(const std::vector<std::vector<double>>& cosines, double logit_scale);

// Zero-shot classification as CLIP's prompt-engineering notebook does it: each label's embedding
// is the mean of its templates' normalised embeddings ("{}" in a template stands for the label);
// per image, the softmax over the labels. [images][labels]. InvalidArgument for no labels, no
// templates, or a template without "{}".
std::vector<std::vector<double>> zero_shot(const Clip& clip, const std::vector<Image>& images,
                                           const std::vector<std::string>& labels,
                                           const std::vector<std::string>& templates);

// The CLIP at checkpoint from a worker's model cache, loaded once per file and device: every tab
// and run that names the same file shares it. Empty: the default CLIP (find_default_clip()), with
// Error(NotFound) saying where checkpoints go when none is installed.
std::shared_ptr<Clip> shared_clip(ModelCache& cache, const std::filesystem::path& checkpoint = {},
                                  const std::string& device = "cpu");
// The path shared_clip would load (the default one for an empty path); NotFound as above.
std::filesystem::path resolve_clip(const std::filesystem::path& checkpoint);

// Where a checkpoint's vocabulary is: beside it, or in the user's models folder. Throws
// Error(NotFound) saying which file to put where when there is none.
std::filesystem::path find_vocabulary(const std::filesystem::path& checkpoint);

}  // namespace atelier::clip
