// Motion between the frames of a guided run (GuideOptions::zoom, rotate, shift_x, shift_y): the
// image moved in pixel space, for the loop to take back to the latent.
#pragma once
#include <ATen/ATen.h>

#include "guide/guide.h"

namespace atelier::guide::detail {

// image [N, 3, H, W]: zoomed by o.zoom about the centre, rotated by o.rotate degrees
// (anticlockwise on the screen) and shifted by (shift_x, shift_y) pixels (right, down), in that
// order, all in pixels (a non-square image is not stretched). Bilinear; what comes from outside
// the image repeats its edge (as a zoom out or a shift must show something there).
at::Tensor move_image(const at::Tensor& image, const GuideOptions& o);

}  // namespace atelier::guide::detail
