#include "runtime/detail/autocast.h"

#include <ATen/autocast_mode.h>

#include <fstream>
#include <string>

#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"

namespace atelier {

namespace torch_compat {

namespace {
[[noreturn]] void unsupported(c10::DeviceType device) {
  throw Error(ErrorKind::Internal, "autocast is only set up for the CPU and CUDA, not " + c10::DeviceTypeName(device, /*lower_case=*/true));
}
}  // namespace

// 2.4 replaced the per-device functions by these three (aten/src/ATen/autocast_mode.h).
#if ATELIER_TORCH_AT_LEAST(2, 4)
bool autocast_enabled(c10::DeviceType device) {
  if (device != c10::kCPU && device != c10::kCUDA) unsupported(device);
  return at::autocast::is_autocast_enabled(device);
}

void set_autocast_enabled(c10::DeviceType device, bool enabled) {
  if (device != c10::kCPU && device != c10::kCUDA) unsupported(device);
  at::autocast::set_autocast_enabled(device, enabled);
}

void set_autocast_dtype(c10::DeviceType device, at::ScalarType dtype) {
  if (device != c10::kCPU && device != c10::kCUDA) unsupported(device);
  at::autocast::set_autocast_dtype(device, dtype);
}
#else
bool autocast_enabled(c10::DeviceType device) {
  if (device == c10::kCPU) return at::autocast::is_cpu_enabled();
  if (device == c10::kCUDA) return at::autocast::is_enabled();
  unsupported(device);
}

void set_autocast_enabled(c10::DeviceType device, bool enabled) {
  if (device == c10::kCPU) return at::autocast::set_cpu_enabled(enabled);
  if (device == c10::kCUDA) return at::autocast::set_enabled(enabled);
  unsupported(device);
}

void set_autocast_dtype(c10::DeviceType device, at::ScalarType dtype) {
  if (device == c10::kCPU) return at::autocast::set_autocast_cpu_dtype(dtype);
  if (device == c10::kCUDA) return at::autocast::set_autocast_gpu_dtype(dtype);
  unsupported(device);
}
#endif

void clear_autocast_cache() { at::autocast::clear_cache(); }

}  // namespace torch_compat

bool cpu_has_native_bf16() {
  static const bool has = [] {
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
      if (line.rfind("flags", 0) == 0) return line.find(" avx512_bf16") != std::string::npos || line.find(" amx_bf16") != std::string::npos;
    return false;
  }();
  return has;
}

CpuBf16Scope::CpuBf16Scope(bool wanted) : active_(wanted && cpu_has_native_bf16()) {
  if (!active_) return;
  was_enabled_ = torch_compat::autocast_enabled(c10::kCPU);
  torch_compat::set_autocast_enabled(c10::kCPU, true);
  torch_compat::set_autocast_dtype(c10::kCPU, at::kBFloat16);
}

CpuBf16Scope::~CpuBf16Scope() {
  if (!active_) return;
  if (!was_enabled_) {
    torch_compat::clear_autocast_cache();
    torch_compat::set_autocast_enabled(c10::kCPU, false);
  }
}

}  // namespace atelier
