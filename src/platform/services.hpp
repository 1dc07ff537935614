// What every area's routes need from the platform, passed by reference at start-up.
#pragma once
#include "platform/core/config.hpp"
#include "platform/db/database.hpp"
#include "platform/jobs/jobs.hpp"
#include "platform/pii/cipher.hpp"

namespace qizhi::platform {

struct Services {
  db::Database& db;
  const pii::Cipher& cipher;
  const Config& config;
  bool secure_cookies = false;
  // Long work (imports) with a progress bar; null where no server runs (e.g. `qizhi routes`).
  jobs::JobRunner* jobs = nullptr;
};

}  // namespace qizhi::platform
