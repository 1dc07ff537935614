#include "platform/http/router.hpp"

#include <stdexcept>

namespace qizhi::platform::http {
namespace {
std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}
}  // namespace

void Router::Add(Route route) {
  if (route.access == Access::kPermission && route.permission.empty())
    throw std::logic_error("route without permission: " + route.pattern);
  for (const auto& r : routes_)
    if (r.method == route.method && r.pattern == route.pattern)
      throw std::logic_error("duplicate route: " + route.method + " " + route.pattern);
  compiled_.push_back({Split(route.pattern)});
  routes_.push_back(std::move(route));
}

const Route* Router::Match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params, bool& path_known) const {
  path_known = false;
  // A request target must be an absolute path: "*api/v1/me" is not "/api/v1/me".
  if (path.empty() || path.front() != '/') return nullptr;
  auto segs = Split(path);
  // The most literal pattern wins, whatever the registration order: /members/export before
  // /members/{id}.
  const Route* best = nullptr;
  int best_literals = -1;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = compiled_[i].segments;
    if (pat.size() != segs.size()) continue;
    std::map<std::string, std::string> found;
    bool ok = true;
    int literals = 0;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (pat[k].size() > 2 && pat[k].front() == '{' && pat[k].back() == '}') {
        if (segs[k].empty()) ok = false;
        else found[pat[k].substr(1, pat[k].size() - 2)] = segs[k];
      } else if (pat[k] != segs[k]) {
        ok = false;
      } else {
        ++literals;
      }
    }
    if (!ok) continue;
    path_known = true;
    if ((routes_[i].method == method || (method == "HEAD" && routes_[i].method == "GET")) && literals > best_literals) {
      best = &routes_[i];
      best_literals = literals;
      params = std::move(found);
    }
  }
  return best;
}

}  // namespace qizhi::platform::http
