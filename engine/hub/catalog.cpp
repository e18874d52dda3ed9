#include "hub/catalog.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include <nlohmann/json.hpp>

#include "io/input_file.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace fs = std::filesystem;

namespace atelier::hub {

namespace {

constexpr uint64_t kMaxCatalogBytes = 1 << 20;

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_sha256(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// A string member: required ones must be non-empty strings; optional ones strings when present.
std::string text(const nlohmann::json& j, const char* key, bool required, const std::string& where) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw Error(ErrorKind::BadFile, where + " has no \"" + key + "\"");
    return {};
  }
  if (!it->is_string() || (required && it->get<std::string>().empty()))
    throw Error(ErrorKind::BadFile, where + ": \"" + key + "\" must be a " + (required ? "non-empty " : "") + "string");
  return it->get<std::string>();
}

// A name of one file or folder: not empty, no '/', not "." or "..", at most 255 bytes.
bool plain_name(const std::string& s) {
  return !s.empty() && s.find('/') == std::string::npos && s != "." && s != ".." && s.size() <= 255;
}

CatalogFile read_file_entry(const nlohmann::json& j, const std::string& where) {
  if (!j.is_object()) throw Error(ErrorKind::BadFile, where + " is not an object");
  CatalogFile f;
  f.name = text(j, "name", true, where);
  if (!plain_name(f.name))
    throw Error(ErrorKind::BadFile, where + ": the file name \"" + f.name + "\" must be a plain name, not a path");
  f.url = text(j, "url", true, where);
  if (f.url.rfind("https://", 0) != 0 && f.url.rfind("http://", 0) != 0)
    throw Error(ErrorKind::BadFile, where + ": the URL must start with https:// or http://");
  if (const auto it = j.find("size"); it != j.end() && !it->is_null()) {
    if (!it->is_number_unsigned()) throw Error(ErrorKind::BadFile, where + ": \"size\" must be a whole number of bytes");
    f.size = it->get<uint64_t>();
  }
  f.sha256 = lower(text(j, "sha256", false, where));
  if (!f.sha256.empty() && !is_sha256(f.sha256)) throw Error(ErrorKind::BadFile, where + ": \"sha256\" must be 64 hexadecimal digits");
  f.sha256_source = text(j, "sha256_source", false, where);
  if (!f.sha256.empty() && f.sha256_source != "published" && f.sha256_source != "computed")
    throw Error(ErrorKind::BadFile, where + ": \"sha256_source\" must say \"published\" or \"computed\"");
  return f;
}

}  // namespace

std::string relative_path(const CatalogEntry& entry, const CatalogFile& file) {
  return entry.folder.empty() ? file.name : entry.folder + "/" + file.name;
}

const CatalogEntry* Catalog::find(std::string_view id) const {
  const std::string want = lower(std::string(id));
  for (const auto& e : entries)
    if (lower(e.id) == want) return &e;
  return nullptr;
}

fs::path default_catalog_path() {
  if (const char* env = std::getenv(kCatalogEnv); env && *env) return env;
  return data_dir() / "catalog.json";
}

Catalog load_catalog(const fs::path& file) {
  Catalog c;
  c.source = file.empty() ? default_catalog_path() : file;
  const std::string where = "the model catalogue " + c.source.string();
  const std::string bytes = read_regular_file(c.source, kMaxCatalogBytes, "the model catalogue");
  const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) throw Error(ErrorKind::BadFile, where + " is not a JSON object");
  if (!j.contains("version") || j["version"] != 1)
    throw Error(ErrorKind::BadFile, where + ": only version 1 is understood (a newer program may read it)");
  if (!j.contains("models") || !j["models"].is_array()) throw Error(ErrorKind::BadFile, where + " has no \"models\" list");
  std::set<std::string> ids;
  for (const auto& m : j["models"]) {
    const std::string at = where + ", model " + std::to_string(c.entries.size() + 1);
    if (!m.is_object()) throw Error(ErrorKind::BadFile, at + " is not an object");
    CatalogEntry e;
    e.id = text(m, "id", true, at);
    const std::string in = where + ", model \"" + e.id + "\"";
    if (!ids.insert(lower(e.id)).second) throw Error(ErrorKind::BadFile, in + " is listed twice");
    e.name = text(m, "name", true, in);
    e.kind = text(m, "kind", true, in);
    if (e.kind != "clip" && e.kind != "vqgan" && e.kind != "biggan" && e.kind != "vocabulary")
      throw Error(ErrorKind::BadFile, in + ": the kind \"" + e.kind + "\" is none of clip, vqgan, biggan, vocabulary");
    e.description = text(m, "description", false, in);
    e.licence = text(m, "licence", false, in);
    e.approx_size = text(m, "approx_size", false, in);
    e.hf_repo = text(m, "hf_repo", false, in);
    e.folder = text(m, "folder", false, in);
    if (const auto it = m.find("folder"); it != m.end() && !it->is_null() && !plain_name(e.folder))
      throw Error(ErrorKind::BadFile, in + ": the folder \"" + e.folder + "\" must be a plain name, not a path");
    if (const auto it = m.find("needs"); it != m.end()) {
      if (!it->is_array()) throw Error(ErrorKind::BadFile, in + ": \"needs\" must be a list of ids");
      for (const auto& n : *it) {
        if (!n.is_string()) throw Error(ErrorKind::BadFile, in + ": \"needs\" must be a list of ids");
        e.needs.push_back(n.get<std::string>());
      }
    }
    if (!m.contains("files") || !m["files"].is_array() || m["files"].empty())
      throw Error(ErrorKind::BadFile, in + " lists no files");
    for (const auto& f : m["files"]) e.files.push_back(read_file_entry(f, in + ", file " + std::to_string(e.files.size() + 1)));
    c.entries.push_back(std::move(e));
  }
  for (const auto& e : c.entries)
    for (const auto& n : e.needs)
      if (!c.find(n)) throw Error(ErrorKind::BadFile, where + ", model \"" + e.id + "\" needs \"" + n + "\", which it does not list");
  return c;
}

}  // namespace atelier::hub
