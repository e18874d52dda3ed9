// Where models are looked for, resolved here so that the GUI, the CLI and the tests agree.
// Searched in this order (the first match of a name wins, so a user's file overrides a shipped one):
//   1. each folder of $CLIP_ATELIER_MODELS (colon-separated),
//   2. the user's folder: $XDG_DATA_HOME/clip-atelier/models (~/.local/share/... by default),
//   3. folders other tools fill, when they exist (no copying): OpenAI's ~/.cache/clip and the
//      snapshots of openai/clip-vit-* models in the Hugging Face hub cache,
//   4. the embedded models: <prefix>/share/clip-atelier/models once installed, else resources/models
//      of the source tree the program was built from.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace atelier {

inline constexpr const char* kModelPathEnv = "CLIP_ATELIER_MODELS";

enum class ModelDirKind { Environment, User, Found, Embedded };
const char* to_string(ModelDirKind kind);

struct ModelDir {
  ModelDirKind kind;
  std::filesystem::path path;
  bool exists = false;
};

struct ModelFile {
  std::filesystem::path path;
  std::string format;  // "safetensors", "pytorch-zip", "pickle", "unknown"
  std::uintmax_t bytes = 0;
  ModelDirKind from;
};

// The program's shipped data (models, sample photos): installed or source tree.
std::filesystem::path data_dir();
// $XDG_DATA_HOME/clip-atelier (or ~/.local/share/clip-atelier): Qt's AppDataLocation for this app.
std::filesystem::path user_data_dir();
std::vector<ModelDir> model_search_paths();
// Folders other tools fill, those that exist: $HOME/.cache/clip (where clip.load puts OpenAI's
// checkpoints) and each models--openai--clip-vit-*/snapshots folder of the Hugging Face hub
// cache ($HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub).
std::vector<std::filesystem::path> discovered_model_dirs();
// Checkpoint files (.safetensors .pt .pth .bin .ckpt) in the existing folders, and the weights of
// model folders one level down (model.safetensors or pytorch_model.bin).
std::vector<ModelFile> find_models(const std::vector<ModelDir>& dirs);
// The default CLIP: the first "mini-clip" folder (or mini-clip.safetensors) in the search paths,
// so a user's own copy overrides the shipped one. Empty when there is none.
std::filesystem::path find_default_clip();
// Every such mini-CLIP, in that order: where to fall back to when the first fails to load.
std::vector<std::filesystem::path> default_clip_candidates();
// A checkpoint's container format, from its first bytes (never trusting the extension alone).
std::string sniff_format(const std::filesystem::path& file);

}  // namespace atelier
