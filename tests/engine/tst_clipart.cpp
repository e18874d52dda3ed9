// Clip art (issue 17), the embedded models' third dataset: openclipart's drawings named from
// their SVGs' metadata and folders, the fixed split, the composites, the disk cache of decoded
// drawings, clip art in the mini-CLIP trainer's batches, and the held-out evaluation. A small
// collection written to a temporary folder tests the code on every machine; the real one
// (Debian's openclipart-png and openclipart-svg) is tested where it is installed, and those
// functions skip elsewhere saying what to install.
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "clip/clip.h"
#include "common/errors.h"
#include "io/image.h"
#include "runtime/error.h"
#include "runtime/model_paths.h"
#include "train/clip_eval.h"
#include "train/clip_trainer.h"
#include "train/clipart.h"
#include "train/vqgan_trainer.h"

using namespace atelier;
using namespace atelier::train;
namespace fs = std::filesystem;

namespace {

// An SVG with openclipart's metadata (the layout of the Debian files: RDF in <metadata>).
void writeSvg(const fs::path& file, const std::string& title, const std::string& description, const std::vector<std::string>& keywords,
              const std::string& creator) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\">\n  <metadata>\n"
         "    <rdf:RDF xmlns:cc=\"http://web.resource.org/cc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n      <cc:Work rdf:about=\"\">\n"
      << "        <dc:title>" << title << "</dc:title>\n        <dc:description>" << description << "</dc:description>\n"
      << "        <dc:subject><rdf:Bag>";
  for (const auto& k : keywords) out << "<rdf:li>" << k << "</rdf:li>";
  out << "</rdf:Bag></dc:subject>\n        <dc:creator><cc:Agent><dc:title>" << creator << "</dc:title></cc:Agent></dc:creator>\n"
      << "      </cc:Work>\n    </rdf:RDF>\n  </metadata>\n  <dc:title xmlns:dc=\"http://purl.org/dc/elements/1.1/\">not the title</dc:title>\n"
         "  <rect width=\"40\" height=\"30\"/>\n</svg>\n";
}

// A w x h RGBA PNG, transparent but for an opaque rectangle of one colour.
void writePng(const fs::path& file, int w, int h, int x0, int y0, int x1, int y1, std::array<uint8_t, 4> rgba) {
  fs::create_directories(file.parent_path());
  Image img{w, h, 4, std::vector<uint8_t>(size_t(w) * size_t(h) * 4, 0)};
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) std::copy(rgba.begin(), rgba.end(), img.pixels.begin() + (ptrdiff_t(y) * w + x) * 4);
  write_image(file, img);
}

// A collection like Debian's, small: food/fruit/red_apple (a red box in a transparent frame),
// shapes/half/half_green (green at half alpha), 24 numbered mammals (one linked into
// recreation/toys), a drawing in unsorted/ with no SVG and no words.
struct Collection {
  QTemporaryDir dir;
  fs::path root;
  Collection() : root(dir.path().toStdString()) {
    writePng(root / "png/food/fruit/red_apple.png", 40, 30, 10, 10, 30, 20, {255, 0, 0, 255});
    writeSvg(root / "svg/food/fruit/red_apple.svg", "Red_Apple (2)", "A shiny red apple. Drawn in Inkscape",
             {"apple", "fruit", "unsorted", "hash", "Jane Doe", "", "Clipart", "11"}, "Jane Doe");
    writePng(root / "png/shapes/half/half_green.png", 20, 20, 0, 0, 20, 20, {0, 255, 0, 128});
    writeSvg(root / "svg/shapes/half/half_green.svg", "green square", "", {"square"}, "someone");
    for (int i = 0; i < 24; ++i) {
      const std::string name = "horse_" + std::to_string(i);
      writePng(root / ("png/animals/mammals/" + name + ".png"), 32, 32, 4, 4, 28, 20 + i / 3, {40, 60, uint8_t(100 + i * 5), 255});
      writeSvg(root / ("svg/animals/mammals/" + name + ".svg"), "Horse" + std::to_string(i), "", {"mammal", "horse"}, "someone");
    }
    fs::create_directories(root / "png/recreation/toys");
    fs::create_directories(root / "svg/recreation/toys");
    fs::create_symlink("../../animals/mammals/horse_3.png", root / "png/recreation/toys/horse_3.png");
    fs::create_symlink("../../animals/mammals/horse_3.svg", root / "svg/recreation/toys/horse_3.svg");
    writePng(root / "png/unsorted/thing.png", 16, 16, 2, 2, 14, 14, {0, 0, 0, 255});
  }
  ClipArtOptions options(int side = 0) const {
    ClipArtOptions o;
    o.root = root;
    o.side = side;
    o.cache_dir = root / "cache";
    return o;
  }
};

size_t indexOf(const ClipArtSet& set, const std::string& file) {
  for (size_t i = 0; i < set.size(); ++i)
    if (set.entries()[i].file == file) return i;
  return set.size();
}

std::array<int, 3> pixel(const Image& img, int x, int y) {
  const uint8_t* p = &img.pixels[(size_t(y) * size_t(img.width) + size_t(x)) * 3];
  return {p[0], p[1], p[2]};
}

bool near(std::array<int, 3> a, std::array<int, 3> b, int tolerance = 3) {
  for (int c = 0; c < 3; ++c)
    if (std::abs(a[c] - b[c]) > tolerance) return false;
  return true;
}

int redPixels(const Image& img) {
  int n = 0;
  for (size_t p = 0; p < img.pixels.size(); p += 3) n += img.pixels[p] > 200 && img.pixels[p + 1] < 60 && img.pixels[p + 2] < 60;
  return n;
}

}  // namespace

class TstClipArt : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  // The split is a pure function of the path (FNV-1a 64, splitmix64's finaliser, modulo 10):
  // these answers are the documented split, and must never change.
  void theSplitIsAFixedFunctionOfThePath() {
    QVERIFY(clipart_held_out("food/fruit/an_apple_01.png"));
    QVERIFY(clipart_held_out("shapes/stars/estrella_01.png"));
    QVERIFY(clipart_held_out("food/beverages/milk_ganson.png"));
    QVERIFY(!clipart_held_out("animals/mammals/antilope_architetto_fran_01.png"));
    QVERIFY(!clipart_held_out("food/fruit/red_apple.png"));
    int held = 0;
    for (int i = 0; i < 10000; ++i) held += clipart_held_out("folder/drawing_" + std::to_string(i) + ".png");
    QVERIFY2(held > 900 && held < 1100, qPrintable(QString::number(held)));
  }

  void titlesKeywordsAndDescriptionsAreCleaned() {
    QCOMPARE(clipart_clean_title("Clipart by Nicu Buculei - piggybank"), std::string("piggybank"));
    QCOMPARE(clipart_clean_title("baloon1_04"), std::string("baloon"));
    QCOMPARE(clipart_clean_title("LED Rectangular H (Orange)"), std::string("led rectangular h orange"));
    QCOMPARE(clipart_clean_title("blueman#"), std::string("blueman"));
    QCOMPARE(clipart_clean_title("Part of the Flat Icon Collection (Wed Aug 25 23:29:46 2004)"), std::string());
    QCOMPARE(clipart_clean_title("Lemon SVG theme"), std::string());
    QCOMPARE(clipart_clean_title("gramastar"), std::string());
    QCOMPARE(clipart_clean_title("fc23"), std::string());
    QCOMPARE(clipart_clean_keyword("unsorted"), std::string());
    QCOMPARE(clipart_clean_keyword("hash"), std::string());
    QCOMPARE(clipart_clean_keyword("united_nations_member"), std::string());
    QCOMPARE(clipart_clean_keyword("11"), std::string());
    QCOMPARE(clipart_clean_keyword("Architetto Francesco Rollandin", {"Architetto Francesco Rollandin"}), std::string());
    QCOMPARE(clipart_clean_keyword("North_America"), std::string("north america"));
    QCOMPARE(clipart_clean_description("This is a nice detailed image of clouds."), std::string("this is a nice detailed image of clouds"));
    QCOMPARE(clipart_clean_description("EPS converted from  http://aiga.org"), std::string());
    QCOMPARE(clipart_clean_description("jean.victor.balin@gmail.com"), std::string());
    QCOMPARE(clipart_folder_name("transportation/aiga-symbols"), std::string("aiga symbols"));
    QCOMPARE(clipart_folder_name("food/meats_and_eggs"), std::string("meats and eggs"));
    QCOMPARE(clipart_title_phrase("red apple"), std::string("a red apple"));
    QCOMPARE(clipart_title_phrase("apple"), std::string("an apple"));
    QCOMPARE(clipart_title_phrase("an apple"), std::string("an apple"));
    QCOMPARE(clipart_title_phrase("clouds"), std::string("clouds"));
    QCOMPARE(clipart_title_phrase("glass"), std::string("a glass"));
  }

  void aMissingCollectionNamesThePackages() {
    QTemporaryDir empty;
    const fs::path root = empty.path().toStdString();
    const QString none = QString::fromStdString(errorOf([&] {
      ClipArtOptions o;
      o.root = root;
      ClipArtSet::load(o);
    }));
    QVERIFY2(none.contains("openclipart-png") && none.contains("openclipart-svg") && none.contains("install-deps.sh --training") &&
                 none.contains("apt-get install"),
             qPrintable(none));
    fs::create_directories(root / "png");
    const QString no_svg = QString::fromStdString(clipart_missing(root));
    QVERIFY2(no_svg.contains("metadata") && no_svg.contains("openclipart-svg"), qPrintable(no_svg));
    fs::create_directories(root / "svg");
    QCOMPARE(clipart_missing(root), std::string());
  }

  void metadataIsReadFromTheSvg() {
    Collection c;
    const ClipArtMetadata m = read_clipart_metadata(c.root / "svg/food/fruit/red_apple.svg");
    QVERIFY(m.found);
    QCOMPARE(m.title, std::string("Red_Apple (2)"));  // cc:Work's own dc:title, not its agent's nor one outside it
    QCOMPARE(m.description, std::string("A shiny red apple. Drawn in Inkscape"));
    QCOMPARE(m.keywords.size(), size_t(8));
    QCOMPARE(m.agents, std::vector<std::string>{"Jane Doe"});
    const fs::path broken = c.root / "broken.svg";
    std::ofstream(broken) << "<svg><metadata><rdf:RDF xmlns:rdf=\"x\"><cc:Work";
    QVERIFY(QString::fromStdString(errorOf([&] { read_clipart_metadata(broken); })).contains("well-formed"));
  }

  void captionsComeFromTheMetadataAndFolders() {
    Collection c;
    const auto set = ClipArtSet::load(c.options());
    QCOMPARE(set->stats().paths, size_t(28));
    QCOMPARE(set->stats().links, size_t(1));
    QCOMPARE(set->size(), size_t(27));
    const size_t apple = indexOf(*set, "food/fruit/red_apple.png");
    QVERIFY(apple < set->size());
    const ClipArtEntry& e = set->entries()[apple];
    QCOMPARE(e.title, std::string("red apple"));
    QCOMPARE(e.description, std::string("a shiny red apple"));
    QCOMPARE(e.keywords, (std::vector<std::string>{"apple", "fruit"}));  // not unsorted, hash, the creator, a number
    QCOMPARE(e.folders, std::vector<std::string>{"food/fruit"});
    std::set<std::string> captions;
    for (uint64_t i = 0; i < 300; ++i) captions.insert(set->caption(apple, 1, i));
    for (const char* want : {"a drawing of a red apple", "clip art of fruit", "clip art of food", "a red apple, clip art of fruit", "a shiny red apple"})
      QVERIFY2(captions.count(want), want);
    for (const auto& cap : captions) {
      QVERIFY2(cap.find("unsorted") == std::string::npos && cap.find("hash") == std::string::npos && cap.find("jane") == std::string::npos,
               cap.c_str());
      QVERIFY2(cap.find("red apple") != std::string::npos || cap.find("fruit") != std::string::npos || cap.find("food") != std::string::npos ||
                   cap.find("apple") != std::string::npos,
               cap.c_str());
    }
    // The linked drawing is one entry filed in both folders; the unsorted one has no words at all.
    const size_t horse = indexOf(*set, "animals/mammals/horse_3.png");
    QCOMPARE(set->entries()[horse].folders, (std::vector<std::string>{"animals/mammals", "recreation/toys"}));
    QCOMPARE(set->entries()[horse].title, std::string("horse"));
    const size_t thing = indexOf(*set, "unsorted/thing.png");
    QVERIFY(!set->entries()[thing].has_svg);
    QCOMPARE(set->caption(thing, 1, 0), std::string());
    // Rendered captions are the caption and at most the background's words.
    for (uint64_t i = 0; i < 40; ++i) {
      const Sample s = set->render(apple, 3, i, 32, true);
      QVERIFY2(s.caption.rfind(set->caption(apple, 3, i), 0) == 0, s.caption.c_str());
    }
    // The categories: second-level folders, here with at least 20 drawings.
    const auto cats = set->categories(20);
    QCOMPARE(cats.size(), size_t(1));
    QCOMPARE(cats[0].folder, std::string("animals/mammals"));
    QCOMPARE(cats[0].name, std::string("mammals"));
    QCOMPARE(cats[0].drawings.size(), size_t(24));
    QCOMPARE(set->categories(1).size(), size_t(4));  // food/fruit, shapes/half, animals/mammals, recreation/toys
  }

  void theSplitIsDisjointAndSampleNeverDrawsAHeldOutDrawing() {
    Collection c;
    const auto set = ClipArtSet::load(c.options(32));
    const auto held = set->split(true), train = set->split(false);
    QCOMPARE(held.size() + train.size(), set->size());
    for (size_t i : held) QVERIFY(std::find(train.begin(), train.end(), i) == train.end());
    for (size_t i = 0; i < set->size(); ++i) QCOMPARE(set->entries()[i].held_out, clipart_held_out(set->entries()[i].file));
    QVERIFY(set->training_size() > 0);
    std::set<size_t> drawn;
    for (uint64_t k = 0; k < 400; ++k) {
      size_t d = set->size();
      const Sample s = set->sample(7, k, 32, &d);
      QVERIFY(d < set->size());
      QVERIFY2(!set->entries()[d].held_out, set->entries()[d].file.c_str());
      QVERIFY(set->entries()[d].file != "unsorted/thing.png");  // no words, never drawn
      QCOMPARE(s.image.width, 32);
      QVERIFY(!s.caption.empty());
      drawn.insert(d);
      if (k < 5) QCOMPARE(set->sample(7, k, 32).caption, s.caption);  // a pure function of (seed, index)
    }
    QCOMPARE(drawn.size(), set->training_size());
  }

  // The drawing's own pixels over a background: centred on white without augmentation; with it,
  // the same red box at another size and place on backgrounds that vary.
  void aCompositeHasTheDrawingOverABackground() {
    Collection c;
    const auto set = ClipArtSet::load(c.options());
    const size_t apple = indexOf(*set, "food/fruit/red_apple.png");
    const Image d = set->drawing(apple, 16);  // cropped to its box (20 x 10), scaled to fit 16
    QCOMPARE(d.width, 16);
    QCOMPARE(d.height, 8);
    QCOMPARE(d.channels, 4);
    QCOMPARE(int(d.pixels[0]), 255);
    QCOMPARE(int(d.pixels[3]), 255);
    const Sample plain = set->render(apple, 1, 0, 64, false);
    QCOMPARE(plain.image.width, 64);
    QCOMPARE(plain.image.channels, 3);
    QVERIFY(near(pixel(plain.image, 32, 32), {255, 0, 0}));
    QVERIFY(near(pixel(plain.image, 2, 2), {255, 255, 255}));
    QVERIFY(near(pixel(plain.image, 32, 12), {255, 255, 255}));  // above the box (54 x 27, centred)
    const int red = redPixels(plain.image);
    QVERIFY2(std::abs(red - 54 * 27) < 120, qPrintable(QString::number(red)));
    QCOMPARE(plain.caption, set->caption(apple, 1, 0));
    // Straight alpha composited as such: green at half alpha over white.
    const Sample half = set->render(indexOf(*set, "shapes/half/half_green.png"), 1, 0, 64, false);
    QVERIFY2(near(pixel(half.image, 32, 32), {128, 255, 128}, 4), qPrintable(QString("%1 %2 %3").arg(pixel(half.image, 32, 32)[0]).arg(pixel(half.image, 32, 32)[1]).arg(pixel(half.image, 32, 32)[2])));
    std::set<std::array<int, 3>> corners;
    for (uint64_t i = 0; i < 30; ++i) {
      const Sample s = set->render(apple, 5, i, 64, true);
      const int n = redPixels(s.image);
      // 0.45 to 0.95 of the frame wide, half as high; a rotation or blur softens the edges.
      QVERIFY2(n > 200 && n < 64 * 64 / 2, qPrintable(QString("%1: %2 red pixels").arg(i).arg(n)));
      corners.insert(pixel(s.image, 0, 0));
      const Sample again = set->render(apple, 5, i, 64, true);
      QVERIFY(again.image.pixels == s.image.pixels);
    }
    QVERIFY2(corners.size() >= 10, qPrintable(QString::number(corners.size())));
  }

  void theCacheIsReadBackAndRefusedWhenStale() {
    Collection c;
    const auto first = ClipArtSet::load(c.options(32));
    QCOMPARE(first->stats().decoded, first->size());
    QCOMPARE(first->stats().from_cache, size_t(0));
    const fs::path cache = first->stats().cache;
    QVERIFY2(fs::is_regular_file(cache), first->stats().cache_note.c_str());
    const auto second = ClipArtSet::load(c.options(32));
    QCOMPARE(second->stats().from_cache, first->size());
    QCOMPARE(second->stats().decoded, size_t(0));
    for (size_t i = 0; i < first->size(); ++i) QVERIFY(first->drawing(i, 32).pixels == second->drawing(i, 32).pixels);
    // The same pixels as a drawing decoded when it is rendered.
    const auto lazy = ClipArtSet::load(c.options());
    for (size_t i = 0; i < first->size(); ++i) QVERIFY(lazy->drawing(i, 32).pixels == first->drawing(i, 32).pixels);
    QVERIFY(lazy->render(2, 9, 4, 32).image.pixels == second->render(2, 9, 4, 32).image.pixels);
    // Cut short: decoded again, and said why.
    fs::resize_file(cache, fs::file_size(cache) - 10);
    const auto cut = ClipArtSet::load(c.options(32));
    QCOMPARE(cut->stats().decoded, first->size());
    QVERIFY(!cut->stats().cache_note.empty());
    // A drawing changed: the cache is another collection's.
    fs::last_write_time(c.root / "png/food/fruit/red_apple.png", fs::file_time_type::clock::now() + std::chrono::hours(1));
    QCOMPARE(ClipArtSet::load(c.options(32))->stats().decoded, first->size());
    QCOMPARE(ClipArtSet::load(c.options(32))->stats().from_cache, first->size());
    // Without the cache, or with the evaluation's decode_all = false and no cache at that side.
    ClipArtOptions none = c.options(32);
    none.use_cache = false;
    QCOMPARE(ClipArtSet::load(none)->stats().decoded, first->size());
    ClipArtOptions lazy16 = c.options(16);
    lazy16.decode_all = false;
    QCOMPARE(ClipArtSet::load(lazy16)->stats().decoded, size_t(0));
  }

  // train clip --clipart: clip art in the batches, the share recorded for a resume, the shares checked.
  void theTrainerMixesClipArtIn() {
    Collection c;
    QTemporaryDir out;
    ClipTrainOptions o;
    o.out = out.path().toStdString();
    o.steps = 3;
    o.batch = 8;
    o.warmup = 1;
    o.checkpoint_every = 100;
    o.image_size = 32;
    o.patch = 8;
    o.vision_width = o.text_width = 64;
    o.vision_layers = o.text_layers = 1;
    o.context = 16;
    o.embed_dim = 16;
    o.merges = 40;
    o.contrast = 0;
    o.emoji_fraction = 0.2;
    o.clipart_fraction = 0.6;
    o.clipart_dir = c.root;
    int clipart = 0;  // captions only clip art has (5 in 6 of its captions have these words)
    train_clip(o, [&](const TrainProgress& p) {
      for (const auto& cap : p.captions) clipart += cap.rfind("a drawing of", 0) == 0 || cap.find("clip art") != std::string::npos;
    });
    QVERIFY2(clipart >= 5, qPrintable(QString::number(clipart)));  // of 24 pairs shown, about 12 expected
    std::ifstream record(fs::path(o.out) / "config.json");
    const std::string text((std::istreambuf_iterator<char>(record)), std::istreambuf_iterator<char>());
    QVERIFY2(text.find("\"clipart_fraction\": 0.6") != std::string::npos, text.c_str());
    QVERIFY(fs::exists(fs::path(o.out) / "model.safetensors"));
    QTemporaryDir out2;
    o.out = out2.path().toStdString();
    o.clipart_fraction = 0.9;
    QVERIFY(QString::fromStdString(errorOf([&] { train_clip(o, {}); })).contains("at most 1"));
  }

  // The VQGAN trainer's clip art (train vqgan --data clipart): training drawings when it trains,
  // held-out ones when it is judged (eval vqgan --data clipart), as the CLIP trainer splits them.
  // The 24 horses differ only in blue (100 + 5 i): the median blue of an image's horse-coloured
  // pixels says which horse it shows.
  void theVqganDataSplitsClipArtAsTheClipTrainerDoes() {
    Collection c;
    const auto set = ClipArtSet::load(c.options(32));
    std::set<int> heldHorses, trainHorses;
    const std::string prefix = "animals/mammals/horse_";
    for (const auto& e : set->entries())
      if (e.file.rfind(prefix, 0) == 0) (e.held_out ? heldHorses : trainHorses).insert(std::stoi(e.file.substr(prefix.size())));
    QVERIFY(!heldHorses.empty() && !trainHorses.empty());
    auto whichHorse = [](const Image& img) {
      std::vector<int> blues;
      for (size_t p = 0; p < img.pixels.size(); p += 3)
        if (std::abs(img.pixels[p] - 40) <= 6 && std::abs(img.pixels[p + 1] - 60) <= 6) blues.push_back(img.pixels[p + 2]);
      if (blues.size() < 30) return -1;
      std::nth_element(blues.begin(), blues.begin() + std::ptrdiff_t(blues.size() / 2), blues.end());
      return int(std::lround((blues[blues.size() / 2] - 100) / 5.0));
    };
    const auto held = train::vqgan_holdout("clipart", 24, 32, 1, c.root);
    QCOMPARE(held.size(), size_t(24));
    int horses = 0;
    for (const Image& img : held) {
      QCOMPARE(img.width, 32);
      const int k = whichHorse(img);
      if (k < 0) continue;  // another held-out drawing
      QVERIFY2(heldHorses.count(k), qPrintable(QString("horse %1 is a training drawing").arg(k)));
      ++horses;
    }
    QVERIFY2(horses >= 6, qPrintable(QString::number(horses)));
    // Training reads the same collection and records where it is, for --resume.
    QTemporaryDir out;
    train::VqganTrainOptions o;
    o.out = out.path().toStdString();
    o.data = "clipart";
    o.clipart_dir = c.root;
    o.size = 16;
    o.batch = 2;
    o.steps = 1;
    o.ch_mult = {1, 2};
    o.z_channels = o.embed_dim = 8;
    o.n_embed = 64;
    o.clip = find_default_clip();
    std::vector<train::VqganTrainProgress> seen;
    train::train_vqgan(o, [&](const train::VqganTrainProgress& p) { seen.push_back(p); });
    QCOMPARE(seen.size(), size_t(1));
    QVERIFY(std::isfinite(seen[0].l1) && seen[0].l1 > 0);
    std::ifstream record(fs::path(o.out) / "config.json");
    const std::string text((std::istreambuf_iterator<char>(record)), std::istreambuf_iterator<char>());
    QVERIFY2(text.find(c.root.string()) != std::string::npos, text.c_str());
  }

  // ---- the real collection ----------------------------------------------------------------

  void theRealCollectionIsIndexed() {
    if (const std::string why = clipart_missing(); !why.empty()) QSKIP(why.c_str());
    const auto set = ClipArtSet::load();
    const ClipArtStats& st = set->stats();
    qInfo("%zu paths, %zu drawings (%zu links, %zu over the image limits, %zu without metadata), %zu held out; %.2f s",
          st.paths, st.drawings, st.links, st.too_large, st.without_svg, st.held_out, st.index_seconds + st.metadata_seconds);
    QVERIFY(st.paths >= 8000 && st.drawings >= 6800);
    QVERIFY(st.links > 1000);
    const double share = double(st.held_out) / double(st.drawings);
    QVERIFY2(share > 0.08 && share < 0.12, qPrintable(QString::number(share)));
    QCOMPARE(set->split(true).size() + set->split(false).size(), set->size());
    for (size_t i = 0; i < set->size(); ++i) QCOMPARE(set->entries()[i].held_out, clipart_held_out(set->entries()[i].file));
    // Captions from the metadata: openclipart's an_apple_01.svg has the title "An Apple" and the
    // keywords hash, (empty), food, apple, fruit.
    const size_t apple = indexOf(*set, "food/fruit/an_apple_01.png");
    QVERIFY(apple < set->size());
    const ClipArtEntry& e = set->entries()[apple];
    QVERIFY(e.held_out);
    QCOMPARE(e.title, std::string("an apple"));
    QCOMPARE(e.keywords, (std::vector<std::string>{"food", "apple", "fruit"}));
    std::set<std::string> captions;
    for (uint64_t i = 0; i < 200; ++i) captions.insert(set->caption(apple, 1, i));
    QVERIFY(captions.count("a drawing of an apple") && captions.count("clip art of fruit") && captions.count("an apple, clip art of fruit"));
    QCOMPARE(set->title_phrase(indexOf(*set, "signs_and_symbols/flags/asia/laos.png")), std::string("the flag of laos"));
    for (size_t i = 0; i < set->size(); ++i) {
      const ClipArtEntry& d = set->entries()[i];
      for (const char* never : {"unsorted", "hash", "magick", ""})
        QVERIFY2(std::find(d.keywords.begin(), d.keywords.end(), never) == d.keywords.end(), (d.file + ": " + never).c_str());
      const std::string cap = set->caption(i, 1, i);
      QVERIFY2(cap.find("unsorted") == std::string::npos && cap.find("gramastar") == std::string::npos,
               (d.file + ": " + cap).c_str());
    }
    const auto cats = set->categories(20);
    QCOMPARE(cats.size(), size_t(39));  // TOOLCHAIN.md: 39 second-level folders with 20 drawings outside computer/, special/, unsorted/
    std::set<std::string> names;
    for (const auto& cat : cats) names.insert(cat.name);
    QCOMPARE(names.size(), cats.size());
    QVERIFY(names.count("fruit") && names.count("mammals") && names.count("vehicles"));
    // A real drawing over its background: the apple centred on white is not white in the middle.
    const Sample s = set->render(apple, 1, 0, 64, false);
    QVERIFY(near(pixel(s.image, 0, 0), {255, 255, 255}));
    QVERIFY(!near(pixel(s.image, 32, 32), {255, 255, 255}, 20));
  }

  void theEvaluationRunsOnTheShippedMiniClip() {
    if (const std::string why = clipart_missing(); !why.empty()) QSKIP(why.c_str());
    const auto path = find_default_clip();
    QVERIFY2(!path.empty(), "the shipped mini-CLIP is missing");
    clip::Clip model = clip::Clip::load(path);
    const EvalResult r = eval_clip(model, "clipart", 10);
    for (const auto& [k, v] : r.metrics)
      qInfo("%s %.2f%% (%d images, among %d, chance %.2f%%)", k.c_str(), 100 * v, r.counts.at(k), r.candidates.at(k), 100 * r.chance.at(k));
    QCOMPARE(r.metrics.size(), size_t(5));
    for (const char* key : {"clipart.category.top1", "clipart.category.top5", "clipart.category.top1_balanced", "clipart.title.recall1",
                            "clipart.title.recall5"}) {
      QVERIFY2(r.metrics.count(key), key);
      const double v = r.metrics.at(key);
      QVERIFY2(v >= 0 && v <= 1, qPrintable(QStringLiteral("%1 = %2").arg(key).arg(v)));
      QVERIFY(r.counts.at(key) > 100);
      QCOMPARE(r.chance.at(key), (QString(key).endsWith("5") ? 5.0 : 1.0) / r.candidates.at(key));
    }
    QCOMPARE(r.candidates.at("clipart.category.top1"), 39);
    QVERIFY(r.candidates.at("clipart.title.recall1") > 200);
    QVERIFY(r.metrics.at("clipart.category.top5") >= r.metrics.at("clipart.category.top1"));
    QVERIFY(r.metrics.at("clipart.title.recall5") >= r.metrics.at("clipart.title.recall1"));
    QCOMPARE(r.templates.at("clipart.category.top1"), std::string("clip art of {category}"));
    int total = 0, right = 0;
    const auto& m = r.confusion.at("clipart.category");
    QCOMPARE(m.labels.size(), size_t(39));
    for (size_t t = 0; t < m.counts.size(); ++t)
      for (size_t g = 0; g < m.counts[t].size(); ++g) total += m.counts[t][g], right += t == g ? m.counts[t][g] : 0;
    QCOMPARE(total, r.counts.at("clipart.category.top1"));
    QCOMPARE(double(right) / total, r.metrics.at("clipart.category.top1"));
  }
};

QTEST_GUILESS_MAIN(TstClipArt)
#include "tst_clipart.moc"
