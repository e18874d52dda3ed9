#include "vqgan/vqgan.h"

#include "io/input_file.h"

#include <algorithm>
#include <tuple>
#include <ATen/CPUGeneratorImpl.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>

#include "io/detail/checkpoint.h"
#include "runtime/detail/device.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/model_paths.h"
#include "runtime/parse.h"
#include "io/detail/module_io.h"
#include "vqgan/detail/config.h"
#include "vqgan/detail/pixels.h"
#include "vqgan/detail/taming.h"

namespace fs = std::filesystem;

namespace atelier::vqgan {

struct Vqgan::Impl {
  VqganInfo info;
  VqganModel model{nullptr};
};

Vqgan::Vqgan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Vqgan::Vqgan(Vqgan&&) noexcept = default;
Vqgan& Vqgan::operator=(Vqgan&&) noexcept = default;
Vqgan::~Vqgan() = default;
const VqganInfo& Vqgan::info() const { return impl_->info; }
size_t Vqgan::bytes() const { return io::module_bytes(*impl_->model); }
VqganModelImpl& Vqgan::model() const { return *impl_->model; }

Vqgan Vqgan::load(const fs::path& checkpoint, const fs::path& yaml) {
  std::string kind;
  io::StateDict all = io::read_state_dict(checkpoint, &kind);
  io::StateDict sd;
  for (auto& [k, v] : all)
    if (k.rfind("loss.", 0) != 0) sd.emplace(k, v);
  auto impl = std::make_unique<Impl>();
  // The configuration the shapes imply (this also refuses what isn't supported), or the yaml's;
  // either is validated, and compared with every tensor, before the model is built.
  VqganConfig config = infer_config(sd, checkpoint.string());
  if (!yaml.empty()) config = config_from_yaml(yaml);
  check_shapes(config, sd, checkpoint.string(), yaml.empty() ? std::string() : yaml.string());
  impl->model = VqganModel(config);
  io::load_module(*impl->model, sd, "", checkpoint.string());
  impl->model->eval();
  impl->info = {checkpoint.string(), yaml.empty() ? "from the tensors' shapes" : yaml.string(), config.describe(), config.factor(),
                config.n_embed, config.embed_dim};
  return Vqgan(std::move(impl));
}

Vqgan Vqgan::load_or_find(const fs::path& checkpoint, const fs::path& yaml) {
  if (!checkpoint.empty()) return load(checkpoint, yaml);
  const auto [found, found_yaml] = find_vqgan();
  if (found.empty())
    throw Error(ErrorKind::NotFound, "no VQGAN is installed: pass --vqgan PATH (a taming .ckpt, e.g. vqgan_imagenet_f16_16384.ckpt, "
                                     "with --config and its .yaml), or put one in your models folder");
  return load(found, found_yaml);
}

std::shared_ptr<Vqgan> shared_vqgan(ModelCache& cache, const fs::path& checkpoint, const fs::path& yaml) {
  fs::path ckpt = checkpoint, config = yaml;
  if (ckpt.empty()) std::tie(ckpt, config) = find_vqgan();
  if (ckpt.empty())
    throw Error(ErrorKind::NotFound, "no VQGAN is installed: put a taming checkpoint (e.g. vqgan_imagenet_f16_16384.ckpt) and its "
                                     ".yaml in your models folder (Models ▸ Model Folders; the CLI also takes --vqgan PATH)");
  return cache.get<Vqgan>("vqgan", ckpt.string(), "cpu", [&] { return Vqgan::load(ckpt, config); });
}

Vqgan Vqgan::random(const std::string& name, uint64_t seed) {
  if (name != "f16-16384" && name != "f16-1024")
    throw Error(ErrorKind::InvalidArgument, "unknown VQGAN configuration '" + name + "': f16-16384 or f16-1024");
  VqganConfig c;  // taming's vqgan_imagenet_f16_* configurations
  c.n_embed = name == "f16-16384" ? 16384 : 1024;
  at::manual_seed(seed);
  auto impl = std::make_unique<Impl>();
  impl->model = VqganModel(c);
  impl->model->eval();
  impl->info = {"random " + name, "built in", c.describe(), c.factor(), c.n_embed, c.embed_dim};
  return Vqgan(std::move(impl));
}

int64_t Vqgan::max_pixels() const {
  const VqganConfig& c = impl_->model->config;
  // The finest level with attention: a level i (1/2^i of the input) attends when its resolution
  // is in attn_resolutions; the last level always does (the middle blocks).
  int64_t finest = int64_t(c.ch_mult.size()) - 1;
  for (int64_t i = 0; i < int64_t(c.ch_mult.size()); ++i)
    if (std::find(c.attn_resolutions.begin(), c.attn_resolutions.end(), c.resolution >> i) != c.attn_resolutions.end()) {
      finest = i;
      break;
    }
  const int64_t per_position = int64_t(1) << (2 * finest);
  return std::min<int64_t>(int64_t(limits::kMaxImagePixels), limits::kMaxAttentionPositions * per_position);
}

void Vqgan::check_size(int64_t w, int64_t h, const std::string& what) const {
  if (w * h > max_pixels())
    throw Error(ErrorKind::InvalidArgument, what + " of " + std::to_string(w) + " x " + std::to_string(h) + " is more than this VQGAN " +
                                                "can do within its memory budget (" + std::to_string(max_pixels()) + " pixels; its attention grows " +
                                                "with the square of the area)");
}

Image Vqgan::reconstruct(const Image& image) const {
  const int64_t f = impl_->info.factor;
  const int64_t w = std::max<int64_t>(f, image.width / f * f), h = std::max<int64_t>(f, image.height / f * f);
  check_size(w, h, "an image");
  at::NoGradGuard no_grad;
  at::Tensor x = image_to_tensor(image);
  if (x.size(2) != h || x.size(3) != w) x = at::upsample_bicubic2d(x, {h, w}, false);
  auto& m = *impl_->model;
  return tensor_to_rgb8(m.decode(m.quantise(m.encode(x)).first)[0]);
}

Image Vqgan::decode_random(uint64_t seed, int width, int height) const {
  const int64_t f = impl_->info.factor;
  if (width < f || height < f || width % f || height % f)
    throw Error(ErrorKind::InvalidArgument, "the size must be a multiple of the model's factor " + std::to_string(f));
  check_size(width, height, "a size");
  at::NoGradGuard no_grad;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  auto& m = *impl_->model;
  const at::Tensor idx = at::randint(impl_->info.n_embed, {int64_t(height) / f * (int64_t(width) / f)}, gen);
  const at::Tensor zq = m.quantize->embedding->forward(idx).view({1, int64_t(height) / f, int64_t(width) / f, -1}).permute({0, 3, 1, 2});
  return tensor_to_rgb8(m.decode(zq.contiguous())[0]);
}

}  // namespace atelier::vqgan

#include <ATen/Parallel.h>

#include <chrono>

namespace atelier::vqgan {

VqganBench bench_vqgan(const std::string& what, int size, int repeats, bool channels_last, const std::string& device_name) {
  Vqgan vq = what == "f16-16384" || what == "f16-1024" ? Vqgan::random(what) : Vqgan::load(what);
  VqganModelImpl* model = &vq.model();
  const at::Device device(device_name);
  model->to(device);
  model->eval();
  for (auto& p : model->parameters()) p.requires_grad_(false);
  const int64_t f = model->config.factor(), cells = size / f;
  if (cells < 1) throw Error(ErrorKind::InvalidArgument, "the size must be at least the model's factor");
  if (channels_last) {
    at::NoGradGuard no_grad;
    for (auto& p : model->parameters())
      if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
  }
  at::Tensor z = at::randn({1, model->config.embed_dim, cells, cells}).to(device);
  if (channels_last) z = z.contiguous(at::MemoryFormat::ChannelsLast);
  using clock = std::chrono::steady_clock;
  VqganBench b{what, size, at::get_num_threads(), channels_last, 0, 0};
  {
    at::NoGradGuard no_grad;
    model->decode(z);  // warm-up
    synchronize(device);
    const auto t0 = clock::now();
    for (int i = 0; i < repeats; ++i) model->decode(z);
    synchronize(device);
    b.decode_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / repeats;
  }
  c10::AutoGradMode grad(true);
  at::Tensor zz = z.clone().requires_grad_(true);
  model->decode(zz).sum().backward();  // warm-up
  synchronize(device);
  const auto t0 = clock::now();
  for (int i = 0; i < repeats; ++i) {
    zz.mutable_grad() = at::Tensor();
    model->decode(zz).sum().backward();
  }
  synchronize(device);
  b.decode_backward_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / repeats;
  return b;
}

fs::path yaml_beside(const fs::path& checkpoint) {
  std::error_code ec;
  for (const fs::path& y : {fs::path(checkpoint).replace_extension(".yaml"), checkpoint.parent_path() / "model.yaml",
                            checkpoint.parent_path() / "config.yaml"})
    if (fs::is_regular_file(y, ec)) return y;
  return {};
}

std::vector<std::pair<fs::path, fs::path>> find_vqgans() {
  std::vector<std::pair<fs::path, fs::path>> found;
  for (const ModelFile& f : find_models(model_search_paths())) {
    std::string name = f.path.string();
    for (auto& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (name.find("vqgan") == std::string::npos) continue;
    found.emplace_back(f.path, yaml_beside(f.path));
  }
  // taming-transformers' own layout, as its training writes it (logs/RUN/) and as its released
  // zips unpack (RUN/): RUN/checkpoints/last.ckpt with RUN/configs/*.yaml naming a taming VQGAN.
  for (const ModelDir& d : model_search_paths()) {
    if (!d.exists) continue;
    std::vector<fs::path> runs;
    std::error_code ec;
    for (const fs::path& parent : {d.path, d.path / "logs"})
      if (fs::is_directory(parent, ec))
        for (const auto& entry : fs::directory_iterator(parent, ec))
          if (fs::is_regular_file(entry.path() / "checkpoints" / "last.ckpt", ec)) runs.push_back(entry.path());
    std::sort(runs.begin(), runs.end());
    for (const fs::path& run : runs) {
      std::vector<fs::path> yamls;
      for (const auto& entry : fs::directory_iterator(run / "configs", ec))
        if (entry.path().extension() == ".yaml") yamls.push_back(entry.path());
      std::sort(yamls.begin(), yamls.end());
      for (const fs::path& y : yamls) {
        std::string text;
        try {
          text = read_regular_file(y, 1 << 20, "a taming config");
        } catch (const Error&) {
          continue;
        }
        if (text.find("taming.models.vqgan") == std::string::npos) continue;
        found.emplace_back(run / "checkpoints" / "last.ckpt", y);
        break;
      }
    }
  }
  return found;
}

std::pair<fs::path, fs::path> find_vqgan() {
  auto all = find_vqgans();
  return all.empty() ? std::pair<fs::path, fs::path>{} : all.front();
}

}  // namespace atelier::vqgan
