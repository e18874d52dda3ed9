// clip-atelier-cli train clip | eval clip: the embedded mini-CLIP's trainer and its evaluation.
#include <algorithm>
#include <cmath>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <tuple>
#include <vector>

#include "cli_common.h"
#include "clip/clip.h"
#include "runtime/error.h"
#include "train/clip_eval.h"
#include "train/clip_trainer.h"
#include "train/datasets.h"
#include "io/image.h"

namespace atelier::cli {

std::filesystem::path default_clip();  // cmd_clip.cpp

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }
}  // namespace

void add_render_commands(CLI::App& app) {
  auto* render = app.add_subcommand("render", "Render images of the training data (shapes, emoji) to files");
  render->require_subcommand(1);
  struct Args {
    std::string shape = "circle", colour = "red", position, name, out;
    int size = 64;
    uint64_t seed = 1;
  };
  auto a = std::make_shared<Args>();
  auto* sh = render->add_subcommand("shape", "One shape in a colour, optionally at a position");
  sh->add_option("--shape", a->shape, "circle, square, triangle, star, heart, ring, cross, line, diamond, hexagon");
  sh->add_option("--colour,--color", a->colour, "red, green, blue, yellow, orange, purple, pink, brown, black, white, grey, cyan");
  sh->add_option("--position", a->position, "left, right, top, bottom or middle");
  sh->add_option("--size", a->size, "Pixels")->check(CLI::Range(16, 4096));
  sh->add_option("--out", a->out, "The image file")->required();
  sh->callback([a] {
    auto index = [](const std::vector<std::string>& names, const std::string& want, const char* what) {
      for (size_t i = 0; i < names.size(); ++i)
        if (names[i] == want || names[i].find(" " + want) != std::string::npos) return int(i);
      throw Error(ErrorKind::InvalidArgument, std::string("unknown ") + what + " '" + want + "'");
    };
    const int pos = a->position.empty() ? 4 : index(train::position_names(), a->position, "position");
    auto s = train::render_shape(index(train::shape_names(), a->shape, "shape"), index(train::colour_names(), a->colour, "colour"),
                                 pos, a->size, a->seed);
    write_image(a->out, s.image);
    std::cout << s.caption << '\n';
  });
  struct Batch {
    uint64_t seed = 1, first = 0;
    int count = 16, size = 64;
    std::string out;
  };
  auto bt = std::make_shared<Batch>();
  auto* shs = render->add_subcommand("shapes", "Training samples of the shapes dataset as a grid, their captions printed");
  shs->add_option("--seed", bt->seed, "The run's seed");
  shs->add_option("--first", bt->first, "The first sample's index");
  shs->add_option("--count", bt->count, "Samples")->check(CLI::Range(1, 1024));
  shs->add_option("--size", bt->size, "Pixels of each")->check(CLI::Range(16, 1024));
  shs->add_option("--out", bt->out, "The grid image")->required();
  shs->callback([bt] {
    const int cols = int(std::ceil(std::sqrt(double(bt->count)))), rows = (bt->count + cols - 1) / cols, gap = 2, S = bt->size;
    Image grid{cols * S + (cols - 1) * gap, rows * S + (rows - 1) * gap, 3, {}};
    grid.pixels.assign(size_t(grid.width) * size_t(grid.height) * 3, 255);
    for (int k = 0; k < bt->count; ++k) {
      const train::Sample s = train::render_shapes(bt->seed, bt->first + uint64_t(k), train::ShapeOptions{S});
      const int x0 = (k % cols) * (S + gap), y0 = (k / cols) * (S + gap);
      for (int y = 0; y < S; ++y)
        std::copy_n(s.image.pixels.begin() + ptrdiff_t(y) * S * 3, S * 3, grid.pixels.begin() + (ptrdiff_t(y0 + y) * grid.width + x0) * 3);
      std::cout << bt->first + uint64_t(k) << '\t' << s.caption << '\n';
    }
    write_image(bt->out, grid);
  });
  auto* em = render->add_subcommand("emoji", "One emoji by its Unicode name");
  em->add_option("--name", a->name, "e.g. rocket, cat face, red apple")->required();
  em->add_option("--size", a->size, "Pixels")->check(CLI::Range(16, 4096));
  em->add_option("--out", a->out, "The image file")->required();
  em->callback([a] {
    auto set = train::EmojiSet::load();
    for (size_t i = 0; i < set->size(); ++i)
      if (set->entries()[i].name == a->name) {
        auto s = set->render(i, a->seed, 0, a->size, false);
        write_image(a->out, s.image);
        std::cout << s.caption << '\n';
        return;
      }
    throw Error(ErrorKind::InvalidArgument, "no emoji named '" + a->name + "' (names as in emoji-test.txt)");
  });
}

void add_train_gan_command(CLI::App& train, Globals& globals);  // cmd_gan.cpp
void add_eval_gan_command(CLI::App& eval, Globals& globals);
void add_train_vqgan_command(CLI::App& train, Globals& globals);  // cmd_vqgan_train.cpp
void add_eval_vqgan_command(CLI::App& eval, Globals& globals);

void add_train_commands(CLI::App& app, Globals& globals) {
  add_render_commands(app);
  auto* train = app.add_subcommand("train", "Train the embedded models");
  train->require_subcommand(1);
  add_train_gan_command(*train, globals);
  add_train_vqgan_command(*train, globals);
  auto o = std::make_shared<train::ClipTrainOptions>();
  auto* c = train->add_subcommand("clip", "Train a mini-CLIP on emoji and shapes (resumable; Ctrl+C checkpoints and stops)");
  c->add_option("--out", o->out, "Folder for checkpoints, metrics.csv and the final model.safetensors")->required();
  c->add_option("--steps", o->steps, "Optimisation steps")->check(CLI::PositiveNumber);
  c->add_option("--batch", o->batch, "Image-caption pairs per step")->check(CLI::Range(2, 8192));
  c->add_option("--lr", o->lr, "Peak learning rate");
  c->add_option("--warmup", o->warmup, "Warm-up steps");
  c->add_option("--checkpoint-every", o->checkpoint_every, "Steps between checkpoints")->check(CLI::PositiveNumber);
  c->add_option("--seed", o->seed, "Seed of the data and the initial weights");
  c->add_flag("--resume", o->resume, "Go on from the folder's checkpoint");
  c->add_option("--vision-layers", o->vision_layers, "Vision transformer blocks");
  c->add_option("--text-layers", o->text_layers, "Text transformer blocks");
  c->add_option("--width", o->vision_width, "Vision width (a multiple of 64); the text width follows it");
  c->add_option("--merges", o->merges, "BPE merges of a new run's vocabulary");
  c->add_option("--init", o->init, "Start from a trained mini-CLIP (folder, model.safetensors or a run's checkpoint.safetensors): "
                                   "its architecture, weights and vocabulary; a new schedule");
  c->add_option("--emoji", o->emoji_fraction, "Share of emoji in a batch (the rest: shapes)")->check(CLI::Range(0.0, 1.0));
  c->add_option("--contrast", o->contrast, "Share of a batch in groups of five shapes alike but for their position or colour")
      ->check(CLI::Range(0.0, 1.0));
  c->add_flag("!--no-bf16", o->bf16, "Train in float32 instead of bfloat16 autocast");
  c->callback([o, &globals] {
    RuntimeInfo rt = configure(globals);
    o->device = rt.device.name;
    o->text_width = o->vision_width;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    train::train_clip(
        *o,
        [pace = Pace()](const train::TrainProgress& p) mutable {
          std::fprintf(stderr, "\rstep %lld/%lld  %s  loss %.4f  acc %.3f  lr %.2e  scale %.1f  %.0f s   ",
                       static_cast<long long>(p.step), static_cast<long long>(p.steps), pace(p.step, p.steps, p.seconds).c_str(), p.loss, p.accuracy, p.lr,
                       std::exp(p.logit_scale), p.seconds);
          if (p.step % 50 == 0) std::fprintf(stderr, "\n");
        },
        [] { return g_stop.load(); });
    std::fprintf(stderr, "\n%s\n", g_stop ? "stopped: checkpoint written; --resume goes on" : "done");
  });

  auto* eval = app.add_subcommand("eval", "Evaluate models on held-out sets");
  eval->require_subcommand(1);
  add_eval_gan_command(*eval, globals);
  add_eval_vqgan_command(*eval, globals);
  struct EvalArgs {
    std::string clip, suite = "all";
    int n = 300;
    bool json = false;
  };
  auto e = std::make_shared<EvalArgs>();
  auto* ec = eval->add_subcommand("clip", "Zero-shot accuracy on held-out shapes and emoji");
  ec->add_option("--clip", e->clip, "A CLIP checkpoint or folder (default: the default model)");
  ec->add_option("--suite", e->suite, "shapes, emoji or all")->check(CLI::IsMember({"shapes", "emoji", "all"}));
  ec->add_option("--images", e->n, "Images per shapes metric")->check(CLI::Range(10, 100000));
  ec->add_flag("--json", e->json, "Print JSON");
  ec->callback([e, &globals] {
    configure(globals);
    clip::Clip model = clip::Clip::load(e->clip.empty() ? default_clip() : std::filesystem::path(e->clip));
    auto r = train::eval_clip(model, e->suite, e->n);
    nlohmann::json out = {{"model", model.info().path}, {"suite", e->suite}, {"metrics", r.metrics},
                          {"templates", r.templates}, {"images", r.counts}};
    for (auto& [k, m] : r.confusion) out["confusion"][k] = {{"labels", m.labels}, {"counts", m.counts}};
    if (e->json) {
      std::cout << out.dump(2) << '\n';
      return;
    }
    for (auto& [k, v] : r.metrics) std::printf("%-18s %6.2f%%   (%d images, \"%s\")\n", k.c_str(), 100 * v, r.counts[k], r.templates[k].c_str());
    // The mistakes, most frequent first: what a model confuses says what its data lacks.
    for (auto& [k, m] : r.confusion) {
      std::vector<std::tuple<int, size_t, size_t>> wrong;
      for (size_t t = 0; t < m.counts.size(); ++t)
        for (size_t g = 0; g < m.counts[t].size(); ++g)
          if (t != g && m.counts[t][g] > 0) wrong.emplace_back(m.counts[t][g], t, g);
      std::sort(wrong.rbegin(), wrong.rend());
      if (wrong.empty()) continue;
      std::printf("%s mistakes:", k.c_str());
      for (size_t i = 0; i < std::min<size_t>(6, wrong.size()); ++i)
        std::printf("%s %s as %s (%d)", i ? "," : "", m.labels[std::get<1>(wrong[i])].c_str(),
                    m.labels[std::get<2>(wrong[i])].c_str(), std::get<0>(wrong[i]));
      std::printf("\n");
    }
  });
}

}  // namespace atelier::cli
