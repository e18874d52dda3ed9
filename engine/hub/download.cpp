#include "hub/download.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include "runtime/error.h"
#include "atelier/version.h"

namespace fs = std::filesystem;

namespace atelier::hub {

namespace {

using Clock = std::chrono::steady_clock;

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) { reset(); }
  void reset() {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) throw Error(ErrorKind::Internal, "SHA-256 is not available");
  }
  void update(const void* data, size_t n) { EVP_DigestUpdate(ctx_.get(), data, n); }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(ctx_.get(), md, &n);
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < n; ++i) {
      out += digits[md[i] >> 4];
      out += digits[md[i] & 15];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

std::string errno_text(int e) { return std::strerror(e); }

void curl_global() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// One attempt's state, shared with libcurl's callbacks (which must not throw: an exception from
// the caller's callbacks is kept and rethrown once curl_easy_perform has returned).
struct Transfer {
  CURL* curl = nullptr;
  fs::path part;
  int fd = -1;
  Sha256 sha;
  uint64_t resumed_from = 0, bytes = 0, total = 0;
  bool checked_status = false;
  int write_errno = 0;
  bool cancelled = false;
  std::exception_ptr error;
  Clock::time_point start = Clock::now(), last_report{};
  DownloadProgress progress;
  const std::function<void(const DownloadProgress&)>* report = nullptr;
  const std::function<bool()>* is_cancelled = nullptr;

  bool open_part(bool append) {
    fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0644);
    if (fd < 0) write_errno = errno;
    return fd >= 0;
  }

  void tell(bool force) {
    const auto now = Clock::now();
    if (!force && now - last_report < std::chrono::milliseconds(100)) return;
    last_report = now;
    const double seconds = std::chrono::duration<double>(now - start).count();
    progress.bytes = bytes;
    progress.total = total;
    progress.resumed_from = resumed_from;
    progress.bytes_per_second = seconds > 0 ? double(bytes - resumed_from) / seconds : 0;
    progress.eta_seconds = total > bytes && progress.bytes_per_second > 0 ? double(total - bytes) / progress.bytes_per_second : -1;
    if (report && *report) (*report)(progress);
  }
};

size_t on_data(char* data, size_t size, size_t n, void* user) {
  auto& t = *static_cast<Transfer*>(user);
  const size_t len = size * n;
  try {
    if (!t.checked_status) {
      t.checked_status = true;
      long code = 0;
      curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &code);
      const bool restart = t.resumed_from > 0 && code != 206;  // the server ignored the Range: start over
      if (restart) {
        t.resumed_from = t.bytes = 0;
        t.sha.reset();
      }
      curl_off_t length = -1;
      curl_easy_getinfo(t.curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
      if (length >= 0) t.total = t.resumed_from + uint64_t(length);
      if (t.fd < 0 && !t.open_part(!restart)) return 0;
      if (restart && ::ftruncate(t.fd, 0) != 0) {
        t.write_errno = errno;
        return 0;
      }
    }
    for (size_t done = 0; done < len;) {
      const ssize_t w = ::write(t.fd, data + done, len - done);
      if (w < 0) {
        if (errno == EINTR) continue;
        t.write_errno = errno;
        return 0;
      }
      done += size_t(w);
    }
    t.sha.update(data, len);
    t.bytes += len;
    t.tell(false);
    return len;
  } catch (...) {
    t.error = std::current_exception();
    return 0;
  }
}

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& t = *static_cast<Transfer*>(user);
  try {
    if (t.is_cancelled && *t.is_cancelled && (*t.is_cancelled)()) {
      t.cancelled = true;
      return 1;
    }
    return 0;
  } catch (...) {
    t.error = std::current_exception();
    return 1;
  }
}

std::string human_bytes(uint64_t n) {
  char buf[32];
  if (n >= 1000000) std::snprintf(buf, sizeof buf, "%.1f MB", double(n) / 1e6);
  else if (n >= 1000) std::snprintf(buf, sizeof buf, "%.1f kB", double(n) / 1e3);
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(n));
  return buf;
}

// Hashes what a .part already holds, so the SHA-256 covers the whole file once resumed.
uint64_t hash_existing(const fs::path& part, Sha256& sha) {
  const int fd = ::open(part.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  std::vector<char> buf(1 << 20);
  uint64_t n = 0;
  for (;;) {
    const ssize_t r = ::read(fd, buf.data(), buf.size());
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    sha.update(buf.data(), size_t(r));
    n += uint64_t(r);
  }
  ::close(fd);
  return n;
}

}  // namespace

std::string sha256_file(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorKind::NotFound, "can't read " + file.string() + ": " + errno_text(errno));
  Sha256 sha;
  std::vector<char> buf(1 << 20);
  for (;;) {
    const ssize_t r = ::read(fd, buf.data(), buf.size());
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      const int e = errno;
      ::close(fd);
      throw Error(ErrorKind::Io, "reading " + file.string() + " failed: " + errno_text(e));
    }
    if (r == 0) break;
    sha.update(buf.data(), size_t(r));
  }
  ::close(fd);
  return sha.hex();
}

Downloaded download(const std::string& url, const fs::path& target, const std::string& expected_sha256,
                    std::optional<uint64_t> expected_size, const std::function<void(const DownloadProgress&)>& progress,
                    const std::function<bool()>& cancelled, const DownloadOptions& options) {
  curl_global();
  Transfer t;
  t.part = fs::path(target.string() + ".part");
  t.progress.file = target.filename().string();
  t.report = &progress;
  t.is_cancelled = &cancelled;
  std::error_code ec;
  fs::create_directories(target.parent_path(), ec);
  if (ec) throw Error(ErrorKind::Io, "can't create the folder " + target.parent_path().string() + ": " + ec.message());
  t.resumed_from = t.bytes = fs::exists(t.part, ec) ? hash_existing(t.part, t.sha) : 0;
  auto remove_part = [&] {
    if (t.fd >= 0) ::close(t.fd), t.fd = -1;
    fs::remove(t.part, ec);
  };
  const std::string name = target.filename().string();

  if (!(expected_size && t.resumed_from == *expected_size)) {  // else the .part is whole: only verify it
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw Error(ErrorKind::Internal, "libcurl could not start a transfer");
    t.curl = curl.get();
    char errbuf[CURL_ERROR_SIZE] = {0};
    const char* agent = "clip-atelier/" ATELIER_VERSION;
    curl_easy_setopt(t.curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(t.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t.curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(t.curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(t.curl, CURLOPT_MAXREDIRS, options.max_redirects);
    curl_easy_setopt(t.curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(t.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(t.curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(t.curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(t.curl, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
    curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(t.curl, CURLOPT_LOW_SPEED_TIME, options.stall_timeout_s);
    curl_easy_setopt(t.curl, CURLOPT_USERAGENT, agent);
    curl_easy_setopt(t.curl, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(t.curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(t.curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(t.curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(t.curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(t.curl, CURLOPT_XFERINFODATA, &t);
    if (t.resumed_from > 0) curl_easy_setopt(t.curl, CURLOPT_RESUME_FROM_LARGE, curl_off_t(t.resumed_from));
    const CURLcode rc = curl_easy_perform(t.curl);
    long code = 0;
    curl_easy_getinfo(t.curl, CURLINFO_RESPONSE_CODE, &code);
    if (t.fd >= 0 && rc != CURLE_OK) ::close(t.fd), t.fd = -1;
    t.tell(true);
    if (t.error) {
      if (t.fd >= 0) ::close(t.fd), t.fd = -1;
      std::rethrow_exception(t.error);  // the caller's own (e.g. a job's cancellation): the .part kept
    }
    const std::string detail = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    const std::string kept = ": " + t.part.filename().string() + " is kept (" + human_bytes(t.bytes) + "); fetching again resumes it";
    switch (rc) {
      case CURLE_OK: break;
      case CURLE_ABORTED_BY_CALLBACK:
        if (t.cancelled) throw Error(ErrorKind::Cancelled, "the download of " + name + " was cancelled" + kept);
        remove_part();
        throw Error(ErrorKind::Internal, "the download of " + name + " was aborted: " + detail);
      case CURLE_WRITE_ERROR:
        remove_part();
        throw Error(ErrorKind::Io, "writing " + t.part.string() + " failed: " + errno_text(t.write_errno ? t.write_errno : EIO) +
                                       "; the partial file is removed");
      case CURLE_HTTP_RETURNED_ERROR:
        if (code == 416 && expected_size && t.resumed_from >= *expected_size) break;  // the .part was whole already
        remove_part();
        throw Error(code == 404 || code == 410 ? ErrorKind::NotFound : ErrorKind::Io,
                    "the server answered HTTP " + std::to_string(code) + " for " + url + (code == 404 ? " (not found)" : ""));
      case CURLE_COULDNT_CONNECT:
        remove_part();
        throw Error(ErrorKind::Io, "could not connect for " + url + ": " + detail);
      case CURLE_COULDNT_RESOLVE_HOST:
        remove_part();
        throw Error(ErrorKind::Io, "could not find the server of " + url + " (no internet, or a wrong name?): " + detail);
      case CURLE_TOO_MANY_REDIRECTS:
        remove_part();
        throw Error(ErrorKind::Io, "too many redirects (more than " + std::to_string(options.max_redirects) + ": a redirect loop) for " + url);
      case CURLE_OPERATION_TIMEDOUT:
        remove_part();
        throw Error(ErrorKind::Io, (t.checked_status ? "the server stopped sending " + name + " (nothing for " +
                                                           std::to_string(options.stall_timeout_s) + " s after " + human_bytes(t.bytes) + ")"
                                                     : "the server of " + url + " did not answer in time") +
                                       "; the partial file is removed");
      case CURLE_PARTIAL_FILE:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
        if (t.bytes > t.resumed_from || fs::exists(t.part, ec))
          throw Error(ErrorKind::Io, "the connection closed during the download of " + name + " after " + human_bytes(t.bytes) +
                                         (t.total ? " of " + human_bytes(t.total) : std::string()) + kept);
        remove_part();
        throw Error(ErrorKind::Io, "the connection for " + url + " closed: " + detail);
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_SSL_CACERT_BADFILE:
        remove_part();
        throw Error(ErrorKind::Io, "the secure connection for " + url + " failed its certificate check: " + detail);
      default:
        remove_part();
        throw Error(ErrorKind::Io, "the download of " + url + " failed: " + detail);
    }
    if (t.fd < 0 && !t.open_part(true)) {  // an empty file: nothing was written
      throw Error(ErrorKind::Io, "can't create " + t.part.string() + ": " + errno_text(t.write_errno));
    }
    if (::fsync(t.fd) != 0) {
      const int e = errno;
      remove_part();
      throw Error(ErrorKind::Io, "writing " + t.part.string() + " failed: " + errno_text(e) + "; the partial file is removed");
    }
    ::close(t.fd);
    t.fd = -1;
  }

  const std::string sha = t.sha.hex();
  if (expected_size && t.bytes != *expected_size) {
    remove_part();
    throw Error(ErrorKind::BadFile, name + ": the download has " + std::to_string(t.bytes) + " bytes, the catalogue says " +
                                        std::to_string(*expected_size) + "; the download is removed");
  }
  if (!expected_sha256.empty() && sha != expected_sha256) {
    remove_part();
    throw Error(ErrorKind::BadFile, name + ": the SHA-256 of the download is " + sha + ", the catalogue gives " + expected_sha256 +
                                        "; the download is removed");
  }
  fs::rename(t.part, target, ec);
  if (ec) {
    remove_part();
    throw Error(ErrorKind::Io, "can't move " + t.part.string() + " to " + target.string() + ": " + ec.message());
  }
  return {target, sha, t.bytes, t.resumed_from > 0};
}

}  // namespace atelier::hub
