// The index's view of the disk: the image files under some folders and a checkpoint's
// fingerprint. Private to engine/library.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace atelier::library::detail {

struct Found {
  std::string path;  // absolute, as the database keeps it
  int64_t size = 0, mtime = 0;  // bytes; last write, nanoseconds
};

// A folder to index, canonical: "./photos", "/home/me/photos" and a link to it index the same
// rows. NotFound when it is not a folder.
std::filesystem::path root_of(const std::filesystem::path& folder);
// Whether path lies inside root (both as the database writes them).
bool under(const std::string& path, const std::string& root);
// The image files under the roots (is_image_file), by path, each once.
std::vector<Found> scan(const std::vector<std::filesystem::path>& roots);
// A checkpoint's (or a folder's files') names, sizes and times, as one string.
std::string fingerprint(const std::filesystem::path& checkpoint);

}  // namespace atelier::library::detail
