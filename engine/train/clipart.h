// Clip art, the embedded models' third dataset: Debian's openclipart-png (the drawings,
// pre-rendered, RGBA) named by the matching openclipart-svg files' metadata (dc:title,
// dc:description, the dc:subject keywords) and by the category folders they are filed in
// (animals/mammals, food/fruit, transportation/vehicles...). Public domain (see
// /usr/share/doc/openclipart-png/copyright); nothing of it is in the repository: the packages
// are a training-data step (packaging/install-deps.sh --training), not the program's runtime.
//
// The collection: /usr/share/openclipart/png/<folder>/NAME.png and .../svg/<folder>/NAME.svg,
// 8,121 paths. 1,221 of the PNG paths are symbolic links filing a drawing in a second folder
// (science/astronomy -> geography/astronomy): a drawing is one *file* (the link's target) with
// every folder it is filed in, 6,900 drawings. PNGs over the image limits of runtime/limits.h
// (64 MP: 15 drawings, up to 29,700 px wide) are left out.
//
// The split, fixed: a drawing is held out when FNV-1a (64 bits) of its PNG's path relative to
// png/ (the link target's, "food/fruit/an_apple_01.png"), passed through splitmix64's finaliser,
// is 0 modulo 10 (clipart_held_out). About a tenth of the drawings; both names of a linked drawing
// fall on the same side, and no two drawings of the collection are the same file. Training
// (ClipArtSet::sample) never draws a held-out drawing; `eval clip --suite clipart` uses only them.
//
// Captions, from the metadata (clipart_clean_*: what is kept is documented there) and the folders:
// "a drawing of a red apple", "clip art of fruit", "an apple, clip art of fruit",
// "clip art: apple, food", a short description... Transparent drawings are composited on solid,
// gradient, noisy or textured backgrounds at a varied size and place.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/image.h"
#include "train/datasets.h"

namespace atelier::train {

inline constexpr const char* kClipArtDir = "/usr/share/openclipart";

// Why the collection under root can't be used ("" when it can): names the missing Debian
// package(s) and how to install them. ClipArtSet::load throws Error(NotFound) with this text.
std::string clipart_missing(const std::filesystem::path& root = kClipArtDir);

// ---- the split and the caption text (pure functions, so the tests pin them) -----------------

// Whether the drawing whose PNG is `file` (relative to png/, '/'-separated) is held out.
bool clipart_held_out(std::string_view file);

// A dc:title as a caption phrase, lower case: "Clipart by Nicu Buculei - " and similar prefixes
// cut, '_' as a space, brackets dropped (their words kept), digits at a word's end cut
// ("baloon1_04" -> "baloon"), spaces collapsed; of ASCII, only letters, digits, spaces and
// -'&,. are kept (the rest, '#' and brackets included, become spaces). "" when nothing is left (fewer than three letters)
// or the title names a collection instead of the drawing: it holds "collection", "theme",
// "icons", "iconset", "clipart", "cliparts", "svg", "submission"/"sibmission", or is "gramastar".
// (ClipArtSet also drops any title shared by more than 50 drawings: "card", "lemon svg theme"...)
std::string clipart_clean_title(std::string_view raw);
// A dc:description's first line or sentence when it reads as a caption: 2 to 12 words, no
// address or e-mail ("http", "@", "www."), not a note on how it was made ("converted", "made
// with", "sodipodi", "inkscape", "collection", "clipart", "hash("); lower case. "" otherwise.
// (ClipArtSet also drops any description shared by 10 or more drawings.)
std::string clipart_clean_description(std::string_view raw);
// A keyword (rdf:li of dc:subject), lower case, '_' as a space; "" when it is not worth a caption:
// empty, "unsorted", "hash", "magick", a collection's tag (theme, icons, mapsym, appicon,
// mimetypes, lemon theme icon, united nations member...), a number or anything with a digit,
// more than three words or 30 characters, holding "clipart" or "openclip", or one of the
// drawing's agents (its creator's name).
std::string clipart_clean_keyword(std::string_view raw, const std::vector<std::string>& agents = {});
// A folder's name as captions and prompts say it: its last part, '_' and '-' as spaces:
// "food/fruit" -> "fruit", "transportation/aiga-symbols" -> "aiga symbols", "people" -> "people".
std::string clipart_folder_name(std::string_view folder);
// A title with an article where it needs one: "red apple" -> "a red apple", "apple" -> "an
// apple"; kept as it is when it starts with a determiner or a number ("the moon", "two birds")
// or ends in a plural -s ("clouds", not "-ss" or "-us").
std::string clipart_title_phrase(const std::string& title);
// The prompts of the evaluation, in the training captions' words.
std::string clipart_category_prompt(const std::string& name);   // "clip art of {name}"
std::string clipart_title_prompt(const std::string& phrase);    // "a drawing of {phrase}" (ClipArtSet::title_phrase)

// The metadata of one SVG as written (the first cc:Work of its RDF), read with libxml2 as a
// stream that stops after that element (no network, no external entities, errors not printed).
struct ClipArtMetadata {
  bool found = false;  // the file has a cc:Work
  std::string title, description;
  std::vector<std::string> keywords;  // rdf:li of dc:subject, as written
  std::vector<std::string> agents;    // dc:title of each cc:Agent (creator, publisher, rights...)
};
// Throws Error(BadFile) naming the file when it is not well-formed XML before its cc:Work ends.
ClipArtMetadata read_clipart_metadata(const std::filesystem::path& svg);

// ---- the collection --------------------------------------------------------------------------

struct ClipArtEntry {
  std::string file;                  // the PNG relative to png/ (a linked drawing: its target)
  std::vector<std::string> folders;  // every folder it is filed in ("food/fruit"; "" at the top)
  std::string title;                 // clipart_clean_title, "" when none is usable
  std::string description;           // clipart_clean_description, or ""
  std::vector<std::string> keywords; // clipart_clean_keyword's survivors, without repeats
  bool held_out = false;             // clipart_held_out(file)
  bool has_svg = false;              // its SVG was found and had metadata
  int width = 0, height = 0;         // the PNG's size
};

struct ClipArtOptions {
  std::filesystem::path root = kClipArtDir;  // holds png/ and svg/
  // 0: the index and metadata only (a drawing is decoded when it is rendered; enough for a
  // grid or the evaluation). > 0: every drawing decoded once, cropped to its visible box and
  // scaled to fit side x side, kept in memory (about 90 MB at 64): what training needs.
  int side = 0;
  // false: the drawings at `side` only when the disk cache holds them, else decoded when they are
  // rendered (an evaluation of a few hundred drawings needs no 20 s decode of all 6,900).
  bool decode_all = true;
  // Where the decoded drawings are kept between runs (one file per side, openclipart-64.cache,
  // checked against the collection's file names, sizes and times and the decoder's version):
  // empty means $XDG_CACHE_HOME/clip-atelier, else ~/.cache/clip-atelier, for the collection at
  // kClipArtDir, and no cache for one elsewhere. Skipped when use_cache is false; a cache that
  // can't be written is said in ClipArtStats::cache_note and changes nothing else.
  std::filesystem::path cache_dir;
  bool use_cache = true;
  int threads = 0;  // decoding threads; 0: the machine's cores, at most 4
  std::function<void(size_t done, size_t total)> progress;  // while decoding (side > 0, not from the cache)
};

// What a load found and how long it took (seconds).
struct ClipArtStats {
  size_t paths = 0;         // PNG paths, links included
  size_t drawings = 0;      // entries (distinct files)
  size_t links = 0;         // paths that are symbolic links to another drawing
  size_t too_large = 0;     // left out: over runtime/limits.h's image limits
  size_t without_svg = 0;   // entries whose SVG is missing or has no metadata
  size_t held_out = 0;
  size_t decoded = 0, from_cache = 0, failed = 0;  // drawings decoded now, read from the cache, unreadable
  double index_seconds = 0, metadata_seconds = 0, images_seconds = 0;
  std::filesystem::path cache;  // the cache file used or written ("" when none)
  std::string cache_note;       // why the cache was not used or not written ("" when it was)
};

class ClipArtSet {
 public:
  // Indexes the collection (and decodes the drawings when options.side > 0). Throws Error(NotFound)
  // naming the Debian packages (clipart_missing) when it is not installed.
  static std::shared_ptr<ClipArtSet> load(const ClipArtOptions& options = {});

  const std::vector<ClipArtEntry>& entries() const { return entries_; }
  size_t size() const { return entries_.size(); }
  const ClipArtStats& stats() const { return stats_; }
  const std::filesystem::path& root() const { return root_; }
  // The entries on one side of the split, in index order.
  std::vector<size_t> split(bool held_out) const;

  // Drawing i as renders use it: straight from the PNG, cropped to the box of its visible pixels
  // (alpha >= 8), scaled down (area averaging) to fit side x side, RGBA with the colour
  // premultiplied by alpha. From memory when loaded at that side, else decoded now.
  Image drawing(size_t i, int side) const;

  // Drawing i on a background, size x size RGB, and a caption. augment: a size of 0.45-0.95 of the
  // frame at a random place, now and then a small rotation or a blur, on a solid, gradient, noisy or
  // textured background that stands out from the drawing; else centred at 0.85 on white. A pure
  // function of (i, seed, index, size).
  Sample render(size_t i, uint64_t seed, uint64_t index, int size, bool augment = true) const;
  // A training drawing (never a held-out one, nor one with no words at all), its folder chosen with
  // a weight of the square root of its size (shapes/stars and computer/icons, a third of the
  // collection, would otherwise fill the batches), rendered as render().
  Sample sample(uint64_t seed, uint64_t index, int size, size_t* drawing = nullptr) const;  // drawing: which it drew
  // Drawing i's title as captions and the title prompts say it: clipart_title_phrase, or for a
  // drawing filed under signs_and_symbols/flags whose title does not say "flag", "the flag of
  // {title}" ("sweden" -> "the flag of sweden"). "" when it has no usable title.
  std::string title_phrase(size_t i) const;
  // Drawing i's caption alone (render's, less the background's words): for the vocabulary.
  std::string caption(size_t i, uint64_t seed, uint64_t index) const;
  // The training drawings sample() draws from.
  size_t training_size() const { return train_.size(); }

  // The evaluation's categories: second-level folders ("animals/mammals") outside computer/,
  // special/ and unsorted/ with at least min_drawings drawings (both sides of the split), in
  // folder order. A drawing filed in two of them counts in both.
  struct Category {
    std::string folder, name;     // "food/fruit", "fruit"
    std::vector<size_t> drawings; // entries filed in it
  };
  std::vector<Category> categories(size_t min_drawings = 20) const;

 private:
  std::filesystem::path root_;
  std::vector<ClipArtEntry> entries_;
  std::vector<Image> drawings_;  // at side_, when loaded with a side
  std::vector<float> luma_;      // the drawing's mean luma over its alpha (0-1), when loaded with a side
  int side_ = 0;
  std::vector<size_t> train_;           // sample()'s drawings, grouped by folder
  std::vector<size_t> group_start_;     // train_[group_start_[g] .. group_start_[g+1]) share a folder
  std::vector<double> group_weight_;    // cumulative sqrt(size)
  ClipArtStats stats_;

  void load_drawings(const ClipArtOptions& options);
};

}  // namespace atelier::train
