// Reusable views: the cosine picture, the collapsible note, the run view's buttons, the plots.
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "cosine_demo.h"
#include "heat_strip.h"
#include "live_plot.h"
#include "note_box.h"
#include "run_view.h"

using namespace atelier;

class TestWidgets : public QObject {
  Q_OBJECT
 private Q_SLOTS:
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
};

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
