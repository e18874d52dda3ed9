// clip-atelier-cli bench clip | vqgan | draw | latency | generate: the engine's speed, one JSON line each.
#include <algorithm>
#include <chrono>
#include <future>
#include <thread>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "clip/bench.h"
#include "clip/clip.h"
#include "draw/clipdraw.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "runtime/error.h"
#include "runtime/limits.h"
#include "runtime/job.h"
#include "runtime/worker.h"
#include "vqgan/vqgan.h"

namespace atelier::cli {

namespace fs = std::filesystem;

namespace {

// Encoder throughput beside the machine's matmul rate.
void add_bench_clip(CLI::App& bench, Globals& globals) {
  struct Args {
    std::string clip, config;
    clip::ClipBenchOptions options;
  };
  auto a = std::make_shared<Args>();
  auto* c = bench.add_subcommand("clip", "CLIP encoders: images/s, texts/s, GFLOP/s and the matmul rate (JSON)");
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
                                          : clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    a->options.device = rt.device.name;
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
}

// The VQGAN decoder.
void add_bench_vqgan(CLI::App& bench, Globals& globals) {
  struct VqArgs {
    std::string config = "f16-16384", vqgan;
    int size = 256, repeats = 3;
    bool channels_last = false;
  };
  auto v = std::make_shared<VqArgs>();
  auto* vb = bench.add_subcommand("vqgan", "The VQGAN decoder: forward and forward+backward milliseconds per image (JSON)");
  auto* vpath = vb->add_option("--vqgan", v->vqgan, "A checkpoint instead of random weights");
  vb->add_option("--config", v->config, "Random weights of f16-16384 or f16-1024")->excludes(vpath)->check(CLI::IsMember({"f16-16384", "f16-1024"}));
  vb->add_option("--size", v->size, "Image side in pixels")->check(CLI::Range(16, 4096));
  vb->add_option("--repeats", v->repeats, "Timed runs")->check(CLI::Range(1, 1000));
  vb->add_flag("--channels-last", v->channels_last, "Channels-last memory format");
  vb->callback([v, &globals] {
    RuntimeInfo rt = configure(globals);
    const auto b = vqgan::bench_vqgan(v->vqgan.empty() ? v->config : v->vqgan, v->size, v->repeats, v->channels_last, rt.device.name);
    std::cout << nlohmann::json{{"model", b.model},           {"size", b.size},
                                {"threads", rt.threads},       {"device", rt.device.name},
                                {"channels_last", b.channels_last}, {"decode_ms", b.decode_ms},
                                {"decode_backward_ms", b.decode_backward_ms}}
                     .dump()
              << '\n';
  });
}

// The CLIPDraw rasteriser.
void add_bench_draw(CLI::App& bench, Globals& globals) {
  struct DrawArgs {
    int paths = 256, size = 224, repeats = 10;
    bool scaling = false;
  };
  auto d = std::make_shared<DrawArgs>();
  auto* dr = bench.add_subcommand("draw", "The CLIPDraw rasteriser: forward and forward+backward milliseconds (JSON)");
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

#ifdef ATELIER_WITH_OPENCV
// Seconds per guidance iteration (full build only, as load_generator).
void add_bench_generate(CLI::App& bench, Globals& globals) {
  struct Args {
    guide::GuideOptions o;
    std::string clip, vocab, vqgan, config, generator, size = "128x128";
  };
  auto a = std::make_shared<Args>();
  a->o.steps = 10;
  auto* c = bench.add_subcommand("generate", "Seconds per guidance iteration and time to the first frame at given settings (JSON)");
  c->add_option("--clip", a->clip, "A CLIP checkpoint, or vit-b-32, vit-b-16, vit-l-14 for random weights of those shapes (default: the default model)");
  c->add_option("--vocab", a->vocab, "With random CLIP weights: OpenAI's bpe_simple_vocab_16e6.txt.gz")->check(CLI::ExistingFile);
  c->add_option("--vqgan", a->vqgan, "A VQGAN checkpoint, or f16-16384 / f16-1024 for random weights (default: the installed VQGAN)");
  c->add_option("--config", a->config, "The VQGAN's .yaml");
  c->add_option("--generator", a->generator, "gan:NAME: time CLIP + GAN instead");
  c->add_option("--size", a->size, "WxH (VQGAN)");
  c->add_option("--steps", a->o.steps, "Timed iterations")->check(CLI::Range(2, 100000));
  c->add_option("--cutn", a->o.cutn, "Cutouts per iteration")->check(CLI::Range(1, 256));
  c->add_option("--prompt", a->o.prompts, "The prompt");
  c->add_flag("!--no-bf16", a->o.bf16, "CLIP in float32 even where the CPU has bfloat16 instructions");
  c->callback([a, &globals] {
    RuntimeInfo rt = configure(globals);
    const Size size = parse_size(a->size, "--size", limits::kMaxSizeOptionSide, limits::kMaxGuidePixels);
    a->o.width = size.width;
    a->o.height = size.height;
    const bool random_clip = a->clip == "vit-b-32" || a->clip == "vit-b-16" || a->clip == "vit-l-14";
    if (random_clip && a->vocab.empty()) throw Error(ErrorKind::InvalidArgument, "random CLIP weights need --vocab (OpenAI's bpe_simple_vocab_16e6.txt.gz)");
    clip::Clip model = random_clip ? clip::Clip::random(a->clip, 0, a->vocab)
                                   : clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    std::unique_ptr<gan::Gan> generator;
    std::unique_ptr<vqgan::Vqgan> vq;
    if (a->generator.rfind("gan:", 0) == 0) {
      generator = std::make_unique<gan::Gan>(load_generator(a->generator.substr(4)));
    } else if (a->vqgan == "f16-16384" || a->vqgan == "f16-1024") {
      vq = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::random(a->vqgan));
    } else {
      vq = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load_or_find(a->vqgan, a->config));
    }
    // Times from the call: the first frame (the starting image, shown before the first step) and
    // each step's end; seconds per iteration over all steps but the first (warm-up).
    using clock = std::chrono::steady_clock;
    std::vector<double> at_step;
    double first_frame = -1;
    const auto t0 = clock::now();
    JobCallbacks callbacks;
    callbacks.on_frame = [&](int64_t, Frame&&) {
      if (first_frame < 0) first_frame = std::chrono::duration<double>(clock::now() - t0).count();
    };
    callbacks.on_progress = [&](int64_t, const Progress&) { at_step.push_back(std::chrono::duration<double>(clock::now() - t0).count()); };
    auto control = std::make_shared<JobControl>(1);
    JobContext ctx(control, callbacks);
    a->o.frame_every = a->o.steps + 1;
    const auto r = vq ? guide::run_vqgan_guidance(model, *vq, a->o, &ctx) : guide::run_gan_guidance(model, *generator, a->o, &ctx);
    if (at_step.size() < 2) throw Error(ErrorKind::Internal, "the run reported fewer than two steps");
    const double per_it = (at_step.back() - at_step.front()) / double(at_step.size() - 1);
    nlohmann::json out = {{"clip", random_clip ? "random " + a->clip : model.info().path},
                          {"generator", vq ? vq->info().path : a->generator},
                          {"size", vq ? a->size : std::to_string(r.image.width) + "x" + std::to_string(r.image.height)},
                          {"cutn", a->o.cutn},
                          {"steps", int64_t(at_step.size())},
                          {"seconds_per_iteration", per_it},
                          {"first_step_seconds", at_step.front() - std::max(0.0, first_frame)},
                          {"first_frame_seconds", first_frame},
                          {"device", rt.device.name},
                          {"threads", rt.threads},
                          {"clip_bf16", a->o.bf16 && cpu_has_native_bf16() && rt.device.name == "cpu"}};
    std::cout << out.dump() << '\n';
  });
}
#endif

}  // namespace

// The CLIP tab's answer time while a CLIP + VQGAN run paints on the same worker, as the GUI
// does it: the run goes on, and every `interval` ms a prompt is scored against four images as a
// short task (submit to answer, as the tab waits for it). The same requests on an idle worker
// are the baseline, in the same run.
void add_bench_latency(CLI::App& bench, Globals& globals) {
  struct Args {
    int requests = 40, interval_ms = 150, size = 128, cutn = 16;
  };
  auto a = std::make_shared<Args>();
  auto* c = bench.add_subcommand("latency", "Scoring a prompt while CLIP + VQGAN runs: p50/p95 answer time (JSON)");
  c->add_option("--requests", a->requests, "Prompts scored in each phase")->check(CLI::Range(5, 10000));
  c->add_option("--interval-ms", a->interval_ms, "Pause between two prompts (typing)")->check(CLI::Range(0, 10000));
  c->add_option("--size", a->size, "The run's image size")->check(CLI::Range(16, 1024));
  c->add_option("--cutn", a->cutn, "The run's cutouts per step")->check(CLI::Range(1, 256));
  c->callback([a, &globals] {
    RuntimeInfo rt = configure(globals);
    Worker worker(rt.threads);
    // Four images to score against, as the tab's row holds; encoded once, then cached by content.
    std::vector<Image> images;
    for (int i = 0; i < 4; ++i) {
      Image im{224, 224, 3, std::vector<uint8_t>(224 * 224 * 3)};
      for (size_t k = 0; k < im.pixels.size(); ++k) im.pixels[k] = uint8_t((k * (i + 3) * 2654435761u) >> 24);
      images.push_back(std::move(im));
    }
    auto score = [&](int i) {
      std::promise<std::chrono::steady_clock::time_point> answered;
      auto future = answered.get_future();
      const auto asked = std::chrono::steady_clock::now();
      worker.submit_task("score", [&, i](JobContext& ctx) {
        auto clip = clip::shared_clip(ctx.models());
        const auto text = clip->encode_texts({"a red circle number " + std::to_string(i)});
        clip::softmax_rows(clip::cosine_matrix(text, clip->encode_images(images)), clip->info().logit_scale);
      }, {}, [&](const JobResult& r) {
        if (r.state == JobState::Failed) std::cerr << "bench latency: " << r.message << "\n";
        answered.set_value(std::chrono::steady_clock::now());
      });
      return std::chrono::duration<double, std::milli>(future.get() - asked).count();
    };
    auto percentile = [](std::vector<double> v, double q) {
      std::sort(v.begin(), v.end());
      return v[std::min(v.size() - 1, size_t(q * double(v.size())))];
    };
    auto phase = [&] {
      std::vector<double> ms;
      for (int i = 0; i < a->requests; ++i) {
        ms.push_back(score(i));
        std::this_thread::sleep_for(std::chrono::milliseconds(a->interval_ms));
      }
      return ms;
    };
    score(-1);  // loads the CLIP and encodes the images: not timed
    const std::vector<double> idle = phase();

    guide::GuideOptions o;
    o.steps = 1000000;
    o.width = o.height = a->size;
    o.cutn = a->cutn;
    std::atomic<int64_t> step{0};
    std::vector<double> step_seconds;
    std::mutex step_mutex;
    JobCallbacks callbacks;
    callbacks.on_progress = [&](int64_t, const Progress& p) {
      std::lock_guard lock(step_mutex);
      step_seconds.push_back(p.seconds);
      step = p.step;
    };
    std::promise<JobResult> ended;
    JobHandle run = worker.submit("CLIP + VQGAN", [o](JobContext& ctx) {
      auto clip = clip::shared_clip(ctx.models());
      auto vq = vqgan::shared_vqgan(ctx.models());
      guide::run_vqgan_guidance(*clip, *vq, o, &ctx);
    }, callbacks, [&](const JobResult& r) { ended.set_value(r); });
    auto end = ended.get_future();
    while (step < 3 && end.wait_for(std::chrono::milliseconds(10)) != std::future_status::ready) {
    }
    if (end.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
      throw Error(ErrorKind::Internal, "the CLIP + VQGAN run ended before the benchmark: " + end.get().message);
    const int64_t first = step;
    const std::vector<double> busy = phase();
    const int64_t steps_during = step - first;
    run.cancel();
    const JobResult r = end.get();
    double step_ms = 0;
    {
      std::lock_guard lock(step_mutex);
      if (step_seconds.size() > 4) step_ms = 1000.0 * (step_seconds.back() - step_seconds[3]) / double(step_seconds.size() - 4);
    }
    nlohmann::json out = {
        {"requests", a->requests},
        {"interval_ms", a->interval_ms},
        {"run", {{"size", a->size}, {"cutn", a->cutn}, {"step_ms", step_ms}, {"steps_during", steps_during},
                 {"state", to_string(r.state)}}},
        {"idle_p50_ms", percentile(idle, 0.5)},
        {"idle_p95_ms", percentile(idle, 0.95)},
        {"p50_ms", percentile(busy, 0.5)},
        {"p95_ms", percentile(busy, 0.95)},
        {"max_ms", percentile(busy, 1.0)},
        {"threads", rt.threads},
        {"blas", rt.blas.name},
    };
    std::cout << out.dump() << std::endl;
  });
}

void add_bench_command(CLI::App& app, Globals& globals) {
  auto* bench = app.add_subcommand("bench", "Measure the engine's speed");
  bench->require_subcommand(1);
  add_bench_clip(*bench, globals);
  add_bench_vqgan(*bench, globals);
  add_bench_draw(*bench, globals);
  add_bench_latency(*bench, globals);
#ifdef ATELIER_WITH_OPENCV
  add_bench_generate(*bench, globals);
  add_bench_library(*bench, globals);
#endif
}

}  // namespace atelier::cli
