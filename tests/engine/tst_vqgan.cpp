// The VQGAN engine against the reference (taming-transformers): a tiny random VQModel saved like
// a Lightning checkpoint loads (loss.* skipped, optimiser states and an unknown callback class
// ignored); encoder, quant_conv and decoder outputs within 1e-4 of the reference's; identical
// code indices; the straight-through gradient; a missing or misshapen entry named; a checkpoint
// with a malicious global refused without running it. The mini-VQGAN trainer: a run stopped
// and resumed ends where an uninterrupted one does; dead codes are re-initialised; the shipped
// form loads; the evaluation's PSNR is the one computed independently from reconstructions.
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/errors.h"
#include "common/process.h"
#include "io/detail/checkpoint.h"
#include "runtime/model_paths.h"
#include "train/vqgan_trainer.h"
#include "runtime/limits.h"
#include "vqgan/detail/config.h"
#include "vqgan/detail/taming.h"
#include "vqgan/vqgan.h"

namespace fs = std::filesystem;

using namespace atelier;

namespace {
const std::string kData = std::string(ATELIER_SOURCE_DIR) + "/tests/data/vqgan/";
double maxDiff(const at::Tensor& a, const at::Tensor& b) { return (a - b).abs().max().item<double>(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string readText(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// tiny.yaml with one line replaced ("      ch: 32" -> "      ch: 4096"), written to dir/name.
fs::path tinyYamlWith(const fs::path& dir, const std::string& name, const std::string& from, const std::string& to) {
  std::string text = readText(kData + "tiny.yaml");
  const size_t at = text.find(from);
  if (at == std::string::npos) qFatal("tiny.yaml has no '%s'", from.c_str());
  text.replace(at, from.size(), to);
  std::ofstream(dir / name) << text;
  return dir / name;
}

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

  void tamingsOwnLayoutIsFound() {
    // A taming run folder as its training writes it (logs/RUN/checkpoints/last.ckpt with
    // logs/RUN/configs/DATE-project.yaml) and as its released zips unpack (RUN/...): found in a
    // models folder whatever the run's name, with its config; a run of another model is not.
    QTemporaryDir models;
    const fs::path root = models.path().toStdString();
    auto run = [&](const fs::path& dir, const std::string& yaml_text) {
      fs::create_directories(dir / "checkpoints");
      fs::create_directories(dir / "configs");
      fs::copy_file(kData + "tiny.ckpt", dir / "checkpoints" / "last.ckpt");
      std::ofstream(dir / "configs" / "2021-04-03T19-39-50-project.yaml") << yaml_text;
    };
    std::stringstream yaml;
    yaml << std::ifstream(kData + "tiny.yaml").rdbuf();
    run(root / "logs" / "2021-04-03T19-39-50_custom", yaml.str());
    run(root / "my-transformer", "model:\n  target: taming.models.cond_transformer.Net2NetTransformer\n");
    const QByteArray saved = qgetenv(kModelPathEnv);
    qputenv(kModelPathEnv, models.path().toUtf8());
    const auto found = vqgan::find_vqgans();
    qputenv(kModelPathEnv, saved);
    std::vector<std::pair<fs::path, fs::path>> ours;
    for (const auto& f : found)
      if (f.first.string().rfind(root.string(), 0) == 0) ours.push_back(f);
    QCOMPARE(ours.size(), size_t(1));
    QCOMPARE(ours[0].first, root / "logs" / "2021-04-03T19-39-50_custom" / "checkpoints" / "last.ckpt");
    QCOMPARE(ours[0].second, root / "logs" / "2021-04-03T19-39-50_custom" / "configs" / "2021-04-03T19-39-50-project.yaml");
    QCOMPARE(vqgan::Vqgan::load(ours[0].first, ours[0].second).info().n_embed, int64_t(32));
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

  // --init: the trained model's weights, architecture and codebook are where the run starts (a step
  // too small to change an fp16 weight ships the init bit for bit; the options' own architecture
  // is overridden; the codebook is not re-initialised at the start).
  void aFineTuneStartsFromItsInit() {
    QTemporaryDir dir;
    const fs::path base = fs::path(dir.path().toStdString()) / "base", tuned = fs::path(dir.path().toStdString()) / "tuned",
                   fresh = fs::path(dir.path().toStdString()) / "fresh";
    train::train_vqgan(tinyRun(base, 2), {});
    auto o = tinyRun(tuned, 1);
    o.init = base;
    o.ch = 64, o.z_channels = 16, o.n_embed = 256;  // replaced by the init's
    o.lr = 1e-12;
    o.reinit_every = 0;
    std::vector<train::VqganTrainProgress> seen;
    train::train_vqgan(o, [&](const train::VqganTrainProgress& p) { seen.push_back(p); });
    QCOMPARE(seen.size(), size_t(1));
    QCOMPARE(seen[0].reinitialised, int64_t(0));
    const auto a = io::read_safetensors(base / "model.safetensors"), b = io::read_safetensors(tuned / "model.safetensors");
    QCOMPARE(a.size(), b.size());
    for (const auto& [k, v] : a) QVERIFY2(at::equal(v, b.at(k)), k.c_str());
    const auto m = vqgan::Vqgan::load(tuned / "model.safetensors", tuned / "model.yaml");  // its yaml agrees
    QCOMPARE(m.info().n_embed, int64_t(512));
    // The same options without --init start elsewhere.
    auto f = o;
    f.out = fresh;
    f.init.clear();
    train::train_vqgan(f, {});
    const auto c = io::read_safetensors(fresh / "model.safetensors");
    QVERIFY(!at::equal(a.at("quantize.embedding.weight"), c.at("quantize.embedding.weight")));
    auto missing = o;
    missing.out = fs::path(dir.path().toStdString()) / "missing";
    missing.init = fs::path(dir.path().toStdString()) / "nowhere";
    QVERIFY(!errorOf([&] { train::train_vqgan(missing, {}); }).empty());
  }

  // ---- hostile files (issue 16): refused before anything is allocated, nothing left behind ----

  void aZeroWidthEncoderIsRefused() {
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    io::StateDict sd;
    for (auto& [k, v] : io::read_state_dict(kData + "tiny.ckpt"))
      if (k.rfind("loss.", 0) != 0) sd[k] = v;
    sd["encoder.conv_in.weight"] = at::zeros({0, 3, 3, 3});  // was SIGFPE: widths divided by ch = 0
    io::write_safetensors(tmp / "zero.safetensors", sd);
    const std::string msg = errorOf([&] { vqgan::Vqgan::load(tmp / "zero.safetensors"); });
    QVERIFY2(contains(msg, "encoder.conv_in.weight has shape [0, 3, 3, 3]") && contains(msg, "zero.safetensors"), msg.c_str());
    QVERIFY(contains(errorOf([&] { vqgan::load_vqgan(sd, "zero.ckpt"); }), "output channels (ddconfig.ch) must be from 1"));
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"zero.safetensors"}));
  }

  void aYamlMustAgreeWithTheCheckpoint_data() {
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("says");
    QTest::newRow("ch 4096") << "ch: 32" << "ch: 4096" << "ddconfig.ch_mult[1] (ch 4096 times it may be at most 4096 channels) is 2";
    QTest::newRow("100000 blocks") << "num_res_blocks: 1" << "num_res_blocks: 100000"
                                   << "ddconfig.num_res_blocks is 100000; it must be from 1 to 16";
    QTest::newRow("ch_mult 255") << "ch_mult:\n      - 1\n      - 2" << "ch_mult: [255, 2]" << "ddconfig.ch_mult[0] (ch 32 times";
    QTest::newRow("too many levels") << "ch_mult:\n      - 1\n      - 2" << "ch_mult: [1, 1, 1, 1, 1, 1, 1, 1, 1]"
                                     << "the length of ddconfig.ch_mult is 9; it must be from 1 to 8";
    QTest::newRow("codes") << "n_embed: 32" << "n_embed: 100000000" << "n_embed is 100000000; it must be from 1 to 1048576";
    QTest::newRow("within limits, not this checkpoint") << "ch: 32" << "ch: 64"
                                                        << "encoder.conv_in.weight has shape [32, 3, 3, 3], expected [64, 3, 3, 3] by";
    QTest::newRow("another level") << "ch_mult:\n      - 1\n      - 2" << "ch_mult: [1, 2, 2]" << "has no encoder.down.1.downsample.conv.weight, which";
    QTest::newRow("inexact number") << "ch: 32" << "ch: 3.25e1" << "key model.params.ddconfig.ch: '3.25e1' is not an integer";
    QTest::newRow("number with a unit") << "ch: 32" << "ch: 32px" << "'32px' is not an integer";
    QTest::newRow("hexadecimal") << "z_channels: 8" << "z_channels: 0x8" << "key model.params.ddconfig.z_channels: '0x8'";
    QTest::newRow("a list for a number") << "ch: 32" << "ch: [32, 64]" << "a list of 2 values where one number is expected";
  }
  void aYamlMustAgreeWithTheCheckpoint() {
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, says);
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    const fs::path yaml = tinyYamlWith(tmp, "model.yaml", from.toStdString(), to.toStdString());
    const long before = peakMegabytes();
    const std::string msg = errorOf([&] { vqgan::Vqgan::load(kData + "tiny.ckpt", yaml); });
    QVERIFY2(contains(msg, says.toStdString()), msg.c_str());
    QVERIFY2(contains(msg, "model.yaml"), msg.c_str());
    QVERIFY(peakMegabytes() - before < 64);
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"model.yaml"}));
  }

  void yamlNumbersAreExact() {
    for (const auto& [text, value] : std::vector<std::pair<std::string, int64_t>>{
             {"32", 32}, {"+32", 32}, {"-1", -1}, {"3.2e1", 32}, {"32.0", 32}, {"3200e-2", 32}, {".32E+2", 32}, {"0.0", 0}})
      QCOMPARE(vqgan::yaml_integer(text, "t"), value);
    for (const char* text : {"3.25e1", "32.000000000000000001", "1e400", "0x20", "1_000", "", "32 ", "e5", "nan", "inf", "3.2e"})
      QVERIFY2(contains(errorOf([&] { vqgan::yaml_integer(text, "where"); }), "where: '"), text);
    // 3.2e1 where an integer is expected: 32, and the model loads as with 32.
    QTemporaryDir dir;
    const fs::path yaml = tinyYamlWith(dir.path().toStdString(), "model.yaml", "ch: 32", "ch: 3.2e1");
    QCOMPARE(vqgan::Vqgan::load(kData + "tiny.ckpt", yaml).info().factor, int64_t(2));
  }

  void theYamlReaderHasLimits() {
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    const auto good = vqgan::read_taming_yaml(kData + "tiny.yaml");
    QCOMPARE(good.at("model.params.ddconfig.ch_mult"), (std::vector<std::string>{"1", "2"}));
    QCOMPARE(good.at("model.params.n_embed"), (std::vector<std::string>{"32"}));
    // 200,000 nested '[' took 74 s in libyaml: the nesting is counted as events arrive.
    std::ofstream(tmp / "deep.yaml") << "a: " << std::string(200'000, '[');
    QElapsedTimer timer;
    timer.start();
    std::string msg = errorOf([&] { vqgan::read_taming_yaml(tmp / "deep.yaml"); });
    QVERIFY2(contains(msg, "nested deeper than 64 levels") && contains(msg, "deep.yaml"), msg.c_str());
    QVERIFY2(timer.elapsed() < 1000, std::to_string(timer.elapsed()).c_str());
    std::string blocks;  // nesting by indentation counts too
    for (int i = 0; i < 70; ++i) blocks += std::string(size_t(i), ' ') + "k" + std::to_string(i) + ":\n";
    std::ofstream(tmp / "indented.yaml") << blocks << std::string(70, ' ') << "v: 1\n";
    QVERIFY(contains(errorOf([&] { vqgan::read_taming_yaml(tmp / "indented.yaml"); }), "nested deeper than 64 levels"));
    // Too big, and not regular files.
    std::ofstream(tmp / "big.yaml") << "a: " << std::string(limits::kMaxConfigBytes, 'x') << "\n";
    msg = errorOf([&] { vqgan::read_taming_yaml(tmp / "big.yaml"); });
    QVERIFY2(contains(msg, "more than the limit of " + std::to_string(limits::kMaxConfigBytes)), msg.c_str());
    QVERIFY(contains(errorOf([] { vqgan::read_taming_yaml("/dev/zero"); }), "a character device, not a regular file"));
    QVERIFY(::mkfifo((tmp / "fifo.yaml").c_str(), 0600) == 0);
    QVERIFY(contains(errorOf([&] { vqgan::read_taming_yaml(tmp / "fifo.yaml"); }), "a pipe (FIFO), not a regular file"));
    QVERIFY(contains(errorOf([&] { vqgan::read_taming_yaml(tmp); }), "a folder, not a regular file"));
    // A key longer than the limit; an alias is text, not an expansion.
    std::ofstream(tmp / "key.yaml") << std::string(600, 'k') << ":\n  " << std::string(600, 'j') << ": 1\n";
    QVERIFY(contains(errorOf([&] { vqgan::read_taming_yaml(tmp / "key.yaml"); }), "longer than the limit of 1024 characters"));
    std::ofstream(tmp / "alias.yaml") << "a: &x 5\nb: *x\n";
    const auto alias = vqgan::read_taming_yaml(tmp / "alias.yaml");
    QCOMPARE(alias.at("a"), (std::vector<std::string>{"5"}));
    QCOMPARE(alias.at("b"), (std::vector<std::string>{"*x"}));
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"alias.yaml", "big.yaml", "deep.yaml", "fifo.yaml", "indented.yaml", "key.yaml"}));
  }

  void keysAreSplitNotMatched() {
    const auto sd = io::read_state_dict(kData + "tiny.ckpt");
    auto longKey = sd;  // a key of a million digits crashed std::regex (SIGSEGV)
    longKey["encoder.down." + std::string(1'000'000, '1') + ".block.0.conv1.weight"] = at::zeros({1, 1, 1, 1});
    QVERIFY(contains(errorOf([&] { vqgan::load_vqgan(longKey, "long.ckpt"); }), "longer than the limit of 1024"));
    auto digits = sd;
    digits["encoder.down.123456789012.block.0.conv1.weight"] = at::zeros({1, 1, 1, 1});
    std::string msg = errorOf([&] { vqgan::load_vqgan(digits, "digits.ckpt"); });
    QVERIFY2(contains(msg, "encoder.down.123456789012.block.0.conv1.weight") && contains(msg, "at most 9 digits"), msg.c_str());
    auto gap = sd;
    gap["encoder.down.5.block.0.conv1.weight"] = at::zeros({1, 1, 1, 1});
    msg = errorOf([&] { vqgan::load_vqgan(gap, "gap.ckpt"); });
    QVERIFY2(contains(msg, "level 2 is missing under encoder.down (they go up to 5)"), msg.c_str());
  }

  void theImpliedShapesAreTheModels() {
    // parameter_shapes(), what loads are checked against, is exactly what the model registers.
    const auto sd = io::read_state_dict(kData + "tiny.ckpt");
    vqgan::VqganConfig c = vqgan::infer_config(sd, "tiny");
    for (int variant = 0; variant < 2; ++variant) {
      if (variant == 1) {  // a released configuration's structure (attention, 5 levels), narrower
        c = vqgan::VqganConfig{};
        c.ch = 32;
        c.z_channels = c.embed_dim = 8;
        c.n_embed = 16;
      }
      vqgan::VqganModel model(c);
      const auto shapes = c.parameter_shapes();
      const auto params = model->named_parameters();
      QCOMPARE(shapes.size(), params.size());
      int64_t total = 0;
      for (size_t i = 0; i < shapes.size(); ++i) {
        QCOMPARE(QString::fromStdString(params[i].key()), QString::fromStdString(shapes[i].first));
        QVERIFY2(params[i].value().sizes() == c10::IntArrayRef(shapes[i].second), shapes[i].first.c_str());
        total += params[i].value().numel();
      }
      QCOMPARE(c.parameter_count(), total);
      QVERIFY(model->named_buffers().is_empty());
    }
    vqgan::VqganConfig{}.validate("the released configuration");  // f16: ch 128 x (1,1,2,2,4), 1024 codes
  }
};

QTEST_GUILESS_MAIN(TestVqgan)
#include "tst_vqgan.moc"
