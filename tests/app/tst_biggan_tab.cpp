// BigGAN-deep in the window (issue 23), with the tests' tiny model (tests/data/biggan: 32 px, z 8,
// 10 classes) copied into the user's model folder as "biggan-tiny": the GAN tab lists it after the
// mini-GANs; chosen, it samples the class and seed asked for, exactly as the engine does; the class
// picker filters and resolves what is typed; an interpolation walks from one class to another;
// exports work as for the mini-GANs. In the CLIP + VQGAN tab it is a generator: a short run makes
// frames, its progress carries big-sleep's loss terms, and a prompt edit during the run is still
// recorded at the step it took effect after (the terms are no prompts).
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <utility>

#include "biggan_controls.h"
#include "class_picker.h"
#include "clip_controller.h"
#include "engine_bridge.h"
#include "gan/biggan.h"
#include "gan_controller.h"
#include "gan_panel.h"
#include "guide/guide.h"
#include "guide_controller.h"
#include "heat_strip.h"
#include "image_canvas.h"
#include "image_convert.h"
#include "main_window.h"
#include "run_record.h"
#include "run_view.h"
#include "settings.h"
#include "vqgan_panel.h"

using namespace atelier;

namespace {
const QString kLabel = QStringLiteral("BigGAN-deep: biggan-tiny");

// The largest difference of two images' 8-bit channels (256: their sizes differ).
int maxDiff(const QImage& a, const QImage& b) {
  if (a.size() != b.size() || a.isNull()) return 256;
  const QImage x = a.convertToFormat(QImage::Format_RGB888), y = b.convertToFormat(QImage::Format_RGB888);
  int worst = 0;
  for (int row = 0; row < x.height(); ++row) {
    const uchar *p = x.constScanLine(row), *q = y.constScanLine(row);
    for (int i = 0; i < x.width() * 3; ++i) worst = std::max(worst, std::abs(int(p[i]) - int(q[i])));
  }
  return worst;
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

// Types text into a class picker and presses Return (the list closed first: it takes the key).
void typeClass(ClassPicker* picker, const QString& text) {
  picker->lineEdit()->setFocus();
  picker->lineEdit()->selectAll();
  QTest::keyClicks(picker->lineEdit(), text);
  picker->completer()->popup()->hide();
  QTest::keyClick(picker->lineEdit(), Qt::Key_Return);
}
}  // namespace

class TestBigGanTab : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  QString m_model;  // the copied tiny BigGAN-deep's folder
  std::unique_ptr<Settings> m_settings;
  std::unique_ptr<MainWindow> m_window;
  std::unique_ptr<gan::BigGan> m_reference;  // the same model, loaded here: what the tab must show

  // G(z(seed, t), class, t) as the engine makes it.
  QImage expected(int seed, int classIndex, double t) const {
    return toQImage(m_reference->generate(m_reference->latent(uint64_t(seed), t), classIndex, t));
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    m_model = m_home.path() + QStringLiteral("/clip-atelier/models/biggan-tiny");
    QVERIFY(QDir().mkpath(m_model));
    for (const char* file : {"config.json", "pytorch_model.bin"})
      QVERIFY(QFile::copy(QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/biggan/") + QLatin1String(file),
                          m_model + QLatin1Char('/') + QLatin1String(file)));
    m_reference = std::make_unique<gan::BigGan>(gan::BigGan::load(m_model.toStdString()));
    m_settings = std::make_unique<Settings>(m_home.filePath(QStringLiteral("settings.ini")));
    m_window = std::make_unique<MainWindow>(m_settings.get());
    QSignalSpy clip(m_window->clipController(), &ClipController::loaded);
    QSignalSpy gan(m_window->ganController(), &GanController::loaded);
    m_window->resize(1280, 820);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(clip.wait(60000));
    QTRY_VERIFY_WITH_TIMEOUT(!gan.isEmpty(), 60000);  // the default generator: a shipped mini-GAN
  }

  void cleanupTestCase() {
    m_window.reset();
    m_settings.reset();
  }

  void theGanTabListsItAfterTheMiniGans() {
    m_window->tabs()->setCurrentIndex(MainWindow::GanTab);
    auto* combo = m_window->ganPanel()->findChild<QComboBox*>(QStringLiteral("ganModel"));
    QVERIFY(combo);
    QTRY_VERIFY_WITH_TIMEOUT(combo->findText(kLabel) >= 0, 20000);
    const int at = combo->findText(kLabel);
    QVERIFY2(at > 0, "the shipped mini-GANs come first");
    for (int i = 0; i < at; ++i)
      QVERIFY2(!combo->itemText(i).startsWith(QStringLiteral("BigGAN-deep")), qPrintable(combo->itemText(i)));
    QCOMPARE(QFileInfo(combo->itemData(at).toString()).canonicalFilePath(), QFileInfo(m_model).canonicalFilePath());
    // A mini-GAN has no classes: the class rows are hidden.
    QVERIFY(m_window->ganController()->classNames().isEmpty());
    QVERIFY(!m_window->ganPanel()->bigGan()->classPicker()->isVisible());
    QVERIFY(!m_window->ganPanel()->bigGan()->toClassPicker()->isVisible());
  }

  void choosingItSamplesTheClassAndSeedAsTheEngineDoes() {
    GanPanel* panel = m_window->ganPanel();
    GanController* gan = m_window->ganController();
    auto* combo = panel->findChild<QComboBox*>(QStringLiteral("ganModel"));
    QSignalSpy loaded(gan, &GanController::loaded), sampled(gan, &GanController::sampled), grid(gan, &GanController::gridReady);
    const int at = combo->findText(kLabel);
    combo->setCurrentIndex(at);
    Q_EMIT combo->activated(at);
    QVERIFY(loaded.wait(60000));
    QCOMPARE(loaded.first().at(0).toString(), QStringLiteral("biggan-tiny"));
    QCOMPARE(loaded.first().at(2).toInt(), 8);   // z
    QCOMPARE(loaded.first().at(3).toInt(), 32);  // pixels
    QCOMPARE(m_settings->value(Settings::Key::GanModel).toString(), QStringLiteral("biggan-tiny"));
    // Its ten classes, named "class N" (no ImageNet names for a 10-class model), in the picker.
    const QStringList classes = gan->classNames();
    QCOMPARE(classes.size(), 10);
    QCOMPARE(classes.value(3), QStringLiteral("class 3"));
    BigGanControls* big = panel->bigGan();
    QVERIFY(big->active());
    QVERIFY(big->classPicker()->isVisible());
    QVERIFY(big->toClassPicker()->isVisible());
    QCOMPARE(big->classPicker()->count(), 10);
    // The remembered class (ImageNet's 207 by default), when this model lacks it: its first.
    const int remembered = Settings::defaultValue(Settings::Key::GanClass).toInt();
    QCOMPARE(big->classIndex(), remembered < 10 ? remembered : 0);
    QVERIFY(big->truncation() > 0 && big->truncation() <= 1);
    // Loading samples the current seed and a grid, of the class shown.
    QTRY_VERIFY_WITH_TIMEOUT(!sampled.isEmpty() && !grid.isEmpty(), 30000);
    QCOMPARE(sampled.last().at(3).toInt(), big->classIndex());

    // Seed 1, class 3 typed into the picker: the sample is G(z(1, t), 3, t).
    sampled.clear();
    panel->setSeed(1);
    typeClass(big->classPicker(), QStringLiteral("class 3"));
    QCOMPARE(big->classIndex(), 3);
    QCOMPARE(big->classPicker()->lineEdit()->text(), QStringLiteral("class 3"));
    QTRY_VERIFY_WITH_TIMEOUT(!sampled.isEmpty() && sampled.last().at(0).toInt() == 1 && sampled.last().at(3).toInt() == 3, 30000);
    const double t = big->truncation();
    const QImage image = sampled.last().at(1).value<QImage>();
    QCOMPARE(image.size(), QSize(32, 32));
    const QImage want = expected(1, 3, t);
    QVERIFY2(maxDiff(image, want) <= 1, qPrintable(QString::number(maxDiff(image, want))));
    QCOMPARE(panel->sampleImage(), image);
    QCOMPARE(panel->zStrip()->values().size(), 8);
    QCOMPARE(m_settings->value(Settings::Key::GanClass).toInt(), 3);
    // Another class, the same seed: another image.
    QVERIFY(maxDiff(expected(1, 4, t), want) > 1);
    // The truncation box samples again, at its value.
    sampled.clear();
    auto* truncation = panel->findChild<QDoubleSpinBox*>(QStringLiteral("ganBigTruncation"));
    QVERIFY(truncation && truncation->isVisible());
    QCOMPARE(truncation->minimum(), 0.02);
    QCOMPARE(truncation->maximum(), 1.0);
    truncation->setValue(0.7);
    QTRY_VERIFY_WITH_TIMEOUT(!sampled.isEmpty(), 30000);
    QVERIFY(maxDiff(sampled.last().at(1).value<QImage>(), expected(1, 3, 0.7)) <= 1);
    QCOMPARE(m_settings->value(Settings::Key::GanBigganTruncation).toDouble(), 0.7);
    // The grid: the seeds from the current one on, all of the class.
    grid.clear();
    panel->requestGrid();
    QVERIFY(grid.wait(30000));
    const QList<QImage> cells = grid.first().first().value<QList<QImage>>();
    QCOMPARE(cells.size(), panel->gridCount());
    for (int i : {0, int(cells.size()) - 1})
      QVERIFY2(maxDiff(cells[i], expected(1 + i, 3, 0.7)) <= 1, qPrintable(QString::number(i)));
  }

  void theClassPickerFiltersAndResolves() {
    BigGanControls* big = m_window->ganPanel()->bigGan();
    ClassPicker* picker = big->classPicker();
    QCOMPARE(picker->matching(QStringLiteral("class 3")), QStringList{QStringLiteral("class 3")});
    QCOMPARE(picker->matching(QStringLiteral("CLASS")).size(), 10);
    QVERIFY(picker->matching(QStringLiteral("zebra")).isEmpty());
    // What the list offers as one types: the completer over the same labels.
    picker->lineEdit()->setFocus();
    picker->lineEdit()->selectAll();
    QTest::keyClicks(picker->lineEdit(), QStringLiteral("class 3"));
    picker->completer()->setCompletionPrefix(picker->lineEdit()->text());
    QCOMPARE(picker->completer()->completionCount(), 1);
    QCOMPARE(picker->completer()->currentCompletion(), QStringLiteral("class 3"));
    picker->completer()->popup()->hide();
    picker->setCurrentClass(picker->currentClass());
    // A number, a name in any case, the only label containing the text.
    QCOMPARE(picker->resolve(QStringLiteral("7")), 7);
    QCOMPARE(picker->resolve(QStringLiteral("Class 5")), 5);
    QCOMPARE(picker->resolve(QStringLiteral("ss 9")), 9);
    QCOMPARE(picker->resolve(QStringLiteral("class")), ClassPicker::kNoMatch);  // ten of them
    QCOMPARE(picker->resolve(QStringLiteral("12")), ClassPicker::kNoMatch);     // no class 12
    QCOMPARE(picker->resolve(QString()), ClassPicker::kNoMatch);                // a class is needed
    QCOMPARE(big->toClassPicker()->resolve(QString()), -1);                     // "To class": the same one
    // Typed text that names no class: the field goes back, the status says why, nothing is sampled.
    const int before = picker->currentClass();
    QSignalSpy chosen(picker, &ClassPicker::classChosen);
    typeClass(picker, QStringLiteral("zebra"));
    QCOMPARE(chosen.size(), 0);
    QCOMPARE(picker->currentClass(), before);
    QCOMPARE(picker->lineEdit()->text(), picker->label(before));
    QVERIFY2(m_window->ganPanel()->status().contains(QStringLiteral("zebra")), qPrintable(m_window->ganPanel()->status()));
    // Random: another class, chosen.
    picker->chooseRandom();
    QCOMPARE(chosen.size(), 1);
    QVERIFY(picker->currentClass() != before);
    QCOMPARE(chosen.first().first().toInt(), picker->currentClass());
  }

  void anInterpolationWalksFromOneClassToAnother() {
    GanPanel* panel = m_window->ganPanel();
    BigGanControls* big = panel->bigGan();
    QSignalSpy frames(m_window->ganController(), &GanController::interpolationReady);
    panel->gridView()->clearSelection();
    panel->setSeed(5);
    big->setClassIndex(1);
    typeClass(big->toClassPicker(), QStringLiteral("2"));
    QCOMPARE(big->toClassIndex(), 2);
    const double t = big->truncation();
    panel->requestInterpolation();
    QVERIFY(frames.wait(60000));
    const QList<QImage> got = frames.first().first().value<QList<QImage>>();
    QCOMPARE(got.size(), panel->frames());
    // From seed 5's z in class 1 to seed 6's in class 2 (no grid selection: this seed and the next).
    QVERIFY2(maxDiff(got.first(), expected(5, 1, t)) <= 1, qPrintable(QString::number(maxDiff(got.first(), expected(5, 1, t)))));
    QVERIFY2(maxDiff(got.last(), expected(6, 2, t)) <= 1, qPrintable(QString::number(maxDiff(got.last(), expected(6, 2, t)))));
    QVERIFY(maxDiff(got[got.size() / 2], got.first()) > 1 && maxDiff(got[got.size() / 2], got.last()) > 1);
    QVERIFY(panel->playing());
    panel->stopPlaying();
    // Empty "To class": the same class at both ends, only z moves.
    big->setToClassIndex(-1);
    QCOMPARE(big->toClassIndex(), 1);
    frames.clear();
    panel->requestInterpolation();
    QVERIFY(frames.wait(60000));
    QVERIFY(maxDiff(frames.first().first().value<QList<QImage>>().last(), expected(6, 1, t)) <= 1);
    panel->stopPlaying();

    // Exports, as for the mini-GANs.
    QTemporaryDir out;
    QVERIFY(panel->saveImage(panel->sampleImage(), out.filePath(QStringLiteral("sample.png"))));
    QCOMPARE(QImage(out.filePath(QStringLiteral("sample.png"))).size(), QSize(32, 32));
    QVERIFY(panel->saveImage(panel->gridImage(), out.filePath(QStringLiteral("grid.png"))));
    QVERIFY(panel->saveFrames(out.path()));
    QVERIFY(QFile::exists(out.filePath(QStringLiteral("frame_0000.png"))));
    QVERIFY(QFile::exists(out.filePath(QStringLiteral("frame_%1.png").arg(panel->frames() - 1, 4, 10, QLatin1Char('0')))));
  }

  void clipGuidesItInTheGuideTab() {
    m_window->tabs()->setCurrentIndex(MainWindow::VqganTab);
    VqganPanel* panel = m_window->vqganPanel();
    GuideController* guide = m_window->guideController();
    auto* generator = panel->findChild<QComboBox*>(QStringLiteral("guideGenerator"));
    QVERIFY(generator);
    QTRY_VERIFY_WITH_TIMEOUT(generator->findText(kLabel) >= 0, 20000);
    VqganPanel::Settings s = panel->settings();
    s.gan = true;
    s.generatorPath = generator->itemData(generator->findText(kLabel)).toString();
    panel->setSettings(s);
    QCOMPARE(generator->currentText(), kLabel);
    // The Class field: the model's classes once read, empty (the prompts choose) unless set.
    auto* picker = panel->findChild<ClassPicker*>(QStringLiteral("guideClass"));
    QVERIFY(picker);
    QTRY_COMPARE_WITH_TIMEOUT(picker->count(), 10, 20000);
    QVERIFY(picker->isVisible());
    QCOMPARE(panel->settings().bigganClass, -1);
    picker->setCurrentClass(3);
    QCOMPARE(panel->settings().bigganClass, 3);

    s = panel->settings();
    s.prompts = QStringLiteral("a red circle");
    s.steps = 14;
    s.cutn = 2;
    s.seed = 3;
    QSignalSpy progress(m_window->bridge(), &EngineBridge::progress);
    QSignalSpy ended(guide, &RunController::ended);
    // Paused as its second step is reported, an edit goes in; the run takes it at its next step.
    bool paused = false;
    const QMetaObject::Connection pauser = connect(m_window->bridge(), &EngineBridge::progress, this, [&](const JobProgress& p) {
      if (p.job == guide->job() && p.step >= 2 && !std::exchange(paused, true)) guide->pause();
    });
    guide->startRun(s);
    QTRY_VERIFY_WITH_TIMEOUT(paused, 120000);
    disconnect(pauser);
    QVERIFY(guide->active());
    const QString edited = QStringLiteral("a blue square");
    Q_EMIT panel->promptsEdited(edited);
    guide->resume();
    QVERIFY(ended.wait(120000));

    // Frames of the model's size; the state of each: z and the class logits.
    QVERIFY(!panel->frames().isEmpty());
    QCOMPARE(panel->frames().last().size(), QSize(32, 32));
    const QString folder = guide->runFolder();
    const QJsonObject record = readJson(folder + QStringLiteral("/run.json"));
    QCOMPARE(record[QStringLiteral("state")].toString(), QStringLiteral("finished"));
    QCOMPARE(record[QStringLiteral("generator")].toString(), QStringLiteral("gan"));
    QCOMPARE(RunRecord::readLatent(folder + QStringLiteral("/latent.f32")).size(), 8 + 10);
    // The progress: the prompts, then big-sleep's terms, named as such.
    const QString prefix = QString::fromUtf8(guide::kTermPrefix.data(), qsizetype(guide::kTermPrefix.size()));
    QStringList terms;
    qint64 firstNew = -1;
    for (const auto& args : progress) {
      const JobProgress p = args.first().value<JobProgress>();
      for (const auto& value : p.values) {
        if (value.first.startsWith(prefix) && !terms.contains(value.first)) terms << value.first;
        if (firstNew < 0 && value.first == edited) firstNew = p.step;
      }
    }
    QVERIFY2(terms.contains(QStringLiteral("term: latent statistics")) && terms.contains(QStringLiteral("term: class sparsity")),
             qPrintable(terms.join(QLatin1String(", "))));
    // The edit at the last step scored against the old prompts: the terms did not hide the new ones.
    QVERIFY2(firstNew >= 3 && firstNew <= s.steps, qPrintable(QString::number(firstNew)));
    const QJsonArray changes = record[QStringLiteral("prompt_changes")].toArray();
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes[0][QStringLiteral("prompts")].toString(), edited);
    QCOMPARE(changes[0][QStringLiteral("step")].toInteger(), firstNew - 1);
    // The saved frame names the class the run started from.
    bool ok = false;
    const VqganPanel::Settings back = VqganPanel::settingsFromPng(folder + QStringLiteral("/latest.png"), &ok);
    QVERIFY(ok);
    QCOMPARE(back.bigganClass, 3);
    QCOMPARE(back.prompts, edited);
  }
};

QTEST_MAIN(TestBigGanTab)
#include "tst_biggan_tab.moc"
