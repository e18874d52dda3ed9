#include "io/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "runtime/error.h"

namespace atelier {

namespace {
const char* file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "a folder";
  if (S_ISFIFO(mode)) return "a pipe (FIFO)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "something else";
}
}  // namespace

int open_regular_file(const std::filesystem::path& file, const std::string& what) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::NotFound, "can't open " + what + " " + file.string() + ": " + std::strerror(errno));
  struct stat st {};
  std::string error;
  if (::fstat(fd, &st) != 0) error = std::string("can't read it: ") + std::strerror(errno);
  else if (!S_ISREG(st.st_mode)) error = std::string("it is ") + file_kind(st.st_mode) + ", not a regular file";
  if (!error.empty()) {
    ::close(fd);
    throw Error(ErrorKind::BadFile, what + " " + file.string() + ": " + error);
  }
  return fd;
}

std::string read_regular_file(const std::filesystem::path& file, uint64_t max_bytes, const std::string& what) {
  const int fd = open_regular_file(file, what);
  auto fail = [&](const std::string& why) {
    ::close(fd);
    return Error(ErrorKind::BadFile, what + " " + file.string() + ": " + why);
  };
  struct stat st {};
  if (::fstat(fd, &st) == 0 && uint64_t(st.st_size) > max_bytes)
    throw fail("it is " + std::to_string(st.st_size) + " bytes, more than the limit of " + std::to_string(max_bytes));
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw fail(std::string("can't read it: ") + std::strerror(errno));
    if (n == 0) break;
    if (data.size() + size_t(n) > max_bytes)  // it grew after fstat
      throw fail("it holds more than the limit of " + std::to_string(max_bytes) + " bytes");
    data.append(buf, size_t(n));
  }
  ::close(fd);
  return data;
}

}  // namespace atelier
