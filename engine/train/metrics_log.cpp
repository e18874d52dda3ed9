#include "train/detail/metrics_log.h"

#include <cstdlib>
#include <vector>

namespace atelier::train {

std::ofstream open_metrics(const std::filesystem::path& file, const std::string& header, int64_t resumed_at) {
  std::vector<std::string> keep;
  {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("step", 0) == 0 || std::atoll(line.c_str()) <= resumed_at) keep.push_back(line);
  }
  {
    std::ofstream out(file, std::ios::trunc);
    if (keep.empty()) keep.push_back(header);
    for (auto& l : keep) out << l << '\n';
  }
  return std::ofstream(file, std::ios::app);
}

}  // namespace atelier::train
