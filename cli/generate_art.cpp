#include "generate_art.h"

#include <algorithm>
#include <cctype>

#include "cli_common.h"
#include "guide/constraints.h"
#include "runtime/error.h"
#include "runtime/limits.h"

namespace atelier::cli {

namespace {
[[noreturn]] void refuse(const std::string& why) { throw Error(ErrorKind::InvalidArgument, why); }

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}
}  // namespace

void add_art_options(CLI::App* c, guide::GuideOptions& o, ArtArgs& a) {
  c->add_option("--pixels", a.pixels, "--generator pixel: the grid of cells, WxH (default 32x32; it must divide --size)");
  c->add_option("--pixel-palette", o.pixel_palette,
                "--generator pixel: every cell one of these colours, \"#rrggbb,#rrggbb,...\" (at most 64)");
  c->add_option("--fft-decay", o.fft_decay, "--generator fft: the spectrum's falloff, 1 / frequency^DECAY (default 1; 0 to 4)");
  c->add_option("--zoom", o.zoom, "Motion: zoom about the centre per frame (1.02 zooms in 2%; 0.5 to 2)");
  c->add_option("--rotate", o.rotate, "Motion: degrees per frame, anticlockwise (-45 to 45)");
  c->add_option("--shift-x", o.shift_x, "Motion: pixels per frame to the right (negative: left)");
  c->add_option("--shift-y", o.shift_y, "Motion: pixels per frame downwards (negative: up)");
  c->add_option("--smoothing", o.smoothing,
                "Frames from a moving average of the latent, against flicker: 0 (off) to 0.999 (e.g. 0.9)");
  c->add_option("--frames", a.frames,
                "N: a run of N frames, one every --save-every steps (in place of --steps; the video gets N frames); "
                "a folder (not all digits; e.g. ./300): the frames as numbered PNGs, as --frames-dir")
      ->type_name("N|DIR");
  c->add_option("--frames-dir", a.frames_dir, "A folder for the frames as numbered PNGs");
  c->add_option("--video-size", a.video_size, "The animation's size, WxH (default: the frames', enlarged to at least 256 pixels)");
  c->add_option("--hold", a.hold, "Seconds the animation rests on the last frame (0 to 600)")->check(CLI::Range(0.0, 600.0));
  c->add_option("--hires", a.hires,
                "A higher-resolution pass: after the run, STEPS more at twice the size from its latent (VQGAN, pixel and fft); "
                "--out is the x2 image")
      ->type_name("STEPS")
      ->check(CLI::Range(1, 100000));
}

std::optional<guide::Drawer> apply_art_options(const std::string& generator, guide::GuideOptions& o, ArtArgs& a, bool steps_given,
                                               bool gan) {
  std::optional<guide::Drawer> drawer;
  if (generator == "pixel" || generator == "fft") drawer = guide::parse_drawer(generator);
  if (drawer == guide::Drawer::Pixel) {
    const Size grid = parse_size(a.pixels, "--pixels", limits::kMaxSizeOptionSide, limits::kMaxGuidePixels);
    o.grid_width = grid.width, o.grid_height = grid.height;
    if (o.width % o.grid_width || o.height % o.grid_height)
      refuse("--pixels " + a.pixels + " must divide --size " + std::to_string(o.width) + "x" + std::to_string(o.height) +
             " (each cell a whole block of pixels)");
    if (!o.pixel_palette.empty()) guide::parse_palette(o.pixel_palette);
  } else if (!o.pixel_palette.empty()) {
    refuse("--pixel-palette is for --generator pixel");
  }
  // --frames N: a run of N frames; a folder otherwise.
  if (all_digits(a.frames)) {
    if (steps_given) refuse("give --steps or --frames N, not both (--frames N runs N x --save-every steps)");
    if (a.frames.size() > 6 || std::stoi(a.frames) < 1 || std::stoi(a.frames) > 100000) refuse("--frames N takes 1 to 100000 frames");
    a.frame_count = std::stoi(a.frames);
    o.steps = a.frame_count * std::max(1, o.frame_every);
    if (o.steps > 1000000) refuse("--frames " + a.frames + " x --save-every " + std::to_string(o.frame_every) + " is over a million steps");
  } else if (!a.frames.empty()) {
    if (!a.frames_dir.empty()) refuse("give the frames' folder once: --frames-dir (or --frames DIR)");
    a.frames_dir = a.frames;
  }
  if (!a.video_size.empty()) parse_size(a.video_size, "--video-size", limits::kMaxSizeOptionSide, limits::kMaxGuidePixels * 16);
  guide::check_motion(o);
  if (gan && guide::has_motion(o))
    refuse("motion (--zoom, --rotate, --shift-x, --shift-y) needs a generator that can take an image back: CLIP + VQGAN, "
           "--generator pixel or fft");
  if (a.hires > 0) {
    if (gan) refuse("--hires is for CLIP + VQGAN and the drawers: a GAN's images have the generator's own size");
    const int w = o.width * 2, h = o.height * 2;
    if (w > limits::kMaxSizeOptionSide || uint64_t(w) * uint64_t(h) > limits::kMaxGuidePixels)
      refuse("--hires: twice " + std::to_string(o.width) + "x" + std::to_string(o.height) + " is " + std::to_string(w) + "x" +
             std::to_string(h) + ", over the " + std::to_string(limits::kMaxGuidePixels) + " pixels a run may have");
  }
  return drawer;
}

guide::GuideOptions hires_options(const guide::GuideOptions& run, const std::vector<float>& latent, int steps) {
  guide::GuideOptions o = run;
  o.start_latent = latent;
  o.start_width = run.width, o.start_height = run.height;
  o.width = run.width * 2, o.height = run.height * 2;
  o.grid_width = run.grid_width * 2, o.grid_height = run.grid_height * 2;
  o.steps = steps;
  o.init_image.clear();  // the latent is the start now
  o.init_weight = 0;
  return o;
}

AnimationOptions video_options(const ArtArgs& a, double fps, int largest_width, int largest_height) {
  AnimationOptions o;
  o.fps = fps;
  o.hold_last = a.hold;
  if (!a.video_size.empty()) {
    const Size size = parse_size(a.video_size, "--video-size", limits::kMaxSizeOptionSide, limits::kMaxGuidePixels * 16);
    o.width = size.width, o.height = size.height;
  } else {
    const int scale = std::max(1, 256 / std::max(1, std::max(largest_width, largest_height)));
    o.width = largest_width * scale, o.height = largest_height * scale;
  }
  return o;
}

}  // namespace atelier::cli
