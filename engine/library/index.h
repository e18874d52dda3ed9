// The Library's index: CLIP embeddings of every image under some folders, kept in one SQLite
// file (WAL) per model. Incremental: a rescan encodes only new and changed files, reuses the
// embedding of bytes it has seen at another path (a move, a rename, a copy), forgets deleted
// files, and records unreadable ones with the reason instead of failing. Each batch is one
// transaction: a kill loses at most the batch in flight, and the next run goes on from there.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "io/image.h"

namespace atelier::clip {
class Clip;
}

namespace atelier::library {

// The file extensions indexed (lower case, compared without regard to case).
const std::vector<std::string>& image_extensions();  // .png .jpg .jpeg .webp .bmp .gif
bool is_image_file(const std::filesystem::path& file);

// What an indexed image is read with: read_image's formats, and a GIF's first frame (OpenCV
// 4.6 reads no GIF). Throws Error naming the file, as read_image does.
Image read_library_image(const std::filesystem::path& file);

// A model's name in a database: the checkpoint's file (or folder) name and 8 hex digits of a
// hash of its absolute path ("mini-clip-1f2e3d4c"), so two checkpoints of one name never mix.
std::string model_key(const std::filesystem::path& checkpoint);
// <user_data_dir()>/library/<model_key>.sqlite
std::filesystem::path default_db_path(const std::string& model_key);

// The models a database holds embeddings of.
struct IndexedModel {
  std::string key;
  std::filesystem::path checkpoint;  // the file that made them (ClipInfo::path)
  int64_t dim = 0;
  int64_t images = 0;                // embeddings of this model
};
// NotFound when there is no database at db; BadFile when it is not a library.
std::vector<IndexedModel> indexed_models(const std::filesystem::path& db);

struct IndexProgress {
  int64_t done = 0, total = 0;  // files handled of those new or changed in this run
  int64_t encoded = 0;          // of them, run through the image encoder
  int64_t skipped = 0;          // of them, unreadable
  double images_per_second = 0; // files handled a second since the first batch began
  double eta_seconds = -1;      // -1 while unknown
};

struct Skipped {
  std::filesystem::path path;
  std::string reason;
};

struct IndexStats {
  int64_t found = 0;      // image files under the folders
  int64_t unchanged = 0;  // same path, size and time as indexed: nothing read
  int64_t encoded = 0;    // run through the encoder (new or changed bytes)
  int64_t reused = 0;     // bytes already embedded at another path or time (moved, renamed, copied, touched)
  int64_t removed = 0;    // rows of files no longer under the folders
  std::vector<Skipped> skipped;  // found unreadable in this run (earlier ones: Library::skipped)
  bool model_changed = false;    // the checkpoint changed since the last run: all re-encoded
  bool stopped = false;          // stop() said so; what was done is committed
  double seconds = 0;
  double images_per_second = 0;  // files handled a second over the batches
  // How the encoder was fed at the end: the next batch decoded while one encodes (true), or each
  // batch decoded by all threads and then encoded (false); a run of 8 batches or more times both.
  bool overlapped = true;
};

struct IndexOptions {
  int batch_size = 32;  // images encoded together and committed in one transaction (1 to 4096)
};

// Indexes the images under folders (recursively; hidden files and folders left out; symbolic
// links to folders not followed) into db, created when missing, under model_key. Rows of files
// outside these folders are kept: one database may index several folders in separate runs.
// Images are decoded, hashed (SHA-256) and preprocessed on a second thread while the model
// encodes the batch before, or by all threads between batches where that measured faster
// (IndexStats::overlapped). progress is called after each committed batch; stop is asked after
// each: true returns at once with stats.stopped (the next run goes on, rows of deleted files
// are removed only by a run that completes). Throws NotFound for a missing folder, and Error
// for a database that can't be written (a full disk: the batch in flight is rolled back).
IndexStats index_folders(const std::vector<std::filesystem::path>& folders, const clip::Clip& model, const std::string& model_key,
                         const std::filesystem::path& db, const std::function<void(const IndexProgress&)>& progress = {},
                         const std::function<bool()>& stop = {}, const IndexOptions& options = {});

}  // namespace atelier::library
