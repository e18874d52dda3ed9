// DCGAN (Radford et al. 2015): a generator of transposed convolutions with batch norm and ReLU, a
// discriminator of strided convolutions with LeakyReLU. Sizes follow the options: the image side
// is 4 * 2^levels, the widths double towards the 4x4 end.
#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>

#include <string>
#include <utility>
#include <vector>

#include "gan/detail/generator.h"
#include "io/detail/checkpoint.h"

namespace atelier::gan {

struct DcganConfig {
  int64_t z_dim = 64;
  int64_t size = 64;      // 16, 32, 64, 128, ...
  int64_t channels = 3;   // 1 or 3
  int64_t width = 32;     // channels of the last hidden layer (ngf / ndf)
  int levels() const;     // upsampling steps after the 4x4 start
  // Throws Error on sizes that are not 8 to 1024 and a power of two, channels other than 1 or 3,
  // a z dimension outside 1 to limits::kMaxWidth, or widths (width x 2^(levels-1) at the 4x4 end)
  // outside 1 to kMaxChannels. InvalidArgument for options; with where (a file), BadFile naming it.
  void validate(const std::string& where = {}) const;
  // The generator's parameters, then its buffers (batch norm's statistics), by name with their
  // shapes, as io::load_module reads them; computed without allocating. Only when valid.
  std::vector<std::pair<std::string, std::vector<int64_t>>> generator_shapes() const;
  std::string describe() const;
};

class DcganGeneratorImpl : public torch::nn::Module {
 public:
  explicit DcganGeneratorImpl(const DcganConfig& config);
  at::Tensor forward(const at::Tensor& z);  // [B, z] -> [B, C, S, S] in [-1, 1]
  void initialize(uint64_t seed);           // N(0, 0.02) convolutions, N(1, 0.02) norms, as the paper
  // Batch norm's running statistics measured afresh over `batches` batches of random z (their
  // plain average, not a moving one), in eval mode after: an averaged (EMA) generator's weights
  // don't match statistics copied from the trained one ("standing statistics", BigGAN).
  void recalibrate(int batches, int64_t batch, uint64_t seed);
  const DcganConfig& config() const { return config_; }
  torch::nn::Sequential net{nullptr};

 private:
  DcganConfig config_;
};
TORCH_MODULE(DcganGenerator);

class DcganDiscriminatorImpl : public torch::nn::Module {
 public:
  explicit DcganDiscriminatorImpl(const DcganConfig& config);
  at::Tensor forward(const at::Tensor& x);  // [B, C, S, S] in [-1, 1] -> logits [B]
  void initialize(uint64_t seed);
  torch::nn::Sequential net{nullptr};
};
TORCH_MODULE(DcganDiscriminator);

// The configuration of a generator's state dict, read from its tensors' shapes (keys net.N.weight
// split on '.', N of at most limits::kMaxIndexDigits digits, keys of at most kMaxKeyLength
// characters), validated, and compared with every parameter and buffer it implies: the first
// missing or misshapen one is an Error(BadFile) naming where and the key. Nothing is allocated.
DcganConfig infer_dcgan_config(const io::StateDict& sd, const std::string& where);

// A DCGAN generator behind the interface, in eval mode (batch norm from running statistics).
class DcganNet : public GeneratorNet {
 public:
  explicit DcganNet(DcganGenerator g) : g_(std::move(g)) { g_->eval(); }
  int64_t z_dim() const override { return g_->config().z_dim; }
  int64_t image_size() const override { return g_->config().size; }
  int64_t channels() const override { return g_->config().channels; }
  at::Tensor generate(const at::Tensor& z) override;
  std::string describe() const override { return g_->config().describe(); }
  void freeze() override {
    for (auto& p : g_->parameters()) p.requires_grad_(false);
  }
  DcganGenerator& module() { return g_; }

 private:
  DcganGenerator g_;
};

}  // namespace atelier::gan
