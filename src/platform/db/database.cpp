#include "platform/db/database.hpp"

#include <chrono>
#include <filesystem>
#include <regex>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>
#include <thread>

namespace qizhi::platform::db {

namespace {
// SOCI 4.0 mangles URI connection strings, so postgresql://user:pw@host:port/db?k=v becomes
// libpq's keyword form "host=… port=… dbname=… user=… password=… k=v".
std::string PostgresKeywords(const std::string& url) {
  std::string rest = url.substr(url.find("://") + 3);
  std::string params;
  if (auto q = rest.find('?'); q != std::string::npos) {
    params = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string dbname;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    dbname = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
  }
  std::string user, password, hostport = rest;
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string cred = rest.substr(0, at);
    hostport = rest.substr(at + 1);
    auto colon = cred.find(':');
    user = cred.substr(0, colon);
    if (colon != std::string::npos) password = cred.substr(colon + 1);
  }
  std::string host = hostport, port;
  if (auto colon = hostport.rfind(':'); colon != std::string::npos && hostport.find(']') == std::string::npos) {
    host = hostport.substr(0, colon);
    port = hostport.substr(colon + 1);
  }
  std::string out;
  auto add = [&out](const char* key, const std::string& v) {
    if (v.empty()) return;
    std::string quoted;
    for (char c : v) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    out += std::string(out.empty() ? "" : " ") + key + "='" + quoted + "'";
  };
  add("host", host);
  add("port", port);
  add("dbname", dbname);
  add("user", user);
  add("password", password);
  size_t start = 0;
  while (start < params.size()) {
    size_t amp = params.find('&', start);
    if (amp == std::string::npos) amp = params.size();
    std::string kv = params.substr(start, amp - start);
    if (auto eq = kv.find('='); eq != std::string::npos) add(kv.substr(0, eq).c_str(), kv.substr(eq + 1));
    start = amp + 1;
  }
  return out;
}
}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& url, size_t pool_size) {
  Dialect dialect;
  std::string connect;
  if (url.rfind("sqlite:", 0) == 0) {
    dialect = Dialect::kSqlite;
    std::string path = url.substr(7);
    if (path.empty()) return Invalid("db", "SQLite 数据库路径为空");
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    // timeout= is SQLite's busy timeout in seconds: a writer waits for the lock instead of failing.
    connect = "db=\"" + path + "\" timeout=30";
  } else if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    dialect = Dialect::kPostgres;
    connect = PostgresKeywords(url);
  } else {
    return Invalid("db", "数据库地址应为 sqlite:路径 或 postgresql://…");
  }
  std::unique_ptr<Database> db(new Database(url, dialect, pool_size));
  try {
    for (size_t i = 0; i < pool_size; ++i) {
      soci::session& s = db->pool_->at(i);
      if (dialect == Dialect::kSqlite) {
        s.open(soci::sqlite3, connect);
        // WAL: readers never block the writer. synchronous=FULL: an acknowledged write
        // survives power loss. foreign_keys: SQLite leaves them off by default.
        s << "PRAGMA journal_mode=WAL";
        s << "PRAGMA synchronous=FULL";
        s << "PRAGMA foreign_keys=ON";
        s << "PRAGMA busy_timeout=30000";
      } else {
        s.open(soci::postgresql, connect);
        s << "SET TIME ZONE 'UTC'";
      }
    }
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("无法连接数据库: ") + e.what(), "db"};
  }
  return db;
}

Database::Database(std::string url, Dialect dialect, size_t pool_size)
    : url_(std::move(url)),
      dialect_(dialect),
      pool_size_(pool_size),
      pool_(std::make_unique<soci::connection_pool>(pool_size)) {}

Database::~Database() = default;

Database::Lease::Lease(Database& db) : db_(db), pos_(db.pool_->lease()) { ++db_.in_use_; }
Database::Lease::~Lease() {
  --db_.in_use_;
  db_.pool_->give_back(pos_);
}
soci::session& Database::Lease::session() { return db_.pool_->at(pos_); }

void Database::Begin(soci::session& sql) {
  if (dialect_ == Dialect::kPostgres) {
    sql << "BEGIN";
    return;
  }
  // The busy timeout covers most waits; a retry loop covers the rest so that
  // "database is locked" never reaches a user.
  for (int attempt = 0;; ++attempt) {
    try {
      sql << "BEGIN IMMEDIATE";
      return;
    } catch (const soci::soci_error& e) {
      if (attempt >= 20 || std::string(e.what()).find("locked") == std::string::npos) throw;
      spdlog::warn("event=db_busy attempt={}", attempt);
      std::this_thread::sleep_for(std::chrono::milliseconds(50 * (attempt + 1)));
    }
  }
}

void Database::RefreshStatistics() {
  Lease lease(*this);
  // SQLite: `PRAGMA optimize` analyses only the tables whose statistics are worth having.
  lease.session() << (is_sqlite() ? "PRAGMA optimize" : "ANALYZE");
}

bool Database::Ping() {
  try {
    Lease lease(*this);
    int one = 0;
    lease.session() << "SELECT 1", soci::into(one);
    return one == 1;
  } catch (const std::exception& e) {
    spdlog::warn("event=db_ping_failed error=\"{}\"", e.what());
    return false;
  }
}

std::string UniqueViolationField(const std::exception& e) {
  std::string what = e.what();
  static const std::regex kSqlite(R"(UNIQUE constraint failed: \w+\.(\w+))");
  // PostgreSQL names the constraint; ours are named uq_<table>__<column>.
  static const std::regex kPostgres(R"re(duplicate key value violates unique constraint "uq_\w+?__(\w+)")re");
  std::smatch m;
  if (std::regex_search(what, m, kSqlite)) return m[1];
  if (std::regex_search(what, m, kPostgres)) return m[1];
  return {};
}

}  // namespace qizhi::platform::db
