// The VQGAN engine against the reference (taming-transformers): a tiny random VQModel saved like
// a Lightning checkpoint loads (loss.* skipped, optimiser states and an unknown callback class
// ignored); encoder, quant_conv and decoder outputs within 1e-4 of the reference's; identical
// code indices; the straight-through gradient; a missing or misshapen entry named.
#include <QTest>

#include <ATen/ATen.h>

#include "common/errors.h"
#include "io/detail/checkpoint.h"
#include "vqgan/detail/taming.h"

using namespace atelier;

namespace {
const std::string kData = std::string(ATELIER_SOURCE_DIR) + "/tests/data/vqgan/";
double maxDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }
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
};

QTEST_GUILESS_MAIN(TestVqgan)
#include "tst_vqgan.moc"
