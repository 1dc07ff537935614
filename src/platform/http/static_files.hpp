// Static files of the web app (web/dist): content types, cache headers, SPA fallback.
// Hashed assets under /assets/ are cached for a year (their name changes with their content);
// index.html and the rest are revalidated every time so a new release shows at once.
#pragma once
#include <optional>
#include <string>

#include "platform/http/request.hpp"

namespace qizhi::platform::http {

std::string ContentTypeFor(const std::string& path);
// The file for a GET of `path` under `root`, index.html for unknown paths (client routes),
// nullopt when there is no web root or index.html.
std::optional<Response> ServeStatic(const std::string& root, const std::string& path);

}  // namespace qizhi::platform::http
