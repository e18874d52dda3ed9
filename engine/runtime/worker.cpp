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
    for (auto& e : runs_) e.control->cancel();
    for (auto& e : tasks_) e.control->cancel();
    if (running_) running_->cancel();
  }
  wake_.notify_all();
  thread_.join();
}

JobHandle Worker::enqueue(std::deque<Entry>& queue, std::string name, JobFn fn, JobCallbacks callbacks,
                          FinishedFn finished) {
  std::shared_ptr<JobControl> control;
  std::shared_ptr<JobControl> running;
  {
    std::lock_guard lock(mutex_);
    control = std::make_shared<JobControl>(next_id_++);
    queue.push_back({std::move(name), control, std::move(fn), std::move(callbacks), std::move(finished)});
    if (&queue == &tasks_) running = running_;
  }
  wake_.notify_all();
  if (running) running->poke();  // a paused run wakes to serve the task
  return JobHandle(control);
}

JobHandle Worker::submit(std::string name, JobFn fn, JobCallbacks callbacks, FinishedFn finished) {
  return enqueue(runs_, std::move(name), std::move(fn), std::move(callbacks), std::move(finished));
}

JobHandle Worker::submit_task(std::string name, JobFn fn, JobCallbacks callbacks, FinishedFn finished) {
  return enqueue(tasks_, std::move(name), std::move(fn), std::move(callbacks), std::move(finished));
}

void Worker::cancel(const JobHandle& job) {
  job.cancel();
  std::shared_ptr<JobControl> running;
  {
    std::lock_guard lock(mutex_);
    for (auto it = runs_.begin(); it != runs_.end(); ++it)
      if (it->control->id() == job.id()) {
        // Ended as the next task: run_one sees it cancelled and reports it, on the worker thread.
        tasks_.push_front(std::move(*it));
        runs_.erase(it);
        running = running_;
        break;
      }
  }
  wake_.notify_all();
  if (running) running->poke();
}

void Worker::cancel_all() {
  std::lock_guard lock(mutex_);
  for (auto& e : runs_) e.control->cancel();
  for (auto& e : tasks_) e.control->cancel();
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
  return runs_.size() + tasks_.size() + size_t(tasks_running_) + (running_ ? 1 : 0);
}

void Worker::run() {
  for (;;) {
    Entry entry;
    bool is_task = false;
    int threads = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stop_ || !runs_.empty() || !tasks_.empty(); });
      if (runs_.empty() && tasks_.empty()) return;  // stopping, nothing left
      is_task = !tasks_.empty();
      auto& queue = is_task ? tasks_ : runs_;
      entry = std::move(queue.front());
      queue.pop_front();
      if (is_task) ++tasks_running_;
      else running_ = entry.control;
      threads = threads_;
    }
    // OpenMP's thread count is a per-thread setting: apply it here, in the thread that computes.
    apply_thread_count(threads);
    run_one(entry, is_task);
    std::lock_guard lock(mutex_);
    if (is_task) --tasks_running_;
    else running_.reset();
  }
}

void Worker::serve_tasks() {
  for (;;) {
    Entry entry;
    {
      std::lock_guard lock(mutex_);
      if (tasks_.empty()) return;
      entry = std::move(tasks_.front());
      tasks_.pop_front();
      ++tasks_running_;
    }
    run_one(entry, true);
    std::lock_guard lock(mutex_);
    --tasks_running_;
  }
}

void Worker::run_one(Entry& entry, bool is_task) {
  JobResult result{entry.control->id(), entry.name, JobState::Finished, ErrorKind::Internal, {}, 0.0};
  // A run serves the waiting tasks at its checkpoints; a task does not (tasks don't nest).
  std::function<void()> serve;
  if (!is_task) serve = [this] { serve_tasks(); };
  JobContext ctx(entry.control, entry.callbacks, std::move(serve), &models_);
  if (entry.control->cancel_requested()) {
    result.state = JobState::Cancelled;
  } else {
    entry.control->set_state(JobState::Running);
    try {
      // Autograd is thread-local: a job turns it on where it optimises something (a task run
      // inside a run's step gets its own guard, whatever the run had on).
      c10::AutoGradMode no_grad(false);
      entry.fn(ctx);
      if (entry.control->cancel_requested()) result.state = JobState::Cancelled;
    } catch (const JobCancelled&) {
      result.state = JobState::Cancelled;
    } catch (...) {
      result.state = JobState::Failed;
      result.kind = current_exception_kind();
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
