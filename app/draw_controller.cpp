#include "draw_controller.h"

#include <QMetaObject>
#include <QPointer>

#include <algorithm>

#include "clip/clip.h"
#include "draw/clipdraw.h"
#include "engine_bridge.h"
#include "image_convert.h"
#include "run_view.h"
#include "runtime/error.h"

namespace atelier {

struct DrawController::State {
  draw::Drawing drawing;
  bool hasDrawing = false;
};

DrawController::DrawController(EngineBridge* bridge, DrawPanel* panel, QObject* parent)
    : RunController(bridge, panel->runView(), parent), m_panel(panel), m_state(std::make_shared<State>()) {
  connect(panel->runView(), &RunView::runRequested, this, [this] { startRun(m_panel->settings()); });
  connect(panel, &DrawPanel::promptsEdited, this, [this](const QString& prompts) {
    if (!prompts.trimmed().isEmpty()) setParam(param::prompts, prompts.toStdString());
  });
  connect(this, &DrawController::resultReady, panel, [this](const QString& svg, const QImage& image, int steps, const QString& svgAll) {
    m_panel->setResult(svg, image, m_frames, svgAll);
    m_panel->setStatus(tr("%n step(s) done: replay or export the drawing.", nullptr, steps));
  });
  connect(panel, &DrawPanel::replayRequested, this, [this] { replay(); });
  connect(panel, &DrawPanel::upscaleRequested, this, [this] { upscaleRun(m_panel->settings()); });
  connect(this, &DrawController::replayReady, panel, &DrawPanel::playReplay);
}

DrawController::~DrawController() = default;

qint64 DrawController::startRun(const DrawPanel::Settings& s, const QString& clipPath) { return launch(s, clipPath, false); }

qint64 DrawController::upscaleRun(const DrawPanel::Settings& s, const QString& clipPath) { return launch(s, clipPath, true); }

qint64 DrawController::launch(const DrawPanel::Settings& s, const QString& clipPath, bool upscale) {
  draw::DrawOptions o;
  o.prompts = s.prompts.trimmed().isEmpty() ? draw::DrawOptions{}.prompts : s.prompts.toStdString();
  o.style = s.style.toStdString();
  o.paths = s.strokes;
  o.max_width = s.maxWidth;
  o.closed = s.filled && !s.sketch;
  o.sketch = s.sketch;
  o.sketch_width = s.sketchWidth;
  // A sketch's widths are not optimised, so the (hidden) maximum width must not limit its own.
  if (s.sketch) o.max_width = std::max(s.maxWidth, s.sketchWidth);
  o.steps = s.iterations;
  o.seed = uint64_t(s.seed);
  o.size = s.size;
  o.background = {s.background.redF(), s.background.greenF(), s.background.blueF()};
  m_frames.clear();
  m_panel->setStatus({});
  QPointer<DrawController> self(this);
  auto state = m_state;
  const std::string requested = clipFor(clipPath).toStdString();
  return start(upscale ? tr("CLIPDraw ×2") : tr("CLIPDraw"), [self, state, o, requested, upscale](JobContext& ctx) mutable {
    if (upscale) {
      // The last drawing lives on this (the worker's) thread: at twice its canvas.
      if (!state->hasDrawing) throw Error(ErrorKind::InvalidArgument, "there is no finished drawing to continue at twice its size");
      o.start = draw::scale_drawing(state->drawing, 2.0);
      o.size = o.start->width;
      o.max_width *= 2;
      o.sketch_width *= 2;
      o.max_segments = std::max(o.max_segments, [&] {
        int most = 1;
        for (const draw::StrokePath& p : o.start->paths) most = std::max(most, p.segments);
        return most;
      }());
    }
    auto clip = clip::shared_clip(ctx.models(), requested);
    const draw::DrawResult r = draw::run_clipdraw(*clip, o, &ctx);
    state->drawing = r.drawing;
    state->hasDrawing = true;
    const QString svg = QString::fromStdString(draw::to_svg(r.drawing));
    // The export's option keeps the faded-out strokes: that SVG too, when there are any.
    const bool faded = std::any_of(r.drawing.paths.begin(), r.drawing.paths.end(), draw::is_transparent);
    const QString svgAll = faded ? QString::fromStdString(draw::to_svg(r.drawing, {.keep_transparent = true})) : QString();
    const QImage image = toQImage(draw::render_drawing(r.drawing, 4));
    const int steps = int(r.steps);
    // Posted before the job's end, so the drawing is in the panel when the run is reported over.
    QMetaObject::invokeMethod(self, [self, svg, image, steps, svgAll] {
      if (self) Q_EMIT self->resultReady(svg, image, steps, svgAll);
    }, Qt::QueuedConnection);
  });
}

void DrawController::replay(int frames) {
  auto state = m_state;
  bridge()->ask<QList<QImage>>(this, tr("Replaying strokes"), [state, frames] {
    QList<QImage> out;
    if (state->hasDrawing) {
      const int n = int(state->drawing.paths.size());
      const int every = std::max(1, n / std::max(1, frames));
      for (int k = 0; k <= n; k += every) out << toQImage(draw::render_drawing(state->drawing, 1, k));
      if (n % every != 0) out << toQImage(draw::render_drawing(state->drawing, 1, n));
    }
    return out;
  }, [this](const QList<QImage>& out, const EngineError&) { Q_EMIT replayReady(out); });
}

void DrawController::onFrame(const QImage& image, qint64) {
  if (m_frames.size() < kMaxKeptFrames) m_frames << image;
}

void DrawController::showStatus(const QString& text) { m_panel->setStatus(text); }

}  // namespace atelier
