// The BPE vocabulary reader on arbitrary bytes written to a file (a merges list as OpenAI's
// bpe_simple_vocab_16e6.txt.gz, gzip'd or plain: zlib tells them apart), then the tokenizer used.
#include "clip/tokenizer.h"
#include "fuzz/fuzz_common.h"
#include "fuzz/fuzz_use_tokenizer.h"

namespace atelier::fuzz {

void read_vocab(std::string_view data) {
  static InputFile file("vocab.txt.gz");
  use_tokenizer(clip::Tokenizer::from_merges_file(file.write(data)));
}

}  // namespace atelier::fuzz

ATELIER_FUZZ_ENTRY(atelier::fuzz::read_vocab)
