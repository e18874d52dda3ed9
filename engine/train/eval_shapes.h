// Shapes for evaluation only, from a renderer that shares nothing with the training one
// (shapes.cpp draws with OpenCV's rasterisers): each pixel's coverage is counted from 8x8 samples
// of an analytic inside test, with geometry, colour shades and backgrounds of its own. A model
// that has learned shapes reads these; one that has learned the training renderer's pixels does not.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier::train {

// The suite's seed: training's are small integers, the held-out suites' 0xE7A1'...
constexpr uint64_t kIndependentSeed = 0x1DE9'5EED'0000'0001ULL;

struct IndependentShape {
  int shape = 0;       // index into shape_names()
  int colour = 0;      // index into colour_names()
  int background = 0;  // index into independent_backgrounds()
  // Pixels at 64 px, scaled with the image. The circle's radius, the ring's outer one, the polygons'
  // and the star's circumradius, half the heart's box, half a bar's or the line's length.
  float radius = 16;
  float angle = 0;  // radians, clockwise on screen
};

struct IndependentBackground {
  std::string name;  // "white", "light grey", "near-black", "dark grey"
  uint8_t grey;
};
const std::vector<IndependentBackground>& independent_backgrounds();

// This renderer's own shade of colour_names()[colour] (not the training renderer's).
std::array<uint8_t, 3> independent_rgb(int colour);
// False where the colour would all but vanish on the background: white on white or light grey,
// black on near-black, grey on light grey. (Visible: chroma >= 60 or a luma difference >= 70.)
bool independent_visible(int colour, int background);
// The shape centred in a size x size RGB image, blended over its background by its coverage.
Image render_independent(const IndependentShape& s, int size);

// Size classes by radius at 64 px: small below 14, large from 21, medium between.
enum class SizeClass { Small, Medium, Large };
SizeClass size_class(float radius);
const char* size_class_name(SizeClass c);  // "small", "medium", "large"

// The index-th shape of a seed's stream: shape, colour and background uniform (a colour that would
// vanish on that background drawn again); size class index % 3, radius uniform within it (8 to
// 27 in all); a rotation within +-15 degrees, so a square stays a square and a diamond a diamond.
IndependentShape independent_shape(uint64_t seed, uint64_t index);
// "a red star on a dark grey background (radius 12.5 px)"
std::string independent_caption(const IndependentShape& s);

}  // namespace atelier::train
