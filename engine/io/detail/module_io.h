// A torch module's parameters and buffers to and from a state dict by name: what every model
// loader and trainer of the engine shares (DCGAN, VQGAN, the trainers' checkpoints).
#pragma once
#include <torch/nn/module.h>

#include <string>

#include "io/detail/checkpoint.h"

namespace atelier::io {

// Copies parameters and buffers by name; every module entry must be there with its shape,
// otherwise an Error names the missing or misshapen entry and `where`.
void load_module(torch::nn::Module& module, const StateDict& sd, const std::string& prefix, const std::string& where);
// Detached copies of the module's parameters and buffers, names prefixed.
StateDict module_state(torch::nn::Module& module, const std::string& prefix);
// The bytes of the module's parameters and buffers (what a loaded model keeps in memory).
size_t module_bytes(const torch::nn::Module& module);

}  // namespace atelier::io
