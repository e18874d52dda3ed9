// Models ▸ Get Models (issue 18), offscreen, against a real HTTP server on loopback
// (tests/tools/http_server.py) and a test catalogue pointing at it: the dialog lists the entries,
// downloads one (and the vocabulary it needs) with the progress bar moving, Use for CLIP loads
// it in the CLIP tab, Cancel ends the job within a second and keeps the .part, the next Download
// resumes it with a Range request, Verify names each file; the CLIP tab's first-run banner is
// shown while only the mini-CLIP is here and goes once a CLIP is installed.
#include <QAction>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "clip_controller.h"
#include "common/http_server.h"
#include "clip_panel.h"
#include "get_models_dialog.h"
#include "main_window.h"
#include "settings.h"

using namespace atelier;

class TestGetModels : public QObject {
  Q_OBJECT
  QTemporaryDir m_home;
  std::unique_ptr<test::HttpServer> m_server;
  std::unique_ptr<Settings> m_settings;
  std::unique_ptr<MainWindow> m_window;

  QString models() const { return m_home.path() + QStringLiteral("/clip-atelier/models"); }
  QString serverLog() const { return m_home.path() + QStringLiteral("/server.log"); }
  GetModelsDialog* dialog() const { return m_window->getModelsDialog(); }
  QPushButton* button(const char* name) const { return dialog()->findChild<QPushButton*>(QLatin1String(name)); }
  QWidget* clipBanner() const { return m_window->clipPanel()->findChild<QWidget*>(QStringLiteral("modelsBanner")); }

  static QString sha256(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&f);
    return QString::fromLatin1(hash.result().toHex());
  }

  static QJsonObject fileEntry(const QString& path, const QString& url, const char* source) {
    return {{"name", QFileInfo(path).fileName()},
            {"url", url},
            {"size", QFileInfo(path).size()},
            {"sha256", sha256(path)},
            {"sha256_source", QLatin1String(source)}};
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_DATA_HOME", m_home.path().toUtf8());
    // Nothing found where other tools put models: an empty home, no Hugging Face cache.
    const QString home = m_home.path() + QStringLiteral("/home");
    QVERIFY(QDir().mkpath(home));
    qputenv("HOME", home.toUtf8());
    for (const char* name : {"HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME"}) qunsetenv(name);

    const QString root = m_home.path() + QStringLiteral("/server");
    const QString data = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/clip/");
    QVERIFY(QDir().mkpath(root));
    QVERIFY(QFile::copy(data + QStringLiteral("tiny_openai_jit.pt"), root + QStringLiteral("/ViT-B-32.pt")));
    QVERIFY(QFile::copy(data + QStringLiteral("tiny_vocab.txt.gz"), root + QStringLiteral("/bpe_simple_vocab_16e6.txt.gz")));
    m_server = std::make_unique<test::HttpServer>(root, serverLog());
    const int port = m_server->port();
    QVERIFY2(port > 0, qPrintable(m_server->error()));

    // The test catalogue: the CLIP comes slowly (4 KB every 0.05 s), so a download can be watched and cancelled.
    const QString base = QStringLiteral("http://127.0.0.1:%1/").arg(port);
    const QJsonObject clip{{"id", "vit-b-32"},
                           {"name", "CLIP ViT-B/32"},
                           {"kind", "clip"},
                           {"description", "The tiny test CLIP under the name of OpenAI's ViT-B/32"},
                           {"licence", "MIT"},
                           {"approx_size", "0.7 MB"},
                           {"needs", QJsonArray{"openai-clip-vocab"}},
                           {"files", QJsonArray{fileEntry(root + QStringLiteral("/ViT-B-32.pt"), base + QStringLiteral("slow/ViT-B-32.pt"),
                                                          "published")}}};
    const QJsonObject vocab{{"id", "openai-clip-vocab"},
                            {"name", "CLIP vocabulary"},
                            {"kind", "vocabulary"},
                            {"description", "The tiny test vocabulary"},
                            {"licence", "MIT"},
                            {"approx_size", "1 kB"},
                            {"files", QJsonArray{fileEntry(root + QStringLiteral("/bpe_simple_vocab_16e6.txt.gz"),
                                                           base + QStringLiteral("bpe_simple_vocab_16e6.txt.gz"), "computed")}}};
    const QString catalogue = m_home.path() + QStringLiteral("/catalog.json");
    QFile out(catalogue);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(QJsonObject{{"version", 1}, {"models", QJsonArray{clip, vocab}}}).toJson());
    out.close();
    qputenv("CLIP_ATELIER_CATALOG", catalogue.toUtf8());

    m_settings = std::make_unique<Settings>(m_home.path() + QStringLiteral("/settings.ini"));
    m_window = std::make_unique<MainWindow>(m_settings.get());
    QSignalSpy loaded(m_window->clipController(), &ClipController::loaded);
    m_window->show();
    QVERIFY(loaded.wait(60000));
  }

  void cleanupTestCase() {
    m_window.reset();
    m_settings.reset();
    m_server.reset();
  }

  void theBannerOffersTheModelsWhileOnlyTheMiniClipIsHere() {
    QVERIFY(m_window->clipController()->isMiniClip());
    QVERIFY(clipBanner());
    QVERIFY(!clipBanner()->isHidden());
    QVERIFY2(m_window->clipPanel()->bannerText().contains(QStringLiteral("mini-clip")), qPrintable(m_window->clipPanel()->bannerText()));
    QVERIFY(!m_window->getModelsDialog());
    // Models ▸ Get Models comes first in its menu.
    QAction* first = nullptr;
    for (QAction* menu : m_window->menuBar()->actions())
      if (menu->text() == QStringLiteral("&Models")) first = menu->menu()->actions().value(0);
    QVERIFY(first);
    QCOMPARE(first->text(), QStringLiteral("&Get Models…"));
    auto* get = clipBanner()->findChild<QPushButton*>(QStringLiteral("getModelsButton"));
    QVERIFY(get);
    get->click();
    QVERIFY(dialog());
    QVERIFY(dialog()->isVisible());
  }

  void theDialogListsTheCatalogue() {
    auto* table = dialog()->findChild<QTableWidget*>(QStringLiteral("catalogue"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(dialog()->stateText(QStringLiteral("vit-b-32")), QStringLiteral("not installed"));
    QCOMPARE(dialog()->stateText(QStringLiteral("openai-clip-vocab")), QStringLiteral("not installed"));
    QVERIFY2(table->item(0, 0)->toolTip().contains(QStringLiteral("MIT")), qPrintable(table->item(0, 0)->toolTip()));
    QVERIFY(table->item(0, 0)->toolTip().contains(QStringLiteral("/slow/ViT-B-32.pt")));
  }

  void downloadsWithTheProgressBarMoving() {
    QVERIFY(dialog()->select(QStringLiteral("vit-b-32")));
    auto* bar = dialog()->findChild<QProgressBar*>(QStringLiteral("downloadProgress"));
    QVERIFY(bar);
    QSignalSpy values(bar, &QProgressBar::valueChanged);
    QSignalSpy ended(dialog(), &GetModelsDialog::downloadEnded);
    QVERIFY(button("download")->isEnabled());
    QVERIFY(!button("cancelDownload")->isEnabled());
    button("download")->click();
    QVERIFY(button("cancelDownload")->isEnabled());
    QVERIFY(!button("download")->isEnabled());
    // The README's screenshot: the dialog mid-download (build/dev/screenshots/get-models.png).
    QTRY_VERIFY_WITH_TIMEOUT(bar->value() > 200, 30000);  // KiB: into the CLIP, past its vocabulary
    dialog()->resize(900, 420);
    const QString shots = QStringLiteral(ATELIER_TEST_OUTPUT "/screenshots");
    QDir().mkpath(shots);
    QVERIFY(dialog()->grab().toImage().save(shots + QStringLiteral("/get-models.png")));
    QVERIFY2(ended.wait(60000), qPrintable(dialog()->status()));
    QVERIFY2(ended.first()[1].toBool(), qPrintable(dialog()->status()));
    QSet<int> moved;
    for (const auto& v : values)
      if (v.first().toInt() > 0) moved.insert(v.first().toInt());
    QVERIFY2(moved.size() >= 2, qPrintable(QStringLiteral("%1 distinct values").arg(moved.size())));
    QCOMPARE(dialog()->stateText(QStringLiteral("vit-b-32")), QStringLiteral("installed"));
    QCOMPARE(dialog()->stateText(QStringLiteral("openai-clip-vocab")), QStringLiteral("installed"));  // what it needs came with it
    QVERIFY(QFile::exists(models() + QStringLiteral("/ViT-B-32.pt")));
    QVERIFY(QFile::exists(models() + QStringLiteral("/bpe_simple_vocab_16e6.txt.gz")));
    QVERIFY(!QFile::exists(models() + QStringLiteral("/ViT-B-32.pt.part")));
    QVERIFY(!button("cancelDownload")->isEnabled());
  }

  void theBannerGoesOnceACLIPIsInstalled() {
    QVERIFY(clipBanner()->isHidden());  // the download said the models changed
    QSignalSpy loaded(m_window->clipController(), &ClipController::loaded);
    m_window->rescanModels();
    QVERIFY(loaded.wait(60000));
    QVERIFY(clipBanner()->isHidden());
  }

  void useForClipLoadsItInTheClipTab() {
    QVERIFY(dialog()->select(QStringLiteral("vit-b-32")));
    QVERIFY(button("useForClip")->isEnabled());
    QVERIFY(!button("useForVqgan")->isEnabled());
    QSignalSpy use(dialog(), &GetModelsDialog::useForClip);
    QSignalSpy loaded(m_window->clipController(), &ClipController::loaded);
    QSignalSpy failed(m_window->clipController(), &ClipController::loadFailed);
    button("useForClip")->click();
    QCOMPARE(use.size(), 1);
    const QString path = use.first().first().toString();
    QCOMPARE(QFileInfo(path).canonicalFilePath(), QFileInfo(models() + QStringLiteral("/ViT-B-32.pt")).canonicalFilePath());
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), qPrintable(failed.isEmpty() ? QString() : failed.first().first().toString()));
    QCOMPARE(loaded.first().first().toString(), path);
    QVERIFY(!m_window->clipController()->isMiniClip());
    QVERIFY(clipBanner()->isHidden());
  }

  void cancelEndsTheJobWithinASecondAndKeepsThePart() {
    QVERIFY(dialog()->select(QStringLiteral("vit-b-32")));
    dialog()->setProperty("confirm", false);  // no question asked
    QVERIFY(button("remove")->isEnabled());
    button("remove")->click();
    QVERIFY2(dialog()->status().contains(QStringLiteral("ViT-B-32.pt")), qPrintable(dialog()->status()));
    QCOMPARE(dialog()->stateText(QStringLiteral("vit-b-32")), QStringLiteral("not installed"));
    QCOMPARE(dialog()->stateText(QStringLiteral("openai-clip-vocab")), QStringLiteral("installed"));  // only its own files go
    QVERIFY(!QFile::exists(models() + QStringLiteral("/ViT-B-32.pt")));

    auto* bar = dialog()->findChild<QProgressBar*>(QStringLiteral("downloadProgress"));
    QSignalSpy ended(dialog(), &GetModelsDialog::downloadEnded);
    QVERIFY(dialog()->select(QStringLiteral("vit-b-32")));
    button("download")->click();
    QTRY_VERIFY_WITH_TIMEOUT(bar->maximum() > 100 && bar->value() >= 64, 30000);  // 64 KiB of the CLIP are in
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    button("cancelDownload")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!ended.isEmpty(), 10000);
    QVERIFY2(sinceCancel.elapsed() < 1000, qPrintable(QStringLiteral("%1 ms").arg(sinceCancel.elapsed())));
    QVERIFY(!ended.first()[1].toBool());
    QVERIFY2(dialog()->status().contains(QStringLiteral("kept")), qPrintable(dialog()->status()));
    QVERIFY(QFile::exists(models() + QStringLiteral("/ViT-B-32.pt.part")));
    QVERIFY(!QFile::exists(models() + QStringLiteral("/ViT-B-32.pt")));
    QCOMPARE(dialog()->stateText(QStringLiteral("vit-b-32")), QStringLiteral("not installed"));

    // Download resumes it: the server is asked for the rest only.
    ended.clear();
    QVERIFY(button("download")->isEnabled());
    button("download")->click();
    QVERIFY2(ended.wait(60000), qPrintable(dialog()->status()));
    QVERIFY2(ended.first()[1].toBool(), qPrintable(dialog()->status()));
    QCOMPARE(dialog()->stateText(QStringLiteral("vit-b-32")), QStringLiteral("installed"));
    QFile log(serverLog());
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("GET /slow/ViT-B-32.pt bytes="), "no Range request after the cancel");
  }

  void verifyNamesEachFile() {
    QVERIFY(dialog()->select(QStringLiteral("vit-b-32")));
    QVERIFY(button("verify")->isEnabled());
    button("verify")->click();
    QTRY_VERIFY_WITH_TIMEOUT(dialog()->status().contains(QStringLiteral("SHA-256")), 30000);
    QVERIFY2(dialog()->status().contains(QStringLiteral("ViT-B-32.pt")), qPrintable(dialog()->status()));
    QVERIFY2(dialog()->status().contains(QStringLiteral("is as expected")), qPrintable(dialog()->status()));
  }
};

QTEST_MAIN(TestGetModels)
#include "tst_get_models.moc"
