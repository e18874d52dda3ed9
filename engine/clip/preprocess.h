// CLIP's image preprocessing as the reference does it with PIL and torchvision: bicubic resize
// of the shorter side to the input size (PIL's antialiased resampling, 8-bit between passes),
// centre crop, RGB, then CLIP's mean and standard deviation.
#pragma once
#include <vector>

#include "io/image.h"

namespace atelier::clip {

inline constexpr float kMean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
inline constexpr float kStd[3] = {0.26862954f, 0.26130258f, 0.27577711f};

// PIL's Image.resize(size, BICUBIC) on 8-bit data (RGBA is resized premultiplied, as PIL does).
Image resize_bicubic(const Image& image, int width, int height);
// torchvision's Resize(size) + CenterCrop(size), then RGB.
Image resize_and_crop(const Image& image, int size);
// The model's input: [3, size, size] floats, channel-major, normalised.
std::vector<float> preprocess(const Image& image, int size);

}  // namespace atelier::clip
