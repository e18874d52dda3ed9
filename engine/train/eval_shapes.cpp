// The evaluation-only shape renderer (see eval_shapes.h): analytic inside tests in a unit frame,
// 8x8 samples a pixel, no OpenCV drawing, nothing shared with shapes.cpp but the names.
#include "train/eval_shapes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "runtime/error.h"
#include "train/datasets.h"
#include "train/detail/rng.h"

namespace atelier::train {

namespace {

struct Shade {
  const char* name;
  uint8_t r, g, b;
};
// Each name's shade, unlike the training renderer's yet unmistakably that colour.
const Shade kShades[] = {{"red", 200, 40, 40},     {"green", 40, 150, 60},   {"blue", 40, 80, 200},
                         {"yellow", 235, 210, 50}, {"orange", 235, 125, 35}, {"purple", 125, 55, 165},
                         {"pink", 240, 150, 200},  {"brown", 115, 70, 35},   {"black", 0, 0, 0},
                         {"white", 255, 255, 255}, {"grey", 150, 150, 150},  {"cyan", 20, 185, 210}};

enum class Kind { Circle, Square, Triangle, Star, Heart, Ring, Cross, Line, Diamond, Hexagon };
const char* kKinds[] = {"circle", "square", "triangle", "star", "heart", "ring", "cross", "line", "diamond", "hexagon"};

// By name, so that the order of shape_names() may change.
Kind kind_of(int shape) {
  const std::string& name = shape_names().at(size_t(shape));
  for (size_t k = 0; k < std::size(kKinds); ++k)
    if (name == kKinds[k]) return Kind(k);
  throw Error(ErrorKind::Internal, "the independent renderer has no '" + name + "'");
}

struct Pt {
  double x, y;
};

// n vertices on the unit circle (y down), the first at `phase` radians; every other one at
// `inner` times the radius when inner > 0 (a star of n/2 points).
std::vector<Pt> vertices(int n, double phase, double inner = 0) {
  std::vector<Pt> v;
  for (int i = 0; i < n; ++i) {
    const double a = phase + 2 * M_PI * i / n, r = inner > 0 && i % 2 ? inner : 1.0;
    v.push_back({r * std::cos(a), r * std::sin(a)});
  }
  return v;
}

// Even-odd crossing test: a horizontal ray from p crosses the boundary an odd number of times.
bool in_polygon(const std::vector<Pt>& poly, Pt p) {
  bool in = false;
  for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const Pt a = poly[i], b = poly[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)) in = !in;
  }
  return in;
}

// The heart as the implicit curve (x^2 + y^2 - 1)^3 - x^2 y^3 <= 0 (y up), whose box is
// x in [-1.139, 1.139], y in [-0.998, 1.236]: scaled so half its width is 1, centred on its box.
bool in_heart(Pt p) {
  constexpr double kHalf = 1.1388, kMidY = 0.1193;
  const double x = p.x * kHalf, y = kMidY - p.y * kHalf;
  const double q = x * x + y * y - 1;
  return q * q * q - x * x * y * y * y <= 0;
}

// The shape in its unit frame: radius 1, centred at the origin, y down, not rotated.
struct Inside {
  Kind kind;
  double line_half_width;  // the line's, in radii
  std::vector<Pt> poly;

  bool operator()(Pt p) const {
    const double d2 = p.x * p.x + p.y * p.y;
    switch (kind) {
      case Kind::Circle: return d2 <= 1;
      case Kind::Ring: return d2 <= 1 && d2 >= 0.25;  // hole: half the radius
      case Kind::Square: return std::abs(p.x) <= M_SQRT1_2 && std::abs(p.y) <= M_SQRT1_2;  // corners on the circle
      case Kind::Diamond: return std::abs(p.x) + std::abs(p.y) <= 1;  // the same square on its corner
      case Kind::Cross: {  // two bars 2 long, 0.44 wide
        constexpr double w = 0.22;
        return (std::abs(p.x) <= 1 && std::abs(p.y) <= w) || (std::abs(p.y) <= 1 && std::abs(p.x) <= w);
      }
      case Kind::Line: {  // distance to the segment (-1, 0)-(1, 0): round ends
        const double dx = std::max(0.0, std::abs(p.x) - 1);
        return dx * dx + p.y * p.y <= line_half_width * line_half_width;
      }
      case Kind::Heart: return in_heart(p);
      default: return in_polygon(poly, p);
    }
  }
};

// Luma, as Rec. 601 weighs it.
double luma(const Shade& s) { return 0.299 * s.r + 0.587 * s.g + 0.114 * s.b; }

const Shade& shade_of(int colour) {
  const std::string& name = colour_names().at(size_t(colour));
  for (const auto& s : kShades)
    if (name == s.name) return s;
  throw Error(ErrorKind::Internal, "the independent renderer has no shade for '" + name + "'");
}

}  // namespace

const std::vector<IndependentBackground>& independent_backgrounds() {
  static const std::vector<IndependentBackground> v = {{"white", 255}, {"light grey", 215}, {"near-black", 20}, {"dark grey", 70}};
  return v;
}

std::array<uint8_t, 3> independent_rgb(int colour) {
  const Shade& s = shade_of(colour);
  return {s.r, s.g, s.b};
}

bool independent_visible(int colour, int background) {
  const Shade& s = shade_of(colour);
  const int chroma = std::max({s.r, s.g, s.b}) - std::min({s.r, s.g, s.b});
  return chroma >= 60 || std::abs(luma(s) - independent_backgrounds().at(size_t(background)).grey) >= 70;
}

Image render_independent(const IndependentShape& s, int size) {
  if (size < 8) throw Error(ErrorKind::InvalidArgument, "render_independent: an image of at least 8 px");
  const Kind kind = kind_of(s.shape);
  const Shade& fg = shade_of(s.colour);
  const uint8_t bg = independent_backgrounds().at(size_t(s.background)).grey;
  const double r = double(s.radius) * size / 64.0, c = size / 2.0;
  Inside inside{kind, std::max(0.1, 1.25 * size / 64.0 / r), {}};
  if (kind == Kind::Triangle) inside.poly = vertices(3, -M_PI / 2);
  if (kind == Kind::Hexagon) inside.poly = vertices(6, 0);
  if (kind == Kind::Star) inside.poly = vertices(10, -M_PI / 2, 0.5);
  // A pixel sample to the unit frame: centre, scale, then rotate by -angle.
  const double ca = std::cos(s.angle), sa = std::sin(s.angle);
  constexpr int kSub = 8;
  const int lo = std::max(0, int(std::floor(c - 1.5 * r)) - 1), hi = std::min(size, int(std::ceil(c + 1.5 * r)) + 1);
  Image img{size, size, 3, std::vector<uint8_t>(size_t(size) * size_t(size) * 3, bg)};
  for (int y = lo; y < hi; ++y)
    for (int x = lo; x < hi; ++x) {
      int hits = 0;
      for (int j = 0; j < kSub; ++j)
        for (int i = 0; i < kSub; ++i) {
          const double u = (x + (i + 0.5) / kSub - c) / r, v = (y + (j + 0.5) / kSub - c) / r;
          hits += inside({ca * u + sa * v, -sa * u + ca * v});
        }
      if (!hits) continue;
      const double a = double(hits) / (kSub * kSub);
      uint8_t* p = &img.pixels[(size_t(y) * size_t(size) + size_t(x)) * 3];
      const uint8_t rgb[3] = {fg.r, fg.g, fg.b};
      for (int k = 0; k < 3; ++k) p[k] = uint8_t(std::lround(bg + (rgb[k] - bg) * a));
    }
  return img;
}

SizeClass size_class(float radius) { return radius < 14 ? SizeClass::Small : radius >= 21 ? SizeClass::Large : SizeClass::Medium; }

const char* size_class_name(SizeClass c) { return c == SizeClass::Small ? "small" : c == SizeClass::Large ? "large" : "medium"; }

IndependentShape independent_shape(uint64_t seed, uint64_t index) {
  Rng rng(seed, index);
  IndependentShape s;
  s.shape = rng.uniform(int(shape_names().size()));
  s.background = rng.uniform(int(independent_backgrounds().size()));
  do {
    s.colour = rng.uniform(int(colour_names().size()));
  } while (!independent_visible(s.colour, s.background));
  static const float kLo[] = {8, 14, 21}, kHi[] = {13.99f, 20.99f, 27};  // uniformf stays below hi
  const int k = int(index % 3);
  s.radius = rng.uniformf(kLo[k], kHi[k]);
  s.angle = rng.uniformf(-1, 1) * float(M_PI / 12);
  return s;
}

std::string independent_caption(const IndependentShape& s) {
  char radius[32];
  std::snprintf(radius, sizeof radius, " (radius %.1f px)", double(s.radius));
  return with_article(colour_names().at(size_t(s.colour))) + " " + shape_names().at(size_t(s.shape)) + " on " +
         with_article(independent_backgrounds().at(size_t(s.background)).name) + " background" + radius;
}

}  // namespace atelier::train
