#include "draw/clipdraw.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <cmath>
#include <cstdio>

#include "clip/clip.h"
#include "clip/detail/clip_impl.h"
#include "draw/detail/raster.h"
#include "guide/detail/augment.h"
#include "guide/prompts.h"
#include "io/detail/tensor_image.h"
#include "runtime/detail/device.h"
#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "runtime/job.h"
#include "train/detail/rng.h"

namespace atelier::draw {

namespace {

struct Params {
  at::Tensor points, widths, colours, segments;
  std::vector<bool> closed;
  Strokes strokes() const { return {points, widths, colours, segments, closed}; }
};

Params to_tensors(const Drawing& d, int max_segments) {
  const int64_t P = int64_t(d.paths.size()), rows = 3 * max_segments + 1;
  Params t{at::zeros({P, rows, 2}), at::empty({P}), at::empty({P, 4}), at::empty({P}, at::kLong), {}};
  for (int64_t p = 0; p < P; ++p) {
    const StrokePath& s = d.paths[size_t(p)];
    if (s.segments < 1 || s.segments > max_segments || s.points.size() != size_t(3 * s.segments + 1))
      throw Error(ErrorKind::InvalidArgument, "path " + std::to_string(p) + " has " + std::to_string(s.points.size()) + " points for " +
                                                  std::to_string(s.segments) + " segments");
    for (int64_t r = 0; r < rows; ++r) {
      const auto& pt = s.points[std::min(size_t(r), s.points.size() - 1)];
      t.points[p][r][0] = pt[0];
      t.points[p][r][1] = pt[1];
    }
    t.widths[p] = s.width;
    for (int c = 0; c < 4; ++c) t.colours[p][c] = s.rgba[size_t(c)];
    t.segments[p] = s.segments;
    t.closed.push_back(s.closed);
  }
  return t;
}

Drawing from_tensors(const Params& t, const Drawing& shape) {
  Drawing d = shape;
  const at::Tensor pts = t.points.detach().to(at::kCPU, at::kDouble), w = t.widths.detach().to(at::kCPU, at::kDouble),
                   c = t.colours.detach().to(at::kCPU, at::kDouble);
  for (size_t p = 0; p < d.paths.size(); ++p) {
    StrokePath& s = d.paths[p];
    for (size_t r = 0; r < s.points.size(); ++r) s.points[r] = {pts[int64_t(p)][int64_t(r)][0].item<double>(), pts[int64_t(p)][int64_t(r)][1].item<double>()};
    s.width = w[int64_t(p)].item<double>();
    for (int k = 0; k < 4; ++k) s.rgba[size_t(k)] = c[int64_t(p)][k].item<double>();
  }
  return d;
}


int max_segments_of(const Drawing& d) {
  int m = 1;
  for (const auto& p : d.paths) m = std::max(m, p.segments);
  return m;
}

struct Targets {
  at::Tensor features;  // [T, D], normalised
  at::Tensor weights;   // [T]
  std::vector<std::string> texts;
};

Targets encode_prompts(const clip::Clip& clip, const std::string& spec, const std::string& style) {
  Targets t;
  std::vector<double> w;
  for (const auto& p : guide::parse_prompts(spec)) {
    t.texts.push_back(p.weight > 0 && !style.empty() ? style + " " + p.text : p.text);
    w.push_back(p.weight);
  }
  const auto emb = clip.encode_texts(t.texts);
  t.features = at::empty({int64_t(emb.size()), int64_t(emb[0].size())});
  for (size_t i = 0; i < emb.size(); ++i) std::copy(emb[i].begin(), emb[i].end(), t.features[int64_t(i)].data_ptr<float>());
  t.features = t.features / t.features.norm(2, 1, true);
  t.weights = at::tensor(w).to(at::kFloat);
  return t;
}

void set_lr(torch::optim::Adam& opt, double lr) {
  for (auto& g : opt.param_groups()) static_cast<torch::optim::AdamOptions&>(g.options()).lr(lr);
}

// The error of a run that went NaN or infinite at a step.
Error diverged(const std::string& what, double value, int64_t step, int64_t steps) {
  return Error(ErrorKind::InvalidArgument, "the run stopped at step " + std::to_string(step) + " of " + std::to_string(steps) + ": " + what +
                                               (std::isnan(value) ? " became NaN (not a number)" : " became infinite") +
                                               "; nothing was written. Lower learning rates or smaller prompt weights may help");
}

// A line sketch's own checks (random_drawing and run_clipdraw): open strokes of a width from 0.5
// px to the maximum width.
void check_sketch(const DrawOptions& o) {
  if (!o.sketch) return;
  if (o.closed) throw Error(ErrorKind::InvalidArgument, "a line sketch draws open strokes: it can't be filled shapes too");
  if (!std::isfinite(o.sketch_width) || !(o.sketch_width >= 0.5) || !(o.sketch_width <= o.max_width)) {
    char max[32];
    std::snprintf(max, sizeof max, "%g", o.max_width);
    throw Error(ErrorKind::InvalidArgument, std::string("the sketch width must be a finite number from 0.5 to the maximum width (") + max + ")");
  }
}

}  // namespace

Drawing scale_drawing(const Drawing& drawing, double factor) {
  if (!(factor > 0) || !std::isfinite(factor)) throw Error(ErrorKind::InvalidArgument, "a drawing's scale must be a positive finite number");
  Drawing d = drawing;
  d.width = int(std::lround(drawing.width * factor));
  d.height = int(std::lround(drawing.height * factor));
  for (StrokePath& p : d.paths) {
    for (auto& pt : p.points) pt = {pt[0] * factor, pt[1] * factor};
    p.width *= factor;
  }
  return d;
}

Drawing random_drawing(const DrawOptions& o) {
  if (o.paths < 1 || o.paths > 100000) throw Error(ErrorKind::InvalidArgument, "the number of paths must be 1 to 100000");
  if (o.max_segments < 1 || o.max_segments > 16) throw Error(ErrorKind::InvalidArgument, "segments per path must be 1 to 16");
  if (o.size < 16 || o.size > 4096) throw Error(ErrorKind::InvalidArgument, "the canvas must be 16 to 4096 pixels");
  check_sketch(o);
  Drawing d;
  d.width = d.height = o.size;
  d.background = o.background;
  for (int i = 0; i < o.paths; ++i) {
    train::Rng rng(o.seed, uint64_t(i));
    StrokePath s;
    if (o.closed) {
      // A small blob: control points around a circle of random centre and radius (3 to 8 % of
      // the canvas), jittered, ending where it starts.
      s.closed = true;
      s.segments = std::max(2, 1 + rng.uniform(o.max_segments));
      const double cx = rng.uniformf(0, 1), cy = rng.uniformf(0, 1), r = rng.uniformf(0.03f, 0.08f);
      const int n = 3 * s.segments;
      for (int k = 0; k < n; ++k) {
        const double a = 2 * M_PI * k / n, rr = r * (0.7 + 0.6 * rng.uniformf(0, 1));
        s.points.push_back({(cx + rr * std::cos(a)) * o.size, (cy + rr * std::sin(a)) * o.size});
      }
      s.points.push_back(s.points.front());
      s.width = 1.0;
      s.rgba = {rng.uniformf(0, 1), rng.uniformf(0, 1), rng.uniformf(0, 1), rng.uniformf(0, 1)};
      d.paths.push_back(s);
      continue;
    }
    s.segments = 1 + rng.uniform(o.max_segments);
    double x = rng.uniformf(0, 1), y = rng.uniformf(0, 1);
    s.points.push_back({x * o.size, y * o.size});
    for (int k = 0; k < 3 * s.segments; ++k) {
      x += 0.1 * (rng.uniformf(0, 1) - 0.5);
      y += 0.1 * (rng.uniformf(0, 1) - 0.5);
      s.points.push_back({x * o.size, y * o.size});
    }
    if (o.sketch) {  // the same strokes as the coloured run of this seed, in black
      s.width = o.sketch_width;
      s.rgba = {0, 0, 0, 1};
    } else {
      s.width = 1.0;
      s.rgba = {rng.uniformf(0, 1), rng.uniformf(0, 1), rng.uniformf(0, 1), rng.uniformf(0, 1)};
    }
    d.paths.push_back(s);
  }
  return d;
}

Image render_drawing(const Drawing& d, int scale, int upto) {
  Drawing shown = d;
  if (upto >= 0 && size_t(upto) < shown.paths.size()) shown.paths.resize(size_t(upto));
  at::NoGradGuard no_grad;
  if (shown.paths.empty()) {
    Image img{d.width, d.height, 3, std::vector<uint8_t>(size_t(d.width) * size_t(d.height) * 3)};
    for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = uint8_t(std::lround(std::clamp(d.background[i % 3], 0.0, 1.0) * 255));
    return img;
  }
  const Params t = to_tensors(shown, max_segments_of(shown));
  return tensor_to_image(render(t.strokes(), d.width, d.height, d.background, scale));
}

DrawResult run_clipdraw(const clip::Clip& clip, const DrawOptions& o, JobContext* ctx) {
  if (!clip.has_tokenizer()) throw Error(ErrorKind::InvalidArgument, "this CLIP has no tokenizer: CLIPDraw needs text prompts");
  if (o.steps < 1) throw Error(ErrorKind::InvalidArgument, "give at least one step");
  if (!(o.blur >= 0 && o.blur <= 16)) throw Error(ErrorKind::InvalidArgument, "the copies' blur must be 0 to 16 pixels");
  if (o.augmentations < 1 || o.augmentations > 64) throw Error(ErrorKind::InvalidArgument, "augmented copies must be 1 to 64");
  if (!(o.max_width >= 1) || !std::isfinite(o.max_width)) throw Error(ErrorKind::InvalidArgument, "the maximum width must be a finite number of at least 1");
  check_sketch(o);
  for (double lr : {o.lr_points, o.lr_widths, o.lr_colours})
    if (!(lr >= 0) || !std::isfinite(lr)) throw Error(ErrorKind::InvalidArgument, "the learning rates must be finite numbers of at least 0");
  for (double c : o.background)
    if (!std::isfinite(c)) throw Error(ErrorKind::InvalidArgument, "the background colour must be finite");
  c10::AutoGradMode grad_mode(true);  // worker threads may run with gradients off
  std::string spec = o.prompts;
  Targets targets = encode_prompts(clip, spec, o.style);
  if (o.start) {
    if (o.start->width != o.size || o.start->height != o.size)
      throw Error(ErrorKind::InvalidArgument, "the drawing to continue is " + std::to_string(o.start->width) + " x " +
                                                  std::to_string(o.start->height) + " pixels; this run's canvas is " +
                                                  std::to_string(o.size) + " x " + std::to_string(o.size));
    for (const StrokePath& p : o.start->paths)
      if (p.segments < 1 || p.segments > o.max_segments || p.points.size() != size_t(3 * p.segments + 1))
        throw Error(ErrorKind::InvalidArgument, "the drawing to continue has a path of " + std::to_string(p.segments) +
                                                    " segments; this run takes 1 to " + std::to_string(o.max_segments));
  }
  const Drawing start = o.start ? *o.start : random_drawing(o);
  Params t = to_tensors(start, o.max_segments);
  t.points.requires_grad_(true);
  // A line sketch keeps its strokes black and of one width: only the points move.
  if (!o.sketch) {
    t.widths.requires_grad_(true);
    t.colours.requires_grad_(true);
  }
  // CLIP is fixed: no gradients for its weights (half the backward's work otherwise).
  for (auto& p : clip.impl().model->parameters()) p.requires_grad_(false);

  torch::optim::Adam opt_points({t.points}, torch::optim::AdamOptions(o.lr_points));
  torch::optim::Adam opt_widths({t.widths}, torch::optim::AdamOptions(o.lr_widths));
  torch::optim::Adam opt_colours({t.colours}, torch::optim::AdamOptions(o.lr_colours));
  double lr_points = o.lr_points, anneal = 1.0;
  auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed ^ 0xD2A3ULL);
  at::manual_seed(o.seed);
  const int64_t R = clip.info().image_size;

  DrawResult result;
  auto emit = [&](int64_t step) {
    if (!ctx) return;
    at::NoGradGuard no_grad;
    const Image img = tensor_to_image(render(t.strokes(), o.size, o.size, start.background));
    ctx->emit_frame(Frame{img.width, img.height, step, img.pixels, {}});
  };
  emit(0);
  for (int64_t step = 0; step < o.steps; ++step) {
    if (ctx && !ctx->next_step([&](const std::string& key, const ParamValue& value) {
          if (key == param::prompts && std::holds_alternative<std::string>(value)) {
            spec = std::get<std::string>(value);
            targets = encode_prompts(clip, spec, o.style);
          } else if (std::holds_alternative<double>(value)) {
            const double v = std::get<double>(value);
            if (!(v >= 0) || !std::isfinite(v)) return;  // keeps the rate in use
            if (key == param::lr_points) lr_points = v;
            else if (key == param::lr_widths) set_lr(opt_widths, v);
            else if (key == param::lr_colours) set_lr(opt_colours, v);
          }
        })) {
      result.stopped = true;
      break;
    }
    // The original's schedule: the points' rate falls to 0.4x at half way and 0.1x at three quarters.
    anneal = step >= o.steps * 3 / 4 ? 0.1 : step >= o.steps / 2 ? 0.4 : 1.0;
    set_lr(opt_points, lr_points * anneal);

    at::Tensor img = render(t.strokes(), o.size, o.size, start.background).unsqueeze(0);
    std::vector<at::Tensor> copies;
    for (int n = 0; n < o.augmentations; ++n)
      copies.push_back(guide::random_blur(
          guide::random_resized_crop(guide::random_perspective(img, 0.5, 1.0, gen), R, 0.7, 0.9, gen), o.blur, gen));
    at::Tensor feats = clip.impl().encode_image(guide::clip_normalise(at::cat(copies)));
    feats = feats / feats.norm(2, 1, true);
    const at::Tensor sims = at::matmul(feats, targets.features.t());  // [copies, prompts]
    const at::Tensor loss = -(sims * targets.weights.unsqueeze(0)).sum();
    torch_compat::zero_grad(opt_points);
    torch_compat::zero_grad(opt_widths);
    torch_compat::zero_grad(opt_colours);
    loss.backward();
    opt_points.step();
    if (!o.sketch) {
      opt_widths.step();
      opt_colours.step();
    }
    {
      at::NoGradGuard no_grad;
      if (!o.sketch) {
        t.widths.clamp_(1.0, o.max_width);
        t.colours.clamp_(0.0, 1.0);
      }
      // The step's numbers in one transfer from the device (one host synchronisation a step): the
      // loss, each prompt's mean similarity over the copies, and whether the strokes stayed finite.
      const at::Tensor finite =
          at::isfinite(t.points).all().logical_and(at::isfinite(t.widths).all()).logical_and(at::isfinite(t.colours).all());
      const std::vector<double> n = host_values({loss, sims.mean(0), finite});
      // NaN or infinity would spread into every stroke and draw nothing: the run stops, saying where
      // (the step taken with it is thrown away with the rest).
      if (!std::isfinite(n[0])) throw diverged("the loss", n[0], step + 1, o.steps);
      if (n.back() == 0) throw diverged("the strokes", NAN, step + 1, o.steps);
      result.loss = n[0];
      result.similarity.assign(n.begin() + 1, n.end() - 1);
    }
    result.steps = step + 1;
    if (ctx) {
      Progress p;
      p.step = step + 1;
      p.steps = o.steps;
      p.losses.emplace_back("loss", result.loss);
      for (size_t i = 0; i < targets.texts.size(); ++i) p.losses.emplace_back(targets.texts[i], result.similarity[i]);
      ctx->report(p);
      if ((step + 1) % std::max(1, o.frame_every) == 0 || step + 1 == o.steps) emit(step + 1);
    }
  }
  result.drawing = from_tensors(t, start);
  if (o.sketch)  // exactly as they started, not their float copies
    for (size_t p = 0; p < start.paths.size(); ++p) {
      result.drawing.paths[p].width = start.paths[p].width;
      result.drawing.paths[p].rgba = start.paths[p].rgba;
    }
  return result;
}

RasterBench bench_raster(int paths, int size, int repeats, uint64_t seed) {
  DrawOptions o;
  o.paths = paths;
  o.size = size;
  o.seed = seed;
  Drawing d = random_drawing(o);
  // Strokes as they are mid-run rather than at the start: widths of 1 to 8 px.
  for (size_t i = 0; i < d.paths.size(); ++i) d.paths[i].width = 1.0 + 7.0 * double((i * 37) % 100) / 100.0;
  Params t = to_tensors(d, o.max_segments);
  t.points.requires_grad_(true);
  t.widths.requires_grad_(true);
  t.colours.requires_grad_(true);
  const at::Tensor weights = at::rand({3, int64_t(size), int64_t(size)});
  RasterBench b{paths, size, at::get_num_threads(), 0, 0, 0};
  using clock = std::chrono::steady_clock;
  auto once = [&](bool backward) {
    at::Tensor img = render(t.strokes(), size, size, {1, 1, 1});
    if (backward) (img * weights).sum().backward();
  };
  once(true);  // warm-up
  b.visits = last_visits();
  auto t0 = clock::now();
  for (int i = 0; i < repeats; ++i) {
    at::NoGradGuard no_grad;
    once(false);
  }
  b.forward_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / repeats;
  t0 = clock::now();
  for (int i = 0; i < repeats; ++i) once(true);
  b.backward_ms = std::chrono::duration<double, std::milli>(clock::now() - t0).count() / repeats;
  return b;
}

}  // namespace atelier::draw
