// The GAN engine: latents from seeds, the DCGAN generator's loading (and refusals), slerp,
// grids, the Fréchet distance against closed forms, the trainer's resume, Fashion-MNIST's
// reader, and the animation writers (GIF, WebP, MP4) with their frame counts and atomicity.
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "common/errors.h"
#include "common/process.h"
#include "gan/detail/dcgan.h"
#include "io/detail/module_io.h"
#include "gan/gan.h"
#include "io/animation.h"
#include "io/detail/checkpoint.h"
#include "runtime/limits.h"
#include "train/datasets.h"
#include "train/gan_trainer.h"

using namespace atelier;
namespace fs = std::filesystem;

namespace {

train::GanTrainOptions tinyRun(const fs::path& out, int64_t steps) {
  train::GanTrainOptions o;
  o.out = out;
  o.data = "fashion";
  o.size = 16;
  o.batch = 8;
  o.z_dim = 8;
  o.width = 8;
  o.steps = steps;
  o.checkpoint_every = 2;
  o.sample_every = 2;
  return o;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A tensor of the shape with no memory behind it (stride 0): what a hostile checkpoint declares.
at::Tensor declared(std::vector<int64_t> shape) { return at::zeros({}).expand(shape); }

std::vector<Image> colourFrames(int n, int w, int h) {
  std::vector<Image> frames;
  for (int f = 0; f < n; ++f) {
    Image img{w, h, 3, std::vector<uint8_t>(size_t(w) * size_t(h) * 3)};
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        uint8_t* p = &img.pixels[(size_t(y) * size_t(w) + size_t(x)) * 3];
        p[0] = uint8_t(x * 255 / w);
        p[1] = uint8_t(f * 255 / n);
        p[2] = uint8_t(y * 255 / h);
      }
    frames.push_back(std::move(img));
  }
  return frames;
}

}  // namespace

class TestGan : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { at::set_num_threads(2); }

  void latentsComeFromTheSeed() {
    auto g = gan::Gan::untrained(32, 3, 16, 8, 1);
    QCOMPARE(g.latent(5).size(), size_t(16));
    QVERIFY(g.latent(5) == g.latent(5));
    QVERIFY(g.latent(5) != g.latent(6));
    for (float v : g.latent(3, 0.5)) QVERIFY(std::abs(v) <= 0.5f);
    // Truncation redraws only the components outside the bound.
    const auto free = g.latent(9), cut = g.latent(9, 1.0);
    for (size_t i = 0; i < free.size(); ++i)
      if (std::abs(free[i]) <= 1.0f) QCOMPARE(cut[i], free[i]);
  }

  void sameSeedSameImage() {
    auto g = gan::Gan::untrained(32, 3, 16, 8, 1);
    const Image a = g.generate(g.latent(1)), b = g.generate(g.latent(1)), c = g.generate(g.latent(2));
    QCOMPARE(a.width, 32);
    QCOMPARE(a.channels, 3);
    QVERIFY(a.pixels == b.pixels);
    QVERIFY(a.pixels != c.pixels);
    // A batch gives what single calls give.
    auto both = g.generate(std::vector<gan::Latent>{g.latent(1), g.latent(2)});
    QVERIFY(both[0].pixels == a.pixels);
    QVERIFY(both[1].pixels == c.pixels);
    QVERIFY(errorOf([&] { g.generate(gan::Latent(3, 0.f)); }).find("takes 16") != std::string::npos);
  }

  void slerpKeepsTheEndsAndTheNorm() {
    const gan::Latent a{1, 0, 0}, b{0, 1, 0};
    QVERIFY(gan::slerp(a, b, 0.0) == a);
    const auto end = gan::slerp(a, b, 1.0);
    QVERIFY(std::abs(end[1] - 1.0f) < 1e-6f && std::abs(end[0]) < 1e-6f);
    for (double t : {0.25, 0.5, 0.8}) {  // on the arc: the angle moves linearly, the norm stays 1
      const auto p = gan::slerp(a, b, t);
      QVERIFY(std::abs(std::atan2(p[1], p[0]) - float(t * M_PI / 2)) < 1e-5f);
      QVERIFY(std::abs(std::hypot(p[0], p[1]) - 1.0f) < 1e-5f);
    }
    auto g = gan::Gan::untrained(16, 1, 4, 8, 1);
    auto frames = g.interpolate(g.latent(1), g.latent(2), 5);
    QCOMPARE(frames.size(), size_t(5));
    QVERIFY(frames.front().pixels == g.generate(g.latent(1)).pixels);
    QVERIFY(frames.back().pixels == g.generate(g.latent(2)).pixels);
  }

  void gridPlacesEveryImage() {
    std::vector<Image> imgs;
    for (int i = 0; i < 5; ++i) imgs.push_back(Image{4, 4, 3, std::vector<uint8_t>(48, uint8_t(i * 50))});
    Image g = gan::make_grid(imgs, 3, 1);
    QCOMPARE(g.width, 3 * 4 + 4);
    QCOMPARE(g.height, 2 * 4 + 3);
    auto at = [&](int x, int y) { return g.pixels[(size_t(y) * size_t(g.width) + size_t(x)) * 3]; };
    QCOMPARE(int(at(1, 1)), 0);
    QCOMPARE(int(at(6, 1)), 50);
    QCOMPARE(int(at(1, 6)), 150);
    QCOMPARE(int(at(0, 0)), 128);  // padding
  }

  void frechetDistanceMatchesClosedForms() {
    // Same samples: 0. Shifted by (3, 4): 25. Scaled by 2 (covariance x4): Tr(S + 4S - 2*2S) = Tr(S).
    std::vector<std::vector<float>> a, shifted, scaled;
    at::manual_seed(0);
    at::Tensor x = at::randn({4000, 2});
    for (int64_t i = 0; i < x.size(0); ++i) {
      const float u = x[i][0].item<float>(), v = x[i][1].item<float>();
      a.push_back({u, v});
      shifted.push_back({u + 3, v + 4});
      scaled.push_back({2 * u, 2 * v});
    }
    QVERIFY(std::abs(gan::frechet_distance(a, a)) < 1e-6);
    QVERIFY(std::abs(gan::frechet_distance(a, shifted) - 25.0) < 1e-6);
    const double trace = gan::frechet_distance(a, scaled);
    QVERIFY2(std::abs(trace - 2.0) < 0.1, qPrintable(QString::number(trace)));
  }

  void loadRefusesWhatIsNotAGenerator() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "model.safetensors";
    io::write_safetensors(file, {{"visual.proj", at::zeros({4, 4})}});
    QVERIFY(errorOf([&] { gan::Gan::load(file); }).find("not a DCGAN generator") != std::string::npos);
    // A generator missing its batch norm statistics: named.
    gan::DcganGenerator g(gan::DcganConfig{8, 16, 3, 8});
    auto sd = io::module_state(*g, "");
    sd.erase("net.1.running_var");
    io::write_safetensors(file, sd);
    QVERIFY(errorOf([&] { gan::Gan::load(file); }).find("has no net.1.running_var") != std::string::npos);
    QVERIFY(errorOf([&] { gan::Gan::load(dir.path().toStdString() + "/missing"); }).find("no generator at") != std::string::npos);
  }

  void fashionMnistIsRead() {
    auto set = train::FashionMnist::load("t10k");
    QCOMPARE(set->size(), size_t(10000));
    QCOMPARE(train::FashionMnist::class_names().size(), size_t(10));
    int sum = 0;
    for (int i = 0; i < 784; ++i) sum += set->image(0)[i];
    QVERIFY(sum > 0);
    QVERIFY(errorOf([] { train::FashionMnist::load("train", "/nonexistent"); }).find("dataset-fashion-mnist") != std::string::npos);
  }

  void trainingResumesWhereItStopped() {
    QTemporaryDir dir;
    const fs::path whole = fs::path(dir.path().toStdString()) / "whole", split = fs::path(dir.path().toStdString()) / "split";
    train::train_gan(tinyRun(whole, 4), {});
    train::train_gan(tinyRun(split, 2), {});
    auto again = tinyRun(split, 4);
    QVERIFY(errorOf([&] { train::train_gan(tinyRun(split, 4), {}); }).find("--resume") != std::string::npos);
    again.resume = true;
    train::train_gan(again, {});
    auto a = io::read_safetensors(whole / "checkpoint.safetensors"), b = io::read_safetensors(split / "checkpoint.safetensors");
    QCOMPARE(a.size(), b.size());
    for (auto& [k, v] : a) QVERIFY2(at::allclose(v.to(at::kDouble), b.at(k).to(at::kDouble), 1e-5, 1e-6), k.c_str());
    // The shipped form loads, knows its data, and makes images of the trained size.
    auto g = gan::Gan::load(whole);
    QCOMPARE(g.info().dataset, std::string("fashion"));
    QCOMPARE(g.info().image_size, int64_t(16));
    QCOMPARE(g.info().steps, int64_t(4));
    QVERIFY(fs::exists(whole / "samples" / "step_000004.png"));
  }

  void animationsHaveTheirFrames_data() {
    QTest::addColumn<QString>("ext");
    QTest::newRow("gif") << "gif";
    QTest::newRow("webp") << "webp";
    QTest::newRow("mp4") << "mp4";
  }
  void animationsHaveTheirFrames() {
    QFETCH(QString, ext);
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / ("anim." + ext.toStdString());
    int calls = 0;
    AnimationOptions o;
    o.scale = 2;
    write_animation(file, colourFrames(7, 33, 20), o, [&](int done, int total) {
      ++calls;
      return done <= total;
    });
    QCOMPARE(calls, 7);
    QCOMPARE(count_animation_frames(file), 7);
    // At twice the frames' size (33 x 20; MP4 keeps even sides, which 66 x 40 are).
    const AnimationInfo info = read_animation_info(file);
    QCOMPARE(info.width, 66);
    QCOMPARE(info.height, 40);
    // Nothing but the file is left behind.
    int entries = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir.path().toStdString())) ++entries;
    QCOMPARE(entries, 1);
  }

  void animationWritesAreAtomic() {
    QTemporaryDir dir;
    const fs::path ro = fs::path(dir.path().toStdString()) / "ro";
    fs::create_directory(ro);
    ::chmod(ro.c_str(), 0555);
    if (::geteuid() != 0) {  // root writes anywhere: the permission case only means something for users
      QVERIFY(errorOf([&] { write_animation(ro / "a.gif", colourFrames(2, 8, 8)); }).find("can't write") != std::string::npos);
      QVERIFY(fs::is_empty(ro));
    }
    QVERIFY(errorOf([&] { write_animation(ro / "a.avi", colourFrames(2, 8, 8)); }).find(".gif, .webp or .mp4") != std::string::npos);
    QVERIFY(errorOf([&] { write_animation(ro / "missing" / "a.gif", colourFrames(2, 8, 8)); }).find("no folder") != std::string::npos);
    // Cancelled half-way: no file, no temporary.
    const fs::path ok = fs::path(dir.path().toStdString()) / "cancelled.webp";
    QVERIFY(errorOf([&] { write_animation(ok, colourFrames(6, 8, 8), {}, [](int done, int) { return done < 3; }); }).find("cancelled") !=
            std::string::npos);
    QVERIFY(!fs::exists(ok));
    QVERIFY(!fs::exists(ok.parent_path() / ".partial-cancelled.webp"));
  }

  // ---- hostile files (issue 16): refused before anything is allocated, nothing left behind ----

  void generatorKeysAreSplitNotMatched() {
    gan::DcganGenerator g(gan::DcganConfig{8, 16, 3, 8});
    const auto sd = io::module_state(*g, "");
    auto longKey = sd;  // a key of a million digits crashed std::regex (SIGSEGV)
    longKey["net." + std::string(1'000'000, '3') + ".weight"] = at::zeros({1, 1, 1, 1});
    QVERIFY(contains(errorOf([&] { gan::infer_dcgan_config(longKey, "long.safetensors"); }), "longer than the limit of 1024"));
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "model.safetensors";
    auto digits = sd;  // 12 digits overflowed std::stoi
    digits["net.123456789012.weight"] = at::zeros({1, 1, 1, 1});
    io::write_safetensors(file, digits);
    const std::string msg = errorOf([&] { gan::Gan::load(file); });
    QVERIFY2(contains(msg, "net.123456789012.weight") && contains(msg, "no layer index") && contains(msg, "model.safetensors"), msg.c_str());
    // Twenty layers: 4 << 19 px was computed (and shifted past the width) before anything was checked.
    io::StateDict deep;
    for (int i = 0; i < 20; ++i) deep["net." + std::to_string(3 * i) + ".weight"] = declared({8, 8, 4, 4});
    QVERIFY(contains(errorOf([&] { gan::infer_dcgan_config(deep, "deep"); }), "more than 9 convolutions"));
    QCOMPARE(filesIn(dir.path().toStdString()), (std::set<std::string>{"model.safetensors"}));
  }

  void declaredWidthsAreCheckedBeforeBuilding() {
    // Declared (stride-0) tensors of a 1024 px generator 65536 channels wide at its 4x4 end.
    io::StateDict sd;
    int64_t ch = 65536;
    sd["net.0.weight"] = declared({100, ch, 4, 4});
    for (int i = 1; i < 8; ++i, ch /= 2) sd["net." + std::to_string(3 * i) + ".weight"] = declared({ch, ch / 2, 4, 4});
    sd["net.24.weight"] = declared({ch, 3, 4, 4});
    std::string msg = errorOf([&] { gan::infer_dcgan_config(sd, "wide.safetensors"); });
    QVERIFY2(contains(msg, "wide.safetensors") && contains(msg, "the width is 512; it must be from 1 to 32"), msg.c_str());
    sd = {{"net.0.weight", declared({100000, 64, 4, 4})}, {"net.3.weight", declared({64, 3, 4, 4})}};
    msg = errorOf([&] { gan::infer_dcgan_config(sd, "z.safetensors"); });
    QVERIFY2(contains(msg, "the z dimension is 100000; it must be from 1 to " + std::to_string(limits::kMaxWidth)), msg.c_str());
    // Within the limits, every parameter and buffer is compared before the generator is built.
    gan::DcganGenerator g(gan::DcganConfig{8, 16, 3, 8});
    auto wrong = io::module_state(*g, "");
    wrong["net.4.running_mean"] = at::zeros({7});
    msg = errorOf([&] { gan::infer_dcgan_config(wrong, "wrong.safetensors"); });
    QVERIFY2(contains(msg, "net.4.running_mean has shape [7], expected [8]"), msg.c_str());
  }

  void theImpliedShapesAreTheGenerators() {
    for (const gan::DcganConfig& c : {gan::DcganConfig{8, 16, 3, 8}, gan::DcganConfig{16, 64, 1, 4}}) {
      gan::DcganGenerator g(c);
      const auto sd = io::module_state(*g, "");
      const auto shapes = c.generator_shapes();
      QCOMPARE(shapes.size(), sd.size());
      for (const auto& [name, shape] : shapes) {
        QVERIFY2(sd.count(name), name.c_str());
        QVERIFY2(sd.at(name).sizes() == c10::IntArrayRef(shape), name.c_str());
      }
    }
  }

  void metadataNumbersAreStrict() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "model.safetensors";
    gan::DcganGenerator g(gan::DcganConfig{8, 16, 3, 8});
    io::write_safetensors(file, io::module_state(*g, ""), {{"atelier.kind", "dcgan-generator"}, {"steps", "12abc"}});
    const std::string msg = errorOf([&] { gan::Gan::load(file); });
    QVERIFY2(contains(msg, "metadata 'steps': '12abc' is not an integer"), msg.c_str());
  }
};

QTEST_GUILESS_MAIN(TestGan)
#include "tst_gan.moc"
