#include "image_guard.h"

#include <QCoreApplication>
#include <QFile>
#include <QImageReader>

namespace atelier::image_guard {

namespace {

quint32 be32(const char* p) {
  return quint32(uchar(p[0])) << 24 | quint32(uchar(p[1])) << 16 | quint32(uchar(p[2])) << 8 | uchar(p[3]);
}

QString pngProblem(QFile& f) {
  const qint64 size = f.size();
  for (qint64 pos = 8; pos + 12 <= size;) {
    if (!f.seek(pos)) return QCoreApplication::translate("atelier::ImageGuard", "the file can't be read");
    const QByteArray head = f.read(8);
    if (head.size() != 8) return QCoreApplication::translate("atelier::ImageGuard", "the file is cut short");
    const qint64 length = be32(head.constData());
    if (length > size - pos - 12) return QCoreApplication::translate("atelier::ImageGuard", "a damaged PNG file (a chunk of %1 bytes in a file of %2)").arg(length).arg(size);
    if (head.mid(4, 4) == "IEND") break;
    pos += 12 + length;
  }
  return {};
}

}  // namespace

QString problem(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return f.errorString();
  if (f.peek(8) == QByteArray("\x89PNG\r\n\x1a\n", 8)) {
    if (QString why = pngProblem(f); !why.isEmpty()) return why;
  }
  QImageReader reader(path);
  const QSize s = reader.size();
  if (!s.isValid()) return {};  // the decoder will say what it can't read
  const qint64 w = s.width(), h = s.height();
  if (w <= 0 || h <= 0) return QCoreApplication::translate("atelier::ImageGuard", "it claims %1 x %2 pixels").arg(w).arg(h);
  if (w * h > kMaxPixels || w > kMaxSide || h > kMaxSide)
    return QCoreApplication::translate("atelier::ImageGuard", "it is %1 x %2 pixels, more than the limit of %3 megapixels (%4 pixels a side)").arg(w).arg(h).arg(kMaxPixels >> 20).arg(kMaxSide);
  if (std::max(w, h) > kMaxAspect * std::min(w, h))
    return QCoreApplication::translate("atelier::ImageGuard", "it is %1 x %2 pixels, longer than %3 times its width or height").arg(w).arg(h).arg(kMaxAspect);
  return {};
}

}  // namespace atelier::image_guard
