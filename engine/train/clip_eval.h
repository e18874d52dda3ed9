// Zero-shot evaluation of a CLIP on held-out renders (fixed seeds training never uses):
// shapes (colour, shape, position) and emoji name retrieval among all emoji names; and shapes
// from an independent renderer (eval_shapes.h), since held-out renders of the training
// renderer overstate how well a model reads shapes.
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
  // For the shapes metrics: rows are the truth, columns the prompt ranked first, in the order of labels.
  struct Confusion {
    std::vector<std::string> labels;
    std::vector<std::vector<int>> counts;
  };
  std::map<std::string, Confusion> confusion;
};

// suite: "shapes", "emoji", "independent" or "all". The independent suite's metrics:
// independent.shape (over the shapes, the colour given), independent.colour (over the colours,
// the shape given), and independent.shape.small / .medium / .large by radius (eval_shapes.h).
EvalResult eval_clip(clip::Clip& model, const std::string& suite, int images_per_metric = 300);

}  // namespace atelier::train
