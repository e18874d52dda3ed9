// The few LibTorch APIs that differ between Debian's 1.13 and the 2.x of the GPU build, behind one
// name each; every helper keeps 1.13's behaviour on both. tools/gpu/API_DRIFT.md lists what changed,
// in which version, and which PyTorch source was read for it. Private to the engine (a detail/
// header: it includes torch).
#pragma once
#include <ATen/core/Tensor.h>
#include <c10/core/DeviceType.h>
#include <c10/core/ScalarType.h>
#include <torch/optim/optimizer.h>
#include <torch/version.h>

#include <string>
#include <type_traits>
#include <utility>

// Whether the LibTorch compiled against is major.minor or newer (usable in #if).
#define ATELIER_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

#if ATELIER_TORCH_AT_LEAST(2, 4)
#include <optional>
#else
#include <c10/util/C++17.h>     // c10::guts::to_string, gone in 2.2
#include <c10/util/Optional.h>  // c10::optional: its own type in 1.13, an alias of std::optional in 2.x
#endif

namespace atelier::torch_compat {

// The empty value of LibTorch's optional arguments (an output size, a BatchNorm momentum): 1.13's
// c10::optional takes only c10::nullopt; 2.x's c10::optional is std::optional, and c10::nullopt only
// an alias kept for old code.
#if ATELIER_TORCH_AT_LEAST(2, 4)
using std::nullopt;
#else
using c10::nullopt;
#endif

// The key under which torch::optim::Optimizer::state() files a parameter's state: its TensorImpl's
// address, printed into a string up to 2.1, the pointer itself from 2.2 on.
#if ATELIER_TORCH_AT_LEAST(2, 2)
using OptimiserStateKey = void*;
inline OptimiserStateKey optimiser_state_key(const at::Tensor& param) { return param.unsafeGetTensorImpl(); }
#else
using OptimiserStateKey = std::string;
inline OptimiserStateKey optimiser_state_key(const at::Tensor& param) { return c10::guts::to_string(param.unsafeGetTensorImpl()); }
#endif
static_assert(std::is_same_v<std::decay_t<decltype(std::declval<torch::optim::Optimizer&>().state())>::key_type, OptimiserStateKey>,
              "torch::optim::Optimizer::state() has another key type in this LibTorch: update optimiser_state_key");

// Zeroes the gradients of an optimiser's parameters, keeping the tensors (1.13's zero_grad). From
// 2.0 on zero_grad() resets them to undefined by default, and a step then skips a parameter that
// got no gradient since, where 1.13 steps it with a zero one (Adam's momentum still moves it,
// AdamW's weight decay still shrinks it): other numbers.
inline void zero_grad(torch::optim::Optimizer& opt) {
#if ATELIER_TORCH_AT_LEAST(2, 0)
  opt.zero_grad(/*set_to_none=*/false);
#else
  opt.zero_grad();
#endif
}

// Autocast for one device type (c10::kCPU or c10::kCUDA), on the calling thread: 1.13 has a function
// per device (set_cpu_enabled, set_enabled for CUDA, ...), 2.4 takes the device as an argument and
// deprecates the old names (each call warns on stderr), later versions drop them. Defined in
// runtime/autocast.cpp, the one file that includes <ATen/autocast_mode.h>; other devices throw.
bool autocast_enabled(c10::DeviceType device);
void set_autocast_enabled(c10::DeviceType device, bool enabled);
void set_autocast_dtype(c10::DeviceType device, at::ScalarType dtype);
void clear_autocast_cache();  // the casts cached while autocast was on (weights cast once per scope)

}  // namespace atelier::torch_compat
