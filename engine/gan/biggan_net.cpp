#include <nlohmann/json.hpp>

#include <cmath>

#include "gan/detail/biggan.h"
#include "io/input_file.h"
#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace fs = std::filesystem;

namespace atelier::gan {

namespace {
// Statistics per batch norm: the published models store 51 (truncations 0, 0.02, ..., 1).
constexpr int64_t kMaxStats = 1024;
}  // namespace

// ---- configuration --------------------------------------------------------------------------

BigGanConfig BigGanConfig::read(const fs::path& file) {
  return parse(read_regular_file(file, limits::kMaxConfigBytes, "the BigGAN config"), file.string());
}

BigGanConfig BigGanConfig::parse(const std::string& text, const std::string& where) {
  auto bad = [&](const std::string& what) { return Error(ErrorKind::BadFile, where + ": " + what); };
  nlohmann::json j;
  try {
    // nlohmann's parser is iterative; the depth is bounded as it goes (the tree is freed recursively).
    j = nlohmann::json::parse(text, [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
      if (depth > limits::kMaxConfigDepth)
        throw bad("nested deeper than " + std::to_string(limits::kMaxConfigDepth) + " levels (the limit)");
      return true;
    });
  } catch (const nlohmann::json::exception& e) {
    throw bad(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object()) throw bad("not a JSON object");
  BigGanConfig c;  // the reference's from_dict: the defaults, then each key given
  auto whole = [&](const nlohmann::json& v, const std::string& key) {
    if (!v.is_number_integer()) throw bad("\"" + key + "\" is not a whole number (" + shown(v.dump()) + ")");
    return v.get<int64_t>();  // beyond int64 wraps negative: refused by validate()
  };
  for (auto [key, field] : {std::pair<const char*, int64_t*>{"output_dim", &c.output_dim},
                            {"z_dim", &c.z_dim},
                            {"class_embed_dim", &c.class_embed_dim},
                            {"channel_width", &c.channel_width},
                            {"num_classes", &c.num_classes},
                            {"attention_layer_position", &c.attention_layer_position},
                            {"n_stats", &c.n_stats}})
    if (j.contains(key)) *field = whole(j[key], key);
  if (j.contains("eps")) {
    if (!j["eps"].is_number()) throw bad("\"eps\" is not a number (" + shown(j["eps"].dump()) + ")");
    c.eps = j["eps"].get<double>();
  }
  if (j.contains("layers")) {
    const auto& list = j["layers"];
    if (!list.is_array()) throw bad("\"layers\" is not a list");
    if (list.size() > size_t(limits::kMaxLayers))
      throw bad(std::to_string(list.size()) + " layers, over the limit of " + std::to_string(limits::kMaxLayers));
    c.layers.clear();
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string at = "layers[" + std::to_string(i) + "]";
      const auto& l = list[i];
      if (!l.is_array() || l.size() != 3) throw bad(at + " is not [upsample, in, out] (" + shown(l.dump()) + ")");
      // Python tests the flag for truth: true/false as published, 0/1 too.
      if (!l[0].is_boolean() && !(l[0].is_number_integer() && (l[0] == 0 || l[0] == 1)))
        throw bad(at + "'s upsampling flag is not true or false (" + shown(l[0].dump()) + ")");
      c.layers.push_back({l[0].is_boolean() ? l[0].get<bool>() : l[0] == 1, whole(l[1], at + "[1]"), whole(l[2], at + "[2]")});
    }
  }
  c.validate(where);
  return c;
}

int64_t BigGanConfig::resolution() const {
  int64_t s = 4;
  for (const auto& l : layers) s *= l.up ? 2 : 1;
  return s;
}

void BigGanConfig::validate(const std::string& where) const {
  auto bad = [&](const std::string& what) { return Error(ErrorKind::BadFile, where + ": " + what); };
  auto range = [&](const std::string& name, int64_t v, int64_t lo, int64_t hi) {
    if (v < lo || v > hi)
      throw bad(name + " is " + std::to_string(v) + "; it must be from " + std::to_string(lo) + " to " + std::to_string(hi) +
                " (the stated limits)");
  };
  range("z_dim", z_dim, 1, limits::kMaxWidth);
  range("num_classes", num_classes, 1, limits::kMaxVocabulary);
  // gen_z makes 16 x channel_width channels; conv_to_rgb keeps the first 3 of channel_width.
  range("channel_width", channel_width, 3, limits::kMaxChannels / 16);
  range("n_stats", n_stats, 2, kMaxStats);
  if (!std::isfinite(eps) || eps < 0) throw bad("eps is " + std::to_string(eps) + "; it must be a number from 0 up");
  if (layers.empty() || layers.size() > size_t(limits::kMaxLayers))
    throw bad(std::to_string(layers.size()) + " layers; a BigGAN-deep has 1 to " + std::to_string(limits::kMaxLayers));
  int ups = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    const BigGanLayer& l = layers[i];
    const std::string at = "layers[" + std::to_string(i) + "]";
    range(at + "'s input width", l.in, 1, limits::kMaxChannels / channel_width);
    range(at + "'s output width", l.out, 1, limits::kMaxChannels / channel_width);
    if (i == 0 && l.in != 16) throw bad(at + " takes " + std::to_string(l.in) + " x channel_width channels; gen_z gives 16");
    if (i > 0 && l.in != layers[i - 1].out)
      throw bad(at + " takes " + std::to_string(l.in) + " x channel_width channels; the block before gives " +
                std::to_string(layers[i - 1].out));
    const int64_t cin = channel_width * l.in, cout = channel_width * l.out;
    if (cin / 4 < 1) throw bad(at + " has " + std::to_string(cin) + " channels: its inner width (a quarter) would be 0");
    // The shortcut adds the input, or its first half when the widths differ.
    if (cout != cin && cout != cin / 2)
      throw bad(at + " goes from " + std::to_string(cin) + " to " + std::to_string(cout) + " channels; its shortcut keeps " +
                std::to_string(cin / 2) + " (half) or all of them");
    ups += l.up ? 1 : 0;
  }
  if (layers.back().out != 1)
    throw bad("the last block gives " + std::to_string(layers.back().out) + " x channel_width channels; the final batch norm takes 1");
  if (ups > 9) throw bad(std::to_string(ups) + " upsampling blocks: images over 2048 px (the stated limit)");
  if (output_dim != resolution())
    throw bad("output_dim is " + std::to_string(output_dim) + "; the blocks make " + std::to_string(resolution()) + " px images");
  if (has_attention() && channel_width * layers[size_t(attention_layer_position)].in < 8)
    throw bad("the self-attention at block " + std::to_string(attention_layer_position) + " has fewer than 8 channels");
  uint64_t parameters = 0;
  for (const auto& [name, shape] : shapes()) {
    uint64_t n = 1;
    for (int64_t d : shape) n *= uint64_t(d);  // each dimension bounded above: no overflow
    parameters += n;
  }
  if (parameters > limits::kMaxParameters)
    throw bad(std::to_string(parameters) + " parameters, over the limit of " + std::to_string(limits::kMaxParameters));
}

std::vector<std::pair<std::string, std::vector<int64_t>>> BigGanConfig::shapes() const {
  std::vector<std::pair<std::string, std::vector<int64_t>>> out;
  const int64_t ch = channel_width, cond = 2 * z_dim;
  // A spectral-normalised layer: weight_orig [out, ...], u [out], v [the rest's product], bias [out].
  auto sn = [&](const std::string& p, const std::vector<int64_t>& w, bool bias) {
    int64_t rest = 1;
    for (size_t d = 1; d < w.size(); ++d) rest *= w[d];
    out.push_back({p + ".weight_orig", w});
    out.push_back({p + ".weight_u", {w[0]}});
    out.push_back({p + ".weight_v", {rest}});
    if (bias) out.push_back({p + ".bias", {w[0]}});
  };
  auto norm = [&](const std::string& p, int64_t c) {
    out.push_back({p + ".running_means", {n_stats, c}});
    out.push_back({p + ".running_vars", {n_stats, c}});
    sn(p + ".scale", {c, cond}, false);
    sn(p + ".offset", {c, cond}, false);
  };
  out.push_back({"embeddings.weight", {z_dim, num_classes}});
  sn("generator.gen_z", {4 * 4 * 16 * ch, cond}, true);
  int64_t index = 0;  // the attention takes a place in generator.layers
  for (size_t i = 0; i < layers.size(); ++i) {
    const int64_t cin = ch * layers[i].in, cout = ch * layers[i].out, mid = cin / 4;
    if (int64_t(i) == attention_layer_position) {
      const std::string p = "generator.layers." + std::to_string(index++);
      sn(p + ".snconv1x1_theta", {cin / 8, cin, 1, 1}, false);
      sn(p + ".snconv1x1_phi", {cin / 8, cin, 1, 1}, false);
      sn(p + ".snconv1x1_g", {cin / 2, cin, 1, 1}, false);
      sn(p + ".snconv1x1_o_conv", {cin, cin / 2, 1, 1}, false);
      out.push_back({p + ".gamma", {1}});
    }
    const std::string p = "generator.layers." + std::to_string(index++);
    norm(p + ".bn_0", cin);
    sn(p + ".conv_0", {mid, cin, 1, 1}, true);
    norm(p + ".bn_1", mid);
    sn(p + ".conv_1", {mid, mid, 3, 3}, true);
    norm(p + ".bn_2", mid);
    sn(p + ".conv_2", {mid, mid, 3, 3}, true);
    norm(p + ".bn_3", mid);
    sn(p + ".conv_3", {cout, mid, 1, 1}, true);
  }
  out.push_back({"generator.bn.running_means", {n_stats, ch}});
  out.push_back({"generator.bn.running_vars", {n_stats, ch}});
  out.push_back({"generator.bn.weight", {ch}});
  out.push_back({"generator.bn.bias", {ch}});
  sn("generator.conv_to_rgb", {ch, ch, 3, 3}, true);
  return out;
}

std::string BigGanConfig::describe() const {
  std::string s = "BigGAN-deep " + std::to_string(resolution()) + "x" + std::to_string(resolution()) + ", z " + std::to_string(z_dim) +
                  ", " + std::to_string(num_classes) + " classes, width " + std::to_string(channel_width) + ", " +
                  std::to_string(layers.size()) + " blocks";
  if (has_attention()) {
    int64_t at = 4;
    for (int64_t i = 0; i < attention_layer_position; ++i) at *= layers[size_t(i)].up ? 2 : 1;
    s += ", attention at " + std::to_string(at) + " px";
  }
  return s;
}

// ---- the generator --------------------------------------------------------------------------

BigGanNet::BigGanNet(const BigGanConfig& c, const io::StateDict& sd, const std::string& where) : config_(c) {
  c.validate(where);
  // Every tensor present and of its shape before anything is computed or kept.
  for (const auto& [name, shape] : c.shapes()) {
    auto it = sd.find(name);
    if (it == sd.end() && name.size() >= 9 && name.compare(name.size() - 9, 9, ".weight_v") == 0)
      it = sd.find(name.substr(0, name.size() - 2));  // the pre-1.0 form: the normalised weight instead of v
    if (it == sd.end()) throw Error(ErrorKind::BadFile, where + " has no " + name + " (" + c.describe() + ")");
    std::vector<int64_t> want = shape;
    if (it->first != name) want = sd.at(name.substr(0, name.size() - 2) + "_orig").sizes().vec();  // weight: weight_orig's shape
    if (it->second.sizes() != c10::IntArrayRef(want))
      throw Error(ErrorKind::BadFile, where + ": " + it->first + " has shape " + c10::str(it->second.sizes()) + ", expected " +
                                          c10::str(c10::IntArrayRef(want)) + " (config: " + c.describe() + ")");
    if (!it->second.is_floating_point()) throw Error(ErrorKind::BadFile, where + ": " + it->first + " is not a floating-point tensor");
  }
  at::NoGradGuard no_grad;
  auto get = [&](const std::string& name) { return sd.at(name).to(at::kFloat).contiguous(); };
  // PyTorch's spectral norm in eval mode: weight_orig / sigma, sigma = u . (W v), W the weight as
  // [out, rest]. Its eps only guards the power iteration, which eval mode does not run.
  auto sn = [&](const std::string& p) {
    const at::Tensor w = get(p + ".weight_orig");
    const at::Tensor sigma = sd.count(p + ".weight_v")
                                 ? at::dot(get(p + ".weight_u"), at::mv(w.reshape({w.size(0), -1}), get(p + ".weight_v")))
                                 : (w / get(p + ".weight")).mean();
    const double s = sigma.item<double>();
    if (!std::isfinite(s) || s == 0)
      throw Error(ErrorKind::BadFile, where + ": " + p + "'s spectral norm estimate (u . W v) is " + std::to_string(s) +
                                          ": its stored u and v don't fit its weight");
    return w / sigma;
  };
  auto norm = [&](const std::string& p) {
    return CondNorm{get(p + ".running_means"), get(p + ".running_vars"), sn(p + ".scale"), sn(p + ".offset")};
  };
  embed_ = get("embeddings.weight");
  gen_z_w_ = sn("generator.gen_z");
  gen_z_b_ = get("generator.gen_z.bias");
  int64_t index = 0;
  for (size_t i = 0; i < c.layers.size(); ++i) {
    if (int64_t(i) == c.attention_layer_position) {
      const std::string p = "generator.layers." + std::to_string(index++) + ".";
      attention_ = Attention{sn(p + "snconv1x1_theta"), sn(p + "snconv1x1_phi"), sn(p + "snconv1x1_g"), sn(p + "snconv1x1_o_conv"),
                             get(p + "gamma")};
    }
    const std::string p = "generator.layers." + std::to_string(index++) + ".";
    Block b;
    b.up = c.layers[i].up;
    b.drop = c.layers[i].in != c.layers[i].out;
    for (int k = 0; k < 4; ++k) {
      b.norms[k] = norm(p + "bn_" + std::to_string(k));
      b.weights[k] = sn(p + "conv_" + std::to_string(k));
      b.biases[k] = get(p + "conv_" + std::to_string(k) + ".bias");
    }
    blocks_.push_back(std::move(b));
  }
  bn_means_ = get("generator.bn.running_means");
  bn_vars_ = get("generator.bn.running_vars");
  bn_weight_ = get("generator.bn.weight");
  bn_bias_ = get("generator.bn.bias");
  rgb_w_ = sn("generator.conv_to_rgb");
  rgb_b_ = get("generator.conv_to_rgb.bias");
  class_ = one_hot(0);
}

std::pair<at::Tensor, at::Tensor> BigGanNet::statistics(const at::Tensor& means, const at::Tensor& vars, double truncation) const {
  // The reference's BigGANBatchNorm: coef, start = modf(truncation / step); when coef is not 0,
  // stats[start] * coef + stats[start + 1] * (1 - coef) (its weights, as written: the nearer
  // statistic does not get the larger one), in double arithmetic as Python's, scalars in float ops.
  const double step = 1.0 / double(config_.n_stats - 1);
  double whole = 0;
  const double coef = std::modf(truncation / step, &whole);
  const int64_t start = int64_t(whole);
  if (start < 0 || start >= config_.n_stats || (coef != 0.0 && start + 1 >= config_.n_stats))
    throw Error(ErrorKind::InvalidArgument, "a truncation of " + std::to_string(truncation) + " is past the stored statistics");
  if (coef == 0.0) return {means[start], vars[start]};
  return {means[start] * coef + means[start + 1] * (1 - coef), vars[start] * coef + vars[start + 1] * (1 - coef)};
}

at::Tensor BigGanNet::cond_norm(const at::Tensor& x, const CondNorm& n, const at::Tensor& cond, double truncation) const {
  auto [mean, var] = statistics(n.means, n.vars, truncation);
  const at::Tensor gain = at::linear(cond, n.scale).unsqueeze(-1).unsqueeze(-1) + 1;
  const at::Tensor bias = at::linear(cond, n.offset).unsqueeze(-1).unsqueeze(-1);
  return (x - mean.view({1, -1, 1, 1})) / at::sqrt(var.view({1, -1, 1, 1}) + config_.eps) * gain + bias;
}

namespace {
// F.interpolate(x, scale_factor=2, mode='nearest'): the scale passed on, as the reference's call does.
at::Tensor upsample(const at::Tensor& x) {
  const double scales[2] = {2.0, 2.0};
  return at::upsample_nearest2d(x, torch_compat::nullopt, c10::ArrayRef<double>(scales));
}
}  // namespace

at::Tensor BigGanNet::block(const at::Tensor& x, const Block& b, const at::Tensor& cond, double truncation) const {
  at::Tensor h = at::conv2d(at::relu(cond_norm(x, b.norms[0], cond, truncation)), b.weights[0], b.biases[0]);
  h = at::relu(cond_norm(h, b.norms[1], cond, truncation));
  if (b.up) h = upsample(h);
  h = at::conv2d(h, b.weights[1], b.biases[1], {1, 1}, {1, 1});
  h = at::conv2d(at::relu(cond_norm(h, b.norms[2], cond, truncation)), b.weights[2], b.biases[2], {1, 1}, {1, 1});
  h = at::conv2d(at::relu(cond_norm(h, b.norms[3], cond, truncation)), b.weights[3], b.biases[3]);
  at::Tensor shortcut = b.drop ? x.slice(1, 0, x.size(1) / 2) : x;
  if (b.up) shortcut = upsample(shortcut);
  return h + shortcut;
}

at::Tensor BigGanNet::attend(const at::Tensor& x) const {
  // SAGAN's attention over all positions, keys and values max-pooled 2x2.
  const Attention& a = *attention_;
  const int64_t c = x.size(1), h = x.size(2), w = x.size(3);
  const at::Tensor theta = at::conv2d(x, a.theta).view({-1, c / 8, h * w});
  const at::Tensor phi = at::max_pool2d(at::conv2d(x, a.phi), {2, 2}, {2, 2}).view({-1, c / 8, h * w / 4});
  const at::Tensor attn = at::softmax(at::bmm(theta.permute({0, 2, 1}), phi), -1);
  const at::Tensor g = at::max_pool2d(at::conv2d(x, a.g), {2, 2}, {2, 2}).view({-1, c / 2, h * w / 4});
  const at::Tensor o = at::conv2d(at::bmm(g, attn.permute({0, 2, 1})).view({-1, c / 2, h, w}), a.out);
  return x + a.gamma * o;
}

at::Tensor BigGanNet::forward(const at::Tensor& z, const at::Tensor& class_vector, double truncation) {
  if (z.dim() != 2 || z.size(1) != config_.z_dim || z.size(0) < 1)
    throw Error(ErrorKind::InvalidArgument, "z must be [batch, " + std::to_string(config_.z_dim) + "], not " + c10::str(z.sizes()));
  if (class_vector.dim() != 2 || class_vector.size(1) != config_.num_classes || class_vector.size(0) != z.size(0))
    throw Error(ErrorKind::InvalidArgument, "the class vector must be [" + std::to_string(z.size(0)) + ", " +
                                                std::to_string(config_.num_classes) + "], not " + c10::str(class_vector.sizes()));
  if (!(truncation > 0 && truncation <= 1))
    throw Error(ErrorKind::InvalidArgument, "the truncation must be above 0 and at most 1, not " + std::to_string(truncation));
  const at::Tensor cond = at::cat({z.to(at::kFloat), at::linear(class_vector.to(at::kFloat), embed_)}, 1);
  const int64_t ch = config_.channel_width;
  // gen_z's output is laid out as TF's [B, 4, 4, C] (the weights came from TF Hub).
  at::Tensor x = at::linear(cond, gen_z_w_, gen_z_b_).view({-1, 4, 4, 16 * ch}).permute({0, 3, 1, 2}).contiguous();
  for (size_t i = 0; i < blocks_.size(); ++i) {
    if (attention_ && int64_t(i) == config_.attention_layer_position) x = attend(x);
    x = block(x, blocks_[i], cond, truncation);
  }
  auto [mean, var] = statistics(bn_means_, bn_vars_, truncation);
  x = at::batch_norm(x, bn_weight_, bn_bias_, mean, var, false, 0.0, config_.eps, true);
  x = at::conv2d(at::relu(x), rgb_w_, rgb_b_, {1, 1}, {1, 1});
  return at::tanh(x.slice(1, 0, 3));
}

at::Tensor BigGanNet::generate(const at::Tensor& z, const at::Tensor& class_vector, double truncation) {
  return (forward(z, class_vector, truncation) + 1) * 0.5;
}

at::Tensor BigGanNet::generate(const at::Tensor& z) {
  if (z.dim() != 2) throw Error(ErrorKind::InvalidArgument, "z must be [batch, " + std::to_string(config_.z_dim) + "]");
  return generate(z, class_.expand({z.size(0), config_.num_classes}), truncation_);
}

void BigGanNet::set_class(const at::Tensor& class_vector) {
  if (class_vector.numel() != config_.num_classes || class_vector.dim() > 2 || (class_vector.dim() == 2 && class_vector.size(0) != 1))
    throw Error(ErrorKind::InvalidArgument,
                "a class vector has " + std::to_string(config_.num_classes) + " values, not " + c10::str(class_vector.sizes()));
  class_ = class_vector.to(at::kFloat).view({1, config_.num_classes});
}

void BigGanNet::set_truncation(double truncation) {
  if (!(truncation > 0 && truncation <= 1))
    throw Error(ErrorKind::InvalidArgument, "the truncation must be above 0 and at most 1, not " + std::to_string(truncation));
  truncation_ = truncation;
}

at::Tensor BigGanNet::one_hot(int64_t index) const {
  if (index < 0 || index >= config_.num_classes)
    throw Error(ErrorKind::InvalidArgument,
                "class " + std::to_string(index) + " is not one of this model's 0 to " + std::to_string(config_.num_classes - 1));
  at::Tensor v = at::zeros({1, config_.num_classes});
  v[0][index] = 1.0;
  return v;
}

size_t BigGanNet::bytes() const {
  size_t n = 0;
  auto add = [&](const at::Tensor& t) { n += t.defined() ? size_t(t.numel()) * t.element_size() : 0; };
  for (const at::Tensor* t : {&embed_, &gen_z_w_, &gen_z_b_, &bn_means_, &bn_vars_, &bn_weight_, &bn_bias_, &rgb_w_, &rgb_b_}) add(*t);
  for (const Block& b : blocks_)
    for (int k = 0; k < 4; ++k) {
      for (const at::Tensor* t : {&b.norms[k].means, &b.norms[k].vars, &b.norms[k].scale, &b.norms[k].offset, &b.weights[k], &b.biases[k]})
        add(*t);
    }
  if (attention_)
    for (const at::Tensor* t : {&attention_->theta, &attention_->phi, &attention_->g, &attention_->out, &attention_->gamma}) add(*t);
  return n;
}

}  // namespace atelier::gan
