// Learns a byte-level BPE vocabulary in OpenAI's merge format, with the same cleaning, word
// split and byte map as the tokenizer, so every prompt still tokenizes (down to bytes).
#pragma once
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace atelier::train {

// texts: (text, weight) pairs; merges: how many merges to learn. Deterministic: ties between
// equally frequent pairs go to the lexicographically smaller pair.
std::vector<std::pair<std::string, std::string>> learn_bpe(const std::vector<std::pair<std::string, double>>& texts,
                                                           int merges);
// Writes merges as a gzip'd file in bpe_simple_vocab_16e6.txt.gz's format (a header line, then
// one "first second" per line), whole or not at all.
void write_merges(const std::filesystem::path& file, const std::vector<std::pair<std::string, std::string>>& merges);

}  // namespace atelier::train
