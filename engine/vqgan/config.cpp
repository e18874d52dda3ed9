// taming's configuration and its yaml, without torch (vqgan/detail/config.h): the loader,
// the trainer and the fuzz harness share these.
#include "vqgan/detail/config.h"

#include <yaml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>

#include "io/input_file.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace fs = std::filesystem;

namespace atelier::vqgan {

namespace {
bool has(const std::vector<int64_t>& v, int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

std::string VqganConfig::describe() const {
  std::string mult;
  for (auto m : ch_mult) mult += (mult.empty() ? "" : ",") + std::to_string(m);
  return "VQGAN f" + std::to_string(factor()) + ", " + std::to_string(n_embed) + " codes of " + std::to_string(embed_dim) + ", ch " +
         std::to_string(ch) + " x (" + mult + "), " + std::to_string(num_res_blocks) + " res blocks";
}

namespace {
// value within [lo, hi], or Error(BadFile) naming where, the key, the value and the limits.
void within(const std::string& where, const std::string& key, int64_t value, int64_t lo, int64_t hi) {
  if (value < lo || value > hi)
    throw Error(ErrorKind::BadFile, where + ": " + key + " is " + std::to_string(value) + "; it must be from " + std::to_string(lo) +
                                        " to " + std::to_string(hi) + " (the stated limits)");
}
}  // namespace

void VqganConfig::validate(const std::string& where) const {
  within(where, "ddconfig.ch", ch, 1, limits::kMaxChannels);
  if (ch % 32 != 0)
    throw Error(ErrorKind::BadFile, where + ": ddconfig.ch is " + std::to_string(ch) +
                                        ", not a multiple of 32 (taming's group norms have 32 groups)");
  within(where, "the length of ddconfig.ch_mult", int64_t(ch_mult.size()), 1, limits::kMaxLevels);
  for (size_t i = 0; i < ch_mult.size(); ++i)
    within(where, "ddconfig.ch_mult[" + std::to_string(i) + "] (ch " + std::to_string(ch) + " times it may be at most " +
                      std::to_string(limits::kMaxChannels) + " channels)",
           ch_mult[i], 1, limits::kMaxChannels / ch);
  within(where, "ddconfig.num_res_blocks", num_res_blocks, 1, limits::kMaxResBlocks);
  within(where, "ddconfig.z_channels", z_channels, 1, limits::kMaxChannels);
  within(where, "ddconfig.in_channels", in_channels, 1, limits::kMaxChannels);
  within(where, "ddconfig.out_ch", out_ch, 1, limits::kMaxChannels);
  within(where, "ddconfig.resolution", resolution, 1, limits::kMaxImageSide);
  within(where, "the length of ddconfig.attn_resolutions", int64_t(attn_resolutions.size()), 0, 64);
  for (size_t i = 0; i < attn_resolutions.size(); ++i)
    within(where, "ddconfig.attn_resolutions[" + std::to_string(i) + "]", attn_resolutions[i], 1, limits::kMaxImageSide);
  within(where, "embed_dim", embed_dim, 1, limits::kMaxChannels);
  within(where, "n_embed", n_embed, 1, limits::kMaxCodebook);
  const int64_t n = parameter_count();
  if (n > int64_t(limits::kMaxParameters))
    throw Error(ErrorKind::BadFile, where + ": " + describe() + " has " + std::to_string(n) + " parameters, more than the limit of " +
                                        std::to_string(limits::kMaxParameters));
}

ShapeList VqganConfig::parameter_shapes() const {
  // named_parameters()' order: each module's own parameters, then its children's in the order
  // they were registered, depth first (a level's blocks, then its attentions, then its resampling).
  ShapeList s;
  auto conv = [&](const std::string& name, int64_t in, int64_t out, int64_t k) {
    s.push_back({name + ".weight", {out, in, k, k}});
    s.push_back({name + ".bias", {out}});
  };
  auto norm = [&](const std::string& name, int64_t c) {
    s.push_back({name + ".weight", {c}});
    s.push_back({name + ".bias", {c}});
  };
  auto resnet = [&](const std::string& p, int64_t in, int64_t out) {
    norm(p + "norm1", in);
    conv(p + "conv1", in, out, 3);
    norm(p + "norm2", out);
    conv(p + "conv2", out, out, 3);
    if (in != out) conv(p + "nin_shortcut", in, out, 1);
  };
  auto attn = [&](const std::string& p, int64_t c) {
    norm(p + "norm", c);
    for (const char* m : {"q", "k", "v", "proj_out"}) conv(p + m, c, c, 1);
  };
  auto mid = [&](const std::string& p, int64_t c) {
    resnet(p + "mid.block_1.", c, c);
    attn(p + "mid.attn_1.", c);
    resnet(p + "mid.block_2.", c, c);
  };
  const int64_t n = int64_t(ch_mult.size());
  // Encoder.
  conv("encoder.conv_in", in_channels, ch, 3);
  int64_t res = resolution, block_in = ch;
  for (int64_t i = 0; i < n; ++i) {
    const std::string p = "encoder.down." + std::to_string(i) + ".";
    const int64_t block_out = ch * ch_mult[size_t(i)];
    block_in = ch * (i == 0 ? 1 : ch_mult[size_t(i - 1)]);
    for (int64_t b = 0; b < num_res_blocks; ++b) {
      resnet(p + "block." + std::to_string(b) + ".", block_in, block_out);
      block_in = block_out;
    }
    if (has(attn_resolutions, res))
      for (int64_t b = 0; b < num_res_blocks; ++b) attn(p + "attn." + std::to_string(b) + ".", block_in);
    if (i != n - 1) {
      conv(p + "downsample.conv", block_in, block_in, 3);
      res /= 2;
    }
  }
  mid("encoder.", block_in);
  norm("encoder.norm_out", block_in);
  conv("encoder.conv_out", block_in, z_channels, 3);
  // Decoder: its levels are built from the last to the first, and listed in level order.
  block_in = ch * ch_mult[size_t(n - 1)];
  res = resolution >> (n - 1);
  conv("decoder.conv_in", z_channels, block_in, 3);
  mid("decoder.", block_in);
  std::vector<ShapeList> levels(static_cast<size_t>(n));
  for (int64_t i = n - 1; i >= 0; --i) {
    ShapeList outer;
    s.swap(outer);  // the helpers append to s: collect this level's entries on their own
    const std::string p = "decoder.up." + std::to_string(i) + ".";
    const int64_t block_out = ch * ch_mult[size_t(i)];
    for (int64_t b = 0; b < num_res_blocks + 1; ++b) {
      resnet(p + "block." + std::to_string(b) + ".", block_in, block_out);
      block_in = block_out;
    }
    if (has(attn_resolutions, res))
      for (int64_t b = 0; b < num_res_blocks + 1; ++b) attn(p + "attn." + std::to_string(b) + ".", block_in);
    if (i != 0) {
      conv(p + "upsample.conv", block_in, block_in, 3);
      res *= 2;
    }
    levels[size_t(i)].swap(s);
    s.swap(outer);
  }
  for (auto& level : levels) s.insert(s.end(), level.begin(), level.end());
  norm("decoder.norm_out", block_in);
  conv("decoder.conv_out", block_in, out_ch, 3);
  // The quantiser and the 1x1 convolutions around it.
  s.push_back({"quantize.embedding.weight", {n_embed, embed_dim}});
  conv("quant_conv", z_channels, embed_dim, 1);
  conv("post_quant_conv", embed_dim, z_channels, 1);
  return s;
}

int64_t VqganConfig::parameter_count() const {
  int64_t total = 0;  // each dimension is within the limits here: no product overflows
  for (const auto& [name, shape] : parameter_shapes()) {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    total += n;
  }
  return total;
}

namespace {

std::string read_config_bytes(const fs::path& file) { return read_regular_file(file, limits::kMaxConfigBytes, "the config"); }

}  // namespace

std::map<std::string, std::vector<std::string>> read_taming_yaml(const fs::path& file) {
  const std::string data = read_config_bytes(file);
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  std::map<std::string, std::vector<std::string>> out;
  std::string key;                  // the dotted path of the open mappings' keys
  std::vector<size_t> key_lengths;  // key's length before each part was appended
  std::vector<bool> expect_key;     // per open mapping: is the next scalar a key?
  std::vector<bool> in_list;        // per open collection: a sequence?
  uint64_t kept = 0;                // bytes of dotted keys and values kept
  const uint64_t kMaxKept = 4 * limits::kMaxConfigBytes;
  bool done = false;
  std::string error;
  auto fail = [&](const yaml_event_t& ev, const std::string& what) {
    error = "line " + std::to_string(ev.start_mark.line + 1) + ": " + what;
  };
  auto pop_key = [&] {
    if (key_lengths.empty()) return;
    key.resize(key_lengths.back());
    key_lengths.pop_back();
  };
  auto finish_value = [&] {
    if (!expect_key.empty() && (in_list.empty() || !in_list.back())) {
      expect_key.back() = true;
      pop_key();
    }
  };
  auto keep = [&](const yaml_event_t& ev, const std::string& value, bool append) {
    auto [it, fresh] = out.try_emplace(key);
    kept += value.size() + (fresh ? key.size() : 0);  // the dotted paths are what could multiply
    if (kept > kMaxKept) {
      fail(ev, "more than " + std::to_string(kMaxKept) + " bytes of keys and values (the limit)");
      return;
    }
    if (append) it->second.push_back(value);
    else it->second = {value};
  };
  while (!done && error.empty()) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      error = (parser.problem ? std::string(parser.problem) : std::string("unreadable YAML")) + " (line " +
              std::to_string(parser.problem_mark.line + 1) + ")";
      break;
    }
    std::string value;  // a scalar's text, or an alias as "*name"
    bool scalar = false;
    switch (ev.type) {
      case YAML_MAPPING_START_EVENT:
      case YAML_SEQUENCE_START_EVENT:
        if (in_list.size() >= size_t(limits::kMaxConfigDepth)) {
          fail(ev, "nested deeper than " + std::to_string(limits::kMaxConfigDepth) + " levels (the limit)");
          break;
        }
        if (ev.type == YAML_MAPPING_START_EVENT) expect_key.push_back(true);
        in_list.push_back(ev.type == YAML_SEQUENCE_START_EVENT);
        break;
      case YAML_MAPPING_END_EVENT:
        if (!expect_key.empty()) expect_key.pop_back();
        if (!in_list.empty()) in_list.pop_back();
        finish_value();
        break;
      case YAML_SEQUENCE_END_EVENT:
        if (!in_list.empty()) in_list.pop_back();
        finish_value();
        break;
      case YAML_SCALAR_EVENT:
        value.assign(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        scalar = true;
        break;
      case YAML_ALIAS_EVENT:
        value = std::string("*") + reinterpret_cast<const char*>(ev.data.alias.anchor);
        scalar = true;
        break;
      case YAML_STREAM_END_EVENT: done = true; break;
      default: break;
    }
    if (scalar) {
      if (!in_list.empty() && in_list.back()) {
        keep(ev, value, true);
      } else if (!expect_key.empty() && expect_key.back()) {
        key_lengths.push_back(key.size());
        key += (key.empty() ? "" : ".") + value;
        if (key.size() > limits::kMaxKeyLength)
          fail(ev, "the key '" + shown(key) + "' is longer than the limit of " + std::to_string(limits::kMaxKeyLength) + " characters");
        expect_key.back() = false;
      } else {
        keep(ev, value, false);
        finish_value();
      }
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  if (!error.empty()) throw Error(ErrorKind::BadFile, file.string() + ": " + error);
  return out;
}

namespace {
// A decimal or exponent form ("32.0", "3.2e1", "3200e-2") whose value is exactly an integer, read
// digit by digit (no floating point, so no rounding can turn 32.000000000000000001 into 32).
std::optional<int64_t> exact_integer(std::string_view t) {
  size_t i = 0;
  const bool negative = i < t.size() && t[i] == '-';
  if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
  std::string digits;
  int64_t fraction = 0;
  for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) digits += t[i];
  if (i < t.size() && t[i] == '.')
    for (++i; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i, ++fraction) digits += t[i];
  if (digits.empty() || digits.size() > 64) return std::nullopt;
  int64_t exponent = 0;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    const std::string_view e = t.substr(i + 1);
    const size_t sign = !e.empty() && (e[0] == '+' || e[0] == '-') ? 1 : 0;
    if (e.size() <= sign || e.size() > sign + 4) return std::nullopt;
    auto v = parse_int(e);
    if (!v) return std::nullopt;
    exponent = *v;
    i = t.size();
  }
  if (i != t.size()) return std::nullopt;
  const size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  digits.erase(0, first);
  const int64_t shift = exponent - fraction;  // the value is digits x 10^shift
  if (shift < 0) {
    if (int64_t(digits.size()) <= -shift) return std::nullopt;  // below 1, and not 0
    const std::string_view dropped = std::string_view(digits).substr(digits.size() - size_t(-shift));
    if (dropped.find_first_not_of('0') != std::string_view::npos) return std::nullopt;
    digits.resize(digits.size() - size_t(-shift));
  } else {
    if (int64_t(digits.size()) + shift > 18) return std::nullopt;
    digits.append(size_t(shift), '0');
  }
  auto v = parse_int(digits);
  if (!v) return std::nullopt;
  return negative ? -*v : *v;
}
}  // namespace

int64_t yaml_integer(std::string_view text, const std::string& where) {
  if (auto v = parse_int(text)) return *v;
  if (auto v = exact_integer(text)) return *v;
  throw Error(ErrorKind::BadFile, where + ": '" + shown(text) + "' is not an integer");
}

VqganConfig config_from_yaml(const fs::path& file) {
  const auto y = read_taming_yaml(file);
  auto one = [&](const std::string& key) -> int64_t {
    auto it = y.find(key);
    if (it == y.end() || it->second.empty()) throw Error(ErrorKind::BadFile, file.string() + " has no " + key);
    if (it->second.size() != 1)
      throw Error(ErrorKind::BadFile, file.string() + ", key " + key + ": a list of " + std::to_string(it->second.size()) +
                                          " values where one number is expected");
    return yaml_integer(it->second[0], file.string() + ", key " + key);
  };
  auto list = [&](const std::string& key) {
    std::vector<int64_t> v;
    auto it = y.find(key);
    if (it != y.end())
      for (size_t i = 0; i < it->second.size(); ++i)
        v.push_back(yaml_integer(it->second[i], file.string() + ", key " + key + "[" + std::to_string(i) + "]"));
    return v;
  };
  const std::string p = "model.params.", d = "model.params.ddconfig.";
  VqganConfig c;
  c.embed_dim = one(p + "embed_dim");
  c.n_embed = one(p + "n_embed");
  c.ch = one(d + "ch");
  c.ch_mult = list(d + "ch_mult");
  c.num_res_blocks = one(d + "num_res_blocks");
  c.attn_resolutions = list(d + "attn_resolutions");
  c.z_channels = one(d + "z_channels");
  c.resolution = one(d + "resolution");
  c.in_channels = one(d + "in_channels");
  c.out_ch = one(d + "out_ch");
  if (c.ch_mult.empty()) throw Error(ErrorKind::BadFile, file.string() + " has no " + d + "ch_mult");
  c.validate(file.string());
  return c;
}

}  // namespace atelier::vqgan
