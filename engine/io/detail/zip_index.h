// The sizes a zip archive declares for its records, read from its central directory before
// anything is inflated: the checkpoint reader caps what it lets miniz (inside LibTorch's
// PyTorchStreamReader) inflate. Bounds-checked; private to the engine.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace atelier::io {

struct ZipEntry {
  uint64_t compressed = 0, uncompressed = 0;
  uint16_t method = 0;  // 0 stored, 8 deflated
};

// Record name -> sizes. Throws Error(BadFile) naming source when the directory is damaged.
std::map<std::string, ZipEntry> read_zip_index(std::string_view archive, const std::string& source);

}  // namespace atelier::io
