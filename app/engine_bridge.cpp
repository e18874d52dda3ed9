#include "engine_bridge.h"

#include <QMetaObject>

namespace atelier {

EngineError EngineError::fromCurrentException() {
  try {
    throw;
  } catch (...) {
    return {current_exception_kind(), QString::fromStdString(describe_current_exception())};
  }
}

EngineBridge::EngineBridge(int threads, QObject* parent)
    : QObject(parent), m_worker(std::make_unique<Worker>(threads)) {
  qRegisterMetaType<atelier::JobProgress>();
  qRegisterMetaType<atelier::EngineError>();
}

EngineBridge::~EngineBridge() {
  // The worker's callbacks still run (the running job ends cancelled) and may post to us;
  // Qt discards events posted to an object once it is destroyed.
  m_worker.reset();
}

qint64 EngineBridge::submit(const QString& name, JobFn fn) {
  JobCallbacks callbacks;
  callbacks.on_progress = [this](int64_t job, const Progress& p) { onProgress(job, p); };
  callbacks.on_frame = [this](int64_t job, Frame&& f) { onFrame(job, std::move(f)); };
  auto finished = [this](const JobResult& result) {
    QMetaObject::invokeMethod(this, [this, result] { onFinished(result); }, Qt::QueuedConnection);
  };
  auto body = [this, name, fn = std::move(fn)](JobContext& ctx) {
    QMetaObject::invokeMethod(this, [this, id = ctx.id(), name] { Q_EMIT started(id, name); }, Qt::QueuedConnection);
    fn(ctx);
  };
  const JobHandle handle = m_worker->submit(name.toStdString(), std::move(body), std::move(callbacks), std::move(finished));
  m_runs.insert(handle.id(), handle);
  if (m_runs.size() == 1) Q_EMIT busyChanged(true);
  return handle.id();
}

qint64 EngineBridge::submitTask(const QString& name, JobFn fn) {
  auto finished = [this](const JobResult& result) {
    if (result.state != JobState::Failed) return;
    QMetaObject::invokeMethod(this, [this, result] {
      Q_EMIT failed(result.id, QString::fromStdString(result.name), EngineError{result.kind, QString::fromStdString(result.message)});
    }, Qt::QueuedConnection);
  };
  return m_worker->submit_task(name.toStdString(), std::move(fn), {}, std::move(finished)).id();
}

void EngineBridge::pause(qint64 job) { m_runs.value(job).pause(); }
void EngineBridge::resume(qint64 job) { m_runs.value(job).resume(); }
void EngineBridge::cancel(qint64 job) {
  if (m_runs.contains(job)) m_worker->cancel(m_runs.value(job));
}

void EngineBridge::setParam(qint64 job, const char* name, const ParamValue& value) { m_runs.value(job).set_param(name, value); }

void EngineBridge::cancelAll() { m_worker->cancel_all(); }

bool EngineBridge::busy() const { return !m_runs.isEmpty(); }

void EngineBridge::setThreads(int threads) { m_worker->set_threads(threads); }

int EngineBridge::threads() const { return m_worker->threads(); }

int EngineBridge::framesInFlight() const {
  std::lock_guard lock(m_mutex);
  return m_framePosted ? 1 : 0;
}

qint64 EngineBridge::framesDropped() const {
  std::lock_guard lock(m_mutex);
  return m_dropped;
}

void EngineBridge::onFrame(int64_t job, Frame&& frame) {
  if (frame.width <= 0 || frame.height <= 0 ||
      frame.rgb.size() != size_t(frame.width) * size_t(frame.height) * 3)
    return;  // a malformed frame is a job's bug; never let it reach the GUI
  // Convert here, on the worker thread: the GUI thread only emits.
  QImage image(frame.rgb.data(), frame.width, frame.height, frame.width * 3, QImage::Format_RGB888);
  image = image.copy();
  QVector<float> state(frame.state.begin(), frame.state.end());
  bool post = false;
  {
    std::lock_guard lock(m_mutex);
    if (m_framePosted) ++m_dropped;  // the previous one was never shown: replace it
    m_frame = std::move(image);
    m_frameJob = job;
    m_frameStep = frame.step;
    m_frameState = std::move(state);
    if (!m_framePosted) m_framePosted = post = true;
  }
  if (post) QMetaObject::invokeMethod(this, &EngineBridge::deliverFrame, Qt::QueuedConnection);
}

void EngineBridge::deliverFrame() {
  QImage image;
  QVector<float> state;
  qint64 job, step;
  {
    std::lock_guard lock(m_mutex);
    image = std::move(m_frame);
    m_frame = QImage();
    state = std::move(m_frameState);
    m_frameState = {};
    job = m_frameJob;
    step = m_frameStep;
    m_framePosted = false;
  }
  if (image.isNull()) return;
  if (!state.isEmpty()) Q_EMIT frameState(job, step, state);
  Q_EMIT frameReady(job, image, step);
}

void EngineBridge::onProgress(int64_t job, const Progress& p) {
  JobProgress jp{job, p.step, p.steps, p.seconds, {}};
  for (const auto& [name, value] : p.losses) jp.values.append({QString::fromStdString(name), value});
  bool post = false;
  {
    std::lock_guard lock(m_mutex);
    if (m_progress.size() >= kMaxQueuedProgress) m_progress.removeFirst();
    m_progress.append(std::move(jp));
    if (!m_progressPosted) m_progressPosted = post = true;
  }
  if (post) QMetaObject::invokeMethod(this, &EngineBridge::deliverProgress, Qt::QueuedConnection);
}

void EngineBridge::deliverProgress() {
  QVector<JobProgress> batch;
  {
    std::lock_guard lock(m_mutex);
    batch.swap(m_progress);
    m_progressPosted = false;
  }
  for (const auto& p : batch) Q_EMIT progress(p);
}

void EngineBridge::onFinished(const JobResult& result) {
  // Whatever the job left in the mailboxes is delivered before its end is announced.
  deliverProgress();
  deliverFrame();
  const QString name = QString::fromStdString(result.name);
  switch (result.state) {
    case JobState::Cancelled: Q_EMIT cancelled(result.id, name); break;
    case JobState::Failed: Q_EMIT failed(result.id, name, EngineError{result.kind, QString::fromStdString(result.message)}); break;
    default: Q_EMIT finished(result.id, name, result.seconds); break;
  }
  if (m_runs.remove(result.id) > 0 && m_runs.isEmpty()) Q_EMIT busyChanged(false);
}

}  // namespace atelier
