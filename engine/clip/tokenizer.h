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

class Tokenizer {
 public:
  // OpenAI's merge list (bpe_simple_vocab_16e6.txt.gz, or any gzip'd or plain list in its format).
  static Tokenizer from_merges_file(const std::filesystem::path& merges);
  // A Hugging Face folder's vocab.json + merges.txt.
  static Tokenizer from_hf_files(const std::filesystem::path& vocab_json, const std::filesystem::path& merges_txt);
  // Either of the above: a merges file, or a folder holding one of them.
  static Tokenizer load(const std::filesystem::path& path);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // The BPE ids of a prompt, without start and end tokens.
  std::vector<int64_t> encode(std::string_view text) const;
  // clip.tokenize: [start, ids..., end] zero-padded to context. Throws Error(InvalidArgument)
  // naming the token count when too long, unless truncate (then the end token stays last).
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
