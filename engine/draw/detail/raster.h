// A differentiable rasteriser of open cubic Bézier strokes, in LibTorch (CLIPDraw's renderer,
// without diffvg). Each path is 1 to 3 cubic segments (3 * segments + 1 control points, in
// pixels), a stroke width and an RGBA colour; paths are composited in order, "over", onto a
// plain background. A closed path is a filled shape: its outline (the curve, closed by a straight
// piece back to the start) filled by the nonzero rule, grown by half the width (what SVG draws
// for a fill and a stroke of one colour with round joins).
//
// Design. A stroke's coverage of a pixel is a function of the distance d from the pixel centre
// to the curve: cov = clamp(w/2 - d + 1/2, 0, 1), the exact area of a one-pixel box filter
// across a straight edge, so edges are anti-aliased and the coverage is differentiable where it
// is partial (the edge pixels, which is where a moving curve changes the image). Inside a filled
// shape the distance to the outline counts negatively: cov = clamp(w/2 + d + 1/2, 0, 1), the
// same box filter across the shape's edge, with the gradient's sign flipped. The curve is
// flattened into a polyline (segments subdivided by their control polygon's length, 3 px a
// piece), whose vertices are fixed linear combinations of the control points (the Bernstein
// weights), so gradients flow back to control points exactly through the flattening.
// Cost follows covered pixels, not paths x pixels: paths are binned into 16x16 tiles by their
// bounding boxes, and a pixel visits only the paths of its tile whose box holds it. Forward and
// backward are hand-written CPU kernels (at::parallel_for over tiles, per-thread gradient
// buffers); CUDA tensors are rendered on the CPU and moved back.
#pragma once
#include <ATen/ATen.h>

#include <vector>

namespace atelier::draw {

struct Strokes {
  at::Tensor points;    // [P, 3 * max_segments + 1, 2] (x, y) in pixels; rows past a path's end unused
  at::Tensor widths;    // [P]
  at::Tensor colours;   // [P, 4] RGBA in [0, 1], straight alpha
  at::Tensor segments;  // [P] int64, 1..max_segments
  std::vector<bool> closed;  // per path, or empty (all open): filled shapes, closed by a straight piece back to the start
};

// Renders [3, height, width] in [0, 1]; differentiable in points, widths and colours.
// scale > 1 renders at scale x the size (points and widths scaled) and averages down: the
// supersampled final image.
at::Tensor render(const Strokes& strokes, int64_t width, int64_t height, const std::array<double, 3>& background, int scale = 1);

// Pixel-path pairs visited by the last render on this thread (for the cost tests and the bench).
int64_t last_visits();

}  // namespace atelier::draw
