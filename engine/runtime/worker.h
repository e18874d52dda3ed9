// The engine's worker: one thread that owns the models and runs the jobs. It takes two kinds:
//
// - runs (submit): long optimisations and trainings, one at a time, in the order submitted;
// - tasks (submit_task): short answers to a person waiting (scoring a prompt, sampling a GAN,
//   a zero-shot), in the order submitted, ahead of every run still queued.
//
// A long run never blocks a short answer: a run calls JobContext::checkpoint() once per step,
// and there the worker first runs every task waiting, then goes on with the run; a paused run
// wakes for tasks the same way. So a task waits for at most the rest of one step of the run,
// and everything still happens on one thread: the models, which are not thread-safe, are
// shared by runs and tasks without locks, and the cores are not split between two computations
// (on two cores, two concurrent jobs would each run at half speed). Tasks do not yield to one
// another. The models live in the worker's ModelCache, reached through JobContext::models().
//
// Callbacks run on the worker thread; clients forward them (the GUI's bridge posts them to the
// event loop, dropping stale frames).
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/error.h"
#include "runtime/job.h"
#include "runtime/model_cache.h"

namespace atelier {

struct JobResult {
  int64_t id = 0;
  std::string name;
  JobState state = JobState::Finished;  // Finished, Cancelled or Failed
  ErrorKind kind = ErrorKind::Internal;  // for a failed job: what went wrong, for the client to word
  std::string message;                  // the error, for a failed job
  double seconds = 0.0;
};

using JobFn = std::function<void(JobContext&)>;
using FinishedFn = std::function<void(const JobResult&)>;

// A client's hold on a submitted job: thread-safe, cheap to copy, valid after the job ends.
class JobHandle {
 public:
  JobHandle() = default;
  explicit JobHandle(std::shared_ptr<JobControl> control) : control_(std::move(control)) {}

  bool valid() const { return control_ != nullptr; }
  int64_t id() const { return control_ ? control_->id() : 0; }
  JobState state() const { return control_ ? control_->state() : JobState::Finished; }
  void pause() const { if (control_) control_->pause(); }
  void resume() const { if (control_) control_->resume(); }
  void cancel() const { if (control_) control_->cancel(); }
  void set_param(const std::string& key, ParamValue value) const {
    if (control_) control_->set_param(key, std::move(value));
  }

 private:
  std::shared_ptr<JobControl> control_;
};

class Worker {
 public:
  // threads: intra-op threads for LibTorch in the worker (<= 0: all cores).
  explicit Worker(int threads = 0);
  // Cancels the running job and every queued one, then joins the thread.
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // A run: queued behind the runs before it.
  JobHandle submit(std::string name, JobFn fn, JobCallbacks callbacks = {}, FinishedFn finished = {});
  // A short task: runs before any queued run, and between two steps of the running one.
  JobHandle submit_task(std::string name, JobFn fn, JobCallbacks callbacks = {}, FinishedFn finished = {});
  // Cancels a job; one still queued ends at once (its finished() says Cancelled) instead of
  // waiting for the runs ahead of it.
  void cancel(const JobHandle& job);
  void cancel_all();
  // Takes effect at the start of the next job.
  void set_threads(int threads);
  int threads() const;
  // Jobs queued or running (runs and tasks).
  size_t pending() const;
  ModelCache& models() { return models_; }

 private:
  struct Entry {
    std::string name;
    std::shared_ptr<JobControl> control;
    JobFn fn;
    JobCallbacks callbacks;
    FinishedFn finished;
  };
  JobHandle enqueue(std::deque<Entry>& queue, std::string name, JobFn fn, JobCallbacks callbacks, FinishedFn finished);
  void run();
  void run_one(Entry& entry, bool is_task);
  void serve_tasks();  // worker thread: runs the tasks waiting now (called from a run's checkpoint)

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> runs_;
  std::deque<Entry> tasks_;
  std::shared_ptr<JobControl> running_;  // the run in progress (tasks poke it while it is paused)
  int tasks_running_ = 0;
  bool stop_ = false;
  int threads_ = 0;
  int64_t next_id_ = 1;
  ModelCache models_;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace atelier
