// clip-atelier-cli render shape | shapes | emoji | clipart: images of the training data written to files.
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
#include "train/clipart.h"
#include "train/datasets.h"

namespace atelier::cli {

namespace {

// count images of S x S pixels in a near-square grid with 2-pixel white gaps, refused beyond
// limits::kMaxOutputPixels before anything is rendered.
struct GridLayout {
  int cols = 1, rows = 1, size = 64;
  static constexpr int kGap = 2;
  GridLayout(int count, int S) : cols(int(std::ceil(std::sqrt(double(count))))), rows((count + cols - 1) / cols), size(S) {
    const uint64_t pixels = uint64_t(cols * S + (cols - 1) * kGap) * uint64_t(rows * S + (rows - 1) * kGap);
    if (pixels > limits::kMaxOutputPixels)
      throw Error(ErrorKind::InvalidArgument, std::to_string(count) + " samples of " + std::to_string(S) + " pixels make a grid of " +
                                                  std::to_string(pixels) + " pixels: the limit is " + std::to_string(limits::kMaxOutputPixels) +
                                                  "; use a smaller --count or --size");
  }
  Image blank() const {
    Image grid{cols * size + (cols - 1) * kGap, rows * size + (rows - 1) * kGap, 3, {}};
    grid.pixels.assign(size_t(grid.width) * size_t(grid.height) * 3, 255);
    return grid;
  }
  void place(Image& grid, int k, const Image& image) const {
    const int x0 = (k % cols) * (size + kGap), y0 = (k / cols) * (size + kGap);
    for (int y = 0; y < size; ++y)
      std::copy_n(image.pixels.begin() + ptrdiff_t(y) * size * 3, size * 3, grid.pixels.begin() + (ptrdiff_t(y0 + y) * grid.width + x0) * 3);
  }
};

}  // namespace

void add_render_command(CLI::App& app) {
  auto* render = app.add_subcommand("render", "Render images of the training data (shapes, emoji, clip art) to files");
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
    bool contrast = false, classic = false, strokes = false, parts = false;
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
  shs->add_flag("--strokes", bt->strokes, "Stroke images that are no shape instead (train clip --strokes): scribbles and arcs");
  shs->add_flag("--parts", bt->parts, "Part groups instead (train clip --parts): a shape, then four pieces of it that are not it");
  shs->callback([bt] {
    check_image_out(bt->out, "--out");
    const int S = bt->size;
    const GridLayout layout(bt->count, S);
    Image grid = layout.blank();
    for (int k = 0; k < bt->count; ++k) {
      train::ShapeOptions so{S};
      so.variety = !bt->classic;
      const uint64_t i = bt->first + uint64_t(k);
      const train::Sample s = bt->strokes    ? train::render_strokes(bt->seed, i, S)
                              : bt->parts    ? train::render_parts(bt->seed, i / train::kContrastGroup, int(i % train::kContrastGroup), S)
                              : bt->contrast ? train::render_contrast(bt->seed, i / train::kContrastGroup, int(i % train::kContrastGroup), so)
                                             : train::render_shapes(bt->seed, i, so);
      layout.place(grid, k, s.image);
      std::cout << bt->first + uint64_t(k) << '\t' << s.caption << '\n';
    }
    write_image(bt->out, grid);
  });
  struct ClipArtArgs {
    uint64_t seed = 1, first = 0;
    int count = 16, size = 64;
    std::string out;
    bool held_out = false;
  };
  auto ca = std::make_shared<ClipArtArgs>();
  auto* cas = render->add_subcommand("clipart", "Training samples of the clip art dataset (openclipart) as a grid, their drawings and captions printed");
  cas->add_option("--seed", ca->seed, "The run's seed");
  cas->add_option("--first", ca->first, "The first sample's index (with --held-out: the first held-out drawing's)");
  cas->add_option("--count", ca->count, "Samples")->check(CLI::Range(1, 1024));
  cas->add_option("--size", ca->size, "Pixels of each")->check(CLI::Range(16, 1024));
  cas->add_option("--out", ca->out, "The grid image")->required();
  cas->add_flag("--held-out", ca->held_out, "The held-out drawings instead (those eval clip --suite clipart uses), in order");
  cas->callback([ca] {
    check_image_out(ca->out, "--out");
    const GridLayout layout(ca->count, ca->size);
    const auto set = train::ClipArtSet::load();  // the drawings decoded as they are rendered
    const std::vector<size_t> held = ca->held_out ? set->split(true) : std::vector<size_t>{};
    Image grid = layout.blank();
    for (int k = 0; k < ca->count; ++k) {
      const uint64_t index = ca->first + uint64_t(k);
      size_t drawing = 0;
      train::Sample s;
      if (ca->held_out) {
        if (index >= held.size()) break;
        drawing = held[size_t(index)];
        try {
          s = set->render(drawing, ca->seed, drawing, ca->size, true);
        } catch (const Error& e) {
          std::cout << index << '\t' << set->entries()[drawing].file << "\t(not drawn: " << e.what() << ")\n";
          continue;
        }
      } else {
        s = set->sample(ca->seed, index, ca->size, &drawing);
      }
      layout.place(grid, k, s.image);
      std::cout << index << '\t' << set->entries()[drawing].file << '\t' << s.caption << '\n';
    }
    write_image(ca->out, grid);
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
