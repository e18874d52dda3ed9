#include "library/detail/scan.h"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "library/index.h"
#include "runtime/error.h"

namespace fs = std::filesystem;

namespace atelier::library::detail {

namespace {

int64_t nanoseconds(fs::file_time_type t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

// A checkpoint's size and time (a folder's files'): embeddings of a file retrained in place
// are another model's, and mixing them with the old ones would rank nonsense.
std::string fingerprint(const fs::path& checkpoint) {
  std::error_code ec;
  std::vector<fs::path> files;
  if (fs::is_directory(checkpoint, ec)) {
    for (const auto& e : fs::directory_iterator(checkpoint, ec))
      if (e.is_regular_file(ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
  } else if (fs::is_regular_file(checkpoint, ec)) {
    files.push_back(checkpoint);
  }
  std::string out;
  for (const auto& f : files) {
    const auto size = fs::file_size(f, ec);
    const auto time = fs::last_write_time(f, ec);
    out += f.filename().string() + ":" + std::to_string(size) + ":" + std::to_string(nanoseconds(time)) + ";";
  }
  return out;
}

fs::path root_of(const fs::path& folder) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) throw Error(ErrorKind::NotFound, "no folder " + folder.string() + " to index");
  const fs::path root = fs::canonical(folder, ec);
  if (ec) throw Error(ErrorKind::Io, "can't resolve the folder " + folder.string() + ": " + ec.message());
  return root;
}

bool under(const std::string& path, const std::string& root) {
  return path.size() > root.size() && path.compare(0, root.size(), root) == 0 && (root.back() == '/' || path[root.size()] == '/');
}

// The image files under the roots, by path. Hidden files and folders (.git, .thumbnails) are
// left out: caches of other programs' thumbnails would fill the results with copies.
std::vector<Found> scan(const std::vector<fs::path>& roots) {
  std::unordered_map<std::string, Found> seen;
  for (const auto& root : roots) {
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) throw Error(ErrorKind::Io, "can't list the folder " + root.string() + ": " + ec.message());
    for (; it != end; it.increment(ec)) {
      if (ec) throw Error(ErrorKind::Io, "can't list the folder " + root.string() + ": " + ec.message());
      const fs::directory_entry& e = *it;
      if (e.path().filename().string().starts_with(".")) {
        if (e.is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (!e.is_regular_file(ec) || !is_image_file(e.path())) continue;
      const auto size = e.file_size(ec);
      if (ec) continue;  // gone since it was listed
      const auto time = e.last_write_time(ec);
      if (ec) continue;
      Found f{e.path().lexically_normal().string(), int64_t(size), nanoseconds(time)};
      seen.emplace(f.path, f);
    }
  }
  std::vector<Found> out;
  out.reserve(seen.size());
  for (auto& [_, f] : seen) out.push_back(std::move(f));
  std::sort(out.begin(), out.end(), [](const Found& a, const Found& b) { return a.path < b.path; });
  return out;
}

}  // namespace atelier::library::detail
