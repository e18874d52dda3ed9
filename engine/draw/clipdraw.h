// CLIPDraw (Frans, Soros & Witkowski 2021): coloured Bézier strokes optimised through the
// differentiable rasteriser so that CLIP finds the drawing close to the prompts. Plain C++ API:
// drawings in, drawings and images out; the run reports through a JobContext (pause, resume,
// cancel, prompts and learning rates changed while it runs).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier {
class JobContext;
namespace clip { class Clip; }
}  // namespace atelier

namespace atelier::draw {

struct StrokePath {
  int segments = 1;                              // cubic segments: 3 * segments + 1 points
  std::vector<std::array<double, 2>> points;     // pixels
  double width = 1;
  std::array<double, 4> rgba{0, 0, 0, 1};        // straight alpha
  bool closed = false;                           // a filled shape (closed back to the start), outlined by width
};

struct Drawing {
  int width = 224, height = 224;
  std::array<double, 3> background{1, 1, 1};
  std::vector<StrokePath> paths;  // drawn in order
};

struct DrawOptions {
  std::string prompts = "a red heart";  // "text:weight | text:weight" (negative weights push away)
  std::string style;                   // a prefix for every positive prompt, e.g. "a watercolour painting of"
  int paths = 256;                     // the original's defaults below
  int max_segments = 3;
  double max_width = 50;
  int size = 224;
  int steps = 1000;
  uint64_t seed = 0;
  std::array<double, 3> background{1, 1, 1};
  int augmentations = 4;               // augmented copies per step
  double blur = 0.0;                   // each copy blurred, sigma uniform in [0, blur] pixels of CLIP's input
  double lr_points = 1.0, lr_widths = 0.1, lr_colours = 0.01;
  int frame_every = 5;                 // a frame every N steps (and the last)
  bool closed = false;                 // filled closed shapes (blobs) instead of open strokes
  // A line sketch (a preset): open strokes that start black (rgba 0, 0, 0, 1) and sketch_width
  // pixels wide and stay so: only the control points are optimised (lr_widths and lr_colours are
  // unused). Open strokes only: refused with closed.
  bool sketch = false;
  double sketch_width = 2.0;           // a line sketch's width in pixels: 0.5 to max_width
  // Continue from this drawing instead of a random one (a higher-resolution pass: a finished
  // drawing scaled by scale_drawing and run on at its size). Its canvas must be size x size and
  // its paths at most max_segments long; its background replaces `background`.
  std::optional<Drawing> start;
};

// The drawing at factor times its size: points, widths and the canvas scaled (the x2 pass).
Drawing scale_drawing(const Drawing& drawing, double factor);

// The initial drawing: random short strokes, random colours, width 1, as the original (a line
// sketch: black, sketch_width wide).
Drawing random_drawing(const DrawOptions& options);
// RGB 8-bit; scale > 1 supersamples (and returns the canvas' size); the first `upto` paths only
// when upto >= 0 (the replay).
Image render_drawing(const Drawing& drawing, int scale = 1, int upto = -1);

struct SvgOptions {
  // The optimisation can fade a stroke out entirely; such a path draws nothing and only clutters
  // an editor's list of objects, so it is left out unless kept (to bring it back by hand).
  bool keep_transparent = false;
};
// Fully transparent as to_svg sees it: an alpha under half a step of 8 bits, which no 8-bit
// rendering shows.
bool is_transparent(const StrokePath& path);
// SVG 1.1: a background rectangle and one <path> per stroke (cubic "C" commands, round caps
// and joins, stroke colour, opacity and width; a filled shape ends with "Z" and has the same
// colour and opacity as fill), in drawing order, fully transparent ones left out unless
// options.keep_transparent: opens and edits in Inkscape.
std::string to_svg(const Drawing& drawing, const SvgOptions& options = {});
// Reads what to_svg writes (and any SVG whose paths are M + C commands with those attributes).
// Throws Error(BadFile) naming what it can't read.
Drawing parse_svg(const std::string& svg);

struct DrawResult {
  Drawing drawing;
  int64_t steps = 0;                 // steps done (fewer when cancelled)
  double loss = 0;
  std::vector<double> similarity;    // per prompt: mean cosine over the augmented copies, last step
  bool stopped = false;              // cancelled through the JobContext: the drawing so far
};

// Runs the optimisation. ctx may be null (no reporting). A cancel through ctx ends the run at the
// next step and returns the drawing so far (stopped = true). Parameter changes read each step:
// param::prompts (string), param::lr_points, lr_widths, lr_colours (double) (runtime/job.h).
DrawResult run_clipdraw(const clip::Clip& clip, const DrawOptions& options, JobContext* ctx);

// Forward and forward+backward milliseconds of the rasteriser on a random drawing (the bench).
struct RasterBench {
  int paths = 0, size = 0, threads = 0;
  double forward_ms = 0, backward_ms = 0;  // backward: forward + backward
  int64_t visits = 0;                      // pixel-path pairs the forward visited
};
RasterBench bench_raster(int paths, int size, int repeats, uint64_t seed = 0);

}  // namespace atelier::draw
