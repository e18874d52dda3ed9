// A trainer's run folder: metrics.csv and config.json.
// - metrics.csv: on a resume the rows past the checkpoint's step are dropped (they will be
//   written again), a new file starts with the header; returned open for appending rows.
// - config.json: the options a run was started with. A resumed run takes its schedule from it
//   (learning rate, warm-up, seed, batch, data mix...), so that "--resume" alone goes on with the
//   same run; only the number of steps may change (0: the recorded one).
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace atelier::train {

std::ofstream open_metrics(const std::filesystem::path& file, const std::string& header, int64_t resumed_at);

// The folder's config.json; nullopt when there is none. Error(BadFile) when it is not a JSON
// object (a run folder someone edited by hand), naming the file.
std::optional<nlohmann::json> read_run_record(const std::filesystem::path& folder);
// Written whole (a .partial renamed into place): a kill never leaves half a record.
void write_run_record(const std::filesystem::path& folder, const nlohmann::json& record);

// Recalls one recorded option into field; Error(BadFile) when the record holds it with the wrong type.
template <class T>
void recall(const nlohmann::json& record, const char* key, T& field, const std::filesystem::path& folder);

// steps as a resumed run uses them: the caller's when positive, else the record's.
int64_t resumed_steps(int64_t asked, const nlohmann::json& record, const std::filesystem::path& folder);

}  // namespace atelier::train
