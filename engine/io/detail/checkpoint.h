// Checkpoint readers: safetensors (memory-mapped, header validated), PyTorch zip files
// (torch.save state dicts, Lightning checkpoints, TorchScript archives) through the restricted
// unpickler. Each is bounds-checked; none executes anything from the file.
#pragma once
#include <ATen/ATen.h>

#include <filesystem>
#include <map>
#include <string>

namespace atelier::io {

using StateDict = std::map<std::string, at::Tensor>;

StateDict read_safetensors(const std::filesystem::path& file);
// The "__metadata__" strings of a safetensors file's header (only the header is read).
std::map<std::string, std::string> read_safetensors_metadata(const std::filesystem::path& file);
// A torch.save zip or a TorchScript archive. A Lightning checkpoint's "state_dict" is returned
// with its keys as they are inside it.
// kind, when given, is set to "torchscript", "lightning" or "state-dict".
StateDict read_torch_zip(const std::filesystem::path& file, std::string* kind = nullptr);
// Either, by the file's first bytes; kind as above, or "safetensors".
StateDict read_state_dict(const std::filesystem::path& file, std::string* kind = nullptr);

// Writes tensors as safetensors (F32, F16, BF16, I64, I32): used for the embedded models.
void write_safetensors(const std::filesystem::path& file, const StateDict& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace atelier::io
