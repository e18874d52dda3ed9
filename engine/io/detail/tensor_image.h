// Tensors to images: one conversion for every generator's output.
#pragma once
#include <ATen/ATen.h>

#include "io/image.h"

namespace atelier {

// [3, H, W] in [0, 1] (any device) -> RGB8, rounded.
inline Image tensor_to_image(const at::Tensor& chw) {
  const at::Tensor u8 = (chw.detach().clamp(0, 1) * 255).round().to(at::kByte).permute({1, 2, 0}).contiguous().cpu();
  Image img{int(chw.size(2)), int(chw.size(1)), 3, {}};
  img.pixels.assign(u8.data_ptr<uint8_t>(), u8.data_ptr<uint8_t>() + u8.numel());
  return img;
}

}  // namespace atelier
