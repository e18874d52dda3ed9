// The models of the catalogue on this machine: installed in the user's models folder, found
// where other tools put them (OpenAI's ~/.cache/clip, the Hugging Face hub cache), or not
// installed; fetched (with what they need), verified and removed (from the user's folder only).
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "hub/catalog.h"
#include "hub/download.h"

namespace atelier::hub {

enum class InstallState { Installed, Found, Missing };
const char* to_string(InstallState state);  // "installed", "found", "not installed"

struct ModelStatus {
  const CatalogEntry* entry = nullptr;
  InstallState state = InstallState::Missing;
  std::vector<std::filesystem::path> files;  // where each of its files is (Installed, Found)
  std::string recorded_sha256;               // of its first file, as verified when it was fetched
};

// The user's models folder: where fetch puts files and the only place remove touches.
std::filesystem::path default_install_dir();
// The catalogue's models as they are here (dir: the install folder; empty: the default).
std::vector<ModelStatus> model_status(const Catalog& catalog, const std::filesystem::path& dir = {});

// Folders other tools fill that the program searches too (no copying): ~/.cache/clip, and each
// snapshot folder of an openai/clip-vit-* model in the Hugging Face hub cache ($HF_HUB_CACHE,
// $HF_HOME/hub or ~/.cache/huggingface/hub). Only those that exist.
std::vector<std::filesystem::path> discovered_model_dirs();

struct FetchProgress {
  std::string id;               // the entry being fetched
  DownloadProgress file;
  int file_index = 0, file_count = 0;
};

// Fetches an entry's files and those of the entries it needs (skipping what is installed and
// verified) into dir; a file whose SHA-256 is not published gets the computed one recorded
// (dir/.clip-atelier-fetched.json). Returns the entries fetched, needs first.
std::vector<std::string> fetch(const Catalog& catalog, const std::string& id, const std::filesystem::path& dir = {},
                               const std::function<void(const FetchProgress&)>& progress = {},
                               const std::function<bool()>& cancelled = {}, const DownloadOptions& options = {});

// Opens an entry's fetched files with the program's own readers (nothing in them is run) and
// returns the architecture read ("" for a vocabulary); Error(BadFile) naming the entry when they
// do not load as its kind. Where no checksum is published, this is what proves the download.
std::string check_loads(const CatalogEntry& entry, const std::filesystem::path& dir = {});

struct Verified {
  std::filesystem::path file;
  bool ok = false;
  std::string sha256;           // computed now
  std::string message;          // what matched ("SHA-256 as published", "as recorded at fetch") or what did not
};
// Checks an installed or found entry's files: size, SHA-256 against the published or recorded one.
std::vector<Verified> verify(const Catalog& catalog, const std::string& id, const std::filesystem::path& dir = {});

// Removes an entry's files from dir (the user's folder) and their .part files; never a found file
// elsewhere. Returns the files removed; Error(NotFound) when none was there.
std::vector<std::filesystem::path> remove(const Catalog& catalog, const std::string& id, const std::filesystem::path& dir = {});

}  // namespace atelier::hub
