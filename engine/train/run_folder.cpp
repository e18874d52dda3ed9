// Reading a run's folder: metrics.csv as detail/metrics_log.h writes it, and the checkpoint.
#include "train/run_folder.h"

#include <charconv>
#include <fstream>
#include <system_error>
#include <utility>

namespace atelier::train {

namespace {
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  size_t start = 0;
  while (true) {
    const size_t comma = line.find(',', start);
    cells.push_back(line.substr(start, comma - start));  // npos - start: to the end
    if (comma == std::string::npos) return cells;
    start = comma + 1;
  }
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}
}  // namespace

int MetricsLog::column(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return int(i);
  return -1;
}

MetricsLog read_metrics(const std::filesystem::path& folder) {
  MetricsLog log;
  if (folder.empty()) return log;
  std::ifstream in(folder / "metrics.csv");
  std::string line;
  if (!std::getline(in, line)) return log;
  log.columns = split(trimmed(line));
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(trimmed(line));
    if (cells.size() != log.columns.size()) continue;
    std::vector<double> row(cells.size());
    bool ok = true;
    for (size_t i = 0; i < cells.size() && ok; ++i) {
      // from_chars: the "C" number format whatever the locale (the writer's std::ofstream uses it too).
      const char* end = cells[i].data() + cells[i].size();
      const auto [ptr, ec] = std::from_chars(cells[i].data(), end, row[i]);
      ok = ec == std::errc() && ptr == end && !cells[i].empty();
    }
    if (ok) log.rows.push_back(std::move(row));
  }
  return log;
}

bool has_checkpoint(const std::filesystem::path& folder) {
  std::error_code ec;
  return !folder.empty() && std::filesystem::is_regular_file(folder / "checkpoint.safetensors", ec);
}

}  // namespace atelier::train
