#include "clip/bench.h"

#include <ATen/ATen.h>

#include <chrono>

#include "clip/detail/clip_impl.h"
#include "runtime/detail/device.h"
#include "runtime/error.h"

namespace atelier::clip {

namespace {

using Clock = std::chrono::steady_clock;

at::ScalarType dtype_of(const std::string& p) {
  if (p == "fp32") return at::kFloat;
  if (p == "bf16") return at::kBFloat16;
  if (p == "fp16") return at::kHalf;
  throw Error(ErrorKind::InvalidArgument, "unknown precision '" + p + "': use fp32, bf16 or fp16");
}

// Forward FLOPs of one transformer pass over L tokens of width d (multiply-adds count 2).
double transformer_flops(double layers, double L, double d) {
  return layers * (24.0 * L * d * d + 4.0 * L * L * d);
}

template <typename Fn>
double seconds_per_call(Fn&& fn, int repeats, const at::Device& device) {
  fn();  // warm-up: allocations, oneDNN primitive caches, CUDA kernels' first launch
  synchronize(device);
  auto t0 = Clock::now();
  for (int i = 0; i < repeats; ++i) fn();
  synchronize(device);
  return std::chrono::duration<double>(Clock::now() - t0).count() / repeats;
}

}  // namespace

double matmul_gflops(const std::string& precision, int n, const std::string& device_name) {
  c10::InferenceMode guard;
  const at::Device device(device_name);
  auto a = at::randn({n, n}).to(device, dtype_of(precision));
  auto b = at::randn({n, n}).to(device, dtype_of(precision));
  double s = seconds_per_call([&] { at::mm(a, b); }, 3, device);
  return 2.0 * double(n) * n * n / s / 1e9;
}

ClipBenchResult bench_clip(Clip& model, const ClipBenchOptions& o) {
  auto& impl = model.impl();
  const ClipConfig& c = impl.model->config;
  const int64_t r = c.image_resolution;
  const at::Device device(o.device);
  at::manual_seed(0);
  // Drawn on the CPU (the same numbers on every device), then put where the model runs, so that
  // the timed calls copy nothing between host and device.
  auto pixels = at::randn({o.batch, 3, r, r}).to(device);
  auto tokens = at::randint(1, c.vocab_size - 1, {o.batch, c.context_length}, at::kLong);
  tokens.select(1, 10).fill_(c.vocab_size - 1);  // an end token, where pooling reads
  tokens = tokens.to(device);

  ClipBenchResult res;
  const double grid = double(r / c.vision_patch_size);
  res.image_gflop = (2.0 * 3 * c.vision_patch_size * c.vision_patch_size * c.vision_width * grid * grid +
                     transformer_flops(double(c.vision_layers), grid * grid + 1, double(c.vision_width)) +
                     2.0 * c.vision_width * c.embed_dim) / 1e9;
  res.text_gflop = (transformer_flops(double(c.transformer_layers), double(c.context_length), double(c.transformer_width)) +
                    2.0 * c.transformer_width * c.embed_dim) / 1e9;

  at::Tensor reference;
  if (o.precision != "fp32") {
    c10::InferenceMode guard;
    model.to(o.device, Precision::Float32);
    reference = impl.encode_image(pixels);
  }
  model.to(o.device, o.precision == "bf16" ? Precision::BFloat16 : o.precision == "fp16" ? Precision::Half : Precision::Float32);

  double image_s;
  if (o.grad) {
    // Guidance: the gradient of a loss on the embeddings with respect to the input pixels.
    image_s = seconds_per_call([&] {
      auto x = pixels.clone().requires_grad_(true);
      c10::AutoGradMode grad(true);
      impl.encode_image(x).sum().backward();
    }, o.repeats, device);
  } else {
    image_s = seconds_per_call([&] {
      c10::InferenceMode guard;
      impl.encode_image(pixels);
    }, o.repeats, device);
  }
  const double text_s = seconds_per_call([&] {
    c10::InferenceMode guard;
    impl.encode_text(tokens);
  }, o.repeats, device);
  res.images_per_s = o.batch / image_s;
  res.texts_per_s = o.batch / text_s;
  res.achieved_gflops = res.image_gflop * res.images_per_s * (o.grad ? 3.0 : 1.0);  // backward ~ 2x forward
  res.matmul_gflops = matmul_gflops(o.precision, 2048, o.device);
  if (reference.defined()) {
    c10::InferenceMode guard;
    auto fast = impl.encode_image(pixels);
    res.cosine_to_fp32 = at::cosine_similarity(fast, reference, 1).min().item<double>();
  }
  return res;
}

}  // namespace atelier::clip
