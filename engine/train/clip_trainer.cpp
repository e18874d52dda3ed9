#include "train/clip_trainer.h"

#include <ATen/ATen.h>
#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adamw.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>

#include "clip/detail/model.h"
#include "clip/preprocess.h"
#include "clip/tokenizer.h"
#include "io/detail/checkpoint.h"
#include "runtime/detail/torch_compat.h"
#include "runtime/error.h"
#include "runtime/runtime_info.h"
#include "train/bpe_learner.h"
#include "train/clipart.h"
#include "train/datasets.h"
#include "train/detail/contrastive.h"
#include "train/detail/grow.h"
#include "train/detail/metrics_log.h"
#include "train/detail/optim_state.h"
#include "train/detail/rng.h"

namespace fs = std::filesystem;

namespace atelier::train {

namespace {

constexpr uint64_t kVocabSeed = 0x5EED0001;

// The captions and words the vocabulary is learned from: the datasets' captions (clip art's
// when the run uses it) and Debian's English word list (wamerican), so words outside the
// captions split into sensible pieces.
std::vector<std::pair<std::string, double>> vocabulary_corpus(const EmojiSet& emoji, int size, const ClipArtSet* clipart) {
  std::vector<std::pair<std::string, double>> texts;
  ShapeOptions so{size};
  for (uint64_t i = 0; i < 20000; ++i) texts.emplace_back(render_shapes(kVocabSeed, i, so).caption, 1.0);
  for (size_t i = 0; i < emoji.size(); ++i) texts.emplace_back(emoji.render(i, kVocabSeed, i, 8, true).caption, 3.0);
  if (clipart)
    for (size_t i : clipart->split(false))
      for (uint64_t k = 0; k < 2; ++k)
        if (std::string c = clipart->caption(i, kVocabSeed, 2 * i + k); !c.empty()) texts.emplace_back(std::move(c), 1.0);
  std::ifstream words("/usr/share/dict/american-english");
  if (!words) throw Error(ErrorKind::NotFound, "can't read /usr/share/dict/american-english: install the Debian package wamerican");
  std::string w;
  while (std::getline(words, w))
    if (!w.empty() && w.find('\'') == std::string::npos && std::islower(static_cast<unsigned char>(w[0]))) texts.emplace_back(w, 0.2);
  return texts;
}

clip::ClipConfig config_of(const ClipTrainOptions& o, int64_t vocab_size) {
  clip::ClipConfig c;
  c.embed_dim = o.embed_dim;
  c.image_resolution = o.image_size;
  c.vision_layers = o.vision_layers;
  c.vision_width = o.vision_width;
  c.vision_patch_size = o.patch;
  c.context_length = o.context;
  c.vocab_size = vocab_size;
  c.transformer_width = o.text_width;
  c.transformer_heads = o.text_width / 64;
  c.transformer_layers = o.text_layers;
  if (c.transformer_heads < 1 || c.vision_heads() < 1)
    throw Error(ErrorKind::InvalidArgument, "widths must be multiples of 64 (heads of 64, as the reference)");
  return c;
}

double learning_rate(const ClipTrainOptions& o, int64_t step) {
  if (step < o.warmup) return o.lr * double(step + 1) / double(o.warmup);
  const double t = double(step - o.warmup) / double(std::max<int64_t>(1, o.steps - o.warmup));
  return o.lr * 0.5 * (1.0 + std::cos(M_PI * std::min(1.0, t)));
}

constexpr int64_t kShownPairs = 8;  // TrainProgress's window on the batch
constexpr uint64_t kAdversarialSalt = 0xAD7E'0000'0000'0001ULL;  // the attacks' random starts

struct Batch {
  at::Tensor images, tokens, targets;
  std::vector<Image> shown;
  std::vector<std::string> captions;
};

Batch make_batch(const ClipTrainOptions& o, const EmojiSet& emoji, const ClipArtSet* clipart, const clip::Tokenizer& tok, int64_t step) {
  const int64_t B = o.batch, S = o.image_size, plane = S * S;
  Batch b{at::empty({B, 3, S, S}), at::empty({B, o.context}, at::kLong), {}, {}, {}};
  std::vector<std::string> captions(static_cast<size_t>(B));
  float* px = b.images.data_ptr<float>();
  ShapeOptions so{int(S)};
  so.variety = o.variety;
  const int64_t grouped = int64_t(double(B) * o.contrast) / kContrastGroup * kContrastGroup;
  const int64_t parted = grouped + int64_t(double(B) * o.parts) / kContrastGroup * kContrastGroup;
  for (int64_t i = 0; i < B; ++i) {
    const uint64_t index = uint64_t(step) * uint64_t(B) + uint64_t(i);
    Rng pick(o.seed, index);
    const float u = pick.uniformf(0, 1);  // emoji below emoji_fraction, then clip art, then strokes, then shapes
    const float to_clipart = float(o.emoji_fraction + o.clipart_fraction), to_strokes = to_clipart + float(o.strokes_fraction);
    const uint64_t group = uint64_t(step) * uint64_t(B) + uint64_t(i / kContrastGroup);
    Sample s = i < grouped  ? render_contrast(o.seed, group, int(i % kContrastGroup), so)
               : i < parted ? render_parts(o.seed, group, int(i % kContrastGroup), int(S))
               : u < float(o.emoji_fraction) ? emoji.sample(o.seed, index, int(S))
               : clipart && u < to_clipart ? clipart->sample(o.seed, index, int(S))
               : u >= to_clipart && u < to_strokes ? render_strokes(o.seed, index, int(S))
                                                   : render_shapes(o.seed, index, so);
    for (int64_t p = 0; p < plane; ++p)
      for (int c = 0; c < 3; ++c)
        px[(i * 3 + c) * plane + p] = (float(s.image.pixels[size_t(p) * 3 + size_t(c)]) / 255.0f - clip::kMean[c]) / clip::kStd[c];
    auto ids = tok.tokenize(s.caption, o.context, true);
    std::copy(ids.begin(), ids.end(), b.tokens[i].data_ptr<int64_t>());
    captions[size_t(i)] = s.caption;
    if (i < kShownPairs) b.shown.push_back(std::move(s.image));
  }
  b.captions.assign(captions.begin(), captions.begin() + std::min(B, kShownPairs));
  // Pairs with the same caption are both right answers: soft targets spread over them.
  b.targets = at::zeros({B, B});
  for (int64_t i = 0; i < B; ++i)
    for (int64_t j = 0; j < B; ++j)
      if (captions[size_t(i)] == captions[size_t(j)]) b.targets[i][j] = 1.0f;
  b.targets /= b.targets.sum(1, true);
  return b;
}

// Saves the model, the optimiser's moments and the step, whole or not at all.
void save_checkpoint(const fs::path& file, clip::ClipModelImpl& model, torch::optim::AdamW& opt, int64_t step) {
  io::StateDict sd;
  for (auto& item : model.named_parameters()) sd["model." + item.key()] = item.value().detach();
  save_optimiser<torch::optim::AdamWParamState>(sd, "adam.", model, opt);
  io::write_safetensors(file, sd, {{"step", std::to_string(step)}});
}

int64_t load_checkpoint(const fs::path& file, clip::ClipModelImpl& model, torch::optim::AdamW& opt) {
  auto sd = io::read_state_dict(file);
  at::NoGradGuard no_grad;
  for (auto& item : model.named_parameters()) {
    auto it = sd.find("model." + item.key());
    if (it == sd.end()) throw Error(ErrorKind::BadFile, file.string() + " has no " + item.key() + ": not this run's checkpoint");
    if (it->second.sizes() != item.value().sizes())
      throw Error(ErrorKind::BadFile, file.string() + ": " + item.key() + " has another shape: the run's options changed");
    item.value().copy_(it->second);
  }
  return load_optimiser<torch::optim::AdamWParamState>(sd, "adam.", model, opt);
}

// The weights a run starts from (--init): a shipped model.safetensors (a folder holding one) or a
// run's checkpoint (its "model." entries), and the vocabulary beside it.
struct InitModel {
  io::StateDict weights;
  fs::path vocabulary;
};

InitModel read_init(const fs::path& init, int vision_layers, int text_layers) {
  std::error_code ec;
  const fs::path file = fs::is_directory(init, ec) ? init / "model.safetensors" : init;
  InitModel m{{}, file.parent_path() / "vocab.txt.gz"};
  if (!fs::exists(file, ec)) throw Error(ErrorKind::NotFound, "--init: " + file.string() + " does not exist");
  if (!fs::exists(m.vocabulary, ec))
    throw Error(ErrorKind::NotFound, "--init: no vocab.txt.gz beside " + file.string() + ": a mini-CLIP brings its vocabulary");
  m.weights = clip::model_of_training_checkpoint(io::read_state_dict(file));
  if (!m.weights.count("logit_scale")) throw Error(ErrorKind::BadFile, "--init: " + file.string() + " is not a CLIP");
  m.weights = grow_clip(m.weights, vision_layers, text_layers);
  return m;
}

}  // namespace

void train_clip(const ClipTrainOptions& options, const std::function<void(const TrainProgress&)>& progress,
                const std::function<bool()>& stop) {
  ClipTrainOptions o = options;
  if (o.out.empty()) throw Error(ErrorKind::InvalidArgument, "give an output folder");
  fs::create_directories(o.out);
  const fs::path vocab = o.out / "vocab.txt.gz", ckpt = o.out / "checkpoint.safetensors", metrics = o.out / "metrics.csv";
  if (!o.resume && fs::exists(ckpt))
    throw Error(ErrorKind::InvalidArgument, o.out.string() + " already holds a run: pass --resume to go on with it, or choose another folder");
  if (const auto record = o.resume && fs::exists(ckpt) ? read_run_record(o.out) : std::nullopt) {
    // The run goes on as it was started: its schedule and data from its record.
    o.steps = resumed_steps(o.steps, *record, o.out);
    recall(*record, "batch", o.batch, o.out);
    recall(*record, "lr", o.lr, o.out);
    recall(*record, "weight_decay", o.weight_decay, o.out);
    recall(*record, "warmup", o.warmup, o.out);
    recall(*record, "seed", o.seed, o.out);
    recall(*record, "bf16", o.bf16, o.out);
    recall(*record, "emoji_fraction", o.emoji_fraction, o.out);
    o.clipart_fraction = 0;  // a run recorded before clip art had none
    recall(*record, "clipart_fraction", o.clipart_fraction, o.out);
    o.strokes_fraction = 0;  // nor strokes
    recall(*record, "strokes_fraction", o.strokes_fraction, o.out);
    std::string clipart_dir = o.clipart_dir.string();
    recall(*record, "clipart_dir", clipart_dir, o.out);
    o.clipart_dir = clipart_dir;
    o.adversarial = 0;  // a run recorded before adversarial training had none
    recall(*record, "adversarial", o.adversarial, o.out);
    o.parts = 0;  // nor part groups
    recall(*record, "parts", o.parts, o.out);
    recall(*record, "contrast", o.contrast, o.out);
    recall(*record, "variety", o.variety, o.out);
    std::string init = o.init.string();
    recall(*record, "init", init, o.out);
    o.init = init;
    o.grow_vision_layers = o.grow_text_layers = 0;  // a run recorded before growing grew nothing
    recall(*record, "grow_vision_layers", o.grow_vision_layers, o.out);
    recall(*record, "grow_text_layers", o.grow_text_layers, o.out);
  }
  if (o.steps <= 0) throw Error(ErrorKind::InvalidArgument, "give a positive number of steps");
  if (o.contrast < 0 || o.parts < 0 || o.contrast + o.parts > 1 + 1e-9)
    throw Error(ErrorKind::InvalidArgument, "the shares of contrast groups and part groups are each 0 to 1 and together at most 1");
  if (!(o.adversarial >= 0 && o.adversarial <= 64))
    throw Error(ErrorKind::InvalidArgument, "the adversarial step is 0 (off) to 64 levels of 255 per pixel");
  if (o.emoji_fraction < 0 || o.clipart_fraction < 0 || o.strokes_fraction < 0 ||
      o.emoji_fraction + o.clipart_fraction + o.strokes_fraction > 1 + 1e-9)
    throw Error(ErrorKind::InvalidArgument,
                "the shares of emoji, clip art and strokes are each 0 to 1 and together at most 1 (the rest: shapes)");
  auto emoji = EmojiSet::load();

  std::optional<InitModel> init;
  if (!o.init.empty()) {
    init = read_init(o.init, o.grow_vision_layers, o.grow_text_layers);
    if (!fs::exists(vocab)) fs::copy_file(init->vocabulary, vocab);
  }
  // Clip art: every training drawing decoded once at the model's input size (from the disk
  // cache after the first run: clipart.h).
  std::shared_ptr<ClipArtSet> clipart;
  if (o.clipart_fraction > 0) {
    ClipArtOptions co;
    if (!o.clipart_dir.empty()) co.root = o.clipart_dir;
    co.side = init ? int(clip::ClipConfig::from_state_dict(init->weights).image_resolution) : o.image_size;
    clipart = ClipArtSet::load(co);
    if (clipart->training_size() == 0) throw Error(ErrorKind::BadFile, "clip art: no training drawing under " + co.root.string());
  }
  if (!fs::exists(vocab)) write_merges(vocab, learn_bpe(vocabulary_corpus(*emoji, o.image_size, clipart.get()), o.merges));
  const clip::Tokenizer tok = clip::Tokenizer::load(vocab);
  const clip::ClipConfig config = init ? clip::ClipConfig::from_state_dict(init->weights) : config_of(o, int64_t(tok.vocab_size()));
  if (int64_t(tok.vocab_size()) > config.vocab_size)
    throw Error(ErrorKind::BadFile, vocab.string() + " has more tokens than the model: not the vocabulary of " + o.init.string());
  o.image_size = int(config.image_resolution);  // an --init model's own sizes
  o.context = int(config.context_length);
  write_run_record(o.out, nlohmann::json{{"architecture", config.describe()}, {"steps", o.steps},          {"batch", o.batch},
                          {"lr", o.lr},                    {"weight_decay", o.weight_decay}, {"warmup", o.warmup},
                          {"seed", o.seed},                {"bf16", o.bf16},                {"emoji_fraction", o.emoji_fraction},
                          {"emoji", emoji->size()},        {"vocab_size", tok.vocab_size()},
                          {"contrast", o.contrast},        {"init", o.init.string()},
                          {"variety", o.variety},
                          {"clipart_fraction", o.clipart_fraction},
                          {"clipart", clipart ? clipart->training_size() : 0},
                          {"clipart_dir", o.clipart_dir.string()},
                          {"strokes_fraction", o.strokes_fraction},
                          {"adversarial", o.adversarial},
                          {"parts", o.parts},
                          {"grow_vision_layers", o.grow_vision_layers},
                          {"grow_text_layers", o.grow_text_layers}});

  at::manual_seed(o.seed);
  clip::ClipModel model(config);
  model->initialize_parameters();
  const bool resuming = o.resume && fs::exists(ckpt);
  if (init && !resuming) clip::load_weights(*model, init->weights, o.init.string());  // a resumed run's checkpoint has its own
  const at::Device device(o.device);
  model->to(device);
  // bf16 autocast where the hardware computes it: on a CPU without bfloat16 instructions
  // (AVX512-BF16, AMX) LibTorch's bf16 matrix products fall back to a plain loop, some 25 times
  // slower than float32 (a mini-CLIP step: 50 s against 1.9 s on an AVX2 EPYC), so such a CPU
  // trains in float32. The run's record keeps what was asked.
  const bool bf16 = o.bf16 && (!device.is_cpu() || cpu_has_native_bf16());
  // Weight decay on matrices only, not on biases, norms, embeddings' scales or the temperature.
  std::vector<at::Tensor> decay, no_decay;
  for (auto& item : model->named_parameters())
    (item.value().dim() >= 2 && item.key().find("embedding") == std::string::npos ? decay : no_decay).push_back(item.value());
  torch::optim::AdamW opt({torch::optim::OptimizerParamGroup(decay, std::make_unique<torch::optim::AdamWOptions>(
                                                                        torch::optim::AdamWOptions(o.lr).betas({0.9, 0.98}).eps(1e-6).weight_decay(o.weight_decay))),
                           torch::optim::OptimizerParamGroup(no_decay, std::make_unique<torch::optim::AdamWOptions>(
                                                                           torch::optim::AdamWOptions(o.lr).betas({0.9, 0.98}).eps(1e-6).weight_decay(0.0)))},
                          torch::optim::AdamWOptions(o.lr));
  int64_t start = 0;
  if (resuming) start = load_checkpoint(ckpt, *model, opt);
  std::ofstream log = open_metrics(metrics, "step,loss,accuracy,lr,logit_scale,seconds", start);

  model->train();
  const auto t0 = std::chrono::steady_clock::now();
  c10::AutoGradMode grad(true);
  for (int64_t step = start; step < o.steps; ++step) {
    if (stop && stop()) {
      save_checkpoint(ckpt, *model, opt, step);
      return;
    }
    const double lr = learning_rate(o, step);
    for (auto& g : opt.param_groups()) static_cast<torch::optim::AdamWOptions&>(g.options()).lr(lr);
    Batch b = make_batch(o, *emoji, clipart.get(), tok, step);
    at::Tensor images = b.images.to(device);
    const auto targets = b.targets.to(device);
    if (o.adversarial > 0) images = adversarial_images(*model, images, b.tokens.to(device), targets, o.adversarial, bf16,
                                                           Rng(o.seed ^ kAdversarialSalt, uint64_t(step)).next());
    auto [loss, logits] = contrastive_loss(*model, images, b.tokens.to(device), targets, bf16);
    torch_compat::zero_grad(opt);
    loss.backward();
    torch::nn::utils::clip_grad_norm_(model->parameters(), 1.0);
    opt.step();
    {
      at::NoGradGuard no_grad;
      model->logit_scale.clamp_(0.0, std::log(100.0));  // as the paper: a temperature of at most 100
    }
    TrainProgress p;
    p.step = step + 1;
    p.steps = o.steps;
    p.loss = loss.item<double>();
    {
      at::NoGradGuard no_grad;
      auto hit = targets.gather(1, logits.argmax(1, true)) > 0;
      p.accuracy = hit.to(at::kFloat).mean().item<double>();
      const int64_t n = int64_t(b.shown.size());
      auto window = at::softmax(logits.slice(0, 0, n).slice(1, 0, n).to(at::kCPU, at::kFloat), 1).contiguous();
      p.softmax.assign(window.data_ptr<float>(), window.data_ptr<float>() + n * n);
      p.images = std::move(b.shown);
      p.captions = std::move(b.captions);
    }
    p.lr = lr;
    p.logit_scale = model->logit_scale.item<double>();
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    log << p.step << ',' << p.loss << ',' << p.accuracy << ',' << p.lr << ',' << p.logit_scale << ',' << p.seconds << '\n';
    log.flush();
    if (progress) progress(p);
    if (p.step % o.checkpoint_every == 0 || p.step == o.steps) save_checkpoint(ckpt, *model, opt, p.step);
  }
  // The shipped form: fp16 weights under the reference's key names, the vocabulary beside them.
  io::StateDict weights;
  for (auto& item : model->named_parameters()) weights[item.key()] = item.value().detach().to(at::kCPU, at::kHalf);
  io::write_safetensors(o.out / "model.safetensors", weights, {{"format", "pt"}, {"trained_by", "clip-atelier-cli train clip"}});
}

}  // namespace atelier::train
