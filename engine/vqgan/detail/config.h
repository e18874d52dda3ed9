// taming's VQModel configuration and its yaml, without torch: what the loader, the trainer and
// the fuzz harness share. Every configuration is checked against runtime/limits.h before a
// model is built from it, and against the checkpoint's shapes (vqgan/detail/taming.h).
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace atelier::vqgan {

// Parameter names with their shapes, in the order a model's state dict lists them.
using ShapeList = std::vector<std::pair<std::string, std::vector<int64_t>>>;

struct VqganConfig {
  int64_t ch = 128, num_res_blocks = 2, z_channels = 256, resolution = 256, in_channels = 3, out_ch = 3;
  std::vector<int64_t> ch_mult{1, 1, 2, 2, 4};
  std::vector<int64_t> attn_resolutions{16};
  int64_t embed_dim = 256, n_embed = 1024;
  int64_t factor() const { return ch_mult.empty() ? 1 : int64_t(1) << (ch_mult.size() - 1); }  // down-sampling factor
  std::string describe() const;
  // Positive sizes within the stated limits: ch a multiple of 32 (taming's GroupNorm has 32
  // groups) up to limits::kMaxChannels, as is ch x every ch_mult; 1 to kMaxLevels levels; 1 to
  // kMaxResBlocks blocks; up to kMaxCodebook codes; the parameter count up to kMaxParameters.
  // Throws Error(BadFile) naming where, the key (taming's names: ddconfig.ch, n_embed, ...), the
  // value and the limit.
  void validate(const std::string& where) const;
  // Every parameter the model of this configuration has (VqganModelImpl's names and shapes),
  // computed without allocating a tensor. Only for a validated configuration.
  ShapeList parameter_shapes() const;
  int64_t parameter_count() const;
};

// The scalars and lists of scalars of a YAML file, by dotted path ("model.params.ddconfig.ch_mult";
// a scalar is a list of one). Regular files only (a folder, FIFO or device is refused without
// blocking), at most limits::kMaxConfigBytes, nesting at most kMaxConfigDepth (counted as
// libyaml's events arrive: it stops at depth 65 of 200,000 '[' in a millisecond; parsed to
// the end they took 74 s), dotted paths of at most kMaxKeyLength characters, keys and values
// of at most 4 x kMaxConfigBytes kept. Aliases (*name) read as the text "*name". Error(NotFound) when it
// can't be opened, Error(BadFile) naming the file, the line and the limit otherwise.
std::map<std::string, std::vector<std::string>> read_taming_yaml(const std::filesystem::path& file);

// An integer as a YAML config writes it: digits ("32", "+32", "-1"), or a decimal or exponent
// form only when its value is exactly an integer, decided on the digits, not through a double
// ("32.0", "3.2e1" and "3200e-2" read as 32; "3.25e1", "32.000000000000000001", "0x20",
// "1_000", "32px", "" are refused; never silently 3). Error(BadFile) naming where and the value.
int64_t yaml_integer(std::string_view text, const std::string& where);

// taming's configuration from its yaml (model.params.embed_dim, n_embed, ddconfig.*), numbers
// read with yaml_integer, validated (VqganConfig::validate) with the yaml file as where.
VqganConfig config_from_yaml(const std::filesystem::path& file);

}  // namespace atelier::vqgan
