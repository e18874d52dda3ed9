// CLIP against OpenAI's reference: tokenizer ids, encoder outputs for every checkpoint format
// and key layout, preprocessing, and bad files. Golden data: tests/data/clip (make_fixtures.py).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "../common/openai_vocab.h"
#include "clip/clip.h"
#include "clip/detail/clip_impl.h"
#include "clip/preprocess.h"
#include "clip/text_clean.h"
#include "clip/tokenizer.h"
#include "io/detail/checkpoint.h"
#include "common/errors.h"
#include "common/process.h"
#include "runtime/error.h"
#include "runtime/limits.h"

using namespace atelier;
using namespace atelier::clip;
namespace fs = std::filesystem;

namespace {
const fs::path kData = ATELIER_SOURCE_DIR "/tests/data/clip";

QJsonObject readJson(const fs::path& file) {
  QFile f(QString::fromStdString(file.string()));
  if (!f.open(QIODevice::ReadOnly)) qFatal("missing %s", file.c_str());
  return QJsonDocument::fromJson(f.readAll()).object();
}

std::vector<int64_t> ids(const QJsonArray& a) {
  std::vector<int64_t> v;
  for (const auto& x : a) v.push_back(x.toInteger());
  return v;
}

std::vector<std::vector<float>> rows(const QJsonObject& o) {
  const QJsonArray shape = o["shape"].toArray(), values = o["values"].toArray();
  const int n = shape[0].toInt(), d = int(values.size()) / n;
  std::vector<std::vector<float>> out(static_cast<size_t>(n), std::vector<float>(static_cast<size_t>(d)));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) out[size_t(i)][size_t(j)] = float(values[i * d + j].toDouble());
  return out;
}

double maxDiff(const std::vector<Embedding>& a, const std::vector<std::vector<float>>& b) {
  if (a.size() != b.size()) return INFINITY;
  double m = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size()) return INFINITY;
    for (size_t j = 0; j < a[i].size(); ++j) m = std::max(m, std::abs(double(a[i][j]) - b[i][j]));
  }
  return m;
}


std::vector<int64_t> operator+(std::vector<int64_t> a, const std::vector<int64_t>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A tensor of the shape with no memory behind it (stride 0): what a hostile checkpoint declares.
at::Tensor declared(std::vector<int64_t> shape) { return at::zeros({}).expand(shape); }

void copyTruncated(const fs::path& from, const fs::path& to, double fraction) {
  std::ifstream in(from, std::ios::binary);
  std::string data((std::istreambuf_iterator<char>(in)), {});
  std::ofstream(to, std::ios::binary) << data.substr(0, size_t(double(data.size()) * fraction));
}
}  // namespace

class TestClip : public QObject {
  Q_OBJECT
  QJsonObject m_golden;
  std::vector<std::vector<int64_t>> m_tokens;
  std::vector<float> m_pixels;

 private Q_SLOTS:
  void initTestCase() {
    m_golden = readJson(kData / "golden.json");
    const QJsonArray t = m_golden["text_tokens"].toObject()["ids"].toArray();
    for (const auto& row : t) m_tokens.push_back(ids(row.toArray()));
    for (const auto& v : m_golden["images"].toObject()["values"].toArray()) m_pixels.push_back(float(v.toDouble()));
  }

  void tokenizerMatchesTheReference() {
    ATELIER_OPENAI_VOCAB_OR_SKIP(vocab);
    Tokenizer tok = Tokenizer::from_merges_file(vocab.toStdString());
    QCOMPARE(tok.vocab_size(), size_t(49408));
    QCOMPARE(tok.start_token(), int64_t(49406));
    QCOMPARE(tok.end_token(), int64_t(49407));
    const QJsonArray entries = readJson(kData / "tokenizer_golden.json")["entries"].toArray();
    QVERIFY(entries.size() >= 50);
    int checked = 0;
    for (const auto& v : entries) {
      const QJsonObject e = v.toObject();
      const std::string text = e["text"].toString().toStdString();
      const bool truncate = e["truncate"].toBool();
      if (e.contains("error")) {
        const std::string msg = errorOf([&] { tok.tokenize(text, 77, truncate); });
        QVERIFY2(msg.find(std::to_string(e["n_tokens"].toInt()) + " tokens") != std::string::npos, msg.c_str());
        continue;
      }
      QCOMPARE(QString::fromStdString(clean_prompt(text)), e["clean"].toString());
      QCOMPARE(tok.encode(text), ids(e["bpe_tokens"].toArray()));
      QCOMPARE(tok.tokenize(text, 77, truncate), ids(e["ids"].toArray()));
      ++checked;
    }
    QVERIFY(checked >= 50);
    QCOMPARE(tok.decode(tok.encode("a diagram of a cat")), std::string("a diagram of a cat "));
  }

  void tinyVocabularyInBothFormats() {
    Tokenizer gz = Tokenizer::load(kData / "tiny_vocab.txt.gz");
    Tokenizer hf = Tokenizer::load(kData / "tiny_hf");
    const QJsonObject golden = readJson(kData / "tiny_tokenizer_golden.json");
    QCOMPARE(int64_t(gz.vocab_size()), int64_t(golden["vocab_size"].toInt()));
    QCOMPARE(gz.end_token(), int64_t(golden["eot"].toInt()));
    for (const auto& v : golden["entries"].toArray()) {
      const QJsonObject e = v.toObject();
      const std::string text = e["text"].toString().toStdString();
      const bool truncate = e["truncate"].toBool();
      for (const Tokenizer* tok : {&gz, &hf}) {
        if (e.contains("error")) {
          const std::string msg = errorOf([&] { tok->tokenize(text, 77, truncate); });
          QVERIFY2(msg.find(std::to_string(e["n_tokens"].toInt()) + " tokens") != std::string::npos, msg.c_str());
        } else {
          QCOMPARE(tok->tokenize(text, 77, truncate), ids(e["ids"].toArray()));
        }
      }
    }
  }

  void encodersMatchTheReference_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("golden");  // which reference outputs: "" fp32, "fp16_weights"
    QTest::newRow("torch.save state dict") << "tiny_state_dict.pt" << "";
    QTest::newRow("Hugging Face folder") << "tiny_hf" << "";
    QTest::newRow("fp16 safetensors") << "tiny_state_dict_fp16.safetensors" << "fp16_weights";
    QTest::newRow("OpenAI TorchScript, fp16") << "tiny_openai_jit.pt" << "fp16_weights";
  }
  void encodersMatchTheReference() {
    QFETCH(QString, file);
    QFETCH(QString, golden);
    const QJsonObject ref = golden.isEmpty() ? m_golden : m_golden[golden].toObject();
    Clip model = Clip::load(kData / file.toStdString(), kData / "tiny_vocab.txt.gz");
    QCOMPARE(model.info().embed_dim, int64_t(32));
    QCOMPARE(model.info().image_size, int64_t(32));
    const double text = maxDiff(model.encode_tokens(m_tokens), rows(ref["encode_text"].toObject()));
    const double image = maxDiff(model.encode_pixels(m_pixels, 2), rows(ref["encode_image"].toObject()));
    qInfo("%s: max |diff| text %.3g, image %.3g", qPrintable(file), text, image);
    QVERIFY2(text <= 1e-4, qPrintable(QString::number(text)));
    QVERIFY2(image <= 1e-4, qPrintable(QString::number(image)));
    const double scale = golden.isEmpty() ? m_golden["logit_scale"].toDouble() : ref["logit_scale"].toDouble();
    QVERIFY(std::abs(model.info().logit_scale - scale) < 1e-6);
    // The prompts themselves tokenize to the golden tokens.
    const QJsonArray prompts = m_golden["prompts"].toArray();
    for (int i = 0; i < prompts.size(); ++i) QCOMPARE(model.tokenizer().tokenize(prompts[i].toString().toStdString()), m_tokens[size_t(i)]);
  }

  void formatsGiveIdenticalOutputs() {
    Clip a = Clip::load(kData / "tiny_state_dict.pt", kData / "tiny_vocab.txt.gz");
    Clip b = Clip::load(kData / "tiny_hf");  // its own vocab.json + merges.txt
    QCOMPARE(a.encode_tokens(m_tokens), b.encode_tokens(m_tokens));
    QCOMPARE(a.encode_pixels(m_pixels, 2), b.encode_pixels(m_pixels, 2));
    Clip bf16 = Clip::load(kData / "tiny_state_dict_bf16.safetensors", kData / "tiny_vocab.txt.gz");
    auto cos = cosine_matrix(a.encode_pixels(m_pixels, 2), bf16.encode_pixels(m_pixels, 2));
    QVERIFY2(cos[0][0] > 0.999 && cos[1][1] > 0.999, "bf16 weights drifted too far");
  }

  void gradientsReachTheInputPixels() {
    // Guidance needs d(similarity)/d(pixels): check it against a central finite difference.
    Clip model = Clip::load(kData / "tiny_state_dict.pt", kData / "tiny_vocab.txt.gz");
    auto& impl = model.impl();
    at::manual_seed(3);
    at::Tensor target = impl.encode_text(at::tensor(m_tokens[0]).unsqueeze(0)).detach();
    auto loss = [&](const at::Tensor& x) { return at::cosine_similarity(impl.encode_image(x), target, 1).sum(); };
    at::Tensor x = at::from_blob(m_pixels.data(), {2, 3, 32, 32}).clone().narrow(0, 0, 1).requires_grad_(true);
    c10::AutoGradMode grad(true);
    loss(x).backward();
    at::Tensor d = at::randn_like(x);
    const double eps = 1e-2;
    double numeric;
    {
      at::NoGradGuard no_grad;
      numeric = (loss(x + eps * d) - loss(x - eps * d)).item<double>() / (2 * eps);
    }
    const double analytic = (x.grad() * d).sum().item<double>();
    qInfo("directional derivative: analytic %.6g, numeric %.6g", analytic, numeric);
    QVERIFY(x.grad().abs().sum().item<double>() > 0);
    QVERIFY2(std::abs(analytic - numeric) <= 1e-2 * std::max(1.0, std::abs(numeric)), "gradient and finite difference disagree");
  }

  void imageEmbeddingsAreCachedByContent() {
    Clip model = Clip::load(kData / "tiny_state_dict.pt", kData / "tiny_vocab.txt.gz");
    Image cat = read_image(fs::path(ATELIER_SOURCE_DIR) / "resources/photos/cat.png");
    Image rocket = read_image(fs::path(ATELIER_SOURCE_DIR) / "resources/photos/rocket.jpg");
    auto first = model.encode_images({cat, rocket});
    QCOMPARE(model.cache_hits(), size_t(0));
    auto again = model.encode_images({rocket, cat});
    QCOMPARE(model.cache_hits(), size_t(2));
    QCOMPARE(again[0], first[1]);
    QCOMPARE(again[1], first[0]);
    Image changed = cat;
    changed.pixels[0] ^= 1;  // one bit of one pixel: a different image
    model.encode_images({changed});
    QCOMPARE(model.cache_hits(), size_t(2));
    QCOMPARE(model.cache_size(), size_t(3));
    // And the cached value is the uncached one (up to the batch's float rounding).
    QVERIFY(maxDiff({first[0]}, {model.encode_pixels(preprocess(cat, 32), 1)[0]}) < 1e-5);
  }

  void softmaxScalesByTheLogitScale() {
    Clip model = Clip::load(kData / "tiny_state_dict.pt", kData / "tiny_vocab.txt.gz");
    auto cos = cosine_matrix(model.encode_tokens(m_tokens), model.encode_pixels(m_pixels, 2));
    auto logits = rows(m_golden["logits_per_image"].toObject());  // [images, texts]
    const double scale = std::exp(model.info().logit_scale);
    for (size_t i = 0; i < cos.size(); ++i)
      for (size_t j = 0; j < cos[i].size(); ++j) QVERIFY(std::abs(cos[i][j] * scale - logits[j][i]) < 1e-4);
    auto soft = softmax_rows(cos, model.info().logit_scale);
    for (const auto& row : soft) QVERIFY(std::abs(row[0] + row[1] - 1.0) < 1e-12);
  }

  void preprocessingMatchesTheReference() {
    const QJsonArray images = readJson(kData / "preprocess_golden.json")["images"].toArray();
    QVERIFY(images.size() >= 6);
    for (const auto& v : images) {
      const QJsonObject e = v.toObject();
      const QString file = e["file"].toString();
      const fs::path path = fs::path(ATELIER_SOURCE_DIR) / file.toStdString();
      Image im = read_image(path);
      const QJsonArray want = e["n_px_32"].toObject()["values"].toArray();
      std::vector<float> got = preprocess(im, 32);
      QCOMPARE(got.size(), size_t(want.size()));
      double worst = 0;
      for (size_t i = 0; i < got.size(); ++i) worst = std::max(worst, std::abs(double(got[i]) - want[int(i)].toDouble()));
      // Same 8-bit values in, same float ops out: equal up to float rounding.
      QVERIFY2(worst < 1e-6, qPrintable(file + ": max |diff| " + QString::number(worst)));
      const QJsonObject big = e["n_px_224"].toObject();
      std::vector<float> g224 = preprocess(im, 224);
      for (const auto& s : big["samples"].toArray()) {
        const QJsonObject o = s.toObject();
        const size_t at = size_t(o["c"].toInt()) * 224 * 224 + size_t(o["y"].toInt()) * 224 + size_t(o["x"].toInt());
        QVERIFY2(std::abs(g224[at] - o["value"].toDouble()) < 1e-6, qPrintable(file + " at 224 px"));
      }
    }
  }

  void badFilesGetClearErrors_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("says");
    QTest::newRow("os.system pickle") << "bad_os_system.pt" << "system";
    QTest::newRow("eval pickle") << "bad_eval.pt" << "eval";
    QTest::newRow("not a checkpoint") << "gray.png" << "neither";
    QTest::newRow("missing") << "no_such_file.pt" << "no such file";
  }
  void badFilesGetClearErrors() {
    QFETCH(QString, file);
    QFETCH(QString, says);
    fs::remove("/tmp/clip_atelier_pwned");
    const std::string msg = errorOf([&] { io::read_state_dict(kData / file.toStdString()); });
    QVERIFY2(QString::fromStdString(msg).contains(says, Qt::CaseInsensitive), msg.c_str());
    QVERIFY2(msg.find(file.toStdString()) != std::string::npos, "the message names the file");
    QVERIFY(!fs::exists("/tmp/clip_atelier_pwned"));
  }

  // The pre-1.6 torch.save format (BigGAN-deep's published files use it) reads as the zip one does.
  void legacyTorchSaveReads() {
    std::string kind;
    const io::StateDict sd = io::read_state_dict(kData / "legacy_pickle.pt", &kind);
    QCOMPARE(QString::fromStdString(kind), QStringLiteral("legacy"));
    QCOMPARE(int(sd.size()), 2);
    QVERIFY(at::equal(sd.at("weight"), at::arange(6, at::kFloat).view({2, 3}) / 4));
    QVERIFY(at::allclose(sd.at("bias"), at::tensor({-1.5f, 0.25f, 2.0f, 1e-3f})));
  }

  void damagedFilesNeverCrash() {
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    for (double f : {0.0, 0.1, 0.5, 0.9, 0.999}) {
      copyTruncated(kData / "tiny_state_dict.pt", tmp / "cut.pt", f);
      QVERIFY(errorOf([&] { io::read_state_dict(tmp / "cut.pt"); }) != "(no error)");
      copyTruncated(kData / "tiny_state_dict_fp16.safetensors", tmp / "cut.safetensors", f);
      QVERIFY(errorOf([&] { io::read_state_dict(tmp / "cut.safetensors"); }) != "(no error)");
    }
    // A safetensors header whose offsets run past the data.
    std::string header = R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,1024]}})";
    std::string bytes(8, '\0');
    for (int i = 0; i < 8; ++i) bytes[size_t(i)] = char((header.size() >> (8 * i)) & 0xff);
    std::ofstream(tmp / "lies.safetensors", std::ios::binary) << bytes << header << std::string(16, '\0');
    QVERIFY(QString::fromStdString(errorOf([&] { io::read_state_dict(tmp / "lies.safetensors"); })).contains("outside the file"));
    // A shape that does not fit the byte count.
    header = R"({"w":{"dtype":"F32","shape":[5],"data_offsets":[0,16]}})";
    for (int i = 0; i < 8; ++i) bytes[size_t(i)] = char((header.size() >> (8 * i)) & 0xff);
    std::ofstream(tmp / "shape.safetensors", std::ios::binary) << bytes << header << std::string(16, '\0');
    QVERIFY(QString::fromStdString(errorOf([&] { io::read_state_dict(tmp / "shape.safetensors"); })).contains("needs 20"));
  }

  void aWeightOfTheWrongShapeIsNamed() {
    QTemporaryDir dir;
    const fs::path bad = fs::path(dir.path().toStdString()) / "wrong.safetensors";
    auto sd = io::read_state_dict(kData / "tiny_state_dict.pt");
    sd["ln_final.weight"] = at::zeros({64});
    sd["text_projection"] = at::zeros({64, 31});
    io::write_safetensors(bad, sd);
    const std::string msg = errorOf([&] { Clip::load(bad, kData / "tiny_vocab.txt.gz"); });
    QVERIFY2(msg.find("text_projection") != std::string::npos || msg.find("[64, 31]") != std::string::npos, msg.c_str());
    sd.erase("visual.proj");
    sd["text_projection"] = at::zeros({64, 32});
    io::write_safetensors(bad, sd);
    QVERIFY(QString::fromStdString(errorOf([&] { Clip::load(bad, kData / "tiny_vocab.txt.gz"); })).contains("visual.proj"));
  }

  void aMissingVocabularySaysWhereToPutIt() {
    QTemporaryDir dir;
    const fs::path copy = fs::path(dir.path().toStdString()) / "model.pt";
    fs::copy_file(kData / "tiny_state_dict.pt", copy);
    qputenv("XDG_DATA_HOME", dir.path().toUtf8());
    const std::string msg = errorOf([&] { Clip::load(copy); });
    QVERIFY2(msg.find("bpe_simple_vocab_16e6.txt.gz") != std::string::npos && msg.find("vocab.json") != std::string::npos, msg.c_str());
  }

  void overLongPromptsAndOddInput() {
    ATELIER_OPENAI_VOCAB_OR_SKIP(vocab);
    Tokenizer tok = Tokenizer::from_merges_file(vocab.toStdString());
    std::string longText;
    for (int i = 0; i < 100; ++i) longText += "word ";
    const std::string msg = errorOf([&] { tok.tokenize(longText); });
    QVERIFY2(msg.find("102 tokens") != std::string::npos, msg.c_str());
    auto cut = tok.tokenize(longText, 77, true);
    QCOMPARE(cut.size(), size_t(77));
    QCOMPARE(cut.back(), int64_t(49407));
    QCOMPARE(tok.tokenize(""), (std::vector<int64_t>{49406, 49407} + std::vector<int64_t>(75, 0)));
    QVERIFY(errorOf([&] { tok.tokenize("\xff\xfe broken utf-8"); }).find("UTF-8") != std::string::npos);
  }

  // ---- hostile files (issue 16): refused before anything is allocated, nothing left behind ----

  void aPatchSizeOfZeroIsRefused() {
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    auto sd = io::read_state_dict(kData / "tiny_state_dict.pt");
    sd["visual.conv1.weight"] = at::zeros({64, 3, 8, 0});  // was SIGFPE: a grid of resolution / 0
    io::write_safetensors(tmp / "patch.safetensors", sd);
    std::string msg = errorOf([&] { Clip::load(tmp / "patch.safetensors", kData / "tiny_vocab.txt.gz"); });
    QVERIFY2(contains(msg, "visual.conv1.weight") && contains(msg, "[64, 3, 8, 0]") && contains(msg, "patch.safetensors"), msg.c_str());
    sd["visual.conv1.weight"] = at::zeros({64, 3, 0, 0});
    io::write_safetensors(tmp / "patch.safetensors", sd);
    msg = errorOf([&] { Clip::load(tmp / "patch.safetensors", kData / "tiny_vocab.txt.gz"); });
    QVERIFY2(contains(msg, "patch size (visual.conv1.weight's last dimension) is 0"), msg.c_str());
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"patch.safetensors"}));
  }

  void aContextBelowTwoIsRefused() {
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    auto sd = io::read_state_dict(kData / "tiny_state_dict.pt");
    for (int64_t rows : {0, 1}) {  // 0 rows with truncation was ids.resize(0); ids.back() = end: heap corruption
      sd["positional_embedding"] = at::zeros({rows, 64});
      io::write_safetensors(tmp / "context.safetensors", sd);
      const std::string msg = errorOf([&] { Clip::load(tmp / "context.safetensors", kData / "tiny_vocab.txt.gz"); });
      QVERIFY2(contains(msg, "context length (positional_embedding's rows) is " + std::to_string(rows)) && contains(msg, "from 2"),
               msg.c_str());
    }
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"context.safetensors"}));
    // The tokenizer guards it on its own too.
    Tokenizer tok = Tokenizer::load(kData / "tiny_vocab.txt.gz");
    for (int context : {0, 1, -3, int(limits::kMaxContext) + 1}) {
      const std::string msg = errorOf([&] { tok.tokenize("a red circle", context, true); });
      QVERIFY2(contains(msg, "a context of " + std::to_string(context) + " tokens"), msg.c_str());
    }
    const auto two = tok.tokenize("a red circle on a blue square", 2, true);
    QCOMPARE(two, (std::vector<int64_t>{tok.start_token(), tok.end_token()}));
  }

  void aDeclaredHugeTowerIsRefusedBeforeAllocating() {
    // A 4096-wide, 24-block text tower of stride-0 tensors: nothing behind them, 19 GB if built.
    auto sd = io::read_state_dict(kData / "tiny_state_dict.pt");
    std::map<std::string, at::Tensor> big;
    for (auto& [k, v] : sd)
      if (k.rfind("transformer.", 0) != 0) big[k] = v;
    const int64_t w = 4096, vocab = sd.at("token_embedding.weight").size(0);
    for (int i = 0; i < 24; ++i) {
      const std::string b = "transformer.resblocks." + std::to_string(i) + ".";
      big[b + "attn.in_proj_weight"] = declared({3 * w, w});
      big[b + "attn.in_proj_bias"] = declared({3 * w});
      big[b + "attn.out_proj.weight"] = declared({w, w});
      big[b + "mlp.c_fc.weight"] = declared({4 * w, w});
      big[b + "mlp.c_fc.bias"] = declared({4 * w});
      big[b + "mlp.c_proj.weight"] = declared({w, 4 * w});
      for (const char* k : {"attn.out_proj.bias", "ln_1.weight", "ln_1.bias", "ln_2.weight", "ln_2.bias", "mlp.c_proj.bias"})
        big[b + k] = declared({w});
    }
    big["ln_final.weight"] = big["ln_final.bias"] = declared({w});
    big["positional_embedding"] = declared({77, w});
    big["token_embedding.weight"] = declared({vocab, w});
    big["text_projection"] = declared({w, 32});
    const long before = peakMegabytes();
    QElapsedTimer timer;
    timer.start();
    const std::string msg = errorOf([&] { ClipConfig::from_state_dict(big, "tower.pt"); });
    QVERIFY2(contains(msg, "tower.pt") && contains(msg, "parameters, more than the limit of " + std::to_string(limits::kMaxParameters)),
             msg.c_str());
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY2(peakMegabytes() - before < 64, std::to_string(peakMegabytes() - before).c_str());
    // Within the parameter limit, the shapes still have to agree: the first that doesn't is named.
    auto wrong = sd;
    wrong["transformer.resblocks.1.mlp.c_fc.weight"] = declared({4 * 64, 63});
    const std::string shape = errorOf([&] { ClipConfig::from_state_dict(wrong, "wrong.pt"); });
    QVERIFY2(contains(shape, "'transformer.resblocks.1.mlp.c_fc.weight' has shape [256, 63]") && contains(shape, "expects [256, 64]"),
             shape.c_str());
  }

  void theImpliedShapesAreTheModels() {
    // parameter_shapes(), what loads are checked against, is exactly what the model registers.
    const ClipConfig c = ClipConfig::from_state_dict(io::read_state_dict(kData / "tiny_state_dict.pt"), "tiny");
    ClipModel model(c);
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
    for (const ClipConfig& published : {ClipConfig::vit_b_32(), ClipConfig::vit_l_14()}) published.validate("published");
  }

  void layerKeysAreSplitNotMatched() {
    // A key of a million digits crashed std::regex (SIGSEGV); one of 12 digits overflowed stoi.
    auto hf = io::read_state_dict(kData / "tiny_hf" / "model.safetensors");
    QVERIFY(has_hf_keys(hf));
    auto longKey = hf;
    longKey["text_model.encoder.layers." + std::string(1'000'000, '7') + ".mlp.fc1.weight"] = at::zeros({1});
    std::string msg = errorOf([&] { from_hf_keys(longKey, "hf.safetensors"); });
    QVERIFY2(contains(msg, "1000041 characters") && contains(msg, "longer than the limit of 1024"), msg.c_str());
    auto digits = hf;
    digits["vision_model.encoder.layers.123456789012.mlp.fc1.weight"] = at::zeros({1});
    msg = errorOf([&] { from_hf_keys(digits, "hf.safetensors"); });
    QVERIFY2(contains(msg, "vision_model.encoder.layers.123456789012") && contains(msg, "no layer index"), msg.c_str());
    // OpenAI names: a block index that is not a number, and a gap in the blocks.
    auto sd = io::read_state_dict(kData / "tiny_state_dict.pt");
    auto named = sd;
    named["visual.transformer.resblocks.x1.ln_1.weight"] = at::zeros({64});
    QVERIFY(contains(errorOf([&] { ClipConfig::from_state_dict(named, "named.pt"); }), "has no block index"));
    auto gap = sd;
    gap["transformer.resblocks.5.ln_1.weight"] = at::zeros({64});
    msg = errorOf([&] { ClipConfig::from_state_dict(gap, "gap.pt"); });
    QVERIFY2(contains(msg, "transformer.resblocks.2 is missing"), msg.c_str());
    // Through the loader, from a file: the Hugging Face folder with the 12-digit key.
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    io::write_safetensors(tmp / "model.safetensors", digits);
    msg = errorOf([&] { Clip::load(tmp, kData / "tiny_vocab.txt.gz"); });
    QVERIFY2(contains(msg, "no layer index") && contains(msg, (tmp / "model.safetensors").string()), msg.c_str());
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"model.safetensors"}));
  }

  void vocabulariesAreReadWithinTheirLimits() {
    QTemporaryDir dir;
    const fs::path tmp = dir.path().toStdString();
    // Not regular files: refused without reading (or blocking on) them.
    QVERIFY2(contains(errorOf([] { Tokenizer::load("/dev/zero"); }), "a character device, not a regular file"),
             errorOf([] { Tokenizer::load("/dev/zero"); }).c_str());
    QVERIFY(::mkfifo((tmp / "fifo").c_str(), 0600) == 0);
    QVERIFY(contains(errorOf([&] { Tokenizer::from_merges_file(tmp / "fifo"); }), "a pipe (FIFO), not a regular file"));
    fs::create_directory(tmp / "folder.txt.gz");
    QVERIFY(contains(errorOf([&] { Tokenizer::from_merges_file(tmp / "folder.txt.gz"); }), "a folder, not a regular file"));
    // About 1 MB of gzip inflating to 1 GiB: stopped at the limit while inflating.
    {
      const std::string chunk(16 << 20, '\n');
      gzFile f = gzopen((tmp / "bomb.txt.gz").c_str(), "wb9");
      QVERIFY(f);
      QVERIFY(gzwrite(f, chunk.data(), unsigned(chunk.size())) > 0);
      gzclose(f);
      std::ifstream in(tmp / "bomb.txt.gz", std::ios::binary);
      const std::string member((std::istreambuf_iterator<char>(in)), {});
      std::ofstream out(tmp / "bomb.txt.gz", std::ios::binary | std::ios::trunc);
      for (int i = 0; i < 64; ++i) out << member;  // gzip members one after another: 64 x 16 MiB
    }
    QVERIFY(fs::file_size(tmp / "bomb.txt.gz") < (2u << 20));
    const long before = peakMegabytes();
    QElapsedTimer timer;
    timer.start();
    const std::string msg = errorOf([&] { Tokenizer::load(tmp / "bomb.txt.gz"); });
    QVERIFY2(contains(msg, "bomb.txt.gz") && contains(msg, "more than 64 MiB"), msg.c_str());
    qInfo("gzip bomb refused in %lld ms, peak +%ld MB", timer.elapsed(), peakMegabytes() - before);
    QVERIFY(peakMegabytes() - before < 400);
    // vocab.json nested 100,000 deep: refused before the JSON parser sees it.
    fs::create_directory(tmp / "deep");
    std::ofstream(tmp / "deep" / "vocab.json") << std::string(100'000, '[');
    fs::copy_file(kData / "tiny_hf" / "merges.txt", tmp / "deep" / "merges.txt");
    QVERIFY(contains(errorOf([&] { Tokenizer::load(tmp / "deep"); }), "nested deeper than 64 levels"));
    // A merge line of a megabyte: named, shortened.
    std::ofstream(tmp / "long.txt") << "#version\n" << std::string(1 << 20, 'a') << "\n";
    const std::string line = errorOf([&] { Tokenizer::load(tmp / "long.txt"); });
    QVERIFY2(contains(line, "long.txt, line 2") && line.size() < 400, line.c_str());
    QCOMPARE(filesIn(tmp), (std::set<std::string>{"bomb.txt.gz", "deep", "fifo", "folder.txt.gz", "long.txt"}));
  }
};

QTEST_GUILESS_MAIN(TestClip)
#include "tst_clip.moc"
