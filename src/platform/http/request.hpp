// The request and response as routes see them: plain structs, no RESTinio types, so a route
// can be unit-tested and the server can hand the work to a worker thread.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "platform/core/result.hpp"
#include "platform/core/scope.hpp"

namespace qizhi::platform::http {

struct RoleRef {
  int64_t id = 0;
  std::string code;
  std::string name;
};

// Who is calling: resolved from the session cookie by platform/auth.
struct Principal {
  int64_t session_id = 0;
  int64_t user_id = 0;
  int64_t tenant_id = 0;
  std::string username;
  std::string name;
  std::string tenant_name;
  std::vector<RoleRef> roles;
  std::set<std::string> permissions;
  Scope scope;
  std::string csrf_token;
  bool password_expired = false;     // may only change the password
  bool totp_enrol_required = false;  // may only enrol a second factor
  bool totp_enabled = false;
  bool Has(const std::string& permission) const { return permissions.count(permission) > 0; }
  // "a|b": holds any of them.
  bool HasAny(const std::string& alternatives) const {
    size_t start = 0;
    while (start <= alternatives.size()) {
      size_t end = alternatives.find('|', start);
      if (end == std::string::npos) end = alternatives.size();
      if (Has(alternatives.substr(start, end - start))) return true;
      start = end + 1;
    }
    return false;
  }
};

struct Request {
  std::string method;   // "GET", "POST"…
  std::string path;     // "/api/v1/users/12"
  std::string route;    // the matched pattern "/api/v1/users/{id}", for logs and metrics
  std::string ip;
  std::map<std::string, std::string> params;  // path parameters
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string session_token;
  std::optional<Principal> principal;

  const Principal& who() const { return *principal; }
  std::string Header(const std::string& lower_name) const;
  std::string Query(const std::string& name, const std::string& fallback = "") const;
  // The body as a JSON object; throws HttpError(400, field "body") when it is not one.
  nlohmann::json Json() const;
  // A path parameter that must be a positive integer; throws HttpError(404) otherwise.
  int64_t IdParam(const std::string& name = "id") const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by a route that wrote its own audit row for a refused write.
  bool audited = false;
};

// Thrown inside routes for input that cannot be parsed at all; turned into problem+json.
class HttpError : public std::exception {
 public:
  HttpError(ErrorCode code, Errors errors) : code_(code), errors_(std::move(errors)) {}
  explicit HttpError(Error e) : code_(e.code), errors_{std::move(e)} {}
  ErrorCode code() const { return code_; }
  const Errors& errors() const { return errors_; }
  const char* what() const noexcept override { return errors_.empty() ? "http error" : errors_[0].message.c_str(); }

 private:
  ErrorCode code_;
  Errors errors_;
};

// A text field of a JSON body: "" when absent or null; a non-text value adds an error naming it.
std::string JsonText(const nlohmann::json& body, const char* name, Errors& errors);
// The `version` an update or a state change was read at (optimistic locking): an integer, else
// 0 and the error 缺少版本号 on `version` added to `errors`.
int64_t JsonVersion(const nlohmann::json& body, Errors& errors);
// The same, throwing HttpError (400) for a non-text value.
std::string JsonTextOrThrow(const nlohmann::json& body, const char* name);

// JSON null for what is absent: "" or nullopt → null, otherwise the value.
inline nlohmann::json TextOrNull(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }
template <typename T>
nlohmann::json ValueOrNull(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// "/api/v1/members?org=5&status=%E6%AD%A3%E5%BC%8F": `path` with the parameters that are set,
// percent-encoded (RFC 3986), in name order — a list's address, e.g. a figure's `records`.
std::string ListUrl(const std::string& path, const std::map<std::string, std::string>& params);

int StatusOf(ErrorCode code);
Response JsonResponse(int status, const nlohmann::json& body);
Response NoContent();
// The value as JSON with `status`, or the errors as problem+json.
Response JsonOrProblem(const Result<nlohmann::json>& r, int status = 200);
// RFC 9457 problem+json; the status follows the first error's code.
Response Problem(const Errors& errors, nlohmann::json extra = nlohmann::json::object());
Response Problem(int status, const std::string& title, const Errors& errors = {});

// List parameters of ARCHITECTURE.md: page (from 1), size (1..200), sort ("name" or "-name"),
// checked against the fields a list allows.
struct ListParams {
  int64_t page = 1;
  int64_t size = 20;
  std::string sort_field;
  bool sort_desc = false;
  std::string q;
  int64_t Offset() const { return (page - 1) * size; }
};
ListParams ParseListParams(const Request& req, const std::vector<std::string>& sortable,
                           const std::string& default_sort);
nlohmann::json ListBody(nlohmann::json items, int64_t total, const ListParams& p);
// For short lists held in memory (roles, org units): sorts by p.sort_field and cuts the page.
nlohmann::json PageInMemory(nlohmann::json items, const ListParams& p);

}  // namespace qizhi::platform::http
