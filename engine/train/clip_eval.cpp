#include "train/clip_eval.h"

#include <algorithm>
#include <numeric>

#include "runtime/error.h"
#include "train/clipart.h"
#include "train/datasets.h"
#include "train/detail/rng.h"
#include "train/eval_shapes.h"

namespace atelier::train {

namespace {

constexpr uint64_t kHeldOutSeed = 0xE7A1'0000'0000'0001ULL;  // training seeds are small integers

// Index of the best-matching prompt for each image (cosine; the scale doesn't change the argmax).
std::vector<std::vector<size_t>> ranking(clip::Clip& model, const std::vector<Image>& images, const std::vector<std::string>& prompts) {
  auto cos = clip::cosine_matrix(model.encode_images(images), model.encode_texts(prompts, true));
  std::vector<std::vector<size_t>> out;
  for (const auto& row : cos) {
    std::vector<size_t> order(row.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return row[a] > row[b]; });
    out.push_back(std::move(order));
  }
  return out;
}

// Shapes from the independent renderer (kIndependentSeed): each image against the prompts
// "a {colour} {shape}" of its own colour (shape) and of its own shape (colour), the 120 prompts
// encoded once, the images 64 at a time.
void eval_independent(clip::Clip& model, int n, EvalResult& r) {
  const auto& shapes = shape_names();
  const auto& colours = colour_names();
  const size_t S = shapes.size(), C = colours.size();
  std::vector<std::string> prompts;  // [shape * C + colour]
  for (const auto& sn : shapes)
    for (const auto& cn : colours) prompts.push_back(with_article(cn) + " " + sn);
  const auto texts = model.encode_texts(prompts, true);
  auto& cs = r.confusion["independent.shape"];
  auto& cc = r.confusion["independent.colour"];
  cs = {shapes, std::vector<std::vector<int>>(S, std::vector<int>(S))};
  cc = {colours, std::vector<std::vector<int>>(C, std::vector<int>(C))};
  int shape_ok = 0, colour_ok = 0, by_size_ok[3] = {}, by_size[3] = {};
  const int size = int(model.info().image_size);
  for (int start = 0; start < n; start += 64) {
    std::vector<IndependentShape> drawn;
    std::vector<Image> images;
    for (int i = start; i < std::min(n, start + 64); ++i) {
      drawn.push_back(independent_shape(kIndependentSeed, uint64_t(i)));
      images.push_back(render_independent(drawn.back(), size));
    }
    const auto cos = clip::cosine_matrix(model.encode_images(images), texts);  // [images, prompts]
    for (size_t k = 0; k < drawn.size(); ++k) {
      const size_t s = size_t(drawn[k].shape), c = size_t(drawn[k].colour);
      size_t got_s = 0, got_c = 0;
      for (size_t j = 1; j < S; ++j)
        if (cos[k][j * C + c] > cos[k][got_s * C + c]) got_s = j;
      for (size_t j = 1; j < C; ++j)
        if (cos[k][s * C + j] > cos[k][s * C + got_c]) got_c = j;
      const int sc = int(size_class(drawn[k].radius));
      shape_ok += got_s == s;
      colour_ok += got_c == c;
      by_size_ok[sc] += got_s == s;
      ++by_size[sc];
      ++cs.counts[s][got_s];
      ++cc.counts[c][got_c];
    }
  }
  r.metrics["independent.shape"] = double(shape_ok) / n;
  r.metrics["independent.colour"] = double(colour_ok) / n;
  r.counts["independent.shape"] = r.counts["independent.colour"] = n;
  r.templates["independent.shape"] = r.templates["independent.colour"] = "a {colour} {shape}";
  r.candidates["independent.shape"] = int(S);
  r.candidates["independent.colour"] = int(C);
  r.chance["independent.shape"] = 1.0 / double(S);
  r.chance["independent.colour"] = 1.0 / double(C);
  for (int sc = 0; sc < 3; ++sc) {
    if (!by_size[sc]) continue;  // fewer than three images
    const std::string key = std::string("independent.shape.") + size_class_name(SizeClass(sc));
    r.metrics[key] = double(by_size_ok[sc]) / by_size[sc];
    r.counts[key] = by_size[sc];
    r.templates[key] = "a {colour} {shape}";
    r.candidates[key] = int(S);
    r.chance[key] = 1.0 / double(S);
  }
}

// Held-out clip art: each drawing rendered once (as training renders, at a seed it never uses),
// ranked against the category prompts and, when it has a title, against the held-out titles.
void eval_clipart(clip::Clip& model, EvalResult& r) {
  const int size = int(model.info().image_size);
  // The drawings at the model's size from the disk cache training fills, when it is there;
  // else each decoded as it is rendered (the same pixels either way).
  ClipArtOptions options;
  options.side = size;
  options.decode_all = false;
  const auto set = ClipArtSet::load(options);
  const auto& entries = set->entries();

  const auto cats = set->categories(20);
  std::vector<std::string> names, cat_prompts;
  std::map<size_t, std::vector<size_t>> truth;  // held-out drawing -> its categories
  for (size_t k = 0; k < cats.size(); ++k) {
    names.push_back(cats[k].name);
    cat_prompts.push_back(clipart_category_prompt(cats[k].name));
    for (size_t d : cats[k].drawings)
      if (entries[d].held_out) truth[d].push_back(k);
  }
  std::vector<std::string> title_prompts;
  std::map<std::string, size_t> title_of;  // a held-out title phrase -> its prompt
  std::map<size_t, size_t> titled;         // held-out drawing -> its title's prompt
  for (size_t d : set->split(true)) {
    const std::string phrase = set->title_phrase(d);
    if (phrase.empty()) continue;
    auto [it, added] = title_of.emplace(phrase, title_prompts.size());
    if (added) title_prompts.push_back(clipart_title_prompt(phrase));
    titled[d] = it->second;
  }
  std::vector<size_t> drawings;
  for (const auto& [d, _] : truth) drawings.push_back(d);
  for (const auto& [d, _] : titled) drawings.push_back(d);
  std::sort(drawings.begin(), drawings.end());
  drawings.erase(std::unique(drawings.begin(), drawings.end()), drawings.end());

  const auto cat_texts = model.encode_texts(cat_prompts, true);
  const auto title_texts = title_prompts.empty() ? std::vector<clip::Embedding>{} : model.encode_texts(title_prompts, true);
  const size_t K = cats.size(), T = title_prompts.size();
  auto& conf = r.confusion["clipart.category"];
  conf = {names, std::vector<std::vector<int>>(K, std::vector<int>(K))};
  int cat_n = 0, cat_top1 = 0, cat_top5 = 0, title_n = 0, title_top1 = 0, title_top5 = 0;
  std::vector<int> per_cat_n(K), per_cat_ok(K);
  // Better than the best true answer: the rank of the right prompt (ties count for the image).
  auto rank = [](const std::vector<double>& row, double mine, const std::vector<size_t>& right) {
    size_t better = 0;
    for (size_t j = 0; j < row.size(); ++j)
      better += row[j] > mine && std::find(right.begin(), right.end(), j) == right.end();
    return better;
  };
  for (size_t start = 0; start < drawings.size(); start += 64) {
    std::vector<Image> images;
    std::vector<size_t> shown;
    for (size_t k = start; k < std::min(drawings.size(), start + 64); ++k) {
      try {
        images.push_back(set->render(drawings[k], kHeldOutSeed, drawings[k], size, true).image);
        shown.push_back(drawings[k]);
      } catch (const Error&) {
        // A drawing with no visible pixels: nothing to see, left out.
      }
    }
    if (images.empty()) continue;
    const auto embedded = model.encode_images(images);
    const auto by_cat = clip::cosine_matrix(embedded, cat_texts);
    const auto by_title = T ? clip::cosine_matrix(embedded, title_texts) : std::vector<std::vector<double>>{};
    for (size_t k = 0; k < shown.size(); ++k) {
      if (auto t = truth.find(shown[k]); t != truth.end()) {
        const auto& right = t->second;
        double best = -2;
        for (size_t c : right) best = std::max(best, by_cat[k][c]);
        const size_t better = rank(by_cat[k], best, right);
        const size_t guess = size_t(std::max_element(by_cat[k].begin(), by_cat[k].end()) - by_cat[k].begin());
        ++cat_n;
        cat_top1 += better == 0;
        cat_top5 += better < 5;
        ++per_cat_n[right.front()];
        per_cat_ok[right.front()] += better == 0;
        ++conf.counts[right.front()][std::find(right.begin(), right.end(), guess) != right.end() ? right.front() : guess];
      }
      if (auto t = titled.find(shown[k]); t != titled.end()) {
        const size_t better = rank(by_title[k], by_title[k][t->second], {t->second});
        ++title_n;
        title_top1 += better == 0;
        title_top5 += better < 5;
      }
    }
  }
  if (cat_n > 0) {
    double balanced = 0;
    int seen = 0;
    for (size_t c = 0; c < K; ++c)
      if (per_cat_n[c] > 0) balanced += double(per_cat_ok[c]) / per_cat_n[c], ++seen;
    r.metrics["clipart.category.top1"] = double(cat_top1) / cat_n;
    r.metrics["clipart.category.top5"] = double(cat_top5) / cat_n;
    r.metrics["clipart.category.top1_balanced"] = balanced / seen;
    for (const char* key : {"clipart.category.top1", "clipart.category.top5", "clipart.category.top1_balanced"}) {
      r.counts[key] = cat_n;
      r.candidates[key] = int(K);
      r.templates[key] = clipart_category_prompt("{category}");
    }
    r.chance["clipart.category.top1"] = r.chance["clipart.category.top1_balanced"] = 1.0 / double(K);
    r.chance["clipart.category.top5"] = std::min(1.0, 5.0 / double(K));
  }
  if (title_n > 0) {
    r.metrics["clipart.title.recall1"] = double(title_top1) / title_n;
    r.metrics["clipart.title.recall5"] = double(title_top5) / title_n;
    for (const char* key : {"clipart.title.recall1", "clipart.title.recall5"}) {
      r.counts[key] = title_n;
      r.candidates[key] = int(T);
      r.templates[key] = clipart_title_prompt("{title}");
    }
    r.chance["clipart.title.recall1"] = 1.0 / double(T);
    r.chance["clipart.title.recall5"] = std::min(1.0, 5.0 / double(T));
  }
}

}  // namespace

EvalResult eval_clip(clip::Clip& model, const std::string& suite, int n) {
  if (suite != "shapes" && suite != "emoji" && suite != "independent" && suite != "clipart" && suite != "all")
    throw Error(ErrorKind::InvalidArgument, "unknown suite '" + suite + "': use shapes, emoji, independent, clipart or all");
  if (n < 1) throw Error(ErrorKind::InvalidArgument, "eval_clip: at least one image per metric");
  EvalResult r;
  const int size = int(model.info().image_size);
  if (suite == "shapes" || suite == "all") {
    const auto& shapes = shape_names();
    const auto& colours = colour_names();
    const auto& positions = position_names();
    // Colour: "a {colour} {shape}" over the colours, the shape given. Shape: over the shapes, the colour given.
    // Position: "a {colour} {shape} {position}" over the positions.
    auto& cc = r.confusion["shapes.colour"];
    auto& cs = r.confusion["shapes.shape"];
    auto& cp = r.confusion["shapes.position"];
    cc = {colours, std::vector<std::vector<int>>(colours.size(), std::vector<int>(colours.size()))};
    cs = {shapes, std::vector<std::vector<int>>(shapes.size(), std::vector<int>(shapes.size()))};
    cp = {positions, std::vector<std::vector<int>>(positions.size(), std::vector<int>(positions.size()))};
    int colour_ok = 0, shape_ok = 0, pos_ok = 0;
    for (int i = 0; i < n; ++i) {
      Rng rng(kHeldOutSeed, uint64_t(i));
      const int s = rng.uniform(int(shapes.size())), c = rng.uniform(int(colours.size())), p = rng.uniform(int(positions.size()));
      Sample sm = render_shape(s, c, p, size, kHeldOutSeed + uint64_t(i));
      std::vector<std::string> by_colour, by_shape, by_pos;
      for (const auto& cn : colours) by_colour.push_back("a " + cn + " " + shapes[size_t(s)]);
      for (const auto& sn : shapes) by_shape.push_back("a " + colours[size_t(c)] + " " + sn);
      for (const auto& pn : positions) by_pos.push_back("a " + colours[size_t(c)] + " " + shapes[size_t(s)] + " " + pn);
      const size_t got_c = ranking(model, {sm.image}, by_colour)[0][0];
      const size_t got_s = ranking(model, {sm.image}, by_shape)[0][0];
      const size_t got_p = ranking(model, {sm.image}, by_pos)[0][0];
      colour_ok += got_c == size_t(c);
      shape_ok += got_s == size_t(s);
      pos_ok += got_p == size_t(p);
      ++cc.counts[size_t(c)][got_c];
      ++cs.counts[size_t(s)][got_s];
      ++cp.counts[size_t(p)][got_p];
    }
    r.metrics["shapes.colour"] = double(colour_ok) / n;
    r.metrics["shapes.shape"] = double(shape_ok) / n;
    r.metrics["shapes.position"] = double(pos_ok) / n;
    r.templates["shapes.colour"] = "a {colour} {shape}";
    r.templates["shapes.shape"] = "a {colour} {shape}";
    r.templates["shapes.position"] = "a {colour} {shape} {position}";
    r.counts["shapes.colour"] = r.counts["shapes.shape"] = r.counts["shapes.position"] = n;
    r.candidates["shapes.colour"] = int(colours.size());
    r.candidates["shapes.shape"] = int(shapes.size());
    r.candidates["shapes.position"] = int(positions.size());
    for (const char* key : {"shapes.colour", "shapes.shape", "shapes.position"}) r.chance[key] = 1.0 / r.candidates[key];
  }
  if (suite == "independent" || suite == "all") eval_independent(model, n, r);
  if (suite == "clipart") eval_clipart(model, r);
  if (suite == "all") {
    if (const std::string why = clipart_missing(); why.empty()) eval_clipart(model, r);
    else r.skipped.push_back("clipart: " + why);
  }
  if (suite == "emoji" || suite == "all") {
    auto emoji = EmojiSet::load();
    std::vector<std::string> prompts;
    for (const auto& e : emoji->entries())
      prompts.push_back("an emoji of " + with_article(e.name));
    const auto texts = model.encode_texts(prompts, true);
    int top1 = 0, top5 = 0;
    const size_t total = emoji->size();
    for (size_t start = 0; start < total; start += 64) {
      std::vector<Image> images;
      for (size_t i = start; i < std::min(total, start + 64); ++i) images.push_back(emoji->render(i, kHeldOutSeed, i, size, true).image);
      auto cos = clip::cosine_matrix(model.encode_images(images), texts);
      for (size_t k = 0; k < cos.size(); ++k) {
        const size_t truth = start + k;
        const double mine = cos[k][truth];
        size_t better = 0;
        for (double v : cos[k]) better += v > mine;
        top1 += better == 0;
        top5 += better < 5;
      }
    }
    r.metrics["emoji.top1"] = double(top1) / double(total);
    r.metrics["emoji.top5"] = double(top5) / double(total);
    r.templates["emoji.top1"] = r.templates["emoji.top5"] = "an emoji of a {name}";
    r.counts["emoji.top1"] = r.counts["emoji.top5"] = int(total);
    r.candidates["emoji.top1"] = r.candidates["emoji.top5"] = int(total);
    r.chance["emoji.top1"] = 1.0 / double(total);
    r.chance["emoji.top5"] = std::min(1.0, 5.0 / double(total));
  }
  return r;
}

}  // namespace atelier::train
