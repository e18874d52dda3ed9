// What the index shares with its callers: which files are images, how they are read (a GIF's
// first frame with giflib), the model's key and the database's default place, and what a
// database holds.
#include <gif_lib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <memory>

#include "library/detail/sqlite.h"
#include "library/index.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace fs = std::filesystem;

namespace atelier::library {

namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// FNV-1a, 64 bits: stable across builds and platforms (std::hash is neither promised).
uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// giflib's words for an error code; it has none (a null pointer) for some codes.
std::string gif_error(int code) {
  const char* text = GifErrorString(code);
  return text ? text : "giflib error " + std::to_string(code);
}

// The first frame of a GIF, composed on white where it is transparent or smaller than the screen.
// Only that frame is decoded: an animation of a thousand frames costs no more than one.
Image read_gif(const fs::path& file) {
  const ImageHeader header = read_image_header(file);
  check_image_size(header.width, header.height, "the image " + file.string());
  int err = 0;
  std::unique_ptr<GifFileType, void (*)(GifFileType*)> gif(DGifOpenFileName(file.c_str(), &err), [](GifFileType* g) {
    int e = 0;
    DGifCloseFile(g, &e);
  });
  auto bad = [&](const std::string& why) -> Error {
    return Error(ErrorKind::BadFile, "can't read the image " + file.string() + ": " + why);
  };
  if (!gif) throw bad(std::string("not a readable GIF (") + gif_error(err) + ")");
  const int sw = gif->SWidth, sh = gif->SHeight;
  check_image_size(sw, sh, "the image " + file.string());
  Image out{sw, sh, 3, std::vector<uint8_t>(size_t(sw) * size_t(sh) * 3, 255)};
  int transparent = -1;
  for (;;) {
    GifRecordType type = UNDEFINED_RECORD_TYPE;
    if (DGifGetRecordType(gif.get(), &type) != GIF_OK) throw bad(std::string("a damaged GIF (") + gif_error(gif->Error) + ")");
    if (type == TERMINATE_RECORD_TYPE) throw bad("a GIF with no image in it");
    if (type == EXTENSION_RECORD_TYPE) {
      int code = 0;
      GifByteType* ext = nullptr;
      if (DGifGetExtension(gif.get(), &code, &ext) != GIF_OK) throw bad("a damaged GIF extension");
      if (code == GRAPHICS_EXT_FUNC_CODE && ext) {
        GraphicsControlBlock gcb{};
        if (DGifExtensionToGCB(ext[0], ext + 1, &gcb) == GIF_OK) transparent = gcb.TransparentColor;
      }
      while (ext)
        if (DGifGetExtensionNext(gif.get(), &ext) != GIF_OK) throw bad("a damaged GIF extension");
      continue;
    }
    if (type != IMAGE_DESC_RECORD_TYPE) continue;
    if (DGifGetImageDesc(gif.get()) != GIF_OK) throw bad("a damaged GIF frame");
    const GifImageDesc& d = gif->Image;
    if (d.Left < 0 || d.Top < 0 || d.Width <= 0 || d.Height <= 0 || d.Left + d.Width > sw || d.Top + d.Height > sh)
      throw bad("its first frame lies outside the picture");
    const ColorMapObject* map = d.ColorMap ? d.ColorMap : gif->SColorMap;
    if (!map) throw bad("a GIF with no colour table");
    std::vector<GifPixelType> line(size_t(d.Width));
    auto put = [&](int y) {
      uint8_t* row = out.pixels.data() + (size_t(d.Top + y) * size_t(sw) + size_t(d.Left)) * 3;
      for (int x = 0; x < d.Width; ++x) {
        const int i = line[size_t(x)];
        if (i == transparent || i >= map->ColorCount) continue;
        row[3 * x] = map->Colors[i].Red, row[3 * x + 1] = map->Colors[i].Green, row[3 * x + 2] = map->Colors[i].Blue;
      }
    };
    auto read_line = [&](int y) {
      if (DGifGetLine(gif.get(), line.data(), d.Width) != GIF_OK) throw bad("the GIF's data ends early or is damaged");
      put(y);
    };
    if (d.Interlace) {
      static constexpr int kStart[] = {0, 4, 2, 1}, kStep[] = {8, 8, 4, 2};
      for (int pass = 0; pass < 4; ++pass)
        for (int y = kStart[pass]; y < d.Height; y += kStep[pass]) read_line(y);
    } else {
      for (int y = 0; y < d.Height; ++y) read_line(y);
    }
    return out;
  }
}

}  // namespace

const std::vector<std::string>& image_extensions() {
  static const std::vector<std::string> kExtensions = {".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif"};
  return kExtensions;
}

bool is_image_file(const fs::path& file) {
  const std::string ext = lower(file.extension().string());
  const auto& all = image_extensions();
  return std::find(all.begin(), all.end(), ext) != all.end();
}

Image read_library_image(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw Error(ErrorKind::NotFound, "no such image: " + file.string());
  // By the bytes, not the name: a PNG saved as .gif is read as the PNG it is.
  if (read_image_header(file).format == "GIF") return read_gif(file);
  return read_image(file);
}

std::string model_key(const fs::path& checkpoint) {
  std::error_code ec;
  fs::path abs = fs::absolute(checkpoint, ec).lexically_normal();
  if (ec) abs = checkpoint;
  std::string name = abs.filename().empty() ? abs.parent_path().filename().string() : abs.filename().string();
  if (!fs::is_directory(abs, ec)) name = fs::path(name).stem().string();
  std::string safe;
  for (char c : name) safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
  if (safe.empty()) safe = "clip";
  if (safe.size() > 64) safe.resize(64);
  char hex[16];
  std::snprintf(hex, sizeof hex, "%08x", unsigned(fnv1a(abs.string()) & 0xffffffffu));
  return safe + "-" + hex;
}

fs::path default_db_path(const std::string& key) { return user_data_dir() / "library" / (key + ".sqlite"); }

std::vector<IndexedModel> indexed_models(const fs::path& db) {
  detail::Database d(db, detail::Database::Mode::Existing);
  auto s = d.prepare(
      "SELECT m.key, m.checkpoint, m.dim, (SELECT COUNT(*) FROM embeddings e WHERE e.model = m.key) FROM models m ORDER BY m.key");
  std::vector<IndexedModel> out;
  while (s.step()) out.push_back({s.text(0), fs::path(s.text(1)), s.int64(2), s.int64(3)});
  return out;
}

}  // namespace atelier::library
