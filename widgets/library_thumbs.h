// The Library's thumbnails: decoded on a pool of threads, never on the GUI thread, kept in a
// bounded cache, and handed back on the GUI thread. The pages ask for the thumbnails of what they
// show; when they show something else, the loads they queued are dropped (cancelPending).
#pragma once
#include <QCache>
#include <QImage>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QString>

#include <memory>

class QPalette;
class QThreadPool;

namespace atelier {

class LibraryThumbs : public QObject {
  Q_OBJECT
 public:
  static constexpr int kSide = 128;        // the longer side of a thumbnail, in pixels
  static constexpr int kCacheSize = 2000;  // thumbnails kept

  explicit LibraryThumbs(QObject* parent = nullptr, int side = kSide, int cacheSize = kCacheSize);
  ~LibraryThumbs() override;  // drops the queue and waits for the loads in flight

  int side() const { return m_side; }
  // Whether path's thumbnail is known: then *image is it, or a null image when path is unreadable.
  bool lookup(const QString& path, QImage* image) const;
  // Loads path unless it is known or queued; thumbnailReady follows on this object's thread.
  // Higher priorities load first.
  void request(const QString& path, int priority = 0);
  // Drops the loads not yet started (those in flight still arrive and are cached).
  void cancelPending();
  int pendingCount() const { return int(m_pending.size()); }
  // Waits for the loads queued and in flight, then delivers what they read (for tests).
  bool waitForDone(int msecs = -1);

  // Reads path's thumbnail, at most side pixels a side; a null image when it can't. Thread-safe.
  static QImage load(const QString& path, int side);
  // A grey square of side pixels with text in the middle: the placeholder while loading (no
  // text) or for an unreadable file.
  static QPixmap placeholder(int side, const QString& text, const QPalette& palette);

 Q_SIGNALS:
  void thumbnailReady(const QString& path, const QImage& image);  // a null image: unreadable

 private:
  struct Shared;
  void deliver(const QString& path, const QImage& image);
  QString key(const QString& path) const;

  std::shared_ptr<Shared> m_shared;
  QThreadPool* m_pool;
  QCache<QString, QImage> m_cache;
  QSet<QString> m_pending;
  int m_side;
};

}  // namespace atelier
