#include "clip/detail/model.h"

#include <ATen/ATen.h>
#include <torch/nn/functional/normalization.h>

#include <cmath>
#include <set>
#include <sstream>

#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace atelier::clip {

namespace {

std::string shape_of(c10::IntArrayRef sizes) { return c10::str(sizes); }

// A key's tensor with the number of dimensions its role needs; Error(BadFile) naming it otherwise.
const at::Tensor& require(const std::map<std::string, at::Tensor>& sd, const std::string& key, const std::string& source,
                          int64_t dims, const char* layout) {
  auto it = sd.find(key);
  if (it == sd.end()) throw Error(ErrorKind::BadFile, source + " has no '" + key + "': not a CLIP state dict?");
  if (it->second.dim() != dims)
    throw Error(ErrorKind::BadFile, source + ": " + key + " has shape " + shape_of(it->second.sizes()) + "; a CLIP's is " + layout);
  return it->second;
}

// value within [lo, hi], or Error(BadFile) naming source, what (with its key), the value and the limits.
void within(const std::string& source, const char* what, int64_t value, int64_t lo, int64_t hi) {
  if (value < lo || value > hi)
    throw Error(ErrorKind::BadFile, source + ": " + what + " is " + std::to_string(value) + "; it must be from " + std::to_string(lo) +
                                        " to " + std::to_string(hi) + " (the stated limits)");
}

// The transformer blocks under prefix ("visual.transformer.resblocks."): their indices must be
// 0, 1, ..., n - 1, each a number of at most limits::kMaxIndexDigits digits, n <= kMaxLayers.
int64_t count_blocks(const std::map<std::string, at::Tensor>& sd, const std::string& prefix, const std::string& source) {
  std::set<int64_t> blocks;
  for (const auto& [k, v] : sd) {
    if (k.compare(0, prefix.size(), prefix) != 0) continue;
    const std::string_view rest = std::string_view(k).substr(prefix.size());
    const auto index = key_index(rest.substr(0, rest.find('.')));
    if (!index)
      throw Error(ErrorKind::BadFile, source + ": the key '" + shown(k, 80) + "' has no block index (a number of at most " +
                                          std::to_string(limits::kMaxIndexDigits) + " digits) after " + prefix);
    blocks.insert(*index);
    if (int64_t(blocks.size()) > limits::kMaxLayers)
      throw Error(ErrorKind::BadFile, source + ": more than " + std::to_string(limits::kMaxLayers) + " blocks under " + prefix +
                                          " (the stated limit)");
  }
  int64_t expected = 0;
  for (int64_t b : blocks) {
    if (b != expected)
      throw Error(ErrorKind::BadFile, source + ": " + prefix + std::to_string(expected) + " is missing (the blocks go up to " +
                                          std::to_string(*blocks.rbegin()) + ")");
    ++expected;
  }
  return int64_t(blocks.size());
}

void add_tower(ShapeList& out, const std::string& prefix, int64_t w, int64_t layers) {
  for (int64_t i = 0; i < layers; ++i) {
    const std::string b = prefix + "resblocks." + std::to_string(i) + ".";
    out.push_back({b + "attn.in_proj_weight", {3 * w, w}});
    out.push_back({b + "attn.in_proj_bias", {3 * w}});
    out.push_back({b + "attn.out_proj.weight", {w, w}});
    out.push_back({b + "attn.out_proj.bias", {w}});
    out.push_back({b + "ln_1.weight", {w}});
    out.push_back({b + "ln_1.bias", {w}});
    out.push_back({b + "mlp.c_fc.weight", {4 * w, w}});
    out.push_back({b + "mlp.c_fc.bias", {4 * w}});
    out.push_back({b + "mlp.c_proj.weight", {w, 4 * w}});
    out.push_back({b + "mlp.c_proj.bias", {w}});
    out.push_back({b + "ln_2.weight", {w}});
    out.push_back({b + "ln_2.bias", {w}});
  }
}

torch::nn::LayerNorm layer_norm(int64_t width) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({width}).eps(1e-5));
}
}  // namespace

ClipConfig ClipConfig::vit_b_32() { return {512, 224, 12, 768, 32, 77, 49408, 512, 8, 12}; }
ClipConfig ClipConfig::vit_b_16() { return {512, 224, 12, 768, 16, 77, 49408, 512, 8, 12}; }
ClipConfig ClipConfig::vit_l_14() { return {768, 224, 24, 1024, 14, 77, 49408, 768, 12, 12}; }

ClipConfig ClipConfig::from_state_dict(const std::map<std::string, at::Tensor>& sd, const std::string& source) {
  for (const auto& [k, v] : sd)
    if (k.size() > limits::kMaxKeyLength)
      throw Error(ErrorKind::BadFile, source + ": a key of " + std::to_string(k.size()) + " characters ('" + shown(k) +
                                          "') is longer than the limit of " + std::to_string(limits::kMaxKeyLength));
  if (!sd.count("visual.proj")) {
    if (sd.count("visual.layer1.0.conv1.weight"))
      throw Error(ErrorKind::Unsupported,
                  "this CLIP has a ResNet image tower (RN50 and friends); only the vision-transformer CLIPs "
                  "(ViT-B/32, ViT-B/16, ViT-L/14, ...) are supported so far");
    require(sd, "visual.proj", source, 2, "[width, embed]");
  }
  ClipConfig c;
  const auto& conv = require(sd, "visual.conv1.weight", source, 4, "[width, 3, patch, patch]");
  if (conv.size(1) != 3 || conv.size(2) != conv.size(3))
    throw Error(ErrorKind::BadFile, source + ": visual.conv1.weight has shape " + shape_of(conv.sizes()) +
                                        "; a CLIP's is [width, 3, patch, patch]");
  c.vision_width = conv.size(0);
  c.vision_patch_size = conv.size(-1);
  within(source, "the patch size (visual.conv1.weight's last dimension)", c.vision_patch_size, 1, limits::kMaxInputResolution);
  c.vision_layers = count_blocks(sd, "visual.transformer.resblocks.", source);
  // grid^2 + 1 rows: the patches and the class token.
  const int64_t tokens = require(sd, "visual.positional_embedding", source, 2, "[grid * grid + 1, width]").size(0);
  const int64_t max_grid = limits::kMaxInputResolution / c.vision_patch_size;
  within(source, "the rows of visual.positional_embedding", tokens, 2, max_grid * max_grid + 1);
  const auto grid = int64_t(std::lround(std::sqrt(double(tokens - 1))));
  if (grid * grid + 1 != tokens)
    throw Error(ErrorKind::BadFile, source + ": visual.positional_embedding has " + std::to_string(tokens) +
                                        " rows: not a square grid plus one");
  c.image_resolution = grid * c.vision_patch_size;
  c.embed_dim = require(sd, "text_projection", source, 2, "[width, embed]").size(1);
  c.context_length = require(sd, "positional_embedding", source, 2, "[context, width]").size(0);
  c.vocab_size = require(sd, "token_embedding.weight", source, 2, "[vocabulary, width]").size(0);
  c.transformer_width = require(sd, "ln_final.weight", source, 1, "[width]").size(0);
  c.transformer_heads = c.transformer_width / 64;
  c.transformer_layers = count_blocks(sd, "transformer.resblocks.", source);
  c.validate(source);
  check_shapes(c, sd, source);
  return c;
}

void ClipConfig::validate(const std::string& source) const {
  within(source, "the embedding size (text_projection's columns)", embed_dim, 1, limits::kMaxWidth);
  within(source, "the vision width (visual.conv1.weight's rows)", vision_width, 1, limits::kMaxWidth);
  within(source, "the text width (ln_final.weight's size)", transformer_width, 1, limits::kMaxWidth);
  if (transformer_heads < 1 || vision_heads() < 1)
    throw Error(ErrorKind::Unsupported, source + ": transformer widths below 64 (here " + std::to_string(vision_width) + " and " +
                                            std::to_string(transformer_width) +
                                            ") can't be split into heads of 64 as the reference does");
  if (vision_width % vision_heads() != 0 || transformer_width % transformer_heads != 0)
    throw Error(ErrorKind::BadFile, source + ": the widths " + std::to_string(vision_width) + " and " + std::to_string(transformer_width) +
                                        " don't split evenly into " + std::to_string(vision_heads()) + " and " +
                                        std::to_string(transformer_heads) + " heads");
  within(source, "the vision blocks (visual.transformer.resblocks.N)", vision_layers, 1, limits::kMaxLayers);
  within(source, "the text blocks (transformer.resblocks.N)", transformer_layers, 1, limits::kMaxLayers);
  within(source, "the patch size (visual.conv1.weight's last dimension)", vision_patch_size, 1, limits::kMaxInputResolution);
  within(source, "the input resolution (the patch size times visual.positional_embedding's grid)", image_resolution,
         vision_patch_size, limits::kMaxInputResolution);
  within(source, "the context length (positional_embedding's rows)", context_length, 2, limits::kMaxContext);
  within(source, "the vocabulary (token_embedding.weight's rows)", vocab_size, 1, limits::kMaxVocabulary);
  const int64_t n = parameter_count();
  if (n > int64_t(limits::kMaxParameters))
    throw Error(ErrorKind::BadFile, source + ": " + describe() + " has " + std::to_string(n) + " parameters, more than the limit of " +
                                        std::to_string(limits::kMaxParameters));
}

ShapeList ClipConfig::parameter_shapes() const {
  const int64_t vw = vision_width, tw = transformer_width, p = vision_patch_size, grid = image_resolution / vision_patch_size;
  ShapeList s;
  // named_parameters()' order: a module's own parameters, then its children's, depth first.
  s.push_back({"positional_embedding", {context_length, tw}});
  s.push_back({"text_projection", {tw, embed_dim}});
  s.push_back({"logit_scale", {}});
  s.push_back({"visual.class_embedding", {vw}});
  s.push_back({"visual.positional_embedding", {grid * grid + 1, vw}});
  s.push_back({"visual.proj", {vw, embed_dim}});
  s.push_back({"visual.conv1.weight", {vw, 3, p, p}});
  s.push_back({"visual.ln_pre.weight", {vw}});
  s.push_back({"visual.ln_pre.bias", {vw}});
  add_tower(s, "visual.transformer.", vw, vision_layers);
  s.push_back({"visual.ln_post.weight", {vw}});
  s.push_back({"visual.ln_post.bias", {vw}});
  add_tower(s, "transformer.", tw, transformer_layers);
  s.push_back({"token_embedding.weight", {vocab_size, tw}});
  s.push_back({"ln_final.weight", {tw}});
  s.push_back({"ln_final.bias", {tw}});
  return s;
}

int64_t ClipConfig::parameter_count() const {
  // Closed form of parameter_shapes()' sum (no strings): each dimension is within the limits
  // here, so no product overflows.
  const int64_t vw = vision_width, tw = transformer_width, grid = image_resolution / std::max<int64_t>(1, vision_patch_size);
  auto tower = [](int64_t w, int64_t layers) { return layers * (12 * w * w + 13 * w); };
  return context_length * tw + tw * embed_dim + 1 + vw + (grid * grid + 1) * vw + vw * embed_dim +
         vw * 3 * vision_patch_size * vision_patch_size + 4 * vw + tower(vw, vision_layers) + tower(tw, transformer_layers) +
         vocab_size * tw + 2 * tw;
}

void check_shapes(const ClipConfig& config, const std::map<std::string, at::Tensor>& sd, const std::string& source) {
  for (const auto& [name, shape] : config.parameter_shapes()) {
    auto it = sd.find(name);
    if (it == sd.end()) throw Error(ErrorKind::BadFile, source + ": the key '" + name + "' is missing");
    if (it->second.sizes() != c10::IntArrayRef(shape))
      throw Error(ErrorKind::BadFile, source + ": '" + name + "' has shape " + shape_of(it->second.sizes()) + ", the model (" +
                                          config.describe() + ") expects " + shape_of(shape));
  }
}

std::string ClipConfig::describe() const {
  std::ostringstream s;
  s << "ViT-" << vision_patch_size << "px patches, " << image_resolution << "px input, vision " << vision_layers << "x"
    << vision_width << ", text " << transformer_layers << "x" << transformer_width << ", embed " << embed_dim;
  return s.str();
}

AttentionImpl::AttentionImpl(int64_t width, int64_t heads_) : heads(heads_) {
  in_proj_weight = register_parameter("in_proj_weight", at::randn({3 * width, width}) * std::pow(double(width), -0.5));
  in_proj_bias = register_parameter("in_proj_bias", at::zeros({3 * width}));
  out_proj = register_module("out_proj", torch::nn::Linear(width, width));
}

at::Tensor AttentionImpl::forward(const at::Tensor& x, const at::Tensor& mask) {
  const int64_t n = x.size(0), l = x.size(1), d = x.size(2), hd = d / heads;
  // [N, L, D] -> q, k, v each [N, heads, L, head_dim]
  auto qkv = at::linear(x, in_proj_weight, in_proj_bias).view({n, l, 3, heads, hd}).permute({2, 0, 3, 1, 4});
  auto q = qkv[0] * (1.0 / std::sqrt(double(hd)));  // scaled before the product, as PyTorch's MHA does
  auto scores = at::matmul(q, qkv[1].transpose(-2, -1));  // [N, heads, L, L]
  if (mask.defined()) scores = scores + mask;
  auto out = at::matmul(at::softmax(scores, -1), qkv[2]);  // [N, heads, L, head_dim]
  return out_proj->forward(out.transpose(1, 2).reshape({n, l, d}));
}

MlpImpl::MlpImpl(int64_t width) {
  c_fc = register_module("c_fc", torch::nn::Linear(width, width * 4));
  c_proj = register_module("c_proj", torch::nn::Linear(width * 4, width));
}

at::Tensor MlpImpl::forward(const at::Tensor& x) {
  auto h = c_fc->forward(x);
  return c_proj->forward(h * at::sigmoid(1.702 * h));  // QuickGELU
}

ResidualAttentionBlockImpl::ResidualAttentionBlockImpl(int64_t width, int64_t heads) {
  attn = register_module("attn", Attention(width, heads));
  ln_1 = register_module("ln_1", layer_norm(width));
  mlp = register_module("mlp", Mlp(width));
  ln_2 = register_module("ln_2", layer_norm(width));
}

at::Tensor ResidualAttentionBlockImpl::forward(const at::Tensor& x, const at::Tensor& mask) {
  auto y = x + attn->forward(ln_1->forward(x), mask);
  return y + mlp->forward(ln_2->forward(y));
}

TransformerImpl::TransformerImpl(int64_t width, int64_t layers, int64_t heads) {
  resblocks = register_module("resblocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < layers; ++i) resblocks->push_back(ResidualAttentionBlock(width, heads));
}

at::Tensor TransformerImpl::forward(at::Tensor x, const at::Tensor& mask) {
  for (const auto& block : *resblocks) x = block->as<ResidualAttentionBlockImpl>()->forward(x, mask);
  return x;
}

VisionTransformerImpl::VisionTransformerImpl(const ClipConfig& c) {
  const int64_t w = c.vision_width, grid = c.image_resolution / c.vision_patch_size;
  conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, w, c.vision_patch_size)
                                                         .stride(c.vision_patch_size)
                                                         .bias(false)));
  const double scale = 1.0 / std::sqrt(double(w));
  class_embedding = register_parameter("class_embedding", scale * at::randn({w}));
  positional_embedding = register_parameter("positional_embedding", scale * at::randn({grid * grid + 1, w}));
  ln_pre = register_module("ln_pre", layer_norm(w));
  transformer = register_module("transformer", Transformer(w, c.vision_layers, c.vision_heads()));
  ln_post = register_module("ln_post", layer_norm(w));
  proj = register_parameter("proj", scale * at::randn({w, c.embed_dim}));
}

at::Tensor VisionTransformerImpl::forward(const at::Tensor& image) {
  auto x = conv1->forward(image);                    // [N, width, grid, grid]
  x = x.flatten(2).transpose(1, 2);                  // [N, grid^2, width]
  auto cls = class_embedding.expand({x.size(0), 1, x.size(2)});
  x = at::cat({cls, x}, 1) + positional_embedding;  // [N, grid^2 + 1, width]
  x = transformer->forward(ln_pre->forward(x));
  return at::matmul(ln_post->forward(x.select(1, 0)), proj);  // class token -> [N, embed_dim]
}

ClipModelImpl::ClipModelImpl(const ClipConfig& c) : config(c) {
  c.validate("the CLIP configuration");  // nothing is allocated for a configuration out of bounds
  visual = register_module("visual", VisionTransformer(c));
  transformer = register_module("transformer", Transformer(c.transformer_width, c.transformer_layers, c.transformer_heads));
  token_embedding = register_module("token_embedding", torch::nn::Embedding(c.vocab_size, c.transformer_width));
  positional_embedding = register_parameter("positional_embedding", at::empty({c.context_length, c.transformer_width}).normal_(0, 0.01));
  ln_final = register_module("ln_final", layer_norm(c.transformer_width));
  text_projection = register_parameter("text_projection", at::empty({c.transformer_width, c.embed_dim}).normal_(0, std::pow(double(c.transformer_width), -0.5)));
  logit_scale = register_parameter("logit_scale", at::full({}, std::log(1.0 / 0.07)));
  // Additive causal mask: -inf above the diagonal.
  causal_mask = register_buffer("causal_mask", at::full({c.context_length, c.context_length}, -INFINITY).triu(1));
}

void ClipModelImpl::initialize_parameters() {
  at::NoGradGuard no_grad;
  token_embedding->weight.normal_(0, 0.02);
  positional_embedding.normal_(0, 0.01);
  auto init_tower = [](TransformerImpl& t, int64_t width) {
    const double layers = double(t.resblocks->size());
    const double proj_std = std::pow(double(width), -0.5) * std::pow(2 * layers, -0.5);
    const double attn_std = std::pow(double(width), -0.5), fc_std = std::pow(2.0 * double(width), -0.5);
    for (const auto& m : *t.resblocks) {
      auto* b = m->as<ResidualAttentionBlockImpl>();
      b->attn->in_proj_weight.normal_(0, attn_std);
      b->attn->in_proj_bias.zero_();
      b->attn->out_proj->weight.normal_(0, proj_std);
      b->attn->out_proj->bias.zero_();
      b->mlp->c_fc->weight.normal_(0, fc_std);
      b->mlp->c_fc->bias.zero_();
      b->mlp->c_proj->weight.normal_(0, proj_std);
      b->mlp->c_proj->bias.zero_();
    }
  };
  init_tower(*transformer, config.transformer_width);
  init_tower(*visual->transformer, config.vision_width);
  text_projection.normal_(0, std::pow(double(config.transformer_width), -0.5));
  logit_scale.fill_(std::log(1.0 / 0.07));
}

at::Tensor ClipModelImpl::encode_image(const at::Tensor& image) { return visual->forward(image.to(positional_embedding.dtype())); }

at::Tensor ClipModelImpl::encode_text(const at::Tensor& tokens) {
  if (tokens.size(-1) != config.context_length)
    throw Error(ErrorKind::InvalidArgument, "token sequences must be " + std::to_string(config.context_length) + " long");
  auto x = token_embedding->forward(tokens) + positional_embedding;  // [N, L, width]
  x = ln_final->forward(transformer->forward(x, causal_mask.to(x.dtype())));
  // The features at the end-of-text token: the highest id in each sequence.
  const int64_t n = x.size(0), l = x.size(1);
  auto rows = at::arange(n, tokens.options().dtype(at::kLong)) * l + tokens.argmax(-1);
  auto pooled = x.flatten(0, 1).index_select(0, rows);  // [N, width]
  return at::matmul(pooled, text_projection);
}

void load_weights(ClipModelImpl& model, const std::map<std::string, at::Tensor>& sd, const std::string& source) {
  at::NoGradGuard no_grad;
  for (auto& item : model.named_parameters()) {
    const std::string& name = item.key();
    at::Tensor& param = item.value();
    auto it = sd.find(name);
    if (it == sd.end()) throw Error(ErrorKind::BadFile, source + ": the key '" + name + "' is missing");
    const at::Tensor& t = it->second;
    if (t.sizes() != param.sizes()) {
      std::ostringstream msg;
      msg << source << ": '" << name << "' has shape " << t.sizes() << ", the model expects " << param.sizes();
      throw Error(ErrorKind::BadFile, msg.str());
    }
    param.copy_(t.to(at::kFloat));
  }
}

std::map<std::string, at::Tensor> model_of_training_checkpoint(std::map<std::string, at::Tensor> sd) {
  if (!sd.count("model.logit_scale")) return sd;
  std::map<std::string, at::Tensor> out;
  for (auto& [k, v] : sd)
    if (k.rfind("model.", 0) == 0) out.emplace(k.substr(6), v);
  return out;
}

}  // namespace atelier::clip
