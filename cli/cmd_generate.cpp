// clip-atelier-cli generate: CLIP steers a GAN, BigGAN-deep (big-sleep) or a VQGAN to the prompts; writes the image, and
// frames or an animation. A batch (--seeds, --sweep; generate_batch.h) is the same run once per seed and value, the
// models loaded once, with a labelled grid of the results (--grid).
#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "cli_common.h"
#include "generate_art.h"
#include "generate_batch.h"
#include "clip/clip.h"
#include "gan/biggan.h"
#include "gan/gan.h"
#include "guide/constraints.h"
#include "guide/drawers.h"
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

namespace {

// Ctrl+C in a batch: the first asks to stop after the current run (run_in_foreground's on_stop
// calls this); from then on, until run_in_foreground restores the handlers, SIGINT and SIGTERM
// stop the current run too, which g_stop_now then says (generate checks it each step).
std::atomic<bool> g_stop_now{false};
static_assert(std::atomic<bool>::is_always_lock_free);
extern "C" void on_stop_now(int) { g_stop_now = true; }

void stop_now_on_next_signal() {
  g_stop_now = false;
  std::signal(SIGINT, on_stop_now);
  std::signal(SIGTERM, on_stop_now);
}

// BigGAN: the classes the image ended on, by weight (the largest three); nothing for the others.
void print_classes(const std::vector<float>& class_vector) {
  if (class_vector.empty()) return;
  std::vector<size_t> order(class_vector.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  const size_t top = std::min<size_t>(3, order.size());
  std::partial_sort(order.begin(), order.begin() + ptrdiff_t(top), order.end(),
                    [&](size_t x, size_t y) { return class_vector[x] > class_vector[y]; });
  std::printf("classes:");
  for (size_t i = 0; i < top; ++i) {
    // "class 3" for a model without ImageNet's names; "207 golden retriever" with them.
    const std::string name = gan::biggan_class_name(int64_t(order[i]), int64_t(class_vector.size()));
    const std::string shown = name.rfind("class ", 0) == 0 ? name : std::to_string(order[i]) + " " + name;
    std::printf("%s %s (%.3f)", i ? "," : "", shown.c_str(), double(class_vector[order[i]]));
  }
  std::printf("\n");
}

}  // namespace

void add_generate_command(CLI::App& app, Globals& globals) {
  struct Args {
    guide::GuideOptions o;
    std::vector<std::string> prompts;
    std::string clip, vqgan, config, generator, out, video, size = "128x128", cut_sizes = "auto", init_noise = "codes", start_class, schedule;
    std::string seeds, grid;
    std::vector<std::string> sweeps;
    int save_every = 5;
    double fps = 24;
    ArtArgs art;  // drawers, motion, the video's size, the x2 pass (generate_art.h)
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
                "pytorch_model.bin): CLIP + BigGAN as big-sleep steers it; pixel: pixel art; fft: an FFT image (the "
                "drawers need no generator model). Default: CLIP + VQGAN");
  // CLIP + BigGAN only (refused with the others): big-sleep's class vector and extra terms.
  std::vector<CLI::Option*> biggan_only = {
      c->add_option("--class", a->start_class,
                    "CLIP + BigGAN: start on this class, a number or an ImageNet name (default: big-sleep's random start)"),
      c->add_option("--truncation", a->o.truncation, "CLIP + BigGAN: truncation in (0, 1] (default 1, as big-sleep)")
          ->check(setting_check("truncation")),
      c->add_option("--max-classes", a->o.max_classes, "CLIP + BigGAN: big-sleep's top-k class vector of K classes (0: sigmoid)")
          ->check(setting_check("max-classes")),
      c->add_option("--class-temperature", a->o.class_temperature, "CLIP + BigGAN: the top-k's softmax temperature")
          ->check(setting_check("class-temperature")),
      c->add_option("--latent-weight", a->o.latent_loss_weight, "CLIP + BigGAN: weight of big-sleep's latent statistics term")
          ->check(setting_check("latent-weight")),
      c->add_option("--class-weight", a->o.class_loss_weight, "CLIP + BigGAN: weight of big-sleep's class sparsity term")
          ->check(setting_check("class-weight"))};
  c->add_option("--vqgan", a->vqgan, "A taming VQGAN checkpoint (default: the installed VQGAN, e.g. the shipped mini-VQGAN)");
  c->add_option("--config", a->config, "The VQGAN's .yaml (else read from the tensors' shapes)");
  c->add_option("--size", a->size, "WxH for CLIP + VQGAN (multiples of the VQGAN's factor)");
  c->add_option("--init", a->o.init_image, "CLIP + VQGAN: start from this image's codes");
  c->add_option("--init-weight", a->o.init_weight, "CLIP + VQGAN: pull towards the init image's latent");
  auto* init_noise = c->add_option("--init-noise", a->init_noise,
                                   "CLIP + VQGAN's start without --init: codes (a random code per cell), pixels (random pixels), "
                                   "gradient (a random colour gradient) or smooth (soft colour patches)")
                         ->check(CLI::IsMember({"codes", "pixels", "gradient", "smooth"}));
  c->add_option("--clip", a->clip, "A CLIP checkpoint (default: the default model)");
  // The bounds of the settings a batch can sweep are shared with --sweep (generate_batch.cpp).
  c->add_option("--steps", a->o.steps, "Optimisation steps")->check(setting_check("steps"));
  c->add_option("--cutn", a->o.cutn, "Cutouts per step")->check(setting_check("cutn"));
  c->add_option("--cut-pow", a->o.cut_pow, "Cutout size bias (1: uniform)")->check(setting_check("cut-pow"));
  c->add_option("--blur", a->o.blur, "Blur each cutout by a Gaussian of sigma up to this, in CLIP's input pixels (0: none)")
      ->check(setting_check("blur"));
  c->add_option("--cut-sizes", a->cut_sizes, "auto, vqgan-clip or big-sleep (auto: big-sleep's for BigGAN, else VQGAN-CLIP's)")
      ->check(CLI::IsMember({"auto", "vqgan-clip", "big-sleep"}));
  c->add_option("--lr", a->o.lr, "Learning rate")->check(setting_check("lr"));
  c->add_option("--optimiser,--optimizer", a->o.optimiser, "adam, adamw, adagrad or rmsprop")->check(CLI::IsMember(kOptimisers));
  auto* seed = c->add_option("--seed", a->o.seed, "Seed of the start latent and the cutouts");
  c->add_option("--seeds", a->seeds,
                "A batch: one run per seed, as 1-8, 1,3,5 or 1-4,9 (at most " + std::to_string(kMaxBatchRuns) +
                    " runs); the grid's rows. Each run's files get a suffix: --out x.png gives x-seed3.png")
      ->type_name("SPEC")
      ->excludes(seed);
  c->add_option("--sweep", a->sweeps,
                "A batch: one run per value of one setting, NAME=V1,V2,... (at most " + std::to_string(kMaxSweepValues) +
                    "; e.g. lr=0.05,0.1,0.2, size=64,128), with --seeds too (seeds x values); the grid's columns; the files' "
                    "suffix is -lr0.05. NAME: " + sweep_settings() + " (size: CLIP + VQGAN; truncation and after: CLIP + BigGAN)")
      ->type_name("NAME=V1,V2,...")
      ->allow_extra_args(false);
  c->add_option("--grid", a->grid,
                "A batch's final images as one labelled grid (.png): rows the seeds, columns the swept values; after Ctrl+C, "
                "what finished (the rest marked \"not run\")")
      ->type_name("FILE");
  c->add_flag("!--no-flips", a->o.flips, "No random flips of the cutouts");
  c->add_flag("!--no-bf16", a->o.bf16, "CLIP in float32 even where the CPU has bfloat16 instructions");
  c->add_flag("!--no-affine", a->o.affine, "No random rotation and shift of the cutouts");
  c->add_flag("!--no-noise", a->o.noise, "No noise on the cutouts");
  c->add_option("--save-every", a->save_every, "A frame every N steps (for --video and --frames)")->check(CLI::Range(1, 100000));
  add_art_options(c, a->o, a->art);
  c->add_option("--video", a->video, "The run as an animation (.mp4, .gif or .webp)");
  c->add_option("--fps", a->fps, "Frames per second of the animation")->check(CLI::Range(1.0, 120.0));
  c->add_option("--out", a->out, "The final image (.png); in a batch, each run's, with a suffix (x-seed3-lr0.05.png)")
      ->required();
  c->callback([a, &globals, biggan_only, c, init_noise] {
    RuntimeInfo rt = configure(globals);
    const bool big = a->generator.rfind("biggan:", 0) == 0;
    const bool drawn = a->generator == "pixel" || a->generator == "fft";
    if (!a->generator.empty() && !big && !drawn && a->generator.rfind("gan:", 0) != 0)
      throw Error(ErrorKind::InvalidArgument,
                  "--generator takes gan:NAME (see `gan list`), biggan:PATH (a BigGAN-deep), pixel or fft (the drawers)");
    if (big && a->generator.size() == 7)
      throw Error(ErrorKind::InvalidArgument, "--generator biggan:PATH needs the BigGAN-deep's folder or weights file");
    for (const CLI::Option* opt : biggan_only)
      if (!big && opt->count() > 0) throw Error(ErrorKind::InvalidArgument, opt->get_name() + " is for --generator biggan:PATH");
    if (init_noise->count() > 0 && !a->o.init_image.empty())
      throw Error(ErrorKind::InvalidArgument, "--init-noise is the start without an init image: give --init or --init-noise, not both");
    a->o.start = guide::vqgan_start_named(a->init_noise);
    a->o.cut_sizes = a->cut_sizes == "big-sleep"    ? guide::CutSizes::BigSleep
                     : a->cut_sizes == "vqgan-clip" ? guide::CutSizes::VqganClip
                                                    : guide::CutSizes::Auto;
    if (a->generator.empty() && a->vqgan.empty()) {
      // CLIP + VQGAN with the installed VQGAN; CLIP + GAN with the emoji GAN when there is none.
      const auto [ckpt, yaml] = vqgan::find_vqgan();
      if (ckpt.empty()) a->generator = "gan:emoji";
      else a->vqgan = ckpt.string(), a->config = a->config.empty() ? yaml.string() : a->config;
    }
    if (init_noise->count() > 0 && !a->generator.empty())
      throw Error(ErrorKind::InvalidArgument, "--init-noise is the start of CLIP + VQGAN, not of --generator " + a->generator);
    const Size size = parse_size(a->size, "--size", limits::kMaxSizeOptionSide, limits::kMaxGuidePixels);
    a->o.width = size.width;
    a->o.height = size.height;
    // Every output is checked before the models load and the steps run.
    check_image_out(a->out, "--out");
    if (!a->video.empty()) check_animation_out(a->video, "--video");
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
    const CLI::Option* steps_flag = c->get_option_no_throw("--steps");
    const std::optional<guide::Drawer> drawer =
        apply_art_options(a->generator, a->o, a->art, steps_flag && steps_flag->count() > 0, !drawn && !a->generator.empty());
    if (!a->art.frames_dir.empty()) check_folder_out(a->art.frames_dir, a->art.frames == a->art.frames_dir ? "--frames" : "--frames-dir");
    // The runs: one, or seeds x swept values, each checked as its flags would be; and each run's
    // files, which must not be the grid.
    // The drawers take what CLIP + VQGAN takes (a size sweep too).
    BatchContext context{big ? GeneratorKind::BigGan : a->generator.empty() || drawer ? GeneratorKind::Vqgan : GeneratorKind::Gan,
                         [c](const std::string& flag) {
                           const CLI::Option* opt = c->get_option_no_throw(flag);
                           return opt && opt->count() > 0;
                         }};
    Batch batch = plan_batch(a->o, a->seeds, a->sweeps, context);
    if (!a->grid.empty()) check_image_out(a->grid, "--grid");
    for (const BatchRun& run : batch.runs) {
      const std::string out = with_suffix(a->out, run.suffix);
      if (batch.batch) check_image_out(out, "--out");
      if (!a->grid.empty() && fs::path(out).lexically_normal() == fs::path(a->grid).lexically_normal())
        throw Error(ErrorKind::InvalidArgument, "--grid " + a->grid + " is also a run's --out: name the grid apart");
      if (batch.batch && !a->video.empty()) check_animation_out(with_suffix(a->video, run.suffix), "--video");
    }
    // A BigGAN-deep first: a wrong path fails before CLIP loads.
    std::unique_ptr<gan::BigGan> biggan;
    if (big) {
      biggan = std::make_unique<gan::BigGan>(gan::BigGan::load(a->generator.substr(7)));
      const int64_t classes = biggan->info().num_classes;
      if (!a->start_class.empty() && a->start_class != "-1") {
        const int64_t start = gan::find_biggan_class(a->start_class, classes);
        for (BatchRun& run : batch.runs) run.options.biggan_class = start;
      }
    }
    clip::Clip model = clip::Clip::load(a->clip.empty() ? default_clip() : fs::path(a->clip));
    std::unique_ptr<gan::Gan> generator;
    std::unique_ptr<vqgan::Vqgan> vq;
    if (a->generator.empty()) vq = std::make_unique<vqgan::Vqgan>(vqgan::Vqgan::load(a->vqgan, a->config));
    else if (!big && !drawer) generator = std::make_unique<gan::Gan>(load_generator(a->generator.substr(4)));
    // Each run's image size: a batch's VQGAN sizes are checked before the first run, and the grid
    // is laid out (and bounded) for the largest.
    int max_width = 0, max_height = 0;
    for (const BatchRun& run : batch.runs) {
      int w = run.options.width, h = run.options.height;
      if (vq && batch.batch) {
        const int64_t f = vq->info().factor;
        if (w % f || h % f)
          throw Error(ErrorKind::InvalidArgument, "run " + run.caption + ": the size " + std::to_string(w) + "x" +
                                                      std::to_string(h) + " is not a multiple of the VQGAN's factor " +
                                                      std::to_string(f));
        vq->check_size(w, h, "run " + run.caption + ": the size");
      }
      if (drawer == guide::Drawer::Pixel && (w % run.options.grid_width || h % run.options.grid_height))
        throw Error(ErrorKind::InvalidArgument, "run " + run.caption + ": --pixels " + a->art.pixels + " does not divide the size " +
                                                    std::to_string(w) + "x" + std::to_string(h));
      if (a->art.hires > 0) w *= 2, h *= 2;  // the grid shows the x2 pass's image
      if (generator) w = h = int(generator->info().image_size);
      if (biggan) w = h = int(biggan->info().resolution);
      max_width = std::max(max_width, w), max_height = std::max(max_height, h);
    }
    const int rows = int(batch.row_labels.size()), columns = int(batch.column_labels.size());
    const GridLayout layout = grid_layout(rows, columns, max_width, max_height);
    if (!a->grid.empty())
      check_image_size(layout.width, layout.height,
                       "--grid: the grid of " + std::to_string(rows) + " x " + std::to_string(columns) + " runs");
    const BatchRun* current = nullptr;  // the run in progress, for the frames' names
    std::vector<Image> frames;
    auto control = std::make_shared<JobControl>(1);
    JobCallbacks callbacks;
    int64_t step_offset = 0;  // the x2 pass's steps follow the first pass's
    callbacks.on_frame = [&](int64_t, Frame&& f) {
      // A run of N frames (--frames N) shows the N after steps; the x2 pass's start is the first
      // pass's last frame again.
      if (f.step == 0 && (a->art.frame_count > 0 || step_offset > 0)) return;
      Image img{f.width, f.height, 3, std::move(f.rgb)};
      if (!a->art.frames_dir.empty()) {
        char step[32];
        std::snprintf(step, sizeof step, "_%06lld.png", static_cast<long long>(f.step + step_offset));
        write_image(fs::path(a->art.frames_dir) / ("frame" + current->suffix + step), img);
      }
      if (!a->video.empty()) frames.push_back(std::move(img));
    };
    callbacks.on_progress = [&](int64_t, const Progress& p) {
      // A second Ctrl+C in a batch stops this run too (the first lets it finish).
      if (batch.batch && g_stop_now) control->cancel();
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
    std::vector<GridCell> cells(batch.runs.size());
    size_t finished = 0;
    // Ctrl+C stops a single run and writes the image so far. In a batch it lets the current run
    // finish and starts no other (a second Ctrl+C stops the current one too); the grid shows what
    // finished, the rest as "not run".
    run_in_foreground(
        [&](const StopRequested& stop) {
          for (size_t i = 0; i < batch.runs.size() && !(i > 0 && stop()); ++i) {
            const BatchRun& run = batch.runs[i];
            current = &run;
            frames.clear();
            if (batch.batch) std::fprintf(stderr, "run %zu of %zu: %s\n", i + 1, batch.runs.size(), run.caption.c_str());
            auto guide_once = [&](const guide::GuideOptions& options) {
              JobContext ctx(control, callbacks);  // one a run: its clock starts with it
              return vq       ? guide::run_vqgan_guidance(model, *vq, options, &ctx)
                     : drawer ? guide::run_drawer_guidance(model, *drawer, options, &ctx)
                     : biggan ? guide::run_biggan_guidance(model, *biggan, options, &ctx)
                              : guide::run_gan_guidance(model, *generator, options, &ctx);
            };
            step_offset = 0;
            guide::GuideResult r = guide_once(run.options);
            if (a->art.hires > 0 && !r.stopped) {
              std::fprintf(stderr, "\nx2: %d steps at %dx%d\n", a->art.hires, run.options.width * 2, run.options.height * 2);
              step_offset = r.steps;
              const int64_t first = r.steps;
              r = guide_once(hires_options(run.options, r.latent, a->art.hires));
              r.steps += first;
            }
            std::fprintf(stderr, "\n%s", r.stopped ? "stopped: writing the image so far\n" : "");
            const std::string out = with_suffix(a->out, run.suffix);
            write_image(out, r.image);
            std::printf("%s: %lld steps, loss %.4f\n", out.c_str(), static_cast<long long>(r.steps), r.loss);
            print_classes(r.class_vector);
            if (!a->video.empty()) {
              int fw = 0, fh = 0;
              for (const Image& f : frames) fw = std::max(fw, f.width), fh = std::max(fh, f.height);
              const std::string video = with_suffix(a->video, run.suffix);
              write_animation(video, frames, video_options(a->art, a->fps, fw, fh));
              std::printf("%s: %zu frames\n", video.c_str(), frames.size());
            }
            if (!a->grid.empty())
              cells[i] = {r.image, r.stopped ? "stopped at step " + std::to_string(r.steps) : std::string()};
            ++finished;
            if (r.stopped) break;
          }
          if (finished < batch.runs.size())
            std::fprintf(stderr, "stopped after %zu of %zu runs\n", finished, batch.runs.size());
          if (a->grid.empty()) return;
          write_image(a->grid, draw_grid(layout, cells, batch.row_labels, batch.column_labels));
          std::printf("%s: %d x %d runs, %zu of %zu done\n", a->grid.c_str(), rows, columns, finished, batch.runs.size());
        },
        [&] {
          if (!batch.batch) return control->cancel();
          stop_now_on_next_signal();
          std::fprintf(stderr, "\nstopping after this run (Ctrl+C again stops it now)\n");
        });
  });
}

}  // namespace atelier::cli
