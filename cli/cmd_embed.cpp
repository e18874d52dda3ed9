// clip-atelier-cli embed: CLIP's embeddings of texts and images, their cosines and softmax, as JSON.
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "clip/clip.h"
#include "runtime/error.h"

namespace atelier::cli {

namespace fs = std::filesystem;

namespace {

nlohmann::json floats(const std::vector<float>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (float x : v) a.push_back(double(x));
  return a;
}

nlohmann::json matrix(const std::vector<std::vector<double>>& m) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& row : m) a.push_back(row);
  return a;
}

}  // namespace

void add_embed_command(CLI::App& app, Globals& globals) {
  struct EmbedArgs {
    std::string clip, vocab, precision = "fp32";
    bool truncate = false, json = false;
    std::vector<std::string> texts, images;
  };
  auto e = std::make_shared<EmbedArgs>();
  auto* emb = app.add_subcommand("embed", "Embed texts and images with CLIP; print embeddings, cosines and softmax");
  emb->add_option("--clip", e->clip, "A CLIP checkpoint or Hugging Face folder (default: the default model)");
  emb->add_option("--vocab", e->vocab, "Its vocabulary, when not beside it");
  emb->add_option("--text", e->texts, "A text (repeatable)");
  emb->add_option("--image", e->images, "An image file (repeatable)");
  emb->add_flag("--truncate", e->truncate, "Cut over-long texts to the context");
  emb->add_option("--precision", e->precision, "fp32, or bf16 / fp16 for the fast mode")->check(CLI::IsMember({"fp32", "bf16", "fp16"}));
  emb->add_flag("--json", e->json, "Print JSON (the only output format so far)");
  emb->callback([e, &globals] {
    RuntimeInfo rt = configure(globals);
    if (e->texts.empty() && e->images.empty()) throw Error(ErrorKind::InvalidArgument, "give at least one --text or --image");
    clip::Clip model = clip::Clip::load(e->clip.empty() ? default_clip() : fs::path(e->clip), e->vocab);
    model.to(rt.device.name, e->precision == "bf16"   ? clip::Precision::BFloat16
                             : e->precision == "fp16" ? clip::Precision::Half
                                                      : clip::Precision::Float32);
    std::vector<Image> images;
    for (const auto& path : e->images) images.push_back(read_image(path));
    const auto text_emb = model.encode_texts(e->texts, e->truncate);
    const auto image_emb = model.encode_images(images);
    const auto& info = model.info();
    nlohmann::json out;
    out["model"] = {{"path", info.path},           {"format", info.format},
                    {"vocabulary", info.vocabulary}, {"architecture", info.architecture},
                    {"embed_dim", info.embed_dim},   {"image_size", info.image_size},
                    {"context_length", info.context_length}, {"logit_scale", info.logit_scale},
                    {"precision", e->precision},     {"device", rt.device.name}};
    out["texts"] = nlohmann::json::array();
    for (size_t i = 0; i < e->texts.size(); ++i)
      out["texts"].push_back({{"text", e->texts[i]},
                              {"tokens", model.tokenizer().tokenize(e->texts[i], int(info.context_length), e->truncate)},
                              {"embedding", floats(text_emb[i])}});
    out["images"] = nlohmann::json::array();
    for (size_t i = 0; i < e->images.size(); ++i) out["images"].push_back({{"path", e->images[i]}, {"embedding", floats(image_emb[i])}});
    const auto cos = clip::cosine_matrix(text_emb, image_emb);
    out["cosine"] = matrix(cos);
    out["softmax"] = matrix(clip::softmax_rows(cos, info.logit_scale));
    std::cout << out.dump() << '\n';
  });
}

}  // namespace atelier::cli
