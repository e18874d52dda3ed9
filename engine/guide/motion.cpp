#include <cmath>
#include <string>

#include "guide/detail/motion.h"
#include "runtime/error.h"

namespace atelier::guide {

bool has_motion(const GuideOptions& o) { return o.zoom != 1.0 || o.rotate != 0.0 || o.shift_x != 0.0 || o.shift_y != 0.0; }

void check_motion(const GuideOptions& o) {
  auto refuse = [](const std::string& why) { throw Error(ErrorKind::InvalidArgument, why); };
  auto in = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
  if (!in(o.zoom, 0.5, 2.0)) refuse("the zoom per frame must be from 0.5 to 2 (1: none), not " + std::to_string(o.zoom));
  if (!in(o.rotate, -45, 45)) refuse("the rotation per frame must be from -45 to 45 degrees, not " + std::to_string(o.rotate));
  if (!in(o.shift_x, -o.width / 4.0, o.width / 4.0) || !in(o.shift_y, -o.height / 4.0, o.height / 4.0))
    refuse("the shift per frame must be at most a quarter of the image's side (" + std::to_string(o.width / 4) + " x " +
           std::to_string(o.height / 4) + " pixels here)");
  if (!in(o.smoothing, 0, 0.999)) refuse("the smoothing must be from 0 (off) to 0.999, not " + std::to_string(o.smoothing));
  if (!in(o.fft_decay, 0, 4)) refuse("the FFT image's decay must be from 0 to 4, not " + std::to_string(o.fft_decay));
  if (o.start_width < 0 || o.start_height < 0 || (o.start_width == 0) != (o.start_height == 0))
    refuse("the size a start latent was made at needs both a width and a height (0 and 0: this run's size)");
}

at::Tensor detail::move_image(const at::Tensor& image, const GuideOptions& o) {
  if (!has_motion(o)) return image;
  const double W = double(image.size(3)), H = double(image.size(2));
  const double a = o.rotate * M_PI / 180.0, c = std::cos(a), s = std::sin(a);
  // A pixel q of the output shows the input at p = F^-1 (q - d) / zoom, F the rotation (screen
  // coordinates, y down: anticlockwise on the screen is [[c, s], [-s, c]]), d the shift; in
  // pixels about the centre, then in the grid's normalised coordinates (x / (W/2), y / (H/2)).
  const double inv[2][2] = {{c / o.zoom, -s / o.zoom}, {s / o.zoom, c / o.zoom}};
  const double half[2] = {W / 2, H / 2}, d[2] = {o.shift_x, o.shift_y};
  double theta[6];
  for (int r = 0; r < 2; ++r) {
    for (int k = 0; k < 2; ++k) theta[r * 3 + k] = inv[r][k] * half[k] / half[r];
    theta[r * 3 + 2] = -(inv[r][0] * d[0] + inv[r][1] * d[1]) / half[r];
  }
  const at::Tensor t = at::tensor(at::ArrayRef<double>(theta, 6), at::kDouble)
                           .to(image.scalar_type())
                           .view({1, 2, 3})
                           .expand({image.size(0), 2, 3})
                           .to(image.device());
  const at::Tensor grid = at::affine_grid_generator(t, image.sizes(), false);
  return at::grid_sampler(image, grid, 0, 1, false);  // bilinear, border
}

}  // namespace atelier::guide
