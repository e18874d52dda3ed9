// OpenAI's CLIP in LibTorch, as clip/model.py builds it: the vision transformer, the text
// transformer, the projections and the logit scale. Module and parameter names equal the
// checkpoint keys (visual.conv1.weight, transformer.resblocks.0.attn.in_proj_weight, ...), so
// loading is a lookup by key. Private to the engine: it carries torch types.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace atelier::clip {

// Every parameter a configuration implies, by name, with its shape: what ClipModelImpl registers,
// in its order, computed without allocating a tensor.
using ShapeList = std::vector<std::pair<std::string, std::vector<int64_t>>>;

// Hyper-parameters, read off the weights' shapes as the reference's build_model does.
struct ClipConfig {
  int64_t embed_dim = 512;
  int64_t image_resolution = 224;
  int64_t vision_layers = 12;
  int64_t vision_width = 768;
  int64_t vision_patch_size = 32;
  int64_t context_length = 77;
  int64_t vocab_size = 49408;
  int64_t transformer_width = 512;
  int64_t transformer_heads = 8;
  int64_t transformer_layers = 12;
  int64_t vision_heads() const { return vision_width / 64; }

  static ClipConfig vit_b_32();
  static ClipConfig vit_b_16();
  static ClipConfig vit_l_14();
  // From an OpenAI-named state dict, before anything is allocated: the configuration its shapes
  // imply is read (keys split on '.', block indices of at most limits::kMaxIndexDigits digits),
  // checked against the stated limits (validate), and every parameter it implies is compared
  // with the state dict's tensor of that name. Throws Error(BadFile) naming source, the key, its
  // shape and the expected shape or the limit; Unsupported for the ResNet tower.
  static ClipConfig from_state_dict(const std::map<std::string, at::Tensor>& sd, const std::string& source = "the checkpoint");
  // Positive sizes within runtime/limits.h (widths, layers, context >= 2, patch >= 1, input
  // resolution, vocabulary, parameter count); throws Error(BadFile) naming source, the field,
  // the value and the limit (Unsupported for widths that don't split into heads of 64).
  void validate(const std::string& source) const;
  ShapeList parameter_shapes() const;  // valid only for a validated configuration
  int64_t parameter_count() const;
  std::string describe() const;
};

// The first parameter of the configuration that sd lacks or holds with another shape, as an
// Error(BadFile) naming source, the key, its shape and the expected one; nothing when all match.
void check_shapes(const ClipConfig& config, const std::map<std::string, at::Tensor>& sd, const std::string& source);

// nn.MultiheadAttention's parameters (in_proj_weight, in_proj_bias, out_proj), self-attention only.
struct AttentionImpl : torch::nn::Module {
  AttentionImpl(int64_t width, int64_t heads);
  at::Tensor forward(const at::Tensor& x, const at::Tensor& mask);  // x: [N, L, D]
  int64_t heads;
  at::Tensor in_proj_weight, in_proj_bias;
  torch::nn::Linear out_proj{nullptr};
};
TORCH_MODULE(Attention);

struct MlpImpl : torch::nn::Module {
  explicit MlpImpl(int64_t width);
  at::Tensor forward(const at::Tensor& x);
  torch::nn::Linear c_fc{nullptr}, c_proj{nullptr};
};
TORCH_MODULE(Mlp);

struct ResidualAttentionBlockImpl : torch::nn::Module {
  ResidualAttentionBlockImpl(int64_t width, int64_t heads);
  at::Tensor forward(const at::Tensor& x, const at::Tensor& mask);
  Attention attn{nullptr};
  torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
  Mlp mlp{nullptr};
};
TORCH_MODULE(ResidualAttentionBlock);

struct TransformerImpl : torch::nn::Module {
  TransformerImpl(int64_t width, int64_t layers, int64_t heads);
  at::Tensor forward(at::Tensor x, const at::Tensor& mask = {});
  torch::nn::ModuleList resblocks{nullptr};
};
TORCH_MODULE(Transformer);

struct VisionTransformerImpl : torch::nn::Module {
  explicit VisionTransformerImpl(const ClipConfig& c);
  at::Tensor forward(const at::Tensor& image);  // [N, 3, R, R] normalised -> [N, embed_dim]
  torch::nn::Conv2d conv1{nullptr};
  at::Tensor class_embedding, positional_embedding, proj;
  torch::nn::LayerNorm ln_pre{nullptr}, ln_post{nullptr};
  Transformer transformer{nullptr};
};
TORCH_MODULE(VisionTransformer);

struct ClipModelImpl : torch::nn::Module {
  explicit ClipModelImpl(const ClipConfig& c);
  at::Tensor encode_image(const at::Tensor& image);  // raw (unnormalised) features
  at::Tensor encode_text(const at::Tensor& tokens);  // [N, context] int64 -> [N, embed_dim]
  ClipConfig config;
  VisionTransformer visual{nullptr};
  Transformer transformer{nullptr};
  torch::nn::Embedding token_embedding{nullptr};
  at::Tensor positional_embedding, text_projection, logit_scale;
  torch::nn::LayerNorm ln_final{nullptr};
  at::Tensor causal_mask;  // a buffer, not in checkpoints
  // The reference's initialize_parameters (for training from scratch), applied to both towers.
  void initialize_parameters();
};
TORCH_MODULE(ClipModel);

// Copies an OpenAI-named state dict into the model, checking every key and shape; fp16 and
// bf16 weights become float32. source names the file in messages.
void load_weights(ClipModelImpl& model, const std::map<std::string, at::Tensor>& sd, const std::string& source);

// A checkpoint of `train clip` (the model under "model.", the optimiser under "adam."): its
// model's entries under OpenAI's names. Any other state dict comes back as it is.
std::map<std::string, at::Tensor> model_of_training_checkpoint(std::map<std::string, at::Tensor> sd);

}  // namespace atelier::clip
