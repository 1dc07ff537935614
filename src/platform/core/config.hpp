// Config: every setting of `qizhi serve`, read in this order, later wins:
// built-in defaults < TOML file (`--config`) < QIZHI_<SECTION>_<KEY> environment variables < flags.
// Load fails with a message naming the file, variable or key that is wrong.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "platform/core/result.hpp"

namespace qizhi {

struct Config {
  // [server]
  std::string db = "sqlite:var/qizhi.db";
  std::string listen = "127.0.0.1";
  int64_t port = 8080;
  std::string web_root = "web/dist";
  std::string key_file = "var/qizhi.key";
  std::string public_origin;      // e.g. "https://qizhi.example.org" behind nginx TLS: Secure cookies
  bool trust_proxy = false;       // take the client address from X-Forwarded-For (nginx in front)
  int64_t io_threads = 2;
  int64_t worker_threads = 8;     // blocking database work runs here, never on the I/O threads
  int64_t db_pool = 8;
  int64_t max_body_bytes = 1 << 20;         // JSON requests
  int64_t max_upload_bytes = 32 << 20;      // file uploads (imports, attachments)
  int64_t read_timeout_seconds = 30;
  int64_t write_timeout_seconds = 30;
  int64_t handler_timeout_seconds = 60;
  int64_t shutdown_grace_seconds = 30;
  // [auth] zero = use the tenant's security policy (what the security administrator sets).
  // Non-zero values exist so tests can watch a 15-minute lockout end in 3 seconds.
  int64_t idle_timeout_seconds = 0;
  int64_t absolute_timeout_seconds = 0;
  int64_t lockout_seconds = 0;
  // [audit]
  int64_t audit_retention_days = 180;  // 等保: at least 6 months; shorter is refused
  // [log]
  std::string log_level = "info";
};

struct ConfigKey {
  std::string section;
  std::string key;
  std::string help;
};
// The settings known to the loader, for `--help` and the README.
const std::vector<ConfigKey>& ConfigKeys();

// Applies the TOML file at `path` (empty: none) and then the environment to `config`.
Status LoadConfig(Config& config, const std::string& path);
// Applies one "section.key" = text (used by env and flags); fails naming the key.
Status SetConfigValue(Config& config, const std::string& section, const std::string& key,
                      const std::string& text);
Status ValidateConfig(const Config& config);

}  // namespace qizhi
