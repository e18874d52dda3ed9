// Images to and from a VQGAN's pixel space ([-1, 1]), as taming's scripts convert them: one
// conversion for loading, reconstruction, guidance's init image and the trainer's evaluation,
// so they all round alike.
#pragma once
#include <ATen/ATen.h>

#include "io/image.h"

namespace atelier::vqgan {

// RGB8 (or RGBA: alpha dropped) -> [1, 3, H, W] in [-1, 1].
inline at::Tensor image_to_tensor(const Image& img) {
  const at::Tensor t = at::from_blob(const_cast<uint8_t*>(img.pixels.data()), {img.height, img.width, img.channels}, at::kByte)
                           .to(at::kFloat)
                           .narrow(2, 0, 3)
                           .permute({2, 0, 1})
                           .unsqueeze(0);
  return t / 127.5 - 1.0;
}

// [3, H, W] in about [-1, 1] -> RGB8 with the reference's clamp and rounding.
inline Image tensor_to_rgb8(const at::Tensor& chw) {
  const at::Tensor u8 = ((chw.detach().clamp(-1, 1) + 1) * 127.5).round().to(at::kByte).permute({1, 2, 0}).contiguous().cpu();
  Image img{int(chw.size(2)), int(chw.size(1)), 3, {}};
  img.pixels.assign(u8.data_ptr<uint8_t>(), u8.data_ptr<uint8_t>() + u8.numel());
  return img;
}

}  // namespace atelier::vqgan
