#include "guide/detail/augment.h"

#include <cmath>

#include "clip/preprocess.h"

namespace atelier::guide {

double uniform(at::Generator& gen, double lo, double hi) {
  return lo + (hi - lo) * at::rand({1}, gen, at::TensorOptions().dtype(at::kDouble)).item<double>();
}

namespace {
int64_t randint(at::Generator& gen, int64_t lo, int64_t hi) {  // [lo, hi)
  return std::min(hi - 1, lo + int64_t(std::floor(uniform(gen, 0, 1) * double(hi - lo))));
}

// The homography taking output pixels to input pixels: out corners `to` come from in corners `from`.
at::Tensor homography(const double from[4][2], const double to[4][2]) {
  at::Tensor a = at::zeros({8, 8}, at::kDouble), b = at::zeros({8}, at::kDouble);
  for (int i = 0; i < 4; ++i) {
    const double x = to[i][0], y = to[i][1], u = from[i][0], v = from[i][1];
    const double r0[8] = {x, y, 1, 0, 0, 0, -u * x, -u * y}, r1[8] = {0, 0, 0, x, y, 1, -v * x, -v * y};
    for (int j = 0; j < 8; ++j) {
      a[2 * i][j] = r0[j];
      a[2 * i + 1][j] = r1[j];
    }
    b[2 * i] = u;
    b[2 * i + 1] = v;
  }
  return at::linalg_solve(a, b);
}
}  // namespace

at::Tensor random_perspective(const at::Tensor& images, double distortion, double fill, at::Generator& gen) {
  const int64_t N = images.size(0), H = images.size(2), W = images.size(3);
  const int64_t hw = W / 2, hh = H / 2, dx = int64_t(distortion * double(hw)), dy = int64_t(distortion * double(hh));
  std::vector<at::Tensor> out;
  const auto opts = images.options();
  at::Tensor xs = (at::arange(W, opts) + 0.5).view({1, W}).expand({H, W});
  at::Tensor ys = (at::arange(H, opts) + 0.5).view({H, 1}).expand({H, W});
  for (int64_t n = 0; n < N; ++n) {
    const double from[4][2] = {{0, 0}, {double(W - 1), 0}, {double(W - 1), double(H - 1)}, {0, double(H - 1)}};
    const double to[4][2] = {{double(randint(gen, 0, dx + 1)), double(randint(gen, 0, dy + 1))},
                             {double(W - 1 - randint(gen, 0, dx + 1)), double(randint(gen, 0, dy + 1))},
                             {double(W - 1 - randint(gen, 0, dx + 1)), double(H - 1 - randint(gen, 0, dy + 1))},
                             {double(randint(gen, 0, dx + 1)), double(H - 1 - randint(gen, 0, dy + 1))}};
    const at::Tensor c = homography(from, to).to(images.scalar_type());
    auto k = [&](int i) { return c[i].item<double>(); };
    at::Tensor den = xs * k(6) + ys * k(7) + 1.0;
    at::Tensor u = (xs * k(0) + ys * k(1) + k(2)) / den, v = (xs * k(3) + ys * k(4) + k(5)) / den;
    at::Tensor grid = at::stack({u / double(W) * 2 - 1, v / double(H) * 2 - 1}, -1).unsqueeze(0).to(images.device());
    out.push_back(at::grid_sampler(images.narrow(0, n, 1) - fill, grid, 0, 0, false) + fill);
  }
  return at::cat(out);
}

at::Tensor random_resized_crop(const at::Tensor& images, int64_t size, double smin, double smax, at::Generator& gen) {
  const int64_t N = images.size(0), H = images.size(2), W = images.size(3);
  std::vector<at::Tensor> out;
  for (int64_t n = 0; n < N; ++n) {
    int64_t h = std::min(H, W), w = h, i = (H - h) / 2, j = (W - w) / 2;  // the fallback: a centred square
    for (int attempt = 0; attempt < 10; ++attempt) {
      const double area = double(H * W) * uniform(gen, smin, smax);
      const double ratio = std::exp(uniform(gen, std::log(3.0 / 4.0), std::log(4.0 / 3.0)));
      const int64_t cw = std::llround(std::sqrt(area * ratio)), ch = std::llround(std::sqrt(area / ratio));
      if (cw > 0 && cw <= W && ch > 0 && ch <= H) {
        h = ch, w = cw, i = randint(gen, 0, H - h + 1), j = randint(gen, 0, W - w + 1);
        break;
      }
    }
    at::Tensor crop = images.narrow(0, n, 1).narrow(2, i, h).narrow(3, j, w);
    // Shrinking antialiased (as PIL and torchvision's antialias=True do): plain bilinear would let
    // the optimiser fool CLIP with patterns that alias away in any properly resampled copy.
    out.push_back(h > size || w > size ? at::_upsample_bilinear2d_aa(crop, {size, size}, false)
                                       : at::upsample_bilinear2d(crop, {size, size}, false));
  }
  return at::cat(out);
}

at::Tensor random_blur(const at::Tensor& images, double max_sigma, at::Generator& gen) {
  if (!(max_sigma > 0)) return images;
  const int64_t N = images.size(0), C = images.size(1);
  std::vector<at::Tensor> out;
  for (int64_t n = 0; n < N; ++n) {
    const double sigma = uniform(gen, 0, max_sigma);
    at::Tensor img = images.narrow(0, n, 1);
    if (sigma < 0.3) {
      out.push_back(img);
      continue;
    }
    const int64_t half = std::min<int64_t>(int64_t(std::ceil(3 * sigma)), std::min(images.size(2), images.size(3)) - 1);
    at::Tensor x = at::arange(-half, half + 1, images.options());
    at::Tensor k = at::exp(-(x * x) / (2 * sigma * sigma));
    k = k / k.sum();
    at::Tensor kx = k.view({1, 1, 1, -1}).expand({C, 1, 1, 2 * half + 1}).contiguous();
    at::Tensor ky = k.view({1, 1, -1, 1}).expand({C, 1, 2 * half + 1, 1}).contiguous();
    img = at::reflection_pad2d(img, {half, half, half, half});
    img = at::conv2d(img, kx, c10::nullopt, at::IntArrayRef{1}, at::IntArrayRef{0}, at::IntArrayRef{1}, C);
    img = at::conv2d(img, ky, c10::nullopt, at::IntArrayRef{1}, at::IntArrayRef{0}, at::IntArrayRef{1}, C);
    out.push_back(img);
  }
  return at::cat(out);
}

at::Tensor clip_normalise(const at::Tensor& images) {
  const auto opts = images.options();
  at::Tensor mean = at::tensor({clip::kMean[0], clip::kMean[1], clip::kMean[2]}).to(opts).view({1, 3, 1, 1});
  at::Tensor std = at::tensor({clip::kStd[0], clip::kStd[1], clip::kStd[2]}).to(opts).view({1, 3, 1, 1});
  return (images - mean) / std;
}

}  // namespace atelier::guide
