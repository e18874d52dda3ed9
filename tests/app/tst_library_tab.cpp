// The Library tab (issue 20), offscreen, on the shipped mini-CLIP: a folder of shape renders of
// known colour and shape is indexed from the panel (a corrupt file listed, not fatal), a text
// query finds its renders first, the threshold counts what is above it, Pause holds the index
// run while searches are still answered, a resized copy is found as a duplicate, the map's
// lasso selects the images inside it, the folder is labelled and exported as CSV, and the
// hand-offs to the other tabs arrive. A screenshot for the README.
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "clip_controller.h"
#include "clip_panel.h"
#include "engine_bridge.h"
#include "io/image.h"
#include "library_controller.h"
#include "library_panel.h"
#include "main_window.h"
#include "settings.h"
#include "train/datasets.h"
#include "vqgan_panel.h"

using namespace atelier;
namespace fs = std::filesystem;

namespace {

const QStringList kColours = {QStringLiteral("red"), QStringLiteral("green"), QStringLiteral("blue"), QStringLiteral("yellow")};
const QStringList kShapes = {QStringLiteral("circle"), QStringLiteral("square"), QStringLiteral("triangle")};
constexpr int kVariants = 5;

int indexOf(const std::vector<std::string>& names, const QString& name) {
  return int(std::find(names.begin(), names.end(), name.toStdString()) - names.begin());
}

void render(const QString& file, const QString& colour, const QString& shape, int variant) {
  write_image(file.toStdString(), train::render_shape(indexOf(train::shape_names(), shape), indexOf(train::colour_names(), colour),
                                                      variant % 5, 64, uint64_t(variant + 1))
                                      .image);
}

int countPrefix(const QVector<LibraryItem>& items, int first, const QString& prefix) {
  int n = 0;
  for (int i = 0; i < std::min<int>(first, int(items.size())); ++i) n += QFileInfo(items[i].path).fileName().startsWith(prefix);
  return n;
}

}  // namespace

class TestLibraryTab : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  QString m_shapes, m_many;
  Settings* m_settings = nullptr;
  MainWindow* m_window = nullptr;

  LibraryPanel* panel() const { return m_window->libraryPanel(); }
  LibraryController* controller() const { return m_window->libraryController(); }

  // Presses Index in the panel and waits for the run's end.
  QString indexFromPanel(const QStringList& folders) {
    panel()->setFolders(folders);
    QSignalSpy ended(controller(), &LibraryController::indexEnded);
    auto* button = panel()->findChild<QPushButton*>(QStringLiteral("libraryIndex"));
    if (!button || !button->isEnabled()) return QStringLiteral("no enabled Index button");
    button->click();
    if (!ended.wait(120000)) return QStringLiteral("the index run did not end");
    QSignalSpy refreshed(controller(), &LibraryController::refreshed);
    refreshed.wait(20000);
    return ended.first().first().toString();
  }
  QVector<LibraryItem> searchFromPanel(const QString& query) {
    auto* edit = panel()->findChild<QLineEdit*>(QStringLiteral("libraryQuery"));
    if (!edit) return {};
    edit->setText(query);
    QSignalSpy searched(controller(), &LibraryController::searched);
    QTest::keyClick(edit, Qt::Key_Return);
    if (!searched.wait(30000)) return {};
    return panel()->results();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    m_shapes = m_home.filePath(QStringLiteral("shapes"));
    m_many = m_home.filePath(QStringLiteral("many"));
    QVERIFY(QDir().mkpath(m_shapes + QStringLiteral("/sub")));
    QVERIFY(QDir().mkpath(m_many));
    for (const QString& c : kColours)
      for (const QString& s : kShapes)
        for (int v = 0; v < kVariants; ++v)
          render(m_shapes + (v % 2 ? QStringLiteral("/sub/") : QStringLiteral("/")) + c + QLatin1Char('-') + s + QLatin1Char('-') +
                     QString::number(v) + QStringLiteral(".png"),
                 c, s, v);
    QFile corrupt(m_shapes + QStringLiteral("/zz-corrupt.png"));
    QVERIFY(corrupt.open(QIODevice::WriteOnly));
    corrupt.write(QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'A'));
    corrupt.close();
    // Enough images that an index run lasts while the test pauses it.
    for (int i = 0; i < 1500; ++i)
      write_image((m_many + QStringLiteral("/%1.png").arg(i, 5, 10, QLatin1Char('0'))).toStdString(),
                  train::render_shapes(3, uint64_t(i), train::ShapeOptions{48}).image);

    m_settings = new Settings(m_home.filePath(QStringLiteral("library.ini")), this);
    m_window = new MainWindow(m_settings);
    m_window->resize(1280, 860);
    m_window->tabs()->setCurrentIndex(MainWindow::LibraryTab);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_VERIFY_WITH_TIMEOUT(!controller()->checkpoint().isEmpty(), 60000);  // the CLIP tab's CLIP loaded
  }

  void cleanupTestCase() { delete m_window; }

  void indexesFromThePanelAndListsTheUnreadable() {
    const QString summary = indexFromPanel({m_shapes});
    QVERIFY2(summary.contains(QStringLiteral("61 images")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("60 encoded")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("1 unreadable")), qPrintable(summary));
    QVERIFY(QFileInfo::exists(controller()->database()));
    QVERIFY(controller()->database().startsWith(m_home.path()));  // the user's data folder
    // Indexing again encodes nothing.
    const QString again = indexFromPanel({m_shapes});
    QVERIFY2(again.contains(QStringLiteral("0 encoded")) && again.contains(QStringLiteral("61 unchanged")), qPrintable(again));
  }

  void textSearchFindsTheRendersAndTheThresholdCounts() {
    const QVector<LibraryItem> hits = searchFromPanel(QStringLiteral("a red circle"));
    QCOMPARE(hits.size(), 60);
    // The engine's test holds precision@5 >= 0.9 over all 12 queries; this one query: 5 of 5.
    QCOMPARE(countPrefix(hits, 5, QStringLiteral("red-circle")), 5);
    for (int i = 1; i < hits.size(); ++i) QVERIFY(hits[i - 1].score >= hits[i].score);
    // The threshold at the fifth hit's cosine keeps at least those five (ties may add more).
    panel()->setThreshold(hits[4].cosine - 1e-6);
    QVERIFY(panel()->countAboveThreshold() >= 5);
    int above = 0;
    for (const auto& h : hits) above += h.cosine >= panel()->threshold();
    QCOMPARE(panel()->countAboveThreshold(), above);
    panel()->setThreshold(1.0);
    QCOMPARE(panel()->countAboveThreshold(), 0);
    panel()->setThreshold(0.0);
    // For the README: the query's renders with their thumbnails.
    searchFromPanel(QStringLiteral("a red circle"));
    panel()->setThreshold(0.5);
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->thumbnailsPending(), 30000);
    QVERIFY(QDir().mkpath(QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots")));
    QVERIFY(m_window->grab().save(QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots/library.png")));
    panel()->setThreshold(0.0);
    // A negative term pushes its images down: "a red shape | circle:-1" ranks no circle first.
    const QVector<LibraryItem> negative = searchFromPanel(QStringLiteral("a red square | a red circle:-1"));
    QVERIFY(!negative.isEmpty());
    QVERIFY2(!QFileInfo(negative.first().path).fileName().contains(QStringLiteral("circle")), qPrintable(negative.first().path));
  }

  void imageSearchFindsItsCopyFirstAndDuplicatesGroupIt() {
    // A resized, re-encoded copy of one render.
    const QString original = m_shapes + QStringLiteral("/blue-triangle-2.png");
    const QString copy = m_shapes + QStringLiteral("/sub/copy-of-blue-triangle.jpg");
    QVERIFY(QImage(original).scaled(96, 96, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).save(copy, "JPG", 90));
    const QString summary = indexFromPanel({m_shapes});
    QVERIFY2(summary.contains(QStringLiteral("1 encoded")), qPrintable(summary));  // only the new file
    QSignalSpy searched(controller(), &LibraryController::searched);
    Q_EMIT panel()->imageSearchRequested(copy);
    QVERIFY(searched.wait(30000));
    const QVector<LibraryItem> hits = panel()->results();
    QVERIFY(hits.size() >= 2);
    QCOMPARE(QFileInfo(hits[0].path).fileName(), QFileInfo(copy).fileName());  // itself
    QCOMPARE(QFileInfo(hits[1].path).fileName(), QFileInfo(original).fileName());
    QSignalSpy found(controller(), &LibraryController::duplicatesFound);
    panel()->setDuplicateThreshold(hits[1].cosine - 1e-4);
    Q_EMIT panel()->duplicatesRequested(panel()->duplicateThreshold());
    QVERIFY(found.wait(30000));
    QVERIFY(panel()->duplicateGroupCount() >= 1);
  }

  void pauseHoldsTheRunWhileSearchesAreAnswered() {
    panel()->setFolders({m_shapes, m_many});
    QSignalSpy ended(controller(), &LibraryController::indexEnded);
    controller()->index({m_shapes, m_many});
    QTRY_VERIFY_WITH_TIMEOUT(panel()->indexing(), 10000);
    controller()->pause();
    QTest::qWait(500);  // the batch in flight ends
    QVERIFY(controller()->indexing());
    QVERIFY(ended.isEmpty());
    // Searches are answered between the paused run's steps.
    QSignalSpy searched(controller(), &LibraryController::searched);
    controller()->search(QStringLiteral("a green square"));
    QVERIFY(searched.wait(30000));
    QVERIFY(ended.isEmpty());
    controller()->resume();
    QVERIFY(ended.wait(180000));
    // 60 renders, a copy, a corrupt file and 1,500 more (in the locale's digits).
    const QString summary = ended.first().first().toString();
    QVERIFY2(summary.contains(QRegularExpression(QStringLiteral("^1\\D?562 images"))), qPrintable(summary));
  }

  void mapLassoSelectsWhatItEncloses() {
    QSignalSpy mapped(controller(), &LibraryController::mapped);
    controller()->map(QStringLiteral("a red circle"), 4, {QStringLiteral("circle"), QStringLiteral("square"), QStringLiteral("triangle")});
    QVERIFY(mapped.wait(60000));
    QCOMPARE(mapped.first().first().toInt(), 1561);  // the readable images
    // A polygon around everything selects everything; an empty one nothing.
    panel()->selectInMap(QPolygonF({QPointF(-100, -100), QPointF(100, -100), QPointF(100, 100), QPointF(-100, 100)}));
    QCOMPARE(panel()->mapSelection().size(), 1561);
    // For the README: the map with its clusters, the query and a lasso's selection.
    panel()->pages()->setCurrentIndex(LibraryPanel::MapPage);
    panel()->selectInMap(QPolygonF({QPointF(-100, -100), QPointF(0, -100), QPointF(0, 0), QPointF(-100, 0)}));
    QTRY_VERIFY_WITH_TIMEOUT(!panel()->thumbnailsPending(), 30000);
    QVERIFY(m_window->grab().save(QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots/library-map.png")));
    panel()->selectInMap(QPolygonF({QPointF(50, 50), QPointF(51, 50), QPointF(51, 51)}));
    QCOMPARE(panel()->mapSelection().size(), 0);
  }

  void labelsTheFolderAndExportsCsv() {
    QSignalSpy labelled(controller(), &LibraryController::labelled);
    controller()->label({QStringLiteral("circle"), QStringLiteral("square"), QStringLiteral("triangle")});
    QVERIFY(labelled.wait(60000));
    QCOMPARE(labelled.first().first().toInt(), 1561);
    const QStringList lines = panel()->labelsCsv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QStringLiteral("path,label,probability"));
    QCOMPARE(lines.size(), 1562);
    // The single-shape renders: most labelled with their shape (the mini-CLIP reads form).
    int right = 0, total = 0;
    for (const QString& line : lines.mid(1)) {
      const QString file = QFileInfo(line.section(QLatin1Char(','), 0, 0)).fileName();
      for (const QString& s : kShapes)
        if (file.contains(QLatin1Char('-') + s + QLatin1Char('-'))) {
          ++total;
          right += line.section(QLatin1Char(','), 1, 1) == s;
        }
    }
    QCOMPARE(total, 60);
    QVERIFY2(right >= 45, qPrintable(QStringLiteral("%1 of 60 labelled with their shape").arg(right)));
  }

  void handsImagesToTheOtherTabs() {
    const QString file = m_shapes + QStringLiteral("/red-circle-0.png");
    const int before = int(m_window->clipPanel()->images().size());
    Q_EMIT panel()->sendToClipRow(file);
    QCOMPARE(int(m_window->clipPanel()->images().size()), before + 1);
    QCOMPARE(m_window->tabs()->currentWidget(), static_cast<QWidget*>(m_window->clipPanel()));
    Q_EMIT panel()->useAsInitImage(file);
    QCOMPARE(m_window->vqganPanel()->settings().initImage, file);
    Q_EMIT panel()->useAsImagePrompt(file);
    QVERIFY(m_window->vqganPanel()->settings().imagePrompts.contains(file));
  }
};

QTEST_MAIN(TestLibraryTab)
#include "tst_library_tab.moc"
