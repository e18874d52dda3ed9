// Writes a run's frames as an animation (.gif, .webp, .mp4) on the engine thread, atomically,
// with progress: what the GAN, CLIP + VQGAN and CLIPDraw tabs share. Each tab has its own
// exporter, so answers go to the tab that asked. Signals are queued from the worker.
#pragma once
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

#include "export_dialog.h"

namespace atelier {

class EngineBridge;

class AnimationExporter : public QObject {
  Q_OBJECT
 public:
  explicit AnimationExporter(EngineBridge* bridge, QObject* parent = nullptr);
  // Writes what options say: every Nth of frames (and the last), at options.outputSize of the
  // first frame's size, nearest or smooth, at options.fps, the last frame held holdSeconds more.
  // The default options write every frame as it is, at 24 fps.
  void start(const QString& path, const QList<QImage>& frames, const atelier::AnimationExport& options = atelier::AnimationExport());

 Q_SIGNALS:
  void progress(const QString& path, int done, int total);  // at most every whole percent
  void exported(const QString& path);
  void failed(const QString& path, const QString& message);

 private:
  EngineBridge* m_bridge;
};

}  // namespace atelier
