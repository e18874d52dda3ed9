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

// The names of the live parameters a run reads between its steps: its owner writes them with
// JobHandle::set_param, the run's loop reads them in JobContext::next_step. One name, one type.
namespace param {
inline constexpr char prompts[] = "prompts";        // std::string: the prompts as typed ("a | b:-1")
inline constexpr char lr[] = "lr";                  // double: the learning rate (guided runs)
inline constexpr char lr_points[] = "lr_points";    // double: CLIPDraw's rate for the control points
inline constexpr char lr_widths[] = "lr_widths";    // double: CLIPDraw's rate for the stroke widths
inline constexpr char lr_colours[] = "lr_colours";  // double: CLIPDraw's rate for the colours
}  // namespace param

class ModelCache;

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

  // Worker side. checkpoint() blocks while paused and throws JobCancelled once cancelled; while
  // it waits, a poke() makes it call serve (the worker's short jobs) and wait again.
  void checkpoint(const std::function<void()>& serve = {});
  void poke();
  void set_state(JobState state);

 private:
  const int64_t id_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool pause_ = false;
  bool cancel_ = false;
  bool poked_ = false;
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
  // serve: runs the short jobs waiting on the worker (see Worker); models: the worker's cache.
  // Both may be empty/null (a job run directly, as the CLI and tests do).
  JobContext(std::shared_ptr<JobControl> control, const JobCallbacks& callbacks, std::function<void()> serve = {},
             ModelCache* models = nullptr);

  int64_t id() const { return control_->id(); }
  // Call once per step: lets waiting short jobs run, waits while paused, throws JobCancelled
  // when cancelled.
  void checkpoint();
  // The same for an optimisation loop: false once cancelled (the loop stops and keeps what it
  // has); each parameter changed since the last step is handed to on_change, in name order.
  bool next_step(const std::function<void(const std::string& name, const ParamValue& value)>& on_change = {});
  bool cancel_requested() const { return control_->cancel_requested(); }
  ParamChanges take_changes() { return control_->take_changes(); }
  double elapsed_seconds() const;
  void report(Progress progress) const;
  void emit_frame(Frame frame) const;
  // The models loaded for this worker's jobs; throws Error(Internal) when the job has none.
  ModelCache& models() const;
  bool has_models() const { return models_ != nullptr; }

 private:
  std::shared_ptr<JobControl> control_;
  const JobCallbacks& callbacks_;
  std::function<void()> serve_;
  ModelCache* models_ = nullptr;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace atelier
