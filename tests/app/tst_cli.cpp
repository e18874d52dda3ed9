// clip-atelier-cli as a user runs it: --help, --version, info --json, and bad flags.
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <limits>
#include <memory>
#include <vector>

#include "../common/crafted_images.h"
#include "../common/errors.h"
#include "../common/http_server.h"
#include "../common/openai_vocab.h"
#include "gan/biggan.h"
#include "io/animation.h"
#include "io/image.h"

class TestCli : public QObject {
  Q_OBJECT

  struct Run {
    int code;
    QByteArray out, err;
  };
  static Run run(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), args);
    if (!p.waitForFinished(60000)) qFatal("clip-atelier-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
  }

 private Q_SLOTS:
  void infoJsonNamesDeviceAndThreads() {
    Run r = run({QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("info"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QJsonParseError error;
    QJsonObject info = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QString device = info[QStringLiteral("device")].toObject()[QStringLiteral("name")].toString();
    QVERIFY2(device == QLatin1String("cpu") || device == QLatin1String("cuda:0"), qPrintable(device));
    QCOMPARE(info[QStringLiteral("threads")].toInt(), 1);
    QVERIFY(!info[QStringLiteral("torch")].toString().isEmpty());
    QVERIFY(!info[QStringLiteral("opencv")].toString().isEmpty());
    QVERIFY(!info[QStringLiteral("blas")].toObject()[QStringLiteral("name")].toString().isEmpty());
    QStringList kinds;
    for (const auto& d : info[QStringLiteral("model_paths")].toArray()) kinds << d.toObject()[QStringLiteral("kind")].toString();
    QVERIFY(kinds.contains(QStringLiteral("user")));
    QVERIFY(kinds.contains(QStringLiteral("embedded")));
    QVERIFY(info[QStringLiteral("models")].isArray());
  }

  void allCoresByDefault() {
    Run r = run({QStringLiteral("info"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QJsonObject info = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(info[QStringLiteral("threads")].toInt(), info[QStringLiteral("cores")].toInt());
  }

  void helpAndVersion() {
    Run help = run({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains("info"));
    QVERIFY(help.out.contains("--threads"));
    Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith("clip-atelier-cli "));
  }

  void badInputIsAClearError_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("paint")} << QStringLiteral("paint");
    QTest::newRow("no subcommand") << QStringList{} << QStringLiteral("subcommand");
    QTest::newRow("bad device") << QStringList{QStringLiteral("--device"), QStringLiteral("tpu"), QStringLiteral("info")} << QStringLiteral("tpu");
    QTest::newRow("negative threads") << QStringList{QStringLiteral("--threads"), QStringLiteral("-2"), QStringLiteral("info")} << QStringLiteral("threads");
  }
  void badInputIsAClearError() {
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    Run r = run(args);
    QVERIFY(r.code != 0);
    QVERIFY2(QString::fromUtf8(r.err + r.out).contains(says, Qt::CaseInsensitive), r.err.constData());
  }

  void embedMatchesTheReference_data() {
    QTest::addColumn<QString>("checkpoint");
    QTest::addColumn<QString>("golden");
    QTest::newRow("OpenAI TorchScript") << "tiny_openai_jit.pt" << "fp16_weights";
    QTest::newRow("state dict") << "tiny_state_dict.pt" << "";
    QTest::newRow("Hugging Face safetensors") << "tiny_hf/model.safetensors" << "";
  }
  void embedMatchesTheReference() {
    QFETCH(QString, checkpoint);
    QFETCH(QString, golden);
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/clip/");
    QFile gf(data + "golden.json");
    QVERIFY(gf.open(QIODevice::ReadOnly));
    const QJsonObject all = QJsonDocument::fromJson(gf.readAll()).object();
    const QJsonObject ref = golden.isEmpty() ? all : all[golden].toObject();
    QStringList args{"embed", "--json", "--clip", data + checkpoint, "--vocab", data + "tiny_vocab.txt.gz"};
    const QJsonArray prompts = all["prompts"].toArray();
    for (const auto& p : prompts) args << "--text" << p.toString();
    args << "--image" << QStringLiteral(ATELIER_SOURCE_DIR "/resources/photos/cat.png")
         << "--image" << QStringLiteral(ATELIER_SOURCE_DIR "/resources/photos/rocket.jpg");
    Run r = run(args);
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject out = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(out["model"].toObject()["embed_dim"].toInt(), 32);
    QCOMPARE(out["model"].toObject()["image_size"].toInt(), 32);
    const QJsonArray texts = out["texts"].toArray();
    const QJsonArray wantTokens = all["text_tokens"].toObject()["ids"].toArray();
    const QJsonArray wantEmb = ref["encode_text"].toObject()["values"].toArray();
    QCOMPARE(texts.size(), prompts.size());
    double worst = 0;
    for (int i = 0; i < texts.size(); ++i) {
      QCOMPARE(texts[i].toObject()["tokens"].toArray(), wantTokens[i].toArray());
      const QJsonArray emb = texts[i].toObject()["embedding"].toArray();
      QCOMPARE(emb.size(), 32);
      for (int d = 0; d < 32; ++d) worst = std::max(worst, std::abs(emb[d].toDouble() - wantEmb[i * 32 + d].toDouble()));
    }
    QVERIFY2(worst <= 1e-4, qPrintable(QString::number(worst)));
    // Cosines and softmax: texts x images; each softmax row sums to 1.
    const QJsonArray cos = out["cosine"].toArray(), soft = out["softmax"].toArray();
    QCOMPARE(cos.size(), prompts.size());
    for (int i = 0; i < soft.size(); ++i) {
      QCOMPARE(soft[i].toArray().size(), 2);
      QVERIFY(std::abs(soft[i].toArray()[0].toDouble() + soft[i].toArray()[1].toDouble() - 1.0) < 1e-9);
      QVERIFY(std::abs(cos[i].toArray()[0].toDouble()) <= 1.0);
    }
    // Floats keep at least 9 significant digits.
    QVERIFY(QRegularExpression(R"("embedding":\[-?\d\.\d{8,})").match(QString::fromUtf8(r.out)).hasMatch() ||
            QRegularExpression(R"(-?0\.\d{9,})").match(QString::fromUtf8(r.out)).hasMatch());
  }

  void theDefaultModelMatchesTextsToTheirRenders() {
    // The shipped mini-CLIP: "a red circle" and "a rocket" against a render of each.
    QTemporaryDir dir;
    const QString circle = dir.filePath("circle.png"), rocket = dir.filePath("rocket.png");
    QCOMPARE(run({"render", "shape", "--shape", "circle", "--colour", "red", "--out", circle}).code, 0);
    QCOMPARE(run({"render", "emoji", "--name", "rocket", "--out", rocket}).code, 0);
    Run r = run({"embed", "--json", "--text", "a red circle", "--text", "a rocket", "--image", circle, "--image", rocket});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray soft = QJsonDocument::fromJson(r.out).object()["softmax"].toArray();
    QCOMPARE(soft.size(), 2);
    for (int i = 0; i < 2; ++i) {
      const QJsonArray row = soft[i].toArray();
      qInfo("softmax of text %d over [circle, rocket]: %.4f %.4f", i, row[0].toDouble(), row[1].toDouble());
      QVERIFY(row[i].toDouble() > row[1 - i].toDouble());
    }
  }

  void renderRejectsUnknownNames() {
    QTemporaryDir dir;
    Run r = run({"render", "emoji", "--name", "no such emoji", "--out", dir.filePath("x.png")});
    QVERIFY(r.code != 0);
    QVERIFY(r.err.contains("no such emoji"));
    QVERIFY(!QFile::exists(dir.filePath("x.png")));
  }

  void tokenizeWithOpenAIsVocabulary() {
    ATELIER_OPENAI_VOCAB_OR_SKIP(vocab);
    Run r = run({"tokenize", "--vocab", vocab, "a diagram"});
    QCOMPARE(r.code, 0);
    const QJsonArray ids = QJsonDocument::fromJson(r.out).array()[0].toObject()["ids"].toArray();
    QCOMPARE(ids.size(), 77);
    QCOMPARE(ids[0].toInt(), 49406);
    QCOMPARE(ids[1].toInt(), 320);
    QCOMPARE(ids[2].toInt(), 22697);
    QCOMPARE(ids[3].toInt(), 49407);
    QCOMPARE(ids[4].toInt(), 0);
  }

  void embedWithAMissingModelSaysSo() {
    Run r = run({"embed", "--json", "--clip", "/nonexistent/ViT-B-32.pt", "--text", "a cat"});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("/nonexistent/ViT-B-32.pt"), r.err.constData());
  }

  void ganSampleIsReproducible() {
    QTemporaryDir dir;
    const QString a = dir.filePath("a.png"), b = dir.filePath("b.png"), c = dir.filePath("c.png");
    for (const auto& [seed, file] : {std::pair{"7", a}, std::pair{"7", b}, std::pair{"8", c}}) {
      Run r = run({"gan", "sample", "--model", "fashion", "--seed", seed, "--out", file});
      QVERIFY2(r.code == 0, r.err.constData());
    }
    auto bytes = [](const QString& f) {
      QFile file(f);
      file.open(QIODevice::ReadOnly);
      return file.readAll();
    };
    QCOMPARE(bytes(a), bytes(b));
    QVERIFY(bytes(a) != bytes(c));
    Run grid = run({"gan", "sample", "--model", "fashion", "--seed", "0", "--count", "16", "--out", dir.filePath("grid.png"), "--threads", "1",
                    "--device", "cpu"});  // the global options after the subcommand too
    QCOMPARE(grid.code, 0);
    Run missing = run({"gan", "sample", "--model", "no-such-gan", "--out", dir.filePath("x.png")});
    QVERIFY(missing.code != 0);
    QVERIFY2(missing.err.contains("no generator named 'no-such-gan'") && missing.err.contains("gan-fashion"), missing.err.constData());
  }

  void ganInterpolationExportsMp4AndGif() {
    QTemporaryDir dir;
    for (const char* ext : {"mp4", "gif", "webp"}) {
      const QString out = dir.filePath(QStringLiteral("walk.") + QLatin1String(ext));
      Run r = run({"gan", "interpolate", "--model", "fashion", "--seed-a", "1", "--seed-b", "2", "--frames", "12", "--scale", "4", "--out", out});
      QVERIFY2(r.code == 0, r.err.constData());
      QCOMPARE(atelier::count_animation_frames(out.toStdString()), 12);
    }
    Run bad = run({"gan", "interpolate", "--model", "fashion", "--out", dir.filePath("walk.avi")});
    QVERIFY(bad.code != 0);
    QVERIFY(bad.err.contains(".gif, .webp or .mp4"));
  }

  void drawWritesSvgPngAndAnimation() {
    QTemporaryDir dir;
    // Every stroke, also one the steps may have faded out entirely (left out by default).
    Run r = run({"draw", "--prompt", "a red heart", "--paths", "16", "--size", "64", "--steps", "10", "--keep-transparent", "--out",
                 dir.filePath("d.svg"), "--png", dir.filePath("d.png"), "--video", dir.filePath("d.gif")});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile svg(dir.filePath("d.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QCOMPARE(svg.readAll().count("<path"), 16);
    QCOMPARE(atelier::count_animation_frames(dir.filePath("d.gif").toStdString()), 10 / 5 + 1);
    Run filled = run({"draw", "--prompt", "a red heart", "--paths", "8", "--size", "64", "--steps", "3", "--filled", "--out", dir.filePath("f.svg")});
    QVERIFY2(filled.code == 0, filled.err.constData());
    QFile fsvg(dir.filePath("f.svg"));
    QVERIFY(fsvg.open(QIODevice::ReadOnly));
    QCOMPARE(fsvg.readAll().count(" Z\""), 8);
    Run bench = run({"bench", "draw", "--paths", "64", "--size", "64", "--repeats", "2"});
    QCOMPARE(bench.code, 0);
    const QJsonObject b = QJsonDocument::fromJson(bench.out).object();
    QVERIFY(b["forward_backward_ms"].toDouble() > 0);
    QCOMPARE(b["paths"].toInt(), 64);
  }

  void drawSketchWritesBlackStrokesOfOneWidth() {
    QTemporaryDir dir;
    Run r = run({"draw", "--prompt", "a red heart", "--paths", "8", "--size", "64", "--steps", "3", "--sketch", "--sketch-width", "3",
                 "--keep-transparent", "--out", dir.filePath("s.svg")});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile svg(dir.filePath("s.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray text = svg.readAll();
    QCOMPARE(text.count("<path"), 8);
    QCOMPARE(text.count("fill=\"none\" stroke=\"rgb(0,0,0)\" stroke-opacity=\"1\" stroke-width=\"3\""), 8);
    // --sketch-width needs --sketch, which is not --filled; a sketch wider than --max-width is refused before the run.
    const QString out = dir.filePath("x.svg");
    Run alone = run({"draw", "--prompt", "a heart", "--sketch-width", "3", "--out", out});
    QVERIFY(alone.code != 0);
    QVERIFY2(alone.err.contains("--sketch-width") && alone.err.contains("--sketch"), alone.err.constData());
    Run both = run({"draw", "--prompt", "a heart", "--sketch", "--filled", "--out", out});
    QVERIFY(both.code != 0);
    QVERIFY2(both.err.contains("--sketch") && both.err.contains("--filled"), both.err.constData());
    Run wide = run({"draw", "--prompt", "a heart", "--sketch", "--sketch-width", "8", "--max-width", "4", "--out", out});
    QVERIFY(wide.code != 0);
    QVERIFY2(wide.err.contains("--sketch-width 8 is wider than --max-width 4") && !wide.err.contains("step 1/"), wide.err.constData());
    QCOMPARE(leftIn(dir.path()), QStringList{"s.svg"});
  }

  void trainFineTuneAndEvalClip() {
    QTemporaryDir dir;
    const QString out = dir.filePath("run"), tuned = dir.filePath("tuned");
    Run r = run({"--threads", "1", "train", "clip", "--out", out, "--steps", "2", "--batch", "10", "--width", "64", "--vision-layers", "1",
                 "--text-layers", "1", "--merges", "40", "--contrast", "0.5"});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("step 2/2") && r.err.contains("it/s") && r.err.contains("ETA"), r.err.constData());
    // A fine-tune from the run's checkpoint: the architecture comes from the weights, not the options.
    Run f = run({"--threads", "1", "train", "clip", "--out", tuned, "--init", out + "/checkpoint.safetensors", "--steps", "1", "--batch",
                 "10", "--vision-layers", "3"});
    QVERIFY2(f.code == 0, f.err.constData());
    // The fine-tune's checkpoint evaluates as it is; the confusions add up to the images.
    Run e = run({"--threads", "1", "eval", "clip", "--clip", tuned + "/checkpoint.safetensors", "--suite", "shapes", "--images", "10", "--json"});
    QVERIFY2(e.code == 0, e.err.constData());
    const QJsonObject q = QJsonDocument::fromJson(e.out).object();
    const QJsonObject pos = q["confusion"].toObject()["shapes.position"].toObject();
    QCOMPARE(pos["labels"].toArray().size(), 5);
    int total = 0, right = 0;
    const QJsonArray rows = pos["counts"].toArray();
    for (int t = 0; t < rows.size(); ++t)
      for (int g = 0; g < rows[t].toArray().size(); ++g) {
        total += rows[t].toArray()[g].toInt();
        if (t == g) right += rows[t].toArray()[g].toInt();
      }
    QCOMPARE(total, 10);
    QCOMPARE(right / 10.0, q["metrics"].toObject()["shapes.position"].toDouble());
    Run bad = run({"train", "clip", "--out", dir.filePath("bad"), "--init", dir.filePath("missing")});
    QVERIFY(bad.code != 0);
    QVERIFY2(bad.err.contains("--init") && bad.err.contains("missing"), bad.err.constData());
  }

  void trainAndEvalVqgan() {
    QTemporaryDir dir;
    const QString out = dir.filePath("run");
    const QStringList train{"--threads", "1", "train", "vqgan", "--out", out, "--steps", "2", "--size", "16", "--batch", "2", "--ch-mult", "1,2",
                            "--codes", "64", "--embed-dim", "8", "--z-channels", "8", "--disc-start", "1", "--perceptual", "0",
                            "--sample-every", "1", "--checkpoint-every", "1"};
    Run r = run(train);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(QFile::exists(out + "/model.safetensors") && QFile::exists(out + "/model.yaml") && QFile::exists(out + "/samples/step_000002.png"));
    Run again = run(train);
    QVERIFY(again.code != 0);
    QVERIFY(again.err.contains("--resume"));
    // A resumed run goes on with its recorded options: a changed learning rate is named and not used.
    Run resumed = run(QStringList(train) << "--resume" << "--lr" << "0.5");
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    QVERIFY2(resumed.err.contains("--lr is not used"), resumed.err.constData());
    QFile record(out + "/config.json");
    QVERIFY(record.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(record.readAll()).object()["lr"].toDouble(), 2e-4);
    const QString grid = dir.filePath("grid.png");
    Run e = run({"eval", "vqgan", "--vqgan", out + "/model.safetensors", "--config", out + "/model.yaml", "--size", "16", "--images", "4",
                 "--json", "--grid", grid});
    QVERIFY2(e.code == 0, e.err.constData());
    const QJsonObject q = QJsonDocument::fromJson(e.out).object();
    QVERIFY(q["psnr_db"].toDouble() > 0 && q["psnr_db"].toDouble() < 100);
    QVERIFY(q["codes_used"].toInt() >= 1 && q["codes_used"].toInt() <= 64);
    QCOMPARE(q["codes"].toInt(), 64);
    QCOMPARE(atelier::read_image(grid.toStdString()).height, 2 * 16 + 3 * 2);  // originals above reconstructions
    Run bad = run({"train", "vqgan", "--out", dir.filePath("bad"), "--ch", "48"});
    QVERIFY(bad.code != 0);
    QVERIFY(bad.err.contains("multiple of 32"));
  }

  void generateWithTheShippedModels() {
    QTemporaryDir dir;
    // CLIP + VQGAN with the shipped mini-VQGAN by default; frames every 2 steps into the GIF.
    Run r = run({"--threads", "1", "generate", "--prompt", "a rocket", "--steps", "6", "--cutn", "4", "--save-every", "2", "--out",
                 dir.filePath("r.png"), "--video", dir.filePath("r.gif")});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(atelier::read_image(dir.filePath("r.png").toStdString()).width, 128);
    QCOMPARE(atelier::count_animation_frames(dir.filePath("r.gif").toStdString()), 6 / 2 + 1);
    // CLIP + GAN: the generator's own size.
    Run g = run({"--threads", "1", "generate", "--prompt", "a shoe", "--generator", "gan:fashion", "--steps", "3", "--cutn", "2", "--out",
                 dir.filePath("g.png")});
    QVERIFY2(g.code == 0, g.err.constData());
    QCOMPARE(atelier::read_image(dir.filePath("g.png").toStdString()).width, 32);
    Run bad = run({"generate", "--prompt", "x", "--generator", "fashion", "--out", dir.filePath("b.png")});
    QVERIFY(bad.code != 0);
    QVERIFY(bad.err.contains("gan:NAME"));
  }

  // Issue 21, item 6: seeds x one swept setting, each run's image under a suffixed name, and a
  // labelled grid whose cells are those images; a cell is exactly the single run's image.
  void generateBatchWritesALabelledGrid() {
    QTemporaryDir dir;
    const QStringList base{"--threads", "1", "generate", "--prompt", "a rocket", "--steps", "3", "--cutn", "2",
                           "--size", "32x32"};
    const QString grid = dir.filePath("g.png");
    Run r = run(base + QStringList{"--seeds", "1-2", "--sweep", "lr=0.05,0.2", "--grid", grid, "--out", dir.filePath("r.png")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("run 1 of 4: seed 1, lr=0.05") && r.err.contains("run 4 of 4: seed 2, lr=0.2"), r.err.constData());
    QVERIFY2(r.out.contains("2 x 2 runs, 4 of 4 done"), r.out.constData());
    QCOMPARE(leftIn(dir.path()),
             (QStringList{"g.png", "r-seed1-lr0.05.png", "r-seed1-lr0.2.png", "r-seed2-lr0.05.png", "r-seed2-lr0.2.png"}));
    // The layout (generate_batch.h): 32 px images enlarged 4 x to 128 px cells (kGridMinCell),
    // 4 px apart (kGridGap), below a 24 px header band and right of a 96 px band of seeds.
    const atelier::Image g = atelier::read_image(grid.toStdString());
    QCOMPARE(g.width, 96 + 4 + 2 * (128 + 4));
    QCOMPARE(g.height, 24 + 4 + 2 * (128 + 4));
    // Cell (row, column) against a run's image, pixel for pixel.
    const auto cellDiffers = [&](int row, int column, const QString& file) -> QString {
      const atelier::Image im = atelier::read_image(file.toStdString());
      if (im.width != 32 || im.height != 32) return QStringLiteral("%1 is %2x%3").arg(file).arg(im.width).arg(im.height);
      const int x0 = 96 + 4 + column * 132, y0 = 24 + 4 + row * 132;
      for (int y = 0; y < 128; ++y)
        for (int x = 0; x < 128; ++x)
          for (int c = 0; c < 3; ++c)
            if (g.pixels[(size_t(y0 + y) * size_t(g.width) + size_t(x0 + x)) * 3 + size_t(c)] !=
                im.pixels[(size_t(y / 4) * 32 + size_t(x / 4)) * 3 + size_t(c)])
              return QStringLiteral("cell %1,%2 differs from %3 at %4,%5").arg(row).arg(column).arg(file).arg(x).arg(y);
      return {};
    };
    QString differs = cellDiffers(1, 1, dir.filePath("r-seed2-lr0.2.png"));
    QVERIFY2(differs.isEmpty(), qPrintable(differs));
    // The seed matters.
    QVERIFY(crafted::readFile(dir.filePath("r-seed1-lr0.05.png")) != crafted::readFile(dir.filePath("r-seed2-lr0.05.png")));
    // The same settings as one plain run: the same image, and the same cell.
    const QString single = dir.filePath("single.png");
    Run s = run(base + QStringList{"--seed", "1", "--lr", "0.05", "--out", single});
    QVERIFY2(s.code == 0, s.err.constData());
    QCOMPARE(crafted::readFile(single), crafted::readFile(dir.filePath("r-seed1-lr0.05.png")));
    differs = cellDiffers(0, 0, single);
    QVERIFY2(differs.isEmpty(), qPrintable(differs));
    // Labels: dark ink over each column and left of each row, on the light grey bands.
    const auto inked = [&](int x0, int y0, int w, int h) {
      int dark = 0;
      for (int y = y0; y < y0 + h; ++y)
        for (int x = x0; x < x0 + w; ++x) dark += g.pixels[(size_t(y) * size_t(g.width) + size_t(x)) * 3] < 96;
      return dark;
    };
    for (int i = 0; i < 2; ++i) {
      QVERIFY2(inked(100 + i * 132, 0, 128, 24) > 10, qPrintable(QString::number(i)));
      QVERIFY2(inked(0, 28 + i * 132, 96, 128) > 10, qPrintable(QString::number(i)));
    }
    QCOMPARE(inked(0, 0, 96, 24), 0);  // the corner stays empty
  }

  void generateBatchRefusesBadSpecs_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("says");
    QTest::newRow("--seeds 5-1") << QStringList{"--seeds", "5-1"} << QStringList{"--seeds", "5-1", "backwards"};
    QTest::newRow("--seeds 1,,2") << QStringList{"--seeds", "1,,2"} << QStringList{"--seeds", "empty item"};
    QTest::newRow("--seeds 1-300") << QStringList{"--seeds", "1-300"} << QStringList{"--seeds", "at most 256"};
    QTest::newRow("--seeds x") << QStringList{"--seeds", "x"} << QStringList{"--seeds", "'x' is not a seed"};
    QTest::newRow("--sweep lr=") << QStringList{"--sweep", "lr="} << QStringList{"--sweep lr", "no values"};
    QTest::newRow("--sweep nope=1") << QStringList{"--sweep", "nope=1"} << QStringList{"--sweep", "'nope'", "lr, steps, cutn"};
    QTest::newRow("two --sweep") << QStringList{"--sweep", "lr=0.1", "--sweep", "cutn=2"}
                                 << QStringList{"--sweep is given 2 times", "one setting"};
    QTest::newRow("--sweep lr=500") << QStringList{"--sweep", "lr=500"} << QStringList{"--sweep lr", "500", "out of range"};
    QTest::newRow("--sweep cutn=1.5") << QStringList{"--sweep", "cutn=1.5"}
                                      << QStringList{"--sweep cutn", "'1.5'", "whole number"};
    QTest::newRow("--sweep lr=0.1,nan") << QStringList{"--sweep", "lr=0.1,nan"} << QStringList{"--sweep lr", "'nan'", "finite"};
    QTest::newRow("--sweep lr=0.1,0.10") << QStringList{"--sweep", "lr=0.1,0.10"} << QStringList{"--sweep lr", "same value"};
    QTest::newRow("--sweep truncation") << QStringList{"--sweep", "truncation=0.5"} << QStringList{"truncation", "biggan:PATH"};
    QTest::newRow("--lr and --sweep lr") << QStringList{"--lr", "0.1", "--sweep", "lr=0.2"}
                                         << QStringList{"--lr", "give one of them"};
    QTest::newRow("--sweep size=30") << QStringList{"--sweep", "size=30"} << QStringList{"30x30", "factor"};
  }
  void generateBatchRefusesBadSpecs() {
    QFETCH(QStringList, args);
    QFETCH(QStringList, says);
    QTemporaryDir dir;
    const QString out = dir.filePath("x.png"), grid = dir.filePath("g.png");
    Run r = run(QStringList{"generate", "--prompt", "a cat", "--steps", "2", "--out", out, "--grid", grid} + args);
    QVERIFY(r.code != 0);
    for (const QString& part : says) QVERIFY2(r.err.contains(part.toUtf8()), r.err.constData());
    QVERIFY2(!r.err.contains("step 1/"), r.err.constData());  // before any run
    QCOMPARE(leftIn(dir.path()), QStringList());
  }

  // Ctrl+C in a batch lets the current run finish, starts no other, and writes the grid with the
  // rest as "not run"; a second Ctrl+C stops the current run too (its image so far is kept).
  void generateBatchStopsAfterTheCurrentRun_data() {
    QTest::addColumn<int>("interrupts");
    QTest::newRow("once") << 1;
    QTest::newRow("twice") << 2;
  }
  void generateBatchStopsAfterTheCurrentRun() {
    QFETCH(int, interrupts);
    QTemporaryDir dir;
    const QString steps = interrupts == 1 ? "60" : "100000";  // twice: only the second Ctrl+C ends run 1
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), {"--threads", "1", "generate", "--prompt", "a rocket", "--steps", steps, "--cutn", "2",
                                       "--size", "32x32", "--seeds", "1-2", "--sweep", "lr=0.05,0.2", "--grid",
                                       dir.filePath("g.png"), "--out", dir.filePath("r.png")});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("step 2/"), 30000);
    ::kill(pid_t(p.processId()), SIGINT);
    if (interrupts == 2) {
      QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("stopping after this run"), 10000);
      ::kill(pid_t(p.processId()), SIGINT);
    }
    QVERIFY(p.waitForFinished(60000));
    err += p.readAllStandardError();
    const QByteArray out = p.readAllStandardOutput();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
    QVERIFY2(err.contains("stopped after 1 of 4 runs") && !err.contains("run 2 of 4"), err.constData());
    QVERIFY2(out.contains("1 of 4 done"), out.constData());
    QVERIFY2(interrupts == 1 ? out.contains("r-seed1-lr0.05.png: 60 steps") : err.contains("stopped: writing the image so far"),
             out.constData());
    QCOMPARE(leftIn(dir.path()), (QStringList{"g.png", "r-seed1-lr0.05.png"}));
    // The three cells not run: one flat grey (in their corners, away from the label).
    const atelier::Image g = atelier::read_image(dir.filePath("g.png").toStdString());
    QCOMPARE(g.width, 364);
    const auto at = [&](int x, int y) { return g.pixels[(size_t(y) * size_t(g.width) + size_t(x)) * 3]; };
    const uint8_t grey = at(100 + 132 + 2, 28 + 2);
    QVERIFY(grey != at(0, 0));  // darker than the background
    for (const auto& [x, y] : {std::pair{100 + 132, 28}, std::pair{100, 28 + 132}, std::pair{100 + 132, 28 + 132}})
      for (int d = 0; d < 10; ++d) QCOMPARE(at(x + d, y + d), grey);
  }

  void benchGenerateReportsSecondsPerIteration() {
    Run r = run({"--threads", "1", "bench", "generate", "--generator", "gan:fashion", "--steps", "3", "--cutn", "2"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject b = QJsonDocument::fromJson(r.out).object();
    QVERIFY(b["seconds_per_iteration"].toDouble() > 0);
    QVERIFY(b["first_frame_seconds"].toDouble() >= 0);
    QCOMPARE(b["steps"].toInt(), 3);
    Run random = run({"bench", "generate", "--clip", "vit-b-32", "--vqgan", "f16-1024"});
    QVERIFY(random.code != 0);
    QVERIFY(random.err.contains("--vocab"));
  }

  void vqganReconstructionMatchesTheReference() {
    QTemporaryDir dir;
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/vqgan/");
    const QString out = dir.filePath("out.png");
    for (bool yaml : {true, false}) {
      QStringList args{"vqgan", "reconstruct", "--vqgan", data + "tiny.ckpt", data + "input.png", out};
      if (yaml) args << "--config" << data + "tiny.yaml";
      Run r = run(args);
      QVERIFY2(r.code == 0, r.err.constData());
      const atelier::Image ours = atelier::read_image(out.toStdString()), ref = atelier::read_image((data + "reconstruction.png").toStdString());
      QCOMPARE(ours.width, ref.width);
      QCOMPARE(ours.height, ref.height);
      QCOMPARE(ours.pixels.size(), ref.pixels.size());
      int worst = 0;
      for (size_t i = 0; i < ref.pixels.size(); ++i) worst = std::max(worst, std::abs(int(ours.pixels[i]) - int(ref.pixels[i])));
      QVERIFY2(worst <= 1, qPrintable(QString::number(worst)));  // the acceptance: at most 1/255
    }
    Run random = run({"vqgan", "decode-random", "--vqgan", data + "tiny.ckpt", "--seed", "3", "--size", "32x16", out});
    QVERIFY2(random.code == 0, random.err.constData());
    QCOMPARE(atelier::read_image(out.toStdString()).width, 32);
    QCOMPARE(atelier::read_image(out.toStdString()).height, 16);
    Run bad = run({"vqgan", "decode-random", "--vqgan", data + "tiny.ckpt", "--size", "33x16", out});
    QVERIFY(bad.code != 0);
    QVERIFY(bad.err.contains("multiple of the model's factor 2"));
    // Without --vqgan: the installed one (the shipped mini-VQGAN, factor 8), at the input's size
    // rounded down to its factor.
    Run installed = run({"vqgan", "reconstruct", data + "input.png", out});
    QVERIFY2(installed.code == 0, installed.err.constData());
    QVERIFY(installed.out.contains("VQGAN f8"));
    const atelier::Image in = atelier::read_image((data + "input.png").toStdString()), rec = atelier::read_image(out.toStdString());
    QCOMPARE(rec.width, std::max(8, in.width / 8 * 8));
    QCOMPARE(rec.height, std::max(8, in.height / 8 * 8));
  }

  void cudaWithoutAGpuSaysSo() {
    Run info = run({QStringLiteral("info"), QStringLiteral("--json")});
    if (QJsonDocument::fromJson(info.out).object()[QStringLiteral("device")].toObject()[QStringLiteral("cuda_devices")].toInt() > 0)
      QSKIP("a GPU is present");
    Run r = run({QStringLiteral("--device"), QStringLiteral("cuda"), QStringLiteral("info")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("CUDA"));
  }

  // ---- hostile files and careless hands (issue 16) ---------------------------------------------

  // Runs the CLI with a limit on the size of any file it writes (as a full disk would stop it):
  // writes past it fail with EFBIG; SIGXFSZ, which would kill the process, is ignored (and stays
  // ignored across exec).
  static Run runWithFileSizeLimit(const QStringList& args, rlim_t bytes) {
    QProcess p;
    p.setChildProcessModifier([bytes] {
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{bytes, bytes};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    p.start(QStringLiteral(CLI_PATH), args);
    if (!p.waitForFinished(60000)) qFatal("clip-atelier-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
  }

  // The largest resident set of any finished child so far, in bytes (Linux: ru_maxrss in KiB).
  static long long childPeakBytes() {
    rusage r{};
    getrusage(RUSAGE_CHILDREN, &r);
    return static_cast<long long>(r.ru_maxrss) * 1024;
  }

  // Nothing in the folder but the files named.
  static QStringList leftIn(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
  }

  void hugeImagesAreRefusedBeforeDecoding() {
    QTemporaryDir dir;
    // 1 KB, 999999 x 1 pixels: out of memory before (the CLIP preprocessing of its aspect ratio).
    const QString wide = dir.filePath("wide.png"), big = dir.filePath("big.png");
    const QByteArray widePng = crafted::greyPng(999999, 1, 1);
    QVERIFY(widePng.size() < 2048);
    QVERIFY(crafted::writeFile(wide, widePng));
    // 30000 x 30000 grey: 5.3 GB, then a misleading "non-contiguous image".
    QVERIFY(crafted::writeFile(big, crafted::greyPng(30000, 30000, 2)));
    const QString out = dir.filePath("out.png");
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/vqgan/");
    for (const QStringList& args : {QStringList{"judge", "--prompt", "a red circle", wide},
                                    QStringList{"vqgan", "reconstruct", "--vqgan", data + "tiny.ckpt", wide, out},
                                    QStringList{"embed", "--json", "--text", "a cat", "--image", wide}}) {
      Run r = run(args);
      QVERIFY2(r.code != 0, qPrintable(args.join(' ')));
      QVERIFY2(r.err.contains("wide.png") && r.err.contains("999999 x 1 pixels") && r.err.contains("32768"), r.err.constData());
    }
    Run r = run({"judge", "--prompt", "a red circle", big});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("30000 x 30000") && r.err.contains("megapixels") && r.err.contains("67108864"), r.err.constData());
    QVERIFY(!QFile::exists(out));
    QVERIFY2(childPeakBytes() < 2LL << 30, qPrintable(QString::number(childPeakBytes())));
  }

  void aTruncatedJpegIsRefused() {
    QTemporaryDir dir;
    const QString whole = dir.filePath("whole.jpg"), cut = dir.filePath("cut.jpg");
    atelier::Image img{64, 64, 3, std::vector<uint8_t>(64 * 64 * 3)};
    for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = uint8_t((i * 2654435761u) >> 24);
    atelier::write_image(whole.toStdString(), img);
    const QByteArray bytes = crafted::readFile(whole);
    QVERIFY(crafted::writeFile(cut, bytes.left(bytes.size() / 2)));
    QCOMPARE(run({"judge", "--prompt", "a red circle", whole}).code, 0);
    Run r = run({"judge", "--prompt", "a red circle", cut});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("cut.jpg") && r.err.contains("truncated"), r.err.constData());
  }

  void nonFiniteOptionsAreRefused_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::newRow("draw --max-width nan") << QStringList{"draw", "--prompt", "a heart", "--max-width", "nan"} << "--max-width" << "nan";
    QTest::newRow("draw --lr-points inf") << QStringList{"draw", "--prompt", "a heart", "--lr-points", "inf"} << "--lr-points" << "inf";
    QTest::newRow("draw --lr-widths=-inf") << QStringList{"draw", "--prompt", "a heart", "--lr-widths=-inf"} << "--lr-widths" << "-inf";
    QTest::newRow("generate --lr NaN") << QStringList{"generate", "--prompt", "a cat", "--lr", "NaN"} << "--lr" << "NaN";
    QTest::newRow("generate --init-weight 1e999") << QStringList{"generate", "--prompt", "a cat", "--init-weight", "1e999"} << "--init-weight"
                                                  << "1e999";
    QTest::newRow("gan sample --truncation nan") << QStringList{"gan", "sample", "--truncation", "nan"} << "--truncation" << "nan";
    QTest::newRow("gan interpolate --fps infinity") << QStringList{"gan", "interpolate", "--fps", "infinity"} << "--fps" << "infinity";
    QTest::newRow("train clip --lr nan") << QStringList{"train", "clip", "--lr", "nan"} << "--lr" << "nan";
  }
  void nonFiniteOptionsAreRefused() {
    QFETCH(QStringList, args);
    QFETCH(QString, option);
    QFETCH(QString, value);
    QTemporaryDir dir;
    const QString out = dir.filePath(args.first() == "gan" && args[1] == "interpolate" ? "out.gif" : args.first() == "draw" ? "out.svg" : "out.png");
    Run r = run(args << "--out" << (args.first() == "train" ? dir.filePath("run") : out));
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains(option.toUtf8()) && r.err.contains(value.toUtf8()) && r.err.contains("finite"), r.err.constData());
    QCOMPARE(leftIn(dir.path()), QStringList());
  }

  void aPromptWeightOfInfIsRefused() {
    QTemporaryDir dir;
    for (const QString& verb : {QStringLiteral("draw"), QStringLiteral("generate")}) {
      const QString out = dir.filePath(verb == "draw" ? "x.svg" : "x.png");
      Run r = run({verb, "--prompt", "a red heart:inf", "--steps", "2", "--out", out});
      QVERIFY(r.code != 0);
      QVERIFY2(r.err.contains("a red heart:inf") && r.err.contains("finite"), r.err.constData());
      QVERIFY2(!r.err.contains("step 1/"), r.err.constData());  // refused before the run
    }
    QCOMPARE(leftIn(dir.path()), QStringList());
  }

  void initNoiseIsCheckedBeforeTheRun() {
    QTemporaryDir dir;
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/vqgan/"), out = dir.filePath("x.png");
    Run both = run({"generate", "--prompt", "a cat", "--init", data + "input.png", "--init-noise", "pixels", "--out", out});
    QVERIFY(both.code != 0);
    QVERIFY2(both.err.contains("--init-noise") && both.err.contains("not both"), both.err.constData());
    Run unknown = run({"generate", "--prompt", "a cat", "--init-noise", "perlin", "--out", out});
    QVERIFY(unknown.code != 0);
    QVERIFY2(unknown.err.contains("--init-noise") && unknown.err.contains("perlin"), unknown.err.constData());
    Run gan = run({"generate", "--generator", "gan:emoji", "--prompt", "a cat", "--init-noise", "smooth", "--out", out});
    QVERIFY(gan.code != 0);
    QVERIFY2(gan.err.contains("--init-noise") && gan.err.contains("gan:emoji"), gan.err.constData());
    QCOMPARE(leftIn(dir.path()), QStringList());
    Run ok = run({"generate", "--vqgan", data + "tiny.ckpt", "--config", data + "tiny.yaml", "--prompt", "a cat", "--size", "16x16",
                  "--steps", "1", "--init-noise", "smooth", "--out", out});
    QVERIFY2(ok.code == 0 && QFile::exists(out), ok.err.constData());
  }

  void sizesAreParsedStrictly() {
    QTemporaryDir dir;
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/vqgan/"), out = dir.filePath("x.png");
    for (const QString& size : {QStringLiteral("16x16garbage"), QStringLiteral("16x"), QStringLiteral("x16"), QStringLiteral("0x16"),
                                QStringLiteral("-16x16"), QStringLiteral("16 x 16"), QStringLiteral("99999x16")}) {
      Run r = run({"vqgan", "decode-random", "--vqgan", data + "tiny.ckpt", "--size", size, out});
      QVERIFY2(r.code != 0, qPrintable(size));
      QVERIFY2(r.err.contains("--size") && r.err.contains(size.toUtf8()) && r.err.contains("WxH"), r.err.constData());
      Run g = run({"generate", "--prompt", "a cat", "--size", size, "--out", out});
      QVERIFY2(g.code != 0 && g.err.contains("--size"), g.err.constData());
    }
    // Within the sides' limits, but over the area one VQGAN decode may take.
    Run big = run({"vqgan", "decode-random", "--vqgan", data + "tiny.ckpt", "--size", "4096x4096", out});
    QVERIFY(big.code != 0);
    QVERIFY2(big.err.contains("4096x4096") && big.err.contains("262144"), big.err.constData());
    QCOMPARE(leftIn(dir.path()), QStringList());
  }

  void threadsAreBounded() {
    Run r = run({"--threads", "100000", "info"});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("--threads") && r.err.contains("100000") && r.err.contains("limit"), r.err.constData());
    Run after = run({"info", "--threads", "100000"});  // after the subcommand, too
    QVERIFY(after.code != 0);
    QVERIFY2(after.err.contains("100000"), after.err.constData());
  }

  void ganSampleOutputIsBounded() {
    QTemporaryDir dir;
    const QString out = dir.filePath("grid.png");
    Run r = run({"gan", "sample", "--model", "fashion", "--count", "1024", "--scale", "32", "--out", out});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("1024 samples") && r.err.contains("--scale 32") && r.err.contains("268435456"), r.err.constData());
    QCOMPARE(leftIn(dir.path()), QStringList());
    QVERIFY2(childPeakBytes() < 2LL << 30, qPrintable(QString::number(childPeakBytes())));
  }

  void vqganReconstructDownscalesLargeImages() {
    QTemporaryDir dir;
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/vqgan/");
    const QString in = dir.filePath("big.png"), out = dir.filePath("out.png");
    atelier::Image img{1024, 768, 3, std::vector<uint8_t>(1024 * 768 * 3)};
    for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = uint8_t(i % 251);
    atelier::write_image(in.toStdString(), img);
    Run r = run({"--threads", "2", "vqgan", "reconstruct", "--vqgan", data + "tiny.ckpt", "--config", data + "tiny.yaml", in, out});
    QVERIFY2(r.code == 0, r.err.constData());
    // The tiny VQGAN attends at 1/2 of the input: 8192 positions there are 32768 pixels.
    // sqrt(32768 / (1024 x 768)) = 0.204: 209 x 156, then rounded down to the model's factor 2.
    QVERIFY2(r.err.contains("downscaled to 209 x 156") && r.err.contains("attention"), r.err.constData());
    const atelier::Image rec = atelier::read_image(out.toStdString());
    QCOMPARE(rec.width, 208);
    QCOMPARE(rec.height, 156);
    QVERIFY2(childPeakBytes() < 2LL << 30, qPrintable(QString::number(childPeakBytes())));
  }

  void impossibleOutputsAreRefusedBeforeTheRun_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTemporaryDir* dir = new QTemporaryDir;  // lives for the test's rows (freed at exit)
    dir->setAutoRemove(true);
    const QString d = dir->path();
    QFile(d + "/afile").open(QIODevice::WriteOnly);
    QDir().mkpath(d + "/taken.png");
    const QStringList gen{"generate", "--prompt", "a cat", "--steps", "2", "--cutn", "2"};
    const QStringList draw{"draw", "--prompt", "a heart", "--steps", "2", "--paths", "2", "--size", "32"};
    QTest::newRow("generate: missing folder") << (gen + QStringList{"--out", d + "/missing/x.png"}) << "no folder";
    QTest::newRow("generate: a file as the folder") << (gen + QStringList{"--out", d + "/afile/x.png"}) << "is not a folder";
    QTest::newRow("generate: unknown extension") << (gen + QStringList{"--out", d + "/x.abc"}) << ".abc";
    QTest::newRow("generate: a folder as the file") << (gen + QStringList{"--out", d + "/taken.png"}) << "is a folder";
    QTest::newRow("generate: --video extension") << (gen + QStringList{"--out", d + "/x.png", "--video", d + "/x.avi"}) << ".gif, .webp or .mp4";
    QTest::newRow("generate: --frames missing") << (gen + QStringList{"--out", d + "/x.png", "--frames", d + "/nope"}) << "no folder";
    QTest::newRow("draw: missing folder") << (draw + QStringList{"--out", d + "/missing/x.svg"}) << "no folder";
    QTest::newRow("draw: not .svg") << (draw + QStringList{"--out", d + "/x.png"}) << ".svg";
    QTest::newRow("draw: --png extension") << (draw + QStringList{"--out", d + "/x.svg", "--png", d + "/x.abc"}) << ".abc";
    QTest::newRow("draw: --video folder") << (draw + QStringList{"--out", d + "/x.svg", "--video", d + "/missing/x.gif"}) << "no folder";
    QTest::newRow("gan sample: missing folder") << QStringList{"gan", "sample", "--model", "fashion", "--out", d + "/missing/x.png"} << "no folder";
    QTest::newRow("render shape: unknown extension") << QStringList{"render", "shape", "--out", d + "/x.abc"} << ".abc";
    m_outputDirs.push_back(std::unique_ptr<QTemporaryDir>(dir));
  }
  void impossibleOutputsAreRefusedBeforeTheRun() {
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    const QString d = m_outputDirs.back()->path();
    Run r = run(args);
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains(says.toUtf8()), r.err.constData());
    QVERIFY2(r.err.contains(d.toUtf8()), r.err.constData());  // the path is named
    QVERIFY2(!r.err.contains("step 1/"), r.err.constData());  // before any step
    QCOMPARE(leftIn(d), (QStringList{"afile", "taken.png"}));
  }

  void aReadOnlyFolderIsRefusedBeforeTheRun() {
    if (::geteuid() == 0) QSKIP("root writes anywhere: the permission case only means something for users");
    QTemporaryDir dir;
    const QString ro = dir.filePath("ro");
    QVERIFY(QDir().mkpath(ro));
    QVERIFY(QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    Run r = run({"generate", "--prompt", "a cat", "--steps", "2", "--out", ro + "/x.png"});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("permission denied") && r.err.contains(ro.toUtf8()), r.err.constData());
    QVERIFY(!r.err.contains("step 1/"));
    QVERIFY(QDir(ro).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  }

  void aFullDiskIsToldApartFromAMissingCodec_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("file");
    QTest::newRow("MP4") << QStringList{"gan", "interpolate", "--model", "fashion", "--frames", "12", "--scale", "8"} << "walk.mp4";
    QTest::newRow("GIF") << QStringList{"gan", "interpolate", "--model", "fashion", "--frames", "12", "--scale", "8"} << "walk.gif";
    QTest::newRow("WebP") << QStringList{"gan", "interpolate", "--model", "fashion", "--frames", "12", "--scale", "8"} << "walk.webp";
    QTest::newRow("PNG") << QStringList{"gan", "sample", "--model", "fashion", "--count", "16", "--scale", "8"} << "grid.png";
    QTest::newRow("SVG") << QStringList{"draw", "--prompt", "a heart", "--steps", "1", "--paths", "100", "--size", "32"} << "d.svg";
  }
  void aFullDiskIsToldApartFromAMissingCodec() {
    QFETCH(QStringList, args);
    QFETCH(QString, file);
    QTemporaryDir dir;
    // Every file write past 2 KiB fails, as on a full disk (EFBIG instead of ENOSPC).
    Run r = runWithFileSizeLimit(args << "--out" << dir.filePath(file), 2048);
    QVERIFY2(r.code > 0, r.err.constData());  // an error, not a signal
    QVERIFY2(r.err.contains(file.toUtf8()) && r.err.contains("larger than this system allows"), r.err.constData());
    QVERIFY2(!r.err.contains("FFmpeg"), r.err.constData());
    QCOMPARE(leftIn(dir.path()), QStringList());  // no file, no .partial
  }

  void bigganSampleMatchesTheEngine() {
    // Issue 23: gan sample of the tiny BigGAN-deep (32 px, 10 classes, z 8) with z from a seed or
    // from a .npy gives the image the engine makes of that z (8-bit, within 1/255: the CLI runs on
    // one thread, this process on several); a .npy's rows make a grid; malformed .npy files and
    // impossible classes are refused, naming the problem, with no image written.
    namespace gan = atelier::gan;
    QTemporaryDir dir;
    const QString model = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/biggan");
    const gan::BigGan gen = gan::BigGan::load(model.toStdString());
    auto bytes = [](const QString& f) {
      QFile file(f);
      file.open(QIODevice::ReadOnly);
      return file.readAll();
    };
    auto sameImage = [](const QString& file, const atelier::Image& want) -> QString {
      const atelier::Image got = atelier::read_image(file.toStdString());
      if (got.width != want.width || got.height != want.height || got.channels != want.channels)
        return QStringLiteral("%1x%2x%3, expected %4x%5x%6")
            .arg(got.width)
            .arg(got.height)
            .arg(got.channels)
            .arg(want.width)
            .arg(want.height)
            .arg(want.channels);
      int worst = 0, off = 0;
      for (size_t i = 0; i < got.pixels.size(); ++i) {
        const int d = std::abs(int(got.pixels[i]) - int(want.pixels[i]));
        worst = std::max(worst, d);
        off += d > 0;
      }
      return worst <= 1 ? QString() : QStringLiteral("%1 values differ, by up to %2").arg(off).arg(worst);
    };
    // A .npy as numpy.save writes it: magic, version, header length, the dict padded to 64 bytes.
    auto npy = [](const QByteArray& dict, const QByteArray& data, int major = 1) {
      const int preamble = major == 1 ? 10 : 12;
      QByteArray header = dict;
      while ((preamble + header.size() + 1) % 64 != 0) header += ' ';
      header += '\n';
      QByteArray out("\x93NUMPY", 6);
      out += char(major);
      out += char(0);
      const quint32 n = quint32(header.size());
      out += char(n & 0xff);
      out += char((n >> 8) & 0xff);
      if (major != 1) {
        out += char((n >> 16) & 0xff);
        out += char(n >> 24);
      }
      return out + header + data;
    };
    auto f4 = [](const char* shape, const char* order = "False", const char* descr = "<f4") {
      return QByteArray("{'descr': '") + descr + "', 'fortran_order': " + order + ", 'shape': " + shape + ", }";
    };
    auto floats = [](const std::vector<float>& v) {
      return QByteArray(reinterpret_cast<const char*>(v.data()), int(v.size() * sizeof(float)));
    };
    auto save = [&](const QString& name, const QByteArray& content) {
      QFile f(dir.filePath(name));
      f.open(QIODevice::WriteOnly);
      f.write(content);
      return dir.filePath(name);
    };
    auto sample = [&](const QStringList& extra, const QString& out) {
      return run(QStringList{"--threads", "1", "gan", "sample", "--model", model, "--truncation", "0.5", "--out", out} + extra);
    };

    // z from the seed: the engine's truncated normal of seed 1, class 3.
    const QString seeded = dir.filePath("seeded.png");
    Run r = sample({"--class", "3", "--seed", "1"}, seeded);
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("class 3") && r.out.contains("seed 1") && r.out.contains("truncation 0.5"), r.out.constData());
    const auto header = atelier::read_image_header(seeded.toStdString());
    QCOMPARE(header.format, std::string("PNG"));
    QCOMPARE(header.width, int64_t(32));
    QCOMPARE(header.height, int64_t(32));
    QString differs = sameImage(seeded, gen.generate(gen.latent(1, 0.5), 3, 0.5));
    QVERIFY2(differs.isEmpty(), qPrintable(differs));

    // z from a .npy: what the engine makes of that z; the same file twice, the same bytes; another z, another image.
    std::vector<float> za(8), zb(8);
    for (int i = 0; i < 8; ++i) {
      za[size_t(i)] = float(0.3 * std::sin(i + 1.0));
      zb[size_t(i)] = float(0.3 * std::cos(i + 1.0));
    }
    const QString a1 = dir.filePath("a1.png"), a2 = dir.filePath("a2.png"), a3 = dir.filePath("a3.png"),
                  b1 = dir.filePath("b1.png");
    for (const auto& [file, out] :
         {std::pair{save("za.npy", npy(f4("(8,)"), floats(za))), a1}, std::pair{dir.filePath("za.npy"), a2},
          std::pair{save("za2.npy", npy(f4("(1, 8)"), floats(za), 2)), a3},
          std::pair{save("zb.npy", npy(f4("(8,)"), floats(zb))), b1}}) {
      Run z = sample({"--class", "3", "--z", file}, out);
      QVERIFY2(z.code == 0, z.err.constData());
      QVERIFY2(z.out.contains("z from"), z.out.constData());
    }
    differs = sameImage(a1, gen.generate(za, 3, 0.5));
    QVERIFY2(differs.isEmpty(), qPrintable(differs));
    QCOMPARE(bytes(a1), bytes(a2));
    QCOMPARE(bytes(a1), bytes(a3));  // format 2.0, one row of shape (1, 8): the same latent
    QVERIFY(bytes(a1) != bytes(b1));

    // Two rows: a grid of two (2 px gaps); a --count that disagrees with the rows is refused.
    std::vector<float> both = za;
    both.insert(both.end(), zb.begin(), zb.end());
    const QString grid = dir.filePath("grid.png");
    Run g = sample({"--class", "3", "--z", save("both.npy", npy(f4("(2, 8)"), floats(both)))}, grid);
    QVERIFY2(g.code == 0 && g.out.contains("2 samples"), g.err.constData());
    QCOMPARE(atelier::read_image_header(grid.toStdString()).width, int64_t(2 * 32 + 3 * 2));
    QCOMPARE(atelier::read_image_header(grid.toStdString()).height, int64_t(32 + 2 * 2));
    Run count = sample({"--class", "3", "--z", dir.filePath("both.npy"), "--count", "3"}, dir.filePath("count.png"));
    QVERIFY2(count.code != 0 && count.err.contains("--count 3") && count.err.contains("holds 2"), count.err.constData());

    // Malformed .npy files and impossible requests: refused by name, nothing written.
    std::vector<float> nan = za;
    nan[5] = std::numeric_limits<float>::quiet_NaN();
    QByteArray longHeader = npy(f4("(8,)"), floats(za));
    longHeader[8] = char(0x88);  // a header length of 5000: beyond the file
    longHeader[9] = char(0x13);
    const std::vector<std::pair<QStringList, QString>> refused{
        {{"--class", "3", "--z", save("magic.npy", QByteArray("PK\x03\x04 not numpy at all, long enough"))}, "not a NumPy .npy"},
        {{"--class", "3", "--z", save("short.npy", QByteArray("\x93NUMPY", 6))}, "not a NumPy .npy"},
        {{"--class", "3", "--z", save("v4.npy", npy(f4("(8,)"), floats(za), 4))}, "version 4.0"},
        {{"--class", "3", "--z", save("f8.npy", npy(f4("(8,)", "False", "<f8"), floats(both)))}, "'<f8'"},
        {{"--class", "3", "--z", save("fortran.npy", npy(f4("(2, 8)", "True"), floats(both)))}, "Fortran order"},
        {{"--class", "3", "--z", save("z9.npy", npy(f4("(9,)"), floats(std::vector<float>(9, 0.1f))))}, "z has 8 numbers"},
        {{"--class", "3", "--z", save("3d.npy", npy(f4("(1, 1, 8)"), floats(za)))}, "latents are [8] or [K, 8]"},
        {{"--class", "3", "--z", save("truncated.npy", npy(f4("(2, 8)"), floats(za)))}, "remain (truncated)"},
        {{"--class", "3", "--z", save("long.npy", longHeader)}, "claims 5000 bytes"},
        {{"--class", "3", "--z", save("nan.npy", npy(f4("(8,)"), floats(nan)))}, "number 5 is NaN"},
        {{"--class", "3", "--z",
          save("code.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (8,), 'x': __import__('os')}", floats(za)))},
         "unexpected key 'x'"},
        {{"--class", "10"}, "class 10 is out of range: this model has 10 classes (0 to 9)"},
        {{"--class=-1"}, "out of range"},
        {{"--class", "goldfish"}, "apply to 1000-class models"},
        {{"--seed", "1"}, "give --class"},
    };
    for (const auto& [args, says] : refused) {
      const QString out = dir.filePath("refused.png");
      Run bad = sample(args, out);
      QVERIFY2(bad.code != 0, qPrintable(args.join(' ')));
      QVERIFY2(QString::fromUtf8(bad.err).contains(says), qPrintable(args.join(' ') + ": " + QString::fromUtf8(bad.err)));
      QVERIFY2(!QFile::exists(out), qPrintable(args.join(' ')));
    }
    Run truncation =
        run({"gan", "sample", "--model", model, "--class", "3", "--truncation", "1.5", "--out", dir.filePath("t.png")});
    QVERIFY2(truncation.code != 0 && truncation.err.contains("at most 1"), truncation.err.constData());
  }

  void bigganModelsAreListedAndFoundByName() {
    // A BigGAN-deep folder (config.json, pytorch_model.bin) and the reference's download names
    // (NAME-config.json, NAME-pytorch_model.bin) in a model folder: gan list shows both, and
    // --model takes their names; all three ways to the same weights give the same image.
    QTemporaryDir dir;
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/biggan/"), models = dir.filePath("models");
    QVERIFY(QDir().mkpath(models + "/biggan-tiny"));
    QVERIFY(QFile::copy(data + "config.json", models + "/biggan-tiny/config.json"));
    QVERIFY(QFile::copy(data + "pytorch_model.bin", models + "/biggan-tiny/pytorch_model.bin"));
    QVERIFY(QFile::copy(data + "config.json", models + "/tiny2-config.json"));
    QVERIFY(QFile::copy(data + "pytorch_model.bin", models + "/tiny2-pytorch_model.bin"));
    const bool had = qEnvironmentVariableIsSet("CLIP_ATELIER_MODELS");
    const QByteArray saved = qgetenv("CLIP_ATELIER_MODELS");
    qputenv("CLIP_ATELIER_MODELS", models.toUtf8());
    const Run list = run({"gan", "list"});
    std::vector<Run> samples;
    for (const auto& [name, out] :
         {std::pair{QStringLiteral("biggan-tiny"), QStringLiteral("folder.png")},
          std::pair{QStringLiteral("tiny2"), QStringLiteral("prefixed.png")},
          std::pair{QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/biggan"), QStringLiteral("path.png")}})
      samples.push_back(
          run({"--threads", "1", "gan", "sample", "--model", name, "--class", "7", "--seed", "4", "--out", dir.filePath(out)}));
    const Run unknown = run({"gan", "sample", "--model", "biggan-huge", "--class", "1", "--out", dir.filePath("x.png")});
    if (had)
      qputenv("CLIP_ATELIER_MODELS", saved);
    else
      qunsetenv("CLIP_ATELIER_MODELS");

    QVERIFY2(list.code == 0, list.err.constData());
    QVERIFY2(list.out.contains("biggan-tiny") && list.out.contains("tiny2") &&
                 list.out.contains("BigGAN-deep, 32 px, 10 classes, z 8") &&
                 list.out.contains(models.toUtf8() + "/biggan-tiny") &&
                 list.out.contains(models.toUtf8() + "/tiny2-pytorch_model.bin"),
             list.out.constData());
    for (const Run& s : samples) QVERIFY2(s.code == 0 && s.out.contains("class 7"), s.err.constData());
    auto bytes = [](const QString& f) {
      QFile file(f);
      file.open(QIODevice::ReadOnly);
      return file.readAll();
    };
    QVERIFY(!bytes(dir.filePath("folder.png")).isEmpty());
    QCOMPARE(bytes(dir.filePath("prefixed.png")), bytes(dir.filePath("folder.png")));
    QCOMPARE(bytes(dir.filePath("path.png")), bytes(dir.filePath("folder.png")));
    // A name that is none: the BigGAN-deep models found are named in the message.
    QVERIFY(unknown.code != 0);
    QVERIFY2(unknown.err.contains("biggan-huge") && unknown.err.contains("BigGAN-deep: ") &&
                 unknown.err.contains("biggan-tiny") && unknown.err.contains("tiny2"),
             unknown.err.constData());
  }

  void bigganInterpolatesBetweenTwoClasses() {
    // z along the great circle between two seeds' z, the class vector from class 1's one-hot to class 2's.
    QTemporaryDir dir;
    const QString model = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/biggan");
    for (const char* ext : {"gif", "webp"}) {
      const QString out = dir.filePath(QStringLiteral("walk.") + QLatin1String(ext));
      Run r = run({"--threads", "1", "gan",      "interpolate", "--model",  model, "--class-a", "1", "--class-b", "2",
                   "--seed-a",  "1", "--seed-b", "2",           "--frames", "5",   "--scale",   "2", "--out",     out});
      QVERIFY2(r.code == 0, r.err.constData());
      QVERIFY2(r.out.contains("5 frames") && r.out.contains("class 1") && r.out.contains("class 2") &&
                   r.out.contains("truncation 0.4"),
               r.out.constData());
      QCOMPARE(atelier::count_animation_frames(out.toStdString()), 5);
    }
    Run noClass = run({"gan", "interpolate", "--model", model, "--out", dir.filePath("none.gif")});
    QVERIFY2(noClass.code != 0 && noClass.err.contains("--class-a"), noClass.err.constData());
    Run outOfRange =
        run({"gan", "interpolate", "--model", model, "--class-a", "1", "--class-b", "12", "--out", dir.filePath("far.gif")});
    QVERIFY2(outOfRange.code != 0 && outOfRange.err.contains("class 12 is out of range"), outOfRange.err.constData());
    Run dcgan = run({"gan", "interpolate", "--model", "fashion", "--class-a", "1", "--out", dir.filePath("dcgan.gif")});
    QVERIFY2(dcgan.code != 0 && dcgan.err.contains("DCGAN"), dcgan.err.constData());
    QCOMPARE(leftIn(dir.path()), (QStringList{"walk.gif", "walk.webp"}));
  }

  void imagenetClassNamesAreFound() {
    // The 1,000 names shipped in resources/imagenet: by number, by name (any case), by the one name
    // containing the query; several or none matching are refused with candidates.
    namespace gan = atelier::gan;
    QCOMPARE(gan::imagenet_classes().size(), size_t(1000));
    QCOMPARE(gan::imagenet_classes().front(), std::string("tench"));
    QCOMPARE(gan::imagenet_classes().back(), std::string("toilet tissue"));
    QCOMPARE(gan::find_imagenet_class("207"), int64_t(207));
    QCOMPARE(gan::find_imagenet_class(" Golden Retriever "), int64_t(207));
    QCOMPARE(gan::find_imagenet_class("golden retr"), int64_t(207));
    QCOMPARE(gan::find_imagenet_class("crane"), int64_t(517));  // the exact name, not "crane bird" (134)
    QCOMPARE(gan::find_biggan_class("golden retriever", 1000), int64_t(207));
    QCOMPARE(gan::biggan_class_name(207, 1000), std::string("golden retriever"));
    QCOMPARE(gan::biggan_class_name(3, 10), std::string("class 3"));
    const std::string many = errorOf([] { gan::find_imagenet_class("retriever"); });
    QVERIFY2(
        many.find("matches 5 ImageNet classes") != std::string::npos && many.find("207 'golden retriever'") != std::string::npos,
        many.c_str());
    const std::string none = errorOf([] { gan::find_imagenet_class("golden xyzzy"); });
    QVERIFY2(none.find("no ImageNet class") != std::string::npos && none.find("golden retriever") != std::string::npos,
             none.c_str());
    QVERIFY(errorOf([] { gan::find_imagenet_class("1000"); }).find("out of range") != std::string::npos);
    QVERIFY(errorOf([] { gan::find_imagenet_class("99999999999999999999999"); }).find("out of range") != std::string::npos);
    Run classes = run({"gan", "classes", "retriever"});
    QVERIFY2(classes.code == 0 && classes.out.count('\n') == 5 && classes.out.contains(" 207  golden retriever"),
             classes.out.constData());
    Run all = run({"gan", "classes"});
    QVERIFY2(all.code == 0 && all.out.count('\n') == 1000, all.err.constData());
    Run nothing = run({"gan", "classes", "xyzzy"});
    QVERIFY2(nothing.code != 0 && nothing.err.contains("no ImageNet class"), nothing.err.constData());
  }

  void modelsFetchFromALoopbackServer() {
    // Issue 18: `models fetch` against a real HTTP server on 127.0.0.1, with a test catalogue:
    // the CLIP and its vocabulary land verified, `embed` works with the fetched model, `models
    // list` and `verify` say so, a wrong id names the catalogue's, and `remove` takes it away.
    QTemporaryDir tmp;
    const QString root = tmp.filePath("server"), to = tmp.filePath("models");
    QVERIFY(QDir().mkpath(root));
    QVERIFY(QFile::copy(ATELIER_SOURCE_DIR "/tests/data/clip/tiny_openai_jit.pt", root + "/ViT-B-32.pt"));
    QVERIFY(QFile::copy(ATELIER_SOURCE_DIR "/tests/data/clip/tiny_vocab.txt.gz", root + "/bpe_simple_vocab_16e6.txt.gz"));
    atelier::test::HttpServer server(root, tmp.filePath("server.log"));
    QVERIFY2(server.port() > 0, qPrintable(server.error()));
    auto sha = [](const QString& path) {
      QFile f(path);
      f.open(QIODevice::ReadOnly);
      return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    };
    auto entry = [&](const char* id, const char* kind, const QString& file, const QJsonArray& needs) {
      return QJsonObject{{"id", id}, {"name", id}, {"kind", kind}, {"needs", needs},
                         {"files", QJsonArray{QJsonObject{{"name", file}, {"url", server.url(file)}, {"sha256", sha(root + "/" + file)},
                                                          {"sha256_source", "published"}}}}};
    };
    const QString catalog = tmp.filePath("catalog.json");
    QFile c(catalog);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(QJsonDocument(QJsonObject{{"version", 1},
                                      {"models", QJsonArray{entry("vocab", "vocabulary", "bpe_simple_vocab_16e6.txt.gz", {}),
                                                            entry("vit-b-32", "clip", "ViT-B-32.pt", QJsonArray{"vocab"})}}})
                .toJson());
    c.close();
    const QStringList where{"--catalog", catalog, "--to", to};
    Run fetched = run(QStringList{"models", "fetch", "vit-b-32"} + where);
    QVERIFY2(fetched.code == 0, fetched.err.constData());
    QVERIFY2(fetched.err.contains("vit-b-32 loads"), fetched.err.constData());  // opened by the program's reader
    QCOMPARE(sha(to + "/ViT-B-32.pt"), sha(root + "/ViT-B-32.pt"));
    Run embed = run({"embed", "--clip", to + "/ViT-B-32.pt", "--text", "a photo of a cat", "--json"});
    QVERIFY2(embed.code == 0, embed.err.constData());
    QCOMPARE(QJsonDocument::fromJson(embed.out).object()["texts"].toArray().size(), 1);
    Run list = run(QStringList{"models", "list", "--json"} + where);
    QVERIFY2(list.code == 0, list.err.constData());
    for (const auto& m : QJsonDocument::fromJson(list.out).object()["models"].toArray())
      QCOMPARE(m.toObject()["state"].toString(), QStringLiteral("installed"));
    Run verify = run(QStringList{"models", "verify"} + where);
    QVERIFY2(verify.code == 0 && verify.out.count("ok") == 2, verify.out.constData());
    Run unknown = run(QStringList{"models", "fetch", "vit-h-99"} + where);
    QVERIFY(unknown.code != 0);
    QVERIFY2(unknown.err.contains("vit-h-99") && unknown.err.contains("vit-b-32"), unknown.err.constData());
    Run removed = run(QStringList{"models", "remove", "vit-b-32"} + where);
    QVERIFY2(removed.code == 0 && !QFile::exists(to + "/ViT-B-32.pt"), removed.err.constData());

    // Ctrl+C during a fetch (the server sends 4 kB every 0.05 s): it stops at once, says so, and
    // keeps the .part; the same command again resumes it (a Range request) and completes.
    QFile slow(tmp.filePath("slow.json"));
    QVERIFY(slow.open(QIODevice::WriteOnly));
    QJsonObject big = entry("big", "vocabulary", "ViT-B-32.pt", {});
    QJsonObject file = big["files"].toArray()[0].toObject();
    file["url"] = server.url("slow/ViT-B-32.pt");
    big["files"] = QJsonArray{file};
    slow.write(QJsonDocument(QJsonObject{{"version", 1}, {"models", QJsonArray{big}}}).toJson());
    slow.close();
    const QStringList fetchSlow{"models", "fetch", "big", "--catalog", slow.fileName(), "--to", to};
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), fetchSlow);
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(to + "/ViT-B-32.pt.part").size() > 20000, 20000);
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(5000));
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitCode() != 0 && err.contains("cancelled") && err.contains("ViT-B-32.pt.part is kept"), err.constData());
    QVERIFY(QFile::exists(to + "/ViT-B-32.pt.part") && !QFile::exists(to + "/ViT-B-32.pt"));
    Run resumed = run(fetchSlow);
    QVERIFY2(resumed.code == 0, resumed.err.constData());
    QCOMPARE(sha(to + "/ViT-B-32.pt"), sha(root + "/ViT-B-32.pt"));
    QVERIFY(!QFile::exists(to + "/ViT-B-32.pt.part"));
    bool ranged = false;
    for (const QString& line : server.requests()) ranged = ranged || (line.startsWith("GET /slow/ViT-B-32.pt bytes=") && !line.endsWith("bytes=0-"));
    QVERIFY2(ranged, qPrintable(server.requests().join('\n')));
  }

 private:
  std::vector<std::unique_ptr<QTemporaryDir>> m_outputDirs;
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
