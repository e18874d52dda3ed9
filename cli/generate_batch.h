// generate's batches (issue 21, item 6): runs over seeds (--seeds 1-8) times one setting's values
// (--sweep lr=0.05,0.1), each run's image under a suffixed name, and the final images as one
// labelled grid (--grid): rows are the seeds, columns the swept values. The runs themselves go
// through generate's one guidance call (cmd_generate.cpp); this holds the parsing, the checks,
// the names and the grid.
#pragma once
#include <CLI/CLI.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "guide/guide.h"
#include "io/image.h"

namespace atelier::cli {

inline constexpr int kMaxBatchRuns = 256;   // --seeds, and seeds x values
inline constexpr int kMaxSweepValues = 64;  // --sweep NAME=V1,...

// The bounds of a setting --sweep takes, as its own flag checks them: generate's --lr, --steps,
// --cutn, --cut-pow, --truncation, --max-classes, --class-temperature, --latent-weight and
// --class-weight take this validator, so a swept value and a flag's meet the same limits.
// name: the flag without its dashes ("cut-pow").
CLI::Validator setting_check(std::string_view name);
// The names --sweep takes, for the help: "lr, steps, cutn, ...".
std::string sweep_settings();
inline const std::vector<std::string> kOptimisers{"adam", "adamw", "adagrad", "rmsprop"};

// "1-8", "1,3,5", "1-4,9": whole numbers 0 to 2^64 - 1, ranges upwards, no seed twice, at most
// kMaxBatchRuns in all. Error(InvalidArgument) naming --seeds and the item.
std::vector<uint64_t> parse_seeds(const std::string& spec);

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

// ---- the grid ------------------------------------------------------------------------------
// Cells of the runs' final images, each enlarged by a whole factor (nearest neighbour) so that the
// largest image's longer side is at least kGridMinCell, in a slot of the largest image's size,
// kGridGap apart; above them a band of kGridHeader x text pixels with the swept values, on their
// left a band of kGridLeft x text pixels with the seeds (text: the slot's shorter side / 256, at
// least 1). So width = left + gap + columns x (cell_width + gap), and height = header + gap +
// rows x (cell_height + gap). Neutral grey background; a run that did not happen is a darker
// grey cell labelled "not run".
inline constexpr int kGridMinCell = 128;
inline constexpr int kGridGap = 4;
inline constexpr int kGridHeader = 24;
inline constexpr int kGridLeft = 96;

struct GridLayout {
  int rows = 0, columns = 0;
  int scale = 1, text = 1;              // image enlargement; label scale
  int cell_width = 0, cell_height = 0;  // a slot, enlarged
  int left = 0, header = 0;             // the bands
  int width = 0, height = 0;            // the whole grid
};
// From the largest image any run will make (max_width x max_height).
GridLayout grid_layout(int rows, int columns, int max_width, int max_height);

struct GridCell {
  Image image;       // empty (width 0): not run
  std::string note;  // written over the cell's foot ("stopped at step 7"); empty: none
};
// cells: rows x columns, row by row. Labels drawn with OpenCV's Hershey font, shrunk to fit.
Image draw_grid(const GridLayout& layout, const std::vector<GridCell>& cells, const std::vector<std::string>& row_labels,
                const std::vector<std::string>& column_labels);

}  // namespace atelier::cli
