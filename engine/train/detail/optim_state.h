// An Adam or AdamW optimiser's per-parameter state (first and second moments, step) saved into
// and restored from a checkpoint's state dict, keyed by the parameter's name under a prefix, so
// that a resumed run continues exactly where it stopped.
#pragma once
#include <torch/nn/module.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>

#include <memory>
#include <string>

#include "io/detail/checkpoint.h"
#include "runtime/detail/torch_compat.h"

namespace atelier::train {

template <class State, class Optimiser>
void save_optimiser(io::StateDict& sd, const std::string& prefix, torch::nn::Module& m, Optimiser& opt) {
  for (auto& item : m.named_parameters()) {
    auto it = opt.state().find(torch_compat::optimiser_state_key(item.value()));
    if (it == opt.state().end()) continue;
    auto& st = static_cast<State&>(*it->second);
    sd[prefix + "m." + item.key()] = st.exp_avg();
    sd[prefix + "v." + item.key()] = st.exp_avg_sq();
    sd[prefix + "step." + item.key()] = at::full({1}, st.step(), at::kLong);
  }
}

// Returns the largest step restored (-1 when the state dict holds none for this module).
template <class State, class Optimiser>
int64_t load_optimiser(const io::StateDict& sd, const std::string& prefix, torch::nn::Module& m, Optimiser& opt) {
  int64_t step = -1;
  for (auto& item : m.named_parameters()) {
    auto mm = sd.find(prefix + "m." + item.key());
    if (mm == sd.end()) continue;
    auto st = std::make_unique<State>();
    st->exp_avg(mm->second.clone());
    st->exp_avg_sq(sd.at(prefix + "v." + item.key()).clone());
    st->step(sd.at(prefix + "step." + item.key()).item<int64_t>());
    step = std::max(step, st->step());
    opt.state()[torch_compat::optimiser_state_key(item.value())] = std::move(st);
  }
  return step;
}

}  // namespace atelier::train
