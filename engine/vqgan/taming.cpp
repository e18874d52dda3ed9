#include "vqgan/detail/taming.h"

#include <set>

#include "io/detail/module_io.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"

namespace nn = torch::nn;

namespace atelier::vqgan {

namespace {
nn::GroupNorm norm(int64_t c) { return nn::GroupNorm(nn::GroupNormOptions(32, c).eps(1e-6).affine(true)); }
nn::Conv2d conv(int64_t in, int64_t out, int64_t k, int64_t stride = 1, int64_t pad = -1) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, k).stride(stride).padding(pad < 0 ? k / 2 : pad));
}
// x * sigmoid(x) as one fused operation (forward and backward): the same function, a third of the passes.
at::Tensor swish(const at::Tensor& x) { return at::silu(x); }
bool has(const std::vector<int64_t>& v, int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

ResnetBlockImpl::ResnetBlockImpl(int64_t in, int64_t out) {
  norm1 = register_module("norm1", norm(in));
  conv1 = register_module("conv1", conv(in, out, 3));
  norm2 = register_module("norm2", norm(out));
  conv2 = register_module("conv2", conv(out, out, 3));
  if (in != out) nin_shortcut = register_module("nin_shortcut", conv(in, out, 1));
}

at::Tensor ResnetBlockImpl::forward(const at::Tensor& x) {
  at::Tensor h = conv1->forward(swish(norm1->forward(x)));
  h = conv2->forward(swish(norm2->forward(h)));  // dropout: 0 at inference
  return (nin_shortcut ? nin_shortcut->forward(x) : x) + h;
}

AttnBlockImpl::AttnBlockImpl(int64_t c) {
  norm = register_module("norm", atelier::vqgan::norm(c));
  q = register_module("q", conv(c, c, 1));
  k = register_module("k", conv(c, c, 1));
  v = register_module("v", conv(c, c, 1));
  proj_out = register_module("proj_out", conv(c, c, 1));
}

at::Tensor AttnBlockImpl::forward(const at::Tensor& x) {
  const at::Tensor h = norm->forward(x);
  const int64_t B = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
  const at::Tensor qq = q->forward(h).reshape({B, C, H * W}).permute({0, 2, 1});  // b, hw, c
  const at::Tensor kk = k->forward(h).reshape({B, C, H * W});                     // b, c, hw
  at::Tensor w = at::softmax(at::bmm(qq, kk) * std::pow(double(C), -0.5), 2);
  const at::Tensor vv = v->forward(h).reshape({B, C, H * W});
  const at::Tensor out = at::bmm(vv, w.permute({0, 2, 1})).reshape({B, C, H, W});
  return x + proj_out->forward(out);
}

EncoderImpl::EncoderImpl(const VqganConfig& c) : config(c) {
  const int64_t n = int64_t(c.ch_mult.size());
  conv_in = register_module("conv_in", conv(c.in_channels, c.ch, 3));
  down = register_module("down", nn::ModuleList());
  int64_t res = c.resolution, block_in = c.ch;
  for (int64_t i = 0; i < n; ++i) {
    auto level = std::make_shared<nn::Module>();
    auto blocks = nn::ModuleList(), attns = nn::ModuleList();
    Level l;
    const int64_t block_out = c.ch * c.ch_mult[size_t(i)];
    block_in = c.ch * (i == 0 ? 1 : c.ch_mult[size_t(i - 1)]);
    for (int64_t b = 0; b < c.num_res_blocks; ++b) {
      l.blocks.push_back(ResnetBlock(block_in, block_out));
      blocks->push_back(l.blocks.back());
      block_in = block_out;
      if (has(c.attn_resolutions, res)) {
        l.attns.push_back(AttnBlock(block_in));
        attns->push_back(l.attns.back());
      }
    }
    level->register_module("block", blocks);
    level->register_module("attn", attns);
    if (i != n - 1) {
      auto ds = std::make_shared<nn::Module>();
      l.resample = ds->register_module("conv", conv(block_in, block_in, 3, 2, 0));
      level->register_module("downsample", ds);
      res /= 2;
    }
    down->push_back(level);
    levels.push_back(std::move(l));
  }
  mid = register_module("mid", std::make_shared<nn::Module>());
  mid_block_1 = mid->register_module("block_1", ResnetBlock(block_in, block_in));
  mid_attn_1 = mid->register_module("attn_1", AttnBlock(block_in));
  mid_block_2 = mid->register_module("block_2", ResnetBlock(block_in, block_in));
  norm_out = register_module("norm_out", norm(block_in));
  conv_out = register_module("conv_out", conv(block_in, c.z_channels, 3));
}

at::Tensor EncoderImpl::forward(const at::Tensor& x) {
  at::Tensor h = conv_in->forward(x);
  for (size_t i = 0; i < levels.size(); ++i) {
    for (size_t b = 0; b < levels[i].blocks.size(); ++b) {
      h = levels[i].blocks[b]->forward(h);
      if (!levels[i].attns.empty()) h = levels[i].attns[b]->forward(h);
    }
    if (levels[i].resample) h = levels[i].resample->forward(at::constant_pad_nd(h, {0, 1, 0, 1}, 0));
  }
  h = mid_block_2->forward(mid_attn_1->forward(mid_block_1->forward(h)));
  return conv_out->forward(swish(norm_out->forward(h)));
}

DecoderImpl::DecoderImpl(const VqganConfig& c) : config(c) {
  const int64_t n = int64_t(c.ch_mult.size());
  int64_t block_in = c.ch * c.ch_mult[size_t(n - 1)];
  int64_t res = c.resolution >> (n - 1);
  conv_in = register_module("conv_in", conv(c.z_channels, block_in, 3));
  mid = register_module("mid", std::make_shared<nn::Module>());
  mid_block_1 = mid->register_module("block_1", ResnetBlock(block_in, block_in));
  mid_attn_1 = mid->register_module("attn_1", AttnBlock(block_in));
  mid_block_2 = mid->register_module("block_2", ResnetBlock(block_in, block_in));
  levels.resize(size_t(n));
  std::vector<std::shared_ptr<nn::Module>> modules;
  modules.resize(size_t(n));
  for (int64_t i = n - 1; i >= 0; --i) {
    auto level = std::make_shared<nn::Module>();
    auto blocks = nn::ModuleList(), attns = nn::ModuleList();
    EncoderImpl::Level& l = levels[size_t(i)];
    const int64_t block_out = c.ch * c.ch_mult[size_t(i)];
    for (int64_t b = 0; b < c.num_res_blocks + 1; ++b) {
      l.blocks.push_back(ResnetBlock(block_in, block_out));
      blocks->push_back(l.blocks.back());
      block_in = block_out;
      if (has(c.attn_resolutions, res)) {
        l.attns.push_back(AttnBlock(block_in));
        attns->push_back(l.attns.back());
      }
    }
    level->register_module("block", blocks);
    level->register_module("attn", attns);
    if (i != 0) {
      auto us = std::make_shared<nn::Module>();
      l.resample = us->register_module("conv", conv(block_in, block_in, 3));
      level->register_module("upsample", us);
      res *= 2;
    }
    modules[size_t(i)] = level;
  }
  up = register_module("up", nn::ModuleList());
  for (auto& m : modules) up->push_back(m);  // in level order, as taming's prepend leaves them
  norm_out = register_module("norm_out", norm(block_in));
  conv_out = register_module("conv_out", conv(block_in, c.out_ch, 3));
}

at::Tensor DecoderImpl::forward(const at::Tensor& z) {
  at::Tensor h = conv_in->forward(z);
  h = mid_block_2->forward(mid_attn_1->forward(mid_block_1->forward(h)));
  for (int64_t i = int64_t(levels.size()) - 1; i >= 0; --i) {
    auto& l = levels[size_t(i)];
    for (size_t b = 0; b < l.blocks.size(); ++b) {
      h = l.blocks[b]->forward(h);
      if (!l.attns.empty()) h = l.attns[b]->forward(h);
    }
    if (l.resample) h = l.resample->forward(at::upsample_nearest2d(h, {h.size(2) * 2, h.size(3) * 2}));
  }
  return conv_out->forward(swish(norm_out->forward(h)));
}

QuantizerImpl::QuantizerImpl(int64_t n_embed, int64_t embed_dim) {
  embedding = register_module("embedding", nn::Embedding(n_embed, embed_dim));
}

std::pair<at::Tensor, at::Tensor> QuantizerImpl::forward(const at::Tensor& z) {
  const at::Tensor zp = z.permute({0, 2, 3, 1}).contiguous();
  const at::Tensor flat = zp.view({-1, zp.size(3)});
  const at::Tensor& e = embedding->weight;
  const at::Tensor d = flat.pow(2).sum(1, true) + e.pow(2).sum(1) - 2 * at::matmul(flat, e.t());
  const at::Tensor idx = d.argmin(1);
  at::Tensor zq = embedding->forward(idx).view(zp.sizes());
  zq = zp + (zq - zp).detach();  // straight-through: the gradient at z_q reaches z unchanged
  return {zq.permute({0, 3, 1, 2}).contiguous(), idx};
}

VqganModelImpl::VqganModelImpl(const VqganConfig& c) : config(c) {
  c.validate("the VQGAN configuration");  // nothing is allocated for a configuration out of bounds
  encoder = register_module("encoder", Encoder(c));
  decoder = register_module("decoder", Decoder(c));
  quantize = register_module("quantize", Quantizer(c.n_embed, c.embed_dim));
  quant_conv = register_module("quant_conv", conv(c.z_channels, c.embed_dim, 1));
  post_quant_conv = register_module("post_quant_conv", conv(c.embed_dim, c.z_channels, 1));
}

at::Tensor VqganModelImpl::encode(const at::Tensor& x) { return quant_conv->forward(encoder->forward(x)); }
std::pair<at::Tensor, at::Tensor> VqganModelImpl::quantise(const at::Tensor& h) { return quantize->forward(h); }
at::Tensor VqganModelImpl::decode(const at::Tensor& zq) { return decoder->forward(post_quant_conv->forward(zq)); }

VqganConfig infer_config(const io::StateDict& sd, const std::string& where) {
  for (const auto& [k, v] : sd)
    if (k.size() > limits::kMaxKeyLength)
      throw Error(ErrorKind::BadFile, where + ": a key of " + std::to_string(k.size()) + " characters ('" + shown(k) +
                                          "') is longer than the limit of " + std::to_string(limits::kMaxKeyLength));
  if (sd.count("quantize.proj.weight") || sd.count("quantize.embed.weight"))
    throw Error(ErrorKind::Unsupported, where + " is a Gumbel-quantised VQGAN (like vqgan_gumbel_f8_8192): not supported yet; "
                                                "the nearest-code VQGANs (vqgan_imagenet_f16_1024, _16384) are");
  auto need = [&](const std::string& key, int64_t dims) -> const at::Tensor& {
    auto it = sd.find(key);
    if (it == sd.end()) throw Error(ErrorKind::BadFile, where + " has no " + key + ": not a taming VQGAN (VQModel) state dict");
    if (it->second.dim() != dims)
      throw Error(ErrorKind::BadFile, where + ": " + key + " has shape " + c10::str(it->second.sizes()) + ", not " +
                                          std::to_string(dims) + "-dimensional");
    return it->second;
  };
  VqganConfig c;
  const at::Tensor& conv_in = need("encoder.conv_in.weight", 4);
  c.ch = conv_in.size(0);
  c.in_channels = conv_in.size(1);
  if (c.ch < 1 || c.ch > limits::kMaxChannels)
    throw Error(ErrorKind::BadFile, where + ": encoder.conv_in.weight has shape " + c10::str(conv_in.sizes()) + ": its " +
                                        std::to_string(c.ch) + " output channels (ddconfig.ch) must be from 1 to " +
                                        std::to_string(limits::kMaxChannels) + " (the stated limit)");
  c.z_channels = need("encoder.conv_out.weight", 4).size(0);
  c.out_ch = need("decoder.conv_out.weight", 4).size(0);
  const at::Tensor& codes = need("quantize.embedding.weight", 2);
  c.n_embed = codes.size(0);
  c.embed_dim = codes.size(1);
  // Levels, blocks and attention from the key names (split on '.'); widths from the block shapes.
  std::set<int64_t> levels, blocks;
  std::set<std::pair<int64_t, int64_t>> attn;  // (level, block)
  for (const auto& [k, v] : sd) {
    if (k.compare(0, 13, "encoder.down.") != 0) continue;
    const auto parts = split_key(k);  // encoder, down, L, block|attn, B, conv1|q, weight
    const bool is_block = parts.size() == 7 && parts[3] == "block" && parts[5] == "conv1" && parts[6] == "weight";
    const bool is_attn = parts.size() == 7 && parts[3] == "attn" && parts[5] == "q" && parts[6] == "weight";
    if (!is_block && !is_attn) continue;
    const auto level = key_index(parts[2]), block = key_index(parts[4]);
    if (!level || !block)
      throw Error(ErrorKind::BadFile, where + ": the key '" + shown(k, 80) + "' has a level or block index that is not a number of at most " +
                                          std::to_string(limits::kMaxIndexDigits) + " digits");
    if (is_block) {
      levels.insert(*level);
      blocks.insert(*block);
    } else {
      attn.insert({*level, *block});
    }
    if (int64_t(levels.size()) > limits::kMaxLevels || int64_t(blocks.size()) > limits::kMaxResBlocks)
      throw Error(ErrorKind::BadFile, where + ": more than " + std::to_string(limits::kMaxLevels) + " levels or " +
                                          std::to_string(limits::kMaxResBlocks) + " blocks a level under encoder.down (the stated limits)");
  }
  if (levels.empty()) throw Error(ErrorKind::BadFile, where + " has no encoder.down.*.block.* weights");
  auto contiguous = [&](const std::set<int64_t>& indices, const std::string& what) {
    int64_t expected = 0;
    for (int64_t i : indices) {
      if (i != expected)
        throw Error(ErrorKind::BadFile, where + ": " + what + " " + std::to_string(expected) + " is missing under encoder.down (they go up to " +
                                            std::to_string(*indices.rbegin()) + ")");
      ++expected;
    }
  };
  contiguous(levels, "level");
  contiguous(blocks, "block");
  c.num_res_blocks = int64_t(blocks.size());
  c.ch_mult.clear();
  for (int64_t l : levels) {
    const std::string key = "encoder.down." + std::to_string(l) + ".block.0.conv1.weight";
    const int64_t width = need(key, 4).size(0);
    if (width < c.ch || width % c.ch != 0)
      throw Error(ErrorKind::BadFile, where + ": " + key + " has " + std::to_string(width) + " output channels, not a multiple of ddconfig.ch " +
                                          std::to_string(c.ch) + " (encoder.conv_in.weight's output channels)");
    c.ch_mult.push_back(width / c.ch);
  }
  // The resolution is not in the weights; attention resolutions are relative to it. Taming's
  // released models use 256 (and attention at 16 = 256 / 16); a yaml, when given, overrides this.
  c.resolution = 256;
  c.attn_resolutions.clear();
  for (int64_t l : levels)
    if (attn.count({l, 0})) c.attn_resolutions.push_back(c.resolution >> l);
  c.validate(where);
  return c;
}

void check_shapes(const VqganConfig& config, const io::StateDict& sd, const std::string& where, const std::string& implied_by) {
  for (const auto& [name, shape] : config.parameter_shapes()) {
    auto it = sd.find(name);
    if (it == sd.end())
      throw Error(ErrorKind::BadFile, where + " has no " + name + (implied_by.empty() ? "" : ", which " + implied_by + " implies"));
    if (it->second.sizes() != c10::IntArrayRef(shape))
      throw Error(ErrorKind::BadFile, where + ": " + name + " has shape " + c10::str(it->second.sizes()) + ", expected " +
                                          c10::str(c10::IntArrayRef(shape)) + (implied_by.empty() ? "" : " by " + implied_by));
  }
}

VqganModel load_vqgan(const io::StateDict& all, const std::string& where) {
  io::StateDict sd;
  for (auto& [k, v] : all)
    if (k.rfind("loss.", 0) != 0) sd.emplace(k, v);
  const VqganConfig config = infer_config(sd, where);
  check_shapes(config, sd, where);  // before anything is allocated
  VqganModel model(config);
  io::load_module(*model, sd, "", where);
  model->eval();
  return model;
}

}  // namespace atelier::vqgan
