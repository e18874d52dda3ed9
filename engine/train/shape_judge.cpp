// The geometric judge: a mask of the named colour, its largest region, that region's measurements,
// and the rules that name a shape from them (thresholds and their reasons beside each rule).
#include "train/shape_judge.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "runtime/error.h"
#include "train/datasets.h"

namespace atelier::train {
namespace {

// Colours as points in CIELAB, several per name: the shapes renderer's palette (the first of each,
// what the mini-CLIP learned the words from) and the plain web colours a generator may paint
// instead. A pixel belongs to the name of its nearest prototype, so the borders between close
// names (red / orange / pink / brown, grey / white / black) fall halfway, with no hue windows to tune.
struct Prototype {
  const char* name;
  int r, g, b;
};
const Prototype kPrototypes[] = {
    {"red", 220, 30, 30},      {"red", 255, 0, 0},        {"red", 170, 20, 25},      {"green", 30, 170, 50},
    {"green", 0, 200, 0},      {"green", 0, 128, 0},      {"blue", 30, 70, 220},     {"blue", 0, 0, 255},
    {"blue", 20, 40, 150},     {"yellow", 240, 220, 30},  {"yellow", 255, 255, 0},   {"orange", 250, 140, 20},
    {"orange", 255, 165, 0},   {"purple", 140, 40, 180},  {"purple", 128, 0, 128},   {"pink", 250, 130, 190},
    {"pink", 255, 192, 203},   {"pink", 255, 105, 180},   {"brown", 130, 80, 40},    {"brown", 139, 69, 19},
    {"black", 15, 15, 15},     {"black", 0, 0, 0},        {"white", 245, 245, 245},  {"white", 255, 255, 255},
    {"grey", 128, 128, 128},   {"grey", 160, 160, 160},   {"grey", 96, 96, 96},      {"cyan", 30, 200, 220},
    {"cyan", 0, 255, 255}};
// A pixel farther than this (Delta E 1976) from its nearest prototype is no colour the vocabulary
// names: VQGAN's textures are full of such in-between pixels. The verdicts on the test shapes
// below barely move between 35 and 60; 45 is half the distance from red to its nearest neighbours.
constexpr float kMaxDelta = 45.0f;

cv::Vec3f lab_of(int r, int g, int b) {
  cv::Mat px(1, 1, CV_32FC3, cv::Scalar(r / 255.0, g / 255.0, b / 255.0)), lab;
  cv::cvtColor(px, lab, cv::COLOR_RGB2Lab);
  return lab.at<cv::Vec3f>(0, 0);
}

// 255 where the pixel's nearest named colour is `colour`.
cv::Mat colour_mask(const Image& image, const std::string& colour) {
  cv::Mat rgb(image.height, image.width, image.channels == 4 ? CV_8UC4 : CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat f;
  if (image.channels == 4) {  // composite on white
    std::vector<cv::Mat> ch;
    cv::split(rgb, ch);
    cv::Mat alpha, white(rgb.size(), CV_32FC3, cv::Scalar(1, 1, 1));
    ch[3].convertTo(alpha, CV_32F, 1.0 / 255.0);
    cv::Mat a3;
    cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, a3);
    cv::Mat c3;
    cv::merge(std::vector<cv::Mat>{ch[0], ch[1], ch[2]}, c3);
    c3.convertTo(f, CV_32FC3, 1.0 / 255.0);
    f = f.mul(a3) + white.mul(cv::Scalar(1, 1, 1) - a3);
  } else {
    rgb.convertTo(f, CV_32FC3, 1.0 / 255.0);
  }
  cv::Mat lab;
  cv::cvtColor(f, lab, cv::COLOR_RGB2Lab);
  std::vector<cv::Vec3f> protos;  // squared distances below: the nearest is the same
  std::vector<bool> wanted;
  for (const auto& p : kPrototypes) {
    protos.push_back(lab_of(p.r, p.g, p.b));
    wanted.push_back(colour == p.name);
  }
  cv::Mat mask(lab.size(), CV_8U, cv::Scalar(0));
  for (int y = 0; y < lab.rows; ++y)
    for (int x = 0; x < lab.cols; ++x) {
      const cv::Vec3f v = lab.at<cv::Vec3f>(y, x);
      float best = 1e30f;
      size_t arg = 0;
      for (size_t k = 0; k < protos.size(); ++k) {
        const cv::Vec3f d = v - protos[k];
        const float d2 = d.dot(d);
        if (d2 < best) best = d2, arg = k;
      }
      if (wanted[arg] && best <= kMaxDelta * kMaxDelta) mask.at<uint8_t>(y, x) = 255;
    }
  return mask;
}

// What the rules read off one region.
struct Measures {
  double area_fraction = 0, circularity = 0, solidity = 0;
  double hole = 0;        // holes' share of the region with its holes filled
  double elongation = 1;  // long / short side of the smallest enclosing rotated rectangle
  double tilt = 0;        // degrees the simplified outline's edges lean off the axes, 0-45
  int corners = 0;        // approxPolyDP at 3.5% of the perimeter
  int defects = 0;        // convexity defects deeper than 8% of sqrt(hull area)
  int peaks = 0;          // local maxima of the centre-to-outline distance (the outline's points)
  double notch = 0;              // the deepest defect's depth / sqrt(hull area)
  bool cleft_above = false;      // the deepest defect lies above the centroid (a heart's notch)
  bool centre_in_region = true;  // false for a ring
  double on_edge = 0;            // share of the outline along the image's border
  bool fills_frame = false;
};

// The outline smoothed by a circular Gaussian along it: digitised outlines zig-zag, and the
// zig-zag adds 5-10% to the perimeter of a small disc, which would read as less round.
std::vector<cv::Point2f> smooth(const std::vector<cv::Point>& c, double sigma) {
  const int n = int(c.size()), k = std::max(1, int(std::ceil(3 * sigma)));
  std::vector<double> w(static_cast<size_t>(2 * k + 1));
  double sum = 0;
  for (int i = -k; i <= k; ++i) sum += w[size_t(i + k)] = std::exp(-0.5 * i * i / (sigma * sigma));
  std::vector<cv::Point2f> out(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    double x = 0, y = 0;
    for (int j = -k; j <= k; ++j) {
      const auto& p = c[size_t(((i + j) % n + n) % n)];
      x += w[size_t(j + k)] * p.x;
      y += w[size_t(j + k)] * p.y;
    }
    out[size_t(i)] = cv::Point2f(float(x / sum), float(y / sum));
  }
  return out;
}

Measures measure(const cv::Mat& region, const std::vector<cv::Point>& outer, int pixels, const cv::Size& frame) {
  Measures m;
  m.area_fraction = double(pixels) / double(frame.area());
  cv::Mat filled = cv::Mat::zeros(region.size(), CV_8U);
  cv::drawContours(filled, std::vector<std::vector<cv::Point>>{outer}, 0, cv::Scalar(255), cv::FILLED);
  const int filled_px = cv::countNonZero(filled);
  m.hole = filled_px > 0 ? std::max(0.0, 1.0 - double(pixels) / double(filled_px)) : 0.0;

  const double area = std::max(1.0, cv::contourArea(outer));
  const double sigma = std::max(1.0, double(outer.size()) / 100.0);
  const auto sm = smooth(outer, sigma);
  const double perimeter = cv::arcLength(sm, true);
  m.circularity = 4 * M_PI * cv::contourArea(sm) / std::max(1e-9, perimeter * perimeter);
  std::vector<int> hull_idx;
  cv::convexHull(outer, hull_idx);
  std::vector<cv::Point> hull;
  for (int i : hull_idx) hull.push_back(outer[size_t(i)]);
  const double hull_area = std::max(1.0, cv::contourArea(hull));
  m.solidity = std::min(1.0, area / hull_area);

  std::vector<cv::Point> poly;
  cv::approxPolyDP(outer, poly, 0.035 * cv::arcLength(outer, true), true);
  m.corners = int(poly.size());
  // The edges' lean off the axes, weighted by length: 0 for a square, 45 for a diamond.
  double lean = 0, len = 0;
  for (size_t i = 0; i < poly.size(); ++i) {
    const cv::Point d = poly[(i + 1) % poly.size()] - poly[i];
    const double l = std::hypot(d.x, d.y);
    double a = std::fmod(std::abs(std::atan2(double(d.y), double(d.x))) * 180 / M_PI, 90.0);
    lean += l * std::min(a, 90 - a);
    len += l;
  }
  m.tilt = len > 0 ? lean / len : 0;

  const cv::RotatedRect box = cv::minAreaRect(outer);
  m.elongation = std::max(box.size.width, box.size.height) / std::max(1.0f, std::min(box.size.width, box.size.height));

  const cv::Moments mo = cv::moments(filled, true);
  const cv::Point2f centre(float(mo.m10 / std::max(1.0, mo.m00)), float(mo.m01 / std::max(1.0, mo.m00)));
  const cv::Point ci(int(std::lround(centre.x)), int(std::lround(centre.y)));
  m.centre_in_region = ci.inside(cv::Rect(0, 0, region.cols, region.rows)) && region.at<uint8_t>(ci) > 0;

  if (hull_idx.size() > 3) {
    std::vector<cv::Vec4i> defects;
    // convexityDefects wants the hull indices in the contour's own order.
    std::sort(hull_idx.begin(), hull_idx.end());
    try {
      cv::convexityDefects(outer, hull_idx, defects);
    } catch (const cv::Exception&) {
      defects.clear();  // self-intersecting outlines of one-pixel necks: judge without defects
    }
    const double min_depth = 0.08 * std::sqrt(hull_area);
    double deepest = 0;
    for (const auto& d : defects) {
      const double depth = d[3] / 256.0;
      if (depth > deepest) deepest = depth, m.cleft_above = outer[size_t(d[2])].y < centre.y;
      if (depth >= min_depth) ++m.defects;
    }
    m.notch = deepest / std::sqrt(hull_area);
  }

  // The centre-to-outline distance along the (smoothed) outline, resampled to 120 points: its
  // maxima are the points of a polygon or star; a disc's is flat.
  constexpr int kN = 120;
  std::vector<double> r(kN);
  {
    std::vector<double> cum(sm.size() + 1, 0.0);
    for (size_t i = 0; i < sm.size(); ++i) cum[i + 1] = cum[i] + cv::norm(sm[(i + 1) % sm.size()] - sm[i]);
    const double total = cum.back();
    size_t j = 0;
    for (int k = 0; k < kN; ++k) {
      const double s = total * k / kN;
      while (j + 1 < sm.size() && cum[j + 1] < s) ++j;
      const double seg = std::max(1e-9, cum[j + 1] - cum[j]), t = (s - cum[j]) / seg;
      const cv::Point2f p = sm[j] + (sm[(j + 1) % sm.size()] - sm[j]) * float(t);
      r[size_t(k)] = cv::norm(p - centre);
    }
  }
  const double mean = std::max(1e-9, std::accumulate(r.begin(), r.end(), 0.0) / kN);
  // A peak: the largest within +-15 degrees of outline, standing 4% of the mean (and 0.6 pixel) above
  // the lowest point within +-30 degrees: a hexagon's points stand 13% above its sides; a disc's
  // bumps are under 3%, or the half-pixel steps of its digitised edge when it is small.
  const double prominence = std::max(0.04 * mean, 0.6);
  for (int k = 0; k < kN; ++k) {
    bool top = true;
    double low = r[size_t(k)];
    for (int j = -kN / 12; j <= kN / 12; ++j) {
      const double v = r[size_t((k + j + kN) % kN)];
      if (std::abs(j) <= kN / 24 && (v > r[size_t(k)] || (v == r[size_t(k)] && j < 0))) top = false;
      low = std::min(low, v);
    }
    if (top && r[size_t(k)] - low >= prominence) ++m.peaks;
  }

  int on_edge = 0;
  for (const auto& p : outer) on_edge += p.x == 0 || p.y == 0 || p.x == frame.width - 1 || p.y == frame.height - 1;
  m.on_edge = double(on_edge) / double(outer.size());
  m.fills_frame = m.area_fraction > 0.6 || m.on_edge > 0.2;
  return m;
}

std::string describe(const Measures& m) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "circularity %.2f, solidity %.2f, corners %d, peaks %d, defects %d, notch %.2f%s, hole %.2f, elongation %.1f, "
                "tilt %.0f, on edge %.2f",
                m.circularity, m.solidity, m.corners, m.peaks, m.defects, m.notch, m.cleft_above ? " top" : "", m.hole,
                m.elongation, m.tilt, m.on_edge);
  return buf;
}

// The rules, first match wins. What they read, per shape: the full range on the renderer's shapes
// (render_shape at 64, 128 and 256 pixels, every colour and position) / the 2nd-98th percentile on
// 8000 hand-drawn ones (other proportions; no anti-aliasing, supersampling, blur, JPEG, noise):
//   circle:   circularity 0.99-1.00 / 0.97-1.00, peaks 0-0          hexagon: 0.93-0.96 / 0.92-0.96, peaks 6
//   square:   4 corners, edges lean 0-9 / 0-14 degrees              diamond: 36-45 / 35-43 degrees
//   triangle: 3 corners, circularity 0.63-0.71 / 0.63-0.73          line:    elongation 7.4-16.5 / 6.2-34
//   star:     5 notches, solidity 0.45-0.55 / 0.48-0.69             cross:   4 notches, 0.49-0.65 / 0.49-0.73
//   heart:    3 peaks, notch above the centre 0.14-0.23 / 0.07-0.32, solidity 0.88-0.93 / 0.88-0.97
//   ring:     hole 0.23-0.33 / 0.23-0.69, circularity as a circle's
// (Notch: a convexity defect's depth over the hull's side; 0.01-0.09 on convex shapes.)
std::pair<std::string, std::string> classify(const Measures& m) {
  using Rule = std::pair<std::string, std::string>;
  // 3: a bar three times as long as wide is a line; the next longest shape, a triangle, is 1.4.
  if (m.elongation >= 3.0) return {"line", "elongated"};
  // A disc with a hole: a hole of 0.12 is 35% of the radius (the renderer's rings: 0.23-0.33). The
  // outline is round as a circle's (see below), or nearly and without a polygon's peaks: an
  // outlined hexagon is no ring.
  if (m.hole >= 0.12 && !m.centre_in_region && (m.circularity >= 0.975 || (m.circularity >= 0.9 && m.peaks < 5)))
    return {"ring", "a round outline around a hole"};
  // Notches (convexity defects deeper than 8% of the hull's side): a star has five, a cross four,
  // and both leave a fifth or more of their hull empty (solidity below 0.82). Noise can add a
  // notch to a cross: four peaks then say cross (a square-ended arm can show two peaks, so peaks
  // alone do not decide).
  if (m.solidity < 0.82 && m.defects >= 4)
    return m.defects >= 5 && m.peaks != 4 ? Rule{"star", "concave, with five or more points"}
                                          : Rule{"cross", "concave, with four arms"};
  // Every other shape is convex or nearly (solidity 0.88+ in 98% of the hand-drawn ones, under
  // noise and JPEG): a concave region that is no star or cross, a bent stroke, is none of them.
  if (m.solidity < 0.8) return {"none", "concave, but not a star or a cross"};
  if (m.corners == 3) return {"triangle", "three corners"};
  // A heart's notch between its lobes: 10% of the hull's side deep, above the centre, and at
  // most one other notch (noise).
  if (m.notch >= 0.1 && m.cleft_above && m.defects <= 2 && (m.peaks >= 2 && m.peaks <= 4))
    return {"heart", "two lobes and a point, a notch at the top"};
  // Small JPEG'd triangles simplify to four corners but keep three sharp points.
  if (m.corners == 4 && m.peaks == 3 && m.circularity < 0.8) return {"triangle", "three points"};
  // Round: a disc's smoothed outline is 0.97-1.0 (0.99+ as rendered), a regular hexagon's 0.91 in
  // theory and 0.92-0.96 once its corners are smoothed too, so 0.975 splits them; five or more peaks
  // say polygon.
  if (m.circularity >= 0.975 && m.peaks < 5) return {"circle", "round and convex"};
  // A heart whose notch is too shallow to count (small, or drawn as the curve (x^2+y^2-1)^3 = x^2 y^3):
  // three points yet round (0.85-0.95; a triangle is under 0.8, a hexagon above 0.92).
  if ((m.peaks == 2 || m.peaks == 3) && m.circularity >= 0.85 && m.circularity < 0.95)
    return {"heart", "two lobes and a point"};
  if (m.corners == 4 || (m.peaks == 4 && m.defects == 0)) {
    // The edges' lean splits at 22.5 degrees: the renderer tilts squares and diamonds up to 17.
    return m.tilt < 22.5 ? Rule{"square", "four corners, upright edges"} : Rule{"diamond", "four corners, leaning edges"};
  }
  if (m.circularity >= 0.85 && ((m.peaks >= 5 && m.peaks <= 7) || m.corners == 6)) return {"hexagon", "six corners"};
  // Round but for noise on its outline.
  if (m.circularity >= 0.95 && m.solidity >= 0.95) return {"circle", "round and convex"};
  return {"none", "no rule matched"};
}

}  // namespace

ShapeVerdict judge_shape(const Image& image, const std::string& colour) {
  const auto& names = colour_names();
  if (std::find(names.begin(), names.end(), colour) == names.end())
    throw Error(ErrorKind::InvalidArgument, "the judge knows no colour '" + colour + "'");
  if (image.width <= 0 || image.height <= 0 || (image.channels != 3 && image.channels != 4) ||
      image.pixels.size() != size_t(image.width) * size_t(image.height) * size_t(image.channels))
    throw Error(ErrorKind::InvalidArgument, "the judge needs an RGB or RGBA image");
  ShapeVerdict v;
  cv::Mat mask = colour_mask(image, colour);
  // Closing, sized to the image (3x3 at 128 pixels, 5x5 at 256, none at 64), fills the pinholes
  // that noise and JPEG leave. No opening: it erased the renderer's 2-3 pixel lines, and the
  // largest region is chosen below anyway, so specks cost nothing (tried both ways: the opening
  // lost more thin lines than it saved anything).
  const int k = 2 * (std::min(image.width, image.height) / 128) + 1;
  if (k > 1)
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(mask, labels, stats, centroids, 8);
  int best = 0, best_area = 0;
  for (int i = 1; i < n; ++i)
    if (stats.at<int>(i, cv::CC_STAT_AREA) > best_area) best = i, best_area = stats.at<int>(i, cv::CC_STAT_AREA);
  v.area_fraction = double(best_area) / double(image.width) / double(image.height);
  // At least 0.5% of the image: the renderer's thinnest shape, a line at size 0.17, covers 1.9%.
  if (best == 0 || v.area_fraction < 0.005) {
    v.reason = best == 0 ? "no " + colour + " pixels" : "the largest " + colour + " region is too small to judge";
    return v;
  }
  cv::Mat region = labels == best;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(region.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_NONE);
  const auto outer = std::max_element(contours.begin(), contours.end(),
                                      [](const auto& a, const auto& b) { return cv::contourArea(a) < cv::contourArea(b); });
  const Measures m = measure(region, *outer, best_area, mask.size());
  v.found = true;
  v.circularity = m.circularity;
  v.solidity = m.solidity;
  v.corners = m.corners;
  auto [shape, why] = classify(m);
  // A region over 60% of the image, or with a fifth of its outline along the image's border, is a
  // ground or a figure cut by the frame (a VQGAN texture in the colour, a CLIPDraw canvas painted
  // over), not a whole figure: no shape, whatever it measures.
  if (m.fills_frame) {
    why = "the colour fills the frame, no figure on a ground" + (shape == "none" ? "" : " (as a figure: " + shape + ")");
    shape = "none";
  }
  v.shape = shape;
  v.reason = why + " (" + describe(m) + ")";
  return v;
}

PromptTarget parse_prompt(const std::string& prompt) {
  std::vector<std::string> words;
  std::string w;
  for (char ch : prompt + " ") {
    if (std::isalpha(static_cast<unsigned char>(ch))) {
      w += char(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!w.empty()) {
      words.push_back(w);
      w.clear();
    }
  }
  PromptTarget t;
  for (const auto& word : words) {
    std::string c = word == "gray" ? "grey" : word == "violet" ? "purple" : word;
    const auto& cn = colour_names();
    if (t.colour.empty() && std::find(cn.begin(), cn.end(), c) != cn.end()) t.colour = c;
    for (const auto& s : shape_names())
      if (t.shape.empty() && (word == s || word == s + "s" || word == s + "es")) t.shape = s;
  }
  if (t.colour.empty() || t.shape.empty())
    throw Error(ErrorKind::InvalidArgument, "the prompt '" + prompt + "' names no " + (t.colour.empty() ? "colour" : "shape") +
                                                " the judge knows");
  return t;
}

}  // namespace atelier::train
