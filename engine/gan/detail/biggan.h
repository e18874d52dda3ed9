// BigGAN-deep (Brock et al. 2019) as huggingface/pytorch-pretrained-BigGAN computes it in eval
// mode, from its published files (config.json, pytorch_model.bin): the class embedding (a linear
// map of a one-hot or soft class vector), z and the embedding concatenated into the condition,
// a spectral-normalised linear layer to 4x4, residual blocks of conditional batch norm with 51
// stored statistics per truncation, one self-attention block, and a final batch norm, ReLU and
// 3x3 convolution to RGB through tanh. Spectral norm is applied as PyTorch's does in eval mode:
// weight_orig / (u . W v) from the stored u and v, once at load. Plain at:: ops, no modules: the
// generator is only evaluated (and differentiated in z and the class vector), never trained.
#pragma once
#include <ATen/ATen.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gan/detail/generator.h"
#include "io/detail/checkpoint.h"

namespace atelier::gan {

struct BigGanLayer {
  bool up = false;          // nearest-neighbour upsampling by 2 inside the block
  int64_t in = 0, out = 0;  // channels as multiples of channel_width
};

// The reference's BigGANConfig: a key missing from config.json keeps its default (the 128 px model's).
struct BigGanConfig {
  int64_t output_dim = 128, z_dim = 128, class_embed_dim = 128, channel_width = 128, num_classes = 1000;
  std::vector<BigGanLayer> layers = {{false, 16, 16}, {true, 16, 16}, {false, 16, 16}, {true, 16, 8}, {false, 8, 8},
                                     {true, 8, 4},    {false, 4, 4},  {true, 4, 2},    {false, 2, 2}, {true, 2, 1}};
  int64_t attention_layer_position = 8;  // the self-attention comes before this block (none when out of range)
  double eps = 1e-4;                     // batch norm's (the spectral norm's is only used in training)
  int64_t n_stats = 51;                  // statistics per batch norm, for truncations 0, 1/(n-1), ..., 1

  // config.json (at most limits::kMaxConfigBytes, nesting at most kMaxConfigDepth): Error(NotFound)
  // when missing, Error(BadFile) naming the file and the key when malformed or invalid.
  static BigGanConfig read(const std::filesystem::path& file);
  static BigGanConfig parse(const std::string& json_text, const std::string& where);
  // Error(BadFile) naming where: sizes outside the stated limits, a chain of blocks the reference
  // could not run (widths that don't follow, a channel drop other than halving, a last width
  // other than channel_width, an attention of fewer than 8 channels), output_dim not the size
  // the blocks make.
  void validate(const std::string& where) const;
  int64_t resolution() const;  // 4 x 2^(upsampling blocks)
  bool has_attention() const { return attention_layer_position >= 0 && attention_layer_position < int64_t(layers.size()); }
  // Every tensor the generator needs, by its name in the published state dict, with its shape
  // (spectral norm's weight_v included); computed without allocating. Only when valid.
  std::vector<std::pair<std::string, std::vector<int64_t>>> shapes() const;
  std::string describe() const;
};

class BigGanNet : public GeneratorNet {
 public:
  // Checks every tensor's presence and shape against the config before anything is allocated
  // (Error(BadFile) naming where, the tensor and both shapes), then keeps the spectral-normalised
  // weights (float32, CPU). A spectral-norm layer without weight_v but with the normalised
  // weight (a state dict older than PyTorch 1.0) gets sigma = mean(weight_orig / weight), as the
  // reference's loading computes it.
  BigGanNet(const BigGanConfig& config, const io::StateDict& sd, const std::string& where);

  int64_t z_dim() const override { return config_.z_dim; }
  int64_t image_size() const override { return config_.resolution(); }
  int64_t channels() const override { return 3; }
  int64_t num_classes() const { return config_.num_classes; }
  const BigGanConfig& config() const { return config_; }
  // z [B, z_dim] -> [B, 3, S, S] in [0, 1], with the current class vector and truncation.
  at::Tensor generate(const at::Tensor& z) override;
  // z [B, z_dim], class_vector [B, num_classes] (one-hot, or any weights, e.g. a softmax),
  // truncation in (0, 1] -> [B, 3, S, S] in [0, 1]: (x + 1) / 2 of the reference's output.
  // Differentiable in z and the class vector. Error(InvalidArgument) on other shapes or truncations.
  at::Tensor generate(const at::Tensor& z, const at::Tensor& class_vector, double truncation);
  // The reference's output itself, in [-1, 1].
  at::Tensor forward(const at::Tensor& z, const at::Tensor& class_vector, double truncation);
  // What generate(z) uses: a class vector [num_classes] or [1, num_classes] (broadcast over the
  // batch; a tensor that requires grad keeps its graph) and a truncation. Class 0, 0.4 at first.
  void set_class(const at::Tensor& class_vector);
  void set_truncation(double truncation);
  const at::Tensor& class_vector() const { return class_; }
  double truncation() const { return truncation_; }
  at::Tensor one_hot(int64_t index) const;  // [1, num_classes]; Error(InvalidArgument) out of range
  std::string describe() const override { return config_.describe(); }
  void freeze() override {}  // the weights are plain tensors that never require gradients
  size_t bytes() const;

 private:
  struct CondNorm {
    at::Tensor means, vars;    // [n_stats, C]
    at::Tensor scale, offset;  // spectral-normalised [C, 2 z_dim]: gain 1 + scale(cond), bias offset(cond)
  };
  struct Block {
    bool up = false, drop = false;  // drop: the shortcut keeps the first half of the channels
    CondNorm norms[4];
    at::Tensor weights[4], biases[4];  // 1x1, 3x3, 3x3, 1x1 convolutions
  };
  struct Attention {
    at::Tensor theta, phi, g, out, gamma;
  };
  std::pair<at::Tensor, at::Tensor> statistics(const at::Tensor& means, const at::Tensor& vars, double truncation) const;
  at::Tensor cond_norm(const at::Tensor& x, const CondNorm& n, const at::Tensor& cond, double truncation) const;
  at::Tensor block(const at::Tensor& x, const Block& b, const at::Tensor& cond, double truncation) const;
  at::Tensor attend(const at::Tensor& x) const;

  BigGanConfig config_;
  at::Tensor embed_;              // [z_dim, num_classes]
  at::Tensor gen_z_w_, gen_z_b_;  // [4 * 4 * 16 * channel_width, 2 z_dim]
  std::vector<Block> blocks_;
  std::optional<Attention> attention_;
  at::Tensor bn_means_, bn_vars_, bn_weight_, bn_bias_;  // the final, unconditional batch norm
  at::Tensor rgb_w_, rgb_b_;
  at::Tensor class_;
  double truncation_ = 0.4;
};

// The weights and config files of a folder or weights file: a folder's pytorch_model.bin and
// config.json; a weights file's config.json beside it, or for NAME-pytorch_model.bin (the
// reference's download names) NAME-config.json when there is no config.json.
std::pair<std::filesystem::path, std::filesystem::path> biggan_files(const std::filesystem::path& given);
// The same, Error(NotFound) naming the missing file.
std::pair<std::filesystem::path, std::filesystem::path> existing_biggan_files(const std::filesystem::path& given);

}  // namespace atelier::gan
