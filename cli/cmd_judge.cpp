// clip-atelier-cli judge: images checked against a prompt's shape by geometry, not by CLIP.
// Several prompts split the images among them in order (a row each); --grid draws the rows as a
// labelled grid with each image's verdict under it. A prompt that names no colour and shape
// ("a rocket") is shown, not judged.
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli_common.h"
#include "io/grid.h"
#include "io/image.h"
#include "runtime/error.h"
#include "train/datasets.h"
#include "train/shape_judge.h"

namespace atelier::cli {

namespace {

std::vector<std::string> split_labels(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  for (std::string item; std::getline(ss, item, ',');) out.push_back(item);
  return out;
}

}  // namespace

void add_judge_command(CLI::App& app, Globals& globals) {
  struct Args {
    std::vector<std::string> prompts, images;
    std::string grid, columns;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  auto* j = app.add_subcommand(
      "judge", "Name the shape of each image's largest region of the prompt's colour, and whether it is the prompt's shape");
  j->add_option("--prompt", a->prompts,
                "What the images should show, e.g. \"a red circle\"; repeated, the images are split among the prompts in order "
                "(the same number each). A prompt with no colour and shape the judge knows is shown in --grid, not judged")
      ->required()
      ->allow_extra_args(false);
  j->add_option("images", a->images, "PNG, JPEG, ... files")->required()->check(CLI::ExistingFile);
  j->add_option("--grid", a->grid, "Also draw the images as a grid (.png): a row per prompt, each image's verdict under it");
  j->add_option("--columns", a->columns, "The grid's column labels, comma-separated (default 1, 2, 3, ...)");
  j->add_flag("--json", a->json, "Print JSON");
  (void)globals;  // geometry only: no model, no device
  j->callback([a] {
    const size_t rows = a->prompts.size(), n = a->images.size();
    if (n % rows != 0)
      throw Error(ErrorKind::InvalidArgument, std::to_string(n) + " images can't be split evenly among " + std::to_string(rows) + " prompts");
    const size_t per = n / rows;
    if (!a->grid.empty()) check_image_out(a->grid, "--grid");
    std::vector<std::string> columns = a->columns.empty() ? std::vector<std::string>{} : split_labels(a->columns);
    if (!a->columns.empty() && columns.size() != per)
      throw Error(ErrorKind::InvalidArgument, "--columns names " + std::to_string(columns.size()) + " columns; there are " + std::to_string(per));
    for (size_t c = columns.size(); c < per; ++c) columns.push_back(std::to_string(c + 1));
    // Every prompt is read before any image: a typo fails at once, unless a grid only shows it.
    std::vector<std::optional<train::PromptTarget>> targets;
    for (const auto& p : a->prompts) {
      if (a->grid.empty() || rows == 1) targets.emplace_back(train::parse_prompt(p));
      else {
        try {
          targets.emplace_back(train::parse_prompt(p));
        } catch (const Error&) {
          targets.emplace_back(std::nullopt);  // shown in the grid, not judged
        }
      }
    }
    nlohmann::json out = nlohmann::json::array();
    std::vector<GridCell> cells;
    int max_w = 1, max_h = 1;
    for (size_t r = 0; r < rows; ++r) {
      const auto& want = targets[r];
      nlohmann::json images = nlohmann::json::array();
      int matches = 0;
      for (size_t k = 0; k < per; ++k) {
        const std::string& path = a->images[r * per + k];
        Image image = read_image(path);
        max_w = std::max(max_w, image.width);
        max_h = std::max(max_h, image.height);
        if (!want) {
          if (!a->grid.empty()) cells.push_back({std::move(image), ""});
          continue;
        }
        const train::ShapeVerdict v = train::judge_shape(image, want->colour);
        const bool match = v.found && v.shape == want->shape;
        matches += match;
        if (a->json) {
          images.push_back({{"path", path}, {"shape", v.shape}, {"match", match}, {"circularity", v.circularity},
                            {"solidity", v.solidity}, {"corners", v.corners}, {"area_fraction", v.area_fraction},
                            {"found", v.found}, {"reason", v.reason}});
        } else {
          std::printf("%s\t%s\t%s\t%s\n", path.c_str(), match ? "match" : "no", v.shape.c_str(), v.reason.c_str());
        }
        if (!a->grid.empty()) cells.push_back({std::move(image), v.shape + (match ? " (yes)" : " (no)")});
      }
      if (!want) continue;
      if (a->json) {
        out.push_back({{"prompt", a->prompts[r]}, {"colour", want->colour}, {"shape", want->shape},
                       {"images", images},        {"matches", matches},     {"of", int(per)}});
      } else {
        std::printf("%d of %d show %s %s\n", matches, int(per), train::with_article(want->colour).c_str(), want->shape.c_str());
      }
    }
    if (a->json) std::cout << (rows == 1 && !out.empty() ? out[0] : out).dump(2) << '\n';
    if (!a->grid.empty()) {
      const GridLayout layout = grid_layout(int(rows), int(per), max_w, max_h);
      write_image(a->grid, draw_grid(layout, cells, a->prompts, columns));
    }
  });
}

}  // namespace atelier::cli
