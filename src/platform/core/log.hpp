// Logging: spdlog to stderr, one line per event, key=value fields so log tools can parse them.
// Never log a session token, a password or personal data (ID number, phone, name of a resident).
#pragma once
#include <string>

namespace qizhi {
void InitLogging(const std::string& level);
}
