// clip-atelier-cli eval clip | gan | vqgan: the models measured on held-out data.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <tuple>
#include <vector>

#include "cli_common.h"
#include "clip/clip.h"
#include "gan/gan.h"
#include "io/image.h"
#include "train/clip_eval.h"
#include "train/eval_shapes.h"
#include "train/gan_eval.h"
#include "train/vqgan_trainer.h"
#include "vqgan/vqgan.h"

namespace atelier::cli {

namespace fs = std::filesystem;

namespace {

void add_eval_clip(CLI::App& eval, Globals& globals) {
  struct Args {
    std::string clip, suite = "all", grid;
    int n = 300;
    bool json = false;
  };
  auto e = std::make_shared<Args>();
  auto* ec = eval.add_subcommand("clip", "Zero-shot accuracy on held-out shapes and emoji, on shapes from an independent renderer, "
                                         "and on held-out clip art (category and title)");
  ec->add_option("--clip", e->clip, "A CLIP checkpoint or folder (default: the default model)");
  ec->add_option("--suite", e->suite,
                 "shapes, emoji, independent (shapes drawn by a renderer training never saw), clipart (the held-out drawings of "
                 "openclipart: Debian's openclipart-png and openclipart-svg) or all (clipart only where installed)")
      ->check(CLI::IsMember({"shapes", "emoji", "independent", "clipart", "all"}));
  ec->add_option("--images", e->n, "Images per shapes and independent metric")->check(CLI::Range(10, 100000));
  ec->add_option("--grid", e->grid, "Also write the independent suite's first 64 images (at the model's size) to this PNG");
  ec->add_flag("--json", e->json, "Print JSON");
  ec->callback([e, &globals] {
    configure(globals);
    if (!e->grid.empty()) check_image_out(e->grid, "--grid");
    clip::Clip model = clip::Clip::load(e->clip.empty() ? default_clip() : fs::path(e->clip));
    if (!e->grid.empty()) {
      std::vector<Image> images;
      for (int i = 0; i < std::min(64, e->n); ++i)
        images.push_back(train::render_independent(train::independent_shape(train::kIndependentSeed, uint64_t(i)), int(model.info().image_size)));
      write_image(e->grid, gan::make_grid(images, 8));
    }
    auto r = train::eval_clip(model, e->suite, e->n);
    nlohmann::json out = {{"model", model.info().path}, {"suite", e->suite}, {"metrics", r.metrics},
                          {"templates", r.templates}, {"images", r.counts},   {"candidates", r.candidates},
                          {"chance", r.chance},       {"skipped", r.skipped}};
    for (auto& [k, m] : r.confusion) out["confusion"][k] = {{"labels", m.labels}, {"counts", m.counts}};
    if (e->json) {
      std::cout << out.dump(2) << '\n';
      return;
    }
    for (auto& [k, v] : r.metrics) {
      std::printf("%-31s %6.2f%%   (%d images, \"%s\"", k.c_str(), 100 * v, r.counts[k], r.templates[k].c_str());
      if (r.candidates.count(k)) std::printf(", among %d, chance %.2f%%", r.candidates[k], 100 * r.chance[k]);
      std::printf(")\n");
    }
    for (const auto& why : r.skipped) std::fprintf(stderr, "not run: %s\n", why.c_str());
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

void add_eval_gan(CLI::App& eval, Globals& globals) {
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

void add_eval_vqgan(CLI::App& eval, Globals& globals) {
  struct Args {
    std::string vqgan, config, data = "emoji,shapes", grid;
    int images = 256, size = 64;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* c = eval.add_subcommand("vqgan", "Reconstruction PSNR and codebook usage on held-out renders");
  c->add_option("--vqgan", a->vqgan, "The checkpoint (default: the installed VQGAN)");
  c->add_option("--config", a->config, "Its .yaml");
  c->add_option("--data", a->data, "Comma-separated: emoji, shapes, clipart (its held-out drawings), fashion");
  c->add_option("--images", a->images, "Held-out renders")->check(CLI::Range(1, 100000));
  c->add_option("--size", a->size, "Their side")->check(CLI::Range(8, 2048));
  c->add_option("--grid", a->grid, "Also write the first 8 held-out renders above their reconstructions to this PNG");
  c->add_flag("--json", a->json, "Print JSON");
  c->callback([a, &globals] {
    configure(globals);
    if (!a->grid.empty()) check_image_out(a->grid, "--grid");
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

}  // namespace

void add_eval_command(CLI::App& app, Globals& globals) {
  auto* eval = app.add_subcommand("eval", "Evaluate models on held-out sets");
  eval->require_subcommand(1);
  add_eval_gan(*eval, globals);
  add_eval_vqgan(*eval, globals);
  add_eval_clip(*eval, globals);
}

}  // namespace atelier::cli
