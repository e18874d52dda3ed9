// What a job sees and reports: progress, frames, and the thread-safe control state (pause,
// resume, cancel, parameter changes) that its owner writes and the job reads once per step.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace atelier {

struct Progress {
  int64_t step = 0;      // steps done so far
  int64_t steps = 0;     // total; 0 when unknown
  double seconds = 0.0;  // since the job started (filled in by report() when left at 0)
  std::vector<std::pair<std::string, double>> losses;  // named values: total loss, similarities...
};

// One image of a job's output: RGB8, row-major, width * height * 3 bytes.
struct Frame {
  int width = 0;
  int height = 0;
  int64_t step = 0;
  std::vector<uint8_t> rgb;
  std::vector<float> state;  // optional: what the job optimises, as of this frame (a run restarts from it)
};

using ParamValue = std::variant<bool, int64_t, double, std::string>;
using ParamChanges = std::map<std::string, ParamValue>;

enum class JobState { Queued, Running, Paused, Finished, Cancelled, Failed };
const char* to_string(JobState state);

// Thrown by JobControl::checkpoint() when the job is cancelled; the worker catches it.
struct JobCancelled {};

// Shared between the job's owner (any thread) and the worker thread running the job.
class JobControl {
 public:
  explicit JobControl(int64_t id) : id_(id) {}

  int64_t id() const { return id_; }
  void pause();
  void resume();
  void cancel();
  bool cancel_requested() const;
  bool pause_requested() const;
  JobState state() const;

  // A parameter change for the running job: the latest value per key wins, and the job takes
  // all changes made since its last look at its next step.
  void set_param(const std::string& key, ParamValue value);
  ParamChanges take_changes();

  // Worker side. checkpoint() blocks while paused and throws JobCancelled once cancelled.
  void checkpoint();
  void set_state(JobState state);

 private:
  const int64_t id_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pause_ = false;
  bool cancel_ = false;
  JobState state_ = JobState::Queued;
  ParamChanges changes_;
};

struct JobCallbacks {
  std::function<void(int64_t job, const Progress&)> on_progress;
  std::function<void(int64_t job, Frame&&)> on_frame;
};

// The job's view of the world, valid for the duration of the job function.
class JobContext {
 public:
  JobContext(std::shared_ptr<JobControl> control, const JobCallbacks& callbacks);

  int64_t id() const { return control_->id(); }
  // Call once per step: waits while paused, throws JobCancelled when cancelled.
  void checkpoint() { control_->checkpoint(); }
  bool cancel_requested() const { return control_->cancel_requested(); }
  ParamChanges take_changes() { return control_->take_changes(); }
  double elapsed_seconds() const;
  void report(Progress progress) const;
  void emit_frame(Frame frame) const;

 private:
  std::shared_ptr<JobControl> control_;
  const JobCallbacks& callbacks_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace atelier
