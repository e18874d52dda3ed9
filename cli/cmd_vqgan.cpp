// clip-atelier-cli vqgan reconstruct | decode-random: a taming VQGAN from the command line.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "cli_common.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "vqgan/vqgan.h"

namespace atelier::cli {

void add_vqgan_command(CLI::App& app, Globals& globals) {
  auto* v = app.add_subcommand("vqgan", "A taming-transformers VQGAN: reconstruct images, decode random codes");
  v->require_subcommand(1);
  struct Args {
    std::string vqgan, config, in, out, size = "256x256";
    uint64_t seed = 0;
    uint64_t max_pixels = limits::kMaxVqganPixels;
  };
  auto a = std::make_shared<Args>();
  auto model = [a] { return vqgan::Vqgan::load_or_find(a->vqgan, a->config); };
  auto* r = v->add_subcommand("reconstruct", "Encode, quantise and decode an image at its size rounded to the model's factor");
  r->add_option("--vqgan", a->vqgan, "The checkpoint (.ckpt or .safetensors; default: the installed VQGAN)");
  r->add_option("--config", a->config, "Its .yaml (else read from the tensors' shapes)");
  r->add_option("in", a->in, "The image")->required();
  r->add_option("out", a->out, "The reconstruction")->required();
  const std::string pixels_help = "Larger images are downscaled to at most this many pixels (default " + std::to_string(limits::kMaxVqganPixels) +
                                  ", 512 x 512: about 1 GB with the f16 models)";
  r->add_option("--max-pixels", a->max_pixels, pixels_help)->check(CLI::Range(uint64_t(64), uint64_t(limits::kMaxImagePixels)));
  r->callback([a, model, &globals] {
    configure(globals);
    check_image_out(a->out, "out");
    Image in = read_image(a->in);
    auto m = model();
    // Memory grows with the area (1024 x 768 took 2.1 GB with an f16 model), and with its square
    // where the model attends: larger inputs are reconstructed smaller.
    const uint64_t cap = std::min(a->max_pixels, uint64_t(m.max_pixels()));
    if (uint64_t(in.width) * uint64_t(in.height) > cap) {
      const double f = std::sqrt(double(cap) / (double(in.width) * double(in.height)));
      const int w = std::max(1, int(std::floor(in.width * f))), h = std::max(1, int(std::floor(in.height * f)));
      std::fprintf(stderr, "%s is %d x %d: downscaled to %d x %d (at most %llu pixels%s)\n", a->in.c_str(), in.width, in.height, w, h,
                   static_cast<unsigned long long>(cap),
                   cap < a->max_pixels ? ": this VQGAN's attention grows with the square of the area" : "; --max-pixels raises it");
      in = resize_image(in, w, h);
    }
    const Image out = m.reconstruct(in);
    write_image(a->out, out);
    std::printf("%s: %dx%d, %s\n", a->out.c_str(), out.width, out.height, m.info().architecture.c_str());
  });
  auto* d = v->add_subcommand("decode-random", "Decode codes drawn at random from the seed");
  d->add_option("--vqgan", a->vqgan, "The checkpoint (.ckpt or .safetensors; default: the installed VQGAN)");
  d->add_option("--config", a->config, "Its .yaml (else read from the tensors' shapes)");
  d->add_option("--seed", a->seed, "Seed of the codes");
  d->add_option("--size", a->size, "WxH, multiples of the model's factor");
  d->add_option("out", a->out, "The image")->required();
  d->add_option("--max-pixels", a->max_pixels, "The largest --size allowed, in pixels (default " + std::to_string(limits::kMaxVqganPixels) + ", 512 x 512)")
      ->check(CLI::Range(uint64_t(64), uint64_t(limits::kMaxImagePixels)));
  d->callback([a, model, &globals] {
    configure(globals);
    const Size size = parse_size(a->size, "--size", limits::kMaxSizeOptionSide, a->max_pixels);
    const int w = size.width, h = size.height;
    check_image_out(a->out, "out");
    auto m = model();
    write_image(a->out, m.decode_random(a->seed, w, h));
    std::printf("%s: %dx%d from seed %llu\n", a->out.c_str(), w, h, static_cast<unsigned long long>(a->seed));
  });
}

}  // namespace atelier::cli
