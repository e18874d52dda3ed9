#include "gan/gan.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <set>

#include "gan/detail/dcgan.h"
#include "io/detail/module_io.h"
#include "io/detail/checkpoint.h"
#include "io/detail/tensor_image.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "runtime/parse.h"

namespace fs = std::filesystem;

namespace atelier::gan {

struct Gan::Impl {
  GanInfo info;
  std::unique_ptr<DcganNet> net;
};

Gan::Gan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Gan::Gan(Gan&&) noexcept = default;
Gan& Gan::operator=(Gan&&) noexcept = default;
Gan::~Gan() = default;
const GanInfo& Gan::info() const { return impl_->info; }
size_t Gan::bytes() const { return io::module_bytes(*impl_->net->module()); }
GeneratorNet& Gan::net() const { return *impl_->net; }

namespace {
void fill_info(GanInfo& info, const DcganConfig& c) {
  info.architecture = c.describe();
  info.z_dim = c.z_dim;
  info.image_size = c.size;
  info.channels = c.channels;
}
}  // namespace

Gan Gan::load(const fs::path& given) {
  std::error_code ec;
  fs::path file = given;
  if (fs::is_directory(given, ec)) file = given / "model.safetensors";
  if (!fs::is_regular_file(file, ec)) throw Error(ErrorKind::NotFound, "no generator at " + given.string() + " (expected model.safetensors)");
  io::StateDict sd = io::read_state_dict(file);
  // A training run's checkpoint holds the averaged generator under "g_ema.".
  std::string prefix;
  if (sd.count("g_ema.net.0.weight")) prefix = "g_ema.";
  io::StateDict g;
  for (auto& [k, v] : sd)
    if (k.rfind(prefix, 0) == 0) g.emplace(k.substr(prefix.size()), v);
  const DcganConfig config = infer_dcgan_config(g, file.string());  // validated and compared with every tensor
  DcganGenerator module(config);
  io::load_module(*module, g, "", file.string());

  auto impl = std::make_unique<Impl>();
  impl->info.path = file.string();
  impl->info.name = file.filename() == "model.safetensors" ? file.parent_path().filename().string() : file.stem().string();
  fill_info(impl->info, config);
  if (sniff_format(file) == "safetensors") {
    auto meta = io::read_safetensors_metadata(file);
    if (meta.count("dataset")) impl->info.dataset = meta["dataset"];
    if (meta.count("steps")) impl->info.steps = require_int(meta["steps"], file.string() + ", metadata 'steps'");
  }
  impl->net = std::make_unique<DcganNet>(module);
  return Gan(std::move(impl));
}

Gan Gan::untrained(int64_t size, int64_t channels, int64_t z_dim, int64_t width, uint64_t seed) {
  DcganConfig c{z_dim, size, channels, width};
  DcganGenerator module(c);
  module->initialize(seed);
  auto impl = std::make_unique<Impl>();
  impl->info.name = "untrained";
  fill_info(impl->info, c);
  // Batch norm's running statistics of a fresh module (0, 1) would not match its activations.
  module->recalibrate(8, 64, seed);
  impl->net = std::make_unique<DcganNet>(module);
  return Gan(std::move(impl));
}

Latent Gan::latent(uint64_t seed, double truncation) const {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  at::Tensor z = at::randn({impl_->info.z_dim}, gen);
  if (truncation > 0) {
    for (int i = 0; i < 10000; ++i) {
      at::Tensor out = z.abs() > truncation;
      if (!out.any().item<bool>()) break;
      z = at::where(out, at::randn({impl_->info.z_dim}, gen), z);
    }
    z.clamp_(-truncation, truncation);  // only reached for absurdly small t
  }
  return Latent(z.data_ptr<float>(), z.data_ptr<float>() + z.numel());
}

std::vector<Image> Gan::generate(const std::vector<Latent>& zs) const {
  std::vector<Image> out;
  const int64_t zd = impl_->info.z_dim;
  at::NoGradGuard no_grad;
  for (size_t start = 0; start < zs.size(); start += 64) {
    const size_t n = std::min<size_t>(64, zs.size() - start);
    at::Tensor z = at::empty({int64_t(n), zd});
    for (size_t i = 0; i < n; ++i) {
      if (int64_t(zs[start + i].size()) != zd)
        throw Error(ErrorKind::InvalidArgument, "z has " + std::to_string(zs[start + i].size()) + " numbers; this generator takes " +
                                                    std::to_string(zd));
      std::copy(zs[start + i].begin(), zs[start + i].end(), z[int64_t(i)].data_ptr<float>());
    }
    at::Tensor x = impl_->net->generate(z);
    for (size_t i = 0; i < n; ++i) out.push_back(tensor_to_image(x[int64_t(i)]));
  }
  return out;
}

Image Gan::generate(const Latent& z) const { return generate(std::vector<Latent>{z}).front(); }

std::vector<Image> Gan::interpolate(const Latent& a, const Latent& b, int frames) const {
  if (frames < 2) throw Error(ErrorKind::InvalidArgument, "an interpolation needs at least 2 frames");
  std::vector<Latent> zs;
  for (int i = 0; i < frames; ++i) zs.push_back(slerp(a, b, double(i) / double(frames - 1)));
  return generate(zs);
}

Latent slerp(const Latent& a, const Latent& b, double t) {
  if (a.size() != b.size()) throw Error(ErrorKind::InvalidArgument, "slerp of latents of different sizes");
  double na = 0, nb = 0, dot = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    na += double(a[i]) * a[i];
    nb += double(b[i]) * b[i];
    dot += double(a[i]) * b[i];
  }
  const double cos = na > 0 && nb > 0 ? std::clamp(dot / std::sqrt(na * nb), -1.0, 1.0) : 1.0;
  const double omega = std::acos(cos);
  double wa = 1 - t, wb = t;
  if (std::sin(omega) > 1e-6) {
    wa = std::sin((1 - t) * omega) / std::sin(omega);
    wb = std::sin(t * omega) / std::sin(omega);
  }
  Latent out(a.size());
  for (size_t i = 0; i < a.size(); ++i) out[i] = float(wa * a[i] + wb * b[i]);
  return out;
}

Image make_grid(const std::vector<Image>& images, int columns, int pad) {
  if (images.empty()) return {};
  columns = std::max(1, std::min(columns, int(images.size())));
  const int rows = (int(images.size()) + columns - 1) / columns;
  int cw = 0, ch = 0;
  for (auto& im : images) {
    cw = std::max(cw, im.width);
    ch = std::max(ch, im.height);
  }
  Image g{columns * cw + (columns + 1) * pad, rows * ch + (rows + 1) * pad, 3, {}};
  g.pixels.assign(size_t(g.width) * size_t(g.height) * 3, 128);
  for (size_t i = 0; i < images.size(); ++i) {
    const Image& im = images[i];
    const int x0 = pad + int(i) % columns * (cw + pad), y0 = pad + int(i) / columns * (ch + pad);
    for (int y = 0; y < im.height; ++y)
      for (int x = 0; x < im.width; ++x)
        for (int c = 0; c < 3; ++c)
          g.pixels[(size_t(y0 + y) * size_t(g.width) + size_t(x0 + x)) * 3 + size_t(c)] =
              im.pixels[(size_t(y) * size_t(im.width) + size_t(x)) * size_t(im.channels) + size_t(im.channels == 1 ? 0 : c)];
  }
  return g;
}

std::vector<fs::path> find_gans() {
  std::vector<fs::path> out;
  std::set<std::string> names;
  for (const ModelFile& f : find_models(model_search_paths())) {
    if (f.format != "safetensors") continue;
    try {
      auto meta = io::read_safetensors_metadata(f.path);
      if (meta["atelier.kind"] != "dcgan-generator") continue;
    } catch (const Error&) {
      continue;
    }
    const std::string name = f.path.filename() == "model.safetensors" ? f.path.parent_path().filename().string() : f.path.stem().string();
    if (names.insert(name).second) out.push_back(f.path);
  }
  return out;
}

double frechet_distance(const std::vector<std::vector<float>>& a, const std::vector<std::vector<float>>& b) {
  auto stack = [](const std::vector<std::vector<float>>& rows) {
    if (rows.size() < 2) throw Error(ErrorKind::InvalidArgument, "a Fréchet distance needs at least two feature vectors a side");
    at::Tensor t = at::empty({int64_t(rows.size()), int64_t(rows[0].size())}, at::kDouble);
    for (size_t i = 0; i < rows.size(); ++i)
      for (size_t j = 0; j < rows[i].size(); ++j) t[int64_t(i)][int64_t(j)] = double(rows[i][j]);
    return t;
  };
  at::Tensor x = stack(a), y = stack(b);
  if (x.size(1) != y.size(1)) throw Error(ErrorKind::InvalidArgument, "feature vectors of different sizes");
  auto cov = [](const at::Tensor& t) {
    at::Tensor c = t - t.mean(0, true);
    return at::matmul(c.t(), c) / double(t.size(0) - 1);
  };
  const at::Tensor sa = cov(x), sb = cov(y);
  // Tr((Sa Sb)^1/2) = Tr((Sa^1/2 Sb Sa^1/2)^1/2): a symmetric matrix, so eigh is exact and stable.
  auto [wa, va] = at::linalg_eigh(sa);
  const at::Tensor root_a = at::matmul(va * wa.clamp_min(0).sqrt().unsqueeze(0), va.t());
  const at::Tensor m = at::matmul(at::matmul(root_a, sb), root_a);
  const double tr_root = at::linalg_eigvalsh(0.5 * (m + m.t())).clamp_min(0).sqrt().sum().item<double>();
  const double mean = (x.mean(0) - y.mean(0)).pow(2).sum().item<double>();
  return mean + sa.trace().item<double>() + sb.trace().item<double>() - 2.0 * tr_root;
}

std::shared_ptr<Gan> shared_gan(ModelCache& cache, const fs::path& file_or_folder) {
  return cache.get<Gan>("gan", file_or_folder.string(), "cpu", [&] { return Gan::load(file_or_folder); });
}

}  // namespace atelier::gan
