// The mini-GANs' quality figure: the Fréchet distance between the mini-CLIP's image embeddings
// of real renders and of samples (FID's recipe with CLIP features in place of Inception's),
// beside the same distance for an untrained generator of the same shape and for two disjoint
// sets of real renders (the floor a perfect generator would reach at this sample size).
#pragma once
#include <cstdint>
#include <string>

namespace atelier::clip { class Clip; }
namespace atelier::gan { class Gan; }

namespace atelier::train {

struct GanQuality {
  std::string dataset;
  int images = 0;                 // per set
  double fd_samples = 0;          // real vs the generator's samples
  double fd_untrained = 0;        // real vs an untrained generator's samples
  double fd_real = 0;             // real vs other real
};

// dataset: emoji, shapes or fashion (the generator's own, from its metadata when empty).
GanQuality eval_gan(const clip::Clip& clip, const gan::Gan& gan, std::string dataset, int images, uint64_t seed = 7);

}  // namespace atelier::train
