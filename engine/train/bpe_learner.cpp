#include "train/bpe_learner.h"

#include <zlib.h>

#include <map>
#include <tuple>
#include <unordered_map>

#include "clip/tokenizer.h"
#include "clip/detail/utf8.h"
#include "io/output_file.h"
#include "runtime/error.h"

namespace atelier::train {

std::vector<std::pair<std::string, std::string>> learn_bpe(const std::vector<std::pair<std::string, double>>& texts,
                                                           int merges) {
  // Symbols as ints; words as symbol sequences with "</w>" on the last, with their frequency.
  std::vector<std::string> symbols;
  std::unordered_map<std::string, int> symbol_id;
  auto id_of = [&](const std::string& s) {
    auto [it, fresh] = symbol_id.emplace(s, int(symbols.size()));
    if (fresh) symbols.push_back(s);
    return it->second;
  };
  std::map<std::string, double> freq;
  for (const auto& [text, weight] : texts)
    for (const auto& w : clip::Tokenizer::words(text)) freq[w] += weight;
  std::vector<std::vector<int>> words;
  std::vector<double> counts;
  for (const auto& [w, f] : freq) {
    auto chars = clip::utf8_chars(w);
    if (chars.empty()) continue;
    chars.back() += "</w>";
    std::vector<int> ids;
    for (auto& c : chars) ids.push_back(id_of(c));
    words.push_back(std::move(ids));
    counts.push_back(f);
  }
  auto key = [](int a, int b) { return (uint64_t(uint32_t(a)) << 32) | uint32_t(b); };
  std::vector<std::pair<std::string, std::string>> out;
  std::unordered_map<uint64_t, double> pairs;
  for (int m = 0; m < merges; ++m) {
    pairs.clear();
    for (size_t i = 0; i < words.size(); ++i)
      for (size_t j = 0; j + 1 < words[i].size(); ++j) pairs[key(words[i][j], words[i][j + 1])] += counts[i];
    if (pairs.empty()) break;
    // The most frequent pair; ties to the lexicographically smaller (first, second).
    uint64_t best = 0;
    double best_count = -1;
    for (const auto& [k, c] : pairs) {
      if (c < best_count) continue;
      if (c == best_count) {
        const auto& cur = std::tie(symbols[best >> 32], symbols[best & 0xffffffffu]);
        const auto& cand = std::tie(symbols[k >> 32], symbols[k & 0xffffffffu]);
        if (!(cand < cur)) continue;
      }
      best = k;
      best_count = c;
    }
    const int a = int(best >> 32), b = int(best & 0xffffffffu);
    out.emplace_back(symbols[size_t(a)], symbols[size_t(b)]);
    const int ab = id_of(symbols[size_t(a)] + symbols[size_t(b)]);
    for (auto& w : words) {
      size_t o = 0;
      for (size_t j = 0; j < w.size();) {
        if (j + 1 < w.size() && w[j] == a && w[j + 1] == b) {
          w[o++] = ab;
          j += 2;
        } else {
          w[o++] = w[j++];
        }
      }
      w.resize(o);
    }
  }
  return out;
}

void write_merges(const std::filesystem::path& file, const std::vector<std::pair<std::string, std::string>>& merges) {
  const std::filesystem::path tmp = file.string() + ".partial";
  gzFile f = gzopen(tmp.c_str(), "wb9");
  if (!f) throw Error(ErrorKind::InvalidArgument, "can't write " + file.string());
  std::string text = "#version: clip-atelier mini-clip\n";
  for (size_t i = 0; i < merges.size(); ++i) text += merges[i].first + " " + merges[i].second + (i + 1 < merges.size() ? "\n" : "");
  const bool ok = gzwrite(f, text.data(), unsigned(text.size())) == int(text.size());
  const int err = errno;
  if (gzclose(f) != Z_OK || !ok) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw Error(ErrorKind::InvalidArgument, "writing " + file.string() + " failed: " + write_error_text(err));
  }
  commit_file(tmp, file);
}

}  // namespace atelier::train
