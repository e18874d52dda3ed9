// The constraints (guide/constraints.h) as the guidance loop uses them: the terms on the rendered
// image, the tiling's random shifts, and the live changes of their settings.
#pragma once
#include <ATen/ATen.h>

#include <optional>
#include <string>
#include <vector>

#include "guide/constraints.h"
#include "guide/detail/loop.h"
#include "runtime/job.h"

namespace atelier::guide::detail {

// Each statistic of constraints.h on an image [1, 3, H, W] in [0, 1]: a scalar in its graph.
at::Tensor symmetry_error(const at::Tensor& image, bool vertical);
at::Tensor total_variation(const at::Tensor& image);
at::Tensor greyness(const at::Tensor& image);                                     // 1 - mean chroma
at::Tensor palette_distance(const at::Tensor& image, const at::Tensor& colours);  // colours [K, 3] in [0, 1]
at::Tensor border_distance(const at::Tensor& image, const at::Tensor& colour);    // colour [3] in [0, 1]
at::Tensor seam_difference(const at::Tensor& image);

class Constraints {
 public:
  // The options' constraints; Error(InvalidArgument) as check_constraints.
  explicit Constraints(const GuideOptions& options);

  // A live change (param::symmetry, ...): true when key is a constraint's. A weight that is not a
  // finite number keeps the one in use (as param::lr does); a palette or border colour that does
  // not parse throws Error(InvalidArgument) (as param::prompts does); "" turns them off.
  bool change(const std::string& key, const ParamValue& value);

  // The terms of the constraints that are on, in constraints.h's order.
  std::vector<Term> terms(const at::Tensor& image) const;
  // With tiling on, the image rolled by random offsets (from gen) on both axes; else the image.
  at::Tensor wrap(const at::Tensor& image, at::Generator& gen) const;

 private:
  double symmetry_ = 0, symmetry_vertical_ = 0, smooth_ = 0, saturation_ = 0, palette_weight_ = 1, border_weight_ = 1,
         tile_weight_ = 100;
  std::vector<Colour> palette_;
  std::optional<Colour> border_;
  bool tile_ = false;
};

}  // namespace atelier::guide::detail
