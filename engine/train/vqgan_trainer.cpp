#include "train/vqgan_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/autograd.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "clip/clip.h"
#include "clip/detail/clip_impl.h"
#include "gan/gan.h"
#include "guide/detail/augment.h"
#include "io/detail/checkpoint.h"
#include "io/detail/module_io.h"
#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "train/clipart.h"
#include "train/datasets.h"
#include "train/detail/metrics_log.h"
#include "train/detail/optim_state.h"
#include "train/detail/rng.h"
#include "vqgan/detail/pixels.h"
#include "vqgan/detail/taming.h"
#include "vqgan/vqgan.h"

namespace fs = std::filesystem;
namespace nn = torch::nn;

namespace atelier::train {

namespace {

// The renders, mixed evenly over the named sources; sample (seed, index) is a pure function.
// Clip art comes from the training drawings, or with held_out from the held-out ones only (the
// evaluation's), so a VQGAN is judged on drawings it never reconstructed in training.
class VqData {
 public:
  VqData(const std::string& spec, int64_t size, bool held_out = false, const fs::path& clipart_dir = {}) : size_(size) {
    std::stringstream ss(spec);
    for (std::string s; std::getline(ss, s, ',');) {
      if (s == "emoji") emoji_ = EmojiSet::load();
      else if (s == "fashion") fashion_ = FashionMnist::load("train");
      else if (s == "clipart") {
        // Only the training drawings (sample() never draws a held-out one), decoded once at this side.
        ClipArtOptions co;
        co.side = int(size);
        co.decode_all = !held_out;  // an evaluation decodes the few drawings it shows, not all 6,900
        if (!clipart_dir.empty()) co.root = clipart_dir;
        clipart_ = ClipArtSet::load(co);
        if (held_out) held_out_ = clipart_->split(true);
        if (held_out && held_out_.empty()) throw Error(ErrorKind::InvalidArgument, "the clip art collection has no held-out drawings to evaluate on");
      } else if (s != "shapes")
        throw Error(ErrorKind::InvalidArgument, "unknown data '" + s + "': emoji, shapes, clipart or fashion, comma-separated");
      sources_.push_back(s);
    }
    if (sources_.empty()) throw Error(ErrorKind::InvalidArgument, "name the data: emoji, shapes, clipart or fashion, comma-separated");
  }

  Image render(uint64_t seed, uint64_t index) const {
    Rng rng(seed ^ 0x5EEDDA7AULL, index);
    const std::string& s = sources_[size_t(rng.uniform(int(sources_.size())))];
    if (s == "emoji") return emoji_->render(size_t(rng.uniform(int(emoji_->size()))), seed, index, int(size_), true).image;
    if (s == "shapes") return render_shapes(seed, index, ShapeOptions{int(size_)}).image;
    if (s == "clipart" && held_out_.empty()) return clipart_->sample(seed, index, int(size_)).image;
    if (s == "clipart") return clipart_->render(held_out_[size_t(rng.uniform(int(held_out_.size())))], seed, index, int(size_)).image;
    const uint8_t* src = fashion_->image(size_t(rng.uniform(int(fashion_->size()))));
    cv::Mat m(28, 28, CV_8UC1, const_cast<uint8_t*>(src)), r, rgb;
    cv::resize(m, r, cv::Size(int(size_), int(size_)), 0, 0, cv::INTER_CUBIC);
    cv::cvtColor(r, rgb, cv::COLOR_GRAY2RGB);
    return Image{int(size_), int(size_), 3, std::vector<uint8_t>(rgb.data, rgb.data + rgb.total() * 3)};
  }

  at::Tensor batch(uint64_t seed, int64_t step, int64_t n) const {
    std::vector<Image> imgs;
    for (int64_t i = 0; i < n; ++i) imgs.push_back(render(seed, uint64_t(step) * uint64_t(n) + uint64_t(i)));
    return to_tensor(imgs);
  }

  static at::Tensor to_tensor(const std::vector<Image>& imgs) {  // -> [N, 3, S, S] in [-1, 1]
    std::vector<at::Tensor> ts;
    for (const Image& im : imgs) ts.push_back(vqgan::image_to_tensor(im));
    return at::cat(ts);
  }

 private:
  int64_t size_;
  std::vector<std::string> sources_;
  std::shared_ptr<EmojiSet> emoji_;
  std::shared_ptr<FashionMnist> fashion_;
  std::shared_ptr<ClipArtSet> clipart_;
  std::vector<size_t> held_out_;  // the held-out drawings, when evaluating (never empty then: refused above)
};

// taming's NLayerDiscriminator (pix2pix's PatchGAN): 4x4 convolutions, LeakyReLU(0.2), batch norm.
struct PatchDiscriminatorImpl : nn::Module {
  explicit PatchDiscriminatorImpl(int64_t ndf = 32, int64_t layers = 3) {
    net = register_module("main", nn::Sequential());
    auto conv = [](int64_t in, int64_t out, int64_t stride, bool bias) {
      return nn::Conv2d(nn::Conv2dOptions(in, out, 4).stride(stride).padding(1).bias(bias));
    };
    net->push_back(conv(3, ndf, 2, true));
    net->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
    int64_t mult = 1;
    for (int64_t n = 1; n <= layers; ++n) {
      const int64_t prev = mult;
      mult = std::min<int64_t>(int64_t(1) << n, 8);
      net->push_back(conv(ndf * prev, ndf * mult, n == layers ? 1 : 2, false));
      net->push_back(nn::BatchNorm2d(ndf * mult));
      net->push_back(nn::LeakyReLU(nn::LeakyReLUOptions().negative_slope(0.2)));
    }
    net->push_back(conv(ndf * mult, 1, 1, true));
    // weights_init: N(0, 0.02) for convolutions, N(1, 0.02) and 0 for batch norm.
    at::NoGradGuard no_grad;
    for (auto& item : named_parameters()) {
      const auto& k = item.key();
      if (item.value().dim() == 4) item.value().normal_(0, 0.02);
      else if (k.find("weight") != std::string::npos) item.value().normal_(1, 0.02);
      else item.value().zero_();
    }
  }
  at::Tensor forward(const at::Tensor& x) { return net->forward(x); }
  nn::Sequential net{nullptr};
};
TORCH_MODULE(PatchDiscriminator);

// The mini-CLIP's patch tokens after the embedding and after each transformer block.
std::vector<at::Tensor> clip_tokens(clip::ClipModelImpl& m, const at::Tensor& x) {  // x in [-1, 1]
  auto& v = *m.visual;
  at::Tensor img = guide::clip_normalise(x.add(1.0).mul(0.5));
  const int64_t R = m.config.image_resolution;
  if (img.size(2) != R || img.size(3) != R) img = at::upsample_bilinear2d(img, {R, R}, false);
  at::Tensor t = v.conv1->forward(img).flatten(2).transpose(1, 2);
  t = at::cat({v.class_embedding.expand({t.size(0), 1, t.size(2)}), t}, 1) + v.positional_embedding;
  t = v.ln_pre->forward(t);
  std::vector<at::Tensor> out{t};
  for (const auto& block : *v.transformer->resblocks) {
    t = block->as<clip::ResidualAttentionBlockImpl>()->forward(t, at::Tensor());
    out.push_back(t);
  }
  return out;
}

at::Tensor unit(const at::Tensor& t) { return t / (t.pow(2).sum(-1, true).add(1e-10).sqrt()); }

// LPIPS's recipe on the CLIP tokens: per layer, unit-normalise each token, mean squared distance.
at::Tensor perceptual(clip::ClipModelImpl& m, const at::Tensor& x, const at::Tensor& y) {
  std::vector<at::Tensor> a, b;
  {
    at::NoGradGuard no_grad;
    a = clip_tokens(m, x);
  }
  b = clip_tokens(m, y);
  at::Tensor loss = at::zeros({}, y.options());
  for (size_t i = 0; i < a.size(); ++i) loss = loss + (unit(a[i]) - unit(b[i])).pow(2).sum(-1).mean();
  return loss;
}

std::string yaml_list(const std::vector<int64_t>& v) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s + "]";
}

}  // namespace

std::vector<Image> vqgan_holdout(const std::string& data, int n, int size, uint64_t seed, const fs::path& clipart_dir) {
  VqData d(data, size, /*held_out=*/true, clipart_dir);
  std::vector<Image> out;
  for (int i = 0; i < n; ++i) out.push_back(d.render(seed * 7919ULL + 1000003ULL, uint64_t(i)));
  return out;
}

VqganQuality eval_vqgan(const vqgan::Vqgan& model, const std::string& data, int n, int size, uint64_t seed, const fs::path& clipart_dir) {
  auto& m = model.model();
  const int64_t f = m.config.factor();
  if (size < f || size % f) throw Error(ErrorKind::InvalidArgument, "the size must be a multiple of the model's factor " + std::to_string(f));
  if (n < 1) throw Error(ErrorKind::InvalidArgument, "evaluate on at least one image");
  const std::vector<Image> images = vqgan_holdout(data, n, size, seed, clipart_dir);
  VqganQuality q;
  q.images = n;
  q.size = size;
  q.codes = int(m.config.n_embed);
  at::NoGradGuard no_grad;
  at::Tensor counts = at::zeros({m.config.n_embed}, at::kLong);
  double se_total = 0;
  q.psnr_min = 1e9;
  for (size_t start = 0; start < images.size(); start += 32) {
    std::vector<Image> chunk(images.begin() + long(start), images.begin() + long(std::min(images.size(), start + 32)));
    at::Tensor x = VqData::to_tensor(chunk);
    auto [zq, idx] = m.quantise(m.encode(x));
    counts += at::bincount(idx, {}, m.config.n_embed);
    at::Tensor y = m.decode(zq);
    for (size_t i = 0; i < chunk.size(); ++i) {
      const Image rec = vqgan::tensor_to_rgb8(y[int64_t(i)]);
      double se = 0;
      for (size_t p = 0; p < rec.pixels.size(); ++p) {
        const double d = double(rec.pixels[p]) - double(chunk[i].pixels[p]);
        se += d * d;
      }
      se_total += se;
      const double mse = std::max(se / double(rec.pixels.size()), 1e-10);
      q.psnr_min = std::min(q.psnr_min, 10 * std::log10(255.0 * 255.0 / mse));
    }
  }
  const double mse = std::max(se_total / (double(n) * size * size * 3), 1e-10);
  q.psnr = 10 * std::log10(255.0 * 255.0 / mse);
  q.codes_used = int((counts > 0).sum().item<int64_t>());
  const at::Tensor p = counts.to(at::kDouble) / counts.sum().to(at::kDouble);
  q.perplexity = std::exp(-(p * (p + 1e-12).log()).sum().item<double>());
  return q;
}

void train_vqgan(const VqganTrainOptions& options, const std::function<void(const VqganTrainProgress&)>& progress,
                 const std::function<bool()>& stop) {
  VqganTrainOptions o = options;
  if (o.out.empty()) throw Error(ErrorKind::InvalidArgument, "give an output folder");
  const fs::path ckpt = o.out / "checkpoint.safetensors", metrics = o.out / "metrics.csv", samples = o.out / "samples";
  if (!o.resume && fs::exists(ckpt))
    throw Error(ErrorKind::InvalidArgument, o.out.string() + " already holds a run: pass --resume to go on with it, or choose another folder");
  if (const auto record = o.resume && fs::exists(ckpt) ? read_run_record(o.out) : std::nullopt) {
    // The run goes on as it was started: its schedule and data from its record.
    o.steps = resumed_steps(o.steps, *record, o.out);
    recall(*record, "data", o.data, o.out);
    recall(*record, "batch", o.batch, o.out);
    recall(*record, "size", o.size, o.out);
    recall(*record, "lr", o.lr, o.out);
    recall(*record, "beta", o.beta, o.out);
    recall(*record, "perceptual_weight", o.perceptual_weight, o.out);
    recall(*record, "disc_weight", o.disc_weight, o.out);
    recall(*record, "disc_start", o.disc_start, o.out);
    recall(*record, "reinit_every", o.reinit_every, o.out);
    recall(*record, "seed", o.seed, o.out);
    std::string clipart_dir = o.clipart_dir.string();  // absent from runs recorded before clip art
    recall(*record, "clipart_dir", clipart_dir, o.out);
    o.clipart_dir = clipart_dir;
    std::string init = o.init.string();  // absent from runs recorded before --init
    recall(*record, "init", init, o.out);
    o.init = init;
  }
  if (o.steps <= 0) throw Error(ErrorKind::InvalidArgument, "give a positive number of steps");
  vqgan::VqganConfig config;
  config.ch = o.ch;
  config.ch_mult = o.ch_mult;
  config.num_res_blocks = o.num_res_blocks;
  config.z_channels = o.z_channels;
  config.embed_dim = o.embed_dim;
  config.n_embed = o.n_embed;
  config.resolution = o.size;
  config.attn_resolutions.clear();  // attention only in the middle blocks
  // A fine-tune: the trained model's architecture (its resolution too, which places its attention).
  std::optional<vqgan::Vqgan> init;
  if (!o.init.empty()) {
    const fs::path weights = fs::is_directory(o.init) ? o.init / "model.safetensors" : o.init;
    init.emplace(vqgan::Vqgan::load(weights, vqgan::yaml_beside(weights)));
    config = init->model().config;
    o.ch = config.ch, o.ch_mult = config.ch_mult, o.num_res_blocks = config.num_res_blocks;
    o.z_channels = config.z_channels, o.embed_dim = config.embed_dim, o.n_embed = config.n_embed;
  }
  if (o.size % config.factor() || o.size < config.factor() * 2)
    throw Error(ErrorKind::InvalidArgument, "the size must be a multiple of the factor " + std::to_string(config.factor()) + " with at least 2 cells");
  for (int64_t m : o.ch_mult)
    if (m < 1 || (o.ch * m) % 32) throw Error(ErrorKind::InvalidArgument, "every level's width (ch x ch_mult) must be a multiple of 32 (GroupNorm's groups)");
  VqData data(o.data, o.size, /*held_out=*/false, o.clipart_dir);
  fs::create_directories(samples);
  write_run_record(o.out, nlohmann::json{{"architecture", config.describe()}, {"data", o.data}, {"steps", o.steps}, {"batch", o.batch},
                          {"size", o.size}, {"lr", o.lr}, {"beta", o.beta}, {"perceptual_weight", o.perceptual_weight},
                          {"disc_weight", o.disc_weight}, {"disc_start", o.disc_start}, {"reinit_every", o.reinit_every}, {"seed", o.seed},
                          {"clipart_dir", o.clipart_dir.string()}, {"init", o.init.string()}});
  const at::Device device(o.device);
  at::manual_seed(o.seed);
  vqgan::VqganModel model(config);
  {
    at::NoGradGuard no_grad;
    model->quantize->embedding->weight.uniform_(-1.0 / double(o.n_embed), 1.0 / double(o.n_embed));
  }
  if (init) {
    io::load_module(*model, io::module_state(init->model(), ""), "", o.init.string());
    init.reset();
  }
  // taming's three layers for 64 px and more; fewer for smaller renders, so the patches still fit.
  int64_t d_layers = 1;
  while (d_layers < 3 && (o.size >> (d_layers + 3)) >= 1) ++d_layers;
  PatchDiscriminator disc(32, d_layers);
  model->to(device);
  disc->to(device);
  // The perceptual term's network: the mini-CLIP (or another), frozen.
  std::optional<clip::Clip> lpips;
  if (o.perceptual_weight > 0) {
    lpips.emplace(clip::Clip::load(o.clip.empty() ? find_default_clip() : o.clip));
    for (auto& p : lpips->impl().model->parameters()) p.requires_grad_(false);
    lpips->impl().model->to(device);
  }
  auto adam = [&](torch::nn::Module& m) { return torch::optim::Adam(m.parameters(), torch::optim::AdamOptions(o.lr).betas({0.5, 0.9})); };
  torch::optim::Adam opt_ae = adam(*model), opt_d = adam(*disc);
  at::Tensor counts = at::zeros({o.n_embed}, at::kLong);

  int64_t start = 0;
  if (o.resume && fs::exists(ckpt)) {
    auto sd = io::read_state_dict(ckpt);
    io::load_module(*model, sd, "vq.", ckpt.string());
    io::load_module(*disc, sd, "d.", ckpt.string());
    load_optimiser<torch::optim::AdamParamState>(sd, "adam_vq.", *model, opt_ae);
    load_optimiser<torch::optim::AdamParamState>(sd, "adam_d.", *disc, opt_d);
    counts.copy_(sd.at("usage_counts"));
    start = std::atoll(io::read_safetensors_metadata(ckpt)["step"].c_str());
  }
  auto save = [&](int64_t step) {
    io::StateDict sd = io::module_state(*model, "vq.");
    sd.merge(io::module_state(*disc, "d."));
    save_optimiser<torch::optim::AdamParamState>(sd, "adam_vq.", *model, opt_ae);
    save_optimiser<torch::optim::AdamParamState>(sd, "adam_d.", *disc, opt_d);
    sd["usage_counts"] = counts.clone();
    io::write_safetensors(ckpt, sd, {{"step", std::to_string(step)}, {"atelier.kind", "vqgan-training"}});
  };
  std::ofstream log = open_metrics(metrics, "step,l1,perceptual,codebook,g_adv,d_loss,d_weight,usage,reinitialised,seconds", start);
  // Sample grids: the same 8 held-out renders each time, originals above their reconstructions.
  const std::vector<Image> fixed = vqgan_holdout(o.data, 8, int(o.size), 4242);
  auto write_grid = [&](int64_t step) {
    at::NoGradGuard no_grad;
    model->eval();
    at::Tensor y = model->decode(model->quantise(model->encode(VqData::to_tensor(fixed).to(device))).first).cpu();
    model->train();
    std::vector<Image> imgs = fixed;
    for (int64_t i = 0; i < y.size(0); ++i) imgs.push_back(vqgan::tensor_to_rgb8(y[i]));
    char name[32];
    std::snprintf(name, sizeof name, "step_%06lld.png", static_cast<long long>(step));
    const Image grid = gan::make_grid(imgs, 8);
    write_image(samples / name, grid);
    write_image(samples / "latest.png", grid);
  };
  // Codes unused over the window take the values of random encoder outputs of this batch.
  auto reinit_dead = [&](const at::Tensor& h, int64_t step, bool all) -> int64_t {
    at::NoGradGuard no_grad;
    const at::Tensor dead = all ? at::ones({o.n_embed}, at::kBool) : counts.eq(0);
    const int64_t n = dead.sum().item<int64_t>();
    if (n > 0) {
      const at::Tensor flat = h.detach().permute({0, 2, 3, 1}).reshape({-1, o.embed_dim}).cpu();
      auto gen = at::make_generator<at::CPUGeneratorImpl>(o.seed * 7777777ULL + uint64_t(step));
      const at::Tensor pick = at::randint(flat.size(0), {n}, gen);
      const at::Tensor values = flat.index_select(0, pick) + at::randn({n, o.embed_dim}, gen) * 1e-3;
      auto& w = model->quantize->embedding->weight;
      w.index_put_({dead.nonzero().squeeze(1).to(w.device())}, values.to(w.device()));
    }
    return n;
  };

  model->train();
  disc->train();
  at::Tensor& last_layer = model->decoder->conv_out->weight;
  const auto t0 = std::chrono::steady_clock::now();
  c10::AutoGradMode grad(true);
  double usage = 0;
  for (int64_t step = start; step < o.steps; ++step) {
    if (stop && stop()) {
      save(step);
      return;
    }
    VqganTrainProgress p;
    const at::Tensor x = data.batch(o.seed, step, o.batch).to(device);
    at::Tensor h = model->encode(x);
    if (step == 0 && o.init.empty()) p.reinitialised = reinit_dead(h, step, true);  // the codebook starts on the data
    auto [zq, idx] = model->quantise(h);
    counts += at::bincount(idx.cpu(), {}, o.n_embed);
    // Codebook and commitment: ||sg(h) - e||^2 + beta ||h - sg(e)||^2 (e: the chosen codes).
    const at::Tensor e = model->quantize->embedding->forward(idx).view({h.size(0), h.size(2), h.size(3), -1}).permute({0, 3, 1, 2});
    const at::Tensor codebook = (e - h.detach()).pow(2).mean() + o.beta * (h - e.detach()).pow(2).mean();
    const at::Tensor xrec = model->decode(zq);
    const at::Tensor l1 = (x - xrec).abs().mean();
    const at::Tensor perc = lpips ? perceptual(*lpips->impl().model, x, xrec) : at::zeros({}, x.options());
    const at::Tensor nll = l1 + o.perceptual_weight * perc;
    at::Tensor loss = nll + codebook;
    const bool adversarial = step >= o.disc_start;
    at::Tensor g_adv = at::zeros({}, x.options());
    if (adversarial) {
      g_adv = -disc->forward(xrec).mean();
      // taming's calculate_adaptive_weight: the two losses' gradient norms at the last layer.
      const at::Tensor gn = torch::autograd::grad({nll}, {last_layer}, {}, true)[0];
      const at::Tensor ga = torch::autograd::grad({g_adv}, {last_layer}, {}, true)[0];
      p.d_weight = (gn.norm() / (ga.norm() + 1e-4)).clamp(0.0, 1e4).item<double>() * o.disc_weight;
      loss = loss + p.d_weight * g_adv;
    }
    torch_compat::zero_grad(opt_ae);
    loss.backward();
    opt_ae.step();
    if (adversarial) {
      // Hinge loss for D on real renders and the (detached) reconstructions.
      const at::Tensor real = disc->forward(x), fake = disc->forward(xrec.detach());
      const at::Tensor d_loss = 0.5 * (at::relu(1.0 - real).mean() + at::relu(1.0 + fake).mean());
      torch_compat::zero_grad(opt_d);
      d_loss.backward();
      opt_d.step();
      p.d_loss = d_loss.item<double>();
    }
    if (o.reinit_every > 0 && (step + 1) % o.reinit_every == 0) {
      usage = counts.gt(0).sum().item<double>() / double(o.n_embed);
      p.reinitialised = reinit_dead(h, step + 1, false);
      counts.zero_();
    }
    p.step = step + 1;
    p.steps = o.steps;
    p.l1 = l1.item<double>();
    p.perceptual = perc.item<double>();
    p.codebook = codebook.item<double>();
    p.g_adv = g_adv.item<double>();
    p.usage = usage;
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    log << p.step << ',' << p.l1 << ',' << p.perceptual << ',' << p.codebook << ',' << p.g_adv << ',' << p.d_loss << ',' << p.d_weight << ','
        << p.usage << ',' << p.reinitialised << ',' << p.seconds << '\n';
    log.flush();
    if (progress) progress(p);
    if (p.step % o.sample_every == 0 || p.step == o.steps) write_grid(p.step);
    if (p.step % o.checkpoint_every == 0 || p.step == o.steps) save(p.step);
  }
  // The shipped form: the VQModel's weights in fp16 under taming's key names, and its yaml.
  io::StateDict weights;
  for (auto& [k, v] : io::module_state(*model, "")) weights[k] = v.is_floating_point() ? v.to(at::kCPU, at::kHalf) : v.to(at::kCPU);
  io::write_safetensors(o.out / "model.safetensors", weights,
                        {{"atelier.kind", "vqgan"}, {"dataset", o.data}, {"steps", std::to_string(o.steps)},
                         {"architecture", config.describe()}, {"trained_by", "clip-atelier-cli train vqgan"}});
  std::ofstream yaml(o.out / "model.yaml");
  yaml << "# taming-transformers' VQModel configuration of this mini-VQGAN (written by clip-atelier-cli train vqgan)\n"
       << "model:\n  target: taming.models.vqgan.VQModel\n  params:\n"
       << "    embed_dim: " << o.embed_dim << "\n    n_embed: " << o.n_embed << "\n    ddconfig:\n"
       << "      double_z: false\n      z_channels: " << o.z_channels << "\n      resolution: " << config.resolution
       << "\n      in_channels: 3\n      out_ch: 3\n      ch: " << o.ch << "\n      ch_mult: " << yaml_list(o.ch_mult)
       << "\n      num_res_blocks: " << o.num_res_blocks << "\n      attn_resolutions: " << yaml_list(config.attn_resolutions)
       << "\n      dropout: 0.0\n";
}

}  // namespace atelier::train
