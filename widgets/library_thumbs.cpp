// The Library's thumbnails, read on a thread pool and handed back on the GUI thread.
#include "library_thumbs.h"

#include <QCoreApplication>
#include <QImageReader>
#include <QPainter>
#include <QPalette>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>

#include "image_guard.h"

namespace atelier {

// What the queued loads share with the loader: they look at it, never at the loader, before
// they read a file (a load queued by a generation that was superseded does nothing).
struct LibraryThumbs::Shared {
  std::atomic<bool> stopped{false};
  std::atomic<quint64> generation{0};
};

LibraryThumbs::LibraryThumbs(QObject* parent, int side, int cacheSize)
    : QObject(parent), m_shared(std::make_shared<Shared>()), m_pool(new QThreadPool(this)), m_cache(cacheSize), m_side(side) {
  // Half the cores at most: the index, when it runs, decodes and encodes on the others.
  m_pool->setMaxThreadCount(std::clamp(QThread::idealThreadCount() / 2, 1, 4));
  m_pool->setObjectName(QStringLiteral("libraryThumbnails"));
}

LibraryThumbs::~LibraryThumbs() {
  // No load may deliver to a destroyed loader: those queued go, those in flight are waited for
  // (one file each at most). What they post to this object is dropped with it.
  m_shared->stopped = true;
  m_pool->clear();
  m_pool->waitForDone();
}

QString LibraryThumbs::key(const QString& path) const { return QString::number(m_side) + QLatin1Char('|') + path; }

bool LibraryThumbs::lookup(const QString& path, QImage* image) const {
  const QImage* cached = m_cache.object(key(path));
  if (!cached) return false;
  if (image) *image = *cached;
  return true;
}

void LibraryThumbs::request(const QString& path, int priority) {
  if (path.isEmpty() || m_pending.contains(path) || m_cache.contains(key(path))) return;
  m_pending.insert(path);
  const std::shared_ptr<Shared> shared = m_shared;
  const quint64 generation = shared->generation.load();
  const int side = m_side;
  m_pool->start(
      [this, shared, generation, side, path] {
        if (shared->stopped || shared->generation.load() != generation) return;
        const QImage image = load(path, side);
        if (shared->stopped) return;
        // This object lives until the pool is done (the destructor waits), so posting to it is
        // safe; the call runs on its thread.
        QMetaObject::invokeMethod(this, [this, path, image] { deliver(path, image); }, Qt::QueuedConnection);
      },
      priority);
}

void LibraryThumbs::cancelPending() {
  ++m_shared->generation;
  m_pool->clear();
  m_pending.clear();
}

bool LibraryThumbs::waitForDone(int msecs) {
  const bool done = m_pool->waitForDone(msecs);
  QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
  return done;
}

void LibraryThumbs::deliver(const QString& path, const QImage& image) {
  m_pending.remove(path);
  m_cache.insert(key(path), new QImage(image));
  Q_EMIT thumbnailReady(path, image);
}

QImage LibraryThumbs::load(const QString& path, int side) {
  // The header's size and the PNG chunks first: a file that claims a huge image is not decoded.
  if (!image_guard::problem(path).isEmpty()) return {};
  QImageReader reader(path);
  reader.setAutoTransform(true);
  // The scaled size is of the stored image, before its orientation is applied: both fit in side.
  const QSize size = reader.size();
  if (size.isValid() && (size.width() > side || size.height() > side))
    reader.setScaledSize(size.scaled(side, side, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
  QImage image = reader.read();
  if (image.isNull()) return {};
  if (image.width() > side || image.height() > side)
    image = image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  return image;
}

QPixmap LibraryThumbs::placeholder(int side, const QString& text, const QPalette& palette) {
  QPixmap pixmap(side, side);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(palette.color(QPalette::Mid), 1));
  p.setBrush(palette.color(QPalette::Button));
  p.drawRoundedRect(QRectF(0.5, 0.5, side - 1, side - 1), 4, 4);
  if (!text.isEmpty()) {
    QFont font = p.font();
    font.setPixelSize(std::max(8, side / 9));
    p.setFont(font);
    p.setPen(palette.color(QPalette::PlaceholderText));
    p.drawText(QRect(2, 2, side - 4, side - 4), Qt::AlignCenter | Qt::TextWordWrap, text);
  }
  return pixmap;
}

}  // namespace atelier
