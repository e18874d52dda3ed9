// clip-atelier-cli train clip | gan | vqgan: the embedded models' trainers (resumable; Ctrl+C checkpoints and stops).
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli_common.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/parse.h"
#include "train/clip_trainer.h"
#include "train/gan_trainer.h"
#include "train/vqgan_trainer.h"

namespace atelier::cli {

namespace {

void say_how_it_ended(bool stopped) {
  std::fprintf(stderr, "\n%s\n", stopped ? "stopped: checkpoint written; --resume goes on" : "done");
}

// A resumed run takes its schedule and data from its config.json (the engine reads it): say so
// for each such option given with --resume, and let --steps default to the recorded number.
void recall_on_resume(const CLI::App& c, int64_t& steps, std::initializer_list<const char*> recorded) {
  if (c.count("--steps") == 0) steps = 0;
  for (const char* name : recorded)
    if (c.count(name) > 0)
      std::fprintf(stderr, "note: %s is not used: a resumed run goes on with the options in its config.json "
                           "(only --steps and --checkpoint-every change)\n", name);
}

void add_train_clip(CLI::App& train, Globals& globals) {
  auto o = std::make_shared<train::ClipTrainOptions>();
  auto* c = train.add_subcommand("clip", "Train a mini-CLIP on emoji, shapes and clip art (resumable; Ctrl+C checkpoints and stops)");
  c->add_option("--out", o->out, "Folder for checkpoints, metrics.csv and the final model.safetensors")->required();
  c->add_option("--steps", o->steps, "Optimisation steps")->check(CLI::PositiveNumber);
  c->add_option("--batch", o->batch, "Image-caption pairs per step")->check(CLI::Range(2, 8192));
  c->add_option("--lr", o->lr, "Peak learning rate");
  c->add_option("--warmup", o->warmup, "Warm-up steps");
  c->add_option("--checkpoint-every", o->checkpoint_every, "Steps between checkpoints")->check(CLI::PositiveNumber);
  c->add_option("--seed", o->seed, "Seed of the data and the initial weights");
  c->add_flag("--resume", o->resume, "Go on from the folder's checkpoint");
  c->add_option("--vision-layers", o->vision_layers,
                "Vision transformer blocks; with --init, deepens its vision tower to this many (new blocks start as the "
                "identity, so the run begins from what --init computed)")
      ->check(CLI::Range(1, 64));
  c->add_option("--text-layers", o->text_layers, "Text transformer blocks; with --init, deepens its text tower likewise")
      ->check(CLI::Range(1, 64));
  c->add_option("--width", o->vision_width, "Vision width (a multiple of 64); the text width follows it");
  c->add_option("--merges", o->merges, "BPE merges of a new run's vocabulary");
  c->add_option("--init", o->init, "Start from a trained mini-CLIP (folder, model.safetensors or a run's checkpoint.safetensors): "
                                   "its architecture, weights and vocabulary; a new schedule");
  c->add_option("--emoji", o->emoji_fraction, "Share of emoji in a batch (the rest: clip art and shapes)")->check(CLI::Range(0.0, 1.0));
  c->add_option("--clipart", o->clipart_fraction,
                "Share of clip art in a batch (openclipart's training drawings; needs the Debian packages openclipart-png and "
                "openclipart-svg: packaging/install-deps.sh --training); --emoji + --clipart at most 1, the rest shapes")
      ->check(CLI::Range(0.0, 1.0));
  c->add_option("--strokes", o->strokes_fraction,
                "Share of stroke images that are no shape (scribbles, arcs: render shapes --strokes), captioned as such; "
                "--emoji + --clipart + --strokes at most 1, the rest shapes")
      ->check(CLI::Range(0.0, 1.0));
  c->add_option("--adversarial", o->adversarial,
                "Adversarial training: move each image by up to this many levels of 255 per pixel to raise the loss "
                "before the model learns from it (0: off; about 1.5x the time), so that its gradients follow form")
      ->check(CLI::Range(0.0, 64.0));
  c->add_option("--parts", o->parts,
                "Share of a batch in part groups: a shape and four pieces of it that are not it (\"a red square\" beside \"a red "
                "corner\": render shapes --parts); --contrast + --parts at most 1")
      ->check(CLI::Range(0.0, 1.0));
  c->add_option("--contrast", o->contrast, "Share of a batch in groups of five shapes alike but for their position, colour or shape")
      ->check(CLI::Range(0.0, 1.0));
  c->add_flag("!--classic-shapes", o->variety,
              "Shapes as the first models saw them: three sizes, small rotations, solid fills, plain backgrounds, no noise");
  c->add_flag("!--no-bf16", o->bf16, "Train in float32 instead of bfloat16 autocast");
  c->callback([o, c, &globals] {
    RuntimeInfo rt = configure(globals);
    o->device = rt.device.name;
    o->text_width = o->vision_width;
    if (o->bf16 && rt.device.name == "cpu" && !rt.bf16_fast)
      std::fprintf(stderr, "note: this CPU has no bfloat16 instructions (AVX512-BF16, AMX): training in float32, which is faster here\n");
    if (!o->init.empty() && !o->resume) {
      if (c->count("--vision-layers") > 0) o->grow_vision_layers = o->vision_layers;
      if (c->count("--text-layers") > 0) o->grow_text_layers = o->text_layers;
      if (c->count("--width") > 0 || c->count("--merges") > 0)
        std::fprintf(stderr, "note: --width and --merges are not used with --init: the run keeps its model's width and vocabulary\n");
    }
    if (o->resume)
      recall_on_resume(*c, o->steps, {"--batch", "--lr", "--warmup", "--seed", "--init", "--emoji", "--clipart", "--strokes", "--adversarial", "--parts", "--contrast", "--classic-shapes", "--no-bf16", "--vision-layers", "--text-layers"});
    if (o->clipart_fraction > 0 && !o->resume) std::fprintf(stderr, "clip art: loading the drawings (the first time about 20 s; then from the cache)\n");
    auto progress = [pace = Pace()](const train::TrainProgress& p) mutable {
      std::fprintf(stderr, "\rstep %lld/%lld  %s  loss %.4f  acc %.3f  lr %.2e  scale %.1f  %.0f s   ",
                   static_cast<long long>(p.step), static_cast<long long>(p.steps), pace(p.step, p.steps, p.seconds).c_str(), p.loss, p.accuracy, p.lr,
                   std::exp(p.logit_scale), p.seconds);
      if (p.step % 50 == 0) std::fprintf(stderr, "\n");
    };
    say_how_it_ended(run_in_foreground([&](const StopRequested& stop) { train::train_clip(*o, progress, stop); }));
  });
}

void add_train_gan(CLI::App& train, Globals& globals) {
  auto o = std::make_shared<train::GanTrainOptions>();
  auto* c = train.add_subcommand("gan", "Train a DCGAN on emoji, shapes or Fashion-MNIST (resumable; Ctrl+C checkpoints and stops)");
  c->add_option("--data", o->data, "emoji, shapes or fashion")->check(CLI::IsMember({"emoji", "shapes", "fashion"}))->required();
  c->add_option("--out", o->out, "Folder for checkpoints, metrics.csv, samples/ and the final model.safetensors")->required();
  c->add_option("--steps", o->steps, "Optimisation steps")->check(CLI::PositiveNumber);
  c->add_option("--batch", o->batch, "Images per step")->check(CLI::Range(2, 4096));
  c->add_option("--lr", o->lr, "Adam's learning rate for both networks");
  c->add_option("--size", o->size, "Image side (default: 64, Fashion-MNIST 32)");
  c->add_option("--z", o->z_dim, "Latent dimension")->check(CLI::Range(1, 4096));
  c->add_option("--width", o->width, "Channels of the widest-resolution layer")->check(CLI::Range(4, 1024));
  c->add_option("--ema", o->ema, "Decay of the generator's weight average")->check(CLI::Range(0.0, 1.0));
  c->add_flag("!--no-augment", o->augment, "Don't translate D's inputs");
  c->add_option("--checkpoint-every", o->checkpoint_every, "Steps between checkpoints")->check(CLI::PositiveNumber);
  c->add_option("--sample-every", o->sample_every, "Steps between sample grids (samples/)")->check(CLI::PositiveNumber);
  c->add_option("--seed", o->seed, "Seed of the data order, the noise and the initial weights");
  c->add_flag("--resume", o->resume, "Go on from the folder's checkpoint");
  c->callback([o, c, &globals] {
    RuntimeInfo rt = configure(globals);
    o->device = rt.device.name;
    if (o->resume) recall_on_resume(*c, o->steps, {"--data", "--batch", "--lr", "--ema", "--no-augment", "--seed"});
    auto progress = [pace = Pace()](const train::GanTrainProgress& p) mutable {
      std::fprintf(stderr, "\rstep %lld/%lld  %s  loss D %.3f  G %.3f  D(x) %.2f  D(G(z)) %.2f  %.0f s   ",
                   static_cast<long long>(p.step), static_cast<long long>(p.steps), pace(p.step, p.steps, p.seconds).c_str(), p.loss_d, p.loss_g, p.d_real, p.d_fake, p.seconds);
      if (p.step % 100 == 0) std::fprintf(stderr, "\n");
    };
    say_how_it_ended(run_in_foreground([&](const StopRequested& stop) { train::train_gan(*o, progress, stop); }));
  });
}

// "1,2,2,4": whole numbers 1 to 16, 2 to limits::kMaxLevels of them.
std::vector<int64_t> parse_mult(const std::string& s) {
  const std::string how = "--ch-mult '" + shown(s) + "': give 2 to " + std::to_string(limits::kMaxLevels) +
                          " whole numbers from 1 to 16, separated by commas, e.g. 1,2,2,4";
  std::vector<int64_t> out;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, ',');) {
    const auto v = parse_int(part);
    if (!v || *v < 1 || *v > 16 || int64_t(out.size()) >= limits::kMaxLevels) throw Error(ErrorKind::InvalidArgument, how);
    out.push_back(*v);
  }
  if (out.size() < 2 || (!s.empty() && s.back() == ',')) throw Error(ErrorKind::InvalidArgument, how);
  return out;
}

void add_train_vqgan(CLI::App& train, Globals& globals) {
  auto o = std::make_shared<train::VqganTrainOptions>();
  auto mult = std::make_shared<std::string>("1,2,2,4");
  auto* c = train.add_subcommand("vqgan", "Train a mini-VQGAN (taming's architecture) on emoji, shapes or Fashion-MNIST (resumable; Ctrl+C checkpoints and stops)");
  c->add_option("--data", o->data, "Comma-separated: emoji, shapes, clipart (openclipart's training drawings: packaging/install-deps.sh --training), fashion");
  c->add_option("--out", o->out, "Folder for checkpoints, metrics.csv, samples/ and the final model.safetensors + model.yaml")->required();
  c->add_option("--steps", o->steps, "Optimisation steps")->check(CLI::PositiveNumber);
  c->add_option("--batch", o->batch, "Images per step")->check(CLI::Range(2, 4096));
  c->add_option("--size", o->size, "Image side of the training renders")->check(CLI::Range(16, 1024));
  c->add_option("--lr", o->lr, "Adam's learning rate (both networks)");
  c->add_option("--ch", o->ch, "Base width (ch)")->check(CLI::Range(32, 512));
  c->add_option("--ch-mult", *mult, "Width multipliers per level (levels - 1 down-samplings), e.g. 1,2,2,4");
  c->add_option("--res-blocks", o->num_res_blocks, "Residual blocks per level")->check(CLI::Range(1, 8));
  c->add_option("--z-channels", o->z_channels, "Encoder output channels")->check(CLI::Range(1, 1024));
  c->add_option("--embed-dim", o->embed_dim, "Code dimension")->check(CLI::Range(1, 1024));
  c->add_option("--codes", o->n_embed, "Codebook size")->check(CLI::Range(2, 65536));
  c->add_option("--perceptual", o->perceptual_weight, "Weight of the CLIP-feature perceptual term (0: none)");
  c->add_option("--clip", o->clip, "The CLIP of the perceptual term (default: the default model)");
  c->add_option("--disc-weight", o->disc_weight, "Weight of the adversarial term (times the adaptive weight)");
  c->add_option("--disc-start", o->disc_start, "Steps before the discriminator joins");
  c->add_option("--reinit-every", o->reinit_every, "Window (steps) after which unused codes are re-initialised; 0: never");
  c->add_option("--checkpoint-every", o->checkpoint_every, "Steps between checkpoints")->check(CLI::PositiveNumber);
  c->add_option("--sample-every", o->sample_every, "Steps between sample grids (samples/)")->check(CLI::PositiveNumber);
  c->add_option("--seed", o->seed, "Seed of the data order and the initial weights");
  c->add_flag("--resume", o->resume, "Go on from the folder's checkpoint");
  c->add_option("--init", o->init,
                "Fine-tune a trained VQGAN (its folder, or its model.safetensors / .ckpt with the yaml beside it): its "
                "architecture and codebook, a new discriminator");
  c->callback([o, mult, c, &globals] {
    RuntimeInfo rt = configure(globals);
    o->device = rt.device.name;
    if (o->resume)
      recall_on_resume(*c, o->steps, {"--data", "--batch", "--size", "--lr", "--perceptual", "--disc-weight", "--disc-start", "--reinit-every", "--seed", "--init"});
    o->ch_mult = parse_mult(*mult);
    auto progress = [pace = Pace()](const train::VqganTrainProgress& p) mutable {
      std::fprintf(stderr, "\rstep %lld/%lld  %s  L1 %.4f  perc %.4f  vq %.4f  G %.3f  D %.3f  codes used %.0f%%  %.0f s   ",
                   static_cast<long long>(p.step), static_cast<long long>(p.steps), pace(p.step, p.steps, p.seconds).c_str(), p.l1, p.perceptual, p.codebook, p.g_adv,
                   p.d_loss, 100 * p.usage, p.seconds);
      if (p.step % 100 == 0) std::fprintf(stderr, "\n");
    };
    say_how_it_ended(run_in_foreground([&](const StopRequested& stop) { train::train_vqgan(*o, progress, stop); }));
  });
}

}  // namespace

void add_train_command(CLI::App& app, Globals& globals) {
  auto* train = app.add_subcommand("train", "Train the embedded models");
  train->require_subcommand(1);
  add_train_gan(*train, globals);
  add_train_vqgan(*train, globals);
  add_train_clip(*train, globals);
}

}  // namespace atelier::cli
