#include "animation_exporter.h"

#include <QPointer>

#include "engine_bridge.h"
#include "image_convert.h"
#include "io/animation.h"
#include "runtime/error.h"

namespace atelier {

AnimationExporter::AnimationExporter(EngineBridge* bridge, QObject* parent) : QObject(parent), m_bridge(bridge) {}

void AnimationExporter::start(const QString& path, const QList<QImage>& frames, const AnimationExport& options) {
  // Only the frames written are converted (the engine enlarges them one at a time as it writes).
  std::vector<Image> converted;
  const QList<int> chosen = options.frameIndices(int(frames.size()));
  converted.reserve(size_t(chosen.size()));
  for (int i : chosen) converted.push_back(toEngineImage(frames[i]));
  AnimationOptions o;
  o.fps = options.fps;
  o.smooth = options.smooth;
  o.hold_last = options.holdSeconds;
  if (!frames.isEmpty()) {
    const QSize size = options.outputSize(frames.first().size());
    o.width = size.width();
    o.height = size.height();
  }
  QPointer<AnimationExporter> self(this);
  m_bridge->submitTask(tr("Exporting"), [self, path, converted = std::move(converted), o](JobContext&) {
    QString error;
    int last = -1;
    try {
      write_animation(path.toStdString(), converted, o, [&](int done, int total) {
        const int percent = total > 0 ? done * 100 / total : 100;
        if (percent != last) {
          last = percent;
          QMetaObject::invokeMethod(self, [self, path, done, total] {
            if (self) Q_EMIT self->progress(path, done, total);
          }, Qt::QueuedConnection);
        }
        return bool(self);  // the window closed: nothing is left behind
      });
    } catch (...) {
      error = QString::fromStdString(describe_current_exception());
    }
    QMetaObject::invokeMethod(self, [self, path, error] {
      if (!self) return;
      if (error.isEmpty()) Q_EMIT self->exported(path);
      else Q_EMIT self->failed(path, error);
    }, Qt::QueuedConnection);
  });
}

}  // namespace atelier
