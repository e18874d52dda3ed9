// A training run's folder as the trainers leave it, read back for a view of the run: its
// metrics.csv (a header naming the columns, then a row per step) and whether it holds a
// checkpoint.safetensors to resume from.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::train {

struct MetricsLog {
  std::vector<std::string> columns;       // the header: "step", "loss", ... as the trainer wrote them
  std::vector<std::vector<double>> rows;  // a value per column, in the file's order
  int column(std::string_view name) const;  // its index; -1 when the log has none of that name
};

// The folder's metrics.csv; empty when there is none. Rows that do not parse (a line cut short
// by a crash) are left out.
MetricsLog read_metrics(const std::filesystem::path& folder);
// Whether the folder holds a run to resume: its checkpoint.safetensors.
bool has_checkpoint(const std::filesystem::path& folder);

}  // namespace atelier::train
