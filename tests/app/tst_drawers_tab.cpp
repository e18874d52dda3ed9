// The CLIP + VQGAN tab's drawers, motion and higher-resolution pass (issue 21, items 2, 4, 5):
// pixel art chosen in the Generator box paints exactly its grid of one-colour cells (from its
// palette), the FFT image paints a frame, the Motion group's values reach the run and come back
// from its record, its frames and the program's settings, and the ×2 button continues a finished
// run at twice its size from its last latent. Small sizes and few steps on the shipped mini models.
#include <QApplication>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "clip_controller.h"
#include "drawer_box.h"
#include "engine_bridge.h"
#include "guide_controller.h"
#include "main_window.h"
#include "motion_box.h"
#include "run_record.h"
#include "run_view.h"
#include "settings.h"
#include "draw_panel.h"
#include "draw_controller.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {
// Whether every cell of a cellsX x cellsY grid over the image is one colour, and the grid is no
// coarser: each boundary between two columns (rows) of cells has a row (column) where the cells
// on either side differ.
QString gridProblem(const QImage& frame, int cellsX, int cellsY) {
  const QImage im = frame.convertToFormat(QImage::Format_RGB888);
  if (im.width() % cellsX || im.height() % cellsY) return QStringLiteral("the image does not divide into the grid");
  const int cw = im.width() / cellsX, ch = im.height() / cellsY;
  for (int y = 0; y < im.height(); ++y)
    for (int x = 0; x < im.width(); ++x)
      if (im.pixel(x, y) != im.pixel(x / cw * cw, y / ch * ch))
        return QStringLiteral("pixel %1, %2 differs from its cell's first").arg(x).arg(y);
  for (int cx = 1; cx < cellsX; ++cx) {
    bool differs = false;
    for (int cy = 0; cy < cellsY && !differs; ++cy) differs = im.pixel(cx * cw, cy * ch) != im.pixel((cx - 1) * cw, cy * ch);
    if (!differs) return QStringLiteral("columns %1 and %2 of cells are alike").arg(cx - 1).arg(cx);
  }
  for (int cy = 1; cy < cellsY; ++cy) {
    bool differs = false;
    for (int cx = 0; cx < cellsX && !differs; ++cx) differs = im.pixel(cx * cw, cy * ch) != im.pixel(cx * cw, (cy - 1) * ch);
    if (!differs) return QStringLiteral("rows %1 and %2 of cells are alike").arg(cy - 1).arg(cy);
  }
  return {};
}

MotionSettings someMotion() {
  MotionSettings m;
  m.zoom = 1.05;
  m.rotate = 2.5;
  m.shiftX = 3;
  m.shiftY = -2;
  m.frameEvery = 3;
  m.smoothing = 0.5;
  return m;
}
}  // namespace

class TestDrawersTab : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  std::unique_ptr<Settings> m_settings;
  std::unique_ptr<MainWindow> m_window;

  GuideController* guide() const { return m_window->guideController(); }
  VqganPanel* panel() const { return m_window->vqganPanel(); }
  template <typename T>
  T* field(const char* name) const {
    T* w = panel()->findChild<T*>(QLatin1String(name));
    if (!w) qWarning("no %s", name);
    return w;
  }
  // The Generator box on the item of this text (the test runs untranslated).
  bool chooseGenerator(const QString& text) {
    auto* mode = field<QComboBox>("guideMode");
    if (!mode || mode->findText(text) < 0) return false;
    mode->setCurrentIndex(mode->findText(text));
    return true;
  }

  // The tab's settings, small and short.
  VqganPanel::Settings small(int steps, int size) const {
    VqganPanel::Settings s = panel()->settings();
    s.prompts = QStringLiteral("a red circle");
    s.schedule.clear();
    s.seed = 0;
    s.steps = steps;
    s.size = size;
    s.cutn = 4;
    s.lr = 0.1;
    return s;
  }

  // Runs to the end; returns its folder (empty: it did not end in time).
  QString run(const VqganPanel::Settings& s) {
    QSignalSpy ended(guide(), &RunController::ended);
    guide()->startRun(s);
    if (!ended.wait(180000)) return {};
    return guide()->runFolder();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    m_settings = std::make_unique<Settings>(m_home.filePath(QStringLiteral("settings.ini")));
    m_window = std::make_unique<MainWindow>(m_settings.get());
    QSignalSpy loaded(m_window->clipController(), &ClipController::loaded);
    m_window->resize(1280, 820);
    m_window->show();
    QVERIFY(loaded.wait(60000));
    m_window->tabs()->setCurrentWidget(panel());
  }

  void cleanupTestCase() { m_window.reset(); }

  void theGridOffersCountsThatDivideTheSize() {
    QCOMPARE(DrawerBox::gridChoices(128), (QList<int>{4, 8, 16, 32, 64}));
    QCOMPARE(DrawerBox::nearestGrid(24, 128), 32);  // 16 and 32 are as near: the larger
    QCOMPARE(DrawerBox::nearestGrid(24, 384), 24);
    QCOMPARE(DrawerBox::nearestGrid(200, 128), 64);
    VqganPanel::Settings s = panel()->settings();
    s.setMode(QStringLiteral("pixel"));
    s.size = 384;
    s.drawing.gridWidth = 24;
    s.drawing.gridHeight = 48;
    panel()->setSettings(s);
    QCOMPARE(panel()->settings().drawing.gridWidth, 24);
    QCOMPARE(panel()->settings().drawing.gridHeight, 48);
    // At 128 the nearest counts that divide it; back at 384 the grid chosen again.
    s.size = 128;
    panel()->setSettings(s);
    QCOMPARE(panel()->settings().drawing.gridWidth, 32);
    QCOMPARE(panel()->settings().drawing.gridHeight, 64);
    s.size = 384;
    panel()->setSettings(s);
    QCOMPARE(panel()->settings().drawing.gridWidth, 24);
  }

  void theGeneratorBoxShowsEachModesRows() {
    QVERIFY(chooseGenerator(QStringLiteral("Pixel art")));
    auto* drawer = panel()->drawerBox();
    QCOMPARE(panel()->settings().drawer, DrawerKind::Pixel);
    QVERIFY(!panel()->settings().gan);
    QVERIFY(field<QComboBox>("gridWidth")->isVisibleTo(panel()));
    QVERIFY(field<QLineEdit>("pixelPalette")->isVisibleTo(panel()));
    QVERIFY(!field<QDoubleSpinBox>("fftDecay")->isVisibleTo(panel()));
    QVERIFY(panel()->motionBox()->isEnabled());
    QVERIFY(chooseGenerator(QStringLiteral("FFT image")));
    QCOMPARE(panel()->settings().drawer, DrawerKind::Fft);
    QVERIFY(!field<QComboBox>("gridWidth")->isVisibleTo(panel()));
    QVERIFY(field<QDoubleSpinBox>("fftDecay")->isVisibleTo(panel()));
    // A drawer needs only the CLIP: Run is on.
    auto* runButton = panel()->runView()->findChild<QPushButton*>(QStringLiteral("runButton"));
    QVERIFY(runButton && runButton->isEnabled());
    // CLIP + GAN can't take an image back: no motion, and the group says why.
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + GAN")));
    QVERIFY(!panel()->motionBox()->isEnabled());
    QVERIFY(panel()->motionBox()->toolTip().contains(QStringLiteral("GAN")));
    QVERIFY(!field<QComboBox>("gridWidth")->isVisibleTo(panel()) && !field<QDoubleSpinBox>("fftDecay")->isVisibleTo(panel()));
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + VQGAN")));
    QVERIFY(panel()->motionBox()->isEnabled());
    QVERIFY(!field<QComboBox>("gridWidth")->isVisibleTo(panel()) && !field<QDoubleSpinBox>("fftDecay")->isVisibleTo(panel()));
    QCOMPARE(panel()->settings().drawer, DrawerKind::None);
    // A palette the engine refuses: the hint says why.
    QVERIFY(chooseGenerator(QStringLiteral("Pixel art")));
    field<QLineEdit>("pixelPalette")->setText(QStringLiteral("#ff0000,#12345g"));
    QVERIFY(!drawer->paletteProblem().isEmpty());
    QVERIFY(!field<QWidget>("pixelPaletteHint")->isHidden());
    field<QLineEdit>("pixelPalette")->clear();
    QVERIFY(drawer->paletteProblem().isEmpty());
    // Laid out with the groups above unfolded: the Grid row has its height.
    panel()->constraintsBox()->setExpanded(true);
    panel()->motionBox()->setExpanded(true);
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + VQGAN")));
    QVERIFY(chooseGenerator(QStringLiteral("Pixel art")));
    QTRY_VERIFY(field<QComboBox>("gridWidth")->height() >= field<QComboBox>("gridWidth")->minimumSizeHint().height());
    panel()->constraintsBox()->setExpanded(false);
    panel()->motionBox()->setExpanded(false);
  }

  // CLIPDraw's ×2: off until a drawing is finished; then the drawing runs on at twice its canvas
  // (a sketch's strokes twice as wide), and the SVG the tab exports is the x2 drawing.
  void clipDrawContinuesAtTwiceItsSize() {
    DrawPanel* draw = m_window->drawPanel();
    auto* upscale = draw->findChild<QPushButton*>(QStringLiteral("drawUpscale"));
    QVERIFY(upscale);
    QVERIFY(!upscale->isEnabled());
    DrawPanel::Settings s = draw->settings();
    s.prompts = QStringLiteral("a cat");
    s.sketch = true;
    s.sketchWidth = 2;
    s.strokes = 8;
    s.iterations = 3;
    s.size = 64;
    draw->setSettings(s);
    QSignalSpy ended(m_window->drawController(), &RunController::ended);
    m_window->drawController()->startRun(draw->settings());
    QVERIFY(ended.wait(120000));
    QTRY_VERIFY(upscale->isEnabled());
    upscale->click();
    QVERIFY(ended.wait(120000));
    QTRY_VERIFY(draw->svg().contains(QStringLiteral("width=\"128\" height=\"128\"")));
    QCOMPARE(draw->svg().count(QStringLiteral("stroke-width=\"4\"")), 8);
  }

  void pixelArtPaintsExactlyItsGridFromItsPalette() {
    QVERIFY(chooseGenerator(QStringLiteral("Pixel art")));
    // A low rate: the cells stay near their random start, so neighbours differ (the check below).
    VqganPanel::Settings s = small(3, 64);
    s.lr = 0.01;
    s.drawing.gridWidth = 16;  // cells of 4 x 8 pixels
    s.drawing.gridHeight = 8;
    const QStringList colours{QStringLiteral("#ff0000"), QStringLiteral("#00ff00"), QStringLiteral("#0000ff"),
                              QStringLiteral("#ffffff"), QStringLiteral("#000000"), QStringLiteral("#ffff00")};
    s.drawing.pixelPalette = colours.join(QLatin1Char(','));
    const QString folder = run(s);
    QVERIFY(!folder.isEmpty());
    const RunRecord record = RunRecord::load(folder);
    QCOMPARE(record.state, QStringLiteral("finished"));
    QCOMPARE(record.settings.drawer, DrawerKind::Pixel);
    QCOMPARE(record.settings.drawing, s.drawing);
    const QImage frame(record.imagePath());
    QCOMPARE(frame.size(), QSize(64, 64));
    const QString why = gridProblem(frame, 16, 8);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    const QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
    for (int y = 0; y < rgb.height(); ++y)
      for (int x = 0; x < rgb.width(); ++x)
        QVERIFY2(colours.contains(rgb.pixelColor(x, y).name()), qPrintable(rgb.pixelColor(x, y).name()));
  }

  void anFftImagePaintsAFrame() {
    QVERIFY(chooseGenerator(QStringLiteral("FFT image")));
    VqganPanel::Settings s = small(4, 64);
    s.drawing.fftDecay = 1.5;
    const QString folder = run(s);
    QVERIFY(!folder.isEmpty());
    const RunRecord record = RunRecord::load(folder);
    QCOMPARE(record.state, QStringLiteral("finished"));
    QCOMPARE(record.settings.drawer, DrawerKind::Fft);
    QCOMPARE(record.settings.drawing.fftDecay, 1.5);
    QVERIFY(record.model.isEmpty());  // no generator's file
    const QImage frame(record.imagePath());
    QCOMPARE(frame.size(), QSize(64, 64));
    QVERIFY(!panel()->frames().isEmpty());
    QVERIFY(QFile::exists(record.latentPath()));
  }

  void motionReachesTheRunAndComesBack() {
    QVERIFY(chooseGenerator(QStringLiteral("FFT image")));
    // Typed into the Motion group as a person would.
    const MotionSettings m = someMotion();
    panel()->motionBox()->setExpanded(true);
    field<QDoubleSpinBox>("motionZoom")->setValue(m.zoom);
    field<QDoubleSpinBox>("motionRotate")->setValue(m.rotate);
    field<QDoubleSpinBox>("motionShiftX")->setValue(m.shiftX);
    field<QDoubleSpinBox>("motionShiftY")->setValue(m.shiftY);
    field<QSpinBox>("motionFrameEvery")->setValue(m.frameEvery);
    field<QDoubleSpinBox>("motionSmoothing")->setValue(m.smoothing);
    QCOMPARE(panel()->settings().motion, m);
    // Frames every 3 steps (and the last): a frame of another step would be the default's.
    QList<qint64> frameSteps;
    const QMetaObject::Connection watch = connect(m_window->bridge(), &EngineBridge::frameReady, this,
                                                  [&](qint64 job, const QImage&, qint64 step) {
                                                    if (job == guide()->job()) frameSteps << step;
                                                  });
    const QString folder = run(small(7, 64));
    disconnect(watch);
    QVERIFY(!folder.isEmpty());
    QVERIFY(!frameSteps.isEmpty());
    for (qint64 step : std::as_const(frameSteps)) QVERIFY2(step % 3 == 0 || step == 7, qPrintable(QString::number(step)));
    bool ok = false;
    const RunRecord record = RunRecord::load(folder, &ok);
    QVERIFY(ok);
    QCOMPARE(record.state, QStringLiteral("finished"));
    QCOMPARE(record.settings.motion, m);
    // The frames it wrote and the frame saved from the tab carry it; opening one restores it.
    QCOMPARE(VqganPanel::settingsFromPng(record.imagePath(), &ok).motion, m);
    QVERIFY(ok);
    const QString png = m_home.filePath(QStringLiteral("motion.png"));
    QVERIFY(panel()->saveFrame(png));
    panel()->setSettings(VqganPanel::Settings());
    QCOMPARE(panel()->settings().motion, MotionSettings());
    QVERIFY(panel()->loadSettingsFromPng(png));
    QCOMPARE(panel()->settings().motion, m);
    QCOMPARE(panel()->settings().drawer, DrawerKind::Fft);
    QVERIFY(panel()->motionBox()->expanded());
    panel()->setSettings(VqganPanel::Settings());
  }

  // CLIP + VQGAN's start without an init image: chosen in the Start box (only for CLIP + VQGAN and
  // while no init image is set), handed to the engine (the same seed gives another picture from
  // soft patches than from random codes, and the same again from them), kept in run.json and the
  // frames' chunks.
  void theStartWithoutAnInitImageIsChosenUsedAndKept() {
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + VQGAN")));
    auto* start = field<QComboBox>("initNoise");
    QVERIFY(start);
    QVERIFY(start->isEnabled());
    QCOMPARE(start->count(), 4);
    start->setCurrentIndex(start->findData(QStringLiteral("smooth")));
    QCOMPARE(panel()->settings().initNoise, QStringLiteral("smooth"));
    panel()->setInitImage(QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/vqgan/input.png"));
    QVERIFY(!start->isEnabled());  // the init image is the start
    panel()->setInitImage({});
    QVERIFY(start->isEnabled());
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + GAN")));
    QVERIFY(!start->isEnabled());
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + VQGAN")));

    VqganPanel::Settings s = small(2, 64);
    QCOMPARE(s.initNoise, QStringLiteral("smooth"));
    s.lr = 1e-4;  // the picture stays close to its start
    const QString soft = run(s), softAgain = run(s);
    s.initNoise = QStringLiteral("codes");
    const QString codes = run(s);
    QVERIFY(!soft.isEmpty() && !softAgain.isEmpty() && !codes.isEmpty());
    bool ok = false;
    const RunRecord softRecord = RunRecord::load(soft, &ok);
    QVERIFY(ok);
    QCOMPARE(softRecord.settings.initNoise, QStringLiteral("smooth"));
    QCOMPARE(VqganPanel::settingsFromPng(softRecord.imagePath(), &ok).initNoise, QStringLiteral("smooth"));
    const QImage a(softRecord.imagePath()), b(RunRecord::load(softAgain, &ok).imagePath()), c(RunRecord::load(codes, &ok).imagePath());
    QVERIFY(!a.isNull() && !c.isNull());
    QCOMPARE(a, b);
    QVERIFY(a != c);
    // A name that is no start (an edited run.json) leaves the box on random codes.
    s.initNoise = QStringLiteral("perlin");
    panel()->setSettings(s);
    QCOMPARE(panel()->settings().initNoise, QStringLiteral("codes"));
    panel()->setSettings(VqganPanel::Settings());
  }

  void drawersAndMotionRoundTripThroughChunksRecordsAndSettings() {
    VqganPanel::Settings s;
    s.setMode(QStringLiteral("pixel"));
    QCOMPARE(s.modeName(), QStringLiteral("pixel"));
    s.drawing.gridWidth = 16;
    s.drawing.gridHeight = 64;
    s.drawing.pixelPalette = QStringLiteral("#000000,#ffffff");
    s.drawing.fftDecay = 2.5;
    s.motion = someMotion();
    // PNG text chunks.
    QImage frame(32, 32, QImage::Format_RGB888);
    frame.fill(Qt::gray);
    const QString png = m_home.filePath(QStringLiteral("chunks.png"));
    QVERIFY(VqganPanel::withSettings(frame, s).save(png));
    bool ok = false;
    const VqganPanel::Settings back = VqganPanel::settingsFromPng(png, &ok);
    QVERIFY(ok);
    QCOMPARE(back.modeName(), QStringLiteral("pixel"));
    QCOMPARE(back.drawing, s.drawing);
    QCOMPARE(back.motion, s.motion);
    // Values no field takes are brought into range; unreadable ones keep the defaults.
    QImage odd = VqganPanel::withSettings(frame, s);
    odd.setText(QStringLiteral("clip-atelier:zoom"), QStringLiteral("9"));
    odd.setText(QStringLiteral("clip-atelier:smoothing"), QStringLiteral("nan"));
    odd.setText(QStringLiteral("clip-atelier:grid_width"), QStringLiteral("-3"));
    const QString oddPng = m_home.filePath(QStringLiteral("odd.png"));
    QVERIFY(odd.save(oddPng));
    const VqganPanel::Settings bounded = VqganPanel::settingsFromPng(oddPng, &ok);
    QCOMPARE(bounded.motion.zoom, 2.0);
    QCOMPARE(bounded.motion.smoothing, 0.0);
    QCOMPARE(bounded.drawing.gridWidth, 1);
    // run.json.
    RunRecord mine;
    mine.folder = m_home.filePath(QStringLiteral("record"));
    QVERIFY(QDir().mkpath(mine.folder));
    mine.started = QDateTime::currentDateTimeUtc();
    mine.settings = s;
    mine.settings.setMode(QStringLiteral("fft"));
    QVERIFY(mine.save());
    const RunRecord loaded = RunRecord::load(mine.folder, &ok);
    QVERIFY(ok);
    QCOMPARE(loaded.settings.modeName(), QStringLiteral("fft"));
    QCOMPARE(loaded.settings.drawing, s.drawing);
    QCOMPARE(loaded.settings.motion, s.motion);
    // The program's settings: saved on closing, restored on the next start.
    const QString file = m_home.filePath(QStringLiteral("persist.ini"));
    {
      Settings settings(file);
      MainWindow w(&settings);
      w.show();
      w.vqganPanel()->setSettings(s);
      w.close();
    }
    Settings settings(file);
    QCOMPARE(settings.value(Settings::Key::GuideMode).toString(), QStringLiteral("pixel"));
    MainWindow w(&settings);
    const VqganPanel::Settings restored = w.vqganPanel()->settings();
    QCOMPARE(restored.modeName(), QStringLiteral("pixel"));
    QCOMPARE(restored.drawing, s.drawing);
    QCOMPARE(restored.motion, s.motion);
  }

  void theX2ButtonGoesOnAtTwiceTheSizeFromTheLastLatent() {
    QVERIFY(chooseGenerator(QStringLiteral("Pixel art")));
    auto* upscale = field<QPushButton>("upscaleRun");
    QVERIFY(upscale);
    VqganPanel::Settings s = small(4, 32);
    s.drawing = DrawerSettings();
    s.drawing.gridWidth = 8;  // cells of 4 x 4 pixels
    s.drawing.gridHeight = 8;
    s.motion = MotionSettings();
    QSignalSpy ended(guide(), &RunController::ended);
    guide()->startRun(s);
    QVERIFY(!upscale->isEnabled());  // while it runs
    QVERIFY(ended.wait(180000));
    const RunRecord first = RunRecord::load(guide()->runFolder());
    QCOMPARE(first.state, QStringLiteral("finished"));
    QVERIFY2(upscale->isEnabled(), qPrintable(upscale->toolTip()));
    const QImage last(first.imagePath());
    QCOMPARE(last.size(), QSize(32, 32));

    // Paused as it starts, so its first frame (step 0: the start latent) stays the one delivered.
    QList<QPair<QImage, qint64>> frames;
    const QMetaObject::Connection watch =
        connect(m_window->bridge(), &EngineBridge::frameReady, this, [&](qint64 job, const QImage& image, qint64 step) {
          if (job == guide()->job()) frames.append({image, step});
        });
    ended.clear();
    upscale->click();
    const qint64 job = guide()->job();
    guide()->pause();
    QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty(), 120000);
    QCOMPARE(frames.first().second, qint64(0));
    const QImage start = frames.first().first.convertToFormat(QImage::Format_RGB888);
    QCOMPARE(start.size(), QSize(64, 64));
    // From the last latent: the last frame, each cell twice as wide and high (16 x 16 cells).
    const QImage lastRgb = last.convertToFormat(QImage::Format_RGB888);
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) QCOMPARE(start.pixel(x, y), lastRgb.pixel(x / 2, y / 2));
    guide()->resume();
    QVERIFY(ended.wait(180000));
    disconnect(watch);
    QCOMPARE(guide()->job(), job);
    const RunRecord twice = RunRecord::load(guide()->runFolder());
    QCOMPARE(twice.state, QStringLiteral("finished"));
    QCOMPARE(twice.settings.size, 64);
    QCOMPARE(twice.settings.drawing.gridWidth, 16);  // cells of the same pixels
    QCOMPARE(twice.settings.drawing.gridHeight, 16);
    QCOMPARE(twice.settings.prompts, s.prompts);
    QCOMPARE(twice.settings.steps, s.steps);
    QCOMPARE(twice.continuedFrom, first.name() + QStringLiteral("@4"));
    QCOMPARE(QImage(twice.imagePath()).size(), QSize(64, 64));

    // CLIP + VQGAN too: its latent grid enlarged, the run at twice the size.
    QVERIFY(chooseGenerator(QStringLiteral("CLIP + VQGAN")));
    VqganPanel::Settings vq = small(2, 64);
    vq.motion = MotionSettings();
    QVERIFY(!run(vq).isEmpty());
    const RunRecord vqFirst = RunRecord::load(guide()->runFolder());
    QCOMPARE(vqFirst.state, QStringLiteral("finished"));
    QVERIFY2(upscale->isEnabled(), qPrintable(upscale->toolTip()));
    ended.clear();
    upscale->click();
    QVERIFY(ended.wait(180000));
    const RunRecord vqTwice = RunRecord::load(guide()->runFolder());
    QCOMPARE(vqTwice.state, QStringLiteral("finished"));
    QCOMPARE(vqTwice.settings.modeName(), QStringLiteral("vqgan"));
    QCOMPARE(vqTwice.settings.size, 128);
    QCOMPARE(vqTwice.model, vqFirst.model);
    QCOMPARE(QImage(vqTwice.imagePath()).size(), QSize(128, 128));
    QVERIFY(chooseGenerator(QStringLiteral("Pixel art")));

    // Twice 384 is more than the largest size the tab offers: the button is off and says why.
    QCOMPARE(panel()->maxSize(), 512);
    VqganPanel::Settings big = small(1, 384);
    big.drawing = s.drawing;
    QVERIFY(!run(big).isEmpty());
    QCOMPARE(RunRecord::load(guide()->runFolder()).state, QStringLiteral("finished"));
    QVERIFY(!upscale->isEnabled());
    QVERIFY2(upscale->toolTip().contains(QString::number(panel()->maxSize())), qPrintable(upscale->toolTip()));
    QCOMPARE(guide()->upscaleRun(), qint64(0));
  }
};

QTEST_MAIN(TestDrawersTab)
#include "tst_drawers_tab.moc"
