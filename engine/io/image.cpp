#include "io/image.h"

#ifdef ATELIER_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include "runtime/error.h"
#include "runtime/limits.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <memory>

namespace fs = std::filesystem;

namespace atelier {

// ---- headers ------------------------------------------------------------------------------

namespace {

// Reads at offsets of a file, with the file's name in every error.
class Bytes {
 public:
  explicit Bytes(const fs::path& file) : file_(file), f_(std::fopen(file.c_str(), "rb")) {
    if (!f_) throw Error(ErrorKind::NotFound, "can't open the image " + file.string() + ": " + std::strerror(errno));
  }
  ~Bytes() { std::fclose(f_); }
  Bytes(const Bytes&) = delete;
  Bytes& operator=(const Bytes&) = delete;

  // Up to n bytes at offset (fewer at the end of the file).
  std::vector<uint8_t> at(uint64_t offset, size_t n) {
    std::vector<uint8_t> b(n);
    if (fseeko(f_, off_t(offset), SEEK_SET) != 0) return {};
    b.resize(std::fread(b.data(), 1, n, f_));
    return b;
  }
  // Exactly n bytes at offset, or Error(BadFile) saying the header is cut short.
  std::vector<uint8_t> need(uint64_t offset, size_t n, const char* format) {
    std::vector<uint8_t> b = at(offset, n);
    if (b.size() != n) bad(format, "its header is cut short");
    return b;
  }
  [[noreturn]] void bad(const char* format, const std::string& why) const {
    throw Error(ErrorKind::BadFile, "can't read the image " + file_.string() + ": a damaged " + format + " file (" + why + ")");
  }
  // Whether the bytes FF D9 (JPEG's end of image) occur from offset on, read in blocks.
  bool has_jpeg_end(uint64_t offset) {
    if (fseeko(f_, off_t(offset), SEEK_SET) != 0) return false;
    std::vector<uint8_t> block(1 << 16);
    bool ff = false;
    for (size_t n; (n = std::fread(block.data(), 1, block.size(), f_)) > 0;)
      for (size_t i = 0; i < n; ++i) {
        if (ff && block[i] == 0xD9) return true;
        ff = block[i] == 0xFF;
      }
    return false;
  }

 private:
  fs::path file_;
  std::FILE* f_;
};

uint32_t be16(const uint8_t* p) { return uint32_t(p[0]) << 8 | p[1]; }
uint32_t le16(const uint8_t* p) { return uint32_t(p[1]) << 8 | p[0]; }
uint32_t be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
uint32_t le32(const uint8_t* p) { return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0]; }
uint32_t le24(const uint8_t* p) { return uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0]; }

bool starts(const std::vector<uint8_t>& b, const char* magic, size_t n) { return b.size() >= n && std::memcmp(b.data(), magic, n) == 0; }

// JPEG: the markers from SOI to the first SOS; the frame header (SOFn) gives the size. Also
// where the entropy-coded data starts, for the truncation check.
ImageHeader jpeg_header(Bytes& in, uint64_t* scan_start) {
  ImageHeader h{"JPEG", 0, 0};
  uint64_t pos = 2;
  bool have_frame = false;
  for (int segments = 0; segments < 100000; ++segments) {
    std::vector<uint8_t> m = in.need(pos, 2, "JPEG");
    if (m[0] != 0xFF) in.bad("JPEG", "no marker at byte " + std::to_string(pos));
    while (m[1] == 0xFF) m = in.need(++pos, 2, "JPEG");  // fill bytes
    const uint8_t marker = m[1];
    pos += 2;
    if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no length
    if (marker == 0xD9) in.bad("JPEG", "it ends before its first scan");
    const uint32_t length = be16(in.need(pos, 2, "JPEG").data());
    if (length < 2) in.bad("JPEG", "a segment of length " + std::to_string(length));
    const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame && !have_frame) {
      const std::vector<uint8_t> f = in.need(pos + 2, 5, "JPEG");
      h.height = be16(&f[1]);
      h.width = be16(&f[3]);
      have_frame = true;
    }
    pos += length;
    if (marker == 0xDA) {
      if (!have_frame) in.bad("JPEG", "a scan before the frame header");
      *scan_start = pos;
      return h;
    }
  }
  in.bad("JPEG", "too many segments before the first scan");
}

// TIFF (classic, either byte order): ImageWidth (256) and ImageLength (257) of the first IFD.
ImageHeader tiff_header(Bytes& in, bool big_endian) {
  auto u16 = [&](const uint8_t* p) { return big_endian ? be16(p) : le16(p); };
  auto u32 = [&](const uint8_t* p) { return big_endian ? be32(p) : le32(p); };
  ImageHeader h{"TIFF", 0, 0};
  const uint32_t ifd = u32(in.need(4, 4, "TIFF").data());
  const uint32_t count = u16(in.need(ifd, 2, "TIFF").data());
  if (count == 0) in.bad("TIFF", "an empty directory");
  const std::vector<uint8_t> entries = in.need(uint64_t(ifd) + 2, size_t(count) * 12, "TIFF");
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t* e = &entries[size_t(i) * 12];
    const uint32_t tag = u16(e), type = u16(e + 2);
    if (tag != 256 && tag != 257) continue;
    const int64_t v = type == 3 ? int64_t(u16(e + 8)) : type == 4 ? int64_t(u32(e + 8)) : -1;
    if (v < 0) in.bad("TIFF", "an image size of type " + std::to_string(type));
    (tag == 256 ? h.width : h.height) = v;
  }
  return h;
}

// Netpbm (P1-P7) and PFM (PF, Pf): whitespace-separated decimals after the magic, '#' comments;
// PAM (P7): WIDTH and HEIGHT lines up to ENDHDR.
ImageHeader pnm_header(Bytes& in, char kind) {
  ImageHeader h{"PNM", 0, 0};
  const std::vector<uint8_t> b = in.at(0, 4096);
  size_t i = 2;
  auto skip = [&] {
    for (;;) {
      while (i < b.size() && std::isspace(b[i])) ++i;
      if (i < b.size() && b[i] == '#') {
        while (i < b.size() && b[i] != '\n') ++i;
        continue;
      }
      return;
    }
  };
  auto number = [&]() -> int64_t {
    skip();
    int64_t v = 0;
    size_t digits = 0;
    for (; i < b.size() && std::isdigit(b[i]); ++i, ++digits) {
      if (digits >= 10) in.bad("PNM", "a size of more than 10 digits");
      v = v * 10 + (b[i] - '0');
    }
    if (digits == 0) in.bad("PNM", "no size in its header");
    return v;
  };
  auto word = [&] {
    skip();
    std::string w;
    for (; i < b.size() && !std::isspace(b[i]) && w.size() < 16; ++i) w += char(b[i]);
    return w;
  };
  if (kind != '7') {
    h.width = number();
    h.height = number();
    return h;
  }
  for (std::string w; !(w = word()).empty() && w != "ENDHDR";) {
    if (w == "WIDTH") h.width = number();
    else if (w == "HEIGHT") h.height = number();
  }
  return h;
}

// Radiance HDR: header lines up to an empty one, then "-Y rows +X columns" (or another order).
ImageHeader hdr_header(Bytes& in) {
  ImageHeader h{"Radiance HDR", 0, 0};
  const std::vector<uint8_t> b = in.at(0, 1 << 16);
  const std::string text(b.begin(), b.end());
  const size_t blank = text.find("\n\n");
  if (blank == std::string::npos) in.bad("Radiance HDR", "no end to its header in the first 64 KiB");
  char a[3] = {}, c[3] = {};
  long long n1 = 0, n2 = 0;
  if (std::sscanf(text.c_str() + blank + 2, "%2s %10lld %2s %10lld", a, &n1, c, &n2) != 4 || std::strlen(a) != 2 || std::strlen(c) != 2)
    in.bad("Radiance HDR", "no resolution line");
  const bool y_first = a[1] == 'Y';
  h.height = y_first ? n1 : n2;
  h.width = y_first ? n2 : n1;
  return h;
}

}  // namespace

ImageHeader read_image_header(const fs::path& file) {
  Bytes in(file);
  const std::vector<uint8_t> b = in.at(0, 32);
  if (starts(b, "\x89PNG\r\n\x1a\n", 8)) {
    const std::vector<uint8_t> ihdr = in.need(8, 16, "PNG");
    if (std::memcmp(&ihdr[4], "IHDR", 4) != 0) in.bad("PNG", "no IHDR chunk first");
    return {"PNG", be32(&ihdr[8]), be32(&ihdr[12])};
  }
  if (starts(b, "\xFF\xD8", 2)) {
    uint64_t scan = 0;
    return jpeg_header(in, &scan);
  }
  if (starts(b, "GIF87a", 6) || starts(b, "GIF89a", 6)) {
    if (b.size() < 10) in.bad("GIF", "its header is cut short");
    return {"GIF", le16(&b[6]), le16(&b[8])};
  }
  if (starts(b, "BM", 2)) {
    const std::vector<uint8_t> d = in.need(14, 12, "BMP");
    if (le32(&d[0]) == 12) return {"BMP", le16(&d[4]), le16(&d[6])};  // OS/2 BITMAPCOREHEADER
    const int32_t w = int32_t(le32(&d[4])), hh = int32_t(le32(&d[8]));
    return {"BMP", w, hh == INT32_MIN ? int64_t(1) << 31 : std::abs(int64_t(hh))};  // negative: top-down rows
  }
  if (starts(b, "RIFF", 4) && b.size() >= 16 && std::memcmp(&b[8], "WEBP", 4) == 0) {
    const std::vector<uint8_t> w = in.need(0, 30, "WebP");
    if (std::memcmp(&w[12], "VP8X", 4) == 0) return {"WebP", int64_t(le24(&w[24])) + 1, int64_t(le24(&w[27])) + 1};
    if (std::memcmp(&w[12], "VP8L", 4) == 0) {
      if (w[20] != 0x2F) in.bad("WebP", "no lossless signature");
      const uint32_t bits = le32(&w[21]);
      return {"WebP", int64_t(bits & 0x3FFF) + 1, int64_t((bits >> 14) & 0x3FFF) + 1};
    }
    if (std::memcmp(&w[12], "VP8 ", 4) == 0) {
      if (w[23] != 0x9D || w[24] != 0x01 || w[25] != 0x2A) in.bad("WebP", "no VP8 start code");
      return {"WebP", le16(&w[26]) & 0x3FFF, le16(&w[28]) & 0x3FFF};
    }
    in.bad("WebP", "an unknown first chunk");
  }
  if (starts(b, "II*\0", 4)) return tiff_header(in, false);
  if (starts(b, "MM\0*", 4)) return tiff_header(in, true);
  if (b.size() >= 3 && b[0] == 'P' && ((b[1] >= '1' && b[1] <= '7') || b[1] == 'F' || b[1] == 'f') && std::isspace(b[2]))
    return pnm_header(in, char(b[1]));
  if (starts(b, "\x59\xA6\x6A\x95", 4)) {
    if (b.size() < 12) in.bad("Sun raster", "its header is cut short");
    return {"Sun raster", be32(&b[4]), be32(&b[8])};
  }
  if (starts(b, "#?RADIANCE", 10) || starts(b, "#?RGBE", 6)) return hdr_header(in);
  return {};
}

void check_image_size(int64_t width, int64_t height, const std::string& what) {
  const std::string size = std::to_string(width) + " x " + std::to_string(height) + " pixels";
  if (width <= 0 || height <= 0) throw Error(ErrorKind::BadFile, what + ": a size of " + size);
  if (width > limits::kMaxImageSide || height > limits::kMaxImageSide)
    throw Error(ErrorKind::InvalidArgument, what + " is " + size + ": a side may be at most " + std::to_string(limits::kMaxImageSide) + " pixels");
  const int64_t longer = std::max(width, height), shorter = std::min(width, height);
  if (longer > shorter * limits::kMaxAspect)
    throw Error(ErrorKind::InvalidArgument, what + " is " + size + ": its aspect ratio (" + std::to_string(longer / shorter) +
                                                ":1) is over the limit of " + std::to_string(limits::kMaxAspect) + ":1");
  if (uint64_t(width) * uint64_t(height) > limits::kMaxImagePixels) {
    char mp[64];
    std::snprintf(mp, sizeof mp, "%.1f megapixels", double(width) * double(height) / 1e6);
    throw Error(ErrorKind::InvalidArgument, what + " is " + size + " (" + mp + "): images may have at most " +
                                                std::to_string(limits::kMaxImagePixels) + " pixels (" +
                                                std::to_string(limits::kMaxImagePixels >> 20) + " Mi, e.g. 8192 x 8192)");
  }
}

// ---- decoding and encoding ----------------------------------------------------------------

#ifndef ATELIER_WITH_OPENCV
Image read_image(const fs::path& file) {
  throw Error(ErrorKind::Unsupported, "can't read " + file.string() + ": this build has no image codecs (built without OpenCV)");
}
void write_image(const fs::path& file, const Image&) {
  throw Error(ErrorKind::Unsupported, "can't write " + file.string() + ": this build has no image codecs (built without OpenCV)");
}
Image resize_image(const Image&, int, int) {
  throw Error(ErrorKind::Unsupported, "this build can't resize images (built without OpenCV)");
}
void check_image_output(const fs::path& file) {
  throw Error(ErrorKind::Unsupported, "can't write " + file.string() + ": this build has no image codecs (built without OpenCV)");
}
#else

namespace {
std::string extension_of(const fs::path& file) {
  std::string ext = file.extension().string();
  for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext.empty() ? ".png" : ext;
}
}  // namespace

Image read_image(const fs::path& file) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) throw Error(ErrorKind::NotFound, "no such image: " + file.string());
  // Measured before anything is decoded: a 1 KB PNG may claim 999999 x 1 pixels.
  ImageHeader header;
  {
    Bytes in(file);
    header = read_image_header(file);
    if (header.format.empty())
      throw Error(ErrorKind::BadFile, "can't read the image " + file.string() +
                                          ": not a PNG, JPEG, WebP, BMP, TIFF, PNM, Sun raster or Radiance HDR file (or damaged)");
    check_image_size(header.width, header.height, "the image " + file.string());
    if (header.format == "PNG") {
      // Every chunk within the file: libpng allocates what a chunk declares (a 126-byte PNG
      // whose text chunk claims 2 GB made it allocate and touch 2 GB).
      std::error_code size_ec;
      const uint64_t size = fs::file_size(file, size_ec);
      for (uint64_t pos = 8; pos + 12 <= size;) {
        const std::vector<uint8_t> chunk = in.need(pos, 8, "PNG");
        const uint64_t length = be32(chunk.data());
        if (length > size - pos - 12) in.bad("PNG", "a chunk of " + std::to_string(length) + " bytes in a file of " + std::to_string(size));
        if (std::memcmp(&chunk[4], "IEND", 4) == 0) break;
        pos += 12 + length;
      }
    }
    if (header.format == "JPEG") {
      uint64_t scan = 0;
      jpeg_header(in, &scan);
      if (!in.has_jpeg_end(scan))
        throw Error(ErrorKind::BadFile, "can't read the image " + file.string() + ": the JPEG is truncated (its data ends before the end-of-image marker)");
    }
  }
  cv::Mat m;
  try {
    m = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    throw Error(ErrorKind::BadFile, "can't read the image " + file.string() + ": " + e.what());
  }
  if (m.empty()) throw Error(ErrorKind::BadFile, "can't read the image " + file.string() + ": a damaged " + header.format + " file, or one OpenCV can't decode");
  check_image_size(m.cols, m.rows, "the image " + file.string());  // the decoder's own idea of the size, too
  if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257.0);
  else if (m.depth() == CV_32F) m.convertTo(m, CV_8U, 255.0);
  else if (m.depth() != CV_8U) m.convertTo(m, CV_8U);
  Image img;
  switch (m.channels()) {
    case 1: cv::cvtColor(m, m, cv::COLOR_GRAY2RGB); img.channels = 3; break;
    case 3: cv::cvtColor(m, m, cv::COLOR_BGR2RGB); img.channels = 3; break;
    case 4: cv::cvtColor(m, m, cv::COLOR_BGRA2RGBA); img.channels = 4; break;
    default: throw Error(ErrorKind::Unsupported, file.string() + " has " + std::to_string(m.channels()) + " channels");
  }
  if (!m.isContinuous()) m = m.clone();
  img.width = m.cols;
  img.height = m.rows;
  img.pixels.assign(m.data, m.data + size_t(m.cols) * size_t(m.rows) * size_t(img.channels));
  return img;
}

Image resize_image(const Image& image, int width, int height) {
  if (image.width <= 0 || image.height <= 0 || (image.channels != 3 && image.channels != 4) ||
      image.pixels.size() != size_t(image.width) * size_t(image.height) * size_t(image.channels))
    throw Error(ErrorKind::InvalidArgument, "can't resize an empty or malformed image");
  check_image_size(width, height, "a resized image");
  const int type = image.channels == 4 ? CV_8UC4 : CV_8UC3;
  const cv::Mat m(image.height, image.width, type, const_cast<uint8_t*>(image.pixels.data()));
  Image out{width, height, image.channels, std::vector<uint8_t>(size_t(width) * size_t(height) * size_t(image.channels))};
  cv::Mat r(height, width, type, out.pixels.data());
  const bool smaller = uint64_t(width) * uint64_t(height) < uint64_t(image.width) * uint64_t(image.height);
  cv::resize(m, r, r.size(), 0, 0, smaller ? cv::INTER_AREA : cv::INTER_LINEAR);
  return out;
}

void check_image_output(const fs::path& file) {
  const std::string ext = extension_of(file);
  bool known = false;
  try {
    known = cv::haveImageWriter("x" + ext);
  } catch (const cv::Exception&) {
  }
  if (!known) throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": OpenCV writes no " + ext + " images here (use .png, .jpg, .webp, .bmp or .tif)");
  check_output_folder(file);
}

void write_image(const fs::path& file, const Image& image) {
  if (image.width <= 0 || image.height <= 0 || image.pixels.size() != size_t(image.width) * size_t(image.height) * size_t(image.channels))
    throw Error(ErrorKind::InvalidArgument, "can't write an empty or malformed image");
  cv::Mat m(image.height, image.width, image.channels == 4 ? CV_8UC4 : CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat bgr;
  cv::cvtColor(m, bgr, image.channels == 4 ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
  // Encoded in memory, written beside the target and renamed: no half-written file.
  std::vector<uint8_t> bytes;
  const std::string ext = extension_of(file);
  try {
    if (!cv::imencode(ext, bgr, bytes)) throw Error(ErrorKind::InvalidArgument, "can't encode " + file.string());
  } catch (const cv::Exception&) {
    throw Error(ErrorKind::InvalidArgument, "can't write images as " + ext + " (" + file.string() + ")");
  }
  bgr.release();
  write_file_whole(file, bytes.data(), bytes.size());
}
#endif

}  // namespace atelier
