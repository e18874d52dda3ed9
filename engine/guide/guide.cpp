#include "guide/guide.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adagrad.h>
#include <torch/optim/adam.h>
#include <torch/optim/adamw.h>
#include <torch/optim/rmsprop.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "clip/clip.h"
#include "clip/detail/clip_impl.h"
#include "gan/detail/generator.h"
#include "gan/gan.h"
#include "guide/detail/augment.h"
#include "guide/detail/constraints.h"
#include "guide/detail/loop.h"
#include "guide/detail/motion.h"
#include "guide/prompts.h"
#include "guide/schedule.h"
#include "vqgan/detail/pixels.h"
#include "vqgan/detail/taming.h"
#include "vqgan/vqgan.h"

#include <functional>
#include "io/detail/tensor_image.h"
#include "runtime/detail/autocast.h"
#include "runtime/detail/device.h"
#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "runtime/job.h"

namespace atelier::guide {

namespace {

struct Targets {
  at::Tensor embeds;                 // [T, D], normalised
  std::vector<double> weights, stops;
  std::vector<std::string> names;
};

// The targets' embeddings: each distinct prompt text encoded once in a run (a schedule's texts, and
// those of live edits, as they first appear), the image prompts once at the start.
class TargetEncoder {
 public:
  TargetEncoder(const clip::Clip& clip, const std::vector<std::string>& image_prompts) : clip_(clip) {
    for (const auto& file : image_prompts)
      for (auto& e : clip.encode_images({read_image(file)})) images_.push_back(unit(e));
    image_names_ = image_prompts;
  }

  // Encodes the texts not seen before, in one batch.
  void encode(const std::vector<Prompt>& prompts) {
    std::vector<std::string> texts;
    for (const Prompt& p : prompts)
      if (!texts_.count(p.text) && std::find(texts.begin(), texts.end(), p.text) == texts.end()) texts.push_back(p.text);
    if (texts.empty()) return;
    const std::vector<clip::Embedding> emb = clip_.encode_texts(texts);
    for (size_t i = 0; i < texts.size(); ++i) texts_.emplace(texts[i], unit(emb[i]));
  }

  // The prompts (then the image prompts, weight 1) as targets.
  Targets targets(const std::vector<Prompt>& prompts) {
    encode(prompts);
    Targets t;
    std::vector<at::Tensor> rows;
    for (const Prompt& p : prompts) {
      rows.push_back(texts_.at(p.text));
      t.names.push_back(p.text);
      t.weights.push_back(p.weight);
      t.stops.push_back(p.stop);
    }
    for (size_t i = 0; i < images_.size(); ++i) {
      rows.push_back(images_[i]);
      t.names.push_back("image: " + image_names_[i]);
      t.weights.push_back(1.0);
      t.stops.push_back(-INFINITY);
    }
    t.embeds = at::stack(rows);
    return t;
  }

 private:
  static at::Tensor unit(const clip::Embedding& e) {
    const at::Tensor v = at::tensor(std::vector<float>(e.begin(), e.end()));
    return v / v.norm(2, 0, true);
  }
  const clip::Clip& clip_;
  std::map<std::string, at::Tensor> texts_;
  std::vector<at::Tensor> images_;
  std::vector<std::string> image_names_;
};

// VQGAN-CLIP's cutouts: sizes between CLIP's input and the image side, biased by cut_pow (or
// big-sleep's sizes, see CutSizes), at random offsets, pooled (or enlarged) to CLIP's input
// size; then the augmentations.
at::Tensor cutouts(const at::Tensor& img, int64_t R, const GuideOptions& o, at::Generator& gen) {
  const int64_t side = std::min(img.size(2), img.size(3));
  const int64_t min_size = std::min(side, R), max_size = side;
  auto cut_size = [&]() -> int64_t {
    if (o.cut_sizes != CutSizes::BigSleep)
      return int64_t(std::pow(uniform(gen, 0, 1), o.cut_pow) * double(max_size - min_size) + double(min_size));
    const double normal = at::randn({1}, gen, at::TensorOptions().dtype(at::kDouble)).item<double>();
    const double f = std::clamp(0.8 + 0.3 * normal, 0.5, 0.95);
    return std::max<int64_t>(1, int64_t(double(side) * f));
  };
  std::vector<at::Tensor> cuts;
  for (int i = 0; i < o.cutn; ++i) {
    const int64_t size = cut_size();
    const int64_t ox = int64_t(uniform(gen, 0, double(img.size(3) - size + 1))), oy = int64_t(uniform(gen, 0, double(img.size(2) - size + 1)));
    at::Tensor c = img.narrow(2, oy, size).narrow(3, ox, size);
    c = size >= R ? at::adaptive_avg_pool2d(c, {R, R}) : at::upsample_bilinear2d(c, {R, R}, false);
    if (o.flips && uniform(gen, 0, 1) < 0.5) c = c.flip({3});
    if (o.affine) {
      const double angle = uniform(gen, -15, 15) * M_PI / 180, tx = uniform(gen, -0.1, 0.1), ty = uniform(gen, -0.1, 0.1);
      at::Tensor theta = at::tensor({std::cos(angle), -std::sin(angle), tx, std::sin(angle), std::cos(angle), ty}, at::kFloat)
                             .view({1, 2, 3}).to(c.device());
      at::Tensor grid = at::affine_grid_generator(theta, {1, 3, R, R}, false);
      c = at::grid_sampler(c, grid, 0, 1, false);  // border padding, as kornia's
    }
    c = random_blur(c, o.blur, gen);
    if (o.noise) c = c + at::randn(c.sizes(), gen) * uniform(gen, 0, 0.1);
    cuts.push_back(c);
  }
  return at::cat(cuts).clamp(0, 1);
}

std::unique_ptr<torch::optim::Optimizer> make_optimiser(const std::string& name, at::Tensor z, double lr) {
  if (name == "adam") return std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{z}, torch::optim::AdamOptions(lr));
  if (name == "adamw") return std::make_unique<torch::optim::AdamW>(std::vector<at::Tensor>{z}, torch::optim::AdamWOptions(lr));
  if (name == "adagrad") return std::make_unique<torch::optim::Adagrad>(std::vector<at::Tensor>{z}, torch::optim::AdagradOptions(lr));
  if (name == "rmsprop") return std::make_unique<torch::optim::RMSprop>(std::vector<at::Tensor>{z}, torch::optim::RMSpropOptions(lr));
  throw Error(ErrorKind::InvalidArgument, "unknown optimiser '" + name + "': adam, adamw, adagrad or rmsprop");
}

void set_lr(torch::optim::Optimizer& opt, double lr) {
  for (auto& g : opt.param_groups()) g.options().set_lr(lr);
}

// The error of a run that went NaN or infinite at a step.
Error diverged(const std::string& what, double value, int64_t step, int64_t steps) {
  return Error(ErrorKind::InvalidArgument, "the run stopped at step " + std::to_string(step) + " of " + std::to_string(steps) + ": " + what +
                                               (std::isnan(value) ? " became NaN (not a number)" : " became infinite") +
                                               "; nothing was written. A lower learning rate or smaller prompt weights may help");
}


}  // namespace

// The loop every generator shares: render(latent) -> [1, 3, H, W] in [0, 1]; after_step clamps;
// terms adds the generator's own loss terms.
GuideResult detail::run_loop(const clip::Clip& clip, const GuideOptions& o, JobContext* ctx, at::Tensor z, const Render& render,
                             const AfterStep& after_step, const Terms& terms, const Reencode& reencode) {
  if (!clip.has_tokenizer()) throw Error(ErrorKind::InvalidArgument, "this CLIP has no tokenizer: guidance needs text prompts");
  if (o.steps < 1 || o.cutn < 1 || o.cutn > 256) throw Error(ErrorKind::InvalidArgument, "steps must be positive and cutouts 1 to 256");
  if (!(o.lr > 0) || !std::isfinite(o.lr)) throw Error(ErrorKind::InvalidArgument, "the learning rate must be a positive finite number");
  if (!(o.cut_pow > 0) || !std::isfinite(o.cut_pow)) throw Error(ErrorKind::InvalidArgument, "the cutout size bias must be a positive finite number");
  if (!(o.blur >= 0 && o.blur <= 16)) throw Error(ErrorKind::InvalidArgument, "the cutouts' blur must be 0 to 16 pixels");
  if (!(o.init_weight >= 0) || !std::isfinite(o.init_weight))
    throw Error(ErrorKind::InvalidArgument, "the init image's weight must be a finite number of at least 0");
  if (!(o.latent_bound > 0) || !std::isfinite(o.latent_bound)) throw Error(ErrorKind::InvalidArgument, "the latent bound must be a positive finite number");
  for (float v : o.start_latent)
    if (!std::isfinite(v)) throw Error(ErrorKind::InvalidArgument, "the latent to restart from holds a value that is not finite");
  if (!o.schedule.empty() && !o.prompts.empty())
    throw Error(ErrorKind::InvalidArgument, "give prompts or a schedule, not both (a schedule's keyframes hold its prompts)");
  check_motion(o);
  if (has_motion(o) && !reencode)
    throw Error(ErrorKind::InvalidArgument, "motion (zoom, rotation, shift) needs a generator that can take an image back: CLIP + VQGAN or a drawer");
  detail::Constraints constraints(o);
  // The prompts: fixed ones (targets made once, and again when edited), or a schedule's (made
  // each step from the texts' embeddings, each encoded once).
  std::vector<Keyframe> schedule = o.schedule.empty() ? std::vector<Keyframe>{} : parse_schedule(o.schedule);
  std::vector<Prompt> prompts = schedule.empty() ? parse_prompts(o.prompts) : std::vector<Prompt>{};
  c10::AutoGradMode grad_mode(true);
  for (auto& p : clip.impl().model->parameters()) p.requires_grad_(false);
  TargetEncoder encoder(clip, o.image_prompts);
  for (const Keyframe& k : schedule) encoder.encode(k.prompts);
  Targets targets;
  if (schedule.empty()) targets = encoder.targets(prompts);
  z.requires_grad_(true);
  auto opt = make_optimiser(o.optimiser, z, o.lr);
  auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed ^ 0x6E1DEULL);
  const int64_t R = clip.info().image_size;

  // Smoothing: frames show an exponential moving average of the latent (rkhamilton's EMA).
  at::Tensor ema = o.smoothing > 0 ? z.detach().clone() : at::Tensor();
  auto shown = [&] { return render(ema.defined() ? ema : z); };  // without gradients
  const int every = std::max(1, o.frame_every);
  GuideResult result;
  auto emit = [&](int64_t step, const at::Tensor& img) {
    if (!ctx) return;
    const Image im = tensor_to_image(img[0]);
    const at::Tensor flat = z.detach().contiguous().view(-1).to(at::kCPU, at::kFloat);
    ctx->emit_frame(Frame{im.width, im.height, step, im.pixels, std::vector<float>(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel())});
  };
  {
    at::NoGradGuard no_grad;
    emit(0, shown());
  }
  for (int64_t step = 0; step < o.steps; ++step) {
    if (ctx && !ctx->next_step([&](const std::string& key, const ParamValue& value) {
          if (key == param::prompts && std::holds_alternative<std::string>(value)) {
            prompts = parse_prompts(std::get<std::string>(value));  // the prompts end a schedule
            schedule.clear();
            targets = encoder.targets(prompts);
          } else if (key == param::schedule && std::holds_alternative<std::string>(value)) {
            schedule = parse_schedule(std::get<std::string>(value));
            for (const Keyframe& k : schedule) encoder.encode(k.prompts);
          } else if (key == param::lr && std::holds_alternative<double>(value)) {
            const double lr = std::get<double>(value);
            if (lr > 0 && std::isfinite(lr)) set_lr(*opt, lr);  // anything else keeps the rate in use
          } else {
            constraints.change(key, value);
          }
        })) {
      result.stopped = true;
      break;
    }
    if (!schedule.empty()) targets = encoder.targets(prompts_at(schedule, step));
    const at::Tensor img = render(z);
    // Tiling rolls the image before the cutouts; the constraints see it as rendered.
    const at::Tensor cuts = clip_normalise(cutouts(constraints.wrap(img, gen), R, o, gen));
    at::Tensor feats;
    {
      CpuBf16Scope bf16(o.bf16 && cuts.device().is_cpu());
      feats = clip.impl().encode_image(cuts).to(at::kFloat);
    }
    feats = feats / feats.norm(2, 1, true);
    at::Tensor loss = at::zeros({}, feats.options());
    std::vector<detail::Term> extra = terms ? terms(z) : std::vector<detail::Term>{};
    for (detail::Term& t : constraints.terms(img)) extra.push_back(std::move(t));
    for (const detail::Term& t : extra)
      if (t.weight != 0) loss = loss + t.value * t.weight;  // a term at weight 0 is only reported (the seam)
    std::vector<at::Tensor> similarities;  // per prompt, read with the step's other numbers below
    for (size_t t = 0; t < targets.names.size(); ++t) {
      const at::Tensor target = targets.embeds[int64_t(t)].unsqueeze(0);
      // Spherical distance (VQGAN-CLIP's): 2 arcsin(|a - b| / 2)^2 for unit vectors.
      at::Tensor dists = (feats - target).norm(2, 1).div(2).arcsin().pow(2).mul(2);
      const double w = targets.weights[t];
      dists = dists * (w < 0 ? -1.0 : 1.0);
      // The stop: the value counts, but no gradient pulls a prompt below it.
      const at::Tensor floor = at::maximum(dists, at::full_like(dists, targets.stops[t]));
      loss = loss + std::abs(w) * (floor + (dists - floor).detach()).mean();
      similarities.push_back(at::matmul(feats.detach(), target.t()).mean());
    }
    torch_compat::zero_grad(*opt);
    loss.backward();
    opt->step();
    // The step's numbers in one transfer from the device (one host synchronisation a step, not one
    // per .item()): [loss, similarity per prompt..., value per term..., whether z stayed finite].
    std::vector<at::Tensor> reported{loss};
    reported.insert(reported.end(), similarities.begin(), similarities.end());
    for (const detail::Term& t : extra) reported.push_back(t.value);
    {
      at::NoGradGuard no_grad;
      after_step(z);
      reported.push_back(at::isfinite(z).all());
    }
    const std::vector<double> n = host_values(reported);
    // A loss that is NaN or infinite would carry into the latent and give a black image: the run
    // stops here, saying where, and nothing is written (the step taken with it is thrown away too).
    const double loss_value = n[0];
    if (!std::isfinite(loss_value)) throw diverged("the loss", loss_value, step + 1, o.steps);
    if (n.back() == 0) throw diverged("the latent", NAN, step + 1, o.steps);
    result.similarity.assign(n.begin() + 1, n.begin() + 1 + long(targets.names.size()));
    const double* term_values = n.data() + 1 + targets.names.size();
    if (ema.defined()) {
      at::NoGradGuard no_grad;
      ema.mul_(o.smoothing).add_(z.detach(), 1.0 - o.smoothing);
    }
    result.steps = step + 1;
    result.loss = loss_value;
    if (ctx) {
      Progress p;
      p.step = step + 1;
      p.steps = o.steps;
      p.losses.emplace_back("loss", result.loss);
      for (size_t t = 0; t < targets.names.size(); ++t) p.losses.emplace_back(targets.names[t], result.similarity[t]);
      for (size_t i = 0; i < extra.size(); ++i)
        if (!extra[i].name.empty()) p.losses.emplace_back(std::string(kTermPrefix) + extra[i].name, term_values[i]);
      if (!schedule.empty()) p.losses.emplace_back(std::string(kKeyframeName), double(keyframe_at(schedule, step)));
      ctx->report(p);
    }
    if (((step + 1) % every == 0 || step + 1 == o.steps) && (ctx || has_motion(o))) {
      at::NoGradGuard no_grad;
      const at::Tensor frame = shown();
      emit(step + 1, frame);
      // Motion: the frame moved in pixel space becomes the latent, and the optimiser starts afresh
      // on it (its moments belong to the old picture), as the zoom videos do.
      if (has_motion(o) && step + 1 < o.steps && (step + 1) % every == 0) {
        z.copy_(reencode(detail::move_image(frame, o)));
        after_step(z);
        if (ema.defined()) ema.copy_(z);
        const double lr = opt->param_groups()[0].options().get_lr();
        opt = make_optimiser(o.optimiser, z, lr);
      }
    }
  }
  at::NoGradGuard no_grad;
  result.image = tensor_to_image(shown()[0]);
  const at::Tensor flat = z.detach().contiguous().view(-1);
  result.latent.assign(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
  return result;
}

GuideResult run_gan_guidance(const clip::Clip& clip, const gan::Gan& generator, const GuideOptions& o, JobContext* ctx) {
  gan::GeneratorNet& g = generator.net();
  g.freeze();
  const std::vector<float> z0 = o.start_latent.empty() ? generator.latent(o.seed) : o.start_latent;
  if (int64_t(z0.size()) != g.z_dim())
    throw Error(ErrorKind::InvalidArgument, "the latent to restart from has " + std::to_string(z0.size()) + " values; this generator's z has " +
                                                std::to_string(g.z_dim()));
  if (o.start_width || o.start_height) {
    const int64_t side = generator.info().image_size;
    if (o.start_width != side || o.start_height != side)
      throw Error(ErrorKind::InvalidArgument, "a GAN's images have the generator's own size: its latent can't be continued at another");
  }
  at::Tensor z = at::tensor(z0).view({1, g.z_dim()});
  return detail::run_loop(clip, o, ctx, z, [&](const at::Tensor& zz) { return g.generate(zz); },
                          [&](at::Tensor& zz) { zz.clamp_(-o.latent_bound, o.latent_bound); }, {});
}

VqganStart vqgan_start_named(std::string_view name) {
  if (name == "codes") return VqganStart::Codes;
  if (name == "pixels") return VqganStart::Pixels;
  if (name == "gradient") return VqganStart::Gradient;
  if (name == "smooth") return VqganStart::Smooth;
  throw Error(ErrorKind::InvalidArgument, "CLIP + VQGAN has no start '" + std::string(name) + "' (known: codes, pixels, gradient, smooth)");
}

static at::Tensor start_picture(VqganStart kind, uint64_t seed, int width, int height) {
  auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
  const auto opts = at::TensorOptions().dtype(at::kFloat);
  switch (kind) {
    case VqganStart::Pixels:
      // Whole levels 0-254, as numpy's randint(0, 255) gives them.
      return at::randint(255, {1, 3, height, width}, gen, opts) / 255.0;
    case VqganStart::Gradient: {
      // Red from 0 to r left to right; green from 0 to g and blue from b0 to b1 top to bottom.
      const at::Tensor ends = at::rand({4}, gen, opts);
      const double r = 1 + ends[0].item<double>() * 253, g = 2 + ends[1].item<double>() * 252;
      const double b0 = ends[2].item<double>() * 254, b1 = 3 + ends[3].item<double>() * 124;
      const at::Tensor across = at::linspace(0, 1, width, opts).view({1, width}).expand({height, width});
      const at::Tensor down = at::linspace(0, 1, height, opts).view({height, 1}).expand({height, width});
      return at::stack({across * r, down * g, b0 + down * (b1 - b0)}).unsqueeze(0).floor() / 255.0;
    }
    case VqganStart::Smooth: {
      at::Tensor sum = at::zeros({1, 3, height, width}, opts);
      double weight = 1.0;
      for (int cells : {2, 4, 8}) {
        const at::Tensor grid = at::rand({1, 3, cells, cells}, gen, opts);
        sum += weight * at::upsample_bicubic2d(grid, {height, width}, false);
        weight /= 2;
      }
      // Stretched per channel to the full range, so the start has colour, not grey.
      const at::Tensor lo = sum.amin({2, 3}, true), hi = sum.amax({2, 3}, true);
      return (sum - lo) / (hi - lo).clamp_min(1e-6);
    }
    case VqganStart::Codes: break;
  }
  throw Error(ErrorKind::InvalidArgument, "CLIP + VQGAN's random codes are a start of codes, not a picture");
}

GuideResult run_vqgan_guidance(const clip::Clip& clip, const vqgan::Vqgan& model, const GuideOptions& o, JobContext* ctx) {
  auto& m = model.model();
  for (auto& p : m.parameters()) p.requires_grad_(false);
  const int64_t f = m.config.factor();
  if (o.width < f || o.height < f || o.width % f || o.height % f)
    throw Error(ErrorKind::InvalidArgument, "the size must be a multiple of the VQGAN's factor " + std::to_string(f));
  model.check_size(o.width, o.height, "a size");
  const at::Tensor& codebook = m.quantize->embedding->weight;
  // The codebook's range per dimension: the latent is kept inside it (VQGAN-CLIP's clamp).
  const at::Tensor lo = std::get<0>(codebook.min(0)).view({1, -1, 1, 1}), hi = std::get<0>(codebook.max(0)).view({1, -1, 1, 1});
  at::Tensor z;
  {
    at::NoGradGuard no_grad;
    if (!o.start_latent.empty()) {
      // Made at this size, or at start_width x start_height (a higher-resolution pass): then its
      // picture is enlarged (bicubic) and encoded, not quantised (as motion takes a frame back).
      // Enlarging the code grid itself (nearest neighbour) decoded further from the enlarged
      // picture on the mini-VQGAN: 39.6 levels of 255 on average, against 32.0 through the image
      // (tst_art's higherResolutionPassStartsFromTheRun prints the latter; another seed's picture
      // is 184 away). The mini-VQGAN's encoder is coarse on its own guided pictures.
      const int sw = o.start_width ? o.start_width : o.width, sh = o.start_height ? o.start_height : o.height;
      if (sw < f || sh < f || sw % f || sh % f)
        throw Error(ErrorKind::InvalidArgument, "the size the latent was made at must be a multiple of the VQGAN's factor " + std::to_string(f));
      const int64_t want = m.config.embed_dim * (sh / f) * (sw / f);
      if (int64_t(o.start_latent.size()) != want)
        throw Error(ErrorKind::InvalidArgument, "the latent to restart from has " + std::to_string(o.start_latent.size()) +
                                                    " values; this VQGAN at " + std::to_string(sw) + "x" + std::to_string(sh) +
                                                    " needs " + std::to_string(want));
      z = at::tensor(o.start_latent).view({1, m.config.embed_dim, sh / f, sw / f});
      if (sw != o.width || sh != o.height) {
        const at::Tensor picture = m.decode(m.quantise(z).first);
        z = m.encode(at::upsample_bicubic2d(picture, {o.height, o.width}, false).clamp(-1, 1));
      }
    } else if (!o.init_image.empty()) {
      const at::Tensor x = at::upsample_bicubic2d(vqgan::image_to_tensor(read_image(o.init_image)), {o.height, o.width}, false);
      z = m.quantise(m.encode(x)).first.clone();
    } else if (o.start == VqganStart::Codes) {
      auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
      const at::Tensor idx = at::randint(m.config.n_embed, {int64_t(o.height / f) * (o.width / f)}, gen);
      z = m.quantize->embedding->forward(idx).view({1, o.height / f, o.width / f, -1}).permute({0, 3, 1, 2}).contiguous();
    } else {
      z = m.quantise(m.encode(start_picture(o.start, o.seed, o.width, o.height) * 2.0 - 1.0)).first.clone();
    }
  }
  at::Tensor z_init = z.clone();
  detail::Terms terms;  // the init image's pull: counted, not reported (the progress stays the prompts')
  if (o.init_weight > 0)
    terms = [&](const at::Tensor& zz) { return std::vector<detail::Term>{{"", (zz - z_init).pow(2).mean(), o.init_weight}}; };
  // Motion: the moved frame encoded; it becomes what the init weight pulls towards (nerdyrodent's
  // zoom resets z_orig the same way). Not quantised, unlike an init image: the render quantises
  // anyway, and a small zoom or shift moves most of the picture by less than one code, so
  // quantised codes would snap back to the last frame's and the motion would not add up.
  auto reencode = [&](const at::Tensor& image) {
    z_init = m.encode(image * 2.0 - 1.0).clone();
    return z_init;
  };
  return detail::run_loop(clip, o, ctx, z,
                          [&](const at::Tensor& zz) { return ((m.decode(m.quantise(zz).first) + 1.0) * 0.5).clamp(0, 1); },
                          [&](at::Tensor& zz) { zz.copy_(at::max(at::min(zz, hi), lo)); }, terms, reencode);
}

}  // namespace atelier::guide
