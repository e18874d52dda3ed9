// The CLIPDraw tab's link to the engine: the run as a job (CLIP loaded on the worker, kept for
// the next run), its finished drawing as SVG and a supersampled image, the stroke-by-stroke
// replay. Answers come as queued signals.
#pragma once
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

#include "guided_panel.h"
#include "runtime/worker.h"

namespace atelier {

class EngineBridge;

class DrawController : public QObject {
  Q_OBJECT
 public:
  explicit DrawController(EngineBridge* bridge, QObject* parent = nullptr);
  ~DrawController() override;

  // The job for the bridge: runs CLIPDraw with the panel's settings and the default CLIP
  // (or clipPath); a stopped run still delivers the drawing so far.
  JobFn job(const DrawPanel::Settings& settings, const QString& clipPath = {});
  void replay(int frames = 120);  // answers replayReady()

 Q_SIGNALS:
  void resultReady(const QString& svg, const QImage& image, int steps);
  void replayReady(const QList<QImage>& frames);

 private:
  struct State;
  EngineBridge* m_bridge;
  std::shared_ptr<State> m_state;  // touched on the worker thread only
};

}  // namespace atelier
