#include "cli_common.h"

namespace atelier::cli {

RuntimeInfo configure(const Globals& globals) {
  RuntimeOptions options;
  options.threads = globals.threads;
  options.device = parse_device_choice(globals.device);
  return configure_runtime(options);
}

nlohmann::json to_json(const RuntimeInfo& info) {
  return {
      {"version", info.version},
      {"torch", info.torch_version},
      {"opencv", info.opencv_version.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.opencv_version)},
      {"blas",
       {{"name", info.blas.name},
        {"library", info.blas.library},
        {"detail", info.blas.detail},
        {"reference", info.blas.reference}}},
      {"device",
       {{"name", info.device.name},
        {"cuda_built", info.device.cuda_built},
        {"cuda_devices", info.device.cuda_devices}}},
      {"threads", info.threads},
      {"cores", info.cores},
      {"bf16_fast", info.bf16_fast},
  };
}

}  // namespace atelier::cli
