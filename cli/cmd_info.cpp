// clip-atelier-cli info [--json] [--memory]: versions, BLAS, device, threads, model search paths,
// models, and with --memory what the default models take in a worker's model cache.
#include "cli_common.h"
#include "clip/clip.h"
#include "runtime/error.h"
#include "runtime/model_cache.h"
#include "runtime/model_paths.h"
#include "vqgan/vqgan.h"


#include <iostream>
#include <memory>

namespace atelier::cli {

namespace {
// The default CLIP and VQGAN loaded as the GUI's worker loads them, once each, into its cache.
nlohmann::json cache_memory() {
  ModelCache cache;
  const size_t before = resident_memory_bytes();
  nlohmann::json errors = nlohmann::json::array();
  std::shared_ptr<clip::Clip> clip;
  std::shared_ptr<vqgan::Vqgan> vq;
  try {
    clip = clip::shared_clip(cache);
  } catch (const Error& e) {
    errors.push_back(std::string("CLIP: ") + e.what());
  }
  try {
    vq = vqgan::shared_vqgan(cache);
  } catch (const Error& e) {
    errors.push_back(std::string("VQGAN: ") + e.what());
  }
  nlohmann::json out = {{"bytes", cache.bytes()},
                        {"resident_growth_bytes", double(resident_memory_bytes()) - double(before)},
                        {"models", nlohmann::json::array()},
                        {"errors", errors}};
  for (const auto& e : cache.entries())
    out["models"].push_back({{"kind", e.kind}, {"path", e.path}, {"device", e.device}, {"bytes", e.bytes}});
  return out;
}
}  // namespace

void add_info_command(CLI::App& app, Globals& globals) {
  auto json = std::make_shared<bool>(false);
  auto memory = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("info", "Show versions, BLAS, device, threads and the models found");
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->add_flag("--memory", *memory, "Load the default CLIP and VQGAN as the GUI does and report the model cache's memory");
  cmd->callback([json, memory, &globals] {
    RuntimeInfo info = configure(globals);
    auto dirs = model_search_paths();
    auto models = find_models(dirs);

    nlohmann::json out = to_json(info);
    out["model_paths"] = nlohmann::json::array();
    for (const auto& d : dirs)
      out["model_paths"].push_back({{"kind", to_string(d.kind)}, {"path", d.path.string()}, {"exists", d.exists}});
    out["models"] = nlohmann::json::array();
    for (const auto& m : models)
      out["models"].push_back({{"path", m.path.string()},
                               {"format", m.format},
                               {"bytes", m.bytes},
                               {"from", to_string(m.from)}});
    if (*memory) out["model_cache"] = cache_memory();
    if (*json) {
      std::cout << out.dump(2) << '\n';
      return;
    }
    std::cout << "CLIP Atelier " << info.version << "\n"
              << "  LibTorch  " << info.torch_version << "\n"
              << "  OpenCV    " << (info.opencv_version.empty() ? "(not built in)" : info.opencv_version) << "\n"
              << "  BLAS      " << info.blas.name << (info.blas.library.empty() ? "" : "  " + info.blas.library)
              << "\n";
    if (info.blas.reference)
      std::cout << "            warning: the reference BLAS is slow; install libopenblas0-openmp\n";
    std::cout << "  device    " << info.device.name << "\n"
              << "  threads   " << info.threads << " of " << info.cores << " cores\n"
              << "model folders (searched in this order):\n";
    for (const auto& d : dirs)
      std::cout << "  " << to_string(d.kind) << ": " << d.path.string() << (d.exists ? "" : "  (missing)") << "\n";
    std::cout << "models found: " << models.size() << "\n";
    for (const auto& m : models) std::cout << "  " << m.path.string() << "  [" << m.format << "]\n";
    if (*memory) {
      const auto& c = out["model_cache"];
      std::cout << "model cache: " << c["bytes"].get<size_t>() / 1e6 << " MB of parameters (resident +"
                << c["resident_growth_bytes"].get<double>() / 1e6 << " MB)\n";
      for (const auto& m : c["models"]) std::cout << "  " << m["kind"].get<std::string>() << ": " << m["path"].get<std::string>() << "\n";
      for (const auto& e : c["errors"]) std::cout << "  " << e.get<std::string>() << "\n";
    }
  });
}

}  // namespace atelier::cli
