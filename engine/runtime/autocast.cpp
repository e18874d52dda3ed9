#include "runtime/detail/autocast.h"

#include <ATen/autocast_mode.h>

#include <fstream>
#include <string>

namespace atelier {

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
  was_enabled_ = at::autocast::is_cpu_enabled();
  at::autocast::set_cpu_enabled(true);
  at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
}

CpuBf16Scope::~CpuBf16Scope() {
  if (!active_) return;
  if (!was_enabled_) {
    at::autocast::clear_cache();
    at::autocast::set_cpu_enabled(false);
  }
}

}  // namespace atelier
