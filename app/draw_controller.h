// The CLIPDraw tab's controller: its runs (the CLIP from the worker's cache), live prompt edits,
// the finished drawing as SVG and a supersampled image, and the stroke-by-stroke replay.
#pragma once
#include <QImage>
#include <QList>
#include <QString>

#include <memory>

#include "draw_panel.h"
#include "run_controller.h"

namespace atelier {

class DrawController : public RunController {
  Q_OBJECT
 public:
  DrawController(EngineBridge* bridge, DrawPanel* panel, QObject* parent = nullptr);
  ~DrawController() override;

  // A run with these settings and the default CLIP (or clipPath); a stopped run still delivers
  // the drawing so far (resultReady).
  qint64 startRun(const DrawPanel::Settings& settings, const QString& clipPath = {});
  // The ×2 pass: the last drawing (finished or stopped) scaled to twice its canvas, run on with
  // these settings' prompts, iterations and learning rates (a sketch's width doubled too).
  qint64 upscaleRun(const DrawPanel::Settings& settings, const QString& clipPath = {});
  void replay(int frames = 120);  // answers replayReady()

 Q_SIGNALS:
  // svg leaves out the strokes the run faded out entirely; svgWithTransparent keeps them (empty:
  // there were none).
  void resultReady(const QString& svg, const QImage& image, int steps, const QString& svgWithTransparent);
  void replayReady(const QList<QImage>& frames);

 protected:
  void onFrame(const QImage& image, qint64 step) override;
  void showStatus(const QString& text) override;

 private:
  struct State;
  qint64 launch(const DrawPanel::Settings& settings, const QString& clipPath, bool upscale);
  DrawPanel* m_panel;
  std::shared_ptr<State> m_state;  // the last drawing: touched on the worker thread only
  QList<QImage> m_frames;
};

}  // namespace atelier
