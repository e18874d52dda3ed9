#include "train/gan_trainer.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adam.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "gan/detail/dcgan.h"
#include "io/detail/module_io.h"
#include "gan/gan.h"
#include "io/detail/checkpoint.h"
#include "io/detail/tensor_image.h"
#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "train/datasets.h"
#include "train/detail/metrics_log.h"
#include "train/detail/optim_state.h"
#include "train/detail/rng.h"

namespace fs = std::filesystem;

namespace atelier::train {

namespace {

// The data source: a pure function of (seed, index) like the mini-CLIP's.
class GanData {
 public:
  explicit GanData(const GanTrainOptions& o) : o_(o) {
    if (o.data == "emoji") emoji_ = EmojiSet::load();
    else if (o.data == "fashion") fashion_ = FashionMnist::load(o.split);
    else if (o.data != "shapes") throw Error(ErrorKind::InvalidArgument, "unknown data '" + o.data + "': emoji, shapes or fashion");
    channels_ = o.data == "fashion" ? 1 : 3;
    size_ = o.size > 0 ? o.size : (o.data == "fashion" ? 32 : 64);
  }
  int64_t channels() const { return channels_; }
  int64_t size() const { return size_; }

  at::Tensor batch(int64_t step) const {
    const int64_t B = o_.batch, S = size_, C = channels_, plane = S * S;
    at::Tensor out = at::empty({B, C, S, S});
    float* px = out.data_ptr<float>();
    for (int64_t i = 0; i < B; ++i) {
      const uint64_t index = uint64_t(step) * uint64_t(B) + uint64_t(i);
      Rng rng(o_.seed, index);
      if (fashion_) {
        // 28x28 centred on S x S (32: two pixels of border), white garment on black as published.
        const uint8_t* src = fashion_->image(size_t(rng.uniform(int(fashion_->size()))));
        cv::Mat m(28, 28, CV_8UC1, const_cast<uint8_t*>(src)), r;
        const int inner = int(S) * 28 / 32;
        cv::resize(m, r, cv::Size(inner, inner), 0, 0, inner == 28 ? cv::INTER_NEAREST : cv::INTER_AREA);
        const int off = (int(S) - inner) / 2;
        for (int64_t p = 0; p < plane; ++p) px[i * plane + p] = -1.0f;
        for (int y = 0; y < inner; ++y)
          for (int x = 0; x < inner; ++x) px[i * plane + (y + off) * S + x + off] = r.at<uint8_t>(y, x) / 127.5f - 1.0f;
        continue;
      }
      Sample s = emoji_ ? emoji_->render(size_t(rng.uniform(int(emoji_->size()))), o_.seed, index, int(S), false)
                        : render_shapes(o_.seed, index, ShapeOptions{int(S)});
      for (int64_t p = 0; p < plane; ++p)
        for (int c = 0; c < 3; ++c) px[(i * 3 + c) * plane + p] = s.image.pixels[size_t(p) * 3 + size_t(c)] / 127.5f - 1.0f;
    }
    return out;
  }

 private:
  const GanTrainOptions& o_;
  std::shared_ptr<EmojiSet> emoji_;
  std::shared_ptr<FashionMnist> fashion_;
  int64_t channels_ = 3, size_ = 64;
};

// The same random shift for the real and fake halves of a step, up to 1/8 of the side,
// with the border replicated (DiffAugment's translation, differentiable for G).
at::Tensor translate(const at::Tensor& x, int64_t dx, int64_t dy) {
  if (dx == 0 && dy == 0) return x;
  const int64_t S = x.size(3), p = std::max(std::abs(dx), std::abs(dy));
  at::Tensor padded = at::replication_pad2d(x, {p, p, p, p});
  return padded.narrow(3, p - dx, S).narrow(2, p - dy, S);
}

}  // namespace

std::vector<float> gan_data_batch(const GanTrainOptions& o, int64_t step, int64_t* channels, int64_t* size) {
  GanData data(o);
  at::Tensor b = data.batch(step).contiguous();
  if (channels) *channels = data.channels();
  if (size) *size = data.size();
  return std::vector<float>(b.data_ptr<float>(), b.data_ptr<float>() + b.numel());
}

void train_gan(const GanTrainOptions& options, const std::function<void(const GanTrainProgress&)>& progress,
               const std::function<bool()>& stop) {
  GanTrainOptions o = options;
  if (o.out.empty()) throw Error(ErrorKind::InvalidArgument, "give an output folder");
  const fs::path ckpt = o.out / "checkpoint.safetensors", metrics = o.out / "metrics.csv", samples = o.out / "samples";
  if (!o.resume && fs::exists(ckpt))
    throw Error(ErrorKind::InvalidArgument, o.out.string() + " already holds a run: pass --resume to go on with it, or choose another folder");
  if (const auto record = o.resume && fs::exists(ckpt) ? read_run_record(o.out) : std::nullopt) {
    // The run goes on as it was started: its schedule and data from its record.
    o.steps = resumed_steps(o.steps, *record, o.out);
    recall(*record, "data", o.data, o.out);
    recall(*record, "batch", o.batch, o.out);
    recall(*record, "lr", o.lr, o.out);
    recall(*record, "ema", o.ema, o.out);
    recall(*record, "augment", o.augment, o.out);
    recall(*record, "seed", o.seed, o.out);
  }
  if (o.steps <= 0) throw Error(ErrorKind::InvalidArgument, "give a positive number of steps");
  GanData data(o);
  fs::create_directories(samples);
  const gan::DcganConfig config{o.z_dim, data.size(), data.channels(), o.width};
  write_run_record(o.out, nlohmann::json{{"architecture", config.describe()}, {"data", o.data},   {"steps", o.steps}, {"batch", o.batch},
                          {"lr", o.lr},                    {"ema", o.ema},     {"augment", o.augment}, {"seed", o.seed}});
  const at::Device device(o.device);
  gan::DcganGenerator g(config), g_ema(config);
  gan::DcganDiscriminator d(config);
  g->initialize(o.seed);
  d->initialize(o.seed + 1);
  g->to(device);
  d->to(device);
  g_ema->to(device);
  {
    auto sd = io::module_state(*g, "");
    io::load_module(*g_ema, sd, "", "the generator");
  }
  g_ema->eval();
  auto adam = [&](torch::nn::Module& m) { return torch::optim::Adam(m.parameters(), torch::optim::AdamOptions(o.lr).betas({0.5, 0.999})); };
  torch::optim::Adam opt_g = adam(*g), opt_d = adam(*d);

  int64_t start = 0;
  if (o.resume && fs::exists(ckpt)) {
    auto sd = io::read_state_dict(ckpt);
    io::load_module(*g, sd, "g.", ckpt.string());
    io::load_module(*d, sd, "d.", ckpt.string());
    io::load_module(*g_ema, sd, "g_ema.", ckpt.string());
    load_optimiser<torch::optim::AdamParamState>(sd, "adam_g.", *g, opt_g);
    load_optimiser<torch::optim::AdamParamState>(sd, "adam_d.", *d, opt_d);
    start = std::atoll(io::read_safetensors_metadata(ckpt)["step"].c_str());
  }
  auto save = [&](int64_t step) {
    io::StateDict sd = io::module_state(*g, "g.");
    sd.merge(io::module_state(*d, "d."));
    sd.merge(io::module_state(*g_ema, "g_ema."));
    save_optimiser<torch::optim::AdamParamState>(sd, "adam_g.", *g, opt_g);
    save_optimiser<torch::optim::AdamParamState>(sd, "adam_d.", *d, opt_d);
    io::write_safetensors(ckpt, sd, {{"step", std::to_string(step)}, {"atelier.kind", "dcgan-training"}});
  };
  std::ofstream log = open_metrics(metrics, "step,loss_d,loss_g,d_real,d_fake,seconds", start);
  // The sample grid's z: fixed, so the grids show the same 64 samples improving.
  auto fixed_gen = at::make_generator<at::CPUGeneratorImpl>(o.seed ^ 0xF1CEDULL);
  const at::Tensor fixed_z = at::randn({64, o.z_dim}, fixed_gen).to(device);
  auto write_grid = [&](int64_t step) {
    at::NoGradGuard no_grad;
    g_ema->recalibrate(16, 64, o.seed ^ 0x57A7ULL);  // overwritten by the next step's copy from G
    gan::DcganNet net(g_ema);
    at::Tensor x = net.generate(fixed_z).cpu();
    std::vector<Image> imgs;
    for (int64_t i = 0; i < x.size(0); ++i) imgs.push_back(tensor_to_image(x[i]));
    char name[32];
    std::snprintf(name, sizeof name, "step_%06lld.png", static_cast<long long>(step));
    const Image grid = gan::make_grid(imgs, 8);
    write_image(samples / name, grid);
    write_image(samples / "latest.png", grid);
  };

  g->train();
  d->train();
  const auto t0 = std::chrono::steady_clock::now();
  auto noise_gen = at::make_generator<at::CPUGeneratorImpl>(o.seed);
  c10::AutoGradMode grad(true);
  for (int64_t step = start; step < o.steps; ++step) {
    if (stop && stop()) {
      save(step);
      return;
    }
    // Each step's noise and shift come from (seed, step): a resumed run continues the same stream.
    noise_gen.set_current_seed(o.seed * 1000003ULL + uint64_t(step));
    Rng rng(o.seed ^ 0xA11CEULL, uint64_t(step));
    const int64_t shift = o.augment ? data.size() / 8 : 0;
    const int64_t dx = shift ? rng.uniform(int(2 * shift + 1)) - shift : 0, dy = shift ? rng.uniform(int(2 * shift + 1)) - shift : 0;
    at::Tensor real = data.batch(step).to(device);
    at::Tensor z = at::randn({o.batch, o.z_dim}, noise_gen).to(device);
    at::Tensor fake = g->forward(z);

    // D: maximise log D(x) + log(1 - D(G(z))), i.e. minimise BCE with targets 0.9 (smoothed) and 0.
    at::Tensor d_real = d->forward(translate(real, dx, dy));
    at::Tensor d_fake = d->forward(translate(fake.detach(), dx, dy));
    at::Tensor loss_d = at::softplus(-d_real).mul(0.9).add(at::softplus(d_real).mul(0.1)).mean() + at::softplus(d_fake).mean();
    torch_compat::zero_grad(opt_d);
    loss_d.backward();
    opt_d.step();

    // G: minimise -log D(G(z)) (the non-saturating form of minimising log(1 - D(G(z)))).
    at::Tensor loss_g = at::softplus(-d->forward(translate(fake, dx, dy))).mean();
    torch_compat::zero_grad(opt_g);
    loss_g.backward();
    opt_g.step();
    {
      at::NoGradGuard no_grad;
      auto pe = g_ema->parameters();
      auto pg = g->parameters();
      for (size_t i = 0; i < pe.size(); ++i) pe[i].mul_(o.ema).add_(pg[i], 1.0 - o.ema);
      auto be = g_ema->buffers();
      auto bg = g->buffers();
      for (size_t i = 0; i < be.size(); ++i) be[i].copy_(bg[i]);
    }
    GanTrainProgress p;
    p.step = step + 1;
    p.steps = o.steps;
    p.loss_d = loss_d.item<double>();
    p.loss_g = loss_g.item<double>();
    p.d_real = at::sigmoid(d_real).mean().item<double>();
    p.d_fake = at::sigmoid(d_fake).mean().item<double>();
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    log << p.step << ',' << p.loss_d << ',' << p.loss_g << ',' << p.d_real << ',' << p.d_fake << ',' << p.seconds << '\n';
    log.flush();
    if (progress) progress(p);
    if (p.step % o.sample_every == 0 || p.step == o.steps) write_grid(p.step);
    if (p.step % o.checkpoint_every == 0 || p.step == o.steps) save(p.step);
  }
  // The shipped form: the averaged generator with its own batch statistics, fp16 weights, with
  // what it is in the metadata.
  g_ema->recalibrate(64, 64, o.seed ^ 0x57A7ULL);
  io::StateDict weights;
  for (auto& [k, v] : io::module_state(*g_ema, ""))
    weights[k] = v.is_floating_point() ? v.to(at::kCPU, at::kHalf) : v.to(at::kCPU);
  io::write_safetensors(o.out / "model.safetensors", weights,
                        {{"atelier.kind", "dcgan-generator"}, {"dataset", o.data}, {"steps", std::to_string(o.steps)},
                         {"architecture", config.describe()}, {"trained_by", "clip-atelier-cli train gan"}});
}

}  // namespace atelier::train
