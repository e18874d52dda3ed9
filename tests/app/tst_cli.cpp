// clip-atelier-cli as a user runs it: --help, --version, info --json, and bad flags.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

class TestCli : public QObject {
  Q_OBJECT

  struct Run {
    int code;
    QByteArray out, err;
  };
  static Run run(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(CLI_PATH), args);
    if (!p.waitForFinished(60000)) qFatal("clip-atelier-cli did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
  }

 private Q_SLOTS:
  void infoJsonNamesDeviceAndThreads() {
    Run r = run({QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("info"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QJsonParseError error;
    QJsonObject info = QJsonDocument::fromJson(r.out, &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QString device = info[QStringLiteral("device")].toObject()[QStringLiteral("name")].toString();
    QVERIFY2(device == QLatin1String("cpu") || device == QLatin1String("cuda:0"), qPrintable(device));
    QCOMPARE(info[QStringLiteral("threads")].toInt(), 1);
    QVERIFY(!info[QStringLiteral("torch")].toString().isEmpty());
    QVERIFY(!info[QStringLiteral("opencv")].toString().isEmpty());
    QVERIFY(!info[QStringLiteral("blas")].toObject()[QStringLiteral("name")].toString().isEmpty());
    QStringList kinds;
    for (const auto& d : info[QStringLiteral("model_paths")].toArray()) kinds << d.toObject()[QStringLiteral("kind")].toString();
    QVERIFY(kinds.contains(QStringLiteral("user")));
    QVERIFY(kinds.contains(QStringLiteral("embedded")));
    QVERIFY(info[QStringLiteral("models")].isArray());
  }

  void allCoresByDefault() {
    Run r = run({QStringLiteral("info"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    QJsonObject info = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(info[QStringLiteral("threads")].toInt(), info[QStringLiteral("cores")].toInt());
  }

  void helpAndVersion() {
    Run help = run({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains("info"));
    QVERIFY(help.out.contains("--threads"));
    Run version = run({QStringLiteral("--version")});
    QCOMPARE(version.code, 0);
    QVERIFY(version.out.startsWith("clip-atelier-cli "));
  }

  void badInputIsAClearError_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("paint")} << QStringLiteral("paint");
    QTest::newRow("no subcommand") << QStringList{} << QStringLiteral("subcommand");
    QTest::newRow("bad device") << QStringList{QStringLiteral("--device"), QStringLiteral("tpu"), QStringLiteral("info")} << QStringLiteral("tpu");
    QTest::newRow("negative threads") << QStringList{QStringLiteral("--threads"), QStringLiteral("-2"), QStringLiteral("info")} << QStringLiteral("threads");
  }
  void badInputIsAClearError() {
    QFETCH(QStringList, args);
    QFETCH(QString, says);
    Run r = run(args);
    QVERIFY(r.code != 0);
    QVERIFY2(QString::fromUtf8(r.err + r.out).contains(says, Qt::CaseInsensitive), r.err.constData());
  }

  void cudaWithoutAGpuSaysSo() {
    Run info = run({QStringLiteral("info"), QStringLiteral("--json")});
    if (QJsonDocument::fromJson(info.out).object()[QStringLiteral("device")].toObject()[QStringLiteral("cuda_devices")].toInt() > 0)
      QSKIP("a GPU is present");
    Run r = run({QStringLiteral("--device"), QStringLiteral("cuda"), QStringLiteral("info")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains("CUDA"));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
