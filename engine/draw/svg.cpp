// SVG of a drawing: what Inkscape opens and edits, and what this program reads back.
#include <cmath>
#include <cstdio>
#include <regex>
#include <sstream>

#include "draw/clipdraw.h"
#include "runtime/error.h"

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

std::string attribute(const std::string& element, const std::string& name) {
  const std::regex re("\\s" + name + "\\s*=\\s*\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(element, m, re) ? m[1].str() : std::string();
}

std::array<double, 3> colour(const std::string& text, const std::string& where) {
  std::smatch m;
  if (std::regex_match(text, m, std::regex(R"(\s*rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)\s*)")))
    return {std::stod(m[1]) / 255.0, std::stod(m[2]) / 255.0, std::stod(m[3]) / 255.0};
  if (std::regex_match(text, m, std::regex(R"(\s*#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})\s*)")))
    return {std::stoi(m[1], nullptr, 16) / 255.0, std::stoi(m[2], nullptr, 16) / 255.0, std::stoi(m[3], nullptr, 16) / 255.0};
  throw Error(ErrorKind::BadFile, where + ": can't read the colour '" + text + "' (rgb(r,g,b) or #rrggbb)");
}
}  // namespace

std::string to_svg(const Drawing& d) {
  std::ostringstream s;
  s << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << d.width << "\" height=\"" << d.height
    << "\" viewBox=\"0 0 " << d.width << ' ' << d.height << "\">\n"
    << "  <!-- Drawn by CLIP Atelier (CLIPDraw): one path per stroke, in drawing order. -->\n"
    << "  <rect x=\"0\" y=\"0\" width=\"" << d.width << "\" height=\"" << d.height << "\" fill=\"rgb(" << byte(d.background[0]) << ','
    << byte(d.background[1]) << ',' << byte(d.background[2]) << ")\"/>\n";
  for (const StrokePath& p : d.paths) {
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
  std::smatch m;
  if (!std::regex_search(svg, m, std::regex(R"(<svg\b[^>]*>)"))) throw Error(ErrorKind::BadFile, "not an SVG file: no <svg> element");
  const std::string root = m[0];
  d.width = int(std::lround(std::atof(attribute(root, "width").c_str())));
  d.height = int(std::lround(std::atof(attribute(root, "height").c_str())));
  if (d.width <= 0 || d.height <= 0) throw Error(ErrorKind::BadFile, "the SVG has no width and height in pixels");
  if (std::regex_search(svg, m, std::regex(R"(<rect\b[^>]*>)"))) d.background = colour(attribute(m[0], "fill"), "the background");
  const std::regex path_re(R"(<path\b[^>]*>)"), number_re(R"([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), path_re); it != std::sregex_iterator(); ++it) {
    const std::string el = (*it)[0];
    const std::string where = "path " + std::to_string(d.paths.size() + 1);
    const std::string data = attribute(el, "d");
    if (!std::regex_match(data, std::regex(R"(\s*M[-+0-9.eE\s,]+(C[-+0-9.eE\s,]+)+([zZ]\s*)?)")))
      throw Error(ErrorKind::BadFile, where + ": only paths of M and C commands (and a closing Z) are read (\"" + data.substr(0, 40) + "\")");
    StrokePath p;
    p.closed = data.find_first_of("zZ") != std::string::npos;
    std::vector<double> v;
    for (auto n = std::sregex_iterator(data.begin(), data.end(), number_re); n != std::sregex_iterator(); ++n) v.push_back(std::stod((*n)[0]));
    if (v.size() < 8 || (v.size() - 2) % 6 != 0) throw Error(ErrorKind::BadFile, where + ": a cubic needs three points per C");
    for (size_t i = 0; i < v.size(); i += 2) p.points.push_back({v[i], v[i + 1]});
    p.segments = int((p.points.size() - 1) / 3);
    const auto rgb = colour(attribute(el, "stroke"), where);
    const std::string opacity = attribute(el, "stroke-opacity"), width = attribute(el, "stroke-width");
    p.rgba = {rgb[0], rgb[1], rgb[2], opacity.empty() ? 1.0 : std::atof(opacity.c_str())};
    p.width = width.empty() ? 1.0 : std::atof(width.c_str());
    d.paths.push_back(p);
  }
  return d;
}

}  // namespace atelier::draw
