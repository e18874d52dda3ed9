// Images as the engine takes them: 8-bit RGB or RGBA, row-major, read with OpenCV.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace atelier {

struct Image {
  int width = 0;
  int height = 0;
  int channels = 3;  // 3: RGB, 4: RGBA (straight alpha)
  std::vector<uint8_t> pixels;
};

// Any image OpenCV reads (PNG, JPEG, WebP, BMP, TIFF; grey, alpha, 16-bit), as RGB or RGBA 8-bit.
// Grey becomes RGB; 16-bit values are scaled to 8 bits. Throws Error naming the file when unreadable.
Image read_image(const std::filesystem::path& file);
// Writes an image (PNG, JPEG, WebP... by the extension), whole or not at all.
void write_image(const std::filesystem::path& file, const Image& image);

}  // namespace atelier
