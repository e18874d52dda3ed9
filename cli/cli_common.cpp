// What every subcommand shares: runtime options, the default CLIP, the Ctrl+C runner, the trainers' pace.
#include "cli_common.h"

#include <atomic>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <mutex>
#include <thread>

#include "io/image.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/model_paths.h"
#include "runtime/parse.h"
#ifdef ATELIER_WITH_OPENCV
#include "io/animation.h"
#endif

namespace atelier::cli {

namespace fs = std::filesystem;

RuntimeInfo configure(const Globals& globals) {
  check_thread_count(globals.threads, "--threads");
  RuntimeOptions options;
  options.threads = globals.threads;
  options.device = parse_device_choice(globals.device);
  return configure_runtime(options);
}

namespace {

// CLI11 reads a double with strtold, which takes "nan", "inf" and "1e999" (as infinity).
std::string finite_or_why(std::string& text) {
  const char* begin = text.c_str();
  char* end = nullptr;
  const long double v = std::strtold(begin, &end);
  if (end == begin || *end != '\0') return {};  // not a number at all: CLI11's conversion says so
  if (!std::isfinite(static_cast<double>(v))) return "'" + shown(text) + "' is not a finite number";
  return {};
}

void refuse_non_finite(CLI::App& app) {
  for (CLI::Option* option : app.get_options())
    // First of the option's validators (transform puts it in front; it changes nothing): a range
    // check would otherwise answer "inf" with "not in range" and let "nan" through.
    // (get_type_name() is "FLOAT", then the validators' descriptions: "FLOAT:FLOAT in [1 - 120]".)
    if (const std::string type = option->get_type_name(); type == "FLOAT" || type.rfind("FLOAT:", 0) == 0)
      option->transform(CLI::Validator(finite_or_why, ""));
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) refuse_non_finite(*sub);
}

// An engine check's Error with the option in front: "--out: can't write /x/y.png: no folder /x".
template <typename Check>
void as_option(const std::string& option, Check check) {
  try {
    check();
  } catch (const Error& e) {
    throw Error(e.kind(), option + ": " + e.what());
  }
}

}  // namespace

void refuse_non_finite_options(CLI::App& app) { refuse_non_finite(app); }

CLI::Validator thread_count_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        const auto v = parse_int(text);
        if (!v) return {};  // CLI11's conversion to an integer says what is wrong
        try {
          check_thread_count(*v, "value");
        } catch (const Error& e) {
          return e.what();
        }
        return {};
      },
      "");
}

Size parse_size(const std::string& text, const std::string& option, int max_side, uint64_t max_pixels) {
  const std::string how = option + " '" + shown(text) + "': give WxH, e.g. 256x256, each side 1 to " + std::to_string(max_side);
  const size_t x = text.find_first_of("xX");
  if (x == std::string::npos) throw Error(ErrorKind::InvalidArgument, how);
  const auto w = parse_int(std::string_view(text).substr(0, x)), h = parse_int(std::string_view(text).substr(x + 1));
  if (!w || !h || *w < 1 || *h < 1 || *w > max_side || *h > max_side) throw Error(ErrorKind::InvalidArgument, how);
  if (uint64_t(*w) * uint64_t(*h) > max_pixels)
    throw Error(ErrorKind::InvalidArgument, option + " " + std::to_string(*w) + "x" + std::to_string(*h) + " is " +
                                                std::to_string(uint64_t(*w) * uint64_t(*h)) + " pixels: at most " + std::to_string(max_pixels) +
                                                " are allowed here");
  return {int(*w), int(*h)};
}

void check_image_out(const std::string& path, const std::string& option) {
  as_option(option, [&] { check_image_output(path); });
}

void check_animation_out(const std::string& path, const std::string& option) {
#ifdef ATELIER_WITH_OPENCV
  as_option(option, [&] { check_animation_output(path); });
#else
  throw Error(ErrorKind::Unsupported, option + ": this build writes no animations (built without OpenCV)");
#endif
}

void check_svg_out(const std::string& path, const std::string& option) {
  std::string ext = fs::path(path).extension().string();
  for (auto& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".svg") throw Error(ErrorKind::InvalidArgument, option + ": can't write " + path + ": the drawing is written as SVG (name it .svg)");
  as_option(option, [&] { check_output_folder(path); });
}

void check_folder_out(const std::string& folder, const std::string& option) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw Error(ErrorKind::NotFound, option + ": no folder " + folder);
  as_option(option, [&] { check_output_folder(fs::path(folder) / "frame.png"); });
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

std::string clock_text(double seconds) {
  if (seconds < 0) return "--:--";
  const long s = long(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

std::string Pace::operator()(int64_t step, int64_t steps, double seconds) {
  if (first_ < 0) first_ = step - 1;
  const double rate = seconds > 0 ? double(step - first_) / seconds : 0;
  if (rate <= 0) return "-- it/s  ETA --";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f it/s  ETA ", rate);
  return buf + clock_text(double(steps - step) / rate);
}

}  // namespace atelier::cli
