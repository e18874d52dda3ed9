// OpenAI's byte-level BPE tokenizer, as clip.tokenize behaves: the same cleaning, word split,
// byte-to-unicode map and merges by rank, start and end tokens, a context of 77.
#pragma once
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace atelier::clip {

// A vocabulary file's bytes (merges .txt.gz or plain, vocab.json, merges.txt), gunzipped when
// gzip'd: regular files only (a folder, FIFO or device such as /dev/zero is refused without
// blocking), at most limits::kMaxVocabBytes, checked while inflating. Error(NotFound) when it
// can't be opened, Error(BadFile) naming the file and the limit otherwise.
std::string read_vocabulary_bytes(const std::filesystem::path& file);

class Tokenizer {
 public:
  // OpenAI's merge list (bpe_simple_vocab_16e6.txt.gz, or any gzip'd or plain list in its format),
  // read with read_vocabulary_bytes; lines past the reference's 48,894 merges are not read.
  static Tokenizer from_merges_file(const std::filesystem::path& merges);
  // A Hugging Face folder's vocab.json + merges.txt (each read with read_vocabulary_bytes; JSON
  // nesting at most limits::kMaxConfigDepth, at most kMaxVocabulary tokens and merges, ids from 0
  // to kMaxVocabulary - 1).
  static Tokenizer from_hf_files(const std::filesystem::path& vocab_json, const std::filesystem::path& merges_txt);
  // Either of the above: a merges file, or a folder holding one of them.
  static Tokenizer load(const std::filesystem::path& path);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // The BPE ids of a prompt, without start and end tokens.
  std::vector<int64_t> encode(std::string_view text) const;
  // clip.tokenize: [start, ids..., end] zero-padded to context. Throws Error(InvalidArgument)
  // naming the token count when too long, unless truncate (then the end token stays last), and
  // for a context below 2 (no room for the start and end tokens) or above limits::kMaxContext.
  std::vector<int64_t> tokenize(std::string_view text, int context = 77, bool truncate = false) const;
  std::string decode(const std::vector<int64_t>& ids) const;
  // The words BPE works on: the cleaned text split as the reference splits it, each word's
  // bytes mapped to their printable characters (no "</w>" yet). Used by the BPE learner.
  static std::vector<std::string> words(std::string_view text);

  int64_t start_token() const;
  int64_t end_token() const;
  size_t vocab_size() const;
  std::string source() const;  // where it was read from

 private:
  struct Impl;
  explicit Tokenizer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace atelier::clip
