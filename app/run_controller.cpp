#include "run_controller.h"

#include "engine_bridge.h"
#include "run_view.h"

#include <utility>

namespace atelier {

RunController::RunController(EngineBridge* bridge, RunView* view, QObject* parent)
    : QObject(parent), m_bridge(bridge), m_view(view) {
  connect(view, &RunView::pauseRequested, this, &RunController::pause);
  connect(view, &RunView::resumeRequested, this, &RunController::resume);
  connect(view, &RunView::stopRequested, this, &RunController::stop);
  connect(bridge, &EngineBridge::started, this, [this](qint64 job, const QString&) {
    if (job == m_job && std::exchange(m_waiting, false)) showStatus({});
  });
  connect(bridge, &EngineBridge::progress, this, [this](const JobProgress& p) {
    if (p.job == m_job) m_view->showProgress(p.step, p.steps, p.seconds, p.values);
  });
  connect(bridge, &EngineBridge::frameState, this, [this](qint64 job, qint64 step, const QVector<float>& state) {
    if (job == m_job) onState(step, state);
  });
  connect(bridge, &EngineBridge::frameReady, this, [this](qint64 job, const QImage& image, qint64 step) {
    if (job != m_job) return;
    m_view->showFrame(image, step);
    onFrame(image, step);
  });
  auto end = [this](qint64 job) {
    if (job != m_job) return;
    m_view->setState(RunView::State::Idle);
    onEnded();
    Q_EMIT ended(job);
  };
  connect(bridge, &EngineBridge::finished, this, [end](qint64 job, const QString&, double) { end(job); });
  connect(bridge, &EngineBridge::cancelled, this, [end](qint64 job, const QString&) { end(job); });
  connect(bridge, &EngineBridge::failed, this, [end](qint64 job, const QString&, const EngineError&) { end(job); });
}

qint64 RunController::start(const QString& name, JobFn fn) {
  const bool waits = m_bridge->busy();
  m_view->clear();
  m_view->setState(RunView::State::Running);
  // Models load for seconds before the first step: say so from the click on.
  m_view->showStarting();
  m_job = m_bridge->submit(name, std::move(fn));
  m_waiting = waits;
  // The last run's lines (saved, stopped, failed) don't belong to this one.
  showStatus(waits ? tr("Waiting: another tab's run goes first (its Stop ends it).") : QString());
  return m_job;
}

bool RunController::active() const { return m_job != 0 && m_bridge->isActive(m_job); }

void RunController::pause() {
  if (!active()) return;
  m_bridge->pause(m_job);
  m_view->setState(RunView::State::Paused);
}

void RunController::resume() {
  if (!active()) return;
  m_bridge->resume(m_job);
  m_view->setState(RunView::State::Running);
}

void RunController::stop() {
  if (active()) m_bridge->cancel(m_job);
}

void RunController::setParam(const char* name, const ParamValue& value) {
  if (active()) m_bridge->setParam(m_job, name, value);
}

void RunController::onFrame(const QImage&, qint64) {}
void RunController::onState(qint64, const QVector<float>&) {}
void RunController::onEnded() {}
void RunController::showStatus(const QString&) {}

}  // namespace atelier
