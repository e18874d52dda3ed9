// The Library's index (issue 20) with the shipped mini-CLIP: a folder of shape renders of known
// colour and shape is indexed; text queries retrieve them (precision@5 over the 12 colour x
// shape queries, against a stated floor); a resized, re-encoded copy finds its original first
// and dupes groups the two; rescans encode only what changed (added, rewritten), reuse what
// moved or was touched, forget what was deleted; an empty and a corrupt file are skipped with
// reasons; a stop after the first batch and a SIGKILL of the CLI mid-run leave a database that
// the next run completes. The CLI's search (weighted terms), dupes and map answer too.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "clip/clip.h"
#include "common/errors.h"
#include "io/animation.h"
#include "io/image.h"
#include "library/index.h"
#include "library/library.h"
#include "runtime/model_paths.h"
#include "train/datasets.h"
#include "train/eval_shapes.h"

using namespace atelier;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kColours = {"red", "green", "blue", "yellow"};
const std::vector<std::string> kShapes = {"circle", "square", "triangle"};
constexpr int kVariants = 5;  // the five positions: a query's 5 best can all be right
// precision@5 the shipped mini-CLIP must reach on these renders.
constexpr double kPrecisionFloor = 0.9;  // measured 1.000 with the shipped mini-CLIP (2026-11-30)
// The same on the evaluation-only renderer's shapes (independentRendersAreFoundToo).
constexpr double kIndependentPrecisionFloor = 0.7;  // measured 0.800 (2026-11-30)

int indexOf(const std::vector<std::string>& names, const std::string& name) {
  return int(std::find(names.begin(), names.end(), name) - names.begin());
}

Image shape(const std::string& colour, const std::string& shape, int variant, uint64_t seed) {
  return train::render_shape(indexOf(train::shape_names(), shape), indexOf(train::colour_names(), colour), variant % 5, 64, seed).image;
}

void writeBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
}

bool hasPrefix(const fs::path& p, const std::string& prefix) { return p.filename().string().starts_with(prefix); }

}  // namespace

class TestLibrary : public QObject {
  Q_OBJECT
  QTemporaryDir m_tmp;
  std::unique_ptr<clip::Clip> m_clip;
  std::string m_key;
  fs::path m_root, m_dir, m_db;  // m_dir: the shapes folder (a/, b/nested/ and two bad files)

  library::IndexStats index(const fs::path& db, const std::function<bool()>& stop = {}, int batch = 16,
                            std::vector<library::IndexProgress>* seen = nullptr) {
    auto progress = [seen](const library::IndexProgress& p) {
      if (seen) seen->push_back(p);
    };
    return library::index_folders({m_dir}, *m_clip, m_key, db, progress, stop, {batch});
  }
  std::vector<float> text(const std::string& t) const { return m_clip->encode_texts({t}).front(); }
  fs::path file(const std::string& colour, const std::string& shape, int v) const {
    return m_dir / (colour == "red" || colour == "green" ? "a" : "b/nested") / (colour + "-" + shape + "-" + std::to_string(v) + ".png");
  }
  struct Run {
    int code;
    QByteArray out, err;
  };
  static Run cli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), QStringList{QStringLiteral("--threads"), QStringLiteral("1")} + args);
    if (!p.waitForFinished(120000)) qFatal("clip-atelier-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_tmp.isValid());
    const fs::path checkpoint = find_default_clip();
    QVERIFY2(!checkpoint.empty(), "no mini-CLIP in the search paths");
    m_clip = std::make_unique<clip::Clip>(clip::Clip::load(checkpoint));
    m_key = library::model_key(checkpoint);
    m_root = fs::canonical(m_tmp.path().toStdString());  // as the index writes paths
    m_dir = m_root / "shapes";
    m_db = m_root / "main.sqlite";
    fs::create_directories(m_dir / "a");
    fs::create_directories(m_dir / "b" / "nested");
    for (const auto& c : kColours)
      for (const auto& s : kShapes)
        for (int v = 0; v < kVariants; ++v) write_image(file(c, s, v), shape(c, s, v, uint64_t(v + 1)));
    writeBytes(m_dir / "zz-empty.png", "");
    writeBytes(m_dir / "zz-corrupt.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(200, 'A'));
    write_image(m_dir / ".hidden.png", shape("red", "circle", 0, 1));  // hidden: left out
    writeBytes(m_dir / "notes.txt", "not an image");
  }

  void indexesAFolder() {
    std::vector<library::IndexProgress> seen;
    const auto s = index(m_db, {}, 16, &seen);
    QCOMPARE(s.found, 62);
    QCOMPARE(s.encoded, 60);
    QCOMPARE(s.unchanged, 0);
    QVERIFY(!s.stopped);
    QCOMPARE(int(s.skipped.size()), 2);
    for (const auto& k : s.skipped) qInfo("skipped %s: %s", k.path.filename().c_str(), k.reason.c_str());
    QCOMPARE(s.skipped[0].path.filename().string(), std::string("zz-corrupt.png"));
    QVERIFY(!s.skipped[0].reason.empty());
    QCOMPARE(s.skipped[1].path.filename().string(), std::string("zz-empty.png"));
    QVERIFY(s.skipped[1].reason.find("empty") != std::string::npos);
    QCOMPARE(int(seen.size()), 4);  // 62 files in batches of 16
    QCOMPARE(seen.back().done, seen.back().total);
    QVERIFY(seen.back().images_per_second > 0);
    qInfo("indexed 60 images in %.2f s (%.0f images/s)", s.seconds, s.images_per_second);

    const auto lib = library::Library::open(m_db, m_key);
    QCOMPARE(lib.size(), size_t(60));
    QCOMPARE(lib.dim(), m_clip->info().embed_dim);
    QCOMPARE(int(lib.skipped().size()), 2);
    QVERIFY(lib.find(file("blue", "square", 3)).has_value());
    QVERIFY(!lib.find(m_dir / ".hidden.png").has_value());
    const auto models = library::indexed_models(m_db);
    QCOMPARE(int(models.size()), 1);
    QCOMPARE(models[0].key, m_key);
    QCOMPARE(models[0].images, 60);
  }

  void independentRendersAreFoundToo() {
    // The figure above is on the training renderer's shapes. The same queries over shapes drawn
    // by the evaluation-only renderer (train/eval_shapes.h: its own geometry and shades), of five
    // sizes and angles on white or dark grey: what the index finds of shapes, not of one renderer.
    const fs::path dir = m_root / "independent", db = m_root / "independent.sqlite";
    fs::create_directories(dir);
    for (const auto& c : kColours)
      for (const auto& s : kShapes)
        for (int v = 0; v < kVariants; ++v) {
          train::IndependentShape shape;
          shape.shape = indexOf(train::shape_names(), s);
          shape.colour = indexOf(train::colour_names(), c);
          shape.background = v % 2 == 0 ? 0 : 3;  // white, dark grey
          QVERIFY(train::independent_visible(shape.colour, shape.background));
          shape.radius = 10.0f + 3.5f * float(v);
          shape.angle = 0.3f * float(v);
          write_image(dir / (c + "-" + s + "-" + std::to_string(v) + ".png"), train::render_independent(shape, 64));
        }
    library::index_folders({dir}, *m_clip, m_key, db, {}, {}, {16});
    const auto lib = library::Library::open(db, m_key);
    int right = 0;
    for (const auto& c : kColours)
      for (const auto& s : kShapes) {
        const auto hits = lib.search({{text("a " + c + " " + s), 1.0}}, 5, m_clip->info().logit_scale);
        for (const auto& h : hits) right += hasPrefix(h.path, c + "-" + s + "-");
      }
    const double precision = double(right) / double(5 * kColours.size() * kShapes.size());
    qInfo("independent renders: precision@5 over %zu colour x shape queries: %.3f (floor %.2f)", kColours.size() * kShapes.size(),
          precision, kIndependentPrecisionFloor);
    QVERIFY2(precision >= kIndependentPrecisionFloor, qPrintable(QString::number(precision)));
  }

  void textQueriesFindColourAndShape() {
    const auto lib = library::Library::open(m_db, m_key);
    int right = 0;
    for (const auto& c : kColours)
      for (const auto& s : kShapes) {
        const auto hits = lib.search({{text("a " + c + " " + s), 1.0}}, 5, m_clip->info().logit_scale);
        QCOMPARE(int(hits.size()), 5);
        int here = 0;
        for (const auto& h : hits) here += hasPrefix(h.path, c + "-" + s + "-");
        if (here < 5) qInfo("a %s %s: %d of 5 (first %s)", c.c_str(), s.c_str(), here, hits[0].path.filename().c_str());
        right += here;
      }
    const double precision = double(right) / double(5 * kColours.size() * kShapes.size());
    qInfo("precision@5 over %zu colour x shape queries: %.3f (floor %.2f)", kColours.size() * kShapes.size(), precision, kPrecisionFloor);
    QVERIFY2(precision >= kPrecisionFloor, qPrintable(QString::number(precision)));

    // Weighted terms: the same query at -0.5 halves every score; ranks and cosines stay.
    const auto q = text("a red circle");
    const auto all = lib.search({{q, 1.0}}, 0, m_clip->info().logit_scale);
    QCOMPARE(all.size(), lib.size());
    double total = 0;
    for (const auto& h : all) total += h.softmax;
    QVERIFY(std::abs(total - 1) < 1e-6);
    QVERIFY(all[0].softmax >= all[1].softmax);
    const auto half = lib.search({{q, 1.0}, {q, -0.5}}, 3, m_clip->info().logit_scale);
    for (int i = 0; i < 3; ++i) {
      QCOMPARE(half[size_t(i)].path, all[size_t(i)].path);
      QVERIFY(std::abs(half[size_t(i)].score - 0.5 * all[size_t(i)].cosine) < 1e-5);
    }
    QVERIFY(errorOf([&] { lib.search({{std::vector<float>(3, 1.f), 1.0}}, 5, 4.6); }).find("another model") != std::string::npos);
    QVERIFY(errorOf([&] { lib.search({}, 5, 4.6); }) != "(no error)");
  }

  void imageQueryFindsOriginal() {
    // Resized to 96 px and saved as JPEG, outside the folder.
    const Image original = read_image(file("red", "circle", 0));
    write_image(m_root / "query.jpg", resize_image(original, 96, 96));
    const auto lib = library::Library::open(m_db, m_key);
    const auto e = m_clip->encode_images({library::read_library_image(m_root / "query.jpg")}).front();
    const auto hits = lib.search({{e, 1.0}}, 3, m_clip->info().logit_scale);
    qInfo("the copy's cosine with its original: %.4f; next %.4f", hits[0].cosine, hits[1].cosine);
    QCOMPARE(hits[0].path, file("red", "circle", 0));
  }

  void rescansAreIncremental() {
    auto s = index(m_db);
    QCOMPARE(s.encoded, 0);
    QCOMPARE(s.reused, 0);
    QCOMPARE(s.unchanged, 62);
    QCOMPARE(s.removed, 0);

    // Added: the re-encoded copy, which dupes groups with its original.
    fs::copy_file(m_root / "query.jpg", m_dir / "a" / "red-circle-0-copy.jpg");
    s = index(m_db);
    QCOMPARE(s.encoded, 1);
    auto groups = library::Library::open(m_db, m_key).duplicates(0.98);
    bool grouped = false;
    for (const auto& g : groups) {
      std::vector<fs::path> paths;
      for (const auto& m : g) paths.push_back(m.path);
      if (std::find(paths.begin(), paths.end(), file("red", "circle", 0)) == paths.end()) continue;
      grouped = std::find(paths.begin(), paths.end(), m_dir / "a" / "red-circle-0-copy.jpg") != paths.end();
      for (const auto& m : g) qInfo("  with the original: %s (cosine %.4f)", m.path.filename().c_str(), m.cosine);
      QVERIFY2(g.size() <= 10, "0.98 links images that are not copies");
      QCOMPARE(g.front().width, 96);  // the most pixels first
    }
    QVERIFY(grouped);
    qInfo("%zu duplicate groups at 0.98, the biggest of %zu", groups.size(), groups.empty() ? size_t(0) : groups[0].size());

    // Touched, bytes unchanged: its embedding is kept.
    const fs::path touched = file("green", "square", 1);
    fs::last_write_time(touched, fs::last_write_time(touched) + std::chrono::seconds(10));
    s = index(m_db);
    QCOMPARE(s.encoded, 0);
    QCOMPARE(s.reused, 1);

    // Rewritten with other bytes (a yellow circle no other file holds): encoded again.
    const fs::path rewritten = file("blue", "triangle", 2);
    write_image(rewritten, shape("yellow", "circle", 2, 99));
    s = index(m_db);
    QCOMPARE(s.encoded, 1);
    QCOMPARE(s.reused, 0);

    // Renamed: nothing encoded, the new path found, the old one gone.
    const fs::path before = file("green", "circle", 3), after = m_dir / "a" / "renamed.png";
    fs::rename(before, after);
    s = index(m_db);
    QCOMPARE(s.encoded, 0);
    QCOMPARE(s.reused, 1);
    QCOMPARE(s.removed, 1);
    auto lib = library::Library::open(m_db, m_key);
    QVERIFY(!lib.find(before).has_value());
    QVERIFY(lib.find(after).has_value());
    const auto hits = lib.search({{lib.embedding(*lib.find(after)), 1.0}}, 1, m_clip->info().logit_scale);
    QCOMPARE(hits[0].path, after);

    // Deleted: its row goes.
    const size_t n = lib.size();
    fs::remove(file("yellow", "square", 4));
    s = index(m_db);
    QCOMPARE(s.removed, 1);
    QCOMPARE(s.encoded, 0);
    lib = library::Library::open(m_db, m_key);
    QCOMPARE(lib.size(), n - 1);
    QVERIFY(!lib.find(file("yellow", "square", 4)).has_value());

    // A skipped file made readable is indexed; the corrupt one stays listed.
    write_image(m_dir / "zz-empty.png", shape("blue", "square", 0, 77));
    s = index(m_db);
    QCOMPARE(s.encoded, 1);
    QVERIFY(s.skipped.empty());
    lib = library::Library::open(m_db, m_key);
    QCOMPARE(int(lib.skipped().size()), 1);
    QCOMPARE(lib.skipped()[0].path.filename().string(), std::string("zz-corrupt.png"));
  }

  void stopKeepsTheBatchAndTheNextRunGoesOn() {
    const fs::path db = m_root / "stopped.sqlite";
    auto s = index(db, [] { return true; }, 8);
    QVERIFY(s.stopped);
    QCOMPARE(s.encoded, 8);
    QCOMPARE(s.removed, 0);
    QCOMPARE(library::Library::open(db, m_key).size(), size_t(8));
    s = index(db, {}, 8);
    QVERIFY(!s.stopped);
    QCOMPARE(s.unchanged, 8);
    const auto done = library::Library::open(db, m_key).size();
    QCOMPARE(done, library::Library::open(m_db, m_key).size());
    QCOMPARE(int64_t(done), 8 + s.encoded + s.reused);
  }

  void cliCommands() {
    const QString db = QString::fromStdString(m_db.string());
    auto r = cli({QStringLiteral("search"), QStringLiteral("--db"), db, QStringLiteral("--text"), QStringLiteral("a red circle | a blue square:-0.5"),
                  QStringLiteral("--top"), QStringLiteral("5"), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray hits = QJsonDocument::fromJson(r.out).object()[QStringLiteral("hits")].toArray();
    QCOMPARE(hits.size(), 5);
    QVERIFY2(hits[0].toObject()[QStringLiteral("path")].toString().contains(QStringLiteral("red-circle")), r.out.constData());

    r = cli({QStringLiteral("dupes"), QStringLiteral("--db"), db, QStringLiteral("--threshold"), QStringLiteral("0.98"), QStringLiteral("--json")});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(!QJsonDocument::fromJson(r.out).object()[QStringLiteral("groups")].toArray().isEmpty());

    const QString csv = m_tmp.filePath(QStringLiteral("map.csv")), png = m_tmp.filePath(QStringLiteral("map.png"));
    r = cli({QStringLiteral("map"), QStringLiteral("--db"), db, QStringLiteral("--out"), csv});
    QVERIFY2(r.code == 0, r.err.constData());
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
    QCOMPARE(lines[0], QByteArray("path,x,y"));
    QCOMPARE(size_t(lines.size()), library::Library::open(m_db, m_key).size() + 1);
    r = cli({QStringLiteral("map"), QStringLiteral("--db"), db, QStringLiteral("--out"), png, QStringLiteral("--size"), QStringLiteral("512")});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(read_image(png.toStdString()).width, 512);

    r = cli({QStringLiteral("search"), QStringLiteral("--db"), m_tmp.filePath(QStringLiteral("none.sqlite")), QStringLiteral("--text"), QStringLiteral("x")});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains("no library database"), r.err.constData());
  }

  void readsAGifsFirstFrame() {
    // OpenCV 4.6 reads no GIF: the library decodes the first frame itself.
    const Image first = shape("red", "circle", 0, 1), second = shape("blue", "square", 1, 2);
    const fs::path gif = m_root / "anim.gif";
    write_animation(gif, {first, second});
    const Image read = library::read_library_image(gif);
    QCOMPARE(read.width, 64);
    QCOMPARE(read.height, 64);
    QCOMPARE(read.channels, 3);
    double diff = 0;
    for (size_t i = 0; i < read.pixels.size(); ++i) diff += std::abs(int(read.pixels[i]) - int(first.pixels[i]));
    diff /= double(read.pixels.size());
    qInfo("GIF first frame: mean difference %.2f levels (a 256-colour palette)", diff);
    QVERIFY(diff < 12);
    writeBytes(m_root / "cut.gif", std::string("GIF89a\x40\x00\x40\x00", 10));
    QVERIFY(errorOf([&] { library::read_library_image(m_root / "cut.gif"); }) != "(no error)");
  }

  void killedCliLeavesADatabaseTheNextRunCompletes() {
    const fs::path dir = m_root / "many", db = m_root / "killed.sqlite";
    fs::create_directories(dir);
    constexpr int kImages = 300;
    for (int i = 0; i < kImages; ++i)
      write_image(dir / ("s" + std::to_string(1000 + i) + ".png"),
                  train::render_shape(i % 10, i % 12, i % 5, 64, uint64_t(i + 1)).image);
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), {QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("index"), QString::fromStdString(dir.string()),
                                       QStringLiteral("--db"), QString::fromStdString(db.string()), QStringLiteral("--batch"), QStringLiteral("2")});
    QVERIFY(p.waitForStarted());
    QByteArray err;
    QElapsedTimer t;
    t.start();
    while (!err.contains(" of 300 images") && p.state() == QProcess::Running && t.elapsed() < 60000) {
      p.waitForReadyRead(200);
      err += p.readAllStandardError();
    }
    p.kill();  // SIGKILL: no handler runs
    p.waitForFinished(10000);
    if (p.exitStatus() == QProcess::NormalExit) {
      QVERIFY2(p.exitCode() == 0, (err + p.readAllStandardError()).constData());
      QSKIP("the CLI finished before it could be killed; nothing to check");
    }
    const size_t kept = library::Library::open(db, m_key).size();
    qInfo("killed after %lld ms with %zu of %d images committed", t.elapsed(), kept, kImages);
    if (kept == size_t(kImages)) QSKIP("the CLI had committed every batch before the kill; nothing to check");
    QVERIFY(kept >= 2);
    const auto s = library::index_folders({dir}, *m_clip, m_key, db);
    QCOMPARE(s.unchanged, int64_t(kept));
    QCOMPARE(s.encoded, int64_t(kImages) - int64_t(kept));
    QCOMPARE(library::Library::open(db, m_key).size(), size_t(kImages));
  }

  // The map's clusters: spherical k-means finds three tight groups around orthogonal axes, the
  // same for the same seed; k is clamped to the images. Search on an in-memory library ranks the
  // same way, and a negative weight alone turns the ranking round.
  void clustersAndInMemoryLibraries() {
    const int64_t dim = 16;
    std::vector<library::Entry> entries;
    std::vector<float> m;
    at::Generator gen = at::make_generator<at::CPUGeneratorImpl>(5);
    for (int g = 0; g < 3; ++g)
      for (int i = 0; i < 10; ++i) {
        at::Tensor v = at::randn({dim}, gen) * 0.05;
        v[g * 5] += 1.0;
        entries.push_back({fs::path("g" + std::to_string(g) + "-" + std::to_string(i) + ".png"), 0, 8, 8});
        m.insert(m.end(), v.data_ptr<float>(), v.data_ptr<float>() + dim);
      }
    const auto lib = library::Library::from_embeddings(entries, m, dim);
    QCOMPARE(int(lib.size()), 30);
    const auto c = lib.clusters(3, 1);
    QCOMPARE(int(c.centres.size()), 3);
    QCOMPARE(c.sizes, (std::vector<int>{10, 10, 10}));
    for (int g = 0; g < 3; ++g)
      for (int i = 1; i < 10; ++i) QCOMPARE(c.of[size_t(g * 10 + i)], c.of[size_t(g * 10)]);
    QVERIFY(c.of[0] != c.of[10] && c.of[10] != c.of[20] && c.of[0] != c.of[20]);
    for (const auto& centre : c.centres) {
      double n = 0;
      for (float x : centre) n += double(x) * double(x);
      QVERIFY(std::abs(n - 1.0) < 1e-5);  // unit vectors
    }
    QCOMPARE(lib.clusters(3, 1).of, c.of);
    QCOMPARE(int(lib.clusters(100).centres.size()), 30);
    QVERIFY(library::Library::from_embeddings({}, {}, dim).clusters(3).of.empty());
    std::vector<float> axis(size_t(dim), 0.f);
    axis[5] = 2.f;
    const auto hits = lib.search({{axis, 1.0}}, 10, 4.6);
    for (const auto& h : hits) QVERIFY(hasPrefix(h.path, "g1-"));
    QVERIFY(std::abs(hits[0].cosine - hits[0].score) < 1e-6);
    const auto away = lib.search({{axis, -1.0}}, 20, 4.6);
    for (const auto& h : away) QVERIFY(!hasPrefix(h.path, "g1-"));
    QVERIFY(away[0].cosine < 0.5);
    QVERIFY_THROWS_EXCEPTION(Error, library::Library::from_embeddings(entries, std::vector<float>(3), dim));
  }
};

QTEST_GUILESS_MAIN(TestLibrary)
#include "tst_library.moc"
