// clip-atelier-cli gan list | sample | interpolate: the mini-GANs (DCGANs) and your own generators.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "gan/gan.h"
#include "io/animation.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/limits.h"

namespace atelier::cli {

namespace fs = std::filesystem;

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

void add_gan_command(CLI::App& app, Globals& globals) {
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
    check_image_out(a->out, "--out");
    gan::Gan gen = load_generator(a->model);
    // The grid make_grid lays out (2 px gaps), enlarged: bounded before anything is generated.
    {
      const int64_t S = gen.info().image_size, count = a->count;
      const int64_t columns = std::clamp<int64_t>(a->columns > 0 ? a->columns : int64_t(std::ceil(std::sqrt(double(count)))), 1, count);
      const int64_t rows = (count + columns - 1) / columns;
      const int64_t w = (count == 1 ? S : columns * S + (columns + 1) * 2) * a->scale, h = (count == 1 ? S : rows * S + (rows + 1) * 2) * a->scale;
      if (uint64_t(w) * uint64_t(h) > limits::kMaxOutputPixels || w > limits::kMaxImageSide || h > limits::kMaxImageSide)
        throw Error(ErrorKind::InvalidArgument,
                    std::to_string(count) + " sample" + (count == 1 ? "" : "s") + " of " + std::to_string(S) + " x " + std::to_string(S) +
                        " at --scale " + std::to_string(a->scale) + " make a " + std::to_string(w) + " x " + std::to_string(h) +
                        " image: the limit is " + std::to_string(limits::kMaxOutputPixels) + " pixels (" +
                        std::to_string(limits::kMaxOutputPixels >> 20) + " Mi) and " + std::to_string(limits::kMaxImageSide) +
                        " a side; use a smaller --count or --scale");
    }
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
    check_animation_out(a->out, "--out");  // a bad extension or folder fails before any work
    gan::Gan gen = load_generator(a->model);
    const int64_t side = gen.info().image_size * a->scale;
    if (uint64_t(side) * uint64_t(side) > limits::kMaxImagePixels)
      throw Error(ErrorKind::InvalidArgument, "frames of " + std::to_string(gen.info().image_size) + " pixels at --scale " + std::to_string(a->scale) +
                                                  " are " + std::to_string(side) + " x " + std::to_string(side) + ": a frame may have at most " +
                                                  std::to_string(limits::kMaxImagePixels) + " pixels");
    auto frames = gen.interpolate(gen.latent(a->seed_a, a->truncation), gen.latent(a->seed_b, a->truncation), a->frames);
    AnimationOptions o;
    o.fps = a->fps;
    o.scale = a->scale;
    write_animation(a->out, frames, o);
    std::printf("%s: %d frames from seed %llu to seed %llu\n", a->out.c_str(), a->frames, static_cast<unsigned long long>(a->seed_a),
                static_cast<unsigned long long>(a->seed_b));
  });
}

}  // namespace atelier::cli
