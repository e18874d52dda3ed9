// clip-atelier-cli judge: images checked against a prompt's shape by geometry, not by CLIP.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli_common.h"
#include "io/image.h"
#include "train/datasets.h"
#include "train/shape_judge.h"

namespace atelier::cli {

void add_judge_command(CLI::App& app, Globals& globals) {
  struct Args {
    std::string prompt;
    std::vector<std::string> images;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* j = app.add_subcommand(
      "judge", "Name the shape of each image's largest region of the prompt's colour, and whether it is the prompt's shape");
  j->add_option("--prompt", a->prompt, "What the images should show, e.g. \"a red circle\"")->required();
  j->add_option("images", a->images, "PNG, JPEG, ... files")->required()->check(CLI::ExistingFile);
  j->add_flag("--json", a->json, "Print JSON");
  (void)globals;  // geometry only: no model, no device
  j->callback([a] {
    const train::PromptTarget want = train::parse_prompt(a->prompt);
    nlohmann::json images = nlohmann::json::array();
    int matches = 0;
    for (const auto& path : a->images) {
      const train::ShapeVerdict v = train::judge_shape(read_image(path), want.colour);
      const bool match = v.found && v.shape == want.shape;
      matches += match;
      if (a->json) {
        images.push_back({{"path", path}, {"shape", v.shape}, {"match", match}, {"circularity", v.circularity},
                          {"solidity", v.solidity}, {"corners", v.corners}, {"area_fraction", v.area_fraction},
                          {"found", v.found}, {"reason", v.reason}});
      } else {
        std::printf("%s\t%s\t%s\t%s\n", path.c_str(), match ? "match" : "no", v.shape.c_str(), v.reason.c_str());
      }
    }
    const int n = int(a->images.size());
    if (a->json) {
      nlohmann::json out = {{"prompt", a->prompt}, {"colour", want.colour}, {"shape", want.shape},
                            {"images", images},    {"matches", matches},    {"of", n}};
      std::cout << out.dump(2) << '\n';
    } else {
      std::printf("%d of %d show %s %s\n", matches, n, train::with_article(want.colour).c_str(), want.shape.c_str());
    }
  });
}

}  // namespace atelier::cli
