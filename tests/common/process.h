// Test helpers for what a refused input must leave as it was: a folder's entries, and the
// process's peak resident memory (getrusage), in MB.
#pragma once
#include <sys/resource.h>

#include <filesystem>
#include <set>
#include <string>

inline std::set<std::string> filesIn(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

inline long peakMegabytes() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}
