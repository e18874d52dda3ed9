// The loopback HTTP server of the download tests (tests/tools/http_server.py, Python's standard
// library): started on 127.0.0.1 with a free port, serving root, logging each request to log;
// stopped when the object goes. Special paths: /drop/F (half, then the connection closes),
// /stall/F (1 KB, then silence), /slow/F (4 KB every 0.05 s), /loop/... (a redirect loop),
// /redirect/F (one redirect); a missing file is a 404. Header-only, Qt Core.
#pragma once
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace atelier::test {

class HttpServer {
 public:
  // Starts it; port() is 0 (and error() says why) when it did not come up.
  HttpServer(const QString& root, const QString& log) : m_log(log) {
    m_process.start(QStringLiteral("python3"),
                    {QStringLiteral(ATELIER_SOURCE_DIR "/tests/tools/http_server.py"), QStringLiteral("--root"), root, QStringLiteral("--log"), log});
    if (!m_process.waitForStarted(10000)) return;
    QElapsedTimer waited;
    waited.start();
    while (m_port == 0 && waited.elapsed() < 20000 && m_process.state() == QProcess::Running) {
      if (!m_process.canReadLine() && !m_process.waitForReadyRead(500)) continue;
      const QByteArray line = m_process.readLine().trimmed();
      if (line.startsWith("PORT ")) m_port = line.mid(5).toInt();
    }
  }
  ~HttpServer() {
    m_process.terminate();
    if (!m_process.waitForFinished(5000)) m_process.kill();
  }
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return m_port; }
  QString error() { return m_process.errorString() + QLatin1Char(' ') + QString::fromUtf8(m_process.readAllStandardError()); }
  QString url(const QString& path) const { return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(path); }
  // The requests so far, a line each: "GET /drop/f.bin bytes=51200-".
  QStringList requests() const {
    QFile f(m_log);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  }

 private:
  QProcess m_process;
  QString m_log;
  int m_port = 0;
};

}  // namespace atelier::test
