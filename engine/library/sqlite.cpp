#include "library/detail/sqlite.h"

#include <sqlite3.h>

#include <cstring>

#include "runtime/error.h"

namespace fs = std::filesystem;

namespace atelier::library::detail {

namespace {

// One database holds any number of models' embeddings of the same images: a row per file, its
// status ("ok" or why it was skipped), and per model a float32 vector. The models table keeps
// which checkpoint made them and its fingerprint, so a checkpoint retrained in place is noticed.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS images(
  id INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  mtime INTEGER NOT NULL,
  content_hash TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS images_by_hash ON images(content_hash);
CREATE TABLE IF NOT EXISTS embeddings(
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  model TEXT NOT NULL,
  dim INTEGER NOT NULL,
  vector BLOB NOT NULL,
  PRIMARY KEY(image_id, model));
CREATE TABLE IF NOT EXISTS models(
  key TEXT PRIMARY KEY,
  checkpoint TEXT NOT NULL,
  dim INTEGER NOT NULL,
  fingerprint TEXT NOT NULL);
)sql";

}  // namespace

Database::Database(const fs::path& file, Mode mode) : file_(file) {
  std::error_code ec;
  if (mode == Mode::Existing && !fs::is_regular_file(file, ec))
    throw Error(ErrorKind::NotFound, "no library database at " + file.string() + " (clip-atelier-cli index DIR --db " + file.string() + " makes one)");
  if (mode == Mode::Create && file.has_parent_path()) {
    fs::create_directories(file.parent_path(), ec);
    if (ec) throw Error(ErrorKind::Io, "can't make the folder " + file.parent_path().string() + " for the library database: " + ec.message());
  }
  const int flags = SQLITE_OPEN_READWRITE | (mode == Mode::Create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(file.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorKind::Io, "can't open the library database " + file.string() + ": " + why);
  }
  try {
    sqlite3_busy_timeout(db_, 10000);
    sqlite3_extended_result_codes(db_, 1);
    // WAL: a killed writer leaves the last committed batch intact; synchronous=NORMAL keeps that
    // for a killed process (a power cut may lose the last batches, never the file's integrity).
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=NORMAL");
    exec("PRAGMA foreign_keys=ON");
    Statement v = prepare("PRAGMA user_version");
    const int64_t version = v.step() ? v.int64(0) : 0;
    if (version > kSchemaVersion)
      throw Error(ErrorKind::Unsupported, "the library database " + file.string() + " was made by a newer version of CLIP Atelier (schema " +
                                              std::to_string(version) + "; this one reads " + std::to_string(kSchemaVersion) + ")");
    if (version == 0) {
      if (mode == Mode::Existing)
        throw Error(ErrorKind::BadFile, file.string() + " is an SQLite database but not a CLIP Atelier library (no library tables)");
      exec(kSchema);
      exec(("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
    }
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

Database::~Database() {
  // Statements are finalised by their own destructors first; close_v2 waits for any left.
  if (db_) sqlite3_close_v2(db_);
}

void Database::fail(int rc, const std::string& doing) const {
  const int primary = rc & 0xff;
  const std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
  const std::string where = " (" + doing + " in " + file_.string() + ")";
  switch (primary) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      throw Error(ErrorKind::BadFile, file_.string() + " is not a readable library database: " + why + where);
    case SQLITE_FULL: throw Error(ErrorKind::Io, "the disk is full: " + why + where);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw Error(ErrorKind::Io, "the library database is locked by another program (for over 10 s): " + why + where);
    case SQLITE_READONLY: throw Error(ErrorKind::Io, "the library database can't be written: " + why + where);
    case SQLITE_NOMEM: throw Error(ErrorKind::Device, "out of memory: " + why + where);
    default: throw Error(ErrorKind::Io, "the library database failed: " + why + where);
  }
}

void Database::exec(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (message) sqlite3_free(message);
  if (rc != SQLITE_OK) fail(rc, std::string("running ") + std::string(sql).substr(0, 40));
}

Statement Database::prepare(const char* sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
  if (rc != SQLITE_OK) fail(rc, std::string("preparing ") + std::string(sql).substr(0, 40));
  return Statement(*this, stmt, sql);
}

Statement::Statement(Database& db, sqlite3_stmt* stmt, std::string sql) : db_(&db), stmt_(stmt), sql_(std::move(sql)) {}
Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}
Statement::Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_), sql_(std::move(other.sql_)) { other.stmt_ = nullptr; }

Statement& Statement::bind(int i, int64_t value) {
  if (const int rc = sqlite3_bind_int64(stmt_, i, value); rc != SQLITE_OK) db_->fail(rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int i, const std::string& value) {
  if (const int rc = sqlite3_bind_text(stmt_, i, value.data(), int(value.size()), SQLITE_TRANSIENT); rc != SQLITE_OK)
    db_->fail(rc, "binding a text");
  return *this;
}

Statement& Statement::bind_blob(int i, const void* data, size_t bytes) {
  if (const int rc = sqlite3_bind_blob64(stmt_, i, data, sqlite3_uint64(bytes), SQLITE_TRANSIENT); rc != SQLITE_OK)
    db_->fail(rc, "binding a blob");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  db_->fail(rc, "running " + sql_.substr(0, 40));
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string Statement::text(int col) const {
  const auto* p = sqlite3_column_text(stmt_, col);
  return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(stmt_, col))) : std::string();
}

std::vector<float> Statement::floats(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  const size_t bytes = size_t(sqlite3_column_bytes(stmt_, col));
  if (bytes % sizeof(float) != 0)
    throw Error(ErrorKind::BadFile, "an embedding of " + std::to_string(bytes) + " bytes (not whole float32 values) in " + db_->file().string());
  std::vector<float> out(bytes / sizeof(float));
  if (bytes) std::memcpy(out.data(), p, bytes);
  return out;
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (...) {
    // Already rolled back by SQLite (a full disk or I/O error ends the transaction itself).
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace atelier::library::detail
