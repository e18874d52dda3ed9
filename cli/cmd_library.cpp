// clip-atelier-cli index | search | dupes | map: CLIP over a folder of images. index keeps the
// embeddings in an SQLite file per model (default: the user's data folder, one per CLIP; --db
// for another), incrementally; the others read it: ranked text or image queries (with weighted
// and negative terms), near-duplicate groups, and a 2-D map as CSV or a PNG of thumbnails.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "clip/clip.h"
#include "guide/prompts.h"
#include "io/image.h"
#include "library/index.h"
#include "library/library.h"
#include "runtime/error.h"

namespace atelier::cli {

namespace fs = std::filesystem;

namespace {

struct LibraryArgs {
  std::vector<std::string> folders;
  std::string db, clip, vocab, precision = "fp32", text, image, out;
  int batch = 32, top = 20, size = 2048, thumb = 48, max_thumbs = 2000;
  double threshold = 0.95;
  bool json = false;
};

// Which model and database a command means: --clip names the model (its key), --db the file;
// with --db alone, the one model it holds; with neither, the default CLIP and its database.
struct Resolved {
  fs::path checkpoint, db;
  std::string key;
};

Resolved resolve(const LibraryArgs& a) {
  Resolved r;
  if (!a.clip.empty() || a.db.empty()) {
    r.checkpoint = a.clip.empty() ? default_clip() : fs::path(a.clip);
    r.key = library::model_key(r.checkpoint);
    r.db = a.db.empty() ? library::default_db_path(r.key) : fs::path(a.db);
    return r;
  }
  r.db = a.db;
  const auto models = library::indexed_models(r.db);
  if (models.empty()) throw Error(ErrorKind::NotFound, r.db.string() + " holds no embeddings yet: clip-atelier-cli index DIR --db " + r.db.string());
  if (models.size() > 1) {
    std::string keys;
    for (const auto& m : models) keys += (keys.empty() ? "" : ", ") + m.key + " (" + m.checkpoint.string() + ")";
    throw Error(ErrorKind::InvalidArgument, r.db.string() + " holds embeddings of several models: " + keys + "; pass --clip to choose");
  }
  r.key = models.front().key;
  r.checkpoint = models.front().checkpoint;
  return r;
}

clip::Clip load_model(const Resolved& r, const LibraryArgs& a, const RuntimeInfo& rt) {
  std::error_code ec;
  if (!fs::exists(r.checkpoint, ec))
    throw Error(ErrorKind::NotFound, "the CLIP that indexed " + r.db.string() + " (" + r.checkpoint.string() + ") is not there: pass --clip");
  clip::Clip model = clip::Clip::load(r.checkpoint, a.vocab);
  model.to(rt.device.name, a.precision == "bf16"   ? clip::Precision::BFloat16
                           : a.precision == "fp16" ? clip::Precision::Half
                                                   : clip::Precision::Float32);
  return model;
}

void index(const LibraryArgs& a, const RuntimeInfo& rt) {
  LibraryArgs own = a;
  own.db.clear();  // index writes under the model of --clip (or the default), whatever --db holds
  Resolved r = resolve(own);
  if (!a.db.empty()) r.db = a.db;
  const clip::Clip model = load_model(r, a, rt);
  std::vector<fs::path> folders(a.folders.begin(), a.folders.end());
  std::fprintf(stderr, "indexing into %s (model %s)\n", r.db.string().c_str(), r.key.c_str());
  library::IndexStats s;
  run_in_foreground([&](const StopRequested& stop) {
    auto progress = [](const library::IndexProgress& p) {
      std::fprintf(stderr, "\r%lld of %lld images  %.1f images/s  ETA %s  (%lld encoded, %lld skipped)   ", (long long)p.done,
                   (long long)p.total, p.images_per_second, clock_text(p.eta_seconds).c_str(), (long long)p.encoded, (long long)p.skipped);
    };
    s = library::index_folders(folders, model, r.key, r.db, progress, [&] { return stop(); }, {a.batch});
    std::fprintf(stderr, "\n");
  });
  if (a.json) {
    nlohmann::json out{{"db", r.db.string()}, {"model", r.key},     {"found", s.found},     {"unchanged", s.unchanged},
                       {"encoded", s.encoded}, {"reused", s.reused}, {"removed", s.removed}, {"stopped", s.stopped},
                       {"model_changed", s.model_changed}, {"seconds", s.seconds}, {"images_per_second", s.images_per_second},
                       {"skipped", nlohmann::json::array()}};
    for (const auto& k : s.skipped) out["skipped"].push_back({{"path", k.path.string()}, {"reason", k.reason}});
    std::cout << out.dump(2) << '\n';
  } else {
    if (s.model_changed) std::printf("the checkpoint changed since the last run: every image was encoded again\n");
    std::printf("%lld images: %lld encoded, %lld reused (moved, renamed or copied), %lld unchanged, %lld removed, %zu skipped (%.1f s, %.1f images/s)\n",
                (long long)s.found, (long long)s.encoded, (long long)s.reused, (long long)s.unchanged, (long long)s.removed, s.skipped.size(),
                s.seconds, s.images_per_second);
    for (const auto& k : s.skipped) std::printf("skipped %s: %s\n", k.path.string().c_str(), k.reason.c_str());
  }
  if (s.stopped)
    std::fprintf(stderr, "stopped after the current batch: %s holds what was done; the same command goes on from there\n", r.db.string().c_str());
}

void search(const LibraryArgs& a, const RuntimeInfo& rt) {
  if (a.text.empty() == a.image.empty()) throw Error(ErrorKind::InvalidArgument, "give --text or --image (one of them)");
  const Resolved r = resolve(a);
  const library::Library lib = library::Library::open(r.db, r.key);
  const clip::Clip model = load_model(r, a, rt);
  std::vector<library::Term> terms;
  if (!a.text.empty()) {
    // The guided prompts' syntax: "a beach | people:-0.5" ranks beaches without people first.
    const auto prompts = guide::parse_prompts(a.text);
    std::vector<std::string> texts;
    for (const auto& p : prompts) {
      if (std::isfinite(p.stop))
        throw Error(ErrorKind::InvalidArgument, "\"" + p.text + "\" has a stop value (its third number): a search has no use for one");
      texts.push_back(p.text);
    }
    const auto embeddings = model.encode_texts(texts);
    for (size_t i = 0; i < prompts.size(); ++i) terms.push_back({embeddings[i], prompts[i].weight});
  } else {
    terms.push_back({model.encode_images({library::read_library_image(a.image)}).front(), 1.0});
  }
  const auto hits = lib.search(terms, a.top, model.info().logit_scale);
  if (a.json) {
    nlohmann::json out{{"db", r.db.string()}, {"model", r.key}, {"images", lib.size()}, {"hits", nlohmann::json::array()}};
    if (!a.text.empty()) out["text"] = a.text;
    else out["image"] = a.image;
    for (size_t i = 0; i < hits.size(); ++i)
      out["hits"].push_back({{"rank", i + 1}, {"path", hits[i].path.string()}, {"score", hits[i].score}, {"cosine", hits[i].cosine},
                             {"softmax", hits[i].softmax}});
    std::cout << out.dump(2) << '\n';
    return;
  }
  std::printf("%4s  %7s  %7s  %7s  %s\n", "RANK", "SCORE", "COSINE", "SOFTMAX", "PATH");
  for (size_t i = 0; i < hits.size(); ++i)
    std::printf("%4zu  %7.4f  %7.4f  %6.2f%%  %s\n", i + 1, hits[i].score, hits[i].cosine, 100 * hits[i].softmax, hits[i].path.string().c_str());
  if (lib.size() == 0) std::printf("(the library is empty)\n");
}

void dupes(const LibraryArgs& a) {
  const Resolved r = resolve(a);
  const auto groups = library::Library::open(r.db, r.key).duplicates(a.threshold);
  if (a.json) {
    nlohmann::json out{{"db", r.db.string()}, {"model", r.key}, {"threshold", a.threshold}, {"groups", nlohmann::json::array()}};
    for (const auto& g : groups) {
      nlohmann::json members = nlohmann::json::array();
      for (const auto& m : g)
        members.push_back({{"path", m.path.string()}, {"bytes", m.bytes}, {"width", m.width}, {"height", m.height}, {"cosine", m.cosine}});
      out["groups"].push_back(members);
    }
    std::cout << out.dump(2) << '\n';
    return;
  }
  size_t images = 0;
  for (size_t i = 0; i < groups.size(); ++i) {
    std::printf("group %zu: %zu images\n", i + 1, groups[i].size());
    for (const auto& m : groups[i])
      std::printf("  %5dx%-5d  %9.1f kB  %.4f  %s\n", m.width, m.height, double(m.bytes) / 1e3, m.cosine, m.path.string().c_str());
    images += groups[i].size();
  }
  std::printf("%zu groups, %zu images at cosine >= %.3f (the first of each has the most pixels; nothing is deleted)\n", groups.size(), images,
              a.threshold);
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

// A white canvas with each image's thumbnail (at most max_thumbs, evenly chosen; the others as
// grey dots) centred on its point.
Image map_png(const library::Library& lib, const std::vector<std::array<double, 2>>& pts, const LibraryArgs& a) {
  const int S = a.size, T = a.thumb, margin = T / 2 + 8;
  Image canvas{S, S, 3, std::vector<uint8_t>(size_t(S) * size_t(S) * 3, 255)};
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& p : pts) x0 = std::min(x0, p[0]), x1 = std::max(x1, p[0]), y0 = std::min(y0, p[1]), y1 = std::max(y1, p[1]);
  auto place = [&](double v, double lo, double hi) { return hi > lo ? margin + int(std::lround((v - lo) / (hi - lo) * (S - 2 * margin))) : S / 2; };
  auto px = [&](size_t i) { return place(pts[i][0], x0, x1); };
  auto py = [&](size_t i) { return S - 1 - place(pts[i][1], y0, y1); };  // up is up
  auto paste = [&](const Image& im, int cx, int cy) {
    for (int y = 0; y < im.height; ++y)
      for (int x = 0; x < im.width; ++x) {
        const int X = cx - im.width / 2 + x, Y = cy - im.height / 2 + y;
        if (X < 0 || Y < 0 || X >= S || Y >= S) continue;
        const uint8_t* p = &im.pixels[(size_t(y) * size_t(im.width) + size_t(x)) * size_t(im.channels)];
        uint8_t* q = &canvas.pixels[(size_t(Y) * size_t(S) + size_t(X)) * 3];
        const int alpha = im.channels == 4 ? p[3] : 255;
        for (int c = 0; c < 3; ++c) q[c] = uint8_t((p[c] * alpha + q[c] * (255 - alpha)) / 255);
      }
  };
  const Image dot{3, 3, 3, std::vector<uint8_t>(27, 128)};
  const size_t n = pts.size(), every = std::max<size_t>(1, (n + size_t(a.max_thumbs) - 1) / size_t(a.max_thumbs));
  for (size_t i = 0; i < n; ++i) paste(dot, px(i), py(i));
  for (size_t i = 0; i < n; i += every) {
    try {
      const Image im = library::read_library_image(lib.entries()[i].path);
      const double s = double(T) / std::max(im.width, im.height);
      paste(resize_image(im, std::max(1, int(im.width * s)), std::max(1, int(im.height * s))), px(i), py(i));
    } catch (const Error&) {
      // A file changed or gone since it was indexed: its dot stays.
    }
    std::fprintf(stderr, "\rmap: %zu of %zu thumbnails   ", i / every + 1, (n + every - 1) / every);
  }
  if (n) std::fprintf(stderr, "\n");
  return canvas;
}

void map(const LibraryArgs& a) {
  const std::string ext = fs::path(a.out).extension().string();
  if (ext != ".csv" && ext != ".png") throw Error(ErrorKind::InvalidArgument, "--out: " + a.out + " should end in .csv or .png");
  if (ext == ".png") check_image_out(a.out, "--out");
  else check_folder_out(fs::path(a.out).parent_path().empty() ? "." : fs::path(a.out).parent_path().string(), "--out");
  const Resolved r = resolve(a);
  const library::Library lib = library::Library::open(r.db, r.key);
  if (lib.size() == 0) throw Error(ErrorKind::NotFound, r.db.string() + " holds no images of " + r.key + " to map");
  const auto pts = lib.pca2();
  if (ext == ".png") {
    write_image(a.out, map_png(lib, pts, a));
  } else {
    std::string csv = "path,x,y\n";
    char xy[64];
    for (size_t i = 0; i < pts.size(); ++i) {
      std::snprintf(xy, sizeof xy, ",%.6f,%.6f\n", pts[i][0], pts[i][1]);
      csv += csv_field(lib.entries()[i].path.string()) + xy;
    }
    write_file_whole(a.out, csv.data(), csv.size());
  }
  std::printf("%zu images mapped (PCA, 2 components) into %s\n", lib.size(), a.out.c_str());
}

}  // namespace

void add_library_commands(CLI::App& app, Globals& globals) {
  auto a = std::make_shared<LibraryArgs>();
  auto model_options = [&](CLI::App* c) {
    c->add_option("--clip", a->clip, "The CLIP checkpoint (default: the default model, or the one that made --db)");
    c->add_option("--vocab", a->vocab, "Its vocabulary, when not beside it");
    c->add_option("--precision", a->precision, "fp32, or bf16 / fp16 for the fast mode")->check(CLI::IsMember({"fp32", "bf16", "fp16"}));
  };
  const std::string db_help = "The library database (default: <user data>/library/<model>.sqlite)";
  auto* ix = app.add_subcommand("index", "Embed every image under folders into a library database (incremental; Ctrl+C stops after the batch)");
  ix->add_option("folders", a->folders, "Folders to index (recursively)")->required()->check(CLI::ExistingDirectory);
  ix->add_option("--db", a->db, db_help);
  model_options(ix);
  ix->add_option("--batch", a->batch, "Images encoded and committed together")->check(CLI::Range(1, 4096));
  ix->add_flag("--json", a->json, "Print the summary as JSON");
  ix->callback([a, &globals] { index(*a, configure(globals)); });

  auto* se = app.add_subcommand("search", "Rank a library's images by a text (\"a beach | people:-0.5\") or an image");
  se->add_option("--db", a->db, db_help);
  model_options(se);
  auto* text = se->add_option("--text", a->text, "The query, in the guided prompts' syntax: parts split by |, each text[:weight]");
  se->add_option("--image", a->image, "An image whose look to find")->excludes(text);
  se->add_option("--top", a->top, "How many to list (0: all)")->check(CLI::Range(0, 1 << 30));
  se->add_flag("--json", a->json, "Print JSON");
  se->callback([a, &globals] { search(*a, configure(globals)); });

  auto* du = app.add_subcommand("dupes", "Groups of near-duplicate images in a library (nothing is deleted)");
  du->add_option("--db", a->db, db_help);
  du->add_option("--clip", a->clip, "The CLIP whose embeddings to compare, when the database holds several");
  du->add_option("--threshold", a->threshold, "Cosine at or above which two images are duplicates")->check(CLI::Range(-1.0, 1.0));
  du->add_flag("--json", a->json, "Print JSON");
  du->callback([a, &globals] {
    configure(globals);
    dupes(*a);
  });

  auto* mp = app.add_subcommand("map", "A library's images on a 2-D map (PCA): CSV (path,x,y) or a PNG of thumbnails");
  mp->add_option("--db", a->db, db_help);
  mp->add_option("--clip", a->clip, "The CLIP whose embeddings to map, when the database holds several");
  mp->add_option("--out", a->out, "map.csv or map.png")->required();
  mp->add_option("--size", a->size, "The PNG's side in pixels")->check(CLI::Range(256, 8192));
  mp->add_option("--thumb", a->thumb, "A thumbnail's longer side in pixels")->check(CLI::Range(4, 256));
  mp->add_option("--max-thumbs", a->max_thumbs, "Thumbnails at most (the other images are dots)")->check(CLI::Range(1, 100000));
  mp->callback([a, &globals] {
    configure(globals);
    map(*a);
  });
}

}  // namespace atelier::cli
