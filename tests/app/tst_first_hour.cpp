// A user's first hour (issue 19), the small frictions: "Grid: N" is a true N × N grid that fits
// its area; long CLIP jobs (a zero-shot over the mini-CLIP's whole vocabulary, the table) show a
// busy bar until their answer; a run says "Starting…" from Run to its first step and clears the
// tab's old status line; the SVG leaves out strokes faded out entirely unless asked to keep them;
// the CLIP note names the loaded model and its embedding's length; the Licences dialog's images
// all load.
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QListWidget>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextFragment>
#include <QTextImageFormat>
#include <QUrl>

#include "clip_controller.h"
#include "clip_panel.h"
#include "draw/clipdraw.h"
#include "draw_panel.h"
#include "gan_controller.h"
#include "gan_panel.h"
#include "guide_controller.h"
#include "main_window.h"
#include "note_box.h"
#include "run_view.h"
#include "settings.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {
QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Two strokes, the second faded out entirely (alpha 0, as the optimisation can leave one).
draw::Drawing drawingWithAFadedStroke() {
  draw::Drawing d;
  d.width = d.height = 64;
  for (double alpha : {0.8, 0.0}) {
    draw::StrokePath p;
    p.segments = 1;
    p.points = {{{8, 8}}, {{20, 40}}, {{40, 20}}, {{56, 56}}};
    p.width = 3;
    p.rgba = {0.9, 0.1, 0.1, alpha};
    d.paths.push_back(p);
  }
  return d;
}
}  // namespace

class TestFirstHour : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;  // the user's data folder: history, failed models, nothing of the real one

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
  }

  void gridOfNShowsNByNInNColumns() {
    Settings settings(m_home.filePath(QStringLiteral("grid.ini")));
    MainWindow w(&settings);
    w.resize(1280, 820);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.tabs()->setCurrentIndex(MainWindow::GanTab);
    GanPanel* panel = w.ganPanel();
    QSignalSpy loaded(w.ganController(), &GanController::loaded), grid(w.ganController(), &GanController::gridReady);
    QVERIFY(loaded.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(!grid.isEmpty(), 20000);  // loading samples a first grid

    for (int n : {3, 8}) {
      grid.clear();
      panel->setGridSize(n);
      QCOMPARE(panel->gridCount(), n * n);
      panel->requestGrid();
      QVERIFY(grid.wait(30000));
      QCOMPARE(grid.first().first().value<QList<QImage>>().size(), n * n);  // the controller was asked for N × N
      QListWidget* view = panel->gridView();
      QCOMPARE(view->count(), n * n);
      QCOMPARE(panel->gridColumns(), n);
      // N to a row, rows under each other, the whole grid inside the view: nothing to scroll.
      const QRect area = view->viewport()->rect();
      const QRect first = view->visualItemRect(view->item(0));
      for (int i = 0; i < n * n; ++i) {
        const QRect cell = view->visualItemRect(view->item(i));
        const QString where = QStringLiteral("N %1, item %2: %3,%4 %5x%6 in %7x%8")
                                  .arg(n).arg(i).arg(cell.x()).arg(cell.y()).arg(cell.width()).arg(cell.height())
                                  .arg(area.width()).arg(area.height());
        QVERIFY2(area.contains(cell), qPrintable(where));
        const QRect rowStart = view->visualItemRect(view->item(i - i % n)), columnTop = view->visualItemRect(view->item(i % n));
        QVERIFY2(cell.y() == rowStart.y() && cell.x() == columnTop.x(), qPrintable(where));
        if (i % n > 0) QVERIFY2(cell.x() > view->visualItemRect(view->item(i - 1)).x(), qPrintable(where));
        if (i >= n) QVERIFY2(cell.y() > view->visualItemRect(view->item(i - n)).y(), qPrintable(where));
      }
      QCOMPARE(first.topLeft().y(), view->visualItemRect(view->item(n - 1)).y());
      QCOMPARE(view->verticalScrollBar()->maximum(), 0);
      QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
      // The icons are scaled to the cells: not 64 px boxes that would wrap.
      QVERIFY(view->iconSize().width() <= view->gridSize().width());
    }
  }

  void longClipJobsShowABusyBar() {
    Settings settings(m_home.filePath(QStringLiteral("busy.ini")));
    MainWindow w(&settings);
    w.resize(1280, 820);
    QSignalSpy defaults(w.clipController(), &ClipController::defaultImages);
    w.show();
    QVERIFY(defaults.wait(60000));
    ClipPanel* panel = w.clipPanel();
    ClipController* clip = w.clipController();

    // Zero-shot over the mini-CLIP's whole vocabulary (about 1,500 labels): busy from the click on.
    panel->modes()->setCurrentIndex(2);
    QSignalSpy vocabulary(clip, &ClipController::vocabularyReady);
    clip->miniVocabulary();
    QVERIFY(vocabulary.wait(30000));
    const QStringList labels = vocabulary.first().first().toStringList();
    QVERIFY2(labels.size() > 100, qPrintable(QString::number(labels.size())));
    panel->setEnsemble(false);
    auto* zeroShotBar = panel->findChild<QProgressBar*>(QStringLiteral("zeroShotBusy"));
    QVERIFY(zeroShotBar);
    QVERIFY(!panel->zeroShotBusy() && !zeroShotBar->isVisible());
    QSignalSpy classified(clip, &ClipController::classified);
    panel->requestClassification();
    QVERIFY(panel->zeroShotBusy());
    QVERIFY(zeroShotBar->isVisible());
    QCOMPARE(zeroShotBar->maximum(), 0);  // indeterminate
    QVERIFY(classified.wait(120000));
    QVERIFY(classified.first().first().value<ZeroShot>().error.isEmpty());
    QVERIFY(!panel->zeroShotBusy() && !zeroShotBar->isVisible());
    QVERIFY(!panel->shownTopK().isEmpty());

    // A failed classification ends the busy bar too (a label far past the context: refused or
    // truncated, the answer comes either way).
    classified.clear();
    panel->setZeroShotLabels({QStringLiteral("red circle "), QStringLiteral("rocket ").repeated(200)});
    panel->requestClassification();
    QVERIFY(panel->zeroShotBusy());
    QVERIFY(classified.wait(60000));
    QVERIFY(!panel->zeroShotBusy());

    // The table: busy from the request to its answer.
    panel->modes()->setCurrentIndex(1);
    panel->setTablePrompts(QStringLiteral("a rocket\na red circle\na cat face"));
    auto* tableBar = panel->findChild<QProgressBar*>(QStringLiteral("tableBusy"));
    QVERIFY(tableBar);
    QVERIFY(!panel->tableBusy());
    QSignalSpy table(clip, &ClipController::tableReady);
    Q_EMIT panel->tableRequested(panel->tablePromptList());
    QVERIFY(panel->tableBusy());
    QVERIFY(tableBar->isVisible());
    QVERIFY(table.wait(60000));
    QVERIFY(!panel->tableBusy() && !tableBar->isVisible());
    // An error ends it as well (no prompts: the table refuses).
    table.clear();
    Q_EMIT panel->tableRequested({});
    QVERIFY(panel->tableBusy());
    QVERIFY(table.wait(60000));
    QVERIFY(!table.first().first().value<ClipTable>().error.isEmpty());
    QVERIFY(!panel->tableBusy());
  }

  void aRunSaysStartingAndClearsTheOldStatus() {
    Settings settings(m_home.filePath(QStringLiteral("starting.ini")));
    MainWindow w(&settings);
    QSignalSpy loaded(w.clipController(), &ClipController::loaded);
    w.resize(1280, 820);
    w.show();
    QVERIFY(loaded.wait(60000));
    w.tabs()->setCurrentIndex(MainWindow::VqganTab);
    GuideController* guide = w.guideController();
    RunView* view = guide->view();
    VqganPanel* panel = w.vqganPanel();
    QCOMPARE(view->progressText(), QStringLiteral("idle"));
    QVERIFY(!view->starting());
    panel->setStatus(QStringLiteral("Saved 31 frames in /somewhere/else"));  // a line of an earlier run

    QSignalSpy ended(guide, &RunController::ended);
    VqganPanel::Settings run;
    run.gan = false;
    run.steps = 3;
    run.size = 64;
    guide->startRun(run);
    // At once, before the models have loaded: the run is starting, and the old line is gone.
    QCOMPARE(view->progressText(), QStringLiteral("Starting…"));
    QVERIFY(view->starting());
    auto* bar = view->findChild<QProgressBar*>(QStringLiteral("runBusy"));
    QVERIFY(bar && bar->isVisible());
    QVERIFY2(panel->status().isEmpty(), qPrintable(panel->status()));
    // The first step ends "Starting…" (the line says the steps instead); the end leaves nothing busy.
    QVERIFY(ended.wait(120000));
    QVERIFY(!view->starting() && !bar->isVisible());
    QVERIFY2(view->progressText().contains(QStringLiteral("step 3 / 3")), qPrintable(view->progressText()));
  }

  void theSvgLeavesOutFullyTransparentStrokes() {
    // The engine: left out by default, kept when asked; the file says how many it left out.
    const draw::Drawing d = drawingWithAFadedStroke();
    QVERIFY(!draw::is_transparent(d.paths[0]) && draw::is_transparent(d.paths[1]));
    const QString dropped = QString::fromStdString(draw::to_svg(d));
    const QString kept = QString::fromStdString(draw::to_svg(d, {.keep_transparent = true}));
    QCOMPARE(dropped.count(QStringLiteral("<path")), 1);
    QVERIFY(dropped.contains(QStringLiteral("1 fully transparent stroke(s) left out")));
    QCOMPARE(kept.count(QStringLiteral("<path")), 2);
    QVERIFY(kept.contains(QStringLiteral("stroke-opacity=\"0\"")));
    QCOMPARE(draw::parse_svg(dropped.toStdString()).paths.size(), size_t(1));
    QCOMPARE(draw::parse_svg(kept.toStdString()).paths.size(), size_t(2));

    // The CLIPDraw tab's export: the option, off by default, picks the SVG that is written.
    DrawPanel panel;
    auto* option = panel.findChild<QCheckBox*>(QStringLiteral("keepTransparent"));
    QVERIFY(option);
    QVERIFY(!option->isChecked() && !panel.keepTransparent());
    QImage image(64, 64, QImage::Format_RGB888);
    image.fill(Qt::white);
    panel.setResult(dropped, image, {}, kept);
    QTemporaryDir out;
    const QString plain = out.filePath(QStringLiteral("plain.svg")), all = out.filePath(QStringLiteral("all.svg"));
    QVERIFY(panel.saveSvg(plain));
    QCOMPARE(readAll(plain).count("<path"), 1);
    option->setChecked(true);
    QVERIFY(panel.keepTransparent());
    QVERIFY(panel.saveSvg(all));
    QCOMPARE(readAll(all).count("<path"), 2);
    // A drawing with none faded out has one SVG, whichever the option.
    panel.setResult(dropped, image, {});
    QCOMPARE(panel.svg(), dropped);
  }

  void theClipNoteNamesTheLoadedModel() {
    Settings settings(m_home.filePath(QStringLiteral("note.ini")));
    MainWindow w(&settings);
    ClipPanel* panel = w.clipPanel();
    QSignalSpy loaded(w.clipController(), &ClipController::loaded);
    w.show();
    QVERIFY(loaded.wait(60000));
    ClipController* clip = w.clipController();
    QVERIFY2(clip->isMiniClip(), qPrintable(clip->modelPath()));
    QCOMPARE(clip->embedDim(), 128);
    const QString note = panel->note()->text();
    QVERIFY2(note.contains(QStringLiteral("128 numbers for the mini-CLIP")), qPrintable(note));
    QVERIFY2(!note.contains(QStringLiteral("512")) && !note.contains(QStringLiteral("ViT-B/32")), qPrintable(note));
    // The rest of the note stays.
    QVERIFY(note.contains(QStringLiteral("<b>cosine</b>")));
  }

  void theLicencesImagesLoad() {
    const QString md = MainWindow::licencesText();
    QVERIFY(md.contains(QStringLiteral("GNU General Public License")));
    // Every image is a file URL of a file that is there (a card's relative path would not load).
    static const QRegularExpression image(QStringLiteral(R"(!\[[^\]]*\]\(([^)\s]+))"));
    int images = 0;
    for (auto it = image.globalMatch(md); it.hasNext();) {
      const QUrl url(it.next().captured(1));
      QVERIFY2(url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile(), qPrintable(url.toString()));
      ++images;
    }
    // As the dialog shows them: each image of the document loads.
    QTextBrowser browser;
    browser.setMarkdown(md);
    int shown = 0;
    for (QTextBlock block = browser.document()->begin(); block.isValid(); block = block.next())
      for (auto f = block.begin(); !f.atEnd(); ++f) {
        const QTextFragment fragment = f.fragment();
        if (!fragment.charFormat().isImageFormat()) continue;
        const QString name = fragment.charFormat().toImageFormat().name();
        const QVariant loaded = browser.loadResource(QTextDocument::ImageResource, QUrl(name));
        QVERIFY2(loaded.isValid() && !loaded.toByteArray().isEmpty(), qPrintable(name));
        ++shown;
      }
    QCOMPARE(shown, images);
  }
};

QTEST_MAIN(TestFirstHour)
#include "tst_first_hour.moc"
