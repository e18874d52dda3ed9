// Clip art of openclipart-png, named from openclipart-svg's metadata (clipart.h says what and why).
#include "train/clipart.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "io/input_file.h"
#include "io/output_file.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "train/detail/rng.h"

namespace fs = std::filesystem;

namespace atelier::train {

namespace {

constexpr const char* kInstall =
    "install the Debian packages openclipart-png and openclipart-svg (packaging/install-deps.sh --training, "
    "or: sudo apt-get install openclipart-png openclipart-svg)";

// ---- text ---------------------------------------------------------------------------------

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

// Words separated by whitespace, joined again with single spaces.
std::vector<std::string> words_of(std::string_view s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!w.empty()) out.push_back(std::move(w)), w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) out.push_back(std::move(w));
  return out;
}

std::string join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

size_t letters(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += std::isalpha(static_cast<unsigned char>(c)) != 0;
  return n;
}

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

std::string strip_trailing(std::string s, std::string_view chars) {
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.pop_back();
  return s;
}

uint64_t fnv1a(std::string_view s, uint64_t h = 0xCBF29CE484222325ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001B3ULL;
  }
  return h;
}

uint64_t splitmix_final(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// ---- the SVG metadata (libxml2's stream reader) ----------------------------------------------

constexpr std::string_view kDc = "http://purl.org/dc/elements/1.1/";
constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
bool is_cc(std::string_view ns) { return ns == "http://web.resource.org/cc/" || ns == "http://creativecommons.org/ns#"; }

std::string_view view(const xmlChar* s) { return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view(); }

void ignore_xml_error(void*, xmlErrorPtr) {}

// ---- drawings -----------------------------------------------------------------------------

constexpr int kVisibleAlpha = 8;  // the box a drawing is cropped to: pixels at least this opaque

// A decoded PNG (RGB or RGBA, straight alpha) as renders use it: see ClipArtSet::drawing.
Image prepare(const Image& img, int side, const std::string& what) {
  const int w = img.width, h = img.height, ch = img.channels;
  auto alpha = [&](int x, int y) { return ch == 4 ? img.pixels[(size_t(y) * size_t(w) + size_t(x)) * 4 + 3] : uint8_t(255); };
  int x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if (alpha(x, y) >= kVisibleAlpha) {
        x0 = std::min(x0, x), x1 = std::max(x1, x);
        y0 = std::min(y0, y), y1 = std::max(y1, y);
      }
  if (x1 < 0) throw Error(ErrorKind::BadFile, what + " has no visible pixels (all transparent)");
  const int cw = x1 - x0 + 1, chh = y1 - y0 + 1;
  cv::Mat crop(chh, cw, CV_8UC4);
  for (int y = 0; y < chh; ++y)
    for (int x = 0; x < cw; ++x) {
      const uint8_t* s = &img.pixels[(size_t(y + y0) * size_t(w) + size_t(x + x0)) * size_t(ch)];
      const unsigned a = ch == 4 ? s[3] : 255u;
      cv::Vec4b& d = crop.at<cv::Vec4b>(y, x);
      for (int c = 0; c < 3; ++c) d[c] = uint8_t((s[c] * a + 127) / 255);  // premultiplied
      d[3] = uint8_t(a);
    }
  if (std::max(cw, chh) > side) {
    const double f = double(side) / double(std::max(cw, chh));
    const int tw = std::max(1, int(std::lround(cw * f))), th = std::max(1, int(std::lround(chh * f)));
    cv::Mat small;
    cv::resize(crop, small, cv::Size(tw, th), 0, 0, cv::INTER_AREA);
    crop = small;
  }
  Image out{crop.cols, crop.rows, 4, {}};
  out.pixels.assign(crop.data, crop.data + size_t(crop.cols) * size_t(crop.rows) * 4);
  return out;
}

// ---- backgrounds --------------------------------------------------------------------------

struct Named {
  const char* name;
  float r, g, b;
};
const Named kSolids[] = {{"white", 1, 1, 1},           {"black", 0, 0, 0},          {"grey", .5f, .5f, .5f},
                         {"light grey", .82f, .82f, .82f}, {"blue", .16f, .31f, .78f}, {"yellow", .94f, .86f, .16f},
                         {"green", .16f, .63f, .24f},  {"pink", .98f, .59f, .78f},  {"red", .80f, .16f, .16f},
                         {"orange", .98f, .59f, .16f}, {"purple", .51f, .24f, .67f}, {"cyan", .16f, .75f, .82f},
                         {"brown", .51f, .33f, .18f}};
constexpr int kNumSolids = int(sizeof(kSolids) / sizeof(kSolids[0]));

float luma(float r, float g, float b) { return 0.299f * r + 0.587f * g + 0.114f * b; }

// A normal variate from the sample's own stream (OpenCV's RNG would not be a function of it).
float gaussian(Rng& rng) {
  float s = 0;
  for (int k = 0; k < 4; ++k) s += rng.uniformf(0, 1);
  return (s - 2.0f) * 1.732f;  // variance 4/12, scaled to 1
}

// One background (RGB float 0-1) and the words that may name it ("" for none).
cv::Mat background(int size, int kind, Rng& rng, std::string& words) {
  cv::Mat bg(size, size, CV_32FC3);
  auto colour = [&] { return cv::Vec3f(rng.uniformf(0, 1), rng.uniformf(0, 1), rng.uniformf(0, 1)); };
  words.clear();
  if (kind < 100) {  // a solid: kind indexes kSolids
    const Named& n = kSolids[kind];
    bg.setTo(cv::Scalar(n.r, n.g, n.b));
    words = std::string(" on ") + with_article(n.name) + " background";
  } else if (kind == 100) {  // a gradient, linear in one of four directions or radial
    const cv::Vec3f a = colour(), b = colour();
    const int dir = rng.uniform(5);
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        const float u = float(x) / float(size - 1), v = float(y) / float(size - 1);
        float t = dir == 0 ? u : dir == 1 ? v : dir == 2 ? (u + v) / 2 : dir == 3 ? (u + 1 - v) / 2
                                                                       : std::min(1.0f, std::hypot(u - 0.5f, v - 0.5f) * 1.41f);
        bg.at<cv::Vec3f>(y, x) = a * (1 - t) + b * t;
      }
    words = " on a gradient background";
  } else if (kind == 101) {  // noise: grain, or clouds (the grain blurred)
    const cv::Vec3f base = colour();
    const float amp = rng.uniformf(0.06f, 0.2f);
    const bool clouds = rng.uniform(2) == 0;
    cv::Mat n(size, size, CV_32FC1);
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) n.at<float>(y, x) = gaussian(rng);
    if (clouds) {
      cv::GaussianBlur(n, n, cv::Size(0, 0), rng.uniformf(1.5f, 4.0f));
      cv::normalize(n, n, -1.5, 1.5, cv::NORM_MINMAX);
    }
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        cv::Vec3f p = base + cv::Vec3f::all(amp * n.at<float>(y, x) * (clouds ? 1.5f : 1.0f));
        for (int c = 0; c < 3; ++c) p[c] = std::clamp(p[c], 0.0f, 1.0f);
        bg.at<cv::Vec3f>(y, x) = p;
      }
    words = " on a textured background";
  } else {  // a texture: stripes at an angle, checks or dots of two colours
    const cv::Vec3f a = colour();
    cv::Vec3f b = colour();
    b = a * 0.6f + b * 0.4f;  // the second colour near the first: a texture, not a picture
    const int pattern = rng.uniform(3);
    const float period = rng.uniformf(4.0f, 12.0f), angle = rng.uniformf(0.0f, float(M_PI));
    const float ca = std::cos(angle), sa = std::sin(angle);
    for (int y = 0; y < size; ++y)
      for (int x = 0; x < size; ++x) {
        bool on;
        if (pattern == 0) {
          on = std::fmod(std::abs(float(x) * ca + float(y) * sa), period) < period / 2;
        } else if (pattern == 1) {
          on = (int(float(x) / period) + int(float(y) / period)) % 2 == 0;
        } else {
          const float fx = std::fmod(float(x), period) - period / 2, fy = std::fmod(float(y), period) - period / 2;
          on = fx * fx + fy * fy < period * period / 10;
        }
        bg.at<cv::Vec3f>(y, x) = on ? b : a;
      }
    words = " on a textured background";
  }
  return bg;
}

float mean_luma(const cv::Mat& bg) {
  const cv::Scalar m = cv::mean(bg);
  return luma(float(m[0]), float(m[1]), float(m[2]));
}

// ---- the disk cache of decoded drawings ---------------------------------------------------

constexpr char kCacheMagic[16] = {'A', 'T', 'E', 'L', 'I', 'E', 'R', '-', 'C', 'L', 'I', 'P', 'A', 'R', 'T', '\n'};
constexpr uint32_t kCacheVersion = 1;  // raise when prepare() changes what it makes

fs::path default_cache_dir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x == '/') return fs::path(x) / "clip-atelier";
  if (const char* h = std::getenv("HOME"); h && *h == '/') return fs::path(h) / ".cache" / "clip-atelier";
  return {};
}

template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

class Reader {
 public:
  explicit Reader(const std::string& s) : s_(s) {}
  template <class T>
  bool get(T& v) {
    if (s_.size() - pos_ < sizeof v) return false;
    std::memcpy(&v, s_.data() + pos_, sizeof v);
    pos_ += sizeof v;
    return true;
  }
  bool bytes(size_t n, const char** p) {
    if (s_.size() - pos_ < n) return false;
    *p = s_.data() + pos_;
    pos_ += n;
    return true;
  }
  bool at_end() const { return pos_ == s_.size(); }

 private:
  const std::string& s_;
  size_t pos_ = 0;
};

}  // namespace

// ---- public functions -------------------------------------------------------------------------

std::string clipart_missing(const fs::path& root) {
  std::error_code ec;
  const bool png = fs::is_directory(root / "png", ec), svg = fs::is_directory(root / "svg", ec);
  if (png && svg) return "";
  const std::string which = !png && !svg ? "the openclipart collection is not installed (no " + (root / "png").string() + " or " +
                                               (root / "svg").string() + ")"
                            : !png       ? "openclipart's drawings are not installed (no " + (root / "png").string() + ")"
                                         : "openclipart's metadata is not installed (no " + (root / "svg").string() + ")";
  return which + ": clip art is a training and evaluation set; " + kInstall;
}

bool clipart_held_out(std::string_view file) { return splitmix_final(fnv1a(file)) % 10 == 0; }

std::string clipart_clean_title(std::string_view raw) {
  std::string t = lower(raw);
  // "Clipart by Nicu Buculei - piggybank": the drawing's name follows the dash.
  for (const char* prefix : {"clipart by ", "clip art by ", "clip-art by "})
    if (t.rfind(prefix, 0) == 0) {
      const auto dash = t.find(" - ");
      t = dash == std::string::npos ? std::string() : t.substr(dash + 3);
    }
  // Letters, digits and a few marks stay ("st. louis", "rock'n'roll", "bread & wine"); '_',
  // brackets, '#' and the like become spaces. Bytes of UTF-8 sequences stay as they are.
  for (auto& c : t) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 128 && !std::isalnum(u) && !std::strchr(" -'&,.", c)) c = ' ';
  }
  for (const char* word : {"collection", "theme", "icons", "iconset", "clipart", "svg", "submission", "sibmission"})
    if (contains(t, word)) return "";
  std::vector<std::string> kept;
  for (std::string w : words_of(t)) {
    // Digits at a word's end number a series ("baloon1", "arrow08", "book 01"): cut.
    while (!w.empty() && std::isdigit(static_cast<unsigned char>(w.back()))) w.pop_back();
    w = strip_trailing(w, "_-");
    if (!w.empty()) kept.push_back(w);
  }
  std::string out = strip_trailing(join(kept, " "), " .,;:-");
  if (letters(out) < 3 || out == "gramastar") return "";
  return out;
}

std::string clipart_clean_description(std::string_view raw) {
  std::string d(raw.substr(0, raw.find('\n')));
  for (size_t i = 0; i + 1 < d.size(); ++i)
    if ((d[i] == '.' || d[i] == '!' || d[i] == '?') && d[i + 1] == ' ') {
      d.resize(i);
      break;
    }
  d = lower(d);
  for (const char* bad : {"http", "www.", "@", "converted", "made with", "sodipodi", "inkscape", "collection", "clipart", "hash("})
    if (contains(d, bad)) return "";
  const auto words = words_of(d);
  if (words.size() < 2 || words.size() > 12) return "";
  std::string out = strip_trailing(join(words, " "), " .,;:!?-");
  return letters(out) >= 3 ? out : "";
}

std::string clipart_clean_keyword(std::string_view raw, const std::vector<std::string>& agents) {
  std::string k = lower(raw);
  for (auto& c : k)
    if (c == '_') c = ' ';
  k = join(words_of(k), " ");
  static const std::set<std::string> kStop = {
      "unsorted", "hash", "magick", "theme", "icons", "special", "action", "application", "mapsym", "appicon", "mimetypes",
      "mime-types", "mime types", "networksym", "weathersym", "musicsym", "musicstuff", "religholiday", "lemon theme icon",
      "united nations member", "signalflag", "filesystem", "webpage", "openclipart", "clipart", "clip art", "svg", "inkscape",
      "sodipodi", "image", "picture", "drawing", "icon theme", "menu"};
  if (k.empty() || kStop.count(k) || contains(k, "clipart") || contains(k, "openclip") || has_digit(k) || k.size() > 30 || words_of(k).size() > 3 || letters(k) < 2) return "";
  for (const auto& a : agents)
    if (lower(a) == k) return "";
  return k;
}

std::string clipart_folder_name(std::string_view folder) {
  const auto slash = folder.rfind('/');
  std::string n(slash == std::string_view::npos ? folder : folder.substr(slash + 1));
  for (auto& c : n)
    if (c == '_' || c == '-') c = ' ';
  return join(words_of(lower(n)), " ");
}

std::string clipart_title_phrase(const std::string& title) {
  const auto words = words_of(title);
  if (words.empty()) return title;
  static const std::set<std::string> kDeterminers = {"a", "an", "the", "some", "my", "your", "our", "his", "her", "their",
                                                     "this", "that", "these", "those", "two", "three", "four", "five",
                                                     "six", "seven", "eight", "nine", "ten", "many", "several", "one"};
  if (kDeterminers.count(words.front()) || std::isdigit(static_cast<unsigned char>(words.front()[0]))) return title;
  const std::string& last = words.back();
  const bool plural = last.size() > 3 && last.back() == 's' && last[last.size() - 2] != 's' && last[last.size() - 2] != 'u';
  return plural ? title : with_article(title);
}

std::string clipart_category_prompt(const std::string& name) { return "clip art of " + name; }
std::string clipart_title_prompt(const std::string& phrase) { return "a drawing of " + phrase; }

ClipArtMetadata read_clipart_metadata(const fs::path& svg) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });
  ClipArtMetadata m;
  // No network, no external DTD or entities (the defaults, and NONET), no messages on stderr.
  xmlTextReaderPtr reader = xmlReaderForFile(svg.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
  if (!reader) throw Error(ErrorKind::NotFound, "can't read " + svg.string());
  std::unique_ptr<xmlTextReader, void (*)(xmlTextReaderPtr)> guard(reader, xmlFreeTextReader);
  xmlTextReaderSetStructuredErrorHandler(reader, ignore_xml_error, nullptr);
  struct Element {
    std::string_view ns;  // one of the namespaces above, or ""
    std::string local;
  };
  std::vector<Element> path;
  int work = -1;                // the depth of cc:Work, once met
  std::string* text = nullptr;  // where the text of the element being read goes
  int rc;
  while ((rc = xmlTextReaderRead(reader)) == 1) {
    const int type = xmlTextReaderNodeType(reader), depth = xmlTextReaderDepth(reader);
    if (type == XML_READER_TYPE_ELEMENT) {
      const std::string_view ns = view(xmlTextReaderConstNamespaceUri(reader));
      path.resize(size_t(std::max(0, depth)));
      path.push_back({ns == kDc ? kDc : ns == kRdf ? kRdf : is_cc(ns) ? std::string_view("cc") : std::string_view(),
                      std::string(view(xmlTextReaderConstLocalName(reader)))});
      text = nullptr;
      if (work < 0 && path.back().ns == "cc" && path.back().local == "Work") {
        work = depth;
        m.found = true;
        if (xmlTextReaderIsEmptyElement(reader)) break;
        continue;
      }
      if (work < 0) continue;
      const size_t below = path.size() - size_t(work) - 1;  // levels below cc:Work
      const Element& e = path.back();
      if (below == 1 && e.ns == kDc && e.local == "title") text = &m.title;
      else if (below == 1 && e.ns == kDc && e.local == "description") text = &m.description;
      else if (below == 3 && e.ns == kRdf && e.local == "li" && path[size_t(work) + 1].ns == kDc && path[size_t(work) + 1].local == "subject")
        text = &m.keywords.emplace_back();
      else if (below == 3 && e.ns == kDc && e.local == "title" && path[path.size() - 2].ns == "cc" && path[path.size() - 2].local == "Agent")
        text = &m.agents.emplace_back();
      if (xmlTextReaderIsEmptyElement(reader)) text = nullptr;
    } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
      if (text) *text += view(xmlTextReaderConstValue(reader));
    } else if (type == XML_READER_TYPE_END_ELEMENT) {
      text = nullptr;
      if (depth == work) break;  // the rest of the file is the drawing
    }
  }
  if (rc < 0) throw Error(ErrorKind::BadFile, svg.string() + " is not well-formed XML where its metadata is");
  auto trim = [](std::string& s) { s = join(words_of(s), " "); };
  trim(m.title);
  trim(m.description);
  for (auto& k : m.keywords) trim(k);
  for (auto& a : m.agents) trim(a);
  return m;
}

// ---- the set ------------------------------------------------------------------------------------

std::shared_ptr<ClipArtSet> ClipArtSet::load(const ClipArtOptions& options) {
  if (const std::string why = clipart_missing(options.root); !why.empty()) throw Error(ErrorKind::NotFound, why);
  if (options.side < 0 || options.side > 4096) throw Error(ErrorKind::InvalidArgument, "clip art: a side of 0 to 4096 pixels");
  auto set = std::make_shared<ClipArtSet>();
  set->root_ = options.root;
  ClipArtStats& st = set->stats_;
  const auto t0 = std::chrono::steady_clock::now();
  auto since = [](std::chrono::steady_clock::time_point t) { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count(); };

  // Every PNG path (links included), grouped by the file it is: a link's target must lie in png/.
  std::error_code ec;
  const fs::path png_root = fs::canonical(options.root / "png", ec);
  if (ec) throw Error(ErrorKind::Io, "can't read " + (options.root / "png").string() + ": " + ec.message());
  std::map<std::string, std::set<std::string>> folders_of;  // file -> folders it is filed in
  for (auto it = fs::recursive_directory_iterator(png_root, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    std::string ext = lower(p.extension().string());
    if (ext != ".png") continue;
    const bool link = it->is_symlink(ec);
    fs::path real = link ? fs::canonical(p, ec) : p;
    if (ec || !fs::is_regular_file(real, ec)) {
      ec.clear();
      continue;  // a dangling link
    }
    const std::string rel = real.lexically_relative(png_root).generic_string();
    if (rel.empty() || rel.rfind("..", 0) == 0) continue;  // a link out of the collection
    ++st.paths;
    st.links += link;
    folders_of[rel].insert(p.parent_path().lexically_relative(png_root).generic_string());
  }
  if (ec) throw Error(ErrorKind::Io, "can't list " + png_root.string() + ": " + ec.message());
  for (auto& [file, folders] : folders_of) {
    ClipArtEntry e;
    e.file = file;
    const fs::path abs = png_root / file;
    try {
      const ImageHeader h = read_image_header(abs);
      if (h.format != "PNG") throw Error(ErrorKind::BadFile, abs.string() + " is not a PNG");
      check_image_size(h.width, h.height, abs.string());
      e.width = int(h.width);
      e.height = int(h.height);
    } catch (const Error& err) {
      (err.kind() == ErrorKind::InvalidArgument ? st.too_large : st.failed) += 1;
      continue;
    }
    // The folder of the file itself first, then the links' folders.
    const std::string own = fs::path(file).parent_path().generic_string();
    e.folders.push_back(own == "." ? "" : own);
    for (const auto& f : folders)
      if (f != e.folders.front() && !(f == "." && e.folders.front().empty())) e.folders.push_back(f == "." ? "" : f);
    e.held_out = clipart_held_out(file);
    set->entries_.push_back(std::move(e));
  }
  st.drawings = set->entries_.size();
  st.index_seconds = since(t0);

  // Metadata: the SVG at the file's path, else at a link's.
  const auto t1 = std::chrono::steady_clock::now();
  const fs::path svg_root = options.root / "svg";
  std::map<std::string, int> title_count, description_count;
  for (auto& e : set->entries_) {
    ClipArtMetadata m;
    std::vector<std::string> candidates{fs::path(e.file).replace_extension(".svg").generic_string()};
    for (size_t f = 1; f < e.folders.size(); ++f)
      candidates.push_back((fs::path(e.folders[f]) / fs::path(e.file).filename()).replace_extension(".svg").generic_string());
    for (const auto& c : candidates) {
      if (!fs::is_regular_file(svg_root / c, ec)) continue;
      try {
        m = read_clipart_metadata(svg_root / c);
      } catch (const Error&) {
        continue;
      }
      if (m.found) break;
    }
    e.has_svg = m.found;
    st.without_svg += !m.found;
    e.title = clipart_clean_title(m.title);
    e.description = clipart_clean_description(m.description);
    for (const auto& k : m.keywords) {
      const std::string c = clipart_clean_keyword(k, m.agents);
      if (!c.empty() && std::find(e.keywords.begin(), e.keywords.end(), c) == e.keywords.end()) e.keywords.push_back(c);
    }
    if (!e.title.empty()) ++title_count[e.title];
    if (!e.description.empty()) ++description_count[e.description];
  }
  // A title shared by many drawings names their collection ("card", "lemon svg theme"), a
  // description shared by several is boilerplate ("eps converted from aiga.org").
  for (auto& e : set->entries_) {
    if (!e.title.empty() && title_count[e.title] > 50) e.title.clear();
    if (!e.description.empty() && description_count[e.description] >= 10) e.description.clear();
  }
  st.metadata_seconds = since(t1);
  st.held_out = size_t(std::count_if(set->entries_.begin(), set->entries_.end(), [](const ClipArtEntry& e) { return e.held_out; }));

  if (options.side > 0) set->load_drawings(options);

  // sample()'s drawings: training ones with words to caption them, grouped by their own folder.
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < set->entries_.size(); ++i) {
    const ClipArtEntry& e = set->entries_[i];
    if (e.held_out || set->caption(i, 0, 0).empty()) continue;
    if (set->side_ > 0 && set->drawings_[i].width == 0) continue;  // failed to decode
    groups[e.folders.front()].push_back(i);
  }
  double total = 0;
  set->group_start_.push_back(0);
  for (auto& [folder, members] : groups) {
    set->train_.insert(set->train_.end(), members.begin(), members.end());
    set->group_start_.push_back(set->train_.size());
    total += std::sqrt(double(members.size()));
    set->group_weight_.push_back(total);
  }
  return set;
}

void ClipArtSet::load_drawings(const ClipArtOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  side_ = options.side;
  const size_t n = entries_.size();
  drawings_.assign(n, Image{0, 0, 4, {}});
  ClipArtStats& st = stats_;

  // The cache's key: the version of prepare(), the side, and every file's name, size and time.
  uint64_t key = fnv1a(std::to_string(kCacheVersion) + "/" + std::to_string(side_) + "/" + std::to_string(limits::kMaxImagePixels));
  std::error_code ec;
  for (const auto& e : entries_) {
    const fs::path abs = root_ / "png" / e.file;
    key = fnv1a(e.file + "\n", key);
    key = fnv1a(std::to_string(fs::file_size(abs, ec)) + "/" +
                    std::to_string(fs::last_write_time(abs, ec).time_since_epoch().count()) + "\n",
                key);
  }
  // The default cache is the Debian collection's only: a collection elsewhere (a test's) is
  // cached where cache_dir says, or not at all.
  std::error_code same_ec;
  const bool debian = fs::equivalent(root_, kClipArtDir, same_ec);
  const fs::path dir = !options.cache_dir.empty() ? options.cache_dir : debian ? default_cache_dir() : fs::path();
  const fs::path file = dir.empty() ? fs::path() : dir / ("openclipart-" + std::to_string(side_) + ".cache");

  // The cache, when it is this collection's at this side: every drawing or none.
  if (options.use_cache && !file.empty() && fs::exists(file, ec)) {
    try {
      const uint64_t bound = 64 + uint64_t(n) * (4 + 4096 + 4 + uint64_t(side_) * uint64_t(side_) * 4);
      const std::string bytes = read_regular_file(file, bound, "the clip art cache");
      Reader r(bytes);
      const char* magic = nullptr;
      uint32_t version = 0, side = 0;
      uint64_t stored_key = 0, count = 0;
      bool ok = r.bytes(sizeof kCacheMagic, &magic) && std::memcmp(magic, kCacheMagic, sizeof kCacheMagic) == 0 && r.get(version) &&
                version == kCacheVersion && r.get(side) && int(side) == side_ && r.get(stored_key) && stored_key == key && r.get(count) &&
                count == n;
      std::vector<Image> read(ok ? n : 0);
      for (size_t i = 0; ok && i < n; ++i) {
        uint32_t name_len = 0;
        uint16_t w = 0, h = 0;
        const char* name = nullptr;
        const char* px = nullptr;
        ok = r.get(name_len) && name_len < 4096 && r.bytes(name_len, &name) && std::string_view(name, name_len) == entries_[i].file &&
             r.get(w) && r.get(h) && w <= side_ && h <= side_ && r.bytes(size_t(w) * h * 4, &px);
        if (ok) read[i] = Image{w, h, 4, std::vector<uint8_t>(px, px + size_t(w) * h * 4)};
      }
      if (ok && r.at_end()) {
        drawings_ = std::move(read);
        st.from_cache = size_t(std::count_if(drawings_.begin(), drawings_.end(), [](const Image& d) { return d.width > 0; }));
        st.failed += n - st.from_cache;
        st.cache = file;
        st.images_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        return;
      }
      st.cache_note = file.string() + " is another collection's, side's or version's, or damaged: decoded again";
    } catch (const Error& e) {
      st.cache_note = std::string("the clip art cache was not read: ") + e.what();
    }
  }

  if (!options.decode_all) {  // no cache: each drawing decoded when it is rendered
    side_ = 0;
    drawings_.clear();
    return;
  }

  // Decoded in a few threads (a PNG at a time each: the largest, 64 MP, takes 256 MB decoded).
  const int threads = options.threads > 0 ? options.threads : int(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  std::atomic<size_t> next{0}, done{0}, failed{0};
  auto work = [&](bool report) {
    for (size_t i; (i = next++) < n;) {
      try {
        const fs::path abs = root_ / "png" / entries_[i].file;
        drawings_[i] = prepare(read_image(abs), side_, abs.string());
      } catch (...) {
        ++failed;  // left empty: sample() and the evaluation pass it by
      }
      ++done;
      if (report && options.progress) options.progress(done.load(), n);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work, false);
  work(true);
  for (auto& t : pool) t.join();
  if (options.progress) options.progress(n, n);
  st.decoded = n - failed;
  st.failed += failed;

  if (options.use_cache && !file.empty()) {
    std::string out;
    out.append(kCacheMagic, sizeof kCacheMagic);
    put(out, kCacheVersion);
    put(out, uint32_t(side_));
    put(out, key);
    put(out, uint64_t(n));
    for (size_t i = 0; i < n; ++i) {
      const Image& d = drawings_[i];
      put(out, uint32_t(entries_[i].file.size()));
      out += entries_[i].file;
      put(out, uint16_t(d.width));
      put(out, uint16_t(d.height));
      out.append(reinterpret_cast<const char*>(d.pixels.data()), d.pixels.size());
    }
    try {
      fs::create_directories(dir, ec);
      write_file_whole(file, out.data(), out.size());
      st.cache = file;
    } catch (const Error& e) {
      st.cache_note = std::string("the clip art cache was not written: ") + e.what();
    }
  }
  st.images_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::vector<size_t> ClipArtSet::split(bool held_out) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].held_out == held_out) out.push_back(i);
  return out;
}

Image ClipArtSet::drawing(size_t i, int side) const {
  if (i >= entries_.size()) throw Error(ErrorKind::InvalidArgument, "clip art: no drawing " + std::to_string(i));
  if (side == side_ && side_ > 0) {
    if (drawings_[i].width == 0) throw Error(ErrorKind::BadFile, "clip art: " + entries_[i].file + " could not be decoded");
    return drawings_[i];
  }
  const fs::path abs = root_ / "png" / entries_[i].file;
  return prepare(read_image(abs), side, abs.string());
}

std::string ClipArtSet::caption(size_t i, uint64_t seed, uint64_t index) const {
  const ClipArtEntry& e = entries_.at(i);
  Rng rng(seed ^ 0xC11BA47ULL, index);
  // The names of its folders: top level and second level (deeper ones are series: "flat-theme", "europe").
  std::vector<std::string> names;
  for (const auto& f : e.folders) {
    const auto slash = f.find('/');
    for (const std::string& part : {f.substr(0, slash), slash == std::string::npos ? std::string() : f.substr(0, f.find('/', slash + 1))}) {
      const std::string n = clipart_folder_name(part);
      if (!n.empty() && n != "unsorted" && n != "duplicates" && n != "special" && n != "examples" &&
          std::find(names.begin(), names.end(), n) == names.end())
        names.push_back(n);
    }
  }
  const std::string phrase = title_phrase(i);
  std::vector<std::string> keys = e.keywords;
  for (size_t k = keys.size(); k > 1; --k) std::swap(keys[k - 1], keys[size_t(rng.uniform(int(k)))]);
  if (keys.size() > 3) keys.resize(3);
  // The forms that apply, each with a weight.
  std::vector<std::pair<std::string, int>> forms;
  if (!phrase.empty()) {
    forms.emplace_back("a drawing of " + phrase, 3);
    forms.emplace_back(phrase, 1);
    forms.emplace_back("clip art of " + phrase, 1);
  }
  if (!names.empty()) {
    const std::string& name = names[size_t(rng.uniform(int(names.size())))];
    forms.emplace_back(clipart_category_prompt(name), 2);
    if (!phrase.empty()) forms.emplace_back(phrase + ", clip art of " + name, 2);
  }
  if (!keys.empty()) {
    forms.emplace_back("clip art: " + join(keys, ", "), 1);
    if (!phrase.empty()) forms.emplace_back("a drawing of " + phrase + ": " + join(keys, ", "), 1);
  }
  if (!e.description.empty()) forms.emplace_back(e.description, 1);
  int total = 0;
  for (const auto& f : forms) total += f.second;
  if (total == 0) return "";
  int pick = rng.uniform(total);
  for (const auto& f : forms) {
    if (pick < f.second) return f.first;
    pick -= f.second;
  }
  return forms.back().first;
}

std::string ClipArtSet::title_phrase(size_t i) const {
  const ClipArtEntry& e = entries_.at(i);
  if (e.title.empty()) return "";
  // A flag's title is the place's name ("sweden", "canada alberta"): the drawing is its flag.
  const bool flag = std::any_of(e.folders.begin(), e.folders.end(), [](const std::string& f) { return f.rfind("signs_and_symbols/flags", 0) == 0; });
  if (flag && !contains(e.title, "flag") && !contains(e.title, "banner")) return "the flag of " + e.title;
  return clipart_title_phrase(e.title);
}

Sample ClipArtSet::render(size_t i, uint64_t seed, uint64_t index, int size, bool augment) const {
  if (size < 8) throw Error(ErrorKind::InvalidArgument, "clip art: renders of at least 8 pixels");
  const Image d = drawing(i, size);
  Rng rng(seed ^ 0xC1A9A27ULL, index);
  // The drawing's mean luma over its alpha: the background must stand out from it.
  double sum_l = 0, sum_a = 0;
  for (size_t p = 0; p < d.pixels.size(); p += 4) {
    sum_l += luma(d.pixels[p], d.pixels[p + 1], d.pixels[p + 2]) / 255.0;  // premultiplied: luma times alpha
    sum_a += d.pixels[p + 3] / 255.0;
  }
  const float ink = sum_a > 0 ? float(sum_l / sum_a) : 0.5f;

  const float scale = augment ? rng.uniformf(0.45f, 0.95f) : 0.85f;
  const float fit = scale * float(size) / float(std::max(d.width, d.height));
  const int tw = std::max(1, int(std::lround(float(d.width) * fit))), th = std::max(1, int(std::lround(float(d.height) * fit)));
  const float angle = augment && rng.uniform(4) == 0 ? rng.uniformf(-12.0f, 12.0f) : 0.0f;
  const float cx = augment ? rng.uniformf(float(tw) / 2, std::max(float(tw) / 2, float(size) - float(tw) / 2)) : float(size) / 2;
  const float cy = augment ? rng.uniformf(float(th) / 2, std::max(float(th) / 2, float(size) - float(th) / 2)) : float(size) / 2;
  const bool blur = augment && rng.uniform(12) == 0;

  // Scaled first (area averaging when smaller), then turned and placed by one affine warp.
  cv::Mat src(d.height, d.width, CV_8UC4, const_cast<uint8_t*>(d.pixels.data())), srcf, scaled, placed;
  src.convertTo(srcf, CV_32FC4, 1.0 / 255.0);
  cv::resize(srcf, scaled, cv::Size(tw, th), 0, 0, tw < d.width ? cv::INTER_AREA : cv::INTER_LINEAR);
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(float(tw) / 2, float(th) / 2), angle, 1.0);
  m.at<double>(0, 2) += double(cx) - double(tw) / 2;
  m.at<double>(1, 2) += double(cy) - double(th) / 2;
  cv::warpAffine(scaled, placed, m, cv::Size(size, size), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0, 0));
  if (blur) cv::GaussianBlur(placed, placed, cv::Size(0, 0), 0.9);

  // The background: a solid (white a third of the time), gradient, noise or texture, drawn again
  // (up to five times) while its luma is within 0.25 of the drawing's.
  std::string words;
  cv::Mat bg;
  for (int attempt = 0;; ++attempt) {
    int kind = 0;  // white
    if (augment) {
      const int r = rng.uniform(20);
      kind = r < 3 ? 0 : r < 9 ? 1 + rng.uniform(kNumSolids - 1) : r < 14 ? 100 : r < 17 ? 101 : 102;
    }
    if (attempt == 5) kind = ink < 0.5f ? 0 : 1;  // white or black, whichever stands out
    bg = background(size, kind, rng, words);
    if (!augment || attempt == 5 || std::abs(mean_luma(bg) - ink) >= 0.25f) break;
  }
  Image out{size, size, 3, std::vector<uint8_t>(size_t(size) * size_t(size) * 3)};
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const cv::Vec4f p = placed.at<cv::Vec4f>(y, x);
      const cv::Vec3f b = bg.at<cv::Vec3f>(y, x);
      const float keep = 1.0f - std::clamp(p[3], 0.0f, 1.0f);
      for (int c = 0; c < 3; ++c)
        out.pixels[(size_t(y) * size_t(size) + size_t(x)) * 3 + size_t(c)] = uint8_t(std::lround(255.0f * std::clamp(p[c] + b[c] * keep, 0.0f, 1.0f)));
    }
  std::string text = caption(i, seed, index);
  // The background named in half the captions of a solid, a quarter of the others (never unaugmented).
  if (augment && rng.uniform(4) < (words.find("gradient") == std::string::npos && words.find("textured") == std::string::npos ? 2 : 1))
    text += words;
  return {std::move(out), text};
}

Sample ClipArtSet::sample(uint64_t seed, uint64_t index, int size, size_t* drawing) const {
  if (train_.empty()) throw Error(ErrorKind::NotFound, "clip art: no training drawings under " + root_.string());
  Rng rng(seed ^ 0xC1A95A3ULL, index);
  for (int attempt = 0;; ++attempt) {
    const double u = double(rng.uniformf(0, 1)) * group_weight_.back();
    const size_t g = std::min(size_t(std::upper_bound(group_weight_.begin(), group_weight_.end(), u) - group_weight_.begin()),
                              group_weight_.size() - 1);
    const size_t first = group_start_[g], last = group_start_[g + 1];
    const size_t i = train_[first + size_t(rng.uniform(int(last - first)))];
    if (drawing) *drawing = i;
    try {
      return render(i, seed, index, size, true);
    } catch (const Error& e) {
      // Loaded without the drawings, a PNG with no visible pixels (6 of them) is met only here: another.
      if (e.kind() != ErrorKind::BadFile || attempt == 7) throw;
    }
  }
}

std::vector<ClipArtSet::Category> ClipArtSet::categories(size_t min_drawings) const {
  std::map<std::string, std::vector<size_t>> by_folder;
  for (size_t i = 0; i < entries_.size(); ++i) {
    std::set<std::string> mine;
    for (const auto& f : entries_[i].folders) {
      const auto a = f.find('/');
      if (a == std::string::npos) continue;  // a top-level folder
      const std::string top = f.substr(0, a);
      if (top == "computer" || top == "special" || top == "unsorted") continue;
      mine.insert(f.substr(0, f.find('/', a + 1)));
    }
    for (const auto& c : mine) by_folder[c].push_back(i);
  }
  std::vector<Category> out;
  for (auto& [folder, drawings] : by_folder)
    if (drawings.size() >= min_drawings) out.push_back({folder, clipart_folder_name(folder), std::move(drawings)});
  // Two folders of one name ("recreation/games", "computer/games"): the top level's name first.
  for (auto& c : out)
    for (const auto& o : out)
      if (&c != &o && c.name == clipart_folder_name(o.folder)) c.name = clipart_folder_name(c.folder.substr(0, c.folder.find('/'))) + " " + c.name;
  return out;
}

}  // namespace atelier::train
