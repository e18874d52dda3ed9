#include "animation_exporter.h"

#include <QPointer>

#include <algorithm>

#include "engine_bridge.h"
#include "image_convert.h"
#include "io/animation.h"
#include "runtime/error.h"

namespace atelier {

AnimationExporter::AnimationExporter(EngineBridge* bridge, QObject* parent) : QObject(parent), m_bridge(bridge) {}

void AnimationExporter::start(const QString& path, const QList<QImage>& frames, double fps, int scale) {
  std::vector<Image> converted;
  converted.reserve(size_t(frames.size()));
  int side = 0;
  for (const QImage& f : frames) {
    converted.push_back(toEngineImage(f));
    side = std::max(side, std::min(f.width(), f.height()));
  }
  if (scale <= 0) scale = std::max(1, 256 / std::max(1, side));
  QPointer<AnimationExporter> self(this);
  m_bridge->submitTask(tr("Exporting"), [self, path, converted = std::move(converted), fps, scale](JobContext&) {
    QString error;
    int last = -1;
    try {
      AnimationOptions o;
      o.fps = fps;
      o.scale = scale;
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
