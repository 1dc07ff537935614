#include "platform/http/request.hpp"

#include <algorithm>

namespace qizhi::platform::http {

std::string Request::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Request::Query(const std::string& name, const std::string& fallback) const {
  auto it = query.find(name);
  return it == query.end() ? fallback : it->second;
}

nlohmann::json Request::Json() const {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object())
    throw HttpError(Invalid("body", "请求内容不是有效的 JSON 对象"));
  return j;
}

int64_t Request::IdParam(const std::string& name) const {
  auto it = params.find(name);
  if (it != params.end() && !it->second.empty() && it->second.size() < 18 &&
      std::all_of(it->second.begin(), it->second.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t v = std::stoll(it->second);
    if (v > 0) return v;
  }
  throw HttpError(Error{ErrorCode::kNotFound, "记录不存在", name});
}

std::string JsonText(const nlohmann::json& body, const char* name, Errors& errors) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return {};
  if (!it->is_string()) {
    errors.push_back(Invalid(name, std::string(name) + " 应为文本"));
    return {};
  }
  return it->get<std::string>();
}

int64_t JsonVersion(const nlohmann::json& body, Errors& errors) {
  if (body.contains("version") && body["version"].is_number_integer()) return body["version"].get<int64_t>();
  errors.push_back(Invalid("version", "缺少版本号，请刷新后重试"));
  return 0;
}

std::string JsonTextOrThrow(const nlohmann::json& body, const char* name) {
  Errors errors;
  std::string v = JsonText(body, name, errors);
  if (!errors.empty()) throw HttpError(ErrorCode::kInvalid, errors);
  return v;
}

int StatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 400;
    case ErrorCode::kUnauthorized: return 401;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kInternal: return 500;
  }
  return 500;
}

namespace {
const char* TitleOf(int status) {
  switch (status) {
    case 400: return "输入有误";
    case 401: return "未登录或登录已失效";
    case 403: return "无权进行此操作";
    case 404: return "记录不存在";
    case 405: return "不支持的请求方法";
    case 409: return "与现有记录冲突";
    case 413: return "请求内容过大";
    case 503: return "服务暂不可用";
    default: return "服务器内部错误";
  }
}
}  // namespace

Response JsonResponse(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response JsonOrProblem(const Result<nlohmann::json>& r, int status) {
  if (!r.ok()) return Problem(r.errors());
  return JsonResponse(status, r.value());
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Problem(int status, const std::string& title, const Errors& errors) {
  nlohmann::json errs = nlohmann::json::array();
  for (const auto& e : errors) errs.push_back({{"field", e.field}, {"message", e.message}});
  nlohmann::json body = {{"type", "about:blank"},
                         {"title", title.empty() ? TitleOf(status) : title},
                         {"status", status},
                         {"detail", errors.empty() ? std::string(TitleOf(status)) : errors.front().message},
                         {"errors", errs}};
  Response r = JsonResponse(status, body);
  r.content_type = "application/problem+json; charset=utf-8";
  return r;
}

Response Problem(const Errors& errors, nlohmann::json extra) {
  int status = errors.empty() ? 500 : StatusOf(errors.front().code);
  Response r = Problem(status, "", errors);
  if (!extra.empty()) {
    auto body = nlohmann::json::parse(r.body);
    body.update(extra);
    r.body = body.dump();
  }
  return r;
}

ListParams ParseListParams(const Request& req, const std::vector<std::string>& sortable,
                           const std::string& default_sort) {
  ListParams p;
  Errors errors;
  auto parse_int = [&](const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
    std::string v = req.Query(name);
    if (v.empty()) return fallback;
    if (v.size() > 9 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoll(v) < lo || std::stoll(v) > hi) {
      errors.push_back(Invalid(name, name == "page" ? "页码应为正整数" : "每页条数应在 1-200 之间"));
      return fallback;
    }
    return static_cast<int64_t>(std::stoll(v));
  };
  p.page = parse_int("page", 1, 1, 100000000);
  p.size = parse_int("size", 20, 1, 200);
  p.q = req.Query("q");
  std::string sort = req.Query("sort", default_sort);
  p.sort_desc = !sort.empty() && sort[0] == '-';
  p.sort_field = p.sort_desc ? sort.substr(1) : sort;
  if (std::find(sortable.begin(), sortable.end(), p.sort_field) == sortable.end())
    errors.push_back(Invalid("sort", "不能按此字段排序: " + p.sort_field));
  if (!errors.empty()) throw HttpError(ErrorCode::kInvalid, errors);
  return p;
}

nlohmann::json PageInMemory(nlohmann::json items, const ListParams& p) {
  std::vector<nlohmann::json> v(items.begin(), items.end());
  std::stable_sort(v.begin(), v.end(), [&p](const nlohmann::json& a, const nlohmann::json& b) {
    const auto& x = a[p.sort_field];
    const auto& y = b[p.sort_field];
    return p.sort_desc ? y < x : x < y;
  });
  nlohmann::json page = nlohmann::json::array();
  for (int64_t i = p.Offset(); i < static_cast<int64_t>(v.size()) && i < p.Offset() + p.size; ++i) page.push_back(v[i]);
  return ListBody(page, static_cast<int64_t>(v.size()), p);
}

nlohmann::json ListBody(nlohmann::json items, int64_t total, const ListParams& p) {
  return {{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"size", p.size}};
}

std::string ListUrl(const std::string& path, const std::map<std::string, std::string>& params) {
  static const char* kHex = "0123456789ABCDEF";
  std::string url = path;
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    url += sep;
    sep = '&';
    url += name;
    url += '=';
    for (unsigned char c : value) {
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
          c == '_' || c == '~') {
        url += static_cast<char>(c);
      } else {
        url += '%';
        url += kHex[c >> 4];
        url += kHex[c & 15];
      }
    }
  }
  return url;
}

}  // namespace qizhi::platform::http
