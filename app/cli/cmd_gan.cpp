// clip-atelier-cli gan sample | interpolate | list, train gan, eval gan: the mini-GANs.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "clip/clip.h"
#include "gan/gan.h"
#include "io/animation.h"
#include "io/image.h"
#include "runtime/error.h"
#include "train/gan_eval.h"
#include "train/gan_trainer.h"

namespace atelier::cli {

namespace fs = std::filesystem;

fs::path default_clip();  // cmd_clip.cpp

namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_gan_signal(int) { g_stop = true; }

}  // namespace

// A generator by name ("gan-emoji", "emoji") among the installed ones, or by path.
gan::Gan load_generator(const std::string& name) {
  std::error_code ec;
  if (fs::exists(name, ec)) return gan::Gan::load(name);
  std::string known;
  for (const fs::path& p : gan::find_gans()) {
    const std::string n = p.filename() == "model.safetensors" ? p.parent_path().filename().string() : p.stem().string();
    if (n == name || n == "gan-" + name) return gan::Gan::load(p);
    known += (known.empty() ? "" : ", ") + n;
  }
  throw Error(ErrorKind::NotFound, "no generator named '" + name + "'" + (known.empty() ? std::string(": none is installed") : " (installed: " + known + ")"));
}

void add_gan_commands(CLI::App& app, Globals& globals) {
  auto* g = app.add_subcommand("gan", "Sample and interpolate the generators (DCGAN mini-GANs or your own)");
  g->require_subcommand(1);
  struct Args {
    std::string model = "emoji", out;
    uint64_t seed = 0, seed_a = 0, seed_b = 1;
    int count = 1, frames = 48, columns = 0, scale = 1;
    double truncation = 0.0, fps = 24.0;
  };
  auto a = std::make_shared<Args>();

  g->add_subcommand("list", "List the installed generators")->callback([&globals] {
    configure(globals);
    for (const fs::path& p : gan::find_gans()) {
      auto gen = gan::Gan::load(p);
      std::printf("%-16s %-44s %s\n", gen.info().name.c_str(), gen.info().architecture.c_str(), p.c_str());
    }
  });

  auto* s = g->add_subcommand("sample", "Generate G(z) for z drawn from a seed (several: a grid)");
  s->add_option("--model", a->model, "A generator's name (gan list) or path");
  s->add_option("--seed", a->seed, "Seed of z; with --count N, seeds S..S+N-1");
  s->add_option("--count", a->count, "Samples; more than one are written as a grid")->check(CLI::Range(1, 1024));
  s->add_option("--columns", a->columns, "Grid columns (default: square)");
  s->add_option("--truncation", a->truncation, "Redraw z components beyond +-T (0: off)")->check(CLI::Range(0.0, 10.0));
  s->add_option("--scale", a->scale, "Enlarge by this factor (nearest neighbour)")->check(CLI::Range(1, 32));
  s->add_option("--out", a->out, "The image file (.png, .jpg, .webp)")->required();
  s->callback([a, &globals] {
    configure(globals);
    gan::Gan gen = load_generator(a->model);
    std::vector<gan::Latent> zs;
    for (int i = 0; i < a->count; ++i) zs.push_back(gen.latent(a->seed + uint64_t(i), a->truncation));
    auto images = gen.generate(zs);
    int columns = a->columns > 0 ? a->columns : int(std::ceil(std::sqrt(double(a->count))));
    Image out = a->count == 1 ? images.front() : gan::make_grid(images, columns);
    if (a->scale > 1) {
      Image big{out.width * a->scale, out.height * a->scale, 3, {}};
      big.pixels.resize(size_t(big.width) * size_t(big.height) * 3);
      for (int y = 0; y < big.height; ++y)
        for (int x = 0; x < big.width; ++x)
          for (int c = 0; c < 3; ++c)
            big.pixels[(size_t(y) * size_t(big.width) + size_t(x)) * 3 + size_t(c)] =
                out.pixels[(size_t(y / a->scale) * size_t(out.width) + size_t(x / a->scale)) * 3 + size_t(c)];
      out = std::move(big);
    }
    write_image(a->out, out);
    std::printf("%s: %d sample%s of %s, seed %llu%s\n", a->out.c_str(), a->count, a->count == 1 ? "" : "s", gen.info().name.c_str(),
                static_cast<unsigned long long>(a->seed), a->truncation > 0 ? (", truncation " + std::to_string(a->truncation)).c_str() : "");
  });

  auto* it = g->add_subcommand("interpolate", "The spherical path between two seeds' z, as an animation");
  it->add_option("--model", a->model, "A generator's name (gan list) or path");
  it->add_option("--seed-a", a->seed_a, "Seed of the first z");
  it->add_option("--seed-b", a->seed_b, "Seed of the last z");
  it->add_option("--frames", a->frames, "Frames, both ends included")->check(CLI::Range(2, 10000));
  it->add_option("--fps", a->fps, "Frames per second")->check(CLI::Range(1.0, 120.0));
  it->add_option("--truncation", a->truncation, "Redraw z components beyond +-T (0: off)")->check(CLI::Range(0.0, 10.0));
  it->add_option("--scale", a->scale, "Enlarge by this factor (nearest neighbour)")->check(CLI::Range(1, 32));
  it->add_option("--out", a->out, "The animation (.gif, .webp or .mp4)")->required();
  it->callback([a, &globals] {
    configure(globals);
    animation_format(a->out);  // a bad extension fails before any work
    gan::Gan gen = load_generator(a->model);
    auto frames = gen.interpolate(gen.latent(a->seed_a, a->truncation), gen.latent(a->seed_b, a->truncation), a->frames);
    AnimationOptions o;
    o.fps = a->fps;
    o.scale = a->scale;
    write_animation(a->out, frames, o);
    std::printf("%s: %d frames from seed %llu to seed %llu\n", a->out.c_str(), a->frames, static_cast<unsigned long long>(a->seed_a),
                static_cast<unsigned long long>(a->seed_b));
  });
}

void add_train_gan_command(CLI::App& train, Globals& globals) {
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
  c->callback([o, &globals] {
    RuntimeInfo rt = configure(globals);
    o->device = rt.device.name;
    std::signal(SIGINT, on_gan_signal);
    std::signal(SIGTERM, on_gan_signal);
    train::train_gan(
        *o,
        [pace = Pace()](const train::GanTrainProgress& p) mutable {
          std::fprintf(stderr, "\rstep %lld/%lld  %s  loss D %.3f  G %.3f  D(x) %.2f  D(G(z)) %.2f  %.0f s   ",
                       static_cast<long long>(p.step), static_cast<long long>(p.steps), pace(p.step, p.steps, p.seconds).c_str(), p.loss_d, p.loss_g, p.d_real, p.d_fake, p.seconds);
          if (p.step % 100 == 0) std::fprintf(stderr, "\n");
        },
        [] { return g_stop.load(); });
    std::fprintf(stderr, "\n%s\n", g_stop ? "stopped: checkpoint written; --resume goes on" : "done");
  });
}

void add_eval_gan_command(CLI::App& eval, Globals& globals) {
  struct Args {
    std::string model = "emoji", clip, data;
    int images = 500;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* c = eval.add_subcommand("gan", "Fréchet distance on CLIP image features: real vs samples, vs untrained, vs real");
  c->add_option("--model", a->model, "A generator's name or path");
  c->add_option("--clip", a->clip, "The CLIP whose features are compared (default: the default model)");
  c->add_option("--data", a->data, "emoji, shapes or fashion (default: the generator's own)");
  c->add_option("--images", a->images, "Images per set")->check(CLI::Range(16, 100000));
  c->add_flag("--json", a->json, "Print JSON");
  c->callback([a, &globals] {
    configure(globals);
    clip::Clip model = clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    gan::Gan gen = load_generator(a->model);
    auto q = train::eval_gan(model, gen, a->data, a->images);
    nlohmann::json out = {{"generator", gen.info().path}, {"clip", model.info().path}, {"dataset", q.dataset},
                          {"images", q.images},          {"fd_samples", q.fd_samples}, {"fd_untrained", q.fd_untrained},
                          {"fd_real", q.fd_real}};
    if (a->json) std::cout << out.dump(2) << '\n';
    else
      std::printf("Fréchet distance on CLIP features, %d images a side (%s):\n  samples    %.4f\n  untrained  %.4f\n  real/real  %.4f\n",
                  q.images, q.dataset.c_str(), q.fd_samples, q.fd_untrained, q.fd_real);
  });
}

}  // namespace atelier::cli
