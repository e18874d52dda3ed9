// Batches of runs and the labelled grid of their final images (issue 21, item 6), shared by
// generate --seeds/--sweep/--grid (cli/generate_batch.h) and the CLIP + VQGAN tab's queue
// (app/run_queue.h): the seeds a batch runs (its rows), and the grid itself, rows x columns of
// images under their column labels and beside their row labels (drawn with OpenCV).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier {

inline constexpr int kMaxBatchRuns = 256;  // runs in one batch: seeds, and seeds x values

// "1-8", "1,3,5", "1-4,9": whole numbers 0 to 2^64 - 1, ranges upwards, no seed twice, at most
// kMaxBatchRuns in all. Error(InvalidArgument) naming `name` (the CLI's "--seeds", the batch
// dialog's field) and the item.
std::vector<uint64_t> parse_seeds(const std::string& spec, const std::string& name = "--seeds");

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

// A rectangle of the grid, in its pixels.
struct GridBox {
  int x = 0, y = 0, width = 0, height = 0;
};
GridBox grid_cell_box(const GridLayout& layout, int row, int column);  // the slot of a run's image
GridBox grid_column_box(const GridLayout& layout, int column);         // a column's label, above its cells
GridBox grid_row_box(const GridLayout& layout, int row);               // a row's label, left of its cells

struct GridCell {
  Image image;       // empty (width 0): not run
  std::string note;  // written over the cell's foot ("stopped at step 7"); empty: none
};

// How the labels are written. draw: text centred in box, in the grid's RGB pixels, at the
// layout's text scale; empty: OpenCV's Hershey simplex font (ASCII; about 11 px high at scale 1,
// shrunk to fit down to 0.3 x, then shortened in the middle with ".."). The GUI passes its own
// (any script, the person's font) and its language's not_run.
using GridLabelDrawer = std::function<void(Image& grid, const GridBox& box, const std::string& text, int scale)>;
struct GridText {
  std::string not_run = "not run";
  GridLabelDrawer draw;
};

// cells: rows x columns, row by row (missing ones: not run). Each image's RGB (grey: repeated;
// alpha: dropped), enlarged by layout.scale, centred in its slot and clipped to it.
Image draw_grid(const GridLayout& layout, const std::vector<GridCell>& cells, const std::vector<std::string>& row_labels,
                const std::vector<std::string>& column_labels, const GridText& text = {});

}  // namespace atelier
