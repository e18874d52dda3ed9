// clip-atelier-cli gan list | classes | sample | interpolate: the mini-GANs (DCGANs), your own
// generators, and BigGAN-deep (class-conditional: ImageNet's 1,000 classes, sampled at a truncation).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "gan/biggan.h"
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
  throw Error(ErrorKind::NotFound, "no generator named '" + name + "'" +
                                       (known.empty() ? std::string(": none is installed") : " (installed: " + known + ")"));
}

namespace {

// BigGAN-deep's truncation when --truncation is not given: the reference's README example.
constexpr double kBigGanTruncation = 0.4;
constexpr double kUnset = -1;  // --truncation not given: off (0) for a DCGAN, kBigGanTruncation for a BigGAN-deep

struct Args {
  std::string model = "emoji", out, z, klass, class_a, class_b, query;
  uint64_t seed = 0, seed_a = 0, seed_b = 1;
  int count = 0, frames = 48, columns = 0, scale = 1;  // count 0: not given (1, or the rows of --z)
  double truncation = kUnset, fps = 24.0;
};

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The BigGAN-deep that --model names; empty when it names a DCGAN. A path counts when it is one, or
// looks meant as one (a folder with a pytorch_model.bin, a *pytorch_model.bin file: BigGan::load then
// says what is wrong with it); a name when gan list shows a BigGAN-deep of that name.
fs::path biggan_of(const std::string& model) {
  std::error_code ec;
  if (fs::exists(model, ec)) {
    const fs::path p(model);
    const bool looks =
        fs::is_directory(p, ec) ? fs::exists(p / "pytorch_model.bin", ec) : ends_with(p.filename().string(), "pytorch_model.bin");
    return looks || gan::is_biggan_folder(p) ? p : fs::path();
  }
  for (const fs::path& p : gan::find_biggans()) {
    try {
      if (gan::read_biggan_info(p).name == model) return p;
    } catch (const Error&) {
      // Changed since it was found: not this one.
    }
  }
  return {};
}

// The names of the BigGAN-deep models gan list shows, for messages.
std::string biggan_names() {
  std::string names;
  for (const fs::path& p : gan::find_biggans()) {
    try {
      names += (names.empty() ? "" : ", ") + gan::read_biggan_info(p).name;
    } catch (const Error&) {
      // Changed since it was found: left out.
    }
  }
  return names;
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// A DCGAN by name or path; when there is none, the BigGAN-deep names too (or how to get one).
gan::Gan load_dcgan(const std::string& model) {
  try {
    return load_generator(model);
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::NotFound) throw;
    const std::string names = biggan_names();
    const std::string hint = !names.empty() ? "; BigGAN-deep: " + names
                             : lower(model).rfind("biggan", 0) == 0
                                 ? "; clip-atelier-cli models fetch biggan-deep-128 gets a BigGAN-deep"
                                 : "";
    throw Error(ErrorKind::NotFound, e.what() + hint);
  }
}

// The image make_grid lays out (2 px gaps), enlarged: bounded before anything is generated.
void check_output_size(int64_t S, int64_t count, int columns_option, int scale) {
  const int64_t columns =
      std::clamp<int64_t>(columns_option > 0 ? columns_option : int64_t(std::ceil(std::sqrt(double(count)))), 1, count);
  const int64_t rows = (count + columns - 1) / columns;
  const int64_t w = (count == 1 ? S : columns * S + (columns + 1) * 2) * scale,
                h = (count == 1 ? S : rows * S + (rows + 1) * 2) * scale;
  if (uint64_t(w) * uint64_t(h) > limits::kMaxOutputPixels || w > limits::kMaxImageSide || h > limits::kMaxImageSide)
    throw Error(ErrorKind::InvalidArgument,
                std::to_string(count) + " sample" + (count == 1 ? "" : "s") + " of " + std::to_string(S) + " x " +
                    std::to_string(S) + " at --scale " + std::to_string(scale) + " make a " + std::to_string(w) + " x " +
                    std::to_string(h) + " image: the limit is " + std::to_string(limits::kMaxOutputPixels) + " pixels (" +
                    std::to_string(limits::kMaxOutputPixels >> 20) + " Mi) and " + std::to_string(limits::kMaxImageSide) +
                    " a side; use a smaller --count or --scale");
}

// One sample as it is, several as a grid (square unless --columns), enlarged by scale (nearest neighbour).
Image compose(const std::vector<Image>& images, int columns_option, int scale) {
  const int columns = columns_option > 0 ? columns_option : int(std::ceil(std::sqrt(double(images.size()))));
  Image out = images.size() == 1 ? images.front() : gan::make_grid(images, columns);
  if (scale > 1) {
    const size_t ch = size_t(out.channels);
    Image big{out.width * scale, out.height * scale, out.channels, {}};
    big.pixels.resize(size_t(big.width) * size_t(big.height) * ch);
    for (int y = 0; y < big.height; ++y)
      for (int x = 0; x < big.width; ++x)
        for (size_t c = 0; c < ch; ++c)
          big.pixels[(size_t(y) * size_t(big.width) + size_t(x)) * ch + c] =
              out.pixels[(size_t(y / scale) * size_t(out.width) + size_t(x / scale)) * ch + c];
    out = std::move(big);
  }
  return out;
}

// With --z the samples are its rows; a --count that says otherwise is a mistake.
void check_count(const Args& a, size_t rows) {
  if (a.count > 0 && size_t(a.count) != rows)
    throw Error(ErrorKind::InvalidArgument, "--count " + std::to_string(a.count) + ", but " + a.z + " holds " +
                                                std::to_string(rows) + " latent" + (rows == 1 ? "" : "s") +
                                                ": with --z, the samples are its rows");
}

double biggan_truncation(double given) {
  const double t = given == kUnset ? kBigGanTruncation : given;
  if (!(t > 0 && t <= 1))
    throw Error(ErrorKind::InvalidArgument,
                "--truncation " + number(t) +
                    ": a BigGAN-deep's truncation is above 0 and at most 1 (it scales z and picks the batch norm statistics)");
  return t;
}

// "class 207 (golden retriever)" for an ImageNet model, "class 3" otherwise.
std::string class_text(int64_t index, int64_t num_classes) {
  const std::string name = gan::biggan_class_name(index, num_classes);
  return name.rfind("class ", 0) == 0 ? name : "class " + std::to_string(index) + " (" + name + ")";
}

void sample_dcgan(const Args& a) {
  gan::Gan gen = load_dcgan(a.model);  // first: a name of no model is told as such
  if (!a.klass.empty())
    throw Error(ErrorKind::InvalidArgument,
                "--class is for BigGAN-deep models; '" + a.model + "' is a DCGAN, which has no classes");
  std::vector<gan::Latent> zs;
  if (!a.z.empty()) {
    if (a.truncation != kUnset)
      throw Error(ErrorKind::InvalidArgument, "--truncation redraws a DCGAN's z from the seed: with --z, z is taken as it is");
    zs = gan::read_latents_npy(a.z, gen.info().z_dim);
    check_count(a, zs.size());
  }
  const int count = zs.empty() ? std::max(a.count, 1) : int(zs.size());
  check_output_size(gen.info().image_size, count, a.columns, a.scale);
  const double t = a.truncation == kUnset ? 0.0 : a.truncation;
  if (zs.empty())
    for (int i = 0; i < count; ++i) zs.push_back(gen.latent(a.seed + uint64_t(i), t));
  write_image(a.out, compose(gen.generate(zs), a.columns, a.scale));
  const std::string from =
      a.z.empty() ? "seed " + std::to_string(a.seed) + (t > 0 ? ", truncation " + std::to_string(t) : "") : "z from " + a.z;
  std::printf("%s: %d sample%s of %s, %s\n", a.out.c_str(), count, count == 1 ? "" : "s", gen.info().name.c_str(), from.c_str());
}

void sample_biggan(const Args& a, const fs::path& path) {
  if (a.klass.empty())
    throw Error(ErrorKind::InvalidArgument,
                "a BigGAN-deep samples a class: give --class, a number or an ImageNet class name (clip-atelier-cli gan classes "
                "lists them)");
  const double t = biggan_truncation(a.truncation);
  const gan::BigGanInfo info = gan::read_biggan_info(path);  // the config alone: mistakes are told before the weights are read
  const int64_t cls = gan::find_biggan_class(a.klass, info.num_classes);
  std::vector<gan::Latent> zs;
  if (!a.z.empty()) {
    zs = gan::read_latents_npy(a.z, info.z_dim);
    check_count(a, zs.size());
  }
  const int count = zs.empty() ? std::max(a.count, 1) : int(zs.size());
  check_output_size(info.resolution, count, a.columns, a.scale);
  const gan::BigGan gen = gan::BigGan::load(path);
  if (zs.empty())
    for (int i = 0; i < count; ++i) zs.push_back(gen.latent(a.seed + uint64_t(i), t));
  write_image(a.out, compose(gen.generate(zs, std::vector<gan::ClassVector>{gen.one_hot(cls)}, t), a.columns, a.scale));
  const std::string from = a.z.empty() ? "seed " + std::to_string(a.seed) : "z from " + a.z;
  std::printf("%s: %d sample%s of %s, %s, %s, truncation %g\n", a.out.c_str(), count, count == 1 ? "" : "s", info.name.c_str(),
              class_text(cls, info.num_classes).c_str(), from.c_str(), t);
}

// Frames of side pixels, enlarged by scale: one frame within the image limit, all of them (held
// in memory before they are written) within the output limit.
void check_frames(int64_t side, int frames, int scale) {
  const int64_t big = side * scale;
  if (uint64_t(big) * uint64_t(big) > limits::kMaxImagePixels)
    throw Error(ErrorKind::InvalidArgument, "frames of " + std::to_string(side) + " pixels at --scale " + std::to_string(scale) +
                                                " are " + std::to_string(big) + " x " + std::to_string(big) +
                                                ": a frame may have at most " + std::to_string(limits::kMaxImagePixels) +
                                                " pixels");
  if (uint64_t(frames) * uint64_t(side) * uint64_t(side) > limits::kMaxOutputPixels)
    throw Error(ErrorKind::InvalidArgument, std::to_string(frames) + " frames of " + std::to_string(side) + " x " +
                                                std::to_string(side) + " are more than the " +
                                                std::to_string(limits::kMaxOutputPixels >> 20) +
                                                " Mi pixels one command writes: use fewer --frames");
}

void interpolate_dcgan(const Args& a) {
  gan::Gan gen = load_dcgan(a.model);
  if (!a.klass.empty() || !a.class_a.empty() || !a.class_b.empty())
    throw Error(ErrorKind::InvalidArgument,
                "--class, --class-a and --class-b are for BigGAN-deep models; '" + a.model + "' is a DCGAN");
  check_frames(gen.info().image_size, a.frames, a.scale);
  const double t = a.truncation == kUnset ? 0.0 : a.truncation;
  auto frames = gen.interpolate(gen.latent(a.seed_a, t), gen.latent(a.seed_b, t), a.frames);
  AnimationOptions o;
  o.fps = a.fps;
  o.scale = a.scale;
  write_animation(a.out, frames, o);
  std::printf("%s: %d frames from seed %llu to seed %llu\n", a.out.c_str(), a.frames, static_cast<unsigned long long>(a.seed_a),
              static_cast<unsigned long long>(a.seed_b));
}

// z along the great circle between the two seeds' z (as for a DCGAN), the class vector along the
// line between the two one-hots: mixtures of the two classes half-way.
void interpolate_biggan(const Args& a, const fs::path& path) {
  const std::string qa = !a.class_a.empty() ? a.class_a : a.klass;
  const std::string qb = !a.class_b.empty() ? a.class_b : !a.klass.empty() ? a.klass : qa;
  if (qa.empty())
    throw Error(
        ErrorKind::InvalidArgument,
        "a BigGAN-deep interpolation walks between classes: give --class-a and --class-b (or --class for one class throughout)");
  const double t = biggan_truncation(a.truncation);
  const gan::BigGanInfo info = gan::read_biggan_info(path);
  const int64_t ia = gan::find_biggan_class(qa, info.num_classes), ib = gan::find_biggan_class(qb, info.num_classes);
  check_frames(info.resolution, a.frames, a.scale);
  const gan::BigGan gen = gan::BigGan::load(path);
  const gan::Latent za = gen.latent(a.seed_a, t), zb = gen.latent(a.seed_b, t);
  const gan::ClassVector ca = gen.one_hot(ia), cb = gen.one_hot(ib);
  std::vector<gan::Latent> zs;
  std::vector<gan::ClassVector> cs;
  for (int i = 0; i < a.frames; ++i) {
    const double s = double(i) / double(a.frames - 1);
    zs.push_back(gan::slerp(za, zb, s));
    gan::ClassVector c(ca.size());
    for (size_t k = 0; k < c.size(); ++k) c[k] = float((1 - s) * ca[k] + s * cb[k]);
    cs.push_back(std::move(c));
  }
  AnimationOptions o;
  o.fps = a.fps;
  o.scale = a.scale;
  write_animation(a.out, gen.generate(zs, cs, t), o);
  std::printf("%s: %d frames of %s from seed %llu, %s to seed %llu, %s, truncation %g\n", a.out.c_str(), a.frames,
              info.name.c_str(), static_cast<unsigned long long>(a.seed_a), class_text(ia, info.num_classes).c_str(),
              static_cast<unsigned long long>(a.seed_b), class_text(ib, info.num_classes).c_str(), t);
}

}  // namespace

void add_gan_command(CLI::App& app, Globals& globals) {
  auto* g = app.add_subcommand("gan", "Sample and interpolate the generators (DCGAN mini-GANs, your own, BigGAN-deep)");
  g->require_subcommand(1);
  auto a = std::make_shared<Args>();

  g->add_subcommand("list", "List the installed generators")->callback([&globals] {
    configure(globals);
    for (const fs::path& p : gan::find_gans()) {
      auto gen = gan::Gan::load(p);
      std::printf("%-16s %-44s %s\n", gen.info().name.c_str(), gen.info().architecture.c_str(), p.c_str());
    }
    for (const fs::path& p : gan::find_biggans()) {
      try {
        const gan::BigGanInfo info = gan::read_biggan_info(p);
        const std::string what = "BigGAN-deep, " + std::to_string(info.resolution) + " px, " + std::to_string(info.num_classes) +
                                 " classes, z " + std::to_string(info.z_dim);
        std::printf("%-16s %-44s %s\n", info.name.c_str(), what.c_str(), p.c_str());
      } catch (const Error& e) {
        std::printf("%-16s %-44s %s\n", p.filename().c_str(), e.what(), p.c_str());
      }
    }
  });

  auto* c =
      g->add_subcommand("classes", "The ImageNet class names a BigGAN-deep's --class takes (all, or those containing QUERY)");
  c->add_option("query", a->query, "A class number or part of a name");
  c->callback([a] {
    const auto& names = gan::imagenet_classes();
    const std::string q = lower(a->query);
    int shown = 0;
    for (size_t i = 0; i < names.size(); ++i)
      if (q.empty() || q == std::to_string(i) || lower(names[i]).find(q) != std::string::npos) {
        std::printf("%4zu  %s\n", i, names[i].c_str());
        ++shown;
      }
    if (shown == 0) gan::find_imagenet_class(a->query);  // none: its message names near ones
  });

  auto* s = g->add_subcommand("sample", "Generate G(z) for z drawn from a seed or read from a .npy (several: a grid)");
  s->add_option("--model", a->model, "A generator's name (gan list) or path: a DCGAN, or a BigGAN-deep folder or weights file");
  auto* seed = s->add_option("--seed", a->seed, "Seed of z; with --count N, seeds S..S+N-1");
  s->add_option("--z", a->z, "z from a float32 .npy of shape [z] or [K, z] (numpy.save), one sample a row")->excludes(seed);
  s->add_option("--class", a->klass, "BigGAN-deep: the class, a number or an ImageNet name (gan classes lists them)");
  s->add_option("--count", a->count, "Samples; more than one are written as a grid")->check(CLI::Range(1, 1024));
  s->add_option("--columns", a->columns, "Grid columns (default: square)");
  s->add_option("--truncation", a->truncation,
                "DCGAN: redraw z components beyond +-T (default 0: off); BigGAN-deep: truncation in (0, 1] (default 0.4)")
      ->check(CLI::Range(0.0, 10.0));
  s->add_option("--scale", a->scale, "Enlarge by this factor (nearest neighbour)")->check(CLI::Range(1, 32));
  s->add_option("--out", a->out, "The image file (.png, .jpg, .webp)")->required();
  s->callback([a, &globals] {
    configure(globals);
    check_image_out(a->out, "--out");
    if (const fs::path big = biggan_of(a->model); !big.empty()) return sample_biggan(*a, big);
    sample_dcgan(*a);
  });

  auto* it =
      g->add_subcommand("interpolate", "The path between two seeds' z (and, for BigGAN-deep, two classes), as an animation");
  it->add_option("--model", a->model, "A generator's name (gan list) or path: a DCGAN, or a BigGAN-deep folder or weights file");
  it->add_option("--seed-a", a->seed_a, "Seed of the first z");
  it->add_option("--seed-b", a->seed_b, "Seed of the last z");
  it->add_option("--class-a", a->class_a, "BigGAN-deep: the first frame's class, a number or an ImageNet name");
  it->add_option("--class-b", a->class_b, "BigGAN-deep: the last frame's class (default: --class, else --class-a)");
  it->add_option("--class", a->klass, "BigGAN-deep: the class of both ends, where --class-a or --class-b is not given");
  it->add_option("--frames", a->frames, "Frames, both ends included")->check(CLI::Range(2, 10000));
  it->add_option("--fps", a->fps, "Frames per second")->check(CLI::Range(1.0, 120.0));
  it->add_option("--truncation", a->truncation,
                 "DCGAN: redraw z components beyond +-T (default 0: off); BigGAN-deep: truncation in (0, 1] (default 0.4)")
      ->check(CLI::Range(0.0, 10.0));
  it->add_option("--scale", a->scale, "Enlarge by this factor (nearest neighbour)")->check(CLI::Range(1, 32));
  it->add_option("--out", a->out, "The animation (.gif, .webp or .mp4)")->required();
  it->callback([a, &globals] {
    configure(globals);
    check_animation_out(a->out, "--out");  // a bad extension or folder fails before any work
    if (const fs::path big = biggan_of(a->model); !big.empty()) return interpolate_biggan(*a, big);
    interpolate_dcgan(*a);
  });
}

}  // namespace atelier::cli
