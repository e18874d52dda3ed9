// One bad model never stops the program (issue 16): with a broken mini-CLIP in the user's model
// folder (it overrides the shipped one), the window starts, falls back to the shipped model and
// names the broken file; the next start does not try it again; once the file changes it is
// tried again; Models ▸ Model Folders says why it failed.
#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "clip_controller.h"
#include "guide_controller.h"
#include "main_window.h"
#include "settings.h"

using namespace atelier;

namespace {

// A safetensors file whose only tensor is a patch embedding of patch size 0 ([8, 3, 8, 0], no
// bytes): on main this crashed the loader (SIGFPE) at every start.
void writeBrokenModel(const QString& file, const QByteArray& extra = {}) {
  const QByteArray header =
      R"({"visual.conv1.weight":{"dtype":"F32","shape":[8,3,8,0],"data_offsets":[0,0]})" +
      (extra.isEmpty() ? QByteArray() : QByteArray(R"(,"__metadata__":{"note":")") + extra + "\"}") + "}";
  QByteArray bytes(8, '\0');
  quint64 n = quint64(header.size());
  for (int i = 0; i < 8; ++i) bytes[i] = char((n >> (8 * i)) & 0xff);
  QFile f(file);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes + header);
}

}  // namespace

class TestBrokenModels : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  QString m_broken;

  QString brokenFolder() const { return m_home.path() + QStringLiteral("/clip-atelier/models/mini-clip"); }

  // Starts a window and waits for the CLIP to load; returns fellBack's arguments (empty if none).
  QList<QVariant> start(QString* loadedPath) {
    Settings settings(m_home.path() + QStringLiteral("/settings.ini"));
    MainWindow w(&settings);
    QSignalSpy loaded(w.clipController(), &ClipController::loaded);
    QSignalSpy fellBack(w.clipController(), &ClipController::fellBack);
    w.show();
    if (!loaded.wait(60000)) return {QStringLiteral("no model loaded")};
    *loadedPath = loaded.first().first().toString();
    return fellBack.isEmpty() ? QList<QVariant>{} : fellBack.first();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    QVERIFY(QDir().mkpath(brokenFolder()));
    m_broken = brokenFolder() + QStringLiteral("/model.safetensors");
    writeBrokenModel(m_broken);
  }

  void fallsBackToTheShippedModelAndNamesTheBrokenOne() {
    QString path;
    const auto fell = start(&path);
    QVERIFY2(!path.startsWith(m_home.path()) && path.contains(QStringLiteral("mini-clip")), qPrintable(path));
    QCOMPARE(fell.size(), 2);
    QVERIFY2(fell[0].toString().contains(brokenFolder()), qPrintable(fell[0].toString()));
    QVERIFY(fell[1].toBool());  // a fresh failure: worth a message box
    QFile record(m_home.path() + QStringLiteral("/clip-atelier/failed-models.json"));
    QVERIFY(record.open(QIODevice::ReadOnly));
    QVERIFY(record.readAll().contains(brokenFolder().toUtf8()));
  }

  void theNextStartDoesNotTryItAgain() {
    QString path;
    const auto fell = start(&path);
    QVERIFY(!path.startsWith(m_home.path()));
    QCOMPARE(fell.size(), 2);
    QVERIFY2(fell[0].toString().contains(QStringLiteral("failed before")), qPrintable(fell[0].toString()));
    QVERIFY(!fell[1].toBool());  // not tried: nothing failed this time
  }

  void theModelFoldersDialogSaysWhy() {
    Settings settings(m_home.path() + QStringLiteral("/settings.ini"));
    MainWindow w(&settings);
    QString status;
    QTimer::singleShot(200, [&] {
      QWidget* dialog = QApplication::activeModalWidget();
      if (!dialog) return;
      if (auto* files = dialog->findChild<QTableWidget*>(QStringLiteral("modelFiles")))
        for (int r = 0; r < files->rowCount(); ++r)
          if (files->item(r, 0)->text().startsWith(m_home.path())) status = files->item(r, 3)->text();
      dialog->close();
    });
    w.showModelFolders();
    QVERIFY2(status.contains(QStringLiteral("failed to load")), qPrintable(status));
  }

  void aBrokenVqganFailsItsRunWithAMessage() {
    // A VQGAN in the user's folder whose encoder.conv_in.weight has 0 output channels (SIGFPE on
    // main): it is the one a run finds first; the run fails and says why, the window goes on.
    const QString vqgan = m_home.path() + QStringLiteral("/clip-atelier/models/vqgan-broken.safetensors");
    {
      const QByteArray header = R"({"encoder.conv_in.weight":{"dtype":"F32","shape":[0,3,3,3],"data_offsets":[0,0]}})";
      QByteArray bytes(8, '\0');
      for (int i = 0; i < 8; ++i) bytes[i] = char((quint64(header.size()) >> (8 * i)) & 0xff);
      QFile f(vqgan);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write(bytes + header);
    }
    Settings settings(m_home.path() + QStringLiteral("/settings.ini"));
    MainWindow w(&settings);
    QSignalSpy loaded(w.clipController(), &ClipController::loaded);
    w.show();
    QVERIFY(loaded.wait(60000));
    VqganPanel::Settings run;
    run.gan = false;
    run.steps = 3;
    run.size = 64;
    w.guideController()->startRun(run);
    QTRY_VERIFY2_WITH_TIMEOUT(w.lastMessage().contains(QStringLiteral("vqgan-broken")), qPrintable(w.lastMessage()), 60000);
    qInfo("%s", qPrintable(w.lastMessage()));
    QVERIFY(w.isVisible());
    QFile::remove(vqgan);
  }

  void aChangedFileIsTriedAgain() {
    QTest::qWait(1100);  // a modification time that differs on file systems with 1 s resolution
    writeBrokenModel(m_broken, "changed");
    QString path;
    const auto fell = start(&path);
    QCOMPARE(fell.size(), 2);
    QVERIFY(fell[1].toBool());  // tried, and failed again
  }
};

QTEST_MAIN(TestBrokenModels)
#include "tst_broken_models.moc"
