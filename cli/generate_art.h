// generate's art options (issue 21, items 2, 4 and 5): the drawers that need no VQGAN
// (--generator pixel|fft), motion between frames (--zoom, --rotate, --shift-x, --shift-y,
// --smoothing) over a run of --frames N frames, the video's size and hold, and a higher-resolution
// pass (--hires STEPS). They set GuideOptions' fields; the run itself is generate's one guidance
// call (cmd_generate.cpp).
#pragma once
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "guide/drawers.h"
#include "guide/guide.h"
#include "io/animation.h"

namespace atelier::cli {

struct ArtArgs {
  std::string pixels = "32x32";  // pixel art's grid
  std::string frames;            // N (a run of N frames) or a folder for the frames (kept for scripts)
  std::string frames_dir;        // the folder for the frames
  std::string video_size;        // WxH
  double hold = 0;               // seconds the video rests on the last frame
  int hires = 0;                 // steps of the x2 pass (0: none)
  int frame_count = 0;           // from --frames N
};

// Adds the flags to generate; o is the base run's options (it outlives the parse).
void add_art_options(CLI::App* generate, guide::GuideOptions& o, ArtArgs& a);

// After the parse, before any model loads: the drawer (when --generator is pixel or fft; its grid
// from --pixels), --frames N (the steps become N x save_every; refused beside --steps), and every
// check (motion's bounds, the grid dividing the size, the x2 size within the limits, the
// generator taking motion and --hires). Error(InvalidArgument) naming the flag.
// steps_given: whether --steps was given. gan: CLIP + GAN or BigGAN (no way back from an image).
std::optional<guide::Drawer> apply_art_options(const std::string& generator, guide::GuideOptions& o, ArtArgs& a, bool steps_given,
                                               bool gan);

// The options of the x2 pass after a run that ended on result's latent: the same prompts and
// settings at twice the size (pixel art: twice the cells, each the same size), `steps` steps.
guide::GuideOptions hires_options(const guide::GuideOptions& run, const std::vector<float>& latent, int steps);

// The video's options: fps, hold, --video-size (else the largest frame, enlarged to at least 256
// pixels on its longer side).
AnimationOptions video_options(const ArtArgs& a, double fps, int largest_width, int largest_height);

}  // namespace atelier::cli
