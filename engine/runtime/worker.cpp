#include "runtime/worker.h"

#include "runtime/error.h"
#include "runtime/runtime_info.h"

#include <c10/core/GradMode.h>

namespace atelier {

Worker::Worker(int threads) : threads_(threads > 0 ? threads : default_thread_count()) {
  thread_ = std::thread([this] { run(); });
}

Worker::~Worker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
    for (auto& e : queue_) e.control->cancel();
    if (running_) running_->cancel();
  }
  wake_.notify_all();
  thread_.join();
}

JobHandle Worker::submit(std::string name, JobFn fn, JobCallbacks callbacks, FinishedFn finished) {
  std::shared_ptr<JobControl> control;
  {
    std::lock_guard lock(mutex_);
    control = std::make_shared<JobControl>(next_id_++);
    queue_.push_back({std::move(name), control, std::move(fn), std::move(callbacks), std::move(finished)});
  }
  wake_.notify_all();
  return JobHandle(control);
}

void Worker::cancel_all() {
  std::lock_guard lock(mutex_);
  for (auto& e : queue_) e.control->cancel();
  if (running_) running_->cancel();
}

void Worker::set_threads(int threads) {
  std::lock_guard lock(mutex_);
  threads_ = threads > 0 ? threads : default_thread_count();
}

int Worker::threads() const {
  std::lock_guard lock(mutex_);
  return threads_;
}

size_t Worker::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size() + (running_ ? 1 : 0);
}

void Worker::run() {
  for (;;) {
    Entry entry;
    int threads = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, nothing left
      entry = std::move(queue_.front());
      queue_.pop_front();
      running_ = entry.control;
      threads = threads_;
    }
    // OpenMP's thread count is a per-thread setting: apply it here, in the thread that computes.
    apply_thread_count(threads);
    run_one(entry);
    std::lock_guard lock(mutex_);
    running_.reset();
  }
}

void Worker::run_one(Entry& entry) {
  JobResult result{entry.control->id(), entry.name, JobState::Finished, {}, 0.0};
  JobContext ctx(entry.control, entry.callbacks);
  if (entry.control->cancel_requested()) {
    result.state = JobState::Cancelled;
  } else {
    entry.control->set_state(JobState::Running);
    try {
      // Autograd is thread-local: a job turns it on where it optimises something.
      c10::AutoGradMode no_grad(false);
      entry.fn(ctx);
      if (entry.control->cancel_requested()) result.state = JobState::Cancelled;
    } catch (const JobCancelled&) {
      result.state = JobState::Cancelled;
    } catch (...) {
      result.state = JobState::Failed;
      result.message = describe_current_exception();
    }
  }
  result.seconds = ctx.elapsed_seconds();
  entry.control->set_state(result.state);
  if (entry.finished) {
    try {
      entry.finished(result);
    } catch (...) {
      // A client's callback must not take the worker down with it.
    }
  }
}

}  // namespace atelier
