// The bridge between the engine's worker thread and the GUI. It submits jobs, forwards their
// progress and frames to the event loop with queued calls, and never lets frames pile up: a
// frame waiting for the GUI is replaced by a newer one (at most one is in flight), and progress
// reports wait in a bounded list. The GUI thread never waits on the engine.
//
// Two kinds of job (see engine/runtime/worker.h): runs (submit), which a tab controls by their
// id, and short tasks (submitTask, ask), which the worker answers between a run's steps.
#pragma once
#include <QHash>
#include <QImage>
#include <QMetaObject>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QVector>

#include <memory>
#include <mutex>
#include <type_traits>

#include "runtime/error.h"
#include "runtime/worker.h"

namespace atelier {

struct JobProgress {
  qint64 job = 0;
  qint64 step = 0;
  qint64 steps = 0;
  double seconds = 0.0;
  QVector<QPair<QString, double>> values;
};

// A failure as the engine reported it: its kind (for the GUI to word) and the engine's detail.
struct EngineError {
  ErrorKind kind = ErrorKind::Internal;
  QString detail;
  bool isNull() const { return detail.isEmpty(); }
  static EngineError fromCurrentException();  // inside a catch block
};

class EngineBridge : public QObject {
  Q_OBJECT
 public:
  explicit EngineBridge(int threads = 0, QObject* parent = nullptr);
  ~EngineBridge() override;  // cancels the running job and joins the worker

  // Queues a run; returns its id. Its frames, progress and end are announced with its id.
  qint64 submit(const QString& name, JobFn fn);
  // A short task that answers a request (scoring a prompt, sampling): it runs ahead of queued
  // runs and between the running run's steps; only a failure is announced (failed()).
  qint64 submitTask(const QString& name, JobFn fn);
  // Runs fn() on the worker as a task and hands its result to done(result, error) on the GUI
  // thread, if receiver still lives then. error.isNull() when fn returned.
  template <typename Result, typename Fn, typename Done>
  void ask(QObject* receiver, const QString& name, Fn fn, Done done);

  // Control of one run, by id; a finished or unknown id is ignored.
  void pause(qint64 job);
  void resume(qint64 job);
  void cancel(qint64 job);
  void setParam(qint64 job, const char* name, const ParamValue& value);
  bool isActive(qint64 job) const { return m_runs.contains(job); }  // queued, running or paused
  void cancelAll();
  bool busy() const;
  void setThreads(int threads);
  int threads() const;
  ModelCache& models() { return m_worker->models(); }

  // For tests and diagnostics: frames posted but not yet delivered now, and dropped so far.
  int framesInFlight() const;
  qint64 framesDropped() const;

  static constexpr int kMaxQueuedProgress = 4096;

 Q_SIGNALS:
  void started(qint64 job, const QString& name);
  void progress(const atelier::JobProgress& progress);
  void frameReady(qint64 job, const QImage& image, qint64 step);
  // Just before frameReady, when the frame carries the job's latent (guided runs restart from it).
  void frameState(qint64 job, qint64 step, const QVector<float>& state);
  void finished(qint64 job, const QString& name, double seconds);
  void cancelled(qint64 job, const QString& name);
  void failed(qint64 job, const QString& name, const atelier::EngineError& error);
  void busyChanged(bool busy);

 private:
  void onFrame(int64_t job, Frame&& frame);        // worker thread
  void onProgress(int64_t job, const Progress& p);  // worker thread
  void deliverFrame();                              // GUI thread
  void deliverProgress();                           // GUI thread
  void onFinished(const JobResult& result);         // GUI thread

  mutable std::mutex m_mutex;
  bool m_framePosted = false;
  qint64 m_frameJob = 0;
  qint64 m_frameStep = 0;
  QImage m_frame;
  QVector<float> m_frameState;
  qint64 m_dropped = 0;
  bool m_progressPosted = false;
  QVector<JobProgress> m_progress;

  QHash<qint64, JobHandle> m_runs;   // GUI thread only: runs submitted and not yet finished
  std::unique_ptr<Worker> m_worker;  // last: destroyed first, while the members above still exist
};

template <typename Result, typename Fn, typename Done>
void EngineBridge::ask(QObject* receiver, const QString& name, Fn fn, Done done) {
  QPointer<QObject> self(receiver);
  // The answer is posted to the bridge, which outlives its worker, and delivered if receiver lives.
  m_worker->submit_task(name.toStdString(), [this, self, fn = std::move(fn), done = std::move(done)](JobContext& ctx) mutable {
    Result result{};
    EngineError error;
    try {
      if constexpr (std::is_invocable_v<Fn&, JobContext&>) result = fn(ctx);
      else result = fn();
    } catch (...) {
      error = EngineError::fromCurrentException();
    }
    QMetaObject::invokeMethod(this, [self, done, result = std::move(result), error] {
      if (self) done(result, error);
    }, Qt::QueuedConnection);
  });
}

}  // namespace atelier

Q_DECLARE_METATYPE(atelier::JobProgress)
Q_DECLARE_METATYPE(atelier::EngineError)
