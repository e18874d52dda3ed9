#include "hub/hub.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "io/output_file.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace fs = std::filesystem;

namespace atelier::hub {

namespace {

constexpr const char* kRecordName = ".clip-atelier-fetched.json";
constexpr uint64_t kMaxRecordBytes = 1 << 20;

fs::path install_dir(const fs::path& dir) { return dir.empty() ? default_install_dir() : dir; }

// What fetch recorded of the files it verified: name -> {sha256, bytes, url}. A damaged record
// is treated as empty (and rewritten whole at the next fetch).
nlohmann::json read_record(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / kRecordName, ec)) return nlohmann::json::object();
  try {
    auto j = nlohmann::json::parse(read_regular_file(dir / kRecordName, kMaxRecordBytes, "the record of fetched models"), nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
  } catch (const Error&) {
    return nlohmann::json::object();
  }
}

void write_record(const fs::path& dir, const nlohmann::json& record) {
  const std::string text = record.dump(2) + "\n";
  write_file_whole(dir / kRecordName, text.data(), text.size());
}

std::string recorded_sha(const nlohmann::json& record, const std::string& name, uint64_t bytes) {
  const auto it = record.find(name);
  if (it == record.end() || !it->is_object() || !it->contains("sha256") || !(*it)["sha256"].is_string()) return {};
  if (it->contains("bytes") && (*it)["bytes"].is_number_unsigned() && (*it)["bytes"].get<uint64_t>() != bytes) return {};
  return (*it)["sha256"].get<std::string>();
}

bool regular(const fs::path& p, uint64_t* bytes = nullptr) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return false;
  if (bytes) *bytes = fs::file_size(p, ec);
  return !ec;
}

// Where an entry's file is, if anywhere: the install folder first, then every searched folder
// (the user's own, $CLIP_ATELIER_MODELS, ~/.cache/clip, the Hugging Face snapshots' folders), in
// the entry's own folder there when it has one.
fs::path locate(const CatalogEntry& e, const CatalogFile& f, const fs::path& dir, bool* installed) {
  *installed = false;
  uint64_t bytes = 0;
  const std::string rel = relative_path(e, f);
  if (regular(dir / rel, &bytes) && (!f.size || bytes == *f.size)) {
    *installed = true;
    return dir / rel;
  }
  for (const auto& d : model_search_paths()) {
    if (!d.exists || d.path == dir) continue;
    if (regular(d.path / rel, &bytes) && (!f.size || bytes == *f.size)) return d.path / rel;
  }
  return {};
}

// The weights of a snapshot of repo ("openai/clip-vit-base-patch32") in the Hugging Face hub cache.
fs::path hf_snapshot(const std::string& repo) {
  if (repo.empty()) return {};
  std::string folder = "models--" + repo;
  for (size_t at = folder.find('/'); at != std::string::npos; at = folder.find('/', at)) folder.replace(at, 1, "--");
  for (const fs::path& d : atelier::discovered_model_dirs()) {
    if (d.filename() != "snapshots" || d.parent_path().filename() != folder) continue;
    std::error_code ec;
    std::vector<fs::path> found;
    for (const auto& snap : fs::directory_iterator(d, ec))
      for (const char* name : {"model.safetensors", "pytorch_model.bin"})
        if (regular(snap.path() / name)) found.push_back(snap.path() / name);
    std::sort(found.begin(), found.end());
    if (!found.empty()) return found.front();
  }
  return {};
}

void collect(const Catalog& catalog, const CatalogEntry& e, std::vector<const CatalogEntry*>& order, std::set<std::string>& seen) {
  if (!seen.insert(e.id).second) return;
  for (const auto& n : e.needs)
    if (const auto* dep = catalog.find(n)) collect(catalog, *dep, order, seen);
  order.push_back(&e);
}

const CatalogEntry& entry_of(const Catalog& catalog, const std::string& id) {
  const CatalogEntry* e = catalog.find(id);
  if (!e) {
    std::string ids;
    for (const auto& x : catalog.entries) ids += (ids.empty() ? "" : ", ") + x.id;
    throw Error(ErrorKind::NotFound, "no model \"" + id + "\" in the catalogue " + catalog.source.string() + " (it lists " + ids + ")");
  }
  return *e;
}

}  // namespace

const char* to_string(InstallState state) {
  switch (state) {
    case InstallState::Installed: return "installed";
    case InstallState::Found: return "found";
    case InstallState::Missing: return "not installed";
  }
  return "not installed";
}

fs::path default_install_dir() { return user_data_dir() / "models"; }

std::vector<fs::path> discovered_model_dirs() { return atelier::discovered_model_dirs(); }

std::vector<ModelStatus> model_status(const Catalog& catalog, const fs::path& dir_) {
  const fs::path dir = install_dir(dir_);
  const nlohmann::json record = read_record(dir);
  std::vector<ModelStatus> out;
  for (const auto& e : catalog.entries) {
    ModelStatus s;
    s.entry = &e;
    bool all_installed = true, all_there = true;
    for (const auto& f : e.files) {
      bool installed = false;
      const fs::path at = locate(e, f, dir, &installed);
      if (at.empty()) {
        all_there = false;
        break;
      }
      all_installed = all_installed && installed;
      s.files.push_back(at);
    }
    if (all_there) {
      s.state = all_installed ? InstallState::Installed : InstallState::Found;
      uint64_t bytes = 0;
      if (all_installed && regular(s.files.front(), &bytes))
        s.recorded_sha256 = recorded_sha(record, relative_path(e, e.files.front()), bytes);
    } else {
      s.files.clear();
      const fs::path snapshot = hf_snapshot(e.hf_repo);
      if (!snapshot.empty()) {
        s.state = InstallState::Found;
        s.files.push_back(snapshot);
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> fetch(const Catalog& catalog, const std::string& id, const fs::path& dir_,
                               const std::function<void(const FetchProgress&)>& progress, const std::function<bool()>& cancelled,
                               const DownloadOptions& options) {
  const fs::path dir = install_dir(dir_);
  std::vector<const CatalogEntry*> order;
  std::set<std::string> seen;
  collect(catalog, entry_of(catalog, id), order, seen);
  std::vector<std::string> fetched;
  for (const CatalogEntry* e : order) {
    bool any = false;
    for (size_t i = 0; i < e->files.size(); ++i) {
      const CatalogFile& f = e->files[i];
      bool installed = false;
      if (!locate(*e, f, dir, &installed).empty()) continue;  // installed, or found where another tool put it
      FetchProgress p{e->id, {}, int(i) + 1, int(e->files.size())};
      auto tell = [&](const DownloadProgress& d) {
        p.file = d;
        if (progress) progress(p);
      };
      const std::string rel = relative_path(*e, f);  // download() makes the entry's folder
      const Downloaded got = download(f.url, dir / rel, f.sha256, f.size, tell, cancelled, options);
      nlohmann::json record = read_record(dir);
      record[rel] = {
          {"sha256", got.sha256},
          {"bytes", got.bytes},
          {"url", f.url},
          {"verified", f.sha256.empty() ? "computed at download: no checksum is published"
                                        : "SHA-256 as " + (f.sha256_source.empty() ? std::string("given") : f.sha256_source)}};
      write_record(dir, record);
      any = true;
    }
    if (any) fetched.push_back(e->id);
  }
  return fetched;
}

std::vector<Verified> verify(const Catalog& catalog, const std::string& id, const fs::path& dir_) {
  const fs::path dir = install_dir(dir_);
  const CatalogEntry& e = entry_of(catalog, id);
  const nlohmann::json record = read_record(dir);
  std::vector<Verified> out;
  for (const auto& f : e.files) {
    Verified v;
    bool installed = false;
    v.file = locate(e, f, dir, &installed);
    if (v.file.empty()) {
      v.file = dir / relative_path(e, f);
      v.message = "not installed";
      out.push_back(v);
      continue;
    }
    uint64_t bytes = 0;
    regular(v.file, &bytes);
    v.sha256 = sha256_file(v.file);
    const std::string recorded = installed ? recorded_sha(record, relative_path(e, f), bytes) : std::string();
    if (f.size && bytes != *f.size) {
      v.message = std::to_string(bytes) + " bytes, the catalogue says " + std::to_string(*f.size);
    } else if (!f.sha256.empty()) {
      v.ok = v.sha256 == f.sha256;
      v.message = v.ok ? "SHA-256 matches the " + (f.sha256_source == "published" ? std::string("published one") : "catalogue's")
                       : "SHA-256 " + v.sha256 + " differs from the catalogue's " + f.sha256;
    } else if (!recorded.empty()) {
      v.ok = v.sha256 == recorded;
      v.message = v.ok ? "SHA-256 matches the one recorded at download (none is published)"
                       : "SHA-256 " + v.sha256 + " differs from the one recorded at download, " + recorded;
    } else {
      v.ok = true;
      v.message = "no checksum is published or recorded: its SHA-256 is " + v.sha256;
    }
    out.push_back(v);
  }
  return out;
}

std::vector<fs::path> remove(const Catalog& catalog, const std::string& id, const fs::path& dir_) {
  const fs::path dir = install_dir(dir_);
  const CatalogEntry& e = entry_of(catalog, id);
  std::vector<fs::path> removed;
  nlohmann::json record = read_record(dir);
  for (const auto& f : e.files)
    for (const fs::path& p : {dir / relative_path(e, f), fs::path((dir / relative_path(e, f)).string() + ".part")}) {
      std::error_code ec;
      const auto st = fs::symlink_status(p, ec);
      if (ec || !fs::is_regular_file(st)) continue;  // absent (or not a plain file: left alone)
      if (!fs::remove(p, ec) || ec) throw Error(ErrorKind::Io, "can't remove " + p.string() + ": " + ec.message());
      removed.push_back(p);
    }
  if (removed.empty())
    throw Error(ErrorKind::NotFound, e.name + " is not in " + dir.string() + " (only files there are removed, never those found elsewhere)");
  for (const auto& f : e.files) record.erase(relative_path(e, f));
  write_record(dir, record);
  // The entry's own folder goes too when nothing else is left in it (fs::remove leaves a non-empty one).
  if (!e.folder.empty()) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(dir / e.folder, ec))) fs::remove(dir / e.folder, ec);
  }
  return removed;
}

}  // namespace atelier::hub
