// clip-atelier-cli draw: CLIPDraw from the command line, writing SVG, PNG and an animation.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "clip/clip.h"
#include "draw/clipdraw.h"
#include "guide/prompts.h"
#include "io/animation.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/job.h"

namespace atelier::cli {

namespace fs = std::filesystem;

void add_draw_command(CLI::App& app, Globals& globals) {
  struct Args {
    draw::DrawOptions o;
    std::string clip, out, png, video;
    std::vector<std::string> prompts;
    double fps = 24;
    draw::SvgOptions svg;
    int hires = 0;  // steps of the x2 pass (0: none)
  };
  auto a = std::make_shared<Args>();
  a->o.steps = 300;
  auto* c = app.add_subcommand("draw", "CLIPDraw: strokes optimised until CLIP finds them close to the prompt");
  c->add_option("--prompt", a->prompts, "A prompt, or several as \"text:weight | text:weight\" (negative weights push away)")->required();
  c->add_option("--style", a->o.style, "A prefix for the positive prompts, e.g. \"a watercolour painting of\"");
  c->add_option("--paths", a->o.paths, "Strokes")->check(CLI::Range(1, 100000));
  c->add_option("--steps", a->o.steps, "Optimisation steps")->check(CLI::Range(1, 1000000));
  c->add_option("--seed", a->o.seed, "Seed of the initial strokes and the augmentations");
  c->add_option("--size", a->o.size, "Canvas side in pixels")->check(CLI::Range(16, 4096));
  c->add_option("--max-width", a->o.max_width, "Widest stroke in pixels")->check(CLI::Range(1.0, 1000.0));
  auto* filled = c->add_flag("--filled", a->o.closed, "Filled closed shapes (blobs) instead of open strokes");
  auto* sketch = c->add_flag("--sketch", a->o.sketch,
                             "A line sketch: black open strokes of one width (--sketch-width); only their points are optimised")
                     ->excludes(filled);
  c->add_option("--sketch-width", a->o.sketch_width, "Width of a line sketch's strokes in pixels (default 2; at most --max-width)")
      ->needs(sketch)
      ->check(CLI::Range(0.5, 1000.0));
  c->add_option("--augmentations", a->o.augmentations, "Augmented copies per step")->check(CLI::Range(1, 64));
  c->add_option("--blur", a->o.blur, "Blur each copy by a Gaussian of sigma up to this, in CLIP's input pixels (0: none)")
      ->check(CLI::Range(0.0, 16.0));
  c->add_option("--lr-points", a->o.lr_points, "Adam's rate for the control points (the original's 1.0)");
  c->add_option("--lr-widths", a->o.lr_widths, "Adam's rate for the widths (0.1)");
  c->add_option("--lr-colours,--lr-colors", a->o.lr_colours, "Adam's rate for the colours (0.01)");
  c->add_option("--clip", a->clip, "A CLIP checkpoint (default: the default model)");
  c->add_option("--out", a->out, "The drawing as SVG")->required();
  c->add_flag("--keep-transparent", a->svg.keep_transparent,
              "Keep the strokes the optimisation made fully transparent in the SVG (left out by default: they draw nothing)");
  c->add_option("--png", a->png, "Also the final image (supersampled 4x)");
  c->add_option("--hires", a->hires,
                "A higher-resolution pass: after the run, STEPS more on the drawing scaled to twice the size (points and "
                "widths doubled); --out is the x2 drawing")
      ->type_name("STEPS")
      ->check(CLI::Range(1, 100000));
  c->add_option("--video", a->video, "Also the run as an animation (.mp4, .gif or .webp), a frame every 5 steps");
  c->add_option("--fps", a->fps, "Frames per second of the animation")->check(CLI::Range(1.0, 120.0));
  c->callback([a, &globals] {
    RuntimeInfo rt = configure(globals);
    if (a->o.sketch && a->o.sketch_width > a->o.max_width) {
      char widths[96];
      std::snprintf(widths, sizeof widths, "--sketch-width %g is wider than --max-width %g", a->o.sketch_width, a->o.max_width);
      throw Error(ErrorKind::InvalidArgument, std::string(widths) + ": give a narrower sketch or a larger --max-width");
    }
    if (a->hires > 0 && a->o.size * 2 > 4096)
      throw Error(ErrorKind::InvalidArgument, "--hires: twice --size " + std::to_string(a->o.size) + " is over the 4096 pixels a canvas may have");
    // Every output is checked before the model loads and the steps run.
    check_svg_out(a->out, "--out");
    if (!a->png.empty()) check_image_out(a->png, "--png");
    if (!a->video.empty()) check_animation_out(a->video, "--video");
    std::string spec;
    for (const auto& p : a->prompts) spec += (spec.empty() ? "" : " | ") + p;
    a->o.prompts = spec;
    guide::parse_prompts(spec);  // a prompt with no text or a weight of inf fails now, before the model loads
    clip::Clip model = clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    model.to(rt.device.name);
    std::vector<Image> frames;
    JobCallbacks callbacks;
    callbacks.on_frame = [&](int64_t, Frame&& f) {
      if (!a->video.empty()) frames.push_back(Image{f.width, f.height, 3, std::move(f.rgb)});
    };
    callbacks.on_progress = [](int64_t, const Progress& p) {
      std::fprintf(stderr, "\rstep %lld/%lld  loss %.4f", static_cast<long long>(p.step), static_cast<long long>(p.steps), p.losses[0].second);
      for (size_t i = 1; i < p.losses.size(); ++i) std::fprintf(stderr, "  \"%s\" %.3f", p.losses[i].first.c_str(), p.losses[i].second);
      std::fprintf(stderr, "  %.1f s   ", p.seconds);
    };
    auto control = std::make_shared<JobControl>(1);
    JobContext ctx(control, callbacks);
    // Ctrl+C stops the run and writes the drawing so far.
    run_in_foreground(
        [&](const StopRequested&) {
          draw::DrawResult r = draw::run_clipdraw(model, a->o, &ctx);
          if (a->hires > 0 && !r.stopped) {
            // The x2 pass: the same prompts on the drawing at twice its size.
            draw::DrawOptions x2 = a->o;
            x2.start = draw::scale_drawing(r.drawing, 2.0);
            x2.size = a->o.size * 2;
            x2.max_width = a->o.max_width * 2;
            x2.sketch_width = a->o.sketch_width * 2;
            x2.steps = a->hires;
            std::fprintf(stderr, "\nx2: %d steps at %d px\n", a->hires, x2.size);
            const int64_t first = r.steps;
            JobContext ctx2(control, callbacks);
            r = draw::run_clipdraw(model, x2, &ctx2);
            r.steps += first;
          }
          std::fprintf(stderr, "\n%s", r.stopped ? "stopped: writing the drawing so far\n" : "");
          {
            const std::string svg = draw::to_svg(r.drawing, a->svg);
            write_file_whole(a->out, svg.data(), svg.size());  // whole or not at all
          }
          const size_t invisible = a->svg.keep_transparent ? 0 : size_t(std::count_if(r.drawing.paths.begin(), r.drawing.paths.end(), draw::is_transparent));
          std::printf("%s: %zu strokes after %lld steps, loss %.4f\n", a->out.c_str(), r.drawing.paths.size() - invisible,
                      static_cast<long long>(r.steps), r.loss);
          if (invisible > 0) std::printf("  %zu fully transparent strokes left out (--keep-transparent keeps them)\n", invisible);
          if (!a->png.empty()) {
            write_image(a->png, draw::render_drawing(r.drawing, 4));
            std::printf("%s\n", a->png.c_str());
          }
          if (!a->video.empty()) {
            AnimationOptions o;
            o.fps = a->fps;
            for (const Image& f : frames) o.width = std::max(o.width, f.width), o.height = std::max(o.height, f.height);
            write_animation(a->video, frames, o);
            std::printf("%s: %zu frames\n", a->video.c_str(), frames.size());
          }
        },
        [&] { control->cancel(); });
  });
}

}  // namespace atelier::cli
