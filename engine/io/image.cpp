#include "io/image.h"

#ifdef ATELIER_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include "runtime/error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace atelier {

#ifndef ATELIER_WITH_OPENCV
Image read_image(const std::filesystem::path& file) {
  throw Error(ErrorKind::Unsupported, "can't read " + file.string() + ": this build has no image codecs (built without OpenCV)");
}
void write_image(const std::filesystem::path& file, const Image&) {
  throw Error(ErrorKind::Unsupported, "can't write " + file.string() + ": this build has no image codecs (built without OpenCV)");
}
#else
Image read_image(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) throw Error(ErrorKind::NotFound, "no such image: " + file.string());
  cv::Mat m;
  try {
    m = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
  } catch (const cv::Exception& e) {
    throw Error(ErrorKind::BadFile, "can't read the image " + file.string() + ": " + e.what());
  }
  if (m.empty()) throw Error(ErrorKind::BadFile, "can't read the image " + file.string() + ": not an image OpenCV knows, or damaged");
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
  img.width = m.cols;
  img.height = m.rows;
  img.pixels.assign(m.data, m.data + size_t(m.total()) * size_t(img.channels));
  if (!m.isContinuous()) throw Error(ErrorKind::Internal, "unexpected non-contiguous image");
  return img;
}

void write_image(const std::filesystem::path& file, const Image& image) {
  if (image.width <= 0 || image.height <= 0 || image.pixels.size() != size_t(image.width) * size_t(image.height) * size_t(image.channels))
    throw Error(ErrorKind::InvalidArgument, "can't write an empty or malformed image");
  cv::Mat m(image.height, image.width, image.channels == 4 ? CV_8UC4 : CV_8UC3, const_cast<uint8_t*>(image.pixels.data()));
  cv::Mat bgr;
  cv::cvtColor(m, bgr, image.channels == 4 ? cv::COLOR_RGBA2BGRA : cv::COLOR_RGB2BGR);
  // Encoded in memory, written beside the target and renamed: no half-written file.
  std::vector<uint8_t> bytes;
  const std::string ext = file.extension().string().empty() ? ".png" : file.extension().string();
  try {
    if (!cv::imencode(ext, bgr, bytes)) throw Error(ErrorKind::InvalidArgument, "can't encode " + file.string());
  } catch (const cv::Exception&) {
    throw Error(ErrorKind::InvalidArgument, "can't write images as " + ext + " (" + file.string() + ")");
  }
  const std::filesystem::path tmp = file.string() + ".partial";
  {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": " + std::strerror(errno));
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    if (std::fclose(f) != 0 || !ok) {
      std::filesystem::remove(tmp);
      throw Error(ErrorKind::InvalidArgument, "writing " + file.string() + " failed (disk full?)");
    }
  }
  std::filesystem::rename(tmp, file);
}
#endif

}  // namespace atelier
