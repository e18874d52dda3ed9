#include "gan/detail/dcgan.h"

#include <torch/nn/init.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include <ATen/CPUGeneratorImpl.h>

#include <regex>

#include "runtime/error.h"

namespace nn = torch::nn;

namespace atelier::gan {

int DcganConfig::levels() const {
  int l = 0;
  for (int64_t s = size; s > 4; s /= 2) ++l;
  return l;
}

void DcganConfig::validate() const {
  if (size < 8 || size > 1024 || (size & (size - 1)) != 0)
    throw Error(ErrorKind::InvalidArgument, "a DCGAN's image size must be a power of two from 8 to 1024, not " + std::to_string(size));
  if (channels != 1 && channels != 3) throw Error(ErrorKind::InvalidArgument, "a DCGAN makes grey (1) or RGB (3) images");
  if (z_dim < 1 || width < 1) throw Error(ErrorKind::InvalidArgument, "z dimension and width must be positive");
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
    bn->options.momentum(c10::nullopt);  // a cumulative average
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
  // The transposed convolutions' weights, [in, out, 4, 4], in layer order.
  static const std::regex key(R"(net\.(\d+)\.weight)");
  std::map<int, at::Tensor> convs;
  for (auto& [k, v] : sd) {
    std::smatch m;
    if (std::regex_match(k, m, key) && v.dim() == 4) convs[std::stoi(m[1])] = v;
  }
  if (convs.size() < 2) throw Error(ErrorKind::BadFile, where + " is not a DCGAN generator (no net.N.weight convolutions)");
  DcganConfig c;
  const at::Tensor& first = convs.begin()->second;
  const at::Tensor& last = convs.rbegin()->second;
  c.z_dim = first.size(0);
  c.channels = last.size(1);
  c.width = last.size(0);
  c.size = int64_t(4) << (convs.size() - 1);
  if (first.size(2) != 4 || first.size(1) != c.width << (convs.size() - 2))
    throw Error(ErrorKind::BadFile, where + ": the layer widths are not a DCGAN generator's");
  c.validate();
  return c;
}

at::Tensor DcganNet::generate(const at::Tensor& z) {
  at::Tensor x = (g_->forward(z) + 1.0) * 0.5;
  return x.size(1) == 1 ? x.expand({x.size(0), 3, x.size(2), x.size(3)}) : x;
}

}  // namespace atelier::gan
