#include "library/index.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <unordered_map>
#include <unordered_set>

#include "clip/clip.h"
#include "clip/preprocess.h"
#include "hub/download.h"
#include "library/detail/scan.h"
#include "library/detail/sqlite.h"
#include "runtime/error.h"

namespace fs = std::filesystem;

namespace atelier::library {

namespace {

using detail::Database;
using detail::Found;
using detail::Statement;
using detail::Transaction;
using Clock = std::chrono::steady_clock;

struct Row {
  int64_t id = -1, size = 0, mtime = 0;
  std::string hash;
  int width = 0, height = 0;
  bool ok = false, embedded = false;  // readable; has this model's embedding
};

// A file new or changed since the last run, and what its row held.
struct Work {
  Found file;
  Row old;  // id -1: a new path
};

// What the second thread makes of a file: its hash, and either an embedding to reuse, the
// model's input, or why it can't be read.
struct Prepared {
  std::string hash;
  int64_t reuse = -1;  // the row whose embedding of the same bytes is taken (its own included)
  int width = 0, height = 0;
  std::vector<float> pixels;
  std::string skip;
};

struct Known {
  int64_t id;
  int width, height;
};

Prepared prepare(const Work& w, const std::unordered_map<std::string, Known>& known, int image_size) {
  Prepared p;
  try {
    if (w.file.size == 0) {
      p.skip = "an empty file (0 bytes)";
      return p;
    }
    p.hash = hub::sha256_file(w.file.path);
    if (w.old.id >= 0 && w.old.embedded && p.hash == w.old.hash) {  // touched, not changed
      p.reuse = w.old.id, p.width = w.old.width, p.height = w.old.height;
      return p;
    }
    if (const auto it = known.find(p.hash); it != known.end()) {  // moved, renamed or copied
      p.reuse = it->second.id, p.width = it->second.width, p.height = it->second.height;
      return p;
    }
    const Image image = read_library_image(w.file.path);
    p.width = image.width, p.height = image.height;
    p.pixels = clip::preprocess(image, image_size);
  } catch (...) {
    p.skip = describe_current_exception();
    p.pixels.clear();
  }
  return p;
}

}  // namespace

IndexStats index_folders(const std::vector<fs::path>& folders, const clip::Clip& model, const std::string& key, const fs::path& db,
                         const std::function<void(const IndexProgress&)>& progress, const std::function<bool()>& stop,
                         const IndexOptions& options) {
  const auto started = Clock::now();
  if (folders.empty()) throw Error(ErrorKind::InvalidArgument, "no folder to index");
  if (key.empty()) throw Error(ErrorKind::InvalidArgument, "no model key to index under");
  if (options.batch_size < 1 || options.batch_size > 4096)
    throw Error(ErrorKind::InvalidArgument, "a batch of " + std::to_string(options.batch_size) + " images: use 1 to 4096");
  std::vector<fs::path> roots;
  for (const auto& f : folders) roots.push_back(detail::root_of(f));
  const clip::ClipInfo& info = model.info();
  const int64_t dim = info.embed_dim;
  const int image_size = int(info.image_size);

  Database d(db, Database::Mode::Create);
  IndexStats stats;
  {
    Transaction t(d);
    const std::string fp = detail::fingerprint(info.path);
    Statement s = d.prepare("SELECT dim, fingerprint FROM models WHERE key = ?1");
    s.bind(1, key);
    if (s.step() && (s.int64(0) != dim || s.text(1) != fp)) {
      d.prepare("DELETE FROM embeddings WHERE model = ?1").bind(1, key).step();
      stats.model_changed = true;
    }
    d.prepare("INSERT OR REPLACE INTO models(key, checkpoint, dim, fingerprint) VALUES(?1, ?2, ?3, ?4)")
        .bind(1, key).bind(2, info.path).bind(3, dim).bind(4, fp).step();
    t.commit();
  }

  std::unordered_map<std::string, Row> rows;
  {
    Statement s = d.prepare(
        "SELECT i.id, i.path, i.size, i.mtime, i.content_hash, i.width, i.height, i.status = 'ok', e.image_id IS NOT NULL "
        "FROM images i LEFT JOIN embeddings e ON e.image_id = i.id AND e.model = ?1");
    s.bind(1, key);
    while (s.step())
      rows.emplace(s.text(1), Row{s.int64(0), s.int64(2), s.int64(3), s.text(4), int(s.int64(5)), int(s.int64(6)), s.int64(7) != 0, s.int64(8) != 0});
  }

  const std::vector<Found> found = detail::scan(roots);
  stats.found = int64_t(found.size());
  std::vector<Work> work;
  std::unordered_set<int64_t> busy;  // rows this run rewrites
  for (const auto& f : found) {
    const auto it = rows.find(f.path);
    if (it != rows.end() && it->second.size == f.size && it->second.mtime == f.mtime && (!it->second.ok || it->second.embedded)) {
      ++stats.unchanged;
      continue;
    }
    work.push_back({f, it != rows.end() ? it->second : Row{}});
    if (it != rows.end()) busy.insert(it->second.id);
  }
  // Bytes already embedded, for moved and copied files. Rows this run rewrites are left out: a
  // changed file's old bytes found at a new path must not take the embedding being replaced.
  std::unordered_map<std::string, Known> known;
  for (const auto& [_, r] : rows)
    if (r.ok && r.embedded && !r.hash.empty() && !busy.count(r.id)) known.emplace(r.hash, Known{r.id, r.width, r.height});

  Statement upsert = d.prepare(
      "INSERT INTO images(path, size, mtime, content_hash, width, height, status) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, content_hash = excluded.content_hash, "
      "width = excluded.width, height = excluded.height, status = excluded.status RETURNING id");
  Statement drop = d.prepare("DELETE FROM embeddings WHERE image_id = ?1");
  Statement copy = d.prepare(
      "INSERT OR REPLACE INTO embeddings(image_id, model, dim, vector) SELECT ?1, model, dim, vector FROM embeddings "
      "WHERE image_id = ?2 AND model = ?3");
  Statement put = d.prepare("INSERT OR REPLACE INTO embeddings(image_id, model, dim, vector) VALUES(?1, ?2, ?3, ?4)");

  const size_t batch = size_t(options.batch_size);
  const auto batches_began = Clock::now();
  std::atomic<bool> abandon{false};  // the worker stops early when the run ends before its batch
  auto prepare_batch = [&](size_t begin) {
    return std::async(std::launch::async, [&work, &known, &abandon, image_size, begin, batch] {
      std::vector<Prepared> out;
      for (size_t i = begin; i < std::min(work.size(), begin + batch) && !abandon; ++i) out.push_back(prepare(work[i], known, image_size));
      return out;
    });
  };
  // The batch decoded by every thread in turn, then encoded.
  auto prepare_in_turn = [&](size_t begin) {
    std::vector<Prepared> out(std::min(work.size(), begin + batch) - begin);
    at::parallel_for(0, int64_t(out.size()), 1, [&](int64_t b, int64_t e) {
      for (int64_t i = b; i < e; ++i) out[size_t(i)] = prepare(work[begin + size_t(i)], known, image_size);
    });
    return out;
  };
  struct Abandon {
    std::atomic<bool>& flag;
    ~Abandon() { flag = true; }
  };
  std::future<std::vector<Prepared>> next;
  Abandon on_exit{abandon};  // declared after next: set before next's destructor waits for the worker
  // Two ways to feed the encoder. Overlapped: the next batch is decoded on a second thread while
  // this one encodes, so a large encoder never waits. In turn: all threads decode the batch, then
  // encode it; when decoding is a large share (a small encoder), the extra thread would otherwise
  // oversubscribe the cores, and the encoder's OpenMP barriers wait on a descheduled thread. The
  // run times both (batches 1-2 overlapped, 4-5 in turn; 0 and 3 warm up or change over) and keeps
  // the faster; a run of fewer batches stays overlapped.
  const size_t batches = (work.size() + batch - 1) / batch;
  const bool trial = batches >= 8;
  bool overlap = true;
  double overlap_seconds = 0, in_turn_seconds = 0;
  int64_t overlap_images = 0, in_turn_images = 0;
  int64_t done = 0, skipped_run = 0;
  for (size_t begin = 0, index = 0; begin < work.size(); begin += batch, ++index) {
    if (trial && index == 3) overlap = false;
    if (trial && index == 6)
      overlap = overlap_images > 0 && in_turn_images > 0 &&
                double(overlap_images) / overlap_seconds >= double(in_turn_images) / in_turn_seconds;
    const auto batch_began = Clock::now();
    std::vector<Prepared> items = next.valid() ? next.get() : prepare_in_turn(begin);
    if (overlap && begin + batch < work.size()) next = prepare_batch(begin + batch);  // decoded while this one encodes

    std::vector<float> pixels;
    int to_encode = 0;
    for (const auto& p : items)
      if (p.skip.empty() && p.reuse < 0) {
        pixels.insert(pixels.end(), p.pixels.begin(), p.pixels.end());
        ++to_encode;
      }
    const std::vector<clip::Embedding> fresh = to_encode ? model.encode_pixels(pixels, to_encode) : std::vector<clip::Embedding>{};
    pixels = {};

    Transaction t(d);
    size_t k = 0;
    for (size_t j = 0; j < items.size(); ++j) {
      const Work& w = work[begin + j];
      const Prepared& p = items[j];
      upsert.bind(1, w.file.path).bind(2, w.file.size).bind(3, w.file.mtime).bind(4, p.hash);
      upsert.bind(5, int64_t(p.width)).bind(6, int64_t(p.height)).bind(7, p.skip.empty() ? std::string("ok") : p.skip);
      if (!upsert.step()) throw Error(ErrorKind::Internal, "the library database returned no row id for " + w.file.path);
      const int64_t id = upsert.int64(0);
      upsert.reset();
      // New bytes at an indexed path: every model's old embedding of it is stale.
      if (w.old.id >= 0 && (!p.skip.empty() || p.hash != w.old.hash)) {
        drop.bind(1, id).step();
        drop.reset();
      }
      if (!p.skip.empty()) {
        stats.skipped.push_back({w.file.path, p.skip});
        ++skipped_run;
      } else if (p.reuse == id) {
        ++stats.reused;
      } else if (p.reuse >= 0) {
        copy.bind(1, id).bind(2, p.reuse).bind(3, key).step();
        copy.reset();
        ++stats.reused;
      } else {
        const clip::Embedding& e = fresh.at(k++);
        if (int64_t(e.size()) != dim)
          throw Error(ErrorKind::Internal, "the model gave " + std::to_string(e.size()) + " values for " + std::to_string(dim) + " dimensions");
        put.bind(1, id).bind(2, key).bind(3, dim).bind_blob(4, e.data(), e.size() * sizeof(float)).step();
        put.reset();
        ++stats.encoded;
      }
    }
    t.commit();
    if (trial && (index == 1 || index == 2 || index == 4 || index == 5)) {
      const double took = std::chrono::duration<double>(Clock::now() - batch_began).count();
      (overlap ? overlap_seconds : in_turn_seconds) += took;
      (overlap ? overlap_images : in_turn_images) += int64_t(items.size());
    }
    stats.overlapped = overlap;

    done += int64_t(items.size());
    const double seconds = std::chrono::duration<double>(Clock::now() - batches_began).count();
    const double rate = seconds > 0 ? double(done) / seconds : 0;
    if (progress)
      progress({done, int64_t(work.size()), stats.encoded, skipped_run, rate, rate > 0 ? double(int64_t(work.size()) - done) / rate : -1});
    if (stop && stop() && done < int64_t(work.size())) {
      stats.stopped = true;
      break;
    }
  }

  if (!stats.stopped) {
    // Rows of files gone from these folders (only a complete run knows: a stopped one has not
    // yet moved their embeddings to where the files went).
    std::unordered_set<std::string> present;
    for (const auto& f : found) present.insert(f.path);
    std::vector<int64_t> gone;
    for (const auto& [path, r] : rows)
      if (!present.count(path))
        for (const auto& root : roots)
          if (detail::under(path, root.string())) {
            gone.push_back(r.id);
            break;
          }
    if (!gone.empty()) {
      Transaction t(d);
      Statement del = d.prepare("DELETE FROM images WHERE id = ?1");
      for (int64_t id : gone) {
        drop.bind(1, id).step();
        drop.reset();
        del.bind(1, id).step();
        del.reset();
      }
      t.commit();
      stats.removed = int64_t(gone.size());
    }
  }
  const double batch_seconds = std::chrono::duration<double>(Clock::now() - batches_began).count();
  stats.images_per_second = batch_seconds > 0 ? double(done) / batch_seconds : 0;
  stats.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return stats;
}

}  // namespace atelier::library
