#include "runtime/job.h"

#include "runtime/error.h"

namespace atelier {

const char* to_string(JobState state) {
  switch (state) {
    case JobState::Queued: return "queued";
    case JobState::Running: return "running";
    case JobState::Paused: return "paused";
    case JobState::Finished: return "finished";
    case JobState::Cancelled: return "cancelled";
    case JobState::Failed: return "failed";
  }
  return "unknown";
}

void JobControl::pause() {
  std::lock_guard lock(mutex_);
  pause_ = true;
}

void JobControl::resume() {
  {
    std::lock_guard lock(mutex_);
    pause_ = false;
  }
  wake_.notify_all();
}

void JobControl::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancel_ = true;
  }
  wake_.notify_all();
}

bool JobControl::cancel_requested() const {
  std::lock_guard lock(mutex_);
  return cancel_;
}

bool JobControl::pause_requested() const {
  std::lock_guard lock(mutex_);
  return pause_;
}

JobState JobControl::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void JobControl::set_state(JobState state) {
  std::lock_guard lock(mutex_);
  state_ = state;
}

void JobControl::set_param(const std::string& key, ParamValue value) {
  std::lock_guard lock(mutex_);
  changes_[key] = std::move(value);
}

ParamChanges JobControl::take_changes() {
  std::lock_guard lock(mutex_);
  return std::exchange(changes_, {});
}

void JobControl::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void JobControl::checkpoint(const std::function<void()>& serve) {
  std::unique_lock lock(mutex_);
  if (pause_ && !cancel_) {
    state_ = JobState::Paused;
    while (pause_ && !cancel_) {
      wake_.wait(lock, [this] { return !pause_ || cancel_ || poked_; });
      if (std::exchange(poked_, false) && serve) {
        // A short job arrived while this run is paused: it runs now, on this (the worker's) thread.
        lock.unlock();
        serve();
        lock.lock();
      }
    }
    state_ = JobState::Running;
  }
  poked_ = false;
  if (cancel_) throw JobCancelled{};
}

JobContext::JobContext(std::shared_ptr<JobControl> control, const JobCallbacks& callbacks, std::function<void()> serve,
                       ModelCache* models)
    : control_(std::move(control)),
      callbacks_(callbacks),
      serve_(std::move(serve)),
      models_(models),
      start_(std::chrono::steady_clock::now()) {}

void JobContext::checkpoint() {
  if (serve_) serve_();
  control_->checkpoint(serve_);
}

bool JobContext::next_step(const std::function<void(const std::string&, const ParamValue&)>& on_change) {
  try {
    checkpoint();
  } catch (const JobCancelled&) {
    return false;
  }
  for (const auto& [name, value] : take_changes())
    if (on_change) on_change(name, value);
  return true;
}

ModelCache& JobContext::models() const {
  if (!models_) throw Error(ErrorKind::Internal, "this job runs outside a worker: it has no model cache");
  return *models_;
}

double JobContext::elapsed_seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void JobContext::report(Progress progress) const {
  if (progress.seconds == 0.0) progress.seconds = elapsed_seconds();
  if (callbacks_.on_progress) callbacks_.on_progress(id(), progress);
}

void JobContext::emit_frame(Frame frame) const {
  if (callbacks_.on_frame) callbacks_.on_frame(id(), std::move(frame));
}

}  // namespace atelier
