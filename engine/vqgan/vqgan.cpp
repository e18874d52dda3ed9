#include "vqgan/vqgan.h"

#include <tuple>
#include <ATen/CPUGeneratorImpl.h>
#include <yaml.h>

#include <cstdio>
#include <map>

#include "io/detail/checkpoint.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "io/detail/module_io.h"
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

namespace {

// The scalars and integer lists of a YAML file, by dotted path (model.params.ddconfig.ch_mult).
// libyaml's event parser: nothing in the file is interpreted beyond scalars, maps and lists.
std::map<std::string, std::vector<std::string>> read_yaml(const fs::path& file) {
  FILE* f = std::fopen(file.c_str(), "rb");
  if (!f) throw Error(ErrorKind::NotFound, "can't open " + file.string());
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  std::map<std::string, std::vector<std::string>> out;
  std::vector<std::string> path;
  std::vector<bool> expect_key;  // per open mapping: is the next scalar a key?
  std::vector<bool> in_list;
  bool done = false;
  std::string error;
  while (!done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      error = parser.problem ? parser.problem : "unreadable YAML";
      break;
    }
    auto finish_value = [&] {
      if (!expect_key.empty() && (in_list.empty() || !in_list.back())) {
        expect_key.back() = true;
        if (!path.empty()) path.pop_back();
      }
    };
    switch (ev.type) {
      case YAML_MAPPING_START_EVENT:
        expect_key.push_back(true);
        in_list.push_back(false);
        break;
      case YAML_MAPPING_END_EVENT:
        expect_key.pop_back();
        in_list.pop_back();
        finish_value();
        break;
      case YAML_SEQUENCE_START_EVENT: in_list.push_back(true); break;
      case YAML_SEQUENCE_END_EVENT:
        in_list.pop_back();
        finish_value();
        break;
      case YAML_SCALAR_EVENT: {
        const std::string v(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        if (!in_list.empty() && in_list.back()) {
          std::string key;
          for (auto& p : path) key += (key.empty() ? "" : ".") + p;
          out[key].push_back(v);
        } else if (!expect_key.empty() && expect_key.back()) {
          path.push_back(v);
          expect_key.back() = false;
        } else {
          std::string key;
          for (auto& p : path) key += (key.empty() ? "" : ".") + p;
          out[key] = {v};
          finish_value();
        }
        break;
      }
      case YAML_STREAM_END_EVENT: done = true; break;
      default: break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  std::fclose(f);
  if (!error.empty()) throw Error(ErrorKind::BadFile, file.string() + ": " + error);
  return out;
}

VqganConfig config_from_yaml(const fs::path& file) {
  const auto y = read_yaml(file);
  auto one = [&](const std::string& key) -> int64_t {
    auto it = y.find(key);
    if (it == y.end() || it->second.empty()) throw Error(ErrorKind::BadFile, file.string() + " has no " + key);
    return std::stoll(it->second[0]);
  };
  auto list = [&](const std::string& key) {
    std::vector<int64_t> v;
    auto it = y.find(key);
    if (it != y.end())
      for (auto& s : it->second) v.push_back(std::stoll(s));
    return v;
  };
  const std::string p = "model.params.", d = "model.params.ddconfig.";
  VqganConfig c;
  c.embed_dim = one(p + "embed_dim");
  c.n_embed = one(p + "n_embed");
  c.ch = one(d + "ch");
  c.ch_mult = list(d + "ch_mult");
  c.num_res_blocks = one(d + "num_res_blocks");
  c.attn_resolutions = list(d + "attn_resolutions");
  c.z_channels = one(d + "z_channels");
  c.resolution = one(d + "resolution");
  c.in_channels = one(d + "in_channels");
  c.out_ch = one(d + "out_ch");
  if (c.ch_mult.empty()) throw Error(ErrorKind::BadFile, file.string() + " has no " + d + "ch_mult");
  return c;
}

}  // namespace

Vqgan Vqgan::load(const fs::path& checkpoint, const fs::path& yaml) {
  std::string kind;
  io::StateDict all = io::read_state_dict(checkpoint, &kind);
  io::StateDict sd;
  for (auto& [k, v] : all)
    if (k.rfind("loss.", 0) != 0) sd.emplace(k, v);
  auto impl = std::make_unique<Impl>();
  VqganConfig config = infer_config(sd, checkpoint.string());  // also refuses what isn't supported
  if (!yaml.empty()) config = config_from_yaml(yaml);
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

Image Vqgan::reconstruct(const Image& image) const {
  const int64_t f = impl_->info.factor;
  const int64_t w = std::max<int64_t>(f, image.width / f * f), h = std::max<int64_t>(f, image.height / f * f);
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

VqganBench bench_vqgan(const std::string& what, int size, int repeats, bool channels_last) {
  Vqgan vq = what == "f16-16384" || what == "f16-1024" ? Vqgan::random(what) : Vqgan::load(what);
  VqganModelImpl* model = &vq.model();
  model->eval();
  for (auto& p : model->parameters()) p.requires_grad_(false);
  const int64_t f = model->config.factor(), cells = size / f;
  if (cells < 1) throw Error(ErrorKind::InvalidArgument, "the size must be at least the model's factor");
  if (channels_last) {
    at::NoGradGuard no_grad;
    for (auto& p : model->parameters())
      if (p.dim() == 4) p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
  }
  at::Tensor z = at::randn({1, model->config.embed_dim, cells, cells});
  if (channels_last) z = z.contiguous(at::MemoryFormat::ChannelsLast);
  using clock = std::chrono::steady_clock;
  VqganBench b{what, size, at::get_num_threads(), channels_last, 0, 0};
  {
    at::NoGradGuard no_grad;
    model->decode(z);  // warm-up
    const auto t0 = clock::now();
    for (int i = 0; i < repeats; ++i) model->decode(z);
    b.decode_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / repeats;
  }
  c10::AutoGradMode grad(true);
  at::Tensor zz = z.clone().requires_grad_(true);
  model->decode(zz).sum().backward();  // warm-up
  const auto t0 = clock::now();
  for (int i = 0; i < repeats; ++i) {
    zz.mutable_grad() = at::Tensor();
    model->decode(zz).sum().backward();
  }
  b.decode_backward_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / repeats;
  return b;
}

std::pair<fs::path, fs::path> find_vqgan() {
  for (const ModelFile& f : find_models(model_search_paths())) {
    std::string name = f.path.string();
    for (auto& ch : name) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (name.find("vqgan") == std::string::npos) continue;
    std::error_code ec;
    for (const fs::path& y : {fs::path(f.path).replace_extension(".yaml"), f.path.parent_path() / "model.yaml", f.path.parent_path() / "config.yaml"})
      if (fs::is_regular_file(y, ec)) return {f.path, y};
    return {f.path, {}};
  }
  return {};
}

}  // namespace atelier::vqgan
