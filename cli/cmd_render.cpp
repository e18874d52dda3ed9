// clip-atelier-cli render shape | shapes | emoji: images of the training data (shapes, emoji) written to files.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "train/datasets.h"

namespace atelier::cli {

void add_render_command(CLI::App& app) {
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
    check_image_out(a->out, "--out");
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
    bool contrast = false, classic = false;
  };
  auto bt = std::make_shared<Batch>();
  auto* shs = render->add_subcommand("shapes", "Training samples of the shapes dataset as a grid, their captions printed");
  shs->add_option("--seed", bt->seed, "The run's seed");
  shs->add_option("--first", bt->first, "The first sample's index");
  shs->add_option("--count", bt->count, "Samples")->check(CLI::Range(1, 1024));
  shs->add_option("--size", bt->size, "Pixels of each")->check(CLI::Range(16, 1024));
  shs->add_option("--out", bt->out, "The grid image")->required();
  shs->add_flag("--contrast", bt->contrast, "Contrast groups instead (five in a row, alike but for one word)");
  shs->add_flag("--classic", bt->classic, "The classic shapes (train clip --classic-shapes)");
  shs->callback([bt] {
    check_image_out(bt->out, "--out");
    const int cols = int(std::ceil(std::sqrt(double(bt->count)))), rows = (bt->count + cols - 1) / cols, gap = 2, S = bt->size;
    const uint64_t grid_pixels = uint64_t(cols * S + (cols - 1) * gap) * uint64_t(rows * S + (rows - 1) * gap);
    if (grid_pixels > limits::kMaxOutputPixels)
      throw Error(ErrorKind::InvalidArgument, std::to_string(bt->count) + " samples of " + std::to_string(S) + " pixels make a grid of " +
                                                  std::to_string(grid_pixels) + " pixels: the limit is " + std::to_string(limits::kMaxOutputPixels) +
                                                  "; use a smaller --count or --size");
    Image grid{cols * S + (cols - 1) * gap, rows * S + (rows - 1) * gap, 3, {}};
    grid.pixels.assign(size_t(grid.width) * size_t(grid.height) * 3, 255);
    for (int k = 0; k < bt->count; ++k) {
      train::ShapeOptions so{S};
      so.variety = !bt->classic;
      const uint64_t i = bt->first + uint64_t(k);
      const train::Sample s = bt->contrast ? train::render_contrast(bt->seed, i / train::kContrastGroup, int(i % train::kContrastGroup), so)
                                           : train::render_shapes(bt->seed, i, so);
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
    check_image_out(a->out, "--out");
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

}  // namespace atelier::cli
