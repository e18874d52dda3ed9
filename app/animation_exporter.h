// Writes a run's frames as an animation (.gif, .webp, .mp4) on the engine thread, atomically,
// with progress: what the GAN, CLIP + VQGAN and CLIPDraw tabs share. Each tab has its own
// exporter, so answers go to the tab that asked. Signals are queued from the worker.
#pragma once
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

namespace atelier {

class EngineBridge;

class AnimationExporter : public QObject {
  Q_OBJECT
 public:
  explicit AnimationExporter(EngineBridge* bridge, QObject* parent = nullptr);
  // scale: nearest-neighbour enlargement (0: enough to make the frames at least 256 px).
  void start(const QString& path, const QList<QImage>& frames, double fps = 24.0, int scale = 0);

 Q_SIGNALS:
  void progress(const QString& path, int done, int total);  // at most every whole percent
  void exported(const QString& path);
  void failed(const QString& path, const QString& message);

 private:
  EngineBridge* m_bridge;
};

}  // namespace atelier
