// clip-atelier-cli bench search | index: the Library's speed. search times one text query over an
// in-memory matrix of random embeddings beside the bare matrix-vector product; index times
// indexing a folder (renders of the shapes dataset written first, or --folder) beside `bench
// clip`'s encoder rate at the same batch and precision, in one run.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "cli_common.h"
#include "clip/bench.h"
#include "clip/clip.h"
#include "io/image.h"
#include "library/index.h"
#include "library/library.h"
#include "runtime/error.h"
#include "train/datasets.h"

namespace atelier::cli {

namespace fs = std::filesystem;

namespace {

void add_bench_search(CLI::App& bench, Globals& globals) {
  struct Args {
    int64_t images = 100000, dim = 512;
    int top = 100, repeats = 20;
  };
  auto a = std::make_shared<Args>();
  auto* c = bench.add_subcommand("search", "A Library text search over N embeddings: milliseconds, beside the bare matrix-vector product (JSON)");
  c->add_option("--images", a->images, "Embeddings searched")->check(CLI::Range(int64_t(1), int64_t(20000000)));
  c->add_option("--dim", a->dim, "Values per embedding (512 for ViT-B, 768 for ViT-L)")->check(CLI::Range(int64_t(1), int64_t(8192)));
  c->add_option("--top", a->top, "Hits returned")->check(CLI::Range(1, 1 << 20));
  c->add_option("--repeats", a->repeats, "Timed searches (the median is reported)")->check(CLI::Range(1, 10000));
  c->callback([a, &globals] {
    const RuntimeInfo rt = configure(globals);
    const library::SearchBench b = library::bench_search(a->images, a->dim, a->top, a->repeats);
    std::cout << nlohmann::json{{"images", b.images},
                                {"dim", b.dim},
                                {"top", b.top_k},
                                {"repeats", b.repeats},
                                {"threads", rt.threads},
                                {"search_ms", b.search_ms},
                                {"matvec_ms", b.matvec_ms},
                                {"search_over_matvec", b.search_ms / b.matvec_ms},
                                {"gb_per_s", b.bytes_per_second / 1e9},
                                {"memory_mb", double(b.images) * double(b.dim) * 4.0 / 1e6}}
                     .dump()
              << '\n';
  });
}

void add_bench_index(CLI::App& bench, Globals& globals) {
  struct Args {
    std::string clip, config, folder, precision = "fp32";
    int images = 2000, size = 224, batch = 32;
  };
  auto a = std::make_shared<Args>();
  auto* c = bench.add_subcommand("index", "Library indexing images/s beside `bench clip` images/s at the same batch and precision (JSON)");
  auto* path = c->add_option("--clip", a->clip, "A CLIP checkpoint (default: the default model)");
  c->add_option("--config", a->config, "Random weights of a configuration instead: vit-b-32, vit-b-16, vit-l-14")
      ->excludes(path)
      ->check(CLI::IsMember({"vit-b-32", "vit-b-16", "vit-l-14"}));
  c->add_option("--folder", a->folder, "Index this folder (default: --images renders of the shapes dataset, written first)")
      ->check(CLI::ExistingDirectory);
  c->add_option("--images", a->images, "Renders to write when no --folder")->check(CLI::Range(1, 1000000));
  c->add_option("--size", a->size, "The renders' side in pixels")->check(CLI::Range(16, 2048));
  c->add_option("--batch", a->batch, "Images per batch, for both")->check(CLI::Range(1, 4096));
  c->add_option("--precision", a->precision, "fp32, bf16 or fp16")->check(CLI::IsMember({"fp32", "bf16", "fp16"}));
  c->callback([a, &globals] {
    const RuntimeInfo rt = configure(globals);
    clip::Clip model = !a->config.empty() ? clip::Clip::random(a->config) : clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    model.to(rt.device.name, a->precision == "bf16"   ? clip::Precision::BFloat16
                             : a->precision == "fp16" ? clip::Precision::Half
                                                      : clip::Precision::Float32);
    const fs::path scratch = fs::temp_directory_path() / ("clip-atelier-bench-index-" + std::to_string(::getpid()));
    struct Cleanup {
      fs::path dir;
      ~Cleanup() {
        std::error_code ec;
        fs::remove_all(dir, ec);
      }
    } cleanup{scratch};
    fs::create_directories(scratch / "images");
    fs::path folder = a->folder;
    if (folder.empty()) {
      folder = scratch / "images";
      train::ShapeOptions so;
      so.size = a->size;
      for (int i = 0; i < a->images; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "%06d.png", i);
        write_image(folder / name, train::render_shapes(11, uint64_t(i), so).image);
        if (i % 100 == 99 || i + 1 == a->images) std::fprintf(stderr, "\rwriting renders: %d of %d   ", i + 1, a->images);
      }
      std::fprintf(stderr, "\n");
    }
    // The encoder's rate before and after the index run: their mean is the baseline, and their
    // spread says how steady the machine was.
    clip::ClipBenchOptions o;
    o.batch = a->batch;
    o.precision = a->precision;
    o.repeats = 5;
    const double before = clip::bench_clip(model, o).images_per_s;
    const library::IndexStats s = library::index_folders({folder}, model, "bench", scratch / "bench.sqlite", {}, {}, {a->batch});
    const double after = clip::bench_clip(model, o).images_per_s;
    const double baseline = (before + after) / 2;
    std::cout << nlohmann::json{{"model", a->config.empty() ? model.info().path : a->config},
                                {"architecture", model.info().architecture},
                                {"images", s.found},
                                {"encoded", s.encoded},
                                {"skipped", s.skipped.size()},
                                {"batch", a->batch},
                                {"precision", a->precision},
                                {"threads", rt.threads},
                                {"index_images_per_s", s.images_per_second},
                                {"index_seconds", s.seconds},
                                {"index_feed", s.overlapped ? "overlapped" : "in turn"},
                                {"bench_clip_images_per_s_before", before},
                                {"bench_clip_images_per_s_after", after},
                                {"index_over_bench_clip", s.images_per_second / baseline}}
                     .dump()
              << '\n';
  });
}

}  // namespace

void add_bench_library(CLI::App& bench, Globals& globals) {
  add_bench_search(bench, globals);
  add_bench_index(bench, globals);
}

}  // namespace atelier::cli
