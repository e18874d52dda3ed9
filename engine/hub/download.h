// One file over HTTP(S) with libcurl: certificate checks, redirects (at most 10), a partial
// download kept beside the target as NAME.part and resumed with an HTTP Range request, the
// SHA-256 computed as the bytes are written, and the file renamed into place only when it is
// complete and verified. Cancellation keeps the .part for a later resume; every other failure
// says what failed (404, refused connection, timeout, redirect loop, full disk, wrong size or
// checksum naming both hashes). Nothing downloaded is ever run.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace atelier::hub {

struct DownloadProgress {
  std::string file;             // the target's file name
  uint64_t bytes = 0;           // in the target so far (the resumed part included)
  uint64_t total = 0;           // 0 when the server does not say
  uint64_t resumed_from = 0;    // bytes already in the .part when this attempt began
  double bytes_per_second = 0;  // over this attempt
  double eta_seconds = -1;      // -1 when unknown
};

struct DownloadOptions {
  long connect_timeout_s = 20;  // to establish the connection
  long stall_timeout_s = 30;    // below 1 byte/s for this long: a stalled server
  long max_redirects = 10;
};

struct Downloaded {
  std::filesystem::path file;
  std::string sha256;           // computed over the whole file
  uint64_t bytes = 0;
  bool resumed = false;         // a .part was continued
};

// progress may be empty; cancelled is polled as data arrives (and at least every second):
// true stops the transfer with Error(Cancelled), the .part kept. expected_sha256 empty: not
// checked (the computed one is returned); expected_size: checked when given.
Downloaded download(const std::string& url, const std::filesystem::path& target, const std::string& expected_sha256,
                    std::optional<uint64_t> expected_size, const std::function<void(const DownloadProgress&)>& progress = {},
                    const std::function<bool()>& cancelled = {}, const DownloadOptions& options = {});

// The SHA-256 of a file, lower-case hex (streamed, 1 MB at a time).
std::string sha256_file(const std::filesystem::path& file);

}  // namespace atelier::hub
