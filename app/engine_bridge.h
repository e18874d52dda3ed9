// The bridge between the engine's worker thread and the GUI. It submits jobs, forwards their
// progress and frames to the event loop with queued calls, and never lets frames pile up: a
// frame waiting for the GUI is replaced by a newer one (at most one is in flight), and progress
// reports wait in a bounded list. The GUI thread never waits on the engine.
#pragma once
#include <QImage>
#include <QMetaType>
#include <QObject>
#include <QPair>
#include <QString>
#include <QVector>

#include <memory>
#include <mutex>

#include "runtime/worker.h"

namespace atelier {

struct JobProgress {
  qint64 job = 0;
  qint64 step = 0;
  qint64 steps = 0;
  double seconds = 0.0;
  QVector<QPair<QString, double>> values;
};

class EngineBridge : public QObject {
  Q_OBJECT
 public:
  explicit EngineBridge(int threads = 0, QObject* parent = nullptr);
  ~EngineBridge() override;  // cancels the running job and joins the worker

  // Queues a job; returns its id. The job runs on the worker thread and becomes the current one.
  qint64 submit(const QString& name, JobFn fn);
  // A short job that answers a request (loading a model, scoring a prompt): it runs on the same
  // worker, in turn, but does not become the current run; only a failure is announced.
  qint64 submitTask(const QString& name, JobFn fn);
  // Control of the latest submitted job.
  void pause();
  void resume();
  void cancel();
  void setParam(const QString& key, const ParamValue& value);
  bool busy() const;
  qint64 currentJob() const { return m_current.id(); }
  void setThreads(int threads);
  int threads() const;

  // For tests and diagnostics: frames posted but not yet delivered now, and at most ever.
  int framesInFlight() const;
  int maxFramesInFlight() const;
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
  void failed(qint64 job, const QString& name, const QString& message);
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
  int m_maxInFlight = 0;
  qint64 m_dropped = 0;
  bool m_progressPosted = false;
  QVector<JobProgress> m_progress;

  JobHandle m_current;
  int m_pending = 0;  // GUI thread only: jobs submitted and not yet finished
  std::unique_ptr<Worker> m_worker;  // last: destroyed first, while the members above still exist
};

}  // namespace atelier

Q_DECLARE_METATYPE(atelier::JobProgress)
