// Deepening a trained CLIP without changing what it computes: new transformer blocks whose
// outputs start at zero. In a pre-norm residual block x + attn(ln_1(x)) + mlp(ln_2(...)), a
// block whose attention output projection and MLP output projection are zero adds nothing, so
// the deeper model computes exactly what the trained one did; training then gives the new
// blocks their share of the work (Chen, Goodfellow and Shlens 2016, Net2Net, the identity
// initialisation of new layers). The mini-CLIP has 2 M parameters and every fine-tune so far
// moved capacity between its kinds of data rather than adding any: growing it keeps what it
// knows and adds room.
#pragma once
#include <cstdint>
#include <string>

#include "io/detail/checkpoint.h"

namespace atelier::train {

// The blocks of one tower under prefix ("visual.transformer.resblocks." or
// "transformer.resblocks.") grown from their number to `layers`: each new block is a copy of the
// trained block before it (so its attention and MLP start from features that mean something)
// with its two output projections (attn.out_proj, mlp.c_proj: weights and biases) zeroed; the
// new blocks are spread evenly among the old (4 grown to 8: old, new, old, new...). Other keys
// are kept as they are. Error(InvalidArgument) when `layers` is below the tower's blocks.
io::StateDict grow_tower(const io::StateDict& weights, const std::string& prefix, int64_t layers);

// Both towers: vision_layers / text_layers of 0 keep that tower as it is.
io::StateDict grow_clip(const io::StateDict& weights, int64_t vision_layers, int64_t text_layers);

}  // namespace atelier::train
