#include "guide/detail/constraints.h"

#include <cmath>
#include <cstdio>

#include "guide/detail/augment.h"
#include "runtime/error.h"
#include "runtime/parse.h"

namespace atelier::guide {

namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void check_weight(double w, const std::string& what) {
  if (!std::isfinite(w)) throw Error(ErrorKind::InvalidArgument, what + " must be a finite number");
}

}  // namespace

Colour parse_colour(const std::string& text, const std::string& what) {
  const std::string t = trim(text);
  const std::string hex = !t.empty() && t[0] == '#' ? t.substr(1) : t;
  int v[6] = {};
  bool ok = hex.size() == 6;
  for (size_t i = 0; ok && i < 6; ++i) ok = (v[i] = hex_digit(hex[i])) >= 0;
  if (!ok)
    throw Error(ErrorKind::InvalidArgument, what + " '" + shown(t) + "' is not a colour: write #rrggbb in hex, e.g. #ff8800");
  return Colour{uint8_t(v[0] * 16 + v[1]), uint8_t(v[2] * 16 + v[3]), uint8_t(v[4] * 16 + v[5])};
}

std::string format_colour(Colour c) {
  char s[8];
  std::snprintf(s, sizeof s, "#%02x%02x%02x", c.r, c.g, c.b);
  return s;
}

std::vector<Colour> parse_palette(const std::string& text) {
  std::vector<Colour> out;
  size_t from = 0;
  if (trim(text).empty())
    throw Error(ErrorKind::InvalidArgument, "the palette is empty: list its colours as \"#rrggbb,#rrggbb,...\"");
  while (true) {
    const size_t comma = text.find(',', from);
    const std::string item = text.substr(from, comma == std::string::npos ? std::string::npos : comma - from);
    if (trim(item).empty())
      throw Error(ErrorKind::InvalidArgument,
                  "the palette '" + shown(text, 60) + "' has an empty item: list its colours as \"#rrggbb,#rrggbb,...\"");
    out.push_back(parse_colour(item, "the palette's colour " + std::to_string(out.size() + 1)));
    if (out.size() > size_t(kMaxPaletteColours))
      throw Error(ErrorKind::InvalidArgument, "the palette has more than " + std::to_string(kMaxPaletteColours) + " colours");
    if (comma == std::string::npos) break;
    from = comma + 1;
  }
  return out;
}

void check_constraints(const GuideOptions& o) { detail::Constraints check(o); }

namespace detail {

namespace {

at::Tensor colours_tensor(const std::vector<Colour>& colours, const at::TensorOptions& options) {
  std::vector<float> v;
  for (const Colour& c : colours)
    for (uint8_t x : {c.r, c.g, c.b}) v.push_back(float(x) / 255.0f);
  return at::tensor(v).view({int64_t(colours.size()), 3}).to(options);
}

// A weight from a live change: a double (or a whole number); nothing when it is not finite.
std::optional<double> weight_of(const ParamValue& value) {
  double w = NAN;
  if (std::holds_alternative<double>(value))
    w = std::get<double>(value);
  else if (std::holds_alternative<int64_t>(value))
    w = double(std::get<int64_t>(value));
  return std::isfinite(w) ? std::optional<double>(w) : std::nullopt;
}

}  // namespace

at::Tensor symmetry_error(const at::Tensor& image, bool vertical) {
  return (image - image.flip({vertical ? 2 : 3})).pow(2).mean();
}

at::Tensor total_variation(const at::Tensor& image) {
  const int64_t H = image.size(2), W = image.size(3);
  at::Tensor tv = at::zeros({}, image.options());
  if (W > 1) tv = tv + (image.narrow(3, 1, W - 1) - image.narrow(3, 0, W - 1)).abs().mean();
  if (H > 1) tv = tv + (image.narrow(2, 1, H - 1) - image.narrow(2, 0, H - 1)).abs().mean();
  return tv;
}

at::Tensor greyness(const at::Tensor& image) { return 1.0 - (image.amax(1) - image.amin(1)).mean(); }

at::Tensor palette_distance(const at::Tensor& image, const at::Tensor& colours) {
  // |p - c|^2 = |p|^2 - 2 p.c + |c|^2: a [pixels, K] matrix, not [pixels, K, 3].
  const at::Tensor p = image.permute({0, 2, 3, 1}).reshape({-1, 3});
  const at::Tensor d = p.pow(2).sum(1, true) - 2 * at::matmul(p, colours.t()) + colours.pow(2).sum(1).unsqueeze(0);
  return std::get<0>(d.clamp_min(0).min(1)).mean();
}

at::Tensor border_distance(const at::Tensor& image, const at::Tensor& colour) {
  const int64_t H = image.size(2), W = image.size(3);
  const int64_t bh = std::max<int64_t>(1, std::llround(kBorderBand * double(H))),
                bw = std::max<int64_t>(1, std::llround(kBorderBand * double(W)));
  at::Tensor mask = at::ones({1, 1, H, W}, image.options());
  if (H > 2 * bh && W > 2 * bw) mask.narrow(2, bh, H - 2 * bh).narrow(3, bw, W - 2 * bw).zero_();  // else all of it is border
  const at::Tensor d = (image - colour.view({1, 3, 1, 1})).pow(2).sum(1, true);
  return (d * mask).sum() / mask.sum();
}

at::Tensor seam_difference(const at::Tensor& image) {
  const int64_t H = image.size(2), W = image.size(3);
  const at::Tensor columns = (image.select(3, 0) - image.select(3, W - 1)).pow(2).mean();
  const at::Tensor rows = (image.select(2, 0) - image.select(2, H - 1)).pow(2).mean();
  return (columns + rows) / 2;
}

Constraints::Constraints(const GuideOptions& o)
    : symmetry_(o.symmetry),
      symmetry_vertical_(o.symmetry_vertical),
      smooth_(o.smooth),
      saturation_(o.saturation),
      palette_weight_(o.palette_weight),
      border_weight_(o.border_weight),
      tile_weight_(o.tile_weight),
      tile_(o.tile) {
  check_weight(o.symmetry, "the symmetry weight");
  check_weight(o.symmetry_vertical, "the vertical symmetry weight");
  check_weight(o.smooth, "the smoothness weight");
  check_weight(o.saturation, "the saturation weight");
  check_weight(o.palette_weight, "the palette's weight");
  check_weight(o.border_weight, "the border's weight");
  check_weight(o.tile_weight, "the seam's weight");
  if (!trim(o.palette).empty()) palette_ = parse_palette(o.palette);
  if (!trim(o.border).empty()) border_ = parse_colour(o.border, "the border colour");
}

bool Constraints::change(const std::string& key, const ParamValue& value) {
  double* weight = key == param::symmetry            ? &symmetry_
                   : key == param::symmetry_vertical ? &symmetry_vertical_
                   : key == param::smooth            ? &smooth_
                   : key == param::saturation        ? &saturation_
                   : key == param::palette_weight    ? &palette_weight_
                   : key == param::border_weight     ? &border_weight_
                   : key == param::tile_weight       ? &tile_weight_
                                                     : nullptr;
  if (weight) {
    if (const auto w = weight_of(value)) *weight = *w;
    return true;
  }
  const std::string* text = std::get_if<std::string>(&value);
  if (key == param::palette) {
    if (text) palette_ = trim(*text).empty() ? std::vector<Colour>{} : parse_palette(*text);
    return true;
  }
  if (key == param::border) {
    if (text) border_ = trim(*text).empty() ? std::nullopt : std::optional<Colour>(parse_colour(*text, "the border colour"));
    return true;
  }
  if (key == param::tile) {
    if (std::holds_alternative<bool>(value)) tile_ = std::get<bool>(value);
    return true;
  }
  return false;
}

std::vector<Term> Constraints::terms(const at::Tensor& image) const {
  std::vector<Term> out;
  if (symmetry_ != 0) out.push_back({"symmetry", symmetry_error(image, false), symmetry_});
  if (symmetry_vertical_ != 0) out.push_back({"vertical symmetry", symmetry_error(image, true), symmetry_vertical_});
  if (smooth_ != 0) out.push_back({"smoothness", total_variation(image), smooth_});
  if (saturation_ != 0) out.push_back({"saturation", greyness(image), saturation_});
  if (!palette_.empty() && palette_weight_ != 0)
    out.push_back({"palette", palette_distance(image, colours_tensor(palette_, image.options())), palette_weight_});
  if (border_ && border_weight_ != 0)
    out.push_back({"border", border_distance(image, colours_tensor({*border_}, image.options())[0]), border_weight_});
  if (tile_) out.push_back({"seam", tile_weight_ != 0 ? seam_difference(image) : seam_difference(image.detach()), tile_weight_});
  return out;
}

at::Tensor Constraints::wrap(const at::Tensor& image, at::Generator& gen) const {
  if (!tile_) return image;
  const int64_t dy = std::min(image.size(2) - 1, int64_t(uniform(gen, 0, double(image.size(2)))));
  const int64_t dx = std::min(image.size(3) - 1, int64_t(uniform(gen, 0, double(image.size(3)))));
  return at::roll(image, {dy, dx}, {2, 3});
}

}  // namespace detail

}  // namespace atelier::guide
