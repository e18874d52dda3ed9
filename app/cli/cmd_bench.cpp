// clip-atelier-cli bench clip: encoder throughput beside the machine's matmul rate, one JSON line.
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "clip/bench.h"
#include "draw/clipdraw.h"
#include "vqgan/vqgan.h"
#include "runtime/error.h"

namespace atelier::cli {

std::filesystem::path default_clip();  // cmd_clip.cpp

void add_bench_commands(CLI::App& app, Globals& globals) {
  auto* bench = app.add_subcommand("bench", "Measure the engine's speed");
  bench->require_subcommand(1);
  struct Args {
    std::string clip, config;
    clip::ClipBenchOptions options;
  };
  auto a = std::make_shared<Args>();
  auto* c = bench->add_subcommand("clip", "CLIP encoders: images/s, texts/s, GFLOP/s and the matmul rate (JSON)");
  auto* path = c->add_option("--clip", a->clip, "A CLIP checkpoint");
  c->add_option("--config", a->config, "Random weights of a configuration: vit-b-32, vit-b-16, vit-l-14")
      ->excludes(path)
      ->check(CLI::IsMember({"vit-b-32", "vit-b-16", "vit-l-14"}));
  c->add_option("--batch", a->options.batch, "Images (and texts) per batch")->check(CLI::Range(1, 4096));
  c->add_option("--repeats", a->options.repeats, "Timed batches")->check(CLI::Range(1, 1000));
  c->add_option("--precision", a->options.precision, "fp32, bf16 or fp16")->check(CLI::IsMember({"fp32", "bf16", "fp16"}));
  c->add_flag("--grad", a->options.grad, "Time the image encoder forward and backward to the pixels");
  c->callback([a, &globals] {
    RuntimeInfo rt = configure(globals);
    clip::Clip model = !a->config.empty() ? clip::Clip::random(a->config)
                                          : clip::Clip::load(a->clip.empty() ? default_clip() : std::filesystem::path(a->clip));
    clip::ClipBenchResult r = clip::bench_clip(model, a->options);
    nlohmann::json out = {
        {"model", model.info().path == "(random weights)" ? a->config : model.info().path},
        {"architecture", model.info().architecture},
        {"precision", a->options.precision},
        {"grad", a->options.grad},
        {"batch", a->options.batch},
        {"threads", rt.threads},
        {"device", rt.device.name},
        {"blas", rt.blas.name},
        {"images_per_s", r.images_per_s},
        {"texts_per_s", r.texts_per_s},
        {"image_gflop", r.image_gflop},
        {"text_gflop", r.text_gflop},
        {"achieved_gflops", r.achieved_gflops},
        {"matmul_gflops", r.matmul_gflops},
        {"fraction_of_matmul", r.achieved_gflops / r.matmul_gflops},
        {"min_cosine_to_fp32", r.cosine_to_fp32},
    };
    std::cout << out.dump() << '\n';
  });

  struct VqArgs {
    std::string config = "f16-16384", vqgan;
    int size = 256, repeats = 3;
    bool channels_last = false;
  };
  auto v = std::make_shared<VqArgs>();
  auto* vb = bench->add_subcommand("vqgan", "The VQGAN decoder: forward and forward+backward milliseconds per image (JSON)");
  auto* vpath = vb->add_option("--vqgan", v->vqgan, "A checkpoint instead of random weights");
  vb->add_option("--config", v->config, "Random weights of f16-16384 or f16-1024")->excludes(vpath)->check(CLI::IsMember({"f16-16384", "f16-1024"}));
  vb->add_option("--size", v->size, "Image side in pixels")->check(CLI::Range(16, 4096));
  vb->add_option("--repeats", v->repeats, "Timed runs")->check(CLI::Range(1, 1000));
  vb->add_flag("--channels-last", v->channels_last, "Channels-last memory format");
  vb->callback([v, &globals] {
    RuntimeInfo rt = configure(globals);
    const auto b = vqgan::bench_vqgan(v->vqgan.empty() ? v->config : v->vqgan, v->size, v->repeats, v->channels_last);
    std::cout << nlohmann::json{{"model", b.model},           {"size", b.size},
                                {"threads", rt.threads},       {"device", "cpu"},
                                {"channels_last", b.channels_last}, {"decode_ms", b.decode_ms},
                                {"decode_backward_ms", b.decode_backward_ms}}
                     .dump()
              << '\n';
  });

  struct DrawArgs {
    int paths = 256, size = 224, repeats = 10;
    bool scaling = false;
  };
  auto d = std::make_shared<DrawArgs>();
  auto* dr = bench->add_subcommand("draw", "The CLIPDraw rasteriser: forward and forward+backward milliseconds (JSON)");
  dr->add_option("--paths", d->paths, "Strokes")->check(CLI::Range(1, 100000));
  dr->add_option("--size", d->size, "Canvas side in pixels")->check(CLI::Range(16, 4096));
  dr->add_option("--repeats", d->repeats, "Timed renders")->check(CLI::Range(1, 1000));
  dr->add_flag("--scaling", d->scaling, "Also time 1/4, 1/2, 2x and 4x the paths, and half and double the size");
  dr->callback([d, &globals] {
    RuntimeInfo rt = configure(globals);
    auto row = [&](int paths, int size) {
      const draw::RasterBench b = draw::bench_raster(paths, size, d->repeats);
      return nlohmann::json{{"paths", b.paths},           {"size", b.size},       {"forward_ms", b.forward_ms},
                            {"forward_backward_ms", b.backward_ms}, {"visits", b.visits}};
    };
    nlohmann::json out = row(d->paths, d->size);
    out["threads"] = rt.threads;
    out["device"] = "cpu";
    out["strokes"] = "CLIPDraw's initial strokes (1-3 segments, 10% of the canvas) with widths of 1-8 px";
    if (d->scaling) {
      nlohmann::json table = nlohmann::json::array();
      for (int p : {d->paths / 4, d->paths / 2, d->paths * 2, d->paths * 4}) table.push_back(row(std::max(1, p), d->size));
      for (int s : {d->size / 2, d->size * 2}) table.push_back(row(d->paths, std::max(16, s)));
      out["scaling"] = table;
    }
    std::cout << out.dump() << '\n';
  });
}

}  // namespace atelier::cli
