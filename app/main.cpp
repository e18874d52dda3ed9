// clip-atelier: the desktop application.
#include <QApplication>
#include <QCommandLineParser>

#include "appearance.h"
#include "atelier/version.h"
#include "clip_panel.h"
#include "main_window.h"
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

  atelier::Settings settings(parser.value(settingsFile));
  if (parser.isSet(threads)) settings.setValue(atelier::Settings::Key::Threads, parser.value(threads).toInt());
  atelier::applyTheme(settings.value(atelier::Settings::Key::Theme).toString());
  atelier::installTranslators(settings.value(atelier::Settings::Key::Language).toString());

  atelier::MainWindow window(&settings);
  window.clipPanel()->addImages(parser.positionalArguments());
  window.show();
  return app.exec();
}
