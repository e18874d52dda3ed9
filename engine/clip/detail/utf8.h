// UTF-8 helpers shared by the tokenizer and the BPE learner.
#pragma once
#include <string>
#include <vector>

namespace atelier::clip {

// A UTF-8 string's characters, each as its own string (valid UTF-8 assumed).
inline std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    out.push_back(s.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace atelier::clip
