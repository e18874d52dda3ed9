// Where no checksum is published, what loads is the proof: a fetched model opened by the
// program's own readers (the restricted unpickler, the safetensors and YAML readers; nothing in
// the file is run), its architecture checked against the state dict as every load does.
#include <filesystem>

#include "clip/clip.h"
#include "gan/biggan.h"
#include "hub/hub.h"
#include "runtime/error.h"
#include "vqgan/vqgan.h"

namespace fs = std::filesystem;

namespace atelier::hub {

std::string check_loads(const CatalogEntry& entry, const fs::path& dir_) {
  const fs::path dir = dir_.empty() ? default_install_dir() : dir_;
  try {
    if (entry.kind == "clip") return clip::Clip::load(dir / relative_path(entry, entry.files.front())).info().architecture;
    if (entry.kind == "vqgan") {
      fs::path ckpt, yaml;
      for (const auto& f : entry.files) (fs::path(f.name).extension() == ".yaml" ? yaml : ckpt) = dir / relative_path(entry, f);
      return vqgan::Vqgan::load(ckpt, yaml).info().architecture;
    }
    if (entry.kind == "biggan") {  // its weights file, config.json (or NAME-config.json) beside it
      fs::path weights;
      for (const auto& f : entry.files)
        if (fs::path(f.name).extension() == ".bin") weights = dir / relative_path(entry, f);
      return gan::BigGan::load(weights).info().architecture;
    }
  } catch (...) {
    if (current_exception_kind() == ErrorKind::Cancelled) throw;
    throw Error(ErrorKind::BadFile, entry.name + " was fetched but does not load as a " + entry.kind + " (" + describe_current_exception() +
                                        "): clip-atelier-cli models remove " + entry.id + " takes it away");
  }
  return {};
}

}  // namespace atelier::hub
