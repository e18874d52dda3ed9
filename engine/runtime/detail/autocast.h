// bfloat16 autocast on the CPU for one scope (matrix products and convolutions in bf16, the rest
// in float32), where the processor has bf16 instructions (AVX512-BF16, AMX): there CLIP's
// forward + backward runs about three times faster; elsewhere bf16 is emulated and slower, so the
// scope does nothing. Autocast state is per thread: the scope belongs to the thread that opens it.
#pragma once
#include "runtime/runtime_info.h"  // cpu_has_native_bf16

namespace atelier {

class CpuBf16Scope {
 public:
  explicit CpuBf16Scope(bool wanted);
  ~CpuBf16Scope();
  CpuBf16Scope(const CpuBf16Scope&) = delete;
  CpuBf16Scope& operator=(const CpuBf16Scope&) = delete;
  bool active() const { return active_; }

 private:
  bool active_ = false;
  bool was_enabled_ = false;
};

}  // namespace atelier
