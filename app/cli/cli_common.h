// What every subcommand shares: the global options and the runtime they configure.
#pragma once
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "runtime/runtime_info.h"

namespace atelier::cli {

struct Globals {
  int threads = 0;             // --threads
  std::string device = "auto";  // --device
};

// Applies --threads and --device to this process; call at the start of a subcommand.
RuntimeInfo configure(const Globals& globals);

nlohmann::json to_json(const RuntimeInfo& info);

// The trainers' pace: steps a second since this process started the run (a resumed run counts
// its own steps) and the time left at that rate, as "2.17 it/s  ETA 12:05".
class Pace {
 public:
  std::string operator()(int64_t step, int64_t steps, double seconds);

 private:
  int64_t first_ = -1;
};


void add_info_command(CLI::App& app, Globals& globals);
void add_clip_commands(CLI::App& app, Globals& globals);  // tokenize, embed
void add_bench_commands(CLI::App& app, Globals& globals);  // bench clip
void add_train_commands(CLI::App& app, Globals& globals);  // train clip|gan, eval clip|gan, render (full build only)
void add_gan_commands(CLI::App& app, Globals& globals);    // gan list|sample|interpolate (full build only)
void add_draw_command(CLI::App& app, Globals& globals);    // draw (full build only)
void add_generate_command(CLI::App& app, Globals& globals);  // generate (full build only)
void add_bench_generate_command(CLI::App& app, Globals& globals);  // bench generate (full build only)
void add_vqgan_commands(CLI::App& app, Globals& globals);    // vqgan reconstruct|decode-random (full build only)

}  // namespace atelier::cli
