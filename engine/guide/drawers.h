// Drawers that need no VQGAN (issue 21, item 4; pixray's pixel and fft drawers): the image is
// made straight from parameters that the one guidance loop (detail/loop.h) optimises, so they
// take the prompts, schedules, constraints, motion and higher-resolution passes that CLIP + VQGAN
// takes.
//   Pixel art  a grid of GuideOptions::grid_width x grid_height RGB cells in [0, 1], each shown
//              as a block of width/grid_width x height/grid_height pixels (nearest neighbour);
//              with pixel_palette every cell shows its nearest palette colour (the gradient
//              passes straight through to the cell). Frames' state: the grid, 3 x gh x gw.
//   FFT image  Lucid's Fourier parameterisation: a spectrum (3 x height x (width/2 + 1),
//              complex, stored as real and imaginary parts) scaled by 1 / max(f, 1/max(w, h))^decay,
//              an inverse real FFT, decorrelated colour (Lucid's colour square root) and a
//              sigmoid. Starts as a small random spectrum (a grey image); its gradient reaches
//              every frequency, so it is a well-conditioned canvas for CLIP.
// CLIPDraw's line sketch (black strokes of one width) is a preset of draw::DrawOptions.
#pragma once
#include <string>
#include <string_view>

#include "guide/guide.h"

namespace atelier::guide {

enum class Drawer { Pixel, Fft };

// "pixel" or "fft"; Error(InvalidArgument) naming the choices otherwise.
Drawer parse_drawer(std::string_view name);
const char* to_string(Drawer drawer);

// Runs the loop on the drawer's parameters (GuideOptions::width x height, seed, start_latent...).
// Parameter changes as run_vqgan_guidance takes them.
GuideResult run_drawer_guidance(const clip::Clip& clip, Drawer drawer, const GuideOptions& options, JobContext* ctx);

}  // namespace atelier::guide
