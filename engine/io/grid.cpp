// A batch's seeds and the labelled grid of its final images (labels with OpenCV's Hershey font
// unless the caller draws them).
#include "io/grid.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <charconv>
#include <set>
#include <string_view>

#include "runtime/error.h"
#include "runtime/parse.h"

namespace atelier {

std::vector<uint64_t> parse_seeds(const std::string& spec, const std::string& name) {
  const std::string how = "give seeds as 1-8, 1,3,5 or 1-4,9 (whole numbers 0 to 18446744073709551615, at most " +
                          std::to_string(kMaxBatchRuns) + ")";
  if (spec.empty()) throw Error(ErrorKind::InvalidArgument, name + ": no seeds; " + how);
  const std::string where = name + " '" + shown(spec) + "'";
  const auto seed = [&](std::string_view text, std::string_view item) {
    uint64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
      throw Error(ErrorKind::InvalidArgument, where + ": '" + shown(item) + "' is not a seed or a range of seeds; " + how);
    return v;
  };
  std::vector<uint64_t> seeds;
  std::set<uint64_t> seen;
  for (size_t start = 0;;) {
    const size_t comma = spec.find(',', start);
    const std::string_view item =
        std::string_view(spec).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (item.empty()) throw Error(ErrorKind::InvalidArgument, where + ": an empty item (two commas, or one at an end); " + how);
    const size_t dash = item.find('-');
    const uint64_t first = seed(item.substr(0, dash), item);
    const uint64_t last = dash == std::string_view::npos ? first : seed(item.substr(dash + 1), item);
    if (last < first)
      throw Error(ErrorKind::InvalidArgument,
                  where + ": '" + shown(item) + "' runs backwards; write " + std::to_string(last) + "-" + std::to_string(first));
    if (last - first >= uint64_t(kMaxBatchRuns) - seeds.size())
      throw Error(ErrorKind::InvalidArgument, where + " is more than " + std::to_string(kMaxBatchRuns) + " seeds: at most " +
                                                  std::to_string(kMaxBatchRuns) + " runs in a batch");
    for (uint64_t s = first;; ++s) {
      if (!seen.insert(s).second)
        throw Error(ErrorKind::InvalidArgument, where + ": seed " + std::to_string(s) + " is given twice");
      seeds.push_back(s);
      if (s == last) break;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return seeds;
}

// ---- the grid ------------------------------------------------------------------------------

GridLayout grid_layout(int rows, int columns, int max_width, int max_height) {
  GridLayout g;
  g.rows = rows, g.columns = columns;
  const int side = std::max({1, max_width, max_height});
  g.scale = (kGridMinCell + side - 1) / side;  // whole, and at least 1
  g.cell_width = std::max(1, max_width) * g.scale;
  g.cell_height = std::max(1, max_height) * g.scale;
  g.text = std::max(1, std::min(g.cell_width, g.cell_height) / 256);
  g.left = kGridLeft * g.text;
  g.header = kGridHeader * g.text;
  g.width = g.left + kGridGap + columns * (g.cell_width + kGridGap);
  g.height = g.header + kGridGap + rows * (g.cell_height + kGridGap);
  return g;
}

GridBox grid_cell_box(const GridLayout& g, int row, int column) {
  return {g.left + kGridGap + column * (g.cell_width + kGridGap), g.header + kGridGap + row * (g.cell_height + kGridGap),
          g.cell_width, g.cell_height};
}

GridBox grid_column_box(const GridLayout& g, int column) {
  return {g.left + kGridGap + column * (g.cell_width + kGridGap), 0, g.cell_width, g.header};
}

GridBox grid_row_box(const GridLayout& g, int row) {
  return {0, g.header + kGridGap + row * (g.cell_height + kGridGap), g.left, g.cell_height};
}

namespace {

constexpr uint8_t kBackground = 224, kNotRun = 168, kInk = 32, kNoteBand = 240;

cv::Rect rect(const GridBox& b) { return {b.x, b.y, b.width, b.height}; }

// text centred in box, in the Hershey simplex font at 0.5 x text (about 11 px high at 1), shrunk
// to fit the box's width down to 0.3 x text, then shortened in the middle with ".." (the ends
// tell runs apart: "seed..709551614", "symmetr..vertical=-1.25"); drawn inside the box only.
void hershey_label(Image& grid, const GridBox& b, const std::string& label, int scale) {
  std::string text = label;
  if (text.empty() || b.width <= 0 || b.height <= 0) return;
  cv::Mat m(grid.height, grid.width, CV_8UC3, grid.pixels.data());
  const cv::Rect box = rect(b);
  const int font = cv::FONT_HERSHEY_SIMPLEX, thickness = scale, margin = 4 * scale;
  const int room = std::max(1, box.width - 2 * margin);
  double size = 0.5 * scale;
  int base = 0;
  cv::Size extent = cv::getTextSize(text, font, size, thickness, &base);
  if (extent.width > room) {
    size = std::max(0.3 * scale, size * room / extent.width);
    extent = cv::getTextSize(text, font, size, thickness, &base);
    const std::string full = text;
    for (size_t keep = full.size() - 1; extent.width > room && keep > 0; --keep) {
      text = full.substr(0, keep / 3) + ".." + full.substr(full.size() - (keep - keep / 3));
      extent = cv::getTextSize(text, font, size, thickness, &base);
    }
  }
  cv::Mat roi = m(box);
  const cv::Point origin((box.width - extent.width) / 2, (box.height + extent.height) / 2);
  cv::putText(roi, text, origin, font, size, cv::Scalar(kInk, kInk, kInk), thickness, cv::LINE_AA);
}

}  // namespace

Image draw_grid(const GridLayout& g, const std::vector<GridCell>& cells, const std::vector<std::string>& row_labels,
                const std::vector<std::string>& column_labels, const GridText& text) {
  Image grid{g.width, g.height, 3, std::vector<uint8_t>(size_t(g.width) * size_t(g.height) * 3, kBackground)};
  cv::Mat m(g.height, g.width, CV_8UC3, grid.pixels.data());
  const GridLabelDrawer draw = text.draw ? text.draw : GridLabelDrawer(hershey_label);
  const auto label = [&](const GridBox& box, const std::string& s) {
    if (!s.empty() && box.width > 0 && box.height > 0) draw(grid, box, s, g.text);
  };
  for (int r = 0; r < g.rows; ++r)
    for (int c = 0; c < g.columns; ++c) {
      const GridBox box = grid_cell_box(g, r, c);
      const cv::Rect slot = rect(box);
      const size_t i = size_t(r) * size_t(g.columns) + size_t(c);
      const GridCell* cell = i < cells.size() ? &cells[i] : nullptr;
      if (!cell || cell->image.width <= 0 || cell->image.height <= 0) {
        m(slot).setTo(cv::Scalar(kNotRun, kNotRun, kNotRun));
        label(box, text.not_run);
        continue;
      }
      // The image enlarged by g.scale (nearest neighbour), centred in its slot, clipped to it.
      const Image& im = cell->image;
      const int w = std::min(im.width * g.scale, slot.width), h = std::min(im.height * g.scale, slot.height);
      const int x0 = slot.x + (slot.width - w) / 2, y0 = slot.y + (slot.height - h) / 2;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const uint8_t* src = &im.pixels[(size_t(y / g.scale) * size_t(im.width) + size_t(x / g.scale)) * size_t(im.channels)];
          uint8_t* dst = &grid.pixels[(size_t(y0 + y) * size_t(g.width) + size_t(x0 + x)) * 3];
          for (int k = 0; k < 3; ++k) dst[k] = src[im.channels < 3 ? 0 : k];
        }
      if (!cell->note.empty()) {
        const int band = std::min(slot.height, g.header);
        const GridBox foot{slot.x, slot.y + slot.height - band, slot.width, band};
        m(rect(foot)).setTo(cv::Scalar(kNoteBand, kNoteBand, kNoteBand));
        label(foot, cell->note);
      }
    }
  for (int c = 0; c < g.columns && c < int(column_labels.size()); ++c) label(grid_column_box(g, c), column_labels[size_t(c)]);
  for (int r = 0; r < g.rows && r < int(row_labels.size()); ++r) label(grid_row_box(g, r), row_labels[size_t(r)]);
  return grid;
}

}  // namespace atelier
