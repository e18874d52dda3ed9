// A thin RAII layer over SQLite for the library's database: every failure becomes an
// atelier::Error naming the database file and what was being done. Private to engine/library.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace atelier::library::detail {

class Statement;

// The library's schema version (PRAGMA user_version); a database of a newer one is refused.
inline constexpr int kSchemaVersion = 1;

class Database {
 public:
  enum class Mode {
    Create,   // make the file (and its folder) and the tables when missing
    Existing  // NotFound when missing, BadFile when not a library database
  };
  // Opens in WAL mode (a kill loses at most the open transaction; readers do not block the
  // writer) with a busy timeout, so the GUI reading while the CLI indexes waits instead of failing.
  Database(const std::filesystem::path& file, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void exec(const char* sql);
  Statement prepare(const char* sql);
  const std::filesystem::path& file() const { return file_; }
  // Throws the Error for SQLite's result code rc while `doing` ("reading the images").
  [[noreturn]] void fail(int rc, const std::string& doing) const;

 private:
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, sqlite3_stmt* stmt, std::string sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;

  // Parameters are numbered from 1, as in SQLite.
  Statement& bind(int i, int64_t value);
  Statement& bind(int i, const std::string& value);
  Statement& bind_blob(int i, const void* data, size_t bytes);
  // true while there is a row to read; false when done.
  bool step();
  // Ready for new parameters (the old ones cleared).
  void reset();
  // Columns are numbered from 0.
  bool is_null(int col) const;
  int64_t int64(int col) const;
  std::string text(int col) const;
  std::vector<float> floats(int col) const;  // a float32 blob

 private:
  Database* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
};

// BEGIN IMMEDIATE (the write lock taken at once, so a batch never fails half-way on a busy
// database); rolled back unless commit() is called.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool open_ = true;
};

}  // namespace atelier::library::detail
