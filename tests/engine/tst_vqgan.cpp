// The VQGAN engine against the reference (taming-transformers): a tiny random VQModel saved like
// a Lightning checkpoint loads (loss.* skipped, optimiser states and an unknown callback class
// ignored); encoder, quant_conv and decoder outputs within 1e-4 of the reference's; identical
// code indices; the straight-through gradient; a missing or misshapen entry named; a checkpoint
// with a malicious global refused without running it. The mini-VQGAN trainer: a run stopped
// and resumed ends where an uninterrupted one does; dead codes are re-initialised; the shipped
// form loads; the evaluation's PSNR is the one computed independently from reconstructions.
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "common/errors.h"
#include "io/detail/checkpoint.h"
#include "runtime/model_paths.h"
#include "train/vqgan_trainer.h"
#include "vqgan/detail/taming.h"
#include "vqgan/vqgan.h"

namespace fs = std::filesystem;

using namespace atelier;

namespace {
const std::string kData = std::string(ATELIER_SOURCE_DIR) + "/tests/data/vqgan/";
double maxDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

train::VqganTrainOptions tinyRun(const fs::path& out, int64_t steps) {
  train::VqganTrainOptions o;
  o.out = out;
  o.data = "emoji,shapes";
  o.size = 16;
  o.batch = 2;
  o.steps = steps;
  o.ch = 32;
  o.ch_mult = {1, 2};
  o.z_channels = 8;
  o.embed_dim = 8;
  o.n_embed = 512;       // more codes than a 2-step window's 2 x 2 x 8 x 8 = 256 vectors: some must die
  o.disc_start = 1;      // the adversarial term and D's step are exercised
  o.reinit_every = 2;
  o.clip = find_default_clip();
  o.sample_every = 2;
  o.checkpoint_every = 2;
  return o;
}
}  // namespace

class TestVqgan : public QObject {
  Q_OBJECT
  io::StateDict m_golden;

 private Q_SLOTS:
  void initTestCase() { m_golden = io::read_state_dict(kData + "golden.pt"); }

  void aLightningCheckpointLoads() {
    std::string kind;
    const auto sd = io::read_state_dict(kData + "tiny.ckpt", &kind);
    QCOMPARE(QString::fromStdString(kind), QStringLiteral("lightning"));
    QVERIFY(sd.count("loss.discriminator.main.0.weight"));
    auto model = vqgan::load_vqgan(sd, "tiny.ckpt");
    QCOMPARE(model->config.ch, int64_t(32));
    QCOMPARE(model->config.ch_mult, (std::vector<int64_t>{1, 2}));
    QCOMPARE(model->config.n_embed, int64_t(32));
    QCOMPARE(model->config.embed_dim, int64_t(8));
    QCOMPARE(model->config.factor(), int64_t(2));
  }

  void outputsMatchTheReference() {
    auto model = vqgan::load_vqgan(io::read_state_dict(kData + "tiny.ckpt"), "tiny.ckpt");
    at::NoGradGuard no_grad;
    const at::Tensor x = m_golden.at("x");
    const at::Tensor h = model->encoder->forward(x);
    const at::Tensor hq = model->quant_conv->forward(h);
    const auto [zq, idx] = model->quantise(hq);
    const at::Tensor dec = model->decode(zq);
    qInfo("max |delta|: encoder %.2e, quant_conv %.2e, z_q %.2e, decoder %.2e", maxDiff(h, m_golden.at("h")), maxDiff(hq, m_golden.at("hq")),
          maxDiff(zq, m_golden.at("zq")), maxDiff(dec, m_golden.at("dec")));
    QVERIFY(maxDiff(h, m_golden.at("h")) <= 1e-4);
    QVERIFY(maxDiff(hq, m_golden.at("hq")) <= 1e-4);
    QVERIFY(at::equal(idx, m_golden.at("indices")));
    QVERIFY(maxDiff(zq, m_golden.at("zq")) <= 1e-4);
    QVERIFY(maxDiff(dec, m_golden.at("dec")) <= 1e-4);
    // The reference's 8-bit image after its own clamping and rounding: within 1/255.
    const at::Tensor img = ((dec.clamp(-1, 1) + 1) * 127.5).round().to(at::kShort);
    QVERIFY((img - m_golden.at("image").to(at::kShort)).abs().max().item<int>() <= 1);
  }

  void straightThroughGradient() {
    auto model = vqgan::load_vqgan(io::read_state_dict(kData + "tiny.ckpt"), "tiny.ckpt");
    at::Tensor z = m_golden.at("hq").clone().requires_grad_(true);
    const at::Tensor r = at::randn(z.sizes());
    auto [zq, idx] = model->quantise(z);
    (zq * r).sum().backward();
    QVERIFY(at::allclose(z.grad(), r));  // the gradient at z_q reaches z unchanged
  }

  void missingOrMisshapenEntriesAreNamed() {
    auto sd = io::read_state_dict(kData + "tiny.ckpt");
    auto missing = sd;
    missing.erase("decoder.mid.attn_1.proj_out.weight");
    QVERIFY(errorOf([&] { vqgan::load_vqgan(missing, "t.ckpt"); }).find("decoder.mid.attn_1.proj_out.weight") != std::string::npos);
    auto wrong = sd;
    wrong["post_quant_conv.weight"] = at::zeros({3, 3, 1, 1});
    QVERIFY(errorOf([&] { vqgan::load_vqgan(wrong, "t.ckpt"); }).find("post_quant_conv.weight has shape") != std::string::npos);
    auto gumbel = sd;
    gumbel["quantize.proj.weight"] = at::zeros({32, 8, 1, 1});
    QVERIFY(errorOf([&] { vqgan::load_vqgan(gumbel, "g.ckpt"); }).find("Gumbel") != std::string::npos);
    io::StateDict clip{{"visual.proj", at::zeros({2, 2})}};
    QVERIFY(errorOf([&] { vqgan::load_vqgan(clip, "clip.pt"); }).find("not a taming VQGAN") != std::string::npos);
  }

  void aMaliciousCheckpointIsRefused() {
    // tools/make_malicious_ckpt.py: Lightning's layout, with a callback that would call os.system.
    fs::remove("/tmp/clip_atelier_pwned");
    const std::string msg = errorOf([&] { vqgan::Vqgan::load(kData + "malicious.ckpt"); });
    QVERIFY2(msg.find("system") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("malicious.ckpt") != std::string::npos, msg.c_str());
    QVERIFY(!fs::exists("/tmp/clip_atelier_pwned"));
  }

  void trainerResumesReinitialisesAndShips() {
    QTemporaryDir dir;
    const fs::path whole = fs::path(dir.path().toStdString()) / "whole", split = fs::path(dir.path().toStdString()) / "split";
    std::vector<train::VqganTrainProgress> seen;
    train::train_vqgan(tinyRun(whole, 4), [&](const train::VqganTrainProgress& p) { seen.push_back(p); });
    QCOMPARE(seen.size(), size_t(4));
    QVERIFY(seen[0].reinitialised == 512);  // the codebook starts on the first batch's encoder outputs
    QVERIFY2(seen[1].reinitialised >= 256, std::to_string(seen[1].reinitialised).c_str());
    QVERIFY(seen[1].usage > 0 && seen[1].usage <= 0.5);
    QVERIFY(seen[3].g_adv != 0 && seen[3].d_loss > 0 && seen[3].perceptual > 0 && seen[3].d_weight > 0);
    train::train_vqgan(tinyRun(split, 2), {});
    QVERIFY(errorOf([&] { train::train_vqgan(tinyRun(split, 4), {}); }).find("--resume") != std::string::npos);
    auto again = tinyRun(split, 4);
    again.resume = true;
    train::train_vqgan(again, {});
    auto a = io::read_safetensors(whole / "checkpoint.safetensors"), b = io::read_safetensors(split / "checkpoint.safetensors");
    QCOMPARE(a.size(), b.size());
    for (auto& [k, v] : a) QVERIFY2(at::allclose(v.to(at::kDouble), b.at(k).to(at::kDouble), 1e-5, 1e-6), k.c_str());
    QVERIFY(fs::exists(whole / "samples" / "step_000004.png"));
    // The shipped form: taming's key names in fp16 with its yaml; both ways of loading agree.
    auto m = vqgan::Vqgan::load(whole / "model.safetensors", whole / "model.yaml");
    auto inferred = vqgan::Vqgan::load(whole / "model.safetensors");
    QCOMPARE(m.info().factor, int64_t(2));
    QCOMPARE(m.info().n_embed, int64_t(512));
    // The evaluation's PSNR is what the reconstructions give, computed here on its own.
    const auto q = train::eval_vqgan(m, "emoji,shapes", 6, 16, 5);
    const auto images = train::vqgan_holdout("emoji,shapes", 6, 16, 5);
    double se = 0;
    for (const auto& img : images) {
      const Image r = m.reconstruct(img), r2 = inferred.reconstruct(img);
      QVERIFY(r.pixels == r2.pixels);
      for (size_t p = 0; p < r.pixels.size(); ++p) se += std::pow(double(r.pixels[p]) - double(img.pixels[p]), 2);
    }
    const double psnr = 10 * std::log10(255.0 * 255.0 / (se / (6.0 * 16 * 16 * 3)));
    qInfo("tiny run: PSNR %.3f dB, %d of %d codes", q.psnr, q.codes_used, q.codes);
    // Batched (the evaluation) and one by one (reconstruct) convolutions round differently in the
    // last float bits, which can move a pixel by one level after rounding to 8 bits.
    qInfo("PSNR: evaluation %.6f dB, independently %.6f dB", q.psnr, psnr);
    QVERIFY(std::abs(q.psnr - psnr) < 0.01);
    QVERIFY(q.psnr_min <= q.psnr);
    QVERIFY(q.codes_used >= 1 && q.codes_used <= 6 * 8 * 8);
    QVERIFY(q.perplexity >= 1 && q.perplexity <= q.codes_used + 1e-6);
    QVERIFY(errorOf([&] { train::eval_vqgan(m, "emoji", 1, 15); }).find("factor") != std::string::npos);
    auto bad = tinyRun(fs::path(dir.path().toStdString()) / "bad", 1);
    bad.data = "emoji,photos";
    QVERIFY(errorOf([&] { train::train_vqgan(bad, {}); }).find("unknown data 'photos'") != std::string::npos);
  }
};

QTEST_GUILESS_MAIN(TestVqgan)
#include "tst_vqgan.moc"
