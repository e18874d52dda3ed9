// A geometric judge of generated images, independent of the CLIP that guided them: it finds the
// largest region of the named colour and names its shape from measurements (roundness, convexity,
// corners, holes, elongation), so "a red circle" from generate or draw can be checked by geometry.
#pragma once
#include <string>

#include "io/image.h"

namespace atelier::train {

struct ShapeVerdict {
  // circle, square, triangle, star, heart, ring, cross, line, diamond, hexagon, or "none".
  std::string shape = "none";
  double circularity = 0;    // 4*pi*A/P^2 of the region's outline (holes filled): 1 for a disc
  double solidity = 0;       // area / convex hull area: 1 for a convex region
  int corners = 0;           // vertices of the outline simplified at 3.5% of its perimeter
  double area_fraction = 0;  // the region's pixels / the image's
  bool found = false;        // whether a region of the colour large enough to judge was there
  std::string reason;        // the measurements and the rule that decided, for a person to read
};

// The verdict on the largest region of `colour` (one of colour_names(): red, green, ...).
// RGBA images are judged as if on white. Throws Error(InvalidArgument) for an unknown colour.
ShapeVerdict judge_shape(const Image& image, const std::string& colour);

struct PromptTarget {
  std::string colour, shape;  // a name from colour_names() and one from shape_names()
};

// The colour and shape a prompt names: "a red circle", "Two blue squares.", "a gray ring".
// Throws Error(InvalidArgument) when it names no colour or no shape.
PromptTarget parse_prompt(const std::string& prompt);

}  // namespace atelier::train
