// The text cleaner and the tokenizer on an arbitrary prompt (bytes, not always UTF-8), with the
// tiny test vocabulary: clean_prompt (and its pieces once the text is known to be UTF-8), the
// word split, encode, decode, and tokenize to a context of 77 and of 2, truncated or not.
#include "clip/text_clean.h"
#include "clip/tokenizer.h"
#include "fuzz/fuzz_common.h"

namespace atelier::fuzz {

void read_tokenizer(std::string_view text) {
  static const clip::Tokenizer tok = clip::Tokenizer::from_merges_file(ATELIER_SOURCE_DIR "/tests/data/clip/tiny_vocab.txt.gz");
  (void)clip::clean_prompt(text);  // Error(InvalidArgument) when not UTF-8
  (void)clip::ftfy_fix_text(text);
  (void)clip::html_unescape(text);
  (void)clip::python_lower(text);
  (void)clip::Tokenizer::words(text);
  (void)tok.decode(tok.encode(text));
  (void)tok.decode(tok.tokenize(text, 77, true));
  (void)tok.tokenize(text, 2, true);
  (void)tok.tokenize(text, 77, false);  // Error(InvalidArgument) when too long
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_tokenizer)
