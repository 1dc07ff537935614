// Parameters bound by position, for statements with thousands of them (multi-row INSERTs).
// Query binds by name, and a named parameter is found by searching the statement's names — in
// SQLite's parser (:name) and again when SOCI binds it — so a statement's cost grows with the
// square of its parameters: at 4,000 per statement an import spent most of its time there rather
// than inserting. InOrder writes PostgreSQL's $n and SQLite's anonymous ?, so each term must be
// written into the text in the order it is bound, and once.
#pragma once
#include <cstdint>
#include <optional>
#include <soci/soci.h>
#include <string>
#include <vector>

#include "platform/db/query.hpp"

namespace qizhi::platform::db {

class InOrder {
 public:
  explicit InOrder(soci::session& sql);
  InOrder(const InOrder&) = delete;
  InOrder& operator=(const InOrder&) = delete;

  // The placeholder of the next parameter.
  std::string operator()(int64_t v);
  std::string operator()(const std::string& v);
  // Empty text is NULL, written into the text (SOCI 4.0 binds a null value as '' on SQLite).
  std::string TextOrNull(const std::string& v) { return v.empty() ? "NULL" : (*this)(v); }
  std::string OptionalInt(const std::optional<int64_t>& v) { return v ? (*this)(*v) : "NULL"; }

  std::vector<Row> Fetch(soci::session& sql, const std::string& text);
  void Exec(soci::session& sql, const std::string& text);

 private:
  std::string Next();
  soci::values values_;
  bool dollar_;
  int n_ = 0;
};

}  // namespace qizhi::platform::db
