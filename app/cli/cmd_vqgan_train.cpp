// clip-atelier-cli train vqgan | eval vqgan: the embedded mini-VQGAN's trainer and its evaluation.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli_common.h"
#include "runtime/error.h"
#include "gan/gan.h"
#include "io/image.h"
#include "train/vqgan_trainer.h"
#include "vqgan/vqgan.h"

namespace atelier::cli {

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_vqgan_signal(int) { g_stop = true; }

std::vector<int64_t> parse_mult(const std::string& s) {
  std::vector<int64_t> out;
  std::stringstream ss(s);
  for (std::string part; std::getline(ss, part, ',');) out.push_back(std::stoll(part));
  if (out.size() < 2) throw Error(ErrorKind::InvalidArgument, "--ch-mult takes at least two levels, e.g. 1,2,2,4");
  return out;
}
}  // namespace

void add_train_vqgan_command(CLI::App& train, Globals& globals) {
  auto o = std::make_shared<train::VqganTrainOptions>();
  auto mult = std::make_shared<std::string>("1,2,2,4");
  auto* c = train.add_subcommand("vqgan", "Train a mini-VQGAN (taming's architecture) on emoji, shapes or Fashion-MNIST (resumable; Ctrl+C checkpoints and stops)");
  c->add_option("--data", o->data, "Comma-separated: emoji, shapes, fashion");
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
  c->callback([o, mult, &globals] {
    RuntimeInfo rt = configure(globals);
    o->device = rt.device.name;
    o->ch_mult = parse_mult(*mult);
    std::signal(SIGINT, on_vqgan_signal);
    std::signal(SIGTERM, on_vqgan_signal);
    train::train_vqgan(
        *o,
        [pace = Pace()](const train::VqganTrainProgress& p) mutable {
          std::fprintf(stderr, "\rstep %lld/%lld  %s  L1 %.4f  perc %.4f  vq %.4f  G %.3f  D %.3f  codes used %.0f%%  %.0f s   ",
                       static_cast<long long>(p.step), static_cast<long long>(p.steps), pace(p.step, p.steps, p.seconds).c_str(), p.l1, p.perceptual, p.codebook, p.g_adv,
                       p.d_loss, 100 * p.usage, p.seconds);
          if (p.step % 100 == 0) std::fprintf(stderr, "\n");
        },
        [] { return g_stop.load(); });
    std::fprintf(stderr, "\n%s\n", g_stop ? "stopped: checkpoint written; --resume goes on" : "done");
  });
}

void add_eval_vqgan_command(CLI::App& eval, Globals& globals) {
  struct Args {
    std::string vqgan, config, data = "emoji,shapes", grid;
    int images = 256, size = 64;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* c = eval.add_subcommand("vqgan", "Reconstruction PSNR and codebook usage on held-out renders");
  c->add_option("--vqgan", a->vqgan, "The checkpoint (default: the installed VQGAN)");
  c->add_option("--config", a->config, "Its .yaml");
  c->add_option("--data", a->data, "Comma-separated: emoji, shapes, fashion");
  c->add_option("--images", a->images, "Held-out renders")->check(CLI::Range(1, 100000));
  c->add_option("--size", a->size, "Their side")->check(CLI::Range(8, 2048));
  c->add_option("--grid", a->grid, "Also write the first 8 held-out renders above their reconstructions to this PNG");
  c->add_flag("--json", a->json, "Print JSON");
  c->callback([a, &globals] {
    configure(globals);
    auto model = vqgan::Vqgan::load_or_find(a->vqgan, a->config);
    auto q = train::eval_vqgan(model, a->data, a->images, a->size);
    if (!a->grid.empty()) {
      std::vector<Image> originals = train::vqgan_holdout(a->data, std::min(8, a->images), a->size, 777), row;
      for (const Image& img : originals) row.push_back(model.reconstruct(img));
      originals.insert(originals.end(), row.begin(), row.end());
      write_image(a->grid, gan::make_grid(originals, int(row.size())));
    }
    nlohmann::json out = {{"vqgan", model.info().path}, {"data", a->data},      {"images", q.images},       {"size", q.size},
                          {"psnr_db", q.psnr},          {"psnr_min_db", q.psnr_min}, {"codes_used", q.codes_used}, {"codes", q.codes},
                          {"perplexity", q.perplexity}};
    if (a->json) std::cout << out.dump(2) << '\n';
    else
      std::printf("%d held-out renders at %d px (%s):\n  PSNR %.2f dB (worst image %.2f dB)\n  codes used %d of %d, perplexity %.1f\n", q.images,
                  q.size, a->data.c_str(), q.psnr, q.psnr_min, q.codes_used, q.codes, q.perplexity);
  });
}

}  // namespace atelier::cli
