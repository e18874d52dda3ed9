// Procedural shapes: one to three of them in named colours, sizes and positions, drawn with
// OpenCV, with captions from a small grammar. With ShapeOptions::variety, single shapes also
// come in any size up to filling the frame, free rotations, gradient and textured fills, drawn
// by a second anti-aliasing path, on tinted and textured backgrounds, with noise, blur and JPEG
// artefacts; and contrast groups can differ only in the shape: what a shape *is*, not how this
// renderer draws it.
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <random>

#include "runtime/error.h"
#include "train/datasets.h"
#include "train/detail/rng.h"

namespace atelier::train {

namespace {

struct Colour {
  const char* name;
  int r, g, b;
};
const Colour kColours[] = {{"red", 220, 30, 30},     {"green", 30, 170, 50},   {"blue", 30, 70, 220},
                           {"yellow", 240, 220, 30}, {"orange", 250, 140, 20}, {"purple", 140, 40, 180},
                           {"pink", 250, 130, 190},  {"brown", 130, 80, 40},   {"black", 15, 15, 15},
                           {"white", 245, 245, 245}, {"grey", 128, 128, 128},  {"cyan", 30, 200, 220}};
constexpr int kNumColours = sizeof(kColours) / sizeof(kColours[0]);
const char* kShapes[] = {"circle", "square", "triangle", "star", "heart", "ring", "cross", "line", "diamond", "hexagon"};
constexpr int kNumShapes = sizeof(kShapes) / sizeof(kShapes[0]);
const char* kPositions[] = {"on the left", "on the right", "at the top", "at the bottom", "in the middle"};
const char* kCounts[] = {"", "", "two", "three"};
// Backgrounds: white is the plain one and goes unnamed.
const int kBackgrounds[] = {9, 8, 10, 2, 3, 0, 1};  // indices into kColours

std::string plural(const std::string& shape) { return shape == "cross" ? "crosses" : shape + "s"; }

// A third of the variety's hearts (notch draws 0.4-1.3) are the discs' construction, not the curve.
constexpr float kDiscHeartNotch = 0.7f;

// A shape's proportions beyond its name (the variety's; the classic data keeps the defaults):
// how deep a heart's notch is and how round its lobes, how thin a star's points, how thick and
// long a cross's bars. Hearts, stars and crosses are drawn many ways; a model should know them all.
struct Form {
  // scales the heart's higher harmonics: 0.4 round lobes, 1.3 a deep notch; below
  // kDiscHeartNotch the heart is drawn another way (disc_heart), with proportions from these two
  float heart_notch = 1.0f;
  float heart_power = 3.0f;  // the sine's power in x: lower is fuller at the sides
  float star_inner = 0.45f;  // inner radius over r
  float cross_width = 0.5f;  // bar width over r
  float cross_length = 1.2f; // half a bar's length over r
};

// The heart of compass and ruler: two overlapping discs and the tangents from a point below them
// (rounder lobes and a shallower notch than the curve's), in units of r about the centre; the
// proportions from the curve's two draws, so that choosing it draws no more random numbers (and
// every other sample of a seed stays as it was). Traced from a mask 32 px to the unit.
std::vector<cv::Point2f> disc_heart(const Form& form) {
  const float u = std::clamp((form.heart_power - 1.6f) / 1.4f, 0.0f, 1.0f);
  const float v = std::clamp((form.heart_notch - 0.4f) / (kDiscHeartNotch - 0.4f), 0.0f, 1.0f);
  const float gap = 0.34f + 0.16f * u, lobe = 0.62f + 0.12f * v, tip = 0.95f + 0.35f * (1 - u);
  const float y0 = (lobe - tip) / 2;  // the discs' centres: the heart's box centred on 0
  constexpr float K = 32, O = 64;
  cv::Mat mask = cv::Mat::zeros(128, 128, CV_8U), hull_mask = mask.clone();
  std::vector<cv::Point2f> around;
  for (float side : {-1.0f, 1.0f}) {
    const cv::Point2f centre(O + side * gap * K, O + y0 * K);
    cv::circle(mask, cv::Point(int(std::lround(centre.x * 16)), int(std::lround(centre.y * 16))), int(std::lround(lobe * K * 16)),
               cv::Scalar(255), cv::FILLED, cv::LINE_8, 4);
    for (int i = 0; i < 64; ++i) {
      const float a = float(2 * M_PI) * float(i) / 64.0f;
      around.emplace_back(centre.x + lobe * K * std::cos(a), centre.y + lobe * K * std::sin(a));
    }
  }
  around.emplace_back(O, O + (y0 + tip) * K);
  std::vector<cv::Point2f> hull;
  cv::convexHull(around, hull);
  std::vector<cv::Point> hull_px;
  for (const auto& p : hull) hull_px.emplace_back(int(std::lround(p.x)), int(std::lround(p.y)));
  cv::fillConvexPoly(hull_mask, hull_px, cv::Scalar(255));
  hull_mask.rowRange(0, int(std::lround(O + y0 * K))).setTo(0);  // above the centres only the discs: the notch
  mask |= hull_mask;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  std::vector<cv::Point> outline;
  for (const auto& c : contours)
    if (c.size() > outline.size()) outline = c;
  cv::approxPolyDP(std::vector<cv::Point>(outline), outline, 0.6, true);
  std::vector<cv::Point2f> unit;
  for (const auto& p : outline) unit.emplace_back((float(p.x) + 0.5f - O) / K, (float(p.y) + 0.5f - O) / K);
  return unit;
}

std::vector<cv::Point> polygon(int shape, cv::Point2f c, float r, float angle, const Form& form = {}) {
  std::vector<cv::Point2f> pts;
  auto ring = [&](int n, float radius, float phase) {
    for (int i = 0; i < n; ++i) {
      float a = phase + angle + float(2 * M_PI) * float(i) / float(n);
      pts.emplace_back(c.x + radius * std::cos(a), c.y + radius * std::sin(a));
    }
  };
  switch (shape) {
    case 1: ring(4, r * 1.3f, float(M_PI / 4)); break;   // square
    case 2: ring(3, r * 1.25f, float(-M_PI / 2)); break;  // triangle
    case 3:                                                 // star
      for (int i = 0; i < 10; ++i) {
        float a = angle - float(M_PI / 2) + float(M_PI) * float(i) / 5.0f;
        float rr = i % 2 ? r * form.star_inner : r * 1.2f;
        pts.emplace_back(c.x + rr * std::cos(a), c.y + rr * std::sin(a));
      }
      break;
    case 4:  // heart
      if (form.heart_notch < kDiscHeartNotch) {
        for (const auto& p : disc_heart(form)) pts.emplace_back(c.x + p.x * r, c.y + p.y * r);
        break;
      }
      for (int i = 0; i < 40; ++i) {
        float t = float(2 * M_PI) * float(i) / 40.0f;
        const float st = std::sin(t);
        float x = 16 * std::copysign(std::pow(std::abs(st), form.heart_power), st);
        float y = -(13 * std::cos(t) - form.heart_notch * (5 * std::cos(2 * t) + 2 * std::cos(3 * t) + std::cos(4 * t)));
        pts.emplace_back(c.x + x * r / 15.0f, c.y + y * r / 15.0f);
      }
      break;
    case 8: ring(4, r * 1.25f, 0.0f); break;  // diamond
    case 9: ring(6, r * 1.1f, 0.0f); break;   // hexagon
    default: break;
  }
  std::vector<cv::Point> out;
  for (auto& p : pts) out.emplace_back(int(std::lround(p.x * 16)), int(std::lround(p.y * 16)));  // 4 fractional bits
  return out;
}

cv::Scalar scalar(int colour) { return cv::Scalar(kColours[colour].r, kColours[colour].g, kColours[colour].b); }

// line_type: cv::LINE_AA (the usual path) or cv::LINE_8 (the supersampled path draws hard edges
// at four times the size and averages them down).
void draw_in(cv::Mat& img, int shape, const cv::Scalar& col, cv::Point2f c, float r, float angle, int line_type = cv::LINE_AA,
             const Form& form = {}) {
  const int shift = 4;
  auto P = [](cv::Point2f p) { return cv::Point(int(std::lround(p.x * 16)), int(std::lround(p.y * 16))); };
  switch (shape) {
    case 0: cv::circle(img, P(c), int(std::lround(r * 16)), col, cv::FILLED, line_type, shift); break;
    case 5: cv::circle(img, P(c), int(std::lround(r * 0.8f * 16)), col, std::max(2, int(r * 0.4f)), line_type, shift); break;
    case 6: {  // cross: two bars
      for (float a : {angle, angle + float(M_PI / 2)}) {
        cv::Point2f d(std::cos(a) * r * form.cross_length, std::sin(a) * r * form.cross_length);
        cv::line(img, P(c - d), P(c + d), col, std::max(2, int(r * form.cross_width)), line_type, shift);
      }
      break;
    }
    case 7: {  // line
      cv::Point2f d(std::cos(angle) * r * 1.4f, std::sin(angle) * r * 1.4f);
      cv::line(img, P(c - d), P(c + d), col, std::max(2, int(r * 0.25f)), line_type, shift);
      break;
    }
    default: {
      auto pts = polygon(shape, c, r, angle, form);
      cv::fillPoly(img, std::vector<std::vector<cv::Point>>{pts}, col, line_type, shift);
    }
  }
}

void draw(cv::Mat& img, int shape, int colour, cv::Point2f c, float r, float angle) { draw_in(img, shape, scalar(colour), c, r, angle); }

// How a single shape is drawn. People call a heart drawn in red lines, or scribbled in with red
// strokes, "a red heart": so does the caption. (CLIPDraw paints with strokes; a mini-CLIP that
// has only seen solid shapes reads strokes' colours badly.)
enum class Style { Filled, Outline, Scribble };

// Shapes with an outline of their own: polygons and the heart (a circle's outline is a ring,
// a line and a cross are strokes already). A circle can still be scribbled in.
bool has_outline(int shape) { return shape != 0 && shape != 5 && shape != 6 && shape != 7; }
bool can_scribble(int shape) { return shape == 0 || has_outline(shape); }
Style style_for(int shape, Style style) {
  if (style == Style::Outline) return has_outline(shape) ? style : Style::Filled;
  if (style == Style::Scribble) return can_scribble(shape) ? style : Style::Filled;
  return style;
}

// style: one the shape allows (style_for).
void draw_styled(cv::Mat& img, int shape, int colour, cv::Point2f c, float r, float angle, Style style, Rng& rng) {
  if (style == Style::Filled) {
    draw(img, shape, colour, c, r, angle);
    return;
  }
  const cv::Scalar col(kColours[colour].r, kColours[colour].g, kColours[colour].b);
  const int width = std::max(1, int(std::lround(float(img.cols) / 64.0f * rng.uniformf(1.0f, 3.0f))));
  const bool round = shape == 0;
  const auto pts = round ? std::vector<cv::Point>{} : polygon(shape, c, r, angle);
  const cv::Point centre(int(std::lround(c.x * 16)), int(std::lround(c.y * 16)));  // 4 fractional bits, as polygon()
  const int radius = int(std::lround(r * 16));
  auto outline = [&](cv::Mat& into, int w) {
    if (round) cv::circle(into, centre, radius, col, w, cv::LINE_AA, 4);
    else cv::polylines(into, std::vector<std::vector<cv::Point>>{pts}, true, col, w, cv::LINE_AA, 4);
  };
  if (style == Style::Outline) {
    outline(img, width);
    return;
  }
  // Scribble: strokes across the shape's box, kept inside the shape, and its outline.
  cv::Mat mask = cv::Mat::zeros(img.size(), CV_8U), layer = img.clone();
  if (round) cv::circle(mask, centre, radius, cv::Scalar(255), cv::FILLED, cv::LINE_8, 4);
  else cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{pts}, cv::Scalar(255), cv::LINE_8, 4);
  const int strokes = 6 + rng.uniform(10);
  for (int i = 0; i < strokes; ++i) {
    cv::Point2f a(c.x + rng.uniformf(-1.3f, 1.3f) * r, c.y + rng.uniformf(-1.3f, 1.3f) * r);
    cv::Point2f b(c.x + rng.uniformf(-1.3f, 1.3f) * r, c.y + rng.uniformf(-1.3f, 1.3f) * r);
    cv::line(layer, cv::Point(int(a.x * 16), int(a.y * 16)), cv::Point(int(b.x * 16), int(b.y * 16)), col, width, cv::LINE_AA, 4);
  }
  layer.copyTo(img, mask);
  outline(img, std::max(1, width - 1));
}

// ---- variety (ShapeOptions::variety) -------------------------------------------------------
// How a filled single shape looks beyond what its caption says.
struct Look {
  float radius = 0.17f;       // of the image's side
  int fill = 0;               // 0 solid, 1 a gradient of the colour, 2 the colour with grain
  bool supersampled = false;  // hard edges at 4x, averaged down: a second anti-aliasing path
  Form form;
};

// Sizes from small to filling the frame: each size word covers a range, not one radius.
Look pick_look(int size_class, Rng& rng) {
  Look l;
  l.radius = size_class == 1 ? rng.uniformf(0.08f, 0.13f) : size_class == 2 ? rng.uniformf(0.22f, 0.38f) : rng.uniformf(0.13f, 0.21f);
  const int fill = rng.uniform(20);
  l.fill = fill < 13 ? 0 : fill < 16 ? 1 : 2;
  l.supersampled = rng.uniform(10) < 4;
  l.form.heart_notch = rng.uniformf(0.4f, 1.3f);
  l.form.heart_power = rng.uniformf(1.6f, 3.0f);
  l.form.star_inner = rng.uniformf(0.36f, 0.58f);
  l.form.cross_width = rng.uniformf(0.3f, 0.75f);
  l.form.cross_length = rng.uniformf(0.95f, 1.3f);
  return l;
}

// The rotations a shape keeps its name under: a square turned 45 degrees is a diamond, and a
// heart or a cross upside down is something else; a triangle, a star, a hexagon or a line any way.
float free_angle(int shape, Rng& rng) {
  switch (shape) {
    case 1: case 8: return rng.uniformf(-0.35f, 0.35f);
    case 2: case 3: case 7: case 9: return rng.uniformf(-3.14159f, 3.14159f);
    default: return rng.uniformf(-0.5f, 0.5f);
  }
}

// How much of each pixel the shape covers (CV_8U, 0-255).
cv::Mat coverage(cv::Size size, int shape, cv::Point2f c, float r, float angle, bool supersampled, const Form& form) {
  if (!supersampled) {
    cv::Mat m = cv::Mat::zeros(size, CV_8U);
    draw_in(m, shape, cv::Scalar(255), c, r, angle, cv::LINE_AA, form);
    return m;
  }
  constexpr int k = 4;
  cv::Mat big = cv::Mat::zeros(cv::Size(size.width * k, size.height * k), CV_8U), m;
  draw_in(big, shape, cv::Scalar(255), c * float(k), r * float(k), angle, cv::LINE_8, form);
  cv::resize(big, m, size, 0, 0, cv::INTER_AREA);
  return m;
}

uint8_t clamp8(float v) { return uint8_t(std::clamp(std::lround(v), 0L, 255L)); }

// A colour that varies across the image: a shift of brightness along a random direction
// (amplitude amp per channel), with grain of strength grain.
cv::Mat varied(cv::Size size, const cv::Scalar& base, float amp, float grain, Rng& rng) {
  cv::Mat out(size, CV_8UC3);
  const float a = rng.uniformf(0.0f, 6.28318f), ca = std::cos(a), sa = std::sin(a);
  const float w = float(size.width), h = float(size.height);
  for (int y = 0; y < size.height; ++y)
    for (int x = 0; x < size.width; ++x) {
      const float t = ((float(x) - w / 2) * ca + (float(y) - h / 2) * sa) / std::max(w, h);  // about -0.7..0.7
      const float g = grain > 0 ? rng.uniformf(-grain, grain) : 0.0f;
      auto& px = out.at<cv::Vec3b>(y, x);
      for (int ch = 0; ch < 3; ++ch) px[ch] = clamp8(float(base[ch]) + t * amp + g);
    }
  return out;
}

cv::Mat fill_layer(cv::Size size, int colour, int fill, Rng& rng) {
  if (fill == 1) return varied(size, scalar(colour), rng.uniformf(40.0f, 80.0f), 0.0f, rng);
  if (fill == 2) return varied(size, scalar(colour), 0.0f, rng.uniformf(8.0f, 22.0f), rng);
  return cv::Mat(size, CV_8UC3, scalar(colour));
}

// img = img (1 - alpha) + layer alpha, alpha = mask / 255.
void composite(cv::Mat& img, const cv::Mat& mask, const cv::Mat& layer) {
  for (int y = 0; y < img.rows; ++y)
    for (int x = 0; x < img.cols; ++x) {
      const float a = float(mask.at<uint8_t>(y, x)) / 255.0f;
      if (a <= 0) continue;
      auto& px = img.at<cv::Vec3b>(y, x);
      const auto& l = layer.at<cv::Vec3b>(y, x);
      for (int ch = 0; ch < 3; ++ch) px[ch] = clamp8(float(px[ch]) * (1 - a) + float(l[ch]) * a);
    }
}

// A background no caption names: a palette colour other than the shape's, shifted, in a
// gradient or with grain.
void textured_background(cv::Mat& img, int avoid, Rng& rng) {
  int base = rng.uniform(kNumColours);
  while (base == avoid) base = rng.uniform(kNumColours);
  cv::Scalar c = scalar(base);
  for (int ch = 0; ch < 3; ++ch) c[ch] = std::clamp(c[ch] + double(rng.uniformf(-25.0f, 25.0f)), 0.0, 255.0);
  const bool gradient = rng.uniform(2) == 0;
  varied(img.size(), c, gradient ? rng.uniformf(30.0f, 70.0f) : 0.0f, gradient ? 2.0f : rng.uniformf(4.0f, 14.0f), rng).copyTo(img);
}

// What cameras and files do to pictures: sensor noise, a soft focus, JPEG's blocks and ringing.
void degrade(cv::Mat& img, Rng& rng) {
  const int pick = rng.uniform(20);
  if (pick < 4) {
    const float sigma = rng.uniformf(3.0f, 12.0f);
    for (auto it = img.begin<cv::Vec3b>(); it != img.end<cv::Vec3b>(); ++it)
      for (int ch = 0; ch < 3; ++ch) (*it)[ch] = clamp8(float((*it)[ch]) + rng.uniformf(-sigma, sigma) * 1.7f);
  } else if (pick < 7) {
    const double sigma = rng.uniformf(0.5f, 1.1f) * double(img.cols) / 64.0;
    cv::GaussianBlur(img, img, cv::Size(0, 0), sigma);
  } else if (pick < 11) {
    std::vector<uint8_t> jpeg;
    cv::Mat bgr;
    cv::cvtColor(img, bgr, cv::COLOR_RGB2BGR);
    cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, 20 + rng.uniform(50)});
    cv::cvtColor(cv::imdecode(jpeg, cv::IMREAD_COLOR), img, cv::COLOR_BGR2RGB);
  }
}

Image to_image(const cv::Mat& m) {
  Image img{m.cols, m.rows, 3, {}};
  img.pixels.assign(m.data, m.data + m.total() * 3);
  return img;
}

int pick_background(Rng& rng, int avoid1, int avoid2 = -1) {
  for (;;) {
    int bg = rng.uniform(10) < 6 ? 9 : kBackgrounds[rng.uniform(7)];
    if (bg != avoid1 && bg != avoid2) return bg;
  }
}

std::string background_phrase(int bg) { return bg == 9 ? "" : std::string(" on a ") + kColours[bg].name + " background"; }

cv::Point2f position_centre(int pos, int size, Rng& rng) {
  const float s = float(size), j = s * 0.06f;
  const float jx = rng.uniformf(-j, j), jy = rng.uniformf(-j, j);
  switch (pos) {
    case 0: return {s * 0.25f + jx, s * 0.5f + jy};
    case 1: return {s * 0.75f + jx, s * 0.5f + jy};
    case 2: return {s * 0.5f + jx, s * 0.25f + jy};
    case 3: return {s * 0.5f + jx, s * 0.75f + jy};
    default: return {s * 0.5f + jx, s * 0.5f + jy};
  }
}

// One shape as the captions describe it. size_class: 0 normal, 1 small, 2 large; position -1:
// anywhere (unnamed); templ: one of four caption templates, -1: drawn from rng after the shape.
struct Single {
  int shape, colour, position, size_class, templ;
  Style style = Style::Filled;
};

// Draws the shape (its jitter and angle from rng) and returns its caption, background not named.
// look: the variety's size and fill (null: the classic three sizes, solid), with look_rng for
// its angle and grain.
std::string draw_single(cv::Mat& img, const Single& one, Rng& rng, Rng& style_rng, const Look* look = nullptr,
                        Rng* look_rng = nullptr) {
  const float size = float(img.cols);
  const float r = size * (look ? look->radius : one.size_class == 1 ? 0.11f : one.size_class == 2 ? 0.26f : 0.17f);
  const float margin = std::min(size / 2, look ? r * 1.25f + 1 : r + 2);  // the variety's polygons reach 1.25 r
  const cv::Point2f c = one.position >= 0 ? position_centre(one.position, img.cols, rng)
                                          : cv::Point2f(rng.uniformf(margin, size - margin), rng.uniformf(margin, size - margin));
  const float classic_angle = rng.uniformf(-0.5f, 0.5f);
  if (look && look_rng && one.style == Style::Filled) {
    const float angle = free_angle(one.shape, *look_rng);
    composite(img, coverage(img.size(), one.shape, c, r, angle, look->supersampled, look->form),
              fill_layer(img.size(), one.colour, look->fill, *look_rng));
  } else {
    draw_styled(img, one.shape, one.colour, c, r, look_rng ? free_angle(one.shape, *look_rng) : classic_angle, one.style, style_rng);
  }
  static const char* kTemplates[] = {"a {s}{c} {h}", "a picture of a {s}{c} {h}", "a {s}{c} {h} shape", "{s}{c} {h}"};
  std::string t = kTemplates[one.templ >= 0 ? one.templ : rng.uniform(4)];
  auto rep = [&](const std::string& key, const std::string& val) {
    for (size_t p; (p = t.find(key)) != std::string::npos;) t.replace(p, key.size(), val);
  };
  rep("{s}", one.size_class == 1 ? "small " : one.size_class == 2 ? "large " : "");
  rep("{c}", kColours[one.colour].name);
  rep("{h}", kShapes[one.shape]);
  if (t.rfind("a ", 0) == 0 && t.size() > 2) t = with_article(t.substr(2));
  if (const size_t of = t.find(" of a "); of != std::string::npos) t = t.substr(0, of + 4) + with_article(t.substr(of + 6));  // "of an orange"
  return t + (one.position >= 0 ? std::string(" ") + kPositions[one.position] : "");
}

constexpr uint64_t kBackgroundSalt = 0xB6C0'0000'0000'0001ULL, kContrastSalt = 0xC047'0000'0000'0001ULL,
                   kStyleSalt = 0x57E1'0000'0000'0001ULL, kVarietySalt = 0x7A41'0000'0000'0001ULL,
                   kDegradeSalt = 0xDE67'0000'0000'0001ULL, kStrokesSalt = 0x5C21'0000'0000'0001ULL,
                   kPartsSalt = 0x9A27'0000'0000'0001ULL;

// One stroke as CLIPDraw starts them: a cubic Bezier from a random point, each further control
// point within reach of the last, drawn as a polyline of 24 pieces.
void bezier_stroke(cv::Mat& img, const cv::Scalar& col, int width, Rng& rng) {
  const float s = float(img.cols), reach = s * rng.uniformf(0.15f, 0.5f);
  cv::Point2f p[4];
  p[0] = {rng.uniformf(0, s), rng.uniformf(0, s)};
  for (int k = 1; k < 4; ++k) p[k] = p[k - 1] + cv::Point2f(rng.uniformf(-reach, reach), rng.uniformf(-reach, reach));
  std::vector<cv::Point> line;
  for (int i = 0; i <= 24; ++i) {
    const float t = float(i) / 24, u = 1 - t;
    const cv::Point2f q = u * u * u * p[0] + 3 * u * u * t * p[1] + 3 * u * t * t * p[2] + t * t * t * p[3];
    line.emplace_back(int(std::lround(q.x * 16)), int(std::lround(q.y * 16)));
  }
  cv::polylines(img, std::vector<std::vector<cv::Point>>{line}, false, col, width, cv::LINE_AA, 4);
}

}  // namespace

Sample render_strokes(uint64_t seed, uint64_t index, int size) {
  Rng rng(seed ^ kStrokesSalt, index);
  const bool one_colour = rng.uniform(10) < 6;
  const int colour = rng.uniform(kNumColours);
  const int bg = pick_background(rng, colour);
  const auto& bc = kColours[bg];
  cv::Mat img(size, size, CV_8UC3, cv::Scalar(bc.r, bc.g, bc.b));
  const bool arc = one_colour && rng.uniform(4) == 0;  // a piece of a circle's edge: not a circle
  const float unit = float(size) / 64.0f;
  if (arc) {
    const float r = float(size) * rng.uniformf(0.12f, 0.4f);
    const cv::Point centre(int(std::lround(rng.uniformf(r * 0.5f, float(size) - r * 0.5f) * 16)),
                           int(std::lround(rng.uniformf(r * 0.5f, float(size) - r * 0.5f) * 16)));
    const double start = rng.uniformf(0, 360), span = rng.uniformf(40, 220);
    const int radius = int(std::lround(r * 16));
    cv::ellipse(img, centre, cv::Size(radius, radius), 0, start, start + span, scalar(colour),
                std::max(1, int(std::lround(unit * rng.uniformf(1.0f, 4.0f)))), cv::LINE_AA, 4);
  } else {
    const int strokes = one_colour ? 1 + rng.uniform(12) : 3 + rng.uniform(10);  // "colourful" takes a few
    for (int i = 0; i < strokes; ++i) {
      int c = colour;
      if (!one_colour)
        while ((c = rng.uniform(kNumColours)) == bg) {
        }
      bezier_stroke(img, scalar(c), std::max(1, int(std::lround(unit * rng.uniformf(0.7f, 4.0f)))), rng);
    }
  }
  const std::string cname = kColours[colour].name;
  static const char* kOne[] = {"{c} scribbles", "a {c} scribble", "{c} squiggles", "random {c} strokes", "scribbles in {c}"};
  static const char* kArc[] = {"a {c} arc", "a {c} curve", "a bent {c} stroke"};
  static const char* kMany[] = {"scribbles", "colourful scribbles", "random strokes", "squiggles in many colours", "a tangle of strokes"};
  std::string caption = arc ? kArc[rng.uniform(3)] : one_colour ? kOne[rng.uniform(5)] : kMany[rng.uniform(5)];
  if (const size_t at = caption.find("{c}"); at != std::string::npos) caption.replace(at, 3, cname);
  if (caption.rfind("a ", 0) == 0) caption = with_article(caption.substr(2));
  if (rng.uniform(4) != 0) caption += background_phrase(bg);
  Rng degrade_rng(seed ^ kDegradeSalt, index);
  degrade(img, degrade_rng);
  return {to_image(img), caption};
}

Sample render_parts(uint64_t seed, uint64_t group, int member, int size) {
  if (member < 0 || member >= kContrastGroup) throw Error(ErrorKind::InvalidArgument, "render_parts: a group has members 0 to 4");
  // The group's: the shape, its colour, place, size, angle and stroke width, the background.
  Rng g(seed ^ kPartsSalt, group);
  static const int kOutlined[] = {0, 1, 2, 3, 4, 8, 9};  // circle, square, triangle, star, heart, diamond, hexagon
  const int shape = kOutlined[g.uniform(7)];
  const int colour = g.uniform(kNumColours);
  const int bg = pick_background(g, colour);
  const float S = float(size), r = S * g.uniformf(0.14f, 0.34f), margin = r * 1.3f + 1;
  const cv::Point2f c(g.uniformf(margin, S - margin), g.uniformf(margin, S - margin));
  const float angle = g.uniformf(-0.5f, 0.5f);
  const int width = std::max(1, int(std::lround(S / 64.0f * g.uniformf(1.5f, 4.0f))));
  const bool outlined = g.uniform(3) == 0, name_bg = g.uniform(4) != 0;
  const auto& bc = kColours[bg];
  cv::Mat img(size, size, CV_8UC3, cv::Scalar(bc.r, bc.g, bc.b));
  // The shape's edge as a closed list of points (4 fractional bits, as polygon()).
  std::vector<cv::Point> edge;
  if (shape == 0)
    for (int i = 0; i < 48; ++i) {
      const float a = float(2 * M_PI) * float(i) / 48.0f;
      edge.emplace_back(int(std::lround((c.x + r * std::cos(a)) * 16)), int(std::lround((c.y + r * std::sin(a)) * 16)));
    }
  else
    edge = polygon(shape, c, r, angle);
  Rng m(seed ^ kPartsSalt ^ kStrokesSalt, group * kContrastGroup + uint64_t(member));
  const std::string cname = kColours[colour].name;
  std::string caption;
  if (member == 0) {
    if (outlined) cv::polylines(img, std::vector<std::vector<cv::Point>>{edge}, true, scalar(colour), width, cv::LINE_AA, 4);
    else draw(img, shape, colour, c, r, angle);
    caption = std::string("a ") + cname + " " + kShapes[shape];
  } else if (m.uniform(4) == 3) {
    // Strokes over the shape's box, with no edge: what CLIPDraw paints where a CLIP is easy.
    const int strokes = 3 + m.uniform(6);
    for (int i = 0; i < strokes; ++i) {
      std::vector<cv::Point> line;
      cv::Point2f p[4];
      for (auto& q : p) q = {c.x + m.uniformf(-1.2f, 1.2f) * r, c.y + m.uniformf(-1.2f, 1.2f) * r};
      for (int k = 0; k <= 16; ++k) {
        const float t = float(k) / 16, u = 1 - t;
        const cv::Point2f q = u * u * u * p[0] + 3 * u * u * t * p[1] + 3 * u * t * t * p[2] + t * t * t * p[3];
        line.emplace_back(int(std::lround(q.x * 16)), int(std::lround(q.y * 16)));
      }
      cv::polylines(img, std::vector<std::vector<cv::Point>>{line}, false, scalar(colour), width, cv::LINE_AA, 4);
    }
    static const char* kScribbles[] = {"{c} scribbles", "a {c} scribble", "{c} squiggles"};
    caption = kScribbles[m.uniform(3)];
  } else {
    // A piece of the edge: some of a polygon's sides, or an arc of a round edge.
    const bool round = shape == 0 || shape == 4;
    const int n = int(edge.size());
    const int pieces = round ? std::max(2, int(float(n) * m.uniformf(0.12f, 0.6f))) : 1 + m.uniform(std::max(1, n <= 4 ? n * 2 / 3 : n / 2));
    const int from = m.uniform(n);
    std::vector<cv::Point> piece;
    for (int k = 0; k <= pieces; ++k) piece.push_back(edge[size_t((from + k) % n)]);
    cv::polylines(img, std::vector<std::vector<cv::Point>>{piece}, false, scalar(colour), width, cv::LINE_AA, 4);
    static const char* kArc[] = {"a {c} arc", "a {c} curve", "a curved {c} stroke"};
    static const char* kCorner[] = {"a {c} corner", "a {c} angle"};
    static const char* kOpen[] = {"a {c} zigzag", "an open {c} outline", "a broken {c} outline"};
    caption = round ? kArc[m.uniform(3)] : pieces == 1 ? "a {c} line" : pieces == 2 ? kCorner[m.uniform(2)] : kOpen[m.uniform(3)];
  }
  if (const size_t at = caption.find("{c}"); at != std::string::npos) caption.replace(at, 3, cname);
  if (caption.rfind("a ", 0) == 0) caption = with_article(caption.substr(2));
  Rng degrade_rng(seed ^ kDegradeSalt ^ kPartsSalt, group * kContrastGroup + uint64_t(member));
  degrade(img, degrade_rng);
  return {to_image(img), caption + (name_bg ? background_phrase(bg) : "")};
}

const std::vector<std::string>& shape_names() {
  static const std::vector<std::string> v(std::begin(kShapes), std::end(kShapes));
  return v;
}
const std::vector<std::string>& colour_names() {
  static const std::vector<std::string> v = [] {
    std::vector<std::string> n;
    for (const auto& c : kColours) n.emplace_back(c.name);
    return n;
  }();
  return v;
}
const std::vector<std::string>& position_names() {
  static const std::vector<std::string> v(std::begin(kPositions), std::end(kPositions));
  return v;
}

Sample render_shape(int shape, int colour, int position, int size, uint64_t seed) {
  Rng rng(seed, 0);
  const int bg = colour == 9 ? 8 : 9;
  const auto& bc = kColours[bg];
  cv::Mat img(size, size, CV_8UC3, cv::Scalar(bc.r, bc.g, bc.b));
  const float r = float(size) * 0.17f;
  draw(img, shape, colour, position_centre(position, size, rng), r, rng.uniformf(-0.3f, 0.3f));
  std::string caption = std::string("a ") + kColours[colour].name + " " + kShapes[shape];
  if (position >= 0) caption += std::string(" ") + kPositions[position];
  return {to_image(img), caption + background_phrase(bg)};
}

Sample render_shapes(uint64_t seed, uint64_t index, const ShapeOptions& o, ShapeLabels* labels) {
  Rng rng(seed, index);
  const int size = o.size;
  const int kind = rng.uniform(10);  // 0-5 one shape, 6-7 two shapes, 8-9 a count
  const int shape = rng.uniform(kNumShapes), colour = rng.uniform(kNumColours);
  const int bg = pick_background(rng, colour);
  const auto& bc = kColours[bg];
  cv::Mat img(size, size, CV_8UC3, cv::Scalar(bc.r, bc.g, bc.b));
  ShapeLabels lab{shape, colour, -1, 1};
  std::string caption;
  const std::string cname = kColours[colour].name, sname = kShapes[shape];
  // A quarter of the captions leave the background out, as people do: "a white circle" must
  // mean a white circle on whatever background (its own stream: the images do not depend on it).
  const bool name_bg = Rng(seed ^ kBackgroundSalt, index).uniform(4) != 0;
  bool unnamed_bg = false;  // a textured background (variety): no caption names it
  // Its own stream too: 15% of single shapes drawn in outline, 15% scribbled in (where the shape allows).
  Rng style_rng(seed ^ kStyleSalt, index);
  const int style_pick = style_rng.uniform(20);
  const Style style = !o.allow_styles ? Style::Filled : style_pick < 3 ? Style::Outline : style_pick < 6 ? Style::Scribble : Style::Filled;

  if (kind < 6 || (!o.allow_pairs && !o.allow_counts)) {
    Single one{shape, colour, -1, rng.uniform(3) == 0 ? 1 : 0, 0};
    if (one.size_class == 0 && rng.uniform(3) == 0) one.size_class = 2;
    // Most single shapes say where they are: position is learned from batches that hold the same
    // shape in two places, so it must be named often (named half the time, it reached 38%).
    one.position = rng.uniform(5) ? rng.uniform(5) : -1;
    if (one.size_class == 2) one.position = one.position >= 0 ? 4 : -1;  // a large shape fills the middle
    one.templ = -1;
    one.style = style_for(shape, style);
    if (o.variety) {
      Rng look_rng(seed ^ kVarietySalt, index);
      const Look look = pick_look(one.size_class, look_rng);
      // A quarter on a background no caption names (tinted, in a gradient, grainy).
      if (look_rng.uniform(4) == 0) {
        textured_background(img, colour, look_rng);
        unnamed_bg = true;
      }
      caption = draw_single(img, one, rng, style_rng, &look, &look_rng);
    } else {
      caption = draw_single(img, one, rng, style_rng);
    }
    lab.position = one.position;
    lab.style = int(one.style);
  } else if (kind < 8 && o.allow_pairs) {
    const int shape2 = rng.uniform(kNumShapes);
    int colour2 = rng.uniform(kNumColours);
    while (colour2 == bg) colour2 = rng.uniform(kNumColours);
    const int rel = rng.uniform(4);  // above, below, left of, right of
    const float r = float(size) * 0.14f, s = float(size);
    cv::Point2f a, b;
    if (rel < 2) {
      a = {s * 0.5f + rng.uniformf(-4, 4), s * 0.28f};
      b = {s * 0.5f + rng.uniformf(-4, 4), s * 0.72f};
    } else {
      a = {s * 0.28f, s * 0.5f + rng.uniformf(-4, 4)};
      b = {s * 0.72f, s * 0.5f + rng.uniformf(-4, 4)};
    }
    // rel 0: first above second; 1: first below; 2: first left of; 3: first right of.
    if (rel == 1 || rel == 3) std::swap(a, b);
    draw(img, shape, colour, a, r, rng.uniformf(-0.4f, 0.4f));
    draw(img, shape2, colour2, b, r, rng.uniformf(-0.4f, 0.4f));
    static const char* kRel[] = {"above", "below", "to the left of", "to the right of"};
    caption = with_article(cname) + " " + sname + " " + kRel[rel] + " " + with_article(kColours[colour2].name) + " " +
              kShapes[shape2];
    lab.count = 2;
  } else {
    const int n = 2 + rng.uniform(2);
    const float r = float(size) * 0.1f;
    std::vector<cv::Point2f> placed;
    for (int i = 0, tries = 0; i < n && tries < 200; ++tries) {
      cv::Point2f c(rng.uniformf(r + 2, float(size) - r - 2), rng.uniformf(r + 2, float(size) - r - 2));
      bool clear = true;
      for (auto& p : placed) clear &= std::hypot(p.x - c.x, p.y - c.y) > 2.4f * r;
      if (!clear) continue;
      placed.push_back(c);
      draw(img, shape, colour, c, r, rng.uniformf(-0.5f, 0.5f));
      ++i;
    }
    lab.count = int(placed.size());
    caption = std::string(kCounts[placed.size()]) + " " + cname + " " + plural(sname);
  }
  if (labels) *labels = lab;
  if (o.variety) {
    Rng degrade_rng(seed ^ kDegradeSalt, index);
    degrade(img, degrade_rng);
  }
  return {to_image(img), caption + (name_bg && !unnamed_bg ? background_phrase(bg) : "")};
}

Sample render_contrast(uint64_t seed, uint64_t group, int member, const ShapeOptions& o) {
  if (member < 0 || member >= kContrastGroup) throw Error(ErrorKind::InvalidArgument, "render_contrast: a group has members 0 to 4");
  Rng g(seed ^ kContrastSalt, group);
  // What the members differ in: classic groups, two in three by position, one by colour; with
  // variety a third of them by shape (same colour, size, place and background; captions alike
  // but for the shape's name).
  const int pick = g.uniform(3);
  const bool by_colour = pick == 0, by_shape = o.variety && pick == 2;
  Single one{g.uniform(kNumShapes), g.uniform(kNumColours), g.uniform(5), g.uniform(3) == 0 ? 1 : 0, g.uniform(4)};
  int colours[kContrastGroup] = {};
  int bg = pick_background(g, one.colour);
  if (by_colour) {
    // Five different colours, none the background's: the first is the group's colour.
    for (int n = 0; n < kContrastGroup;) {
      const int c = n == 0 ? one.colour : g.uniform(kNumColours);
      bool fresh = c != bg;
      for (int k = 0; k < n; ++k) fresh &= colours[k] != c;
      if (fresh) colours[n++] = c;
    }
    one.colour = colours[member];
  } else if (by_shape) {
    // Five different shapes: the first is the group's.
    int shapes[kContrastGroup] = {};
    for (int n = 0; n < kContrastGroup;) {
      const int sh = n == 0 ? one.shape : g.uniform(kNumShapes);
      bool fresh = true;
      for (int k = 0; k < n; ++k) fresh &= shapes[k] != sh;
      if (fresh) shapes[n++] = sh;
    }
    one.shape = shapes[member];
    if (one.size_class == 0 && g.uniform(3) == 0) one.size_class = 2;
    if (one.size_class == 2) one.position = 4;  // a large shape fills the middle
  } else {
    one.position = member;
  }
  const bool name_bg = g.uniform(4) != 0;
  Rng rng(seed ^ kContrastSalt, group * kContrastGroup + uint64_t(member) + (uint64_t(1) << 62));
  const auto& bc = kColours[bg];
  cv::Mat img(o.size, o.size, CV_8UC3, cv::Scalar(bc.r, bc.g, bc.b));
  if (!o.variety) {
    const std::string caption = draw_single(img, one, rng, rng);
    return {to_image(img), caption + (name_bg ? background_phrase(bg) : "")};
  }
  // The group's look and background are the group's (one stream for all members); the angle,
  // grain and degradation the member's.
  Rng group_look(seed ^ kVarietySalt, group);
  const Look look = pick_look(one.size_class, group_look);
  const bool textured = group_look.uniform(4) == 0;
  if (textured) textured_background(img, one.colour, group_look);
  Rng member_rng(seed ^ kVarietySalt ^ kContrastSalt, group * kContrastGroup + uint64_t(member));
  const std::string caption = draw_single(img, one, rng, rng, &look, &member_rng);
  degrade(img, member_rng);
  return {to_image(img), caption + (name_bg && !textured ? background_phrase(bg) : "")};
}

}  // namespace atelier::train
