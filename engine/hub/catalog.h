// The catalogue of official models the program can fetch (resources/catalog.json, versioned with
// the program): OpenAI's CLIPs and their vocabulary, taming-transformers' ImageNet VQGANs,
// BigGAN-deep (huggingface/pytorch-pretrained-BigGAN's conversion of DeepMind's). Each entry names
// its files with their URL, their size when known and their SHA-256 when one is published (OpenAI
// publishes it inside its URLs; heibox and the BigGAN bucket publish none, so the program verifies
// what it can and records the SHA-256 it computed). No Qt, no torch: the CLI and GUI share it.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::hub {

inline constexpr const char* kCatalogEnv = "CLIP_ATELIER_CATALOG";

struct CatalogFile {
  std::string name;                // installed under this name: "ViT-B-32.pt"
  std::string url;
  std::optional<uint64_t> size;    // bytes, when known
  std::string sha256;              // lower-case hex; empty when none is known
  std::string sha256_source;       // "published" (by the model's authors), "computed" (by this project), "" (none)
};

struct CatalogEntry {
  std::string id;                  // "vit-b-32": what `models fetch` takes
  std::string name;                // "CLIP ViT-B/32"
  std::string kind;                // "clip", "vqgan", "biggan" or "vocabulary"
  std::string description;         // one line: what it is good for
  std::string licence;
  std::string approx_size;         // for people: "338 MB"
  std::vector<std::string> needs;  // ids fetched with it (a CLIP needs the vocabulary)
  std::string hf_repo;             // the same model on the Hugging Face hub ("openai/clip-vit-base-patch32"):
                                   // a snapshot of it in the hub cache counts as found
  std::vector<CatalogFile> files;
  std::string folder;              // a plain name: its files go in this folder of the models folder (a
                                   // BigGAN-deep's config.json and pytorch_model.bin, in "biggan-deep-128",
                                   // where the program finds it); empty: in the models folder itself
};

// Where an entry's file goes, relative to a models folder: "folder/name", or "name". Also the
// file's key in the record of fetched files.
std::string relative_path(const CatalogEntry& entry, const CatalogFile& file);

struct Catalog {
  std::filesystem::path source;    // the file it was read from
  std::vector<CatalogEntry> entries;
  const CatalogEntry* find(std::string_view id) const;  // by id, case-insensitive; null when absent
};

// $CLIP_ATELIER_CATALOG when set, else the shipped resources/catalog.json (data_dir()).
std::filesystem::path default_catalog_path();
// Reads and checks a catalogue (a JSON object {"version": 1, "models": [...]}, at most 1 MB):
// every entry has an id, a kind and files, and a folder that is a plain name when it has one;
// every file a name without a path, an http(s) URL and, when given, a 64-digit SHA-256; needs
// name entries of the catalogue. Error(BadFile) naming the file and the entry otherwise. file
// empty: default_catalog_path().
Catalog load_catalog(const std::filesystem::path& file = {});

}  // namespace atelier::hub
