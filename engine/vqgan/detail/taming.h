// taming-transformers' VQGAN (Esser, Rombach & Ommer 2021) in LibTorch, module for module, so
// that a VQModel's state dict loads under its own key names: encoder.*, decoder.*,
// quantize.embedding.weight, quant_conv.*, post_quant_conv.* (loss.* is the training loss's and
// is skipped). GroupNorm(32, eps 1e-6), swish, 3x3 convolutions, down-sampling by a stride-2
// convolution after (0, 1, 0, 1) padding, nearest up-sampling then a convolution, single-head
// attention at the listed resolutions, and the nearest-code vector quantiser with the
// straight-through gradient.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/normalization.h>

#include <string>
#include <vector>

#include "io/detail/checkpoint.h"
#include "vqgan/detail/config.h"

namespace atelier::vqgan {

struct ResnetBlockImpl : torch::nn::Module {
  ResnetBlockImpl(int64_t in, int64_t out);
  at::Tensor forward(const at::Tensor& x);
  torch::nn::GroupNorm norm1{nullptr}, norm2{nullptr};
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, nin_shortcut{nullptr};
};
TORCH_MODULE(ResnetBlock);

struct AttnBlockImpl : torch::nn::Module {
  explicit AttnBlockImpl(int64_t channels);
  at::Tensor forward(const at::Tensor& x);
  torch::nn::GroupNorm norm{nullptr};
  torch::nn::Conv2d q{nullptr}, k{nullptr}, v{nullptr}, proj_out{nullptr};
};
TORCH_MODULE(AttnBlock);

struct EncoderImpl : torch::nn::Module {
  explicit EncoderImpl(const VqganConfig& c);
  at::Tensor forward(const at::Tensor& x);
  VqganConfig config;
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::ModuleList down{nullptr};
  std::shared_ptr<torch::nn::Module> mid;
  ResnetBlock mid_block_1{nullptr}, mid_block_2{nullptr};
  AttnBlock mid_attn_1{nullptr};
  torch::nn::GroupNorm norm_out{nullptr};
  struct Level {
    std::vector<ResnetBlock> blocks;
    std::vector<AttnBlock> attns;
    torch::nn::Conv2d resample{nullptr};  // downsample.conv / upsample.conv
  };
  std::vector<Level> levels;
};
TORCH_MODULE(Encoder);

struct DecoderImpl : torch::nn::Module {
  explicit DecoderImpl(const VqganConfig& c);
  at::Tensor forward(const at::Tensor& z);
  VqganConfig config;
  torch::nn::Conv2d conv_in{nullptr}, conv_out{nullptr};
  torch::nn::ModuleList up{nullptr};
  std::shared_ptr<torch::nn::Module> mid;
  ResnetBlock mid_block_1{nullptr}, mid_block_2{nullptr};
  AttnBlock mid_attn_1{nullptr};
  torch::nn::GroupNorm norm_out{nullptr};
  std::vector<EncoderImpl::Level> levels;
};
TORCH_MODULE(Decoder);

struct QuantizerImpl : torch::nn::Module {
  QuantizerImpl(int64_t n_embed, int64_t embed_dim);
  // z [B, C, H, W] -> (z_q with the straight-through gradient, indices [B * H * W]).
  std::pair<at::Tensor, at::Tensor> forward(const at::Tensor& z);
  torch::nn::Embedding embedding{nullptr};
};
TORCH_MODULE(Quantizer);

struct VqganModelImpl : torch::nn::Module {
  explicit VqganModelImpl(const VqganConfig& c);
  at::Tensor encode(const at::Tensor& x);                              // image in [-1, 1] -> quant_conv output
  std::pair<at::Tensor, at::Tensor> quantise(const at::Tensor& h);     // (z_q, indices)
  at::Tensor decode(const at::Tensor& zq);                             // -> image, about [-1, 1]
  VqganConfig config;
  Encoder encoder{nullptr};
  Decoder decoder{nullptr};
  Quantizer quantize{nullptr};
  torch::nn::Conv2d quant_conv{nullptr}, post_quant_conv{nullptr};
};
TORCH_MODULE(VqganModel);

// The configuration a VQModel state dict implies (widths, levels, blocks, attention, codes), read
// from the shapes and from the keys split on '.' (indices of at most limits::kMaxIndexDigits
// digits, keys of at most kMaxKeyLength characters) and validated (VqganConfig::validate).
// Nothing is allocated. Error(BadFile) naming where, the key and its shape or the limit.
VqganConfig infer_config(const io::StateDict& sd, const std::string& where);
// Every parameter the configuration implies must be in sd with its shape: the first that is
// missing or misshapen is an Error(BadFile) naming where, the key, its shape and the expected
// shape (and implied_by, the yaml, when the configuration came from one).
void check_shapes(const VqganConfig& config, const io::StateDict& sd, const std::string& where,
                  const std::string& implied_by = {});
// A model with the state dict's weights, built only after infer_config and check_shapes passed;
// loss.* entries are skipped, any other missing or misshapen entry is an Error naming it.
VqganModel load_vqgan(const io::StateDict& sd, const std::string& where);

}  // namespace atelier::vqgan
