// Differentiable image augmentations for guidance: what torchvision and kornia do in the
// reference notebooks, on [N, 3, H, W] tensors in [0, 1], random from an explicit generator so
// a run is reproducible from its seed.
#pragma once
#include <ATen/ATen.h>

namespace atelier::guide {

// torchvision's RandomPerspective (p = 1): each corner moves inwards by up to distortion x half
// the side; what comes from outside the image is `fill`.
at::Tensor random_perspective(const at::Tensor& images, double distortion, double fill, at::Generator& gen);

// torchvision's RandomResizedCrop: a box of area fraction in [smin, smax] and aspect ratio in
// [3/4, 4/3], resized (bilinear) to size x size.
at::Tensor random_resized_crop(const at::Tensor& images, int64_t size, double smin, double smax, at::Generator& gen);

// A Gaussian blur of each image with its own sigma, uniform in [0, max_sigma] pixels (reflected
// at the edges; sigma below 0.3 leaves the image as it is). Guidance against a small CLIP finds
// thin strokes and fine texture of the prompt's colour; blurred copies keep only what has mass,
// so the optimiser has to build the form at low frequencies too.
at::Tensor random_blur(const at::Tensor& images, double max_sigma, at::Generator& gen);

// CLIP's input normalisation.
at::Tensor clip_normalise(const at::Tensor& images);

// A uniform number in [lo, hi) from the generator.
double uniform(at::Generator& gen, double lo, double hi);

}  // namespace atelier::guide
