#include "train/detail/metrics_log.h"

#include <cstdlib>
#include <vector>

#include "io/input_file.h"
#include "io/output_file.h"
#include "runtime/error.h"

namespace atelier::train {

namespace fs = std::filesystem;

std::ofstream open_metrics(const fs::path& file, const std::string& header, int64_t resumed_at) {
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

namespace {
constexpr uint64_t kMaxRecordBytes = 1 << 20;
}

std::optional<nlohmann::json> read_run_record(const fs::path& folder) {
  const fs::path file = folder / "config.json";
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  const std::string text = read_regular_file(file, kMaxRecordBytes, "the run's config");
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object())
    throw Error(ErrorKind::BadFile, file.string() + " is not a run's record (a JSON object of its options): "
                                                    "restore it, or start a new run in another folder");
  return j;
}

void write_run_record(const fs::path& folder, const nlohmann::json& record) {
  const std::string text = record.dump(2) + "\n";
  write_file_whole(folder / "config.json", text.data(), text.size());
}

template <class T>
void recall(const nlohmann::json& record, const char* key, T& field, const fs::path& folder) {
  const auto it = record.find(key);
  if (it == record.end()) return;
  try {
    field = it->get<T>();
  } catch (const nlohmann::json::exception&) {
    throw Error(ErrorKind::BadFile, (folder / "config.json").string() + ": '" + key + "' has the wrong type (" + it->type_name() + ")");
  }
}

template void recall<int64_t>(const nlohmann::json&, const char*, int64_t&, const fs::path&);
template void recall<uint64_t>(const nlohmann::json&, const char*, uint64_t&, const fs::path&);
template void recall<int>(const nlohmann::json&, const char*, int&, const fs::path&);
template void recall<double>(const nlohmann::json&, const char*, double&, const fs::path&);
template void recall<bool>(const nlohmann::json&, const char*, bool&, const fs::path&);
template void recall<std::string>(const nlohmann::json&, const char*, std::string&, const fs::path&);

int64_t resumed_steps(int64_t asked, const nlohmann::json& record, const fs::path& folder) {
  if (asked > 0) return asked;
  int64_t steps = 0;
  recall(record, "steps", steps, folder);
  if (steps <= 0) throw Error(ErrorKind::BadFile, (folder / "config.json").string() + " records no number of steps: give --steps");
  return steps;
}

}  // namespace atelier::train
