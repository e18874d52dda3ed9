// Waiting for a device and reading numbers back from it, for the loops and benchmarks that run on
// CUDA as well as on the CPU. Private to the engine (a detail/ header: it includes torch).
#pragma once
#include <ATen/ATen.h>
#include <torch/cuda.h>

#include <vector>

namespace atelier {

// Waits for the device's queued work (CUDA runs kernels asynchronously: a clock read after
// launching them times the launches only). Nothing to wait for on the CPU.
inline void synchronize(const at::Device& device) {
  if (device.is_cuda()) torch::cuda::synchronize(device.index());
}

// Every value of `tensors`, each flattened, in order, as doubles on the host: one transfer, so a
// loop that reports several numbers a step waits for the device once, not once per .item().
inline std::vector<double> host_values(const std::vector<at::Tensor>& tensors) {
  at::NoGradGuard no_grad;
  std::vector<at::Tensor> flat;
  flat.reserve(tensors.size());
  for (const at::Tensor& t : tensors) flat.push_back(t.detach().reshape({-1}).to(at::kDouble));
  const at::Tensor all = at::cat(flat).to(at::kCPU).contiguous();
  return {all.data_ptr<double>(), all.data_ptr<double>() + all.numel()};
}

}  // namespace atelier
