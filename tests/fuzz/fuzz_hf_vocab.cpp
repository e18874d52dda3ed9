// The Hugging Face vocabulary reader: vocab.json and merges.txt (the input split at
// kMergesSeparator) written to two files, Tokenizer::from_hf_files, then the tokenizer used.
#include "clip/tokenizer.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/fuzz_use_tokenizer.h"

namespace atelier::fuzz {

void read_hf_vocab(std::string_view data) {
  static InputFile vocab("vocab.json"), merges("merges.txt");
  const size_t split = data.find(kMergesSeparator);
  const std::string_view json = data.substr(0, split);
  const std::string_view list = split == std::string_view::npos ? std::string_view() : data.substr(split + kMergesSeparator.size());
  const auto& vocab_path = vocab.write(json);
  const auto& merges_path = merges.write(list);
  use_tokenizer(clip::Tokenizer::from_hf_files(vocab_path, merges_path));
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_hf_vocab)
