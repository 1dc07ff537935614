// Database: a pool of SOCI sessions over SQLite or PostgreSQL, and the two ways to use one.
//   Read(fn)  runs fn(session) outside a transaction (each statement sees committed data).
//   Write(fn) runs fn(session) in a transaction: BEGIN IMMEDIATE on SQLite, so writers queue
//             on the busy timeout instead of failing with "database is locked"; committed when
//             fn returns an ok Result, rolled back when it returns errors or throws.
// Thread-safe: any thread may call Read/Write; each call borrows one pooled connection.
#pragma once
#include <atomic>
#include <memory>
#include <soci/soci.h>
#include <string>
#include <type_traits>

#include "platform/core/result.hpp"

namespace qizhi::platform::db {

enum class Dialect { kSqlite, kPostgres };

class Database {
 public:
  // url: "sqlite:PATH" (the file and its folder are created) or "postgresql://…".
  static Result<std::unique_ptr<Database>> Open(const std::string& url, size_t pool_size);
  ~Database();

  Dialect dialect() const { return dialect_; }
  bool is_sqlite() const { return dialect_ == Dialect::kSqlite; }
  const std::string& url() const { return url_; }
  size_t pool_size() const { return pool_size_; }
  size_t in_use() const { return in_use_.load(); }

  template <typename F>
  auto Read(F&& fn) {
    Lease lease(*this);
    return fn(lease.session());
  }

  template <typename F>
  auto Write(F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    Lease lease(*this);
    soci::session& sql = lease.session();
    Begin(sql);
    try {
      auto result = fn(sql);
      if (result.ok()) {
        sql << "COMMIT";
      } else {
        sql << "ROLLBACK";
      }
      return result;
    } catch (...) {
      try {
        sql << "ROLLBACK";
      } catch (...) {
      }
      throw;
    }
  }

  // Checks the database answers (for /readyz).
  bool Ping();

  // Refreshes the planner's statistics after a bulk load (the demo, a large import). Without it
  // PostgreSQL plans a freshly filled table as if it held one row until autovacuum comes round,
  // and a join of meetings × attendance ran as a 5-second nested loop instead of 20 ms.
  void RefreshStatistics();

 private:
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease();
    soci::session& session();

   private:
    Database& db_;
    size_t pos_;
  };

  Database(std::string url, Dialect dialect, size_t pool_size);
  void Begin(soci::session& sql);

  std::string url_;
  Dialect dialect_;
  size_t pool_size_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::atomic<size_t> in_use_{0};
};

// When `e` is a unique-constraint violation, the column (field) it concerns; else empty.
std::string UniqueViolationField(const std::exception& e);

// db.Write(fn), where a unique violation that slipped past the caller's own check (two requests
// at once) becomes the 409 `conflict(field)` instead of an exception (a 500).
template <typename F, typename C>
auto WriteOrConflict(Database& db, F&& fn, C&& conflict) -> decltype(db.Write(fn)) {
  try {
    return db.Write(fn);
  } catch (const std::exception& e) {
    std::string field = UniqueViolationField(e);
    if (field.empty()) throw;
    return conflict(field);
  }
}

}  // namespace qizhi::platform::db
