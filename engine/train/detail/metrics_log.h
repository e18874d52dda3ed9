// A trainer's metrics.csv: on a resume the rows past the checkpoint's step are dropped (they will
// be written again), a new file starts with the header; returned open for appending rows.
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace atelier::train {

std::ofstream open_metrics(const std::filesystem::path& file, const std::string& header, int64_t resumed_at);

}  // namespace atelier::train
