// Fashion-MNIST's IDX files (big-endian header, then bytes), read through zlib, which reads
// the gzip'd files Debian ships and plain ones alike.
#include <zlib.h>

#include <cstring>

#include "runtime/error.h"
#include "train/datasets.h"

namespace atelier::train {

namespace {

std::vector<uint8_t> read_gz(const std::string& path) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f)
    throw Error(ErrorKind::NotFound, "can't read " + path + ": install the Debian package dataset-fashion-mnist");
  std::vector<uint8_t> data;
  uint8_t buf[1 << 16];
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) data.insert(data.end(), buf, buf + n);
  int err = 0;
  const std::string msg = n < 0 ? gzerror(f, &err) : "";
  gzclose(f);
  if (n < 0) throw Error(ErrorKind::BadFile, path + ": " + msg);
  return data;
}

uint32_t be32(const std::vector<uint8_t>& d, size_t at) {
  return uint32_t(d[at]) << 24 | uint32_t(d[at + 1]) << 16 | uint32_t(d[at + 2]) << 8 | uint32_t(d[at + 3]);
}

}  // namespace

std::shared_ptr<FashionMnist> FashionMnist::load(const std::string& split, const std::string& dir) {
  if (split != "train" && split != "t10k") throw Error(ErrorKind::InvalidArgument, "Fashion-MNIST splits are train and t10k");
  const std::string ip = dir + "/" + split + "-images-idx3-ubyte.gz", lp = dir + "/" + split + "-labels-idx1-ubyte.gz";
  const auto images = read_gz(ip), labels = read_gz(lp);
  if (images.size() < 16 || be32(images, 0) != 0x803 || be32(images, 8) != 28 || be32(images, 12) != 28)
    throw Error(ErrorKind::BadFile, ip + " is not an IDX file of 28x28 images");
  if (labels.size() < 8 || be32(labels, 0) != 0x801) throw Error(ErrorKind::BadFile, lp + " is not an IDX label file");
  const size_t n = be32(images, 4);
  if (be32(labels, 4) != n || images.size() != 16 + n * 784 || labels.size() != 8 + n)
    throw Error(ErrorKind::BadFile, dir + ": the image and label files of " + split + " disagree on their length");
  auto set = std::shared_ptr<FashionMnist>(new FashionMnist);
  set->pixels_.assign(images.begin() + 16, images.end());
  for (size_t i = 0; i < n; ++i) {
    if (labels[8 + i] > 9) throw Error(ErrorKind::BadFile, lp + ": a label out of range");
    set->labels_.push_back(labels[8 + i]);
  }
  return set;
}

const std::vector<std::string>& FashionMnist::class_names() {
  static const std::vector<std::string> names = {"T-shirt/top", "trouser", "pullover", "dress", "coat",
                                                 "sandal",      "shirt",   "sneaker",  "bag",   "ankle boot"};
  return names;
}

}  // namespace atelier::train
