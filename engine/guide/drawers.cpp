#include "guide/drawers.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>

#include "guide/constraints.h"
#include "guide/detail/loop.h"
#include "runtime/error.h"

namespace atelier::guide {

namespace {

[[noreturn]] void refuse(const std::string& why) { throw Error(ErrorKind::InvalidArgument, why); }

// The start latent's size when it was made at another (a higher-resolution pass), else this run's.
std::pair<int, int> start_size(const GuideOptions& o) {
  return {o.start_width ? o.start_width : o.width, o.start_height ? o.start_height : o.height};
}

// ---- pixel art -----------------------------------------------------------------------------

GuideResult run_pixel(const clip::Clip& clip, const GuideOptions& o, JobContext* ctx) {
  const int gw = o.grid_width, gh = o.grid_height;
  if (gw < 1 || gh < 1 || gw > o.width || gh > o.height || o.width % gw || o.height % gh)
    refuse("pixel art's grid (" + std::to_string(gw) + " x " + std::to_string(gh) + " cells) must divide the image's " +
           std::to_string(o.width) + " x " + std::to_string(o.height) + " pixels");
  at::Tensor palette;  // [P, 3] in [0, 1]
  if (!o.pixel_palette.empty()) {
    std::vector<float> rgb;
    for (const Colour& c : parse_palette(o.pixel_palette)) rgb.insert(rgb.end(), {c.r / 255.f, c.g / 255.f, c.b / 255.f});
    palette = at::tensor(rgb).view({-1, 3});
  }
  at::Tensor grid;
  if (!o.start_latent.empty()) {
    // Cells keep their size in pixels: a latent made at another size had grid x that size / this one.
    const auto [sw, sh] = start_size(o);
    if ((int64_t(gw) * sw) % o.width || (int64_t(gh) * sh) % o.height)
      refuse("the latent to restart from was made at " + std::to_string(sw) + " x " + std::to_string(sh) +
             ", which this grid's cells do not divide");
    const int64_t w0 = int64_t(gw) * sw / o.width, h0 = int64_t(gh) * sh / o.height;
    if (int64_t(o.start_latent.size()) != 3 * w0 * h0)
      refuse("the latent to restart from has " + std::to_string(o.start_latent.size()) + " values; pixel art of " +
             std::to_string(w0) + " x " + std::to_string(h0) + " cells has " + std::to_string(3 * w0 * h0));
    grid = at::tensor(o.start_latent).view({1, 3, h0, w0});
    if (w0 != gw || h0 != gh) grid = at::upsample_nearest2d(grid, {gh, gw});
  } else {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
    grid = at::rand({1, 3, gh, gw}, gen);
  }
  auto render = [&](const at::Tensor& g) {
    at::Tensor cells = g;
    if (palette.defined()) {
      // Each cell's nearest palette colour; the gradient passes straight through to the cell.
      const at::Tensor flat = g.permute({0, 2, 3, 1}).reshape({-1, 1, 3});
      const at::Tensor nearest = (flat - palette.unsqueeze(0)).pow(2).sum(2).argmin(1);
      const at::Tensor q = palette.index_select(0, nearest).view({1, gh, gw, 3}).permute({0, 3, 1, 2});
      cells = g + (q - g).detach();
    }
    return at::upsample_nearest2d(cells, {o.height, o.width});
  };
  auto clamp = [](at::Tensor& g) { g.clamp_(0, 1); };
  auto reencode = [&](const at::Tensor& image) { return at::adaptive_avg_pool2d(image, {gh, gw}); };
  return detail::run_loop(clip, o, ctx, grid, render, clamp, {}, reencode);
}

// ---- the FFT image (Lucid's fft_image with decorrelated colour) ------------------------------

// Lucid's colour correlation square root (ImageNet's), its columns' largest norm scaled to 1.
at::Tensor colour_matrix() {
  const at::Tensor c = at::tensor({0.26f, 0.09f, 0.02f, 0.27f, 0.00f, -0.05f, 0.27f, -0.09f, 0.03f}).view({3, 3});
  return c / c.norm(2, 0).max();
}

struct Spectrum {
  int64_t h, w;
  at::Tensor scale;  // [1, 1, h, w/2 + 1]
  at::Tensor colour = colour_matrix();

  Spectrum(int64_t height, int64_t width, double decay) : h(height), w(width) {
    const at::Tensor fy = at::fft_fftfreq(h).unsqueeze(1), fx = at::fft_rfftfreq(w).unsqueeze(0);
    const at::Tensor f = (fy * fy + fx * fx).sqrt();
    // 1 / max(f, 1/max(w, h))^decay, times sqrt(w h) so that steps are like a pixel's (Lucid's).
    scale = (1.0 / at::clamp_min(f, 1.0 / double(std::max(w, h))).pow(decay) * std::sqrt(double(w * h))).to(at::kFloat).view({1, 1, h, -1});
  }
  // [1, 3, h, w/2 + 1, 2] -> [1, 3, h, w] in (0, 1).
  at::Tensor image(const at::Tensor& spectrum) const {
    const at::Tensor x = at::fft_irfft2(at::view_as_complex(spectrum) * scale, c10::IntArrayRef{h, w}) / 4.0;
    const at::Tensor mixed = at::matmul(x.permute({0, 2, 3, 1}), colour.t()).permute({0, 3, 1, 2});
    return at::sigmoid(mixed);
  }
  // The inverse: the spectrum that shows image (clamped into (0, 1) by 1/512 so the logit stays finite).
  at::Tensor spectrum(const at::Tensor& image) const {
    const at::Tensor logit = at::logit(image.clamp(1.0 / 512, 1.0 - 1.0 / 512));
    const at::Tensor x = at::matmul(logit.permute({0, 2, 3, 1}), at::inverse(colour.t())).permute({0, 3, 1, 2}) * 4.0;
    return at::view_as_real(at::fft_rfft2(x) / scale).contiguous();
  }
};

GuideResult run_fft(const clip::Clip& clip, const GuideOptions& o, JobContext* ctx) {
  const Spectrum sp(o.height, o.width, o.fft_decay);
  const int64_t fw = o.width / 2 + 1;
  at::Tensor spectrum;
  if (!o.start_latent.empty()) {
    // A spectrum of another size: its picture resized (bicubic) and taken back.
    const auto [sw, sh] = start_size(o);
    const int64_t want = 3 * int64_t(sh) * (sw / 2 + 1) * 2;
    if (int64_t(o.start_latent.size()) != want)
      refuse("the latent to restart from has " + std::to_string(o.start_latent.size()) + " values; an FFT image of " + std::to_string(sw) +
             " x " + std::to_string(sh) + " has " + std::to_string(want));
    spectrum = at::tensor(o.start_latent).view({1, 3, sh, sw / 2 + 1, 2});
    if (sw != o.width || sh != o.height) {
      at::NoGradGuard no_grad;
      const at::Tensor picture = Spectrum(sh, sw, o.fft_decay).image(spectrum);
      spectrum = sp.spectrum(at::upsample_bicubic2d(picture, {o.height, o.width}, false).clamp(0, 1));
    }
  } else {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
    spectrum = at::randn({1, 3, o.height, fw, 2}, gen) * 0.01;  // Lucid's sd
  }
  return detail::run_loop(
      clip, o, ctx, spectrum, [&](const at::Tensor& s) { return sp.image(s); }, [](at::Tensor&) {}, {},
      [&](const at::Tensor& image) { return sp.spectrum(image); });
}

}  // namespace

Drawer parse_drawer(std::string_view name) {
  if (name == "pixel") return Drawer::Pixel;
  if (name == "fft") return Drawer::Fft;
  refuse("unknown drawer '" + std::string(name) + "': pixel (pixel art) or fft (an FFT image)");
}

const char* to_string(Drawer drawer) { return drawer == Drawer::Pixel ? "pixel" : "fft"; }

GuideResult run_drawer_guidance(const clip::Clip& clip, Drawer drawer, const GuideOptions& o, JobContext* ctx) {
  if (o.width < 8 || o.height < 8) refuse("a drawer's image must be at least 8 x 8 pixels");
  check_motion(o);
  return drawer == Drawer::Pixel ? run_pixel(clip, o, ctx) : run_fft(clip, o, ctx);
}

}  // namespace atelier::guide
