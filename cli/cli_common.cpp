// What every subcommand shares: runtime options, the default CLIP, the Ctrl+C runner, the trainers' pace.
#include "cli_common.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "runtime/error.h"
#include "runtime/model_paths.h"

namespace atelier::cli {

RuntimeInfo configure(const Globals& globals) {
  RuntimeOptions options;
  options.threads = globals.threads;
  options.device = parse_device_choice(globals.device);
  return configure_runtime(options);
}

nlohmann::json to_json(const RuntimeInfo& info) {
  return {
      {"version", info.version},
      {"torch", info.torch_version},
      {"opencv", info.opencv_version.empty() ? nlohmann::json(nullptr) : nlohmann::json(info.opencv_version)},
      {"blas",
       {{"name", info.blas.name},
        {"library", info.blas.library},
        {"detail", info.blas.detail},
        {"reference", info.blas.reference}}},
      {"device",
       {{"name", info.device.name},
        {"cuda_built", info.device.cuda_built},
        {"cuda_devices", info.device.cuda_devices}}},
      {"threads", info.threads},
      {"cores", info.cores},
      {"bf16_fast", info.bf16_fast},
  };
}

std::filesystem::path default_clip() {
  if (auto found = find_default_clip(); !found.empty()) return found;
  throw Error(ErrorKind::NotFound,
              "no CLIP model is installed: pass --clip PATH with an official checkpoint (ViT-B-32.pt, a state dict, "
              "or a Hugging Face folder); `clip-atelier-cli info` lists the folders models are looked for in");
}

namespace {

// Set by the signal handler, so lock-free; cleared when a run begins.
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_stop_signal(int) { g_stop = true; }

// SIGINT and SIGTERM set g_stop while it lives; the handlers before come back after.
class StopSignals {
 public:
  StopSignals() : int_(std::signal(SIGINT, on_stop_signal)), term_(std::signal(SIGTERM, on_stop_signal)) {}
  ~StopSignals() {
    if (int_ != SIG_ERR) std::signal(SIGINT, int_);
    if (term_ != SIG_ERR) std::signal(SIGTERM, term_);
  }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  using Handler = void (*)(int);
  Handler int_, term_;
};

// A thread that looks at g_stop every 100 ms and calls on_stop once it is set; it ends, and is
// joined, when this goes out of scope.
class StopWatcher {
 public:
  explicit StopWatcher(const std::function<void()>& on_stop) {
    if (on_stop) thread_ = std::thread([this, on_stop] { watch(on_stop); });
  }
  ~StopWatcher() {
    if (!thread_.joinable()) return;
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  StopWatcher(const StopWatcher&) = delete;
  StopWatcher& operator=(const StopWatcher&) = delete;

 private:
  void watch(const std::function<void()>& on_stop) {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [this] { return done_; })) {
      if (!g_stop) continue;
      lock.unlock();
      on_stop();
      return;
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  bool done_ = false;
  std::thread thread_;  // last: started once the members above exist
};

}  // namespace

bool run_in_foreground(const std::function<void(const StopRequested& stop)>& work, const std::function<void()>& on_stop) {
  g_stop = false;
  {
    StopSignals signals;
    StopWatcher watcher(on_stop);
    work([] { return g_stop.load(); });
  }
  return g_stop;
}

std::string Pace::operator()(int64_t step, int64_t steps, double seconds) {
  if (first_ < 0) first_ = step - 1;
  const double rate = seconds > 0 ? double(step - first_) / seconds : 0;
  char buf[64];
  if (rate <= 0) {
    std::snprintf(buf, sizeof buf, "-- it/s  ETA --");
  } else {
    const long long left = std::llround(double(steps - step) / rate);
    if (left >= 3600)
      std::snprintf(buf, sizeof buf, "%.2f it/s  ETA %lld:%02lld:%02lld", rate, left / 3600, left / 60 % 60, left % 60);
    else
      std::snprintf(buf, sizeof buf, "%.2f it/s  ETA %lld:%02lld", rate, left / 60, left % 60);
  }
  return buf;
}

}  // namespace atelier::cli
