#include "io/image.h"

#ifdef ATELIER_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#endif

#include "runtime/error.h"

namespace atelier {

#ifndef ATELIER_WITH_OPENCV
Image read_image(const std::filesystem::path& file) {
  throw Error(ErrorKind::Unsupported, "can't read " + file.string() + ": this build has no image codecs (built without OpenCV)");
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

#endif

}  // namespace atelier
