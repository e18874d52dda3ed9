// The CLIP + VQGAN tab's art tools (issue 21): the Constraints group (a constraint set in it
// reaches the run as a term and lowers its statistic against the same run without it; a live
// change reaches the running job at its next step; a palette the engine refuses is not sent) and
// the prompt schedule (a keyframe list whose rows switch the prompts at their steps, the keyframe
// in effect highlighted), with the settings round-tripped through saved frames and run.json.
#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <utility>

#include "clip_controller.h"
#include "constraints_box.h"
#include "engine_bridge.h"
#include "guide/guide.h"
#include "guide/schedule.h"
#include "guide_controller.h"
#include "main_window.h"
#include "run_record.h"
#include "run_view.h"
#include "schedule_editor.h"
#include "settings.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {
const QString kTerm = QString::fromUtf8(guide::kTermPrefix.data(), qsizetype(guide::kTermPrefix.size()));
const QString kKeyframe = QString::fromUtf8(guide::kKeyframeName.data(), qsizetype(guide::kKeyframeName.size()));

// Mean over pixels and channels of (x - x mirrored left/right)^2, x in [0, 1]: constraints.h's
// "symmetry", measured on the saved 8-bit frame.
double symmetryError(const QImage& frame) {
  const QImage im = frame.convertToFormat(QImage::Format_RGB888);
  double s = 0;
  for (int y = 0; y < im.height(); ++y)
    for (int x = 0; x < im.width(); ++x) {
      const QColor a = im.pixelColor(x, y), b = im.pixelColor(im.width() - 1 - x, y);
      for (double d : {a.redF() - b.redF(), a.greenF() - b.greenF(), a.blueF() - b.blueF()}) s += d * d;
    }
  return s / (double(im.width()) * im.height() * 3);
}

bool has(const JobProgress& p, const QString& name) {
  for (const auto& value : p.values)
    if (value.first == name) return true;
  return false;
}

double valueOf(const JobProgress& p, const QString& name, double missing = -1) {
  for (const auto& value : p.values)
    if (value.first == name) return value.second;
  return missing;
}
}  // namespace

class TestArtTools : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  std::unique_ptr<Settings> m_settings;
  std::unique_ptr<MainWindow> m_window;
  QList<JobProgress> m_progress;  // the guided run's, since the last run started

  GuideController* guide() const { return m_window->guideController(); }
  VqganPanel* panel() const { return m_window->vqganPanel(); }
  ConstraintsBox* box() const { return panel()->constraintsBox(); }
  template <typename T>
  T* field(const char* name) const {
    T* w = panel()->findChild<T*>(QLatin1String(name));
    if (!w) qWarning("no %s", name);
    return w;
  }

  // A short CLIP + VQGAN run on the shipped mini models: the tab's settings, small.
  VqganPanel::Settings small(int steps) const {
    VqganPanel::Settings s = panel()->settings();
    s.gan = false;
    s.prompts = QStringLiteral("a red circle");
    s.seed = 0;
    s.steps = steps;
    s.size = 64;
    s.cutn = 4;
    s.lr = 0.1;
    return s;
  }

  // Runs to the end; returns its folder (empty: it did not end in time).
  QString run(const VqganPanel::Settings& s) {
    m_progress.clear();
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
    connect(m_window->bridge(), &EngineBridge::progress, this, [this](const JobProgress& p) {
      if (p.job == guide()->job()) m_progress << p;
    });
  }

  void cleanupTestCase() { m_window.reset(); }

  void aConstraintFromTheBoxLowersItsStatistic() {
    // Symmetry 10, typed into the group as a person would (the box waits for typing to pause).
    QDoubleSpinBox* symmetry = field<QDoubleSpinBox>("constraintSymmetry");
    QVERIFY(symmetry);
    QSignalSpy edited(box(), &ConstraintsBox::edited);
    symmetry->setValue(10);
    QVERIFY(edited.wait(5000));  // no run: nothing to send
    const VqganPanel::Settings with = small(12);
    QCOMPARE(with.constraints.symmetry, 10.0);
    VqganPanel::Settings without = with;
    without.constraints = ConstraintSettings();

    const QString a = run(without);
    QVERIFY(!a.isEmpty());
    QVERIFY(!m_progress.isEmpty());
    for (const JobProgress& p : std::as_const(m_progress)) QVERIFY(!has(p, kTerm + QStringLiteral("symmetry")));
    const double errorWithout = symmetryError(QImage(a + QStringLiteral("/latest.png")));

    const QString b = run(with);
    QVERIFY(!b.isEmpty());
    QCOMPARE(m_progress.size(), 12);
    for (const JobProgress& p : std::as_const(m_progress))
      QVERIFY2(has(p, kTerm + QStringLiteral("symmetry")), qPrintable(QString::number(p.step)));
    const double errorWith = symmetryError(QImage(b + QStringLiteral("/latest.png")));
    qInfo("symmetry error: %.5f without, %.5f with symmetry 10", errorWithout, errorWith);
    QVERIFY(errorWith < errorWithout);
    QCOMPARE(RunRecord::load(b).settings.constraints.symmetry, 10.0);
    symmetry->setValue(0);
    QVERIFY(edited.wait(5000));
  }

  void aLiveChangeReachesTheRunningJob() {
    QDoubleSpinBox* saturation = field<QDoubleSpinBox>("constraintSaturation");
    QLineEdit* palette = field<QLineEdit>("constraintPalette");
    QLabel* hint = field<QLabel>("constraintPaletteHint");
    QVERIFY(saturation && palette && hint);
    QVERIFY(saturation->minimum() < 0);  // less saturation is a constraint too
    VqganPanel::Settings s = small(30);
    s.constraints = ConstraintSettings();
    // Paused as its second step is reported, the edits go in; the run takes them at its next step.
    bool paused = false;
    const QMetaObject::Connection pauser = connect(m_window->bridge(), &EngineBridge::progress, this, [&](const JobProgress& p) {
      if (p.job == guide()->job() && p.step >= 2 && !std::exchange(paused, true)) guide()->pause();
    });
    m_progress.clear();
    QSignalSpy ended(guide(), &RunController::ended);
    guide()->startRun(s);
    QTRY_VERIFY_WITH_TIMEOUT(paused, 120000);
    disconnect(pauser);
    QVERIFY(guide()->active());
    QSignalSpy edited(box(), &ConstraintsBox::edited);
    saturation->setValue(5);
    // A palette the engine refuses: the hint says why (the engine's words), and it is not sent
    // (the run would end on it).
    palette->setText(QStringLiteral("#ff0000,#12345g"));
    QVERIFY(!hint->isHidden());
    QVERIFY2(hint->text().contains(QStringLiteral("#12345g")) || hint->text().contains(QStringLiteral("colour 2")),
             qPrintable(hint->text()));
    QVERIFY(!box()->paletteProblem().isEmpty());
    QVERIFY(edited.wait(5000));
    QTest::qWait(300);  // the steps done before the pause took hold have all been reported
    const qint64 before = m_progress.isEmpty() ? 0 : m_progress.last().step;
    for (const JobProgress& p : std::as_const(m_progress)) QVERIFY(!has(p, kTerm + QStringLiteral("saturation")));
    guide()->resume();
    QVERIFY(ended.wait(180000));
    // The next step's progress has the term, and every one after it.
    bool next = true;
    for (const JobProgress& p : std::as_const(m_progress)) {
      if (p.step <= before) continue;
      QVERIFY2(has(p, kTerm + QStringLiteral("saturation")),
               qPrintable(QStringLiteral("step %1 (paused after %2)").arg(p.step).arg(before)));
      QVERIFY(!has(p, kTerm + QStringLiteral("palette")));
      if (next) QCOMPARE(p.step, before + 1);
      next = false;
    }
    QVERIFY(!next);
    QCOMPARE(m_progress.last().step, qint64(30));
    const RunRecord record = RunRecord::load(guide()->runFolder());
    QCOMPARE(record.state, QStringLiteral("finished"));
    QCOMPARE(record.settings.constraints.saturation, 5.0);   // as the run ended
    QVERIFY(record.settings.constraints.palette.isEmpty());  // never sent
    palette->clear();
    QVERIFY(hint->isHidden());
    saturation->setValue(0);
    QVERIFY(edited.wait(5000));
  }

  void aScheduleSwitchesPromptsAndShowsItsKeyframe() {
    VqganPanel::Settings start = small(6);
    start.schedule.clear();
    panel()->setSettings(start);
    auto* toggle = field<QCheckBox>("scheduleEnabled");
    auto* table = field<QTableWidget>("scheduleTable");
    auto* add = field<QPushButton>("scheduleAdd");
    auto* remove = field<QPushButton>("scheduleRemove");
    QVERIFY(toggle && table && add && remove);
    QPlainTextEdit* prompts = nullptr;
    for (QPlainTextEdit* edit : panel()->findChildren<QPlainTextEdit*>())
      if (edit->toPlainText() == start.prompts) prompts = edit;
    QVERIFY(prompts);
    QVERIFY(!table->isVisibleTo(panel()) && prompts->isVisibleTo(panel()));
    // On: the prompts become the first keyframe, and the list takes the prompts' place.
    toggle->setChecked(true);
    QVERIFY(table->isVisibleTo(panel()) && !prompts->isVisibleTo(panel()));
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("a red circle"));
    // A second keyframe, its prompts typed into the cell the Add button opens, then its step.
    add->click();
    QCOMPARE(table->rowCount(), 2);
    auto* editor = table->viewport()->findChild<QLineEdit*>();
    QVERIFY(editor);
    QTest::keyClicks(editor, QStringLiteral("a blue square"));
    QTest::keyClick(editor, Qt::Key_Return);
    QTRY_COMPARE(table->item(1, 1)->text(), QStringLiteral("a blue square"));  // the delegate commits it queued
    // Out of order: the engine's message, inline; in order: none.
    auto* error = panel()->findChild<QLabel*>(QStringLiteral("scheduleError"));
    QVERIFY(error);
    table->item(1, 0)->setData(Qt::EditRole, 0);
    QVERIFY(!error->isHidden());
    QVERIFY(!panel()->scheduleEditor()->problem().isEmpty());
    table->item(1, 0)->setData(Qt::EditRole, 3);
    QVERIFY2(error->isHidden(), qPrintable(error->text()));
    VqganPanel::Settings s = small(6);
    QCOMPARE(s.schedule, QStringLiteral("0: a red circle; 3: a blue square"));
    QCOMPARE(guide::parse_schedule(s.schedule.toStdString()).size(), size_t(2));

    // Highlighted as each step is reported (the controller's handler runs before this one).
    QMap<qint64, int> highlighted;
    const QMetaObject::Connection watch = connect(m_window->bridge(), &EngineBridge::progress, this, [&](const JobProgress& p) {
      if (p.job == guide()->job()) highlighted[p.step] = panel()->scheduleEditor()->currentKeyframe();
    });
    const QString folder = run(s);
    disconnect(watch);
    QVERIFY(!folder.isEmpty());
    QCOMPARE(RunRecord::load(folder).state, QStringLiteral("finished"));  // prompts "" with a schedule: the engine took it
    QCOMPARE(m_progress.size(), 6);
    for (const JobProgress& p : std::as_const(m_progress)) {
      // Progress step k reports the keyframe of step k - 1 (steps done): keyframe 1 from step 4 on.
      const int want = p.step <= 3 ? 0 : 1;
      QCOMPARE(int(valueOf(p, kKeyframe)), want);
      QCOMPARE(highlighted.value(p.step, -2), want);
      // After the last keyframe its prompts alone.
      if (p.step > 3) QVERIFY(!has(p, QStringLiteral("a red circle")) && has(p, QStringLiteral("a blue square")));
    }
    QCOMPARE(panel()->scheduleEditor()->currentKeyframe(), 1);
    QCOMPARE(table->item(1, 0)->background().style(), Qt::SolidPattern);
    QCOMPARE(table->item(0, 0)->background().style(), Qt::NoBrush);
    QCOMPARE(RunRecord::load(folder).settings.schedule, s.schedule);

    // Remove: the selected keyframe goes.
    table->selectRow(1);
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(table->rowCount(), 1);
    toggle->setChecked(false);
    QVERIFY(panel()->settings().schedule.isEmpty());
  }

  void settingsRoundTripThroughFramesAndRunJson() {
    // Every constraint on and a schedule, run for two steps: each constraint reaches the run as
    // its term, and the settings come back from the saved frame and from run.json.
    ConstraintSettings c;
    c.symmetry = 2.5;
    c.symmetryVertical = 1.25;
    c.smooth = 0.5;
    c.saturation = -3;
    c.palette = QStringLiteral("#000000,#ffffff,#ff8800");
    c.paletteWeight = 4;
    c.border = QStringLiteral("#0000ff");
    c.borderWeight = 2;
    c.tile = true;
    c.tileWeight = 50;
    VqganPanel::Settings s = small(2);
    s.constraints = c;
    s.schedule = QStringLiteral("0: a red circle; 1: a blue square:0.5");
    panel()->setSettings(s);
    QCOMPARE(panel()->settings().constraints, c);
    QCOMPARE(panel()->settings().schedule, s.schedule);
    QVERIFY(box()->expanded());  // constraints on: the group shows them
    QCOMPARE(field<QDoubleSpinBox>("constraintTileWeight")->value(), 50.0);
    QVERIFY(field<QCheckBox>("constraintTile")->isChecked());

    VqganPanel::Settings fromTab = panel()->settings();
    fromTab.size = 64;  // smaller than the tab offers
    const QString folder = run(fromTab);
    QVERIFY(!folder.isEmpty());
    QCOMPARE(m_progress.size(), 2);
    for (const char* term : {"symmetry", "vertical symmetry", "smoothness", "saturation", "palette", "border", "seam"})
      QVERIFY2(has(m_progress.last(), kTerm + QLatin1String(term)), term);

    // The frame saved from the tab: what made it.
    const QString png = m_home.filePath(QStringLiteral("frame.png"));
    QVERIFY(panel()->saveFrame(png));
    bool ok = false;
    const VqganPanel::Settings fromPng = VqganPanel::settingsFromPng(png, &ok);
    QVERIFY(ok);
    QCOMPARE(fromPng.constraints, c);
    QCOMPARE(fromPng.schedule, s.schedule);
    panel()->setSettings([] {
      VqganPanel::Settings cleared;
      cleared.gan = false;
      return cleared;
    }());
    QCOMPARE(panel()->settings().constraints, ConstraintSettings());
    QVERIFY(panel()->settings().schedule.isEmpty());
    QVERIFY(panel()->loadSettingsFromPng(png));
    QCOMPARE(panel()->settings().constraints, c);
    QCOMPARE(panel()->settings().schedule, s.schedule);
    QCOMPARE(field<QLineEdit>("constraintBorder")->text(), c.border);
    QVERIFY(field<QCheckBox>("scheduleEnabled")->isChecked());

    // run.json: the run's record, and one saved and loaded here.
    const RunRecord record = RunRecord::load(folder, &ok);
    QVERIFY(ok && record.recorded);
    QCOMPARE(record.settings.constraints, c);
    QCOMPARE(record.settings.schedule, s.schedule);
    RunRecord mine;
    mine.folder = m_home.filePath(QStringLiteral("record"));
    QVERIFY(QDir().mkpath(mine.folder));
    mine.started = QDateTime::currentDateTimeUtc();
    mine.settings = s;
    mine.settings.constraints.saturation = 7.5;
    mine.settings.constraints.tile = false;
    QVERIFY(mine.save());
    const RunRecord back = RunRecord::load(mine.folder, &ok);
    QVERIFY(ok);
    QCOMPARE(back.settings.constraints, mine.settings.constraints);
    QCOMPARE(back.settings.schedule, mine.settings.schedule);
    // A record from before constraints and schedules: none.
    const QString old = m_home.filePath(QStringLiteral("old-record"));
    QVERIFY(QDir().mkpath(old));
    QFile json(old + QStringLiteral("/run.json"));
    QVERIFY(json.open(QIODevice::WriteOnly));
    json.write(R"({"format": 1, "prompts": "a red circle", "generator": "vqgan"})");
    json.close();
    const RunRecord before = RunRecord::load(old, &ok);
    QVERIFY(ok);
    QCOMPARE(before.settings.constraints, ConstraintSettings());
    QVERIFY(before.settings.schedule.isEmpty());
  }
};

QTEST_MAIN(TestArtTools)
#include "tst_art_tools.moc"
