// The hostile files of tests/data/bad/ (issue 16): every file under tests/data/bad/<reader>/ -
// the fuzzers' findings, which tools/fuzz.sh copies there, and the crafted files of make_bad.py -
// goes through that reader, the very function its fuzz harness calls (tests/fuzz/fuzz_<reader>.cpp),
// in a child process. It must load, or be refused with atelier::Error: never another exception,
// never a signal, at most 30 s and 2 GB of resident memory (a watchdog in the child ends it past
// either). Each file's outcome, peak memory and time are printed. The special files a user may
// name by mistake (/dev/zero, a folder) go through the readers that take a path the same way.
#include <QDir>
#include <QFileInfo>
#include <QTest>

#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>

#include "clip/tokenizer.h"
#include "fuzz/fuzz_common.h"
#include "io/detail/checkpoint.h"
#include "runtime/error.h"
#include "vqgan_panel.h"
#if __has_include("vqgan/detail/config.h") && !defined(ATELIER_NO_TAMING_YAML)
#define ATELIER_HAS_TAMING_YAML 1
#include "vqgan/detail/config.h"
#endif

using namespace atelier;

namespace {

const QString kBad = QStringLiteral(ATELIER_SOURCE_DIR "/tests/data/bad");
constexpr long kMaxResidentBytes = 2L << 30;
constexpr int kMaxSeconds = 30;

struct Reader {
  const char* name;
  void (*read)(std::string_view);
};
const Reader kReaders[] = {
    {"pickle", &fuzz::read_pickle},           {"checkpoint", &fuzz::read_checkpoint},
    {"vocab", &fuzz::read_vocab},             {"tokenizer", &fuzz::read_tokenizer},
    {"hf_vocab", &fuzz::read_hf_vocab},       {"taming_yaml", &fuzz::read_taming_yaml},
    {"png_settings", &fuzz::read_png_settings},
};
const Reader* findReader(const QString& name) {
  for (const Reader& r : kReaders)
    if (name == QLatin1String(r.name)) return &r;
  return nullptr;
}

// The child's exit statuses (an ASan report exits 1, a crash is a signal).
enum Status { kLoaded = 0, kRefused = 70, kOtherException = 71, kTooMuchMemory = 72, kTooSlow = 73 };

struct Outcome {
  bool exited = false;
  int status = 0;  // exit status, or the signal
  std::string message;
  double peakMb = 0, seconds = 0;
};

long residentBytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * sysconf(_SC_PAGESIZE);
}

// Runs fn in a child process; its message comes back through a pipe.
Outcome inChild(const std::function<void()>& fn) {
  int fds[2];
  if (pipe(fds) != 0) qFatal("pipe: %s", std::strerror(errno));
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) qFatal("fork: %s", std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    const int out = fds[1];
    auto finish = [out](int status, const std::string& message) {
      const ssize_t n = ::write(out, message.data(), message.size());
      (void)n;
      _exit(status);
    };
    std::thread([finish] {
      const auto begin = std::chrono::steady_clock::now();
      for (;;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (residentBytes() > kMaxResidentBytes) finish(kTooMuchMemory, "more than 2 GB resident");
        if (std::chrono::steady_clock::now() - begin > std::chrono::seconds(kMaxSeconds))
          finish(kTooSlow, "still running after " + std::to_string(kMaxSeconds) + " s");
      }
    }).detach();
    try {
      fn();
      finish(kLoaded, "loaded");
    } catch (const Error& e) {
      finish(kRefused, std::string(to_string(e.kind())) + ": " + e.what());
    } catch (const std::exception& e) {
      finish(kOtherException, std::string("an exception that is not atelier::Error (") + typeid(e).name() + "): " + e.what());
    } catch (...) {
      finish(kOtherException, "an exception of an unknown type");
    }
  }
  ::close(fds[1]);
  Outcome o;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) o.message.append(buf, size_t(n));
  ::close(fds[0]);
  int status = 0;
  struct rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.peakMb = double(usage.ru_maxrss) / 1024.0;
  o.exited = WIFEXITED(status);
  o.status = o.exited ? WEXITSTATUS(status) : WTERMSIG(status);
  return o;
}

// Passes for a load or an atelier::Error; fails, saying what happened, for anything else.
void check(const Outcome& o, const QString& what) {
  const QString message = QString::fromStdString(o.message.size() > 400 ? o.message.substr(0, 400) + "..." : o.message);
  qInfo("%s: %s (%.0f MB, %.2f s)", qPrintable(what), qPrintable(message.isEmpty() ? QStringLiteral("-") : message), o.peakMb,
        o.seconds);
  if (!o.exited)
    QFAIL(qPrintable(QStringLiteral("%1: killed by signal %2 (%3)").arg(what).arg(o.status).arg(QString::fromUtf8(strsignal(o.status)))));
  QVERIFY2(o.status == kLoaded || o.status == kRefused,
           qPrintable(QStringLiteral("%1: %2").arg(what, o.status == kOtherException || o.status == kTooMuchMemory || o.status == kTooSlow
                                                             ? message
                                                             : QStringLiteral("exit status %1 (a sanitizer report?)").arg(o.status))));
  QVERIFY2(o.peakMb * 1024 * 1024 < double(kMaxResidentBytes), qPrintable(QStringLiteral("%1: peak memory %2 MB").arg(what).arg(o.peakMb)));
}

// The folders under tests/data/bad/ (Python's __pycache__, should make_bad.py leave one, is not a reader's).
QStringList readerFolders() {
  QStringList folders = QDir(kBad).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
  folders.removeAll(QStringLiteral("__pycache__"));
  return folders;
}

std::string readAll(const QString& path) {
  std::ifstream in(path.toStdString(), std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class TestBadFiles : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Every folder under tests/data/bad/ is a reader's, and the crafted files are there.
  void everyFolderHasItsReader() {
    const QStringList folders = readerFolders();
    QVERIFY2(!folders.isEmpty(), qPrintable(kBad + QStringLiteral(" is empty: run tests/data/bad/make_bad.py")));
    for (const QString& f : folders) QVERIFY2(findReader(f), qPrintable(QStringLiteral("no reader for tests/data/bad/%1/").arg(f)));
  }

  void badFile_data() {
    QTest::addColumn<QString>("reader");
    QTest::addColumn<QString>("path");
    for (const QString& folder : readerFolders())
      for (const QFileInfo& f : QDir(kBad + QLatin1Char('/') + folder).entryInfoList(QDir::Files | QDir::Hidden, QDir::Name))
        QTest::newRow(qPrintable(folder + QLatin1Char('/') + f.fileName())) << folder << f.filePath();
  }

  void badFile() {
    QFETCH(QString, reader);
    QFETCH(QString, path);
    const Reader* r = findReader(reader);
    QVERIFY2(r, qPrintable(QStringLiteral("no reader for %1").arg(reader)));
    if (reader == QLatin1String("taming_yaml") && !fuzz::has_taming_yaml_reader())
      QSKIP("engine/vqgan/detail/config.h is not in this build");
    const std::string data = readAll(path);
    check(inChild([&] { r->read(data); }), reader + QLatin1Char('/') + QFileInfo(path).fileName());
  }

  // What a user may name by mistake where a file is expected (issue: --vocab /dev/zero), through
  // each reader that takes a path.
  void specialFile_data() {
    QTest::addColumn<QString>("reader");
    QTest::addColumn<QString>("path");
    const QString paths[] = {QStringLiteral("/dev/zero"), QStringLiteral("/dev/null"), kBad};
    const char* readers[] = {"read_state_dict", "read_safetensors_metadata", "from_merges_file", "from_hf_files",
                             "settingsFromPng", "config_from_yaml"};
    for (const QString& path : paths)
      for (const char* reader : readers)
        QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(reader), path == kBad ? QStringLiteral("a folder") : path)))
            << QString::fromLatin1(reader) << path;
  }

  void specialFile() {
    QFETCH(QString, reader);
    QFETCH(QString, path);
    const std::string p = path.toStdString();
    std::function<void()> read;
    if (reader == QLatin1String("read_state_dict")) read = [&] { (void)io::read_state_dict(p); };
    if (reader == QLatin1String("read_safetensors_metadata")) read = [&] { (void)io::read_safetensors_metadata(p); };
    if (reader == QLatin1String("from_merges_file")) read = [&] { (void)clip::Tokenizer::from_merges_file(p); };
    if (reader == QLatin1String("from_hf_files")) read = [&] { (void)clip::Tokenizer::from_hf_files(p, p); };
    if (reader == QLatin1String("settingsFromPng"))
      read = [&] {
        bool ok = false;
        (void)VqganPanel::settingsFromPng(path, &ok);
      };
    if (reader == QLatin1String("config_from_yaml")) {
#ifdef ATELIER_HAS_TAMING_YAML
      read = [&] { (void)vqgan::config_from_yaml(p); };
#else
      QSKIP("engine/vqgan/detail/config.h is not in this build");
#endif
    }
    QVERIFY(read);
    check(inChild(read), QStringLiteral("%1(%2)").arg(reader, path));
  }
};

QTEST_GUILESS_MAIN(TestBadFiles)
#include "tst_bad_files.moc"
