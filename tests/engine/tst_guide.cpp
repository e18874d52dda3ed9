// The guidance loop with a GAN (CLIP + GAN): reproducible from its seed, pause holds the step,
// stop ends within a step, a prompt edited mid-run is used from the next step, and a negative
// prompt lowers that prompt's similarity. On the shipped mini-CLIP and gan-fashion. The
// constraints (issue 21) on the shipped mini-VQGAN, and prompt schedules.
#include <QTest>

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <chrono>
#include <cmath>
#include <thread>

#include "clip/clip.h"
#include "clip/detail/clip_impl.h"
#include "common/errors.h"
#include "guide/constraints.h"
#include "guide/detail/augment.h"
#include "guide/prompts.h"
#include "guide/schedule.h"
#include "gan/biggan.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "runtime/job.h"
#include "runtime/model_paths.h"
#include "vqgan/vqgan.h"

using namespace atelier;
using namespace std::chrono_literals;

namespace {

// The constraints' statistics (guide/constraints.h), measured here on the 8-bit result image,
// independently of the engine's tensors.
double pixel(const Image& im, int x, int y, int c) {
  return im.pixels[(size_t(y) * size_t(im.width) + size_t(x)) * 3 + size_t(c)] / 255.0;
}

double symmetryError(const Image& im, bool vertical) {
  double s = 0;
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x)
      for (int c = 0; c < 3; ++c) {
        const double d = pixel(im, x, y, c) - (vertical ? pixel(im, x, im.height - 1 - y, c) : pixel(im, im.width - 1 - x, y, c));
        s += d * d;
      }
  return s / (double(im.width) * im.height * 3);
}

double totalVariation(const Image& im) {
  double h = 0, v = 0;
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x)
      for (int c = 0; c < 3; ++c) {
        if (x + 1 < im.width) h += std::abs(pixel(im, x + 1, y, c) - pixel(im, x, y, c));
        if (y + 1 < im.height) v += std::abs(pixel(im, x, y + 1, c) - pixel(im, x, y, c));
      }
  return h / (double(im.width - 1) * im.height * 3) + v / (double(im.width) * (im.height - 1) * 3);
}

double meanChroma(const Image& im) {
  double s = 0;
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x) {
      const double r = pixel(im, x, y, 0), g = pixel(im, x, y, 1), b = pixel(im, x, y, 2);
      s += std::max({r, g, b}) - std::min({r, g, b});
    }
  return s / (double(im.width) * im.height);
}

double squaredDistance(const Image& im, int x, int y, const guide::Colour& c) {
  const double d[3] = {pixel(im, x, y, 0) - c.r / 255.0, pixel(im, x, y, 1) - c.g / 255.0, pixel(im, x, y, 2) - c.b / 255.0};
  return d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
}

double paletteDistance(const Image& im, const std::vector<guide::Colour>& palette) {
  double s = 0;
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x) {
      double nearest = 3;
      for (const auto& c : palette) nearest = std::min(nearest, squaredDistance(im, x, y, c));
      s += nearest;
    }
  return s / (double(im.width) * im.height);
}

double borderDistance(const Image& im, const guide::Colour& colour) {
  const int bh = std::max(1, int(std::lround(0.04 * im.height))), bw = std::max(1, int(std::lround(0.04 * im.width)));
  double s = 0;
  int n = 0;
  for (int y = 0; y < im.height; ++y)
    for (int x = 0; x < im.width; ++x)
      if (y < bh || y >= im.height - bh || x < bw || x >= im.width - bw) s += squaredDistance(im, x, y, colour), ++n;
  return s / n;
}

double seamDifference(const Image& im) {
  double columns = 0, rows = 0;
  for (int c = 0; c < 3; ++c) {
    for (int y = 0; y < im.height; ++y) columns += std::pow(pixel(im, 0, y, c) - pixel(im, im.width - 1, y, c), 2);
    for (int x = 0; x < im.width; ++x) rows += std::pow(pixel(im, x, 0, c) - pixel(im, x, im.height - 1, c), 2);
  }
  return (columns / (im.height * 3.0) + rows / (im.width * 3.0)) / 2;
}

// The names in a progress report that start with the term prefix, without it.
std::vector<std::string> termNames(const Progress& p) {
  std::vector<std::string> out;
  for (const auto& [name, value] : p.losses)
    if (name.rfind(guide::kTermPrefix, 0) == 0) out.push_back(name.substr(guide::kTermPrefix.size()));
  return out;
}

// The prompts' names in a report: those after "loss" that are neither terms nor the keyframe.
std::vector<std::string> promptNames(const Progress& p) {
  std::vector<std::string> out;
  for (size_t i = 1; i < p.losses.size(); ++i) {
    const std::string& name = p.losses[i].first;
    if (name.rfind(guide::kTermPrefix, 0) != 0 && name != guide::kKeyframeName) out.push_back(name);
  }
  return out;
}

}  // namespace

class TestGuide : public QObject {
  Q_OBJECT
  std::unique_ptr<clip::Clip> m_clip;
  std::unique_ptr<gan::Gan> m_gan;
  std::unique_ptr<vqgan::Vqgan> m_vqgan;  // the shipped mini-VQGAN

  guide::GuideOptions small() const {
    guide::GuideOptions o;
    o.prompts = "a red circle";
    o.steps = 12;
    o.cutn = 4;
    o.lr = 0.05;
    o.seed = 3;
    return o;
  }

 private Q_SLOTS:
  void initTestCase() {
    at::set_num_threads(2);
    m_clip = std::make_unique<clip::Clip>(clip::Clip::load(find_default_clip()));
    m_gan = std::make_unique<gan::Gan>(gan::Gan::load(std::string(ATELIER_SOURCE_DIR) + "/resources/models/gan-fashion"));
    const auto [ckpt, yaml] = vqgan::find_vqgan();
    QVERIFY2(!ckpt.empty(), "the shipped mini-VQGAN is missing");
    m_vqgan = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(ckpt, yaml));
  }

  void sameSeedSameImage() {
    const auto a = guide::run_gan_guidance(*m_clip, *m_gan, small(), nullptr);
    const auto b = guide::run_gan_guidance(*m_clip, *m_gan, small(), nullptr);
    QCOMPARE(a.steps, int64_t(12));
    QVERIFY(a.image.pixels == b.image.pixels);  // bit-identical on the CPU
    QVERIFY(a.latent == b.latent);
    auto other = small();
    other.seed = 4;
    QVERIFY(guide::run_gan_guidance(*m_clip, *m_gan, other, nullptr).image.pixels != a.image.pixels);
  }

  void aRunRestartsFromAFramesLatent() {
    // Each frame carries its latent; a run started from it shows that frame first, exactly.
    std::vector<Frame> frames;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { frames.push_back(std::move(f)); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    auto o = small();
    o.frame_every = 4;
    const auto whole = guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx);
    QCOMPARE(frames.size(), size_t(4));  // steps 0, 4, 8, 12
    QCOMPARE(frames[2].step, int64_t(8));
    QCOMPARE(frames[2].state.size(), size_t(m_gan->info().z_dim));
    QVERIFY(frames.back().state == whole.latent);
    std::vector<Frame> again;
    JobCallbacks cb2;
    cb2.on_frame = [&](int64_t, Frame&& f) { again.push_back(std::move(f)); };
    JobContext ctx2(std::make_shared<JobControl>(1), cb2);
    auto restart = small();
    restart.steps = 2;
    restart.start_latent = frames[2].state;
    guide::run_gan_guidance(*m_clip, *m_gan, restart, &ctx2);
    QCOMPARE(again.front().step, int64_t(0));
    QVERIFY(again.front().rgb == frames[2].rgb);
    QVERIFY(again.front().state == frames[2].state);
    restart.start_latent.pop_back();
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, restart, nullptr); }).find("restart from") != std::string::npos);
  }

  void aNegativePromptLowersItsSimilarity() {
    auto o = small();
    o.prompts = "a red circle:-1";
    o.steps = 30;
    std::vector<double> sims;
    JobCallbacks cb;
    cb.on_progress = [&](int64_t, const Progress& p) { sims.push_back(p.losses[1].second); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx);
    QCOMPARE(sims.size(), size_t(30));
    const double first = (sims[0] + sims[1] + sims[2]) / 3, last = (sims[27] + sims[28] + sims[29]) / 3;
    qInfo("similarity to the pushed-away prompt: %.4f -> %.4f", first, last);
    QVERIFY(last < first);
  }

  void editingAPromptTakesEffectAtTheNextStep() {
    auto control = std::make_shared<JobControl>(1);
    std::vector<std::string> names;
    JobCallbacks cb;
    cb.on_progress = [&](int64_t, const Progress& p) {
      names.push_back(p.losses[1].first);
      if (p.step == 3) control->set_param(param::prompts, std::string("a blue square"));
    };
    JobContext ctx(control, cb);
    guide::run_gan_guidance(*m_clip, *m_gan, small(), &ctx);
    QCOMPARE(names[2], std::string("a red circle"));
    QCOMPARE(names[3], std::string("a blue square"));
  }

  void pauseHoldsAndStopEndsWithinAStep() {
    auto o = small();
    o.steps = 100000;
    auto control = std::make_shared<JobControl>(1);
    std::atomic<int64_t> step{0};
    JobCallbacks cb;
    cb.on_progress = [&](int64_t, const Progress& p) { step = p.step; };
    guide::GuideResult r;
    std::thread run([&] {
      JobContext ctx(control, cb);
      r = guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx);
    });
    QTRY_VERIFY_WITH_TIMEOUT(step >= 2, 30000);
    control->pause();
    QTest::qWait(1000);  // a step in flight finishes, then it holds
    const int64_t held = step;
    QTest::qWait(600);
    QCOMPARE(int64_t(step), held);
    control->resume();
    QTRY_VERIFY_WITH_TIMEOUT(step > held, 30000);
    control->cancel();
    const int64_t at = step;
    run.join();
    QVERIFY(r.stopped);
    QVERIFY(r.steps <= at + 1);
  }

  void clipVqganOnTheReferencesTinyModel() {
    const std::string data = std::string(ATELIER_SOURCE_DIR) + "/tests/data/vqgan/";
    const auto model = vqgan::Vqgan::load(data + "tiny.ckpt", data + "tiny.yaml");
    auto o = small();
    o.width = 32;
    o.height = 24;
    o.steps = 8;
    const auto a = guide::run_vqgan_guidance(*m_clip, model, o, nullptr);
    const auto b = guide::run_vqgan_guidance(*m_clip, model, o, nullptr);
    QCOMPARE(a.image.width, 32);
    QCOMPARE(a.image.height, 24);
    QVERIFY(a.image.pixels == b.image.pixels);
    QCOMPARE(a.steps, int64_t(8));
    o.init_image = data + "input.png";
    o.init_weight = 0.5;
    const auto c = guide::run_vqgan_guidance(*m_clip, model, o, nullptr);
    QVERIFY(c.image.pixels != a.image.pixels);
    o.width = 33;
    QVERIFY(errorOf([&] { guide::run_vqgan_guidance(*m_clip, model, o, nullptr); }).find("multiple of the VQGAN's factor 2") != std::string::npos);
    // The tiny VQGAN attends at 1/2 of the image: 8192 positions there are 32768 pixels; 256 x 256
    // would need 4 GB of attention maps, refused before the run allocates anything.
    QCOMPARE(model.max_pixels(), int64_t(32768));
    o.width = o.height = 256;
    const std::string big = errorOf([&] { guide::run_vqgan_guidance(*m_clip, model, o, nullptr); });
    QVERIFY2(big.find("256 x 256") != std::string::npos && big.find("memory budget (32768 pixels") != std::string::npos, big.c_str());
  }

  // Each start (random codes, random pixels, a gradient, soft patches) is its own picture, the
  // same for a seed and another for another seed; an init image takes precedence over any.
  void clipVqganStartsFromNoiseOfEachKind() {
    const std::string data = std::string(ATELIER_SOURCE_DIR) + "/tests/data/vqgan/";
    const auto model = vqgan::Vqgan::load(data + "tiny.ckpt", data + "tiny.yaml");
    auto o = small();
    o.width = o.height = 32;
    o.steps = 1;
    o.lr = 1e-6;  // the picture stays the start's
    std::vector<std::vector<uint8_t>> starts;
    for (auto kind : {guide::VqganStart::Codes, guide::VqganStart::Pixels, guide::VqganStart::Gradient, guide::VqganStart::Smooth}) {
      o.start = kind;
      o.seed = 3;
      const auto a = guide::run_vqgan_guidance(*m_clip, model, o, nullptr);
      QVERIFY(guide::run_vqgan_guidance(*m_clip, model, o, nullptr).image.pixels == a.image.pixels);
      o.seed = 4;
      QVERIFY(guide::run_vqgan_guidance(*m_clip, model, o, nullptr).image.pixels != a.image.pixels);
      for (const auto& other : starts) QVERIFY(other != a.image.pixels);
      starts.push_back(a.image.pixels);
    }
    o.seed = 3;
    o.init_image = data + "input.png";
    const auto fromImage = guide::run_vqgan_guidance(*m_clip, model, o, nullptr);
    o.start = guide::VqganStart::Pixels;
    QVERIFY(guide::run_vqgan_guidance(*m_clip, model, o, nullptr).image.pixels == fromImage.image.pixels);
  }

  void badOptionsAreRefused() {
    auto o = small();
    o.optimiser = "sgd";
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("adam, adamw, adagrad or rmsprop") != std::string::npos);
    o = small();
    o.prompts = " | ";
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("type a prompt") != std::string::npos);
  }

  // The blur augmentation: off at 0; mass kept; fine stripes fade far more than a filled block;
  // differentiable; refused out of range.
  void blurFadesStrokesButKeepsFilledRegions() {
    auto gen = at::make_generator<at::CPUGeneratorImpl>(7);
    at::Tensor img = at::zeros({1, 3, 64, 64});
    img.narrow(2, 16, 32).narrow(3, 14, 16).fill_(1.0);                          // a block, 16 x 32
    for (int x = 36; x < 52; x += 2) img.narrow(2, 16, 32).narrow(3, x, 1).fill_(1.0);  // 1-pixel stripes
    // (all of it 13+ pixels from the edges, beyond the reflection's reach at sigma 4)
    at::Tensor same = guide::random_blur(img, 0, gen);
    QVERIFY(at::equal(same, img));
    at::Tensor batch = img.expand({16, 3, 64, 64}).clone().requires_grad_(true);
    at::Tensor out = guide::random_blur(batch, 4.0, gen);
    QCOMPARE(out.sizes(), batch.sizes());
    int blurred = 0;
    for (int64_t n = 0; n < 16; ++n) {
      at::Tensor o = out[n][0].detach();
      QVERIFY(std::abs(o.sum().item<double>() - img[0][0].sum().item<double>()) < 1e-2);  // nothing lost
      const double block = o.narrow(0, 30, 4).narrow(1, 20, 4).mean().item<double>();
      const double stripes = o.narrow(0, 28, 8).narrow(1, 40, 8).std().item<double>();
      if (stripes < 0.2) {  // blurred (sigma >= ~0.8): the stripes' contrast is gone, the block's middle stays
        ++blurred;
        QVERIFY2(block > 0.85, qPrintable(QString::number(block)));
      }
    }
    QVERIFY(blurred >= 8);  // sigma uniform in [0, 4]: most copies blurred
    out.sum().backward();
    QVERIFY(batch.grad().defined() && batch.grad().isfinite().all().item<bool>());
    auto o = small();
    o.blur = -1;
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("blur") != std::string::npos);
  }

  // ---- CLIP + BigGAN-deep, as big-sleep (issue 23) -----------------------------------------------
  // On the reference's tiny BigGAN-deep (tests/data/biggan: 32 px, z 8, 10 classes).

  static gan::BigGan tinyBigGan() { return gan::BigGan::load(std::string(ATELIER_SOURCE_DIR) + "/tests/data/biggan"); }

  void clipBigganLowersItsLossAndMovesZAndTheClass() {
    const gan::BigGan model = tinyBigGan();
    const int64_t zd = model.info().z_dim, nc = model.info().num_classes;
    std::vector<Frame> frames;
    std::vector<Progress> progress;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { frames.push_back(std::move(f)); };
    cb.on_progress = [&](int64_t, const Progress& p) { progress.push_back(p); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    auto o = small();
    o.steps = 30;
    o.lr = 0.1;
    o.seed = 0;  // the loss of 4 cutouts is noisy: this seed's falls by a third (every seed 0 to 7 falls)
    const auto r = guide::run_biggan_guidance(*m_clip, model, o, &ctx);
    QCOMPARE(r.steps, int64_t(30));
    QCOMPARE(r.image.width, 32);
    QCOMPARE(r.image.height, 32);
    // The state is z then the class logits; the first frame's is big-sleep's start.
    QCOMPARE(r.latent.size(), size_t(zd + nc));
    QCOMPARE(frames.front().state.size(), size_t(zd + nc));
    QVERIFY(frames.back().state == r.latent);
    const std::vector<float>& start = frames.front().state;
    for (int64_t i = zd; i < zd + nc; ++i)
      QVERIFY2(start[size_t(i)] < -2.0f && start[size_t(i)] > -6.0f, "the logits start ~ N(-3.9, 0.3)");
    auto moved = [&](int64_t from, int64_t to) {
      double d = 0;
      for (int64_t i = from; i < to; ++i) d = std::max(d, std::abs(double(r.latent[size_t(i)]) - double(start[size_t(i)])));
      return d;
    };
    qInfo("largest change: z %.4f, class logits %.4f", moved(0, zd), moved(zd, zd + nc));
    QVERIFY(moved(0, zd) > 0.05);
    QVERIFY(moved(zd, zd + nc) > 0.05);
    // The class vector: the sigmoid of the final logits.
    QCOMPARE(r.class_vector.size(), size_t(nc));
    for (int64_t i = 0; i < nc; ++i)
      QVERIFY(std::abs(r.class_vector[size_t(i)] - 1.0f / (1.0f + std::exp(-r.latent[size_t(zd + i)]))) < 1e-5f);
    // The progress: the loss, the prompt, then big-sleep's two terms, named as terms.
    QCOMPARE(progress.size(), size_t(30));
    const auto& names = progress.front().losses;
    QCOMPARE(names.size(), size_t(4));
    QCOMPARE(names[1].first, std::string("a red circle"));
    QCOMPARE(names[2].first, std::string(guide::kTermPrefix) + "latent statistics");
    QCOMPARE(names[3].first, std::string(guide::kTermPrefix) + "class sparsity");
    QVERIFY(names[2].second >= 4.0);  // 4 x max(mean square, 1) at least
    QVERIFY(names[3].second > 0.0);
    // The loss falls: the last steps' mean below the first steps'.
    auto mean_loss = [&](size_t from) {
      return (progress[from].losses[0].second + progress[from + 1].losses[0].second + progress[from + 2].losses[0].second) / 3;
    };
    qInfo("loss: %.4f -> %.4f", mean_loss(0), mean_loss(27));
    QVERIFY(mean_loss(27) < mean_loss(0));
  }

  void clipBigganIsReproducibleFromItsSeed() {
    const gan::BigGan model = tinyBigGan();
    auto o = small();
    o.steps = 6;
    const auto a = guide::run_biggan_guidance(*m_clip, model, o, nullptr);
    const auto b = guide::run_biggan_guidance(*m_clip, model, o, nullptr);
    QVERIFY(a.image.pixels == b.image.pixels);  // bit-identical on the CPU
    QVERIFY(a.latent == b.latent);
    QCOMPARE(a.loss, b.loss);
    o.seed = 4;
    const auto c = guide::run_biggan_guidance(*m_clip, model, o, nullptr);
    QVERIFY(c.latent != a.latent);
    QVERIFY(c.image.pixels != a.image.pixels);
  }

  void clipBigganStartsOnAClassAndKeepsTopK() {
    const gan::BigGan model = tinyBigGan();
    const int64_t zd = model.info().z_dim, nc = model.info().num_classes;
    std::vector<Frame> frames;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { frames.push_back(std::move(f)); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    auto o = small();
    o.steps = 4;
    o.biggan_class = 7;
    const auto r = guide::run_biggan_guidance(*m_clip, model, o, &ctx);
    QCOMPARE(frames.front().state[size_t(zd + 7)], 3.9f);  // sigmoid 0.98: the run starts on class 7
    const size_t top = size_t(std::max_element(r.class_vector.begin(), r.class_vector.end()) - r.class_vector.begin());
    QCOMPARE(top, size_t(7));
    // big-sleep's differentiable top-k: exactly max_classes weights are not zero.
    o.max_classes = 2;
    const auto k = guide::run_biggan_guidance(*m_clip, model, o, nullptr);
    QCOMPARE(int(std::count_if(k.class_vector.begin(), k.class_vector.end(), [](float v) { return v > 0; })), 2);
    QCOMPARE(k.class_vector.size(), size_t(nc));
    // The truncation changes the image, not the start.
    o.max_classes = 0;
    o.truncation = 0.5;
    QVERIFY(guide::run_biggan_guidance(*m_clip, model, o, nullptr).image.pixels != r.image.pixels);
  }

  void clipBigganRestartsFromAFramesState() {
    // As the GAN path: a run started from a frame's state (z and the class logits) shows that
    // frame first, exactly.
    const gan::BigGan model = tinyBigGan();
    std::vector<Frame> frames;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&& f) { frames.push_back(std::move(f)); };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    auto o = small();
    o.steps = 8;
    o.frame_every = 4;
    guide::run_biggan_guidance(*m_clip, model, o, &ctx);
    QCOMPARE(frames.size(), size_t(3));  // steps 0, 4, 8
    QCOMPARE(frames[1].step, int64_t(4));
    std::vector<Frame> again;
    JobCallbacks cb2;
    cb2.on_frame = [&](int64_t, Frame&& f) { again.push_back(std::move(f)); };
    JobContext ctx2(std::make_shared<JobControl>(1), cb2);
    auto restart = small();
    restart.steps = 2;
    restart.start_latent = frames[1].state;
    guide::run_biggan_guidance(*m_clip, model, restart, &ctx2);
    QCOMPARE(again.front().step, int64_t(0));
    QVERIFY(again.front().rgb == frames[1].rgb);
    QVERIFY(again.front().state == frames[1].state);
    restart.start_latent.pop_back();
    const std::string e = errorOf([&] { guide::run_biggan_guidance(*m_clip, model, restart, nullptr); });
    QVERIFY2(e.find("restart from has 17 values") != std::string::npos && e.find("8 + 10 = 18") != std::string::npos, e.c_str());
  }

  void clipBigganRefusesWhatItCannotRun() {
    // A path that is no BigGAN-deep: the load says what it looked for.
    const std::string missing = errorOf([] { gan::BigGan::load(std::string(ATELIER_SOURCE_DIR) + "/tests/data/no-such-biggan"); });
    QVERIFY2(missing.find("no BigGAN weights at") != std::string::npos && missing.find("no-such-biggan") != std::string::npos,
             missing.c_str());
    const std::string dcgan = errorOf([] { gan::BigGan::load(std::string(ATELIER_SOURCE_DIR) + "/resources/models/gan-fashion"); });
    QVERIFY2(dcgan.find("pytorch_model.bin") != std::string::npos, dcgan.c_str());
    // Options outside the model or big-sleep's ranges fail before the first step.
    const gan::BigGan model = tinyBigGan();
    auto o = small();
    o.biggan_class = 10;
    const std::string cls = errorOf([&] { guide::run_biggan_guidance(*m_clip, model, o, nullptr); });
    QVERIFY2(cls.find("class 10 is not one of this model's 0 to 9") != std::string::npos, cls.c_str());
    o = small();
    o.truncation = 0;
    QVERIFY(errorOf([&] { guide::run_biggan_guidance(*m_clip, model, o, nullptr); }).find("truncation") != std::string::npos);
    o = small();
    o.max_classes = 11;
    QVERIFY(errorOf([&] { guide::run_biggan_guidance(*m_clip, model, o, nullptr); }).find("1 to this model's 10") != std::string::npos);
    o = small();
    o.class_loss_weight = std::nan("");
    QVERIFY(errorOf([&] { guide::run_biggan_guidance(*m_clip, model, o, nullptr); }).find("weights") != std::string::npos);
    o = small();
    o.start_latent.assign(18, 0.0f);
    o.start_latent[3] = INFINITY;
    QVERIFY(errorOf([&] { guide::run_biggan_guidance(*m_clip, model, o, nullptr); }).find("not finite") != std::string::npos);
  }

  // ---- NaN and infinity (issue 16) -------------------------------------------------------------

  void nonFinitePromptWeightsAreRefused() {
    for (const char* spec : {"a red circle:inf", "a red circle:-inf", "a red circle:nan", "a red circle:1:inf", "a red circle:1e999"}) {
      const std::string e = errorOf([&] { guide::parse_prompts(std::string("a cat | ") + spec); });
      QVERIFY2(e.find(spec) != std::string::npos && e.find("finite") != std::string::npos, e.c_str());
    }
    // Finite numbers still parse, with a '.' whatever the locale; words stay text.
    QCOMPARE(guide::parse_prompts("a cat:0.5")[0].weight, 0.5);
    QCOMPARE(guide::parse_prompts("a cat:-2e1")[0].weight, -20.0);
    QCOMPARE(guide::parse_prompts("ratio one:infinite")[0].text, std::string("ratio one:infinite"));
    // The run refuses them before its first step, as it does non-finite options.
    auto o = small();
    o.prompts = "a red circle:inf";
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("a red circle:inf") != std::string::npos);
    o = small();
    o.lr = std::nan("");
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("learning rate") != std::string::npos);
    o = small();
    o.cut_pow = INFINITY;
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("finite") != std::string::npos);
  }

  void aRunWhoseLossGoesNaNStopsAtThatStep() {
    // A CLIP whose image tower gives NaN: the first step's loss is NaN. The run stops there with
    // an error naming the step, instead of carrying NaN into the latent and returning a black image.
    clip::Clip poisoned = clip::Clip::load(find_default_clip());
    {
      at::NoGradGuard no_grad;
      for (auto& p : poisoned.impl().model->named_parameters())
        if (p.key().rfind("visual", 0) == 0) p.value().fill_(NAN);
    }
    int frames = 0;
    JobCallbacks cb;
    cb.on_frame = [&](int64_t, Frame&&) { ++frames; };
    JobContext ctx(std::make_shared<JobControl>(1), cb);
    const std::string e = errorOf([&] { guide::run_gan_guidance(poisoned, *m_gan, small(), &ctx); });
    QVERIFY2(e.find("step 1 of 12") != std::string::npos && e.find("NaN") != std::string::npos, e.c_str());
    QCOMPARE(frames, 1);  // the starting image only
    const std::string data = std::string(ATELIER_SOURCE_DIR) + "/tests/data/vqgan/";
    const auto model = vqgan::Vqgan::load(data + "tiny.ckpt", data + "tiny.yaml");
    auto o = small();
    o.width = o.height = 16;
    const std::string ev = errorOf([&] { guide::run_vqgan_guidance(poisoned, model, o, nullptr); });
    QVERIFY2(ev.find("step 1 of 12") != std::string::npos && ev.find("NaN") != std::string::npos, ev.c_str());
  }

  // ---- Constraints (issue 21) ------------------------------------------------------------------
  // Each on the shipped mini-VQGAN at 64 px, 12 steps: the same run (same seed) with and without
  // the constraint; its statistic, measured on the result image, is lower with it. Two seeds.

  guide::GuideOptions constrained(uint64_t seed) const {
    auto o = small();
    o.width = o.height = 64;
    o.lr = 0.1;
    o.seed = seed;
    return o;
  }

  void eachConstraintLowersItsStatistic_data() {
    QTest::addColumn<QString>("constraint");
    for (const char* c :
         {"symmetry", "vertical symmetry", "smoothness", "saturation", "less saturation", "palette", "border", "tile"})
      QTest::newRow(c) << QString(c);
  }
  void eachConstraintLowersItsStatistic() {
    QFETCH(QString, constraint);
    const std::string c = constraint.toStdString();
    const auto palette = guide::parse_palette("#000000,#ffffff,#ff0000");
    const guide::Colour blue = guide::parse_colour("#0000ff");
    // The statistic each lowers (the saturation's: minus the mean chroma).
    auto statistic = [&](const Image& im) {
      if (c == "symmetry") return symmetryError(im, false);
      if (c == "vertical symmetry") return symmetryError(im, true);
      if (c == "smoothness") return totalVariation(im);
      if (c == "saturation") return -meanChroma(im);
      if (c == "less saturation") return meanChroma(im);
      if (c == "palette") return paletteDistance(im, palette);
      if (c == "border") return borderDistance(im, blue);
      return seamDifference(im);
    };
    for (uint64_t seed : {0, 1}) {
      const auto without = guide::run_vqgan_guidance(*m_clip, *m_vqgan, constrained(seed), nullptr);
      auto o = constrained(seed);
      if (c == "symmetry") o.symmetry = 10;
      if (c == "vertical symmetry") o.symmetry_vertical = 10;
      if (c == "smoothness") o.smooth = 10;
      if (c == "saturation") o.saturation = 10;
      if (c == "less saturation") o.saturation = -10;
      if (c == "palette") o.palette = "#000000,#ffffff,#ff0000", o.palette_weight = 10;
      if (c == "border") o.border = "#0000ff", o.border_weight = 10;
      if (c == "tile") o.tile = true;  // the seam's default weight
      const auto with = guide::run_vqgan_guidance(*m_clip, *m_vqgan, o, nullptr);
      const double a = statistic(without.image), b = statistic(with.image);
      qInfo("%s, seed %d: %.5f without, %.5f with", c.c_str(), int(seed), a, b);
      QVERIFY(b < a);
    }
  }

  void constraintsAreReportedForEveryGenerator() {
    // All of them on, for the three generators of the one loop: each a term after the
    // generator's own, in constraints.h's order, with its value unweighted.
    auto o = small();
    o.steps = 2;
    o.symmetry = o.symmetry_vertical = o.smooth = o.saturation = 0.5;
    o.palette = "#000000, #FF8800";
    o.border = "00ff00";
    o.tile = true;
    const std::vector<std::string> want = {"symmetry", "vertical symmetry", "smoothness", "saturation",
                                           "palette",  "border",            "seam"};
    auto terms = [&](const std::function<void(JobContext*)>& run) {
      std::vector<Progress> progress;
      JobCallbacks cb;
      cb.on_progress = [&](int64_t, const Progress& p) { progress.push_back(p); };
      JobContext ctx(std::make_shared<JobControl>(1), cb);
      run(&ctx);
      if (progress.size() != 2) return std::vector<std::string>{"(no report)"};
      for (const auto& [name, value] : progress.back().losses)
        if (name.rfind(guide::kTermPrefix, 0) == 0 && !(std::isfinite(value) && value >= 0))
          return std::vector<std::string>{"(bad) " + name};
      return termNames(progress.back());
    };
    QVERIFY(terms([&](JobContext* ctx) { guide::run_gan_guidance(*m_clip, *m_gan, o, ctx); }) == want);
    o.width = o.height = 32;
    QVERIFY(terms([&](JobContext* ctx) { guide::run_vqgan_guidance(*m_clip, *m_vqgan, o, ctx); }) == want);
    std::vector<std::string> big = {"latent statistics", "class sparsity"};
    big.insert(big.end(), want.begin(), want.end());
    QVERIFY(terms([&](JobContext* ctx) { guide::run_biggan_guidance(*m_clip, tinyBigGan(), o, ctx); }) == big);
    // Off by default: no terms.
    auto plain = small();
    plain.steps = 2;
    QVERIFY(terms([&](JobContext* ctx) { guide::run_gan_guidance(*m_clip, *m_gan, plain, ctx); }).empty());
  }

  void constraintsAreLiveEditable() {
    // Set between steps as prompts and lr are: taken from the next step on.
    auto control = std::make_shared<JobControl>(1);
    std::vector<std::vector<std::string>> terms;
    std::vector<double> symmetry;
    JobCallbacks cb;
    cb.on_progress = [&](int64_t, const Progress& p) {
      terms.push_back(termNames(p));
      if (p.step == 2) control->set_param(param::symmetry, 5.0);
      if (p.step == 3) {
        control->set_param(param::palette, std::string("#ff0000,#0000ff"));
        control->set_param(param::tile, true);
        control->set_param(param::symmetry, std::nan(""));  // not finite: the weight in use stays
      }
      if (p.step == 4) control->set_param(param::palette, std::string(""));  // off again
    };
    JobContext ctx(control, cb);
    auto o = small();
    o.steps = 6;
    guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx);
    QCOMPARE(terms.size(), size_t(6));
    QVERIFY(terms[1].empty());
    QVERIFY((terms[2] == std::vector<std::string>{"symmetry"}));
    QVERIFY((terms[3] == std::vector<std::string>{"symmetry", "palette", "seam"}));
    QVERIFY((terms[4] == std::vector<std::string>{"symmetry", "seam"}));
    // A colour that does not parse ends the run, as a prompt that does not parse does.
    auto control2 = std::make_shared<JobControl>(1);
    JobCallbacks cb2;
    cb2.on_progress = [&](int64_t, const Progress& p) {
      if (p.step == 1) control2->set_param(param::border, std::string("blue"));
    };
    JobContext ctx2(control2, cb2);
    const std::string e = errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx2); });
    QVERIFY2(e.find("the border colour 'blue' is not a colour") != std::string::npos, e.c_str());
  }

  void badConstraintsAreRefused() {
    QCOMPARE(guide::format_colour(guide::parse_colour(" #FF8800 ")), std::string("#ff8800"));
    QCOMPARE(guide::parse_palette("#000000, ffffff").size(), size_t(2));
    auto refused = [&](const std::function<void(guide::GuideOptions&)>& set, const std::string& want) {
      auto o = small();
      set(o);
      const std::string e = errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); });
      QVERIFY2(e.find(want) != std::string::npos, e.c_str());
      QCOMPARE(errorOf([&] { guide::check_constraints(o); }), e);  // the same check, before any model loads
    };
    refused([](auto& o) { o.symmetry = std::nan(""); }, "the symmetry weight must be a finite number");
    refused([](auto& o) { o.smooth = INFINITY; }, "the smoothness weight must be a finite number");
    refused([](auto& o) { o.palette = "#000000"; o.palette_weight = -INFINITY; }, "the palette's weight must be a finite number");
    refused([](auto& o) { o.palette = "#000000,#12345"; }, "the palette's colour 2 '#12345' is not a colour: write #rrggbb");
    refused([](auto& o) { o.palette = "#000000,,#ffffff"; }, "has an empty item");
    refused([](auto& o) { o.border = "#gg0000"; }, "the border colour '#gg0000' is not a colour");
    std::string many;
    for (int i = 0; i < 65; ++i) many += (i ? "," : "") + guide::format_colour({uint8_t(i), 0, 0});
    refused([&](auto& o) { o.palette = many; }, "more than 64 colours");
    many.resize(many.rfind(','));
    QCOMPARE(guide::parse_palette(many).size(), size_t(64));
  }

  // ---- Prompt schedules (issue 21) -------------------------------------------------------------

  void scheduleWeightsFollowTheFormula() {
    const auto ks =
        guide::parse_schedule("# a story\n0: a forest | fog:0.5; 150: a city\n\n300: a city at night | stars:-0.3:0.1;");
    QCOMPARE(ks.size(), size_t(3));
    QCOMPARE(ks[1].step, int64_t(150));
    QCOMPARE(guide::format_schedule(ks),
             std::string("0: a forest | fog:0.5; 150: a city; 300: a city at night | stars:-0.3:0.1"));
    QVERIFY(guide::parse_schedule(guide::format_schedule(ks)) == ks);
    auto weights = [&](int64_t step) {
      std::vector<std::pair<std::string, double>> out;
      for (const auto& p : guide::prompts_at(ks, step)) out.emplace_back(p.text, p.weight);
      return out;
    };
    using W = std::vector<std::pair<std::string, double>>;
    QVERIFY((weights(0) == W{{"a forest", 1.0}, {"fog", 0.5}}));
    // Step 50 of 0 -> 150: t = 1/3, keyframe 0's weights x (1 - t), keyframe 1's x t.
    const W at50 = weights(50);
    QCOMPARE(at50.size(), size_t(3));
    QCOMPARE(at50[0].first, std::string("a forest"));
    QCOMPARE(at50[0].second, 1.0 * (1 - 50.0 / 150));
    QCOMPARE(at50[1].second, 0.5 * (1 - 50.0 / 150));
    QCOMPARE(at50[2].first, std::string("a city"));
    QCOMPARE(at50[2].second, 1.0 * 50.0 / 150);
    QVERIFY((weights(150) == W{{"a city", 1.0}}));
    const W at240 = weights(240);  // t = 0.6 from 150 to 300
    QVERIFY((at240 == W{{"a city", 1.0 * 0.4}, {"a city at night", 1.0 * 0.6}, {"stars", -0.3 * 0.6}}));
    QCOMPARE(guide::prompts_at(ks, 240)[2].stop, 0.1);
    QVERIFY((weights(300) == W{{"a city at night", 1.0}, {"stars", -0.3}}));
    QVERIFY(weights(100000) == weights(300));  // after the last keyframe, its prompts alone
    const std::vector<std::pair<int64_t, size_t>> in_effect = {{0, 0}, {149, 0}, {150, 1}, {299, 1}, {300, 2}, {5000, 2}};
    for (const auto& [step, index] : in_effect) QCOMPARE(guide::keyframe_at(ks, step), index);
    // Before a first keyframe after 0, its prompts alone; a prompt in both keyframes is one, its weights added.
    const auto late = guide::parse_schedule("10: a | b; 20: b:2 | c");
    QCOMPARE(guide::keyframe_at(late, 3), size_t(0));
    QVERIFY((std::vector<std::pair<std::string, double>>{{"a", 1.0}, {"b", 1.0}} ==
             W{{guide::prompts_at(late, 3)[0].text, guide::prompts_at(late, 3)[0].weight},
               {guide::prompts_at(late, 3)[1].text, guide::prompts_at(late, 3)[1].weight}}));
    const auto mid = guide::prompts_at(late, 15);
    QCOMPARE(mid.size(), size_t(3));
    QCOMPARE(mid[1].text, std::string("b"));
    QCOMPARE(mid[1].weight, 1.0 * 0.5 + 2.0 * 0.5);
    QCOMPARE(mid[2].weight, 0.5);
  }

  void scheduleParsingErrorsAreClear() {
    auto refused = [](const std::string& text, const std::string& want) {
      const std::string e = errorOf([&] { guide::parse_schedule(text); });
      QVERIFY2(e.find(want) != std::string::npos, e.c_str());
    };
    // The '|' between keyframes: refused with the way to write it, not one keyframe.
    refused("0: a forest | 150: a city | 300: a city at night",
            "prompt '150: a city' that reads as a keyframe: separate keyframes with ';'");
    refused("a forest; 150: a city", "the keyframe 'a forest' has no step: write each keyframe as STEP: prompts");
    refused("0: a; 150: b; 100: c", "the keyframe at step 100 comes after the one at step 150");
    refused("0: a; 0: b", "the keyframe at step 0 comes after the one at step 0");
    refused("0: a; 150:", "the keyframe at step 150 has no prompt");
    refused("0: a; 150: | ", "the keyframe at step 150 has no prompt");
    refused("-5: a", "is at step -5: steps are 0 to");
    refused("0: a:inf", "the keyframe at step 0: the prompt 'a:inf' has a weight or stop of 'inf'");
    refused(" ;\n# only a comment\n", "the schedule has no keyframe");
    refused(std::string(guide::kMaxScheduleBytes + 1, ' '), "bytes; at most");
    // A clock's time stays a prompt's weight, as the prompt syntax reads it; 10:30 is no keyframe.
    QCOMPARE(guide::parse_schedule("0: 10:30")[0].prompts[0].weight, 30.0);
    // Prompts and a schedule together: refused before the first step.
    auto o = small();
    o.schedule = "0: a cat";
    auto error = [&] { return errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }); };
    QVERIFY(error().find("prompts or a schedule, not both") != std::string::npos);
    o.prompts.clear();
    o.schedule = "0: a cat | 5: a dog";
    QVERIFY(error().find("reads as a keyframe") != std::string::npos);
  }

  void aScheduledRunSwitchesPromptsAtItsKeyframes() {
    std::vector<Progress> progress;
    auto control = std::make_shared<JobControl>(1);
    JobCallbacks cb;
    cb.on_progress = [&](int64_t, const Progress& p) { progress.push_back(p); };
    JobContext ctx(control, cb);
    auto o = small();
    o.prompts.clear();
    o.schedule = "0: a red circle; 4: a blue square\n8: a green star";
    o.symmetry = 1;  // the keyframe comes after the terms
    const auto r = guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx);
    QCOMPARE(r.steps, int64_t(12));
    QCOMPARE(progress.size(), size_t(12));
    // Report k is of step k (steps done before it: k): keyframe 0 for 0-3, 1 for 4-7, 2 for 8-11.
    for (size_t k = 0; k < 12; ++k) {
      QCOMPARE(progress[k].losses.back().first, std::string(guide::kKeyframeName));
      QCOMPARE(progress[k].losses.back().second, double(k / 4));
      QCOMPARE(progress[k].losses[progress[k].losses.size() - 2].first, std::string(guide::kTermPrefix) + "symmetry");
    }
    using N = std::vector<std::string>;
    QVERIFY((promptNames(progress[0]) == N{"a red circle"}));
    QVERIFY((promptNames(progress[2]) == N{"a red circle", "a blue square"}));
    QVERIFY((promptNames(progress[4]) == N{"a blue square"}));
    QVERIFY((promptNames(progress[6]) == N{"a blue square", "a green star"}));
    QVERIFY((promptNames(progress[8]) == N{"a green star"}));
    QVERIFY((promptNames(progress[11]) == N{"a green star"}));
    // Reproducible as any run; and live: a new schedule, then plain prompts, which end it.
    QVERIFY(guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr).image.pixels == r.image.pixels);
    progress.clear();
    JobCallbacks cb2;
    cb2.on_progress = [&](int64_t, const Progress& p) {
      progress.push_back(p);
      if (p.step == 3) control->set_param(param::schedule, std::string("0: a cat; 6: a dog"));
      if (p.step == 7) control->set_param(param::prompts, std::string("a shoe"));
    };
    JobContext ctx2(control, cb2);
    guide::run_gan_guidance(*m_clip, *m_gan, o, &ctx2);
    QCOMPARE(progress.size(), size_t(12));
    QVERIFY((promptNames(progress[2]) == N{"a red circle", "a blue square"}));
    QVERIFY((promptNames(progress[3]) == N{"a cat", "a dog"}));  // step 3 of 0 -> 6
    QCOMPARE(progress[6].losses.back().second, 1.0);
    QVERIFY((promptNames(progress[7]) == N{"a shoe"}));
    QVERIFY(progress[7].losses.back().first != guide::kKeyframeName);
  }
};

// The quality test with the embedded models: 150 steps of CLIP + VQGAN (the shipped
// mini-VQGAN and mini-CLIP) at 128 px give an image the mini-CLIP ranks first for the prompt
// among 20 prompts.
class TestGuideQuality : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    at::set_num_threads(2);
    m_clip = std::make_unique<clip::Clip>(clip::Clip::load(find_default_clip()));
    const auto [ckpt, yaml] = vqgan::find_vqgan();
    QVERIFY2(!ckpt.empty(), "the shipped mini-VQGAN is missing");
    m_vqgan = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(ckpt, yaml));
  }

  void thePromptRanksFirstAmongTwenty_data() {
    QTest::addColumn<QString>("prompt");
    QTest::newRow("a red circle") << QStringLiteral("a red circle");
    QTest::newRow("a rocket") << QStringLiteral("a rocket");
  }
  void thePromptRanksFirstAmongTwenty() {
    QFETCH(QString, prompt);
    guide::GuideOptions o;
    o.prompts = prompt.toStdString();
    o.steps = 150;
    o.width = o.height = 128;
    o.cutn = 16;
    o.seed = 0;
    const auto r = guide::run_vqgan_guidance(*m_clip, *m_vqgan, o, nullptr);
    QCOMPARE(r.steps, int64_t(150));
    const std::vector<std::string> prompts = {
        "a red circle",  "a blue circle",  "a green circle", "a red square",  "a red star",    "a red heart",    "a yellow triangle",
        "a blue square", "a green star",   "a black cross",  "a white ring",  "a purple diamond", "a rocket",     "a cat face",
        "a red apple",   "a grinning face", "a pink flower", "an orange line", "a car",         "a house"};
    const auto cos = clip::cosine_matrix(m_clip->encode_texts(prompts), m_clip->encode_images({r.image}));
    std::vector<size_t> order(prompts.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cos[a][0] > cos[b][0]; });
    const size_t best = order[0], want = size_t(std::find(prompts.begin(), prompts.end(), o.prompts) - prompts.begin());
    qInfo("\"%s\": %.3f; first \"%s\" %.3f, second \"%s\" %.3f", o.prompts.c_str(), cos[want][0], prompts[best].c_str(), cos[best][0],
          prompts[order[1]].c_str(), cos[order[1]][0]);
    QVERIFY2(best == want, qPrintable(QStringLiteral("ranked first: ") + QString::fromStdString(prompts[best])));
  }

 private:
  std::unique_ptr<clip::Clip> m_clip;
  std::unique_ptr<vqgan::Vqgan> m_vqgan;
};

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--quality") {
    TestGuideQuality quality;
    return QTest::qExec(&quality, 1, argv);
  }
  TestGuide guide;
  return QTest::qExec(&guide, argc, argv);
}
#include "tst_guide.moc"
