// Zero-shot evaluation of a CLIP on held-out renders (fixed seeds training never uses):
// shapes (colour, shape, position) and emoji name retrieval among all emoji names; shapes
// from an independent renderer (eval_shapes.h), since held-out renders of the training
// renderer overstate how well a model reads shapes; and the held-out clip art (clipart.h: the
// drawings of the fixed split that training never draws), by category and by title.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "clip/clip.h"

namespace atelier::train {

struct EvalResult {
  std::map<std::string, double> metrics;    // "shapes.colour", "emoji.top1", "independent.shape", ...
  std::map<std::string, std::string> templates;  // the prompt template each used
  std::map<std::string, int> counts;        // images per metric
  std::map<std::string, int> candidates;    // the prompts each image is ranked among (categories, titles, names...)
  std::map<std::string, double> chance;     // the metric's value by guessing: k / candidates for a top-k metric
  std::vector<std::string> skipped;         // suites "all" left out, and why ("clipart: ... install ...")
  // For the shapes metrics: rows are the truth, columns the prompt ranked first, in the order of labels.
  struct Confusion {
    std::vector<std::string> labels;
    std::vector<std::vector<int>> counts;
  };
  std::map<std::string, Confusion> confusion;
};

// suite: "shapes", "emoji", "independent", "clipart" or "all". The independent suite's metrics:
// independent.shape (over the shapes, the colour given), independent.colour (over the colours,
// the shape given), and independent.shape.small / .medium / .large by radius (eval_shapes.h).
// The clipart suite (every held-out drawing, whatever images_per_metric says; rendered as training
// renders, with seeds it never uses): clipart.category.top1 / .top5, zero-shot "clip art of
// {category}" among the categories of ClipArtSet::categories(20) (a drawing filed in two counts as
// right for either), clipart.category.top1_balanced (the mean of the categories' own top-1, since
// shapes/stars holds a third of the drawings), and clipart.title.recall1 / .recall5, each titled
// held-out drawing against "a drawing of {title}" for every distinct held-out title. It throws
// Error(NotFound) naming the Debian packages when they are not installed; "all" then skips it and
// says so in skipped.
EvalResult eval_clip(clip::Clip& model, const std::string& suite, int images_per_metric = 300);

}  // namespace atelier::train
