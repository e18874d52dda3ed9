// The look (issue 19): a live theme switch restyles every plot and strip, a start in dark has
// readable axes, legends leave the data free, the heatmap writes its numbers, the Table and
// Zero-shot pages start with a word instead of an empty chart, cards are as tall as their
// content, the training window's start and its numbers agree, and the first window fits the
// screen: on virtual 1024×700 and 1920×1080 screens (the offscreen platform's configfile, in a
// child process each), with screenshots of both themes at both sizes.
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QScreen>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

#include "appearance.h"
#include "clip_controller.h"
#include "clip_panel.h"
#include "heat_strip.h"
#include "image_card.h"
#include "live_plot.h"
#include "main_window.h"
#include "qcp.h"
#include "runtime/model_paths.h"
#include "settings.h"
#include "train/clip_trainer.h"
#include "train_panel.h"
#include "train_window.h"

using namespace atelier;

namespace {
QString screenshotDir() {
  const QString dir = QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots");
  QDir().mkpath(dir);
  return dir;
}

void saveScreenshot(QWidget* w, const QString& name) {
  const QImage shot = w->grab().toImage();
  QVERIFY(!shot.isNull());
  QVERIFY(shot.save(screenshotDir() + QLatin1Char('/') + name));
}

QAction* findAction(const QList<QAction*>& actions, const QString& text) {
  for (QAction* a : actions) {
    if (a->text() == text) return a;
    if (QMenu* menu = a->menu())
      if (QAction* found = findAction(menu->actions(), text)) return found;
  }
  return nullptr;
}

// What a plot paints behind everything: its top-left corner lies outside any axis rect.
QColor backgroundOf(QCustomPlot* plot) { return plot->toPixmap(160, 100).toImage().pixelColor(1, 1); }

QString describe(QCustomPlot* plot) {
  QString chain;  // the owners up to the window: which plot it is
  for (const QWidget* w = plot->parentWidget(); w; w = w->parentWidget())
    chain += QStringLiteral(" in %1%2").arg(QString::fromLatin1(w->metaObject()->className()),
                                           w->objectName().isEmpty() ? QString() : QLatin1Char('#') + w->objectName());
  return plot->objectName() + chain;
}

// Every plot of the window, its dialogs included: background and axes in the theme's colours.
void checkPlots(QWidget* window, bool dark) {
  const QList<QCustomPlot*> plots = window->findChildren<QCustomPlot*>();
  QVERIFY2(plots.size() >= 5, qPrintable(QString::number(plots.size())));
  for (QCustomPlot* plot : plots) {
    auto* strip = qobject_cast<HeatStrip*>(plot->parentWidget());
    if (!strip || strip->values().isEmpty()) {  // a strip with values is all cells
      const QColor bg = backgroundOf(plot);
      QVERIFY2(dark ? bg.lightness() < 80 : bg.lightness() > 180, qPrintable(describe(plot) + QLatin1Char(' ') + bg.name()));
    }
    if (!plot->xAxis->visible()) continue;
    QList<QCPAxis*> axes{plot->xAxis, plot->yAxis};
    for (QCPLayoutElement* e : plot->plotLayout()->elements(true))
      if (auto* scale = qobject_cast<QCPColorScale*>(e)) axes << scale->axis();
    for (QCPAxis* axis : axes) {
      const int label = axis->tickLabelColor().lightness();
      QVERIFY2(dark ? label > 180 : label < 80, qPrintable(describe(plot) + QStringLiteral(" tick labels ") + axis->tickLabelColor().name()));
      QVERIFY(axis->labelColor() == axis->tickLabelColor());
    }
  }
}
}  // namespace

class TestAppearance : public QObject {
  Q_OBJECT
  QTemporaryDir m_dir;

 private Q_SLOTS:
  void initTestCase() {
    QApplication::setApplicationName(QStringLiteral("clip-atelier"));
    QVERIFY(m_dir.isValid());
  }
  void cleanup() { applyTheme(QStringLiteral("system")); }

  void firstWindowGeometryFitsTheScreen_data() {
    QTest::addColumn<QRect>("available");
    QTest::addColumn<QSize>("needed");
    QTest::addColumn<QSize>("expected");
    const QSize fiveCards(5 * ImageCard::kWidth + 120, 600);
    // A small screen: the content's width wins over 85%, the screen bounds it.
    QTest::newRow("1024x700") << QRect(0, 0, 1024, 700) << fiveCards << QSize(1016, 600);
    // A large one: 85% of it, less the frame.
    QTest::newRow("1920x1080") << QRect(0, 0, 1920, 1080) << fiveCards << QSize(1632 - 8, 918 - 34);
    QTest::newRow("content larger than the screen") << QRect(0, 0, 1024, 700) << QSize(3000, 2000) << QSize(1016, 666);
    QTest::newRow("second screen under a panel") << QRect(1920, 28, 1280, 772) << fiveCards << QSize(1080, 622);
  }
  void firstWindowGeometryFitsTheScreen() {
    QFETCH(QRect, available);
    QFETCH(QSize, needed);
    QFETCH(QSize, expected);
    const QMargins frame(4, 30, 4, 4);
    const QRect client = firstWindowGeometry(available, needed, frame);
    QCOMPARE(client.size(), expected);
    const QRect outer = client.marginsAdded(frame);
    QVERIFY(available.contains(outer));
    // Centred: the gaps either side differ by a pixel at most.
    QVERIFY(std::abs((outer.left() - available.left()) - (available.right() - outer.right())) <= 1);
    QVERIFY(std::abs((outer.top() - available.top()) - (available.bottom() - outer.bottom())) <= 1);
  }

  void aLiveThemeSwitchRestylesEveryPlot() {
    Settings settings(m_dir.filePath(QStringLiteral("live.ini")));
    MainWindow w(&settings);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showTrainWindow();  // its curves too: a window of its own
    QAction* dark = findAction(w.menuBar()->actions(), QStringLiteral("&Dark"));
    QAction* light = findAction(w.menuBar()->actions(), QStringLiteral("&Light"));
    QVERIFY(dark && light);
    light->trigger();
    checkPlots(&w, false);
    dark->trigger();  // View ▸ Theme ▸ Dark, with the window open
    QCOMPARE(settings.value(Settings::Key::Theme).toString(), QStringLiteral("dark"));
    checkPlots(&w, true);
    light->trigger();
    checkPlots(&w, false);
  }

  void aStartInDarkHasReadableAxes() {
    applyTheme(QStringLiteral("dark"));  // as main() does before the window is built
    Settings settings(m_dir.filePath(QStringLiteral("dark.ini")));
    MainWindow w(&settings);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    checkPlots(&w, true);
  }

  void aLegendLeavesTheDataFree() {
    LivePlot plot;
    plot.resize(480, 200);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    for (int i = 1; i <= 50; ++i) {
      plot.addPoint(QStringLiteral("loss"), i, 5.0 / i);
      plot.addPoint(QStringLiteral("accuracy"), i, 1.0 - 1.0 / i);
    }
    plot.plot()->replot();
    QVERIFY(plot.plot()->legend->visible());
    QVERIFY(!plot.plot()->legend->outerRect().intersects(plot.plot()->axisRect()->rect()));
  }

  void aCardIsAsTallAsItsContent() {
    QWidget row;
    auto* layout = new QHBoxLayout(&row);
    QImage image(64, 64, QImage::Format_RGB32);
    image.fill(Qt::red);
    auto* card = new ImageCard(QString(), image, nullptr, QStringLiteral("red"));
    layout->addWidget(card);
    row.resize(800, 900);
    row.show();
    QVERIFY(QTest::qWaitForWindowExposed(&row));
    QCOMPARE(card->height(), card->sizeHint().height());
    QVERIFY2(card->height() < 500, qPrintable(QString::number(card->height())));
    QCOMPARE(card->width(), ImageCard::kWidth);
  }

  void tableAndZeroShotStartWithAWordThenShowTheirNumbers() {
    QTemporaryDir fresh;
    Settings settings(fresh.filePath(QStringLiteral("table.ini")));
    MainWindow w(&settings);
    w.resize(1280, 820);
    QSignalSpy defaults(w.clipController(), &ClipController::defaultImages);
    w.show();
    QVERIFY(defaults.wait(30000));
    ClipPanel* panel = w.clipPanel();
    panel->modes()->setCurrentIndex(1);
    QCustomPlot* heat = panel->heatmap();
    auto* tableWord = panel->findChild<QLabel*>(QStringLiteral("tablePlaceholder"));
    QVERIFY(tableWord && tableWord->isVisible() && !heat->isVisible());
    panel->setTablePrompts(QStringLiteral("a rocket\na red circle\na cat face"));
    QSignalSpy table(w.clipController(), &ClipController::tableReady);
    Q_EMIT panel->tableRequested(panel->tablePromptList());
    QVERIFY(table.wait(20000));
    QVERIFY(heat->isVisible() && !tableWord->isVisible());

    // A number on each cell, the cell's value, in black or white: whichever stands out on it.
    const auto shown = panel->shownTable();
    const QImage picture = heat->toPixmap(heat->width(), heat->height()).toImage();
    int numbers = 0;
    for (int i = 0; i < heat->itemCount(); ++i) {
      auto* text = qobject_cast<QCPItemText*>(heat->item(i));
      if (!text) continue;
      ++numbers;
      const int c = int(text->position->coords().x()), r = int(text->position->coords().y());
      QCOMPARE(text->text(), QString::number(shown[r][c], 'f', 3));
      const QColor cell = picture.pixelColor(int(heat->xAxis->coordToPixel(c - 0.4)), int(heat->yAxis->coordToPixel(r - 0.4)));
      QVERIFY2(std::abs(qGray(text->color().rgb()) - qGray(cell.rgb())) > 90, qPrintable(text->color().name() + QLatin1String(" on ") + cell.name()));
    }
    QCOMPARE(numbers, int(shown.size() * shown[0].size()));
    applyTheme(QStringLiteral("dark"));
    QTest::qWait(50);
    saveScreenshot(&w, QStringLiteral("clip-table-dark.png"));
    applyTheme(QStringLiteral("system"));

    panel->modes()->setCurrentIndex(2);
    QCustomPlot* bars = panel->bars();
    auto* zeroShotWord = panel->findChild<QLabel*>(QStringLiteral("zeroShotPlaceholder"));
    QVERIFY(zeroShotWord && zeroShotWord->isVisible() && !bars->isVisible());
    panel->setZeroShotLabels({QStringLiteral("rocket"), QStringLiteral("red circle"), QStringLiteral("cat face")});
    QSignalSpy classified(w.clipController(), &ClipController::classified);
    panel->requestClassification();
    QVERIFY(classified.wait(20000));
    QVERIFY(bars->isVisible() && !zeroShotWord->isVisible());
  }

  void theTrainingWindowsStartAndItsNumbersAgree() {
    TrainWindow window(1);
    TrainPanel* panel = window.panel();
    auto* from = panel->findChild<QComboBox*>(QStringLiteral("startFrom"));
    auto* steps = panel->findChild<QSpinBox*>(QStringLiteral("steps"));
    auto* lr = panel->findChild<QDoubleSpinBox*>(QStringLiteral("learningRate"));
    QVERIFY(from && steps && lr);
    const auto scratch = train::ClipRecipe::from_scratch(), fineTune = train::ClipRecipe::fine_tune();
    // Pre-selected: the fine-tune of the shipped mini-CLIP with its recipe (or, without one,
    // random weights with theirs); never random weights with the fine-tune's numbers.
    const bool shipped = !find_default_clip().empty();
    QCOMPARE(from->currentIndex(), int(shipped ? TrainPanel::Start::Shipped : TrainPanel::Start::Random));
    QCOMPARE(panel->settings().steps, int(shipped ? fineTune.steps : scratch.steps));
    QCOMPARE(panel->settings().lr, shipped ? fineTune.lr : scratch.lr);
    // Random weights propose the from-scratch recipe.
    from->setCurrentIndex(int(TrainPanel::Start::Random));
    Q_EMIT from->activated(int(TrainPanel::Start::Random));
    QCOMPARE(panel->settings().steps, int(scratch.steps));
    QCOMPARE(panel->settings().lr, scratch.lr);
    if (!shipped) return;
    // Typed steps stay when the start changes (the status says so); the untouched rate follows.
    steps->setValue(777);
    from->setCurrentIndex(int(TrainPanel::Start::Shipped));
    Q_EMIT from->activated(int(TrainPanel::Start::Shipped));
    QCOMPARE(panel->settings().steps, 777);
    QCOMPARE(panel->settings().lr, fineTune.lr);
    QVERIFY2(panel->status().contains(QStringLiteral("kept")), qPrintable(panel->status()));
  }

  // The first window on virtual screens: each in a child process, whose offscreen platform
  // reads the screen from a configfile (a screen's size is fixed for a process).
  void firstWindowOnVirtualScreens_data() {
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1024x700") << QSize(1024, 700);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
  }
  void firstWindowOnVirtualScreens() {
    if (QGuiApplication::platformName() != QLatin1String("offscreen")) QSKIP("needs the offscreen platform's virtual screens");
    QFETCH(QSize, screen);
    const QJsonObject config{{QStringLiteral("screens"),
                              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("virtual")},
                                                     {QStringLiteral("x"), 0}, {QStringLiteral("y"), 0},
                                                     {QStringLiteral("width"), screen.width()},
                                                     {QStringLiteral("height"), screen.height()}}}}};
    const QString path = m_dir.filePath(QStringLiteral("screen-%1.json").arg(screen.width()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(config).toJson());
    file.close();
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen:configfile=") + path);
    env.insert(QStringLiteral("ATELIER_VIRTUAL_SCREEN"), QStringLiteral("%1x%2").arg(screen.width()).arg(screen.height()));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("windowOnAVirtualScreen")});
    QVERIFY(child.waitForFinished(240000));
    const QByteArray out = child.readAll();
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, out.constData());
    for (const char* theme : {"light", "dark"})
      QVERIFY(QFile::exists(screenshotDir() + QStringLiteral("/window-%1-%2.png").arg(screen.width()).arg(QLatin1String(theme))));
  }

  // Run by firstWindowOnVirtualScreens in a child; skipped in the ordinary run.
  void windowOnAVirtualScreen() {
    const QString want = qEnvironmentVariable("ATELIER_VIRTUAL_SCREEN");
    if (want.isEmpty()) QSKIP("run by firstWindowOnVirtualScreens, on a virtual screen");
    const QSize size(want.section(QLatin1Char('x'), 0, 0).toInt(), want.section(QLatin1Char('x'), 1, 1).toInt());
    QScreen* screen = QGuiApplication::primaryScreen();
    QCOMPARE(screen->geometry().size(), size);
    QTemporaryDir fresh;
    Settings settings(fresh.filePath(QStringLiteral("first.ini")));  // no saved geometry: a first start
    QSize first;
    {
      MainWindow w(&settings);
      QSignalSpy defaults(w.clipController(), &ClipController::defaultImages);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      const QRect available = screen->availableGeometry();
      QVERIFY2(available.contains(w.frameGeometry()), qPrintable(QStringLiteral("%1,%2 %3x%4").arg(w.x()).arg(w.y()).arg(w.width()).arg(w.height())));
      QVERIFY2(w.width() >= available.width() * 8 / 10, qPrintable(QString::number(w.width())));
      qInfo("first window on %dx%d: %dx%d", size.width(), size.height(), w.width(), w.height());
      QVERIFY(defaults.wait(30000));
      QTest::qWait(100);  // the replaced cards deleted, the row laid out
      // The first five cards whole, side by side, in the row's view.
      QList<ImageCard*> cards = w.clipPanel()->findChildren<ImageCard*>();
      QVERIFY2(cards.size() >= 5, qPrintable(QString::number(cards.size())));
      std::sort(cards.begin(), cards.end(), [&](ImageCard* a, ImageCard* b) { return a->mapTo(&w, QPoint()).x() < b->mapTo(&w, QPoint()).x(); });
      QWidget* view = cards[0]->parentWidget();
      while (view && !qobject_cast<QScrollArea*>(view)) view = view->parentWidget();
      QVERIFY(view);
      view = static_cast<QScrollArea*>(view)->viewport();
      for (int i = 0; i < 5; ++i) {
        const QRect r(cards[i]->mapTo(view, QPoint()), cards[i]->size());
        QVERIFY2(r.left() >= 0 && r.right() < view->width(), qPrintable(QStringLiteral("card %1 at %2..%3 of a view %4 wide").arg(i + 1).arg(r.left()).arg(r.right()).arg(view->width())));
        QVERIFY(view->mapTo(&w, QPoint(view->width(), 0)).x() <= w.width());
      }
      QSignalSpy scored(w.clipController(), &ClipController::scored);
      w.clipPanel()->setPrompt(QStringLiteral("a rocket"));
      QTRY_VERIFY_WITH_TIMEOUT(!scored.isEmpty(), 20000);
      for (const char* theme : {"light", "dark"}) {
        settings.setValue(Settings::Key::Theme, QLatin1String(theme));  // the View ▸ Theme path
        QTest::qWait(100);
        saveScreenshot(&w, QStringLiteral("window-%1-%2.png").arg(size.width()).arg(QLatin1String(theme)));
      }
      first = w.size();
      w.close();  // saves the geometry
    }
    MainWindow again(&settings);  // the size is remembered, not computed again
    QCOMPARE(again.size(), first);
  }
};

QTEST_MAIN(TestAppearance)
#include "tst_appearance.moc"
