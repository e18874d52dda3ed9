// What the engine's own code (guidance, training, benchmarks) sees of a Clip: the LibTorch module.
#pragma once
#include <optional>
#include <unordered_map>

#include "clip/clip.h"
#include "clip/detail/model.h"

namespace atelier::clip {

struct Clip::Impl {
  ClipModel model{nullptr};
  ClipInfo info;
  std::optional<Tokenizer> tokenizer;
  at::Device device{at::kCPU};
  at::ScalarType dtype = at::kFloat;
  std::unordered_map<uint64_t, Embedding> image_cache;  // by content hash of the decoded image
  size_t cache_hits = 0;

  at::Tensor encode_text(const at::Tensor& tokens);    // in the model's dtype, returns float32
  at::Tensor encode_image(const at::Tensor& pixels);   // [N, 3, R, R] normalised
};

// Hugging Face transformers' CLIPModel names -> OpenAI's (q, k, v joined, projections transposed).
// Keys are split on '.' (layer indices of at most limits::kMaxIndexDigits digits, keys of at most
// kMaxKeyLength characters, at most kMaxLayers layers a tower); every tensor used must have the
// number of dimensions its role needs and q, k, v must agree, else Error(BadFile) naming source
// and the key.
std::map<std::string, at::Tensor> from_hf_keys(const std::map<std::string, at::Tensor>& hf,
                                               const std::string& source = "the Hugging Face checkpoint");
bool has_hf_keys(const std::map<std::string, at::Tensor>& sd);

}  // namespace atelier::clip
