#include "platform/http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace qizhi::platform::http {
namespace fs = std::filesystem;

std::string ContentTypeFor(const std::string& path) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "application/javascript; charset=utf-8"},
      {".mjs", "application/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
      {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
      {".webmanifest", "application/manifest+json"}, {".pdf", "application/pdf"},
  };
  auto ext = fs::path(path).extension().string();
  auto it = kTypes.find(ext);
  return it == kTypes.end() ? "application/octet-stream" : it->second;
}

namespace {
std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

std::optional<Response> ServeStatic(const std::string& root, const std::string& path) {
  if (root.empty()) return std::nullopt;
  std::error_code ec;
  fs::path base = fs::weakly_canonical(root, ec);
  if (ec) return std::nullopt;
  std::string rel = path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  fs::path candidate = fs::weakly_canonical(base / rel, ec);
  // Refuse anything that resolves outside the web root ("/../../etc/passwd").
  bool inside = !ec && candidate.string().rfind(base.string(), 0) == 0;
  Response r;
  r.headers.push_back({"X-Content-Type-Options", "nosniff"});
  if (inside && !rel.empty() && fs::is_regular_file(candidate, ec)) {
    auto body = ReadFile(candidate);
    if (body) {
      r.body = std::move(*body);
      r.content_type = ContentTypeFor(candidate.string());
      bool hashed = rel.rfind("assets/", 0) == 0;
      r.headers.push_back({"Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache"});
      return r;
    }
  }
  // A missing asset is a 404, not the app: a stale page asking for an old chunk must see it.
  if (rel.rfind("assets/", 0) == 0) return std::nullopt;
  auto index = ReadFile(base / "index.html");
  if (!index) return std::nullopt;
  r.body = std::move(*index);
  r.content_type = "text/html; charset=utf-8";
  r.headers.push_back({"Cache-Control", "no-cache"});
  r.headers.push_back({"Content-Security-Policy",
                       "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
                       "font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"});
  r.headers.push_back({"X-Frame-Options", "DENY"});
  return r;
}

}  // namespace qizhi::platform::http
