#include "gan/biggan.h"

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <cstring>

#include "gan/detail/biggan.h"
#include "io/detail/checkpoint.h"
#include "io/detail/tensor_image.h"
#include "io/input_file.h"
#include "runtime/error.h"
#include "runtime/limits.h"

namespace fs = std::filesystem;

namespace atelier::gan {

namespace {
const char* const kWeights = "pytorch_model.bin";
const char* const kConfig = "config.json";
constexpr int64_t kBatch = 8;  // images per forward pass (a 512 px batch of 8 stays within a few GB)

}  // namespace

// The weights and the config: a folder's pytorch_model.bin and config.json; a weights file and
// the config.json beside it, or for NAME-pytorch_model.bin (the reference's download names,
// biggan-deep-128-pytorch_model.bin) NAME-config.json when there is no config.json.
std::pair<fs::path, fs::path> biggan_files(const fs::path& given) {
  std::error_code ec;
  if (fs::is_directory(given, ec)) return {given / kWeights, given / kConfig};
  const std::string name = given.filename().string(), suffix = std::string("-") + kWeights;
  fs::path config = given.parent_path() / kConfig;
  if (!fs::exists(config, ec) && name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
    config = given.parent_path() / (name.substr(0, name.size() - suffix.size() + 1) + kConfig);
  return {given, config};
}

std::pair<fs::path, fs::path> existing_biggan_files(const fs::path& given) {
  auto files = biggan_files(given);
  std::error_code ec;
  if (!fs::is_regular_file(files.first, ec))
    throw Error(ErrorKind::NotFound, "no BigGAN weights at " + given.string() + " (expected " + kWeights + ")");
  if (!fs::is_regular_file(files.second, ec))
    throw Error(ErrorKind::NotFound,
                "no " + files.second.filename().string() + " beside " + files.first.string() + " (a BigGAN-deep folder has both)");
  return files;
}


struct BigGan::Impl {
  BigGanInfo info;
  std::unique_ptr<BigGanNet> net;
};

BigGan::BigGan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BigGan::BigGan(BigGan&&) noexcept = default;
BigGan& BigGan::operator=(BigGan&&) noexcept = default;
BigGan::~BigGan() = default;
const BigGanInfo& BigGan::info() const { return impl_->info; }
size_t BigGan::bytes() const { return impl_->net->bytes(); }
BigGanNet& BigGan::net() const { return *impl_->net; }

BigGan BigGan::load(const fs::path& given) {
  const auto [weights, config_file] = existing_biggan_files(given);
  const BigGanConfig config = BigGanConfig::read(config_file);  // validated before the weights are read
  const io::StateDict sd = io::read_state_dict(weights);
  auto impl = std::make_unique<Impl>();
  impl->net = std::make_unique<BigGanNet>(config, sd, weights.string());  // shapes checked first
  impl->info.path = weights.string();
  // The folder's name; NAME of NAME-pytorch_model.bin.
  const std::string file = weights.filename().string(), suffix = std::string("-") + kWeights;
  const bool prefixed = file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0;
  impl->info.name = prefixed ? file.substr(0, file.size() - suffix.size()) : weights.parent_path().filename().string();
  impl->info.architecture = config.describe();
  impl->info.resolution = config.resolution();
  impl->info.z_dim = config.z_dim;
  impl->info.num_classes = config.num_classes;
  return BigGan(std::move(impl));
}

Latent BigGan::latent(uint64_t seed, double truncation) const {
  if (!(truncation > 0 && truncation <= 1))
    throw Error(ErrorKind::InvalidArgument, "the truncation must be above 0 and at most 1, not " + std::to_string(truncation));
  // truncnorm(-2, 2) by rejection: about 4.6% of draws fall outside, so a few rounds suffice.
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const int64_t n = impl_->info.z_dim;
  at::Tensor z = at::randn({n}, gen);
  for (int round = 0; round < 1000; ++round) {
    const at::Tensor outside = z.abs() > 2.0;
    if (!outside.any().item<bool>()) break;
    z = at::where(outside, at::randn({n}, gen), z);
  }
  z = z.clamp(-2.0, 2.0) * truncation;  // the clamp is never reached in practice
  return Latent(z.data_ptr<float>(), z.data_ptr<float>() + n);
}

ClassVector BigGan::one_hot(int64_t class_index) const {
  const at::Tensor v = impl_->net->one_hot(class_index);
  return ClassVector(v.data_ptr<float>(), v.data_ptr<float>() + v.numel());
}

std::vector<Image> BigGan::generate(const std::vector<Latent>& zs, const std::vector<ClassVector>& classes, double truncation) const {
  const int64_t zd = impl_->info.z_dim, nc = impl_->info.num_classes;
  if (classes.size() != 1 && classes.size() != zs.size())
    throw Error(ErrorKind::InvalidArgument, std::to_string(classes.size()) + " class vectors for " + std::to_string(zs.size()) +
                                                " latents: give one for all, or one for each");
  for (const Latent& z : zs)
    if (int64_t(z.size()) != zd)
      throw Error(ErrorKind::InvalidArgument, "z has " + std::to_string(z.size()) + " numbers; this BigGAN takes " + std::to_string(zd));
  for (const ClassVector& c : classes)
    if (int64_t(c.size()) != nc)
      throw Error(ErrorKind::InvalidArgument,
                  "a class vector has " + std::to_string(c.size()) + " weights; this BigGAN has " + std::to_string(nc) + " classes");
  std::vector<Image> out;
  at::NoGradGuard no_grad;
  for (size_t start = 0; start < zs.size(); start += size_t(kBatch)) {
    const size_t n = std::min<size_t>(size_t(kBatch), zs.size() - start);
    at::Tensor z = at::empty({int64_t(n), zd}), c = at::empty({int64_t(n), nc});
    for (size_t i = 0; i < n; ++i) {
      std::copy(zs[start + i].begin(), zs[start + i].end(), z[int64_t(i)].data_ptr<float>());
      const ClassVector& cv = classes.size() == 1 ? classes[0] : classes[start + i];
      std::copy(cv.begin(), cv.end(), c[int64_t(i)].data_ptr<float>());
    }
    const at::Tensor x = impl_->net->generate(z, c, truncation);
    // 8-bit as the reference's utils.convert_to_images makes them: clip(((y + 1) / 2) * 256, 0, 255)
    // then a cast (a floor), so a sample saved here equals the reference's PNG.
    const at::Tensor u8 = (x * 256).clamp(0, 255).floor().to(at::kByte).permute({0, 2, 3, 1}).contiguous();
    for (size_t i = 0; i < n; ++i) {
      const at::Tensor one = u8[int64_t(i)];
      Image img{int(one.size(1)), int(one.size(0)), 3, {}};
      img.pixels.assign(one.data_ptr<uint8_t>(), one.data_ptr<uint8_t>() + one.numel());
      out.push_back(std::move(img));
    }
  }
  return out;
}

Image BigGan::generate(const Latent& z, const ClassVector& class_vector, double truncation) const {
  return generate(std::vector<Latent>{z}, std::vector<ClassVector>{class_vector}, truncation).front();
}

Image BigGan::generate(const Latent& z, int64_t class_index, double truncation) const {
  return generate(z, one_hot(class_index), truncation);
}

bool is_biggan_folder(const fs::path& path) {
  const auto [weights, config_file] = biggan_files(path);
  std::error_code ec;
  const std::string name = weights.filename().string();
  if (name.size() < std::strlen(kWeights) || name.compare(name.size() - std::strlen(kWeights), std::string::npos, kWeights) != 0 ||
      !fs::is_regular_file(weights, ec) || !fs::is_regular_file(config_file, ec))
    return false;
  try {
    // The reference's keys, not only any config.json beside a pytorch_model.bin (a transformers model's).
    const std::string text = read_regular_file(config_file, limits::kMaxConfigBytes, "the BigGAN config");
    BigGanConfig::parse(text, config_file.string());  // valid, and nested within the limit
    const auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() && j.contains("layers") && j.contains("channel_width");
  } catch (const Error&) {
    return false;
  }
}

std::shared_ptr<BigGan> shared_biggan(ModelCache& cache, const fs::path& folder_or_weights) {
  return cache.get<BigGan>("biggan", folder_or_weights.string(), "cpu", [&] { return BigGan::load(folder_or_weights); });
}

}  // namespace atelier::gan
