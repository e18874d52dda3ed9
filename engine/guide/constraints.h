// Constraints: the field's loss plugins (pixray's symmetry, smoothness, saturation, palette and
// edge losses; seamless tiles), each a weighted term on the whole rendered image (not the
// cutouts), added by the one guidance loop for every generator and reported as a term
// (kTermPrefix + its name). They are GuideOptions' fields; a run takes live changes of them
// through the param:: names in guide.h.
//
// Each term's value, on the image x in [0, 1] (RGB), lower meaning "more so":
//   "symmetry"           mean over pixels and channels of (x - x flipped left/right)^2
//   "vertical symmetry"  the same with x flipped top/bottom
//   "smoothness"         total variation, L1: the mean |difference| of horizontal neighbours plus
//                        that of vertical neighbours (L1 rather than squared: flat regions with
//                        their edges kept, where a squared term would blur the edges)
//   "saturation"         1 - the mean chroma, chroma = max(R, G, B) - min(R, G, B) (HSV's
//                        saturation times value: 0 for greys, 1 for pure hues). A positive weight
//                        raises the saturation, a negative one lowers it
//   "palette"            mean over pixels of the squared RGB distance to the nearest palette colour
//   "border"             mean over a band around the edge (4% of each side, at least 1 pixel) of
//                        the squared RGB distance to the border colour
//   "seam"               (tile) the mean squared difference across the wrap-around edges: the
//                        first column against the last, the first row against the last, averaged
// Squared RGB distances are summed over the channels (0 to 3). Tiling rolls the image by random
// offsets (wrapping around, both axes) before the cutouts each step, so CLIP judges the seams as
// it judges the rest of the picture; the seam term, at tile_weight, pulls the edges together
// too. Its default weight is 100 because its value is small (about 0.003 on the mini-VQGAN's
// untiled 64 px images, against a prompt's distance of about 1). On the mini-VQGAN at 64 px the
// rolls alone lowered the seam in 4 of 6 seeds (30 steps); with the term at 100, in 6 of 6 (12).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "guide/guide.h"

namespace atelier::guide {

inline constexpr int kMaxPaletteColours = 64;
inline constexpr double kBorderBand = 0.04;  // the border term's band: this fraction of each side

struct Colour {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Colour&) const = default;
};

// "#rrggbb" (hex digits of either case; the '#' may be left out). what names the value in the
// message ("the border colour"): Error(InvalidArgument) for anything else.
Colour parse_colour(const std::string& text, const std::string& what = "the colour");
std::string format_colour(Colour colour);  // "#rrggbb", lower case
// A comma-separated list of colours ("#000000, #ff8800"), 1 to kMaxPaletteColours of them;
// Error(InvalidArgument) naming the item that is not a colour, an empty item, or the count.
std::vector<Colour> parse_palette(const std::string& text);

// The constraints' checks a run makes before its first step, for a caller that wants them
// earlier (the CLI before the models load): every weight finite, the palette and the border
// colour parse. Error(InvalidArgument) naming the setting.
void check_constraints(const GuideOptions& options);

}  // namespace atelier::guide
