// The CLIP + VQGAN tab's history (issue 19): every run's record (run.json) with its prompt
// changes at the steps they took effect after, frames that carry the prompts that made them, the
// gallery (search, favourite, delete, restore, continue, A/B compare, runs from before run.json),
// and the CLIP tab's examples that come back (after a restart, and by Reset to Examples).
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <utility>

#include "clip_controller.h"
#include "clip_panel.h"
#include "compare_dialog.h"
#include "engine_bridge.h"
#include "guide_controller.h"
#include "history_dialog.h"
#include "main_window.h"
#include "run_record.h"
#include "run_view.h"
#include "runtime/model_paths.h"
#include "settings.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {
QJsonObject readJson(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

QImage rgb(const QImage& image) { return image.convertToFormat(QImage::Format_RGB32); }

// For the README, beside tst_mainwindow's.
void screenshot(QWidget* w, const QString& name) {
  const QString dir = QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots");
  QDir().mkpath(dir);
  QVERIFY(w->grab().save(dir + QLatin1Char('/') + name));
}
}  // namespace

class TestHistory : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  std::unique_ptr<Settings> m_settings;
  std::unique_ptr<MainWindow> m_window;
  QString m_a, m_b, m_c, m_old;  // the runs' folders
  QString m_edited;              // run B's prompts after its live edit

  GuideController* guide() const { return m_window->guideController(); }
  QString history() const { return QString::fromStdString((user_data_dir() / "history").string()); }

  // A 64-pixel CLIP + VQGAN run on the shipped mini models, to its end; returns its folder.
  QString run(const QString& prompts, int seed, int steps) {
    VqganPanel::Settings s;
    s.gan = false;
    s.prompts = prompts;
    s.seed = seed;
    s.steps = steps;
    s.size = 64;
    s.cutn = 4;
    QSignalSpy ended(guide(), &RunController::ended);
    guide()->startRun(s);
    if (!ended.wait(120000)) return {};
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
  }

  void cleanupTestCase() { m_window.reset(); }

  void eachRunIsRecorded() {
    m_a = run(QStringLiteral("a red circle"), 1, 3);
    QVERIFY(!m_a.isEmpty());
    const QJsonObject a = readJson(m_a + QStringLiteral("/run.json"));
    QCOMPARE(a[QStringLiteral("prompts")].toString(), QStringLiteral("a red circle"));
    QCOMPARE(a[QStringLiteral("seed")].toInt(), 1);
    QCOMPARE(a[QStringLiteral("generator")].toString(), QStringLiteral("vqgan"));
    QVERIFY2(a[QStringLiteral("model")].toString().contains(QStringLiteral("vqgan")), qPrintable(a[QStringLiteral("model")].toString()));
    QCOMPARE(a[QStringLiteral("size")].toInt(), 64);
    QCOMPARE(a[QStringLiteral("steps")].toInt(), 3);
    QCOMPARE(a[QStringLiteral("steps_done")].toInt(), 3);
    QCOMPARE(a[QStringLiteral("state")].toString(), QStringLiteral("finished"));
    QVERIFY(QDateTime::fromString(a[QStringLiteral("started")].toString(), Qt::ISODateWithMs).isValid());
    QCOMPARE(a[QStringLiteral("favourite")].toBool(), false);
    QVERIFY(a[QStringLiteral("prompt_changes")].toArray().isEmpty());
    // The last frame's latent, for a run that continues this one.
    QCOMPARE(a[QStringLiteral("latent_step")].toInt(), 3);
    QVERIFY(!RunRecord::readLatent(m_a + QStringLiteral("/latent.f32")).isEmpty());
  }

  void aPromptChangedMidRunIsRecordedWithItsStep() {
    VqganPanel* panel = m_window->vqganPanel();
    VqganPanel::Settings s;
    s.gan = false;
    s.prompts = QStringLiteral("a blue square");
    s.seed = 2;
    s.steps = 40;
    s.size = 64;
    s.cutn = 4;
    QSignalSpy progress(m_window->bridge(), &EngineBridge::progress);
    QSignalSpy ended(guide(), &RunController::ended);
    // Paused as its second step is reported, the edit goes in; the run takes it at its next step.
    bool paused = false;
    const QMetaObject::Connection pauser = connect(m_window->bridge(), &EngineBridge::progress, this, [&](const JobProgress& p) {
      if (p.job == guide()->job() && p.step >= 2 && !std::exchange(paused, true)) guide()->pause();
    });
    guide()->startRun(s);
    QTRY_VERIFY_WITH_TIMEOUT(paused, 120000);
    disconnect(pauser);
    QVERIFY(guide()->active());
    m_edited = QStringLiteral("a green triangle");
    Q_EMIT panel->promptsEdited(m_edited);
    guide()->resume();
    QVERIFY(ended.wait(120000));
    m_b = guide()->runFolder();
    const QJsonArray changes = readJson(m_b + QStringLiteral("/run.json"))[QStringLiteral("prompt_changes")].toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0][QStringLiteral("prompts")].toString(), m_edited);
    // The step: the last one scored against the old prompts (the progress names the prompts).
    qint64 firstNew = -1;
    for (const auto& args : progress) {
      const JobProgress p = args.first().value<JobProgress>();
      for (const auto& value : p.values)
        if (firstNew < 0 && value.first == m_edited) firstNew = p.step;
    }
    QVERIFY2(firstNew >= 3 && firstNew <= s.steps, qPrintable(QString::number(firstNew)));
    QCOMPARE(changes[0][QStringLiteral("step")].toInteger(), firstNew - 1);
    // latest.png: the prompts of the last frame; a frame saved by the user, those of its step.
    bool ok = false;
    QCOMPARE(VqganPanel::settingsFromPng(m_b + QStringLiteral("/latest.png"), &ok).prompts, m_edited);
    QVERIFY(ok);
    QCOMPARE(panel->shownFrameSettings().prompts, m_edited);
    // The first thumbnail (step 0 unless frames were merged on a busy machine), saved after the
    // fields changed: its own step's prompts and the run's seed.
    RunView* view = panel->runView();
    QVERIFY(!view->thumbnailSteps().isEmpty());
    const qint64 thumbStep = view->thumbnailSteps().first();
    view->selectThumbnail(0);
    VqganPanel::Settings typed = panel->settings();
    typed.prompts = QStringLiteral("typed since");
    typed.seed = 77;
    panel->setSettings(typed);
    const QString saved = m_home.filePath(QStringLiteral("thumbnail.png"));
    QVERIFY(panel->saveFrame(saved));
    const VqganPanel::Settings back = VqganPanel::settingsFromPng(saved, &ok);
    QCOMPARE(back.prompts, thumbStep < firstNew ? QStringLiteral("a blue square") : m_edited);
    QCOMPARE(back.seed, 2);
  }

  void aThirdRunAndOneFromBeforeRunRecords() {
    m_c = run(QStringLiteral("a yellow star"), 3, 3);
    QVERIFY(!m_c.isEmpty());
    // A run from before run.json: only its latest.png.
    m_old = history() + QStringLiteral("/20200101-120000-000");
    QVERIFY(QDir().mkpath(m_old));
    QVERIFY(QFile::copy(m_a + QStringLiteral("/latest.png"), m_old + QStringLiteral("/latest.png")));
  }

  void theGalleryShowsSearchesAndMarksFavourites() {
    HistoryDialog* d = guide()->showHistory();
    QVERIFY(d && d->isVisible());
    d->setProperty("confirmDelete", false);
    QCOMPARE(d->shownRuns(), (QStringList{m_c, m_b, m_a, m_old}));  // newest first
    QCOMPARE(d->list()->count(), 4);
    QVERIFY(!d->list()->item(0)->icon().isNull());  // the thumbnail
    d->select({m_old});
    QVERIFY(d->findChild<QLabel*>(QStringLiteral("historyDetails"))->text().contains(QStringLiteral("a red circle")));
    // Search by prompt: any prompt the run used, the edited ones too.
    d->setFilter(QStringLiteral("blue"));
    QCOMPARE(d->shownRuns(), QStringList{m_b});
    d->setFilter(QStringLiteral("TRIANGLE"));
    QCOMPARE(d->shownRuns(), QStringList{m_b});
    d->setFilter(QStringLiteral("yellow"));
    QCOMPARE(d->shownRuns(), QStringList{m_c});
    d->setFilter({});
    QCOMPARE(d->shownRuns().size(), 4);
    // A favourite, kept in run.json (and shown alone on request).
    d->select({m_a});
    auto* favourite = d->findChild<QCheckBox*>(QStringLiteral("historyFavourite"));
    QVERIFY(favourite && favourite->isEnabled());
    favourite->click();
    QVERIFY(readJson(m_a + QStringLiteral("/run.json"))[QStringLiteral("favourite")].toBool());
    QVERIFY(RunRecord::load(m_a).favourite);
    d->findChild<QCheckBox*>(QStringLiteral("historyFavouritesOnly"))->setChecked(true);
    QCOMPARE(d->shownRuns(), QStringList{m_a});
    d->findChild<QCheckBox*>(QStringLiteral("historyFavouritesOnly"))->setChecked(false);
    // The older run can be marked too: it gets a run.json.
    QVERIFY(d->setFavourite(m_old, true));
    QVERIFY(RunRecord::load(m_old).favourite);
    QVERIFY(QFile::exists(m_old + QStringLiteral("/latest.png")));
    screenshot(d, QStringLiteral("history.png"));
  }

  void deleteRestoreCompareAndContinue() {
    HistoryDialog* d = guide()->showHistory();
    // Delete: gone from the gallery and from the disk.
    d->select({m_c});
    d->findChild<QPushButton*>(QStringLiteral("historyDelete"))->click();
    QVERIFY2(!QFileInfo::exists(m_c), qPrintable(d->status()));
    QVERIFY(!d->shownRuns().contains(m_c));
    QCOMPARE(d->shownRuns().size(), 3);
    // Restore: the panel takes the run's settings.
    VqganPanel* panel = m_window->vqganPanel();
    VqganPanel::Settings other = panel->settings();
    other.prompts = QStringLiteral("something else");
    other.seed = 99;
    panel->setSettings(other);
    d->select({m_a});
    d->findChild<QPushButton*>(QStringLiteral("historyRestore"))->click();
    QCOMPARE(panel->prompts(), QStringLiteral("a red circle"));
    QCOMPARE(panel->settings().seed, 1);
    QCOMPARE(panel->settings().steps, 3);
    QVERIFY(!panel->settings().gan);
    // Restoring B gives the prompts it started with, and says it changed them.
    QVERIFY(guide()->restoreRun(m_b));
    QCOMPARE(panel->prompts(), QStringLiteral("a blue square"));
    QVERIFY2(panel->status().contains(QStringLiteral("1 time")), qPrintable(panel->status()));
    // A/B: wiped at the middle, A left of the line and B right of it.
    CompareDialog* ab = d->compare(m_a, m_b);
    QVERIFY(ab && ab->isVisible());
    ab->setSideBySide(false);
    ab->setWipe(50);
    const QImage wiped = ab->wiped(128);
    const QImage a = rgb(QImage(m_a + QStringLiteral("/latest.png")).scaled(128, 128));
    const QImage b = rgb(QImage(m_b + QStringLiteral("/latest.png")).scaled(128, 128));
    QVERIFY(a != b);
    QCOMPARE(rgb(wiped).copy(0, 0, 64, 128), a.copy(0, 0, 64, 128));
    QCOMPARE(rgb(wiped).copy(64, 0, 64, 128), b.copy(64, 0, 64, 128));
    ab->setWipe(100);
    QCOMPARE(rgb(ab->wiped(128)), a);
    ab->setWipe(50);
    screenshot(ab, QStringLiteral("history-compare.png"));
    ab->close();
    // Continue from A's last frame: a new run that starts exactly there, recorded as A's sequel.
    QSignalSpy frames(m_window->bridge(), &EngineBridge::frameReady);
    QSignalSpy ended(guide(), &RunController::ended);
    d->select({m_a});
    d->findChild<QPushButton*>(QStringLiteral("historyContinue"))->click();
    QVERIFY(ended.wait(120000));
    const RunRecord next = guide()->record();
    QVERIFY(next.folder != m_a);
    QCOMPARE(next.continuedFrom, QFileInfo(m_a).fileName());
    QCOMPARE(readJson(next.folder + QStringLiteral("/run.json"))[QStringLiteral("continued_from")].toString(), next.continuedFrom);
    QVERIFY(!frames.isEmpty());
    // The first frame, when it was shown (frames may be merged on a busy machine), is A's last.
    if (frames.first().at(2).toLongLong() == 0)
      QCOMPARE(rgb(frames.first().at(1).value<QImage>()), rgb(QImage(m_a + QStringLiteral("/latest.png"))));
    d = guide()->showHistory();
    QCOMPARE(d->shownRuns().size(), 4);
  }

  void resetToExamplesInTheClipTab() {
    m_window.reset();
    const QString ini = m_home.filePath(QStringLiteral("clip.ini"));
    QImage mine(48, 48, QImage::Format_RGB32);
    mine.fill(Qt::darkCyan);
    const QString photo = m_home.filePath(QStringLiteral("mine.png"));
    QVERIFY(mine.save(photo));
    auto examplesShown = [](MainWindow& w) { return QTest::qWaitFor([&] { return w.clipPanel()->exampleCount() > 0; }, 30000); };
    {
      Settings settings(ini);
      MainWindow w(&settings);
      w.show();
      if (!examplesShown(w)) QSKIP("no example renders here (the emoji font is missing)");
      QVERIFY(w.clipPanel()->imagePaths().isEmpty());
      QCOMPARE(w.clipPanel()->addImages({photo}), 1);
      w.close();  // saves the row
    }
    QStringList names;
    {
      // After a restart: the examples, then the photo.
      Settings settings(ini);
      QCOMPARE(settings.value(Settings::Key::ClipImages).toStringList(), QStringList{photo});
      MainWindow w(&settings);
      w.show();
      QVERIFY(examplesShown(w));
      QCOMPARE(w.clipPanel()->imagePaths(), QStringList{photo});
      names = w.clipPanel()->imageNames();
      QVERIFY2(names.contains(QStringLiteral("rocket")), qPrintable(names.join(QLatin1Char(','))));
      // The user removes every example: the next start keeps them away.
      while (w.clipPanel()->exampleCount() > 0) w.clipPanel()->removeImage(0);
      QCOMPARE(settings.value(Settings::Key::ClipExamples).toBool(), false);
      w.close();
    }
    Settings settings(ini);
    MainWindow w(&settings);
    QSignalSpy loaded(w.clipController(), &ClipController::loaded);
    QSignalSpy scored(w.clipController(), &ClipController::scored);
    w.show();
    QVERIFY(loaded.wait(60000));
    QVERIFY(scored.wait(30000));
    QCOMPARE(w.clipPanel()->exampleCount(), 0);
    QCOMPARE(w.clipPanel()->imagePaths(), QStringList{photo});
    // Reset to Examples: the examples are the row again, now and at the next start.
    auto* reset = w.clipPanel()->findChild<QPushButton*>(QStringLiteral("resetExamplesButton"));
    QVERIFY(reset);
    reset->click();
    QVERIFY(examplesShown(w));
    QTRY_VERIFY(w.clipPanel()->imagePaths().isEmpty());
    QCOMPARE(w.clipPanel()->imageNames().size(), names.size() - 1);
    QVERIFY(settings.value(Settings::Key::ClipImages).toStringList().isEmpty());
    QVERIFY(settings.value(Settings::Key::ClipExamples).toBool());
  }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
