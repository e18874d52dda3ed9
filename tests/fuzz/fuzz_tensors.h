// For the checkpoint harnesses: every byte of every tensor a reader returns is read (a view that
// reaches past its storage or its file shows up as a sanitizer report or a signal), and a tensor
// that claims more bytes than a fuzz input can hold is a finding in itself.
#pragma once
#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

namespace atelier::fuzz {

// LibTorch's thread pools stay at one thread: a harness runs thousands of inputs a second.
inline void one_thread() {
  static const bool once = (at::set_num_threads(1), true);
  (void)once;
}

inline void touch_tensors(const std::map<std::string, at::Tensor>& tensors, uint64_t max_bytes) {
  uint64_t sum = 0;
  for (const auto& [name, t] : tensors) {
    uint64_t bytes = 0;
    if (t.numel() < 0 || __builtin_mul_overflow(uint64_t(t.numel()), uint64_t(t.element_size()), &bytes) || bytes > max_bytes) {
      std::fprintf(stderr, "FINDING: tensor '%.200s' claims %lld elements of %lld bytes (more than %llu bytes)\n", name.c_str(),
                   static_cast<long long>(t.numel()), static_cast<long long>(t.element_size()),
                   static_cast<unsigned long long>(max_bytes));
      std::abort();
    }
    const at::Tensor c = t.contiguous();
    const auto* p = static_cast<const unsigned char*>(c.data_ptr());
    for (uint64_t i = 0; i < bytes; ++i) sum += p[i];
  }
  volatile uint64_t sink = sum;
  (void)sink;
}

}  // namespace atelier::fuzz
