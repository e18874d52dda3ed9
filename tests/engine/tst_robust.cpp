// Adversarial training of the mini-CLIP (train clip --adversarial): the batch it trains on is
// the clean one moved within the stated bound, in pixel units and the pixels' range, in the
// direction that raises the loss; and a run records the bound and keeps it on --resume.
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "clip/detail/model.h"
#include "clip/preprocess.h"
#include "clip/tokenizer.h"
#include "train/clip_trainer.h"
#include "train/datasets.h"
#include "train/detail/contrastive.h"

using namespace atelier;
using namespace atelier::train;
namespace fs = std::filesystem;

namespace {

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
  o.contrast = 0;
  return o;
}

std::vector<std::string> metricsOf(const fs::path& csv) {
  std::ifstream in(csv);
  std::vector<std::string> rows;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) rows.push_back(line.substr(0, line.rfind(',')));  // all but the seconds
  return rows;
}

}  // namespace

class TestRobust : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void theAttackStaysInItsBoundAndRaisesTheLoss() {
    // A model (a run's vocabulary, weights as initialised) and a batch of shapes with their own
    // captions.
    QTemporaryDir dir;
    const fs::path run = fs::path(dir.path().toStdString()) / "run";
    ClipTrainOptions o = tinyRun(run);
    o.steps = 1;  // for its vocabulary
    train_clip(o, {});
    const clip::Tokenizer tok = clip::Tokenizer::load(run / "vocab.txt.gz");
    at::manual_seed(3);
    clip::ClipConfig config;
    config.embed_dim = 16;
    config.image_resolution = 32;
    config.vision_layers = config.transformer_layers = 1;
    config.vision_width = config.transformer_width = 64;
    config.transformer_heads = 1;
    config.vision_patch_size = 8;
    config.context_length = 16;
    config.vocab_size = int64_t(tok.vocab_size());
    clip::ClipModel model(config);
    model->initialize_parameters();
    model->eval();

    const int64_t B = 16, S = 32;
    auto images = at::empty({B, 3, S, S});
    auto tokens = at::zeros({B, 16}, at::kLong);
    ShapeOptions so{int(S)};
    for (int64_t i = 0; i < B; ++i) {
      const Sample s = render_shapes(9, uint64_t(i), so);
      for (int64_t p = 0; p < S * S; ++p)
        for (int c = 0; c < 3; ++c)
          images[i][c][p / S][p % S] = (float(s.image.pixels[size_t(p) * 3 + size_t(c)]) / 255.0f - clip::kMean[c]) / clip::kStd[c];
      const auto ids = tok.tokenize(s.caption, 16, true);
      for (size_t k = 0; k < ids.size(); ++k) tokens[i][int64_t(k)] = ids[k];
    }
    const auto targets = at::eye(B) / 1.0;
    at::Tensor clean_loss, moved_loss;
    {
      at::NoGradGuard no_grad;
      clean_loss = contrastive_loss(*model, images, tokens, targets, false).first;
    }
    const double levels = 8;
    const at::Tensor moved = adversarial_images(*model, images, tokens, targets, levels, false, 5);
    QCOMPARE(moved.sizes(), images.sizes());
    QVERIFY(!moved.requires_grad());
    {
      at::NoGradGuard no_grad;
      moved_loss = contrastive_loss(*model, moved, tokens, targets, false).first;
    }
    // In pixel units: within the bound, within [0, 1], and most pixels at the bound (a signed
    // step of 1.25 bounds from a start inside it) save where the range clips them.
    const auto stdv = at::tensor({clip::kStd[0], clip::kStd[1], clip::kStd[2]}).view({1, 3, 1, 1});
    const auto mean = at::tensor({clip::kMean[0], clip::kMean[1], clip::kMean[2]}).view({1, 3, 1, 1});
    const auto px = moved * stdv + mean, px0 = images * stdv + mean;
    const auto step = (px - px0).abs() * 255;
    QVERIFY2(step.max().item<double>() <= levels + 1e-3, qPrintable(QString::number(step.max().item<double>())));
    QVERIFY(px.min().item<double>() >= -1e-5 && px.max().item<double>() <= 1 + 1e-5);
    const auto inside = (px0 > 0.05) & (px0 < 0.95);  // no clipping there
    const double atBound = ((step > levels - 1e-3) & inside).sum().item<double>() / inside.sum().item<double>();
    QVERIFY2(atBound > 0.5, qPrintable(QString::number(atBound)));
    // The point of it: the loss is higher on the moved images than on the clean ones, and by
    // more than random moves of the same size raise it.
    at::manual_seed(4);
    const auto noise = at::max(at::min(images + (at::randint(0, 2, images.sizes()).to(at::kFloat) * 2 - 1) * (levels / 255.0) / stdv,
                                       (1 - mean) / stdv),
                               (0 - mean) / stdv);
    double noisy_loss = 0;
    {
      at::NoGradGuard no_grad;
      noisy_loss = contrastive_loss(*model, noise, tokens, targets, false).first.item<double>();
    }
    const double c = clean_loss.item<double>(), m = moved_loss.item<double>();
    QVERIFY2(m > c + 0.01 && m - c > 3 * std::abs(noisy_loss - c),
             qPrintable(QString("clean %1, adversarial %2, random %3").arg(c).arg(m).arg(noisy_loss)));
  }

  void aRunRecordsItsBoundAndKeepsItOnResume() {
    QTemporaryDir dir;
    const fs::path root(dir.path().toStdString());
    ClipTrainOptions whole = tinyRun(root / "whole");
    whole.adversarial = 6;
    train_clip(whole, {});
    std::ifstream in(root / "whole" / "config.json");
    QCOMPARE(nlohmann::json::parse(in).at("adversarial").get<double>(), 6.0);
    // Stopped after three steps and resumed with no bound given: the recorded one goes on, and
    // the losses are the uninterrupted run's.
    int steps = 0;
    ClipTrainOptions split = tinyRun(root / "split");
    split.adversarial = 6;
    train_clip(split, [&](const TrainProgress&) { ++steps; }, [&] { return steps >= 3; });
    ClipTrainOptions resume = tinyRun(root / "split");
    resume.resume = true;
    resume.steps = 0;
    train_clip(resume, {});
    QCOMPARE(metricsOf(root / "split" / "metrics.csv"), metricsOf(root / "whole" / "metrics.csv"));
    // It trains on other images than a clean run does: another loss curve.
    train_clip(tinyRun(root / "clean"), {});
    QVERIFY(metricsOf(root / "clean" / "metrics.csv") != metricsOf(root / "whole" / "metrics.csv"));
    ClipTrainOptions bad = tinyRun(root / "bad");
    bad.adversarial = -1;
    try {
      train_clip(bad, {});
      QFAIL("a negative bound was accepted");
    } catch (const std::exception& e) {
      QVERIFY2(QString(e.what()).contains("adversarial"), e.what());
    }
  }
};

QTEST_GUILESS_MAIN(TestRobust)
#include "tst_robust.moc"
