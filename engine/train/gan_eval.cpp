#include "train/gan_eval.h"

#include "clip/clip.h"
#include "gan/gan.h"
#include "runtime/error.h"
#include "train/gan_trainer.h"

namespace atelier::train {

namespace {

// n real images of the dataset at the generator's size, as RGB (grey repeated), from a seed the
// trainer never uses (held out in the sense that these exact renders were never shown).
std::vector<Image> real_images(const std::string& dataset, int64_t size, int n, uint64_t seed) {
  GanTrainOptions o;
  o.data = dataset;
  o.size = size;
  o.batch = n;
  o.seed = seed;
  o.split = "t10k";
  int64_t channels = 0, s = 0;
  std::vector<float> px = gan_data_batch(o, 0, &channels, &s);
  std::vector<Image> out;
  const int64_t plane = s * s;
  for (int i = 0; i < n; ++i) {
    Image img{int(s), int(s), 3, std::vector<uint8_t>(size_t(plane) * 3)};
    for (int64_t p = 0; p < plane; ++p)
      for (int64_t c = 0; c < 3; ++c) {
        const float v = px[size_t((i * channels + (channels == 1 ? 0 : c)) * plane + p)];
        img.pixels[size_t(p * 3 + c)] = uint8_t(std::lround(std::clamp((v + 1.0f) * 127.5f, 0.0f, 255.0f)));
      }
    out.push_back(std::move(img));
  }
  return out;
}

std::vector<Image> samples(const gan::Gan& g, int n, uint64_t seed) {
  std::vector<gan::Latent> zs;
  for (int i = 0; i < n; ++i) zs.push_back(g.latent(seed * 100003ULL + uint64_t(i)));
  return g.generate(zs);
}

std::vector<std::vector<float>> features(const clip::Clip& clip, const std::vector<Image>& images) {
  std::vector<std::vector<float>> out;
  for (size_t start = 0; start < images.size(); start += 256) {
    std::vector<Image> chunk(images.begin() + long(start), images.begin() + long(std::min(images.size(), start + 256)));
    for (auto& e : clip.encode_images(chunk)) out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

GanQuality eval_gan(const clip::Clip& clip, const gan::Gan& g, std::string dataset, int n, uint64_t seed) {
  if (dataset.empty()) dataset = g.info().dataset;
  if (dataset.empty()) throw Error(ErrorKind::InvalidArgument, "say which data the generator imitates (emoji, shapes or fashion)");
  if (n < 16) throw Error(ErrorKind::InvalidArgument, "a Fréchet distance needs at least 16 images a side");
  GanQuality q;
  q.dataset = dataset;
  q.images = n;
  const int64_t size = g.info().image_size;
  const auto real_a = features(clip, real_images(dataset, size, n, seed));
  const auto real_b = features(clip, real_images(dataset, size, n, seed + 1));
  q.fd_real = gan::frechet_distance(real_a, real_b);
  q.fd_samples = gan::frechet_distance(real_a, features(clip, samples(g, n, seed)));
  const auto untrained = gan::Gan::untrained(size, g.info().channels, g.info().z_dim, 32, seed);
  q.fd_untrained = gan::frechet_distance(real_a, features(clip, samples(untrained, n, seed)));
  return q;
}

}  // namespace atelier::train
