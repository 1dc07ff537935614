#include "platform/core/config.hpp"

#include <cstdlib>
#include <functional>
#include <map>
#include <toml++/toml.h>

namespace qizhi {
namespace {

using Setter = std::function<Status(Config&, const std::string&)>;

struct Entry {
  ConfigKey key;
  Setter set;
};

Setter Str(std::string Config::*m) {
  return [m](Config& c, const std::string& v) -> Status {
    c.*m = v;
    return Ok();
  };
}
Setter Int(int64_t Config::*m) {
  return [m](Config& c, const std::string& v) -> Status {
    try {
      size_t used = 0;
      int64_t n = std::stoll(v, &used);
      if (used != v.size()) throw std::invalid_argument(v);
      c.*m = n;
      return Ok();
    } catch (const std::exception&) {
      return Invalid("", "应为整数: " + v);
    }
  };
}
Setter Bool(bool Config::*m) {
  return [m](Config& c, const std::string& v) -> Status {
    if (v == "true" || v == "1") c.*m = true;
    else if (v == "false" || v == "0") c.*m = false;
    else return Invalid("", "应为 true 或 false: " + v);
    return Ok();
  };
}

const std::vector<Entry>& Entries() {
  static const std::vector<Entry> entries = {
      {{"server", "db", "database URL: sqlite:PATH or postgresql://user@host:port/db"}, Str(&Config::db)},
      {{"server", "listen", "address to listen on"}, Str(&Config::listen)},
      {{"server", "port", "TCP port"}, Int(&Config::port)},
      {{"server", "web_root", "folder of the built web app (web/dist)"}, Str(&Config::web_root)},
      {{"server", "key_file", "key file for personal data encryption (created 0600)"}, Str(&Config::key_file)},
      {{"server", "public_origin", "public https origin behind a TLS proxy"}, Str(&Config::public_origin)},
      {{"server", "trust_proxy", "trust X-Forwarded-For from the proxy"}, Bool(&Config::trust_proxy)},
      {{"server", "io_threads", "RESTinio I/O threads"}, Int(&Config::io_threads)},
      {{"server", "worker_threads", "worker threads for database work"}, Int(&Config::worker_threads)},
      {{"server", "db_pool", "database connections"}, Int(&Config::db_pool)},
      {{"server", "max_body_bytes", "largest JSON request body"}, Int(&Config::max_body_bytes)},
      {{"server", "max_upload_bytes", "largest upload"}, Int(&Config::max_upload_bytes)},
      {{"server", "read_timeout_seconds", "time to read a request"}, Int(&Config::read_timeout_seconds)},
      {{"server", "write_timeout_seconds", "time to write a response"}, Int(&Config::write_timeout_seconds)},
      {{"server", "handler_timeout_seconds", "time to answer a request"}, Int(&Config::handler_timeout_seconds)},
      {{"server", "shutdown_grace_seconds", "time in-flight requests get on SIGTERM"}, Int(&Config::shutdown_grace_seconds)},
      {{"auth", "idle_timeout_seconds", "override the policy's idle timeout (tests)"}, Int(&Config::idle_timeout_seconds)},
      {{"auth", "absolute_timeout_seconds", "override the policy's absolute timeout (tests)"}, Int(&Config::absolute_timeout_seconds)},
      {{"auth", "lockout_seconds", "override the policy's lockout duration (tests)"}, Int(&Config::lockout_seconds)},
      {{"audit", "retention_days", "days audit rows are kept (>= 180)"}, Int(&Config::audit_retention_days)},
      {{"log", "level", "trace, debug, info, warn, error"}, Str(&Config::log_level)},
  };
  return entries;
}

std::string EnvName(const ConfigKey& k) {
  std::string s = "QIZHI_" + k.section + "_" + k.key;
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

}  // namespace

const std::vector<ConfigKey>& ConfigKeys() {
  static const std::vector<ConfigKey> keys = [] {
    std::vector<ConfigKey> v;
    for (const auto& e : Entries()) v.push_back(e.key);
    return v;
  }();
  return keys;
}

Status SetConfigValue(Config& config, const std::string& section, const std::string& key,
                      const std::string& text) {
  for (const auto& e : Entries()) {
    if (e.key.section == section && e.key.key == key) {
      auto st = e.set(config, text);
      if (!st.ok()) return Invalid(section + "." + key, "配置项 " + section + "." + key + " " + st.error().message);
      return Ok();
    }
  }
  return Invalid(section + "." + key, "未知配置项 " + section + "." + key);
}

Status LoadConfig(Config& config, const std::string& path) {
  if (!path.empty()) {
    toml::table table;
    try {
      table = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
      return Invalid("config", "配置文件 " + path + " 无法解析: " + std::string(e.description()));
    }
    for (auto&& [section, node] : table) {
      auto* sub = node.as_table();
      if (!sub) return Invalid("config", "配置文件 " + path + ": " + std::string(section.str()) + " 应为一节");
      for (auto&& [key, value] : *sub) {
        std::string text;
        if (auto s = value.value<std::string>(); s && value.is_string()) text = *s;
        else if (value.is_integer()) text = std::to_string(*value.value<int64_t>());
        else if (value.is_boolean()) text = *value.value<bool>() ? "true" : "false";
        else return Invalid("config", "配置文件 " + path + ": " + std::string(key.str()) + " 类型不支持");
        auto st = SetConfigValue(config, std::string(section.str()), std::string(key.str()), text);
        if (!st.ok()) return Invalid("config", "配置文件 " + path + ": " + st.error().message);
      }
    }
  }
  for (const auto& e : Entries()) {
    if (const char* v = std::getenv(EnvName(e.key).c_str()); v && *v) {
      auto st = e.set(config, v);
      if (!st.ok()) return Invalid(EnvName(e.key), "环境变量 " + EnvName(e.key) + " " + st.error().message);
    }
  }
  // Short forms that deployment tools commonly set.
  if (const char* v = std::getenv("QIZHI_DB"); v && *v) config.db = v;
  return ValidateConfig(config);
}

Status ValidateConfig(const Config& c) {
  if (c.port < 0 || c.port > 65535) return Invalid("server.port", "端口应在 0-65535 之间");
  if (c.audit_retention_days < 180)
    return Invalid("audit.retention_days", "审计日志保存期不得少于 180 天（等保要求至少 6 个月）");
  if (c.worker_threads < 1 || c.io_threads < 1 || c.db_pool < 1)
    return Invalid("server.worker_threads", "线程数和连接数至少为 1");
  if (c.db.rfind("sqlite:", 0) != 0 && c.db.rfind("postgresql://", 0) != 0 && c.db.rfind("postgres://", 0) != 0)
    return Invalid("server.db", "数据库地址应为 sqlite:路径 或 postgresql://…");
  return Ok();
}

}  // namespace qizhi
