// Images as the engine takes them: 8-bit RGB or RGBA, row-major, read with OpenCV. Every image is
// measured from its header before it is decoded, and refused beyond the limits of runtime/limits.h.
// Also what every writer of output files shares: checks before a run, and errors that say why.
#pragma once
#include "io/output_file.h"
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace atelier {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 3;  // 3: RGB, 4: RGBA (straight alpha)
  std::vector<uint8_t> pixels;
};

// What an image file's header says, read without decoding it (a few bytes; JPEG: its markers up
// to the first scan). format is "PNG", "JPEG", "GIF", "BMP", "WebP", "TIFF", "PNM", "Sun raster"
// or "Radiance HDR"; empty when the file is none of those. Throws Error(BadFile) when a header
// of a known format is damaged.
struct ImageHeader {
  std::string format;
  int64_t width = 0, height = 0;
};
ImageHeader read_image_header(const std::filesystem::path& file);

// Throws Error(InvalidArgument) naming `what`, the size and the limit when width x height is over
// limits::kMaxImagePixels, a side over limits::kMaxImageSide, or the aspect ratio over
// limits::kMaxAspect; Error(BadFile) when a side is not positive.
void check_image_size(int64_t width, int64_t height, const std::string& what);

// The formats read_image takes (PNG, JPEG, WebP, BMP, TIFF, PNM, Sun raster, Radiance HDR; grey,
// alpha, 16-bit), as RGB or RGBA 8-bit: measured from the header first (check_image_size), a
// truncated JPEG refused. Grey becomes RGB; 16-bit values are scaled to 8 bits. Throws Error
// naming the file when unreadable or too large.
Image read_image(const std::filesystem::path& file);
// The image at width x height (area averaging when smaller, bilinear when larger).
Image resize_image(const Image& image, int width, int height);
// Writes an image (PNG, JPEG, WebP... by the extension), whole or not at all: encoded in memory,
// written to "file.partial" and renamed; the .partial is removed on every failure.
void write_image(const std::filesystem::path& file, const Image& image);

// ---- output files -------------------------------------------------------------------------

// check_output_folder, and the extension is one write_image can encode (none: PNG).
void check_image_output(const std::filesystem::path& file);


}  // namespace atelier
