// Input files a reader may open: regular files only, opened without blocking (a FIFO would wait
// for a writer) and checked on the open descriptor, so /dev/zero, pipes and folders are refused
// by name before anything is read. No OpenCV, no torch (the fuzz build uses it too).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace atelier {

// An open descriptor of a regular file (the caller closes it). what names the file in messages
// ("the vocabulary file", "the config"): Error(NotFound) when it can't be opened, Error(BadFile)
// saying what it is ("a folder, not a regular file") otherwise.
int open_regular_file(const std::filesystem::path& file, const std::string& what);
// The whole of a regular file of at most max_bytes (checked before and while reading).
std::string read_regular_file(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what);

}  // namespace atelier
