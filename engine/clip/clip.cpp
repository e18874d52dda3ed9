#include "clip/clip.h"

#include <ATen/ATen.h>

#include <cmath>
#include <set>

#include "clip/detail/clip_impl.h"
#include "clip/preprocess.h"
#include "io/detail/checkpoint.h"
#include "io/detail/module_io.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/model_paths.h"
#include "runtime/parse.h"

namespace fs = std::filesystem;

namespace atelier::clip {

namespace {

std::vector<Embedding> to_rows(const at::Tensor& t) {
  at::Tensor c = t.to(at::kCPU, at::kFloat).contiguous();
  std::vector<Embedding> rows(size_t(c.size(0)));
  const float* p = c.data_ptr<float>();
  for (size_t i = 0; i < rows.size(); ++i) rows[i].assign(p + i * size_t(c.size(1)), p + (i + 1) * size_t(c.size(1)));
  return rows;
}

std::map<std::string, at::Tensor> strip_prefix(std::map<std::string, at::Tensor> sd, const std::string& prefix) {
  for (const auto& [k, v] : sd)
    if (k.rfind(prefix, 0) != 0) return sd;
  std::map<std::string, at::Tensor> out;
  for (auto& [k, v] : sd) out.emplace(k.substr(prefix.size()), v);
  return out;
}

}  // namespace

bool has_hf_keys(const std::map<std::string, at::Tensor>& sd) {
  return sd.count("text_model.embeddings.token_embedding.weight") > 0;
}

std::map<std::string, at::Tensor> from_hf_keys(const std::map<std::string, at::Tensor>& hf, const std::string& source) {
  for (const auto& [k, v] : hf)
    if (k.size() > limits::kMaxKeyLength)
      throw Error(ErrorKind::BadFile, source + ": a key of " + std::to_string(k.size()) + " characters ('" + shown(k) +
                                          "') is longer than the limit of " + std::to_string(limits::kMaxKeyLength));
  auto get = [&](const std::string& k, int64_t dims) -> const at::Tensor& {
    auto it = hf.find(k);
    if (it == hf.end()) throw Error(ErrorKind::BadFile, source + " has no '" + k + "' (Hugging Face names)");
    if (it->second.dim() != dims)
      throw Error(ErrorKind::BadFile, source + ": " + k + " has shape " + c10::str(it->second.sizes()) + ", not " +
                                          std::to_string(dims) + "-dimensional");
    return it->second;
  };
  // q, k and v of one block, checked to agree before they are joined.
  auto joined = [&](const std::string& block, const char* what, int64_t dims) {
    const at::Tensor& q = get(block + "self_attn.q_proj." + what, dims);
    const at::Tensor& k = get(block + "self_attn.k_proj." + what, dims);
    const at::Tensor& v = get(block + "self_attn.v_proj." + what, dims);
    if (k.sizes() != q.sizes() || v.sizes() != q.sizes())
      throw Error(ErrorKind::BadFile, source + ": " + block + "self_attn's q, k and v " + what + "s have the shapes " +
                                          c10::str(q.sizes()) + ", " + c10::str(k.sizes()) + " and " + c10::str(v.sizes()));
    for (int64_t d : q.sizes())  // checked before the join allocates
      if (d < 1 || d > limits::kMaxWidth)
        throw Error(ErrorKind::BadFile, source + ": " + block + "self_attn.q_proj." + what + " has shape " + c10::str(q.sizes()) +
                                            "; widths must be from 1 to " + std::to_string(limits::kMaxWidth) + " (the stated limit)");
    return at::cat({q, k, v});
  };
  std::map<std::string, at::Tensor> sd;
  // Per tower: HF prefix -> OpenAI prefix of its transformer blocks.
  for (const auto& [hf_tower, oa_tower] : {std::pair{std::string("text_model"), std::string("transformer")},
                                           std::pair{std::string("vision_model"), std::string("visual.transformer")}}) {
    const std::string prefix = hf_tower + ".encoder.layers.";
    std::set<int64_t> layers;
    for (const auto& [k, v] : hf) {
      if (k.compare(0, prefix.size(), prefix) != 0) continue;
      const auto parts = split_key(k);  // text_model, encoder, layers, N, ...
      const auto index = parts.size() > 4 ? key_index(parts[3]) : std::nullopt;
      if (!index)
        throw Error(ErrorKind::BadFile, source + ": the key '" + shown(k, 80) + "' has no layer index (a number of at most " +
                                            std::to_string(limits::kMaxIndexDigits) + " digits) after " + prefix);
      layers.insert(*index);
      if (int64_t(layers.size()) > limits::kMaxLayers)
        throw Error(ErrorKind::BadFile, source + ": more than " + std::to_string(limits::kMaxLayers) + " layers under " + prefix +
                                            " (the stated limit)");
    }
    for (int64_t i : layers) {
      const std::string h = prefix + std::to_string(i) + ".";
      const std::string o = oa_tower + ".resblocks." + std::to_string(i) + ".";
      sd[o + "attn.in_proj_weight"] = joined(h, "weight", 2);
      sd[o + "attn.in_proj_bias"] = joined(h, "bias", 1);
      for (const char* wb : {"weight", "bias"}) {
        const int64_t dims = std::string(wb) == "weight" ? 2 : 1;
        sd[o + "attn.out_proj." + wb] = get(h + "self_attn.out_proj." + wb, dims);
        sd[o + "ln_1." + wb] = get(h + "layer_norm1." + wb, 1);
        sd[o + "ln_2." + wb] = get(h + "layer_norm2." + wb, 1);
        sd[o + "mlp.c_fc." + wb] = get(h + "mlp.fc1." + wb, dims);
        sd[o + "mlp.c_proj." + wb] = get(h + "mlp.fc2." + wb, dims);
      }
    }
  }
  sd["token_embedding.weight"] = get("text_model.embeddings.token_embedding.weight", 2);
  sd["positional_embedding"] = get("text_model.embeddings.position_embedding.weight", 2);
  sd["text_projection"] = get("text_projection.weight", 2).t();  // HF stores [embed, width]
  sd["visual.class_embedding"] = get("vision_model.embeddings.class_embedding", 1);
  sd["visual.conv1.weight"] = get("vision_model.embeddings.patch_embedding.weight", 4);
  sd["visual.positional_embedding"] = get("vision_model.embeddings.position_embedding.weight", 2);
  sd["visual.proj"] = get("visual_projection.weight", 2).t();
  sd["logit_scale"] = get("logit_scale", 0);
  for (const char* wb : {"weight", "bias"}) {
    sd[std::string("ln_final.") + wb] = get(std::string("text_model.final_layer_norm.") + wb, 1);
    sd[std::string("visual.ln_pre.") + wb] = get(std::string("vision_model.pre_layrnorm.") + wb, 1);  // sic
    sd[std::string("visual.ln_post.") + wb] = get(std::string("vision_model.post_layernorm.") + wb, 1);
  }
  return sd;
}

fs::path find_vocabulary(const fs::path& checkpoint) {
  std::error_code ec;
  const fs::path dir = fs::is_directory(checkpoint, ec) ? checkpoint : checkpoint.parent_path();
  for (const fs::path& d : {dir, user_data_dir() / "models"}) {
    if (fs::exists(d / "vocab.json", ec) && fs::exists(d / "merges.txt", ec)) return d;
    if (fs::exists(d / "bpe_simple_vocab_16e6.txt.gz", ec)) return d / "bpe_simple_vocab_16e6.txt.gz";
    if (d == dir && fs::exists(d / "vocab.txt.gz", ec)) return d / "vocab.txt.gz";  // the project's own models
  }
  throw Error(ErrorKind::NotFound,
              "no vocabulary for " + checkpoint.string() + ": put OpenAI's bpe_simple_vocab_16e6.txt.gz (published in "
              "the openai/CLIP repository, clip/bpe_simple_vocab_16e6.txt.gz) beside the checkpoint, or the model's "
              "vocab.json and merges.txt (from its Hugging Face page), or either in " + (user_data_dir() / "models").string());
}

Clip::Clip(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Clip::Clip(Clip&&) noexcept = default;
Clip& Clip::operator=(Clip&&) noexcept = default;
Clip::~Clip() = default;

Clip Clip::load(const fs::path& checkpoint, const fs::path& vocabulary) {
  fs::path file = checkpoint;
  std::error_code ec;
  if (fs::is_directory(checkpoint, ec)) {  // a Hugging Face folder
    file = checkpoint / "model.safetensors";
    if (!fs::exists(file, ec)) file = checkpoint / "pytorch_model.bin";
    if (!fs::exists(file, ec))
      throw Error(ErrorKind::NotFound, checkpoint.string() + " holds neither model.safetensors nor pytorch_model.bin");
  }
  auto impl = std::make_unique<Impl>();
  std::string kind;
  auto sd = model_of_training_checkpoint(strip_prefix(io::read_state_dict(file, &kind), "module."));
  impl->info.format = kind;
  if (has_hf_keys(sd)) {
    sd = from_hf_keys(sd, file.string());
    impl->info.format += " (Hugging Face names)";
  }
  // The configuration the shapes imply, within the limits and matching every tensor, before
  // anything is allocated for the model.
  const ClipConfig config = ClipConfig::from_state_dict(sd, file.string());
  const fs::path vocab = vocabulary.empty() ? find_vocabulary(checkpoint) : vocabulary;
  impl->tokenizer.emplace(Tokenizer::load(vocab));
  impl->info.vocabulary = impl->tokenizer->source();
  if (int64_t(impl->tokenizer->vocab_size()) > config.vocab_size)
    throw Error(ErrorKind::BadFile, "the vocabulary " + vocab.string() + " has " + std::to_string(impl->tokenizer->vocab_size()) +
                                        " tokens, more than the model's " + std::to_string(config.vocab_size));
  impl->model = ClipModel(config);
  load_weights(*impl->model, sd, file.string());
  impl->model->eval();
  impl->info.path = file.string();
  impl->info.architecture = config.describe();
  impl->info.embed_dim = config.embed_dim;
  impl->info.image_size = config.image_resolution;
  impl->info.context_length = config.context_length;
  impl->info.vocab_size = config.vocab_size;
  impl->info.logit_scale = impl->model->logit_scale.item<double>();
  return Clip(std::move(impl));
}

Clip Clip::random(const std::string& config, uint64_t seed, const fs::path& vocabulary) {
  ClipConfig c = config == "vit-b-32"   ? ClipConfig::vit_b_32()
                 : config == "vit-b-16" ? ClipConfig::vit_b_16()
                 : config == "vit-l-14" ? ClipConfig::vit_l_14()
                                        : throw Error(ErrorKind::InvalidArgument,
                                                      "unknown configuration '" + config + "': use vit-b-32, vit-b-16 or vit-l-14");
  at::manual_seed(seed);
  auto impl = std::make_unique<Impl>();
  impl->model = ClipModel(c);
  impl->model->eval();
  impl->info.path = "(random weights)";
  impl->info.format = "random " + config;
  impl->info.architecture = c.describe();
  impl->info.embed_dim = c.embed_dim;
  impl->info.image_size = c.image_resolution;
  impl->info.context_length = c.context_length;
  impl->info.vocab_size = c.vocab_size;
  impl->info.logit_scale = impl->model->logit_scale.item<double>();
  if (!vocabulary.empty()) {
    impl->tokenizer.emplace(Tokenizer::load(vocabulary));
    impl->info.vocabulary = impl->tokenizer->source();
  }
  return Clip(std::move(impl));
}

const ClipInfo& Clip::info() const { return impl_->info; }
size_t Clip::bytes() const { return io::module_bytes(*impl_->model); }
bool Clip::has_tokenizer() const { return impl_->tokenizer.has_value(); }

const Tokenizer& Clip::tokenizer() const {
  if (!impl_->tokenizer) throw Error(ErrorKind::Unsupported, "this CLIP has no tokenizer (random weights)");
  return *impl_->tokenizer;
}

void Clip::to(const std::string& device, Precision precision) {
  impl_->device = at::Device(device);
  impl_->dtype = precision == Precision::BFloat16 ? at::kBFloat16 : precision == Precision::Half ? at::kHalf : at::kFloat;
  impl_->model->to(impl_->device, impl_->dtype);
  impl_->model->causal_mask = impl_->model->causal_mask.to(at::kFloat);
  impl_->image_cache.clear();  // embeddings depend on the precision
}

at::Tensor Clip::Impl::encode_text(const at::Tensor& tokens) {
  return model->encode_text(tokens.to(device)).to(at::kFloat);
}

at::Tensor Clip::Impl::encode_image(const at::Tensor& pixels) {
  return model->encode_image(pixels.to(device, dtype)).to(at::kFloat);
}

std::vector<Embedding> Clip::encode_tokens(const std::vector<std::vector<int64_t>>& tokens) const {
  if (tokens.empty()) return {};
  const int64_t ctx = impl_->info.context_length;
  at::Tensor t = at::empty({int64_t(tokens.size()), ctx}, at::kLong);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (int64_t(tokens[i].size()) != ctx)
      throw Error(ErrorKind::InvalidArgument, "a token sequence must be " + std::to_string(ctx) + " long");
    for (int64_t id : tokens[i])
      if (id < 0 || id >= impl_->info.vocab_size)
        throw Error(ErrorKind::InvalidArgument, "token id " + std::to_string(id) + " is outside the model's vocabulary");
    std::copy(tokens[i].begin(), tokens[i].end(), t[int64_t(i)].data_ptr<int64_t>());
  }
  c10::InferenceMode guard;
  return to_rows(impl_->encode_text(t));
}

std::vector<Embedding> Clip::encode_texts(const std::vector<std::string>& texts, bool truncate) const {
  std::vector<std::vector<int64_t>> tokens;
  for (const auto& text : texts) tokens.push_back(tokenizer().tokenize(text, int(impl_->info.context_length), truncate));
  return encode_tokens(tokens);
}

std::vector<Embedding> Clip::encode_pixels(const std::vector<float>& pixels, int n) const {
  const int64_t r = impl_->info.image_size;
  if (n <= 0 || pixels.size() != size_t(n) * 3 * size_t(r * r))
    throw Error(ErrorKind::InvalidArgument, "expected " + std::to_string(n) + " images of 3x" + std::to_string(r) + "x" + std::to_string(r));
  at::Tensor t = at::from_blob(const_cast<float*>(pixels.data()), {n, 3, r, r}, at::kFloat);
  c10::InferenceMode guard;
  return to_rows(impl_->encode_image(t));
}

std::vector<Embedding> Clip::encode_images(const std::vector<Image>& images) const {
  // FNV-1a over the size and the pixels: the same picture from another file hits too.
  auto hash = [](const Image& im) {
    uint64_t h = 1469598103934665603ULL;
    auto mix = [&h](uint8_t b) { h = (h ^ b) * 1099511628211ULL; };
    for (int v : {im.width, im.height, im.channels})
      for (int i = 0; i < 4; ++i) mix(uint8_t(v >> (8 * i)));
    for (uint8_t b : im.pixels) mix(b);
    return h;
  };
  std::vector<Embedding> out(images.size());
  std::vector<size_t> todo;
  std::vector<uint64_t> keys(images.size());
  std::vector<float> pixels;
  for (size_t i = 0; i < images.size(); ++i) {
    keys[i] = hash(images[i]);
    if (auto it = impl_->image_cache.find(keys[i]); it != impl_->image_cache.end()) {
      out[i] = it->second;
      ++impl_->cache_hits;
      continue;
    }
    auto p = preprocess(images[i], int(impl_->info.image_size));
    pixels.insert(pixels.end(), p.begin(), p.end());
    todo.push_back(i);
  }
  if (!todo.empty()) {
    auto fresh = encode_pixels(pixels, int(todo.size()));
    for (size_t j = 0; j < todo.size(); ++j) {
      out[todo[j]] = fresh[j];
      impl_->image_cache[keys[todo[j]]] = fresh[j];
    }
  }
  return out;
}

size_t Clip::cache_hits() const { return impl_->cache_hits; }
size_t Clip::cache_size() const { return impl_->image_cache.size(); }

std::vector<std::vector<double>> cosine_matrix(const std::vector<Embedding>& texts, const std::vector<Embedding>& images) {
  auto norm = [](const Embedding& e) {
    double s = 0;
    for (float v : e) s += double(v) * v;
    return std::sqrt(s);
  };
  std::vector<std::vector<double>> out(texts.size(), std::vector<double>(images.size()));
  for (size_t i = 0; i < texts.size(); ++i)
    for (size_t j = 0; j < images.size(); ++j) {
      if (texts[i].size() != images[j].size()) throw Error(ErrorKind::InvalidArgument, "embeddings of different sizes");
      double dot = 0;
      for (size_t d = 0; d < texts[i].size(); ++d) dot += double(texts[i][d]) * images[j][d];
      const double n = norm(texts[i]) * norm(images[j]);
      out[i][j] = n > 0 ? dot / n : 0.0;
    }
  return out;
}

std::vector<std::vector<double>> softmax_rows(const std::vector<std::vector<double>>& cosines, double logit_scale) {
  const double scale = std::exp(logit_scale);
  std::vector<std::vector<double>> out = cosines;
  for (auto& row : out) {
    if (row.empty()) continue;
    double top = -INFINITY;
    for (double& v : row) top = std::max(top, v *= scale);
    double sum = 0;
    for (double& v : row) sum += (v = std::exp(v - top));
    for (double& v : row) v /= sum;
  }
  return out;
}

std::vector<std::vector<double>> softmax_columns(const std::vector<std::vector<double>>& cosines, double logit_scale) {
  if (cosines.empty()) return {};
  std::vector<std::vector<double>> columns(cosines[0].size(), std::vector<double>(cosines.size()));
  for (size_t i = 0; i < cosines.size(); ++i)
    for (size_t j = 0; j < cosines[i].size(); ++j) columns[j][i] = cosines[i][j];
  const auto soft = softmax_rows(columns, logit_scale);
  std::vector<std::vector<double>> out(cosines.size(), std::vector<double>(cosines[0].size()));
  for (size_t j = 0; j < soft.size(); ++j)
    for (size_t i = 0; i < soft[j].size(); ++i) out[i][j] = soft[j][i];
  return out;
}

std::vector<std::vector<double>> zero_shot(const Clip& clip, const std::vector<Image>& images,
                                           const std::vector<std::string>& labels,
                                           const std::vector<std::string>& templates) {
  if (labels.empty()) throw Error(ErrorKind::InvalidArgument, "give labels, one per line");
  if (templates.empty()) throw Error(ErrorKind::InvalidArgument, "give a template with {} where the label goes");
  for (const auto& t : templates)
    if (t.find("{}") == std::string::npos)
      throw Error(ErrorKind::InvalidArgument, "the template '" + t + "' has no {} where the label goes");
  std::vector<Embedding> classes;
  for (const std::string& label : labels) {
    std::vector<std::string> texts;
    for (const std::string& t : templates) {
      std::string text = t;
      for (size_t at = text.find("{}"); at != std::string::npos; at = text.find("{}", at + label.size()))
        text.replace(at, 2, label);
      texts.push_back(std::move(text));
    }
    const auto emb = clip.encode_texts(texts, true);
    Embedding mean(emb[0].size(), 0.0f);
    for (const auto& e : emb) {
      double n = 0;
      for (float v : e) n += double(v) * v;
      n = std::max(std::sqrt(n), 1e-12);
      for (size_t k = 0; k < e.size(); ++k) mean[k] += float(e[k] / n);
    }
    classes.push_back(std::move(mean));  // cosine_matrix normalises the mean again
  }
  return softmax_rows(cosine_matrix(clip.encode_images(images), classes), clip.info().logit_scale);
}

fs::path resolve_clip(const fs::path& checkpoint) {
  if (!checkpoint.empty()) return checkpoint;
  fs::path found = find_default_clip();
  if (found.empty())
    throw Error(ErrorKind::NotFound, "no CLIP model is installed; Models ▸ Model Folders shows where checkpoints go");
  return found;
}

std::shared_ptr<Clip> shared_clip(ModelCache& cache, const fs::path& checkpoint, const std::string& device) {
  const fs::path path = resolve_clip(checkpoint);
  return cache.get<Clip>("clip", path.string(), device, [&] {
    Clip clip = Clip::load(path);
    if (device != "cpu") clip.to(device);
    return clip;
  });
}

}  // namespace atelier::clip
