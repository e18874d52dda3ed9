// The engine's worker: one thread that owns the models and runs one job at a time, in the
// order submitted. Callbacks run on the worker thread; clients forward them (the GUI's bridge
// posts them to the event loop, dropping stale frames).
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/job.h"

namespace atelier {

struct JobResult {
  int64_t id = 0;
  std::string name;
  JobState state = JobState::Finished;  // Finished, Cancelled or Failed
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

  JobHandle submit(std::string name, JobFn fn, JobCallbacks callbacks = {}, FinishedFn finished = {});
  void cancel_all();
  // Takes effect at the start of the next job.
  void set_threads(int threads);
  int threads() const;
  // Jobs queued or running.
  size_t pending() const;

 private:
  struct Entry {
    std::string name;
    std::shared_ptr<JobControl> control;
    JobFn fn;
    JobCallbacks callbacks;
    FinishedFn finished;
  };
  void run();
  void run_one(Entry& entry);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> queue_;
  std::shared_ptr<JobControl> running_;
  bool stop_ = false;
  int threads_ = 0;
  int64_t next_id_ = 1;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace atelier
