// Reusable views: the cosine picture, the collapsible note, the run view's buttons, the plots.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "clip_row_page.h"
#include "image_guard.h"
#include "runtime/limits.h"
#include "vqgan_panel.h"

#include "cosine_demo.h"
#include "heat_strip.h"
#include "live_plot.h"
#include "note_box.h"
#include "run_view.h"
#include "train_panel.h"

using namespace atelier;

class TestWidgets : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void imagesAreCheckedBeforeDecoding() {
    // The widgets' copy of the engine's limits (they include no engine header) is the engine's.
    QCOMPARE(image_guard::kMaxPixels, qint64(atelier::limits::kMaxImagePixels));
    QCOMPARE(image_guard::kMaxSide, atelier::limits::kMaxImageSide);
    QCOMPARE(image_guard::kMaxAspect, atelier::limits::kMaxAspect);
    const QString bad = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/bad/png_settings/");
    QVERIFY(image_guard::problem(bad + QStringLiteral("wide_999999x1.png")).contains(QStringLiteral("999999")));
    QVERIFY(image_guard::problem(bad + QStringLiteral("lying_30000x30000.png")).contains(QStringLiteral("30000")));
    QVERIFY(image_guard::problem(bad + QStringLiteral("text_chunk_length_2gb.png")).contains(QStringLiteral("chunk")));
    QVERIFY2(image_guard::problem(QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/clip/rgba.png")).isEmpty(), "a good PNG passes");
    // The CLIP tab's row refuses it with the reason, and keeps nothing.
    ClipRowPage page;
    QSignalSpy rejected(&page, &ClipRowPage::imageRejected);
    QCOMPARE(page.addImages({bad + QStringLiteral("wide_999999x1.png")}), 0);
    QCOMPARE(rejected.size(), 1);
    // Settings from a PNG: the 2 GB text chunk is not handed to libpng.
    bool ok = true;
    VqganPanel::settingsFromPng(bad + QStringLiteral("text_chunk_length_2gb.png"), &ok);
    QVERIFY(!ok);
  }

  void cosineOfTwoVectors_data() {
    QTest::addColumn<QPointF>("a");
    QTest::addColumn<QPointF>("b");
    QTest::addColumn<double>("cosine");
    QTest::addColumn<double>("theta");
    QTest::newRow("same direction") << QPointF(1, 0) << QPointF(0.5, 0) << 1.0 << 0.0;
    QTest::newRow("orthogonal") << QPointF(1, 0) << QPointF(0, 2) << 0.0 << 90.0;
    QTest::newRow("opposite") << QPointF(0, 1) << QPointF(0, -1) << -1.0 << 180.0;
    QTest::newRow("45 degrees") << QPointF(1, 0) << QPointF(1, 1) << std::sqrt(0.5) << 45.0;
  }
  void cosineOfTwoVectors() {
    QFETCH(QPointF, a);
    QFETCH(QPointF, b);
    QFETCH(double, cosine);
    QFETCH(double, theta);
    CosineDemo demo;
    QSignalSpy changed(&demo, &CosineDemo::changed);
    demo.setVectors(a, b);
    QVERIFY(std::abs(demo.cosine() - cosine) < 1e-9);
    QVERIFY(std::abs(demo.thetaDegrees() - theta) < 1e-6);
    QCOMPARE(changed.count(), 1);
  }

  void draggingAVectorChangesTheCosine() {
    CosineDemo demo;
    demo.resize(400, 400);
    demo.show();
    QVERIFY(QTest::qWaitForWindowExposed(&demo));
    demo.setVectors(QPointF(1, 0), QPointF(0, 1));
    // The tip of b is at the centre + (0, -scale) in widget coordinates.
    const double scale = 0.42 * 400;
    QPoint tip(200, int(200 - scale));
    QTest::mousePress(&demo, Qt::LeftButton, {}, tip);
    QMouseEvent move(QEvent::MouseMove, QPointF(200 + scale, 200), QPointF(200 + scale, 200), Qt::NoButton, Qt::LeftButton, {});
    QApplication::sendEvent(&demo, &move);
    QTest::mouseRelease(&demo, Qt::LeftButton, {}, QPoint(int(200 + scale), 200));
    QVERIFY2(demo.cosine() > 0.99, qPrintable(QString::number(demo.cosine())));
  }

  void noteFolds() {
    NoteBox note(QStringLiteral("Title"), QStringLiteral("<p>Body</p>"));
    note.show();
    QSignalSpy spy(&note, &NoteBox::expandedChanged);
    QVERIFY(note.isExpanded());
    note.setExpanded(false);
    QVERIFY(!note.isExpanded());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.first().first().toBool(), false);
  }

  void runViewButtonsFollowTheState() {
    RunView view;
    auto button = [&](const QString& text) {
      for (auto* b : view.findChildren<QPushButton*>())
        if (b->text() == text) return b;
      return static_cast<QPushButton*>(nullptr);
    };
    QPushButton* run = button(QStringLiteral("&Run"));
    QPushButton* pause = button(QStringLiteral("&Pause"));
    QPushButton* stop = button(QStringLiteral("&Stop"));
    QVERIFY(run && pause && stop);
    view.setRunnable(false, QStringLiteral("no model"));
    QVERIFY(!run->isEnabled());
    view.setRunnable(true);
    QVERIFY(run->isEnabled());
    QVERIFY(!pause->isEnabled());
    QSignalSpy runs(&view, &RunView::runRequested);
    QTest::mouseClick(run, Qt::LeftButton);
    QCOMPARE(runs.count(), 1);
    view.setState(RunView::State::Running);
    QVERIFY(!run->isEnabled());
    QVERIFY(pause->isEnabled());
    QVERIFY(stop->isEnabled());
    view.setState(RunView::State::Idle);
    QVERIFY(!stop->isEnabled());
  }

  void runViewKeepsABoundedHistory() {
    RunView view;
    QImage frame(32, 32, QImage::Format_RGB888);
    frame.fill(Qt::red);
    for (int step = 0; step < 2000; step += 5) view.showFrame(frame, step);
    QVERIFY(view.thumbnailCount() <= 64);
    QVERIFY(view.thumbnailCount() >= 32);
  }

  void plotsTakeData() {
    LivePlot plot;
    for (int i = 0; i < 10; ++i) plot.addPoint(QStringLiteral("loss"), i, 1.0 / (i + 1));
    plot.addPoint(QStringLiteral("sim"), 0, 0.2);
    QCOMPARE(plot.seriesCount(), 2);
    QCOMPARE(plot.pointCount(QStringLiteral("loss")), 10);
    plot.clear();
    QCOMPARE(plot.seriesCount(), 0);
    HeatStrip strip;
    strip.setValues({0.1, -0.5, 2.0});
    QCOMPARE(strip.values().size(), 3);
    strip.clear();
    QVERIFY(strip.values().isEmpty());
  }

  void trainPanelChecksItsFolderAndShowsThePairs() {
    TrainPanel panel;
    QSignalSpy start(&panel, &TrainPanel::startRequested);
    panel.startButton()->click();  // no folder
    QCOMPARE(start.size(), 0);
    QVERIFY(panel.status().contains(QStringLiteral("folder")));
    // What a folder holds is the window's answer (the engine reads the folder): here, a run of three steps.
    QTemporaryDir dir;
    QSignalSpy chosen(&panel, &TrainPanel::folderChosen);
    connect(&panel, &TrainPanel::folderChosen, &panel, [&](const QString& folder) {
      if (folder != dir.path()) return;
      panel.setFolderState(true);
      panel.setHistory({1, 2, 3}, {4.5, 3.9, 3.1}, {0.1, 0.2, 0.35});
    });
    TrainPanel::Settings s;
    s.out = dir.path();
    panel.setSettings(s);
    QVERIFY(!chosen.isEmpty() && chosen.last().first().toString() == dir.path());
    QCOMPARE(panel.plot()->pointCount(QStringLiteral("loss")), 3);  // the folder's history, plotted
    QVERIFY2(panel.status().contains(QStringLiteral("step 3 so far")), qPrintable(panel.status()));
    QVERIFY(panel.resumeBox()->isEnabled() && !panel.resumeBox()->isChecked());  // a run is there: offered
    panel.startButton()->click();  // refuses to start over it
    QCOMPARE(start.size(), 0);
    QVERIFY(panel.status().contains(QStringLiteral("already holds a run")));
    panel.resumeBox()->setChecked(true);
    panel.startButton()->click();
    QCOMPARE(start.size(), 1);
    QVERIFY(start.first().first().value<TrainPanel::Settings>().resume);
    // Choosing what to start from proposes that recipe's steps and rate (the window gives the engine's).
    panel.setRecipes({12000, 1e-3}, {2500, 2e-4});
    auto* from = panel.findChild<QComboBox*>();
    QVERIFY(from);
    Q_EMIT from->activated(0);
    QCOMPARE(panel.settings().steps, 12000);
    QCOMPARE(panel.settings().lr, 1e-3);
    Q_EMIT from->activated(1);
    QCOMPARE(panel.settings().steps, 2500);
    QCOMPARE(panel.settings().lr, 2e-4);
    // The pairs: one row each, the softmax in the cells, the diagonal bold; a malformed window is ignored.
    QList<QImage> images;
    QStringList captions;
    QVector<float> softmax;
    for (int i = 0; i < 3; ++i) {
      images << QImage(8, 8, QImage::Format_RGB888);
      captions << QStringLiteral("caption %1").arg(i);
      for (int j = 0; j < 3; ++j) softmax << (i == j ? 0.8f : 0.1f);
    }
    panel.showPairs(images, captions, softmax);
    QCOMPARE(panel.pairs()->rowCount(), 3);
    QCOMPARE(panel.pairs()->item(1, 2)->text(), QStringLiteral("0.80"));
    QVERIFY(panel.pairs()->item(1, 2)->font().bold() && !panel.pairs()->item(1, 1)->font().bold());
    panel.showPairs(images, captions, QVector<float>(4, 0.25f));
    QCOMPARE(panel.pairs()->item(1, 2)->text(), QStringLiteral("0.80"));
    panel.clear();
    panel.showProgress(1, 100, 0.5, 0.9, 0.5);  // the pace counts from this start's first step
    panel.showProgress(10, 100, 5.0, 0.5, 0.75);
    QCOMPARE(panel.plot()->pointCount(QStringLiteral("loss")), 2);
    QVERIFY2(panel.status().contains(QStringLiteral("Step 10 of 100")) && panel.status().contains(QStringLiteral("2.00 steps/s")) &&
                 panel.status().contains(QStringLiteral("0:45 left")),
             qPrintable(panel.status()));
  }

  // Deepening a model: offered only when starting from one, said as "as the model" at 0, kept
  // by the settings both ways, locked while running.
  void trainPanelDeepensAModelOnly() {
    TrainPanel panel;
    panel.setShippedModel(QStringLiteral("/models/mini-clip/model.safetensors"));
    auto* vision = panel.findChild<QSpinBox*>(QStringLiteral("visionLayers"));
    auto* text = panel.findChild<QSpinBox*>(QStringLiteral("textLayers"));
    QVERIFY(vision && text);
    QCOMPARE(vision->text(), QStringLiteral("as the model"));
    auto* from = panel.findChild<QComboBox*>(QStringLiteral("startFrom"));
    QVERIFY(from);
    from->setCurrentIndex(0);
    Q_EMIT from->activated(0);  // random weights: a new model, nothing to deepen
    QVERIFY(!vision->isEnabled() && !text->isEnabled());
    vision->setValue(8);
    QCOMPARE(panel.settings().visionLayers, 0);
    from->setCurrentIndex(1);
    Q_EMIT from->activated(1);  // the shipped model
    QVERIFY(vision->isEnabled() && text->isEnabled());
    text->setValue(6);
    QCOMPARE(panel.settings().visionLayers, 8);
    QCOMPARE(panel.settings().textLayers, 6);
    TrainPanel::Settings s = panel.settings();
    s.visionLayers = 12;
    s.textLayers = 0;
    panel.setSettings(s);
    QCOMPARE(vision->value(), 12);
    QCOMPARE(text->text(), QStringLiteral("as the model"));
    panel.setRunning(true);
    QVERIFY(!vision->isEnabled() && !text->isEnabled());
    panel.setRunning(false);
    QVERIFY(vision->isEnabled());
  }

  void trainPanelSetsTheDataMix() {
    TrainPanel panel;
    auto* emoji = panel.findChild<QDoubleSpinBox*>(QStringLiteral("emojiShare"));
    auto* clipart = panel.findChild<QDoubleSpinBox*>(QStringLiteral("clipArtShare"));
    QVERIFY(emoji && clipart);
    const TrainPanel::Settings defaults;
    QCOMPARE(emoji->value(), defaults.emoji);
    QCOMPARE(clipart->value(), defaults.clipart);
    QVERIFY(clipart->toolTip().contains(QStringLiteral("openclipart-png")) && clipart->toolTip().contains(QStringLiteral("openclipart-svg")));
    // The boxes' values are the settings', both ways.
    emoji->setValue(0.3);
    clipart->setValue(0.45);
    QCOMPARE(panel.settings().emoji, 0.3);
    QCOMPARE(panel.settings().clipart, 0.45);
    QTemporaryDir dir;
    TrainPanel::Settings s;
    s.out = dir.path();
    s.emoji = 0.25;
    s.clipart = 0.6;
    panel.setSettings(s);
    QCOMPARE(emoji->value(), 0.25);
    QCOMPARE(clipart->value(), 0.6);
    // More than a whole batch: said as it is typed, and Start refuses it.
    QSignalSpy start(&panel, &TrainPanel::startRequested);
    emoji->setValue(0.7);
    QVERIFY2(panel.status().contains(QStringLiteral("more than a whole batch")), qPrintable(panel.status()));
    panel.startButton()->click();
    QCOMPARE(start.size(), 0);
    QVERIFY2(panel.status().contains(QStringLiteral("more than a whole batch")), qPrintable(panel.status()));
    // Exactly the whole batch is fine (no shapes): the complaint goes, and the run starts with those shares.
    clipart->setValue(0.3);
    QVERIFY2(panel.status().isEmpty(), qPrintable(panel.status()));
    panel.startButton()->click();
    QCOMPARE(start.size(), 1);
    const auto started = start.first().first().value<TrainPanel::Settings>();
    QCOMPARE(started.emoji, 0.7);
    QCOMPARE(started.clipart, 0.3);
    // Not changed while a run goes.
    panel.setRunning(true);
    QVERIFY(!emoji->isEnabled() && !clipart->isEnabled());
    panel.setRunning(false);
    QVERIFY(emoji->isEnabled() && clipart->isEnabled());
    // Strokes count in the whole batch too.
    auto* strokes = panel.findChild<QDoubleSpinBox*>(QStringLiteral("strokesShare"));
    QVERIFY(strokes);
    QCOMPARE(strokes->value(), defaults.strokes);
    strokes->setValue(0.1);
    QVERIFY2(panel.status().contains(QStringLiteral("more than a whole batch")), qPrintable(panel.status()));
    emoji->setValue(0.5);
    QVERIFY2(panel.status().isEmpty(), qPrintable(panel.status()));
    panel.startButton()->click();
    QCOMPARE(start.size(), 2);
    QCOMPARE(start.last().first().value<TrainPanel::Settings>().strokes, 0.1);
    // The adversarial step: off by default, said as "off", kept by settings, locked while running.
    auto* adversarial = panel.findChild<QDoubleSpinBox*>(QStringLiteral("adversarialStep"));
    QVERIFY(adversarial);
    QCOMPARE(adversarial->value(), defaults.adversarial);
    QCOMPARE(adversarial->text(), QStringLiteral("off"));
    adversarial->setValue(4);
    QCOMPARE(panel.settings().adversarial, 4.0);
    TrainPanel::Settings back = panel.settings();
    back.adversarial = 2;
    panel.setSettings(back);
    QCOMPARE(adversarial->value(), 2.0);
    panel.setRunning(true);
    QVERIFY(!adversarial->isEnabled());
    panel.setRunning(false);
    // Part groups share the batch with the contrast groups: more than a whole one is said and refused.
    auto* parts = panel.findChild<QDoubleSpinBox*>(QStringLiteral("partGroups"));
    QVERIFY(parts);
    QCOMPARE(parts->value(), defaults.parts);
    parts->setValue(0.9);
    QVERIFY2(panel.status().contains(QStringLiteral("part groups")), qPrintable(panel.status()));
    panel.startButton()->click();
    QCOMPARE(start.size(), 2);
    parts->setValue(0.3);
    QVERIFY2(panel.status().isEmpty(), qPrintable(panel.status()));
    panel.startButton()->click();
    QCOMPARE(start.size(), 3);
    QCOMPARE(start.last().first().value<TrainPanel::Settings>().parts, 0.3);
  }
};

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
