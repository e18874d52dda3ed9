// clip-atelier-cli generate: CLIP steers a GAN, BigGAN-deep (big-sleep) or a VQGAN to the prompts; writes the image, and
// frames or an animation.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "cli_common.h"
#include "clip/clip.h"
#include "gan/biggan.h"
#include "gan/gan.h"
#include "guide/constraints.h"
#include "guide/guide.h"
#include "guide/prompts.h"
#include "guide/schedule.h"
#include "io/animation.h"
#include "io/image.h"
#include "io/input_file.h"
#include "runtime/error.h"
#include "runtime/job.h"
#include "runtime/limits.h"
#include "runtime/parse.h"
#include "vqgan/vqgan.h"

namespace atelier::cli {

namespace fs = std::filesystem;

void add_generate_command(CLI::App& app, Globals& globals) {
  struct Args {
    guide::GuideOptions o;
    std::vector<std::string> prompts;
    std::string clip, vqgan, config, generator, out, video, frames, size = "128x128", cut_sizes = "auto", start_class, schedule;
    int save_every = 5;
    double fps = 24;
  };
  auto a = std::make_shared<Args>();
  auto* c = app.add_subcommand("generate", "Steer a generator's latent with CLIP until the image matches the prompts");
  auto* prompt =
      c->add_option("--prompt", a->prompts, "A prompt, or several as \"text:weight:stop | ...\" (negative weights push away)");
  c->add_option("--schedule", a->schedule,
                "Prompts over the steps instead of --prompt: a file, or the text itself, of keyframes \"STEP: prompts\" "
                "separated by ';' or new lines (\"0: a forest | fog:0.5; 150: a city\"); weights blend linearly between "
                "keyframes")
      ->type_name("FILE|TEXT")
      ->excludes(prompt);
  // Constraints: weighted terms on the whole image, for every generator (reported as terms).
  c->add_option("--symmetry", a->o.symmetry,
                "Weight of left/right mirror symmetry (mean squared difference with the flipped image)");
  c->add_option("--symmetry-vertical", a->o.symmetry_vertical, "Weight of top/bottom mirror symmetry");
  c->add_option("--smooth", a->o.smooth,
                "Weight of smoothness (total variation: mean absolute difference of neighbouring pixels)");
  c->add_option("--saturation", a->o.saturation,
                "Weight of saturation (1 - mean chroma): positive raises it, negative lowers it");
  auto* palette =
      c->add_option("--palette", a->o.palette, "Pull every pixel to its nearest colour of \"#rrggbb,#rrggbb,...\" (at most 64)");
  c->add_option("--palette-weight", a->o.palette_weight, "Weight of --palette (default 1)")->needs(palette);
  auto* border = c->add_option("--border", a->o.border, "A border of this colour (\"#rrggbb\"), a band of 4% of each side");
  c->add_option("--border-weight", a->o.border_weight, "Weight of --border (default 1)")->needs(border);
  auto* tile =
      c->add_flag("--tile", a->o.tile, "Seamless tiles: random wrap-around shifts before the cutouts, and the seam as a term");
  c->add_option("--tile-weight", a->o.tile_weight, "Weight of --tile's seam term (default 100; 0: the shifts only)")->needs(tile);
  c->add_option("--image-prompt", a->o.image_prompts, "An image whose CLIP embedding is a target too (repeatable)");
  c->add_option("--generator", a->generator,
                "gan:NAME (a generator from `gan list`): CLIP + GAN; biggan:PATH (a BigGAN-deep folder or its "
                "pytorch_model.bin): CLIP + BigGAN as big-sleep steers it. Default: CLIP + VQGAN");
  // CLIP + BigGAN only (refused with the others): big-sleep's class vector and extra terms.
  std::vector<CLI::Option*> biggan_only = {
      c->add_option("--class", a->start_class,
                    "CLIP + BigGAN: start on this class, a number or an ImageNet name (default: big-sleep's random start)"),
      c->add_option("--truncation", a->o.truncation, "CLIP + BigGAN: truncation in (0, 1] (default 1, as big-sleep)")
          ->check(CLI::Range(0.0, 1.0)),
      c->add_option("--max-classes", a->o.max_classes, "CLIP + BigGAN: big-sleep's top-k class vector of K classes (0: sigmoid)")
          ->check(CLI::Range(int64_t(0), int64_t(1000000))),
      c->add_option("--class-temperature", a->o.class_temperature, "CLIP + BigGAN: the top-k's softmax temperature")
          ->check(CLI::Range(1e-3, 1000.0)),
      c->add_option("--latent-weight", a->o.latent_loss_weight, "CLIP + BigGAN: weight of big-sleep's latent statistics term")
          ->check(CLI::Range(0.0, 1e6)),
      c->add_option("--class-weight", a->o.class_loss_weight, "CLIP + BigGAN: weight of big-sleep's class sparsity term")
          ->check(CLI::Range(0.0, 1e6))};
  c->add_option("--vqgan", a->vqgan, "A taming VQGAN checkpoint (default: the installed VQGAN, e.g. the shipped mini-VQGAN)");
  c->add_option("--config", a->config, "The VQGAN's .yaml (else read from the tensors' shapes)");
  c->add_option("--size", a->size, "WxH for CLIP + VQGAN (multiples of the VQGAN's factor)");
  c->add_option("--init", a->o.init_image, "CLIP + VQGAN: start from this image's codes");
  c->add_option("--init-weight", a->o.init_weight, "CLIP + VQGAN: pull towards the init image's latent");
  c->add_option("--clip", a->clip, "A CLIP checkpoint (default: the default model)");
  c->add_option("--steps", a->o.steps, "Optimisation steps")->check(CLI::Range(1, 1000000));
  c->add_option("--cutn", a->o.cutn, "Cutouts per step")->check(CLI::Range(1, 256));
  c->add_option("--cut-pow", a->o.cut_pow, "Cutout size bias (1: uniform)")->check(CLI::Range(0.1, 10.0));
  c->add_option("--cut-sizes", a->cut_sizes, "auto, vqgan-clip or big-sleep (auto: big-sleep's for BigGAN, else VQGAN-CLIP's)")
      ->check(CLI::IsMember({"auto", "vqgan-clip", "big-sleep"}));
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
  c->callback([a, &globals, biggan_only] {
    RuntimeInfo rt = configure(globals);
    const bool big = a->generator.rfind("biggan:", 0) == 0;
    if (!a->generator.empty() && !big && a->generator.rfind("gan:", 0) != 0)
      throw Error(ErrorKind::InvalidArgument, "--generator takes gan:NAME (see `gan list`) or biggan:PATH (a BigGAN-deep)");
    if (big && a->generator.size() == 7)
      throw Error(ErrorKind::InvalidArgument, "--generator biggan:PATH needs the BigGAN-deep's folder or weights file");
    for (const CLI::Option* opt : biggan_only)
      if (!big && opt->count() > 0) throw Error(ErrorKind::InvalidArgument, opt->get_name() + " is for --generator biggan:PATH");
    a->o.cut_sizes = a->cut_sizes == "big-sleep"    ? guide::CutSizes::BigSleep
                     : a->cut_sizes == "vqgan-clip" ? guide::CutSizes::VqganClip
                                                    : guide::CutSizes::Auto;
    if (a->generator.empty() && a->vqgan.empty()) {
      // CLIP + VQGAN with the installed VQGAN; CLIP + GAN with the emoji GAN when there is none.
      const auto [ckpt, yaml] = vqgan::find_vqgan();
      if (ckpt.empty()) a->generator = "gan:emoji";
      else a->vqgan = ckpt.string(), a->config = a->config.empty() ? yaml.string() : a->config;
    }
    const Size size = parse_size(a->size, "--size", limits::kMaxSizeOptionSide, limits::kMaxGuidePixels);
    a->o.width = size.width;
    a->o.height = size.height;
    // Every output is checked before the models load and the steps run.
    check_image_out(a->out, "--out");
    if (!a->video.empty()) check_animation_out(a->video, "--video");
    if (!a->frames.empty()) check_folder_out(a->frames, "--frames");
    // A prompt with no text, a weight of inf, a schedule or constraint that does not parse fail
    // now, before the models load.
    if (a->prompts.empty() && a->schedule.empty())
      throw Error(ErrorKind::InvalidArgument, "give the prompts: --prompt TEXT or --schedule FILE|TEXT");
    std::string spec;
    for (const auto& p : a->prompts) spec += (spec.empty() ? "" : " | ") + p;
    a->o.prompts = spec;
    if (a->schedule.empty()) {
      guide::parse_prompts(spec);
    } else {
      std::error_code ec;  // a text too long to be a path is no file either
      const bool file = fs::is_regular_file(a->schedule, ec) || fs::is_directory(a->schedule, ec);
      a->o.schedule = file ? read_regular_file(a->schedule, guide::kMaxScheduleBytes, "the schedule file") : a->schedule;
      try {
        guide::parse_schedule(a->o.schedule);
      } catch (const Error& e) {
        // Without a colon it was more likely meant as a file: say that there is none.
        if (file || a->schedule.find(':') != std::string::npos) throw;
        throw Error(e.kind(), "--schedule: there is no file '" + shown(a->schedule) + "', and as a schedule's text: " + e.what());
      }
    }
    guide::check_constraints(a->o);
    a->o.frame_every = a->save_every;
    // A BigGAN-deep first: a wrong path fails before CLIP loads.
    std::unique_ptr<gan::BigGan> biggan;
    if (big) {
      biggan = std::make_unique<gan::BigGan>(gan::BigGan::load(a->generator.substr(7)));
      const int64_t classes = biggan->info().num_classes;
      if (!a->start_class.empty() && a->start_class != "-1") a->o.biggan_class = gan::find_biggan_class(a->start_class, classes);
    }
    clip::Clip model = clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    std::unique_ptr<gan::Gan> generator;
    std::unique_ptr<vqgan::Vqgan> vq;
    if (a->generator.empty()) vq = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(a->vqgan, a->config));
    else if (!big) generator = std::make_unique<gan::Gan>(load_generator(a->generator.substr(4)));
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
      for (size_t i = 1; i < p.losses.size(); ++i) {
        const std::string& name = p.losses[i].first;  // a prompt's similarity, a term (unquoted), or the keyframe
        if (name == guide::kKeyframeName)
          std::fprintf(stderr, "  keyframe %d", int(p.losses[i].second));
        else if (name.rfind(guide::kTermPrefix, 0) == 0)
          std::fprintf(stderr, "  %s %.3f", name.c_str() + guide::kTermPrefix.size(), p.losses[i].second);
        else
          std::fprintf(stderr, "  \"%s\" %.3f", name.c_str(), p.losses[i].second);
      }
      std::fprintf(stderr, "   ");
    };
    auto control = std::make_shared<JobControl>(1);
    JobContext ctx(control, callbacks);
    // Ctrl+C stops the run and writes the image so far.
    run_in_foreground(
        [&](const StopRequested&) {
          const guide::GuideResult r = vq       ? guide::run_vqgan_guidance(model, *vq, a->o, &ctx)
                                       : biggan ? guide::run_biggan_guidance(model, *biggan, a->o, &ctx)
                                                : guide::run_gan_guidance(model, *generator, a->o, &ctx);
          std::fprintf(stderr, "\n%s", r.stopped ? "stopped: writing the image so far\n" : "");
          write_image(a->out, r.image);
          std::printf("%s: %lld steps, loss %.4f\n", a->out.c_str(), static_cast<long long>(r.steps), r.loss);
          if (!r.class_vector.empty()) {
            // BigGAN: the classes the image ended on, by weight (the largest three).
            std::vector<size_t> order(r.class_vector.size());
            for (size_t i = 0; i < order.size(); ++i) order[i] = i;
            const size_t top = std::min<size_t>(3, order.size());
            std::partial_sort(order.begin(), order.begin() + ptrdiff_t(top), order.end(),
                              [&](size_t x, size_t y) { return r.class_vector[x] > r.class_vector[y]; });
            std::printf("classes:");
            for (size_t i = 0; i < top; ++i) {
              // "class 3" for a model without ImageNet's names; "207 golden retriever" with them.
              const std::string name = gan::biggan_class_name(int64_t(order[i]), int64_t(r.class_vector.size()));
              const std::string shown = name.rfind("class ", 0) == 0 ? name : std::to_string(order[i]) + " " + name;
              std::printf("%s %s (%.3f)", i ? "," : "", shown.c_str(), double(r.class_vector[order[i]]));
            }
            std::printf("\n");
          }
          if (!a->video.empty()) {
            AnimationOptions o;
            o.fps = a->fps;
            o.scale = std::max(1, 256 / std::max(1, r.image.width));
            write_animation(a->video, frames, o);
            std::printf("%s: %zu frames\n", a->video.c_str(), frames.size());
          }
        },
        [&] { control->cancel(); });
  });
}

}  // namespace atelier::cli
