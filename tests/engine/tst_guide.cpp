// The guidance loop with a GAN (CLIP + GAN): reproducible from its seed, pause holds the step,
// stop ends within a step, a prompt edited mid-run is used from the next step, and a negative
// prompt lowers that prompt's similarity. On the shipped mini-CLIP and gan-fashion.
#include <QTest>

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
#include "guide/prompts.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "runtime/job.h"
#include "runtime/model_paths.h"
#include "vqgan/vqgan.h"

using namespace atelier;
using namespace std::chrono_literals;

class TestGuide : public QObject {
  Q_OBJECT
  std::unique_ptr<clip::Clip> m_clip;
  std::unique_ptr<gan::Gan> m_gan;

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

  void badOptionsAreRefused() {
    auto o = small();
    o.optimiser = "sgd";
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("adam, adamw, adagrad or rmsprop") != std::string::npos);
    o = small();
    o.prompts = " | ";
    QVERIFY(errorOf([&] { guide::run_gan_guidance(*m_clip, *m_gan, o, nullptr); }).find("type a prompt") != std::string::npos);
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
