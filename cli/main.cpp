// clip-atelier-cli: the engine for scripts and batch work, without Qt.
#include "atelier/version.h"
#include "cli_common.h"
#include "runtime/error.h"

#include <iostream>

int main(int argc, char** argv) {
  using namespace atelier;
  CLI::App app{"CLIP Atelier on the command line: the same engine as the GUI, for scripts and batch work.",
               "clip-atelier-cli"};
  app.set_version_flag("--version", std::string("clip-atelier-cli ") + ATELIER_VERSION);
  app.require_subcommand(0, 1);
  // --threads and --device work after a subcommand too (train gan --device cuda ...).
  app.fallthrough();

  cli::Globals globals;
  app.add_option("--threads", globals.threads, "Intra-op threads for LibTorch (default: all cores; at most 4 per core, 256 in all)")
      ->check(CLI::NonNegativeNumber)
      ->check(cli::thread_count_validator());
  app.add_option("--device", globals.device, "Compute device")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));

  cli::add_info_command(app, globals);
  cli::add_tokenize_command(app, globals);
  cli::add_embed_command(app, globals);
  cli::add_bench_command(app, globals);
#ifdef ATELIER_WITH_OPENCV
  cli::add_render_command(app);
  cli::add_train_command(app, globals);
  cli::add_eval_command(app, globals);
  cli::add_gan_command(app, globals);
  cli::add_draw_command(app, globals);
  cli::add_generate_command(app, globals);
  cli::add_vqgan_command(app, globals);
  cli::add_judge_command(app, globals);
  cli::add_models_command(app, globals);
  cli::add_library_commands(app, globals);
#endif
  // NaN and infinities are refused by every floating-point option, in one place.
  cli::refuse_non_finite_options(app);

  try {
    app.parse(argc, argv);
    if (app.get_subcommands().empty()) {
      std::cerr << app.help() << "\nclip-atelier-cli: a subcommand is required\n";
      return 2;
    }
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (...) {
    std::cerr << "clip-atelier-cli: " << describe_current_exception() << '\n';
    return 1;
  }
  return 0;
}
