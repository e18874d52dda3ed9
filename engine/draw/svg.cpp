// SVG of a drawing: what Inkscape opens and edits, and what this program reads back.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "draw/clipdraw.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace atelier::draw {

namespace {
int byte(double v) { return int(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); }

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  std::string s = b;
  s.erase(s.find_last_not_of('0') + 1);
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view trim(std::string_view t) {
  while (!t.empty() && is_space(t.front())) t.remove_prefix(1);
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  return t;
}

// One start tag: its name and its attributes (values as written, in either quotes).
struct Element {
  std::string_view name;
  std::vector<std::pair<std::string_view, std::string_view>> attributes;
  std::string_view local_name() const {  // "svg:path" -> "path"
    const size_t colon = name.rfind(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
  }
  std::optional<std::string_view> get(std::string_view key) const {
    for (const auto& [k, v] : attributes)
      if (k == key) return v;
    return std::nullopt;
  }
};

// The start tags of an XML text, one at a time: comments, CDATA, processing instructions,
// declarations and end tags are skipped. A loop over the bytes, no recursion and no regular
// expressions: a 10 MB path costs one pass.
class Elements {
 public:
  explicit Elements(std::string_view text) : text_(text) {}

  bool next(Element& e) {
    const size_t n = text_.size();
    for (;;) {
      const size_t lt = text_.find('<', pos_);
      if (lt == std::string_view::npos) return false;
      const std::string_view rest = text_.substr(lt);
      auto skip_past = [&](std::string_view end, size_t from, const char* what) {
        const size_t at = text_.find(end, from);
        if (at == std::string_view::npos) throw Error(ErrorKind::BadFile, std::string("the SVG ends inside ") + what);
        pos_ = at + end.size();
      };
      if (rest.substr(0, 4) == "<!--") {
        skip_past("-->", lt + 4, "a comment");
        continue;
      }
      if (rest.substr(0, 9) == "<![CDATA[") {
        skip_past("]]>", lt + 9, "a CDATA section");
        continue;
      }
      if (rest.substr(0, 2) == "<?") {
        skip_past("?>", lt + 2, "a processing instruction");
        continue;
      }
      if (rest.substr(0, 2) == "<!" || rest.substr(0, 2) == "</") {
        skip_past(">", lt + 2, "a declaration or end tag");
        continue;
      }
      size_t i = lt + 1;
      while (i < n && !is_space(text_[i]) && text_[i] != '>' && text_[i] != '/' && text_[i] != '<') ++i;
      if (i == lt + 1) {  // a '<' that starts no tag
        pos_ = lt + 1;
        continue;
      }
      e.name = text_.substr(lt + 1, i - lt - 1);
      e.attributes.clear();
      const std::string where = "the SVG's <" + shown(e.name) + "> element";
      for (;;) {
        while (i < n && is_space(text_[i])) ++i;
        if (i >= n) throw Error(ErrorKind::BadFile, where + " doesn't end");
        if (text_[i] == '>' || (text_[i] == '/' && i + 1 < n && text_[i + 1] == '>')) {
          pos_ = i + (text_[i] == '>' ? 1 : 2);
          return true;
        }
        const size_t a = i;
        while (i < n && !is_space(text_[i]) && text_[i] != '=' && text_[i] != '>' && text_[i] != '/') ++i;
        if (i == a) throw Error(ErrorKind::BadFile, where + " has a stray '" + std::string(1, text_[i]) + "'");
        const std::string_view name = text_.substr(a, i - a);
        while (i < n && is_space(text_[i])) ++i;
        if (i >= n || text_[i] != '=')
          throw Error(ErrorKind::BadFile, where + " has an attribute '" + shown(name) + "' without a value");
        ++i;
        while (i < n && is_space(text_[i])) ++i;
        if (i >= n || (text_[i] != '"' && text_[i] != '\''))
          throw Error(ErrorKind::BadFile, where + ": the value of '" + shown(name) + "' is not in quotes");
        const char quote = text_[i++];
        const size_t close = text_.find(quote, i);
        if (close == std::string_view::npos)
          throw Error(ErrorKind::BadFile, where + ": the value of '" + shown(name) + "' doesn't end");
        e.attributes.push_back({name, text_.substr(i, close - i)});
        i = close + 1;
      }
    }
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// A whole number of 0 to 255 in text, or nothing.
std::optional<int> component(std::string_view text, int base) {
  text = trim(text);
  int v = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v, base);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || v < 0 || v > 255) return std::nullopt;
  return v;
}

std::array<double, 3> colour(std::string_view text, const std::string& where) {
  const std::string_view t = trim(text);
  std::optional<int> c[3];
  if (t.size() == 7 && t[0] == '#') {
    for (size_t i = 0; i < 3; ++i)
      if (std::isxdigit(static_cast<unsigned char>(t[1 + 2 * i])) && std::isxdigit(static_cast<unsigned char>(t[2 + 2 * i])))
        c[i] = component(t.substr(1 + 2 * i, 2), 16);
  } else if (t.size() > 5 && t.substr(0, 4) == "rgb(" && t.back() == ')') {
    std::string_view inner = t.substr(4, t.size() - 5);
    for (size_t i = 0; i < 3; ++i) {
      const size_t comma = i < 2 ? inner.find(',') : std::string_view::npos;
      if (i < 2 && comma == std::string_view::npos) break;
      const std::string_view part = inner.substr(0, comma);
      if (part.find_first_not_of(" \t\n\r\f0123456789") == std::string_view::npos) c[i] = component(part, 10);
      if (comma != std::string_view::npos) inner.remove_prefix(comma + 1);
    }
  }
  if (!c[0] || !c[1] || !c[2])
    throw Error(ErrorKind::BadFile, where + ": can't read the colour '" + shown(text) + "' (rgb(r,g,b) of 0 to 255, or #rrggbb)");
  return {*c[0] / 255.0, *c[1] / 255.0, *c[2] / 255.0};
}

// A length in pixels ("96", "96px", "1.5"): finite, or nothing.
std::optional<double> length(std::string_view text) {
  text = trim(text);
  if (text.size() > 2 && text.substr(text.size() - 2) == "px") text.remove_suffix(2);
  return parse_double(text);
}

// A path's d attribute: "M x y" then one or more "C" with three points each (more points after
// one C continue it, as SVG allows), and an optional closing "Z". Numbers via from_chars: finite
// and within limits::kMaxSvgCoordinate.
std::vector<double> path_numbers(std::string_view data, const std::string& where, bool& closed) {
  auto unsupported = [&] {
    return Error(ErrorKind::BadFile, where + ": only paths of M and C commands (and a closing Z) are read (\"" + shown(data) + "\")");
  };
  std::vector<double> v;
  const size_t n = data.size();
  size_t i = 0;
  char command = 0;
  size_t count = 0;  // numbers since the command
  int cubics = 0;
  closed = false;
  auto end_command = [&] {
    if (command == 'M' && count != 2) throw Error(ErrorKind::BadFile, where + ": a path starts with M and one point (\"" + shown(data) + "\")");
    if (command == 'C' && (count == 0 || count % 6 != 0)) throw Error(ErrorKind::BadFile, where + ": a cubic needs three points per C");
  };
  for (;;) {
    while (i < n && (is_space(data[i]) || data[i] == ',')) ++i;
    if (i >= n) break;
    const char c = data[i];
    if (closed) throw unsupported();  // nothing may follow Z
    if (c == 'M' || c == 'C' || c == 'Z' || c == 'z') {
      if (command == 0 ? c != 'M' : c == 'M') throw unsupported();
      end_command();
      command = c == 'z' ? 'Z' : c;
      count = 0;
      if (command == 'C') ++cubics;
      if (command == 'Z') closed = true;
      ++i;
      continue;
    }
    if (command == 0 || command == 'Z' || !(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+'))
      throw unsupported();
    if (c == '+') ++i;  // from_chars takes '-' but not '+'
    double value = 0;
    auto [end, ec] = std::from_chars(data.data() + i, data.data() + n, value);
    if (ec != std::errc() || end == data.data() + i || !std::isfinite(value) ||
        (i < n && (data[i] == '+' || data[i] == 'n' || data[i] == 'N' || data[i] == 'i' || data[i] == 'I')))
      throw Error(ErrorKind::BadFile, where + ": can't read the number at \"" + shown(data.substr(i), 20) + "\"");
    if (std::abs(value) > limits::kMaxSvgCoordinate)
      throw Error(ErrorKind::BadFile, where + ": the coordinate " + shown(data.substr(i, size_t(end - (data.data() + i))), 20) +
                                          " is beyond the limit of " + std::to_string(int64_t(limits::kMaxSvgCoordinate)));
    v.push_back(value);
    ++count;
    i = size_t(end - data.data());
  }
  end_command();
  if (cubics == 0) throw unsupported();
  return v;
}
}  // namespace

bool is_transparent(const StrokePath& p) { return !(p.rgba[3] >= 0.5 / 255.0); }  // NaN too: it draws nothing

std::string to_svg(const Drawing& d, const SvgOptions& options) {
  std::ostringstream s;
  s << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << d.width << "\" height=\"" << d.height
    << "\" viewBox=\"0 0 " << d.width << ' ' << d.height << "\">\n"
    << "  <!-- Drawn by CLIP Atelier (CLIPDraw): one path per stroke, in drawing order. -->\n";
  const std::ptrdiff_t left_out = options.keep_transparent ? 0 : std::count_if(d.paths.begin(), d.paths.end(), is_transparent);
  if (left_out > 0) s << "  <!-- " << left_out << " fully transparent stroke(s) left out. -->\n";
  s << "  <rect x=\"0\" y=\"0\" width=\"" << d.width << "\" height=\"" << d.height << "\" fill=\"rgb(" << byte(d.background[0]) << ','
    << byte(d.background[1]) << ',' << byte(d.background[2]) << ")\"/>\n";
  for (const StrokePath& p : d.paths) {
    if (!options.keep_transparent && is_transparent(p)) continue;
    s << "  <path d=\"M " << num(p.points[0][0]) << ' ' << num(p.points[0][1]);
    for (int k = 0; k < p.segments; ++k) {
      s << " C";
      for (int i = 1; i <= 3; ++i) s << ' ' << num(p.points[size_t(3 * k + i)][0]) << ' ' << num(p.points[size_t(3 * k + i)][1]);
    }
    const std::string rgb = "rgb(" + std::to_string(byte(p.rgba[0])) + ',' + std::to_string(byte(p.rgba[1])) + ',' +
                            std::to_string(byte(p.rgba[2])) + ")";
    if (p.closed) s << " Z\" fill=\"" << rgb << "\" fill-opacity=\"" << num(p.rgba[3]) << "\" fill-rule=\"nonzero";
    else s << "\" fill=\"none";
    s << "\" stroke=\"" << rgb << "\" stroke-opacity=\"" << num(p.rgba[3]) << "\" stroke-width=\"" << num(p.width)
      << "\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>\n";
  }
  s << "</svg>\n";
  return s.str();
}

Drawing parse_svg(const std::string& svg) {
  Drawing d;
  Element e;
  bool found = false;
  for (Elements all(svg); !found && all.next(e);) found = e.local_name() == "svg";
  if (!found) throw Error(ErrorKind::BadFile, "not an SVG file: no <svg> element");
  const auto w = length(e.get("width").value_or("")), h = length(e.get("height").value_or(""));
  if (!w || !h || *w < 0.5 || *h < 0.5) throw Error(ErrorKind::BadFile, "the SVG has no width and height in pixels");
  if (*w > limits::kMaxImageSide || *h > limits::kMaxImageSide || std::lround(*w) * std::lround(*h) > int64_t(limits::kMaxImagePixels))
    throw Error(ErrorKind::BadFile, "the SVG is " + shown(*e.get("width"), 20) + " x " + shown(*e.get("height"), 20) +
                                        " px: more than the limit of " + std::to_string(limits::kMaxImageSide) + " px a side and " +
                                        std::to_string(limits::kMaxImagePixels >> 20) + " MP");
  d.width = int(std::lround(*w));
  d.height = int(std::lround(*h));
  bool background = false;
  for (Elements all(svg); all.next(e);) {
    const std::string_view name = e.local_name();
    if (name == "rect" && !background) {
      background = true;
      d.background = colour(e.get("fill").value_or(""), "the background");
    }
    if (name != "path") continue;
    const std::string where = "path " + std::to_string(d.paths.size() + 1);
    StrokePath p;
    const std::vector<double> v = path_numbers(e.get("d").value_or(""), where, p.closed);
    for (size_t i = 0; i < v.size(); i += 2) p.points.push_back({v[i], v[i + 1]});
    p.segments = int((p.points.size() - 1) / 3);
    const auto rgb = colour(e.get("stroke").value_or(""), where);
    double opacity = 1.0, width = 1.0;
    if (auto o = e.get("stroke-opacity")) {
      const auto value = parse_double(trim(*o));
      if (!value) throw Error(ErrorKind::BadFile, where + ": stroke-opacity '" + shown(*o) + "' is not a number");
      opacity = std::clamp(*value, 0.0, 1.0);
    }
    if (auto sw = e.get("stroke-width")) {
      const auto value = length(*sw);
      if (!value || *value < 0 || *value > limits::kMaxSvgCoordinate)
        throw Error(ErrorKind::BadFile, where + ": stroke-width '" + shown(*sw) + "' is not a width from 0 to " +
                                            std::to_string(int64_t(limits::kMaxSvgCoordinate)));
      width = *value;
    }
    p.rgba = {rgb[0], rgb[1], rgb[2], opacity};
    p.width = width;
    d.paths.push_back(p);
  }
  return d;
}

}  // namespace atelier::draw
