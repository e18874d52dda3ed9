// CLIP + BigGAN-deep, as lucidrains/big-sleep steers BigGAN: the guidance loop (guide.cpp) moves
// z and the class logits together; the class vector is their sigmoid (or big-sleep's
// differentiable top-k), and big-sleep's two extra terms join the prompts' loss: the latent's
// statistics (mean 0, std 1, mean square at most 1, no skew or kurtosis) and the class vector's
// sparsity (every weight but the largest towards 0).
//
// The adaptation: big-sleep's BigGAN takes one condition per generator block, so its Latents hold
// [blocks + 1, z_dim] z's and as many class vectors, and its latent term averages over those rows.
// The BigGAN-deep here takes one z and one class vector per image, as the reference's
// (huggingface/pytorch-pretrained-BigGAN) does: the latent is one z [1, z_dim] and one logit
// vector [1, num_classes], and the terms see one row. big-sleep's EMA of the latents (its saved
// images are of the average) is left out: each frame is the latent as optimised, so a run
// restarts from any frame's state exactly.
#include "guide/guide.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <string>
#include <vector>

#include "gan/biggan.h"
#include "gan/detail/biggan.h"
#include "guide/detail/loop.h"
#include "runtime/error.h"

namespace atelier::guide {

namespace {

// big-sleep's Latents: cls ~ N(-3.9, 0.3), so each class starts at a sigmoid of about 0.02.
constexpr double kLogitMean = -3.9, kLogitStd = 0.3;
// A start class gets the mirror value: sigmoid(3.9) = 0.98, as "on" as the others are "off".
constexpr double kChosenLogit = 3.9;
constexpr double kLatentThreshold = 1.0;  // big-sleep's thresh_lat: only a mean square above it costs
constexpr double kClassScale = 50.0;      // big-sleep's cls_loss: (50 x the smaller weights)^2

// big-sleep's differentiable_topk: k rounds of softmax(x / temperature), each keeping its largest
// probability at its place and removing that class from the next round; the kept values summed.
at::Tensor differentiable_topk(at::Tensor x, int64_t k, double temperature) {
  at::Tensor sum = at::zeros_like(x);
  for (int64_t i = 0; i < k; ++i) {
    const auto [values, indices] = at::softmax(x / temperature, -1).topk(1, -1);
    sum = sum + at::zeros_like(x).scatter(-1, indices, values);
    if (i + 1 < k) x = x.scatter(-1, indices, -INFINITY);
  }
  return sum;
}

// The class vector the generator gets from the logits [1, num_classes].
at::Tensor class_vector(const at::Tensor& logits, const GuideOptions& o) {
  return o.max_classes > 0 ? differentiable_topk(logits, o.max_classes, o.class_temperature) : at::sigmoid(logits);
}

// big-sleep's lat_loss over the rows of z [rows, z_dim] (here one row).
at::Tensor latent_term(const at::Tensor& z) {
  const int64_t rows = z.size(0);
  at::Tensor loss = (1 - z.std({1}, /*unbiased=*/true)).abs().mean() + z.mean({1}).abs().mean() +
                    4 * at::maximum(z.pow(2).mean(), at::full({}, kLatentThreshold, z.options()));
  for (int64_t r = 0; r < rows; ++r) {
    const at::Tensor row = z[r], diffs = row - row.mean();
    const at::Tensor zscores = diffs / diffs.pow(2).mean().pow(0.5);
    const at::Tensor skew = zscores.pow(3).mean(), kurtosis = zscores.pow(4).mean() - 3.0;
    loss = loss + kurtosis.abs() / double(rows) + skew.abs() / double(rows);
  }
  return loss;
}

// big-sleep's cls_loss: the num_classes - 1 smallest weights, scaled by 50, squared, averaged.
at::Tensor class_term(const at::Tensor& classes) {
  const int64_t n = classes.size(1);
  if (n < 2) return at::zeros({}, classes.options());
  return (std::get<0>(classes.topk(n - 1, 1, /*largest=*/false)) * kClassScale).pow(2).mean();
}

void check_options(const GuideOptions& o, int64_t num_classes) {
  auto refuse = [](const std::string& why) { throw Error(ErrorKind::InvalidArgument, why); };
  if (!(o.truncation > 0 && o.truncation <= 1))
    refuse("the truncation must be above 0 and at most 1, not " + std::to_string(o.truncation));
  if (o.biggan_class < -1 || o.biggan_class >= num_classes)
    refuse("class " + std::to_string(o.biggan_class) + " is not one of this model's 0 to " + std::to_string(num_classes - 1) +
           " (-1: big-sleep's random start)");
  if (o.max_classes < 0 || o.max_classes > num_classes)
    refuse("the most classes must be 0 (the sigmoid) or 1 to this model's " + std::to_string(num_classes) + ", not " +
           std::to_string(o.max_classes));
  if (!(o.class_temperature > 0) || !std::isfinite(o.class_temperature))
    refuse("the class temperature must be a positive finite number");
  if (!(o.latent_loss_weight >= 0) || !std::isfinite(o.latent_loss_weight) || !(o.class_loss_weight >= 0) ||
      !std::isfinite(o.class_loss_weight))
    refuse("the latent and class terms' weights must be finite numbers of at least 0");
}

}  // namespace

GuideResult run_biggan_guidance(const clip::Clip& clip, const gan::BigGan& model, const GuideOptions& options, JobContext* ctx) {
  gan::BigGanNet& g = model.net();
  const int64_t zd = g.z_dim(), nc = g.num_classes();
  GuideOptions o = options;
  if (o.cut_sizes == CutSizes::Auto) o.cut_sizes = CutSizes::BigSleep;
  check_options(o, nc);
  // The latent: z (unit scale) then the class logits, one tensor, so the optimiser, the frames'
  // state and restarts treat it as the other generators' latents (the optimisers are elementwise:
  // one tensor steps as two would).
  at::Tensor latent;
  if (!o.start_latent.empty()) {
    if (int64_t(o.start_latent.size()) != zd + nc)
      throw Error(ErrorKind::InvalidArgument, "the latent to restart from has " + std::to_string(o.start_latent.size()) +
                                                  " values; this BigGAN's z and class logits have " + std::to_string(zd) + " + " +
                                                  std::to_string(nc) + " = " + std::to_string(zd + nc));
    latent = at::tensor(o.start_latent).view({1, zd + nc});
  } else {
    // big-sleep's start: z ~ N(0, 1), logits ~ N(-3.9, 0.3); both from the seed.
    auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
    const at::Tensor z = at::randn({1, zd}, gen);
    at::Tensor logits = at::randn({1, nc}, gen) * kLogitStd + kLogitMean;
    if (o.biggan_class >= 0) logits.select(1, o.biggan_class).fill_(kChosenLogit);
    latent = at::cat({z, logits}, 1);
  }
  // The generator gets truncation x z, as the reference samples z (truncated normal x truncation),
  // while z itself stays at unit scale where big-sleep's statistics term expects it.
  auto render = [&](const at::Tensor& l) {
    return g.generate(l.narrow(1, 0, zd) * o.truncation, class_vector(l.narrow(1, zd, nc), o), o.truncation);
  };
  auto after_step = [&](at::Tensor& l) { l.narrow(1, 0, zd).clamp_(-o.latent_bound, o.latent_bound); };  // z only
  auto terms = [&](const at::Tensor& l) {
    return std::vector<detail::Term>{{"latent statistics", latent_term(l.narrow(1, 0, zd)), o.latent_loss_weight},
                                     {"class sparsity", class_term(class_vector(l.narrow(1, zd, nc), o)), o.class_loss_weight}};
  };
  GuideResult result = detail::run_loop(clip, o, ctx, latent, render, after_step, terms);
  at::NoGradGuard no_grad;
  const at::Tensor classes = class_vector(at::tensor(result.latent).view({1, zd + nc}).narrow(1, zd, nc), o).contiguous();
  result.class_vector.assign(classes.data_ptr<float>(), classes.data_ptr<float>() + classes.numel());
  return result;
}

}  // namespace atelier::guide
