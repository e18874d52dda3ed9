#include "train/detail/grow.h"

#include <ATen/ATen.h>

#include <map>
#include <string_view>

#include "runtime/error.h"

namespace atelier::train {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Keys under prefix by block: block index -> (the rest of the key -> tensor).
std::map<int64_t, std::map<std::string, at::Tensor>> blocks_of(const io::StateDict& weights, const std::string& prefix) {
  std::map<int64_t, std::map<std::string, at::Tensor>> blocks;
  for (const auto& [key, value] : weights) {
    if (!starts_with(key, prefix)) continue;
    const std::string rest = key.substr(prefix.size());
    const auto dot = rest.find('.');
    if (dot == std::string::npos || dot == 0 || rest.find_first_not_of("0123456789") != dot)
      throw Error(ErrorKind::BadFile, "the key '" + key + "' has no block index after " + prefix);
    blocks[std::stoll(rest.substr(0, dot))][rest.substr(dot + 1)] = value;
  }
  return blocks;
}

bool is_output_projection(const std::string& name) {
  return name == "attn.out_proj.weight" || name == "attn.out_proj.bias" || name == "mlp.c_proj.weight" || name == "mlp.c_proj.bias";
}

}  // namespace

io::StateDict grow_tower(const io::StateDict& weights, const std::string& prefix, int64_t layers) {
  const auto blocks = blocks_of(weights, prefix);
  const auto old = int64_t(blocks.size());
  if (old == 0) throw Error(ErrorKind::BadFile, "no blocks under " + prefix + ": not a CLIP");
  if (blocks.rbegin()->first != old - 1) throw Error(ErrorKind::BadFile, "the blocks under " + prefix + " are not numbered 0 to " + std::to_string(old - 1));
  if (layers < old)
    throw Error(ErrorKind::InvalidArgument, "a model is grown, not cut: " + prefix + " has " + std::to_string(old) +
                                                " blocks, more than the " + std::to_string(layers) + " asked for");
  io::StateDict out;
  for (const auto& [key, value] : weights)
    if (!starts_with(key, prefix)) out[key] = value;
  const int64_t added = layers - old;
  int64_t next = 0;
  for (int64_t i = 0; i < old; ++i) {
    for (const auto& [name, value] : blocks.at(i)) out[prefix + std::to_string(next) + "." + name] = value;
    ++next;
    // After old block i come the new blocks whose share falls to it: (i+1)*added/old - i*added/old.
    const int64_t copies = (i + 1) * added / old - i * added / old;
    for (int64_t c = 0; c < copies; ++c, ++next)
      for (const auto& [name, value] : blocks.at(i))
        out[prefix + std::to_string(next) + "." + name] = is_output_projection(name) ? at::zeros_like(value) : value.clone();
  }
  return out;
}

io::StateDict grow_clip(const io::StateDict& weights, int64_t vision_layers, int64_t text_layers) {
  io::StateDict out = weights;
  if (vision_layers > 0) out = grow_tower(out, "visual.transformer.resblocks.", vision_layers);
  if (text_layers > 0) out = grow_tower(out, "transformer.resblocks.", text_layers);
  return out;
}

}  // namespace atelier::train
