#include "image_convert.h"

#include <algorithm>

namespace atelier {

QImage toQImage(const Image& image) {
  return QImage(image.pixels.data(), image.width, image.height, image.width * image.channels,
                image.channels == 4 ? QImage::Format_RGBA8888 : QImage::Format_RGB888)
      .copy();
}

Image toEngineImage(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  Image out{rgb.width(), rgb.height(), 3, std::vector<uint8_t>(size_t(rgb.width()) * size_t(rgb.height()) * 3)};
  for (int y = 0; y < rgb.height(); ++y)
    std::copy_n(rgb.constScanLine(y), size_t(rgb.width()) * 3, &out.pixels[size_t(y) * size_t(rgb.width()) * 3]);
  return out;
}

}  // namespace atelier
