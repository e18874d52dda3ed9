// Checkpoint readers: safetensors (memory-mapped, header validated), PyTorch zip files
// (torch.save state dicts, Lightning checkpoints, TorchScript archives) and legacy torch.save
// files through the restricted unpickler. Each is bounds-checked; none executes anything from the file.
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
// torch.save's legacy format (before PyTorch 1.6, or _use_new_zipfile_serialization=False): the
// magic number's pickle, the protocol's, the object's (storages as persistent ids), the storage
// keys', then the storages' bytes; through the same unpickler and budgets as the zip format, every
// count checked against the file. A Lightning checkpoint's "state_dict" is returned as above.
StateDict read_torch_legacy(const std::filesystem::path& file);
// Any of them, by the file's first bytes (zip, safetensors, pickle); kind as above, "safetensors"
// or "legacy".
StateDict read_state_dict(const std::filesystem::path& file, std::string* kind = nullptr);

// Writes tensors as safetensors (F32, F16, BF16, I64, I32): used for the embedded models.
void write_safetensors(const std::filesystem::path& file, const StateDict& tensors,
                       const std::map<std::string, std::string>& metadata = {});

}  // namespace atelier::io
