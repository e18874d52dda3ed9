// generate's batches (issue 21, item 6): runs over seeds (--seeds 1-8) times one setting's values
// (--sweep lr=0.05,0.1), each run's image under a suffixed name, and the final images as one
// labelled grid (--grid): rows are the seeds, columns the swept values. The runs themselves go
// through generate's one guidance call (cmd_generate.cpp); this holds the parsing, the checks and
// the names. The seeds' parser and the grid (grid_layout, draw_grid) are the engine's (io/grid.h),
// shared with the CLIP + VQGAN tab's queue.
#pragma once
#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "guide/guide.h"
#include "io/grid.h"  // kMaxBatchRuns, parse_seeds (--seeds) and the grid, shared with the GUI's queue
#include "io/image.h"

namespace atelier::cli {

// At most kMaxBatchRuns (io/grid.h) runs: --seeds, and seeds x values.
inline constexpr int kMaxSweepValues = 64;  // --sweep NAME=V1,...

// The bounds of a setting --sweep takes, as its own flag checks them: generate's --lr, --steps,
// --cutn, --cut-pow, --truncation, --max-classes, --class-temperature, --latent-weight and
// --class-weight take this validator, so a swept value and a flag's meet the same limits.
// name: the flag without its dashes ("cut-pow").
CLI::Validator setting_check(std::string_view name);
// The names --sweep takes, for the help: "lr, steps, cutn, ...".
std::string sweep_settings();
inline const std::vector<std::string> kOptimisers{"adam", "adamw", "adagrad", "rmsprop"};

enum class GeneratorKind { Vqgan, Gan, BigGan };

// One run of a batch: its options and what tells it apart.
struct BatchRun {
  guide::GuideOptions options;
  std::string suffix;   // for file names: "-seed3-lr0.05" (empty for a plain single run)
  std::string caption;  // for the progress line: "seed 3, lr=0.05"
};

struct Batch {
  std::vector<BatchRun> runs;              // row by row: seed 1's values, then seed 2's... (the grid's cells)
  std::vector<std::string> row_labels;     // "seed 3", one per row
  std::vector<std::string> column_labels;  // "lr=0.05", one per column ("" without a sweep)
  bool batch = false;                      // --seeds or --sweep given: files get suffixes
};

// What plan_batch needs to know of the command line: the generator, and whether a flag was given
// ("--lr": a sweep of lr and --lr together are refused).
struct BatchContext {
  GeneratorKind generator = GeneratorKind::Vqgan;
  std::function<bool(const std::string& flag)> given;
};

// The runs: seeds (spec when given("--seeds"), else base's one seed) times the values of sweeps' one entry
// ("NAME=V1,V2,...": each value parsed with std::from_chars and checked as its flag is, at most
// kMaxSweepValues, none twice), or base alone. Everything is refused here, before any model
// loads: an unknown setting (the message lists them), two --sweep, a setting the generator has
// not, a value out of its bounds. Error(InvalidArgument) naming --seeds or --sweep.
Batch plan_batch(const guide::GuideOptions& base, const std::string& seeds, const std::vector<std::string>& sweeps,
                 const BatchContext& context);

// "out.png" with "-seed3-lr0.05": "out-seed3-lr0.05.png" (the suffix before the extension).
std::string with_suffix(const std::string& path, const std::string& suffix);

}  // namespace atelier::cli
