#include "runtime/model_paths.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;

namespace atelier {

const char* to_string(ModelDirKind kind) {
  switch (kind) {
    case ModelDirKind::Environment: return "environment";
    case ModelDirKind::User: return "user";
    case ModelDirKind::Found: return "found";
    case ModelDirKind::Embedded: return "embedded";
  }
  return "unknown";
}

static fs::path executable_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

fs::path data_dir() {
  // Installed: <prefix>/bin/clip-atelier -> <prefix>/share/clip-atelier.
  auto exe = executable_dir();
  if (!exe.empty()) {
    auto installed = exe.parent_path() / ATELIER_DATA_SUBDIR;
    std::error_code ec;
    if (fs::is_directory(installed / "models", ec)) return installed;
  }
  return fs::path(ATELIER_SOURCE_RESOURCES);
}

fs::path user_data_dir() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "clip-atelier";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / ".local/share/clip-atelier";
}

std::vector<ModelDir> model_search_paths() {
  std::vector<ModelDir> dirs;
  auto add = [&](ModelDirKind kind, fs::path path) {
    std::error_code ec;
    bool exists = fs::is_directory(path, ec);
    dirs.push_back({kind, std::move(path), exists});
  };
  if (const char* env = std::getenv(kModelPathEnv); env && *env) {
    std::string list(env);
    size_t start = 0;
    while (start <= list.size()) {
      size_t end = list.find(':', start);
      if (end == std::string::npos) end = list.size();
      if (end > start) add(ModelDirKind::Environment, list.substr(start, end - start));
      start = end + 1;
    }
  }
  add(ModelDirKind::User, user_data_dir() / "models");
  for (auto& found : discovered_model_dirs()) add(ModelDirKind::Found, std::move(found));
  add(ModelDirKind::Embedded, data_dir() / "models");
  return dirs;
}

std::vector<fs::path> discovered_model_dirs() {
  std::vector<fs::path> out;
  std::error_code ec;
  auto env = [](const char* name) -> fs::path {
    const char* v = std::getenv(name);
    return v && *v && fs::path(v).is_absolute() ? fs::path(v) : fs::path();
  };
  const fs::path home = env("HOME");
  if (!home.empty() && fs::is_directory(home / ".cache/clip", ec)) out.push_back(home / ".cache/clip");
  fs::path hub = env("HF_HUB_CACHE");
  if (hub.empty() && !env("HF_HOME").empty()) hub = env("HF_HOME") / "hub";
  if (hub.empty() && !home.empty()) hub = home / ".cache/huggingface/hub";
  std::vector<fs::path> snapshots;
  if (!hub.empty() && fs::is_directory(hub, ec))
    for (const auto& entry : fs::directory_iterator(hub, ec)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("models--openai--clip-vit-", 0) == 0 && fs::is_directory(entry.path() / "snapshots", ec))
        snapshots.push_back(entry.path() / "snapshots");
    }
  std::sort(snapshots.begin(), snapshots.end());
  out.insert(out.end(), snapshots.begin(), snapshots.end());
  return out;
}

std::vector<fs::path> default_clip_candidates() {
  std::vector<fs::path> out;
  for (const auto& dir : model_search_paths()) {
    if (!dir.exists) continue;
    std::error_code ec;
    if (fs::is_regular_file(dir.path / "mini-clip" / "model.safetensors", ec)) out.push_back(dir.path / "mini-clip");
    if (fs::is_regular_file(dir.path / "mini-clip.safetensors", ec)) out.push_back(dir.path / "mini-clip.safetensors");
  }
  return out;
}

fs::path find_default_clip() {
  const auto all = default_clip_candidates();
  return all.empty() ? fs::path() : all.front();
}

std::string sniff_format(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 9> head{};
  in.read(reinterpret_cast<char*>(head.data()), head.size());
  auto got = in.gcount();
  if (got >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return "pytorch-zip";
  if (got == 9) {
    // safetensors: little-endian u64 header length, then a JSON object. Checked before pickle's
    // magic: a header of 0x280 bytes starts with the bytes 80 02, like a protocol-2 pickle.
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | head[i];
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (!ec && head[8] == '{' && n >= 2 && n + 8 <= size) return "safetensors";
  }
  if (got >= 2 && head[0] == 0x80 && head[1] >= 2 && head[1] <= 5) return "pickle";
  return "unknown";
}

std::vector<ModelFile> find_models(const std::vector<ModelDir>& dirs) {
  static const std::array<std::string, 5> kExtensions{".safetensors", ".pt", ".pth", ".bin", ".ckpt"};
  std::vector<ModelFile> found;
  for (const auto& dir : dirs) {
    if (!dir.exists) continue;
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir.path, ec)) {
      std::error_code fec;
      // A model folder (Hugging Face layout, the mini-CLIP): its weights file stands for it.
      if (entry.is_directory(fec)) {
        for (const char* name : {"model.safetensors", "pytorch_model.bin"})
          if (fs::is_regular_file(entry.path() / name, fec)) files.push_back(entry.path() / name);
        continue;
      }
      if (!entry.is_regular_file(fec)) continue;
      auto ext = entry.path().extension().string();
      if (std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end())
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
      std::error_code sec;
      auto bytes = fs::file_size(f, sec);
      found.push_back({f, sniff_format(f), sec ? 0 : bytes, dir.kind});
    }
  }
  return found;
}

}  // namespace atelier
