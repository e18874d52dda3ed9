#include "clip/preprocess.h"

#include <algorithm>
#include <cfenv>
#include <cmath>

#include "io/image.h"
#include "runtime/error.h"

namespace atelier::clip {

namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;  // PIL's fixed point for 8-bit resampling

double bicubic(double x) {  // a = -0.5, as PIL
  constexpr double a = -0.5;
  x = std::abs(x);
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}

uint8_t clip8(int v) { return uint8_t(std::clamp(v >> kPrecisionBits, 0, 255)); }

struct Coeffs {
  int ksize = 0;
  std::vector<int> bounds;  // per output pixel: first input pixel, count
  std::vector<int> k;       // fixed-point weights, ksize per output pixel
};

// PIL's precompute_coeffs + normalize_coeffs_8bpc for one axis.
Coeffs coefficients(int in_size, int out_size) {
  const double scale = double(in_size) / out_size;
  const double filterscale = std::max(scale, 1.0);
  const double support = 2.0 * filterscale;
  Coeffs c;
  c.ksize = int(std::ceil(support)) * 2 + 1;
  c.bounds.resize(size_t(out_size) * 2);
  c.k.assign(size_t(out_size) * size_t(c.ksize), 0);
  std::vector<double> w(size_t(c.ksize));
  for (int xx = 0; xx < out_size; ++xx) {
    const double center = (xx + 0.5) * scale;
    const double ss = 1.0 / filterscale;
    int xmin = std::max(int(center - support + 0.5), 0);
    int xmax = std::min(int(center + support + 0.5), in_size) - xmin;
    double ww = 0.0;
    for (int x = 0; x < xmax; ++x) ww += (w[size_t(x)] = bicubic((x + xmin - center + 0.5) * ss));
    for (int x = 0; x < xmax; ++x) {
      double v = ww != 0.0 ? w[size_t(x)] / ww : w[size_t(x)];
      c.k[size_t(xx) * size_t(c.ksize) + size_t(x)] =
          v < 0 ? int(-0.5 + v * (1 << kPrecisionBits)) : int(0.5 + v * (1 << kPrecisionBits));
    }
    c.bounds[size_t(xx) * 2] = xmin;
    c.bounds[size_t(xx) * 2 + 1] = xmax;
  }
  return c;
}

// One pass along x (horizontal) or y, on interleaved 8-bit channels. The sums are PIL's, in the
// same integer arithmetic, so the result is exact whatever the loop order: the vertical pass runs
// along whole rows (contiguous, vectorised), the horizontal one keeps a pixel's channels together.
Image resample_axis(const Image& in, int out_size, bool horizontal) {
  const int in_size = horizontal ? in.width : in.height;
  const Coeffs c = coefficients(in_size, out_size);
  Image out;
  out.channels = in.channels;
  out.width = horizontal ? out_size : in.width;
  out.height = horizontal ? in.height : out_size;
  out.pixels.resize(size_t(out.width) * size_t(out.height) * size_t(out.channels));
  const size_t ch = size_t(in.channels);
  constexpr int kHalf = 1 << (kPrecisionBits - 1);
  if (horizontal) {
    int sum[4];
    for (int y = 0; y < out.height; ++y) {
      const uint8_t* row = in.pixels.data() + size_t(y) * size_t(in.width) * ch;
      uint8_t* dst = out.pixels.data() + size_t(y) * size_t(out.width) * ch;
      for (int x = 0; x < out.width; ++x) {
        const int first = c.bounds[size_t(x) * 2], count = c.bounds[size_t(x) * 2 + 1];
        const int* k = &c.k[size_t(x) * size_t(c.ksize)];
        const uint8_t* src = row + size_t(first) * ch;
        for (size_t chn = 0; chn < ch; ++chn) sum[chn] = kHalf;
        for (int i = 0; i < count; ++i)
          for (size_t chn = 0; chn < ch; ++chn) sum[chn] += src[size_t(i) * ch + chn] * k[i];
        for (size_t chn = 0; chn < ch; ++chn) dst[size_t(x) * ch + chn] = clip8(sum[chn]);
      }
    }
  } else {
    const size_t stride = size_t(in.width) * ch;
    std::vector<int> sum(stride);
    for (int y = 0; y < out.height; ++y) {
      const int first = c.bounds[size_t(y) * 2], count = c.bounds[size_t(y) * 2 + 1];
      const int* k = &c.k[size_t(y) * size_t(c.ksize)];
      std::fill(sum.begin(), sum.end(), kHalf);
      for (int i = 0; i < count; ++i) {
        const uint8_t* src = in.pixels.data() + size_t(first + i) * stride;
        const int w = k[i];
        for (size_t j = 0; j < stride; ++j) sum[j] += int(src[j]) * w;
      }
      uint8_t* dst = out.pixels.data() + size_t(y) * stride;
      for (size_t j = 0; j < stride; ++j) dst[j] = clip8(sum[j]);
    }
  }
  return out;
}

// PIL's RGBA -> RGBa (premultiplied) and back.
void premultiply(Image& im) {
  for (size_t i = 0; i < im.pixels.size(); i += 4) {
    const unsigned a = im.pixels[i + 3];
    for (int c = 0; c < 3; ++c) {
      unsigned tmp = im.pixels[i + size_t(c)] * a + 128;
      im.pixels[i + size_t(c)] = uint8_t((tmp + (tmp >> 8)) >> 8);
    }
  }
}

void unpremultiply(Image& im) {
  for (size_t i = 0; i < im.pixels.size(); i += 4) {
    const unsigned a = im.pixels[i + 3];
    if (a == 0 || a == 255) continue;
    for (int c = 0; c < 3; ++c) im.pixels[i + size_t(c)] = uint8_t(std::min(255u, (255u * im.pixels[i + size_t(c)]) / a));
  }
}

Image drop_alpha(const Image& im) {
  if (im.channels == 3) return im;
  Image out{im.width, im.height, 3, std::vector<uint8_t>(size_t(im.width) * size_t(im.height) * 3)};
  for (size_t p = 0, n = size_t(im.width) * size_t(im.height); p < n; ++p)
    for (int c = 0; c < 3; ++c) out.pixels[p * 3 + size_t(c)] = im.pixels[p * 4 + size_t(c)];
  return out;
}

}  // namespace

Image resize_bicubic(const Image& image, int width, int height) {
  if (width <= 0 || height <= 0 || image.width <= 0 || image.height <= 0)
    throw Error(ErrorKind::InvalidArgument, "can't resize an empty image or to an empty size");
  Image im = image;
  const bool alpha = im.channels == 4;
  if (alpha) premultiply(im);
  if (width != im.width) im = resample_axis(im, width, true);
  if (height != im.height) im = resample_axis(im, height, false);
  if (alpha) unpremultiply(im);
  return im;
}

Image resize_and_crop(const Image& image, int size) {
  // Within the image limits first: a 999999 x 1 image would be resized to 224 x 224 million.
  check_image_size(image.width, image.height, "the image");
  // torchvision Resize(int): the shorter side becomes size, the longer int(size * long / short).
  const bool wide = image.width > image.height;
  const int shorter = wide ? image.height : image.width, longer = wide ? image.width : image.height;
  const int new_long = int(double(size) * longer / shorter);
  const int w = wide ? new_long : size, h = wide ? size : new_long;
  Image resized = resize_bicubic(image, w, h);
  // CenterCrop: offsets rounded half to even, as Python's round().
  const int top = int(std::nearbyint((h - size) / 2.0)), left = int(std::nearbyint((w - size) / 2.0));
  Image crop{size, size, resized.channels, std::vector<uint8_t>(size_t(size) * size_t(size) * size_t(resized.channels))};
  for (int y = 0; y < size; ++y)
    std::copy_n(&resized.pixels[(size_t(y + top) * size_t(w) + size_t(left)) * size_t(resized.channels)],
                size_t(size) * size_t(resized.channels), &crop.pixels[size_t(y) * size_t(size) * size_t(crop.channels)]);
  return drop_alpha(crop);
}

std::vector<float> preprocess(const Image& image, int size) {
  const Image rgb = resize_and_crop(image, size);
  const size_t plane = size_t(size) * size_t(size);
  std::vector<float> out(3 * plane);
  for (size_t p = 0; p < plane; ++p)
    for (size_t c = 0; c < 3; ++c) out[c * plane + p] = (float(rgb.pixels[p * 3 + c]) / 255.0f - kMean[c]) / kStd[c];
  return out;
}

}  // namespace atelier::clip
