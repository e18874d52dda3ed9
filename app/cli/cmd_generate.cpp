// clip-atelier-cli generate: CLIP-guided generation (CLIP + GAN or CLIP + VQGAN), with a progress line, the final PNG and optionally frames and an animation.
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>

#include "cli_common.h"
#include "clip/clip.h"
#include "gan/gan.h"
#include "guide/guide.h"
#include "io/animation.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/job.h"
#include "vqgan/vqgan.h"
#include "runtime/runtime_info.h"

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

namespace atelier::cli {

namespace fs = std::filesystem;

fs::path default_clip();                         // cmd_clip.cpp
gan::Gan load_generator(const std::string& name);  // cmd_gan.cpp

namespace {
std::atomic<bool> g_stop{false};
extern "C" void on_generate_signal(int) { g_stop = true; }
}  // namespace

void add_generate_command(CLI::App& app, Globals& globals) {
  struct Args {
    guide::GuideOptions o;
    std::vector<std::string> prompts;
    std::string clip, vqgan, config, generator, out, video, frames, size = "128x128";
    int save_every = 5;
    double fps = 24;
  };
  auto a = std::make_shared<Args>();
  auto* c = app.add_subcommand("generate", "Steer a generator's latent with CLIP until the image matches the prompts");
  c->add_option("--prompt", a->prompts, "A prompt, or several as \"text:weight:stop | ...\" (negative weights push away)")->required();
  c->add_option("--image-prompt", a->o.image_prompts, "An image whose CLIP embedding is a target too (repeatable)");
  c->add_option("--generator", a->generator, "gan:NAME (a generator from `gan list`): CLIP + GAN instead of CLIP + VQGAN");
  c->add_option("--vqgan", a->vqgan, "A taming VQGAN checkpoint (default: the installed VQGAN, e.g. the shipped mini-VQGAN)");
  c->add_option("--config", a->config, "The VQGAN's .yaml (else read from the tensors' shapes)");
  c->add_option("--size", a->size, "WxH for CLIP + VQGAN (multiples of the VQGAN's factor)");
  c->add_option("--init", a->o.init_image, "CLIP + VQGAN: start from this image's codes");
  c->add_option("--init-weight", a->o.init_weight, "CLIP + VQGAN: pull towards the init image's latent");
  c->add_option("--clip", a->clip, "A CLIP checkpoint (default: the default model)");
  c->add_option("--steps", a->o.steps, "Optimisation steps")->check(CLI::Range(1, 1000000));
  c->add_option("--cutn", a->o.cutn, "Cutouts per step")->check(CLI::Range(1, 256));
  c->add_option("--cut-pow", a->o.cut_pow, "Cutout size bias (1: uniform)")->check(CLI::Range(0.1, 10.0));
  c->add_option("--lr", a->o.lr, "Learning rate")->check(CLI::Range(1e-6, 100.0));
  c->add_option("--optimiser,--optimizer", a->o.optimiser, "adam, adamw, adagrad or rmsprop")
      ->check(CLI::IsMember({"adam", "adamw", "adagrad", "rmsprop"}));
  c->add_option("--seed", a->o.seed, "Seed of the start latent and the cutouts");
  c->add_flag("!--no-flips", a->o.flips, "No random flips of the cutouts");
  c->add_flag("!--no-bf16", a->o.bf16, "CLIP in float32 even where the CPU has bfloat16 instructions");
  c->add_flag("!--no-affine", a->o.affine, "No random rotation and shift of the cutouts");
  c->add_flag("!--no-noise", a->o.noise, "No noise on the cutouts");
  c->add_option("--save-every", a->save_every, "A frame every N steps (for --video and --frames)")->check(CLI::Range(1, 100000));
  c->add_option("--frames", a->frames, "A folder for the frames as numbered PNGs");
  c->add_option("--video", a->video, "The run as an animation (.mp4, .gif or .webp)");
  c->add_option("--fps", a->fps, "Frames per second of the animation")->check(CLI::Range(1.0, 120.0));
  c->add_option("--out", a->out, "The final image (.png)")->required();
  c->callback([a, &globals] {
    RuntimeInfo rt = configure(globals);
    if (!a->generator.empty() && a->generator.rfind("gan:", 0) != 0) throw Error(ErrorKind::InvalidArgument, "--generator takes gan:NAME (see `gan list`)");
    if (a->generator.empty() && a->vqgan.empty()) {
      // CLIP + VQGAN with the installed VQGAN; CLIP + GAN with the emoji GAN when there is none.
      const auto [ckpt, yaml] = vqgan::find_vqgan();
      if (ckpt.empty()) a->generator = "gan:emoji";
      else a->vqgan = ckpt.string(), a->config = a->config.empty() ? yaml.string() : a->config;
    }
    if (std::sscanf(a->size.c_str(), "%dx%d", &a->o.width, &a->o.height) != 2) throw Error(ErrorKind::InvalidArgument, "--size takes WxH");
    if (!a->video.empty()) animation_format(a->video);
    if (!a->frames.empty() && !fs::is_directory(a->frames)) throw Error(ErrorKind::NotFound, "no folder " + a->frames);
    std::string spec;
    for (const auto& p : a->prompts) spec += (spec.empty() ? "" : " | ") + p;
    a->o.prompts = spec;
    a->o.frame_every = a->save_every;
    clip::Clip model = clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    std::unique_ptr<gan::Gan> generator;
    std::unique_ptr<vqgan::Vqgan> vq;
    if (a->generator.empty()) vq = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(a->vqgan, a->config));
    else generator = std::make_unique<gan::Gan>(load_generator(a->generator.substr(4)));
    std::vector<Image> frames;
    JobCallbacks callbacks;
    callbacks.on_frame = [&](int64_t, Frame&& f) {
      Image img{f.width, f.height, 3, std::move(f.rgb)};
      if (!a->frames.empty()) {
        char name[32];
        std::snprintf(name, sizeof name, "frame_%06lld.png", static_cast<long long>(f.step));
        write_image(fs::path(a->frames) / name, img);
      }
      if (!a->video.empty()) frames.push_back(std::move(img));
    };
    callbacks.on_progress = [](int64_t, const Progress& p) {
      const double rate = p.seconds > 0 ? double(p.step) / p.seconds : 0;
      std::fprintf(stderr, "\rstep %lld/%lld  %.2f it/s  loss %.4f", static_cast<long long>(p.step), static_cast<long long>(p.steps), rate,
                   p.losses[0].second);
      for (size_t i = 1; i < p.losses.size(); ++i) std::fprintf(stderr, "  \"%s\" %.3f", p.losses[i].first.c_str(), p.losses[i].second);
      std::fprintf(stderr, "   ");
    };
    auto control = std::make_shared<JobControl>(1);
    JobContext ctx(control, callbacks);
    std::signal(SIGINT, on_generate_signal);
    std::signal(SIGTERM, on_generate_signal);
    std::atomic<bool> done{false};
    std::thread watcher([&] {
      while (!g_stop && !done) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      if (g_stop) control->cancel();
    });
    guide::GuideResult r;
    try {
      r = vq ? guide::run_vqgan_guidance(model, *vq, a->o, &ctx) : guide::run_gan_guidance(model, *generator, a->o, &ctx);  // Ctrl+C: so far
    } catch (...) {
      done = true;
      watcher.join();
      throw;
    }
    done = true;
    watcher.join();
    std::fprintf(stderr, "\n%s", r.stopped ? "stopped: writing the image so far\n" : "");
    write_image(a->out, r.image);
    std::printf("%s: %lld steps, loss %.4f\n", a->out.c_str(), static_cast<long long>(r.steps), r.loss);
    if (!a->video.empty()) {
      AnimationOptions o;
      o.fps = a->fps;
      o.scale = std::max(1, 256 / std::max(1, r.image.width));
      write_animation(a->video, frames, o);
      std::printf("%s: %zu frames\n", a->video.c_str(), frames.size());
    }
  });
}

void add_bench_generate_command(CLI::App& app, Globals& globals) {
  CLI::App* bench = app.get_subcommand("bench");
  struct Args {
    guide::GuideOptions o;
    std::string clip, vocab, vqgan, config, generator, size = "128x128";
  };
  auto a = std::make_shared<Args>();
  a->o.steps = 10;
  auto* c = bench->add_subcommand("generate", "Seconds per guidance iteration and time to the first frame at given settings (JSON)");
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
    if (std::sscanf(a->size.c_str(), "%dx%d", &a->o.width, &a->o.height) != 2) throw Error(ErrorKind::InvalidArgument, "--size takes WxH");
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

}  // namespace atelier::cli
