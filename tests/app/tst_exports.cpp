// Exports at a useful size (issue 19): the export dialog's choices (size, scaling, frame rate,
// hold, every Nth frame, the file named from the prompt and seed in the export folder) written
// exactly as GIF, WebP and MP4, read back by the formats' own decoders; and the CLIP + VQGAN
// tab's Preset box, which names what its fields hold (Custom when they match no preset).
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "animation_exporter.h"
#include "draw_panel.h"
#include "engine_bridge.h"
#include "export_dialog.h"
#include "gan_panel.h"
#include "io/animation.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {

// count frames of size, each its own colour (WebP's encoder merges identical neighbours into one
// longer frame) with a diagonal, so that every frame is a frame of its own.
QList<QImage> colourFrames(int count, const QSize& size) {
  QList<QImage> frames;
  for (int i = 0; i < count; ++i) {
    QImage f(size, QImage::Format_RGB888);
    f.fill(QColor::fromHsv(i * 360 / std::max(1, count), 200, 220));
    QPainter p(&f);
    p.setPen(Qt::black);
    p.drawLine(0, 0, size.width() - 1, size.height() - 1);
    frames << f;
  }
  return frames;
}

AnimationExport options(int scale, int longSide, bool smooth, double fps, double hold, int every) {
  AnimationExport o;
  o.scale = scale;
  o.longSide = longSide;
  o.smooth = smooth;
  o.fps = fps;
  o.holdSeconds = hold;
  o.every = every;
  return o;
}

}  // namespace

class TestExports : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void fileNamesFromThePromptAndSeed_data() {
    QTest::addColumn<QString>("prompts");
    QTest::addColumn<QString>("seed");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "a red circle" << "3" << "a-red-circle_seed-3.gif";
    QTest::newRow("weights, the first prompt") << "a red barn:1 | a storm:0.5 | blurry:-1" << "7" << "a-red-barn_seed-7.gif";
    QTest::newRow("unsafe characters") << "  What? <a/b\\c>: \"x\" *|" << "0" << "what-a-b-c-x_seed-0.gif";
    QTest::newRow("accents folded") << "Grüne Äpfel, café" << "12" << "grune-apfel-cafe_seed-12.gif";
    QTest::newRow("no prompt") << "" << "5" << "run_seed-5.gif";
    QTest::newRow("only symbols") << "☃ ★" << "1" << "run_seed-1.gif";
    QTest::newRow("gan seeds") << "gan-emoji interpolation" << "3-to-4" << "gan-emoji-interpolation_seed-3-to-4.gif";
  }
  void fileNamesFromThePromptAndSeed() {
    QFETCH(QString, prompts);
    QFETCH(QString, seed);
    QFETCH(QString, expected);
    QCOMPARE(ExportDialog::proposedFileName(prompts, seed, QStringLiteral("gif")), expected);
  }

  void longPromptsAreCutAtAWord() {
    const QString name = ExportDialog::proposedFileName(QStringLiteral("a watercolour painting of ").repeated(8), QStringLiteral("1"),
                                                        QStringLiteral("webp"));
    QVERIFY2(name.size() <= 60 + int(qstrlen("_seed-1.webp")), qPrintable(name));
    QVERIFY(name.endsWith(QLatin1String("_seed-1.webp")));
    QVERIFY(!name.contains(QLatin1String("-_")));
    // A name already in the folder is not proposed again.
    QTemporaryDir dir;
    QCOMPARE(ExportDialog::unusedFileName(dir.path(), QStringLiteral("x_seed-1.gif")), QStringLiteral("x_seed-1.gif"));
    for (const char* taken : {"x_seed-1.gif", "x_seed-1-2.gif"}) {
      QFile f(dir.filePath(QLatin1String(taken)));
      QVERIFY(f.open(QIODevice::WriteOnly));
    }
    QCOMPARE(ExportDialog::unusedFileName(dir.path(), QStringLiteral("x_seed-1.gif")), QStringLiteral("x_seed-1-3.gif"));
  }

  void sizesAndFramesChosen() {
    QCOMPARE(options(2, 0, false, 10, 1, 2).outputSize({64, 64}), QSize(128, 128));
    QCOMPARE(options(4, 0, false, 10, 1, 2).outputSize({28, 28}), QSize(112, 112));
    QCOMPARE(options(2, 300, false, 10, 1, 2).outputSize({64, 32}), QSize(300, 150));  // the pixel size wins
    QCOMPARE(options(1, 0, false, 10, 0, 2).frameIndices(5), QList<int>({0, 2, 4}));
    QCOMPARE(options(1, 0, false, 10, 0, 3).frameIndices(5), QList<int>({0, 3, 4}));  // the last always
    QCOMPARE(options(1, 0, false, 10, 0, 1).frameIndices(3), QList<int>({0, 1, 2}));
    QCOMPARE(options(1, 0, false, 10, 0, 4).frameIndices(0), QList<int>());
    QCOMPARE(options(1, 0, false, 10, 1, 2).seconds(5), 1.3);
    // Small models' frames are offered enlarged: at least 256 px where x4 reaches it.
    QCOMPARE(AnimationExport::suggestedFor({64, 64}).scale, 4);
    QCOMPARE(AnimationExport::suggestedFor({128, 128}).scale, 2);
    QCOMPARE(AnimationExport::suggestedFor({512, 512}).scale, 1);
    QVERIFY(AnimationExport::suggestedFor({64, 64}).holdSeconds > 0);
  }

  void dialogShowsAndReturnsItsChoice() {
    QTemporaryDir dir;
    ExportDialog dialog(QSize(64, 64), 5);
    const AnimationExport chosen = options(1, 200, true, 15, 2.5, 3);
    dialog.setOptions(chosen);
    QCOMPARE(dialog.options(), chosen);
    dialog.setFolder(dir.path());
    dialog.setFileName(QStringLiteral("a-red-circle_seed-3.gif"));
    QCOMPARE(dialog.path(), QDir(dir.path()).filePath(QStringLiteral("a-red-circle_seed-3.gif")));
    // Frames 0, 3 and the last of 5, at 15 fps, and 2.5 s on the last.
    QVERIFY2(dialog.summary().startsWith(QStringLiteral("200 × 200 px · 3 frame")), qPrintable(dialog.summary()));
    QVERIFY2(dialog.summary().endsWith(QStringLiteral(" · 2.7 s")), qPrintable(dialog.summary()));
    // The format box renames the file; a typed extension chooses the format; none gets one.
    auto* format = dialog.findChild<QComboBox*>(QStringLiteral("exportFormat"));
    QVERIFY(format);
    format->setCurrentIndex(format->findData(QStringLiteral("webp")));
    QCOMPARE(dialog.fileName(), QStringLiteral("a-red-circle_seed-3.webp"));
    dialog.setFileName(QStringLiteral("loop.mp4"));
    QCOMPARE(format->currentData().toString(), QStringLiteral("mp4"));
    dialog.setFileName(QStringLiteral("loop"));
    QCOMPARE(dialog.fileName(), QStringLiteral("loop.mp4"));
    // A folder that isn't there can't be exported to, and says so; a file that is, is replaced.
    QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    dialog.setFolder(dir.filePath(QStringLiteral("missing")));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.findChild<QLabel*>(QStringLiteral("exportWarning"))->text().isEmpty());
    dialog.setFolder(dir.path());
    QFile existing(dialog.path());
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.close();
    dialog.setFileName(QStringLiteral("loop.mp4"));
    QVERIFY(ok->isEnabled());
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("exportWarning"))->text().contains(QLatin1String("loop.mp4")));
  }

  // The CLIPDraw tab's Export ▸ Run as Animation (the CLIP + VQGAN tab's is the same GuidedPanel):
  // the dialog proposes the name in the export folder, Export hands its choice to the exporter,
  // and the file holds exactly that.
  void exportWritesWhatWasChosen_data() {
    QTest::addColumn<QString>("ext");
    QTest::addColumn<QSize>("canvas");
    QTest::addColumn<AnimationExport>("chosen");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QList<int>>("durations");
    const AnimationExport x2 = options(2, 0, false, 10, 1, 2);  // 5 frames: 0, 2, 4, the last held 1 s
    QTest::newRow("gif") << "gif" << QSize(64, 64) << x2 << QSize(128, 128) << QList<int>{100, 100, 1100};
    QTest::newRow("webp") << "webp" << QSize(64, 64) << x2 << QSize(128, 128) << QList<int>{100, 100, 1100};
    // MP4 has one rate for all frames: the hold is the last frame ten times more.
    QTest::newRow("mp4") << "mp4" << QSize(64, 64) << x2 << QSize(128, 128) << QList<int>(13, 100);
    QTest::newRow("webp, longer side, smooth") << "webp" << QSize(64, 32) << options(1, 200, true, 5, 0, 1) << QSize(200, 100)
                                               << QList<int>(5, 200);
    QTest::newRow("gif x4, every 3rd") << "gif" << QSize(32, 32) << options(4, 0, false, 20, 0.5, 3) << QSize(128, 128)
                                       << QList<int>{50, 50, 550};  // frames 0, 3 and the last (4); the last held 0.5 s more
  }
  void exportWritesWhatWasChosen() {
    QFETCH(QString, ext);
    QFETCH(QSize, canvas);
    QFETCH(AnimationExport, chosen);
    QFETCH(QSize, size);
    QFETCH(QList<int>, durations);
    QTemporaryDir dir;
    DrawPanel panel;
    DrawPanel::Settings s = panel.settings();
    s.prompts = QStringLiteral("a red circle");
    s.seed = 3;
    panel.setSettings(s);
    panel.setFrames(colourFrames(5, canvas));
    panel.setExportFolder(dir.path());
    EngineBridge bridge(1);
    AnimationExporter exporter(&bridge);
    connect(&panel, &GuidedPanel::animationExportRequested, &exporter, &AnimationExporter::start);
    QSignalSpy exported(&exporter, &AnimationExporter::exported);
    QSignalSpy failed(&exporter, &AnimationExporter::failed);
    QSignalSpy folderChosen(&panel, &GuidedPanel::exportFolderChosen);

    panel.requestAnimationExport();
    QPointer<ExportDialog> dialog = panel.exportDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());  // open, not blocking: this test goes on
    QCOMPARE(dialog->folder(), dir.path());
    QCOMPARE(dialog->fileName(), QStringLiteral("a-red-circle_seed-3.gif"));
    dialog->setOptions(chosen);
    if (ext == QLatin1String("gif") && chosen.scale == 2) {  // the README's picture of the dialog
      const QString shots = QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots");
      QDir().mkpath(shots);
      QVERIFY(dialog->grab().save(shots + QStringLiteral("/export-dialog.png")));
    }
    dialog->setFileName(QStringLiteral("a-red-circle_seed-3.") + ext);
    const QString path = dialog->path();
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(!exported.isEmpty() || !failed.isEmpty(), 30000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().at(1).toString()));
    QCOMPARE(exported.first().first().toString(), path);
    QCOMPARE(folderChosen.size(), 1);
    QCOMPARE(folderChosen.first().first().toString(), dir.path());
    QTRY_VERIFY(!dialog);  // closed and gone

    const AnimationInfo info = read_animation_info(path.toStdString());
    QCOMPARE(QSize(info.width, info.height), size);
    QCOMPARE(info.frames, int(durations.size()));
    QCOMPARE(QList<int>(info.durations_ms.begin(), info.durations_ms.end()), durations);

    // The next export offers the same choice, and a name not taken yet.
    panel.requestAnimationExport();
    QVERIFY(panel.exportDialog());
    QCOMPARE(panel.exportDialog()->options(), chosen);
    QCOMPARE(panel.exportDialog()->fileName(), QStringLiteral("a-red-circle_seed-3-2.") + ext);
    panel.exportDialog()->reject();
  }

  void ganInterpolationIsOfferedEnlarged() {
    QTemporaryDir dir;
    GanPanel panel;
    panel.setModels({QStringLiteral("gan-emoji")}, {dir.filePath(QStringLiteral("gan-emoji/model.safetensors"))}, QStringLiteral("gan-emoji"));
    panel.setModelAvailable(true, {});
    panel.setSeed(3);
    panel.requestInterpolation();  // between seed 3 and the next
    panel.showInterpolation(colourFrames(6, {64, 64}));
    panel.stopPlaying();
    panel.setExportFolder(dir.path());
    QSignalSpy requested(&panel, &GanPanel::animationExportRequested);
    panel.exportInterpolation();
    QPointer<ExportDialog> dialog = panel.exportDialog();
    QVERIFY(dialog);
    QCOMPARE(dialog->fileName(), QStringLiteral("gan-emoji-interpolation_seed-3-to-4.gif"));
    QCOMPARE(dialog->options().outputSize({64, 64}), QSize(256, 256));
    QCOMPARE(dialog->options().holdSeconds, 0.0);  // the loop runs from B straight back to A
    dialog->accept();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), dir.filePath(QStringLiteral("gan-emoji-interpolation_seed-3-to-4.gif")));
    QCOMPARE(requested.first().at(1).value<QList<QImage>>().size(), 6);
    QCOMPARE(requested.first().at(2).value<AnimationExport>().scale, 4);
  }

  void presetBoxNamesTheFields() {
    VqganPanel panel;
    panel.show();  // typed into, as the user does
    auto* preset = panel.findChild<QComboBox*>(QStringLiteral("preset"));
    auto* steps = panel.findChild<QSpinBox*>(QStringLiteral("steps"));
    auto* cutouts = panel.findChild<QSpinBox*>(QStringLiteral("cutouts"));
    QVERIFY(preset && steps && cutouts);
    QVERIFY(preset->findText(QStringLiteral("Custom")) >= 0);
    // The defaults are a preset of their own.
    QCOMPARE(preset->currentText(), QStringLiteral("Balanced"));
    // Choosing a preset sets its fields.
    const int fast = preset->findText(QStringLiteral("Fast preview"));
    preset->setCurrentIndex(fast);
    Q_EMIT preset->activated(fast);
    QCOMPARE(steps->value(), 60);
    QCOMPARE(cutouts->value(), 8);
    QCOMPARE(preset->currentText(), QStringLiteral("Fast preview"));
    // An edit away from it: Custom; back to its values: the preset again.
    QTest::keyClick(steps, Qt::Key_Up);
    QCOMPARE(steps->value(), 61);
    QCOMPARE(preset->currentText(), QStringLiteral("Custom"));
    QTest::keyClick(steps, Qt::Key_Down);
    QCOMPARE(preset->currentText(), QStringLiteral("Fast preview"));
    cutouts->setValue(32);
    QCOMPARE(preset->currentText(), QStringLiteral("Custom"));
    // Settings restored (a saved frame, the history) select the preset they match, else Custom.
    VqganPanel::Settings s = panel.settings();
    s.steps = 300;
    s.cutn = 32;
    panel.setSettings(s);
    QCOMPARE(preset->currentText(), QStringLiteral("Quality"));
    s.cutn = 31;
    panel.setSettings(s);
    QCOMPARE(preset->currentText(), QStringLiteral("Custom"));
    s.steps = 150;
    s.cutn = 16;
    panel.setSettings(s);
    QCOMPARE(preset->currentText(), QStringLiteral("Balanced"));
  }
};

QTEST_MAIN(TestExports)
#include "tst_exports.moc"
