// What every subcommand shares: the global options, the default models, Ctrl+C, and each verb's registration.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "runtime/runtime_info.h"

namespace atelier::gan {
class Gan;
}

namespace atelier::cli {

struct Globals {
  int threads = 0;             // --threads
  std::string device = "auto";  // --device
};

// Applies --threads and --device to this process; call at the start of a subcommand.
RuntimeInfo configure(const Globals& globals);

// Validators attached in main.cpp. Every floating-point option of the app and its subcommands
// refuses NaN, infinities and values that overflow a double ("nan", "inf", "1e999"): CLI11's
// ranges let NaN through (every comparison with it is false).
void refuse_non_finite_options(CLI::App& app);
// --threads: 0 (all cores) to max_thread_count(), with the limit in the message.
CLI::Validator thread_count_validator();

// A WxH option ("256x256"), strictly: two whole decimal numbers around one 'x', each 1 to
// max_side, at most max_pixels in all. Error(InvalidArgument) naming the option, the value and
// the limits otherwise ("16x16garbage" is refused).
struct Size {
  int width = 0, height = 0;
};
Size parse_size(const std::string& text, const std::string& option, int max_side, uint64_t max_pixels);

// Output paths checked before any work starts (the folder exists and takes a file, the extension
// is one the writer knows); Error(InvalidArgument or NotFound) naming the option and the path.
void check_image_out(const std::string& path, const std::string& option);      // write_image
void check_animation_out(const std::string& path, const std::string& option);  // write_animation
void check_svg_out(const std::string& path, const std::string& option);        // draw's SVG
void check_folder_out(const std::string& folder, const std::string& option);   // files written into it

nlohmann::json to_json(const RuntimeInfo& info);

// The default CLIP model; throws NotFound, naming --clip and `info`, when none is installed.
std::filesystem::path default_clip();

// A generator by name ("gan-emoji", "emoji") among the installed ones, or by path (full build only).
gan::Gan load_generator(const std::string& name);

// Whether SIGINT (Ctrl+C) or SIGTERM has arrived since run_in_foreground began.
using StopRequested = std::function<bool()>;

// Runs work on this thread with SIGINT and SIGTERM turned into a stop request, and returns whether
// one came. The work polls the predicate it is handed (a trainer's `stop`); on_stop, when given, is
// called once, from a watcher thread, after the first signal (a JobHandle's or JobControl's cancel(),
// for a job that watches its own control). The handlers in place before are restored on return,
// also when work throws. One run at a time.
bool run_in_foreground(const std::function<void(const StopRequested& stop)>& work,
                       const std::function<void()>& on_stop = {});

// A duration for a progress line: "1:05", "2:03:07"; "--:--" when negative (unknown).
std::string clock_text(double seconds);

// The trainers' pace: steps a second since this process started the run (a resumed run counts
// its own steps) and the time left at that rate, as "2.17 it/s  ETA 12:05".
class Pace {
 public:
  std::string operator()(int64_t step, int64_t steps, double seconds);

 private:
  int64_t first_ = -1;
};

// One top-level verb each, registered on the app by main.cpp, each in its cmd_<verb>.cpp.
void add_info_command(CLI::App& app, Globals& globals);      // info
void add_tokenize_command(CLI::App& app, Globals& globals);  // tokenize
void add_embed_command(CLI::App& app, Globals& globals);     // embed
void add_bench_command(CLI::App& app, Globals& globals);     // bench clip|vqgan|draw, and generate in the full build
// The full build only (they need the datasets or the animations, which draw with OpenCV):
void add_render_command(CLI::App& app);                      // render shape|shapes|emoji
void add_train_command(CLI::App& app, Globals& globals);     // train clip|gan|vqgan
void add_eval_command(CLI::App& app, Globals& globals);      // eval clip|gan|vqgan
void add_gan_command(CLI::App& app, Globals& globals);       // gan list|sample|interpolate
void add_draw_command(CLI::App& app, Globals& globals);      // draw
void add_generate_command(CLI::App& app, Globals& globals);  // generate
void add_vqgan_command(CLI::App& app, Globals& globals);     // vqgan reconstruct|decode-random
void add_judge_command(CLI::App& app, Globals& globals);     // judge
void add_models_command(CLI::App& app, Globals& globals);    // models list|fetch|verify|remove
// The Library (cmd_library.cpp): four verbs over one database, so registered together.
void add_library_commands(CLI::App& app, Globals& globals);  // index, search, dupes, map
void add_bench_library(CLI::App& bench, Globals& globals);   // bench search|index (cmd_bench_library.cpp)

}  // namespace atelier::cli
