// clip-atelier: the desktop application.
#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QStatusBar>

#include <cstdio>

#include "appearance.h"
#include "atelier/version.h"
#include "clip_panel.h"
#include "main_window.h"
#include "runtime/error.h"
#include "runtime/parse.h"
#include "runtime/runtime_info.h"
#include "settings.h"

int main(int argc, char** argv) {
  atelier::tune_allocator();
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("clip-atelier"));
  QApplication::setApplicationDisplayName(QStringLiteral("CLIP Atelier"));
  QApplication::setApplicationVersion(QStringLiteral(ATELIER_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("clip-atelier"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("CLIP Atelier: explore how CLIP connects text and images, and make art with it."));
  parser.addHelpOption();
  parser.addVersionOption();
  QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Intra-op threads for the engine (0: all cores)."),
                             QStringLiteral("n"));
  QCommandLineOption settingsFile(QStringLiteral("settings"), QStringLiteral("Read and write settings in this INI file."),
                                  QStringLiteral("file"));
  parser.addOption(threads);
  parser.addOption(settingsFile);
  parser.addPositionalArgument(QStringLiteral("images"), QStringLiteral("Images to add to the CLIP panel."), QStringLiteral("[images...]"));
  parser.process(app);

  if (parser.isSet(threads)) {
    // Strictly a whole number, within the machine's bound: the same rule as the CLI's --threads.
    const std::string text = parser.value(threads).toStdString();
    const auto n = atelier::parse_int(text);
    try {
      if (!n) throw atelier::Error(atelier::ErrorKind::InvalidArgument, "--threads '" + atelier::shown(text) + "': give a whole number (0: all cores)");
      atelier::check_thread_count(*n, "--threads");
    } catch (const atelier::Error& e) {
      std::fprintf(stderr, "clip-atelier: %s\n", e.what());
      return 2;
    }
  }

  atelier::Settings settings(parser.value(settingsFile));
  if (parser.isSet(threads)) settings.setValue(atelier::Settings::Key::Threads, parser.value(threads).toInt());
  atelier::applyTheme(settings.value(atelier::Settings::Key::Theme).toString());
  atelier::installTranslators(settings.value(atelier::Settings::Key::Language).toString());
  // Worded now, after the translators are installed: in the user's language.
  const QStringList warnings = settings.warnings();
  for (const QString& w : warnings) std::fprintf(stderr, "clip-atelier: %s\n", qPrintable(w));

  atelier::MainWindow window(&settings);
  window.clipPanel()->addImages(parser.positionalArguments());
  window.show();
  if (!warnings.isEmpty()) {
    // As the window shows its other warnings: in the status bar, and in a box that does not block.
    const QString text = warnings.join(QLatin1Char('\n'));
    window.statusBar()->showMessage(text);
    auto* box = new QMessageBox(QMessageBox::Warning, QApplication::applicationDisplayName(), text, QMessageBox::Ok, &window);
    box->setObjectName(QStringLiteral("errorMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show();
  }
  return app.exec();
}
