// The CLIP + VQGAN tab's queue (issue 21, item 6): runs start one at a time in their order, can be
// reordered and cancelled while they wait, and wait while the queue is paused; a batch of seeds x
// one setting's values (BatchDialog, its seeds read by the engine's parse_seeds as generate
// --seeds reads them) ends in one labelled grid of rows x columns (the engine's draw_grid, laid out
// by grid_layout); and on the real tab with the shipped mini models, queued runs run one after the
// other and the same seed gives the same final image.
#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "batch_dialog.h"
#include "clip_controller.h"
#include "engine_bridge.h"
#include "guide_controller.h"
#include "io/grid.h"
#include "main_window.h"
#include "queue_panel.h"
#include "run_queue.h"
#include "run_record.h"
#include "settings.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {

using Sweep = BatchDialog::Sweep;

VqganPanel::Settings settingsOf(const QString& prompts, int seed) {
  VqganPanel::Settings s;
  s.prompts = prompts;
  s.seed = seed;
  s.gan = false;
  s.size = 128;
  return s;
}

// The tab, faked: it records what it was asked to start.
struct FakeTab {
  QStringList started;  // captions, in the order the runs started
  QList<VqganPanel::Settings> settings;
  RunQueue::StartFn start() {
    return [this](const VqganPanel::Settings& s, const QString& caption) {
      started << caption;
      settings << s;
    };
  }
};

QStringList captions(const QList<RunQueue::Item>& items) {
  QStringList out;
  for (const RunQueue::Item& item : items) out << item.caption;
  return out;
}

QImage solid(int width, int height, const QColor& colour) {
  QImage image(width, height, QImage::Format_RGB888);
  image.fill(colour);
  return image;
}

// Pixels of box darker than the grid's background and its "not run" grey: the labels' ink.
int ink(const QImage& grid, const GridBox& box) {
  int n = 0;
  for (int y = box.y; y < box.y + box.height; ++y)
    for (int x = box.x; x < box.x + box.width; ++x)
      if (qGray(grid.pixel(x, y)) < 140) ++n;
  return n;
}

QImage crop(const QImage& image, const GridBox& box) { return image.copy(box.x, box.y, box.width, box.height); }

}  // namespace

class TestQueue : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void theLimitsAgree() {
    QCOMPARE(BatchDialog::kMaxRuns, kMaxBatchRuns);
  }

  void runsStartOneAtATimeInTheirOrder() {
    FakeTab tab;
    RunQueue queue(tab.start());
    QSignalSpy started(&queue, &RunQueue::started);
    queue.append(settingsOf(QStringLiteral("a"), 1), QStringLiteral("A"));
    queue.append(settingsOf(QStringLiteral("b"), 2), QStringLiteral("B"));
    queue.append(settingsOf(QStringLiteral("c"), 3));
    // The first starts at once; the others wait for it.
    QCOMPARE(tab.started, QStringList{QStringLiteral("A")});
    QVERIFY(queue.running());
    QCOMPARE(queue.current()->caption, QStringLiteral("A"));
    QCOMPARE(captions(queue.waiting()), (QStringList{QStringLiteral("B"), QueuePanel::caption(settingsOf(QStringLiteral("c"), 3))}));
    QCOMPARE(queue.waiting().last().caption, QStringLiteral("c · seed 3"));
    queue.runEnded(true, {});
    QCOMPARE(tab.started.size(), 2);
    QCOMPARE(tab.settings.last().seed, 2);
    queue.runEnded(true, {});
    queue.runEnded(true, {});
    QCOMPARE(tab.started.size(), 3);
    QCOMPARE(tab.settings.last().prompts, QStringLiteral("c"));
    QVERIFY(!queue.running());
    QCOMPARE(started.size(), 3);
    // An end that is not the queue's run's changes nothing.
    queue.runEnded(true, {});
    QCOMPARE(tab.started.size(), 3);
  }

  void waitingRunsAreReorderedAndCancelled() {
    FakeTab tab;
    RunQueue queue(tab.start());
    queue.setPaused(true);
    QList<qint64> ids;
    for (const char* name : {"A", "B", "C", "D"}) ids << queue.append(settingsOf(QLatin1String(name), 0), QLatin1String(name));
    QVERIFY(tab.started.isEmpty());  // paused: nothing starts
    QVERIFY(queue.moveUp(ids[2]));   // A C B D
    QVERIFY(queue.moveDown(ids[0]));  // C A B D
    QVERIFY(!queue.moveUp(ids[2]));   // first already
    QVERIFY(!queue.moveDown(ids[3]));  // last already
    QCOMPARE(captions(queue.waiting()), (QStringList{QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("D")}));
    QVERIFY(queue.remove(ids[1]));  // B cancelled
    QVERIFY(!queue.remove(ids[1]));
    QVERIFY(!queue.remove(12345));
    queue.setPaused(false);
    QCOMPARE(tab.started, QStringList{QStringLiteral("C")});
    QVERIFY(!queue.remove(ids[2]));  // running, not waiting: the tab's Stop ends it
    queue.runEnded(true, {});
    queue.runEnded(true, {});
    QCOMPARE(tab.started, (QStringList{QStringLiteral("C"), QStringLiteral("A"), QStringLiteral("D")}));
    queue.runEnded(true, {});
    QVERIFY(!queue.running());
    // Clear cancels every waiting run; the running one goes on.
    queue.append(settingsOf(QStringLiteral("E"), 0), QStringLiteral("E"));
    queue.append(settingsOf(QStringLiteral("F"), 0), QStringLiteral("F"));
    queue.clear();
    QVERIFY(queue.waiting().isEmpty());
    QVERIFY(queue.running());
    queue.runEnded(true, {});
    QCOMPARE(tab.started.last(), QStringLiteral("E"));
  }

  void pausingHoldsTheNextRun() {
    FakeTab tab;
    RunQueue queue(tab.start());
    queue.append(settingsOf(QStringLiteral("a"), 0), QStringLiteral("A"));
    queue.append(settingsOf(QStringLiteral("b"), 0), QStringLiteral("B"));
    queue.setPaused(true);  // A goes on; B waits
    QVERIFY(queue.paused());
    QVERIFY(queue.running());
    queue.runEnded(true, {});
    QCOMPARE(tab.started, QStringList{QStringLiteral("A")});
    QCOMPARE(queue.waiting().size(), 1);
    queue.setPaused(false);
    QCOMPARE(tab.started, (QStringList{QStringLiteral("A"), QStringLiteral("B")}));

    // A run stopped or failed pauses the queue (a Stop, or a broken model, ends no more runs).
    queue.append(settingsOf(QStringLiteral("c"), 0), QStringLiteral("C"));
    QSignalSpy message(&queue, &RunQueue::message);
    queue.runEnded(false, {});
    QVERIFY(queue.paused());
    QCOMPARE(tab.started.size(), 2);
    QVERIFY(!message.isEmpty());
    QVERIFY(message.last().at(0).toString().contains(QStringLiteral("B")));
    queue.setPaused(false);
    QCOMPARE(tab.started.last(), QStringLiteral("C"));
  }

  void theTabsOwnRunGoesFirst() {
    FakeTab tab;
    bool busy = true;
    RunQueue queue(tab.start(), [&busy] { return busy; });
    queue.append(settingsOf(QStringLiteral("a"), 0), QStringLiteral("A"));
    QVERIFY(tab.started.isEmpty());
    queue.startNext();
    QVERIFY(tab.started.isEmpty());
    busy = false;
    queue.startNext();
    QCOMPARE(tab.started, QStringList{QStringLiteral("A")});
    // The queue's own run counts as busy while its end is announced: the next starts anyway.
    busy = true;
    queue.append(settingsOf(QStringLiteral("b"), 0), QStringLiteral("B"));
    queue.runEnded(true, {});
    QCOMPARE(tab.started.last(), QStringLiteral("B"));
  }

  void aBatchIsSeedsTimesValues() {
    VqganPanel::Settings base = settingsOf(QStringLiteral("a red circle"), 7);
    QString error;
    const RunBatch b = BatchDialog::plan(base, QStringLiteral("1-2"), Sweep::LearningRate, QStringLiteral("0.05, 0.1,0.2"),
                                         &RunQueue::parseSeeds, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(b.rowLabels, (QStringList{QStringLiteral("seed 1"), QStringLiteral("seed 2")}));
    QCOMPARE(b.columnLabels, (QStringList{QStringLiteral("lr=0.05"), QStringLiteral("lr=0.1"), QStringLiteral("lr=0.2")}));
    QCOMPARE(b.runs.size(), 6);
    // Row by row: seed 1's values, then seed 2's.
    const double lrs[] = {0.05, 0.1, 0.2};
    for (int i = 0; i < 6; ++i) {
      QCOMPARE(b.runs[i].row, i / 3);
      QCOMPARE(b.runs[i].column, i % 3);
      QCOMPARE(b.runs[i].settings.seed, 1 + i / 3);
      QCOMPARE(b.runs[i].settings.lr, lrs[i % 3]);
      QCOMPARE(b.runs[i].settings.prompts, base.prompts);
    }
    QCOMPARE(b.runs[4].caption, QStringLiteral("a red circle · seed 2 · lr=0.1"));
    QCOMPARE(b.name, QStringLiteral("seed1-2-lr"));

    // Seeds alone: one column without a label; prompts one per line, blank lines skipped.
    RunBatch seeds = BatchDialog::plan(base, QStringLiteral("3,5"), Sweep::None, {}, &RunQueue::parseSeeds, &error);
    QCOMPARE(seeds.runs.size(), 2);
    QCOMPARE(seeds.columnLabels, QStringList{QString()});
    base.schedule = QStringLiteral("0: a forest; 10: a city");
    RunBatch prompts = BatchDialog::plan(base, QStringLiteral("1"), Sweep::Prompts, QStringLiteral("a red circle\n\n  a blue square \n"),
                                         &RunQueue::parseSeeds, &error);
    QCOMPARE(prompts.columnLabels, (QStringList{QStringLiteral("a red circle"), QStringLiteral("a blue square")}));
    QCOMPARE(prompts.runs[1].settings.prompts, QStringLiteral("a blue square"));
    QVERIFY(prompts.runs[1].settings.schedule.isEmpty());  // the swept prompts run, not the schedule
    QCOMPARE(BatchDialog::plan(base, QStringLiteral("1"), Sweep::Size, QStringLiteral("128,256"), &RunQueue::parseSeeds, &error)
                 .runs[1]
                 .settings.size,
             256);

    // Refused, with the reason: the engine's words for the seeds (as generate --seeds says them).
    struct Refusal {
      QString seeds;
      Sweep sweep;
      QString values;
      QString says;
    };
    const Refusal refusals[] = {
        {QStringLiteral("5-1"), Sweep::None, {}, QStringLiteral("backwards")},
        {QStringLiteral("1,,2"), Sweep::None, {}, QStringLiteral("empty item")},
        {QStringLiteral("1-300"), Sweep::None, {}, QStringLiteral("at most 256")},
        {QStringLiteral("x"), Sweep::None, {}, QStringLiteral("'x' is not a seed")},
        {QStringLiteral("3000000000"), Sweep::None, {}, QStringLiteral("largest seed")},
        {QStringLiteral("1"), Sweep::LearningRate, QStringLiteral("0.05,x"), QStringLiteral("\"x\"")},
        {QStringLiteral("1"), Sweep::LearningRate, QStringLiteral("0.05,,0.1"), QStringLiteral("empty value")},
        {QStringLiteral("1"), Sweep::LearningRate, QStringLiteral("5"), QStringLiteral("out of range")},
        {QStringLiteral("1"), Sweep::Steps, QStringLiteral("10,10"), QStringLiteral("twice")},
        {QStringLiteral("1"), Sweep::Steps, QStringLiteral("1.5"), QStringLiteral("whole number")},
        {QStringLiteral("1"), Sweep::Size, QStringLiteral("100"), QStringLiteral("multiple of 16")},
        {QStringLiteral("1-128"), Sweep::Cutouts, QStringLiteral("8,16,32"), QStringLiteral("at most 256")},
        {QStringLiteral("1"), Sweep::Prompts, QStringLiteral("\n \n"), QStringLiteral("one per line")},
    };
    for (const Refusal& r : refusals) {
      const RunBatch refused = BatchDialog::plan(base, r.seeds, r.sweep, r.values, &RunQueue::parseSeeds, &error);
      QVERIFY2(refused.runs.isEmpty(), qPrintable(r.seeds + QLatin1Char(' ') + r.values));
      QVERIFY2(error.contains(r.says), qPrintable(r.says + QStringLiteral(" not in: ") + error));
    }
    base.gan = true;
    QVERIFY(BatchDialog::plan(base, QStringLiteral("1"), Sweep::Size, QStringLiteral("128"), &RunQueue::parseSeeds, &error).runs.isEmpty());
    QVERIFY(error.contains(QStringLiteral("own size")));
    // A grid too long and narrow for one image is refused before anything runs.
    const RunBatch tall = BatchDialog::plan(settingsOf(QStringLiteral("a"), 0), QStringLiteral("1-100"), Sweep::None, {},
                                            &RunQueue::parseSeeds, &error);
    QCOMPARE(tall.runs.size(), 100);
    QVERIFY(RunQueue::checkBatch(tall).contains(QStringLiteral("100 × 1")));
    QVERIFY(RunQueue::checkBatch(b).isEmpty());
    FakeTab tab;
    RunQueue queue(tab.start());
    QCOMPARE(queue.appendBatch(tall, &error), 0);
    QVERIFY(!error.isEmpty());
    QVERIFY(tab.started.isEmpty());
  }

  void aTwoByThreeSweepMakesATwoByThreeGrid() {
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    FakeTab tab;
    RunQueue queue(tab.start());
    queue.setGridFolder(folder.filePath(QStringLiteral("grids")));
    QString error;
    const RunBatch b = BatchDialog::plan(settingsOf(QStringLiteral("a red circle"), 0), QStringLiteral("1-2"), Sweep::LearningRate,
                                         QStringLiteral("0.05,0.1,0.2"), &RunQueue::parseSeeds, &error);
    QSignalSpy ready(&queue, &RunQueue::gridReady);
    QSignalSpy saved(&queue, &RunQueue::gridSaved);
    queue.setPaused(true);
    const int id = queue.appendBatch(b, &error);
    QVERIFY2(id > 0, qPrintable(error));
    QCOMPARE(queue.waiting().size(), 6);
    // Cancel one cell (seed 2, lr=0.1); the rest run, the one at seed 1, lr=0.2 is stopped.
    QVERIFY(queue.remove(queue.waiting()[4].id));
    queue.setPaused(false);
    const auto colour = [](int row, int column) { return QColor(40 + 60 * row, 50 + 50 * column, 200 - 30 * column); };
    while (queue.running()) {
      const RunQueue::Item item = *queue.current();
      QVERIFY(ready.isEmpty());  // not before the last run ended
      const bool stop = item.row == 0 && item.column == 2;
      queue.runEnded(!stop, solid(32, 32, colour(item.row, item.column)));
      if (stop) queue.setPaused(false);  // a stopped run paused the queue
    }
    QCOMPARE(tab.started.size(), 5);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready[0][0].toInt(), id);
    const QImage grid = ready[0][1].value<QImage>().convertToFormat(QImage::Format_RGB888);
    QVERIFY(ready[0][2].toString().endsWith(QStringLiteral("-seed1-2-lr.png")));

    // The layout's size: 2 rows x 3 columns of 32 px images enlarged to 128 px cells.
    const GridLayout layout = grid_layout(2, 3, 32, 32);
    QCOMPARE(layout.cell_width, kGridMinCell);
    QCOMPARE(grid.size(), QSize(layout.width, layout.height));
    QCOMPARE(grid.width(), kGridLeft + kGridGap + 3 * (128 + kGridGap));
    QCOMPARE(grid.height(), kGridHeader + kGridGap + 2 * (128 + kGridGap));
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 3; ++c) {
        const GridBox cell = grid_cell_box(layout, r, c);
        const QColor corner = grid.pixelColor(cell.x + 2, cell.y + 2);
        if (r == 1 && c == 1) {
          QCOMPARE(corner, QColor(168, 168, 168));  // not run
          QVERIFY(ink(grid, cell) > 0);             // ... and says so
        } else {
          QCOMPARE(corner, colour(r, c));
        }
      }
    // The stopped run's cell: its image, marked at its foot.
    const GridBox stopped = grid_cell_box(layout, 0, 2);
    QCOMPARE(grid.pixelColor(stopped.x + 1, stopped.y + stopped.height - 2), QColor(240, 240, 240));
    QVERIFY(ink(grid, {stopped.x, stopped.y + stopped.height - layout.header, stopped.width, layout.header}) > 0);
    // Every row and column has its label, and no two look alike.
    for (int c = 0; c < 3; ++c) {
      QVERIFY2(ink(grid, grid_column_box(layout, c)) > 10, qPrintable(QString::number(c)));
      for (int d = 0; d < c; ++d) QVERIFY(crop(grid, grid_column_box(layout, c)) != crop(grid, grid_column_box(layout, d)));
    }
    for (int r = 0; r < 2; ++r) QVERIFY(ink(grid, grid_row_box(layout, r)) > 10);
    QVERIFY(crop(grid, grid_row_box(layout, 0)) != crop(grid, grid_row_box(layout, 1)));

    // Saved in the grid folder.
    QCOMPARE(saved.size(), 1);
    const QString path = saved[0][0].toString();
    QVERIFY(path.startsWith(folder.filePath(QStringLiteral("grids"))));
    QCOMPARE(QImage(path).convertToFormat(QImage::Format_RGB888), grid);
    QCOMPARE(queue.batchesOpen(), 0);

    // The command line's grid: the same layout, its labels in OpenCV's font.
    std::vector<GridCell> cells(6);
    for (int i = 0; i < 6; ++i) cells[size_t(i)].image = Image{32, 32, 3, std::vector<uint8_t>(32 * 32 * 3, uint8_t(20 * i))};
    const Image cli = draw_grid(layout, cells, {"seed 1", "seed 2"}, {"lr=0.05", "lr=0.1", "lr=0.2"});
    QCOMPARE(cli.width, layout.width);
    QCOMPARE(cli.height, layout.height);
    const QImage cliImage(cli.pixels.data(), cli.width, cli.height, cli.width * 3, QImage::Format_RGB888);
    for (int c = 0; c < 3; ++c) QVERIFY(ink(cliImage, grid_column_box(layout, c)) > 10);
  }

  void aBatchOfCancelledRunsMakesNoGrid() {
    FakeTab tab;
    RunQueue queue(tab.start());
    QString error;
    const RunBatch b =
        BatchDialog::plan(settingsOf(QStringLiteral("a"), 0), QStringLiteral("1-3"), Sweep::None, {}, &RunQueue::parseSeeds, &error);
    QSignalSpy ready(&queue, &RunQueue::gridReady);
    queue.setPaused(true);
    QVERIFY(queue.appendBatch(b) > 0);
    queue.clear();
    QCOMPARE(ready.size(), 0);
    QCOMPARE(queue.batchesOpen(), 0);
    QVERIFY(tab.started.isEmpty());
  }

  void thePanelAndTheDialogDriveTheQueue() {
    FakeTab tab;
    RunQueue queue(tab.start());
    QueuePanel panel;
    panel.show();
    int seed = 0;
    queue.bind(&panel, [&seed] { return settingsOf(QStringLiteral("a red circle"), seed++); });
    auto button = [&panel](const char* name) {
      auto* b = panel.findChild<QPushButton*>(QLatin1String(name));
      if (!b) qWarning("no %s", name);
      return b;
    };
    QListWidget* list = panel.findChild<QListWidget*>(QStringLiteral("queueList"));
    QVERIFY(list);
    for (const char* name : {"queueAdd", "queueBatch", "queueUp", "queueDown", "queueRemove", "queuePause", "queueClear"})
      QVERIFY(button(name));
    button("queuePause")->click();
    QVERIFY(queue.paused());
    QVERIFY(button("queuePause")->isChecked());
    for (int i = 0; i < 3; ++i) button("queueAdd")->click();
    QVERIFY(panel.expanded());
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->item(0)->text(), QStringLiteral("a red circle · seed 0"));
    QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("learning rate")));
    list->setCurrentRow(2);
    QVERIFY(!button("queueDown")->isEnabled());
    button("queueUp")->click();
    QCOMPARE(queue.waiting()[1].settings.seed, 2);
    QCOMPARE(list->currentRow(), 1);  // the moved run stays selected
    QCOMPARE(list->item(1)->text(), QStringLiteral("a red circle · seed 2"));
    button("queueRemove")->click();
    QCOMPARE(list->count(), 2);
    QCOMPARE(queue.waiting()[1].settings.seed, 1);
    button("queuePause")->click();  // resume
    QVERIFY(!queue.paused());
    QCOMPARE(tab.settings.last().seed, 0);
    auto* current = panel.findChild<QLabel*>(QStringLiteral("queueCurrent"));
    QVERIFY(current && !current->isHidden());
    QVERIFY(current->text().contains(QStringLiteral("seed 0")));
    QCOMPARE(list->count(), 1);
    button("queueClear")->click();
    QCOMPARE(list->count(), 0);
    queue.runEnded(true, {});
    QVERIFY(current->isHidden());

    // Batch…: the dialog on the tab's settings; its plan goes into the queue.
    queue.setPaused(true);
    button("queueBatch")->click();
    BatchDialog* dialog = queue.batchDialog();
    QVERIFY(dialog);
    auto* seeds = dialog->findChild<QLineEdit*>(QStringLiteral("batchSeeds"));
    auto* setting = dialog->findChild<QComboBox*>(QStringLiteral("batchSetting"));
    auto* values = dialog->findChild<QLineEdit*>(QStringLiteral("batchValues"));
    auto* problem = dialog->findChild<QLabel*>(QStringLiteral("batchProblem"));
    auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("batchButtons"));
    QVERIFY(seeds && setting && values && problem && buttons);
    QPushButton* ok = buttons->button(QDialogButtonBox::Ok);
    seeds->setText(QStringLiteral("5-1"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!problem->isHidden());
    QVERIFY(problem->text().contains(QStringLiteral("backwards")));
    seeds->setText(QStringLiteral("1-2"));
    setting->setCurrentIndex(setting->findData(int(Sweep::CutPower)));
    QVERIFY(!values->isHidden());
    values->setText(QStringLiteral("0.5, 1, 2"));
    QVERIFY(ok->isEnabled());
    QVERIFY(problem->isHidden());
    QCOMPARE(dialog->batch().runs.size(), 6);
    QCOMPARE(dialog->batch().columnLabels.first(), QStringLiteral("cut-pow=0.5"));
    ok->click();
    QCOMPARE(list->count(), 6);
    QCOMPARE(queue.batchesOpen(), 1);
    QTRY_VERIFY(!queue.batchDialog());  // closed and gone
  }

  // The real tab with the shipped mini models: three queued runs (seeds 0, 1, 0) run one after
  // the other, in order, each started when the one before has ended; the same seed gives the same
  // final image on the CPU, another seed another one.
  void queuedRunsOnTheRealTabAreDeterministicPerSeed() {
    QTemporaryDir home;
    QVERIFY(home.isValid());
    qputenv("XDG_DATA_HOME", home.path().toUtf8());
    Settings settings(home.filePath(QStringLiteral("settings.ini")));
    MainWindow window(&settings);
    QSignalSpy loaded(window.clipController(), &ClipController::loaded);
    window.resize(1280, 820);
    window.show();
    QVERIFY(loaded.wait(60000));
    GuideController* guide = window.guideController();
    VqganPanel* panel = window.vqganPanel();

    qint64 queueJob = 0;
    QList<qint64> startedJobs, endedJobs;
    QList<QImage> finals;
    QStringList states;
    bool overlapped = false;
    RunQueue queue(
        [&](const VqganPanel::Settings& s, const QString&) {
          overlapped = overlapped || guide->active();
          startedJobs << (queueJob = guide->startRun(s));
        },
        [guide] { return guide->active(); });
    // The wiring the window uses: the run's end, once its record says how it ended.
    connect(
        guide, &RunController::ended, &queue,
        [&](qint64 job) {
          if (job != queueJob) return queue.startNext();
          queueJob = 0;
          endedJobs << job;
          const RunRecord record = guide->record();
          QImage last(record.imagePath());
          if (last.isNull() && !panel->frames().isEmpty()) last = panel->frames().constLast();
          finals << last.convertToFormat(QImage::Format_RGB888);
          states << record.state;
          queue.runEnded(record.state == QLatin1String("finished"), last);
        },
        Qt::QueuedConnection);

    VqganPanel::Settings s = panel->settings();
    s.gan = false;
    s.prompts = QStringLiteral("a red circle");
    s.steps = 6;
    s.size = 64;
    s.cutn = 4;
    s.lr = 0.1;
    s.seed = 0;
    VqganPanel::Settings other = s;
    other.seed = 1;
    queue.append(s, QStringLiteral("seed 0"));
    queue.append(other, QStringLiteral("seed 1"));
    queue.append(s, QStringLiteral("seed 0 again"));
    QCOMPARE(startedJobs.size(), 1);
    QCOMPARE(queue.waiting().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!queue.running() && queue.waiting().isEmpty(), 300000);
    QCOMPARE(startedJobs.size(), 3);
    QCOMPARE(endedJobs, startedJobs);
    QVERIFY(!overlapped);
    QCOMPARE(states, (QStringList{QStringLiteral("finished"), QStringLiteral("finished"), QStringLiteral("finished")}));
    QCOMPARE(finals.size(), 3);
    QCOMPARE(finals[0].size(), QSize(64, 64));
    QVERIFY(finals[0] == finals[2]);
    QVERIFY(finals[0] != finals[1]);
  }
};

QTEST_MAIN(TestQueue)
#include "tst_queue.moc"
