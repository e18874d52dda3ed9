// The data the embedded models are trained on, rendered on the fly from what Debian ships:
// procedural shapes drawn with OpenCV, and emoji from fonts-noto-color-emoji named by
// unicode-data's emoji-test.txt. Every sample is a pure function of (seed, index): a run can
// stop and resume, and held-out sets use seeds training never sees. The third dataset, clip art
// from Debian's openclipart packages (an optional training-data step), is in train/clipart.h.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier::train {

struct Sample {
  Image image;          // RGB, size x size
  std::string caption;  // what the image shows, in one of several templates
};

// "a word" or "an word", by the word's first letter: the captions' and the prompts' one rule.
std::string with_article(const std::string& word);

// Zero-shot templates in the mini-CLIP's own words ("{}" the label): the forms of its training
// captions. It never saw "a photo of", CLIP's ImageNet templates; these suit it.
const std::vector<std::string>& mini_clip_templates();

// ---- shapes -------------------------------------------------------------------------------
struct ShapeLabels {
  int shape = 0, colour = 0, position = -1;  // position -1: not named (random placement)
  int count = 1;
  int style = 0;  // 0 filled, 1 in outline, 2 scribbled in with strokes
};

const std::vector<std::string>& shape_names();   // circle, square, ...
const std::vector<std::string>& colour_names();  // red, green, ...
const std::vector<std::string>& position_names();  // "on the left", ...

struct ShapeOptions {
  int size = 64;
  bool allow_pairs = true;   // "a red circle above a blue square"
  bool allow_counts = true;  // "three green triangles"
  bool allow_styles = true;  // single shapes also drawn in outline or scribbled in with strokes
  // Form, not one renderer's look: single shapes in any size up to filling the frame, free
  // rotations where the name allows, gradient and grainy fills, a second anti-aliasing path,
  // unnamed textured backgrounds; noise, blur and JPEG on every sample; contrast groups that
  // differ only in the shape. Off: the data the shipped mini-CLIP up to 2026-11 was trained on.
  bool variety = true;
};

// One image with one to three shapes and its caption.
Sample render_shapes(uint64_t seed, uint64_t index, const ShapeOptions& options, ShapeLabels* labels = nullptr);
// Contrast groups: kContrastGroup single shapes alike in all but one attribute, their position
// (each of the five) or their colour (five different ones), in captions alike but for that word.
// A batch that holds a whole group can only be matched by reading that word: without them a
// position word rarely decides a batch, and the mini-CLIP confused left and right.
constexpr int kContrastGroup = 5;
Sample render_contrast(uint64_t seed, uint64_t group, int member, const ShapeOptions& options);
// Strokes that are no shape, captioned as what they are: CLIPDraw-like random Bezier strokes in
// one colour ("red scribbles") or many ("random strokes"), or a piece of a circle's edge ("a red
// arc"). Guidance finds such strokes when a CLIP takes a few red curves for "a red circle"; in
// a batch beside the shapes they teach it that they are not one (train clip --strokes).
Sample render_strokes(uint64_t seed, uint64_t index, int size);
// Part groups: a shape and pieces of it, kContrastGroup alike in colour, place, size and stroke.
// Member 0 is the whole shape, filled or outlined ("a red square"); the others are a piece of
// its edge (some of a polygon's sides, "a red corner", "a red line", "an open red outline"; an
// arc of a round edge, "a red arc") or strokes over its box with no edge ("red scribbles"),
// never named by the shape. Guidance finds such pieces when a CLIP takes a corner for a square;
// in one batch beside the whole shape they teach it the difference (train clip --parts).
Sample render_parts(uint64_t seed, uint64_t group, int member, int size);
// One shape of the given kind: for evaluation and the GUI's default images.
Sample render_shape(int shape, int colour, int position, int size, uint64_t seed);

// ---- emoji --------------------------------------------------------------------------------
struct EmojiEntry {
  std::string name, group, subgroup;
  char32_t code;
};

class EmojiSet {
 public:
  // Reads the names and renders every single-code-point emoji once. Throws Error naming the
  // Debian package when the font or the data file is missing.
  static std::shared_ptr<EmojiSet> load(const std::string& font = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
                                        const std::string& names = "/usr/share/unicode/emoji/emoji-test.txt");
  const std::vector<EmojiEntry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  // Emoji i on a background, augmented by (seed, index); the caption names what is visible.
  Sample render(size_t i, uint64_t seed, uint64_t index, int size, bool augment = true) const;
  // A random emoji of the set, as render().
  Sample sample(uint64_t seed, uint64_t index, int size) const;

 private:
  std::vector<EmojiEntry> entries_;
  std::vector<Image> glyphs_;  // RGBA, premultiplied-free straight alpha, the font's native size
};

}  // namespace atelier::train

namespace atelier::train {

// ---- Fashion-MNIST (Debian's dataset-fashion-mnist: IDX files, gzip'd) ---------------------
class FashionMnist {
 public:
  static constexpr const char* kDir = "/usr/share/datasets/fashion-mnist";
  // split: "train" (60000 images) or "t10k" (10000). Throws Error naming the package when missing.
  static std::shared_ptr<FashionMnist> load(const std::string& split = "train", const std::string& dir = kDir);
  static const std::vector<std::string>& class_names();  // T-shirt/top, Trouser, ...
  size_t size() const { return labels_.size(); }
  int rows() const { return 28; }
  const uint8_t* image(size_t i) const { return pixels_.data() + i * 784; }  // 28x28 grey, 0 = background
  int label(size_t i) const { return labels_.at(i); }

 private:
  std::vector<uint8_t> pixels_;
  std::vector<int> labels_;
};

}  // namespace atelier::train
