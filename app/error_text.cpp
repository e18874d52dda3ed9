#include "error_text.h"

#include <QCoreApplication>

#include "engine_bridge.h"

namespace atelier {

namespace {
// lupdate finds the strings through tr() of a class that declares it.
struct ErrorText {
  Q_DECLARE_TR_FUNCTIONS(ErrorText)
 public:
  static QString kind(ErrorKind kind);
  static QString advice(ErrorKind kind);
};

QString ErrorText::kind(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgument: return tr("A value or input can't be used");
    case ErrorKind::NotFound: return tr("A file or model is missing");
    case ErrorKind::BadFile: return tr("A file can't be read");
    case ErrorKind::Unsupported: return tr("This model or build can't do that");
    case ErrorKind::Device: return tr("The compute device failed");
    case ErrorKind::Internal: return tr("Something went wrong inside CLIP Atelier");
    case ErrorKind::Cancelled: return tr("Stopped");
    case ErrorKind::Io: return tr("Reading or writing failed");
  }
  return tr("Something went wrong inside CLIP Atelier");
}

QString ErrorText::advice(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgument: return tr("Change the value and try again.");
    case ErrorKind::NotFound: return tr("Models ▸ Model Folders shows where models go.");
    case ErrorKind::BadFile: return tr("The file is damaged or is not what its name says; nothing was changed.");
    case ErrorKind::Unsupported: return {};
    case ErrorKind::Device: return tr("It may have run out of memory: try a smaller size, or the CPU (File ▸ Preferences).");
    case ErrorKind::Internal: return tr("This is a bug: please report it with the details.");
    case ErrorKind::Cancelled: return {};
    case ErrorKind::Io: return tr("Check the disk's free space and the network, then try again: nothing half-written was kept.");
  }
  return {};
}

}  // namespace

QString errorKindText(ErrorKind kind) { return ErrorText::kind(kind); }
QString errorAdvice(ErrorKind kind) { return ErrorText::advice(kind); }

QString errorMessage(const EngineError& error, const QString& context) {
  QString text = errorKindText(error.kind);
  if (!context.isEmpty()) text += QStringLiteral(" (%1)").arg(context);
  text += QStringLiteral(": ") + error.detail;
  // A missing Debian package (clip art for training) is said with its install command by the
  // engine: the model folders are no help there.
  const bool saysWhatToInstall = error.detail.contains(QLatin1String("apt-get install"));
  const QString advice = saysWhatToInstall ? QString() : errorAdvice(error.kind);
  if (!advice.isEmpty()) text += QLatin1Char(' ') + advice;
  return text;
}

}  // namespace atelier
