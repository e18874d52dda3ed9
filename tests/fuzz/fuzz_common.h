// What the fuzz harnesses (tests/fuzz/fuzz_<reader>.cpp) and tests/engine/tst_bad_files.cpp
// share: one function per reader, which runs the program's own reader on a byte string as the
// program would run it on a file. A reader refuses an input by throwing atelier::Error; anything
// else (another exception, a signal, a sanitizer report, a hang, a memory blow-up) is a finding.
// Each fuzz_<reader>.cpp defines its reader and, unless ATELIER_BAD_FILES_TEST is defined (the
// ctest compiles them all into one program), libFuzzer's entry point.
#pragma once
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "runtime/error.h"

namespace atelier::fuzz {

// The readers, by the folder name their regression files have under tests/data/bad/.
void read_pickle(std::string_view data);        // io::unpickle + collect_tensors (zeroed storages)
void read_checkpoint(std::string_view data);    // io::read_state_dict (torch zip, safetensors) + metadata
void read_vocab(std::string_view data);         // clip::Tokenizer::from_merges_file (plain or gzip'd)
void read_tokenizer(std::string_view data);     // the text cleaner and tokenizer on a prompt
void read_hf_vocab(std::string_view data);      // clip::Tokenizer::from_hf_files (vocab.json, merges.txt)
void read_taming_yaml(std::string_view data);   // vqgan::read_taming_yaml
void read_png_settings(std::string_view data);  // VqganPanel::settingsFromPng
bool has_taming_yaml_reader();                  // false while engine/vqgan/detail/config.h is missing

// read_hf_vocab's input: vocab.json, this line, merges.txt (without the line: vocab.json only,
// and an empty merges.txt).
inline constexpr std::string_view kMergesSeparator = "\n--merges.txt--\n";

// A file holding the bytes, for the readers that take a path: an anonymous memory file
// (memfd_create), named /proc/self/fd/N, rewritten for every input. Nothing is left on disk.
class InputFile {
 public:
  explicit InputFile(const char* name) : fd_(memfd_create(name, MFD_CLOEXEC)) {
    if (fd_ < 0) {
      std::perror("memfd_create");
      std::abort();
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile() { ::close(fd_); }

  const std::filesystem::path& write(std::string_view data) {
    if (::ftruncate(fd_, 0) != 0) fail("ftruncate");
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::pwrite(fd_, data.data() + done, data.size() - done, off_t(done));
      if (n <= 0) fail("pwrite");
      done += size_t(n);
    }
    return path_;
  }

 private:
  [[noreturn]] static void fail(const char* what) {
    std::perror(what);
    std::abort();
  }
  int fd_;
  std::filesystem::path path_;
};

}  // namespace atelier::fuzz

// libFuzzer's entry point for one reader: atelier::Error is a refusal, and only that is caught.
// With ATELIER_FUZZ_VERBOSE=1 each input's outcome is printed (to check that seeds load).
#ifdef ATELIER_BAD_FILES_TEST
#define ATELIER_FUZZ_ENTRY(reader)
#else
#define ATELIER_FUZZ_ENTRY(reader)                                                         \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {                \
    static const bool verbose = std::getenv("ATELIER_FUZZ_VERBOSE") != nullptr;            \
    try {                                                                                  \
      reader(std::string_view(reinterpret_cast<const char*>(data), size));                 \
      if (verbose) std::fprintf(stderr, "loaded\n");                                        \
    } catch (const atelier::Error& e) {                                                    \
      if (verbose) std::fprintf(stderr, "refused: %.300s\n", e.what());                     \
    }                                                                                      \
    return 0;                                                                              \
  }
#endif
