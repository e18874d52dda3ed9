#include "io/detail/module_io.h"

#include "runtime/error.h"

namespace atelier::io {

void load_module(torch::nn::Module& module, const StateDict& sd, const std::string& prefix, const std::string& where) {
  at::NoGradGuard no_grad;
  auto copy = [&](const std::string& name, at::Tensor& dst) {
    auto it = sd.find(prefix + name);
    if (it == sd.end()) throw Error(ErrorKind::BadFile, where + " has no " + prefix + name);
    if (it->second.sizes() != dst.sizes())
      throw Error(ErrorKind::BadFile, where + ": " + prefix + name + " has shape " + c10::str(it->second.sizes()) + ", expected " +
                                          c10::str(dst.sizes()));
    dst.copy_(it->second.to(dst.scalar_type()));
  };
  for (auto& item : module.named_parameters()) copy(item.key(), item.value());
  for (auto& item : module.named_buffers()) copy(item.key(), item.value());
}

StateDict module_state(torch::nn::Module& module, const std::string& prefix) {
  StateDict sd;
  for (auto& item : module.named_parameters()) sd[prefix + item.key()] = item.value().detach().clone();
  for (auto& item : module.named_buffers()) sd[prefix + item.key()] = item.value().detach().clone();
  return sd;
}

size_t module_bytes(const torch::nn::Module& module) {
  size_t bytes = 0;
  for (const auto& p : module.parameters()) bytes += p.numel() * p.element_size();
  for (const auto& b : module.buffers()) bytes += b.numel() * b.element_size();
  return bytes;
}

}  // namespace atelier::io
