// clip-atelier-cli info [--json]: versions, BLAS, device, threads, model search paths, models.
#include "cli_common.h"
#include "runtime/model_paths.h"

#include <iostream>
#include <memory>

namespace atelier::cli {

void add_info_command(CLI::App& app, Globals& globals) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("info", "Show versions, BLAS, device, threads and the models found");
  cmd->add_flag("--json", *json, "Print one JSON object");
  cmd->callback([json, &globals] {
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
  });
}

}  // namespace atelier::cli
