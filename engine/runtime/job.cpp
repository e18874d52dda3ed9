#include "runtime/job.h"

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

void JobControl::checkpoint() {
  std::unique_lock lock(mutex_);
  if (pause_ && !cancel_) {
    state_ = JobState::Paused;
    wake_.wait(lock, [this] { return !pause_ || cancel_; });
    state_ = JobState::Running;
  }
  if (cancel_) throw JobCancelled{};
}

JobContext::JobContext(std::shared_ptr<JobControl> control, const JobCallbacks& callbacks)
    : control_(std::move(control)), callbacks_(callbacks), start_(std::chrono::steady_clock::now()) {}

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
