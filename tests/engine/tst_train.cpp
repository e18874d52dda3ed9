// The embedded models' training: datasets that are pure functions of (seed, index), the BPE
// learner, the trainer's resume (same loss curve as an uninterrupted run) and clear messages
// for missing Debian data.
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "clip/clip.h"
#include "clip/tokenizer.h"
#include "common/errors.h"
#include "runtime/error.h"
#include "train/bpe_learner.h"
#include "train/clip_trainer.h"
#include "train/datasets.h"

using namespace atelier;
using namespace atelier::train;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> lossColumn(const fs::path& csv) {
  std::ifstream in(csv);
  std::vector<std::string> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    auto a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
    out.push_back(line.substr(0, c));  // step, loss, accuracy
  }
  return out;
}

ClipTrainOptions tinyRun(const fs::path& out) {
  ClipTrainOptions o;
  o.out = out;
  o.steps = 6;
  o.batch = 8;
  o.warmup = 2;
  o.checkpoint_every = 100;
  o.image_size = 32;
  o.patch = 8;
  o.vision_width = o.text_width = 64;
  o.vision_layers = o.text_layers = 1;
  o.context = 16;
  o.embed_dim = 16;
  o.merges = 40;
  o.contrast = 0.7;  // one group of five in a batch of eight
  return o;
}
}  // namespace

class TestTrain : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void shapesAreAFunctionOfSeedAndIndex() {
    ShapeOptions so;
    ShapeLabels la, lb;
    Sample a = render_shapes(7, 42, so, &la), b = render_shapes(7, 42, so, &lb), c = render_shapes(7, 43, so);
    QCOMPARE(a.image.pixels, b.image.pixels);
    QCOMPARE(a.caption, b.caption);
    QVERIFY(a.image.pixels != c.image.pixels || a.caption != c.caption);
    QCOMPARE(a.image.width, 64);
    // The caption names the colour and shape that were drawn.
    int named = 0;
    for (uint64_t i = 0; i < 200; ++i) {
      ShapeLabels l;
      Sample s = render_shapes(1, i, so, &l);
      named += s.caption.find(colour_names()[size_t(l.colour)]) != std::string::npos &&
               s.caption.find(shape_names()[size_t(l.shape)]) != std::string::npos;
    }
    QCOMPARE(named, 200);
    Sample red = render_shape(0, 0, 4, 64, 1);
    QCOMPARE(QString::fromStdString(red.caption), QString("a red circle in the middle"));
    const uint8_t* centre = &red.image.pixels[(32 * 64 + 32) * 3];
    QVERIFY(centre[0] > 200 && centre[1] < 60 && centre[2] < 60);
  }

  void singleShapesAreAlsoDrawnInOutlineOrScribbled() {
    // The style has its own random stream: with styles off, the same sample is the filled shape
    // under the same caption, so outlines and scribbles are that shape drawn with less ink.
    ShapeOptions styled, solid;
    solid.allow_styles = false;
    int counts[3] = {0, 0, 0};
    for (uint64_t i = 0; i < 600; ++i) {
      ShapeLabels l;
      const Sample a = render_shapes(5, i, styled, &l), b = render_shapes(5, i, solid);
      QCOMPARE(a.caption, b.caption);
      ++counts[l.style];
      if (l.style == 0) {
        QCOMPARE(a.image.pixels, b.image.pixels);
        continue;
      }
      QCOMPARE(l.count, 1);
      // Pixels unlike the background (the corner): the styled shape's all lie on or within 3 px
      // of the filled one's, and it differs from it.
      auto ink = [](const Image& im, int x, int y) {
        const uint8_t* p = &im.pixels[size_t((y * im.width + x) * 3)];
        return std::abs(p[0] - im.pixels[0]) + std::abs(p[1] - im.pixels[1]) + std::abs(p[2] - im.pixels[2]) > 60;
      };
      int inked = 0, outside = 0;
      for (int y = 0; y < a.image.height; ++y)
        for (int x = 0; x < a.image.width; ++x) {
          if (!ink(a.image, x, y)) continue;
          ++inked;
          bool near = false;
          for (int dy = -3; dy <= 3 && !near; ++dy)
            for (int dx = -3; dx <= 3 && !near; ++dx) {
              const int u = x + dx, v = y + dy;
              near = u >= 0 && v >= 0 && u < b.image.width && v < b.image.height && ink(b.image, u, v);
            }
          outside += !near;
        }
      QVERIFY2(inked > 10 && outside == 0 && a.image.pixels != b.image.pixels,
               qPrintable(QStringLiteral("%1: %2 px, %3 away from the shape").arg(QString::fromStdString(a.caption)).arg(inked).arg(outside)));
    }
    // About 32 outlines (6 of 10 shapes have one) and 38 scribbles (7 of 10) expected: 60% single shapes, 15% each style.
    QVERIFY2(counts[1] > 15 && counts[2] > 15 && counts[0] > 400, qPrintable(QStringLiteral("%1 %2 %3").arg(counts[0]).arg(counts[1]).arg(counts[2])));
  }

  void contrastGroupsDifferInOneAttribute() {
    const ShapeOptions so;
    auto normalised = [](std::string c) {  // the caption with its position and colour words blanked
      for (const auto* names : {&position_names(), &colour_names()})
        for (const auto& n : *names)
          for (size_t p; (p = c.find(n)) != std::string::npos;) c.replace(p, n.size(), "_");
      for (size_t p; (p = c.find("an _")) != std::string::npos;) c.replace(p, 4, "a _");  // "an orange"
      return QString::fromStdString(c);
    };
    // The centre of the pixels that differ from the corner (the background).
    auto centre = [](const Image& im) {
      double x = 0, y = 0, n = 0;
      for (int j = 0; j < im.height; ++j)
        for (int i = 0; i < im.width; ++i)
          for (int c = 0; c < 3; ++c)
            if (im.pixels[size_t((j * im.width + i) * 3 + c)] != im.pixels[size_t(c)]) {
              x += i, y += j, ++n;
              break;
            }
      return std::pair{x / n, y / n};
    };
    int by_position = 0, by_colour = 0;
    for (uint64_t g = 0; g < 60; ++g) {
      std::vector<Sample> m;
      std::set<std::string> captions;
      for (int k = 0; k < kContrastGroup; ++k) m.push_back(render_contrast(3, g, k, so));
      for (const auto& s : m) {
        captions.insert(s.caption);
        QCOMPARE(normalised(s.caption), normalised(m[0].caption));
      }
      QCOMPARE(captions.size(), size_t(kContrastGroup));  // five different captions, alike but for one attribute
      // A position group's members are on the left, right, top, bottom and in the middle; a
      // colour group's are all in one place.
      if (m[0].caption.find("on the left") != std::string::npos && m[1].caption.find("on the right") != std::string::npos) {
        ++by_position;
        QVERIFY(centre(m[0].image).first + 16 < centre(m[1].image).first);   // left, right
        QVERIFY(centre(m[2].image).second + 16 < centre(m[3].image).second);  // top, bottom
      } else {
        ++by_colour;
        QCOMPARE(m[0].image.pixels.size(), m[1].image.pixels.size());
        QVERIFY(m[0].image.pixels != m[1].image.pixels);
      }
      QCOMPARE(render_contrast(3, g, 2, so).image.pixels, m[2].image.pixels);  // a pure function
    }
    QVERIFY(by_position > 30 && by_colour > 10);
    QVERIFY(QString::fromStdString(errorOf([&] { render_contrast(3, 0, kContrastGroup, so); })).contains("members"));
  }

  void emojiRenderInColour() {
    auto set = EmojiSet::load();
    QVERIFY(set->size() > 1000);
    size_t rocket = set->size();
    for (size_t i = 0; i < set->size(); ++i)
      if (set->entries()[i].name == "rocket") rocket = i;
    QVERIFY(rocket < set->size());
    Sample s = set->render(rocket, 1, 0, 64, false);
    QCOMPARE(QString::fromStdString(s.caption), QString("an emoji of a rocket"));
    int coloured = 0;  // pixels that are neither white nor grey: a colour glyph was drawn
    for (size_t p = 0; p < s.image.pixels.size(); p += 3) {
      const int r = s.image.pixels[p], g = s.image.pixels[p + 1], b = s.image.pixels[p + 2];
      coloured += std::max({r, g, b}) - std::min({r, g, b}) > 40;
    }
    QVERIFY2(coloured > 100, qPrintable(QString::number(coloured)));
    QCOMPARE(set->sample(3, 9, 64).image.pixels, set->sample(3, 9, 64).image.pixels);
  }

  void missingDebianDataIsNamed() {
    QVERIFY(QString::fromStdString(errorOf([] { EmojiSet::load("/nonexistent/NotoColorEmoji.ttf"); })).contains("fonts-noto-color-emoji"));
    QVERIFY(QString::fromStdString(errorOf([] { EmojiSet::load("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf", "/nonexistent/emoji-test.txt"); }))
                .contains("unicode-data"));
  }

  void aLearnedVocabularyTokenizesAnything() {
    QTemporaryDir dir;
    const fs::path file = fs::path(dir.path().toStdString()) / "vocab.txt.gz";
    std::vector<std::pair<std::string, double>> corpus = {{"a red circle", 5}, {"a blue square", 5}, {"a red square", 3},
                                                          {"an emoji of a rocket", 4}, {"circles and squares", 1}};
    auto merges = learn_bpe(corpus, 30);
    QVERIFY(merges.size() >= 10);
    QCOMPARE(learn_bpe(corpus, 30), merges);  // deterministic
    write_merges(file, merges);
    clip::Tokenizer tok = clip::Tokenizer::load(file);
    QCOMPARE(tok.vocab_size(), size_t(512 + merges.size() + 2));
    // Learned words are single tokens; anything else still tokenizes, down to bytes.
    QCOMPARE(tok.encode("red").size(), size_t(1));
    for (const char* text : {"a red circle", "zebra 🦓 crossing", "Ünïcödé", "東京"}) {
      auto ids = tok.encode(text);
      QVERIFY(!ids.empty());
      QCOMPARE(QString::fromStdString(tok.decode(ids)).trimmed(), QString::fromUtf8(text).toLower());
    }
  }

  void resumingGivesTheSameLossCurve() {
    QTemporaryDir dir;
    const fs::path whole = fs::path(dir.path().toStdString()) / "whole", split = fs::path(dir.path().toStdString()) / "split";
    train_clip(tinyRun(whole), {});
    // The same run, stopped after three steps and resumed.
    int steps = 0;
    train_clip(tinyRun(split), [&](const TrainProgress&) { ++steps; }, [&] { return steps >= 3; });
    QCOMPARE(lossColumn(split / "metrics.csv").size(), size_t(3));
    QVERIFY(!fs::exists(split / "model.safetensors"));
    ClipTrainOptions resume = tinyRun(split);
    resume.resume = true;
    train_clip(resume, {});
    QCOMPARE(lossColumn(split / "metrics.csv"), lossColumn(whole / "metrics.csv"));
    QCOMPARE(lossColumn(whole / "metrics.csv").size(), size_t(6));
    // A new run into a folder that holds one is refused rather than overwritten.
    QVERIFY(QString::fromStdString(errorOf([&] { train_clip(tinyRun(whole), {}); })).contains("--resume"));
    // Each step shows its first pairs (the batch has 8) and each image's softmax over their captions.
    TrainProgress last;
    ClipTrainOptions more = tinyRun(whole);
    more.resume = true;
    more.steps = 7;
    train_clip(more, [&](const TrainProgress& p) { last = p; });
    QCOMPARE(last.step, int64_t(7));
    QCOMPARE(last.images.size(), size_t(8));
    QCOMPARE(last.captions.size(), size_t(8));
    QCOMPARE(last.softmax.size(), size_t(64));
    QCOMPARE(last.images[0].width, 32);
    for (int r = 0; r < 8; ++r) {
      double sum = 0;
      for (int c = 0; c < 8; ++c) sum += last.softmax[size_t(r * 8 + c)];
      QVERIFY(std::abs(sum - 1.0) < 1e-4);
    }
    // The result loads as any CLIP, with its vocabulary beside it.
    clip::Clip model = clip::Clip::load(whole / "model.safetensors");
    QCOMPARE(model.info().image_size, int64_t(32));
    QCOMPARE(model.encode_texts({"a red circle"})[0].size(), size_t(16));
  }

  void aRunCanStartFromATrainedModel() {
    QTemporaryDir dir;
    const fs::path root(dir.path().toStdString());
    train_clip(tinyRun(root / "first"), {});
    // With a learning rate of zero, a run started from the model (or from its checkpoint) ends
    // where it started: same weights, same vocabulary, the architecture read from the weights.
    for (const fs::path& from : {root / "first", root / "first" / "checkpoint.safetensors"}) {
      const fs::path out = root / ("from-" + from.filename().string());
      ClipTrainOptions o = tinyRun(out);
      o.init = from;
      o.lr = 0;
      o.steps = 1;
      o.vision_layers = o.text_layers = 3;  // ignored: the weights decide
      train_clip(o, {});
      clip::Clip a = clip::Clip::load(root / "first" / "model.safetensors"), b = clip::Clip::load(out / "model.safetensors");
      QCOMPARE(b.info().architecture, a.info().architecture);
      QCOMPARE(b.encode_texts({"a red circle", "a rocket"}), a.encode_texts({"a red circle", "a rocket"}));
      QCOMPARE(b.tokenizer().encode("a red circle"), a.tokenizer().encode("a red circle"));
    }
    // A run's checkpoint loads as a CLIP too (float32; the shipped form is fp16), to evaluate a run as it goes.
    clip::Clip ck = clip::Clip::load(root / "first" / "checkpoint.safetensors"), fp16 = clip::Clip::load(root / "first");
    const auto e32 = ck.encode_texts({"a red circle"})[0], e16 = fp16.encode_texts({"a red circle"})[0];
    double dot = 0, n32 = 0, n16 = 0;
    for (size_t i = 0; i < e32.size(); ++i) dot += e32[i] * e16[i], n32 += e32[i] * e32[i], n16 += e16[i] * e16[i];
    QVERIFY2(dot / std::sqrt(n32 * n16) > 0.999, qPrintable(QString::number(dot / std::sqrt(n32 * n16))));
    QVERIFY(e32 != e16);
    ClipTrainOptions bad = tinyRun(root / "bad");
    bad.init = root / "nothing-here";
    QVERIFY(QString::fromStdString(errorOf([&] { train_clip(bad, {}); })).contains("--init"));
  }
};

QTEST_GUILESS_MAIN(TestTrain)
#include "tst_train.moc"
