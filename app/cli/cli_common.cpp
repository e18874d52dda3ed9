#include "cli_common.h"

#include <cmath>
#include <cstdio>

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

std::string Pace::operator()(int64_t step, int64_t steps, double seconds) {
  if (first_ < 0) first_ = step - 1;
  const double rate = seconds > 0 ? double(step - first_) / seconds : 0;
  char buf[64];
  if (rate <= 0) {
    std::snprintf(buf, sizeof buf, "-- it/s  ETA --");
  } else {
    const long long left = std::llround(double(steps - step) / rate);
    if (left >= 3600)
      std::snprintf(buf, sizeof buf, "%.2f it/s  ETA %lld:%02lld:%02lld", rate, left / 3600, left / 60 % 60, left % 60);
    else
      std::snprintf(buf, sizeof buf, "%.2f it/s  ETA %lld:%02lld", rate, left / 60, left % 60);
  }
  return buf;
}

}  // namespace atelier::cli
