// What a tab with long runs (CLIP + VQGAN, CLIPDraw) shares: its RunView wired to its own run.
// Pause, Resume and Stop act on this tab's run only (by job id); the run's progress and frames
// reach this tab's view only; live edits go to this run only. A run started while another
// tab's run goes on waits its turn, and the view says so.
#pragma once
#include <QImage>
#include <QObject>
#include <QString>
#include <QVector>

#include "runtime/worker.h"

namespace atelier {

class EngineBridge;
class RunView;
struct EngineError;

class RunController : public QObject {
  Q_OBJECT
 public:
  RunController(EngineBridge* bridge, RunView* view, QObject* parent = nullptr);

  // Starts fn as this tab's run (the view is cleared); returns its id.
  qint64 start(const QString& name, JobFn fn);
  qint64 job() const { return m_job; }
  bool active() const;  // queued, running or paused
  void pause();
  void resume();
  void stop();
  RunView* view() const { return m_view; }
  // The CLIP a run uses when none is named: the CLIP tab's (set when it loads), so a run never
  // reaches for a default the CLIP tab fell back from. Empty: the engine's default.
  void setDefaultClip(const QString& path) { m_defaultClip = path; }
  QString clipFor(const QString& requested) const { return requested.isEmpty() ? m_defaultClip : requested; }
  // Frames a tab keeps of its run, for the animation export (~4000 x 128² RGB: 200 MB at most).
  static constexpr int kMaxKeptFrames = 4000;

 Q_SIGNALS:
  void ended(qint64 job);  // finished, stopped or failed: the view is idle again

 protected:
  // A parameter of the running job, if there is one (param:: names in runtime/job.h).
  void setParam(const char* name, const ParamValue& value);
  EngineBridge* bridge() const { return m_bridge; }
  // Hooks for the tab: each frame and latent of this tab's run, its end, a line of status.
  virtual void onFrame(const QImage& image, qint64 step);
  virtual void onState(qint64 step, const QVector<float>& state);
  virtual void onEnded();
  virtual void showStatus(const QString& text);

 private:
  EngineBridge* m_bridge;
  RunView* m_view;
  qint64 m_job = 0;
  bool m_waiting = false;  // queued behind another tab's run, and the view says so
  QString m_defaultClip;
};

}  // namespace atelier
