#include "gan/detail/dcgan.h"

#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include <ATen/CPUGeneratorImpl.h>

#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace nn = torch::nn;

namespace atelier::gan {

int DcganConfig::levels() const {
  int l = 0;
  for (int64_t s = size; s > 4; s /= 2) ++l;
  return l;
}

void DcganConfig::validate(const std::string& where) const {
  const ErrorKind kind = where.empty() ? ErrorKind::InvalidArgument : ErrorKind::BadFile;
  const std::string at = where.empty() ? std::string() : where + ": ";
  if (size < 8 || size > 1024 || (size & (size - 1)) != 0)
    throw Error(kind, at + "a DCGAN's image size must be a power of two from 8 to 1024, not " + std::to_string(size));
  if (channels != 1 && channels != 3)
    throw Error(kind, at + "a DCGAN makes grey (1) or RGB (3) images, not " + std::to_string(channels) + " channels");
  if (z_dim < 1 || z_dim > limits::kMaxWidth)
    throw Error(kind, at + "the z dimension is " + std::to_string(z_dim) + "; it must be from 1 to " + std::to_string(limits::kMaxWidth) +
                          " (the stated limit)");
  const int64_t widest = limits::kMaxChannels >> (levels() - 1);
  if (width < 1 || width > widest)
    throw Error(kind, at + "the width is " + std::to_string(width) + "; it must be from 1 to " + std::to_string(widest) + " for " +
                          std::to_string(size) + " px (the 4x4 layer's " + std::to_string(widest) + " x 2^" + std::to_string(levels() - 1) +
                          " channels may be at most " + std::to_string(limits::kMaxChannels) + ", the stated limit)");
}

std::vector<std::pair<std::string, std::vector<int64_t>>> DcganConfig::generator_shapes() const {
  std::vector<std::pair<std::string, std::vector<int64_t>>> params, buffers;
  auto norm = [&](int index, int64_t c) {
    const std::string p = "net." + std::to_string(index) + ".";
    params.push_back({p + "weight", {c}});
    params.push_back({p + "bias", {c}});
    buffers.push_back({p + "running_mean", {c}});
    buffers.push_back({p + "running_var", {c}});
    buffers.push_back({p + "num_batches_tracked", {}});
  };
  // As DcganGeneratorImpl builds it: (transposed convolution, batch norm, ReLU) per level, then
  // the last transposed convolution and tanh. A transposed convolution's weight is [in, out, 4, 4].
  int64_t ch = width << (levels() - 1);
  params.push_back({"net.0.weight", {z_dim, ch, 4, 4}});
  norm(1, ch);
  for (int i = 1; i < levels(); ++i) {
    params.push_back({"net." + std::to_string(3 * i) + ".weight", {ch, ch / 2, 4, 4}});
    norm(3 * i + 1, ch / 2);
    ch /= 2;
  }
  params.push_back({"net." + std::to_string(3 * levels()) + ".weight", {ch, channels, 4, 4}});
  params.insert(params.end(), buffers.begin(), buffers.end());
  return params;
}

std::string DcganConfig::describe() const {
  return "DCGAN " + std::to_string(size) + "x" + std::to_string(size) + (channels == 1 ? " grey" : " RGB") + ", z " +
         std::to_string(z_dim) + ", width " + std::to_string(width);
}

// Generator: z as a 1x1 map -> 4x4 (width * 2^(levels-1) channels) -> ... -> width -> image.
DcganGeneratorImpl::DcganGeneratorImpl(const DcganConfig& c) : config_(c) {
  c.validate();
  nn::Sequential s;
  int64_t ch = c.width << (c.levels() - 1);
  s->push_back(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(c.z_dim, ch, 4).stride(1).padding(0).bias(false)));
  s->push_back(nn::BatchNorm2d(ch));
  s->push_back(nn::ReLU());
  for (int i = 1; i < c.levels(); ++i) {
    s->push_back(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(ch, ch / 2, 4).stride(2).padding(1).bias(false)));
    s->push_back(nn::BatchNorm2d(ch / 2));
    s->push_back(nn::ReLU());
    ch /= 2;
  }
  s->push_back(nn::ConvTranspose2d(nn::ConvTranspose2dOptions(ch, c.channels, 4).stride(2).padding(1).bias(false)));
  s->push_back(nn::Tanh());
  net = register_module("net", s);
}

at::Tensor DcganGeneratorImpl::forward(const at::Tensor& z) { return net->forward(z.view({z.size(0), z.size(1), 1, 1})); }

namespace {
void init_dcgan(nn::Module& m, uint64_t seed) {
  at::manual_seed(seed);
  at::NoGradGuard no_grad;
  for (auto& item : m.named_parameters()) {
    auto& p = item.value();
    if (p.dim() == 4) p.normal_(0.0, 0.02);
    else if (item.key().find("weight") != std::string::npos) p.normal_(1.0, 0.02);
    else p.zero_();
  }
}
}  // namespace

void DcganGeneratorImpl::initialize(uint64_t seed) { init_dcgan(*this, seed); }

void DcganGeneratorImpl::recalibrate(int batches, int64_t batch, uint64_t seed) {
  at::NoGradGuard no_grad;
  std::vector<nn::BatchNorm2dImpl*> norms;
  for (auto& m : net->children())
    if (auto* bn = dynamic_cast<nn::BatchNorm2dImpl*>(m.get())) norms.push_back(bn);
  for (auto* bn : norms) {
    bn->reset_running_stats();
    bn->options.momentum(torch_compat::nullopt);  // a cumulative average
  }
  train();
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto device = parameters().front().device();
  for (int i = 0; i < batches; ++i) forward(at::randn({batch, config_.z_dim}, gen).to(device));
  for (auto* bn : norms) bn->options.momentum(0.1);
  eval();
}

// Discriminator: image -> width -> ... -> width * 2^(levels-1) at 4x4 -> one logit.
DcganDiscriminatorImpl::DcganDiscriminatorImpl(const DcganConfig& c) {
  c.validate();
  nn::Sequential s;
  int64_t ch = c.width;
  s->push_back(nn::Conv2d(nn::Conv2dOptions(c.channels, ch, 4).stride(2).padding(1).bias(false)));
  s->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
  for (int i = 1; i < c.levels(); ++i) {
    s->push_back(nn::Conv2d(nn::Conv2dOptions(ch, ch * 2, 4).stride(2).padding(1).bias(false)));
    s->push_back(nn::BatchNorm2d(ch * 2));
    s->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
    ch *= 2;
  }
  s->push_back(nn::Conv2d(nn::Conv2dOptions(ch, 1, 4).stride(1).padding(0).bias(false)));
  net = register_module("net", s);
}

at::Tensor DcganDiscriminatorImpl::forward(const at::Tensor& x) { return net->forward(x).view({x.size(0)}); }

void DcganDiscriminatorImpl::initialize(uint64_t seed) { init_dcgan(*this, seed); }

DcganConfig infer_dcgan_config(const io::StateDict& sd, const std::string& where) {
  for (const auto& [k, v] : sd)
    if (k.size() > limits::kMaxKeyLength)
      throw Error(ErrorKind::BadFile, where + ": a key of " + std::to_string(k.size()) + " characters ('" + shown(k) +
                                          "') is longer than the limit of " + std::to_string(limits::kMaxKeyLength));
  // The transposed convolutions' weights, [in, out, 4, 4], in layer order.
  std::map<int64_t, at::Tensor> convs;
  for (auto& [k, v] : sd) {
    const auto parts = split_key(k);  // net, N, weight
    if (parts.size() != 3 || parts[0] != "net" || parts[2] != "weight" || v.dim() != 4) continue;
    const auto index = key_index(parts[1]);
    if (!index)
      throw Error(ErrorKind::BadFile, where + ": the key '" + shown(k, 80) + "' has no layer index (a number of at most " +
                                          std::to_string(limits::kMaxIndexDigits) + " digits)");
    convs[*index] = v;
    if (convs.size() > 9)  // 4 x 2^8 = 1024 px, the largest a DCGAN may be
      throw Error(ErrorKind::BadFile, where + ": more than 9 convolutions (net.N.weight): not a DCGAN generator of at most 1024 px");
  }
  if (convs.size() < 2) throw Error(ErrorKind::BadFile, where + " is not a DCGAN generator (no net.N.weight convolutions)");
  DcganConfig c;
  const at::Tensor& first = convs.begin()->second;
  const at::Tensor& last = convs.rbegin()->second;
  c.z_dim = first.size(0);
  c.channels = last.size(1);
  c.width = last.size(0);
  c.size = int64_t(4) << (convs.size() - 1);
  c.validate(where);
  if (first.size(2) != 4 || first.size(1) != c.width << (convs.size() - 2))
    throw Error(ErrorKind::BadFile, where + ": the layer widths are not a DCGAN generator's");
  for (const auto& [name, shape] : c.generator_shapes()) {
    auto it = sd.find(name);
    if (it == sd.end()) throw Error(ErrorKind::BadFile, where + " has no " + name);
    if (it->second.sizes() != c10::IntArrayRef(shape))
      throw Error(ErrorKind::BadFile, where + ": " + name + " has shape " + c10::str(it->second.sizes()) + ", expected " +
                                          c10::str(c10::IntArrayRef(shape)) + " (" + c.describe() + ")");
  }
  return c;
}

at::Tensor DcganNet::generate(const at::Tensor& z) {
  at::Tensor x = (g_->forward(z) + 1.0) * 0.5;
  return x.size(1) == 1 ? x.expand({x.size(0), 3, x.size(2), x.size(3)}) : x;
}

}  // namespace atelier::gan
