// The one guidance loop every generator shares (guide.cpp), for the generators' own files
// (biggan_guide.cpp): a latent tensor optimised so that CLIP finds render(latent) close to the
// prompts (or a schedule's, schedule.h), with the generator's extra loss terms added and then the
// constraints' (constraints.h) that the options and live changes ask for.
#pragma once
#include <ATen/ATen.h>

#include <functional>
#include <string>
#include <vector>

#include "guide/guide.h"

namespace atelier::guide::detail {

// An extra loss term: weight x value joins the loss. A named one is reported after the prompts'
// similarities in Progress::losses (its value unweighted, its name kTermPrefix + name); an
// unnamed one only counts.
struct Term {
  std::string name;
  at::Tensor value;  // a scalar in the latent's graph
  double weight = 1.0;
};

using Render = std::function<at::Tensor(const at::Tensor&)>;          // latent -> [1, 3, H, W] in [0, 1]
using AfterStep = std::function<void(at::Tensor&)>;                   // in place, without gradients (clamps)
using Terms = std::function<std::vector<Term>(const at::Tensor&)>;    // latent -> extra terms (may be empty)
// image [1, 3, H, W] in [0, 1] -> a latent of the loop's latent's shape showing it (no gradients):
// how motion (GuideOptions::zoom...) takes the moved image back. Empty: the generator can't, and
// a run with motion is refused.
using Reencode = std::function<at::Tensor(const at::Tensor&)>;

// Runs o.steps steps from z (the start latent, any shape; frames carry it flattened in
// Frame::state, the result in GuideResult::latent). The option checks common to all generators
// happen here, before the first step.
GuideResult run_loop(const clip::Clip& clip, const GuideOptions& o, JobContext* ctx, at::Tensor z, const Render& render,
                     const AfterStep& after_step, const Terms& terms, const Reencode& reencode = {});

}  // namespace atelier::guide::detail
