// Saving the widgets' exports through QSaveFile, and the status line that reports it.
#include "save_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QSaveFile>

namespace atelier {

namespace {
QString saved(const QString& path) {
  return QCoreApplication::translate("atelier::SaveFile", "Saved %1").arg(QDir::toNativeSeparators(path));
}
}  // namespace

bool saveAtomically(const QString& path, const FileWriter& write, QString* error) {
  QSaveFile file(path);
  if (file.open(QIODevice::WriteOnly) && write(file) && file.commit()) return true;
  *error = file.errorString();
  file.cancelWriting();
  return false;
}

bool saveImageAtomically(const QImage& image, const QString& path, QString* error) {
  const QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
  bool encoded = true;
  const bool ok = saveAtomically(
      path, [&](QIODevice& file) { return encoded = image.save(&file, format.isEmpty() ? "PNG" : format.constData()); }, error);
  // The file was fine, the image was not: say that rather than the device's "Unknown error".
  if (!ok && !encoded) *error = QObject::tr("the image could not be encoded");
  return ok;
}

bool saveFramesAtomically(const QList<QImage>& frames, const QString& folder, QString* error) {
  for (int i = 0; i < frames.size(); ++i) {
    const QString path = QDir(folder).filePath(QStringLiteral("frame_%1.png").arg(i, 4, 10, QLatin1Char('0')));
    QString why;
    if (!saveImageAtomically(frames[i], path, &why)) {
      *error = couldNotWrite(path, why);
      return false;
    }
  }
  return true;
}

FileWriter textWriter(const QString& text) {
  return [utf8 = text.toUtf8()](QIODevice& file) { return file.write(utf8) == utf8.size(); };
}

QString couldNotWrite(const QString& path, const QString& why) {
  return QCoreApplication::translate("atelier::SaveFile", "Could not write %1: %2").arg(QDir::toNativeSeparators(path), why);
}

bool saveAndReport(const QString& path, const FileWriter& write, const StatusReport& report) {
  QString error;
  const bool ok = saveAtomically(path, write, &error);
  report(ok ? saved(path) : couldNotWrite(path, error));
  return ok;
}

bool saveAndReport(const QString& path, const QImage& image, const StatusReport& report) {
  QString error;
  const bool ok = saveImageAtomically(image, path, &error);
  report(ok ? saved(path) : couldNotWrite(path, error));
  return ok;
}

}  // namespace atelier
