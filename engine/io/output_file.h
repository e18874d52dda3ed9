// Output files written whole or not at all: checked before a run, written to NAME.partial and
// renamed; errors from errno in words. No OpenCV, no torch (the checkpoint writer uses it too).
#pragma once
#include <cstddef>
#include <filesystem>
#include <string>

namespace atelier {

// Why a write failed, in words, from errno: "the disk is full (No space left on device)",
// "permission denied", ... (disk-full and quota errors are said so; never "codec missing").
std::string write_error_text(int errnum);

// Before a run: the folder `file` goes into exists, is a folder and takes a new file (a probe is
// created and removed), and `file` is not itself a folder. Throws Error naming the path.
void check_output_folder(const std::filesystem::path& file);
// Moves a finished temporary file into place; on failure removes it and throws Error naming
// `file` and the reason.
void commit_file(const std::filesystem::path& tmp, const std::filesystem::path& file);

// Writes n bytes to tmp (created or truncated); on failure removes tmp and throws Error naming
// `file` and the reason (errno in words). The caller commits tmp (commit_file) when it is done.
void write_bytes(const std::filesystem::path& tmp, const std::filesystem::path& file, const void* data, size_t n);
// write_bytes to "file.partial", then commit_file: the file appears whole or not at all.
void write_file_whole(const std::filesystem::path& file, const void* data, size_t n);

}  // namespace atelier
