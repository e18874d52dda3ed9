#include "draw_controller.h"

#include <QMetaObject>
#include <QPointer>

#include "clip/clip.h"
#include "draw/clipdraw.h"
#include "engine_bridge.h"
#include "image_convert.h"
#include "io/animation.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace atelier {

struct DrawController::State {
  std::unique_ptr<clip::Clip> clip;
  std::string clipPath;
  draw::Drawing drawing;
  bool hasDrawing = false;
};

DrawController::DrawController(EngineBridge* bridge, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_state(std::make_shared<State>()) {}

DrawController::~DrawController() = default;

JobFn DrawController::job(const DrawPanel::Settings& s, const QString& clipPath) {
  draw::DrawOptions o;
  o.prompts = s.prompts.trimmed().isEmpty() ? std::string("a red heart") : s.prompts.toStdString();
  o.style = s.style.toStdString();
  o.paths = s.strokes;
  o.max_width = s.maxWidth;
  o.closed = s.filled;
  o.steps = s.iterations;
  o.seed = uint64_t(s.seed);
  o.size = s.size;
  o.background = {s.background.redF(), s.background.greenF(), s.background.blueF()};
  QPointer<DrawController> self(this);
  auto state = m_state;
  const std::string requested = clipPath.toStdString();
  return [self, state, o, requested](JobContext& ctx) {
    const std::string path = requested.empty() ? find_default_clip().string() : requested;
    if (path.empty()) throw Error(ErrorKind::NotFound, "no CLIP model is installed; Models ▸ Model Folders shows where checkpoints go");
    if (!state->clip || state->clipPath != path) {
      state->clip = std::make_unique<clip::Clip>(clip::Clip::load(path));
      state->clipPath = path;
    }
    const draw::DrawResult r = draw::run_clipdraw(*state->clip, o, &ctx);
    state->drawing = r.drawing;
    state->hasDrawing = true;
    const QString svg = QString::fromStdString(draw::to_svg(r.drawing));
    const QImage image = toQImage(draw::render_drawing(r.drawing, 4));
    const int steps = int(r.steps);
    QMetaObject::invokeMethod(self, [self, svg, image, steps] {
      if (self) Q_EMIT self->resultReady(svg, image, steps);
    }, Qt::QueuedConnection);
    if (r.stopped) throw JobCancelled{};  // reported as stopped, with its drawing kept
  };
}

void DrawController::replay(int frames) {
  QPointer<DrawController> self(this);
  auto state = m_state;
  m_bridge->submitTask(tr("Replaying strokes"), [self, state, frames](JobContext&) {
    QList<QImage> out;
    if (state->hasDrawing) {
      const int n = int(state->drawing.paths.size());
      const int every = std::max(1, n / std::max(1, frames));
      for (int k = 0; k <= n; k += every) out << toQImage(draw::render_drawing(state->drawing, 1, k));
      if (n % every != 0) out << toQImage(draw::render_drawing(state->drawing, 1, n));
    }
    QMetaObject::invokeMethod(self, [self, out] {
      if (self) Q_EMIT self->replayReady(out);
    }, Qt::QueuedConnection);
  });
}

}  // namespace atelier
