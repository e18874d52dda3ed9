// Output files written whole or not at all, and errors that say what really failed (disk
// full, quota, permissions) rather than guessing: shared by every writer (images, animations,
// SVG, safetensors, vocabularies). No OpenCV, no torch.
#include "io/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "runtime/error.h"

namespace fs = std::filesystem;

namespace atelier {

std::string write_error_text(int errnum) {
  switch (errnum) {
    case ENOSPC: return "the disk is full (" + std::string(std::strerror(errnum)) + ")";
    case EDQUOT: return "the disk quota is used up (" + std::string(std::strerror(errnum)) + ")";
    case EFBIG: return "the file is larger than this system allows (" + std::string(std::strerror(errnum)) + ")";
    case EACCES:
    case EPERM: return "permission denied (" + std::string(std::strerror(errnum)) + ")";
    case EROFS: return "the disk is read-only (" + std::string(std::strerror(errnum)) + ")";
    case 0: return "an unknown error";
    default: return std::strerror(errnum);
  }
}

void check_output_folder(const fs::path& file) {
  std::error_code ec;
  if (file.empty()) throw Error(ErrorKind::InvalidArgument, "no output file given");
  if (fs::is_directory(file, ec)) throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": it is a folder");
  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  if (!fs::exists(folder, ec)) throw Error(ErrorKind::NotFound, "can't write " + file.string() + ": no folder " + folder.string());
  if (!fs::is_directory(folder, ec)) throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": " + folder.string() + " is not a folder");
  // A probe says what a write would meet (permissions, a read-only disk) better than access().
  static std::atomic<unsigned> counter{0};
  const fs::path probe = folder / (".atelier-probe-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int err = errno;
    throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + " in " + folder.string() + ": " + write_error_text(err));
  }
  ::close(fd);
  ::unlink(probe.c_str());
}

void commit_file(const fs::path& tmp, const fs::path& file) {
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (!ec) return;
  std::error_code ignored;
  fs::remove(tmp, ignored);
  throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": " +
                                              (ec.category() == std::generic_category() || ec.category() == std::system_category()
                                                   ? write_error_text(ec.value())
                                                   : ec.message()));
}

void write_bytes(const fs::path& tmp, const fs::path& file, const void* data, size_t n) {
  std::FILE* out = std::fopen(tmp.c_str(), "wb");
  if (!out) {
    const int err = errno;
    throw Error(ErrorKind::InvalidArgument, "can't write " + file.string() + ": " + write_error_text(err));
  }
  errno = 0;
  const bool wrote = std::fwrite(data, 1, n, out) == n && std::fflush(out) == 0;
  int err = errno;
  const bool closed = std::fclose(out) == 0;
  if (!closed && err == 0) err = errno;
  if (!wrote || !closed) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw Error(ErrorKind::InvalidArgument, "writing " + file.string() + " failed: " + write_error_text(err));
  }
}

void write_file_whole(const fs::path& file, const void* data, size_t n) {
  const fs::path tmp = file.string() + ".partial";
  write_bytes(tmp, file, data, n);
  commit_file(tmp, file);
}

}  // namespace atelier
