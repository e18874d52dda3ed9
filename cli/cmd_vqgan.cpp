// clip-atelier-cli vqgan reconstruct | decode-random: a taming VQGAN from the command line.
#include <cstdio>
#include <memory>

#include "cli_common.h"
#include "io/image.h"
#include "runtime/error.h"
#include "vqgan/vqgan.h"

namespace atelier::cli {

void add_vqgan_command(CLI::App& app, Globals& globals) {
  auto* v = app.add_subcommand("vqgan", "A taming-transformers VQGAN: reconstruct images, decode random codes");
  v->require_subcommand(1);
  struct Args {
    std::string vqgan, config, in, out, size = "256x256";
    uint64_t seed = 0;
  };
  auto a = std::make_shared<Args>();
  auto model = [a] { return vqgan::Vqgan::load_or_find(a->vqgan, a->config); };
  auto* r = v->add_subcommand("reconstruct", "Encode, quantise and decode an image at its size rounded to the model's factor");
  r->add_option("--vqgan", a->vqgan, "The checkpoint (.ckpt or .safetensors; default: the installed VQGAN)");
  r->add_option("--config", a->config, "Its .yaml (else read from the tensors' shapes)");
  r->add_option("in", a->in, "The image")->required();
  r->add_option("out", a->out, "The reconstruction")->required();
  r->callback([a, model, &globals] {
    configure(globals);
    const Image in = read_image(a->in);
    auto m = model();
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
  d->callback([a, model, &globals] {
    configure(globals);
    int w = 0, h = 0;
    if (std::sscanf(a->size.c_str(), "%dx%d", &w, &h) != 2) throw Error(ErrorKind::InvalidArgument, "--size takes WxH, e.g. 256x256");
    auto m = model();
    write_image(a->out, m.decode_random(a->seed, w, h));
    std::printf("%s: %dx%d from seed %llu\n", a->out.c_str(), w, h, static_cast<unsigned long long>(a->seed));
  });
}

}  // namespace atelier::cli
