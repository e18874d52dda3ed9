// Emoji of fonts-noto-color-emoji, rendered in colour with FreeType and named from unicode-data's
// emoji-test.txt. Only single-code-point emoji (with or without VS16): ZWJ sequences, flags,
// keycaps and skin-tone variants need shaping and are left out.
#include <ft2build.h>
#include FT_FREETYPE_H

#include <opencv2/imgproc.hpp>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/error.h"
#include "runtime/parse.h"
#include "train/datasets.h"
#include "train/detail/rng.h"

namespace atelier::train {

namespace {

struct Background {
  const char* name;
  int r, g, b;
};
const Background kBackgrounds[] = {{"white", 255, 255, 255}, {"black", 0, 0, 0},       {"grey", 128, 128, 128},
                                   {"blue", 40, 80, 200},    {"yellow", 240, 220, 40}, {"green", 40, 160, 60},
                                   {"pink", 250, 150, 200}};

std::vector<EmojiEntry> read_names(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::BadFile, "the emoji names " + path + " are not a regular file (a folder, pipe or device)");
  std::ifstream in(path);
  if (!in)
    throw Error(ErrorKind::NotFound, "can't read the emoji names " + path + ": install the Debian package unicode-data");
  std::vector<EmojiEntry> out;
  std::string line, group, subgroup;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("# group: ", 0) == 0) group = line.substr(9);
    if (line.rfind("# subgroup: ", 0) == 0) subgroup = line.substr(12);
    if (line.empty() || line[0] == '#') continue;
    auto semi = line.find(';'), hash = line.find('#');
    if (semi == std::string::npos || hash == std::string::npos) continue;
    if (line.find("fully-qualified", semi) == std::string::npos || line.find("minimally") != std::string::npos) continue;
    std::istringstream cps(line.substr(0, semi));
    std::vector<char32_t> codes;
    std::string hex;
    while (cps >> hex) {
      // Hexadecimal code points, checked whole (from_chars: no exceptions, no locale).
      uint32_t code = 0;
      auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
      if (ec != std::errc() || end != hex.data() + hex.size() || code > 0x10FFFF)
        throw Error(ErrorKind::BadFile, path + ", line " + std::to_string(number) + ": '" + shown(hex) +
                                            "' is not a code point (hexadecimal, at most 10FFFF)");
      codes.push_back(char32_t(code));
    }
    if (codes.empty() || codes.size() > 2 || (codes.size() == 2 && codes[1] != 0xFE0F)) continue;
    // "# 😀 E1.0 grinning face": the name follows the version.
    auto ver = line.find(" E", hash);
    if (ver == std::string::npos) continue;
    auto name_at = line.find(' ', ver + 2);
    if (name_at == std::string::npos) continue;
    std::string name = line.substr(name_at + 1);
    if (name.find("skin tone") != std::string::npos) continue;
    out.push_back({name, group, subgroup, codes[0]});
  }
  if (out.empty()) throw Error(ErrorKind::BadFile, path + " lists no emoji: is it unicode-data's emoji-test.txt?");
  return out;
}

}  // namespace

const std::vector<std::string>& mini_clip_templates() {
  static const std::vector<std::string> t = {"a {}", "an emoji of a {}", "a picture of a {}", "{} emoji", "a {} shape"};
  return t;
}

std::string with_article(const std::string& word) {
  return (!word.empty() && std::string("aeiouAEIOU").find(word[0]) != std::string::npos ? "an " : "a ") + word;
}

std::shared_ptr<EmojiSet> EmojiSet::load(const std::string& font, const std::string& names) {
  auto set = std::make_shared<EmojiSet>();
  auto entries = read_names(names);
  FT_Library lib = nullptr;
  if (FT_Init_FreeType(&lib)) throw Error(ErrorKind::Internal, "FreeType failed to start");
  FT_Face face = nullptr;
  if (FT_New_Face(lib, font.c_str(), 0, &face)) {
    FT_Done_FreeType(lib);
    throw Error(ErrorKind::NotFound, "can't open the emoji font " + font + ": install the Debian package fonts-noto-color-emoji");
  }
  if (face->num_fixed_sizes > 0) FT_Select_Size(face, 0);  // a bitmap (CBDT) font: its one strike
  for (const auto& e : entries) {
    FT_UInt glyph = FT_Get_Char_Index(face, FT_ULong(e.code));
    if (!glyph || FT_Load_Glyph(face, glyph, FT_LOAD_COLOR)) continue;
    if (face->glyph->format != FT_GLYPH_FORMAT_BITMAP && FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL)) continue;
    const FT_Bitmap& bm = face->glyph->bitmap;
    if (bm.pixel_mode != FT_PIXEL_MODE_BGRA || bm.width == 0 || bm.rows == 0) continue;
    Image img{int(bm.width), int(bm.rows), 4, std::vector<uint8_t>(size_t(bm.width) * bm.rows * 4)};
    for (unsigned y = 0; y < bm.rows; ++y)
      for (unsigned x = 0; x < bm.width; ++x) {
        const uint8_t* s = bm.buffer + y * unsigned(bm.pitch) + x * 4;  // premultiplied BGRA
        uint8_t* d = &img.pixels[(size_t(y) * bm.width + x) * 4];
        d[0] = s[2];
        d[1] = s[1];
        d[2] = s[0];
        d[3] = s[3];
      }
    set->entries_.push_back(e);
    set->glyphs_.push_back(std::move(img));
  }
  FT_Done_Face(face);
  FT_Done_FreeType(lib);
  if (set->entries_.empty()) throw Error(ErrorKind::BadFile, font + " rendered no colour emoji");
  return set;
}

Sample EmojiSet::render(size_t i, uint64_t seed, uint64_t index, int size, bool augment) const {
  Rng rng(seed, index);
  const Image& g = glyphs_.at(i);
  const int bg = augment && rng.uniform(10) >= 6 ? 1 + rng.uniform(6) : 0;
  const float scale = augment ? rng.uniformf(0.6f, 0.95f) : 0.85f;
  const float angle = augment ? rng.uniformf(-15.0f, 15.0f) : 0.0f;
  const float dx = augment ? rng.uniformf(-0.08f, 0.08f) * float(size) : 0.0f;
  const float dy = augment ? rng.uniformf(-0.08f, 0.08f) * float(size) : 0.0f;
  const bool blur = augment && rng.uniform(12) == 0;

  // The glyph (premultiplied RGBA) placed by one affine warp into a float canvas, then over the background.
  cv::Mat src(g.height, g.width, CV_8UC4, const_cast<uint8_t*>(g.pixels.data()));
  cv::Mat srcf;
  src.convertTo(srcf, CV_32FC4, 1.0 / 255.0);
  const float fit = scale * float(size) / float(std::max(g.width, g.height));
  cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(float(g.width) / 2, float(g.height) / 2), angle, fit);
  m.at<double>(0, 2) += float(size) / 2 - float(g.width) / 2 + dx;
  m.at<double>(1, 2) += float(size) / 2 - float(g.height) / 2 + dy;
  cv::Mat placed;
  cv::warpAffine(srcf, placed, m, cv::Size(size, size), cv::INTER_AREA, cv::BORDER_CONSTANT, cv::Scalar(0, 0, 0, 0));
  if (blur) cv::GaussianBlur(placed, placed, cv::Size(0, 0), 1.2);
  const auto& b = kBackgrounds[bg];
  Image out{size, size, 3, std::vector<uint8_t>(size_t(size) * size_t(size) * 3)};
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const cv::Vec4f p = placed.at<cv::Vec4f>(y, x);
      const float keep = 1.0f - std::clamp(p[3], 0.0f, 1.0f);
      const float bgc[3] = {float(b.r) / 255, float(b.g) / 255, float(b.b) / 255};
      for (int c = 0; c < 3; ++c)
        out.pixels[(size_t(y) * size_t(size) + size_t(x)) * 3 + size_t(c)] =
            uint8_t(std::lround(255.0f * std::clamp(p[c] + bgc[c] * keep, 0.0f, 1.0f)));
    }

  const EmojiEntry& e = entries_[i];
  std::string caption;
  switch (augment ? rng.uniform(5) : 0) {
    case 0: caption = "an emoji of " + with_article(e.name); break;
    case 1: caption = e.name; break;
    case 2: caption = with_article(e.name) + " emoji"; break;
    case 3: caption = "a picture of " + with_article(e.name); break;
    default: caption = with_article(e.name) + ", " + with_article(e.subgroup) + " emoji"; break;
  }
  if (blur) caption = "a blurry picture of " + with_article(e.name);
  if (bg != 0) caption += std::string(" on a ") + b.name + " background";
  return {std::move(out), caption};
}

Sample EmojiSet::sample(uint64_t seed, uint64_t index, int size) const {
  Rng rng(seed ^ 0xE0E0E0E0ULL, index);
  return render(size_t(rng.uniform(int(entries_.size()))), seed, index, size, true);
}

}  // namespace atelier::train
