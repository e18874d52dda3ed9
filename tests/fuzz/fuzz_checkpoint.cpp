// The checkpoint readers on arbitrary bytes written to a file: read_safetensors_metadata (what
// the models dialog shows) and read_state_dict (PyTorch zip: torch.save, Lightning, TorchScript;
// safetensors), then every tensor read.
#include <ATen/ATen.h>

#include "fuzz/fuzz_common.h"
#include "fuzz/fuzz_tensors.h"
#include "io/detail/checkpoint.h"

namespace atelier::fuzz {

void read_checkpoint(std::string_view data) {
  one_thread();
  static InputFile file("checkpoint");
  const auto& path = file.write(data);
  try {
    (void)io::read_safetensors_metadata(path);
  } catch (const Error&) {
  }
  std::string kind;
  touch_tensors(io::read_state_dict(path, &kind), uint64_t(1) << 30);
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_checkpoint)
