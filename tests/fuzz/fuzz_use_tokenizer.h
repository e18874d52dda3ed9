// For the vocabulary harnesses: a tokenizer that loaded is used on a few prompts, as the program
// uses it (encode, tokenize with and without truncation, decode). A prompt it refuses is fine.
#pragma once
#include <string_view>

#include "clip/tokenizer.h"
#include "runtime/error.h"

namespace atelier::fuzz {

inline void use_tokenizer(const clip::Tokenizer& tok) {
  (void)tok.start_token();
  (void)tok.end_token();
  (void)tok.vocab_size();
  static constexpr std::string_view kPrompts[] = {
      "a photo of a cat", "A Red  CIRCLE, on white!", "<|startoftext|>x<|endoftext|>", "caf\xc3\xa9 \xf0\x9f\x8e\x89 123 &amp; it's", ""};
  for (std::string_view prompt : kPrompts) {
    try {
      (void)tok.decode(tok.encode(prompt));
      (void)tok.tokenize(prompt, 77, false);
      (void)tok.decode(tok.tokenize(prompt, 2, true));
    } catch (const atelier::Error&) {
    }
  }
}

}  // namespace atelier::fuzz
