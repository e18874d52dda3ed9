// clip-atelier-cli tokenize: the 77 token ids of each text, as CLIP's tokenizer gives them (JSON).
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "clip/clip.h"

namespace atelier::cli {

namespace fs = std::filesystem;

void add_tokenize_command(CLI::App& app, Globals& globals) {
  struct TokenizeArgs {
    std::string clip, vocab;
    bool truncate = false;
    std::vector<std::string> texts;
  };
  auto t = std::make_shared<TokenizeArgs>();
  auto* tok = app.add_subcommand("tokenize", "Print the 77 token ids of each text, as clip.tokenize returns them (JSON)");
  auto* clip_opt = tok->add_option("--clip", t->clip, "A CLIP checkpoint whose vocabulary to use");
  tok->add_option("--vocab", t->vocab, "A vocabulary file (bpe_simple_vocab_16e6.txt.gz) or Hugging Face folder")->excludes(clip_opt);
  tok->add_flag("--truncate", t->truncate, "Cut over-long texts to the context (the end token stays last)");
  tok->add_option("texts", t->texts, "Texts to tokenize")->required();
  tok->callback([t] {
    fs::path vocab = !t->vocab.empty() ? fs::path(t->vocab)
                     : !t->clip.empty() ? clip::find_vocabulary(t->clip)
                                        : clip::find_vocabulary(default_clip());
    clip::Tokenizer tokenizer = clip::Tokenizer::load(vocab);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& text : t->texts) out.push_back({{"text", text}, {"ids", tokenizer.tokenize(text, 77, t->truncate)}});
    std::cout << out.dump() << '\n';
  });
}

}  // namespace atelier::cli
